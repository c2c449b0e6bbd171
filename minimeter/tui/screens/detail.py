"""Job detail: fields with confidence and evidence, the bill's text with the source span
highlighted, rule checks, line items and meters, the event history, and the job's actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from minimeter.schema import BillNormalized
from minimeter.tui import data
from minimeter.tui.evidence_picture import EvidencePicture
from minimeter.tui.format import checks_text, confidence_text, page_text, status_text
from minimeter.tui.screens.base import ChoiceScreen, DataScreen
from minimeter.tui.screens.review import ReviewFormScreen


def template_origin(settings: Any, note: str) -> str:
    """Which approved job taught the template named in an evidence note ("template <id>: ...")."""
    from minimeter.templates import book_for

    tid = note.removeprefix("template ").split(":")[0].split(";")[0].strip()
    try:
        t = book_for(settings).get(tid) if tid else None
    except Exception:  # a broken or vanished file: say so rather than fail the screen
        t = None
    if t is None:
        return f"template {tid or '?'} (no longer in the templates folder)"
    origin = f"job {t.origin_job}" if t.origin_job is not None else "an imported file"
    return (f"template {t.id}: taught by {origin} ({t.origin_file or '-'}), read {t.bills_read} bill(s), "
            f"{t.fields_confirmed} field(s) confirmed")


def items_table(bill: BillNormalized) -> Table:
    t = Table(title="Line items", title_justify="left", expand=True)
    for col in ("description", "category", "quantity", "rate", "amount"):
        t.add_column(col, justify="right" if col in ("quantity", "rate", "amount") else "left", overflow="fold")
    for li in bill.line_items:
        qty = data.display_value(li.quantity) + (f" {li.unit}" if li.unit else "")
        t.add_row(Text(li.description), str(li.category), qty,
                  data.display_value(li.rate), data.display_value(li.amount))
    if not bill.line_items:
        t.add_row("(none extracted)", "", "", "", "")
    return t


def meters_table(bill: BillNormalized) -> Table:
    t = Table(title="Meters", title_justify="left", expand=True)
    for col in ("number", "commodity", "prior", "present", "mult.", "usage"):
        t.add_column(col, overflow="fold")
    for m in bill.meters:
        t.add_row(Text(m.number or ""), str(m.commodity or ""), data.display_value(m.prior_read),
                  data.display_value(m.present_read), data.display_value(m.multiplier),
                  data.display_value(m.usage) + (f" {m.unit}" if m.unit else ""))
    if not bill.meters:
        t.add_row("(none extracted)", "", "", "", "", "")
    return t


class JobDetailScreen(DataScreen):
    BINDINGS = [
        Binding("escape,backspace", "back", "Back"),
        Binding("e", "review", "Review/edit"),
        Binding("r", "retry", "Retry"),
        Binding("p", "reprocess", "Reprocess"),
        Binding("o", "open_file", "Open file"),
        Binding("f", "show_tab('fields')", "Fields", show=False),
        Binding("c", "show_tab('checks')", "Checks", show=False),
        Binding("i", "show_tab('items')", "Items", show=False),
        Binding("h", "show_tab('history')", "History", show=False),
        Binding("v", "toggle_picture", "Picture", show=False),
    ]

    def __init__(self, job_id: int) -> None:
        super().__init__()
        self.job_id = job_id
        self.detail: data.JobDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(id="job-title")
        with TabbedContent(initial="fields", id="detail-tabs"):
            with TabPane("Fields (f)", id="fields"), Horizontal():
                yield DataTable(id="fields-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="doc-scroll"):
                    yield EvidencePicture(id="evidence-picture")
                    yield Static(id="doc-text")
            with TabPane("Checks (c)", id="checks"), VerticalScroll(id="checks-scroll"):
                yield Static(id="checks-text")
            with TabPane("Items & meters (i)", id="items"), VerticalScroll(id="items-scroll"):
                yield Static(id="items-text")
                yield Static(id="meters-text")
            with TabPane("History (h)", id="history"), VerticalScroll(id="history-scroll"):
                yield Static(id="history-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#fields-table", DataTable)
        table.add_column("Field", key="field", width=20)
        table.add_column("Value", key="value", width=14)
        table.add_column("Conf", key="conf", width=4)
        table.focus()

    def fetch(self) -> data.JobDetail | None:
        return data.job_detail(self.mm.store, self.job_id)

    def show(self, d: data.JobDetail | None) -> None:
        if d is None:
            self.query_one("#job-title", Static).update(f"Job {self.job_id} does not exist.")
            return
        self.detail = d
        job = d.job
        title = Text()
        title.append(f"#{job.id} {job.original_name}  ", style="bold")
        title.append_text(status_text(job.status))
        title.append(f"  attempts {job.attempts}/{job.max_attempts}  extractor {job.extractor or '-'}"
                     f"  versions {d.versions}")
        if job.last_error:
            title.append(f"\n{job.last_error.splitlines()[0]}", style="red")
        self.query_one("#job-title", Static).update(title)
        result = d.version.result if d.version else None
        bill = result.bill if result else BillNormalized()
        table = self.query_one("#fields-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for name in BillNormalized.scalar_fields():
            value = getattr(bill, name)
            ev = result.evidence.get(name) if result else None
            if value is None and ev is None:
                continue
            shown = Text(data.display_value(value), style="" if (ev is None or ev.grounded) else "red")
            table.add_row(name, shown, confidence_text(ev.confidence if ev else None), key=name)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._highlight()
        self.query_one("#checks-text", Static).update(
            checks_text(result.checks, result.issues) if result else Text("No result yet.", style="dim"))
        self.query_one("#items-text", Static).update(items_table(bill))
        self.query_one("#meters-text", Static).update(meters_table(bill))
        hist = Text()
        for ev_ in d.events:
            hist.append(f"{data.short_time(ev_.at)} ", style="dim")
            hist.append(f"{ev_.kind:<9} ", style="bold")
            move = f"{ev_.from_status or ''} → {ev_.to_status}  " if ev_.to_status else ""
            hist.append(f"{move}{ev_.message or ''}\n")
        self.query_one("#history-text", Static).update(hist or Text("No events.", style="dim"))

    @on(DataTable.RowHighlighted, "#fields-table")
    def _field_moved(self) -> None:
        self._highlight()

    def _highlight(self) -> None:
        if self.detail is None:
            return
        table = self.query_one("#fields-table", DataTable)
        field = None
        if table.row_count:
            field = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        result = self.detail.version.result if self.detail.version else None
        ev = result.evidence.get(field) if (result and field) else None
        text, line = page_text(self.detail.doc, ev)
        if field:
            head = Text(f"{field}", style="bold")
            value = getattr(result.bill, field, None) if result else None
            head.append(f" = {data.display_value(value)}" if value is not None else " (empty)")
            if ev is not None:
                head.append(f"\nfrom {ev.source}, confidence {ev.confidence:.2f}"
                            + ("" if ev.grounded else ", NOT found in the text"), style="dim" if ev.grounded else "red")
                if ev.note:
                    head.append(f"\n{ev.note}", style="dim")
                if ev.source == "template":
                    head.append(f"\n{template_origin(self.mm.settings, ev.note or '')}", style="cyan")
            elif value is not None:
                head.append("\nno evidence recorded", style="dim")
            head.append("\n")
            line += head.plain.count("\n")
            text = head + text
        self.query_one("#doc-text", Static).update(text)
        self.query_one("#doc-scroll", VerticalScroll).scroll_to(y=max(0, line - 3), animate=False)
        self.query_one(EvidencePicture).show_for(Path(self.detail.job.archive_path), self.detail.doc,
                                                 ev.span if ev else None)

    def action_toggle_picture(self) -> None:
        shown = self.query_one(EvidencePicture).toggle()
        self.notify("Evidence picture on" if shown else "Evidence picture off", timeout=2)

    # --- actions ------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_show_tab(self, tab: str) -> None:
        # Focus goes into the new pane too: TabbedContent re-activates the pane that holds the focus.
        self.query_one(TabbedContent).active = tab
        self.query_one("#fields-table" if tab == "fields" else f"#{tab}-scroll").focus()

    def action_review(self) -> None:
        self.app.push_screen(ReviewFormScreen(self.job_id))

    def action_retry(self) -> None:
        store, by, job_id = self.mm.store, self.mm.reviewer, self.job_id
        self.act("retry", job_id, lambda: store.retry(job_id, by=by), f"Job {job_id} queued again")

    def action_reprocess(self) -> None:
        from minimeter.extract import base as extractors

        current = self.mm.service_extractor() or self.mm.settings.extractor
        names = [current, *[n for n in extractors.available() if n != current]]
        self.app.push_screen(ChoiceScreen(f"Reprocess job {self.job_id} with which extractor?", names),
                             self._reprocess_with)

    def _reprocess_with(self, name: str | None) -> None:
        if not name:
            return
        store, by, job_id, app = self.mm.store, self.mm.reviewer, self.job_id, self.mm

        def run() -> str:
            app.use_extractor(name)
            store.retry(job_id, by=f"{by} (reprocess with {name})")
            return name

        self.act("reprocess", job_id, run, f"Job {job_id} queued for {name}")

    def action_open_file(self) -> None:
        if self.detail is None:
            return
        path = self.detail.job.archive_path
        import shutil

        if shutil.which("xdg-open") or shutil.which("open"):
            self.app.open_url(f"file://{path}")
            self.notify(f"Opening {data.short_path(path)}", markup=False)
        else:
            self.notify(f"Original file: {data.short_path(path)}", timeout=15, markup=False)

    def commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Job: review / edit fields", "Correct the bill and approve or reject it", self.action_review),
            ("Job: retry", "Put the job back in the queue now", self.action_retry),
            ("Job: reprocess with another extractor", "Choose an extractor, then queue the job", self.action_reprocess),
            ("Job: open the original file", "With the desktop's viewer, or show its path", self.action_open_file),
        ]
