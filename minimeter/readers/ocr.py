"""OCR for images and scanned pages (Tesseract). Minimal version; see the extraction issue."""

from __future__ import annotations

import shutil
from pathlib import Path

from minimeter.errors import NoTextError, ReadError
from minimeter.readers.base import Document, Page, ReadOptions


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def read_image(path: Path, options: ReadOptions) -> Document:
    if not options.ocr or not tesseract_available():
        raise NoTextError("no text layer; OCR not available", hint="install Tesseract (tesseract-ocr) to read images")
    import pytesseract
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            text = pytesseract.image_to_string(img, lang=options.ocr_languages)
    except UnidentifiedImageError as exc:
        raise ReadError("the image could not be decoded", hint="save it again as PNG or JPEG") from exc
    return Document(pages=[Page(number=1, text=text, ocr=True)], kind="image", page_count=1)


def ocr_pdf_pages(path: Path, doc: Document, options: ReadOptions) -> Document:
    # Placeholder until scanned-PDF OCR lands: say so instead of failing silently.
    doc.warnings.append("no text layer; OCR not available")
    return doc
