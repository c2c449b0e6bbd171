"""How a bill writes its numbers and dates, guessed from its own text when no profile says so.

``guess_number_format`` returns "us" (1,234.56), "eu" (1.234,56) or "ch" (1'234.50); ``guess_date_order``
"DMY" or "MDY" for its numeric dates. Both read only the text they are given.
"""

from __future__ import annotations

import datetime as dt
import re

from minimeter.extract import parse
from minimeter.extract.ranges import range_connector_rx

# A whole amount with its currency before it and dot-grouped thousands ("Rp 247.106", "$ 12.500"): no currency
# is printed to three decimals, so the dot groups thousands, as in 1.234,56. (A leading zero, or "/ per x" after,
# is a rate per unit: "$0.057 per kWh", "$1.234/therm".)
_WHOLE_DOTTED = re.compile(rf"{parse.CURRENCY_BEFORE}[ \u00a0]?[1-9]\d{{0,2}}(?:\.\d{{3}})+(?![\d.,])"
                           r"(?![ \u00a0]*(?:/|per\b|x\b|@))")


def guess_number_format(text: str) -> str:
    """How the text writes its figures: the marks of the figures with decimals (1.234,56 or 1,234.56), the
    apostrophe groups of 1'234.50, and whole amounts in dot-grouped thousands ("Rp 1.234.567", "Rp 247.106")."""
    eu = len(re.findall(r"\d\.\d{3},\d{2}\b|\s\d+,\d{2}(?![\d,])", text)) + len(_WHOLE_DOTTED.findall(text))
    us = len(re.findall(r"\d,\d{3}\.\d{2}\b|\s\d+\.\d{2}(?![\d.])", text))
    ch = len(re.findall(r"\d['’]\d{3}(?:\.\d{2})?\b", text))
    if ch >= 2 and ch >= eu:
        return "ch"
    return "eu" if eu > us else "us"


def guess_date_order(text: str) -> str:
    """DMY or MDY for the bill's numeric dates: a day over 12 settles one date; an ambiguous one (05/02/2024)
    counts for the order that reads it as a date the bill also prints with its month's name ("Supply period
    5 Feb 2024 to 4 May 2024" beside "Read dates 05/02/2024 - 04/05/2024"); a dot leans to DMY."""
    dmy = mdy = 0.0
    spelled: set[dt.date] | None = None
    for m in re.finditer(r"(?<![\d/.])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d\d)(?!\d)", text):
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            dmy += 1
        elif b > 12 >= a:
            mdy += 1
        elif a != b and 0 < a <= 12 and 0 < b <= 12:  # (both over 12, "25/31/24", is no date at all)
            if spelled is None:
                spelled = {d.value for d in parse.find_dates(text) if isinstance(d.value, dt.date)
                           and re.search(r"[^\W\d_]", d.text)}
            year = int(m[4]) + (2000 if len(m[4]) == 2 else 0)
            if not dt.MINYEAR <= year <= dt.MAXYEAR:
                continue
            as_dmy, as_mdy = dt.date(year, b, a), dt.date(year, a, b)
            if as_dmy in spelled and as_mdy not in spelled:
                dmy += 1
            elif as_mdy in spelled and as_dmy not in spelled:
                mdy += 1
            elif m[2] == ".":
                dmy += 0.5
        elif m[2] == ".":
            dmy += 0.5
    ranged = _range_order(text)
    dmy, mdy = dmy + ranged.count("DMY"), mdy + ranged.count("MDY")
    if dmy == mdy == 0 and _day_first_money(text):
        return "DMY"
    return "DMY" if dmy > mdy else "MDY"


_NUM_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d\d)(?![\d/.])")


def _range_order(text: str) -> list[str]:
    """For each range of two numeric dates ("11/11/2023 - 10/12/2023") that only one order reads forward
    within a year, that order: a bill whose every date has a day of 12 or less still prints its period
    forward (read the other way it would end before it starts, or run for years)."""
    found = list(_NUM_DATE.finditer(text))
    out = []
    for x, y in zip(found, found[1:], strict=False):
        between = text[x.end():y.start()]
        if "\n" in between or not range_connector_rx().match(between.replace("-", " ").replace("\u2013", " ")):
            continue
        readings = []
        for order in ("DMY", "MDY"):
            d, mo = (1, 3) if order == "DMY" else (3, 1)
            try:
                a, b = (dt.date(int(m[4]) + (2000 if len(m[4]) == 2 else 0), int(m[mo]), int(m[d]))
                        for m in (x, y))
            except ValueError:
                continue
            if dt.timedelta(0) < b - a <= dt.timedelta(days=400):
                readings.append(order)
        if len(readings) == 1:
            out.append(readings[0])
    return out


MONTH_FIRST_SIGNS = frozenset({"USD"})
"""Currencies (as ``parse.currencies_in`` reads their signs) of the countries that print the month first:
the dollar sign (the United States; the other dollars print their dates so that a day over 12 or a dot
settles them more often than not)."""


def _day_first_money(text: str) -> bool:
    """With nothing in its dates to tell ("08/01/2025" alone), a bill whose figures are printed in a currency
    of the day-first countries (€, £, Rs, RM, R$, CHF) or with a decimal comma ("88,10") writes the day first."""
    counts = parse.currencies_in(text)
    if counts:
        return max(counts, key=lambda c: counts[c]) not in MONTH_FIRST_SIGNS
    return guess_number_format(text) != "us"
