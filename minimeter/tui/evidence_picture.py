"""The evidence picture: the bill's page around a value, with the value's box marked.

``evidence_image(path, doc, span)`` renders the part of the page around the span's box (from
``Span.box``, else placed through the page's words, ``readers.spans.span_box``) and draws the
box on it: a PDF page through ``pdftoppm`` in a child process with a time limit (PDFium in
process when poppler is not installed), an image bill through Pillow. ``EvidencePicture`` shows
it with textual-image: a real picture in terminals with a graphics protocol (Kitty's, Sixel),
half-block cells elsewhere. It is shown by default only with a graphics protocol (half blocks
are a rough picture and take room); ``v`` toggles it on any terminal.

textual-image asks the terminal what it supports when imported, which is only possible before
Textual takes the terminal over: this module is imported with the screens, before the app runs.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

try:  # an optional extra: without it the view stays text only
    from textual_image.renderable import Image as _AutoRenderable
    from textual_image.renderable.halfcell import Image as _HalfcellRenderable
    from textual_image.renderable.unicode import Image as _UnicodeRenderable
    from textual_image.widget import Image as PictureWidget
except Exception:  # pragma: no cover - not installed, or no terminal to ask
    PictureWidget = None  # type: ignore[assignment]
    GRAPHICS = False
else:
    GRAPHICS = _AutoRenderable not in (_HalfcellRenderable, _UnicodeRenderable)

if TYPE_CHECKING:
    from PIL.Image import Image

    from minimeter.readers.base import Document
    from minimeter.schema import Span

log = logging.getLogger(__name__)
Box = tuple[float, float, float, float]
RENDER_TIMEOUT = 20.0
PIXELS_WIDE = 900
"""Width of the rendered region in pixels: the number stays legible when the picture is shrunk."""


def picture_region(width: float, height: float, box: Box, min_width: float = 420.0,
                   aspect: float = 0.4) -> Box:
    """The part of a ``width`` x ``height`` page to show around ``box``: at least ``min_width``
    points wide, ``aspect`` as tall as wide, the box in the right part (labels print left of their
    values, and above them: both stay in the picture), moved inside the page."""
    x0, top, x1, bottom = box
    w = min(width, max(min_width, 3 * (x1 - x0)))
    h = min(height, max(w * aspect, 3 * (bottom - top)))
    cy = (top + bottom) / 2
    left = min(max(0.0, x1 + 0.15 * w - w), max(0.0, width - w))
    up = min(max(0.0, cy - h / 2), max(0.0, height - h))
    return left, up, left + w, up + h


def _render_pdf(path: Path, page_no: int, region: Box, scale: float) -> Image | None:
    """``region`` (points on the displayed page) of page ``page_no`` at ``scale`` pixels a point."""
    from PIL import Image as PILImage

    x0, top, x1, bottom = region
    exe = shutil.which("pdftoppm")
    if exe:
        with tempfile.TemporaryDirectory(prefix="mm-pic-") as tmp:
            out = Path(tmp) / "p"
            cmd = [exe, "-cropbox", "-r", f"{72 * scale:.2f}", "-f", str(page_no), "-l", str(page_no),
                   "-x", str(int(x0 * scale)), "-y", str(int(top * scale)), "-W", str(int((x1 - x0) * scale)),
                   "-H", str(int((bottom - top) * scale)), "-png", "-singlefile", str(path), str(out)]
            try:
                proc = subprocess.run(cmd, capture_output=True, timeout=RENDER_TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                return None
            png = out.with_suffix(".png")
            if proc.returncode != 0 or not png.exists():
                return None
            with PILImage.open(png) as im:
                return im.convert("RGB")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[page_no - 1]
        w, h = page.get_size()
        bitmap = page.render(scale=scale, crop=(x0, h - bottom, w - x1, top))
        img: Image = bitmap.to_pil().convert("RGB")
        return img
    finally:
        pdf.close()


def _render_image(path: Path, frame: int, region: Box) -> tuple[Image, float] | None:
    """``region`` of an image bill, and the pixels per point of the result."""
    from PIL import Image as PILImage
    from PIL import ImageOps, ImageSequence

    from minimeter.readers.ocr import points_per_pixel

    with PILImage.open(path) as im:
        for i, fr in enumerate(ImageSequence.Iterator(im)):
            if i == frame - 1:
                img = fr.copy()
                break
        else:
            return None
    ppp = points_per_pixel(img)  # (from the file's own dpi, as OCR measured it)
    img = ImageOps.exif_transpose(img) or img
    x0, top, x1, bottom = (v / ppp for v in region)
    return img.convert("RGB").crop((int(x0), int(top), int(x1), int(bottom))), 1 / ppp


def evidence_image(path: Path, doc: Document, span: Span) -> tuple[Image, Box] | None:
    """The picture of ``span``'s surroundings with its box marked, and the box (points); None when
    the span has no place on the page or the page cannot be rendered."""
    from PIL import ImageDraw

    from minimeter.readers.spans import span_box

    if not 1 <= span.page <= len(doc.pages):
        return None
    page = doc.pages[span.page - 1]
    box = span.box or span_box(doc, span)
    if box is None or not page.width or not page.height:
        return None
    region = picture_region(page.width, page.height, box)
    scale = PIXELS_WIDE / max(region[2] - region[0], 1.0)
    try:
        if doc.kind == "pdf":
            img = _render_pdf(path, span.page, region, scale)
        else:
            got = _render_image(path, span.page, region)
            img, scale = got if got else (None, scale)
    except Exception:  # a picture is a convenience: the text view still shows the evidence
        log.debug("could not render page %d of %s", span.page, path.name, exc_info=True)
        return None
    if img is None:
        return None
    draw = ImageDraw.Draw(img)
    pad = 2.0
    rect = [(box[0] - region[0] - pad) * scale, (box[1] - region[1] - pad) * scale,
            (box[2] - region[0] + pad) * scale, (box[3] - region[1] + pad) * scale]
    draw.rectangle(rect, outline=(220, 0, 0), width=max(2, int(scale * 1.2)))
    return img, box


class EvidencePicture(Vertical):
    """A caption and the picture of where the current value was read (see the module docstring)."""

    DEFAULT_CSS = """
    EvidencePicture { height: auto; max-height: 24; }
    EvidencePicture > .picture { width: 100%; height: auto; max-height: 22; }
    EvidencePicture > .caption { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.wanted = GRAPHICS
        self.display = False
        self._key: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="caption")
        if PictureWidget is not None:
            yield PictureWidget(classes="picture")

    def toggle(self) -> bool:
        """Show or hide the picture; returns whether it is now wanted."""
        self.wanted = not self.wanted
        if not self.wanted:
            self.display = False
        elif self._key is not None:
            self.display = True
        return self.wanted

    def show_for(self, path: Path | None, doc: Document | None, span: Span | None) -> None:
        """Render the picture for ``span`` (in a thread); hide it when there is nothing to show."""
        key = (str(path), span.page if span else None, span.start if span else None,
               span.end if span else None, span.layout if span else None)
        if key == self._key:
            return
        self._key = None
        self.display = False
        if path is None or doc is None or span is None or PictureWidget is None or not path.exists():
            return
        self.run_worker(lambda: self._draw(key, path, doc, span), thread=True, exclusive=True,
                        group="evidence-picture")

    def _draw(self, key: tuple[Any, ...], path: Path, doc: Document, span: Span) -> None:
        got = evidence_image(path, doc, span)
        self.app.call_from_thread(self._set, key, got, span)

    def _set(self, key: tuple[Any, ...], got: tuple[Image, Box] | None, span: Span) -> None:
        if got is None:
            return
        img, box = got
        self._key = key
        caption = Text(f"page {span.page}, box {box[0]:.0f},{box[1]:.0f} - {box[2]:.0f},{box[3]:.0f} pt",
                       style="dim")
        caption.append("  (v: hide)" if self.wanted else "")
        self.query_one(".caption", Static).update(caption)
        self.query_one(".picture").image = img  # type: ignore[attr-defined]
        self.display = self.wanted
