"""``minimeter report`` and ``minimeter export``: DuckDB reports over the store, offline.

The store is the data folder's SQLite file, or the one ``--store URL`` names (the shared PostgreSQL
store is read through the store seam, so a report shows the same jobs ``minimeter jobs --store`` lists).

Tables by default (rich), ``--json`` / ``--csv`` for machines, ``--html PATH`` for people.
Every number comes from ``minimeter.reports`` (the same series the TUI's insights screen shows).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from minimeter.cli._common import console, settings_from, shown, store_option
from minimeter.errors import ReportError

if TYPE_CHECKING:
    from minimeter.reports.engine import Source

REPORT_CHOICES = ("monthly", "rates", "yoy", "flags", "all")

# Columns shown in the terminal (the JSON/CSV output has every column).
_TABLE_COLS = {
    "monthly": ["account", "provider", "month", "bills", "days", "kwh", "therms", "cost", "cost_per_kwh",
                "cost_per_therm", "pending_review"],
    "rates": ["account", "provider", "commodity", "period_start", "period_end", "days", "quantity", "unit", "cost",
              "rate", "previous_rate", "change_pct"],
    "yoy": ["account", "provider", "month", "previous_month", "kwh", "previous_kwh", "kwh_change_pct", "therms",
            "previous_therms", "therms_change_pct", "cost", "previous_cost", "cost_change_pct"],
    "flags": ["flag", "account", "provider", "period_start", "period_end", "job_ids", "detail"],
}
# Short headers so the tables fit an 80-column terminal.
_HEADERS = {"kwh": "kWh", "cost_per_kwh": "/kWh", "cost_per_therm": "/therm", "pending_review": "review",
            "period_start": "start", "period_end": "end", "previous_rate": "prev rate", "change_pct": "chg %",
            "previous_month": "vs", "previous_kwh": "prev kWh", "kwh_change_pct": "kWh %",
            "previous_therms": "prev therms", "therms_change_pct": "therms %", "previous_cost": "prev cost",
            "cost_change_pct": "cost %", "job_ids": "jobs", "commodity": "fuel", "quantity": "qty"}
_TITLES = {
    "monthly": "Usage and cost per month (billing periods prorated by days)",
    "rates": "Effective rate per bill",
    "yoy": "Year over year",
    "flags": "Flags",
}


def _plain(v: Any) -> Any:
    """JSON-ready value: Decimals as numbers, dates as ISO text."""
    if isinstance(v, Decimal):
        return float(v) if v.is_finite() else None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return str(v)


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _text(v) for k, v in r.items()} for r in rows)
    return buf.getvalue()


# Columns dropped, in this order, when the terminal is too narrow for the whole table.
_OPTIONAL = {
    "monthly": ["provider", "bills", "days", "pending_review"],
    "rates": ["provider", "days", "period_end", "unit", "previous_rate"],
    "yoy": ["provider", "previous_month", "previous_therms", "previous_kwh", "previous_cost"],
    "flags": ["provider", "period_end", "job_ids"],
}
_TEXT_COLS = {"account", "provider", "month", "previous_month", "commodity", "unit", "flag", "detail", "period_start",
              "period_end", "job_ids"}


def _rich_table(name: str, rows: list[dict[str, Any]], width: int) -> Any:
    from rich.table import Table

    def need(col: str) -> int:
        header = _HEADERS.get(col, col.replace("_", " "))
        return 30 if col == "detail" else min(24, max([len(_text(r.get(col))) for r in rows] + [len(header)]))

    cols = list(_TABLE_COLS[name])
    for optional in _OPTIONAL[name]:
        if sum(need(c) + 3 for c in cols) + 1 <= width:
            break
        cols.remove(optional)
    table = Table(title=_TITLES[name], title_justify="left")
    for col in cols:
        # Keys and numbers keep their width; only the prose (detail) wraps.
        table.add_column(_HEADERS.get(col, col.replace("_", " ")), justify="left" if col in _TEXT_COLS else "right",
                         overflow="fold", min_width=None if col == "detail" else need(col),
                         style="bold red" if col == "flag" else None)
    for r in rows:
        table.add_row(*(shown(_text(r.get(c))) for c in cols))  # bill text is data, never markup
    return table


@contextmanager
def _source(ctx: click.Context, store_url: str | None) -> Iterator[Source]:
    """What to report on: the data folder's SQLite file, or the store ``--store`` names (closed after)."""
    settings = settings_from(ctx, write=False)
    if not store_url:
        yield settings.db_path
        return
    from minimeter.store import open_store

    store = open_store(settings, store_url, read_only=True)
    try:
        yield store
    finally:
        store.close()


@click.command()
@click.argument("which", required=False, default="all", type=click.Choice(REPORT_CHOICES))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (an object of reports for `all`).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (one report: monthly, rates, yoy or flags).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default=None,
              help="Also write a self-contained HTML page with charts to this file.")
@click.option("--account", default=None, help="Only this account number.")
@store_option
@click.pass_context
def report(ctx: click.Context, which: str, as_json: bool, as_csv: bool, html_path: str | None,
           account: str | None, store_url: str | None) -> None:
    """Usage and cost per month, effective rates, year-over-year change and flags.

    WHICH is monthly, rates, yoy, flags or all (default). Numbers use the current version of
    each bill; discarded jobs are left out; bills waiting for review are included and flagged.
    """
    from minimeter.reports import series

    if as_json and as_csv:
        raise ReportError("--json and --csv exclude each other", hint="pick one output format")
    if as_csv and which == "all":
        raise ReportError("CSV holds one table", hint="name one report: monthly, rates, yoy or flags")
    names = list(series.REPORTS) if which == "all" else [which]
    with _source(ctx, store_url) as source:
        results = series.all_series(source, account=account)

    if html_path:
        from minimeter.reports.html import render_html, save_page

        out = save_page(render_html(results), Path(html_path))
        if not (as_json or as_csv):
            console().print(f"Wrote {out}: open it in a browser (it needs no network)")
            return
    if as_json:
        payload: Any = ({n: [{k: _plain(v) for k, v in r.items()} for r in results[n]] for n in names}
                        if which == "all" else [{k: _plain(v) for k, v in r.items()} for r in results[which]])
        click.echo(json.dumps(payload, indent=2))
        return
    if as_csv:
        click.echo(_csv(results[which]), nl=False)
        return
    out_console = console()
    if not results["monthly"] and not results["flags"]:
        if account:
            out_console.print(f"No bills for account {shown(account)}: `minimeter jobs` lists what was processed.")
        else:
            out_console.print("No bills yet: process some with `minimeter process PATH` or `minimeter watch`.")
        return
    for n in names:
        if results[n]:
            out_console.print(_rich_table(n, results[n], out_console.width))
        else:
            out_console.print(f"[dim]{_TITLES[n]}: nothing to show[/]")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "json", "espi"]), default="csv",
              show_default=True, help="Flat tables (csv, parquet, json) or Green Button XML (espi).")
@click.option("--out", "out", type=click.Path(), default=None,
              help="Folder for the tables (default ./minimeter-export) or the XML file "
                   "(default ./minimeter-greenbutton.xml).")
@click.option("--account", default=None, help="Green Button export: only this account number.")
@store_option
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, account: str | None, store_url: str | None) -> None:
    """Export bills, meters and line items as flat tables, or usage per billing period as Green Button XML.

    Tables: bills, meters and line_items (columns documented in docs/reports.md).
    """
    if account and fmt != "espi":
        raise ReportError("--account applies to --format espi only", hint="filter the exported tables yourself")
    with _source(ctx, store_url) as source:
        if fmt == "espi":
            from minimeter.reports.espi import write_espi

            path = write_espi(source, Path(out) if out else Path.cwd() / "minimeter-greenbutton.xml", account=account)
            console().print(f"Wrote {path}")
            return
        from minimeter.reports.exports import export_tables

        for path in export_tables(source, Path(out) if out else Path.cwd() / "minimeter-export", fmt):
            console().print(f"Wrote {path}")
