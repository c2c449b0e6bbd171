"""Core commands: watch, process, extract, jobs, show, retry, worker, demo, tui."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from minimeter.cli._common import console, settings_from, shown, store_option
from minimeter.statuses import FAILED_STATES
from minimeter.statuses import style as status_style
from minimeter.store.lifecycle import Status

if TYPE_CHECKING:
    from minimeter.schema import ExtractionResult
    from minimeter.store.base import Job, JobStore


def _extractor_help() -> str:
    from minimeter.extract.base import available  # names from the plugin registry; imports no extractor

    return f"Extractor: {', '.join(available())} (default from settings)."


extractor_option = click.option("--extractor", "-e", default=None, help=_extractor_help())


def _open(ctx: click.Context, store_url: str | None = None, *, write: bool = True,
          **overrides: Any) -> tuple[Any, JobStore]:
    """Settings and the store; ``write=False`` (jobs, show) also works on a read-only data folder."""
    from minimeter.store import open_store

    settings = settings_from(ctx, write=write, **overrides)
    return settings, open_store(settings, store_url, read_only=not write)


def _bill_row(store: JobStore, job: Job) -> dict[str, Any]:
    bill = store.current_bill(job.id) if job.current_bill_id else None
    b = bill.result.bill if bill else None
    return {
        "id": job.id, "file": job.original_name, "status": job.status, "provider": job.provider or "",
        "account": (b.account_number if b else None) or "",
        "period": f"{b.billing_period_start or '?'} to {b.billing_period_end}" if b and b.billing_period_end else "",
        "amount_due": f"{b.total_amount_due} {b.currency or ''}".strip()
        if b and b.total_amount_due is not None else "",
        "reason": job.last_error or "",
    }


def _jobs_table(rows: list[dict[str, Any]], title: str) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for col in ("id", "file", "status", "provider", "account", "period", "amount_due", "reason"):
        table.add_column(col.replace("_", " "), overflow="fold", max_width=48 if col == "reason" else None)
    for r in rows:
        style = status_style(r["status"])
        table.add_row(*(f"[{style}]{r[c]}[/]" if c == "status" else shown(r[c]) for c in
                        ("id", "file", "status", "provider", "account", "period", "amount_due", "reason")))
    return table


# --- process -------------------------------------------------------------------------------
def _expand(paths: tuple[str, ...]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The regular files named or found under the folders named, and the paths refused with why
    (a FIFO or a device would block or never end when read; a link inside a folder could point at
    anything on the machine)."""
    from minimeter.intake.inbox import files_in

    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found, links = files_in(p)  # links and special files inside a folder: refused as the inbox does
            files += found
            refused += links
        elif p.is_file():  # named on the command line: a link the user names is followed
            files.append(p)
        elif p.exists():
            refused.append((p, "not a regular file (a pipe, socket or device); copy the real file"))
        else:
            raise click.BadParameter(f"{shown(p)} does not exist", param_hint="PATH")
    return files, refused


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@extractor_option
@click.option("--force", is_flag=True, help="Reprocess files already done (earlier results stay as history).")
@click.option("--json", "as_json", is_flag=True, help="Print the jobs as JSON.")
@click.option("--no-work", is_flag=True, help="Only archive and queue the files (workers elsewhere extract them).")
@store_option
@click.pass_context
def process(ctx: click.Context, paths: tuple[str, ...], extractor: str | None, force: bool, as_json: bool,
            no_work: bool, store_url: str | None) -> None:
    """Process files or folders now (they are archived, not moved); exit 1 if any failed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from minimeter.errors import MinimeterError
    from minimeter.intake.inbox import Inbox
    from minimeter.worker import drain

    settings, store = _open(ctx, store_url)
    files, intake_errors = _expand(paths)
    inbox = Inbox(settings, store)
    err = console(stderr=True)
    job_ids: list[int] = []
    refused_ids: set[int] = set()
    new = dup = 0
    t0 = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=as_json) as progress:
        task = progress.add_task("Archiving", total=len(files))
        for f in files:
            try:
                res = inbox.take(f, move=False, force=force)
            except MinimeterError as exc:
                intake_errors.append((f, exc.one_line()))
            else:
                assert res.job is not None  # refused content has a FAILED job with its reason
                job_ids.append(res.job.id)
                if res.error:
                    refused_ids.add(res.job.id)
                new += res.created
                dup += not res.created
            progress.advance(task)
        pending = sum(1 for j in job_ids if (job := store.get_job(j)) and job.status in (Status.PENDING, Status.FAILED)
                      and job.archive_path)
        if pending and not no_work:
            task2 = progress.add_task("Extracting", total=pending)
            drain(settings, store, extractor=extractor, on_outcome=lambda o: progress.advance(task2))
    elapsed = time.perf_counter() - t0
    jobs = [j for i in dict.fromkeys(job_ids) if (j := store.get_job(i))]
    rows = [_bill_row(store, j) for j in jobs]
    failed = [r for r in rows if r["id"] in refused_ids
              or (r["status"] in FAILED_STATES and not (no_work and r["status"] == Status.FAILED))]
    if as_json:
        click.echo(json.dumps({"jobs": rows, "new": new, "duplicates": dup, "seconds": round(elapsed, 3),
                               "intake_errors": [{"file": str(f), "error": e} for f, e in intake_errors]}, indent=2))
    else:
        out = console()
        if rows:
            out.print(_jobs_table(rows, f"{len(files)} file(s): {new} new job(s), {dup} already known"))
        for f, e in intake_errors:
            out.print(f"[red]not taken[/] {shown(f.name)}: {shown(e)}")
        out.print(f"Done in {elapsed:.2f} s.")
    store.close()
    if failed or intake_errors:
        sys.exit(1)


# --- extract -------------------------------------------------------------------------------
def _result_json(result: ExtractionResult) -> dict[str, Any]:
    return {
        **result.bill.model_dump(mode="json"),
        "status": result.status,
        "issues": result.issues,
        "checks": [c.model_dump(mode="json") for c in result.checks],
        "confidence": {k: round(v.confidence, 3) for k, v in result.evidence.items()},
        "extractor": result.extractor,
        "timings": {k: round(v, 4) for k, v in result.timings.items()},
        "tokens": {"prompt": result.tokens_prompt, "completion": result.tokens_completion},
    }


def _fields_table(result: ExtractionResult) -> Any:
    from rich.table import Table

    table = Table(title=f"{result.status} ({result.extractor})", title_justify="left")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("conf.", justify="right")
    table.add_column("source")
    for name in result.bill.scalar_fields():
        value = getattr(result.bill, name)
        if value is None:
            continue
        ev = result.evidence.get(name)
        table.add_row(name, shown(value), f"{ev.confidence:.2f}" if ev else "", shown(ev.source) if ev else "")
    return table


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@extractor_option
@click.option("--json", "as_json", is_flag=True, help="Print BillNormalized JSON plus status and issues.")
@click.pass_context
def extract(ctx: click.Context, file: Path, extractor: str | None, as_json: bool) -> None:
    """Extract one file without touching the database."""
    from minimeter.errors import NoTextError
    from minimeter.pipeline import extract_file, get_extractor
    from minimeter.schema import BillNormalized, ExtractionResult

    settings = settings_from(ctx)
    try:
        _, result = extract_file(file, settings, get_extractor(settings, extractor))
    except NoTextError as exc:
        result = ExtractionResult(bill=BillNormalized(), extractor="none", status=Status.NEEDS_REVIEW.value,
                                  issues=[exc.message])
    if as_json:
        click.echo(json.dumps(_result_json(result), indent=2, ensure_ascii=False))
        return
    out = console()
    out.print(_fields_table(result))
    for issue in result.issues:
        out.print(f"[magenta]review:[/] {shown(issue)}")


# --- jobs / show / retry -----------------------------------------------------------------------
@click.command()
@click.option("--status", "-s", default=None, help="Only these statuses (comma-separated), e.g. NEEDS_REVIEW,DEAD.")
@click.option("--search", default=None, help="Match file name, provider or account.")
@click.option("--limit", default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@store_option
@click.pass_context
def jobs(ctx: click.Context, status: str | None, search: str | None, limit: int, as_json: bool,
         store_url: str | None) -> None:
    """List jobs, newest first."""
    _, store = _open(ctx, store_url, write=False)
    rows = [_bill_row(store, j) for j in store.list_jobs(status, limit=limit, search=search)]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    counts = store.counts()
    summary = "  ".join(f"{k.lower()}: {v}" for k, v in counts.items() if v)
    console().print(_jobs_table(rows, summary or "no jobs yet"))


def _find(store: JobStore, ref: str) -> Job:
    from minimeter.errors import MinimeterError

    job = store.find_job(ref)
    if job is None:
        raise MinimeterError(f"no job matches {ref!r}", hint="use an id or a sha256 prefix from `minimeter jobs`")
    return job


@click.command()
@click.argument("job_ref", metavar="JOB")
@click.option("--json", "as_json", is_flag=True)
@store_option
@click.pass_context
def show(ctx: click.Context, job_ref: str, as_json: bool, store_url: str | None) -> None:
    """Show one job: its fields, the checks, and its history."""
    from dataclasses import asdict

    _, store = _open(ctx, store_url, write=False)
    job = _find(store, job_ref)
    bill = store.current_bill(job.id)
    events = store.events(job.id)
    if as_json:
        click.echo(json.dumps({"job": asdict(job), "result": _result_json(bill.result) if bill else None,
                               "versions": len(store.bill_versions(job.id)),
                               "events": [asdict(e) for e in events]}, indent=2, default=str))
        return
    out = console()
    style = status_style(job.status)
    out.print(f"[bold]Job {job.id}[/] {shown(job.original_name)}  [{style}]{job.status}[/]  attempts {job.attempts}/"
              f"{job.max_attempts}\n{job.sha256}\narchived at {shown(job.archive_path)}")
    if job.last_error:
        out.print(f"[red]reason:[/] {shown(job.last_error)}")
    if bill:
        out.print(_fields_table(bill.result))
        for c in bill.result.checks:
            mark = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[dim]n/a[/]"}[c.passed]
            out.print(f"  {mark} {c.rule}: {shown(c.message)}")
    for e in events:
        out.print(f"[dim]{e.at}[/] {e.kind:<12} {e.to_status or '':<13} {shown(e.message or '')}")


@click.command()
@click.argument("job_refs", nargs=-1, metavar="JOB...")
@click.option("--all-dead", is_flag=True, help="Retry every DEAD job.")
@click.option("--all-failed", is_flag=True, help="Retry every FAILED job.")
@store_option
@click.pass_context
def retry(ctx: click.Context, job_refs: tuple[str, ...], all_dead: bool, all_failed: bool,
          store_url: str | None) -> None:
    """Put jobs back in the queue (a watcher or `minimeter worker` picks them up)."""
    from minimeter.errors import MinimeterError

    _, store = _open(ctx, store_url)
    targets = [_find(store, r) for r in job_refs]
    if all_dead:
        targets += store.list_jobs(Status.DEAD, limit=100_000)
    if all_failed:
        targets += store.list_jobs(Status.FAILED, limit=100_000)
    if not targets:
        raise MinimeterError("nothing to retry", hint="name a job, or use --all-dead / --all-failed")
    for job in targets:
        store.retry(job.id, by="cli")
    click.echo(f"{len(targets)} job(s) queued again.")


# --- long-running ----------------------------------------------------------------------------
@click.command()
@click.option("--polling", is_flag=True, help="Poll the folder (network shares) instead of OS events.")
@click.option("--workers", "-w", type=int, default=None, help="Worker threads (default from settings).")
@extractor_option
@store_option
@click.pass_context
def watch(ctx: click.Context, polling: bool, workers: int | None, extractor: str | None, store_url: str | None) -> None:
    """Watch the inbox and process bills as they arrive, until Ctrl-C."""
    import threading

    from minimeter.service import Service, ServiceEvent

    settings, store = _open(ctx, store_url, watch_mode="polling" if polling else None)
    out = console()

    def show_event(ev: ServiceEvent) -> None:
        style = status_style(ev.status or "")
        job = f"job {ev.job_id}" if ev.job_id else "-"
        status = f"[{style}]{ev.status or ''}[/]"
        out.print(f"{time.strftime('%H:%M:%S')} {ev.kind:<8} {job:<9} {status} {shown(ev.message)}")

    service = Service(settings, store, listener=show_event, workers=workers, extractor=extractor)
    out.print(f"Watching {shown(settings.inbox_dir)} ({settings.watch_mode}); Ctrl-C to stop.")
    service.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        out.print("Stopping (finishing the current job)...")
    finally:
        service.stop()
        store.close()


def _serve_child(settings: Any, store_url: str | None, extractor: str | None, index: int, parent: int) -> None:
    """Entry point of one ``worker --concurrency N`` process: errors become one line, not a traceback."""
    import logging

    from minimeter.errors import MinimeterError
    from minimeter.worker import die_with_parent, serve_forever

    die_with_parent(parent)
    try:
        serve_forever(settings, store_url, extractor=extractor, index=index)
    except MinimeterError as exc:
        click.secho(f"Error: worker {index}: {exc.one_line()}", fg="red", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: one line here, the traceback in the log
        logging.getLogger("minimeter.worker").exception("worker %s crashed", index)
        click.secho(f"Error: worker {index}: unexpected {type(exc).__name__}: {exc} (details in the log)",
                    fg="red", err=True)
        sys.exit(2)


def threads_per_worker(concurrency: int) -> int:
    """Model threads for each of ``concurrency`` worker processes: the cores shared out, at least one."""
    import os

    return max(1, (os.cpu_count() or 1) // max(1, concurrency))


def _run_pool(settings: Any, store_url: str | None, extractor: str | None, concurrency: int) -> int:
    """Start ``concurrency`` worker processes and wait for them. SIGTERM/SIGINT are forwarded as
    SIGTERM (each child finishes or releases its job, then exits); a second signal kills them,
    and their jobs are reclaimed once the lease expires. Returns the number of children that failed."""
    import multiprocessing as mp
    import os
    import signal
    from contextlib import suppress

    ctx = mp.get_context("spawn")
    procs: list[Any] = []
    signals: list[int] = []
    err = console(stderr=True)

    def forward(signum: int, frame: object) -> None:
        signals.append(signum)
        hard = len(signals) > 1
        for p in procs:
            if p.pid is not None and p.exitcode is None:
                with suppress(ProcessLookupError):  # it exited on its own meanwhile
                    os.kill(p.pid, signal.SIGKILL if hard else signal.SIGTERM)
        if hard:
            err.print("Stopping now; jobs still running are reclaimed when their lease expires.")
        else:
            err.print(f"Stopping {len(procs)} workers (each finishes its current job); signal again to kill.")

    old_int = signal.signal(signal.SIGINT, signal.SIG_IGN)  # children inherit SIG_IGN until they set handlers
    old_term = signal.signal(signal.SIGTERM, forward)
    try:
        for i in range(concurrency):
            if signals:
                break
            p = ctx.Process(target=_serve_child, args=(settings, store_url, extractor, i, os.getpid()),
                            name=f"minimeter-worker-{i}")
            p.start()
            procs.append(p)
        signal.signal(signal.SIGINT, forward)
        if signals:  # a signal came while starting: pass it on to the children started since
            forward(signals.pop(), None)
        for p in procs:
            p.join()
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
    return sum(1 for p in procs if p.exitcode not in (0, -signal.SIGTERM, -signal.SIGKILL))


@click.command()
@store_option
@click.option("--concurrency", "-c", type=int, default=1, show_default=True, help="Worker processes.")
@extractor_option
@click.pass_context
def worker(ctx: click.Context, store_url: str | None, concurrency: int, extractor: str | None) -> None:
    """Run extraction workers until SIGTERM/Ctrl-C; each finishes or releases its job."""
    from minimeter.errors import MinimeterError
    from minimeter.store import open_store
    from minimeter.worker import serve_forever

    settings = settings_from(ctx)
    open_store(settings, store_url).close()  # a wrong URL or missing database: one message, before any fork
    if concurrency <= 1:
        serve_forever(settings, store_url, extractor=extractor)
        return
    if "model_threads" not in settings.model_fields_set:
        # llama.cpp's threads spin while they wait for each other: N processes with 2 threads each on
        # 2 cores ran slower than one process (docs/benchmarks: 64 vs 288 bills/min); share the cores instead.
        settings = settings.model_copy(update={"model_threads": threads_per_worker(concurrency)})
    failed = _run_pool(settings, store_url, extractor, concurrency)
    if failed:
        raise MinimeterError(f"{failed} of {concurrency} workers stopped with an error", hint="see the lines above")
    click.echo(f"{concurrency} workers stopped.", err=True)


@click.command()
@click.option("--count", default=6, show_default=True, help="How many sample bills to write.")
@click.option("--fresh", is_flag=True, help="Start from an empty demo folder.")
@extractor_option
@click.pass_context
def demo(ctx: click.Context, count: int, fresh: bool, extractor: str | None) -> None:
    """Write sample bills into a demo inbox, process them, and print a summary."""
    import shutil

    from minimeter.intake.inbox import Inbox
    from minimeter.samples import generate
    from minimeter.settings import load_settings
    from minimeter.store import open_store
    from minimeter.worker import drain

    base = settings_from(ctx)
    home = base.home / "demo"
    if fresh and home.exists():
        shutil.rmtree(home)
    settings = load_settings(home, stable_seconds=0.0)
    settings.ensure_dirs()
    out = console()
    paths = generate(settings.inbox_dir, count, seed=int(time.time()) % 10_000 if fresh else 1, with_truth=False)
    out.print(f"Wrote {len(paths)} sample bills into {shown(settings.inbox_dir)}")
    store = open_store(settings)
    inbox = Inbox(settings, store)
    inbox.scan()  # first sight: remembers size and mtime
    results = inbox.scan()  # second sight: stable (stable_seconds=0 for the demo) -> taken
    with out.status("Extracting..."):
        drain(settings, store, extractor=extractor)
    rows = [_bill_row(store, r.job) for r in results if r.job]
    rows = [_bill_row(store, j) for r in rows if (j := store.get_job(r["id"]))]
    out.print(_jobs_table(rows, f"Demo: {len(rows)} bills (data folder {shown(home)})"))
    counts = store.counts()
    out.print("  ".join(f"{k.lower()}: {v}" for k, v in counts.items() if v))
    out.print("Open the review queue with `minimeter --home " + shown(home) + "`.")
    store.close()


@click.command()
@store_option
@click.option("--no-watch", is_flag=True, help="Only show the store; run no watcher or workers here.")
@click.pass_context
def tui(ctx: click.Context, store_url: str | None, no_watch: bool) -> None:
    """Open the terminal UI (on a shared store with --store URL)."""
    from minimeter.store import open_store
    from minimeter.tui.app import make_app

    settings = settings_from(ctx)
    store = open_store(settings, store_url)
    make_app(settings, store=store, start_service=not no_watch).run()
