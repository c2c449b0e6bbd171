"""OCR for images and for PDF pages with no text layer (Tesseract through pytesseract).

* ``read_image(path, options)``: a JPEG/PNG/TIFF... bill -> one ``Page`` per frame, ``ocr=True``.
* ``ocr_pdf_pages(path, doc, options)``: fills the pages of ``doc`` that have no text. Pages are
  rasterised with ``pdftoppm`` (poppler-utils) at 300 dpi when it is installed, else the page's
  largest embedded image is taken through pypdf (scanners embed one image per page).

When Tesseract is not installed (or OCR is switched off) an image raises ``NoTextError("no text
layer; OCR not available")`` and a PDF keeps its empty pages with that sentence in
``doc.warnings``, so the job ends in review with that reason instead of failing silently.
Each page is first cleaned (``scan.clean``: deskewed, binarised, table rules erased), then one
Tesseract pass (``image_to_data``, automatic page segmentation) gives every word with its box,
in the upright frame.
The boxes are scaled to points (a PDF page rendered at 300 dpi maps back to the page's own
points; an image uses its dpi when it records a plausible one, else its width is taken as a
US Letter page, 612 pt) and go through ``geometry.layout`` like a text layer's words, so an OCR
page has ``words``, ``width``/``height`` and a layout text built the same way. The plain text is
Tesseract's own lines in its reading order, a wide gap printed as two spaces.
"""

from __future__ import annotations

import io
import logging
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import NoTextError, ReadError
from minimeter.readers import geometry, scan
from minimeter.readers.base import Document, Page, ReadOptions

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
NO_OCR = "no text layer; OCR not available"
DPI = 300
PSM = 3
"""Tesseract's page segmentation: 3 (automatic layout analysis) finds a box of fields beside the
address block, which 6 (one uniform block of text) drops whole."""
SPECK_HEIGHT = 0.6
RULE_RESIDUE = "|[]{}'\"`‘’“”,;_"
"""A "word" made only of these is what is left of a table's cell border or a speck, not text."""


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _prepare(img: Image) -> tuple[Image, float]:
    """Grayscale, and small photos upscaled: Tesseract wants ~30 px capital letters. Returns the
    image and its pixels per pixel of ``img``."""
    from PIL import ImageOps

    img = ImageOps.exif_transpose(img) or img
    img = img.convert("L")
    factor = 1.0
    if img.width < 1600:
        factor = 1600 / img.width
        img = img.resize((int(img.width * factor), int(img.height * factor)))
    return img, factor


def points_per_pixel(img: Image) -> float:
    """Points per pixel of an image bill: from its dpi when plausible (100-1200), else its width
    taken as a US Letter page (a photo's "72 dpi" is a camera default, not a size)."""
    dpi = img.info.get("dpi")
    try:
        x = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        x = 0.0
    return 72.0 / x if 100 <= x <= 1200 else 612.0 / max(img.width, 1)


def _ocr(img: Image, options: ReadOptions, pt_per_px: float) -> Page:
    """One page through Tesseract: plain text, layout text, words (points) and size."""
    import pytesseract

    width, height = img.width * pt_per_px, img.height * pt_per_px
    img, factor = _prepare(img)
    scale = pt_per_px / factor
    # Upright, black on white, no table rules (see ``scan``). The word boxes stay in the upright
    # frame: rows and columns are rebuilt from them, which is what deskewing is for.
    img, _angle = scan.clean(img, dpi=72.0 / scale)
    try:
        data = pytesseract.image_to_data(img, lang=options.ocr_languages, config=f"--psm {PSM}",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as exc:
        raise ReadError(f"OCR failed ({str(exc)[:80]})", hint="check the Tesseract installation") from exc
    boxes: list[geometry.WordBox] = []
    lines: list[str] = []
    last_key: tuple[int, int, int] | None = None
    prev: geometry.WordBox | None = None
    for i, raw in enumerate(data["text"]):
        text = geometry.clean(str(raw))
        if not text or not text.strip(RULE_RESIDUE):
            continue
        if len(boxes) >= options.max_words_per_page:
            break
        left, top = float(data["left"][i]) * scale, float(data["top"][i]) * scale
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        new_line = key != last_key or prev is None
        box = geometry.WordBox(text, left, top, left + float(data["width"][i]) * scale,
                               top + float(data["height"][i]) * scale, line=len(lines) - (0 if new_line else 1))
        boxes.append(box)
        if new_line or prev is None:
            lines.append(text)
        else:
            # Wider than about two characters: two spaces, the cell break the finder knows.
            wide = box.x0 - prev.x1 > 2 * (prev.x1 - prev.x0) / max(len(prev.text), 1)
            lines[-1] += ("  " if wide else " ") + text
        last_key, prev = key, box
    layout_text, words = geometry.layout(_without_specks(boxes))
    return Page(number=0, text="\n".join(lines) + ("\n" if lines else ""), layout_text=layout_text, words=words,
                width=round(width, 2), height=round(height, 2), ocr=True)


def _without_specks(boxes: list[geometry.WordBox]) -> list[geometry.WordBox]:
    """``boxes`` less the specks: a "word" of one or two capitals under ``SPECK_HEIGHT`` of the
    page's median word height is a rule's corner or dirt on the scan (a real capital stands about
    three quarters of it), and its thin band would start a row of its own between two real ones.
    Digits, lower-case letters ("a", "no" are as short as x-height) and marks (the "-" of a date
    range) are never specks."""
    if len(boxes) < 10:
        return boxes
    h = statistics.median(b.bottom - b.top for b in boxes)
    return [b for b in boxes if len(b.text) > 2 or not all(c.isalpha() and c.isupper() for c in b.text)
            or b.bottom - b.top >= SPECK_HEIGHT * h]


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
                frame_img = frame.copy()
                page = _ocr(frame_img, options, points_per_pixel(frame_img))
                page.number = i + 1
                pages.append(page)
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


def _page_width_pt(path: Path, page_index: int) -> float | None:
    """The displayed width of a PDF page in points (the scale of an embedded image)."""
    from pypdf import PdfReader

    try:
        page = PdfReader(str(path), strict=False).pages[page_index]
        box = page.cropbox
        w, h = float(box.width), float(box.height)
        return h if int(page.rotation or 0) % 180 == 90 else w
    except Exception:  # a damaged box: scale as a Letter page
        return None


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
        img = _rasterise(path, page.number)
        pt_per_px = 72.0 / DPI
        if img is None:
            img = _embedded_image(path, page.number - 1)
            if img is None:
                continue
            pt_per_px = (_page_width_pt(path, page.number - 1) or 612.0) / max(img.width, 1)
        read = _ocr(img, options, pt_per_px)
        page.text, page.layout_text, page.words, page.ocr = read.text, read.layout_text, read.words, True
        page.width, page.height = read.width, read.height
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
