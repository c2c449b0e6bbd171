"""What every screen shares: loading data in a thread worker, running store actions, small modals."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList
from textual.worker import get_current_worker

from minimeter.tui.format import one_line
from minimeter.tui.messages import ActionDone, Loaded
from minimeter.tui.widgets import JobTable

if TYPE_CHECKING:
    from minimeter.tui.app import MiniMeterApp

class DataScreen(Screen[Any]):
    """A screen whose data comes from the store. Subclasses implement ``fetch`` (runs in a thread)
    and ``show`` (runs on the UI thread with what ``fetch`` returned)."""

    @property
    def mm(self) -> MiniMeterApp:
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        try:
            data = self.fetch()
        except Exception as exc:  # the database busy beyond its timeout, a bug: say so, keep running
            self.post_message(ActionDone("load", None, f"Could not load: {one_line(exc)}", error=True))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(Loaded(type(self).__name__, data))

    def fetch(self) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    loaded_once = False
    """True once ``show`` ran with fetched data (tests wait for it before taking a picture)."""

    def on_loaded(self, message: Loaded) -> None:
        if message.what == type(self).__name__:
            self.show(message.data)
            self.loaded_once = True

    # --- actions on the store ----------------------------------------------------------------
    def act(self, action: str, job_id: int | None, fn: Callable[[], Any], done: str) -> None:
        """Run ``fn`` (a store call) in a thread; report ``done`` or the error as an ``ActionDone``."""

        def run() -> None:
            try:
                data = fn()
            except Exception as exc:
                self.post_message(ActionDone(action, job_id, f"{action} failed: {one_line(exc)}", error=True))
                return
            self.post_message(ActionDone(action, job_id, done, data=data))

        self.run_worker(run, thread=True, group="actions", exit_on_error=False)

    def on_action_done(self, message: ActionDone) -> None:
        self.notify(message.message, severity="error" if message.error else "information",
                    timeout=8 if message.error else 4, markup=False)
        if not message.error and message.action in ("retry", "retry all", "reprocess"):
            self.mm.wake_workers()
        self.after_action(message)
        self.reload()

    # --- the selected job (screens that list jobs in a JobTable) --------------------------------
    def selected_job(self) -> int | None:
        return self.query_one(JobTable).selected_job()

    def action_open_selected(self) -> None:
        """Open the selected job's detail screen (fields, evidence, checks, history)."""
        job_id = self.selected_job()
        if job_id is not None:
            self.mm.open_job(job_id)  # the app knows the detail screen; screens do not import each other

    def action_retry_selected(self) -> None:
        """Put the selected job back in the queue now."""
        job_id = self.selected_job()
        if job_id is not None:
            store, by = self.mm.store, self.mm.reviewer
            self.act("retry", job_id, lambda: store.retry(job_id, by=by), f"Job {job_id} queued again")

    def after_action(self, message: ActionDone) -> None:
        """Hook for screens that do more after an action (move to the next item...)."""

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Command palette entries for this screen's actions: (title, help, callback)."""
        return []


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text. Enter confirms, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt")
            yield Label("Enter to confirm, Escape to cancel", classes="dim")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of ``options`` with the arrow keys and Enter; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: list[str]) -> None:
        super().__init__()
        self.title_text, self.options = title, options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*self.options, id="choices")
            yield Label("Enter to choose, Escape to cancel", classes="dim")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
