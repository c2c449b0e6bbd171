"""The MiniMeter terminal UI: ``make_app(settings)`` builds it, ``minimeter`` (no arguments) runs it.

Threads: the background ``Service`` (inbox watcher + workers) calls our listener from its own
threads; the listener only posts a ``ServiceUpdate`` message. Every store call runs in a
``@work(thread=True)`` worker of the screen that needs it and comes back as a message. The UI
thread never waits on the database or an extractor.

Screens are Textual "modes" (one stack each), reachable with 1-5 from anywhere; detail and
review-form screens are pushed on top of a mode's stack.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding

from minimeter.store.lifecycle import Status
from minimeter.tui.messages import Problem, ServiceUpdate
from minimeter.tui.screens.dead import DeadLettersScreen
from minimeter.tui.screens.detail import JobDetailScreen
from minimeter.tui.screens.help import HelpScreen
from minimeter.tui.screens.insights import InsightsScreen
from minimeter.tui.screens.jobs import JobsScreen
from minimeter.tui.screens.review import ReviewQueueScreen
from minimeter.tui.screens.status import StatusScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from minimeter.service import Service, ServiceEvent
    from minimeter.settings import Settings
    from minimeter.store.base import JobStore

SCREENS = (
    ("jobs", "Jobs", "The live inbox: every job, its status and extracted totals"),
    ("review", "Review queue", "Bills waiting for a person: NEEDS_REVIEW, then dead letters"),
    ("dead", "Dead letters", "Jobs that failed every attempt, with their errors"),
    ("insights", "Insights", "Usage and cost over time per account, cost per kWh, flags"),
    ("status", "Settings / status", "Extractor, model, Gemini, inbox, watcher, database, last sync"),
)
THROUGHPUT_WINDOW = 300.0
"""Bills per minute are averaged over the last five minutes of finished jobs."""
RELOAD_EVERY = 5.0
"""Seconds between reloads without service events (other processes may be working the queue)."""


class MiniMeterApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "MiniMeter"
    MODES = {"jobs": JobsScreen, "review": ReviewQueueScreen, "dead": DeadLettersScreen,
             "insights": InsightsScreen, "status": StatusScreen}
    DEFAULT_MODE = "jobs"
    BINDINGS = [
        Binding("1", "switch_mode('jobs')", "Jobs", show=False),
        Binding("2", "switch_mode('review')", "Review", show=False),
        Binding("3", "switch_mode('dead')", "Dead", show=False),
        Binding("4", "switch_mode('insights')", "Insights", show=False),
        Binding("5", "switch_mode('status')", "Status", show=False),
        Binding("question_mark,f1", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, settings: Settings, store: JobStore, *, service: Service | None = None,
                 start_service: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.service = service
        self.start_service = start_service
        self.reviewer = _reviewer()
        self.finished_at: deque[float] = deque(maxlen=2000)
        self.session_done = 0
        self.last_event = ""
        self._dirty = False
        self._last_reload = 0.0
        self._last_resort: Any = None
        self.problem: str | None = None
        self._log_handler: Any = None

    # --- lifecycle --------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._last_resort = _quiet_stderr_logging()
        self._log_handler = _problem_handler(self)
        if self.service is None and self.start_service:
            from minimeter.service import Service

            self.service = Service(self.settings, self.store, listener=self._on_service_event)
        elif self.service is not None and self.service.listener is None:
            self.service.listener = self._on_service_event
        if self.service is not None and self.start_service:
            self.run_worker(self.service.start, thread=True, name="service-start", group="service")
        self.set_interval(1.0, self._tick)

    def on_unmount(self) -> None:
        if self.service is not None and self.start_service:
            self.service.stop(timeout=10.0)
        import logging

        logging.lastResort = self._last_resort
        if self._log_handler is not None:
            logging.getLogger("minimeter").removeHandler(self._log_handler)

    def _on_service_event(self, event: ServiceEvent) -> None:
        # Called from watcher / worker threads: only post, never touch widgets here.
        self.post_message(ServiceUpdate(event))

    def on_service_update(self, message: ServiceUpdate) -> None:
        ev = message.event
        if ev.kind == "finished":
            self.finished_at.append(time.monotonic())
            self.session_done += 1
            if ev.status == Status.DEAD:
                self.notify(f"Job {ev.job_id} is a dead letter: {ev.message[:120]}", severity="error", timeout=6,
                            markup=False)
        self.last_event = f"job {ev.job_id}: {ev.status or ''} {ev.message}".strip() if ev.job_id else ev.message
        self._dirty = True

    def on_problem(self, message: Problem) -> None:
        if message.text != self.problem:  # say it once, not on every retry of the worker loop
            self.notify(message.text, title="Background work", severity="error", timeout=10, markup=False)
        self.problem = message.text
        self._dirty = True

    def _tick(self) -> None:
        now = time.monotonic()
        if self._dirty or now - self._last_reload >= RELOAD_EVERY:
            self._dirty = False
            self._last_reload = now
            self.reload_screen()

    def reload_screen(self) -> None:
        """Ask the visible screen to fetch fresh data (it does so in a worker)."""
        reload = getattr(self.screen, "reload", None)
        if callable(reload):
            reload()

    def mark_dirty(self) -> None:
        self._dirty = True

    # --- figures the home screen shows --------------------------------------------------------
    def throughput(self) -> float | None:
        """Bills per minute over the last few minutes of this session, None before the first one."""
        if not self.finished_at:
            return None
        now = time.monotonic()
        recent = [t for t in self.finished_at if now - t <= THROUGHPUT_WINDOW]
        if not recent:
            return 0.0
        span = max(60.0, now - recent[0])
        return len(recent) * 60.0 / span

    # --- actions --------------------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_job(self, job_id: int) -> None:
        """Show job ``job_id``'s detail screen (fields, evidence, checks, history)."""
        self.push_screen(JobDetailScreen(job_id))

    def wake_workers(self) -> None:
        if self.service is not None:
            self.service.wake()

    def service_extractor(self) -> str | None:
        return self.service.extractor if self.service is not None else None

    def use_extractor(self, name: str) -> None:
        """Run later jobs with extractor ``name``: restart the service's workers with it.

        Blocking (waits for a running job to finish); call it from a thread worker only.
        Without a running service (tests, ``start_service=False``) only the setting changes.
        """
        from minimeter.pipeline import get_extractor
        from minimeter.service import Service

        get_extractor(self.settings, name)  # an unknown name or missing model raises here, not in the workers
        old = self.service
        if old is None or not self.start_service:
            if old is not None:
                old.extractor = name
            return
        if (old.extractor or self.settings.extractor) == name:
            return
        old.stop()
        self.service = Service(self.settings, self.store, listener=self._on_service_event, extractor=name)
        self.service.start()

    def worker_error(self) -> str | None:
        """A misconfiguration the service's workers reported (unknown extractor, missing model), if any,
        else the last problem forwarded from the log."""
        if self.service is not None:
            for w in self.service.workers:
                if w.config_error:
                    return str(w.config_error)
        return self.problem

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for mode, title, help_text in SCREENS:
            yield SystemCommand(f"Go to {title}", help_text, partial(self.switch_mode, mode))
        yield SystemCommand("Help: keys and screens", "Show every key binding and what each screen does",
                            self.action_help)
        commands = getattr(screen, "commands", None)
        if callable(commands):
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)


def _problem_handler(app: MiniMeterApp) -> Any:
    """Forward ERROR records of the background work to the app as ``Problem`` messages.

    Workers' ``config_error`` covers a misconfigured extractor; this covers everything else the
    background threads log as an error (watcher, store), so it reaches the screen, not only the log file.
    """
    import contextlib
    import logging

    class _Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("job "):
                return  # one job's failure is shown on that job (status, error, dead-letter notice)
            with contextlib.suppress(Exception):  # the app is closing: nothing to tell
                app.post_message(Problem(record.getMessage().splitlines()[0][:300]))

    handler = _Forward(level=logging.ERROR)
    logging.getLogger("minimeter").addHandler(handler)
    return handler


def _quiet_stderr_logging() -> Any:
    """Log to the data folder's file only: a line on stderr would be drawn over the screen."""
    import logging

    for name in ("minimeter", ""):
        logger = logging.getLogger(name)
        for h in list(logger.handlers):
            if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler):
                logger.removeHandler(h)
    old = logging.lastResort
    logging.lastResort = None  # no handler at all must mean "dropped", not "printed to stderr"
    return old


def _reviewer() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): still record something honest
        return "reviewer"


def make_app(settings: Settings, *, store: JobStore | None = None, service: Service | None = None,
             start_service: bool = True) -> MiniMeterApp:
    """Build the app. ``store`` defaults to the data folder's; the service (watcher + workers)
    starts on mount unless ``start_service`` is False (tests and snapshots use fixed data)."""
    from minimeter.logs import configure

    configure(settings.log_dir)  # a no-op when the CLI already did it
    if store is None:
        from minimeter.store import open_store

        settings.ensure_dirs()
        store = open_store(settings)
    return MiniMeterApp(settings, store, service=service, start_service=start_service)
