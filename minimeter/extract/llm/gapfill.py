"""Asking the local model only about what the rules left open, and checking what it says.

``fill(backend, outcome, doc)`` builds a ``GapRequest`` (``minimeter.extract.llm.gaps``) for fields
that are missing or ambiguous, with short text windows around their labels and candidates, the
provider context, and the candidates the rules saw. ``apply_answer`` then decides, per field:

* a value that does not occur in the bill's text is dropped, never stored;
* a value that breaks arithmetic the rules' values satisfy is dropped;
* an ambiguous rules value is replaced only when the bill's own arithmetic confirms the model's
  value (``confirmed_by``: the balance identity, the line items, the meter reads, a stated day count);
* a missing field takes the grounded value, with ``source="model"`` and a confidence below the review
  threshold (0.75) unless the arithmetic confirms it (0.9).
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.errors import ExtractionError
from minimeter.extract import parse
from minimeter.extract.profiles import GENERIC_CONTEXT
from minimeter.extract.vocab import label_rx, labels_for
from minimeter.schema import MONEY_FIELDS, BillNormalized, FieldEvidence, Span

if TYPE_CHECKING:
    from minimeter.extract.llm.gaps import GapAnswer
    from minimeter.extract.rules import RulesOutcome
    from minimeter.readers.base import Document

log = logging.getLogger(__name__)
PROMPT_ID = "gaps-2"
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
CONFIRMABLE = (*MONEY_FIELDS, "electricity_kwh", "billing_period_start", "billing_period_end")
"""Fields ``confirmed_by`` can confirm; for the others an ambiguous rules value always stays."""
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
    """Where ``value`` occurs in ``text`` once both are normalised (None when it does not).

    Amounts must be printed as amounts (with cents or a currency sign): a bare "21" in "Page 2 of 21"
    does not ground a total of 21.00. Quantities must not be printed as money: "$15.10" is no usage."""
    if fname.endswith("_date") or fname.startswith("billing_period"):
        return next((m for m in parse.find_dates(text, order) if m.value == value), None)
    if fname == "account_number":
        norm = re.sub(r"[\s\-./]", "", str(value))
        return re.search(r"[\s\-./]?".join(map(re.escape, norm)), text) if norm else None
    if fname not in MONEY_FIELDS:  # a quantity: printed with its unit, or as a bare number, never as money
        for q in parse.find_quantities(text, fmt):
            if q.value == value:
                return q
        return next((m for m in parse.find_money(text, fmt, need_decimals=False)
                     if m.value == value and not re.search(r"[$€£₹]|[A-Z]{3}", m.text)), None)
    for m in parse.find_money(text, fmt):
        if abs(m.value) == abs(value):  # type: ignore[arg-type]
            return m
    return None


def confirmed_by(outcome: RulesOutcome, doc: Document, fname: str, value: Any) -> str | None:
    """How the bill's own arithmetic confirms ``value`` for ``fname`` with the rules' other values, or None.

    Money: the balance identity with all its terms (previous - payments + current = total, previous +
    current = total with a previous balance, current = total when the previous balance was paid in full),
    or the line items adding up to the current charges. Usage: a meter's reads. Period: the day count the
    bill states. Nothing confirms an account number, a statement date or a due date.
    """
    b = {**outcome.bill.model_dump(), fname: value}
    if fname in MONEY_FIELDS:
        t, c, p, y = (b[f] for f in MONEY_FIELDS)
        if t is not None and c is not None and p is not None and y is not None and p - y + c == t and (p or y):
            return "previous - payments + current = total"
        if t is not None and c is not None and p and y is None and p + c == t:
            return "previous + current = total"
        if t is not None and c is not None and t == c and p is not None and p == y:
            return "previous balance paid in full: current = total"
        items = outcome.bill.line_items
        if fname == "current_charges" and len(items) >= 2 and sum(i.amount for i in items) == value:
            return "the line items add up to it"
        return None
    if fname == "electricity_kwh" and isinstance(value, Decimal):
        from minimeter.extract.select import usage_support

        sup = usage_support(outcome.finder, value)
        return sup[0] if sup else None
    if fname in ("billing_period_start", "billing_period_end"):
        from minimeter.arithmetic import stated_days

        s, e = b["billing_period_start"], b["billing_period_end"]
        if s is not None and e is not None and e > s:
            days = (e - s).days
            if {days, days + 1} & stated_days(doc.text):
                return f"{days} days, as the bill states"
    return None


def _note(outcome: RulesOutcome, fname: str, text: str) -> None:
    ev = outcome.evidence.get(fname)
    if ev is not None:
        ev.note = ((ev.note + "; ") if ev.note else "") + text
        ev.note = ev.note[:200]
    log.info("gap fill, %s: %s", fname, text)


def fill(backend: Any, outcome: RulesOutcome, doc: Document) -> GapAnswer | None:
    from minimeter.extract.llm.gaps import GapRequest, fill_gaps

    bill = outcome.bill
    # An ambiguous value is worth asking about only where the arithmetic could confirm an answer.
    fields = [f for f in ASKABLE if getattr(bill, f) is None or (f in outcome.ambiguous and f in CONFIRMABLE)]
    if "electricity_kwh" in fields and bill.electricity_kwh is None and any(
            getattr(bill, f) is not None for f in ("gas_usage", "water_usage")):
        fields.remove("electricity_kwh")  # a gas or water bill: no electricity to find
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
    """Accept the model's values that are safe to accept; update ``outcome`` in place.

    * A value that does not occur in the bill's text is dropped (a note on the field's evidence says so).
    * A value that would break arithmetic the rules' values satisfy is dropped.
    * A rules value (ambiguous, since only those are asked about) is replaced only when the bill's own
      arithmetic confirms the model's value (``confirmed_by``); agreeing with the rules changes nothing.
    * A missing field gets the model's grounded value: confidence 0.9 when the arithmetic confirms it,
      else 0.75, below the review threshold, so a person looks at it.
    """
    data = outcome.bill.model_dump()
    fmt, order = outcome.finder.fmt, outcome.finder.order
    for f in fields:
        if f not in answer.values:
            continue
        value = _parse_value(f, answer.values[f], outcome)
        current = getattr(outcome.bill, f)
        if value is None or value == current:
            continue
        where, page_no = None, 1
        for p in doc.pages:
            where = grounded_in(p.text, f, value, fmt, order)
            if where is not None:
                page_no = p.number
                break
        if where is None:
            _note(outcome, f, f"the model's {value} is not in the text: ignored")
            continue
        if not _arithmetic_ok(outcome.bill, {**data, f: value}):
            _note(outcome, f, f"the model's {value} breaks the bill's arithmetic: ignored")
            continue
        why = confirmed_by(outcome, doc, f, value)
        if current is not None and why is None:
            _note(outcome, f, f"the model said {value}, which nothing in the bill confirms: kept")
            continue
        data[f] = value
        s, e = (where.start, where.end) if isinstance(where, parse.Match) else where.span()
        span = Span(page=page_no, start=s, end=e, text=doc.pages[page_no - 1].text[s:e][:500])
        note = f"the model's choice; {why}" if why else "the model's choice; nothing in the bill confirms it"
        if current is not None:
            note += f" (rules had {current})"
        outcome.evidence[f] = FieldEvidence(value=str(value), confidence=0.9 if why else 0.75, source="model",
                                            span=span, grounded=True, note=note[:200])
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
