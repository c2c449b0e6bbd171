"""HTML + CSS bills printed to PDF by headless Chromium, for set H of the unseen layouts.

A bill is a list of pages, each a list of blocks placed by absolute CSS positions (millimetres from the top-left
of the page) and holding flowing HTML: real tables whose cells wrap, browser fonts embedded as subsets. A block's
place does not depend on the order it is added, so adding blocks in a random order changes only the order of the
PDF's text layer. ``render`` prints the page and then keeps only the pages, with fixed metadata and a file
identifier made from the bill's own values, so the bytes depend on the seed only (Chromium stamps dates, a
producer, an identifier and a tag tree named after DOM node ids on every run). Apart from ``minimeter.samples``,
the fpdf2 kit and the other sets' HTML helpers.
"""

from __future__ import annotations

import hashlib
import html
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

_CSS = """
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 8.4pt; color: #141414; }
.page { position: relative; width: 210mm; height: 296mm; overflow: hidden; page-break-after: always; }
.page:last-child { page-break-after: auto; }
.at { position: absolute; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 1mm 1.4mm; vertical-align: top; }
th { text-align: left; font-weight: bold; }
td.r, th.r { text-align: right; }
.lines td, .lines th { border: 0.2mm solid #999; }
.lines th { background: #e9e9e9; }
.rows td { border-bottom: 0.15mm solid #c4c4c4; }
.b { font-weight: bold; }
.s { font-size: 6.8pt; color: #333; }
.xl { font-size: 14pt; font-weight: bold; }
.frame { border: 0.4mm solid #222; padding: 2.5mm; }
.tint { background: #f1f1f1; }
.nw { white-space: nowrap; }
h4 { margin: 0 0 1.5mm 0; font-size: 9.5pt; }
"""


def esc(text: object) -> str:
    """Plain text for HTML: bill text carries ampersands and angle brackets."""
    return html.escape(str(text), quote=False)


def nw(text: str) -> str:
    """One line for a date or an amount: a narrow cell would break it at a space or a hyphen."""
    return f'<span class="nw">{text}</span>'


def grid(
    rows: list[list[str]], *, cls: str = "lines", head: bool = True, aligns: str = "", widths: list[int] | None = None
) -> str:
    """A table of ready (escaped) cells; ``aligns`` has R for each right-aligned column."""
    out = [f'<table class="{cls}">']
    if widths:
        out.append("<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>")
    for r, row in enumerate(rows):
        tag = "th" if head and r == 0 else "td"
        cells = "".join(
            f"<{tag}{' class=r' if c < len(aligns) and aligns[c] == 'R' else ''}>{cell}</{tag}>"
            for c, cell in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    return "".join(out) + "</table>"


class Sheet:
    """Pages of absolutely placed blocks, written in the order they are added."""

    def __init__(self, css: str = "") -> None:
        self.css = css
        self.pages: list[list[str]] = [[]]

    def next_page(self) -> None:
        self.pages.append([])

    def put(self, x: float, y: float, w: float, body: str, *, cls: str = "") -> None:
        self.pages[-1].append(f'<div class="at {cls}" style="left:{x}mm;top:{y}mm;width:{w}mm">{body}</div>')

    def html(self) -> str:
        pages = "".join(f'<div class="page">{"".join(blocks)}</div>' for blocks in self.pages)
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{_CSS}{self.css}</style></head>'
            f"<body>{pages}</body></html>"
        )


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("headless Chromium is needed to print the HTML bills of set H")


def _fixed(pdf: bytes, key: str) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:  # the pages only: the tag tree is named after per-run DOM node ids
        writer.add_page(page).pop("/StructParents", None)
    writer.add_metadata(
        {
            "/Producer": "unseen layouts",
            "/Creator": "unseen layouts",
            "/CreationDate": "D:20240101000000Z",
            "/ModDate": "D:20240101000000Z",
        }
    )
    digest = hashlib.sha256(key.encode()).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])  # noqa: SLF001
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def render(sheet: Sheet, key: str) -> bytes:
    """Print ``sheet`` with headless Chromium; deterministic bytes for the same sheet and key."""
    with tempfile.TemporaryDirectory(prefix="unseen-h-") as tmp:
        src, out = Path(tmp) / "bill.html", Path(tmp) / "bill.pdf"
        src.write_text(sheet.html(), encoding="utf-8")
        subprocess.run(
            [
                _browser(),
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
        return _fixed(out.read_bytes(), key)
