"""The TUI driven from the keyboard with Pilot, against a real SQLite store and the real service."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from textual.widgets import Input

from minimeter.tui.app import make_app
from minimeter.tui.widgets import JobTable
from tests.helpers import bill_lines, make_pdf
from tests.tui.conftest import review_lines, wait_until

pytestmark = pytest.mark.anyio

FINAL = {"SUCCEEDED", "NEEDS_REVIEW", "DEAD"}


def table_statuses(app) -> dict[str, str]:
    """What the jobs table shows: file name -> status cell text, read from the widget itself."""
    table = app.screen.query_one(JobTable)
    cols = list(table.columns)
    if "file" not in cols or "status" not in cols:  # the table is still being built on mount
        return {}
    fi, si = cols.index("file"), cols.index("status")
    return {str(table.get_row_at(i)[fi]): str(table.get_row_at(i)[si]) for i in range(table.row_count)}


async def test_dropped_bills_appear_and_reach_their_final_status(settings, store, span_extractor):
    make_pdf(settings.inbox_dir / "jan.pdf", bill_lines(total="101.00"))
    make_pdf(settings.inbox_dir / "feb.pdf", bill_lines(total="102.00"))
    make_pdf(settings.inbox_dir / "odd.pdf", review_lines())
    app = make_app(settings, store=store)
    async with app.run_test(size=(120, 30)) as pilot:
        assert await wait_until(pilot, lambda: len(table_statuses(app)) == 3), table_statuses(app)
        # a bill dropped while the app is open shows up too
        make_pdf(settings.inbox_dir / "late.pdf", bill_lines(total="103.00"))
        ok = await wait_until(pilot, lambda: set(table_statuses(app)) == {"jan.pdf", "feb.pdf", "odd.pdf", "late.pdf"}
                              and set(table_statuses(app).values()) <= FINAL, timeout=45)
        shown = table_statuses(app)
        assert ok, shown
        assert shown == {"jan.pdf": "SUCCEEDED", "feb.pdf": "SUCCEEDED", "odd.pdf": "NEEDS_REVIEW",
                         "late.pdf": "SUCCEEDED"}
        assert app.session_done == 4
        counts = str(app.screen.query_one("#counts").render())
        assert "succeeded 3" in counts and "needs review 1" in counts


async def test_review_correct_and_approve_from_the_keyboard(settings, store, seeded):
    review_id = seeded["review"]
    assert store.get_job(review_id).status == "NEEDS_REVIEW"
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count >= 1)
        assert app.screen.query_one(JobTable).selected_job() == review_id  # NEEDS_REVIEW comes first
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: type(app.screen).__name__ == "ReviewFormScreen"
                                and app.screen.state is not None)
        form = app.screen
        assert app.focused.id == "in-provider"
        await pilot.press("down", "down", "down", "down", "down", "down", "down")  # -> billing_period_start
        assert app.focused.id == "in-billing_period_start"
        await pilot.press(*"2024-03-01", "down", *"2024-13-45")  # a month 13 does not exist
        assert await wait_until(pilot, lambda: form.query_one("#err-billing_period_end").display)
        assert "billing_period_end" in form.errors
        await pilot.press("ctrl+s")  # refused while a field is invalid
        await pilot.pause(0.3)
        assert store.get_job(review_id).status == "NEEDS_REVIEW"
        await pilot.press("ctrl+u", *"2024-03-31")
        assert await wait_until(pilot, lambda: not form.errors)
        assert not form.query_one("#err-billing_period_end").display
        await pilot.press("down", "down", "ctrl+u", *"88.20")  # total_amount_due was misread
        assert app.focused.id == "in-total_amount_due"
        # the pipeline's own checks re-ran on the edited bill: nothing is missing any more
        def live() -> str:
            return str(form.query_one("#live-checks").render())

        assert await wait_until(pilot, lambda: "Checks (live): SUCCEEDED" in live())
        await pilot.press("ctrl+o", "ctrl+s")
        assert await wait_until(pilot, lambda: store.get_job(review_id).status == "SUCCEEDED")
    bill = store.current_bill(review_id)
    assert bill.source == "review" and bill.reviewer == app.reviewer
    b = bill.result.bill
    assert (b.billing_period_start, b.billing_period_end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert b.total_amount_due == Decimal("88.20") and b.account_number == "5550001111"
    assert bill.result.evidence["total_amount_due"].source == "human"
    reviews = [e for e in store.events(review_id) if e.kind == "review"]
    assert reviews and reviews[-1].data["reviewer"] == app.reviewer and reviews[-1].data["approve"] is True
    truth = json.loads((settings.home / "eval-cases" / f"job{review_id}-scan-review.truth.json").read_text())
    assert truth["total_amount_due"] == 88.2 and truth["billing_period_end"] == "2024-03-31"
    assert (settings.home / "eval-cases" / f"job{review_id}-scan-review.pdf").stat().st_size > 0


async def test_reject_from_the_review_form(settings, store, seeded):
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count >= 1)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: getattr(app.screen, "state", None) is not None)
        await pilot.press("ctrl+r")
        assert await wait_until(pilot, lambda: isinstance(app.focused, Input) and app.focused.id == "prompt")
        await pilot.press("ctrl+u", *"duplicate", "enter")
        assert await wait_until(pilot, lambda: store.get_job(seeded["review"]).status == "DISCARDED")


async def test_dead_letter_is_retried_and_reprocessed(settings, store, seeded):
    dead_id = seeded["dead"]
    assert store.get_job(dead_id).status == "DEAD"
    app = make_app(settings, store=store, start_service=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count == 2)
        assert app.screen.query_one(JobTable).selected_job() == dead_id
        await pilot.press("r")
        assert await wait_until(pilot, lambda: any(e.kind == "retry" for e in store.events(dead_id)))
        # the running service takes it again; a file that is not a PDF dies again, with its reason
        assert await wait_until(pilot, lambda: store.get_job(dead_id).status == "DEAD"
                                and store.get_job(dead_id).attempts >= 1, timeout=45)
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count == 2)


async def test_dead_letter_discard(settings, store, seeded):
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count == 2)
        await pilot.press("d")
        assert await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "prompt")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: store.get_job(seeded["dead"]).status == "DISCARDED")
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count == 1)


async def test_every_screen_is_reachable_and_typing_in_search_does_not_switch(settings, store, seeded):
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(80, 24)) as pilot:
        names = []
        for key in "23451":
            await pilot.press(key)
            names.append(type(app.screen).__name__)
        assert names == ["ReviewQueueScreen", "DeadLettersScreen", "InsightsScreen", "StatusScreen", "JobsScreen"]
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape", "slash", *"april2q")  # digits and q go into the search box
        assert type(app.screen).__name__ == "JobsScreen" and app.focused.id == "search"
        assert app.focused.value == "april2q"
        await pilot.press("ctrl+u", *"april", "enter")
        assert await wait_until(pilot, lambda: app.screen.query_one(JobTable).row_count == 1)
        await pilot.press("enter")  # detail of the one match
        assert await wait_until(pilot, lambda: getattr(app.screen, "detail", None) is not None)
        for key in ("c", "i", "h", "f"):
            await pilot.press(key)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "JobsScreen"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Go to Jobs", "Go to Review queue", "Go to Dead letters", "Go to Insights",
                "Go to Settings / status", "Jobs: retry selected job"} <= set(titles)


async def test_detail_highlights_where_the_selected_field_was_read(settings, store, seeded):
    from minimeter.tui.screens.detail import JobDetailScreen

    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(JobDetailScreen(seeded["good1"]))
        assert await wait_until(pilot, lambda: getattr(app.screen, "detail", None) is not None)
        table = app.screen.query_one("#fields-table")
        rows = [table.get_row_at(i)[0] for i in range(table.row_count)]
        await pilot.press(*["down"] * rows.index("total_amount_due"))
        await pilot.pause(0.2)
        text = app.screen.query_one("#doc-text").render()
        highlighted = [text.plain[s.start:s.end] for s in text.spans if "yellow" in str(s.style)]
        assert highlighted == ["123.45"]
        assert "from rules, confidence 0.95" in text.plain


async def test_reprocess_from_the_detail_screen_queues_the_job_again(settings, store, seeded):
    from minimeter.tui.screens.detail import JobDetailScreen

    job_id = seeded["good2"]
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(JobDetailScreen(job_id))
        assert await wait_until(pilot, lambda: getattr(app.screen, "detail", None) is not None)
        await pilot.press("p")
        assert await wait_until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen")
        assert app.screen.options[0] == "fake"  # the extractor in use is offered first
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: store.get_job(job_id).status == "PENDING")
    assert any(e.kind == "retry" and "reprocess with fake" in (e.message or "") for e in store.events(job_id))
