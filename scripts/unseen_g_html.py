"""Bills drawn as HTML + CSS and printed to PDF by headless Chromium, for set G of the unseen layouts.

Many real utilities print bills from HTML templates: text flows in a browser font, tables are real tables and
blocks are placed by CSS, so the PDF text layer follows the document order, not the visual order, whenever a
block is positioned. ``Doc`` builds such a document (absolutely placed blocks, flowing tables, page breaks);
``render`` prints it and then rewrites the dates, producer and file identifier Chromium stamps on every run so
the bytes depend on the seed only. Independent of ``minimeter.samples`` and of the fpdf2 kit in
``unseen_kit.py``, and of any other set's HTML helper.
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

_BASE_CSS = """
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; color: #111; }
.page { position: relative; width: 210mm; height: 296mm; overflow: hidden; page-break-after: always; }
.page:last-child { page-break-after: auto; }
.blk { position: absolute; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 1.2mm 1.5mm; vertical-align: top; }
th { text-align: left; background: #e6e6e6; font-weight: bold; }
td.r, th.r { text-align: right; }
.grid td, .grid th { border: 0.2mm solid #888; }
.rule td { border-bottom: 0.15mm solid #bbb; }
.b { font-weight: bold; }
.small { font-size: 6.5pt; color: #333; }
.big { font-size: 15pt; font-weight: bold; }
.box { border: 0.4mm solid #222; padding: 2.5mm; }
.shade { background: #f0f0f0; }
.nw { white-space: nowrap; }
"""


def esc(text: object) -> str:
    """Text for HTML (bill text has ampersands and angle brackets: 'Gas & Power', '<= 100 kWh')."""
    return html.escape(str(text), quote=False)


def nowrap(text: str) -> str:
    """Keep a date or an amount on one line: a browser breaks a narrow cell at a hyphen or a space."""
    return f'<span class="nw">{text}</span>'


def table(rows: list[list[str]], *, cls: str = "grid", head: bool = True, aligns: str = "",
          widths: list[int] | None = None) -> str:
    """An HTML table of already escaped cells; ``aligns`` puts R on right-aligned columns (amounts)."""
    out = [f'<table class="{cls}">']
    if widths:
        out.append("<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>")
    for r, row in enumerate(rows):
        tag = "th" if head and r == 0 else "td"
        cells = []
        for c, cell in enumerate(row):
            right = c < len(aligns) and aligns[c] == "R"
            cells.append(f'<{tag}{" class=r" if right else ""}>{cell}</{tag}>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


class Doc:
    """Pages of absolutely placed blocks (millimetres from the page's top-left), in the order they are added."""

    def __init__(self, css: str = "", page_size: str = "A4") -> None:
        self.css = css
        self.page_size = page_size
        self.pages: list[list[str]] = [[]]

    def new_page(self) -> None:
        self.pages.append([])

    def block(self, x: float, y: float, w: float, body: str, *, cls: str = "", style: str = "") -> None:
        """A block at (x, y) of width ``w`` holding ready HTML ``body``; its place does not depend on the order
        blocks are added, so shuffling ``block`` calls changes only the text order of the PDF."""
        self.pages[-1].append(f'<div class="blk {cls}" style="left:{x}mm;top:{y}mm;width:{w}mm;{style}">'
                              f"{body}</div>")

    def html(self) -> str:
        size = "" if self.page_size == "A4" else f"@page {{ size: {self.page_size}; margin: 0; }}"
        pages = "".join(f'<div class="page">{"".join(blocks)}</div>' for blocks in self.pages)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{_BASE_CSS}{size}{self.css}</style>'
                f"</head><body>{pages}</body></html>")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("headless Chromium is needed to print the HTML bills")


def normalise(pdf: bytes, key: str) -> bytes:
    """Rewrite what Chromium stamps per run: creation and modification dates, producer, creator, the file
    identifier (made from ``key``, drawn from the bill's own values, instead) and the tag tree."""
    reader = PdfReader(io.BytesIO(pdf))
    # only the pages are copied: the accessibility tag tree names its elements after the browser's DOM node ids,
    # which change per run, and it adds nothing a printed bill carries (most real bills are untagged)
    writer = PdfWriter()
    for page in reader.pages:
        copied = writer.add_page(page)
        copied.pop("/StructParents", None)
    writer.add_metadata({"/Producer": "unseen layouts", "/Creator": "unseen layouts",
                         "/CreationDate": "D:20240101000000Z", "/ModDate": "D:20240101000000Z"})
    digest = hashlib.md5(key.encode(), usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])  # noqa: SLF001
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def render(doc: Doc, key: str) -> bytes:
    """Print ``doc`` with headless Chromium and return deterministic PDF bytes."""
    with tempfile.TemporaryDirectory(prefix="unseen-g-") as tmp:
        src, out = Path(tmp) / "bill.html", Path(tmp) / "bill.pdf"
        src.write_text(doc.html(), encoding="utf-8")
        subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()],
                       check=True, capture_output=True, timeout=120)
        return normalise(out.read_bytes(), key)
