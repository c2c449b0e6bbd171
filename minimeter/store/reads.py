"""The reading half of the job store, written once for both engines.

Contract
--------
``StoreReads`` implements the ``JobStore`` methods that only read (jobs, bill versions, events,
caches, the outbox and watermarks) over a small engine interface its subclass provides:

- ``_read(sql, params) -> list[row]``: one consistent read; rows are mappings by column name.
- ``PARAM``: the driver's placeholder (``?`` for sqlite3, ``%s`` for psycopg). The SQL here is
  written with ``?`` and rewritten once per statement, so none may contain a literal ``?``.
- ``_job(row)``, ``_version(row)``, ``_event_row(row)``: rows to the store's dataclasses, where
  the engines differ (JSON kept as text or decoded, timestamps as text or ``datetime``).

The SQL below is the dialect both engines share; what differs (``LIKE`` vs ``ILIKE``, ``IN`` vs
``ANY``, upserts) stays in each engine's module.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from minimeter.schema import ExtractionResult
from minimeter.store.base import BillVersion, Event, Job, OutboxRow
from minimeter.store.lifecycle import Status


class StoreReads:
    PARAM: ClassVar[str] = "?"

    # --- what the engine provides -----------------------------------------------------
    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    @staticmethod
    def _job(row: Any) -> Job | None:
        raise NotImplementedError

    def _version(self, row: Any) -> BillVersion:
        raise NotImplementedError

    @staticmethod
    def _event_row(row: Any) -> Event:
        raise NotImplementedError

    # --- shared -----------------------------------------------------------------------
    def _q(self, sql: str, params: tuple[Any, ...] = ()) -> list[Mapping[str, Any]]:
        return self._read(sql if self.PARAM == "?" else sql.replace("?", self.PARAM), params)

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
