"""An example reader plugin: bills that arrive as plain UTF-8 text (e-mail bodies saved to a file).

Declared in a package's ``pyproject.toml`` as::

    [project.entry-points."minimeter.readers"]
    text = "mm_text_reader"

The module itself is the reader: ``sniff`` says from the first bytes whether it can read the file
(intake calls it before archiving, so content no reader takes never reaches the archive), and
``read`` runs inside MiniMeter's sandboxed reader process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minimeter.errors import ReadError
from minimeter.readers.base import Document, Page

if TYPE_CHECKING:
    from pathlib import Path

    from minimeter.readers.base import ReadOptions

label = "a plain-text bill"
MAX_BYTES = 1 << 20


def sniff(head: bytes) -> bool:
    """UTF-8 text with no control bytes other than tabs, newlines and form feeds (page breaks)."""
    if not head or b"\0" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # only a character cut at the end of the head is fine
            return False
        text = head[: exc.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\t\n\r\f" for ch in text)


def read(path: Path, options: ReadOptions) -> Document:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ReadError("the text file is larger than a bill can be", hint="drop the bill itself")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError("the text file is not UTF-8", hint="save it as UTF-8") from exc
    chunks = text.split("\f")
    pages = [Page(number=i + 1, text=t, layout_text=t) for i, t in enumerate(chunks[: options.max_pages])]
    doc = Document(pages=pages, kind="text", page_count=len(chunks))
    if len(chunks) > options.max_pages:
        doc.warnings.append(f"only the first {options.max_pages} of {len(chunks)} pages were read")
    return doc
