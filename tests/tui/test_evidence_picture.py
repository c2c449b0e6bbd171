"""The evidence picture: the page around a value with its box marked, in the job detail screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minimeter.readers.base import ReadOptions
from minimeter.readers.pdf import read_pdf
from minimeter.schema import Span
from minimeter.tui.app import make_app
from minimeter.tui.evidence_picture import EvidencePicture, evidence_image, picture_region
from tests.tui.conftest import wait_until

pytestmark = pytest.mark.anyio


def _bill(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(72, 100, "Total Amount Due")
    pdf.text(420, 100, "$1,234.56")
    pdf.text(72, 700, "Thank you")
    pdf.output(str(path))
    return path


def test_picture_region_keeps_the_box_inside_and_the_label_beside_it() -> None:
    r = picture_region(612, 792, (420, 88, 470, 102))
    assert r[0] <= 420 and r[2] >= 470 and r[1] <= 88 and r[3] >= 102
    assert r[2] - r[0] == 420 and r[0] >= 0 and r[2] <= 612
    assert r[0] < 150  # the label on the value's row (x 72 to 170) is in the picture
    assert picture_region(612, 792, (600, 780, 610, 790))[2:] == (612, 792)  # moved inside the page
    assert picture_region(612, 792, (0, 0, 5, 5))[:2] == (0, 0)


@pytest.mark.parametrize("renderer", ["pdftoppm", "pdfium"])
def test_the_value_is_inside_the_marked_box(tmp_path: Path, renderer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if renderer == "pdftoppm" and shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils not installed")
    if renderer == "pdfium":
        monkeypatch.setattr("minimeter.tui.evidence_picture.shutil.which", lambda name: None)
    path = _bill(tmp_path / "b.pdf")
    doc = read_pdf(path, ReadOptions())
    text = doc.pages[0].layout_text or ""
    at = text.index("$1,234.56")
    got = evidence_image(path, doc, Span(page=1, start=at, end=at + 9, text="$1,234.56", layout=True))
    assert got is not None
    img, box = got
    assert box[0] == pytest.approx(420, abs=1)
    rgb = img.convert("RGB")
    red = [(x, y) for x in range(0, rgb.width, 2) for y in range(0, rgb.height, 2)
           if rgb.getpixel((x, y)) == (220, 0, 0)]
    dark = [(x, y) for x in range(0, rgb.width, 2) for y in range(0, rgb.height, 2)
            if max(rgb.getpixel((x, y))) < 90]  # type: ignore[arg-type]
    assert red and dark
    rx0, rx1 = min(x for x, _ in red), max(x for x, _ in red)
    ry0, ry1 = min(y for _, y in red), max(y for _, y in red)
    inside = [p for p in dark if rx0 < p[0] < rx1 and ry0 < p[1] < ry1]
    outside_left = [p for p in dark if p[0] < rx0]
    assert len(inside) > 20  # the number's ink is in the box
    assert outside_left  # and the label's ink to its left is in the picture, outside the box
    # A span the page's words cannot place gives no picture rather than a wrong one.
    assert evidence_image(path, doc, Span(page=1, start=0, end=4, text="nowhere")) is None


async def test_the_detail_screen_shows_the_picture_on_v(settings, store, seeded) -> None:
    from minimeter.tui.screens.detail import JobDetailScreen

    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(JobDetailScreen(seeded["good1"]))
        assert await wait_until(pilot, lambda: getattr(app.screen, "detail", None) is not None)
        table = app.screen.query_one("#fields-table")
        rows = [table.get_row_at(i)[0] for i in range(table.row_count)]
        await pilot.press(*["down"] * rows.index("total_amount_due"))
        picture = app.screen.query_one(EvidencePicture)
        if not picture.wanted:  # no graphics protocol in a test terminal: hidden until asked for
            await pilot.press("v")
        assert await wait_until(pilot, lambda: picture.display)
        image = picture.query_one(".picture").image  # type: ignore[attr-defined]
        assert image is not None and image.width > 100
        caption = str(picture.query_one(".caption").render())
        assert caption.startswith("page 1, box ")
        await pilot.press("v")
        assert not picture.display
        # Another field moves the picture to its own value.
        await pilot.press("up")
        await pilot.press("v")
        assert await wait_until(pilot, lambda: picture.display)


async def test_the_review_form_shows_the_picture_where_the_terminal_draws_pictures(
        settings, store, seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    from minimeter.tui.screens.review import ReviewFormScreen

    monkeypatch.setattr("minimeter.tui.evidence_picture.GRAPHICS", True)  # as in a Kitty or Sixel terminal
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ReviewFormScreen(seeded["review"]))
        assert await wait_until(pilot, lambda: app.screen.state is not None)
        picture = app.screen.query_one(EvidencePicture)
        app.screen.query_one("#in-total_amount_due").focus()
        assert await wait_until(pilot, lambda: picture.display)
        assert picture.query_one(".picture").image is not None  # type: ignore[attr-defined]
        app.screen.query_one("#in-rate_plan").focus()  # no evidence: no picture
        assert await wait_until(pilot, lambda: not picture.display)
