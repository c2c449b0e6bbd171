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
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from minimeter.errors import ReportError

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
