"""Cloud Storage target: archived originals, stored under their content hash, for audit.

Object name: ``<prefix><sha256 hex>.<ext>`` (prefix default ``originals/``). An object that
already exists with the same hash (its ``sha256`` metadata, or the MD5 of the local file) is
skipped, so a rerun after a crash uploads nothing twice, and a corrected bill (same original)
uploads nothing at all. Correctness does not rest on generation preconditions (the emulator
ignores them): the name is the hash, so the only possible "conflict" is the same bytes.

Before upload the local file's SHA-256 is checked against the job's hash, so a damaged
archive copy is never published as the original; the upload itself is MD5-verified by the
client. A missing or damaged local original is reported as a warning (the rest of the batch
still goes; a person must restore the file and rerun with ``--since``).

Layout templates go beside the originals: ``<templates_prefix><data folder id>/<template id>.toml``
(prefix default ``templates/``), the TOML file as the data folder keeps it, skipped when the object
already holds the same content (its ``sha256`` metadata). Each data folder writes under its own id, so
its counters (bills read, fields confirmed) are never overwritten by another's.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import mimetypes
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ConfigError, IntakeError, MinimeterError, OfflineError, SyncError
from minimeter.sync.base import Batch, SyncItem
from minimeter.sync.bigquery import is_loopback

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.sync.templates import TemplateFile

log = logging.getLogger("minimeter.sync")
_THREADS = 8
_TIMEOUT = 60.0


def _digests(path: Path) -> tuple[str, str]:
    """``(sha256:<hex>, base64 md5)`` of a file, in one read."""
    sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            sha.update(chunk)
            md5.update(chunk)
    return "sha256:" + sha.hexdigest(), base64.b64encode(md5.digest()).decode()


class GcsTarget:
    name = "gcs"
    summary = "archived originals into a Cloud Storage bucket (sync.gcs.bucket)"

    @staticmethod
    def configured(settings: Settings) -> bool:
        return bool(settings.sync.gcs.bucket)

    # --- originals for workers on other machines (the hook of minimeter.intake.shared) --------
    @staticmethod
    def original_location(settings: Settings, file_name: str) -> str:
        return f"gs://{settings.sync.gcs.bucket}/{settings.sync.gcs.prefix}{file_name}"

    @staticmethod
    def fetch_original(settings: Settings, file_name: str) -> bytes | None:
        """The bytes of the uploaded original ``<hex>.<ext>``; None when the bucket has no such object."""
        from google.api_core import exceptions as gexc

        target = GcsTarget(settings)
        name = f"{target.prefix}{file_name}"
        try:
            return bytes(target.bucket.blob(name).download_as_bytes())
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

    def __init__(self, settings: Settings) -> None:
        self.cfg = settings.sync.gcs
        if not self.cfg.bucket:
            raise ConfigError(
                "Cloud Storage is not configured",
                hint="set sync.gcs.bucket in config.toml or MINIMETER_SYNC__GCS__BUCKET",
            )
        self.bucket_name: str = self.cfg.bucket
        self.prefix = self.cfg.prefix
        self.warnings: list[str] = []
        self._client: Any = None
        self._bucket: Any = None

    @property
    def bucket(self) -> Any:
        if self._bucket is None:
            from google.auth.exceptions import DefaultCredentialsError
            from google.cloud import storage  # type: ignore[attr-defined]

            kwargs: dict[str, Any] = {"project": self.cfg.project}
            endpoint = self.cfg.endpoint or None
            if endpoint:
                kwargs["client_options"] = {"api_endpoint": endpoint}
            if is_loopback(endpoint) or is_loopback(os.environ.get("STORAGE_EMULATOR_HOST")):
                from google.auth.credentials import AnonymousCredentials

                kwargs["credentials"] = AnonymousCredentials()  # type: ignore[no-untyped-call]  # google-auth is untyped
                kwargs["project"] = self.cfg.project or "minimeter-local"
            try:
                self._client = storage.Client(**kwargs)
            except DefaultCredentialsError as exc:
                raise ConfigError(
                    "no Google credentials for Cloud Storage",
                    hint="run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS",
                ) from exc
            self._bucket = self._client.bucket(self.bucket_name)
        return self._bucket

    def object_name(self, item: SyncItem) -> str:
        hexd = item.key.removeprefix("sha256:")
        ext = item.job.ext or item.original.suffix.lstrip(".") or "bin"
        return f"{self.prefix}{hexd}.{ext}"

    def _error(self, exc: Exception, doing: str) -> MinimeterError:
        import requests
        from google.api_core import exceptions as gexc
        from google.auth import exceptions as aexc

        if isinstance(exc, MinimeterError):
            return exc
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:240]
        if isinstance(exc, aexc.GoogleAuthError):
            return ConfigError(
                f"Cloud Storage credentials were refused: {first}",
                hint="check Application Default Credentials",
            )
        if isinstance(exc, (gexc.Forbidden, gexc.Unauthorized)):
            return ConfigError(
                f"Cloud Storage refused to {doing}: {first}",
                hint=f"grant the account Storage Object Admin on gs://{self.bucket_name}",
            )
        cause = exc.__cause__ if isinstance(exc, gexc.RetryError) else exc
        if isinstance(exc, gexc.RetryError) or isinstance(
            cause,
            (
                requests.ConnectionError,
                requests.Timeout,
                gexc.ServiceUnavailable,
                ConnectionError,
                TimeoutError,
            ),
        ):
            where = self.cfg.endpoint or os.environ.get("STORAGE_EMULATOR_HOST") or "storage.googleapis.com"
            return OfflineError(
                f"Cloud Storage ({where}) does not answer",
                hint="check the network",
            )
        return SyncError(
            f"Cloud Storage failed to {doing}: {first}",
            hint="run `minimeter sync` again later; if it persists, see the log",
        )

    # --- contract ---------------------------------------------------------------------
    def check(self) -> None:
        try:
            exists = self.bucket.exists(timeout=15, retry=None)
        except Exception as exc:
            raise self._error(exc, "answer") from exc
        if not exists:
            raise ConfigError(
                f"the bucket gs://{self.bucket_name} does not exist",
                hint="create it with gcloud storage buckets create or fix sync.gcs.bucket",
            )

    def prepare(self) -> None:
        """Nothing to create: the bucket is the administrator's (its location and retention are policy)."""

    def push(self, batch: Batch) -> int:
        self.warnings = []
        seen: dict[str, SyncItem] = {}
        for item in batch.items:
            seen.setdefault(self.object_name(item), item)
        try:
            with ThreadPoolExecutor(max_workers=_THREADS) as pool:
                results = list(pool.map(lambda kv: self._upload(*kv), seen.items()))
        except Exception as exc:
            raise self._error(exc, "upload an original") from exc
        self.warnings = [r for r in results if isinstance(r, str)]
        return sum(1 for r in results if r is True)

    def _upload(self, name: str, item: SyncItem) -> bool | str:
        """True: uploaded; False: already there; str: a warning (nothing uploaded)."""
        path = item.original
        try:
            sha, md5 = _digests(path)
        except OSError:
            return f"original of job {item.job.id} is missing from the archive ({path.name}); not uploaded"
        if sha != item.key:
            return f"original of job {item.job.id} no longer matches its hash; not uploaded"
        existing = self.bucket.get_blob(name, timeout=_TIMEOUT)
        if existing is not None and ((existing.metadata or {}).get("sha256") == sha or existing.md5_hash == md5):
            return False
        blob = self.bucket.blob(name)
        blob.metadata = {"sha256": sha}
        blob.upload_from_filename(
            str(path),
            content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            checksum="md5",
            timeout=_TIMEOUT,
        )
        return True

    def push_templates(self, folder: str, files: list[TemplateFile]) -> int:
        """Each layout template as ``<templates_prefix><folder>/<id>.toml``, the TOML file itself; one already
        there with the same content is skipped. Returns how many were uploaded."""
        try:
            return sum(1 for f in files if self._upload_template(folder, f))
        except Exception as exc:
            raise self._error(exc, "upload a template") from exc

    def template_name(self, folder: str, f: TemplateFile) -> str:
        return f"{self.cfg.templates_prefix}{folder}/{f.name}"

    def _upload_template(self, folder: str, f: TemplateFile) -> bool:
        name = self.template_name(folder, f)
        existing = self.bucket.get_blob(name, timeout=_TIMEOUT)
        if existing is not None and (existing.metadata or {}).get("sha256") == f.sha256:
            return False
        blob = self.bucket.blob(name)
        blob.metadata = {"sha256": f.sha256, "template": f.id, "folder": folder}
        blob.upload_from_string(f.data, content_type="application/toml", checksum="md5", timeout=_TIMEOUT)
        return True

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = self._bucket = None
