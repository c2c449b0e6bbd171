"""Report series as plain Python: what the CLI tables, the HTML page and the TUI show.

Every function takes the path of the SQLite store and returns ``list[dict]`` (column names
are documented in docs/reports.md). Money and quantities are ``Decimal``; dates are
``datetime.date``; ``month`` is ``"YYYY-MM"``. Each call opens its own in-memory DuckDB
(offline, see ``engine``); pass ``con`` to reuse one for several series.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from minimeter.reports import engine

if TYPE_CHECKING:
    from collections.abc import Iterator

    import duckdb

    from minimeter.reports.engine import Source

# Flag thresholds (documented in docs/reports.md; tests pin their effect).
SPIKE_RATIO = 1.5
"""A bill's per-day usage or cost at least 1.5x the trailing average is a spike."""
MIN_HISTORY = 2
"""Spikes need at least two earlier bills (up to six are averaged)."""
RATE_JUMP_PCT = 20.0
"""An effective rate at least 20 % above the previous bill's is a rate jump."""

REPORTS = ("monthly", "rates", "yoy", "flags")


@contextmanager
def _connection(store_path: Source, con: duckdb.DuckDBPyConnection | None) -> Iterator[Any]:
    if con is not None:
        yield con
        return
    own = engine.connect(store_path)
    try:
        yield own
    finally:
        own.close()


def monthly_series(store_path: Source, *, account: str | None = None,
                   con: duckdb.DuckDBPyConnection | None = None) -> list[dict[str, Any]]:
    """Usage (kWh, therms) and cost per account, provider and calendar month, prorated by days.

    Keys: account, provider, month, bills, days, kwh, therms, cost, cost_per_kwh,
    cost_per_therm, pending_review, currency.
    """
    with _connection(store_path, con) as c:
        return engine.query(c, "report_monthly", {"account": account})


def rates_series(store_path: Source, *, account: str | None = None,
                 con: duckdb.DuckDBPyConnection | None = None) -> list[dict[str, Any]]:
    """Effective cost per kWh / therm of each single-commodity bill, with the change on the previous one.

    Keys: account, provider, commodity, unit, period_start, period_end, days, quantity, cost,
    rate, previous_rate, change_pct, job_id.
    """
    with _connection(store_path, con) as c:
        return engine.query(c, "report_rates", {"account": account})


def yoy_series(store_path: Source, *, account: str | None = None,
               con: duckdb.DuckDBPyConnection | None = None) -> list[dict[str, Any]]:
    """Each month against the same month a year earlier (only months that have one)."""
    with _connection(store_path, con) as c:
        return engine.query(c, "report_yoy", {"account": account})


def flags(store_path: Source, *, account: str | None = None, spike_ratio: float = SPIKE_RATIO,
          min_history: int = MIN_HISTORY, rate_jump_pct: float = RATE_JUMP_PCT,
          con: duckdb.DuckDBPyConnection | None = None) -> list[dict[str, Any]]:
    """Findings: usage_spike, cost_spike, rate_jump, gap, overlap, duplicate, needs_review.

    Keys: flag, account, provider, period_start, period_end, job_ids (list), value, baseline,
    detail. What ``value``/``baseline`` hold per flag is in docs/reports.md.
    """
    params = {"account": account, "spike_ratio": spike_ratio, "min_history": min_history,
              "rate_jump_pct": rate_jump_pct}
    with _connection(store_path, con) as c:
        return engine.query(c, "flags", params)


def all_series(store_path: Source, *, account: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every report from one DuckDB connection: {"monthly": [...], "rates": ..., "yoy": ..., "flags": ...}."""
    with _connection(store_path, None) as c:
        return {
            "monthly": monthly_series(store_path, account=account, con=c),
            "rates": rates_series(store_path, account=account, con=c),
            "yoy": yoy_series(store_path, account=account, con=c),
            "flags": flags(store_path, account=account, con=c),
        }
