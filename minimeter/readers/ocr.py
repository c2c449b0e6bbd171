"""OCR for images and for PDF pages with no text layer (Tesseract through pytesseract).

* ``read_image(path, options)``: a JPEG/PNG/TIFF... bill -> one ``Page`` per frame, ``ocr=True``.
* ``ocr_pdf_pages(path, doc, options)``: fills the pages of ``doc`` that have no text. Pages are
  rasterised with ``pdftoppm`` (poppler-utils) at 300 dpi when it is installed, else the page's
  largest embedded image is taken through pypdf (scanners embed one image per page).

When Tesseract is not installed (or OCR is switched off) an image raises ``NoTextError("no text
layer; OCR not available")`` and a PDF keeps its empty pages with that sentence in
``doc.warnings``, so the job ends in review with that reason instead of failing silently.
Layout text for OCR pages comes from Tesseract's ``preserve_interword_spaces`` mode, which keeps
label/value rows on one line much like pypdf's layout mode.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import NoTextError, ReadError
from minimeter.readers.base import Document, Page, ReadOptions

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
NO_OCR = "no text layer; OCR not available"
DPI = 300


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _prepare(img: Image) -> Image:
    """Grayscale, and small photos upscaled: Tesseract wants ~30 px capital letters."""
    from PIL import ImageOps

    img = ImageOps.exif_transpose(img) or img
    img = img.convert("L")
    if img.width < 1600:
        scale = 1600 / img.width
        img = img.resize((int(img.width * scale), int(img.height * scale)))
    return img


def _ocr(img: Image, options: ReadOptions) -> tuple[str, str]:
    import pytesseract

    img = _prepare(img)
    try:
        # One pass (OCR is the slow part): block mode with the spaces kept gives the layout text;
        # the plain text is the same with runs of spaces collapsed.
        layout = pytesseract.image_to_string(
            img, lang=options.ocr_languages, config="--psm 6 -c preserve_interword_spaces=1"
        )
        text = re.sub(r"[ \t]{2,}", "  ", layout)
    except pytesseract.TesseractError as exc:
        raise ReadError(f"OCR failed ({str(exc)[:80]})", hint="check the Tesseract installation") from exc
    return text, layout


def read_image(path: Path, options: ReadOptions) -> Document:
    if not options.ocr or not tesseract_available():
        raise NoTextError(NO_OCR, hint="install Tesseract (tesseract-ocr) to read images")
    from PIL import Image, ImageSequence, UnidentifiedImageError

    pages: list[Page] = []
    try:
        with Image.open(path) as im:
            for i, frame in enumerate(ImageSequence.Iterator(im)):
                if i >= options.max_pages:
                    break
                text, layout = _ocr(frame.copy(), options)
                pages.append(Page(number=i + 1, text=text, layout_text=layout, ocr=True))
    except UnidentifiedImageError as exc:
        raise ReadError("the image could not be decoded", hint="save it again as PNG or JPEG") from exc
    except (OSError, Image.DecompressionBombError) as exc:
        raise ReadError(f"the image is damaged or too large ({type(exc).__name__})",
                        hint="save it again as PNG or JPEG") from exc
    doc = Document(pages=pages, kind="image", page_count=len(pages))
    if not doc.has_text:
        doc.warnings.append("OCR found no text in the image")
    return doc


def _rasterise(path: Path, page_no: int) -> Image | None:
    """Page ``page_no`` (1-based) as an image through pdftoppm, or None when it is not installed."""
    exe = shutil.which("pdftoppm")
    if not exe:
        return None
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="mm-ocr-") as tmp:
        out = Path(tmp) / "p"
        cmd = [exe, "-r", str(DPI), "-gray", "-png", "-f", str(page_no), "-l", str(page_no), "-singlefile",
               str(path), str(out)]
        proc = subprocess.run(cmd, capture_output=True, timeout=60, check=False)
        png = out.with_suffix(".png")
        if proc.returncode != 0 or not png.exists():
            log.debug("pdftoppm failed on page %d: %s", page_no, proc.stderr[:200])
            return None
        with Image.open(png) as im:
            return im.copy()


def _embedded_image(path: Path, page_index: int) -> Image | None:
    from PIL import Image
    from pypdf import PdfReader

    try:
        page = PdfReader(str(path), strict=False).pages[page_index]
        best = None
        for img in page.images:
            data = img.data
            if best is None or len(data) > len(best):
                best = data
        return Image.open(io.BytesIO(best)) if best else None
    except Exception:  # an odd image filter: no OCR for this page, the reason is recorded
        log.debug("no usable embedded image on page %d", page_index + 1, exc_info=True)
        return None


def ocr_pdf_pages(path: Path, doc: Document, options: ReadOptions) -> Document:
    """OCR every page of ``doc`` that has no text layer (in place; returns ``doc``)."""
    empty = [p for p in doc.pages if not p.text.strip()]
    if not empty:
        return doc
    if not options.ocr or not tesseract_available():
        if not doc.has_text:
            doc.warnings.append(NO_OCR)
        else:
            doc.warnings.append(f"{len(empty)} page(s) without a text layer were skipped (OCR not available)")
        return doc
    done = 0
    for page in empty:
        img = _rasterise(path, page.number) or _embedded_image(path, page.number - 1)
        if img is None:
            continue
        text, layout = _ocr(img, options)
        page.text, page.layout_text, page.ocr = text, layout, True
        done += 1
    if done < len(empty):
        doc.warnings.append(f"{len(empty) - done} page(s) without text could not be rendered for OCR")
    return doc


# --- the reader plugin (entry point ``image`` in the ``minimeter.readers`` group) -------------
label = "an image"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"BM")


def sniff(head: bytes) -> bool:
    """JPEG, PNG, TIFF, BMP or WebP by their magic bytes (the name is never trusted)."""
    return head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


read = read_image
