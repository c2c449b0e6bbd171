"""A consistent, private copy of the tables reports read, taken with Python's own sqlite3.

Why not let DuckDB's sqlite extension read the live store? The extension carries its own
copy of the SQLite library. Two SQLite libraries opening the same WAL database in one process
break each other's POSIX locks and shared-memory mapping (SQLite's "multiple copies of SQLite
in one process" hazard): with the TUI or a worker writing in the same process, the reader
crashed with SIGBUS. So the store is read only by the library the store itself uses, in one
read transaction (one consistent moment across all tables), into a small rollback-journal file
that nobody else touches; DuckDB's extension then reads that file.

The copy holds every job, the current bill versions (without their large JSON columns:
evidence, checks, timings...) and the meters and line items of those versions.

Any other store (the shared PostgreSQL one, ``--store postgresql://...``) is copied through the
``JobStore`` seam instead (``take_from_store``): its jobs and current bill versions, flattened into
the same tables and columns the report queries read. That copy is not one transaction: a bill
written while it runs may be left out, never half-copied.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ReportError
from minimeter.schema import BillNormalized

if TYPE_CHECKING:
    from minimeter.store.base import BillVersion, Job, JobStore

# bills columns replaced by an empty placeholder in the copy (large, unused by any report).
_BLOBS = {"data": "'{}'", "evidence": "'{}'", "checks": "'[]'", "issues": "'[]'", "timings": "'{}'"}
TABLES = ("jobs", "bills", "meters", "line_items")
_WHERE = {
    "jobs": "",
    "bills": " WHERE is_current = 1",
    "meters": " WHERE bill_id IN (SELECT id FROM src.bills WHERE is_current = 1)",
    "line_items": " WHERE bill_id IN (SELECT id FROM src.bills WHERE is_current = 1)",
}


def _attach_read_only(conn: sqlite3.Connection, store_path: Path) -> None:
    """Attach the store read-only; on a read-only folder where WAL's -shm file cannot be
    created, as ``immutable`` (nobody can be writing it there)."""
    base = Path(store_path).resolve().as_uri()
    try:
        conn.execute("ATTACH DATABASE ? AS src", (f"{base}?mode=ro",))
        conn.execute("SELECT count(*) FROM src.sqlite_master").fetchone()
    except sqlite3.OperationalError:
        if _attached(conn):
            conn.execute("DETACH DATABASE src")
        conn.execute("ATTACH DATABASE ? AS src", (f"{base}?mode=ro&immutable=1",))


def _attached(conn: sqlite3.Connection) -> bool:
    return any(r[1] == "src" for r in conn.execute("PRAGMA database_list"))


def take(store_path: Path, snapshot_path: Path) -> None:
    """Copy what reports need from ``store_path`` into a new SQLite file at ``snapshot_path``."""
    try:
        conn = sqlite3.connect(snapshot_path, isolation_level=None, uri=True)
        try:
            _attach_read_only(conn, store_path)
            conn.execute("BEGIN")  # one read transaction: every table from the same moment
            for table in TABLES:
                row = conn.execute("SELECT sql FROM src.sqlite_master WHERE type = 'table' AND name = ?",
                                   (table,)).fetchone()
                if row is None:
                    raise ReportError(f"{store_path} has no {table} table", hint="is it a MiniMeter database?")
                conn.execute(row[0])  # same columns and declared types as the store
                cols = [r[1] for r in conn.execute(f"PRAGMA src.table_info({table})")]
                select = ", ".join(_BLOBS.get(c, f'"{c}"') if table == "bills" else f'"{c}"' for c in cols)
                conn.execute(f"INSERT INTO main.{table} SELECT {select} FROM src.{table}{_WHERE[table]}")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE src")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ReportError(f"cannot read {store_path} for reports: {exc}",
                          hint="check that the file is a MiniMeter database") from exc


# --- any store, through the seam -----------------------------------------------------------------
_SCALARS = BillNormalized.scalar_fields()
_BILL_COLS = ("id", "job_id", "version", "is_current", "source", "status", "extractor", "model_sha256",
              "prompt_version", "reviewer", *_SCALARS, "confidence", "created_at")
_METER_COLS = ("bill_id", "idx", "number", "commodity", "prior_read", "present_read", "multiplier", "usage", "unit")
_ITEM_COLS = ("bill_id", "idx", "description", "amount", "category", "quantity", "unit", "rate")
_TYPES = {"id": "INTEGER", "job_id": "INTEGER", "bill_id": "INTEGER", "version": "INTEGER", "idx": "INTEGER",
          "is_current": "INTEGER", "size": "INTEGER", "attempts": "INTEGER", "max_attempts": "INTEGER",
          "current_bill_id": "INTEGER", "confidence": "REAL"}
_PAGE = 1000


def _text(v: Any) -> Any:
    """As the SQLite store writes them: decimals and dates as exact text, enums as their value."""
    if v is None or isinstance(v, (int, float, str)) and not isinstance(v, Enum):
        return v
    if isinstance(v, Enum):
        return v.value
    return str(v.isoformat() if hasattr(v, "isoformat") else v)


def _create(conn: sqlite3.Connection, table: str, cols: tuple[str, ...]) -> None:
    columns = ", ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in cols)
    conn.execute(f"CREATE TABLE {table} ({columns})")


def _insert(conn: sqlite3.Connection, table: str, cols: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if rows:
        conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", rows)


def _all_jobs(store: JobStore) -> Iterator[Job]:
    offset = 0
    while page := store.list_jobs(limit=_PAGE, offset=offset):
        yield from page
        offset += len(page)


def _bill_row(v: BillVersion) -> tuple[Any, ...]:
    bill, result = v.result.bill, v.result
    confidences = [e.confidence for e in result.evidence.values()]
    values = {"id": v.id, "job_id": v.job_id, "version": v.version, "is_current": 1, "source": v.source,
              "status": v.status, "extractor": result.extractor, "model_sha256": result.model_sha256,
              "prompt_version": result.prompt_version, "reviewer": v.reviewer,
              "confidence": min(confidences) if confidences else None, "created_at": v.created_at}
    values.update({name: _text(getattr(bill, name)) for name in _SCALARS})
    return tuple(values[c] for c in _BILL_COLS)


def take_from_store(store: JobStore, snapshot_path: Path) -> None:
    """Copy what reports need from any ``JobStore`` (read through its interface) into ``snapshot_path``."""
    from minimeter.store.base import Job

    job_cols = tuple(f.name for f in dataclasses.fields(Job))
    try:
        conn = sqlite3.connect(snapshot_path)
        try:
            for table, cols in (("jobs", job_cols), ("bills", _BILL_COLS), ("meters", _METER_COLS),
                                ("line_items", _ITEM_COLS)):
                _create(conn, table, cols)
            batch: list[tuple[Any, ...]] = []
            for job in _all_jobs(store):
                batch.append(tuple(_text(getattr(job, c)) for c in job_cols))
                if len(batch) >= _PAGE:
                    _insert(conn, "jobs", job_cols, batch)
                    batch = []
            _insert(conn, "jobs", job_cols, batch)
            bills: list[tuple[Any, ...]] = []
            meters: list[tuple[Any, ...]] = []
            items: list[tuple[Any, ...]] = []
            for v in store.iter_current_bills():
                bills.append(_bill_row(v))
                meters += [(v.id, i, m.number, _text(m.commodity), _text(m.prior_read), _text(m.present_read),
                            _text(m.multiplier), _text(m.usage), m.unit) for i, m in enumerate(v.result.bill.meters)]
                items += [(v.id, i, li.description, _text(li.amount), _text(li.category), _text(li.quantity),
                           li.unit, _text(li.rate)) for i, li in enumerate(v.result.bill.line_items)]
                if len(bills) >= _PAGE:
                    _insert(conn, "bills", _BILL_COLS, bills)
                    _insert(conn, "meters", _METER_COLS, meters)
                    _insert(conn, "line_items", _ITEM_COLS, items)
                    bills, meters, items = [], [], []
            _insert(conn, "bills", _BILL_COLS, bills)
            _insert(conn, "meters", _METER_COLS, meters)
            _insert(conn, "line_items", _ITEM_COLS, items)
            conn.commit()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ReportError(f"cannot copy the store for reports: {exc}", hint="this is a bug; please report it") from exc
