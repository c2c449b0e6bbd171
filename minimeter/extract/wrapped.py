"""Labels wrapped over two lines of a narrow label column: "Dirección  de" above "Suministro:".

A label column too narrow for its label prints it on two lines, the second part starting at the first
part's column; the value sits to the right of the first line (layout text) or below the second (a plain
text layer in content order). Neither line is a label on its own, so the finder's one-line patterns miss
it (and a weak one-word label on the first line, "Tanggal" over "Cetak", would be read alone).
``wrapped_labels(view, phrases)`` finds such pairs and returns, for each, the span the finder should
treat as the label: the first part when its line goes on with a value, else the second part.

Pure text scanning over one view; ``phrases`` maps a normalized label to its (field, phrase, weight).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.extract.vocab import strip_accents

if TYPE_CHECKING:
    from collections.abc import Mapping

    from minimeter.extract.candidates import View

_CELL = re.compile(r"\S+(?: \S+)*")
_CAPTION = re.compile(r"[^\W\d_][^\d]{0,39}")
MAX_PARTS = 3
"""Cells of the first line a wrapped label may span (layout text spreads justified words apart)."""
COLUMN_SLACK = 2


@dataclass(frozen=True)
class Wrapped:
    start: int
    end: int
    """The span the finder treats as the label (``view.text[start:end]``)."""
    field: str
    phrase: str
    weight: float


def norm(text: str) -> str:
    """A label as compared: accents stripped, lower case, single spaces, no trailing colon or hash."""
    return " ".join(strip_accents(text).split()).rstrip(" :#.")


def wrapped_labels(view: View, phrases: Mapping[str, list[tuple[str, str, float]]]) -> list[Wrapped]:
    out: list[Wrapped] = []
    for n in range(view.n_lines - 1):
        s, e = view.line(n)
        cells = [(m.start(), m.end()) for m in _CELL.finditer(view.text, s, e)]
        if not cells or not _CAPTION.fullmatch(view.text[cells[0][0]:cells[0][1]]):
            continue
        col = cells[0][0] - s
        s2, e2 = view.line(n + 1)
        below = next(((m.start(), m.end()) for m in _CELL.finditer(view.text, s2, e2)
                      if abs(m.start() - s2 - col) <= COLUMN_SLACK), None)
        if below is None or not _CAPTION.fullmatch(view.text[below[0]:below[1]]):
            continue
        second = view.text[below[0]:below[1]]
        alone_below = not view.text[s2:below[0]].strip() and not view.text[below[1]:e2].strip()
        for k in range(1, min(MAX_PARTS, len(cells)) + 1):
            first = " ".join(view.text[a:b] for a, b in cells[:k])
            joined = phrases.get(norm(first + " " + second), [])
            alone = max((w for _f, _p, w in phrases.get(norm(first), [])), default=None)
            if not _CAPTION.fullmatch(first) or not joined or (alone is not None and (
                    alone >= max(w for _f, _p, w in joined) or not alone_below)):
                # The first line alone is a label (or no caption): nothing wrapped, unless it is a weaker one
                # ("Tanggal", a date of some kind) over a line that holds only the rest of a stronger label
                # ("Cetak": "Tanggal Cetak", the statement date). A second line with its own value ("Date" over
                # "Due:  05/27/2031") is a label of its own.
                continue
            for fname, phrase, w in joined:
                # Value to the right of the first line's part, else to the right of (or under) the second part.
                a, b = (cells[0][0], cells[k - 1][1]) if k < len(cells) else below
                out.append(Wrapped(a, b, fname, phrase, w))
    return out
