"""Settings and status: extractor, model, Gemini, inbox, watcher mode, database size, last sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from minimeter.tui import data
from minimeter.tui.screens.base import DataScreen
from minimeter.tui.widgets import NavBar

if TYPE_CHECKING:
    from minimeter.templates.model import Template


def templates_table(templates: list[Template]) -> Table:
    """Layout templates: bills each has read and how often its fields were confirmed or corrected."""
    t = Table(title=f"Layout templates ({len(templates)})", title_justify="left", expand=True)
    for col in ("template", "provider", "fields", "bills read", "confirmed", "corrected", "taught by", "state"):
        t.add_column(col, overflow="fold")
    for tp in templates:
        origin = f"job {tp.origin_job}" if tp.origin_job is not None else "-"
        t.add_row(Text(tp.id), Text(tp.provider or "-"), str(len(tp.fields)), str(tp.bills_read),
                  str(tp.fields_confirmed), str(tp.fields_corrected), Text(f"{origin} {tp.origin_file}".strip()),
                  "active" if tp.active else "set aside")
    if not templates:
        t.add_row("-", "none yet: approving a bill teaches its layout", "", "", "", "", "", "")
    return t


class StatusScreen(DataScreen):
    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield NavBar("status")
        with VerticalScroll():
            yield Static(id="status-table")
            yield Static(id="sync-table")
            yield Static(id="templates-table")
            yield Static("Change settings in config.toml in the data folder or with MINIMETER_* variables "
                         "(see `minimeter --help`); reachability of Gemini is checked by the workers, "
                         "never from this screen.", classes="dim")
        yield Footer(compact=True)

    def fetch(self) -> tuple[data.StatusInfo, list[Template]]:
        from minimeter.templates import book_for

        info = data.status_info(self.mm.store, self.mm.settings, self.mm.service_extractor(), self.mm.worker_error())
        return info, book_for(self.mm.settings).all()

    def show(self, fetched: tuple[data.StatusInfo, list[Template]]) -> None:
        info, templates = fetched
        self.query_one("#templates-table", Static).update(templates_table(templates))
        t = Table(title="Settings and status", title_justify="left", show_header=False, expand=True)
        t.add_column("key", style="bold", no_wrap=True)
        t.add_column("value", overflow="fold")
        for k, v in info.rows:
            t.add_row(Text(k), Text(v))  # paths and errors are not markup
        self.query_one("#status-table", Static).update(t)
        s = Table(title="Last sync", title_justify="left", show_header=False, expand=True)
        s.add_column("target", style="bold", no_wrap=True)
        s.add_column("state", overflow="fold")
        for k, v in info.sync or [("-", "never synced (run `minimeter sync`)")]:
            s.add_row(Text(k), Text(v))
        self.query_one("#sync-table", Static).update(s)
