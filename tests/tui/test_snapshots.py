"""SVG snapshots of every screen (pytest-textual-snapshot), on fixed data with pinned times.

Update after an intended change with ``pytest tests/tui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import contextlib
import sys

import pytest
from textual.widgets import Input

from minimeter.tui.app import make_app
from minimeter.tui.screens.detail import JobDetailScreen
from tests.tui.conftest import pin_times


@pytest.fixture
def snap_app(settings, store, seeded, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # paths show as ~/mmhome/... on every machine
    monkeypatch.setattr("minimeter.tui.app._reviewer", lambda: "reviewer")
    pin_times(settings.db_path)
    return make_app(settings, store=store, start_service=False)


async def settle(pilot) -> None:
    """Wait until every loader worker has delivered (data comes from threads, then by message)."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):  # a newer load replaced it: wait for that one
            await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.1)
    for _ in range(100):  # the screen in front has shown its data (its message may still be queued)
        if getattr(pilot.app.screen, "loaded_once", True):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.1)
    for inp in pilot.app.screen.query(Input):
        inp.cursor_blink = False  # a blinking cursor would make the picture depend on timing
    await pilot.pause()


def test_jobs_80x24(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=settle)


def test_jobs_200x50(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(200, 50), run_before=settle)


def test_job_detail(snap_app, seeded, snap_compare):
    async def open_detail(pilot):
        await settle(pilot)
        await pilot.app.push_screen(JobDetailScreen(seeded["good1"]))
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=(100, 30), run_before=open_detail)


def test_job_detail_history_80x24(snap_app, seeded, snap_compare):
    async def open_history(pilot):
        await settle(pilot)
        await pilot.app.push_screen(JobDetailScreen(seeded["dead"]))
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=open_history)


def test_review_queue(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(100, 30), press=["2"], run_before=settle)


def test_review_form_with_an_invalid_field(snap_app, snap_compare):
    async def edit(pilot):
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["down"] * 8, *"2024-02-30")  # no such day: the error shows under the field
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=(100, 30), run_before=edit)


def test_dead_letters(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(100, 30), press=["3"], run_before=settle)


def test_insights_without_reports(snap_app, snap_compare, monkeypatch):
    # The reports module missing (another build): the screen falls back to per-bill series.
    monkeypatch.setitem(sys.modules, "minimeter.reports", None)
    monkeypatch.setitem(sys.modules, "minimeter.reports.series", None)
    assert snap_compare(snap_app, terminal_size=(100, 30), press=["4"], run_before=settle)


def test_status(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(100, 30), press=["5"], run_before=settle)


def test_help(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(100, 30), press=["question_mark"], run_before=settle)
