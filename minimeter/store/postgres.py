"""The shared job store: PostgreSQL, for workers on many machines (``minimeter worker --store URL``).

Same contract as ``minimeter.store.base`` and the same lifecycle as the SQLite store, built the
way mature Postgres queues are (procrastinate, graphile-worker, Oban):

- Claims lock one job row with ``SELECT ... FOR UPDATE SKIP LOCKED``: concurrent workers never
  wait on each other's job and never take the same one. Fairness: a tenant row is taken with
  SKIP LOCKED first (least recently served tenant first), so concurrent claimers spread over
  tenants and a small tenant's bills are served while a large backlog runs.
- Every time is the database server's ``now()``: workers on machines with skewed clocks agree
  on when a lease expired or a backoff passed.
- Outbox sequence numbers come from a sequence, which is not commit-ordered; inserts into the
  outbox take a transaction-level advisory lock so ``seq`` becomes visible in order and a sync
  watermark can never step over a row that commits later.
- ``enqueue``/``retry``/``release``/``fail`` NOTIFY ``minimeter_jobs`` at commit;
  ``wait_for_work(timeout)`` LISTENs on a dedicated connection so idle workers wake at once.
- Migrations are append-only named functions (``minimeter.store.postgres_migrations``), run on
  open under a session advisory lock.

The lifecycle writes themselves are ``minimeter.store.writes`` (shared with SQLite); this module
is the connection, the claim's locking, the server's clock and the notifications.

Driver errors never leave this module: they become ``StoreError`` (retryable unless the
schema or the data are wrong).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from minimeter.errors import StoreError
from minimeter.store import postgres_migrations
from minimeter.store.base import Job
from minimeter.store.lifecycle import Status
from minimeter.store.writes import StoreWrites, Tx

if TYPE_CHECKING:
    import psycopg

    from minimeter.settings import Settings

CHANNEL = "minimeter_jobs"
_OUTBOX_LOCK = 0x4D4D_0002  # pg_advisory_lock keys: "MM" + purpose (0001: migrations)
_CLAIMABLE = f"""(j.status = '{Status.PENDING}'
    OR (j.status = '{Status.FAILED}' AND j.next_attempt_at IS NOT NULL AND j.next_attempt_at <= now())
    OR (j.status = '{Status.RUNNING}' AND j.lease_expires_at <= now()))"""

def conninfo(url: str) -> str:
    """``postgresql+psycopg://`` (SQLAlchemy style) and ``postgres://`` both become a libpq URL."""
    for prefix in ("postgresql+psycopg://", "postgresql+psycopg2://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return url


def _redact(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep:
        return url
    scheme, _, cred = head.partition("://")
    return f"{scheme}://{cred.split(':')[0]}@{tail}"


def _store_error(exc: Exception, url: str) -> StoreError:
    import psycopg
    from psycopg import errors as pge

    if isinstance(exc, (psycopg.OperationalError, pge.AdminShutdown)):
        first = (str(exc).strip().splitlines() or ["connection failed"])[-1][:200]
        return StoreError(f"cannot reach the Postgres store {_redact(url)}: {first}",
                          hint="check that the server runs and the URL in --store / MINIMETER_STORE")
    if isinstance(exc, (pge.DiskFull,)):
        return StoreError("the Postgres server is out of disk; nothing was written", hint="free space on the server")
    if isinstance(exc, (pge.SerializationFailure, pge.DeadlockDetected, pge.LockNotAvailable)):
        return StoreError("the Postgres store is busy", hint="try again in a moment")
    if isinstance(exc, pge.InsufficientPrivilege):
        return StoreError(f"the Postgres user may not do this: {exc}".splitlines()[0],
                          hint="grant the MiniMeter user rights on its database", retryable=False)
    return StoreError(f"database error: {exc}".splitlines()[0][:300], hint="try again; if it persists, report it")


class PostgresStore(StoreWrites):
    """``JobStore`` on PostgreSQL. See ``minimeter.store.base`` for the contract.

    Beyond the contract: ``wait_for_work(timeout) -> bool`` blocks until a NOTIFY says work was
    added (True) or ``timeout`` seconds pass (False); a worker calls it when ``claim`` returned
    None instead of sleeping a fixed interval.
    """

    PARAM = "%s"
    ILIKE = "ILIKE"
    LOCK = " FOR UPDATE"
    JSON = "?::jsonb"

    def __init__(self, url: str, settings: Settings | None = None, *, pool_size: int = 4) -> None:
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        self.url = url
        self._conninfo = conninfo(url)
        self._policy(settings)
        self._listen: psycopg.Connection[Any] | None = None
        self._listen_lock = threading.Lock()
        try:
            with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=10) as conn:
                postgres_migrations.apply(conn)
        except psycopg.Error as exc:
            raise _store_error(exc, url) from exc
        self._pool = ConnectionPool(
            self._conninfo, min_size=1, max_size=pool_size, open=True, timeout=30.0, name="minimeter",
            kwargs={"autocommit": True, "row_factory": dict_row}, max_idle=300.0,
        )  # no check on checkout (a round trip per transaction): a dead connection fails one call with a
        # retryable StoreError and the pool drops it when it comes back broken

    # --- connections ------------------------------------------------------------------
    @contextmanager
    def _tx(self, *, block: bool = True, durable: bool = True) -> Iterator[psycopg.Cursor[Any]]:
        """A cursor in one transaction. ``block=False``: a single statement in autocommit (one round
        trip, no BEGIN/COMMIT). ``durable=False``: commit without waiting for the WAL flush, for
        caches a crash may lose harmlessly (they are rebuilt from the original)."""
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self._pool.connection() as conn, conn.cursor() as cur:
                if not block:
                    yield cur
                    return
                with conn.transaction():
                    if not durable:
                        cur.execute("SET LOCAL synchronous_commit = off")
                    yield cur
        except PoolTimeout as exc:
            raise StoreError("no free connection to the Postgres store", hint="raise max_connections or "
                             "run fewer workers per machine") from exc
        except psycopg.Error as exc:
            raise _store_error(exc, self.url) from exc

    def _read(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self._tx(block=False) as cur:  # one statement sees one snapshot: no transaction needed
            return cur.execute(sql, params).fetchall()

    def _write(self, sql: str, params: tuple[Any, ...], *, durable: bool = True) -> int:
        # A single statement in autocommit is already atomic and durable; a cache write that need not
        # wait for the WAL flush takes a transaction for its SET LOCAL.
        with self._tx(block=not durable, durable=durable) as cur:
            return cur.execute(sql, params).rowcount

    def close(self) -> None:
        self._pool.close()
        with self._listen_lock:
            if self._listen is not None:
                self._listen.close()
                self._listen = None

    # --- the engine under StoreWrites ---------------------------------------------------
    def _now_sql(self, seconds: float, clock: bool) -> tuple[str, tuple[Any, ...]]:
        # The server's clock: workers on machines with skewed clocks agree on leases and backoffs.
        # clock_timestamp() for events: they keep their order within one transaction.
        if seconds:
            return "now() + make_interval(secs => ?)", (seconds,)
        return ("clock_timestamp()" if clock else "now()"), ()

    def _write_status(self, tx: Tx, job_id: int, sets: str, params: tuple[Any, ...],
                      event: tuple[str, str, str] | None) -> Job:
        update = f"UPDATE jobs SET {sets} WHERE id = ? RETURNING *"
        if event is None:
            rows = tx.execute(self._sql(update), (*params, job_id)).fetchall()
        else:  # the status event rides in the same statement: one round trip
            rows = tx.execute(self._sql(
                f"WITH u AS ({update}), e AS (INSERT INTO events(job_id, at, kind, from_status, to_status, message)"
                " SELECT id, clock_timestamp(), 'status', ?, ?, ? FROM u) SELECT * FROM u"),
                (*params, job_id, *event)).fetchall()
        job = self._job(rows[0])
        assert job is not None  # the caller locked the row in this transaction
        return job

    def _served(self, tx: Tx, tenant: str) -> None:
        # Never waits for a tenant row another claimer holds (two claimers each holding one tenant and
        # wanting the other's would deadlock); that claimer marks the tenant served anyway.
        tx.execute("UPDATE tenant_state SET last_claim_at = clock_timestamp() WHERE tenant ="
                   " (SELECT tenant FROM tenant_state WHERE tenant = %s FOR UPDATE SKIP LOCKED)", (tenant,))

    def _new_tenant(self, tx: Tx, tenant: str) -> None:
        tx.execute("INSERT INTO tenant_state(tenant) VALUES (%s) ON CONFLICT DO NOTHING", (tenant,))

    def _outbox(self, tx: Tx, bill_id: int, job_id: int) -> None:
        # Last statement of the transaction: the lock serialises outbox commits (so seq order is
        # commit order) for as short a time as possible.
        tx.execute("INSERT INTO outbox(bill_id, job_id) SELECT %s, %s FROM (SELECT pg_advisory_xact_lock(%s)) AS l",
                   (bill_id, job_id, _OUTBOX_LOCK))

    def _notify(self, tx: Tx) -> None:
        tx.execute("SELECT pg_notify(%s, '')", (CHANNEL,))  # delivered at commit, folded per transaction

    def _pick(self, tx: Tx) -> tuple[Job, str] | None:
        """Lock one claimable job, least recently served tenant first; None when there is none."""
        has_work = f"EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_key = t.tenant AND {_CLAIMABLE})"
        job_sql = (f"SELECT j.* FROM jobs j WHERE j.tenant_key = %s AND {_CLAIMABLE} "
                   "ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED")
        # First a tenant no other claimer holds right now: concurrent claims spread over tenants.
        row = tx.execute(f"SELECT tenant FROM tenant_state t WHERE {has_work} "
                         "ORDER BY last_claim_at, tenant LIMIT 1 FOR UPDATE SKIP LOCKED").fetchone()
        if row and (found := self._job(tx.execute(job_sql, (row["tenant"],)).fetchone())):
            tenant = row["tenant"]
        else:
            # Every tenant with work is being claimed from right now, or this one's jobs are all being
            # taken: share tenants (their row lock is brief), least recently served first.
            found, tenant = None, ""
            for r in tx.execute(f"SELECT tenant FROM tenant_state t WHERE {has_work} "
                                "ORDER BY last_claim_at, tenant LIMIT 100").fetchall():
                if found := self._job(tx.execute(job_sql, (r["tenant"],)).fetchone()):
                    tenant = r["tenant"]
                    break
        return (found, tenant) if found is not None else None

    def wait_for_work(self, timeout: float) -> bool:
        """Block until a NOTIFY on ``minimeter_jobs`` (True) or ``timeout`` seconds (False).

        One LISTEN connection per store, opened on first use; notifications that arrive
        between two waits are kept by the connection and end the next wait at once. Callers
        must still claim after a False: a FAILED job's backoff ends without a notification.
        """
        import psycopg

        with self._listen_lock:
            try:
                if self._listen is None or self._listen.closed:
                    self._listen = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=10)
                    self._listen.execute(f"LISTEN {CHANNEL}")
                got = False
                for _ in self._listen.notifies(timeout=timeout, stop_after=1):
                    got = True
                if got:  # fold a burst of notifications into one wake-up
                    for _ in self._listen.notifies(timeout=0.0):
                        pass
                return got
            except psycopg.Error as exc:
                if self._listen is not None:
                    self._listen.close()
                self._listen = None
                raise _store_error(exc, self.url) from exc
