"""Templates through the real pipeline: a real SQLite store, the real PDF reader, the rules extractor,
approval through ``minimeter review`` (the same code path as the TUI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from minimeter.cli import main
from minimeter.intake.inbox import Inbox
from minimeter.settings import Settings, load_settings
from minimeter.store import open_store
from minimeter.store.base import JobStore
from minimeter.templates import book_for
from minimeter.worker import drain
from tests.templates.bills import Facts, draw, other


@pytest.fixture
def home(minimeter_home: Path) -> Settings:
    s = load_settings(minimeter_home, extractor="rules", stable_seconds=0.0)
    s.ensure_dirs()
    return s


def process(settings: Settings, store: JobStore, path: Path) -> int:
    res = Inbox(settings, store).take(path, move=False)
    assert res.job is not None
    drain(settings, store, extractor="rules")
    return res.job.id


def template_events(store: JobStore, job_id: int) -> list[str]:
    return [e.message or "" for e in store.events(job_id) if e.kind == "template"]


def review(settings: Settings, *args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["--home", str(settings.home), "review", *args])
    return r.exit_code, r.output


def test_learn_apply_and_layout_change(home: Settings, tmp_path: Path) -> None:
    store = open_store(home)
    first = process(home, store, draw(tmp_path / "a1.pdf", Facts()))
    # The reviewer corrects a field (kept as a new version) and approves: the layout is learned.
    code, out = review(home, str(first), "--set", "rate_plan=E-1 Residential", "--approve")
    assert code == 0, out
    assert "learned template" in out
    book = book_for(home)
    [tpl] = book.all()
    assert tpl.origin_job == first and "total_amount_due" in tpl.fields
    assert tpl.fields["total_amount_due"].label == "Total Amount Due"
    assert store.current_bill(first).result.bill.rate_plan == "E-1 Residential"  # type: ignore[union-attr]
    assert len(store.bill_versions(first)) == 2

    # Next month, another customer: read with the template, the same checks decide.
    second = process(home, store, draw(tmp_path / "a2.pdf", other(1)))
    result = store.current_bill(second).result  # type: ignore[union-attr]
    assert result.status == "SUCCEEDED"
    assert result.bill.total_amount_due == other(1).total
    assert result.evidence["total_amount_due"].source == "template"
    assert (result.evidence["total_amount_due"].note or "").startswith(f"template {tpl.id}")
    assert any("read" in m and tpl.id in m for m in template_events(store, second))
    assert book.get(tpl.id).bills_read == 1  # type: ignore[union-attr]

    # The same utility's other layout: no template value is used, and the event says why.
    third = process(home, store, draw(tmp_path / "b1.pdf", other(2), layout="summary"))
    result = store.current_bill(third).result  # type: ignore[union-attr]
    assert not any(ev.source == "template" for ev in result.evidence.values())
    events = template_events(store, third)
    assert events and "no template matches this layout" in events[0] and tpl.id in events[0]
    assert book.get(tpl.id).bills_read == 1  # type: ignore[union-attr]

    # Approving the second bill confirms the template's fields.
    code, out = review(home, str(second), "--approve")
    assert code == 0, out
    assert book.get(tpl.id).fields_confirmed >= 8  # type: ignore[union-attr]
    store.close()


def test_language_switch_reads_by_position(home: Settings, tmp_path: Path) -> None:
    """The same boxes with the labels in Spanish: the layout still matches and the template reads what the
    generic extractor misses (the account number), beside the Spanish label printed where the English one was."""
    store = open_store(home)
    first = process(home, store, draw(tmp_path / "en.pdf", Facts()))
    assert review(home, str(first), "--approve")[0] == 0
    es = other(3)
    job = process(home, store, draw(tmp_path / "es.pdf", es, lang="es"))
    result = store.current_bill(job).result  # type: ignore[union-attr]
    assert result.bill.account_number == es.account
    assert result.evidence["account_number"].source == "template"
    assert "beside the label printed where 'Account Number' was" in (result.evidence["account_number"].note or "")
    # The template's total and period agree with the bill's arithmetic and dates; its usage, printed once,
    # is read beside the Spanish label where the English one was and the generic finder reads the same:
    # two readings that could have disagreed.
    assert "beside the label printed where" in (result.evidence["electricity_kwh"].note or "")
    assert result.status == "SUCCEEDED", result.issues
    store.close()
    # `minimeter extract` in the data folder uses its templates too (no database involved).
    r = CliRunner().invoke(main, ["--home", str(home.home), "extract", str(tmp_path / "es.pdf"), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["account_number"] == es.account


def test_rejected_job_teaches_nothing(home: Settings, tmp_path: Path) -> None:
    store = open_store(home)
    job = process(home, store, draw(tmp_path / "es.pdf", Facts(), lang="es"))  # no account read: NEEDS_REVIEW
    assert store.get_job(job).status == "NEEDS_REVIEW"  # type: ignore[union-attr]
    code, out = review(home, str(job), "--reject", "--note", "not our bill")
    assert code == 0, out
    assert store.get_job(job).status == "DISCARDED"  # type: ignore[union-attr]
    assert book_for(home).all() == []
    store.close()


def test_review_errors_change_nothing(home: Settings, tmp_path: Path) -> None:
    store = open_store(home)
    job = process(home, store, draw(tmp_path / "a1.pdf", Facts()))
    before = (store.get_job(job).status, len(store.bill_versions(job)))  # type: ignore[union-attr]
    for args, says in [(["--set", "total_due=3", "--approve"], "unknown field 'total_due'"),
                       (["--set", "total_amount_due=1.234,56", "--approve"],
                        "total_amount_due: '1.234,56' does not parse"),
                       (["--set", "due_date=25/03/2025", "--approve"], "due_date"),
                       (["--set", "total_amount_due", "--approve"], "is not FIELD=VALUE"),
                       (["--approve", "--reject"], "say --approve or --reject"),
                       ([], "say --approve or --reject")]:
        code, out = review(home, str(job), *args)
        assert code == 1, out
        assert says in out and len(out.strip().splitlines()) == 1, out
        assert "Traceback" not in out
    assert (store.get_job(job).status, len(store.bill_versions(job))) == before  # type: ignore[union-attr]
    assert book_for(home).all() == []
    code, out = review(home, "999", "--approve")
    assert code == 1 and "no job matches" in out
    store.close()
