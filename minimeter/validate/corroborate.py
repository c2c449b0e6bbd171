"""SUCCEEDED means corroborated: the total, the period and the usage each confirmed by a check that
could have failed on a wrong value.

Three rules, for every extractor alike (they judge the bill and the document, not who read them):

* ``total_confirmed``: the balance relation holds as evidence with the total among its terms
  (previous - payments + current = total with no cancelling pair standing in for it), or the line
  items, each printed on the bill, add up to the total (when no unpaid previous balance is read), or
  the bill's summary block adds up to it on printed rows that do not merely repeat it, or, on a bill
  of several services, the totals it prints for each add up to it, as it rounds what it collects
  (``sections``);
* ``period_confirmed``: the bill prints a day count equal to end - start (or one more, counting
  both ends) where it prints the period (the dates' line or the two around it), or the period is on the
  meter reads' row, or it was read under its label (or at a layout template's place) as long as one
  monthly bill (or as the template's approved bill: ``template_cycle``), ending shortly before the
  statement, or every charge billed by the day ("23 days x 0.3310") is billed on its length;
* ``usage_confirmed``: for each usage on the bill, a meter's printed reads give it ((present -
  prior) x multiplier), or a charge line bills it (rate x usage = amount, or time-of-use parts
  billed so and adding up to it). The charge lines are the extractor's line items and every priced
  line the page prints (``PrintedIndex.charge_lines``). A usage is a part, confirmed by nothing,
  when a charge of its commodity is billed on more of its unit, or when billed parts add up to a
  larger quantity the bill prints. A bill with no usage needs none, but only when the bill prints
  no usage unit at all (kWh, therms, m3...): the absence of a candidate proves nothing.

A value a person entered or corrected in review (evidence source ``human``) is confirmed by that
review. Each returns a ``CheckResult``; ``passed=False`` names what is unconfirmed.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.arithmetic import (
    BALANCE,
    CENT,
    Outcome,
    Place,
    Printed,
    billed_day_counts,
    distinct,
    linear,
    period_days,
    printed_day_counts,
    product,
    reads,
    total_of,
)
from minimeter.extract import lexicon, parse
from minimeter.extract.units import BILLED_IN, in_field_unit
from minimeter.extract.vocab import alternation, names_commodity, strip_accents
from minimeter.schema import CheckResult, Commodity
from minimeter.validate import sections
from minimeter.validate.printed import PrintedIndex

if TYPE_CHECKING:
    from minimeter.extract.blocks import Block
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized, ExtractionResult, LineItem

USAGE = {"electricity_kwh": Commodity.ELECTRICITY, "gas_usage": Commodity.GAS, "water_usage": Commodity.WATER}
_USAGE_UNIT = re.compile(r"(?i)(?<![a-z])(?:k\s?w\s?h|mwh|therms?|ccf|hcf|mcf|m3|m³|gallons?|kgal|dth|"
                         r"units? consumed|consumo|consommation|verbrauch)(?![a-z])")


def _by_reviewer(result: ExtractionResult | None, fields: tuple[str, ...]) -> bool:
    """A value a person entered or corrected in review: the review is the check."""
    return result is not None and any((ev := result.evidence.get(f)) is not None and ev.source == "human"
                                      for f in fields)


# What ``templates.apply`` notes when a value read at an approved layout's anchor is also what the
# generic finder read on its own.
TEMPLATE_AGREES = "the generic reading agrees"


def _by_template(result: ExtractionResult | None, fields: tuple[str, ...]) -> bool:
    """Every field read at the anchor a reviewer approved on this layout AND found by the generic finder:
    two readings that could have disagreed (another date in the box, a moved label) agree."""
    return result is not None and all(
        (ev := result.evidence.get(f)) is not None and ev.source == "template" and TEMPLATE_AGREES in (ev.note or "")
        for f in fields)


def _money(bill: BillNormalized, result: ExtractionResult | None, idx: PrintedIndex, f: str) -> Printed | None:
    v = getattr(bill, f)
    if v is None:
        return None
    ev = result.evidence.get(f) if result is not None else None
    return idx.printed(v, "money", ev)


def _items(bill: BillNormalized, idx: PrintedIndex) -> list[Printed]:
    return [idx.printed(li.amount, "money") for li in bill.line_items]


def total_confirmed(bill: BillNormalized, result: ExtractionResult | None = None, doc: Document | None = None,
                    idx: PrintedIndex | None = None, **_: object) -> CheckResult:
    rule, fields = "total_confirmed", ["total_amount_due"]
    if bill.total_amount_due is None:
        return CheckResult(rule=rule, passed=None, message="no total to confirm")
    if _by_reviewer(result, ("total_amount_due",)):
        return CheckResult(rule=rule, passed=True, fields=fields, message="entered by a reviewer")
    if _by_template(result, ("total_amount_due",)):
        return CheckResult(rule=rule, passed=True, fields=fields, message="the layout's template and the generic "
                           "reading agree")
    idx = idx or PrintedIndex(doc)
    roles = {f: _money(bill, result, idx, f) for f in ("previous_balance", "payments", "current_charges",
                                                        "total_amount_due")}
    bal = BALANCE.evaluate(roles)
    if bal.evidence and "total_amount_due" in bal.confirms:
        return CheckResult(rule=rule, passed=True, fields=fields, message=f"the balance: {bal.why}")
    t = roles["total_amount_due"]
    assert t is not None
    outer = summary_counting(idx, t.value)
    if outer is not None and outer.closes is not None:
        # "Gesamtbetrag 2.194,34 / abzüglich geleistete Abschläge -2.167,00 / Nachzahlung 27,34": the charges
        # taken for the amount due add up with the bill's own line items, yet the account summary goes on to
        # take the payments off; what it adds up to is the amount due.
        return CheckResult(rule=rule, passed=False, fields=fields,
                           message=f"{t.value:,.2f} is a row of the account summary, which adds up to "
                           f"{outer.closes[2]:,.2f}")
    p, y = bill.previous_balance, bill.payments
    unpaid = p is not None and p != 0 and (y is None or abs(p - y) > CENT)
    items = _items(bill, idx)
    if items and not unpaid:
        out = total_of("line_items_total", items, t, part_role="item", total_role="total_amount_due")
        if out.evidence:
            return CheckResult(rule=rule, passed=True, fields=fields,
                               message=f"{len(items)} line items add up to the total")
        c = roles["current_charges"]
        gap = abs(c.value - t.value) if c is not None else Decimal(1)
        if c is not None and c.printed and t.printed and CENT < gap < 1 and t.value == t.value.to_integral_value():
            # A payable amount rounded to whole units: the items confirm the current charges it rounds.
            out = total_of("line_items_current", items, c, part_role="item", total_role="current_charges")
            if out.evidence:
                return CheckResult(rule=rule, passed=True, fields=fields, message=f"{len(items)} line items add up "
                                   f"to the current charges {c.value:,.2f}, which the total rounds")
    block = summary_closing_on(idx, t.value)
    if block is not None:
        return CheckResult(rule=rule, passed=True, fields=fields,
                           message=f"the account summary adds up: {len(block.terms)} printed rows give the total")
    if not unpaid:
        services = sections.confirms_total(idx, t.value)
        if services:
            return CheckResult(rule=rule, passed=True, fields=fields, message=services)
    why = bal.why if bal.holds else ("the balance does not hold" if bal.holds is False else "no balance to check")
    return CheckResult(rule=rule, passed=False, fields=fields,
                       message=f"total not confirmed by the bill's arithmetic ({why})")


def summary_closing_on(idx: PrintedIndex, total: Decimal) -> Block | None:
    """A summary block of the document whose rows add up to ``total`` as evidence (``Block.evidence``: at
    least two non-zero terms, none of them the total itself, so a previous balance cancelled by its payment
    beside the current charges printed again confirms nothing), or None."""
    return next((b for b in idx.summary_blocks()
                 if b.evidence and b.closes is not None and abs(b.closes[2] - total) < CENT), None)


def summary_counting(idx: PrintedIndex, total: Decimal) -> Block | None:
    """An account summary of the document (a previous balance or a payment among its terms) that adds up as
    evidence to another amount and prints ``total`` on a row before its closing one (a term, or a sub-total
    the rows after it go on from), or None."""
    # (A block closing on a credit is an account summary whatever its labels say: charges alone never pay back.)
    return next((b for b in idx.summary_blocks()
                 if b.evidence and (b.summary or b.closes is not None and b.closes[2] < 0)
                 and b.closes is not None and abs(b.closes[2] - total) >= CENT
                 and any(abs(r.value - total) < CENT for r in b.rows if r.start < b.closes[0])), None)


def period_confirmed(bill: BillNormalized, result: ExtractionResult | None = None, doc: Document | None = None,
                     idx: PrintedIndex | None = None, **_: object) -> CheckResult:
    rule, fields = "period_confirmed", ["billing_period_start", "billing_period_end"]
    s, e = bill.billing_period_start, bill.billing_period_end
    if s is None or e is None:
        return CheckResult(rule=rule, passed=None, message="no period to confirm")
    if _by_reviewer(result, ("billing_period_start", "billing_period_end")):
        return CheckResult(rule=rule, passed=True, fields=fields, message="entered by a reviewer")
    if _by_template(result, ("billing_period_start", "billing_period_end")):
        return CheckResult(rule=rule, passed=True, fields=fields, message="the layout's template and the generic "
                           "reading agree")
    idx = idx or PrintedIndex(doc)
    # A day count counts where the period is printed (its line or the two around it): "for 28 Days" after the
    # dates, a table row's "days" cell. Elsewhere it may be another period's (a history row, a payment term).
    # So does the "days" cell of the meter reads' row ("21CM34  72722  72164  558  59"): the reads' period.
    days_near: list[Printed] = []
    for page, view, text in idx.texts:
        near = _date_lines(text, {(s.month, s.day), (e.month, e.day)}, bill.statement_date or e)
        rows = _read_rows(bill, text, idx.fmt)
        for n, a, b in printed_day_counts(text):
            ln = text.count("\n", 0, a)
            if any(abs(ln - d) <= 2 for d in near) or ln in rows:
                days_near.append(Printed(Decimal(n), (Place(page, a, b, view),)))
    out = period_days(s, e, days_near)
    if out.evidence:
        return CheckResult(rule=rule, passed=True, fields=fields, message=out.why)
    if _on_the_read_row(idx, bill, s, e):
        # "10K552013  6/7/19  7/5/19  5302  5313": the dates of the reads whose difference is the usage.
        return CheckResult(rule=rule, passed=True, fields=fields,
                           message=f"the period {s} to {e} is printed on the row of the meter reads")
    billed = {n for _p, _v, text in idx.texts for n, _a, _b in billed_day_counts(text)}
    if not days_near and len(billed) == 1 and billed & {(e - s).days, (e - s).days + 1}:
        # "Standing charge 23 days x 0.3310 = 7.61": what the charges are billed on by the day is the period's
        # length. One count only: charges split at a price change bill parts, which a wrong period could match.
        return CheckResult(rule=rule, passed=True, fields=fields,
                           message=f"every charge billed by the day is billed on {billed.pop()} days, the period's "
                                   "length")
    months = stated_months(doc.text) | instalment_months(doc.text) if doc is not None else set()
    why = "" if days_near else _labelled_period(bill, result, s, e, months)  # a printed day count that disagrees wins
    if why:
        return CheckResult(rule=rule, passed=True, fields=fields, message=why)
    return CheckResult(rule=rule, passed=False, fields=fields,
                       message=f"period not confirmed: {out.why}, and nothing else on the bill checks it")


@functools.cache
def _span_rx() -> tuple[re.Pattern[str], dict[str, int]]:
    """The lexicon's span words and "N months" as one pattern, and each word's number of months."""
    lex = lexicon.load()
    months_of = {w: n for n, ws in lex.spans.items() for w in ws}
    counted = rf"(?P<n>[2-6]|12)\s*(?:{alternation(lex.month_words)})" if lex.month_words else "(?!)"
    words = rf"(?P<word>{alternation(months_of)})" if months_of else "(?!)"
    return re.compile(rf"(?i)(?<![a-z])(?:{counted}|{words})(?![a-z])"), months_of


@functools.cache
def _past_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A look-back word (``[spans] past``) ending the text before a count of months, and one opening the text
    after it."""
    words = lexicon.load().past_words
    if not words:
        return re.compile("(?!)"), re.compile("(?!)")
    alt = alternation(words)
    return (re.compile(rf"(?i)(?<![^\W\d_])(?:{alt})[^\S\n]*$"), re.compile(rf"(?i)^[^\S\n]*(?:{alt})(?![^\W\d_])"))


def stated_months(text: str) -> set[int]:
    """Multi-month periods the bill names ("bi-monthly", "quarterly", "2 months"; an annual statement is 12),
    by the lexicon's ``[spans]``. A count of months that looks back ("last 12 months", "ultimi 12 mesi",
    "12 bulan terakhir": a usage history's heading) names no span of this bill."""
    rx, months_of = _span_rx()
    before, after = _past_rx()
    out: set[int] = set()
    for m in rx.finditer(text):
        if m["n"]:
            if before.search(text, max(0, m.start() - 40), m.start()) or after.search(text[m.end():m.end() + 40]):
                continue
            out.add(int(m["n"]))
        else:
            out.add(months_of[" ".join(m["word"].lower().split())])
    return out


@functools.cache
def _instalments_rx() -> re.Pattern[str]:
    """A payments label followed on its row by a count of equal parts ("Acomptes payés (12 x € 142,00)")."""
    labels = {strip_accents(p) for p, _w in lexicon.load().labels_of("payments") if len(p) > 4}
    if not labels:
        return re.compile("(?!)")
    return re.compile(rf"(?<![^\W\d_])(?:{alternation(labels)})[^\S\n]*\(?[^\S\n]*(?P<n>[2-9]|1[0-2])[^\S\n]*[x×]"
                      r"[^\S\n]*(?:[€$£]|\d)")


def instalment_months(text: str) -> set[int]:
    """The months a settlement covers by the count of advances it takes off ("Betaalde voorschotten (12 x
    € 481,00)": twelve monthly advances, a year). Only a period as long checks against it; advances paid every
    two months or every quarter name a shorter span than the period, which then stays unconfirmed."""
    return {int(m["n"]) for m in _instalments_rx().finditer(strip_accents(text))}


MONTH_DAYS, NAMED_SPAN_SLACK_DAYS = 30.44, 12


def spans_named_months(days: int, months: set[int] | frozenset[int]) -> bool:
    """Whether a period of ``days`` is as long as one of the spans of ``months`` a bill names (within 12 days)."""
    return any(abs(days - MONTH_DAYS * n) <= NAMED_SPAN_SLACK_DAYS for n in months)


# A labelled period is trusted only when every one of these could have failed: the extractor read it
# as a range under a period label with no rival pair close to it (confidence), it is as long as one
# monthly bill, and the statement was issued after it ended but not long after.
LABELLED_PERIOD_CONFIDENCE = 0.9
TEMPLATE_PERIOD_CONFIDENCE = 0.8
MONTHLY_DAYS = (25, 35)
# What ``templates.apply`` notes on a period read at an approved layout's place: the approved bill's period
# length, which then stands for the month (a layout that bills every two months).
TEMPLATE_CYCLE = "the layout's billing cycle:"
_CYCLE = re.compile(re.escape(TEMPLATE_CYCLE) + r" (\d+) days")
CYCLE_SLACK_DAYS = 5
STATEMENT_AFTER_END_DAYS = (-2, 40)


def template_cycle(result: ExtractionResult | None) -> int:
    """The approved bill's period length when both ends of the period were read at the place a reviewer
    approved on this layout (``templates.apply`` notes it), else 0."""
    if result is None:
        return 0
    notes = [(ev.note or "") if (ev := result.evidence.get(f)) is not None and ev.source == "template" else ""
             for f in ("billing_period_start", "billing_period_end")]
    cycles = {int(m[1]) for n in notes if (m := _CYCLE.search(n))}
    return cycles.pop() if len(cycles) == 1 and all(_CYCLE.search(n) for n in notes) else 0


def _labelled_period(bill: BillNormalized, result: ExtractionResult | None, s: dt.date, e: dt.date,
                     months: frozenset[int] | set[int] = frozenset()) -> str:
    """Why a labelled period as long as one monthly bill (or, read at the place a reviewer approved on this
    layout, as long as the approved bill's; or as long as the months the bill says it covers, ``months``:
    an annual statement, a quarterly bill) checks out against the statement date ("" when it does not)."""
    if result is None or bill.statement_date is None:
        return ""
    evs = [result.evidence.get(f) for f in ("billing_period_start", "billing_period_end")]
    # Read under a period label with no close rival, or at the place a reviewer approved on this layout.
    if any(ev is None or not ((ev.source == "rules" and ev.confidence >= LABELLED_PERIOD_CONFIDENCE)
                              or (ev.source == "template" and ev.confidence >= TEMPLATE_PERIOD_CONFIDENCE))
           for ev in evs):
        return ""
    days = (e - s).days
    after = (bill.statement_date - e).days
    lo, hi = MONTHLY_DAYS
    cycle = template_cycle(result)
    # A layout that bills every two months: its approved bill was as long.
    as_cycle = bool(cycle) and abs(days - cycle) <= CYCLE_SLACK_DAYS and not lo <= days <= hi
    # Two months, a quarter, a year: as long as the span the bill names itself ("Jaarafrekening", "quarterly").
    as_named = not lo <= days <= hi and spans_named_months(days, months)
    if not ((lo <= days <= hi or as_cycle or as_named)
            and STATEMENT_AFTER_END_DAYS[0] <= after <= STATEMENT_AFTER_END_DAYS[1]):
        return ""
    what = (f"as long as the layout's approved bill ({cycle} days)" if as_cycle
            else "as long as the span the bill names" if as_named else "with no rival")
    return (f"a labelled period of {days} days {what}, ending {after} days before the statement "
            f"({bill.statement_date})")


def _on_the_read_row(idx: PrintedIndex, bill: BillNormalized, s: dt.date, e: dt.date) -> bool:
    """The period's two dates and a meter's prior and present reads printed on one line."""
    reads = [(m.prior_read, m.present_read) for m in bill.meters
             if m.prior_read is not None and m.present_read is not None and m.prior_read != m.present_read]
    if not reads:
        return False
    has_layout = any(v == "layout" for _p, v, _t in idx.texts)
    for _page, view, text in idx.texts:
        if has_layout and view != "layout":
            continue  # the layout text keeps a table row on one line
        lines = text.splitlines()
        starts = _date_lines(text, {(s.month, s.day)}, bill.statement_date or e)
        ends = _date_lines(text, {(e.month, e.day)}, bill.statement_date or e)
        for ln in starts & ends:
            nums = _row_numbers(lines[ln], idx.fmt)
            if any(a in nums and b in nums for a, b in reads):
                return True
    return False


def _read_rows(bill: BillNormalized, text: str, fmt: str) -> set[int]:
    """Line numbers of ``text`` printing a meter's prior and present reads (with the usage they give)."""
    reads = [(m.prior_read, m.present_read) for m in bill.meters
             if m.prior_read is not None and m.present_read is not None and m.present_read > m.prior_read]
    out: set[int] = set()
    if not reads:
        return out
    for n, line in enumerate(text.split("\n")):
        nums = _row_numbers(line, fmt)
        if any(a in nums and b in nums for a, b in reads):
            out.add(n)
    return out


def _row_numbers(line: str, fmt: str) -> set[Decimal | None]:
    """The figures a line prints; where the bill's format may group thousands with a space ("77 823" on a
    bill of "R 1 234,56"), such a group counts as one figure too."""
    nums = {parse.parse_number(x.rstrip(".,"), fmt) for x in re.findall(r"\d[\d,.']*", line)}
    if fmt not in ("us", "in"):
        nums |= {parse.parse_number(m.group(0), fmt) for m in parse.SPACED_NUM_RX.finditer(line)}
    return nums


def _date_lines(text: str, month_days: set[tuple[int, int]], ref: dt.date) -> set[int]:
    """Line numbers of ``text`` where a date with one of ``month_days`` is printed (any order, with or
    without its year: "Jun 18 - Jul 20", "4/19 to 5/18")."""
    out = set()
    for order in ("MDY", "DMY"):
        for m in parse.find_dates(text, order, ref):
            v = m.value
            if isinstance(v, dt.date) and (v.month, v.day) in month_days:
                out.add(text.count("\n", 0, m.start))
    for short in re.finditer(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?![\d/.])", text):
        a, b = int(short[1]), int(short[2])
        if (a, b) in month_days or (b, a) in month_days:
            out.add(text.count("\n", 0, short.start()))
    return out


def _unit_ok(fname: str, unit: str | None) -> bool:
    return unit is None or _norm_unit(unit) in BILLED_IN[fname]


def _rate(idx: PrintedIndex, rate: Decimal) -> Printed:
    """A charge line's rate where the bill prints it: as read, or in cents or pence ("26.830p per kWh" is a rate
    of 0.26830 in the currency the amount is in)."""
    as_read = idx.printed(rate, "number")
    if as_read.printed:
        return as_read
    hundredths = rate * 100
    places = tuple(Place(page, m.start(1), m.end(1), view) for page, view, text in idx.texts
                   for m in _HUNDREDTHS.finditer(text) if parse.parse_number(m.group(1), idx.fmt) == hundredths)
    return Printed(rate, places)


_HUNDREDTHS = re.compile(r"(?i)(?<![\d.,])(\d+(?:[.,]\d+)?)\s?(?:cents?|ct|p|¢|c)(?=\s*(?:per\b|/))")


def _billed(fname: str, value: Decimal, items: list[LineItem], idx: PrintedIndex) -> str | None:
    """A charge line billed on ``value`` (rate x value = amount), or time-of-use parts so billed adding up to it.

    Not when billed parts add up to a larger quantity the bill prints ("23 m3" and "46 m3" of one period's
    two halves, "69 m3" printed): ``value`` is then one part billed again under another component."""
    direct: str | None = None
    parts: list[Printed] = []
    for li in items:
        if li.quantity is None or li.rate is None or not _unit_ok(fname, li.unit):
            continue
        out = product("charge_line", _rate(idx, li.rate), idx.printed(li.quantity, "number"),
                      idx.printed(li.amount, "money"))
        if not out.evidence:
            continue
        if _in_field(li.quantity, li.unit) == value:
            direct = direct or f"'{li.description[:40]}' bills {li.quantity} x {li.rate} = {li.amount}"
        elif li.unit is not None:
            parts.append(idx.printed(li.quantity, "number"))
    summed: str | None = None
    for a in range(len(parts)):
        for b in range(a + 2, len(parts) + 1):
            run = parts[a:b]
            total = sum((p.value for p in run), Decimal(0))
            if total > value and len({p.value for p in run}) == len(run) and idx.places(total, "number"):
                return None  # the parts of a larger printed quantity: value is one of them
            if total == value and summed is None:
                printed_total = idx.printed(value, "number")
                out = total_of("registers", run, printed_total, total_role="usage")
                if out.evidence:
                    summed = f"{len(run)} billed parts add up to it"
                elif not printed_total.printed and all(p.printed for p in run) and distinct(run):
                    # Printed only as its parts (time-of-use periods, each billed rate x quantity = amount):
                    # the usage read is their sum, which a wrong usage would not be.
                    summed = f"{len(run)} billed parts, each rate x quantity = amount, add up to it"
    return direct or summed


def _in_field(quantity: Decimal, unit: str | None) -> Decimal:
    """A charge line's quantity in the unit its usage field is reported in ("20,505 MWh" bills 20 505 kWh)."""
    return in_field_unit(quantity, parse.QTY_UNITS.get((unit or "").lower(), unit))[0]


def _by_reads(fname: str, value: Decimal, bill: BillNormalized, idx: PrintedIndex, n_usages: int) -> str | None:
    meters = [m for m in bill.meters if m.commodity == USAGE[fname] or (m.commodity is None and n_usages == 1)]
    outs: list[tuple[Decimal, Outcome]] = []
    for m in meters:
        if m.prior_read is None or m.present_read is None or m.usage is None:
            continue
        # A register fed back (net metering, multiplier -1) prints its reads and its own positive difference;
        # the sign is the bill's netting, counted in the sum below, not a printed factor.
        fed = m.multiplier is not None and m.multiplier < 0
        mult = idx.printed(m.multiplier, "number") if m.multiplier not in (None, Decimal(1)) and not fed else None
        out = reads(idx.printed(m.prior_read, "number"), idx.printed(m.present_read, "number"),
                    idx.printed(abs(m.usage) if fed else m.usage, "number"), mult)
        if out.evidence:
            # (Reads printed in MWh explain the usage the field holds in kWh.)
            outs.append((in_field_unit(m.usage, m.unit)[0], out))
    total = sum((u for u, _o in outs), Decimal(0))
    if outs and (abs(total - value) <= CENT or any(abs(u - value) <= CENT for u, _o in outs)):
        return "meter reads: " + "; ".join(o.why for _u, o in outs)[:150]
    # Several meters whose own usage is not printed, only their sum: sum(present - prior) = the usage.
    plain = [m for m in meters if m.prior_read is not None and m.present_read is not None
             and m.multiplier in (None, Decimal(1))]
    if len(plain) >= 2 and len(plain) == len(meters):
        terms = [t for i, m in enumerate(plain) for t in (
            (f"present{i + 1}", 1, idx.printed(m.present_read, "number")),  # type: ignore[arg-type]
            (f"prior{i + 1}", -1, idx.printed(m.prior_read, "number")))]  # type: ignore[arg-type]
        out = linear("meters_sum", [*terms, ("usage", -1, idx.printed(value, "number"))])
        if out.evidence and "usage" in out.confirms:
            return f"the reads of {len(plain)} meters add up to it"
    return None


def usage_confirmed(bill: BillNormalized, result: ExtractionResult | None = None, doc: Document | None = None,
                    idx: PrintedIndex | None = None, **_: object) -> CheckResult:
    rule = "usage_confirmed"
    idx = idx or PrintedIndex(doc)
    values = {f: getattr(bill, f) for f in USAGE if getattr(bill, f) is not None}
    if bill.gas_usage is None and bill.gas_therms is not None:
        values["gas_usage"] = bill.gas_therms
    if not values:
        units = sorted({m.group(0).lower() for _p, _v, t in idx.texts for m in _USAGE_UNIT.finditer(t)})
        if units or doc is None:
            return CheckResult(rule=rule, passed=False, message="usage not confirmed: no usage read, but the bill "
                               f"prints {', '.join(units[:3]) or 'nothing to check'}")
        return CheckResult(rule=rule, passed=True, message="no usage printed anywhere on the bill")
    confirmed: list[str] = []
    missing: list[str] = []
    # What the bill bills on: the extractor's line items and every priced charge line the page prints.
    items = [*bill.line_items, *idx.charge_lines()]
    for fname, v in values.items():
        over = _billed_over(fname, v, bill, items)
        if over is not None and not _by_reviewer(result, (fname,)):
            # A charge billed on more than the usage read: that usage is a part (a register, a period),
            # whatever else seems to confirm it.
            return CheckResult(rule=rule, passed=False, fields=[fname],
                               message=f"usage not confirmed: '{over.description[:60]}' is billed on {over.quantity} "
                                       f"{over.unit}, more than the {v} read")
    for fname, v in values.items():
        others = _billed_beside(fname, v, bill, idx)
        if others and not _by_reviewer(result, (fname,)):
            # "Day units 948 kWh x ..." beside "Night units 558 kWh x ...": 948 is one register of a split.
            return CheckResult(rule=rule, passed=False, fields=[fname],
                               message=f"usage not confirmed: {v} is one of the parts its commodity is billed on "
                                       f"(also {', '.join(str(q) for q in others[:3])}), which do not add up to it")
    for fname, v in values.items():
        own = (fname, "gas_therms") if fname == "gas_usage" else (fname,)
        how = ("entered by a reviewer" if _by_reviewer(result, own) else None) \
            or ("the layout's template and the generic reading agree" if _by_template(result, (fname,)) else None) \
            or _by_reads(fname, v, bill, idx, len(values)) or _billed(fname, v, items, idx)
        (confirmed if how else missing).append(f"{fname} ({how})" if how else fname)
    if missing:
        return CheckResult(rule=rule, passed=False, fields=[m.split(" ")[0] for m in missing],
                           message="usage not confirmed by meter reads or charge lines: " + ", ".join(missing))
    return CheckResult(rule=rule, passed=True, fields=list(values), message="; ".join(confirmed)[:300])


def _billed_over(fname: str, value: Decimal, bill: BillNormalized, items: list[LineItem]) -> LineItem | None:
    """The charge line of the usage's commodity (``_of_usage``) billed on the most of the usage's own unit, when
    that is more than the usage ``value``."""
    unit = _norm_unit(_usage_units(bill).get(fname))
    if not unit:
        return None
    drawn = _drawn_registers(fname, value, bill)
    over = [li for li in items if li.quantity is not None and _norm_unit(li.unit) == unit and li.quantity > value + 1
            and _of_usage(fname, li, bill) and li.quantity not in drawn]
    return max(over, key=lambda li: li.quantity or 0) if over else None


def _drawn_registers(fname: str, value: Decimal, bill: BillNormalized) -> set[Decimal]:
    """Net metering: the usage of each register drawn from the grid, when the bill's meters of the usage's
    commodity include one fed back (a negative usage) and add up to ``value``. A charge billed on what was
    drawn (a non-bypassable charge) is then no sign that ``value`` is a part."""
    meters = [m for m in bill.meters if m.commodity == USAGE[fname] and m.usage is not None]
    if not any(m.usage is not None and m.usage < 0 for m in meters):
        return set()
    if sum((m.usage for m in meters if m.usage is not None), Decimal(0)) != value:
        return set()
    return {m.usage for m in meters if m.usage is not None and m.usage > 0}


def _usage_units(bill: BillNormalized) -> dict[str, str | None]:
    return {"electricity_kwh": "kwh", "gas_usage": bill.gas_usage_unit, "water_usage": bill.water_usage_unit}


def _of_usage(fname: str, li: LineItem, bill: BillNormalized) -> bool:
    """Whether charge line ``li`` bills usage ``fname``'s commodity: it names no other commodity; and, when
    another usage of the bill shares the unit (gas billed in kWh beside electricity), it names its own or, for
    electricity, bills none of the other usage's figures."""
    units = _usage_units(bill)
    unit = _norm_unit(units.get(fname))
    shared = [f for f, u in units.items() if f != fname and _norm_unit(u) == unit and getattr(bill, f) is not None]
    others = {getattr(bill, f) for f in shared} | ({bill.gas_therms} if "gas_usage" in shared else set())
    if any(names_commodity(li.description, f) for f in units if f != fname) or _GAS_WORDS.search(
            li.description) and fname != "gas_usage":
        return False
    if not shared:
        return True
    return li.quantity not in others if fname == "electricity_kwh" else names_commodity(li.description, fname)


def _billed_beside(fname: str, value: Decimal, bill: BillNormalized, idx: PrintedIndex) -> list[Decimal]:
    """The other quantities of the usage's commodity and unit the page's charge lines bill (each rate x
    quantity = amount as evidence) when ``value`` is one of them and no two or more of the others add up to
    it: ``value`` is then one part of a split billed at its own rate (a register of Economy 7 or of a
    time-of-use tariff) and the usage is their sum, or a person decides. [] when ``value`` is billed alone or
    on its own parts (consumption blocks of 20 + 20 + 7 m3 beside charges on all 47)."""
    unit = _norm_unit(_usage_units(bill).get(fname))
    if not unit:
        return []
    billed: list[Decimal] = []  # one per printed line: two blocks of 20 m3 are two parts
    # A part may be billed at a rate printed too coarsely for its line to be evidence ("553 kWh @ 7.6¢/kWh"): it
    # still is a part the others may add up with, so the sum is looked for over every line whose product holds.
    parts: list[Decimal] = []
    for li in idx.charge_lines():
        if li.quantity is None or li.rate is None or _norm_unit(li.unit) != unit or not _of_usage(fname, li, bill):
            continue
        line = product("charge_line", _rate(idx, li.rate), idx.printed(li.quantity, "number"),
                       idx.printed(li.amount, "money"))
        if line.evidence:
            billed.append(li.quantity)
        if line.holds and li.quantity != value:
            parts.append(li.quantity)
    rest = sorted(q for q in billed if q != value)
    if value not in billed or not rest:
        return []
    parts.sort()
    # (Up to six parts, three when so many lines are billed that larger sums would meet by chance.)
    sizes = range(2, min(len(parts), 6 if len(parts) <= 10 else 3) + 1)
    if any(sum(c) == value for r in sizes for c in itertools.combinations(parts, r)):
        return []
    return rest


def _norm_unit(unit: str | None) -> str:
    return (unit or "").lower().replace("³", "3")


_GAS_WORDS = re.compile(r"(?i)\b(?:gas|gaz|erdgas|metano)\b")


RULES: list[Callable[..., CheckResult]] = [total_confirmed, period_confirmed, usage_confirmed]
