"""The writing half of the job store, written once for both engines.

Contract
--------
``StoreWrites`` implements every ``JobStore`` method that writes (intake, claims and their
outcomes, people's decisions, the event log, caches and sync watermarks). What a job's next
status is comes from ``minimeter.store.lifecycle``; this module only writes the answer, and
every status write passes ``lifecycle.check``. The engine (its subclass) provides:

- ``_tx()``: a context manager for one write transaction, yielding a handle ``tx`` with
  ``execute(sql, params)`` (a cursor with ``fetchall()`` and ``rowcount``) and
  ``executemany(sql, rows)``. It commits when the block ends, rolls back when it raises, and
  turns driver errors into ``StoreError``.
- ``_write(sql, params, durable=True) -> rowcount``: one statement, atomic on its own;
  ``durable=False`` may skip the wait for the disk (caches a crash may lose harmlessly).
- ``LOCK``: appended to a ``SELECT`` of job rows to lock them until commit (``FOR UPDATE``), or
  empty where the transaction holds the write lock from its start (SQLite's ``BEGIN IMMEDIATE``).
- ``JSON``: the placeholder for a JSON column (``?`` or ``?::jsonb``).
- ``_now_sql(seconds, clock)``: the database's "now" plus ``seconds`` as an SQL expression and
  its parameters (``clock``: the wall clock rather than the transaction's start, where the
  engine tells them apart). Values that are times are written as ``Now(seconds)``, so on
  Postgres every lease and backoff runs on the server's clock.
- ``_write_status(tx, job_id, sets, params, event)``: the ``UPDATE jobs SET <sets>`` of one
  status write plus, when ``event`` (from, to, message) is given, its status event; returns the
  updated ``Job``.
- ``_pick(tx)``: lock one claimable job (PENDING, FAILED whose backoff passed, RUNNING whose
  lease expired), least recently served tenant first -> ``(job, tenant key)``, or None.
- ``_served(tx, tenant)``: mark a tenant as just served (claim fairness); ``_new_tenant(tx,
  tenant)``: a job of this tenant was just queued.
- ``_outbox(tx, bill_id, job_id)``: append a bill version to the outbox, the transaction's
  last statement (Postgres orders commits there).
- ``_notify(tx)``: at commit, wake idle workers waiting in ``wait_for_work`` (or nothing, where
  waiters poll).

All SQL here is written with ``?`` placeholders (see ``StoreReads._sql``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from minimeter.errors import StoreError
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.store import lifecycle
from minimeter.store.base import Claim, Job
from minimeter.store.lifecycle import Status
from minimeter.store.reads import StoreReads, result_from_row

if TYPE_CHECKING:
    from minimeter.settings import Settings

_SCALARS = BillNormalized.scalar_fields()
_NO_LEASE: dict[str, Any] = {"lease_owner": None, "lease_token": None, "lease_expires_at": None}


class Tx(Protocol):
    """What a write transaction offers: sqlite3's connection and psycopg's cursor both fit."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...
    def executemany(self, sql: str, params: Any, /) -> Any: ...


@dataclass(frozen=True)
class Now:
    """A time value: the database's now plus ``seconds``, rendered by the engine."""

    seconds: float = 0.0
    clock: bool = False


@dataclass(frozen=True)
class Json:
    """A value for a JSON column (text), rendered with the engine's ``JSON`` placeholder."""

    text: str | None


def _text(v: Any) -> Any:
    """Decimals and dates as exact text; everything else as is."""
    if v is None or isinstance(v, (int, float, str)):
        return v
    return str(v.isoformat() if hasattr(v, "isoformat") else v)


class StoreWrites(StoreReads):
    LOCK: ClassVar[str] = ""
    JSON: ClassVar[str] = "?"
    max_attempts: int
    lease_seconds: float
    backoff_base: float

    # --- what the engine provides -----------------------------------------------------
    def _tx(self) -> AbstractContextManager[Tx]:
        raise NotImplementedError

    def _write(self, sql: str, params: tuple[Any, ...], *, durable: bool = True) -> int:
        raise NotImplementedError

    def _now_sql(self, seconds: float, clock: bool) -> tuple[str, tuple[Any, ...]]:
        raise NotImplementedError

    def _write_status(self, tx: Tx, job_id: int, sets: str, params: tuple[Any, ...],
                      event: tuple[str, str, str] | None) -> Job:
        raise NotImplementedError

    def _pick(self, tx: Tx) -> tuple[Job, str] | None:
        raise NotImplementedError

    def _served(self, tx: Tx, tenant: str) -> None:
        raise NotImplementedError

    def _new_tenant(self, tx: Tx, tenant: str) -> None:
        raise NotImplementedError

    def _outbox(self, tx: Tx, bill_id: int, job_id: int) -> None:
        raise NotImplementedError

    def _notify(self, tx: Tx) -> None:
        raise NotImplementedError

    # --- building blocks --------------------------------------------------------------
    def _policy(self, settings: Settings | None) -> None:
        """Attempts, lease and backoff from the settings (tests may change the attributes later)."""
        self.max_attempts = settings.max_attempts if settings else 5
        self.lease_seconds = settings.lease_seconds if settings else 120.0
        self.backoff_base = settings.retry_backoff_seconds if settings else 10.0

    def _exprs(self, values: list[Any]) -> tuple[list[str], tuple[Any, ...]]:
        """An SQL expression per value (``?``, the engine's now, a JSON placeholder) and the parameters."""
        exprs: list[str] = []
        params: list[Any] = []
        times: dict[Now, tuple[str, tuple[Any, ...]]] = {}  # one instant per statement
        for v in values:
            if isinstance(v, Now):
                expr, p = times.setdefault(v, self._now_sql(v.seconds, v.clock))
                exprs.append(expr)
                params += p
            elif isinstance(v, Json):
                exprs.append(self.JSON)
                params.append(v.text)
            else:
                exprs.append("?")
                params.append(v)
        return exprs, tuple(params)

    def _sets(self, cols: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
        exprs, params = self._exprs(list(cols.values()))
        return ", ".join(f"{k} = {e}" for k, e in zip(cols, exprs, strict=True)), params

    def _insert(self, tx: Tx, table: str, cols: Mapping[str, Any], returning: str = "") -> list[Any]:
        """Insert one row; with ``returning`` (e.g. ``ON CONFLICT ... RETURNING *``) the rows it returns."""
        exprs, params = self._exprs(list(cols.values()))
        cur = tx.execute(self._sql(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join(exprs)}) {returning}"),
                         params)
        return list(cur.fetchall()) if returning else []

    def _upsert(self, table: str, key: str, cols: Mapping[str, Any], *, keep_max: str = "",
                durable: bool = True) -> None:
        """Insert a row or overwrite the one with the same ``key``; ``keep_max``: a column that never goes down."""
        exprs, params = self._exprs(list(cols.values()))
        sets = [f"{c} = excluded.{c}" if c != keep_max else
                f"{c} = CASE WHEN excluded.{c} > {table}.{c} THEN excluded.{c} ELSE {table}.{c} END"
                for c in cols if c != key]
        self._write(self._sql(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join(exprs)}) "
                              f"ON CONFLICT ({key}) DO UPDATE SET {', '.join(sets)}"), params, durable=durable)

    def _event(self, tx: Tx, job_id: int | None, kind: str, message: str = "", frm: str | None = None,
               to: str | None = None, data: dict[str, Any] | None = None) -> None:
        self._insert(tx, "events", {"job_id": job_id, "at": Now(clock=True), "kind": kind, "from_status": frm,
                                    "to_status": to, "message": message,
                                    "data": Json(json.dumps(data) if data else None)})

    def _set_status(self, tx: Tx, job: Job, new: Status, message: str = "", **cols: Any) -> Job:
        """The one status write: checked by the lifecycle, with its event when something changed."""
        lifecycle.check(job.status, new)
        cols = {"status": str(new), "updated_at": Now(), **cols}
        if new in lifecycle.FINISHED:
            cols.setdefault("finished_at", Now())
        sets, params = self._sets(cols)
        event = (job.status, str(new), message) if job.status != new or message else None
        return self._write_status(tx, job.id, sets, params, event)

    def _locked_job(self, tx: Tx, job_id: int) -> Job:
        rows = tx.execute(self._sql(f"SELECT * FROM jobs WHERE id = ?{self.LOCK}"), (job_id,)).fetchall()
        job = self._job(rows[0]) if rows else None
        if job is None:
            raise StoreError(f"no job {job_id}", hint="list jobs with `minimeter jobs`", retryable=False)
        return job

    def _claim_current(self, tx: Tx, claim: Claim) -> Job | None:
        """The claimed job, locked, while ``claim`` is still its current lease; else None."""
        rows = tx.execute(self._sql(f"SELECT * FROM jobs WHERE id = ? AND lease_token = ? AND status = ?{self.LOCK}"),
                          (claim.job.id, claim.token, str(Status.RUNNING))).fetchall()
        return self._job(rows[0]) if rows else None

    # --- intake -----------------------------------------------------------------------
    def enqueue(self, sha256: str, original_name: str, size: int, archive_path: str, ext: str = "", *,
                force: bool = False, tenant: str | None = None, refused: str | None = None) -> tuple[Job, bool]:
        # Names are metadata from the outside world: never let undecodable bytes fail a write.
        original_name = original_name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        status = Status.FAILED if refused else Status.PENDING  # refused content: no worker ever claims it
        with self._tx() as tx:
            rows = self._insert(tx, "jobs", {
                "sha256": sha256, "original_name": original_name, "ext": ext, "size": size,
                "archive_path": archive_path, "status": str(status), "max_attempts": self.max_attempts,
                "tenant": tenant, "last_error": refused, "created_at": Now(), "updated_at": Now(),
            }, "ON CONFLICT (sha256) DO NOTHING RETURNING *")
            if rows and (job := self._job(rows[0])):
                self._new_tenant(tx, tenant or "")
                what = f"refused {original_name!r}: {refused}" if refused else f"received {original_name!r}"
                self._event(tx, job.id, "created", what, None, str(status))
                self._notify(tx)
                return job, True
            found = tx.execute(self._sql(f"SELECT * FROM jobs WHERE sha256 = ?{self.LOCK}"), (sha256,)).fetchall()
            existing = self._job(found[0])  # the conflicting row exists: rows are never deleted
            assert existing is not None
            target = lifecycle.requeue(existing.status) if force else None
            if target is not None:
                job = self._set_status(tx, existing, target, "reprocess requested (--force)", attempts=0,
                                       next_attempt_at=None, last_error=None, finished_at=None)
                self._event(tx, existing.id, "force", f"reprocess as {original_name}")
                self._notify(tx)
                return job, True
            self._event(tx, existing.id, "duplicate", f"same bytes again as {original_name!r}",
                        data={"name": original_name})
            return existing, False

    # --- work -------------------------------------------------------------------------
    def claim(self, owner: str) -> Claim | None:
        while True:
            with self._tx() as tx:
                picked = self._pick(tx)
                if picked is None:
                    return None
                job, tenant = picked
                if job.status == Status.RUNNING:
                    poison = lifecycle.after_lease_expired(attempts=job.attempts, max_attempts=job.max_attempts)
                    if poison is not None:
                        self._set_status(tx, job, poison.status, poison.message, last_error=poison.message,
                                         **_NO_LEASE)
                        continue  # committed; look for the next job
                    self._event(tx, job.id, "lease_expired", f"lease of {job.lease_owner} expired; reclaimed")
                token = uuid.uuid4().hex
                claimed = self._set_status(
                    tx, job, Status.RUNNING, f"claimed by {owner}", attempts=job.attempts + 1, lease_owner=owner,
                    lease_token=token, lease_expires_at=Now(self.lease_seconds), next_attempt_at=None,
                )
                self._served(tx, tenant)
                return Claim(job=claimed, token=token)

    def heartbeat(self, claim: Claim) -> bool:
        sets, params = self._sets({"lease_expires_at": Now(self.lease_seconds), "updated_at": Now()})
        return self._write(self._sql(f"UPDATE jobs SET {sets} WHERE id = ? AND lease_token = ? AND status = ?"),
                           (*params, claim.job.id, claim.token, str(Status.RUNNING))) == 1

    def complete(self, claim: Claim, result: ExtractionResult) -> bool:
        with self._tx() as tx:
            job = self._claim_current(tx, claim)
            if job is None:
                self._event(tx, claim.job.id, "stale_result", "a result from an expired lease was dropped")
                return False
            decision = lifecycle.after_result(result.status, result.issues)
            bill_id = self._insert_bill(tx, job, result, source="machine", reviewer=None)
            self._set_status(tx, job, decision.status, decision.message, current_bill_id=bill_id,
                             provider=result.bill.provider, extractor=result.extractor,
                             last_error=decision.message or None, **_NO_LEASE)
            self._outbox(tx, bill_id, job.id)
            return True

    def fail(self, claim: Claim, error: str, *, retryable: bool = True) -> bool:
        error = lifecycle.error_line(error)
        with self._tx() as tx:
            job = self._claim_current(tx, claim)
            if job is None:
                self._event(tx, claim.job.id, "stale_result", f"a failure from an expired lease was dropped: {error}")
                return False
            self._event(tx, job.id, "error", error, data={"attempt": job.attempts, "retryable": retryable})
            decision = lifecycle.after_failure(attempts=job.attempts, max_attempts=job.max_attempts, error=error,
                                               retryable=retryable, backoff_base=self.backoff_base)
            retry_at = Now(decision.retry_in) if decision.retry_in is not None else None
            self._set_status(tx, job, decision.status, decision.message, next_attempt_at=retry_at,
                             last_error=error, **_NO_LEASE)
            if retry_at is not None:
                self._notify(tx)  # idle workers recompute how long to wait
            return True

    def release(self, claim: Claim) -> bool:
        with self._tx() as tx:
            job = self._claim_current(tx, claim)
            if job is None:
                return False
            self._set_status(tx, job, Status.PENDING, "released by a stopping worker",
                             attempts=max(0, job.attempts - 1), **_NO_LEASE)
            self._notify(tx)
            return True

    # --- people -----------------------------------------------------------------------
    def retry(self, job_id: int, *, by: str = "user") -> Job:
        with self._tx() as tx:
            job = self._locked_job(tx, job_id)
            target = lifecycle.requeue(job.status)
            if target is None:
                return job
            back = self._set_status(tx, job, target, f"retry requested by {by}", attempts=0, next_attempt_at=None,
                                    finished_at=None)
            self._event(tx, job.id, "retry", f"retry requested by {by}")
            self._notify(tx)
            return back

    def review(self, job_id: int, bill: BillNormalized, *, reviewer: str, approve: bool, note: str = "",
               result: ExtractionResult | None = None) -> Job:
        with self._tx() as tx:
            job = self._locked_job(tx, job_id)
            target = lifecycle.check_review(job.status, lifecycle.after_review(approve=approve))  # before any write
            base = None
            if result is None and job.current_bill_id is not None:
                rows = tx.execute(self._sql("SELECT * FROM bills WHERE id = ?"), (job.current_bill_id,)).fetchall()
                base = result_from_row(rows[0]) if rows else None
            new = (result or base or ExtractionResult(bill=bill, extractor="human")).model_copy(
                update={"bill": bill, "status": str(target)})
            bill_id = self._insert_bill(tx, job, new, source="review", reviewer=reviewer)
            done = self._set_status(tx, job, target, f"{'approved' if approve else 'corrected'} by {reviewer}",
                                    current_bill_id=bill_id, provider=bill.provider, last_error=None)
            self._event(tx, job.id, "review", note or ("approved" if approve else "corrected"),
                        data={"reviewer": reviewer, "bill_id": bill_id, "approve": approve})
            self._outbox(tx, bill_id, job.id)
            return done

    def discard(self, job_id: int, *, by: str, reason: str) -> Job:
        with self._tx() as tx:
            job = self._locked_job(tx, job_id)
            return self._set_status(tx, job, Status.DISCARDED, f"discarded by {by}: {reason}")

    def log_event(self, job_id: int | None, kind: str, message: str, data: dict[str, Any] | None = None) -> None:
        with self._tx() as tx:
            self._event(tx, job_id, kind, message, data=data)

    # --- bills ------------------------------------------------------------------------
    def _insert_bill(self, tx: Tx, job: Job, result: ExtractionResult, *, source: str, reviewer: str | None) -> int:
        """A new current version of the job's bill with its meters and line items (not yet in the outbox)."""
        bill = result.bill
        # The job row is locked by the caller, so no other version of this job is being written.
        tx.execute(self._sql("UPDATE bills SET is_current = FALSE WHERE job_id = ? AND is_current = TRUE"), (job.id,))
        version = tx.execute(self._sql("SELECT COALESCE(MAX(version), 0) + 1 AS v FROM bills WHERE job_id = ?"),
                             (job.id,)).fetchall()[0]["v"]
        confidences = [e.confidence for e in result.evidence.values()]
        cols: dict[str, Any] = {
            "job_id": job.id, "version": version, "is_current": True, "source": source, "status": result.status,
            "extractor": result.extractor, "model_sha256": result.model_sha256,
            "prompt_version": result.prompt_version, "reviewer": reviewer,
            "confidence": min(confidences) if confidences else None,
            "data": Json(bill.model_dump_json()),
            "evidence": Json(json.dumps({k: v.model_dump(mode="json") for k, v in result.evidence.items()})),
            "checks": Json(json.dumps([c.model_dump(mode="json") for c in result.checks])),
            "issues": Json(json.dumps(result.issues)), "tokens_prompt": result.tokens_prompt,
            "tokens_completion": result.tokens_completion, "timings": Json(json.dumps(result.timings)),
            "created_at": Now(),
        }
        for name in _SCALARS:
            cols[name] = _text(getattr(bill, name))
        bill_id = int(self._insert(tx, "bills", cols, "RETURNING id")[0]["id"])
        if bill.meters:
            tx.executemany(self._sql(
                "INSERT INTO meters(bill_id, idx, number, commodity, prior_read, present_read, multiplier, usage, unit)"
                " VALUES (?,?,?,?,?,?,?,?,?)"),
                [(bill_id, i, m.number, _text(m.commodity), _text(m.prior_read), _text(m.present_read),
                  _text(m.multiplier), _text(m.usage), m.unit) for i, m in enumerate(bill.meters)])
        if bill.line_items:
            tx.executemany(self._sql(
                "INSERT INTO line_items(bill_id, idx, description, amount, category, quantity, unit, rate)"
                " VALUES (?,?,?,?,?,?,?,?)"),
                [(bill_id, i, li.description, _text(li.amount), _text(li.category), _text(li.quantity), li.unit,
                  _text(li.rate)) for i, li in enumerate(bill.line_items)])
        return bill_id

    # --- caches -----------------------------------------------------------------------
    def cache_put(self, key: str, sha256: str, result: ExtractionResult) -> None:
        self._upsert("extraction_cache", "key", {"key": key, "sha256": sha256, "result": result.model_dump_json(),
                                                 "created_at": Now()}, durable=False)

    def cache_drop(self, sha256: str) -> None:
        self._write(self._sql("DELETE FROM extraction_cache WHERE sha256 = ?"), (sha256,))

    def save_document(self, sha256: str, doc_json: str, kind: str, page_count: int) -> None:
        self._upsert("documents", "sha256", {"sha256": sha256, "kind": kind, "page_count": page_count,
                                             "pages": doc_json, "created_at": Now()}, durable=False)

    # --- sync -------------------------------------------------------------------------
    def set_watermark(self, target: str, seq: int, error: str | None = None) -> None:
        # keep_max: a late or repeated run of the target never moves its watermark back.
        self._upsert("sync_state", "target", {"target": target, "watermark": seq, "updated_at": Now(),
                                              "last_error": error}, keep_max="watermark")
