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

``Page.text`` is the plain text layer; ``Page.layout_text`` the layout-preserving text when
the reader can produce it (columns and label/value rows kept on one line); spans in
``FieldEvidence`` point into one of the two (``Span.layout``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ReadOptions(BaseModel):
    max_pages: int = 30
    """Pages beyond this are ignored: bills are short, bombs are long."""
    ocr: bool = True
    """Run OCR on pages without a text layer when Tesseract is installed."""
    ocr_languages: str = "eng"
    layout: bool = True
    """Also produce layout-mode text."""


class Page(BaseModel):
    number: int
    """1-based page number."""
    text: str = ""
    layout_text: str | None = None
    ocr: bool = False
    """True when the text came from OCR rather than the file's text layer."""


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
