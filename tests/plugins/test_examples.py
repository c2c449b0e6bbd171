"""The examples of docs/extending.md, each installed as a package would be (one module plus its
entry-point line) and run through the real registry, pipeline, intake, store and sync runner."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from minimeter import plugins
from minimeter.extract import base as extractors
from minimeter.extract.profiles import GENERIC_CONTEXT, load_profiles, score
from minimeter.intake.inbox import Inbox
from minimeter.pipeline import extract_file
from minimeter.readers.sandbox import close_pools, read_document
from minimeter.store.sqlite import SQLiteStore
from minimeter.sync.runner import SyncRunner, make_target
from minimeter.worker import drain
from tests.helpers import bill_lines, make_pdf
from tests.plugins.conftest import EXAMPLES, Site, cli


@pytest.fixture
def store(settings):
    s = SQLiteStore(settings.db_path, settings)
    yield s
    s.close()


def _extractor(site: Site) -> None:
    site.install("mm-total-only", {plugins.EXTRACTORS: {"total-only": "mm_total_only:TotalOnlyExtractor"}},
                 {"mm_total_only": EXAMPLES / "mm_total_only.py"})


def _reader(site: Site) -> None:
    site.install("mm-text-reader", {plugins.READERS: {"text": "mm_text_reader"}},
                 {"mm_text_reader": EXAMPLES / "mm_text_reader.py"})


def test_extractor_example_is_one_module_and_one_line(site, settings, tmp_path, minimeter_home):
    assert "total-only" not in extractors.available()
    _extractor(site)
    assert "total-only" in extractors.available()
    pdf = make_pdf(tmp_path / "bill.pdf", bill_lines(total="1,234.56"))
    _, result = extract_file(pdf, settings, extractors.create("total-only", settings))
    assert str(result.bill.total_amount_due) == "1234.56"
    assert result.extractor == "total-only" and result.evidence["total_amount_due"].span is not None
    assert result.status == "NEEDS_REVIEW"  # validation decides: an amount alone is not a complete bill
    # The command line offers it and runs it (a fresh process, finding it the same way).
    assert "total-only" in cli(minimeter_home, "process", "--help").stdout
    out = cli(minimeter_home, "extract", str(pdf), "--extractor", "total-only", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["total_amount_due"] in ("1234.56", 1234.56)


def test_sync_target_example_is_one_module_and_one_line(site, settings, store, fake_extractor, tmp_path,
                                                        monkeypatch, minimeter_home):
    site.install("mm-jsonl-target", {plugins.SYNC_TARGETS: {"jsonl": "mm_jsonl_target:JsonlTarget"}},
                 {"mm_jsonl_target": EXAMPLES / "mm_jsonl_target.py"})
    out_file = tmp_path / "bills.jsonl"
    monkeypatch.setenv("MM_JSONL_PATH", str(out_file))
    for total in ("10.00", "20.00"):
        Inbox(settings, store).take(make_pdf(tmp_path / f"{total}.pdf", bill_lines(total=total)), move=False)
    drain(settings, store)
    runner = SyncRunner(store, settings, {"jsonl": make_target("jsonl", settings)})
    (report,) = runner.run()
    assert report.status == "ok" and report.written == 2 and store.watermark("jsonl") == 2
    (again,) = SyncRunner(store, settings, {"jsonl": make_target("jsonl", settings)}).run(since=0)
    assert again.status == "ok" and again.written == 0  # pushed twice, written once
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert sorted(r["bill"]["total_amount_due"] for r in rows) == ["10.00", "20.00"]
    # `minimeter sync` offers it, and `--target all` includes it once configured.
    helped = cli(minimeter_home, "sync", "--help")
    assert "jsonl" in helped.stdout
    dry = cli(minimeter_home, "sync", "--dry-run")
    assert dry.returncode == 0 and "jsonl" in dry.stdout and "dry run" in dry.stdout


def test_reader_example_reads_text_bills_and_intake_takes_them(site, settings, store, fake_extractor, tmp_path):
    bill = tmp_path / "emailed-bill.txt"
    bill.write_text("\n".join(bill_lines(total="55.10")) + "\n", encoding="utf-8")
    # Without the reader, text is not a bill: refused before the archive.
    before = Inbox(settings, store).take(bill, move=False)
    assert before.error and "no reader recognises" in before.error
    assert not any(settings.archive_dir.rglob("*.*"))
    _reader(site)
    copy = tmp_path / "second.txt"
    copy.write_text("\n".join(bill_lines(total="66.20")) + "\n", encoding="utf-8")
    taken = Inbox(settings, store).take(copy, move=False)
    assert taken.error is None and taken.job is not None and taken.created
    # The sandboxed reader process finds the plugin the same way, by the content's first bytes.
    doc = read_document(copy, settings, one_shot=True)
    assert doc.kind == "text" and "66.20" in doc.text
    close_pools()  # a reader child started before the plugin was installed does not know it
    (outcome,) = drain(settings, store)
    job = store.get_job(taken.job.id)
    assert job.status in ("SUCCEEDED", "NEEDS_REVIEW"), job.last_error
    assert str(store.current_bill(job.id).result.bill.total_amount_due) == "66.20"
    # The bytes refused before the reader was installed are taken now; a retry extracts them.
    again = Inbox(settings, store).take(bill, move=False)
    assert again.error is None and again.job.id == before.job.id and any(settings.archive_dir.rglob("*.txt"))
    store.retry(before.job.id)
    (retried,) = drain(settings, store)
    assert retried.job_id == before.job.id and retried.status in ("SUCCEEDED", "NEEDS_REVIEW")
    # A PDF still goes to the PDF reader.
    assert read_document(make_pdf(tmp_path / "p.pdf", bill_lines()), settings, one_shot=True).kind == "pdf"


def test_profile_example_is_one_toml_file(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(EXAMPLES / "example_water.toml", folder)
    (profile,) = load_profiles(folder)
    assert profile.id == "example_water" and profile.commodities == ("water",)
    text = "Example Valley Water District\nCustomer account 123-45678-90\nPlease pay $41.20"
    assert score(profile, text) >= 2.0
    assert score(profile, "Example Power & Light") < 2.0
    assert "EVWD" in profile.context() and profile.context() != GENERIC_CONTEXT
    assert profile.labels_for("total_amount_due") == ("Please pay", "Amount now due")
    assert re.fullmatch(profile.identifiers["account_number"], "123-45678-90")
