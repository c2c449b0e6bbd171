"""The deterministic extractor: profile detection, grounded candidates, arithmetic selection, reconcile.

``extract_rules(doc, profile) -> RulesOutcome`` is what both the ``rules`` and ``local`` extractors run
first. The outcome holds the chosen values with their evidence, plus what a model could be asked
about: fields left missing and fields whose top candidates were close (``ambiguous``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minimeter.extract import currency, lineitems
from minimeter.extract.blocks import Block
from minimeter.extract.candidates import Candidate, Finder
from minimeter.extract.profiles import Profile, detect
from minimeter.extract.provider import provider_guess
from minimeter.extract.select import Choice
from minimeter.extract.steps import STEPS, RulesState
from minimeter.extract.units import declared_water_unit
from minimeter.schema import BillNormalized, FieldEvidence, Meter, Span

if TYPE_CHECKING:
    from minimeter.readers.base import Document

log = logging.getLogger(__name__)


@dataclass
class RulesOutcome:
    bill: BillNormalized
    evidence: dict[str, FieldEvidence]
    choices: dict[str, Choice]
    candidates: dict[str, list[Candidate]]
    profile: Profile | None
    finder: Finder
    ambiguous: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    summary: Block | None = None
    """The summary block that added up, when one did (its rows and closing amount)."""
    abandoned: list[str] = field(default_factory=list)
    """Steps stopped by a figure their arithmetic could not take (see ``ExtractionResult.abandoned``)."""


def _span(c: Candidate | None) -> Span | None:
    if c is None:
        return None
    return Span(page=c.page, start=c.start, end=c.end, text=c.raw[:500], layout=c.layout)


def extract_rules(doc: Document, profile: Profile | None = None, *, detect_profile: bool = True) -> RulesOutcome:
    """Run the extraction steps (``steps.STEPS``) over one document and reconcile their choices."""
    t0 = time.perf_counter()
    if profile is None and detect_profile:
        profile = detect(doc.text)
    t1 = time.perf_counter()
    state = RulesState(doc, profile, Finder(doc, profile))
    for name, step in STEPS:
        ts = time.perf_counter()
        try:
            step(state)
        except ArithmeticError as exc:
            # A figure out of every range the arithmetic expects (a decimal overflow, a division by zero)
            # stops this step only: the others still read what they can, and the bill waits for a person
            # with the reason instead of the whole extraction failing on one number.
            log.warning("rules step %s abandoned: %s", name, type(exc).__name__)
            state.abandoned.append(f"the {name} step could not compute on a figure it read "
                                   f"({type(exc).__name__})")
        state.timings[name] = time.perf_counter() - ts
    bill, evidence = reconcile(state.choices, profile, doc, state.meters)
    items, items_evidence = (lineitems.attach(state.charges, bill.current_charges, bill.total_amount_due)
                             if state.charges is not None else ([], None))
    if items_evidence is not None:
        bill, evidence["line_items"] = bill.model_copy(update={"line_items": items}), items_evidence
    ambiguous = [f for f, ch in state.choices.items() if "__" not in f and ch.confidence < 0.8]
    t2 = time.perf_counter()
    timings = {"detect": t1 - t0, "rules": t2 - t1}
    return RulesOutcome(bill, evidence, state.choices, state.cands, profile, state.finder, ambiguous, timings,
                        state.summary, state.abandoned)


def reconcile(choices: dict[str, Choice], profile: Profile | None, doc: Document,
              meters: list[Meter]) -> tuple[BillNormalized, dict[str, FieldEvidence]]:
    """Merge the chosen values into one validated ``BillNormalized`` plus per-field evidence."""
    data: dict[str, Any] = {}
    ev: dict[str, FieldEvidence] = {}
    for fname, ch in choices.items():
        if "__" in fname or ch.value in (None, ""):
            continue
        data[fname] = ch.value
        ev[fname] = FieldEvidence(value=str(ch.value), confidence=ch.confidence, source="rules",
                                  span=_span(ch.cand), grounded=True, note=ch.note[:200] or None,
                                  contested=ch.contested)
    for q, unit_field in (("gas_usage", "gas_usage_unit"), ("water_usage", "water_usage_unit")):
        u = choices.get(q + "__unit")
        if q in data and u and u.value:
            data[unit_field] = u.value
            ev[unit_field] = FieldEvidence(value=u.value, confidence=u.confidence, source="rules")
    if "water_usage" in data and "water_usage_unit" not in data:
        # A water figure in the bill's own "units", which it defines ("1 Unit = 1,000 Litres"): cubic metres.
        declared = declared_water_unit(doc.text)
        if declared:
            data["water_usage_unit"] = declared
            ev["water_usage_unit"] = FieldEvidence(value=declared, confidence=0.8, source="rules",
                                                   note="the unit the bill defines")
    if "gas_usage" in data and data.get("gas_usage_unit") == "therms":
        data["gas_therms"] = data["gas_usage"]
        ev["gas_therms"] = ev["gas_usage"].model_copy()
    if not profile:
        name = provider_guess(doc, customer=data.get("customer_name"))
        if name:
            data["provider"] = name
            ev["provider"] = FieldEvidence(value=name, confidence=0.6, source="rules", note="first lines")
    if profile:
        data["provider"] = profile.name
        data["provider_id"] = profile.id
        for f in ("provider", "provider_id"):
            ev[f] = FieldEvidence(value=data[f], confidence=0.95, source="profile", note="detected profile")
    cur = currency.read(doc.text, profile)
    if cur.code:
        data["currency"] = cur.code
        # (An unconfirmed reading, a shared "$" on a page naming no country, is a guess: validation holds
        # the bill for it, see validate/currency.)
        ev["currency"] = FieldEvidence(value=cur.code, confidence=0.95 if cur.basis else 0.6,
                                       source="profile" if profile and cur.code == profile.currency else "rules",
                                       note=cur.basis or "a sign several currencies print; the page names "
                                                         "no country")
    if meters:
        if "meter_number" in data:
            meters[0] = meters[0].model_copy(update={"number": data["meter_number"]})
        data["meters"] = meters
    bill = BillNormalized.model_validate(data)
    return bill, ev
