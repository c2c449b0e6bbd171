"""Shared originals: a worker on any machine finds a job's archived original by its hash.

Workers of a shared (Postgres) store may run on machines other than the one that took the
file in, so ``job.archive_path`` (a path on the intake machine) may mean nothing here. The
original is found, in order:

1. in this machine's archive, by hash: ``<archive_dir>/<2 hex>/<hex>.<ext>`` -- a shared folder
   (NFS, SMB, a mounted bucket) mounted as the archive on every machine, or a copy;
2. at the recorded ``job.archive_path`` (the same path mounted everywhere, or the intake machine);
3. in Cloud Storage, when ``sync.gcs.bucket`` is configured: the object ``<prefix><hex>.<ext>``
   (the name ``minimeter sync`` uses), downloaded into the local archive (verified against the
   hash, written atomically) so the next attempt finds it in step 1. ``minimeter sync`` uploads an
   original only once its bill exists; for remote extraction intake must upload it when archiving.

A file whose size differs from the job's is not the original (a half-copied or damaged file)
and is passed over. Nothing found: ``IntakeError`` with what was looked at.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import IntakeError, MinimeterError
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
    recorded = Path(job.archive_path)
    if _usable(recorded, job):
        return recorded
    looked = [str(by_hash), str(recorded)]
    if settings.sync.gcs.bucket:
        fetched = _from_gcs(job, settings, by_hash)
        if fetched is not None:
            return fetched
        looked.append(f"gs://{settings.sync.gcs.bucket}/{settings.sync.gcs.prefix}{by_hash.name}")
    raise IntakeError(
        f"the original of job {job.id} ({job.sha256[:19]}) is not on this machine: looked in {', '.join(looked)}",
        hint="mount the shared archive folder as MINIMETER_HOME/archive on every worker, "
             "or run `minimeter sync` to Cloud Storage on the intake machine",
    )


def _from_gcs(job: Job, settings: Settings, dest: Path) -> Path | None:
    """Download the original from the sync bucket into ``dest``; None when the object is absent."""
    from google.api_core import exceptions as gexc

    from minimeter.sync.gcs import GcsTarget

    target = GcsTarget(settings)
    name = f"{settings.sync.gcs.prefix}{dest.name}"
    try:
        data = target.bucket.blob(name).download_as_bytes()
    except gexc.NotFound:
        return None
    except MinimeterError:
        raise
    except Exception as exc:  # network, auth: the next attempt may succeed
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise IntakeError(f"cannot fetch the original {name} from Cloud Storage: {first}",
                          hint="check the network and the Cloud Storage credentials", retryable=True) from exc
    finally:
        target.close()
    if "sha256:" + hashlib.sha256(data).hexdigest() != job.sha256:
        raise IntakeError(f"the Cloud Storage object {name} does not match the job's hash",
                          hint="the bucket copy is damaged; restore the original from the intake machine")
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
