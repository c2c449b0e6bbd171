"""Which reader takes a file: asked of every reader plugin by the file's first bytes.

Contract of a reader plugin
---------------------------
A reader is an entry point in the ``minimeter.readers`` group (see ``minimeter.plugins``; the
built-ins ``pdf`` -> ``minimeter.readers.pdf`` and ``image`` -> ``minimeter.readers.ocr`` are
declared the same way in MiniMeter's ``pyproject.toml``) whose object (a module is fine) has:

- ``sniff(head: bytes) -> bool``: can this reader read a file starting with ``head`` (the first
  ``HEAD_BYTES`` bytes, fewer for a short file)? Decided from the bytes alone, never the name;
  pure, fast and safe on hostile bytes: it runs in the intake process, outside the sandbox,
  to keep content no reader takes out of the archive. An exception counts as "no".
- ``read(path: Path, options: ReadOptions) -> Document``: the reader of ``minimeter.readers.base``;
  runs only inside the sandboxed child (``minimeter.readers.sandbox``), may raise only
  ``ReadError`` subclasses with a one-line reason.
- ``label`` (optional): what it reads, for the refusal message (``"a PDF"``, ``"an image"``).

Readers are asked in name order; the first whose ``sniff`` says yes reads the file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from minimeter import plugins
from minimeter.errors import ConfigError, ReadError

if TYPE_CHECKING:
    from minimeter.plugins import Registry
    from minimeter.readers.base import Document, ReadOptions

log = logging.getLogger(__name__)
HEAD_BYTES = 2048
EMPTY = "the file is empty (0 bytes)"


class Reader(Protocol):
    def sniff(self, head: bytes) -> bool: ...
    def read(self, path: Path, options: ReadOptions) -> Document: ...


REGISTRY = cast("Registry[Reader]", plugins.readers)
"""Built-ins and third-party readers alike, from the ``minimeter.readers`` entry points."""


def read_head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(HEAD_BYTES)


def reader_for(head: bytes) -> tuple[str, Reader] | None:
    """The first reader (by name) that takes content starting with ``head``, or None."""
    for name, reader in REGISTRY.load_all().items():
        try:
            if reader.sniff(head):
                return name, reader
        except Exception:  # a plugin's sniff must not break intake; it simply does not take the file
            log.warning("reader %s: sniff raised; treated as not recognised", name, exc_info=True)
    return None


def refusal(head: bytes) -> str | None:
    """Why no reader takes content starting with ``head`` (one line), or None when one does.
    Raises ``ConfigError`` (retryable) when no reader is installed at all."""
    readers = REGISTRY.load_all()
    if not readers:
        # Not the content's fault: refusing every file would fill failed/ with good bills.
        raise ConfigError("no reader is installed, so no file can be read",
                          hint="reinstall MiniMeter (pip install -e . in a checkout)", retryable=True)
    if not head:
        return EMPTY
    if reader_for(head) is not None:
        return None
    labels = sorted(str(getattr(r, "label", name)) for name, r in readers.items())
    return f"not {' or '.join(labels)} (no reader recognises its first bytes)"


def read_in_process(path: Path, options: ReadOptions) -> Document:
    """Read ``path`` with the reader its content picks (runs inside the sandboxed child)."""
    head = read_head(path)
    if not head:
        raise ReadError(EMPTY, hint="drop the complete file again")
    found = reader_for(head)
    if found is None:
        raise ReadError(refusal(head) or EMPTY, hint="drop PDF or image bills only")
    return found[1].read(path, options)
