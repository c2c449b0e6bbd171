"""The reader seam: turn one file into text, page by page.

Contract
--------
``read_document(path, settings) -> Document`` (in ``minimeter.readers.sandbox``) is the only
entry point the pipeline uses. It runs the format-specific reader in a subprocess with a
time and memory limit, because PDF parsers have a history of denial-of-service bugs.

A reader (``pdf.read_pdf``, ``ocr.read_image``) is a plain function ``(path: Path, options:
ReadOptions) -> Document`` that may raise only ``ReadError`` subclasses with a one-line,
human reason: not a PDF, encrypted, corrupt or truncated, too large, no text layer (and OCR
not available). Anything else escaping a reader is a bug and is reported as "could not read".

``Page.text`` is the plain text layer in content order; ``Page.layout_text`` the text rebuilt
from the word boxes (``Page.words``): one line per visual row, words at a character column
proportional to their x position, a gap wider than about two spaces (text layer; about two
characters between OCR's tight boxes) printed as at least two spaces (a cell break for the
finder), a narrower one as one space. ``Word.start/end`` are the
word's offsets in ``layout_text`` (``layout_text[start:end] == text`` always holds); boxes are
PDF points with the origin at the top-left of the page as displayed (after /Rotate and the crop
box); OCR boxes are image pixels scaled to points. Spans in ``FieldEvidence`` point into one of
the two texts (``Span.layout``); ``minimeter.readers.geometry`` maps a layout span to boxes.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_serializer, field_validator


class ReadOptions(BaseModel):
    max_pages: int = 30
    """Pages beyond this are ignored: bills are short, bombs are long."""
    ocr: bool = True
    """Run OCR on pages without a text layer when Tesseract is installed."""
    ocr_languages: str = "eng"
    layout: bool = True
    """Also produce layout-mode text."""
    geometry: bool = True
    """Word boxes from the text layer, and the layout text rebuilt from them (False: pypdf's
    layout mode, no boxes)."""
    max_words_per_page: int = 20_000
    """Words kept per page (a warning says when more were dropped): the Document crosses the
    sandbox as JSON and is stored, and no bill page holds more."""
    max_words: int = 100_000
    """Words kept in the whole document (~4 MB of JSON at most)."""


class Word(BaseModel):
    """One word as printed, with its box (points, top-left origin of the displayed page)."""

    text: str
    """No spaces inside, except where the text layer split a word into letters that were merged back."""
    x0: float
    top: float
    x1: float
    bottom: float
    start: int
    """Offsets of this word in ``Page.layout_text``: ``layout_text[start:end] == text``."""
    end: int


class Page(BaseModel):
    number: int
    """1-based page number."""
    text: str = ""
    layout_text: str | None = None
    ocr: bool = False
    """True when the text came from OCR rather than the file's text layer."""
    width: float | None = None
    """Displayed page size in points (None when the reader has no geometry)."""
    height: float | None = None
    words: list[Word] = Field(default_factory=list)
    """Reading rows top to bottom, left to right within a row (so ``start`` ascends)."""

    @field_serializer("words", when_used="json")
    def _words_compact(self, words: list[Word]) -> list[list[Any]]:
        # A page has ~1,000 words and the Document is stored per bill: rows of values, not
        # objects with repeated keys, keep its JSON about a third of the size.
        return [[w.text, round(w.x0, 2), round(w.top, 2), round(w.x1, 2), round(w.bottom, 2), w.start, w.end]
                for w in words]

    @field_validator("words", mode="before")
    @classmethod
    def _words_from_rows(cls, value: Any) -> Any:
        if isinstance(value, list):
            keys = ("text", "x0", "top", "x1", "bottom", "start", "end")
            return [dict(zip(keys, v, strict=True)) if isinstance(v, (list, tuple)) else v for v in value]
        return value


class Document(BaseModel):
    pages: list[Page] = Field(default_factory=list)
    kind: str = "pdf"
    """``pdf`` or ``image``."""
    page_count: int = 0
    """Pages in the file (may exceed ``len(pages)`` when capped)."""
    warnings: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """All pages' plain text, separated by form feeds (page boundaries stay visible)."""
        return "\f".join(p.text for p in self.pages)

    @property
    def layout_text(self) -> str:
        return "\f".join(p.layout_text if p.layout_text is not None else p.text for p in self.pages)

    @property
    def has_text(self) -> bool:
        return any(p.text.strip() for p in self.pages)

    @property
    def used_ocr(self) -> bool:
        return any(p.ocr for p in self.pages)
