"""HTML + CSS pages printed to PDF by headless Chromium, for the set F bills.

Many utilities' billing systems write a bill as HTML and print it with a browser engine, so the PDF's text layer
comes from Skia (CID fonts with ToUnicode maps, one text run per styled span, absolutely positioned boxes painted
after the flowing content) rather than from fpdf2. Chromium stamps the print time into /CreationDate and /ModDate;
``html_to_pdf`` overwrites both with a fixed date of the same length (so the cross-reference offsets stay valid)
and blanks a document /ID if one is written, which makes the bytes depend on the HTML only (for one Chromium
version and one set of system fonts).
"""

from __future__ import annotations

import html
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from unseen_kit import money

ID_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

BASE_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8.6pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 1mm 0; }
h2 { font-size: 10pt; margin: 2.5mm 0 1mm 0; }
h3 { font-size: 8.8pt; margin: 2mm 0 0.8mm 0; }
p { margin: 0.6mm 0; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 0.6mm 1.2mm; vertical-align: top; }
th { text-align: left; background: #e6e6e6; font-weight: bold; }
table.grid td, table.grid th { border: 0.2mm solid #999; }
td.r, th.r { text-align: right; white-space: nowrap; }
.nw { white-space: nowrap; }
.b { font-weight: bold; }
.small { font-size: 6.4pt; color: #333; }
.box { border: 0.3mm solid #444; padding: 2mm; margin: 1.5mm 0; }
.shade { background: #f0f0f0; }
.cols { display: flex; gap: 5mm; }
.cols > div { flex: 1; }
.stack { display: flex; flex-direction: column; }
.big { font-size: 15pt; font-weight: bold; }
.page2 { break-before: page; }
.bar { display: inline-block; height: 2.4mm; background: #777; }
"""


def esc(text: object) -> str:
    """Text as HTML (a customer or street name may hold ``&``)."""
    return html.escape(str(text), quote=False)


def document(body: str, *, size: str = "A4", margin: str = "12mm", css: str = "") -> str:
    """A whole HTML page: the paper size and margins as a print stylesheet, the shared CSS, then ``css``."""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><style>@page {{ size: {size}; margin: {margin}; }}'
        f"{BASE_CSS}{css}</style></head><body>{body}</body></html>"
    )


def rows(cells: list[list[str]], *, head: bool = True, cls: str = "grid", aligns: str = "") -> str:
    """A table from rows of HTML cells; the first row a header when ``head``; ``aligns`` "LR.." per column."""
    out = [f'<table class="{cls}">']
    for i, row in enumerate(cells):
        tag = "th" if head and i == 0 else "td"
        tds = "".join(
            f"<{tag}{' class=r' if aligns[c : c + 1] == 'R' else ''}>{cell}</{tag}>" for c, cell in enumerate(row)
        )
        out.append(f"<tr>{tds}</tr>")
    return "".join(out) + "</table>"


def ordered(rng: random.Random, blocks: list[tuple[str, str]], first: list[str], last: list[str]) -> str:
    """Blocks ``(name, html)`` in a column: the ones named in ``first`` at the top, in ``last`` at the foot, the
    others in a random order between. The HTML lists them in yet another random order with a CSS ``order`` that
    sets where each shows, as templated billing pages often do; Chromium prints flex items in the order they show,
    so the text layer follows the page (only absolutely positioned boxes come out after the flowing text)."""
    names = [n for n, _ in blocks]
    middle = [n for n in names if n not in first and n not in last]
    rng.shuffle(middle)
    place = {n: i for i, n in enumerate([*first, *middle, *last])}
    source = list(blocks)
    rng.shuffle(source)
    return '<div class="stack">' + "".join(f'<div style="order:{place[n]}">{h}</div>' for n, h in source) + "</div>"


STORIES = ("none", "paid", "partial", "unpaid", "credit")


def story(
    rng: random.Random, typical: float, kind: str | None = None, *, whole: bool = False
) -> tuple[str, float | None, float | None]:
    """The balance story of one bill and its (previous balance, payment): ``none`` (no summary printed), ``paid``
    in full, ``partial``, ``unpaid`` or ``credit`` (a credit carried from an overpayment, the payment 0); ``kind``
    None draws one. Amounts in cents, or in whole units when ``whole``."""
    drawn = rng.choice(("none", "paid", "paid", "partial", "unpaid", "credit"))
    kind = kind or drawn
    rnd = (lambda v: float(round(v))) if whole else money
    if kind == "none":
        return kind, None, None
    prev = rnd(typical * rng.uniform(0.7, 1.3))
    if kind == "paid":
        return kind, prev, prev
    if kind == "partial":
        return kind, prev, rnd(prev * rng.choice((0.25, 0.5, 0.6)))
    if kind == "credit":
        return kind, -rnd(typical * rng.uniform(0.1, 0.45)), 0.0
    return kind, prev, 0.0


_STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")
_ID = re.compile(rb"/ID \[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")


def normalise(pdf: bytes) -> bytes:
    """Chromium's PDF with the print time replaced by 2024-01-01 and any /ID zeroed, each by a string of the same
    length so every byte offset in the file still holds."""

    def stamp(m: re.Match[bytes]) -> bytes:
        fixed = b"D:20240101000000+00'00'"
        inner = m.group(0)[m.group(0).index(b"(") + 1 : -1]
        return b"/" + m.group(1) + b" (" + fixed[: len(inner)].ljust(len(inner), b" ") + b")"

    pdf = _STAMP.sub(stamp, pdf)
    return _ID.sub(lambda m: b"/ID" + re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)[3:]), pdf)


def chromium() -> str:
    """The Chromium binary on PATH (``chromium`` or ``chromium-browser``)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("set F needs a headless Chromium on PATH to print its HTML bills")


def html_to_pdf(page: str) -> bytes:
    """Print one HTML document to PDF with headless Chromium in a throwaway folder (its own profile, so runs side
    by side do not share a browser), then normalise the bytes."""
    with tempfile.TemporaryDirectory(prefix="unseen-f-") as tmp:
        src, out = Path(tmp) / "bill.html", Path(tmp) / "bill.pdf"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={out}",
                src.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return normalise(out.read_bytes())
