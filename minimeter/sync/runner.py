"""The sync loop: outbox -> each target, watermark moved only after the target committed.

Targets are independent: each has its own watermark, its own failure and its own report, so
Postgres succeeding and BigQuery failing moves only Postgres forward and the next run retries
only BigQuery. A target with nothing pending is not contacted at all (an offline laptop with
nothing to send has nothing to complain about). A target that keeps files (``push_templates``) also
gets the data folder's layout templates that changed since it last took them (``sync.templates``).
Only ``set_watermark`` ever moves a watermark, and it only goes up: ``--since`` re-sends older rows
without rewinding anything.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from minimeter.errors import MinimeterError, OfflineError, SyncError
from minimeter.sync.base import REGISTRY, Batch, SyncItem, SyncTarget
from minimeter.sync.templates import TemplateFile, folder_id, mark_pushed
from minimeter.sync.templates import pending as templates_pending

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import Job, JobStore, OutboxRow

log = logging.getLogger("minimeter.sync")
FAULT_ENV = "MINIMETER_FAULT"

Progress = Callable[[str, int, int], None]
"""``(target, outbox rows done, outbox rows to do)``."""


@dataclass
class TargetReport:
    name: str
    status: str = "ok"
    """ok | up to date | dry run | skipped | offline | failed"""
    pending: int = 0
    """Outbox rows after the starting point when the run began."""
    sent: int = 0
    """Outbox rows covered by batches the target committed."""
    written: int = 0
    """Records the target wrote (bills for table targets, objects for Cloud Storage)."""
    watermark: int = 0
    seconds: float = 0.0
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    """Notes from the target that did not stop the sync (a missing original...)."""
    templates: int = 0
    """Template files the target wrote (targets that keep them: Cloud Storage)."""
    error: MinimeterError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


def configured(name: str, settings: Settings) -> bool:
    """Whether the settings name this target at all (not whether it is reachable)."""
    return REGISTRY.get(name).configured(settings)


def make_target(name: str, settings: Settings) -> SyncTarget:
    """Build the target registered as ``name``; ``ConfigError`` for an unknown or unconfigured one."""
    return REGISTRY.get(name)(settings)


def build_batch(store: JobStore, rows: list[OutboxRow]) -> Batch:
    """Resolve outbox rows to bill versions, keeping the highest version per job."""
    best: dict[int, SyncItem] = {}
    jobs: dict[int, Job] = {}
    for row in rows:
        bill = store.bill_by_id(row.bill_id)
        job = jobs.get(row.job_id) or store.get_job(row.job_id)
        if bill is None or job is None:  # cannot happen with the SQLite store's foreign keys
            log.warning("outbox row %s points at a missing bill or job; skipped", row.seq)
            continue
        jobs[row.job_id] = job
        have = best.get(row.job_id)
        if have is None or bill.version >= have.bill.version:
            best[row.job_id] = SyncItem(seq=row.seq, job=job, bill=bill)
    return Batch(items=sorted(best.values(), key=lambda i: i.seq), last_seq=rows[-1].seq, rows=len(rows))


def _fault(point: str, target: str, n: int) -> None:
    """Tests only: ``MINIMETER_FAULT=<point>:<target>[:<n>]`` kills this process with SIGKILL here."""
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    parts = spec.split(":")
    if len(parts) >= 2 and parts[0] == point and parts[1] == target and (len(parts) < 3 or int(parts[2]) == n):
        log.warning("fault injection %s: SIGKILL", spec)
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def sync_lock(settings: Settings) -> Iterator[None]:
    """One sync per data folder at a time (a second would only duplicate work). The OS drops
    the lock when the process dies, so a killed sync never leaves it behind."""
    try:
        import fcntl
    except ImportError:  # Windows: idempotent pushes make a concurrent run harmless, just wasteful
        yield
        return
    path = settings.home / "sync.lock"
    # 0600 like every file MiniMeter writes beside keys.json: the data folder may be shared.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)  # a lock file left by an older version may be 0644
    with os.fdopen(fd, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise SyncError(
                "another `minimeter sync` is running on this data folder",
                hint="wait for it to finish",
                retryable=True,
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class SyncRunner:
    def __init__(
        self,
        store: JobStore,
        settings: Settings,
        targets: dict[str, SyncTarget | None],
        progress: Progress | None = None,
    ) -> None:
        """``targets``: name -> target, or None for a target that is not configured (skipped)."""
        self.store = store
        self.settings = settings
        self.targets = targets
        self.progress = progress
        self.batch_size = max(1, settings.sync.batch_size)

    def pending(self, name: str, since: int | None = None) -> tuple[int, int, int]:
        """``(start, end, rows)``: the outbox range ``(start, end]`` a run would send now."""
        start = since if since is not None else self.store.watermark(name)
        end = self.store.outbox_max()
        return start, end, max(0, end - start)

    def run(self, *, since: int | None = None, dry_run: bool = False) -> list[TargetReport]:
        with sync_lock(self.settings):
            return [self._run_one(name, target, since, dry_run) for name, target in self.targets.items()]

    def _run_one(self, name: str, target: SyncTarget | None, since: int | None, dry_run: bool) -> TargetReport:
        start, end, rows = self.pending(name, since)
        report = TargetReport(name=name, pending=rows, watermark=self.store.watermark(name))
        if target is None:
            report.status, report.message = "skipped", "not configured"
            return report
        templates = self._templates_pending(name, target, since)
        if dry_run:
            report.status = "dry run"
            report.message = f"would send outbox rows {start + 1}..{end}" if rows else "nothing to send"
            if templates:
                report.message += f"; would push {len(templates)} template(s)"
            return report
        if rows == 0 and not templates:
            report.status, report.message = "up to date", "nothing to send"
            return report
        t0 = time.monotonic()
        try:
            target.check()
            target.prepare()
            if rows:
                self._send(name, target, start, end, report)
            if templates:
                self._push_templates(name, target, templates, report)
            report.status = "ok"
            report.message = f"sent {report.sent} outbox rows"
            if templates:
                report.message += f"; {report.templates} of {len(templates)} changed template(s) written"
            if report.warnings:
                report.message += f"; {len(report.warnings)} warning(s), first: {report.warnings[0]}"
        except MinimeterError as exc:
            self._failed(report, exc)
        except Exception as exc:  # a bug in a target must not stop the other targets
            log.exception("sync target %s crashed", name)
            self._failed(
                report,
                SyncError(
                    f"{name}: unexpected {type(exc).__name__}: {exc}",
                    hint="everything stays queued; see the log and report it",
                ),
            )
        finally:
            report.seconds = time.monotonic() - t0
            report.watermark = self.store.watermark(name)
            try:
                target.close()
            except Exception:  # closing a dead connection may fail too; nothing to keep
                log.debug("closing %s failed", name, exc_info=True)
        return report

    def _send(self, name: str, target: SyncTarget, start: int, end: int, report: TargetReport) -> None:
        seq, n = start, 0
        total = end - start
        if self.progress:
            self.progress(name, 0, total)
        while seq < end:
            rows = [r for r in self.store.outbox_after(seq, min(self.batch_size, end - seq)) if r.seq <= end]
            if not rows:
                break
            batch = build_batch(self.store, rows)
            written = target.push(batch)
            n += 1
            _fault("after_commit", name, n)
            self.store.set_watermark(name, batch.last_seq)
            seq = batch.last_seq
            report.sent += batch.rows
            report.written += written
            for w in target.warnings:
                report.warnings.append(w)
                log.warning("%s: %s", name, w)
                self.store.log_event(None, "sync_warning", f"{name}: {w}")
            if self.progress:
                self.progress(name, min(seq - start, total), total)

    def _templates_pending(self, name: str, target: SyncTarget, since: int | None) -> list[TemplateFile]:
        """The data folder's changed templates, for a target that keeps them (``push_templates``)."""
        if not callable(getattr(target, "push_templates", None)):
            return []
        return templates_pending(self.settings, name, force=since is not None)

    def _push_templates(self, name: str, target: SyncTarget, files: list[TemplateFile], report: TargetReport) -> None:
        push = target.push_templates  # type: ignore[attr-defined]  # an optional capability (sync.base)
        report.templates = int(push(folder_id(self.settings), files))
        mark_pushed(self.settings, name, files)  # only once the target returned: a crash re-pushes, harmlessly

    def _failed(self, report: TargetReport, exc: MinimeterError) -> None:
        report.error = exc
        report.status = "offline" if isinstance(exc, OfflineError) else "failed"
        report.message = exc.one_line()
        log.warning("sync %s failed: %s", report.name, exc.one_line())
        try:
            # Record the error without moving the watermark (set_watermark only goes up).
            self.store.set_watermark(report.name, self.store.watermark(report.name), error=exc.one_line())
        except MinimeterError:
            log.warning("could not record the sync error for %s", report.name, exc_info=True)
