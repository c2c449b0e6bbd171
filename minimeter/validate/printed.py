"""Where a bill prints a value: an index of every amount and number on every page and view.

Validation judges the bill's arithmetic on printed values (``minimeter.arithmetic.Printed``),
whatever extractor produced them: a value is looked up in the document, and a field whose
evidence carries a span is pinned to that span (so two roles read from the same characters are
one printed value, not two).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.arithmetic import Place, Printed
from minimeter.extract import parse

if TYPE_CHECKING:
    from minimeter.extract.blocks import Block
    from minimeter.extract.candidates import Finder
    from minimeter.readers.base import Document
    from minimeter.schema import FieldEvidence, LineItem

# (A figure right before a slash is part of a date or a fraction, "12/05"; a decimal one before a slash and a
# word is a rate per unit, "$0.03865/MJ", "$0.8215/day".)
_NUM = re.compile(r"(?<![\w.,'’/-])\d{1,3}(?:[,'’.\u00a0 ]\d{3})+(?:[.,]\d+)?(?![\w/])"
                  r"|(?<![\w.,'’/-])\d+[.,]\d+(?=/[^\W\d_])|(?<![\w.,'’/-])\d+(?:[.,]\d+)?(?![\w/])|(?<![\w\d])[.,]\d+(?![\w/])")


def _key(v: Decimal) -> Decimal:
    return abs(v).normalize()


class PrintedIndex:
    """Every amount (``money``) and number (``numbers``) the document prints, by magnitude."""

    def __init__(self, doc: Document | None) -> None:
        self.money: dict[Decimal, list[Place]] = {}
        self.numbers: dict[Decimal, list[Place]] = {}
        self.texts: list[tuple[int, str, str]] = []
        self._doc = doc
        self._blocks: list[Block] | None = None
        self._charges: list[LineItem] | None = None
        self._generic: Finder | None = None
        if doc is None:
            return
        from minimeter.extract.formats import guess_number_format

        self.fmt = guess_number_format(doc.text)
        for page in doc.pages:
            for view, text in (("plain", page.text), ("layout", page.layout_text or "")):
                if not text.strip():
                    continue
                self.texts.append((page.number, view, text))
                for m in parse.find_money(text, self.fmt, need_decimals=False):
                    self.money.setdefault(_key(m.value), []).append(  # type: ignore[arg-type]
                        Place(page.number, m.start, m.end, view))
                for n in _NUM.finditer(text):
                    v = parse.parse_number(n.group(0), self.fmt)
                    if v is not None:
                        self.numbers.setdefault(_key(v), []).append(Place(page.number, n.start(), n.end(), view))

    def summary_blocks(self) -> list[Block]:
        """The document's summary blocks (``minimeter.extract.blocks``): rows whose amounts end in one column,
        read as one running sum. Found once per document, for every rule that asks."""
        if self._blocks is None:
            from minimeter.extract.blocks import find_blocks

            finder = self._finder()
            self._blocks = find_blocks(finder) if finder is not None else []
        return self._blocks

    def charge_lines(self) -> list[LineItem]:
        """Every priced charge line the document prints (``minimeter.validate.billed``), read once."""
        if self._charges is None:
            from minimeter.validate.billed import charge_lines

            finder = self._finder()
            self._charges = charge_lines(finder) if finder is not None else []
        return self._charges

    def _finder(self) -> Finder | None:
        """One profile-less finder over the document for the block and charge-line readers (built once)."""
        if self._generic is None and self._doc is not None:
            from minimeter.extract.candidates import Finder

            self._generic = Finder(self._doc, None)
        return self._generic

    def places(self, value: Decimal, kind: str = "money") -> list[Place]:
        table = self.money if kind == "money" else self.numbers
        out = list(table.get(_key(value), []))
        if kind == "money":
            out += [p for p in self.numbers.get(_key(value), []) if not any(p.same(q) for q in out)]
        return out

    def printed(self, value: Decimal, kind: str = "money", ev: FieldEvidence | None = None,
                score: float = 1.0) -> Printed:
        """``value`` with the places it is printed; pinned to the evidence span when there is one (in the
        span's view; the other view's offsets cannot be compared, so its places stay)."""
        places = self.places(value, kind)
        span = ev.span if ev is not None else None
        if span is not None:
            view = "layout" if span.layout else "plain"
            pin = Place(span.page, span.start, span.end, view)
            mine = [p for p in places if p.same(pin)][:1]  # (the index's own place: one key per figure)
            if mine:
                places = mine + [p for p in places if p.view != view]
        return Printed(value, tuple(places), score)
