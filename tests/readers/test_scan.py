"""Scan clean-up before OCR (readers/scan.py): deskew, binarise shading away, erase table rules."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from minimeter.readers import scan
from minimeter.readers.base import ReadOptions
from minimeter.readers.ocr import read_image

DPI = 200
ROWS = [("Account number", "4400 1122 33"), ("Billing period", "01/03/2024 - 31/03/2024"),
        ("Total amount due", "$1,234.56")]


def _ruled_table(shade: int | None = 200) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """A letter-width page: a shaded, ruled header row and three ruled rows (label | value).
    Returns the image and the box of every value's text."""
    w, h = int(8.5 * DPI), int(3 * DPI)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=int(DPI * 0.14))
    x0, x_mid, x1 = int(0.5 * DPI), int(3.5 * DPI), int(8 * DPI)
    row_h = int(0.32 * DPI)
    y = int(0.4 * DPI)
    if shade is not None:
        d.rectangle((x0, y, x1, y + row_h), fill=shade)
    d.text((x0 + 12, y + 12), "Description", fill=0, font=font)
    d.text((x_mid + 12, y + 12), "Details", fill=0, font=font)
    boxes = [tuple(int(v) for v in d.textbbox((x0 + 12, y + 12), "Description", font=font))]
    for i, (label, value) in enumerate(ROWS):
        top = y + (i + 1) * row_h
        d.text((x0 + 12, top + 12), label, fill=0, font=font)
        d.text((x_mid + 12, top + 12), value, fill=0, font=font)
        boxes.append(tuple(int(v) for v in d.textbbox((x_mid + 12, top + 12), value, font=font)))
    for i in range(len(ROWS) + 2):
        d.line((x0, y + i * row_h, x1, y + i * row_h), fill=0, width=3)
    for x in (x0, x_mid, x1):
        d.line((x, y, x, y + (len(ROWS) + 1) * row_h), fill=0, width=3)
    return img, boxes  # type: ignore[return-value]


def _ink(img: Image.Image, box: tuple[int, int, int, int] | None = None) -> int:
    part = img.crop(box) if box else img
    return sum(n for v, n in enumerate(part.histogram()[:256]) if v < 128)


def test_otsu_puts_a_shaded_band_with_the_paper() -> None:
    img, boxes = _ruled_table(shade=200)
    binary = scan.binarise(img)
    assert scan.otsu_threshold(img) < 200
    band = (int(0.5 * DPI) + 200, int(0.4 * DPI) + 5, int(3.5 * DPI) - 5, int(0.4 * DPI) + 10)  # no text there
    assert _ink(binary, band) == 0
    assert all(_ink(binary, b) > 50 for b in boxes)


@pytest.mark.parametrize("angle", [1.3, -0.8])
def test_skew_angle_undoes_a_rotation(angle: float) -> None:
    img, _ = _ruled_table(shade=None)
    turned = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=True)
    assert scan.skew_angle(scan.binarise(turned)) == pytest.approx(-angle, abs=0.2)
    assert scan.skew_angle(scan.binarise(img)) == pytest.approx(0.0, abs=0.1)
    assert scan.skew_angle(Image.new("L", (400, 300), 255)) == 0.0


@pytest.mark.parametrize("shade", [None, 200, 150])
def test_rules_are_erased_and_the_words_kept(shade: int | None) -> None:
    """Also on a dark shaded header band: flattened to paper, it is neither ink nor a rule."""
    img, boxes = _ruled_table(shade)
    cleaned, angle = scan.clean(img, dpi=DPI)
    assert angle == 0.0
    # Every rule is gone (sample each one away from the text) ...
    y, row_h = int(0.4 * DPI), int(0.32 * DPI)
    for i in range(len(ROWS) + 2):
        assert _ink(cleaned, (int(0.6 * DPI), y + i * row_h - 2, int(7.9 * DPI), y + i * row_h + 3)) == 0
    assert _ink(cleaned, (int(3.5 * DPI) - 2, y, int(3.5 * DPI) + 3, y + 4 * row_h)) == 0
    # ... and the words keep (almost) all their ink: a glyph is never a quarter inch of straight ink.
    plain, _ = _ruled_table(None)
    for b in boxes[1:]:
        assert _ink(cleaned, b) >= 0.95 * _ink(scan.binarise(plain), b)
    # (the header's letters on the band have less contrast: their grey edges may fall to the paper)
    assert _ink(cleaned, boxes[0]) >= 0.6 * _ink(scan.binarise(plain), boxes[0])
    band = (int(0.6 * DPI) + 200, int(0.4 * DPI) + 6, int(3.4 * DPI), int(0.4 * DPI) + 10)
    assert _ink(cleaned, band) == 0


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")
def test_a_skewed_ruled_shaded_scan_reads_row_by_row(tmp_path: Path) -> None:
    img, _ = _ruled_table()
    img = img.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=True)
    img.save(tmp_path / "scan.png", dpi=(DPI, DPI))
    page = read_image(tmp_path / "scan.png", ReadOptions()).pages[0]
    lines = page.layout_text.splitlines()
    assert any(re.search(r"Description {2,}Details", ln) for ln in lines), page.layout_text
    for label, value in ROWS:
        assert any(re.search(re.escape(label) + r" {2,}" + re.escape(value) + r"\s*$", ln) for ln in lines), \
            page.layout_text
    assert "|" not in page.layout_text


def test_a_large_letterhead_keeps_its_stems() -> None:
    """A 24 pt heading's "l", "k" and "d" stand taller than a short rule bin: they are glyphs."""
    img = Image.new("L", (int(8.5 * DPI), int(1.2 * DPI)), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=int(DPI * 0.36))
    d.text((int(0.5 * DPI), int(0.3 * DPI)), "Elektrik Berhad Ltd", fill=0, font=font)
    binary = scan.binarise(img)
    cleaned, _ = scan.clean(img, dpi=DPI)
    assert _ink(cleaned) >= 0.98 * _ink(binary)
