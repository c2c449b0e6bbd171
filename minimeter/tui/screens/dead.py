"""Dead letters: jobs that failed every attempt, with their errors. Retry one or all, or discard."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from minimeter.store.lifecycle import Status
from minimeter.tui import data
from minimeter.tui.screens.base import DataScreen, PromptScreen
from minimeter.tui.widgets import JobTable, NavBar


class DeadLettersScreen(DataScreen):
    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("a", "retry_all", "Retry all"),
        Binding("d", "discard", "Discard"),
        Binding("enter", "detail", "Detail", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield NavBar("dead")
        yield Static(id="dead-title")
        yield JobTable(["id", "file", "status", "attempts", "time", "error"], id="dead")
        yield Static(id="dead-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(JobTable).focus()

    def fetch(self) -> list[data.JobRow]:
        return data.dead_rows(self.mm.store)

    def show(self, rows: list[data.JobRow]) -> None:
        self.query_one(JobTable).set_rows(rows, self.size.width or None)
        self._highlighted()
        title = Text(f" Dead letters: {len(rows)}", style="bold")
        title.append(f"  (failed {self.mm.settings.max_attempts} times, or a file that cannot get better)",
                     style="dim")
        if any(r.status == Status.FAILED for r in rows):
            title.append("\n FAILED rows will not be retried automatically (the file cannot get better).",
                         style="dim")
        self.query_one("#dead-title", Static).update(title)

    @on(DataTable.RowHighlighted, "#dead")
    def _highlighted(self) -> None:
        """The selected job's whole error, wrapped: the table cell is only one line."""
        table = self.query_one(JobTable)
        job_id = table.selected_job()
        row = next((r for r in table.rows_data if r.id == job_id), None)
        self.query_one("#dead-error", Static).update(
            Text(f"#{row.id}: {row.error}", style="red") if row else Text("No dead letters.", style="dim"))

    @on(DataTable.RowSelected, "#dead")
    def _selected(self) -> None:
        self.action_detail()

    def action_detail(self) -> None:
        self.action_open_selected()

    def action_retry(self) -> None:
        self.action_retry_selected()

    def action_retry_all(self) -> None:
        ids = [r.id for r in self.query_one(JobTable).rows_data]
        if not ids:
            return
        store, by = self.mm.store, self.mm.reviewer

        def run() -> None:
            for job_id in ids:
                store.retry(job_id, by=by)

        self.act("retry all", None, run, f"{len(ids)} dead letters queued again")

    def action_discard(self) -> None:
        job_id = self.query_one(JobTable).selected_job()
        if job_id is None:
            return

        def chosen(reason: str | None) -> None:
            if reason is None:
                return
            store, by = self.mm.store, self.mm.reviewer
            self.act("discard", job_id, lambda: store.discard(job_id, by=by, reason=reason or "discarded"),
                     f"Job {job_id} discarded (kept in history)")

        self.app.push_screen(PromptScreen(f"Discard job {job_id}: why?", "not a bill"), chosen)

    def commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Dead letters: retry selected", "Queue the selected dead letter again", self.action_retry),
            ("Dead letters: retry all", "Queue every dead letter again", self.action_retry_all),
            ("Dead letters: discard selected", "Give up on it (kept in history)", self.action_discard),
        ]
