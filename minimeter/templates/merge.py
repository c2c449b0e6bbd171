"""Merge a template's reading with the generic extractor's, and let the bill's own checks decide.

``merge(generic, reading, doc, settings) -> Merged``:

1. The template's values replace the generic extractor's. A value found only at its old box (no label)
   fills a gap and never replaces a generic value. A value both readings found is marked as agreed, which
   validation counts as corroboration (``validate.corroborate.TEMPLATE_AGREES``): two readings that could
   have disagreed.
2. Validation runs. A template value named by a check that *contradicts* it (the balance, the line items,
   the meter reads, the period's order...) is taken back and the generic value returns, so a template never
   overrides a value that fails a check. When the same check also names an unsure generic value (below
   ``review_confidence``) and leaving that one out makes the check hold, the unsure value is left out
   instead: a fee printed in a sentence and read as the payments does not take back the current charges.
   A rule that fails because a value is not yet *confirmed* (``UNCONFIRMED``) takes nothing back by itself.
3. Where the template and the generic reading still differ, the bill is validated once with the generic
   value instead: the reading a check confirms (or does not contradict) while the rival fails it wins, and
   the loser is taken back or kept out. Otherwise, when the generic reading was confident and nothing backs
   the template's value, a person decides (the bill goes to review with both values named).
4. When too many of the template's fields are missing or taken back (the layout changed), the template
   is set aside for this bill: the generic result is returned untouched and ``Merged.note`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minimeter.templates.apply import CONF_LABEL
from minimeter.templates.learn import fmt_of, printed_on, same_value

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import CheckResult, ExtractionResult, FieldEvidence
    from minimeter.settings import Settings
    from minimeter.templates.apply import Reading
    from minimeter.templates.model import Anchor

SET_ASIDE_SHARE = 0.4
"""A template whose fields are missing or contradicted on more than this share of them is set aside."""
ARITHMETIC = ("balance", "line_items_sum", "meter_reads", "usage_matches_meters")
UNCONFIRMED = ("total_confirmed", "period_confirmed", "usage_confirmed", "currency_confirmed", "confidence",
               "required_fields")
"""Rules that fail when a value is unconfirmed or unsure, not when it is contradicted."""
NOT_ABOUT_VALUES = ("confidence", "required_fields")
"""Rules that say nothing about whether a value is right (how sure a reader was, what is missing)."""
UNCHECKED_TEXT = ("customer_name", "service_address", "rate_plan", "provider", "currency", "gas_usage_unit",
                  "water_usage_unit", "provider_id")

Values = dict[str, tuple[Any, "FieldEvidence"]]


@dataclass
class Merged:
    result: ExtractionResult
    used: list[str] = field(default_factory=list)
    """Fields whose value came from (or was confirmed by) the template."""
    rejected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """Unsure generic values left out because the template's values and a check agreed without them."""
    set_aside: bool = False
    note: str = ""


def _apply(generic: ExtractionResult, values: Values) -> ExtractionResult:
    bill = generic.bill.model_copy(update={k: v for k, (v, _) in values.items()})
    evidence = dict(generic.evidence)
    for k, (_, ev) in values.items():
        evidence[k] = ev
    return generic.model_copy(update={"bill": bill, "evidence": evidence})


def _without(generic: ExtractionResult, names: list[str]) -> ExtractionResult:
    """``generic`` with ``names`` left out (value and evidence)."""
    kept = {k: v for k, v in generic.evidence.items() if k not in names}
    return generic.model_copy(update={"bill": generic.bill.model_copy(update={k: None for k in names}),
                                      "evidence": kept})


def _failing(checks: list[CheckResult], name: str, skip: tuple[str, ...] = NOT_ABOUT_VALUES) -> set[str]:
    return {c.rule for c in checks if c.passed is False and name in c.fields and c.rule not in skip}


def _contradicted(result: ExtractionResult) -> list[CheckResult]:
    return [c for c in result.checks if c.passed is False and c.rule not in UNCONFIRMED]


def _proven(name: str, ev: FieldEvidence, anchors: dict[str, Anchor], unique: set[str]) -> bool:
    """An anchor that already read the approved value on a later bill, found again beside a label of at least
    six characters printed once on its page (not "Total", printed on every line of a table)."""
    a = anchors.get(name)
    return a is not None and a.confirmed >= 1 and ev.confidence >= CONF_LABEL and name in unique


def _therms_mismatch(generic: ExtractionResult, values: Values) -> str | None:
    """The template field to take back when gas_therms and gas_usage (in therms) would differ."""
    def get(k: str) -> Any:
        return values[k][0] if k in values else getattr(generic.bill, k)

    if get("gas_usage_unit") != "therms" or get("gas_therms") is None or get("gas_usage") is None:
        return None
    if same_value("number", get("gas_therms"), get("gas_usage")):
        return None
    return next((k for k in ("gas_therms", "gas_usage") if k in values and values[k][1].confidence < 0.99), None) \
        or next((k for k in ("gas_therms", "gas_usage") if k in values), None)


class _Merge:
    """The state of one merge: the template's values still used, the generic result they sit on."""

    def __init__(self, generic: ExtractionResult, reading: Reading, doc: Document, settings: Settings) -> None:
        self.doc = doc
        self.settings = settings
        self.reading = reading
        self.original = generic
        self.generic = generic
        self.values: Values = dict(reading.values)
        self.agree = {k for k, (v, _) in self.values.items() if same_value(fmt_of(k), getattr(generic.bill, k), v)}
        self.rejected: list[str] = []
        self.left_out: list[str] = []
        self.backed: set[str] = set()
        """Template values a check confirms where the generic rival fails it."""

    def finalize(self, result: ExtractionResult) -> ExtractionResult:
        from minimeter.validate import finalize

        return finalize(result, self.doc, self.settings)

    def result(self) -> ExtractionResult:
        return self.finalize(_apply(self.generic, self.values))

    def unsure(self, name: str) -> bool:
        ev = self.original.evidence.get(name)
        return (getattr(self.generic.bill, name) is not None and ev is not None and ev.source != "human"
                and ev.confidence < self.settings.review_confidence)

    def take_back(self, names: list[str]) -> None:
        for k in names:
            if self.values.pop(k, None) is not None:
                self.rejected.append(k)

    def leave_out(self, names: list[str]) -> None:
        for k in names:
            self.values.pop(k, None)
        self.generic = _without(self.generic, names)
        self.left_out += names

    def contradictions(self, result: ExtractionResult) -> ExtractionResult:
        """Step 2: take back template values a check contradicts (or leave out the unsure rival it names)."""
        for _ in range(3):
            changed = False
            for c in _contradicted(result):
                mine = [k for k in c.fields if k in self.values and k not in self.agree]
                if not mine:
                    continue
                weak = [k for k in c.fields if k not in mine and self.unsure(k)]
                if weak:
                    trial = self.finalize(_apply(_without(self.generic, weak),
                                                 {k: v for k, v in self.values.items() if k not in weak}))
                    if any(t.rule == c.rule and t.passed is True for t in trial.checks):
                        self.leave_out(weak)
                        changed = True
                        break
                self.take_back(mine)
                changed = True
                break
            if not changed:
                return result
            result = self.result()
        return result

    def disputes(self, result: ExtractionResult) -> ExtractionResult:
        """Step 3: where the two readings still differ, the one the checks back wins."""
        for k in [k for k in self.values if k not in self.agree and k not in UNCHECKED_TEXT
                  and getattr(self.generic.bill, k) is not None]:
            rival = {n: v for n, v in self.values.items() if n != k}
            alt = self.finalize(_apply(self.generic, rival))
            mine, theirs = _failing(result.checks, k), _failing(alt.checks, k)
            if theirs - mine and not mine - theirs:
                self.backed.add(k)
            elif mine - theirs and not theirs - mine:
                self.values = rival
                self.rejected.append(k)
                result = alt
        return result

    def conflicts(self, result: ExtractionResult) -> list[tuple[str, str, str]]:
        """Key fields where the template kept a value a confident generic reading disputes, and no check
        backs it: a person decides (a template learned from one bill may have anchored a value that coincided
        with another field on it)."""
        backed = self.backed | {f for c in result.checks if c.passed is True and c.rule in ARITHMETIC
                                for f in c.fields}
        confident = {k for k in self.original.bill.scalar_fields() if getattr(self.original.bill, k) is not None
                     and (ev := self.original.evidence.get(k)) is not None
                     and ev.confidence >= self.settings.review_confidence}
        out = []
        for k, (v, ev) in self.values.items():
            if k in self.agree or k in UNCHECKED_TEXT or getattr(self.generic.bill, k) is None:
                continue
            if k not in confident or k in backed:
                continue  # an unsure generic value would have sent the bill to review on its own
            if _proven(k, ev, self.reading.template.fields, self.reading.unique):
                continue
            out.append((k, f"template {v}", f"generic {getattr(self.generic.bill, k)}"))
        return out


def merge(generic: ExtractionResult, reading: Reading, doc: Document, settings: Settings) -> Merged:
    from minimeter.validate.corroborate import TEMPLATE_AGREES

    m = _Merge(generic, reading, doc, settings)
    for k in [k for k, (_, ev) in m.values.items() if ev.confidence < CONF_LABEL and k not in m.agree
              and (getattr(generic.bill, k) is not None or k in reading.confirm_only)]:
        m.values.pop(k)  # found only at its old place (another date may sit there now): it fills gaps, never replaces
    for k in m.agree:  # the generic reading found the same value: both readings back it
        v, ev = m.values[k]
        if fmt_of(k) in ("money", "number"):
            v = getattr(generic.bill, k)  # the same figure; the sign as the generic rules read it (a credit)
        old = generic.evidence.get(k)
        m.values[k] = (v, ev.model_copy(update={"confidence": max(ev.confidence, old.confidence if old else 0.0),
                                                "note": f"{ev.note}; {TEMPLATE_AGREES}"[:200]}))
    for k in [k for k in ("provider", "provider_id") if k in m.values and k not in m.agree
              and reading.template.fields[k].printed and not printed_on(doc, str(m.values[k][0]))]:
        m.values.pop(k)  # one layout, several utilities (a billing bureau's): this bill does not print that one
    dropped = [k for k in reading.template.unread if k not in m.values and getattr(generic.bill, k) is not None]
    if dropped:  # a reviewer corrected the generic reading of these on this layout: leave them out, not wrong
        m.generic = _without(m.generic, dropped)
    therms = _therms_mismatch(m.generic, m.values)
    if therms:  # gas in therms is one quantity read twice: two different readings cannot both be right
        m.take_back([therms])
    result = m.contradictions(m.result())
    result = m.disputes(result)
    result = m.contradictions(result)
    anchored = [k for k, a in reading.template.fields.items() if a.fmt != "const"]
    bad = len(reading.missing) + len(m.rejected)
    if anchored and bad > SET_ASIDE_SHARE * len(anchored):
        why = []
        if reading.missing:
            why.append(f"{len(reading.missing)} not where it expects them ({', '.join(reading.missing[:4])})")
        if m.rejected:
            why.append(f"{len(m.rejected)} contradicted by the bill's checks ({', '.join(m.rejected[:4])})")
        note = (f"template {reading.template.id} set aside ({reading.likeness.describe()}): of its {len(anchored)} "
                f"fields {' and '.join(why)}; the layout may have changed, read with the generic extractor")
        return Merged(generic, rejected=m.rejected, missing=list(reading.missing), set_aside=True, note=note)
    conflicts = m.conflicts(result)
    if conflicts:
        lines = [f"Template {reading.template.id} and the generic reading disagree [template]: "
                 + "; ".join(f"{k} {a} vs {b}" for k, a, b in conflicts)]
        result = result.model_copy(update={"issues": [*result.issues, *lines], "status": "NEEDS_REVIEW"})
    used = sorted(m.values)
    note = f"template {reading.template.id} read {len(used)} field(s) ({reading.likeness.describe()})"
    if conflicts:
        note += f"; disagrees with the generic reading on {', '.join(k for k, _, _ in conflicts)} (sent to review)"
    if m.rejected:
        note += f"; kept the generic value of {', '.join(m.rejected)} (the template's failed a check)"
    if m.left_out:
        note += (f"; left out the unsure generic {', '.join(m.left_out)} (the template's values add up "
                 "without it)")
    if reading.missing:
        note += f"; not found: {', '.join(reading.missing)}"
    if reading.unlabelled:
        note += f"; labels not printed as learned: {', '.join(reading.unlabelled)}"
    if dropped:
        note += f"; left out {', '.join(dropped)} (corrected by a reviewer on this layout, not readable here)"
    return Merged(result, used=used, rejected=m.rejected, missing=list(reading.missing), left_out=m.left_out,
                  note=note)
