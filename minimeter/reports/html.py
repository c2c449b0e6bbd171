"""The one-file HTML report: charts per account (inline SVG), flags and the monthly table.

Contract: ``render_html(series) -> str``, ``save_page(page, path)`` and
``write_html(store_path, path, account=None)``.
The page loads nothing from anywhere (no scripts, fonts or images from outside), so it
opens offline in any browser. Raises ``ReportError`` when the file cannot be written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ReportError
from minimeter.reports.charts import bar_chart, line_chart

if TYPE_CHECKING:
    from minimeter.reports.engine import Source

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2430;background:#fff}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde3ea}
.meta{color:#5b6675;font-size:13px;margin-bottom:12px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart{border:1px solid #e3e8ee;border-radius:6px;background:#fbfcfd}
.ct{font-size:13px;font-weight:600;fill:#1d2430} .yl{font-size:11px;fill:#5b6675;text-anchor:end}
.xl{font-size:10px;fill:#5b6675;text-anchor:middle} .unit{font-size:11px;fill:#5b6675;text-anchor:middle}
.grid{stroke:#e6ebf0;stroke-width:1} .axis{stroke:#9aa5b1;stroke-width:1}
.bar.pending{opacity:.45}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{border-bottom:1px solid #e6ebf0;padding:4px 8px;text-align:left} td.n{text-align:right}
th{background:#f3f6f9} .flag{font-weight:600;color:#a33a12} .none{color:#5b6675}
"""

_FLAG_LABEL = {"usage_spike": "usage spike", "cost_spike": "cost spike", "rate_jump": "rate jump", "gap": "gap",
               "overlap": "overlap", "duplicate": "duplicate", "needs_review": "needs review"}


def _months_between(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _f(v: Any) -> float | None:
    return None if v is None else float(v)


def _cell(v: Any) -> str:
    if v is None:
        return '<td class="n none">–</td>'
    if isinstance(v, (int, float, Decimal)):
        return f'<td class="n">{escape(str(v))}</td>'
    if isinstance(v, list):
        return f"<td>{escape(', '.join(str(x) for x in v))}</td>"
    return f"<td>{escape(str(v))}</td>"


def _table(rows: Sequence[dict[str, Any]], cols: Sequence[str]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(_cell(r.get(c)) for c in cols) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _account_section(rows: list[dict[str, Any]]) -> str:
    account, provider = rows[0]["account"], rows[0]["provider"]
    months = _months_between(rows[0]["month"], rows[-1]["month"])
    by = {r["month"]: r for r in rows}

    def col(key: str) -> list[float | None]:
        return [_f(by[m][key]) if m in by else None for m in months]

    pending = [bool(by[m]["pending_review"]) if m in by else False for m in months]
    label = f"{account or '(no account number)'} · {provider or 'unknown provider'}"
    charts = []
    if any(v is not None for v in col("kwh")):
        charts.append(bar_chart("Electricity per month", months, col("kwh"), "kWh", muted=pending))
    if any(v is not None for v in col("therms")):
        charts.append(bar_chart("Gas per month", months, col("therms"), "therms", muted=pending, color="#3b8f5a"))
    charts.append(bar_chart("Cost per month", months, col("cost"), rows[0]["currency"] or "cost", muted=pending,
                            color="#7a4fb0"))
    if any(v is not None for v in col("cost_per_kwh")):
        charts.append(line_chart("Cost per kWh", months, col("cost_per_kwh"), "per kWh"))
    if any(v is not None for v in col("cost_per_therm")):
        charts.append(line_chart("Cost per therm", months, col("cost_per_therm"), "per therm", color="#8a6d12"))
    note = ""
    if any(pending):
        note = '<p class="meta">Lighter bars: the month includes bills still waiting for review.</p>'
    return f'<section><h2>{escape(label)}</h2><div class="charts">{"".join(charts)}</div>{note}</section>'


def render_html(series: dict[str, list[dict[str, Any]]], *, generated: dt.datetime | None = None) -> str:
    """The whole page for the output of ``series.all_series``."""
    monthly, flags = series.get("monthly", []), series.get("flags", [])
    stamp = (generated or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        _account_section(list(group))
        for _, group in groupby(monthly, key=lambda r: (r["account"], r["provider"]))
    ]
    if flags:
        shown = [{**f, "flag": _FLAG_LABEL.get(f["flag"], f["flag"])} for f in flags]
        flag_html = _table(shown, ["flag", "account", "provider", "period_start", "period_end", "job_ids", "detail"])
    else:
        flag_html = '<p class="none">Nothing to flag.</p>'
    accounts = len({(r["account"], r["provider"]) for r in monthly})
    body = "".join(sections) or '<p class="none">No bills yet: process some with <code>minimeter process</code>.</p>'
    cols = ["account", "provider", "month", "bills", "days", "kwh", "therms", "cost", "cost_per_kwh",
            "cost_per_therm", "pending_review"]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>MiniMeter report</title><style>{_CSS}</style></head><body>"
        f"<h1>MiniMeter: usage and cost</h1><p class=\"meta\">Generated {escape(stamp)} · {accounts} account(s) · "
        f"{len(flags)} flag(s) · billing periods prorated into calendar months by days</p>"
        f"{body}<h2>Flags</h2>{flag_html}<h2>Per month</h2>{_table(monthly, cols)}</body></html>\n"
    )


def save_page(page: str, path: Path | str) -> Path:
    """Write ``page`` to ``path`` atomically (beside it, then renamed)."""
    out = Path(path)
    tmp = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportError(f"cannot write {out}: {exc.strerror}", hint="pick another --html path") from exc
    return out


def write_html(store_path: Source, path: Path | str, *, account: str | None = None) -> Path:
    """Compute every series and write the page to ``path``."""
    from minimeter.reports.series import all_series

    return save_page(render_html(all_series(store_path, account=account)), path)
