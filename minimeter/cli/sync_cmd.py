"""``minimeter sync``: push finished and corrected bills to Postgres, BigQuery and Cloud Storage."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from minimeter.cli._common import console, settings_from, shown

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.sync.base import SyncTarget
    from minimeter.sync.runner import TargetReport

_STYLE = {
    "ok": "green",
    "up to date": "green",
    "dry run": "cyan",
    "skipped": "dim",
    "offline": "red",
    "failed": "red",
}


def _targets(settings: Settings, which: str, dry_run: bool) -> dict[str, SyncTarget | None]:
    from minimeter.errors import ConfigError
    from minimeter.sync.base import REGISTRY

    # "all": every target that loads (a broken plugin is reported and left out, never fatal).
    classes = REGISTRY.load_all() if which == "all" else {which: REGISTRY.get(which)}
    out: dict[str, SyncTarget | None] = {}
    for name, cls in classes.items():
        if not cls.configured(settings):
            if which != "all":
                # Named explicitly: that is a request we cannot honour, not a note.
                cls(settings)  # raises the ConfigError that names the setting
                raise ConfigError(f"{name} is not configured", hint="see docs/sync.md")
            out[name] = None
            continue
        out[name] = cls(settings)
    if not dry_run and all(t is None for t in out.values()):
        raise ConfigError(
            "no sync target is configured",
            hint=f"configure one of {', '.join(out) or 'the installed targets'} in config.toml (docs/sync.md)",
        )
    return out


def _choices() -> list[str]:
    # The registry itself, not minimeter.sync.base: names come from metadata, and --help stays
    # free of the store and schema imports.
    from minimeter import plugins

    return [*plugins.sync_targets.names(), "all"]


def _table(reports: list[TargetReport]) -> object:
    from rich.table import Table

    table = Table(title="Sync", title_justify="left")
    for col, just in (
        ("target", "left"),
        ("status", "left"),
        ("pending", "right"),
        ("sent", "right"),
        ("written", "right"),
        ("watermark", "right"),
        ("seconds", "right"),
        ("note", "left"),
    ):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in reports:
        style = _STYLE.get(r.status, "")
        table.add_row(
            r.name,
            f"[{style}]{r.status}[/]" if style else r.status,
            str(r.pending),
            str(r.sent),
            str(r.written),
            str(r.watermark),
            f"{r.seconds:.1f}",
            shown(r.message),  # server and driver text: data, never markup
        )
    return table


@click.command("sync")
@click.option(
    "--target",
    "which",
    type=click.Choice(_choices()),
    default="all",
    show_default=True,
    help="Which target to push to (all: every configured one).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; contact nothing, change nothing.")
@click.option(
    "--since",
    type=click.IntRange(min=0),
    default=None,
    help="Re-send outbox rows after sequence number N (watermarks never move back).",
)
@click.pass_context
def sync(ctx: click.Context, which: str, dry_run: bool, since: int | None) -> None:
    """Push bills to Postgres and BigQuery and originals to Cloud Storage.

    Safe to interrupt and run again: each target has its own watermark that moves only after
    the target committed, and every write is an idempotent upsert.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from minimeter.errors import OfflineError, SyncError
    from minimeter.store import open_store
    from minimeter.sync.runner import SyncRunner

    settings = settings_from(ctx)
    targets = _targets(settings, which, dry_run)
    store = open_store(settings)
    out = console()
    try:
        with Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console(stderr=True),
            transient=True,
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=total)
                bar.update(tasks[name], completed=done, total=total)

            runner = SyncRunner(store, settings, targets, progress=progress)
            reports = runner.run(since=since, dry_run=dry_run)
    finally:
        store.close()
    out.print(_table(reports))
    failed = [r for r in reports if r.error is not None]
    if failed:
        names = ", ".join(r.name for r in failed)
        first = failed[0].error
        assert first is not None
        summary = (
            f"{names}: {first.message}"
            if len(failed) == 1
            else f"{len(failed)} targets failed ({names}): {first.message}"
        )
        cls = OfflineError if all(isinstance(r.error, OfflineError) for r in failed) else SyncError
        hint = f"{first.hint}; " if first.hint else ""
        raise cls(summary, hint=hint + "nothing was lost: unsent bills stay queued for the next `minimeter sync`")
