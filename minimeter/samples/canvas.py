"""Two drawing backends behind one small API, so every layout can be a text PDF or a scan.

``PdfCanvas`` draws with fpdf2 (core fonts, not embedded: bills stay a few KB) and keeps the
text layer in drawing order, which is how layouts put labels and values far apart in the
text. ``ImageCanvas`` draws the same calls with Pillow onto grayscale pages that are then
wrapped as JPEG-only PDF pages: no text layer, the OCR case. Coordinates are millimetres
on a US Letter page, ``y`` is the text baseline.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Protocol

PAGE_W, PAGE_H = 215.9, 279.4
_FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_PDF_FONTS = {"sans": "helvetica", "serif": "times", "mono": "courier"}
_TTF = {
    ("sans", False): ["dejavu/DejaVuSans.ttf", "liberation/LiberationSans-Regular.ttf"],
    ("sans", True): ["dejavu/DejaVuSans-Bold.ttf", "liberation/LiberationSans-Bold.ttf"],
    ("serif", False): ["dejavu/DejaVuSerif.ttf", "liberation/LiberationSerif-Regular.ttf"],
    ("serif", True): ["dejavu/DejaVuSerif-Bold.ttf", "liberation/LiberationSerif-Bold.ttf"],
    ("mono", False): ["dejavu/DejaVuSansMono.ttf", "liberation/LiberationMono-Regular.ttf"],
    ("mono", True): ["dejavu/DejaVuSansMono-Bold.ttf", "liberation/LiberationMono-Bold.ttf"],
}
_FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts")]


class Canvas(Protocol):
    """What a layout may draw with; both backends implement exactly this."""

    def new_page(self) -> None: ...
    def font(self, family: str, size: float, bold: bool = False) -> None: ...
    def gray(self, level: int) -> None: ...
    def width(self, s: str) -> float: ...
    def text(self, x: float, y: float, s: str, align: str = "L") -> None: ...
    def rect(self, x: float, y: float, w: float, h: float, fill: int | None = None, stroke: bool = True) -> None: ...
    def line(self, x1: float, y1: float, x2: float, y2: float) -> None: ...
    def save(self, path: Path) -> None: ...


def _new_fpdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="letter")
    pdf.core_fonts_encoding = "windows-1252"  # so EUR/GBP signs and French/German letters print
    pdf.set_creation_date(_FIXED_DATE)  # byte-deterministic output for a seed
    pdf.set_auto_page_break(False)
    pdf.set_producer("MiniMeter sample generator")
    return pdf


class PdfCanvas:
    def __init__(self) -> None:
        self.pdf = _new_fpdf()
        self.family, self.size, self.bold = "sans", 9.0, False

    def new_page(self) -> None:
        self.pdf.add_page()
        self.font("sans", 9)

    def font(self, family: str, size: float, bold: bool = False) -> None:
        self.family, self.size, self.bold = family, size, bold
        self.pdf.set_font(_PDF_FONTS[family], "B" if bold else "", size)

    def gray(self, level: int) -> None:
        self.pdf.set_text_color(level)

    def width(self, s: str) -> float:
        return float(self.pdf.get_string_width(s))

    def text(self, x: float, y: float, s: str, align: str = "L") -> None:
        if align == "R":
            x -= self.width(s)
        elif align == "C":
            x -= self.width(s) / 2
        self.pdf.text(x, y, s)

    def rect(self, x: float, y: float, w: float, h: float, fill: int | None = None, stroke: bool = True) -> None:
        if fill is not None:
            self.pdf.set_fill_color(fill)
        style = ("F" if fill is not None else "") + ("D" if stroke else "")
        self.pdf.rect(x, y, w, h, style=style or "D")

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.pdf.line(x1, y1, x2, y2)

    def save(self, path: Path) -> None:
        path.write_bytes(bytes(self.pdf.output()))


class ImageCanvas:
    """Same API, drawn with Pillow at a scanner-like resolution; pages become JPEGs."""

    DPI = 140

    def __init__(self, skew: float = 0.0) -> None:
        self.skew = skew
        """Degrees the 'paper' is turned on the scanner glass."""
        self.pages: list[Any] = []
        self.draw: Any = None
        self._font: Any = None
        self.fill = 0
        self._cache: dict[tuple[str, bool, int], Any] = {}

    def _px(self, mm: float) -> int:
        return round(mm / 25.4 * self.DPI)

    def new_page(self) -> None:
        from PIL import Image, ImageDraw

        img = Image.new("L", (self._px(PAGE_W), self._px(PAGE_H)), 255)
        self.pages.append(img)
        self.draw = ImageDraw.Draw(img)
        self.font("sans", 9)

    def font(self, family: str, size: float, bold: bool = False) -> None:
        from PIL import ImageFont

        px = max(6, round(size / 72 * self.DPI))
        key = (family, bold, px)
        if key not in self._cache:
            font = None
            for rel in _TTF[(family, bold)]:
                for d in _FONT_DIRS:
                    if (d / rel).is_file():
                        font = ImageFont.truetype(str(d / rel), px)
                        break
                if font is not None:
                    break
            self._cache[key] = font or ImageFont.load_default(px)
        self._font = self._cache[key]

    def gray(self, level: int) -> None:
        self.fill = level

    def width(self, s: str) -> float:
        return float(self._font.getlength(s)) / self.DPI * 25.4

    def text(self, x: float, y: float, s: str, align: str = "L") -> None:
        if align == "R":
            x -= self.width(s)
        elif align == "C":
            x -= self.width(s) / 2
        self.draw.text((self._px(x), self._px(y)), s, font=self._font, fill=self.fill, anchor="ls")

    def rect(self, x: float, y: float, w: float, h: float, fill: int | None = None, stroke: bool = True) -> None:
        box = [self._px(x), self._px(y), self._px(x + w), self._px(y + h)]
        self.draw.rectangle(box, fill=fill, outline=0 if stroke else None)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.draw.line([self._px(x1), self._px(y1), self._px(x2), self._px(y2)], fill=0)

    def save(self, path: Path) -> None:
        pdf = _new_fpdf()
        from PIL import Image

        for img in self.pages:
            if self.skew:
                img = img.rotate(self.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=55, optimize=True)
            buf.seek(0)
            pdf.add_page()
            pdf.image(buf, x=0, y=0, w=PAGE_W, h=PAGE_H)
        path.write_bytes(bytes(pdf.output()))
