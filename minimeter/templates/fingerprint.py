"""A layout's fingerprint, and how alike a document is to it.

A fingerprint keeps, for each page of the layout that holds an anchored field, two things every
bill of that layout prints in the same place whatever its values:

* ``words``: label-like words (letters, no digits) at their position, minus the words of the
  approved values that change from bill to bill (customer name, address, dates' month names);
* ``boxes``: the start of every text cell with its shape class (``A`` words, ``9`` figures),
  language-independent: the same template with its labels in Catalan or Spanish has its boxes and
  figures where they were.

``similarity(fp, doc)`` aligns each fingerprint page with the document page that matches it best
(a marketing cover before the bill moves the pages, not the layout) and returns a ``Likeness``:
the share of the fingerprint's words found again in place (``words``) and the F1 of boxes found
again in place in both directions (``boxes``). ``Likeness.matches`` is the decision (enough of both);
its thresholds are here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from minimeter.templates.model import Fingerprint
from minimeter.templates.page import Row, cells, fold, page_rows, page_size

if TYPE_CHECKING:
    from minimeter.readers.base import Document

X_TOL = 0.02
"""Horizontal tolerance, as a share of the page width."""
Y_TOL = 0.012
"""Vertical tolerance, as a share of the page height."""
MATCH_SUM = 1.15
"""Words in place plus box F1 that says "same layout". Measured: different layouts of the generator reach at
most 0.99 (shared generic labels on a left margin); real second bills of one layout 1.29-1.63, the same
boxes with their labels in another language 1.37."""
MIN_WORDS = 0.3
"""Some fixed text must be found again in place: boxes alone line up by chance on any form."""
MIN_BOXES = 0.5
MAX_ITEMS = 600
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _is_word(t: str) -> bool:
    return bool(_LETTERS.search(t)) and not re.search(r"\d", t)


def page_items(rows: list[Row], exclude: set[str] | None = None) -> tuple[list[tuple[int, int, str]],
                                                                          list[tuple[int, int, int, str]]]:
    """(words, boxes) of one page: words as (x, y, folded word), boxes as (x0, x1, y, class)."""
    words: list[tuple[int, int, str]] = []
    boxes: list[tuple[int, int, int, str]] = []
    for row in rows:
        for w in row.words:
            t = fold(w.text).strip(".,:;()[]#*")
            if len(t) >= 2 and _is_word(t) and t not in (exclude or set()):
                words.append((round(w.x0), round(w.top), t))
        for s, e in cells(row.text):
            b = row.box(s, e)
            if b is None:
                continue
            piece = row.text[s:e]
            cls = "A" if _LETTERS.search(piece) else "9" if re.search(r"\d", piece) else "."
            if cls != ".":
                boxes.append((round(b[0]), round(b[2]), round(b[1]), cls))
    return words[:MAX_ITEMS], boxes[:MAX_ITEMS]


def build(doc: Document, pages: list[int], exclude: set[str]) -> Fingerprint:
    words: list[str] = []
    boxes: list[str] = []
    for n in pages:
        if not 1 <= n <= len(doc.pages):
            continue
        rows = page_rows(doc.pages[n - 1])
        ws, bs = page_items(rows, exclude)
        words += [f"{n}|{x}|{y}|{t}" for x, y, t in ws]
        boxes += [f"{n}|{x0}|{y}|{c}{x1}" for x0, x1, y, c in bs]
    return Fingerprint(pages=max(1, len(doc.pages)), words=words, boxes=boxes)


@dataclass
class Likeness:
    words: float = 0.0
    boxes: float = 0.0
    pages: dict[int, int] = field(default_factory=dict)
    """Fingerprint page -> document page."""

    @property
    def matches(self) -> bool:
        return self.words + self.boxes >= MATCH_SUM and self.words >= MIN_WORDS and self.boxes >= MIN_BOXES

    @property
    def score(self) -> float:
        return max(self.words, self.boxes)

    def describe(self) -> str:
        return f"fixed words {self.words:.0%} in place, boxes {self.boxes:.0%}"


def _parse(items: list[str]) -> dict[int, list[tuple[int, int, str]]]:
    out: dict[int, list[tuple[int, int, str]]] = {}
    for it in items:
        p, x, y, rest = it.split("|", 3)
        out.setdefault(int(p), []).append((int(x), int(y), rest))
    return out


class _Grid:
    """Items bucketed by vertical position so a lookup only scans its neighbourhood."""

    def __init__(self, items: list[tuple[int, int, str]], ytol: float) -> None:
        self.ytol = max(ytol, 1.0)
        self.cells: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for x, y, key in items:
            self.cells.setdefault((key, int(y // self.ytol)), []).append((x, y))

    def has(self, x: int, y: int, key: str, xtol: float) -> bool:
        b = int(y // self.ytol)
        for k in (b - 1, b, b + 1):
            for x2, y2 in self.cells.get((key, k), ()):
                if abs(x2 - x) <= xtol and abs(y2 - y) <= self.ytol:
                    return True
        return False


def _box_keys(items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each box twice, by its left and its right edge: left-aligned labels and right-aligned figures."""
    out = []
    for x0, y, rest in items:
        cls, x1 = rest[0], int(rest[1:] or x0)
        out += [(x0, y, cls + "<"), (x1, y, cls + ">")]
    return out


def _box_f1(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]], xtol: float, ytol: float) -> float:
    if not a or not b:
        return 0.0
    ga, gb = _Grid(_box_keys(a), ytol), _Grid(_box_keys(b), ytol)

    def found(items: list[tuple[int, int, str]], grid: _Grid) -> float:
        hit = 0
        for x0, y, rest in items:
            cls, x1 = rest[0], int(rest[1:] or x0)
            hit += grid.has(x0, y, cls + "<", xtol) or grid.has(x1, y, cls + ">", xtol)
        return hit / len(items)

    r, p = found(a, gb), found(b, ga)
    return 2 * r * p / (r + p) if r + p else 0.0


def similarity(fp: Fingerprint, doc: Document) -> Likeness:
    tw, tb = _parse(fp.words), _parse(fp.boxes)
    pages = sorted(set(tw) | set(tb))
    if not pages or not doc.pages:
        return Likeness()
    cache: dict[int, tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], float, float]] = {}

    def items(n: int) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], float, float]:
        if n not in cache:
            page = doc.pages[n - 1]
            rows = page_rows(page)
            w, h = page_size(page, rows)
            ws, bs = page_items(rows)
            cache[n] = (ws, [(x0, y, f"{c}{x1}") for x0, x1, y, c in bs], w * X_TOL, h * Y_TOL)
        return cache[n]

    total_w = total_b = 0.0
    n_words = sum(len(tw.get(p, [])) for p in pages) or 1
    mapping: dict[int, int] = {}
    for p in pages:
        best: tuple[float, float, int] | None = None
        for n in range(1, len(doc.pages) + 1):
            ws, bs, xtol, ytol = items(n)
            grid = _Grid(ws, ytol)
            twords = tw.get(p, [])
            hit = sum(1 for x, y, t in twords if grid.has(x, y, t, xtol))
            wr = hit / len(twords) if twords else 0.0
            bf = _box_f1(tb.get(p, []), bs, xtol, ytol)
            if best is None or wr + bf > best[0] + best[1]:
                best = (wr, bf, n)
        assert best is not None
        mapping[p] = best[2]
        weight = len(tw.get(p, [])) / n_words
        total_w += best[0] * weight
        total_b += best[1] / len(pages)
    return Likeness(words=round(total_w, 3), boxes=round(total_b, 3), pages=mapping)
