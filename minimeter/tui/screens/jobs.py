"""The home screen: the live inbox. Every job, counts per status, throughput, queue progress."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static

from minimeter.statuses import style
from minimeter.store.lifecycle import Status
from minimeter.tui import data
from minimeter.tui.screens.base import DataScreen
from minimeter.tui.widgets import COLUMNS, JobTable, NavBar

FILTERS: list[str | None] = [None, *[str(s) for s in Status]]
SORTABLE = ["id", "file", "provider", "account", "period", "amount", "status", "confidence", "time"]


@dataclass
class JobsData:
    rows: list[data.JobRow]
    counts: dict[str, int]
    queued: int


def _sort_key(col: str) -> Any:
    if col == "amount":
        return lambda r: (r.amount_value is None, r.amount_value or Decimal(0))
    if col == "confidence":
        return lambda r: (r.confidence is None, r.confidence or 0.0)
    return lambda r: getattr(r, col)


class JobsScreen(DataScreen):
    BINDINGS = [
        Binding("enter", "open", "Detail", show=False),
        Binding("slash", "search", "Search"),
        Binding("f", "filter", "Filter"),
        Binding("s", "sort", "Sort"),
        Binding("v", "reverse", "Reverse", show=False),
        Binding("r", "retry", "Retry"),
        Binding("escape", "clear_search", "Clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_filter: str | None = None
        self.search = ""
        self.sort_col = "id"
        self.sort_reverse = True
        self.last: JobsData | None = None
        self._cache: data.RowCache = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield NavBar("jobs")
        with Horizontal(id="summary"):
            yield Static(id="counts")
            yield Static(id="throughput")
        yield ProgressBar(id="progress", show_eta=False)
        with Horizontal(id="filters"):
            yield Static(id="filter-label")
            yield Input(placeholder="/ search provider, account or file", id="search")
        yield JobTable(list(COLUMNS)[:-1], id="jobs")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#progress").display = False
        self._filter_label()
        self.query_one(JobTable).focus()

    def fetch(self) -> JobsData:
        store = self.mm.store
        counts = store.counts()
        return JobsData(rows=data.job_rows(store, status=self.status_filter, search=self.search, cache=self._cache),
                        counts=counts, queued=data.queued(store, counts))

    def show(self, d: JobsData) -> None:
        self.last = d
        rows = sorted(d.rows, key=_sort_key(self.sort_col), reverse=self.sort_reverse)
        self.query_one(JobTable).set_rows(rows, self.size.width or None)
        counts = Text()
        for status, n in d.counts.items():
            if n or status in (Status.PENDING, Status.SUCCEEDED, Status.NEEDS_REVIEW, Status.DEAD):
                counts.append(f" {status.lower().replace('_', ' ')} ", style=style(status))
                counts.append(f"{n} ", style="bold")
        self.query_one("#counts", Static).update(counts)
        queued = d.queued
        rate = self.mm.throughput()
        tp = f"{rate:.1f} bills/min" if rate is not None else "idle"
        self.query_one("#throughput", Static).update(f"{queued} queued · {tp}")
        bar = self.query_one("#progress", ProgressBar)
        bar.display = queued > 0
        if queued:
            done = self.mm.session_done
            bar.update(total=done + queued, progress=done)

    def on_resize(self) -> None:
        if self.last is not None:
            self.show(self.last)

    # --- filter, search, sort -----------------------------------------------------------------
    def _filter_label(self) -> None:
        label = (self.status_filter or "all").lower().replace("_", " ")
        arrow = "↓" if self.sort_reverse else "↑"
        self.query_one("#filter-label", Static).update(
            f"[b]f[/] status: [b]{label}[/]  [b]s[/] sort: [b]{COLUMNS[self.sort_col][0]}[/] {arrow}")

    def action_filter(self) -> None:
        self.status_filter = FILTERS[(FILTERS.index(self.status_filter) + 1) % len(FILTERS)]
        self._filter_label()
        self.reload()

    def action_sort(self) -> None:
        self.sort_col = SORTABLE[(SORTABLE.index(self.sort_col) + 1) % len(SORTABLE)]
        self._filter_label()
        if self.last:
            self.show(self.last)

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._filter_label()
        if self.last:
            self.show(self.last)

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        col = str(event.column_key.value)
        if col in SORTABLE:
            self.sort_reverse = not self.sort_reverse if col == self.sort_col else False
            self.sort_col = col
            self._filter_label()
            if self.last:
                self.show(self.last)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.query_one(JobTable).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(JobTable).focus()

    # --- job actions ------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#jobs")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.action_open_selected()

    def action_retry(self) -> None:
        self.action_retry_selected()

    def commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Jobs: search", "Search by provider, account or file name", self.action_search),
            ("Jobs: next status filter", "Cycle all / pending / running / succeeded / ...", self.action_filter),
            ("Jobs: sort by next column", "Cycle the sort column", self.action_sort),
            ("Jobs: reverse sort", "Ascending / descending", self.action_reverse),
            ("Jobs: open selected job", "Fields, evidence, checks, history", self.action_open),
            ("Jobs: retry selected job", "Put it back in the queue now", self.action_retry),
        ]
