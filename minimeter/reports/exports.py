"""Flat exports of bills, meters and line items: CSV, Parquet or JSON, written by DuckDB.

Contract: ``export_tables(store_path, out_dir, fmt)`` writes ``bills.<ext>``,
``meters.<ext>`` and ``line_items.<ext>`` into ``out_dir`` (created if needed) and returns
the paths. Each file is written beside its final name and renamed into place, so a reader
never sees half a file. Column names are stable and documented in docs/reports.md.
Raises ``ReportError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import ReportError
from minimeter.reports import engine

if TYPE_CHECKING:
    from minimeter.reports.engine import Source

TABLES = ("bills", "meters", "line_items")
FORMATS = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)", "json": "(FORMAT json, ARRAY true)"}


def export_tables(store_path: Source, out_dir: Path | str, fmt: str) -> list[Path]:
    """Write the three tables in ``fmt`` (csv, parquet, json) into ``out_dir``; return the files."""
    import duckdb

    if fmt not in FORMATS:
        raise ReportError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create {out}: {exc.strerror}", hint="pick another --out folder") from exc
    con = engine.connect(store_path)
    written: list[Path] = []
    try:
        for table in TABLES:
            final = out / f"{table}.{fmt}"
            tmp = out / f".{table}.{fmt}.partial"
            select = engine.sql_text(f"export_{table}").strip().rstrip(";")
            try:
                con.execute(f"COPY ({select}) TO '{engine.quote_path(tmp)}' {FORMATS[fmt]}")
                tmp.replace(final)
            except (duckdb.Error, OSError) as exc:
                tmp.unlink(missing_ok=True)
                raise ReportError(f"cannot write {final}: {exc}".splitlines()[0],
                                  hint="check the folder is writable and has space") from exc
            written.append(final)
    finally:
        con.close()
    return written
