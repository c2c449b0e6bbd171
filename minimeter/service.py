"""The background service: an inbox watcher plus worker threads, for ``watch`` and the TUI.

Front ends pass a ``listener``; it is called from background threads with small event
objects and must not block (the TUI forwards them with ``post_message``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.intake.inbox import IntakeResult
from minimeter.intake.watcher import InboxWatcher
from minimeter.worker import JobOutcome, Worker, owner_name

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import JobStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceEvent:
    kind: str
    """``intake`` (a file was taken or refused), ``finished`` (a job reached a state)."""
    job_id: int | None
    status: str | None = None
    message: str = ""
    seconds: float = 0.0


Listener = Callable[[ServiceEvent], None]


class Service:
    def __init__(self, settings: Settings, store: JobStore, *, listener: Listener | None = None,
                 workers: int | None = None, extractor: str | None = None, watch: bool = True) -> None:
        self.settings = settings
        self.store = store
        self.listener = listener
        self.n_workers = workers or settings.workers
        self.extractor = extractor
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self.workers: list[Worker] = []
        """The running workers; the TUI reads their ``config_error`` (e.g. a missing model)."""
        self.watcher = InboxWatcher(settings, store, on_intake=self._on_intake) if watch else None

    def _emit(self, event: ServiceEvent) -> None:
        if self.listener is not None:
            try:
                self.listener(event)
            except Exception:  # a front end's bug must not stop intake or work
                log.exception("service listener failed")

    def _on_intake(self, result: IntakeResult) -> None:
        if result.job is not None and result.created:
            self._wake.set()
        msg = result.error or ("new job" if result.created else "duplicate of an existing job")
        self._emit(ServiceEvent("intake", result.job.id if result.job else None,
                                result.job.status if result.job else None, f"{result.path.name}: {msg}"))

    def _on_outcome(self, outcome: JobOutcome) -> None:
        self._emit(ServiceEvent("finished", outcome.job_id, outcome.status, outcome.message, outcome.seconds))

    def start(self) -> None:
        if self.watcher is not None:
            self.watcher.start()
        for i in range(self.n_workers):
            worker = Worker(self.settings, self.store, extractor=self.extractor,
                            owner=owner_name(f"t{i}"), on_outcome=self._on_outcome)
            self.workers.append(worker)
            t = threading.Thread(target=worker.run, args=(self._stop, self._wake), name=f"minimeter-worker-{i}",
                                 daemon=True)
            t.start()
            self._threads.append(t)

    def wake(self) -> None:
        """Work is waiting (e.g. a retry from the UI): stop idling."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self.watcher is not None:
            self.watcher.stop()
        for t in self._threads:
            t.join(timeout=timeout)
