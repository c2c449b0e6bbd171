"""The TUI shows a template's use: the review form names the template and the fields it supplied, the job
detail names the approved job that taught it, and the Status screen lists templates with their counts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from minimeter.review import approve
from minimeter.settings import Settings, load_settings
from minimeter.store import open_store
from minimeter.tui.app import make_app
from minimeter.tui.screens.detail import JobDetailScreen
from minimeter.tui.screens.review import ReviewFormScreen
from tests.templates.bills import Facts, draw, other
from tests.templates.test_pipeline import process
from tests.tui.conftest import wait_until

pytestmark = pytest.mark.anyio


@pytest.fixture
def rules_home(minimeter_home: Path) -> Settings:
    s = load_settings(minimeter_home, extractor="rules", stable_seconds=0.0)
    s.ensure_dirs()
    return s


async def test_tui_shows_the_template(rules_home: Settings, tmp_path: Path) -> None:
    settings = rules_home
    store = open_store(settings)
    first = process(settings, store, draw(tmp_path / "a1.pdf", Facts()))
    job = store.get_job(first)
    assert job is not None
    approve(store, settings, job, store.current_bill(first).result.bill, reviewer="ana",  # type: ignore[union-attr]
            note="approved in a test")
    second = process(settings, store, draw(tmp_path / "es.pdf", other(1), lang="es"))
    app = make_app(settings, store=store, start_service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(ReviewFormScreen(second))
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewFormScreen)
                                and app.screen.state is not None)
        title = str(app.screen.query_one("#form-title").render())
        assert "read with template northwind" in title and "account_number" in title, title
        app.pop_screen()
        app.push_screen(JobDetailScreen(second))
        assert await wait_until(pilot, lambda: isinstance(app.screen, JobDetailScreen)
                                and app.screen.detail is not None)
        table = app.screen.query_one("#fields-table")
        row = list(table.rows).index(next(k for k in table.rows if k.value == "account_number"))
        table.move_cursor(row=row)
        await pilot.pause(0.2)
        text = str(app.screen.query_one("#doc-text").render())
        assert f"taught by job {first}" in text and "a1.pdf" in text, text
        app.pop_screen()
        await pilot.press("5")

        def listing() -> str:
            if not app.screen.query("#templates-table"):
                return ""
            console = Console(width=200, record=True, file=io.StringIO())
            console.print(app.screen.query_one("#templates-table", Static).content)
            return console.export_text()

        assert await wait_until(pilot, lambda: "Layout templates (1)" in listing()), listing()
        assert "Northwind" in listing() and f"job {first}" in listing()
    store.close()
