"""The charge lines a bill prints, read from the document for validation, whichever extractor read it.

``charge_lines(finder) -> list[LineItem]`` (``finder``: a profile-less ``Finder`` over the document):
every priced line (quantity, unit, rate and amount), in page order, each line once (from a page's layout
text when it has one):

* a row with its multiplication, "Energy  4,281 kWh x 0.0230 = 98.46", as
  ``minimeter.extract.chargelines.read_row`` reads it;
* a table row that prints a unit cell, a quantity, a unit price and then its amount with no sign
  between them ("Energy TUSD   kWh   48   0,512300   24,59", maybe more columns after it), taken
  only when quantity x price = amount as evidence (``minimeter.arithmetic.product``: to the precision
  of the price, which must be printed finely enough that a wrong quantity would not match).

A line needs a unit ("2 x 15.00" counts things, not a quantity of the usage). What the rules do with
these lines is ``corroborate``'s: they confirm a usage they bill, and a charge billed on more says the
usage read is a part.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.arithmetic import Place, Printed, product
from minimeter.extract import parse
from minimeter.schema import LineItem

if TYPE_CHECKING:
    from minimeter.extract.candidates import Finder, View

_TOKEN = re.compile(r"\S+")
_FIGURE = re.compile(r"[-(]?\d[\d.,'’]*\)?-?")
_SPACED_FIGURE = re.compile(r"(?<!\S)-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\S)")
# The unit of a price printed in hundredths of the currency, right after the price: "Cent/kWh", "ct/kWh", "¢/kWh",
# "c/kWh", "p/kWh" (pence), "öre/kWh" (Swedish) or "øre/kWh" (Danish, Norwegian): hundredths of a krone.
_CENTS = re.compile(r"(?i)\s?(?:cents?|ct|c|¢|p|öre|øre)\s?/\s?[a-z]")


def charge_lines(finder: Finder) -> list[LineItem]:
    from minimeter.extract.chargelines import document_rows

    out: list[LineItem] = []
    for view, n, c in document_rows(finder):
        if c.amount == 0:
            continue
        if c.quantity is not None and c.rate is not None:
            if c.unit:
                out.append(c.item())
            continue
        cells = _table_cells(view, n, c.end, finder.fmt)
        if cells is not None:
            q, unit, r, a, first = cells
            ls, _le = view.line(n)
            # The description is the row's text before its figures (another column's amount was read last).
            words = " ".join(view.text[ls:first].split()) or c.description
            out.append(c.item().model_copy(update={"quantity": q, "unit": unit, "rate": r, "amount": a,
                                                   "description": words[:200]}))
    return out


def _table_cells(view: View, n: int, end: int, fmt: str) -> tuple[Decimal, str, Decimal, Decimal, int] | None:
    """(quantity, unit, price, amount, where the row's figures start) of a table row, up to ``end``, whose unit
    cell, quantity, price and amount come in that order and multiply; None otherwise."""
    ls, _le = view.line(n)
    tokens = list(_TOKEN.finditer(view.text, ls, end))
    units = {parse.QTY_UNITS[t.group(0).lower()] for t in tokens if t.group(0).lower() in parse.QTY_UNITS}
    if len(units) != 1:
        return None
    figures: list[tuple[Decimal, re.Match[str]]] = []
    # (Where figures group thousands with a space, "1 335 kWh  24,60 öre/kWh  328,41 kr", such a run is one figure.)
    spaced = list(_SPACED_FIGURE.finditer(view.text, ls, end)) if fmt in ("eu", "ch") else []
    for t in sorted([*spaced, *(t for t in tokens if not any(g.start() <= t.start() < g.end() for g in spaced))],
                    key=lambda t: t.start()):
        v = parse.parse_number(t.group(0), fmt) if _FIGURE.fullmatch(re.sub(r"\s", "", t.group(0))) else None
        if v is not None:
            figures.append((v, t))
    if len(figures) < 3:
        return None
    here = "layout" if view.layout else "plain"

    def printed(v: Decimal, t: re.Match[str]) -> Printed:
        return Printed(v, (Place(view.page, t.start(), t.end(), here),))

    # Quantity, price and amount in that order; the amount may be followed by other columns (a tax base, the
    # tax), so it is any figure after the price.
    for i in range(len(figures) - 2):
        for j in range(i + 1, len(figures) - 1):
            for k in range(j + 1, len(figures)):
                (q, tq), (r, tr), (a, ta) = figures[i], figures[j], figures[k]
                # A price in cents of the amount's currency ("6,349 Cent/kWh", "12.5 ct/kWh"): hundredths.
                if _CENTS.match(view.text, tr.end()):
                    r = r / 100
                if product("table_row", printed(r, tr), printed(q, tq), printed(a, ta)).evidence:
                    unit_at = min(t.start() for t in tokens if t.group(0).lower() in parse.QTY_UNITS)
                    return q, next(iter(units)), r, a, min(tq.start(), unit_at)
    return None
