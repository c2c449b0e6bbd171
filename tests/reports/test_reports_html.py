"""The HTML report: one self-contained file whose charts render in a real (headless) browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from minimeter.reports.charts import nice_ticks
from minimeter.reports.html import write_html

BLUE, GREEN, PURPLE, ORANGE = (0x2F, 0x6F, 0xB3), (0x3B, 0x8F, 0x5A), (0x7A, 0x4F, 0xB0), (0xC2, 0x57, 0x1A)


def test_page_is_self_contained_and_has_the_charts(known_store: dict[str, Any], tmp_path: Path) -> None:
    page = write_html(known_store["path"], tmp_path / "report.html").read_text()
    # Nothing is fetched: no scripts, stylesheets, images or fonts from anywhere, no URLs at all.
    assert not re.search(r"<script|<link|<img|<iframe|src=|@import|url\(|https?:", page, re.I)
    sections = re.findall(r"<section><h2>(.*?)</h2>", page)
    assert sections == ["A-100 · Acme Power", "D-1 · Both Co", "G-7 · City Gas"]
    titles = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]+)"', page)
    assert titles == ["Electricity per month", "Cost per month", "Cost per kWh",
                      "Electricity per month", "Gas per month", "Cost per month",  # D-1 (dual fuel: no rate)
                      "Gas per month", "Cost per month", "Cost per therm"]  # G-7
    # A-100 has 7 months with bills over the 13 months Jan 2024..Jan 2025 (the gap months stay empty).
    a100 = page.split("<section>")[1]
    first_chart = a100.split("</svg>")[0]
    assert first_chart.count("<rect") == 7 and "2024-05: 520 kWh" in first_chart
    # G-7's February and March include a bill waiting for review: drawn lighter, and said so.
    g7 = page.split("<section>")[3]
    assert g7.split("</svg>")[0].count('class="bar pending"') == 2 and "waiting for review" in g7
    assert "Nothing to flag" not in page and page.count("<tr>") >= 8 + 11


def test_nice_ticks() -> None:
    assert nice_ticks(520) == [0, 200, 400, 600]
    assert nice_ticks(0.25 * 1.1) == pytest.approx([0, 0.1, 0.2, 0.3])
    assert nice_ticks(0) == [0.0, 1.0]


def test_empty_store_page(tmp_path: Path) -> None:
    page = write_html(tmp_path / "empty.db", tmp_path / "e.html").read_text()
    assert "No bills yet" in page and "Nothing to flag" in page


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
                    reason="chromium is not installed")
def test_charts_render_in_headless_chromium(known_store: dict[str, Any], tmp_path: Path) -> None:
    from PIL import Image

    page = write_html(known_store["path"], tmp_path / "report.html")
    shot = tmp_path / "shot.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    cmd = [str(browser), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()]
    # With no network at all when the machine allows it: the page must not need any.
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-rn", *cmd]
    subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    assert shot.exists(), "chromium wrote no screenshot"
    img = Image.open(shot).convert("RGB")
    assert img.size == (1200, 1600)
    counts = {color: n for n, color in img.getcolors(maxcolors=1 << 24) or []}
    # Solid bars of each series and the rate line are on screen (areas in pixels).
    assert counts.get(BLUE, 0) > 5000, "no electricity bars"
    assert counts.get(PURPLE, 0) > 5000, "no cost bars"
    assert counts.get(GREEN, 0) > 2000, "no gas bars"
    assert counts.get(ORANGE, 0) > 200, "no cost-per-kWh line"
