"""What the screens show, computed away from the UI thread.

Every function here takes the store (and settings) and returns plain dataclasses. Screens
call them from ``@work(thread=True)`` workers and get the results back as messages, so a
slow query or a busy database never freezes the terminal. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter import keys
from minimeter.review import display_value as display_value  # (the TUI screens format values with it)
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.statuses import REVIEW_ORDER
from minimeter.store.lifecycle import Status

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.settings import Settings
    from minimeter.store.base import BillVersion, Event, Job, JobStore

# The truth-file fields of ../shared/realbills (README there): flat, numbers as numbers.
TRUTH_FIELDS = (
    "provider", "account_number", "service_address", "statement_date", "due_date", "billing_period_start",
    "billing_period_end", "total_amount_due", "currency", "electricity_kwh", "gas_therms", "gas_usage",
    "gas_usage_unit", "water_usage", "water_usage_unit", "demand_kw", "meter_number", "rate_plan",
    "previous_balance", "current_charges",
)


def short_time(iso: str | None) -> str:
    """``2026-11-28T15:01:02.123Z`` -> ``11-28 15:01`` (local-independent: stored times are UTC)."""
    if not iso:
        return ""
    return f"{iso[5:10]} {iso[11:16]}"


def short_path(path: Path | str | None) -> str:
    """A path with the user's home folder written as ``~`` (shorter, and the same on every machine)."""
    if path is None:
        return "-"
    p = str(path)
    home = str(Path.home())
    return "~" + p[len(home):] if home not in ("", "/") and p.startswith(home + os.sep) else p


@dataclass(frozen=True)
class JobRow:
    id: int
    file: str
    provider: str
    account: str
    period: str
    amount: str
    amount_value: Decimal | None
    status: str
    confidence: float | None
    time: str
    attempts: int
    error: str


def job_row(store: JobStore, job: Job) -> JobRow:
    version = store.current_bill(job.id) if job.current_bill_id else None
    bill = version.result.bill if version else None
    conf = [e.confidence for e in version.result.evidence.values()] if version else []
    period = ""
    if bill and (bill.billing_period_start or bill.billing_period_end):
        period = f"{bill.billing_period_start or '?'}..{bill.billing_period_end or '?'}"
    amount = ""
    if bill and bill.total_amount_due is not None:
        amount = f"{bill.total_amount_due:,.2f}" + (f" {bill.currency}" if bill.currency else "")
    return JobRow(
        id=job.id, file=job.original_name, provider=(bill.provider if bill and bill.provider else job.provider) or "",
        account=(bill.account_number if bill else None) or "", period=period, amount=amount,
        amount_value=bill.total_amount_due if bill else None, status=job.status,
        confidence=min(conf) if conf else None, time=short_time(job.updated_at), attempts=job.attempts,
        error=(job.last_error or "").splitlines()[0] if job.last_error else "",
    )


RowCache = dict[tuple[int, str, int | None], JobRow]


def job_rows(store: JobStore, *, status: str | None = None, search: str | None = None,
             limit: int = 500, cache: RowCache | None = None) -> list[JobRow]:
    """Rows for the jobs table. With ``cache``, only jobs that changed since the last call are
    re-read (parsing a stored bill is the expensive part; the table reloads often while work runs)."""
    rows = []
    for j in store.list_jobs(status, limit=limit, search=search or None):
        key = (j.id, j.updated_at, j.current_bill_id)
        row = cache.get(key) if cache is not None else None
        if row is None:
            row = job_row(store, j)
            if cache is not None:
                cache[key] = row
        rows.append(row)
    if cache is not None and len(cache) > 4 * limit:
        live = {(r.id) for r in rows}
        for key in [k for k in list(cache) if k[0] not in live]:
            del cache[key]
    return rows


def queued(store: JobStore, counts: dict[str, int]) -> int:
    """Jobs the workers will still run: pending, running, and failed ones with a retry planned."""
    waiting = counts.get(Status.FAILED, 0) and sum(1 for j in store.list_jobs(Status.FAILED, limit=10_000)
                                                    if not stuck(j))
    return counts.get(Status.PENDING, 0) + counts.get(Status.RUNNING, 0) + int(waiting or 0)


def stuck(job: Job) -> bool:
    """FAILED with no automatic retry planned (a file that cannot get better): a person must decide."""
    return job.status == Status.FAILED and not job.next_attempt_at


def dead_rows(store: JobStore, limit: int = 500) -> list[JobRow]:
    """Dead letters, plus failed jobs that will not be retried automatically."""
    jobs = store.list_jobs(Status.DEAD, limit=limit) + [j for j in store.list_jobs(Status.FAILED, limit=limit)
                                                        if stuck(j)]
    return [job_row(store, j) for j in sorted(jobs, key=lambda j: j.id)]


def review_rows(store: JobStore, limit: int = 500) -> list[JobRow]:
    """NEEDS_REVIEW first, then DEAD, then FAILED; oldest first inside each group (first in, first out)."""
    rows: list[JobRow] = []
    for status in REVIEW_ORDER:
        jobs = store.list_jobs(status, limit=limit)
        rows += [job_row(store, j) for j in sorted(jobs, key=lambda j: j.id)]
    return rows


# --- job detail ----------------------------------------------------------------------------
@dataclass
class JobDetail:
    job: Job
    version: BillVersion | None
    versions: int
    events: list[Event]
    doc: Document | None


def job_detail(store: JobStore, job_id: int) -> JobDetail | None:
    from minimeter.readers.base import Document

    job = store.get_job(job_id)
    if job is None:
        return None
    raw = store.load_document(job.sha256)
    doc = Document.model_validate_json(raw) if raw else None
    return JobDetail(job=job, version=store.current_bill(job_id), versions=len(store.bill_versions(job_id)),
                     events=store.events(job_id), doc=doc)


def bill_from_form(values: dict[str, str], base: BillNormalized) -> BillNormalized:
    """The bill a reviewer typed: scalar fields from the form (empty -> None), lists kept from ``base``.

    Raises pydantic.ValidationError with one entry per bad field (the form shows each next to its input).
    """
    data: dict[str, Any] = {k: (v.strip() or None) for k, v in values.items()}
    data["meters"] = [m.model_dump() for m in base.meters]
    data["line_items"] = [li.model_dump() for li in base.line_items]
    return BillNormalized.model_validate(data)


def reviewed_result(original: ExtractionResult | None, bill: BillNormalized) -> ExtractionResult:
    """The machine's result with the reviewer's bill (``minimeter.review``: one copy for TUI and CLI)."""
    from minimeter.review import reviewed_result as core

    return core(original, bill)


def live_checks(result: ExtractionResult, doc: Document | None, settings: Settings) -> ExtractionResult:
    """Run the pipeline's own validation on an edited result (never a second copy of the rules)."""
    from minimeter.review import live_checks as core

    return core(result, doc, settings)


# --- eval-case export --------------------------------------------------------------------------
def _truth_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def truth_json(bill: BillNormalized, note: str) -> dict[str, Any]:
    """A bill in the realbills truth format: flat fields, numbers as numbers, ISO dates, ``notes``."""
    out = {name: _truth_value(getattr(bill, name)) for name in TRUTH_FIELDS}
    out["notes"] = note
    return out


def export_eval_case(settings: Settings, job: Job, bill: BillNormalized, reviewer: str) -> Path:
    """Write ``<name><ext>`` (the archived original) and ``<name>.truth.json`` into ``eval-cases/``.

    Returns the truth file's path. The name is stable per job (``job<id>-<stem>``) so exporting the
    same job twice overwrites its earlier case rather than duplicating it.
    """
    folder = settings.home / "eval-cases"
    folder.mkdir(parents=True, exist_ok=True)
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(job.original_name).stem)[:60]
    name = f"job{job.id}-{stem}"
    ext = job.ext if job.ext.startswith(".") or not job.ext else f".{job.ext}"
    ext = ext or Path(job.archive_path).suffix
    shutil.copyfile(job.archive_path, folder / f"{name}{ext}")
    truth = folder / f"{name}.truth.json"
    note = f"Exported from a MiniMeter review of job {job.id} by {reviewer} on {dt.date.today().isoformat()}."
    truth.write_text(json.dumps(truth_json(bill, note), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return truth


# --- insights ----------------------------------------------------------------------------------
@dataclass
class AccountSeries:
    account: str
    provider: str
    labels: list[str] = field(default_factory=list)
    usage: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    unit: str = "kWh"

    @property
    def cost_per_unit(self) -> float | None:
        pairs = [(c, u) for c, u in zip(self.cost, self.usage, strict=False) if u]
        return sum(c for c, _ in pairs) / sum(u for _, u in pairs) if pairs else None


@dataclass
class Insights:
    series: list[AccountSeries]
    flags: list[str]
    source: str
    """``reports`` (the DuckDB reports) or ``store`` (the fallback over current bills)."""
    note: str = ""


def _fallback_series(store: JobStore) -> list[AccountSeries]:
    by_account: dict[str, list[BillNormalized]] = {}
    for version in store.iter_current_bills():
        if version.status != Status.SUCCEEDED:
            continue
        b = version.result.bill
        if b.billing_period_end is None:
            continue
        by_account.setdefault(b.account_number or "(no account)", []).append(b)
    out: list[AccountSeries] = []
    for account, bills in sorted(by_account.items()):
        bills.sort(key=lambda b: b.billing_period_end or dt.date.min)
        s = AccountSeries(account=account, provider=next((b.provider for b in bills if b.provider), "") or "")
        use_gas = all(b.electricity_kwh is None for b in bills) and any(b.gas_therms is not None for b in bills)
        s.unit = "therms" if use_gas else "kWh"
        for b in bills:
            s.labels.append(str(b.billing_period_end)[:7])
            q = b.gas_therms if use_gas else b.electricity_kwh
            s.usage.append(float(q or 0))
            cost = b.current_charges if b.current_charges is not None else b.total_amount_due
            s.cost.append(float(cost or 0))
        out.append(s)
    return out


def _reports_series(store: JobStore) -> tuple[list[AccountSeries], list[str]]:
    from minimeter.reports import series as reports  # DuckDB: imported only when insights are shown

    by_account: dict[str, AccountSeries] = {}
    for row in reports.monthly_series(store):
        key = row.get("account") or "(no account)"
        s = by_account.setdefault(key, AccountSeries(account=key, provider=row.get("provider") or ""))
        s.labels.append(str(row.get("month")))
        kwh, therms = row.get("kwh"), row.get("therms")
        if kwh is None and therms is not None:
            s.unit = "therms"
        s.usage.append(float((kwh if s.unit == "kWh" else therms) or 0))
        s.cost.append(float(row.get("cost") or 0))
    flags = []
    for f in reports.flags(store):
        period = f"{f.get('period_start') or ''}..{f.get('period_end') or ''}"
        flags.append(f"{f.get('flag')}: {f.get('account') or '-'} {period}  {f.get('detail') or ''}".rstrip())
    for s in by_account.values():  # chronological, whatever order the report returned
        order = sorted(range(len(s.labels)), key=lambda i: s.labels[i])
        s.labels = [s.labels[i] for i in order]
        s.usage = [s.usage[i] for i in order]
        s.cost = [s.cost[i] for i in order]
    return [by_account[k] for k in sorted(by_account)], flags


def insights_fallback(store: JobStore, why: str) -> Insights:
    return Insights(series=_fallback_series(store), flags=[], source="store", note=f"{why}: showing per-bill series")


def insights(store: JobStore, settings: Settings) -> Insights:
    """The reports module's series and flags when it is installed and works, else a simple fallback.

    Both read ``store``, the one the TUI shows (the shared store with ``minimeter tui --store URL``)."""
    try:
        series, flags = _reports_series(store)
        return Insights(series=series, flags=flags, source="reports")
    except ImportError:
        return insights_fallback(store, "reports not available (DuckDB reports are not installed)")
    except Exception as exc:  # a report failing must not take the screen down
        msg = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        return insights_fallback(store, f"reports not available ({msg.splitlines()[0][:120]})")


# --- settings / status ---------------------------------------------------------------------
@dataclass
class StatusInfo:
    rows: list[tuple[str, str]]
    sync: list[tuple[str, str]]


def gemini_configured(settings: Settings) -> str:
    """Where the Gemini key comes from (the same lookup the extractor uses), never the key."""
    found = keys.describe(keys.GEMINI, settings)
    return "no (offline extraction only)" if found == "no" else found


def store_url(store: JobStore) -> str:
    """The URL that opens ``store`` again (in the insights process); may hold a password."""
    from minimeter.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        return f"sqlite:///{store.path.resolve()}"
    url = getattr(store, "url", None)
    if not isinstance(url, str):
        raise RuntimeError(f"cannot reopen a {type(store).__name__} in another process")
    return url


def store_description(store: JobStore) -> str:
    """The store the TUI shows, for people: the SQLite file and its size, or the URL without its password."""
    from urllib.parse import urlsplit, urlunsplit

    from minimeter.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        db = store.path
        kb = sum(p.stat().st_size for p in (db, db.with_name(db.name + "-wal")) if p.exists()) / 1024
        return f"{short_path(db)} ({kb:,.0f} KB)"
    try:
        parts = urlsplit(store_url(store))
    except RuntimeError:
        return type(store).__name__
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def status_info(store: JobStore, settings: Settings, service_extractor: str | None,
                worker_error: str | None) -> StatusInfo:
    counts = store.counts()
    rows = [
        ("extractor", service_extractor or settings.extractor),
        ("model", short_path(settings.model_path) if settings.model_path else "default (see models/README.md)"),
        ("Gemini", gemini_configured(settings)),
        ("data folder", short_path(settings.home)),
        ("inbox", short_path(settings.inbox_dir)),
        ("watch mode", f"{settings.watch_mode} (full rescan every {settings.rescan_seconds:g}s)"),
        ("workers", f"{settings.workers} (max {settings.max_attempts} attempts, then dead letter)"),
        ("database", store_description(store)),
        ("jobs", ", ".join(f"{k.lower()} {v}" for k, v in counts.items() if v) or "none yet"),
    ]
    if worker_error:
        rows.append(("workers say", worker_error))
    sync_rows = []
    state = getattr(store, "sync_state", None)
    for r in state() if callable(state) else []:
        when = short_time(r.get("updated_at"))
        err = f"  error: {r['last_error']}" if r.get("last_error") else ""
        sync_rows.append((str(r.get("target")), f"up to outbox #{r.get('watermark')} at {when}{err}"))
    return StatusInfo(rows=rows, sync=sync_rows)
