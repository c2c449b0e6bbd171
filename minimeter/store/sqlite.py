"""The embedded job store: one SQLite file in the data folder.

Durability: WAL with ``synchronous=FULL`` keeps every acknowledged commit through power loss;
every read-then-write runs under ``BEGIN IMMEDIATE`` so two processes never both think they
claimed a job; a busy timeout absorbs short lock waits, and anything longer surfaces as a
retryable ``StoreError``, never as a raw "database is locked". One connection per thread.

Idle workers poll ``PRAGMA data_version`` (``wait_for_work``): it changes when any other
connection, in this process or another, commits, so a new job wakes them within
``WAIT_POLL_SECONDS`` without a notification channel.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import StoreError
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.store import lifecycle, migrations
from minimeter.store.base import BillVersion, Claim, Event, Job
from minimeter.store.lifecycle import Status
from minimeter.store.reads import StoreReads

if TYPE_CHECKING:
    from minimeter.settings import Settings

BUSY_TIMEOUT_MS = 30_000
WAIT_POLL_SECONDS = 0.1
_JOB_COLS = [f for f in Job.__dataclass_fields__]
_SCALARS = BillNormalized.scalar_fields()


def now_iso(offset_seconds: float = 0.0) -> str:
    t = datetime.now(UTC) + timedelta(seconds=offset_seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _text(v: Any) -> Any:
    """Decimals and dates as exact text; everything else as is."""
    if v is None or isinstance(v, (int, float, str)):
        return v
    return str(v.isoformat() if hasattr(v, "isoformat") else v)


def _read_only(path: Path) -> bool:
    """Whether the database (or the file system it lives on) cannot be written."""
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return path.exists() and not os.access(path, os.W_OK)


def _store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return StoreError("the database is busy (another MiniMeter is writing)", hint="try again in a moment")
    if "full" in msg:
        return StoreError("the disk is full; nothing was written", hint="free some space and run again")
    # A read-only file system shows up as "readonly", "unable to open" (WAL needs its -shm file)
    # or "disk I/O error" depending on the moment; say what it is, not what SQLite tripped on.
    if "readonly" in msg or "read-only" in msg or (
        ("unable to open" in msg or "i/o error" in msg) and _read_only(path)
    ):
        return StoreError(f"the database {path} is read-only; nothing was written",
                          hint="check the file's permissions and that its disk is mounted read-write")
    if "unable to open" in msg:
        return StoreError(f"cannot open the database {path}",
                          hint="check that the data folder exists and is writable (MINIMETER_HOME)")
    if "malformed" in msg or "not a database" in msg:
        return StoreError(f"the database {path} is damaged", hint="restore it from a backup", retryable=False)
    return StoreError(f"database error: {exc}", hint="try again; if it persists, report it")


class SQLiteStore(StoreReads):
    """``JobStore`` on SQLite. See ``minimeter.store.base`` for the contract."""

    def __init__(self, path: Path | str, settings: Settings | None = None, *, read_only: bool = False) -> None:
        """Open (creating and migrating) the database at ``path``.

        ``read_only``: for commands that only read. When the file exists but cannot be opened
        for writing (a read-only mount, another user's file), it is opened read-only instead
        (``immutable`` when even WAL's shared-memory file cannot be created there); any write
        then raises ``StoreError`` saying the database is read-only.
        """
        self.path = Path(path)
        self._uri: str | None = None
        self.max_attempts = settings.max_attempts if settings else 5
        self.lease_seconds = settings.lease_seconds if settings else 120.0
        self.backoff_base = settings.retry_backoff_seconds if settings else 10.0
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            conn = self._conn()
            migrations.apply(conn)
            self.path.chmod(0o600)
        except (sqlite3.Error, OSError) as exc:
            if read_only and self.path.is_file() and _read_only(self.path):
                self.close()
                self._open_read_only()
                return
            if isinstance(exc, sqlite3.Error):
                raise _store_error(exc, self.path) from exc
            raise StoreError(f"cannot open the database {self.path}: {exc.strerror}",
                             hint="check MINIMETER_HOME") from exc

    def _open_read_only(self) -> None:
        base = self.path.resolve().as_uri()
        last: sqlite3.Error | None = None
        for uri in (f"{base}?mode=ro", f"{base}?mode=ro&immutable=1"):
            self._uri = uri
            try:
                conn = self._conn()
                missing = migrations.pending(conn)
            except sqlite3.Error as exc:
                last = exc
                self.close()
                continue
            if missing:
                self.close()
                raise StoreError(f"the database {self.path} is read-only and was written by an older MiniMeter",
                                 hint="open it once with write access so it can be upgraded")
            return
        assert last is not None
        raise _store_error(last, self.path) from last

    # --- connections ------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            target = self._uri or self.path
            conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False, uri=self._uri is not None)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if self._uri is not None:  # read-only: the file is already in WAL mode; nothing to set
                conn.execute("PRAGMA query_only=ON")
                self._local.conn = conn
                with self._lock:
                    self._all.append(conn)
                return conn
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE (the write lock up front)."""
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _store_error(exc, self.path) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback(conn)
            raise _store_error(exc, self.path) from exc
        except BaseException:
            self._rollback(conn)
            raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        with suppress(sqlite3.Error):  # already rolled back by SQLite (e.g. SQLITE_FULL)
            conn.execute("ROLLBACK")

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _store_error(exc, self.path) from exc

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    # --- helpers ----------------------------------------------------------------------
    @staticmethod
    def _job(row: sqlite3.Row | None) -> Job | None:
        return Job(**{c: row[c] for c in _JOB_COLS}) if row is not None else None

    @staticmethod
    def _event_row(r: sqlite3.Row) -> Event:
        return Event(id=r["id"], job_id=r["job_id"], at=r["at"], kind=r["kind"], from_status=r["from_status"],
                     to_status=r["to_status"], message=r["message"], data=json.loads(r["data"]) if r["data"] else None)

    def _event(self, conn: sqlite3.Connection, job_id: int | None, kind: str, message: str = "",
               frm: str | None = None, to: str | None = None, data: dict[str, Any] | None = None) -> None:
        conn.execute(
            "INSERT INTO events(job_id, at, kind, from_status, to_status, message, data) VALUES (?,?,?,?,?,?,?)",
            (job_id, now_iso(), kind, frm, to, message, json.dumps(data) if data else None),
        )

    def _set_status(self, conn: sqlite3.Connection, job: Job, new: Status, message: str = "",
                    **cols: Any) -> None:
        lifecycle.check(job.status, new)
        ts = now_iso()
        cols = {"status": str(new), "updated_at": ts, **cols}
        if new in lifecycle.FINISHED:
            cols.setdefault("finished_at", ts)
        sets = ", ".join(f"{k} = ?" for k in cols)
        conn.execute(f"UPDATE jobs SET {sets} WHERE id = ?", (*cols.values(), job.id))
        if job.status != new or message:
            self._event(conn, job.id, "status", message, job.status, str(new))

    def _locked_job(self, conn: sqlite3.Connection, job_id: int) -> Job:
        job = self._job(conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone())
        if job is None:
            raise StoreError(f"no job {job_id}", hint="list jobs with `minimeter jobs`", retryable=False)
        return job

    def _claim_current(self, conn: sqlite3.Connection, claim: Claim) -> Job | None:
        row = conn.execute(
            "SELECT * FROM jobs WHERE id = ? AND lease_token = ? AND status = 'RUNNING'",
            (claim.job.id, claim.token),
        ).fetchone()
        return self._job(row)

    # --- intake -----------------------------------------------------------------------
    def enqueue(self, sha256: str, original_name: str, size: int, archive_path: str, ext: str = "", *,
                force: bool = False, tenant: str | None = None, refused: str | None = None) -> tuple[Job, bool]:
        # Names are metadata from the outside world: never let undecodable bytes fail a write.
        original_name = original_name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        with self._tx() as conn:
            existing = self._job(conn.execute("SELECT * FROM jobs WHERE sha256 = ?", (sha256,)).fetchone())
            if existing is not None:
                if force and existing.status not in (Status.PENDING, Status.RUNNING):
                    self._set_status(conn, existing, Status.PENDING, "reprocess requested (--force)",
                                     attempts=0, next_attempt_at=None, last_error=None, finished_at=None)
                    self._event(conn, existing.id, "force", f"reprocess as {original_name}")
                    return self._locked_job(conn, existing.id), True
                self._event(conn, existing.id, "duplicate", f"same bytes again as {original_name!r}",
                            data={"name": original_name})
                return existing, False
            ts = now_iso()
            status = Status.FAILED if refused else Status.PENDING
            cur = conn.execute(
                "INSERT INTO jobs(sha256, original_name, ext, size, archive_path, status, max_attempts, tenant,"
                " last_error, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (sha256, original_name, ext, size, archive_path, status, self.max_attempts, tenant, refused, ts, ts),
            )
            job_id = int(cur.lastrowid or 0)
            what = f"refused {original_name!r}: {refused}" if refused else f"received {original_name!r}"
            self._event(conn, job_id, "created", what, None, status)
            return self._locked_job(conn, job_id), True

    # --- work -------------------------------------------------------------------------
    _CLAIMABLE_SQL = """
        SELECT j.id FROM jobs j LEFT JOIN tenant_state t ON t.tenant = COALESCE(j.tenant, '')
        WHERE j.status = 'PENDING'
           OR (j.status = 'FAILED' AND j.next_attempt_at IS NOT NULL AND j.next_attempt_at <= :now)
           OR (j.status = 'RUNNING' AND j.lease_expires_at <= :now)
        ORDER BY COALESCE(t.last_claim_at, '') ASC, j.id ASC
        LIMIT 1
    """

    def claim(self, owner: str) -> Claim | None:
        while True:
            with self._tx() as conn:
                now = now_iso()
                row = conn.execute(self._CLAIMABLE_SQL, {"now": now}).fetchone()
                if row is None:
                    # What wait_for_work compares with: commits after this look are news.
                    self._local.seen_version = self._data_version(conn)
                    return None
                job = self._locked_job(conn, row["id"])
                if job.status == Status.RUNNING and job.attempts >= job.max_attempts:
                    # The worker died on this job every time: a poison file, not bad luck.
                    msg = f"a worker stopped while processing it {job.attempts} times"
                    self._set_status(conn, job, Status.DEAD, msg, last_error=msg, lease_owner=None,
                                     lease_token=None, lease_expires_at=None)
                    continue
                if job.status == Status.RUNNING:
                    self._event(conn, job.id, "lease_expired", f"lease of {job.lease_owner} expired; reclaimed")
                token = uuid.uuid4().hex
                self._set_status(
                    conn, job, Status.RUNNING, f"claimed by {owner}", attempts=job.attempts + 1,
                    lease_owner=owner, lease_token=token, lease_expires_at=now_iso(self.lease_seconds),
                    next_attempt_at=None,
                )
                conn.execute(
                    "INSERT INTO tenant_state(tenant, last_claim_at) VALUES (?, ?) "
                    "ON CONFLICT(tenant) DO UPDATE SET last_claim_at = excluded.last_claim_at",
                    (job.tenant or "", now),
                )
                return Claim(job=self._locked_job(conn, job.id), token=token)

    def heartbeat(self, claim: Claim) -> bool:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE jobs SET lease_expires_at = ?, updated_at = ? "
                "WHERE id = ? AND lease_token = ? AND status = 'RUNNING'",
                (now_iso(self.lease_seconds), now_iso(), claim.job.id, claim.token),
            )
            return cur.rowcount == 1

    def complete(self, claim: Claim, result: ExtractionResult) -> bool:
        with self._tx() as conn:
            job = self._claim_current(conn, claim)
            if job is None:
                self._event(conn, claim.job.id, "stale_result", "a result from an expired lease was dropped")
                return False
            bill_id = self._insert_bill(conn, job, result, source="machine", reviewer=None)
            status = Status(result.status)
            issues = "; ".join(result.issues)[:500] if status == Status.NEEDS_REVIEW else None
            self._set_status(conn, job, status, issues or "", current_bill_id=bill_id, provider=result.bill.provider,
                             extractor=result.extractor, last_error=issues, lease_owner=None, lease_token=None,
                             lease_expires_at=None)
            return True

    def fail(self, claim: Claim, error: str, *, retryable: bool = True) -> bool:
        error = error.splitlines()[0][:500] if error else "unknown error"
        with self._tx() as conn:
            job = self._claim_current(conn, claim)
            if job is None:
                self._event(conn, claim.job.id, "stale_result", f"a failure from an expired lease was dropped: {error}")
                return False
            self._event(conn, job.id, "error", error, data={"attempt": job.attempts, "retryable": retryable})
            clear = {"lease_owner": None, "lease_token": None, "lease_expires_at": None, "last_error": error}
            if retryable and job.attempts >= job.max_attempts:
                self._set_status(conn, job, Status.DEAD, f"failed {job.attempts} times: {error}", **clear)
            elif retryable:
                delay = lifecycle.backoff_seconds(job.attempts, self.backoff_base)
                self._set_status(conn, job, Status.FAILED, f"attempt {job.attempts} failed; retry in {delay:.0f} s",
                                 next_attempt_at=now_iso(delay), **clear)
            else:
                # Retrying a corrupt file cannot help: FAILED, no automatic retry, a person decides.
                self._set_status(conn, job, Status.FAILED, error, next_attempt_at=None, **clear)
            return True

    def release(self, claim: Claim) -> bool:
        with self._tx() as conn:
            job = self._claim_current(conn, claim)
            if job is None:
                return False
            self._set_status(conn, job, Status.PENDING, "released by a stopping worker",
                             attempts=max(0, job.attempts - 1), lease_owner=None, lease_token=None,
                             lease_expires_at=None)
            return True

    @staticmethod
    def _data_version(conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])

    def wait_for_work(self, timeout: float) -> bool:
        """See ``JobStore.wait_for_work``. Polls this thread's connection, whose own commits do
        not move ``data_version``; any other connection's commit (a new job, a retry, but also
        another worker's heartbeat) ends the wait."""
        deadline = time.monotonic() + max(0.0, timeout)
        try:
            conn = self._conn()
            seen = getattr(self._local, "seen_version", None)
            if seen is None:
                seen = self._data_version(conn)
            while True:
                version = self._data_version(conn)
                if version != seen:
                    self._local.seen_version = version
                    return True
                self._local.seen_version = version
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                time.sleep(min(WAIT_POLL_SECONDS, left))
        except sqlite3.Error as exc:
            raise _store_error(exc, self.path) from exc

    # --- people -----------------------------------------------------------------------
    def retry(self, job_id: int, *, by: str = "user") -> Job:
        with self._tx() as conn:
            job = self._locked_job(conn, job_id)
            if job.status in (Status.PENDING, Status.RUNNING):
                return job
            self._set_status(conn, job, Status.PENDING, f"retry requested by {by}", attempts=0, next_attempt_at=None,
                             finished_at=None)
            self._event(conn, job.id, "retry", f"retry requested by {by}")
            return self._locked_job(conn, job_id)

    def review(self, job_id: int, bill: BillNormalized, *, reviewer: str, approve: bool, note: str = "",
               result: ExtractionResult | None = None) -> Job:
        with self._tx() as conn:
            job = self._locked_job(conn, job_id)
            target = Status.SUCCEEDED if approve else Status.NEEDS_REVIEW
            lifecycle.check_review(job.status, target)  # before any write
            base = self._bill_row_result(conn, job.current_bill_id)
            new = (result or base or ExtractionResult(bill=bill, extractor="human")).model_copy(
                update={"bill": bill, "status": "SUCCEEDED" if approve else "NEEDS_REVIEW"}
            )
            bill_id = self._insert_bill(conn, job, new, source="review", reviewer=reviewer)
            self._set_status(conn, job, target, f"{'approved' if approve else 'corrected'} by {reviewer}",
                             current_bill_id=bill_id, provider=bill.provider, last_error=None)
            self._event(conn, job.id, "review", note or ("approved" if approve else "corrected"),
                        data={"reviewer": reviewer, "bill_id": bill_id, "approve": approve})
            return self._locked_job(conn, job_id)

    def discard(self, job_id: int, *, by: str, reason: str) -> Job:
        with self._tx() as conn:
            job = self._locked_job(conn, job_id)
            self._set_status(conn, job, Status.DISCARDED, f"discarded by {by}: {reason}")
            return self._locked_job(conn, job_id)

    # --- bills ------------------------------------------------------------------------
    def _insert_bill(self, conn: sqlite3.Connection, job: Job, result: ExtractionResult, *, source: str,
                     reviewer: str | None) -> int:
        bill = result.bill
        version = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM bills WHERE job_id = ?",
                               (job.id,)).fetchone()[0]
        conn.execute("UPDATE bills SET is_current = 0 WHERE job_id = ? AND is_current = 1", (job.id,))
        confidences = [e.confidence for e in result.evidence.values()]
        cols: dict[str, Any] = {
            "job_id": job.id, "version": version, "is_current": 1, "source": source, "status": result.status,
            "extractor": result.extractor, "model_sha256": result.model_sha256,
            "prompt_version": result.prompt_version, "reviewer": reviewer,
            "confidence": min(confidences) if confidences else None,
            "data": bill.model_dump_json(),
            "evidence": json.dumps({k: v.model_dump(mode="json") for k, v in result.evidence.items()}),
            "checks": json.dumps([c.model_dump(mode="json") for c in result.checks]),
            "issues": json.dumps(result.issues), "tokens_prompt": result.tokens_prompt,
            "tokens_completion": result.tokens_completion, "timings": json.dumps(result.timings),
            "created_at": now_iso(),
        }
        for name in _SCALARS:
            cols[name] = _text(getattr(bill, name))
        cur = conn.execute(
            f"INSERT INTO bills({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", tuple(cols.values())
        )
        bill_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO meters(bill_id, idx, number, commodity, prior_read, present_read, multiplier, usage, unit)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(bill_id, i, m.number, _text(m.commodity), _text(m.prior_read), _text(m.present_read),
              _text(m.multiplier), _text(m.usage), m.unit) for i, m in enumerate(bill.meters)],
        )
        conn.executemany(
            "INSERT INTO line_items(bill_id, idx, description, amount, category, quantity, unit, rate)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(bill_id, i, li.description, _text(li.amount), _text(li.category), _text(li.quantity), li.unit,
              _text(li.rate)) for i, li in enumerate(bill.line_items)],
        )
        conn.execute("INSERT INTO outbox(bill_id, job_id, created_at) VALUES (?,?,?)", (bill_id, job.id, now_iso()))
        return bill_id

    @staticmethod
    def _result_from_row(row: sqlite3.Row) -> ExtractionResult:
        return ExtractionResult.model_validate(
            {
                "bill": json.loads(row["data"]), "evidence": json.loads(row["evidence"]),
                "checks": json.loads(row["checks"]), "status": row["status"], "issues": json.loads(row["issues"]),
                "extractor": row["extractor"] or "unknown", "model_sha256": row["model_sha256"],
                "prompt_version": row["prompt_version"], "tokens_prompt": row["tokens_prompt"],
                "tokens_completion": row["tokens_completion"], "timings": json.loads(row["timings"]),
            }
        )

    def _bill_row_result(self, conn: sqlite3.Connection, bill_id: int | None) -> ExtractionResult | None:
        if bill_id is None:
            return None
        row = conn.execute("SELECT * FROM bills WHERE id = ?", (bill_id,)).fetchone()
        return self._result_from_row(row) if row else None

    def _version(self, row: sqlite3.Row) -> BillVersion:
        return BillVersion(id=row["id"], job_id=row["job_id"], version=row["version"],
                           is_current=bool(row["is_current"]),
                           source=row["source"], status=row["status"], reviewer=row["reviewer"],
                           result=self._result_from_row(row), created_at=row["created_at"])

    # --- reading (the rest is StoreReads) -----------------------------------------------
    def list_jobs(self, status: str | None = None, *, limit: int = 200, offset: int = 0,
                  search: str | None = None) -> list[Job]:
        where, params = [], []
        if status:
            statuses = [s.strip().upper() for s in status.split(",")]
            where.append(f"j.status IN ({','.join('?' * len(statuses))})")
            params += statuses
        if search:
            where.append("(j.original_name LIKE ? OR j.provider LIKE ? OR b.account_number LIKE ?)")
            params += [f"%{search}%"] * 3
        sql = "SELECT j.* FROM jobs j LEFT JOIN bills b ON b.id = j.current_bill_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY j.id DESC LIMIT ? OFFSET ?"
        return [j for r in self._read(sql, (*params, limit, offset)) if (j := self._job(r))]

    def log_event(self, job_id: int | None, kind: str, message: str, data: dict[str, Any] | None = None) -> None:
        with self._tx() as conn:
            self._event(conn, job_id, kind, message, data=data)

    # --- caches -----------------------------------------------------------------------
    def cache_put(self, key: str, sha256: str, result: ExtractionResult) -> None:
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO extraction_cache(key, sha256, result, created_at) VALUES (?,?,?,?)",
                         (key, sha256, result.model_dump_json(), now_iso()))

    def cache_drop(self, sha256: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM extraction_cache WHERE sha256 = ?", (sha256,))

    def save_document(self, sha256: str, doc_json: str, kind: str, page_count: int) -> None:
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO documents(sha256, kind, page_count, pages, created_at) "
                         "VALUES (?,?,?,?,?)", (sha256, kind, page_count, doc_json, now_iso()))

    # --- sync -------------------------------------------------------------------------
    def set_watermark(self, target: str, seq: int, error: str | None = None) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO sync_state(target, watermark, updated_at, last_error) VALUES (?,?,?,?) "
                "ON CONFLICT(target) DO UPDATE SET watermark = MAX(watermark, excluded.watermark), "
                "updated_at = excluded.updated_at, last_error = excluded.last_error",
                (target, seq, now_iso(), error),
            )

    def sync_state(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._read("SELECT * FROM sync_state ORDER BY target")]
