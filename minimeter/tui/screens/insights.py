"""Insights: per account, usage and cost over time as sparklines, cost per unit, and report flags."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, Sparkline, Static

from minimeter.tui import data
from minimeter.tui.screens.base import DataScreen
from minimeter.tui.widgets import NavBar

REFRESH_SECONDS = 30.0
"""The reports run DuckDB over the whole store: refresh at most this often unless asked (r)."""


class InsightsScreen(DataScreen):
    BINDINGS = [Binding("r", "refresh", "Refresh")]

    def __init__(self) -> None:
        super().__init__()
        self._loaded_at = 0.0

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield NavBar("insights")
        yield Static("Computing the series per account…", id="insights-note")
        yield VerticalScroll(id="insights")
        yield Footer(compact=True)

    def reload(self) -> None:
        if time.monotonic() - self._loaded_at >= REFRESH_SECONDS:
            self.action_refresh()

    def action_refresh(self) -> None:
        self._loaded_at = time.monotonic()
        self._load()

    def fetch(self) -> data.Insights:
        try:
            import minimeter.reports.series  # noqa: F401  (cheap: DuckDB itself is imported lazily)
        except ImportError:
            return data.insights(self.mm.store, self.mm.settings)  # the fallback needs no DuckDB
        from minimeter.tui.insights_proc import compute_in_child

        try:
            return compute_in_child(self.mm.settings, self.mm.store)
        except Exception as exc:  # the child failed: still show what the store alone can give
            ins = data.insights_fallback(self.mm.store, f"reports failed ({str(exc)[:120]})")
            return ins

    def show(self, ins: data.Insights) -> None:
        key = (tuple((s.account, tuple(s.usage), tuple(s.cost)) for s in ins.series), tuple(ins.flags), ins.note)
        if getattr(self, "_shown", None) == key:
            return  # unchanged: do not rebuild (keeps the scroll position)
        self._shown = key
        self.query_one("#insights-note", Static).update(
            Text(ins.note or f"Source: MiniMeter reports ({len(ins.series)} accounts)"))
        box = self.query_one("#insights", VerticalScroll)
        box.remove_children()
        if not ins.series:
            box.mount(Static("No approved bills with a billing period yet: insights appear as bills succeed."))
        for s in ins.series:
            cpu = s.cost_per_unit
            head = Text(s.account, style="bold")
            head.append(f"  {s.provider}  ·  {len(s.labels)} periods {s.labels[0]}..{s.labels[-1]}")
            if cpu is not None:
                head.append(f"  ·  cost per {s.unit}: ")
                head.append(f"{cpu:.4f}", style="bold")
            box.mount(Vertical(
                Static(head, classes="series-head"),
                Horizontal(Label(f"usage {s.unit}", classes="spark-label"), Sparkline(s.usage, classes="spark"),
                           Label(f"last {s.usage[-1]:,.0f}" if s.usage else "", classes="spark-last")),
                Horizontal(Label("cost", classes="spark-label"), Sparkline(s.cost, classes="spark cost"),
                           Label(f"last {s.cost[-1]:,.2f}" if s.cost else "", classes="spark-last")),
                classes="series",
            ))
        if ins.flags:
            box.mount(Static(Text("Flags\n", style="bold") + Text("\n".join(f" ⚑ {f}" for f in ins.flags)),
                             classes="flags"))
