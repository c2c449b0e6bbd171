"""The one sha256 of a file: ``file_digest(path)`` -> ``Digest(hex, size)``.

Jobs, archive paths and the extraction cache name content ``sha256:<hex>`` (``Digest.ref``, the
visible prefix says which hash it is); model checksums are the bare hex the model catalogs publish
(``Digest.hex``). Both come from the same streaming read, so a file is hashed the same way
everywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

HASH_PREFIX = "sha256:"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Digest:
    hex: str
    """The bare lowercase hex digest (64 characters)."""
    size: int
    """Bytes read."""

    @property
    def ref(self) -> str:
        """``sha256:<hex>``: how jobs and the archive name content."""
        return HASH_PREFIX + self.hex


def file_digest(path: Path) -> Digest:
    """sha256 and size of the file's bytes, read in 1 MiB chunks (memory stays flat for any size).

    Raises OSError as ``open`` does (the caller says what it means for its stage)."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return Digest(h.hexdigest(), size)

