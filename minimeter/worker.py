"""Workers: claim a job, run the pipeline, store the outcome.

A worker holds a lease on the job it runs and renews it with a heartbeat thread; if the
worker dies, the lease expires and another worker reclaims the job (the attempt counts).
Results are written with the lease token, so a worker that lost its lease cannot overwrite a
newer result. Every failure ends as a job state with a one-line reason; the loop itself only
stops when asked.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.errors import ExtractionError, MinimeterError, NoTextError, ReadError, StoreError
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.store.lifecycle import Status

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import Claim, JobStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobOutcome:
    job_id: int
    status: str
    seconds: float
    message: str = ""


def owner_name(suffix: str = "") -> str:
    return f"{socket.gethostname()}:{os.getpid()}{':' + suffix if suffix else ''}"


class _Heartbeat:
    def __init__(self, store: JobStore, claim: Claim, every: float) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(store, claim, every), daemon=True,
                                        name=f"heartbeat-{claim.job.id}")

    def _run(self, store: JobStore, claim: Claim, every: float) -> None:
        while not self._stop.wait(every):
            try:
                if not store.heartbeat(claim):
                    return  # lease lost: the result will be dropped as stale
            except StoreError:
                log.warning("heartbeat for job %s failed; will try again", claim.job.id)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _no_text_result(reason: str) -> ExtractionResult:
    return ExtractionResult(bill=BillNormalized(), extractor="none", status=Status.NEEDS_REVIEW.value,
                            issues=[reason])


class Worker:
    """Runs jobs from ``store`` one at a time. Safe to run several (threads or processes) at once."""

    def __init__(self, settings: Settings, store: JobStore, *, extractor: str | None = None,
                 owner: str | None = None, on_outcome: Callable[[JobOutcome], None] | None = None) -> None:
        self.settings = settings
        self.store = store
        self.extractor_name = extractor
        self.owner = owner or owner_name()
        self.on_outcome = on_outcome
        self.current: Claim | None = None
        self.config_error: str | None = None

    def run_one(self) -> JobOutcome | None:
        """Claim and run one job; None when nothing is claimable.

        The extractor is resolved before claiming: a misconfiguration (unknown extractor,
        missing model) raises ConfigError/ModelError here and costs no job an attempt.
        """
        from minimeter.pipeline import get_extractor

        get_extractor(self.settings, self.extractor_name)
        claim = self.store.claim(self.owner)
        if claim is None:
            return None
        self.current = claim
        t0 = time.perf_counter()
        try:
            outcome = self._run(claim, t0)
        finally:
            self.current = None
        if self.on_outcome:
            self.on_outcome(outcome)
        return outcome

    def _run(self, claim: Claim, t0: float) -> JobOutcome:
        from minimeter.pipeline import get_extractor, run_job

        job = claim.job
        try:
            with _Heartbeat(self.store, claim, max(1.0, self.settings.lease_seconds / 3)):
                try:
                    extractor = get_extractor(self.settings, self.extractor_name)
                    result = run_job(job, self.store, self.settings, extractor)
                except NoTextError as exc:
                    result = _no_text_result(exc.message)
            self.store.complete(claim, result)
            return JobOutcome(job.id, result.status, time.perf_counter() - t0, "; ".join(result.issues))
        except ReadError as exc:
            return self._fail(claim, exc.one_line(), retryable=exc.retryable, t0=t0)
        except ExtractionError as exc:
            return self._fail(claim, exc.one_line(), retryable=exc.retryable, t0=t0)
        except StoreError:
            raise  # the lease will expire and the job be reclaimed; the caller backs off
        except MinimeterError as exc:
            return self._fail(claim, exc.one_line(), retryable=exc.retryable, t0=t0)
        except Exception as exc:  # a bug or a library surprise: retry with backoff, then dead-letter
            log.exception("job %s: unexpected error", job.id)
            return self._fail(claim, f"internal error: {type(exc).__name__}: {exc}", retryable=True, t0=t0)

    def _fail(self, claim: Claim, message: str, *, retryable: bool, t0: float) -> JobOutcome:
        self.store.fail(claim, message, retryable=retryable)
        job = self.store.get_job(claim.job.id)
        return JobOutcome(claim.job.id, job.status if job else Status.FAILED, time.perf_counter() - t0, message)

    def run(self, stop: threading.Event, wake: threading.Event | None = None, idle: float = 1.0) -> None:
        """Work until ``stop`` is set. With an empty queue, wait up to ``idle`` seconds for the
        store to say work may have arrived (``wait_for_work``: NOTIFY on Postgres, a commit by
        another connection on SQLite); ``wake`` (set by in-process intake) skips the wait."""
        while not stop.is_set():
            try:
                outcome = self.run_one()
            except StoreError as exc:
                log.warning("store busy (%s); backing off", exc.message)
                stop.wait(2.0)
                continue
            except MinimeterError as exc:  # misconfiguration: say so, keep the queue, try again later
                log.error("worker cannot run jobs: %s", exc.one_line())
                self.config_error = exc.one_line()
                stop.wait(10.0)
                continue
            self.config_error = None
            if outcome is None:
                self._idle(stop, wake, idle)

    def _idle(self, stop: threading.Event, wake: threading.Event | None, idle: float) -> None:
        # Waits in slices of at most a second so `stop` and `wake` are seen promptly.
        deadline = time.monotonic() + idle
        while not stop.is_set():
            if wake is not None and wake.is_set():
                wake.clear()
                return
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                if self.store.wait_for_work(min(left, 1.0)):
                    return
            except StoreError as exc:  # e.g. Postgres restarting: poll slowly instead
                log.warning("cannot wait for work (%s); polling", exc.message)
                stop.wait(left)
                return


def drain(settings: Settings, store: JobStore, *, extractor: str | None = None,
          on_outcome: Callable[[JobOutcome], None] | None = None) -> list[JobOutcome]:
    """Run claimable jobs in this process until none is left (``minimeter process``)."""
    worker = Worker(settings, store, extractor=extractor, on_outcome=on_outcome)
    outcomes = []
    while (outcome := worker.run_one()) is not None:
        outcomes.append(outcome)
    return outcomes


def die_with_parent(parent: int) -> None:
    """Linux: get SIGTERM when the parent process dies (even by SIGKILL), so a worker pool
    never leaves orphans running; elsewhere a no-op (the leases expire instead)."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os.kill(os.getpid(), signal.SIGTERM)


def serve_forever(settings: Settings, store_url: str | None = None, *, extractor: str | None = None,
                  index: int = 0) -> None:
    """A worker process: run until SIGTERM/SIGINT, then finish or release the current job."""
    from minimeter.store import open_store

    store = open_store(settings, store_url)
    stop = threading.Event()

    def _graceful(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _graceful)
    signal.signal(signal.SIGINT, _graceful)
    worker = Worker(settings, store, extractor=extractor, owner=owner_name(str(index)))
    worker.run(stop)
    store.close()
