"""The job-store seam: durable jobs, leases, results and the event log.

Contract
--------
A ``JobStore`` is safe to use from several threads and processes at once (each process
opens its own). Every method is atomic: it either happened (and survives a crash or power
loss once it returned) or it did not. Methods raise ``StoreError`` (retryable) when the
database is busy beyond the busy timeout, full or read-only; never a raw driver error.

Identity: a job's key is ``sha256:<hex>`` of the file's bytes. ``enqueue`` of known bytes
creates nothing and records a ``duplicate`` event.

Claims: ``claim(owner)`` picks the oldest claimable job (PENDING, FAILED whose backoff has
passed, or RUNNING whose lease expired), rotating across tenants so one account's backlog
cannot starve others, sets it RUNNING with a fresh ``lease_token`` and returns a ``Claim``.
Every later write for that attempt (``heartbeat``, ``complete``, ``fail``) passes the
token; a token that is no longer current (the lease expired and someone else claimed the
job) makes the write a no-op returning False: a stale worker cannot overwrite a newer
result.

Status changes go through ``minimeter.store.lifecycle.check``; nothing else writes ``status``.
Both engines share one implementation of the writes (``minimeter.store.writes``) and of the
reads (``minimeter.store.reads``); the next status after a failure, a result, an expired lease
or a review is decided by ``minimeter.store.lifecycle`` alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from minimeter.schema import BillNormalized, ExtractionResult


@dataclass(frozen=True)
class Job:
    id: int
    sha256: str
    original_name: str
    ext: str
    size: int
    archive_path: str
    status: str
    attempts: int
    max_attempts: int
    next_attempt_at: str | None
    lease_owner: str | None
    lease_expires_at: str | None
    extractor: str | None
    provider: str | None
    tenant: str | None
    current_bill_id: int | None
    last_error: str | None
    created_at: str
    updated_at: str
    finished_at: str | None


@dataclass(frozen=True)
class Claim:
    job: Job
    token: str


@dataclass(frozen=True)
class BillVersion:
    id: int
    job_id: int
    version: int
    is_current: bool
    source: str
    status: str
    reviewer: str | None
    result: ExtractionResult
    created_at: str


@dataclass(frozen=True)
class Event:
    id: int
    job_id: int | None
    at: str
    kind: str
    from_status: str | None
    to_status: str | None
    message: str | None
    data: dict[str, Any] | None


@dataclass(frozen=True)
class OutboxRow:
    seq: int
    bill_id: int
    job_id: int


class JobStore(Protocol):
    # --- intake ------------------------------------------------------------------
    def enqueue(
        self, sha256: str, original_name: str, size: int, archive_path: str, ext: str = "", *,
        force: bool = False, tenant: str | None = None, refused: str | None = None,
    ) -> tuple[Job, bool]:
        """Create a PENDING job for these bytes, or record a duplicate. Returns (job, created).

        ``force`` puts an existing job back to PENDING (attempts reset); its earlier bill
        versions stay as history and ``created`` is True. ``tenant`` is the fairness key
        (the inbox sub-folder, e.g. a customer). ``refused`` (intake found content no reader
        takes; nothing was archived, ``archive_path`` is "") creates the job FAILED with that
        one-line reason and no ``next_attempt_at``, so no worker ever claims it; for known bytes
        it is ignored (a duplicate is recorded).
        """
        ...

    # --- work --------------------------------------------------------------------
    def claim(self, owner: str) -> Claim | None: ...
    def heartbeat(self, claim: Claim) -> bool: ...
    def complete(self, claim: Claim, result: ExtractionResult) -> bool:
        """Store ``result`` as the job's new current bill version, move the job to
        ``result.status`` and append it to the outbox, in one transaction."""
        ...

    def fail(self, claim: Claim, error: str, *, retryable: bool = True) -> bool:
        """Record a failed attempt (``error`` cut to its first line).

        ``retryable`` True: FAILED with backoff (claimable again once ``next_attempt_at``
        passes), or DEAD when the attempts are used up. ``retryable`` False (a corrupt or
        encrypted file will not get better): FAILED with no ``next_attempt_at``, so it is
        never retried automatically; a person decides (``retry`` or ``discard``).
        """
        ...

    def release(self, claim: Claim) -> bool:
        """Give a claimed job back untouched (graceful shutdown): PENDING, attempt not counted."""
        ...

    def wait_for_work(self, timeout: float) -> bool:
        """Block until another connection may have made work claimable (True) or ``timeout``
        seconds passed (False).

        A hint, never a promise: True may be spurious (any commit by another worker counts)
        and False does not mean the queue is empty (a FAILED job's backoff ends silently), so
        callers always ``claim`` afterwards. Changes made between the caller's last ``claim``
        (or wait) and this call end the wait at once. Postgres LISTENs for a NOTIFY; SQLite
        polls ``PRAGMA data_version``. Raises ``StoreError`` like any other method.
        """
        ...

    # --- people ------------------------------------------------------------------
    def retry(self, job_id: int, *, by: str = "user") -> Job:
        """Put a FAILED, DEAD, NEEDS_REVIEW or DISCARDED job back to PENDING now."""
        ...

    def review(self, job_id: int, bill: BillNormalized, *, reviewer: str, approve: bool, note: str = "",
               result: ExtractionResult | None = None) -> Job:
        """Store a human version of the bill; approve -> SUCCEEDED, else NEEDS_REVIEW.

        The new version copies ``result`` (or else the job's current version) for its
        extractor, issues and evidence, with ``bill`` and the new status put in. It becomes
        the current version and goes to the outbox. Raises ``lifecycle.IllegalTransition`` (writing
        nothing) when the job's status does not allow a review.
        """
        ...

    def discard(self, job_id: int, *, by: str, reason: str) -> Job: ...

    # --- reading -----------------------------------------------------------------
    def get_job(self, job_id: int) -> Job | None: ...
    def find_job(self, ref: str) -> Job | None:
        """By id, ``sha256:<hex>`` or a unique hex prefix of at least 6 characters."""
        ...

    def job_by_sha(self, sha256: str) -> Job | None: ...
    def list_jobs(
        self, status: str | None = None, *, limit: int = 200, offset: int = 0, search: str | None = None
    ) -> list[Job]: ...
    def counts(self) -> dict[str, int]: ...
    def current_bill(self, job_id: int) -> BillVersion | None: ...
    def bill_versions(self, job_id: int) -> list[BillVersion]: ...
    def events(self, job_id: int | None = None, *, limit: int = 500) -> list[Event]: ...

    # --- caches ------------------------------------------------------------------
    def cache_get(self, key: str) -> ExtractionResult | None: ...
    def cache_put(self, key: str, sha256: str, result: ExtractionResult) -> None: ...
    def cache_drop(self, sha256: str) -> None:
        """Forget every cached extraction of these bytes (all extractors), e.g. for ``--force``.
        Parsed documents (``save_document``) are kept: parsing the same bytes again gives the same text."""
        ...

    def save_document(self, sha256: str, doc_json: str, kind: str, page_count: int) -> None: ...
    def load_document(self, sha256: str) -> str | None: ...

    # --- sync --------------------------------------------------------------------
    def outbox_after(self, seq: int, limit: int = 500) -> list[OutboxRow]: ...
    def outbox_max(self) -> int: ...
    def watermark(self, target: str) -> int: ...
    def set_watermark(self, target: str, seq: int, error: str | None = None) -> None: ...
    def bill_by_id(self, bill_id: int) -> BillVersion | None: ...
    def sync_state(self) -> list[dict[str, Any]]:
        """One dict per sync target, ordered by target: at least ``target``, ``watermark``
        and ``last_error`` (None after a clean run)."""
        ...

    def iter_current_bills(self) -> Iterator[BillVersion]: ...

    def log_event(self, job_id: int | None, kind: str, message: str, data: dict[str, Any] | None = None) -> None: ...
    def close(self) -> None: ...
