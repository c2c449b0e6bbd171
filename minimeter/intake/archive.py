"""Content-addressed archive of originals: ``archive/<first two hex>/<sha256 hex>.<ext>``.

The original's name is metadata only: nothing a file is called can steer where MiniMeter
writes. Files are written atomically (temp file, fsync, rename, fsync of the folder) and made
read-only, so an archived original is either complete or absent, never half-written.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from minimeter.errors import IntakeError
from minimeter.hashing import HASH_PREFIX, file_digest

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Archived:
    sha256: str
    path: Path
    size: int
    ext: str


def hash_file(path: Path) -> tuple[str, int]:
    """``(sha256:<hex>, size)`` of the file's bytes."""
    d = file_digest(path)
    return d.ref, d.size


def safe_ext(name: str, head: bytes = b"") -> str:
    """A short lowercase extension from the name, or from the content when the name has none."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if re.fullmatch(r"[a-z0-9]{1,8}", suffix):
        return suffix
    if head.startswith(b"%PDF"):
        return "pdf"
    return "bin"


def archive_path(archive_dir: Path, sha256: str, ext: str) -> Path:
    hexd = sha256.removeprefix(HASH_PREFIX)
    return archive_dir / hexd[:2] / f"{hexd}.{ext}"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def archive_file(src: Path, archive_dir: Path, expected_sha256: str | None = None) -> Archived:
    """Copy ``src`` into the archive, hashing while copying; return where it lives.

    ``expected_sha256`` (from an earlier hash of the same file) guards against a file that
    changed between hashing and copying: then IntakeError (retryable) is raised and nothing is kept.
    """
    try:
        with src.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        # Moved or deleted by its owner between hashing and copying: nothing to keep.
        raise IntakeError("the file vanished before it could be archived", retryable=False) from None
    except OSError as exc:
        raise IntakeError(f"cannot read the file: {exc.strerror}", hint="check its permissions",
                          retryable=True) from exc
    ext = safe_ext(src.name, head)
    archive_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = archive_dir / f".incoming-{os.getpid()}-{os.urandom(6).hex()}.tmp"
    h = hashlib.sha256()
    size = 0
    try:
        with src.open("rb") as fin, tmp.open("xb") as fout:
            tmp.chmod(0o600)
            while chunk := fin.read(_CHUNK):
                h.update(chunk)
                size += len(chunk)
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
        sha = HASH_PREFIX + h.hexdigest()
        if expected_sha256 is not None and sha != expected_sha256:
            raise IntakeError("the file changed while it was being read", hint="it will be taken when complete",
                              retryable=True)
        final = archive_path(archive_dir, sha, ext)
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if final.exists():
            tmp.unlink()
        else:
            tmp.chmod(0o400)
            tmp.replace(final)
            _fsync_dir(final.parent)
        return Archived(sha256=sha, path=final, size=size, ext=ext)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == 28:
            raise IntakeError("the disk is full; the file was not archived", hint="free some space",
                              retryable=True) from exc
        raise IntakeError(f"could not archive the file: {exc.strerror}", hint="check permissions of the data folder",
                          retryable=True) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
