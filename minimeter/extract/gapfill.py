"""Asking the local model only about what the rules left open, and checking what it says.

``fill(backend, outcome, doc)`` builds a ``GapRequest`` (``minimeter.extract.llm.gaps``) for fields
that are missing or ambiguous, with short text windows around their labels and candidates, the
provider context, and the candidates the rules saw. Each answer is parsed with the rules' parsers,
looked up in the text (grounded or not), and refused when it would break arithmetic that the rules'
values satisfy. Accepted values update ``outcome.bill`` / ``outcome.evidence`` in place with
``source="model"`` and a confidence below the review threshold unless grounded in the text.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from minimeter.errors import ExtractionError
from minimeter.extract import parse
from minimeter.extract.profiles import GENERIC_CONTEXT
from minimeter.extract.vocab import label_rx, labels_for
from minimeter.schema import BillNormalized, FieldEvidence, Span

if TYPE_CHECKING:
    from minimeter.extract.llm.gaps import GapAnswer
    from minimeter.extract.rules import RulesOutcome
    from minimeter.readers.base import Document

log = logging.getLogger(__name__)
PROMPT_ID = "gaps-1"
ASKABLE = {
    "total_amount_due": "the total amount due now, a number like 123.45",
    "due_date": "the payment due date, YYYY-MM-DD",
    "statement_date": "the date the bill was issued, YYYY-MM-DD",
    "billing_period_start": "first day of the service period, YYYY-MM-DD",
    "billing_period_end": "last day of the service period, YYYY-MM-DD",
    "account_number": "the customer's account number exactly as printed",
    "current_charges": "this period's new charges, a number",
    "previous_balance": "the previous bill's balance, a number",
    "electricity_kwh": "electricity used this period in kWh, a number",
}
MAX_WINDOWS = 6
WINDOW = 280


def _windows(outcome: RulesOutcome, fields: list[str]) -> list[str]:
    """Short excerpts around each field's labels and candidates (plain text only, deduplicated)."""
    spans: list[tuple[int, int, int]] = []
    views = [v for v in outcome.finder.views if not v.layout]
    for f in fields:
        for c in sorted(outcome.candidates.get(f, []), key=lambda c: -c.score)[:2]:
            if not c.layout:
                spans.append((c.page, c.start, c.end))
        for phrase, _w in labels_for(f, outcome.profile)[:12]:
            for v in views:
                m = label_rx(phrase).search(v.text)
                if m:
                    spans.append((v.page, m.start(), m.end()))
                    break
    out: list[str] = []
    seen: set[tuple[int, int]] = set()
    for page, s, e in spans:
        v = next(x for x in views if x.page == page)
        a, b = max(0, s - WINDOW // 3), min(len(v.text), e + WINDOW)
        key = (page, a // 200)
        if key in seen:
            continue
        seen.add(key)
        out.append(re.sub(r"[ \t]+", " ", v.text[a:b]).strip())
        if len(out) >= MAX_WINDOWS:
            break
    return out


def _parse_value(fname: str, raw: Any, outcome: RulesOutcome) -> Any:
    if raw is None or raw == "":
        return None
    fmt, order = outcome.finder.fmt, outcome.finder.order
    if fname in ("statement_date", "due_date", "billing_period_start", "billing_period_end"):
        s = str(raw)
        return parse.parse_date(s, "YMD" if re.match(r"\d{4}-", s) else order, outcome.finder.ref)
    if fname in ("account_number",):
        return str(raw).strip()[:64] or None
    if isinstance(raw, int | float):
        return parse.parse_number(repr(raw) if isinstance(raw, float) else str(raw), "us")
    return parse.parse_money(str(raw), fmt) if "kwh" not in fname else parse.parse_number(str(raw), fmt)


def grounded_in(text: str, fname: str, value: Any, fmt: str, order: str) -> re.Match[str] | Any | None:
    """Where ``value`` occurs in ``text`` once both are normalised (None when it does not)."""
    if fname.endswith("_date") or fname.startswith("billing_period"):
        return next((m for m in parse.find_dates(text, order) if m.value == value), None)
    if fname == "account_number":
        norm = re.sub(r"[\s\-./]", "", str(value))
        return re.search(r"[\s\-./]?".join(map(re.escape, norm)), text) if norm else None
    for m in parse.find_money(text, fmt, need_decimals=False):
        if abs(m.value) == abs(value):  # type: ignore[arg-type]
            return m
    return None


def fill(backend: Any, outcome: RulesOutcome, doc: Document) -> GapAnswer | None:
    from minimeter.extract.llm.gaps import GapRequest, fill_gaps

    bill = outcome.bill
    fields = [f for f in ASKABLE if getattr(bill, f) is None or f in outcome.ambiguous]
    if not any(getattr(bill, f) is not None for f in ("electricity_kwh", "gas_usage", "water_usage")):
        pass
    elif "electricity_kwh" in fields and bill.electricity_kwh is None:
        fields.remove("electricity_kwh")
    if not fields:
        return None
    req = GapRequest(
        fields={f: ASKABLE[f] for f in fields},
        windows=_windows(outcome, fields),
        provider_context=outcome.profile.context() if outcome.profile else GENERIC_CONTEXT,
        candidates={f: [str(c) for c in outcome.choices[f].alternatives + [outcome.choices[f].value]]
                    for f in fields if f in outcome.choices},
    )
    try:
        answer = fill_gaps(backend, req)
    except ExtractionError as exc:
        log.warning("model gap-fill failed: %s", exc.message)
        for f in fields:
            if f in outcome.evidence:
                outcome.evidence[f].note = f"model not used: {exc.message}"[:200]
        return None
    apply_answer(outcome, doc, answer, fields)
    return answer


def apply_answer(outcome: RulesOutcome, doc: Document, answer: GapAnswer, fields: list[str]) -> None:
    data = outcome.bill.model_dump()
    fmt, order = outcome.finder.fmt, outcome.finder.order
    for f in fields:
        if f not in answer.values:
            continue
        value = _parse_value(f, answer.values[f], outcome)
        if value is None:
            continue
        if getattr(outcome.bill, f) is not None and f in outcome.evidence and outcome.evidence[f].confidence >= 0.6:
            # an ambiguous rules value stays unless the model picked one of the other candidates
            alts = outcome.choices[f].alternatives if f in outcome.choices else []
            if value not in alts:
                continue
        where = None
        page_no = 1
        for p in doc.pages:
            where = grounded_in(p.text, f, value, fmt, order)
            if where is not None:
                page_no = p.number
                break
        trial = {**data, f: value}
        if not _arithmetic_ok(outcome.bill, trial):
            log.info("model value for %s breaks the bill's arithmetic; kept the rules' answer", f)
            continue
        data[f] = value
        span = None
        if where is not None:
            s, e = (where.start, where.end) if hasattr(where, "end") and not callable(where.end) else where.span()
            span = Span(page=page_no, start=s, end=e, text=doc.pages[page_no - 1].text[s:e][:500])
        outcome.evidence[f] = FieldEvidence(
            value=str(value), confidence=0.75 if where is not None else 0.4, source="model", span=span,
            grounded=where is not None, note=None if where is not None else "the model's value is not in the text")
    outcome.bill = BillNormalized.model_validate(data)


def _arithmetic_ok(before: BillNormalized, after: dict[str, Any]) -> bool:
    """Refuse a change that breaks ``previous - payments + current = total`` when it held before."""
    def holds(t: Any, c: Any, p: Any, y: Any) -> bool | None:
        if t is None or c is None:
            return None
        if p is not None and y is not None:
            return bool(p - y + c == t)
        return bool(t == c)

    was = holds(before.total_amount_due, before.current_charges, before.previous_balance, before.payments)
    now = holds(after.get("total_amount_due"), after.get("current_charges"), after.get("previous_balance"),
                 after.get("payments"))
    return not (was is True and now is False)
