"""Widgets shared by several screens."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable, Static

from minimeter.tui.data import JobRow
from minimeter.tui.format import confidence_text, status_text

# column id -> (label, width or None for auto, minimum terminal width to show it)
COLUMNS: dict[str, tuple[str, int | None, int]] = {
    "id": ("#", 4, 0),
    "file": ("File", 22, 0),
    "provider": ("Provider", 20, 110),
    "account": ("Account", 14, 0),
    "period": ("Period", 22, 130),
    "amount": ("Amount due", 12, 0),
    "status": ("Status", 12, 0),
    "confidence": ("Conf", 4, 90),
    "attempts": ("Try", 3, 150),
    "time": ("Updated", 11, 100),
    "error": ("Error", None, 0),
}


def _clip(s: str, n: int | None) -> str:
    return s if n is None or len(s) <= n else s[: max(1, n - 1)] + "…"


class JobTable(DataTable[object]):
    """A table of ``JobRow``s whose columns adapt to the terminal width.

    Rows are keyed by job id so a reload keeps the cursor on the same job.
    """

    def __init__(self, columns: Sequence[str], *, id: str | None = None,  # noqa: A002
                 min_widths: dict[str, int] | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.wanted = list(columns)
        self.min_widths = min_widths or {}
        self.shown: list[str] = []
        self.rows_data: list[JobRow] = []

    def visible_columns(self, width: int) -> list[str]:
        return [c for c in self.wanted if width >= self.min_widths.get(c, COLUMNS[c][2])]

    def set_rows(self, rows: list[JobRow], width: int | None = None) -> None:
        width = width or self.app.size.width
        cols = self.visible_columns(width)
        keep = self.selected_job()
        if cols != self.shown:
            self.clear(columns=True)
            for c in cols:
                label, w, _ = COLUMNS[c]
                self.add_column(label, key=c, width=w)
            self.shown = cols
        else:
            self.clear()
        self.rows_data = rows
        for r in rows:
            self.add_row(*(self._cell(r, c) for c in cols), key=str(r.id))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))

    def _cell(self, r: JobRow, col: str) -> object:
        if col == "status":
            return status_text(r.status)
        if col == "confidence":
            return confidence_text(r.confidence)
        if col == "amount":
            return Text(r.amount, justify="right")
        value = getattr(r, col)
        return Text(_clip(str(value), COLUMNS[col][1]))  # Text: file names and errors are not markup

    def selected_job(self) -> int | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # cursor outside the rows (table just cleared)
            return None
        return int(key.value) if key.value is not None else None


NAV = (("1", "jobs", "Jobs"), ("2", "review", "Review"), ("3", "dead", "Dead"), ("4", "insights", "Insights"),
       ("5", "status", "Status"))


class NavBar(Static):
    """One line naming every screen and its key, the current one highlighted (the app's "tabs")."""

    def __init__(self, current: str) -> None:
        super().__init__(classes="nav")
        self.current = current

    def on_mount(self) -> None:
        text = Text()
        for key, mode, label in NAV:
            style = "bold reverse" if mode == self.current else ""
            text.append(f" {key} ", style="bold " + ("reverse" if mode == self.current else "dim"))
            text.append(f"{label} ", style=style)
            text.append(" ")
        text.append(" ? ", style="bold dim")
        text.append("Help")
        self.update(text)
