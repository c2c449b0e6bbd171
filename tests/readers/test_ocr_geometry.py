"""OCR word boxes (Tesseract TSV) scaled to points and laid out like a text layer's words."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from minimeter.readers.base import Page, ReadOptions
from minimeter.readers.ocr import ocr_pdf_pages, points_per_pixel, read_image
from minimeter.readers.pdf import read_pdf

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")

ROWS = [("Account Number:", "4400112233"), ("Previous Balance", "$98.10"), ("Total Amount Due", "$123.45")]


def _scan(path: Path, dpi: int = 200, skew: float = 0.0) -> Path:
    """A letter-size page image: labels on the left, values far to the right (and slightly skewed)."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = int(8.5 * dpi), int(4 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=int(dpi * 0.17))
    for i, (label, value) in enumerate(ROWS):
        y = int(dpi * (0.6 + 0.5 * i))
        draw.text((int(dpi * 0.7), y), label, fill=0, font=font)
        draw.text((int(dpi * 5.5), y), value, fill=0, font=font)
    if skew:
        img = img.rotate(skew, expand=False, fillcolor=255)
    img.save(path, dpi=(dpi, dpi))
    return path


def _check(page: Page) -> None:
    assert page.ocr and page.layout_text
    for w in page.words:
        assert page.layout_text[w.start:w.end] == w.text
    for label, value in ROWS:
        line = next(ln for ln in page.layout_text.splitlines() if label.split()[0] in ln)
        assert re.search(re.escape(label) + r" {2,}" + re.escape(value), line), line


def test_an_image_bill_has_word_boxes_in_points(tmp_path: Path) -> None:
    doc = read_image(_scan(tmp_path / "bill.png", dpi=200, skew=0.6), ReadOptions())
    page = doc.pages[0]
    _check(page)
    assert page.width == pytest.approx(612, abs=1) and page.height == pytest.approx(288, abs=1)
    total = next(w for w in page.words if w.text == "$123.45")
    # Drawn at 5.5 in from the left, 0.6 + 1.0 in from the top: points, not pixels.
    assert total.x0 == pytest.approx(5.5 * 72, abs=8) and total.top == pytest.approx(1.6 * 72, abs=10)
    assert "Total Amount Due  $123.45" in page.text  # plain text: Tesseract's lines, wide gap = 2 spaces


def test_a_scanned_pdf_page_maps_back_to_the_page_points(tmp_path: Path) -> None:
    from fpdf import FPDF

    png = _scan(tmp_path / "scan.png", dpi=150)
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=612)
    pdf.output(str(tmp_path / "scan.pdf"))
    options = ReadOptions()
    doc = ocr_pdf_pages(tmp_path / "scan.pdf", read_pdf(tmp_path / "scan.pdf", options), options)
    page = doc.pages[0]
    _check(page)
    assert (page.width, page.height) == (pytest.approx(612, abs=1), pytest.approx(792, abs=1))
    acct = next(w for w in page.words if w.text == "4400112233")
    assert acct.x0 == pytest.approx(5.5 * 72, abs=8) and acct.top == pytest.approx(0.6 * 72, abs=10)


def test_points_per_pixel_trusts_only_a_plausible_dpi() -> None:
    from PIL import Image

    img = Image.new("L", (2550, 3300), 255)
    img.info["dpi"] = (300, 300)
    assert points_per_pixel(img) == pytest.approx(72 / 300)
    img.info["dpi"] = (72, 72)  # a camera's default, not the paper size
    assert points_per_pixel(img) == pytest.approx(612 / 2550)
    del img.info["dpi"]
    assert points_per_pixel(img) == pytest.approx(612 / 2550)


def test_a_speck_does_not_start_a_row_between_a_label_and_its_value() -> None:
    """A rule's corner read as a tiny "L" at the left margin, a little above a value at the right:
    its thin band would hold the value on a row of its own, away from the label it belongs to."""
    from minimeter.readers import geometry
    from minimeter.readers.ocr import _without_specks

    B = geometry.WordBox
    boxes = [B("Totale", 318, 279.4, 337, 284.6, 0), B("bolletta", 339.6, 279.1, 362, 284.6, 0),
             B("148,94", 546.7, 275.5, 572, 285.4, 1), B("L", 34.1, 288.0, 36.0, 290.9, 2),
             B("132,86", 546.7, 288.5, 572, 298.3, 3), B("Bollette", 318.5, 292.3, 341, 297.6, 4),
             B("precedenti", 343.7, 292.1, 375.6, 298.8, 4), B("non", 378.2, 293.5, 389.3, 297.6, 4),
             B("pagate", 391.9, 292.8, 412.8, 299.0, 4), B("Consumo", 43.2, 301, 84.2, 307.7, 5),
             B("m3", 141.8, 301, 152.4, 307.4, 5)]
    text, _ = geometry.layout(_without_specks(boxes))
    assert re.search(r"Bollette precedenti non pagate {2,}132,86", text), text
    assert "L" not in text.split()
    assert _without_specks(boxes[:4]) == boxes[:4]  # (too few words to know the page's text height)
