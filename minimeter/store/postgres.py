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
- Migrations are append-only and named, run on open under a session advisory lock.

Driver errors never leave this module: they become ``StoreError`` (retryable unless the
schema or the data are wrong).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from minimeter.errors import StoreError
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.store import lifecycle
from minimeter.store.base import BillVersion, Claim, Event, Job
from minimeter.store.lifecycle import Status
from minimeter.store.reads import StoreReads

if TYPE_CHECKING:
    import psycopg

    from minimeter.settings import Settings

CHANNEL = "minimeter_jobs"
_MIGRATE_LOCK = 0x4D4D_0001  # pg_advisory_lock keys: "MM" + purpose
_OUTBOX_LOCK = 0x4D4D_0002
_JOB_COLS = [f for f in Job.__dataclass_fields__]
_SCALARS = BillNormalized.scalar_fields()
_TS_COLS = ("next_attempt_at", "lease_expires_at", "created_at", "updated_at", "finished_at")
_CLAIMABLE = """(j.status = 'PENDING'
    OR (j.status = 'FAILED' AND j.next_attempt_at IS NOT NULL AND j.next_attempt_at <= now())
    OR (j.status = 'RUNNING' AND j.lease_expires_at <= now()))"""

# --- migrations (append-only: never edit a shipped one, add a new one) ----------------------
_BILL_SCALARS = ", ".join(f"{c} TEXT" for c in (
    "provider", "provider_id", "account_number", "customer_name", "service_address", "statement_date", "due_date",
    "billing_period_start", "billing_period_end", "currency", "total_amount_due", "current_charges",
    "previous_balance", "payments", "electricity_kwh", "gas_therms", "gas_usage", "gas_usage_unit", "water_usage",
    "water_usage_unit", "demand_kw", "meter_number", "rate_plan"))
MIGRATIONS: list[tuple[str, str]] = [
    ("m001_initial", f"""
    CREATE TABLE jobs (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE, original_name TEXT NOT NULL, ext TEXT NOT NULL DEFAULT '',
        size BIGINT NOT NULL, archive_path TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'PENDING',
        attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 5,
        next_attempt_at TIMESTAMPTZ, lease_owner TEXT, lease_token TEXT, lease_expires_at TIMESTAMPTZ,
        extractor TEXT, provider TEXT, tenant TEXT,
        tenant_key TEXT GENERATED ALWAYS AS (COALESCE(tenant, '')) STORED,
        current_bill_id BIGINT, last_error TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        finished_at TIMESTAMPTZ
    );
    CREATE INDEX jobs_claim ON jobs(tenant_key, id) WHERE status IN ('PENDING', 'FAILED', 'RUNNING');
    CREATE INDEX jobs_status ON jobs(status, id);
    CREATE TABLE tenant_state (tenant TEXT PRIMARY KEY, last_claim_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity');
    CREATE TABLE bills (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id BIGINT NOT NULL REFERENCES jobs(id), version INTEGER NOT NULL,
        is_current BOOLEAN NOT NULL DEFAULT TRUE, source TEXT NOT NULL, status TEXT NOT NULL,
        extractor TEXT, model_sha256 TEXT, prompt_version TEXT, reviewer TEXT, {_BILL_SCALARS},
        confidence DOUBLE PRECISION, data JSONB NOT NULL, evidence JSONB NOT NULL DEFAULT '{{}}',
        checks JSONB NOT NULL DEFAULT '[]', issues JSONB NOT NULL DEFAULT '[]',
        tokens_prompt INTEGER NOT NULL DEFAULT 0, tokens_completion INTEGER NOT NULL DEFAULT 0,
        timings JSONB NOT NULL DEFAULT '{{}}', created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (job_id, version)
    );
    CREATE UNIQUE INDEX bills_one_current ON bills(job_id) WHERE is_current;
    CREATE INDEX bills_account ON bills(provider_id, account_number, billing_period_start);
    CREATE TABLE meters (
        bill_id BIGINT NOT NULL REFERENCES bills(id), idx INTEGER NOT NULL,
        number TEXT, commodity TEXT, prior_read TEXT, present_read TEXT, multiplier TEXT, usage TEXT, unit TEXT,
        PRIMARY KEY (bill_id, idx)
    );
    CREATE TABLE line_items (
        bill_id BIGINT NOT NULL REFERENCES bills(id), idx INTEGER NOT NULL,
        description TEXT NOT NULL, amount TEXT NOT NULL, category TEXT NOT NULL,
        quantity TEXT, unit TEXT, rate TEXT, PRIMARY KEY (bill_id, idx)
    );
    CREATE TABLE events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, job_id BIGINT REFERENCES jobs(id),
        at TIMESTAMPTZ NOT NULL DEFAULT now(), kind TEXT NOT NULL, from_status TEXT, to_status TEXT,
        message TEXT, data JSONB
    );
    CREATE INDEX events_job ON events(job_id, id);
    CREATE TABLE outbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, bill_id BIGINT NOT NULL REFERENCES bills(id),
        job_id BIGINT NOT NULL REFERENCES jobs(id), created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE sync_state (
        target TEXT PRIMARY KEY, watermark BIGINT NOT NULL DEFAULT 0,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(), last_error TEXT
    );
    CREATE TABLE extraction_cache (
        key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, result TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX extraction_cache_sha ON extraction_cache(sha256);
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL, page_count INTEGER NOT NULL, pages TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    """),
]


def _iso(v: datetime | None) -> str | None:
    """The same text form the SQLite store uses, so callers see one format."""
    return v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if v is not None else None


def _text(v: Any) -> Any:
    if v is None or isinstance(v, (int, float, str)):
        return v
    return str(v.isoformat() if hasattr(v, "isoformat") else v)


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


class PostgresStore(StoreReads):
    """``JobStore`` on PostgreSQL. See ``minimeter.store.base`` for the contract.

    Beyond the contract: ``wait_for_work(timeout) -> bool`` blocks until a NOTIFY says work was
    added (True) or ``timeout`` seconds pass (False); a worker calls it when ``claim`` returned
    None instead of sleeping a fixed interval.
    """

    PARAM = "%s"

    def __init__(self, url: str, settings: Settings | None = None, *, pool_size: int = 4) -> None:
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        self.url = url
        self._conninfo = conninfo(url)
        self.max_attempts = settings.max_attempts if settings else 5
        self.lease_seconds = settings.lease_seconds if settings else 120.0
        self.backoff_base = settings.retry_backoff_seconds if settings else 10.0
        self._listen: psycopg.Connection[Any] | None = None
        self._listen_lock = threading.Lock()
        try:
            with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=10) as conn:
                self.migrate(conn)
        except psycopg.Error as exc:
            raise _store_error(exc, url) from exc
        self._pool = ConnectionPool(
            self._conninfo, min_size=1, max_size=pool_size, open=True, timeout=30.0, name="minimeter",
            kwargs={"autocommit": True, "row_factory": dict_row}, max_idle=300.0,
        )  # no check on checkout (a round trip per transaction): a dead connection fails one call with a
        # retryable StoreError and the pool drops it when it comes back broken

    # --- schema -----------------------------------------------------------------------
    @staticmethod
    def migrate(conn: psycopg.Connection[Any]) -> list[str]:
        """Apply missing migrations, one transaction each, under a session advisory lock."""
        applied: list[str] = []
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATE_LOCK,))
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                         "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            done = {r[0] for r in conn.execute("SELECT name FROM _migrations").fetchall()}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                with conn.transaction():
                    conn.execute(sql.encode())  # several statements: simple query protocol
                    conn.execute("INSERT INTO _migrations(name) VALUES (%s)", (name,))
                applied.append(name)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATE_LOCK,))
        return applied

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

    # --- helpers ----------------------------------------------------------------------
    @staticmethod
    def _job(row: dict[str, Any] | None) -> Job | None:
        if row is None:
            return None
        vals = {c: row[c] for c in _JOB_COLS}
        for c in _TS_COLS:
            vals[c] = _iso(vals[c])
        return Job(**vals)

    @staticmethod
    def _event_row(r: dict[str, Any]) -> Event:
        return Event(id=r["id"], job_id=r["job_id"], at=_iso(r["at"]) or "", kind=r["kind"],
                     from_status=r["from_status"], to_status=r["to_status"], message=r["message"], data=r["data"])

    @staticmethod
    def _event(cur: psycopg.Cursor[Any], job_id: int | None, kind: str, message: str = "",
               frm: str | None = None, to: str | None = None, data: dict[str, Any] | None = None) -> None:
        cur.execute("INSERT INTO events(job_id, at, kind, from_status, to_status, message, data) "
                    "VALUES (%s, clock_timestamp(), %s, %s, %s, %s, %s::jsonb)",
                    (job_id, kind, frm, to, message, json.dumps(data) if data else None))

    @staticmethod
    def _notify(cur: psycopg.Cursor[Any]) -> None:
        cur.execute("SELECT pg_notify(%s, '')", (CHANNEL,))  # delivered at commit, folded per transaction

    def _set_status(self, cur: psycopg.Cursor[Any], job: Job, new: Status, message: str = "", **cols: Any) -> None:
        lifecycle.check(job.status, new)
        cols = {"status": str(new), **cols}
        sets = ["updated_at = now()"] + [f"{k} = %s" for k in cols]
        if new in lifecycle.FINISHED and "finished_at" not in cols:
            sets.append("finished_at = now()")
        update = f"UPDATE jobs SET {', '.join(sets)} WHERE id = %s"
        if job.status != new or message:  # the status event rides in the same statement: one round trip
            cur.execute(f"WITH u AS ({update} RETURNING id) INSERT INTO events(job_id, at, kind, from_status, "
                        "to_status, message) SELECT id, clock_timestamp(), 'status', %s, %s, %s FROM u",
                        (*cols.values(), job.id, job.status, str(new), message))
        else:
            cur.execute(update, (*cols.values(), job.id))

    def _locked_job(self, cur: psycopg.Cursor[Any], job_id: int) -> Job:
        job = self._job(cur.execute("SELECT * FROM jobs WHERE id = %s FOR UPDATE", (job_id,)).fetchone())
        if job is None:
            raise StoreError(f"no job {job_id}", hint="list jobs with `minimeter jobs`", retryable=False)
        return job

    def _claim_current(self, cur: psycopg.Cursor[Any], claim: Claim) -> Job | None:
        return self._job(cur.execute(
            "SELECT * FROM jobs WHERE id = %s AND lease_token = %s AND status = 'RUNNING' FOR UPDATE",
            (claim.job.id, claim.token)).fetchone())

    # --- intake -----------------------------------------------------------------------
    def enqueue(self, sha256: str, original_name: str, size: int, archive_path: str, ext: str = "", *,
                force: bool = False, tenant: str | None = None, refused: str | None = None) -> tuple[Job, bool]:
        status = Status.FAILED if refused else Status.PENDING
        with self._tx() as cur:
            row = cur.execute(
                "INSERT INTO jobs(sha256, original_name, ext, size, archive_path, status, max_attempts, tenant, "
                "last_error) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (sha256) DO NOTHING RETURNING id",
                (sha256, original_name, ext, size, archive_path, str(status), self.max_attempts, tenant,
                 refused)).fetchone()
            if row is not None:
                cur.execute("INSERT INTO tenant_state(tenant) VALUES (%s) ON CONFLICT DO NOTHING", (tenant or "",))
                what = f"refused {original_name!r}: {refused}" if refused else f"received {original_name!r}"
                self._event(cur, row["id"], "created", what, None, status)
                self._notify(cur)
                return self._locked_job(cur, row["id"]), True
            existing = self._job(cur.execute("SELECT * FROM jobs WHERE sha256 = %s FOR UPDATE", (sha256,)).fetchone())
            assert existing is not None  # the conflicting row exists and rows are never deleted
            if force and existing.status not in (Status.PENDING, Status.RUNNING):
                self._set_status(cur, existing, Status.PENDING, "reprocess requested (--force)",
                                 attempts=0, next_attempt_at=None, last_error=None, finished_at=None)
                self._event(cur, existing.id, "force", f"reprocess as {original_name}")
                self._notify(cur)
                return self._locked_job(cur, existing.id), True
            self._event(cur, existing.id, "duplicate", f"same bytes again as {original_name!r}",
                        data={"name": original_name})
            return existing, False

    # --- work -------------------------------------------------------------------------
    def _pick(self, cur: psycopg.Cursor[Any]) -> tuple[Job, str] | None:
        """Lock one claimable job, least recently served tenant first; None when there is none."""
        has_work = f"EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_key = t.tenant AND {_CLAIMABLE})"
        job_sql = (f"SELECT j.* FROM jobs j WHERE j.tenant_key = %s AND {_CLAIMABLE} "
                   "ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED")
        # First a tenant no other claimer holds right now: concurrent claims spread over tenants.
        row = cur.execute(f"SELECT tenant FROM tenant_state t WHERE {has_work} "
                          "ORDER BY last_claim_at, tenant LIMIT 1 FOR UPDATE SKIP LOCKED").fetchone()
        if row and (found := self._job(cur.execute(job_sql, (row["tenant"],)).fetchone())):
            tenant = row["tenant"]
        else:
            # Every tenant with work is being claimed from right now, or this one's jobs are all being
            # taken: share tenants (their row lock is brief), least recently served first.
            found, tenant = None, ""
            for r in cur.execute(f"SELECT tenant FROM tenant_state t WHERE {has_work} "
                                 "ORDER BY last_claim_at, tenant LIMIT 100").fetchall():
                if found := self._job(cur.execute(job_sql, (r["tenant"],)).fetchone()):
                    tenant = r["tenant"]
                    break
        return (found, tenant) if found is not None else None

    def claim(self, owner: str) -> Claim | None:
        while True:
            with self._tx() as cur:
                picked = self._pick(cur)
                if picked is None:
                    return None
                job, tenant = picked
                if job.status == Status.RUNNING and job.attempts >= job.max_attempts:
                    # The worker died on this job every time: a poison file, not bad luck.
                    msg = f"a worker stopped while processing it {job.attempts} times"
                    self._set_status(cur, job, Status.DEAD, msg, last_error=msg, lease_owner=None,
                                     lease_token=None, lease_expires_at=None)
                    continue
                if job.status == Status.RUNNING:
                    self._event(cur, job.id, "lease_expired", f"lease of {job.lease_owner} expired; reclaimed")
                lifecycle.check(job.status, Status.RUNNING)
                token = uuid.uuid4().hex
                # One statement: status, attempt and lease (on the server's clock), the status event, and
                # the tenant marked served. It never waits for a tenant row another claimer holds (two
                # claimers each holding one tenant and wanting the other's would deadlock); that claimer
                # marks the tenant served anyway.
                claimed = self._job(cur.execute(
                    "WITH u AS (UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, lease_owner = %(owner)s,"
                    " lease_token = %(token)s, lease_expires_at = now() + make_interval(secs => %(lease)s),"
                    " next_attempt_at = NULL, updated_at = now() WHERE id = %(id)s RETURNING *),"
                    " e AS (INSERT INTO events(job_id, at, kind, from_status, to_status, message)"
                    "  SELECT id, clock_timestamp(), 'status', %(old)s, 'RUNNING', %(msg)s FROM u),"
                    " t AS (UPDATE tenant_state SET last_claim_at = clock_timestamp() WHERE tenant ="
                    "  (SELECT tenant FROM tenant_state WHERE tenant = %(tenant)s FOR UPDATE SKIP LOCKED))"
                    " SELECT * FROM u",
                    {"owner": owner, "token": token, "lease": self.lease_seconds, "id": job.id, "old": job.status,
                     "msg": f"claimed by {owner}", "tenant": tenant}).fetchone())
                assert claimed is not None  # the row is locked by this transaction
                return Claim(job=claimed, token=token)

    def heartbeat(self, claim: Claim) -> bool:
        return self._write("UPDATE jobs SET lease_expires_at = now() + make_interval(secs => %s), updated_at = now() "
                           "WHERE id = %s AND lease_token = %s AND status = 'RUNNING'",
                           (self.lease_seconds, claim.job.id, claim.token)) == 1

    def complete(self, claim: Claim, result: ExtractionResult) -> bool:
        with self._tx() as cur:
            job = self._claim_current(cur, claim)
            if job is None:
                self._event(cur, claim.job.id, "stale_result", "a result from an expired lease was dropped")
                return False
            status = Status(result.status)
            issues = "; ".join(result.issues)[:500] if status == Status.NEEDS_REVIEW else None
            bill_id = self._insert_bill(cur, job, result, source="machine", reviewer=None)
            self._set_status(cur, job, status, issues or "", current_bill_id=bill_id, provider=result.bill.provider,
                             extractor=result.extractor, last_error=issues, lease_owner=None, lease_token=None,
                             lease_expires_at=None)
            self._outbox(cur, bill_id, job.id)
            return True

    def fail(self, claim: Claim, error: str, *, retryable: bool = True) -> bool:
        error = error.splitlines()[0][:500] if error else "unknown error"
        with self._tx() as cur:
            job = self._claim_current(cur, claim)
            if job is None:
                self._event(cur, claim.job.id, "stale_result", f"a failure from an expired lease was dropped: {error}")
                return False
            self._event(cur, job.id, "error", error, data={"attempt": job.attempts, "retryable": retryable})
            clear = {"lease_owner": None, "lease_token": None, "lease_expires_at": None, "last_error": error}
            if retryable and job.attempts >= job.max_attempts:
                self._set_status(cur, job, Status.DEAD, f"failed {job.attempts} times: {error}", **clear)
            elif retryable:
                delay = lifecycle.backoff_seconds(job.attempts, self.backoff_base)
                self._set_status(cur, job, Status.FAILED, f"attempt {job.attempts} failed; retry in {delay:.0f} s",
                                 **clear)
                cur.execute("UPDATE jobs SET next_attempt_at = now() + make_interval(secs => %s) WHERE id = %s",
                            (delay, job.id))
                self._notify(cur)  # idle workers recompute how long to wait
            else:
                # Retrying a corrupt file cannot help: FAILED, no automatic retry, a person decides.
                self._set_status(cur, job, Status.FAILED, error, next_attempt_at=None, **clear)
            return True

    def release(self, claim: Claim) -> bool:
        with self._tx() as cur:
            job = self._claim_current(cur, claim)
            if job is None:
                return False
            self._set_status(cur, job, Status.PENDING, "released by a stopping worker",
                             attempts=max(0, job.attempts - 1), lease_owner=None, lease_token=None,
                             lease_expires_at=None)
            self._notify(cur)
            return True

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

    # --- people -----------------------------------------------------------------------
    def retry(self, job_id: int, *, by: str = "user") -> Job:
        with self._tx() as cur:
            job = self._locked_job(cur, job_id)
            if job.status in (Status.PENDING, Status.RUNNING):
                return job
            self._set_status(cur, job, Status.PENDING, f"retry requested by {by}", attempts=0,
                             next_attempt_at=None, finished_at=None)
            self._event(cur, job.id, "retry", f"retry requested by {by}")
            self._notify(cur)
            return self._locked_job(cur, job_id)

    def review(self, job_id: int, bill: BillNormalized, *, reviewer: str, approve: bool, note: str = "",
               result: ExtractionResult | None = None) -> Job:
        with self._tx() as cur:
            job = self._locked_job(cur, job_id)
            base = None
            if job.current_bill_id is not None:
                row = cur.execute("SELECT * FROM bills WHERE id = %s", (job.current_bill_id,)).fetchone()
                base = self._result_from_row(row) if row else None
            new = (result or base or ExtractionResult(bill=bill, extractor="human")).model_copy(
                update={"bill": bill, "status": "SUCCEEDED" if approve else "NEEDS_REVIEW"})
            target = Status.SUCCEEDED if approve else Status.NEEDS_REVIEW
            lifecycle.check_review(job.status, target)  # before any write
            bill_id = self._insert_bill(cur, job, new, source="review", reviewer=reviewer)
            self._set_status(cur, job, target, f"{'approved' if approve else 'corrected'} by {reviewer}",
                             current_bill_id=bill_id, provider=bill.provider, last_error=None)
            self._event(cur, job.id, "review", note or ("approved" if approve else "corrected"),
                        data={"reviewer": reviewer, "bill_id": bill_id, "approve": approve})
            self._outbox(cur, bill_id, job.id)
            return self._locked_job(cur, job_id)

    def discard(self, job_id: int, *, by: str, reason: str) -> Job:
        with self._tx() as cur:
            job = self._locked_job(cur, job_id)
            self._set_status(cur, job, Status.DISCARDED, f"discarded by {by}: {reason}")
            return self._locked_job(cur, job_id)

    # --- bills ------------------------------------------------------------------------
    def _outbox(self, cur: psycopg.Cursor[Any], bill_id: int, job_id: int) -> None:
        # Last statement of the transaction: the lock serialises outbox commits (so seq order is
        # commit order) for as short a time as possible.
        cur.execute("INSERT INTO outbox(bill_id, job_id) SELECT %s, %s FROM (SELECT pg_advisory_xact_lock(%s)) AS l",
                    (bill_id, job_id, _OUTBOX_LOCK))

    def _insert_bill(self, cur: psycopg.Cursor[Any], job: Job, result: ExtractionResult, *, source: str,
                     reviewer: str | None) -> int:
        bill = result.bill
        # The job row is locked by the caller, so no other version of this job is being written.
        version = cur.execute("WITH old AS (UPDATE bills SET is_current = FALSE WHERE job_id = %s AND is_current) "
                              "SELECT COALESCE(MAX(version), 0) + 1 AS v FROM bills WHERE job_id = %s",
                              (job.id, job.id)).fetchall()[0]["v"]
        confidences = [e.confidence for e in result.evidence.values()]
        cols: dict[str, Any] = {
            "job_id": job.id, "version": version, "is_current": True, "source": source, "status": result.status,
            "extractor": result.extractor, "model_sha256": result.model_sha256,
            "prompt_version": result.prompt_version, "reviewer": reviewer,
            "confidence": min(confidences) if confidences else None,
            "data": bill.model_dump_json(),
            "evidence": json.dumps({k: v.model_dump(mode="json") for k, v in result.evidence.items()}),
            "checks": json.dumps([c.model_dump(mode="json") for c in result.checks]),
            "issues": json.dumps(result.issues), "tokens_prompt": result.tokens_prompt,
            "tokens_completion": result.tokens_completion, "timings": json.dumps(result.timings),
        }
        for name in _SCALARS:
            cols[name] = _text(getattr(bill, name))
        marks = ", ".join("%s::jsonb" if k in ("data", "evidence", "checks", "issues", "timings") else "%s"
                          for k in cols)
        bill_id = int(cur.execute(f"INSERT INTO bills({', '.join(cols)}) VALUES ({marks}) RETURNING id",
                                  tuple(cols.values())).fetchall()[0]["id"])
        if bill.meters:
            cur.executemany(
                "INSERT INTO meters(bill_id, idx, number, commodity, prior_read, present_read, multiplier, usage, unit)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                [(bill_id, i, m.number, _text(m.commodity), _text(m.prior_read), _text(m.present_read),
                  _text(m.multiplier), _text(m.usage), m.unit) for i, m in enumerate(bill.meters)])
        if bill.line_items:
            cur.executemany(
                "INSERT INTO line_items(bill_id, idx, description, amount, category, quantity, unit, rate)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                [(bill_id, i, li.description, _text(li.amount), _text(li.category), _text(li.quantity), li.unit,
                  _text(li.rate)) for i, li in enumerate(bill.line_items)])
        return bill_id

    @staticmethod
    def _result_from_row(row: dict[str, Any]) -> ExtractionResult:
        return ExtractionResult.model_validate({
            "bill": row["data"], "evidence": row["evidence"], "checks": row["checks"], "status": row["status"],
            "issues": row["issues"], "extractor": row["extractor"] or "unknown",
            "model_sha256": row["model_sha256"], "prompt_version": row["prompt_version"],
            "tokens_prompt": row["tokens_prompt"], "tokens_completion": row["tokens_completion"],
            "timings": row["timings"],
        })

    def _version(self, row: dict[str, Any]) -> BillVersion:
        return BillVersion(id=row["id"], job_id=row["job_id"], version=row["version"],
                           is_current=bool(row["is_current"]), source=row["source"], status=row["status"],
                           reviewer=row["reviewer"], result=self._result_from_row(row),
                           created_at=_iso(row["created_at"]) or "")

    # --- reading (the rest is StoreReads) -----------------------------------------------
    def list_jobs(self, status: str | None = None, *, limit: int = 200, offset: int = 0,
                  search: str | None = None) -> list[Job]:
        where: list[str] = []
        params: list[Any] = []
        if status:
            where.append("j.status = ANY(%s)")
            params.append([s.strip().upper() for s in status.split(",")])
        if search:
            # ILIKE: SQLite's LIKE is case-insensitive for ASCII; keep the same behaviour.
            where.append("(j.original_name ILIKE %s OR j.provider ILIKE %s OR b.account_number ILIKE %s)")
            params += [f"%{search}%"] * 3
        sql = "SELECT j.* FROM jobs j LEFT JOIN bills b ON b.id = j.current_bill_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY j.id DESC LIMIT %s OFFSET %s"
        return [j for r in self._read(sql, (*params, limit, offset)) if (j := self._job(r))]

    def log_event(self, job_id: int | None, kind: str, message: str, data: dict[str, Any] | None = None) -> None:
        with self._tx() as cur:
            self._event(cur, job_id, kind, message, data=data)

    # --- caches -----------------------------------------------------------------------
    def cache_put(self, key: str, sha256: str, result: ExtractionResult) -> None:
        self._write("INSERT INTO extraction_cache(key, sha256, result) VALUES (%s, %s, %s) ON CONFLICT (key) "
                    "DO UPDATE SET result = excluded.result, created_at = now()",
                    (key, sha256, result.model_dump_json()), durable=False)

    def cache_drop(self, sha256: str) -> None:
        self._write("DELETE FROM extraction_cache WHERE sha256 = %s", (sha256,))

    def save_document(self, sha256: str, doc_json: str, kind: str, page_count: int) -> None:
        self._write("INSERT INTO documents(sha256, kind, page_count, pages) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT (sha256) DO UPDATE SET kind = excluded.kind, page_count = excluded.page_count, "
                    "pages = excluded.pages, created_at = now()", (sha256, kind, page_count, doc_json),
                    durable=False)

    # --- sync -------------------------------------------------------------------------
    def set_watermark(self, target: str, seq: int, error: str | None = None) -> None:
        self._write("INSERT INTO sync_state(target, watermark, last_error) VALUES (%s, %s, %s) ON CONFLICT (target) "
                    "DO UPDATE SET watermark = GREATEST(sync_state.watermark, excluded.watermark), "
                    "updated_at = now(), last_error = excluded.last_error", (target, seq, error))

    def sync_state(self) -> list[dict[str, Any]]:
        rows = self._read("SELECT * FROM sync_state ORDER BY target")
        return [{**r, "updated_at": _iso(r["updated_at"])} for r in rows]

