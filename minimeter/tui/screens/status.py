"""Settings and status: extractor, model, Gemini, inbox, watcher mode, database size, last sync."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from minimeter.tui import data
from minimeter.tui.screens.base import DataScreen
from minimeter.tui.widgets import NavBar


class StatusScreen(DataScreen):
    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield NavBar("status")
        with VerticalScroll():
            yield Static(id="status-table")
            yield Static(id="sync-table")
            yield Static("Change settings in config.toml in the data folder or with MINIMETER_* variables "
                         "(see `minimeter --help`); reachability of Gemini is checked by the workers, "
                         "never from this screen.", classes="dim")
        yield Footer(compact=True)

    def fetch(self) -> data.StatusInfo:
        return data.status_info(self.mm.store, self.mm.settings, self.mm.service_extractor(), self.mm.worker_error())

    def show(self, info: data.StatusInfo) -> None:
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
