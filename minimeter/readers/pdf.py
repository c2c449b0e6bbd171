"""PDF text: plain text per page through pypdf, word boxes and layout text through PDFium.

pypdf reads first (its limits refuse decompression bombs and damaged files); then
``pdfwords.page_words`` gives each page's words with their boxes and ``geometry.layout`` rebuilds
the layout text from them. A page PDFium finds no words on (or a file it cannot open) keeps
pypdf's layout mode instead, without boxes.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from minimeter.errors import ReadError
from minimeter.readers.base import Document, Page, ReadOptions

log = logging.getLogger(__name__)
GEOMETRY_SECONDS = 10.0
"""Time for word boxes in one document (a bill takes ~0.05 s a page)."""


def _probe_contents(page: Any) -> None:
    """pypdf's ``extract_text`` returns "" when decoding the page fails, which would send a
    decompression bomb or an unsupported filter to OCR as if it were a scan. Decoding the
    content stream again lets its LimitReachedError / NotImplementedError reach ``read_pdf``.
    Only for pages without text, so ordinary bills pay nothing."""
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
    except (LimitReachedError, NotImplementedError):
        raise
    except DependencyError as exc:  # e.g. a filter needing a missing external decoder
        raise NotImplementedError(str(exc)) from exc
    except Exception:  # any other damage: as before, the page is left to OCR
        log.debug("content stream of page %s does not decode", page.page_number, exc_info=True)


def _pypdf_layout(page: Any, index: int) -> str | None:
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is a bonus; plain text is what we need
        log.debug("layout extraction failed on page %d", index + 1, exc_info=True)
        return None


def _add_geometry(path: Path, pages: list[Page], options: ReadOptions) -> list[str]:
    """Fill words, size and layout text of the pages with a text layer; returns warnings."""
    from minimeter.readers import geometry, pdfwords

    warnings: list[str] = []
    if not any(p.text.strip() for p in pages):
        return warnings  # a scan: OCR gives the geometry
    try:
        pdf = pdfwords.open_pdf(str(path))
    except Exception:  # PDFium refuses what pypdf read: keep pypdf's layout mode
        log.debug("no word boxes for %s", path.name, exc_info=True)
        return warnings
    budget = options.max_words
    # Boxes are a bonus over the text pypdf already has: a file that makes them slow keeps
    # pypdf's layout mode rather than failing the whole read at the sandbox's time limit.
    deadline = time.monotonic() + GEOMETRY_SECONDS
    try:
        for i, p in enumerate(pages):
            if not p.text.strip() or i >= len(pdf):
                continue
            limit = min(options.max_words_per_page, budget)
            if limit <= 0 or time.monotonic() > deadline:
                why = f"over {options.max_words} words" if limit <= 0 else f"over {GEOMETRY_SECONDS:.0f} s"
                warnings.append(f"pages {i + 1}-{len(pages)}: no word boxes ({why})")
                break
            try:
                width, height, boxes, stats = pdfwords.page_words(pdf, i, limit, deadline)
            except Exception:
                log.debug("no word boxes on page %d", i + 1, exc_info=True)
                continue
            p.width, p.height = round(width, 2), round(height, 2)
            if "late" in stats:
                warnings.append(f"pages {i + 1}-{len(pages)}: no word boxes (over {GEOMETRY_SECONDS:.0f} s)")
                break
            if not boxes:
                continue
            if len(boxes) >= limit or stats.get("capped"):
                warnings.append(f"page {i + 1}: only the first {len(boxes)} words were kept")
            budget -= len(boxes)
            p.layout_text, p.words = geometry.layout(boxes, geometry.TEXT_CELL_GAP)
    finally:
        pdf.close()
    return warnings


_LIGATURES = re.compile("[\ufb00-\ufb06]")


def unligature(text: str) -> str:
    """``text`` with a font's ligature glyphs spelled out ("Identyﬁkator" -> "Identyfikator"): the plain
    text layer keeps them, labels are matched in plain letters, as the layout text (``geometry.clean``)
    already has them."""
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def read_pdf(path: Path, options: ReadOptions) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise ReadError("not a PDF file (it does not start with %PDF-)", hint="drop PDF or image bills only")
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # Many bills are "encrypted" with an empty user password only to stop editing.
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # pypdf raises assorted errors for unsupported crypto
                raise ReadError("the PDF is encrypted", hint="save an unprotected copy and drop that") from exc
            if not ok:
                raise ReadError("the PDF is password-protected", hint="save an unprotected copy and drop that")
        total = len(reader.pages)
        pages: list[Page] = []
        for i, page in enumerate(reader.pages[: options.max_pages]):
            text = unligature(page.extract_text() or "")
            if not text.strip():
                _probe_contents(page)
            pages.append(Page(number=i + 1, text=text))
        warnings = _add_geometry(path, pages, options) if options.layout and options.geometry else []
        for i, p in enumerate(pages):
            if options.layout and p.layout_text is None and p.text.strip():
                p.layout_text = _pypdf_layout(reader.pages[i], i)
    except ReadError:
        raise
    except FileNotDecryptedError as exc:
        raise ReadError("the PDF is password-protected", hint="save an unprotected copy and drop that") from exc
    except LimitReachedError as exc:  # pypdf's guard against decompression bombs
        raise ReadError("the PDF expands to more data than a bill can hold (a decompression bomb?)",
                        hint="open it in a PDF viewer and print it to a new PDF if it is a real bill") from exc
    except NotImplementedError as exc:  # a filter or encryption pypdf does not support
        what = f" ({str(exc).rstrip('.')})" if str(exc) else ""
        raise ReadError(f"the PDF uses a feature the reader does not support{what}",
                        hint="open it in a PDF viewer and print it to a new PDF") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as exc:
        raise ReadError(
            f"the PDF is damaged or truncated ({type(exc).__name__})",
            hint="open it in a PDF viewer and save or print it to a new PDF",
        ) from exc
    doc = Document(pages=pages, kind="pdf", page_count=total, warnings=warnings)
    if total > options.max_pages:
        doc.warnings.append(f"only the first {options.max_pages} of {total} pages were read")
    return doc


# --- the reader plugin (entry point ``pdf`` in the ``minimeter.readers`` group) ---------------
label = "a PDF"


def sniff(head: bytes) -> bool:
    """A PDF header in the first kilobyte, where ``read_pdf`` looks for it."""
    return b"%PDF-" in head[:1024]


def read(path: Path, options: ReadOptions) -> Document:
    """The text layer, and OCR for pages without one (without Tesseract the warnings say so)."""
    doc = read_pdf(path, options)
    if any(not p.text.strip() for p in doc.pages):
        from minimeter.readers.ocr import ocr_pdf_pages

        doc = ocr_pdf_pages(path, doc, options)
    return doc
