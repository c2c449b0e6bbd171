"""The review queue and the review form.

The queue lists NEEDS_REVIEW bills first, then dead letters, then failed jobs. Enter opens
the form: every scalar field of ``BillNormalized`` as an input, validated as you type with
the pipeline's own Pydantic model, and the pipeline's own checks (``validate.finalize``)
re-run on every change. Ctrl+S approves, Ctrl+R rejects; after either, the next bill in the
queue opens, so a reviewer clears a queue from the keyboard alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Static

from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.statuses import REVIEW_ORDER, style
from minimeter.store.lifecycle import Status
from minimeter.tui import data
from minimeter.tui.evidence_picture import EvidencePicture
from minimeter.tui.format import checks_text, one_line, page_text, status_text
from minimeter.tui.messages import ActionDone, Loaded
from minimeter.tui.screens.base import DataScreen, PromptScreen
from minimeter.tui.widgets import JobTable, NavBar


class ReviewQueueScreen(DataScreen):
    BINDINGS = [
        Binding("enter", "review", "Review", show=False),
        Binding("r", "retry", "Retry"),
        Binding("d", "detail", "Detail"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield NavBar("review")
        yield Static(id="queue-title")
        yield JobTable(["id", "file", "provider", "account", "amount", "status", "confidence", "error"], id="queue",
                       min_widths={"error": 100})
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(JobTable).focus()

    def fetch(self) -> list[data.JobRow]:
        return data.review_rows(self.mm.store)

    def show(self, rows: list[data.JobRow]) -> None:
        self.query_one(JobTable).set_rows(rows, self.size.width or None)
        n = {s: sum(1 for r in rows if r.status == s) for s in REVIEW_ORDER}
        title = Text(" Review queue: ", style="bold")
        title.append(f"{n[Status.NEEDS_REVIEW]} to review, {n[Status.DEAD]} dead, {n[Status.FAILED]} failed")
        title.append("  enter: review" if rows else "  Nothing to review.", style="dim")
        self.query_one("#queue-title", Static).update(title)

    @on(DataTable.RowSelected, "#queue")
    def _selected(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        job_id = self.query_one(JobTable).selected_job()
        if job_id is not None:
            self.open_form(job_id)

    def open_form(self, job_id: int) -> None:
        self.app.push_screen(ReviewFormScreen(job_id), self._form_closed)

    def _form_closed(self, outcome: str | None) -> None:
        """After approve/reject, open the next bill in the queue (fetched fresh, in a worker)."""
        if outcome in ("approved", "rejected"):
            self._next()
        else:
            self.reload()

    @work(thread=True, group="load", exit_on_error=False)
    def _next(self) -> None:
        rows = data.review_rows(self.mm.store)
        self.post_message(Loaded(type(self).__name__, rows))
        nxt = next((r.id for r in rows if r.status in (Status.NEEDS_REVIEW, Status.DEAD)), None)
        if nxt is not None:
            self.app.call_from_thread(self.open_form, nxt)

    def action_retry(self) -> None:
        self.action_retry_selected()

    def action_detail(self) -> None:
        self.action_open_selected()

    def commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Review: open the selected bill", "Edit, approve or reject it", self.action_review),
            ("Review: retry the selected job", "Run extraction again", self.action_retry),
        ]


@dataclass
class FormState:
    detail: data.JobDetail
    original: ExtractionResult | None


class ReviewFormScreen(DataScreen):
    BINDINGS = [
        Binding("ctrl+s", "approve", "Approve", priority=True),
        Binding("ctrl+r", "reject", "Reject", priority=True),
        Binding("ctrl+o", "toggle_export", "Eval case", priority=True),
        Binding("escape", "cancel", "Back"),
        # priority: the scrolling form would otherwise take up/down to scroll instead of moving field
        Binding("down", "app.focus_next", "Next field", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, job_id: int) -> None:
        super().__init__()
        self.job_id = job_id
        self.state: FormState | None = None
        self.bill: BillNormalized | None = None
        self.errors: dict[str, str] = {}
        self.busy = False
        self._check_seq = 0

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(id="form-title")
        with Horizontal(id="form-body"):
            with VerticalScroll(id="form"):
                for name in BillNormalized.scalar_fields():
                    with Horizontal(classes="field-row"):
                        yield Label(name, classes="field-label")
                        yield Input(id=f"in-{name}", compact=True, select_on_focus=False)
                    yield Static(id=f"err-{name}", classes="field-error")
                yield Checkbox("export as a labelled eval case on approve (ctrl+o)", id="export")
            with Vertical(id="side"):
                yield Static(id="live-checks")
                with VerticalScroll(id="form-doc"):
                    yield EvidencePicture(id="form-picture")  # (shown where the terminal draws pictures)
                    yield Static(id="form-doc-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for err in self.query(".field-error"):
            err.display = False
        self.query_one("#form-title", Static).update(f"Loading job {self.job_id}…")

    def reload(self) -> None:
        if self.state is None:  # load once: a reload would overwrite what the reviewer typed
            self._load()

    def fetch(self) -> FormState | None:
        d = data.job_detail(self.mm.store, self.job_id)
        if d is None:
            return None
        return FormState(detail=d, original=d.version.result if d.version else None)

    def show(self, state: FormState | None) -> None:
        if state is None:
            self.query_one("#form-title", Static).update(f"Job {self.job_id} does not exist.")
            return
        self.state = state
        job = state.detail.job
        title = Text(f" Review #{job.id} {job.original_name}  ", style="bold")
        title.append_text(status_text(job.status))
        if job.last_error:
            title.append(f"  {job.last_error.splitlines()[0]}", style="red")
        from minimeter.templates import template_of

        tid, supplied = template_of(state.original)
        if tid:
            title.append(f"\nread with template {tid}: {', '.join(supplied)}", style="cyan")
        self.query_one("#form-title", Static).update(title)
        bill = state.original.bill if state.original else BillNormalized()
        for name in BillNormalized.scalar_fields():
            inp = self.query_one(f"#in-{name}", Input)
            with inp.prevent(Input.Changed):
                inp.value = data.display_value(getattr(bill, name))
            ev = state.original.evidence.get(name) if state.original else None
            if ev is not None and ev.confidence < self.mm.settings.review_confidence:
                inp.add_class("low-confidence")
        first = next((self.query_one(f"#in-{n}", Input) for n in BillNormalized.scalar_fields()
                      if self.query_one(f"#in-{n}", Input).has_class("low-confidence")),
                     self.query_one(Input))
        first.focus()
        self._validate()

    # --- validate as you type ------------------------------------------------------------------
    def form_values(self) -> dict[str, str]:
        return {n: self.query_one(f"#in-{n}", Input).value for n in BillNormalized.scalar_fields()}

    @on(Input.Changed)
    def _changed(self) -> None:
        if self.state is not None:
            self._validate()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.app.action_focus_next()

    def _validate(self) -> None:
        assert self.state is not None
        base = self.state.original.bill if self.state.original else BillNormalized()
        errors: dict[str, str] = {}
        try:
            self.bill = data.bill_from_form(self.form_values(), base)
        except ValidationError as exc:
            self.bill = None
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else "bill"
                errors.setdefault(name, err["msg"])
        self.errors = errors
        for name in BillNormalized.scalar_fields():
            box = self.query_one(f"#err-{name}", Static)
            box.display = name in errors
            box.update(f"↑ {errors.get(name, '')}")
            self.query_one(f"#in-{name}", Input).set_class(name in errors, "invalid")
        if self.bill is not None:
            self._check_seq += 1
            self._live_checks(self.bill, self._check_seq)
        else:
            self.query_one("#live-checks", Static).update(
                Text(f"Fix {len(errors)} field(s) before the checks can run.", style="bold red"))

    @work(thread=True, exclusive=True, group="checks", exit_on_error=False)
    def _live_checks(self, bill: BillNormalized, seq: int) -> None:
        assert self.state is not None
        try:
            result = data.live_checks(data.reviewed_result(self.state.original, bill), self.state.detail.doc,
                                      self.mm.settings)
        except Exception as exc:
            self.post_message(Loaded("checks", (seq, Text(f"checks could not run: {one_line(exc)}", style="red"))))
            return
        text = Text("Checks (live): ", style="bold")
        text.append(result.status, style=style(result.status))
        text.append("\n")
        text.append_text(checks_text(result.checks, result.issues))
        self.post_message(Loaded("checks", (seq, text)))

    def on_loaded(self, message: Loaded) -> None:
        if message.what == "checks":
            seq, text = message.data
            if seq == self._check_seq:  # an older run finishing late must not overwrite a newer one
                self.query_one("#live-checks", Static).update(text)
        else:
            super().on_loaded(message)

    def on_descendant_focus(self) -> None:
        """Show where the focused field's value came from in the bill's text."""
        focused = self.app.focused
        if self.state is None or not isinstance(focused, Input) or not focused.id:
            return
        name = focused.id.removeprefix("in-")
        ev = self.state.original.evidence.get(name) if self.state.original else None
        text, line = page_text(self.state.detail.doc, ev)
        self.query_one("#form-doc-text", Static).update(text)
        self.query_one("#form-doc", VerticalScroll).scroll_to(y=max(0, line - 2), animate=False)
        self.query_one(EvidencePicture).show_for(Path(self.state.detail.job.archive_path), self.state.detail.doc,
                                                 ev.span if ev else None)

    # --- decide ---------------------------------------------------------------------------------
    def action_toggle_export(self) -> None:
        box = self.query_one("#export", Checkbox)
        box.value = not box.value

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_approve(self) -> None:
        if self.state is None or self.busy:
            return
        if self.bill is None:
            self.notify(f"Not approved: {', '.join(sorted(self.errors))} invalid", severity="error", markup=False)
            return
        self.busy = True
        state, bill, mm = self.state, self.bill, self.mm
        export = self.query_one("#export", Checkbox).value

        def run() -> str:
            from minimeter.review import approve

            approve(mm.store, mm.settings, state.detail.job, bill, reviewer=mm.reviewer, note="approved in the TUI",
                    original=state.original, doc=state.detail.doc)  # the same path as `minimeter review`
            if export:
                path = data.export_eval_case(mm.settings, state.detail.job, bill, mm.reviewer)
                return f"Job {state.detail.job.id} approved; eval case {data.short_path(path)}"
            return f"Job {state.detail.job.id} approved"

        self.act("approve", self.job_id, run, "")

    def action_reject(self) -> None:
        if self.state is None or self.busy:
            return
        self.app.push_screen(PromptScreen(f"Reject job {self.job_id}: why?", "not a bill"), self._reject_with)

    def _reject_with(self, reason: str | None) -> None:
        if reason is None:
            return
        self.busy = True
        store, by, job_id = self.mm.store, self.mm.reviewer, self.job_id
        self.act("reject", job_id, lambda: store.discard(job_id, by=by, reason=reason or "rejected in review"),
                 f"Job {job_id} rejected (kept in history)")

    def on_action_done(self, message: ActionDone) -> None:
        self.busy = False
        text = message.message or str(message.data)
        self.notify(text, severity="error" if message.error else "information", timeout=8 if message.error else 4,
                    markup=False)
        if not message.error:
            self.mm.mark_dirty()
            self.dismiss("approved" if message.action == "approve" else "rejected")

    def commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Review: approve", "Store the corrected bill; the job becomes SUCCEEDED", self.action_approve),
            ("Review: reject", "Discard the job (kept in history)", self.action_reject),
            ("Review: toggle eval-case export", "Also write the bill as a labelled eval case",
             self.action_toggle_export),
        ]
