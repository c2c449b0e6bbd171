"""One sha256 of a file for jobs, the archive, the extraction cache and model checksums."""

from __future__ import annotations

import hashlib
from pathlib import Path

from minimeter import models
from minimeter.hashing import HASH_PREFIX, file_digest
from minimeter.intake.archive import archive_file, archive_path, hash_file


def test_digest_matches_hashlib_across_chunk_boundaries(tmp_path: Path) -> None:
    for size in (0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 7):
        data = bytes(i % 251 for i in range(size))
        p = tmp_path / f"f{size}"
        p.write_bytes(data)
        d = file_digest(p)
        assert d.hex == hashlib.sha256(data).hexdigest() and d.size == size
        assert d.ref == HASH_PREFIX + d.hex


def test_intake_archive_and_models_agree(tmp_path: Path) -> None:
    src = tmp_path / "bill.pdf"
    src.write_bytes(b"%PDF-1.4 some bill bytes")
    d = file_digest(src)
    assert hash_file(src) == (d.ref, d.size)  # intake: the job's identity, with the visible prefix
    archived = archive_file(src, tmp_path / "archive")
    assert archived.sha256 == d.ref and archived.path == archive_path(tmp_path / "archive", d.ref, "pdf")
    assert models.file_sha256(src, None) == d.hex  # model catalogs publish the bare hex
