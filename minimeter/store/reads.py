"""The reading half of the job store, written once for both engines.

Contract
--------
``StoreReads`` implements the ``JobStore`` methods that only read (jobs, bill versions, events,
caches, the outbox and watermarks) over a small engine interface its subclass provides:

- ``_read(sql, params) -> list[row]``: one consistent read; rows are mappings by column name.
- ``ILIKE``: the case-insensitive ``LIKE`` operator.
- ``PARAM``: the driver's placeholder (``?`` for sqlite3, ``%s`` for psycopg). The SQL here is
  written with ``?`` and rewritten once per statement (``_sql``), so none may contain a literal ``?``.

Rows become the store's dataclasses here, for both engines: a time column is ISO text
(``YYYY-MM-DDTHH:MM:SS.ffffffZ``, UTC) whether the engine keeps text (SQLite) or ``datetime``
(Postgres), and a JSON column is decoded whether the engine keeps text or has decoded it.

The SQL below is the dialect both engines share.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

from minimeter.schema import ExtractionResult
from minimeter.store.base import BillVersion, Event, Job, OutboxRow
from minimeter.store.lifecycle import Status

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_JOB_COLS = list(Job.__dataclass_fields__)
_TIME_COLS = ("next_attempt_at", "lease_expires_at", "created_at", "updated_at", "finished_at")


def iso(v: datetime | str | None) -> str | None:
    """A time cell as the store's one text form (SQLite keeps that text already)."""
    if v is None or isinstance(v, str):
        return v
    return v.astimezone(UTC).strftime(TIME_FORMAT)


def decoded(v: Any) -> Any:
    """A JSON cell as Python data (Postgres' JSONB arrives decoded, SQLite's TEXT does not)."""
    return json.loads(v) if isinstance(v, (str, bytes)) else v


def result_from_row(row: Mapping[str, Any]) -> ExtractionResult:
    """The ``ExtractionResult`` a ``bills`` row stores."""
    return ExtractionResult.model_validate({
        "bill": decoded(row["data"]), "evidence": decoded(row["evidence"]), "checks": decoded(row["checks"]),
        "status": row["status"], "issues": decoded(row["issues"]), "extractor": row["extractor"] or "unknown",
        "model_sha256": row["model_sha256"], "prompt_version": row["prompt_version"],
        "tokens_prompt": row["tokens_prompt"], "tokens_completion": row["tokens_completion"],
        "timings": decoded(row["timings"]),
    })


class StoreReads:
    PARAM: ClassVar[str] = "?"
    ILIKE: ClassVar[str] = "LIKE"
    """The operator for a case-insensitive match: SQLite's LIKE is one (for ASCII); Postgres says ILIKE."""

    # --- what the engine provides -----------------------------------------------------
    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    # --- rows to dataclasses ----------------------------------------------------------
    @staticmethod
    def _job(row: Mapping[str, Any] | None) -> Job | None:
        if row is None:
            return None
        vals = {c: row[c] for c in _JOB_COLS}
        for c in _TIME_COLS:
            vals[c] = iso(vals[c])
        return Job(**vals)

    @staticmethod
    def _version(row: Mapping[str, Any]) -> BillVersion:
        return BillVersion(id=row["id"], job_id=row["job_id"], version=row["version"],
                           is_current=bool(row["is_current"]), source=row["source"], status=row["status"],
                           reviewer=row["reviewer"], result=result_from_row(row),
                           created_at=iso(row["created_at"]) or "")

    @staticmethod
    def _event_row(r: Mapping[str, Any]) -> Event:
        return Event(id=r["id"], job_id=r["job_id"], at=iso(r["at"]) or "", kind=r["kind"],
                     from_status=r["from_status"], to_status=r["to_status"], message=r["message"],
                     data=decoded(r["data"]) if r["data"] else None)

    # --- shared -----------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        """``sql`` written with ``?`` placeholders, in the driver's placeholder."""
        return sql if self.PARAM == "?" else sql.replace("?", self.PARAM)

    def _q(self, sql: str, params: tuple[Any, ...] = ()) -> list[Mapping[str, Any]]:
        return self._read(self._sql(sql), params)

    def get_job(self, job_id: int) -> Job | None:
        rows = self._q("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return self._job(rows[0]) if rows else None

    def job_by_sha(self, sha256: str) -> Job | None:
        rows = self._q("SELECT * FROM jobs WHERE sha256 = ?", (sha256,))
        return self._job(rows[0]) if rows else None

    def find_job(self, ref: str) -> Job | None:
        ref = ref.strip()
        if ref.isdigit():
            return self.get_job(int(ref))
        hexpart = ref.removeprefix("sha256:").lower()
        if len(hexpart) < 6 or any(c not in "0123456789abcdef" for c in hexpart):
            return None
        rows = self._q("SELECT * FROM jobs WHERE sha256 LIKE ? LIMIT 2", (f"sha256:{hexpart}%",))
        return self._job(rows[0]) if len(rows) == 1 else None  # an ambiguous prefix finds nothing

    def list_jobs(self, status: str | None = None, *, limit: int = 200, offset: int = 0,
                  search: str | None = None) -> list[Job]:
        where: list[str] = []
        params: list[Any] = []
        if status:
            statuses = [s.strip().upper() for s in status.split(",")]
            where.append(f"j.status IN ({', '.join('?' * len(statuses))})")
            params += statuses
        if search:
            like = self.ILIKE
            where.append(f"(j.original_name {like} ? OR j.provider {like} ? OR b.account_number {like} ?)")
            params += [f"%{search}%"] * 3
        sql = "SELECT j.* FROM jobs j LEFT JOIN bills b ON b.id = j.current_bill_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY j.id DESC LIMIT ? OFFSET ?"
        return [j for r in self._q(sql, (*params, limit, offset)) if (j := self._job(r))]

    def counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in Status}
        for r in self._q("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status"):
            counts[r["status"]] = int(r["n"])
        return counts

    def current_bill(self, job_id: int) -> BillVersion | None:
        rows = self._q("SELECT * FROM bills WHERE job_id = ? AND is_current = TRUE", (job_id,))
        return self._version(rows[0]) if rows else None

    def bill_versions(self, job_id: int) -> list[BillVersion]:
        return [self._version(r) for r in self._q("SELECT * FROM bills WHERE job_id = ? ORDER BY version", (job_id,))]

    def bill_by_id(self, bill_id: int) -> BillVersion | None:
        rows = self._q("SELECT * FROM bills WHERE id = ?", (bill_id,))
        return self._version(rows[0]) if rows else None

    def iter_current_bills(self) -> Iterator[BillVersion]:
        # Keyset pages: memory stays flat however many bills there are, and no read holds a snapshot open.
        last = 0
        while rows := self._q("SELECT * FROM bills WHERE is_current = TRUE AND id > ? ORDER BY id LIMIT 500",
                              (last,)):
            yield from (self._version(r) for r in rows)
            last = rows[-1]["id"]

    def events(self, job_id: int | None = None, *, limit: int = 500) -> list[Event]:
        if job_id is None:
            rows = self._q("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self._q("SELECT * FROM events WHERE job_id = ? ORDER BY id LIMIT ?", (job_id, limit))
        return [self._event_row(r) for r in rows]

    def cache_get(self, key: str) -> ExtractionResult | None:
        rows = self._q("SELECT result FROM extraction_cache WHERE key = ?", (key,))
        return ExtractionResult.model_validate_json(rows[0]["result"]) if rows else None

    def load_document(self, sha256: str) -> str | None:
        rows = self._q("SELECT pages FROM documents WHERE sha256 = ?", (sha256,))
        return rows[0]["pages"] if rows else None

    def outbox_after(self, seq: int, limit: int = 500) -> list[OutboxRow]:
        rows = self._q("SELECT seq, bill_id, job_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit))
        return [OutboxRow(seq=r["seq"], bill_id=r["bill_id"], job_id=r["job_id"]) for r in rows]

    def outbox_max(self) -> int:
        return int(self._q("SELECT COALESCE(MAX(seq), 0) AS m FROM outbox")[0]["m"])

    def watermark(self, target: str) -> int:
        rows = self._q("SELECT watermark FROM sync_state WHERE target = ?", (target,))
        return int(rows[0]["watermark"]) if rows else 0

    def sync_state(self) -> list[dict[str, Any]]:
        return [{**dict(r), "updated_at": iso(r["updated_at"])}
                for r in self._q("SELECT * FROM sync_state ORDER BY target")]
