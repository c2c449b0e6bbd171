"""Reports and exports: DuckDB over a snapshot of the store, offline.

Every public function takes the store to report on: the path of a SQLite store, or an open
``JobStore`` of any engine (``--store postgresql://...`` reports on the shared store; see ``engine``).

Contract
--------
- Reads only; never writes the store (beyond the migration check every open does).
- Only current bill versions (``bills.is_current = 1``) of jobs that are not DISCARDED.
  Bills waiting for review are included and marked; a second copy of the same bill
  (same provider + account + period + total) counts once and is flagged.
- Never touches the network: DuckDB's sqlite extension comes from the pinned
  ``duckdb-extension-sqlite-scanner`` package and extension auto-install/auto-load are off
  (``engine``).
- Raises ``ReportError`` (one line + hint) for anything the user can act on.

Queries are ``.sql`` files in this folder (``views.sql`` defines the shared views); column
names, flags and thresholds are documented in docs/reports.md.

Public functions: ``monthly_series``, ``rates_series``, ``yoy_series``, ``flags``,
``all_series`` (``series``), ``export_tables`` (``exports``), ``write_espi`` (``espi``),
``write_html`` (``html``).
"""

from __future__ import annotations

from minimeter.reports.series import all_series, flags, monthly_series, rates_series, yoy_series

__all__ = ["all_series", "flags", "monthly_series", "rates_series", "yoy_series"]
