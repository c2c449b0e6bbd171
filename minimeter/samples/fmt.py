"""How a bill prints numbers, money and dates, per locale and per bill.

Real bills disagree on all of it: ``1,234.56`` / ``1.234,56`` / ``1'234.50`` / ``1 234,56``,
``07/24/2024`` / ``24.07.2024`` / ``Jul 24`` (no year), ``$`` before or ``CHF`` / ``EUR``
after, credits as ``-12.00``, ``12.00 CR`` or ``12.00-``. A ``Locale`` is chosen per layout and a few
of its choices (date style, credit style) per bill, so the eval set varies inside a layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
             "Oktober", "November", "Dezember"]

# Date styles a layout may pick from; each is (with year, without year).
DATE_STYLES = {
    "us_num": ("{m:02d}/{d:02d}/{Y}", "{m:02d}/{d:02d}"),
    "us_num2": ("{m:02d}/{d:02d}/{y:02d}", "{m}/{d}"),
    "us_mon": ("{Mon} {d}, {Y}", "{Mon} {d}"),
    "us_month": ("{Month} {d}, {Y}", "{Month} {d}"),
    "iso": ("{Y}-{m:02d}-{d:02d}", "{m:02d}-{d:02d}"),
    "uk_num": ("{d:02d}/{m:02d}/{Y}", "{d:02d}/{m:02d}"),
    "uk_mon": ("{d} {Mon} {Y}", "{d} {Mon}"),
    "dot": ("{d:02d}.{m:02d}.{Y}", "{d:02d}.{m:02d}."),
    "dot2": ("{d:02d}.{m:02d}.{y:02d}", "{d:02d}.{m:02d}."),
    "fr_long": ("{d} {fr} {Y}", "{d} {fr}"),
    "de_long": ("{d}. {de} {Y}", "{d}. {de}"),
}


@dataclass(frozen=True)
class Locale:
    currency: str
    symbol: str
    symbol_after: bool
    thousands: str
    decimal: str
    date_styles: tuple[str, ...]
    credit_styles: tuple[str, ...] = ("minus", "cr")


def q2(x: Decimal | float | int | str) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def number(x: Decimal | float | int, loc: Locale, places: int = 2) -> str:
    """``x`` with the locale's separators; negative numbers keep a leading minus."""
    d = Decimal(str(x))
    neg = d < 0
    d = abs(d).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if places else abs(d).quantize(
        Decimal(1), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{d:f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    s = loc.thousands.join(groups)
    if places:
        s += loc.decimal + frac
    return ("-" if neg else "") + s


def money(x: Decimal, loc: Locale, *, symbol: bool = True, credit: str = "minus") -> str:
    """Money as printed: ``$1,234.56``, ``CHF 1'234.50``, ``1.234,56 EUR``, credits per style."""
    neg = x < 0
    body = number(abs(x), loc, 2)
    if symbol:
        body = f"{body} {loc.symbol}" if loc.symbol_after else f"{loc.symbol}{body}"
    if not neg:
        return body
    if credit == "cr":
        return f"{body} CR"
    return f"{body}-" if credit == "trail" else f"-{body}"


def quantity(x: Decimal | float | int, loc: Locale) -> str:
    d = Decimal(str(x))
    places = 0 if d == d.to_integral_value() else len(str(d.normalize()).partition(".")[2])
    return number(d, loc, places)


def date(d: dt.date, style: str, *, year: bool = True) -> str:
    fmt = DATE_STYLES[style][0 if year else 1]
    return fmt.format(
        d=d.day, m=d.month, Y=d.year, y=d.year % 100, Mon=EN_MONTHS[d.month - 1][:3],
        Month=EN_MONTHS[d.month - 1], fr=FR_MONTHS[d.month - 1], de=DE_MONTHS[d.month - 1],
    )


US = Locale("USD", "$", False, ",", ".", ("us_num", "us_num2", "us_mon", "us_month"), ("minus", "cr", "trail"))
UK = Locale("GBP", "£", False, ",", ".", ("uk_num", "uk_mon"), ("minus", "cr"))
CH = Locale("CHF", "CHF ", False, "'", ".", ("dot", "dot2", "fr_long"), ("minus",))
DE = Locale("EUR", "EUR", True, ".", ",", ("dot", "dot2", "de_long"), ("minus",))
FR = Locale("EUR", "€", True, " ", ",", ("uk_num", "fr_long"), ("minus",))
