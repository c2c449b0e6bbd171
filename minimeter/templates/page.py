"""A page as templates see it: visual rows of words with boxes, and the typed values printed on them.

``page_rows(page)`` returns the page's rows (top to bottom) built from ``Page.words`` when the reader
recorded word boxes, else from ``Page.layout_text`` with one row per line and a word's box made of
its character column and line number (``CHAR_W`` x ``LINE_H`` points), so templates work on every
document the pipeline stores. Offsets always index the page's layout text (``Row.text`` is one line
of it), so a value found here maps back to a ``Span(layout=True)`` the TUI can highlight.

``find_values(rows, fmt, ...)`` lists the values of one format (money, number, date, identifier,
text) printed on the rows, each with its box; learning and applying a template both use it, so a
value is recognised the same way when it is learned and when it is read again.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.extract import parse
from minimeter.readers.base import Word as ReaderWord

if TYPE_CHECKING:
    from minimeter.readers.base import Page

CHAR_W = 5.0
"""Points per character column of layout text (when the reader gave no word boxes)."""
LINE_H = 10.0
"""Points per line of layout text (when the reader gave no word boxes)."""
Box = tuple[float, float, float, float]


# The reader's word (text, box in points, offsets into the layout text); synthetic words for a page
# without boxes are made the same way.
Word = ReaderWord


@dataclass
class Row:
    page: int
    text: str
    """The row's line of layout text."""
    offset: int
    """Where ``text`` starts in the page's layout text."""
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    def box(self, start: int, end: int) -> Box | None:
        """The box of the words overlapping ``text[start:end]`` (offsets within the row)."""
        a, b = self.offset + start, self.offset + end
        ws = [w for w in self.words if w.start < b and a < w.end]
        if not ws:
            return None
        return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))

    def char_width(self) -> float:
        widths = sorted((w.x1 - w.x0) / max(1, len(w.text)) for w in self.words)
        return widths[len(widths) // 2] if widths else CHAR_W


@dataclass(frozen=True)
class Value:
    """One typed value printed on a page."""

    fmt: str
    value: Any
    text: str
    page: int
    row: int
    """Index of its row in the page's rows."""
    start: int
    end: int
    """Offsets into the page's layout text."""
    box: Box
    variant: str = ""
    """How it was read: the number format (us/eu) or the date order (MDY/DMY/YMD)."""


def fold(s: str) -> str:
    """Lower case, accents removed, runs of spaces made one: how labels are compared."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().lower()


def page_text(page: Page) -> str:
    return page.layout_text if page.layout_text is not None else page.text


def page_size(page: Page, rows: list[Row]) -> tuple[float, float]:
    w = getattr(page, "width", None)
    h = getattr(page, "height", None)
    if w and h:
        return float(w), float(h)
    if not rows:
        return 1.0, 1.0
    return (max(1.0, max(w.x1 for r in rows for w in r.words)), max(1.0, max(r.bottom for r in rows)))


def page_rows(page: Page) -> list[Row]:
    text = page_text(page)
    words = getattr(page, "words", None) or []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    rows: list[Row] = []
    if words:
        # Geometry from the reader: the layout text has one line per visual row and every word's offsets.
        by_line: dict[int, list[Word]] = {}
        starts = [s for s, _ in lines]
        import bisect

        for w in words:
            i = bisect.bisect_right(starts, w.start) - 1
            by_line.setdefault(i, []).append(w)
        for i in sorted(by_line):
            s, line = lines[i]
            rows.append(Row(page.number, line, s, sorted(by_line[i], key=lambda w: w.x0)))
        return rows
    for n, (s, line) in enumerate(lines):
        ws = [Word(text=m.group(), x0=m.start() * CHAR_W, top=n * LINE_H, x1=m.end() * CHAR_W,
                   bottom=n * LINE_H + 0.8 * LINE_H, start=s + m.start(), end=s + m.end())
              for m in re.finditer(r"\S+", line)]
        if ws:
            rows.append(Row(page.number, line, s, ws))
    return rows


# --- typed values -------------------------------------------------------------------------------
_NUM_RX = re.compile(r"(?<![\w.,/:-])(?:[-−]\s?)?(?:[$€£₹]\s?)?"
                     r"(?:\d{1,3}(?:[.,' \u00a0]\d{3})+(?:[.,]\d{1,6})?|\d+(?:[.,]\d{1,6})?)(?![\w/]|[.,]\d)")
_ID_RX = re.compile(r"(?<![\w])[A-Za-z0-9](?:[A-Za-z0-9]|[-./ ](?=[A-Za-z0-9])){2,40}(?![\w])")
ORDERS = ("MDY", "DMY", "YMD")
_UNIT_RX = re.compile(r"(?i)[$€£₹]|chf|eur|usd|gbp|inr|brl|cad|fr\.?|rs\.?|kwh|kw|m3|m³|therms?|ccf|hcf|x|=|-|:")
NUMBER_FORMATS = ("us", "eu")
_NEG_CURRENCY = re.compile(r"(?<![\w-])[-−]\s?(?:[A-Za-z]{2,3}\.?|[$€£₹])\s?$")
"""A minus before a currency written as letters: "-CHF 949.14" is negative."""


def numbers_in(text: str, fmt: str) -> list[tuple[Decimal, int, int]]:
    out = []
    for m in _NUM_RX.finditer(text):
        raw = m.group()
        if fmt == "us" and re.search(r"\d \d", raw):
            continue  # US figures never group thousands with a space
        digits = re.sub(r"^[-−]\s?|[$€£₹]\s?", "", raw)
        v = parse.parse_number(digits, fmt)
        if v is None:
            continue
        neg = raw.lstrip().startswith(("-", "−")) or bool(_NEG_CURRENCY.search(text, 0, m.start()))
        tail = text[m.end():m.end() + 1]
        if tail == "-" or text[m.end():m.end() + 3].strip().upper().startswith("CR"):
            neg = True
        out.append((-v if neg else v, m.start(), m.end()))
    return out


def id_key(s: str) -> str:
    """An identifier compared as the scorer does: no spaces or punctuation, upper case, no leading zeros."""
    return re.sub(r"[\s\-./#:]", "", s).upper().lstrip("0") or "0"


def shape(s: str) -> str:
    """The shape of printed characters: digits 9, letters A, the rest as printed ("DE-12 4" -> "AA-99 9")."""
    return "".join("9" if c.isdigit() else "A" if c.isalpha() else c for c in s)


def find_values(rows: list[Row], fmt: str, variant: str = "", ref: dt.date | None = None) -> list[Value]:
    """Every value of ``fmt`` on ``rows``. ``variant`` narrows the reading (a number format or a date
    order); empty tries each, so the same printed text may come back once per reading."""
    out: list[Value] = []
    for i, row in enumerate(rows):
        if fmt == "date":
            for order in ([variant] if variant else ORDERS):
                for m in parse.find_dates(row.text, order, ref):
                    box = row.box(m.start, m.end)
                    if box and isinstance(m.value, dt.date):
                        out.append(Value("date", m.value, m.text, row.page, i, row.offset + m.start,
                                         row.offset + m.end, box, order))
        elif fmt in ("money", "number"):
            for nf in ([variant] if variant else NUMBER_FORMATS):
                for v, s, e in numbers_in(row.text, nf):
                    box = row.box(s, e)
                    if box:
                        out.append(Value(fmt, v, row.text[s:e].strip(), row.page, i, row.offset + s, row.offset + e,
                                         box, nf))
        elif fmt == "id":
            for idm in _ID_RX.finditer(row.text):
                if not re.search(r"\d", idm.group()):
                    continue
                for s, e in _id_pieces(row.text, idm.start(), idm.end()):
                    box = row.box(s, e)
                    if box:
                        out.append(Value("id", row.text[s:e], row.text[s:e], row.page, i, row.offset + s,
                                         row.offset + e, box))
        elif fmt == "text":
            for s, e in cells(row.text):
                box = row.box(s, e)
                if box:
                    out.append(Value("text", row.text[s:e], row.text[s:e], row.page, i, row.offset + s,
                                     row.offset + e, box))
    return out


def _id_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An identifier run and each of its space-separated pieces ("4300 335187" and "4300", "335187")."""
    out = [(start, end)]
    if " " in text[start:end]:
        out += [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])
                if re.search(r"\d", m.group()) and len(m.group()) >= 3]
    return out


def cells(text: str) -> list[tuple[int, int]]:
    """Runs of text separated by two or more spaces (a cell of a layout line)."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]


def label_left(row: Row, start: int) -> tuple[str, Box] | None:
    """The label printed left of offset ``start`` (row-relative) on the same row: the words of the
    nearest text cell before it, up to its first figure ("Balance Due by January 31, 2024" -> "Balance
    Due by"), at most six words; None when no such words precede the value."""
    left = row.text[:start]
    for s, e in reversed(cells(left)):
        toks: list[str] = []
        for t in left[s:e].split(" "):
            if re.search(r"\d", t) or fold(t).strip(".,") in parse.MONTHS:
                break
            toks.append(t)
        had = bool(toks)
        while toks and _UNIT_RX.fullmatch(toks[-1]):
            toks.pop()  # "Total CHF 12.30": the currency belongs to the value, the label is "Total"
        label = " ".join(toks[:6]).strip(" :#.-")
        if re.search(r"[^\W\d_]{2}", label):
            box = row.box(s, s + len(label))
            return (label, box) if box else None
        if had:  # a cell of punctuation or a currency only: look further left
            continue
        return None  # a figure sits between the value and any label: that figure's label is not ours
    return None


def label_above(rows: list[Row], index: int, box: Box, *, max_rows: int = 8) -> tuple[str, Box, int] | None:
    """The nearest label-like cell above ``box`` whose horizontal extent overlaps it (a column header or
    a label printed over its value); returns (label, its box, rows up)."""
    x0, _, x1, _ = box
    for k in range(1, max_rows + 1):
        j = index - k
        if j < 0:
            return None
        row = rows[j]
        for s, e in cells(row.text):
            b = row.box(s, e)
            if b is None or b[2] < x0 - 2 or b[0] > x1 + 2:
                continue
            label = row.text[s:e].strip(" :#")
            if re.search(r"[^\W\d_]{2}", label) and not re.search(r"\d{3}", label):
                return label[:80], b, k
            return None  # something else sits above: a value of the row above, not a header
    return None


# --- text spread over rows ----------------------------------------------------------------------
MORE_ROWS = 4
"""How far below its first part a later part of a text value may be printed (rows)."""


@dataclass(frozen=True)
class TextPlace:
    """How an approved text is printed from one cell on: ``lines`` rows of one column, or its comma-separated
    parts in the same column ``more`` rows below the first ("Physical Address  12 Oak Street" and, two rows
    down under a stand number, "Township  Green Park"); ``partial`` when its last parts are printed nowhere
    there (a city the reviewer added)."""

    lines: int = 1
    more: list[int] = field(default_factory=list)
    partial: bool = False


def _norm(s: str) -> str:
    return re.sub(r"[\s,]+", " ", fold(s)).strip()


def _cell_below(rows: list[Row], i: int, x0: float) -> Value | None:
    """The text cell of row ``i`` that starts in the column starting at ``x0`` (within three characters)."""
    tol = 3 * rows[i].char_width()
    return next((c for c in find_values([rows[i]], "text") if abs(c.box[0] - x0) <= tol), None)


def text_place(rows: list[Row], v: Value, want: str, limit: int = 6) -> TextPlace | None:
    """How the approved text ``want`` is printed starting with the cell ``v``; None when it is not."""
    target, got = _norm(want), _norm(v.text)
    if not got:
        return None
    if got == target:
        return TextPlace()
    if target.startswith(got + " "):
        acc, i = got, v.row
        while i - v.row + 1 < limit and i + 1 < len(rows):
            i += 1
            nxt = _cell_below(rows, i, v.box[0])
            if nxt is None:
                break
            acc = acc + " " + _norm(nxt.text)
            if acc == target:
                return TextPlace(lines=i - v.row + 1)
            if not target.startswith(acc + " "):
                break
    return _parts_place(rows, v, want)


def _parts_place(rows: list[Row], v: Value, want: str) -> TextPlace | None:
    parts = [_norm(p) for p in want.split(",") if _norm(p)]
    if len(parts) < 2 or _norm(v.text) != parts[0]:
        return None
    more: list[int] = []
    i = v.row
    for part in parts[1:]:
        hit = next((k for k in range(i + 1, min(len(rows), i + 1 + MORE_ROWS))
                    if (c := _cell_below(rows, k, v.box[0])) is not None and _norm(c.text) == part), None)
        if hit is None:
            break
        more.append(hit - v.row)
        i = hit
    if not more:
        return None
    return TextPlace(more=more, partial=len(more) < len(parts) - 1)


def text_at(rows: list[Row], v: Value, lines: int = 1, more: list[int] | None = None) -> str:
    """The text value read from the cell ``v``: ``lines`` rows of its column, or the cells of its column
    ``more`` rows below, joined with commas."""
    parts, i = [v.text.strip()], v.row
    if more:
        for off in more:
            if v.row + off >= len(rows) or (c := _cell_below(rows, v.row + off, v.box[0])) is None:
                break
            parts.append(c.text.strip())
        return ", ".join(parts)
    while len(parts) < lines and i + 1 < len(rows):
        i += 1
        nxt = _cell_below(rows, i, v.box[0])
        if nxt is None:
            break
        parts.append(nxt.text.strip())
    return ", ".join(parts)
