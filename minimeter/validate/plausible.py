"""Plausibility checks a person would make before believing a bill. Each can fail a bill; none confirms one.

* ``load_factor``: a demand of D kW over H hours can deliver at most D x H kWh;
* ``usage_per_day``: the usage per day within what a service can draw (generous bounds, tighter for a
  residential rate), and not a tiny fraction (a rate or a price read as the usage);
* ``total_not_distractor``: the amount due is printed somewhere that is not a year-to-date, a
  late-payment or an "after the due date" amount;
* ``statement_after_period``: the period ends by the statement date (a few days' slack).

The period's own length and order, and the due date after the statement, are in ``checks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.schema import CheckResult
from minimeter.validate.printed import PrintedIndex

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized

RESIDENTIAL = re.compile(r"(?i)resid|domestic|household|\bRS\b|\bR-?\d|hogar|particulier|privat|dom[eé]stic")
# Per day, (residential, any service): kWh; gas per unit; water per unit. Generous on purpose: they catch a
# figure read from the wrong place (a year's total, a meter number, a price), not an unusual customer.
MAX_PER_DAY: dict[str, tuple[Decimal, Decimal]] = {
    "kwh": (Decimal(1000), Decimal(3_000_000)), "mwh": (Decimal(1), Decimal(3000)),
    "therms": (Decimal(60), Decimal(200_000)), "ccf": (Decimal(60), Decimal(200_000)),
    "hcf": (Decimal(60), Decimal(200_000)), "m3": (Decimal(200), Decimal(1_000_000)),
    "gallons": (Decimal(20_000), Decimal(50_000_000)), "kgal": (Decimal(20), Decimal(50_000)),
}
_UNIT = {"kwh": "kwh", "mwh": "mwh", "therm": "therms", "therms": "therms", "ccf": "ccf", "hcf": "hcf", "m3": "m3",
         "gal": "gallons", "gallon": "gallons", "gallons": "gallons", "kgal": "kgal"}
MIN_PER_DAY = Decimal("0.001")
SLACK_DAYS = 7
_DISTRACTOR = re.compile(
    r"(?i)year[- ]to[- ]date|\bytd\b|\bannual\b|last 12 months|past 12 months|\bafter\b|\blate\b|overdue|"
    r"if paid (?:after|late)|past due|d[eé]pois d[oe]|ap[oó]s o vencimento|nach f[aä]lligkeit|apr[eè]s (?:le |l')?"
    r"[eé]ch[eé]ance|dopo la scadenza|oltre la scadenza|despu[eé]s del vencimiento|tras el vencimiento|"
    r"na (?:de )?vervaldatum|selepas tarikh akhir|retard|atraso|mora\b")


def _days(bill: BillNormalized) -> int | None:
    s, e = bill.billing_period_start, bill.billing_period_end
    return (e - s).days if s is not None and e is not None and e > s else None


def load_factor(bill: BillNormalized, **_: object) -> CheckResult:
    rule, days = "load_factor", _days(bill)
    kw, kwh = bill.demand_kw, bill.electricity_kwh
    if kw is None or kwh is None or days is None or kw <= 0:
        return CheckResult(rule=rule, passed=None, message="demand, energy or period missing")
    most = kw * 24 * days
    ok = kwh <= most
    return CheckResult(rule=rule, passed=ok, fields=["demand_kw", "electricity_kwh"],
                       message=f"{kw} kW over {days} days can deliver {most:,.0f} kWh; the bill says {kwh:,} kWh"
                       + ("" if ok else ": a load factor above 1"))


def usage_per_day(bill: BillNormalized, **_: object) -> CheckResult:
    rule, days = "usage_per_day", _days(bill)
    if days is None:
        return CheckResult(rule=rule, passed=None, message="no period")
    residential = bool(bill.rate_plan and RESIDENTIAL.search(bill.rate_plan))
    checked = []
    for fname, value, unit in (("electricity_kwh", bill.electricity_kwh, "kWh"),
                               ("gas_usage", bill.gas_usage, bill.gas_usage_unit),
                               ("water_usage", bill.water_usage, bill.water_usage_unit)):
        if value is None or value == 0:
            continue
        per_day = abs(value) / days
        bounds = MAX_PER_DAY.get(_UNIT.get((unit or "").lower().replace("³", "3"), ""))
        if per_day < MIN_PER_DAY:
            return CheckResult(rule=rule, passed=False, fields=[fname],
                               message=f"{fname} {value} over {days} days is {per_day:.6f} a day: not a usage")
        if bounds is not None:
            most = bounds[0] if residential else bounds[1]
            if per_day > most:
                return CheckResult(rule=rule, passed=False, fields=[fname],
                                   message=f"{fname} {value} {unit} over {days} days is {per_day:,.0f} a day, more "
                                   f"than a{' residential' if residential else ''} service draws ({most:,})")
        checked.append(fname)
    if not checked:
        return CheckResult(rule=rule, passed=None, message="no usage")
    return CheckResult(rule=rule, passed=True, fields=checked, message="usage per day within bounds")


def total_not_distractor(bill: BillNormalized, doc: Document | None = None, idx: PrintedIndex | None = None,
                         **_: object) -> CheckResult:
    rule = "total_not_distractor"
    t = bill.total_amount_due
    if t is None or doc is None:
        return CheckResult(rule=rule, passed=None, message="no total or no text")
    idx = idx or PrintedIndex(doc)
    texts = {(page, view): text for page, view, text in idx.texts}
    places = idx.places(t, "money")
    if not places:
        return CheckResult(rule=rule, passed=None, message="the total is not printed as an amount")
    contexts = []
    for p in places:
        text = texts[(p.page, p.view)]
        ls = text.rfind("\n", 0, p.start) + 1
        before = text[ls:p.start]
        if not before.strip():  # the value starts its line: its label is the line above
            before = text[text.rfind("\n", 0, max(0, ls - 1)) + 1:ls]
        contexts.append(before[-60:])
    plain = [c for c in contexts if not _DISTRACTOR.search(c)]
    if plain:
        return CheckResult(rule=rule, passed=True, fields=["total_amount_due"],
                           message="the amount due is printed as such")
    return CheckResult(rule=rule, passed=False, fields=["total_amount_due"],
                       message=f"every printing of {t:,.2f} is a late-payment, after-due-date or year-to-date "
                       f"amount ('{contexts[0].strip()[-40:]}')")


def statement_after_period(bill: BillNormalized, **_: object) -> CheckResult:
    rule = "statement_after_period"
    e, st = bill.billing_period_end, bill.statement_date
    if e is None or st is None:
        return CheckResult(rule=rule, passed=None, message="period end or statement date missing")
    ok = (e - st).days <= SLACK_DAYS
    return CheckResult(rule=rule, passed=ok, fields=["billing_period_end", "statement_date"],
                       message=f"period ends {e}, issued {st}" + ("" if ok else ": the bill is dated before its "
                                                                  "period ends"))


RULES: list[Callable[..., CheckResult]] = [load_factor, usage_per_day, total_not_distractor, statement_after_period]
