"""Shared originals: a worker on any machine finds a job's archived original by its hash.

Workers of a shared (Postgres) store may run on machines other than the one that took the
file in, so ``job.archive_path`` (a path on the intake machine) may mean nothing here. The
original is found, in order:

1. in this machine's archive, by hash: ``<archive_dir>/<2 hex>/<hex>.<ext>`` -- a shared folder
   (NFS, SMB, a mounted bucket) mounted as the archive on every machine, or a copy;
2. at the recorded ``job.archive_path`` (the same path mounted everywhere, or the intake machine);
3. from every configured sync target that keeps originals (the ``fetch_original`` hook of the
   sync-target seam, see ``minimeter.sync.base``; Cloud Storage provides it: the object
   ``<prefix><hex>.<ext>`` that ``minimeter sync`` uploads), downloaded into the local archive
   (verified against the hash, written atomically) so the next attempt finds it in step 1.
   ``minimeter sync`` uploads an original only once its bill exists; for remote extraction intake
   must upload it when archiving. Intake finds these targets through the plugin registry
   (``minimeter.plugins.sync_targets``), never by importing ``minimeter.sync``.

A file whose size differs from the job's is not the original (a half-copied or damaged file)
and is passed over. Nothing found: ``IntakeError`` with what was looked at.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from minimeter import plugins
from minimeter.errors import IntakeError
from minimeter.intake.archive import archive_path

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import Job


def _ext(job: Job) -> str:
    return job.ext or Path(job.archive_path).suffix.lstrip(".") or "bin"


def _usable(path: Path, job: Job) -> bool:
    try:
        return path.is_file() and path.stat().st_size == job.size
    except OSError:
        return False


def resolve_original(job: Job, settings: Settings) -> Path:
    """The local path of ``job``'s original bytes; raises ``IntakeError`` when it is nowhere."""
    by_hash = archive_path(settings.archive_dir, job.sha256, _ext(job))
    if _usable(by_hash, job):
        return by_hash
    if not job.archive_path:
        # Content refused at intake (not a bill) is never archived: there is nothing to find.
        raise IntakeError(f"job {job.id} has no original: intake refused its content and kept only its hash",
                          hint="drop the real bill (a PDF or an image) instead", retryable=False)
    recorded = Path(job.archive_path)
    if _usable(recorded, job):
        return recorded
    looked = [str(by_hash), str(recorded)]
    for source in original_sources(settings):
        data = source.fetch_original(settings, by_hash.name)
        if data is not None:
            return _keep(data, job, by_hash, source.original_location(settings, by_hash.name))
        looked.append(source.original_location(settings, by_hash.name))
    raise IntakeError(
        f"the original of job {job.id} ({job.sha256[:19]}) is not on this machine: looked in {', '.join(looked)}",
        hint="mount the shared archive folder as MINIMETER_HOME/archive on every worker, "
             "or run `minimeter sync` to Cloud Storage on the intake machine",
    )


class OriginalSource(Protocol):
    """A sync target that keeps originals (the optional hook of ``minimeter.sync.base``)."""

    def configured(self, settings: Settings) -> bool: ...
    def fetch_original(self, settings: Settings, file_name: str) -> bytes | None: ...
    def original_location(self, settings: Settings, file_name: str) -> str: ...


def original_sources(settings: Settings) -> list[OriginalSource]:
    """The configured sync targets that can hand back an original, by name."""
    out: list[OriginalSource] = []
    for target in plugins.sync_targets.load_all().values():
        if callable(getattr(target, "fetch_original", None)) and target.configured(settings):
            out.append(target)
    return out


def _keep(data: bytes, job: Job, dest: Path, where: str) -> Path:
    """Write fetched bytes into the archive at ``dest`` once they match the job's hash."""
    if "sha256:" + hashlib.sha256(data).hexdigest() != job.sha256:
        raise IntakeError(f"the copy at {where} does not match the job's hash",
                          hint="that copy is damaged; restore the original from the intake machine")
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".fetch-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o400)
        Path(tmp).replace(dest)  # atomic: a concurrent reader sees all of the file or none
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise IntakeError(f"cannot write the fetched original to {dest}: {exc.strerror}",
                          hint="check the archive folder's space and permissions", retryable=True) from exc
    return dest
