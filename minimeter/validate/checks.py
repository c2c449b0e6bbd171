"""The validation rules. Each returns one ``CheckResult`` (``passed=None``: not applicable).

Rule names are stable (the store, TUI and reports show them): ``line_items_sum``, ``balance``,
``meter_reads``, ``usage_matches_meters``, ``period_order``, ``period_length``,
``due_after_statement``, ``grounded``, ``required_fields``, ``confidence``; then the plausibility
checks (``plausible``: ``load_factor``, ``usage_per_day``, ``total_not_distractor``,
``statement_after_period``) and the corroboration rules (``corroborate``: ``total_confirmed``,
``period_confirmed``, ``usage_confirmed``; ``currency``: ``currency_confirmed``). ``stated_days`` is
``minimeter.arithmetic.stated_days``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.arithmetic import BALANCE, Printed, explains, stated_days
from minimeter.extract.units import in_field_unit
from minimeter.schema import CheckResult
from minimeter.validate.corroborate import (
    CYCLE_SLACK_DAYS,
    instalment_months,
    spans_named_months,
    stated_months,
    summary_closing_on,
    template_cycle,
)
from minimeter.validate.corroborate import RULES as CORROBORATE
from minimeter.validate.currency import RULES as CURRENCY
from minimeter.validate.plausible import RULES as PLAUSIBLE

if TYPE_CHECKING:
    from minimeter.extract.blocks import Row
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized, ExtractionResult
    from minimeter.validate.printed import PrintedIndex

CENT = Decimal("0.01")
REQUIRED = ("total_amount_due", "billing_period_start", "billing_period_end", "account_number")
KEY_FIELDS = ("total_amount_due", "billing_period_start", "billing_period_end", "due_date", "statement_date",
              "account_number", "electricity_kwh", "gas_usage", "gas_therms", "water_usage", "current_charges")
PLAIN_DAYS = 45
"""A period up to this long needs no explanation (first and final bills are short); a longer one (two
months, a quarter, an annual true-up) is plausible when the bill states it: its day count or "bi-monthly"."""
DUE_SLACK_DAYS = 2
"""A due date (or direct-debit date) a few days before the printed statement date is still this bill's."""
USAGE_FIELD = {"electricity": "electricity_kwh", "gas": "gas_usage", "water": "water_usage"}


def _na(rule: str, why: str) -> CheckResult:
    return CheckResult(rule=rule, passed=None, message=why)


def _money(v: Decimal) -> str:
    return f"{v:,.2f}"


def line_items_sum(bill: BillNormalized, **_: object) -> CheckResult:
    if not bill.line_items or bill.current_charges is None:
        return _na("line_items_sum", "no line items or no current charges to compare")
    total = sum((li.amount for li in bill.line_items), Decimal(0))
    ok = abs(total - bill.current_charges) <= CENT
    return CheckResult(rule="line_items_sum", passed=ok, fields=["line_items", "current_charges"],
                       message=f"line items add up to {_money(total)}"
                       + ("" if ok else f", not the current charges {_money(bill.current_charges)}"))


def balance(bill: BillNormalized, idx: PrintedIndex | None = None, **_: object) -> CheckResult:
    t, c, p, y = bill.total_amount_due, bill.current_charges, bill.previous_balance, bill.payments
    fields = ["total_amount_due", "current_charges", "previous_balance", "payments"]
    if t is None or c is None:
        return _na("balance", "total or current charges missing")

    roles = {"total_amount_due": t, "current_charges": c, "previous_balance": p, "payments": y}
    out = BALANCE.evaluate({k: Printed(v) for k, v in roles.items() if v is not None})
    holds = out.holds if out.holds is not None else abs((p or 0) - (y or 0) + c - t) <= CENT  # all zeros
    differs = summary_disagrees(idx, t, p, y) if idx is not None else None
    if differs is not None:
        return CheckResult(rule="balance", passed=False, fields=fields, message=differs)
    if not holds and idx is not None and (p is None or y is None):
        # "Total inkl. MWST 347.43 / Rundungsdifferenz 0.02 / Rechnungsbetrag 347.45", "Rounding Adjustment 0.02"
        # after a previous balance: the one row of the summary that makes it add up, with nothing carried or
        # paid beside it (or only one of the two).
        adjusted = printed_adjustment(idx, t, c, p or Decimal(0), y or Decimal(0))
        if adjusted is not None:
            return CheckResult(rule="balance", passed=True, fields=fields,
                               message=f"current {_money(c)} + '{adjusted.label[:40]}' {_money(adjusted.value)}"
                               + (f" + previous {_money(p)}" if p else "") + (f" - payments {_money(y)}" if y else "")
                               + f" = {_money(t)}, as the account summary prints it")
    if p is not None and y is not None:
        expect = p - y + c
        adjusted = None if holds or idx is None else printed_adjustment(idx, t, c, p, y)
        if adjusted is not None:
            return CheckResult(rule="balance", passed=True, fields=fields,
                               message=f"previous {_money(p)} - payments {_money(y)} + '{adjusted.label[:40]}' "
                               f"{_money(adjusted.value)} + current {_money(c)} = {_money(t)}, as the account "
                               "summary prints it")
        ok = holds
        return CheckResult(rule="balance", passed=ok, fields=fields,
                           message=f"previous {_money(p)} - payments {_money(y)} + current {_money(c)} = "
                           f"{_money(expect)}" + ("" if ok else f", but the amount due is {_money(t)}"))
    if holds:
        return CheckResult(rule="balance", passed=True, fields=fields,
                           message="amount due equals current charges" if p is None or p == 0
                           else "previous balance + current charges = amount due")
    if p is None and t > c:
        return _na("balance", "amount due differs from current charges and no previous balance was read")
    return CheckResult(rule="balance", passed=False, fields=fields,
                       message=f"amount due {_money(t)} does not follow from current charges {_money(c)}"
                       + (f" and previous balance {_money(p)}" if p is not None else ""))


def summary_disagrees(idx: PrintedIndex, t: Decimal, p: Decimal | None, y: Decimal | None) -> str | None:
    """Why the bill's previous balance or payments are not those of the account summary that adds up to the
    amount due ``t``, or None. The balance alone cannot tell "Previous Balance 455.00" from "Balance Forward
    450.00" printed below it (the earlier balance less what was paid, plus what was adjusted): with the
    payment and the adjustment left out, both give the same amount due. The summary's rows, which add up
    only with each row in its place, say which one is the previous balance."""
    from minimeter.extract.blocks import pays_of

    block = summary_closing_on(idx, t)
    if block is None or not block.summary:
        return None
    prev = block.role("previous")
    if p is not None and prev is not None and abs(prev.value - p) > CENT:
        return (f"the account summary that adds up to the amount due prints the previous balance "
                f"{_money(prev.value)} ('{prev.label[:40]}'), not {_money(p)}")
    paid = pays_of(block, prev)
    printed = sum((abs(r.value) for r in paid), Decimal(0))
    if y is not None and paid and abs(printed - y) > CENT:
        return (f"the account summary that adds up to the amount due prints payments of {_money(printed)}, "
                f"not {_money(y)}")
    return None


ADJUSTMENT_ROLES = ("adjustments", "item", "previous")
"""Summary-block roles (``minimeter.extract.blocks.Row.role``) a balance's adjustment row may have."""


def printed_adjustment(idx: PrintedIndex, t: Decimal, c: Decimal, p: Decimal, y: Decimal) -> Row | None:
    """The one row of the summary block that closes on the amount due ``t``, besides the previous balance
    ``p`` and the payment ``y`` it prints (``y`` 0: none), that makes ``p - y + row + c = t`` ("Interest on arrears"
    between the balance and this period's charges), or None. The block's rows must add up (it is evidence)
    and print ``p`` and ``y`` themselves: the adjustment is read off the bill, not solved for."""
    block = summary_closing_on(idx, t)
    if block is None:
        return None
    gap = t - (p - y + c)
    values = [abs(r.value) for r in block.terms]
    if any(v != 0 and abs(v) not in values for v in (p, y)):  # (none carried or paid, 0: the block need not print it)
        return None
    # (A row the lexicon names as another role, "Current Charges (Excl. VAT)" or a tax, is no adjustment: the
    # gap it fills says the current charges were misread. "Interest on Arrears" may say "arrears".)
    return next((r for r in block.terms if abs(r.value - gap) <= CENT and r.value not in (p, -y)
                 and r.role in ADJUSTMENT_ROLES), None)



def meter_reads(bill: BillNormalized, **_: object) -> CheckResult:
    checked = []
    for i, m in enumerate(bill.meters):
        if m.prior_read is None or m.present_read is None or m.usage is None:
            continue
        diff = (m.present_read - m.prior_read) * (m.multiplier or 1)
        ok = explains(m.present_read - m.prior_read, m.multiplier or Decimal(1), m.usage) or abs(diff - m.usage) <= CENT
        checked.append(ok)
        if not ok:
            return CheckResult(rule="meter_reads", passed=False, fields=["meters"],
                               message=f"meter {m.number or i + 1}: reads {m.prior_read} -> {m.present_read}"
                               f" x {m.multiplier or 1} give {diff}, not the usage {m.usage}")
    if not checked:
        return _na("meter_reads", "no meter with prior and present reads")
    return CheckResult(rule="meter_reads", passed=True, fields=["meters"],
                       message=f"{len(checked)} meter(s): present - prior x multiplier = usage")


def usage_matches_meters(bill: BillNormalized, **_: object) -> CheckResult:
    sums: dict[str, Decimal] = {}
    for m in bill.meters:
        if m.usage is not None and m.commodity is not None and m.commodity.value in USAGE_FIELD:
            # (A meter read in MWh adds its usage in the kWh the field holds.)
            sums[m.commodity.value] = sums.get(m.commodity.value, Decimal(0)) + in_field_unit(m.usage, m.unit)[0]
    if not sums:
        return _na("usage_matches_meters", "no meter usage to compare")
    for commodity, total in sums.items():
        fname = USAGE_FIELD[commodity]
        v = getattr(bill, fname)
        if v is None:
            continue
        if abs(v - total) > max(CENT, abs(total) * Decimal("0.001")):
            return CheckResult(rule="usage_matches_meters", passed=False, fields=[fname, "meters"],
                               message=f"{fname} is {v} but the meters add up to {total}")
    return CheckResult(rule="usage_matches_meters", passed=True, fields=["meters"],
                       message="usage equals the meters' total")


def period_order(bill: BillNormalized, **_: object) -> CheckResult:
    s, e = bill.billing_period_start, bill.billing_period_end
    if s is None or e is None:
        return _na("period_order", "billing period incomplete")
    ok = e > s
    return CheckResult(rule="period_order", passed=ok, fields=["billing_period_start", "billing_period_end"],
                       message=f"period {s} to {e}" + ("" if ok else ": the end is not after the start"))


def period_length(bill: BillNormalized, doc: Document | None = None, result: ExtractionResult | None = None,
                  **_: object) -> CheckResult:
    s, e = bill.billing_period_start, bill.billing_period_end
    if s is None or e is None or e <= s:
        return _na("period_length", "billing period incomplete or out of order")
    days = (e - s).days
    fields = ["billing_period_start", "billing_period_end"]
    if 1 <= days <= PLAIN_DAYS:
        return CheckResult(rule="period_length", passed=True, fields=fields, message=f"{days} days")
    cycle = template_cycle(result)
    if cycle and abs(days - cycle) <= CYCLE_SLACK_DAYS:  # a reviewer approved a period this long on the layout
        return CheckResult(rule="period_length", passed=True, fields=fields,
                           message=f"{days} days, as long as the layout's approved bill ({cycle})")
    text = doc.text if doc is not None else ""
    # (The layout text too: a table's "days" column is read under its heading there.)
    layouts = [p.layout_text for p in doc.pages if p.layout_text] if doc is not None else []
    if {days, days + 1} & set().union(stated_days(text), *(stated_days(t) for t in layouts)):
        return CheckResult(rule="period_length", passed=True, fields=fields,
                           message=f"{days} days, as the bill states")
    if spans_named_months(days, stated_months(text)):
        return CheckResult(rule="period_length", passed=True, fields=fields,
                           message=f"{days} days, a multi-month period the bill names")
    if spans_named_months(days, instalment_months(text)):
        return CheckResult(rule="period_length", passed=True, fields=fields,
                           message=f"{days} days, as many months as the advances it takes off")
    return CheckResult(rule="period_length", passed=False, fields=fields,
                       message=f"{days} days, outside 1-{PLAIN_DAYS} and not stated on the bill")


def due_after_statement(bill: BillNormalized, **_: object) -> CheckResult:
    d, s = bill.due_date, bill.statement_date
    if d is None or s is None:
        return _na("due_after_statement", "due date or statement date missing")
    ok = (s - d).days <= DUE_SLACK_DAYS and (d - s).days <= 120
    return CheckResult(rule="due_after_statement", passed=ok, fields=["due_date", "statement_date"],
                       message=f"due {d}, issued {s}" + ("" if ok else ": the due date does not follow the statement"))


def grounded(bill: BillNormalized, result: ExtractionResult | None = None, doc: Document | None = None,
             **_: object) -> CheckResult:
    from minimeter.validate.ground import ungrounded_fields

    bad = ungrounded_fields(bill, result, doc)
    if bad:
        return CheckResult(rule="grounded", passed=False, fields=bad,
                           message="not found in the bill's text: " + ", ".join(bad))
    return CheckResult(rule="grounded", passed=True, message="every value occurs in the text")


BLANK_LABEL_WEIGHT = 0.9
"""How strongly a label must name the field for its empty cell to say the bill prints no value."""
MAY_BE_BLANK = ("account_number",)
"""Required fields a bill may print as a label with no value (blacked out by the person who shared it, left for
the customer to fill in): the bill does not print them, and no reading can find them."""


def required_fields(bill: BillNormalized, doc: Document | None = None, **_: object) -> CheckResult:
    missing = [f for f in REQUIRED if getattr(bill, f) is None]
    blank = [f for f in missing if f in MAY_BE_BLANK and doc is not None and printed_blank(f, doc)]
    missing = [f for f in missing if f not in blank]
    if missing:
        return CheckResult(rule="required_fields", passed=False, fields=missing,
                           message="missing: " + ", ".join(missing))
    return CheckResult(rule="required_fields", passed=True, message="all required fields present" + "".join(
        f"; {f} is not printed (its label stands with no value beside or under it)" for f in blank))


def printed_blank(fname: str, doc: Document) -> bool:
    """Whether the bill prints ``fname``'s label (a strong one of the generic lexicon) and no value of the field
    where a value follows a label: the generic finder reads no candidate at all. A bill printing no label at all
    is not blank: its label may be one the lexicon does not know."""
    from minimeter.extract.candidates import Finder

    finder = Finder(doc, None)
    kind = "id" if fname in ("account_number", "meter_number") else "text"
    labelled = any(w >= BLANK_LABEL_WEIGHT for vi in range(len(finder.views)) for _m, _p, w in finder.labels(vi, fname))
    return labelled and not finder.labelled(fname, kind, "identifier" if kind == "id" else None)



CONFIRMING = ("total_confirmed", "period_confirmed", "usage_confirmed")
"""The corroboration rules: a field one of them passed was checked by something that could have failed on a
wrong value (the balance, a printed day count, the meter reads, a charge line, a reviewer, a template and the
generic reading agreeing)."""


def confirmed_fields(bill: BillNormalized, verdicts: Sequence[CheckResult]) -> dict[str, str]:
    """Field -> the corroboration rule that confirmed it, from the verdicts of ``CONFIRMING``."""
    out = {f: c.rule for c in verdicts if c.rule in CONFIRMING and c.passed is True for f in c.fields}
    if "gas_usage" in out and bill.gas_therms is not None and bill.gas_usage in (None, bill.gas_therms):
        out.setdefault("gas_therms", out["gas_usage"])  # the one gas figure usage_confirmed checked
    return out


def confidence(bill: BillNormalized, result: ExtractionResult | None = None, threshold: float = 0.8,
               verdicts: Sequence[CheckResult] = (), **_: object) -> CheckResult:
    """Key fields read at or above ``threshold``, or confirmed by a corroboration rule (``verdicts``: the
    other rules' results) and not contested (``FieldEvidence.contested``): a finder's low score says a label
    was weak or a candidate near, which a check that could have failed on a wrong value has settled; a
    printed rival the extractor could not rule out it has not."""
    if result is None:
        return _na("confidence", "no evidence")
    confirmed = confirmed_fields(bill, verdicts)
    low: list[str] = []
    settled: list[str] = []
    for f in KEY_FIELDS:
        if getattr(bill, f) is None:
            continue
        ev = result.evidence.get(f)
        if ev is None or ev.confidence < threshold:
            text = f"{f} ({ev.confidence:.2f})" if ev else f"{f} (no evidence)"
            # (A value the extractor found contested by a printed rival stays held: the check confirmed it,
            # not that the rival is wrong, as a register's reads confirm a part beside a labelled total.)
            by = confirmed.get(f) if ev is not None and not ev.contested else None
            (settled if by else low).append(text + (f" by {by}" if by else ""))
    if low:
        return CheckResult(rule="confidence", passed=False, fields=[x.split(" ")[0] for x in low],
                           message=f"below {threshold:.2f}: " + ", ".join(low))
    return CheckResult(rule="confidence", passed=True, message=f"key fields at or above {threshold:.2f}"
                       + (f"; below but confirmed: {', '.join(settled)}" if settled else ""))


READS_VERDICTS = (confidence,)
"""Rules that read the other rules' results (``run_checks`` runs them last, passing ``verdicts``)."""


RULES: list[Callable[..., CheckResult]] = [
    line_items_sum, balance, meter_reads, usage_matches_meters, period_order, period_length,
    due_after_statement, grounded, required_fields, confidence, *PLAUSIBLE, *CORROBORATE, *CURRENCY,
]
