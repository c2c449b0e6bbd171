"""Page geometry: words with boxes -> visual rows, layout text, columns and simple tables.

Pure functions, no I/O; readers (``pdf.py``, ``ocr.py``) and the finder share them.

* ``words_from_glyphs(glyphs)``: glyphs in content order -> word boxes, merging glyphs by the gap
  between them (a word drawn in several show operations, or letter by letter, becomes one word;
  a gap of about a space starts a new word).
* ``layout(boxes)``: word boxes -> ``(layout_text, words)``, one line per visual row (``rows``),
  each word at a character column proportional to its x position; a gap wider than
  ``TEXT_CELL_GAP`` (text layer) or ``CELL_GAP`` (OCR) average character widths prints as at
  least two spaces (the finder's cell break), a narrower one
  as one space. ``Word.start/end`` record where each word landed.
* ``rows``, ``words_in``, ``box_of``, ``cells``, ``columns``, ``tables``: queries over the words
  (``spans.span_box`` places a ``FieldEvidence`` span with them).

Every step sorts once and then walks the words in order: cost grows as n log n in the page's
words, never with the square of them.
"""

from __future__ import annotations

import bisect
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from minimeter.readers.base import Page, Word

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom in points, top-left origin."""

CELL_GAP = 1.6
"""A gap wider than this many (local) average character widths is a cell break: two spaces or more.
For OCR's tight boxes (a space between them looks wider than it is)."""
TEXT_CELL_GAP = 0.9
"""The same for a text layer's boxes (advance widths): a gap of about two spaces is a cell break, as
a word space is a space character there and a wider gap was placed on purpose."""
WORD_GAP = 0.16
"""Glyphs further apart than this fraction of their height start a new word (a space is ~0.24 of it)."""
MAX_BLANK_LINES = 2


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character as drawn: its text, box (loose: font ascent to descent, advance width) and
    whether the content stream printed it as a space."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class WordBox:
    """A word before layout: text and box, no offsets yet. ``line`` >= 0 groups words a reader
    already knows share a line (Tesseract's lines follow a skewed scan across the page)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    line: int = -1


W = TypeVar("W", Word, WordBox)


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch[:1]) in ("R", "AL") if ch else False


def clean(text: str) -> str:
    """The word as printed, less control and space characters; ligatures ("ﬁ") and fullwidth
    letters and digits become plain ones. Nothing else is normalised: "Nº" and "m³" stay, as the
    plain text and the vocabulary have them."""
    out = []
    for c in text:
        if c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs"):
            continue
        out.append(unicodedata.normalize("NFKC", c) if "\ufb00" <= c <= "\ufb06" or "\uff01" <= c <= "\uff5e" else c)
    return "".join(out)


def _joins(prev: Glyph, g: Glyph) -> bool:
    """Does glyph ``g`` continue the word whose last glyph is ``prev``?"""
    hp, hg = prev.bottom - prev.top, g.bottom - g.top
    h = max(hp, hg, 0.1)
    if abs((prev.top + prev.bottom) - (g.top + g.bottom)) / 2 > 0.35 * h:
        return False  # another line (or a superscript far off the baseline)
    gap = g.x0 - prev.x1
    overlap_ok = -0.6 * max(min(prev.x1 - prev.x0, g.x1 - g.x0), 0.5 * h)
    if overlap_ok <= gap <= WORD_GAP * h:
        return True
    # Right-to-left script drawn right to left: the next glyph sits to the left of the previous.
    back = prev.x0 - g.x1
    return _is_rtl(g.text) and _is_rtl(prev.text) and overlap_ok <= back <= WORD_GAP * h


def words_from_glyphs(glyphs: Iterable[Glyph], limit: int | None = None) -> list[WordBox]:
    """Glyphs in content order -> words. A space glyph, another line, or a gap wider than
    ``WORD_GAP`` x the glyph height ends a word; glyphs printed one by one at their natural
    advance ("k", "W", "h") are one word. A word printed twice on top of itself (fake bold) is
    kept once. At most ``limit`` words."""
    out: list[WordBox] = []
    cur: list[Glyph] = []

    def close() -> None:
        if not cur:
            return
        text = clean("".join(g.text for g in cur))
        if text:
            w = WordBox(text, min(g.x0 for g in cur), min(g.top for g in cur), max(g.x1 for g in cur),
                        max(g.bottom for g in cur))
            # Overprinted (fake-bold or shadowed) text: the same word again within a point or two.
            for o in out[-4:]:
                if o.text == w.text and abs(o.x0 - w.x0) < 2 and abs(o.top - w.top) < 2:
                    break
            else:
                out.append(w)
        cur.clear()

    for g in glyphs:
        if limit is not None and len(out) >= limit:
            break
        if not g.text or g.text.isspace():
            close()
            continue
        if cur and not _joins(cur[-1], g):
            close()
        cur.append(g)
    close()
    return out[:limit] if limit is not None else out


def _centre(w: WordBox | Word) -> float:
    return (w.top + w.bottom) / 2


def rows(words: Sequence[W]) -> list[list[W]]:
    """Visual rows, top to bottom, each left to right: a word joins the row whose first (highest)
    word's band holds the word's vertical centre, or whose centre lies in the word's band. Words
    with the same ``WordBox.line`` move as one unit (its band: the median of their bands)."""
    units: list[tuple[float, float, float, list[W]]] = []  # (centre, top, bottom, words)
    by_line: dict[int, list[W]] = {}
    for w in words:
        line = getattr(w, "line", -1)
        if line >= 0:
            by_line.setdefault(line, []).append(w)
        else:
            units.append((_centre(w), w.top, w.bottom, [w]))
    for ws in by_line.values():
        top, bottom = statistics.median(w.top for w in ws), statistics.median(w.bottom for w in ws)
        units.append(((top + bottom) / 2, top, bottom, ws))
    units.sort(key=lambda u: (u[0], min(w.x0 for w in u[3])))
    out: list[list[W]] = []
    band: tuple[float, float] = (0.0, 0.0)
    for c, top, bottom, ws in units:
        if out and (band[0] <= c <= band[1] or top <= (band[0] + band[1]) / 2 <= bottom):
            out[-1].extend(ws)
            continue
        out.append(list(ws))
        band = (top, bottom)
    for r in out:
        r.sort(key=lambda w: w.x0)
    return out


def _merge_touching(row: list[WordBox]) -> list[WordBox]:
    """Join neighbours of a row that touch as glyphs of one word do: the pieces of a word drawn
    in show operations that are not consecutive in the content stream ("Tot" ... "al")."""
    out: list[WordBox] = []
    for b in row:
        if out:
            p = out[-1]
            h = max(p.bottom - p.top, b.bottom - b.top, 0.1)
            gap = b.x0 - p.x1
            same_line = abs((p.top + p.bottom) - (b.top + b.bottom)) / 2 <= 0.2 * h
            if same_line and -0.05 * h <= gap <= WORD_GAP * h * 0.5:
                out[-1] = WordBox(p.text + b.text, p.x0, min(p.top, b.top), max(p.x1, b.x1),
                                  max(p.bottom, b.bottom), p.line)
                continue
        out.append(b)
    return out


def _char_width(w: WordBox | Word) -> float:
    return max(w.x1 - w.x0, 0.01) / max(len(w.text), 1)


def layout(boxes: Sequence[WordBox], cell_gap: float = CELL_GAP) -> tuple[str, list[Word]]:
    """The layout text of a page and its words with offsets (see the module docstring); a gap
    over ``cell_gap`` local average character widths prints as two spaces or more."""
    if not boxes:
        return "", []
    total_chars = sum(len(b.text) for b in boxes)
    cw = max(sum(b.x1 - b.x0 for b in boxes) / max(total_chars, 1), 0.5)
    left = min(b.x0 for b in boxes)
    lines: list[str] = []
    words: list[Word] = []
    pos = 0  # offset of the current line's start in the joined text
    prev_bottom: float | None = None
    for row in (_merge_touching(r) for r in rows(boxes)):
        heights = [b.bottom - b.top for b in row]
        h = max(statistics.median(heights), 0.5)
        top = statistics.median(b.top for b in row)  # (a skewed scan's row slopes: not its highest word)
        if prev_bottom is not None:
            blanks = min(MAX_BLANK_LINES, int((top - prev_bottom) / h))
            for _ in range(max(blanks, 0)):
                lines.append("")
                pos += 1
        prev_bottom = max(b.bottom for b in row) if prev_bottom is None else max(prev_bottom,
                                                                                 max(b.bottom for b in row))
        parts: list[str] = []
        col = 0
        prev: WordBox | None = None
        for b in row:
            target = round((b.x0 - left) / cw)
            if prev is None:
                at = target
            else:
                local = (_char_width(prev) + _char_width(b)) / 2
                gap = b.x0 - prev.x1
                at = col + 1 if gap <= cell_gap * local else max(target, col + 2)
            parts.append(" " * (at - col))
            parts.append(b.text)
            # (boxes to 0.01 pt: what the JSON keeps, so a Document reads back equal)
            words.append(Word(text=b.text, x0=round(b.x0, 2), top=round(b.top, 2), x1=round(b.x1, 2),
                              bottom=round(b.bottom, 2), start=pos + at, end=pos + at + len(b.text)))
            col = at + len(b.text)
            prev = b
        line = "".join(parts)
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), words


# --- queries ------------------------------------------------------------------------------------
def words_in(page: Page, start: int, end: int) -> list[Word]:
    """The words of ``page`` whose ``layout_text`` offsets overlap ``[start, end)``."""
    ws = page.words
    i = bisect.bisect_right(ws, start, key=lambda w: w.end)
    out = []
    while i < len(ws) and ws[i].start < end:
        if ws[i].end > start:
            out.append(ws[i])
        i += 1
    return out


def box_of(words: Iterable[Word | WordBox]) -> Box | None:
    """The union box of ``words`` (None for no words)."""
    ws = list(words)
    if not ws:
        return None
    return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))


@dataclass
class Cell:
    """Words of one row that sit together (no gap wider than the cell gap)."""

    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        b = box_of(self.words)
        assert b is not None
        return b


def cells(row: Sequence[Word], cell_gap: float = TEXT_CELL_GAP) -> list[Cell]:
    """Split one row (left to right) into cells at gaps wider than ``cell_gap`` characters."""
    out: list[Cell] = []
    for w in row:
        if out:
            p = out[-1].words[-1]
            if w.x0 - p.x1 <= cell_gap * (_char_width(p) + _char_width(w)) / 2:
                out[-1].words.append(w)
                continue
        out.append(Cell([w]))
    return out


def columns(page_or_words: Page | Sequence[Word], min_gap: float = 12.0,
            max_crossing: float = 0.06) -> list[tuple[float, float]]:
    """Text columns as x ranges, left to right: ranges separated by a vertical gutter at least
    ``min_gap`` points wide that at most ``max_crossing`` of the rows cross (a full-width heading
    or footer does not merge two columns). A one-column page gives one range."""
    words = page_or_words.words if isinstance(page_or_words, Page) else page_or_words
    if not words:
        return []
    lo = int(min(w.x0 for w in words))
    hi = int(max(w.x1 for w in words)) + 1
    span = hi - lo + 1
    if span > 20_000:  # a garbage box far off the page: no columns rather than a huge array
        return [(float(lo), float(hi))]
    diff = [0] * (span + 1)
    for w in words:
        diff[int(w.x0) - lo] += 1
        diff[int(w.x1) - lo + 1] -= 1
    n_rows = len(rows(words))
    allowed = max(1.0, max_crossing * n_rows)  # (a title across both columns is not a text column)
    out: list[tuple[float, float]] = []
    run_start: int | None = None
    gap_len = 0
    cover = 0
    col_start: int | None = None
    last_busy = lo
    for i in range(span):
        cover += diff[i]
        x = lo + i
        if cover > allowed:
            if col_start is None:
                col_start = x
            elif run_start is not None and gap_len >= min_gap:
                out.append((float(col_start), float(last_busy)))
                col_start = x
            run_start, gap_len = None, 0
            last_busy = x + 1
        else:
            if run_start is None:
                run_start = x
            gap_len += 1
    if col_start is not None:
        out.append((float(col_start), float(last_busy)))
    return out or [(float(lo), float(hi))]


@dataclass
class Table:
    """A header row and the rows under it; ``body[r][c]`` is the cell under header ``c`` (or None)."""

    header: list[Cell]
    body: list[list[Cell | None]]
    bounds: list[tuple[float, float]]
    """Each header's x range: from halfway to its left neighbour to halfway to its right one."""

    def column(self, name: str) -> list[Cell | None]:
        """The cells under the first header whose text contains ``name`` (case-insensitive)."""
        for i, h in enumerate(self.header):
            if name.lower() in h.text.lower():
                return [r[i] for r in self.body]
        return []


def _header_like(cs: list[Cell]) -> bool:
    if len(cs) < 3:
        return False
    wordy = sum(1 for c in cs if not any(ch.isdigit() for ch in c.text) and any(ch.isalpha() for ch in c.text))
    return wordy == len(cs)


def _place(cs: list[Cell], bounds: list[tuple[float, float]]) -> list[Cell | None] | None:
    """Each cell under the header whose range holds the cell's centre; None if two share one."""
    out: list[Cell | None] = [None] * len(bounds)
    for c in cs:
        x0, _, x1, _ = c.box
        mid = (x0 + x1) / 2
        i = next((k for k, (a, b) in enumerate(bounds) if a <= mid < b), None)
        if i is None or out[i] is not None:
            return None
        out[i] = c
    return out


def tables(page_or_words: Page | Sequence[Word], min_rows: int = 1, cell_gap: float | None = None) -> list[Table]:
    """Simple tables: a row of at least three word-only cells (the header) and the rows right
    below it whose cells each fall under a distinct header's x range (at least two per row). The
    table ends at a row that does not fit, a vertical gap of more than two rows, or a new header."""
    words = page_or_words.words if isinstance(page_or_words, Page) else page_or_words
    if cell_gap is None:
        cell_gap = CELL_GAP if isinstance(page_or_words, Page) and page_or_words.ocr else TEXT_CELL_GAP
    rws = rows(words)
    out: list[Table] = []
    i = 0
    while i < len(rws):
        hdr = cells(rws[i], cell_gap)
        if not _header_like(hdr):
            i += 1
            continue
        mids = [(c.box[0] + c.box[2]) / 2 for c in hdr]
        edges = [float("-inf")] + [(hdr[k].box[2] + hdr[k + 1].box[0]) / 2 for k in range(len(hdr) - 1)] + [
            float("inf")]
        bounds = [(edges[k], edges[k + 1]) for k in range(len(mids))]
        body: list[list[Cell | None]] = []
        prev_bottom = max(w.bottom for w in rws[i])
        h = statistics.median(w.bottom - w.top for w in rws[i])
        j = i + 1
        while j < len(rws):
            row = rws[j]
            top = min(w.top for w in row)
            cs = cells(row, cell_gap)
            if top - prev_bottom > 2 * h or (_header_like(cs) and len(cs) >= len(hdr)):
                break
            placed = _place(cs, bounds)
            if placed is None or sum(1 for c in placed if c is not None) < 2:
                break
            body.append(placed)
            prev_bottom = max(w.bottom for w in row)
            j += 1
        if len(body) >= min_rows:
            out.append(Table(hdr, body, bounds))
            i = j
        else:
            i += 1
    return out
