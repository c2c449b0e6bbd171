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

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import StoreError
from minimeter.store import migrations
from minimeter.store.base import Job
from minimeter.store.lifecycle import Status
from minimeter.store.reads import TIME_FORMAT
from minimeter.store.writes import StoreWrites, Tx

if TYPE_CHECKING:
    from minimeter.settings import Settings

BUSY_TIMEOUT_MS = 30_000
WAIT_POLL_SECONDS = 0.1


def now_iso(offset_seconds: float = 0.0) -> str:
    t = datetime.now(UTC) + timedelta(seconds=offset_seconds)
    return t.strftime(TIME_FORMAT)


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


class SQLiteStore(StoreWrites):
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
        self._policy(settings)
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

    # --- the engine under StoreWrites ---------------------------------------------------
    def _write(self, sql: str, params: tuple[Any, ...], *, durable: bool = True) -> int:
        with self._tx() as conn:  # every commit is durable here (synchronous=FULL)
            return int(conn.execute(sql, params).rowcount)

    def _now_sql(self, seconds: float, clock: bool) -> tuple[str, tuple[Any, ...]]:
        # This process's clock, as text that sorts like time (SQLite has no time type).
        return "?", (now_iso(seconds),)

    def _write_status(self, tx: Tx, job_id: int, sets: str, params: tuple[Any, ...],
                      event: tuple[str, str, str] | None) -> Job:
        rows = tx.execute(f"UPDATE jobs SET {sets} WHERE id = ? RETURNING *", (*params, job_id)).fetchall()
        if event is not None:
            frm, to, message = event
            self._event(tx, job_id, "status", message, frm, to)
        job = self._job(rows[0])
        assert job is not None  # the caller read the row under this transaction's write lock
        return job

    # Claimable jobs, least recently served tenant first. BEGIN IMMEDIATE holds the write lock, so the
    # job picked here is nobody else's until commit.
    _CLAIMABLE_SQL = f"""
        SELECT j.* FROM jobs j LEFT JOIN tenant_state t ON t.tenant = COALESCE(j.tenant, '')
        WHERE j.status = '{Status.PENDING}'
           OR (j.status = '{Status.FAILED}' AND j.next_attempt_at IS NOT NULL AND j.next_attempt_at <= :now)
           OR (j.status = '{Status.RUNNING}' AND j.lease_expires_at <= :now)
        ORDER BY COALESCE(t.last_claim_at, '') ASC, j.id ASC
        LIMIT 1
    """

    def _pick(self, tx: Tx) -> tuple[Job, str] | None:
        row = tx.execute(self._CLAIMABLE_SQL, {"now": now_iso()}).fetchone()
        if row is None:
            # What wait_for_work compares with: commits after this look are news.
            self._local.seen_version = self._data_version(tx)
            return None
        job = self._job(row)
        assert job is not None
        return job, job.tenant or ""

    def _served(self, tx: Tx, tenant: str) -> None:
        tx.execute("INSERT INTO tenant_state(tenant, last_claim_at) VALUES (?, ?) "
                   "ON CONFLICT(tenant) DO UPDATE SET last_claim_at = excluded.last_claim_at", (tenant, now_iso()))

    def _new_tenant(self, tx: Tx, tenant: str) -> None:
        pass  # claims LEFT JOIN tenant_state: a tenant never served sorts first without a row

    def _outbox(self, tx: Tx, bill_id: int, job_id: int) -> None:
        # The write lock is held from BEGIN IMMEDIATE: seq order is commit order already.
        tx.execute("INSERT INTO outbox(bill_id, job_id, created_at) VALUES (?,?,?)", (bill_id, job_id, now_iso()))

    def _notify(self, tx: Tx) -> None:
        pass  # waiters poll data_version, which every commit moves

    @staticmethod
    def _data_version(conn: Tx) -> int:
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
