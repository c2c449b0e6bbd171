"""Services' totals: a bill of several services prints each one's total and an amount due that is their sum.

"Total Electricity  1,203.10" and "Total Water  310.45" above "Amount due 1,513.55": each line is a
section total when a section-total word of the lexicon (``[roles] section_total``: "total", "totale",
"summe"...) starts its label cell and the rest of the label names exactly one commodity (the lexicon's
commodity words). ``confirms_total(idx, total)`` says how the totals of two or more commodities, each
printed at its own place, add up to ``total``: exactly, or rounded as the bill rounds what it collects
(to whole units, or to 0.05 where the smallest coin is five hundredths). One commodity's total equal
to the amount due checks nothing (x = x); a wrong total leaves a gap no rounding explains.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.arithmetic import CENT, Place, Printed, distinct
from minimeter.extract import lexicon, parse
from minimeter.extract.vocab import label_rx, names_commodity

if TYPE_CHECKING:
    from minimeter.validate.printed import PrintedIndex

COMMODITY_FIELDS = ("electricity_kwh", "gas_usage", "water_usage")
COIN = Decimal("0.05")
"""The smallest coin some currencies round a payable amount to (five centimes, five sen)."""
LABEL_REACH = 40
"""At most this many characters of label between the section-total word and the amount."""


def section_totals(idx: PrintedIndex) -> dict[str, list[Printed]]:
    """Commodity field -> the section totals printed for it (each value once, with its places)."""
    words = [label_rx(p) for p, _w in lexicon.load().roles.get("section_total", ())]
    has_layout = any(v == "layout" for _p, v, _t in idx.texts)
    found: dict[str, dict[Decimal, list[Place]]] = {}
    for page, view, text in idx.texts:
        if has_layout and view != "layout":
            continue  # one reading of each line (the layout text keeps a label beside its amount)
        for rx in words:
            for m in rx.finditer(text):
                line_end = text.find("\n", m.end())
                line_end = len(text) if line_end < 0 else line_end
                if not _starts_cell(text, m.start()):
                    continue
                money = parse.find_money(text[m.end():line_end], idx.fmt)
                if not money or money[0].start > LABEL_REACH:
                    continue
                label = text[m.end():m.end() + money[0].start]
                if re.search(r"\d", label):
                    continue
                named = [f for f in COMMODITY_FIELDS if names_commodity(label, f)]
                value = money[0].value
                if len(named) != 1 or not isinstance(value, Decimal) or value <= 0:
                    continue
                place = Place(page, m.end() + money[0].start, m.end() + money[0].end, view)
                found.setdefault(named[0], {}).setdefault(value, []).append(place)
    return {f: [Printed(v, tuple(ps)) for v, ps in by_value.items()] for f, by_value in found.items()}


def confirms_total(idx: PrintedIndex, total: Decimal) -> str | None:
    """Why the section totals of two or more commodities make ``total``, or None."""
    sections = section_totals(idx)
    if len(sections) < 2:
        return None
    fields = sorted(sections)
    for combo in itertools.product(*(sections[f] for f in fields)):
        s = sum((p.value for p in combo), Decimal(0))
        how = rounding(s, total)
        if how is not None and distinct(list(combo)):
            parts = " + ".join(f"{p.value:,.2f}" for p in combo)
            return f"the services' totals {parts} = {s:,.2f}{how}"
    return None


def rounding(exact: Decimal, payable: Decimal) -> str | None:
    """How ``payable`` is ``exact`` as a bill collects it: "" when equal, a note when rounded to the smallest
    coin (0.05) or to whole units, None otherwise."""
    gap = abs(exact - payable)
    if gap <= CENT:
        return ""
    if payable % COIN == 0 and gap < COIN / 2 + CENT / 2:
        return f", rounded to {COIN}"
    if payable == payable.to_integral_value() and gap < Decimal("0.5"):
        return ", rounded to whole units"
    return None


def _starts_cell(text: str, pos: int) -> bool:
    """The word starts its line or a cell (two spaces before it)."""
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    return not before.strip() or before.endswith("  ")
