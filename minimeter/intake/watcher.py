"""Watch the inbox: watchdog events wake a scan; a periodic rescan catches what events miss.

Events are only hints (inotify drops them on overflow without telling anyone, and network
shares send none), so every wake-up runs ``Inbox.scan``, and the loop rescans every
``rescan_seconds`` anyway, and every half ``stable_seconds`` while files are settling.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minimeter.intake.inbox import Inbox, IntakeResult

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import JobStore

log = logging.getLogger(__name__)


class InboxWatcher:
    def __init__(self, settings: Settings, store: JobStore,
                 on_intake: Callable[[IntakeResult], None] | None = None) -> None:
        self.settings = settings
        self.inbox = Inbox(settings, store)
        self.on_intake = on_intake
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._observer: Any = None

    def start(self) -> None:
        self.settings.inbox_dir.mkdir(parents=True, exist_ok=True)
        self._observer = self._make_observer()
        self._thread = threading.Thread(target=self._loop, name="minimeter-inbox", daemon=True)
        self._thread.start()

    def _make_observer(self) -> Any:  # a watchdog observer, or None when events are unavailable
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        wake = self._wake

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                wake.set()

        observer = PollingObserver(timeout=max(1.0, self.settings.stable_seconds)) \
            if self.settings.watch_mode == "polling" else Observer()
        observer.schedule(Handler(), str(self.settings.inbox_dir), recursive=True)
        try:
            observer.start()
        except OSError as exc:  # e.g. inotify watch limit reached: the rescan still works
            log.warning("inbox events unavailable (%s); relying on periodic scans", exc)
            return None
        return observer

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                for result in self.inbox.scan():
                    if self.on_intake:
                        self.on_intake(result)
            except Exception:  # the watcher must outlive any one bad file or a busy database
                log.exception("inbox scan failed; will rescan")
            settle = self.settings.stable_seconds / 2 if self.inbox.pending() else self.settings.rescan_seconds
            self._wake.wait(timeout=max(0.05, settle))
            self._wake.clear()

    def scan_now(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=10)
