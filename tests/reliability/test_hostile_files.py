"""RELIABILITY.md case 18: hostile files through the real sandboxed reader and the real worker.

The corpus comes from ``scripts/hostile_corpus.py`` (truncated, encrypted, mislabelled, deeply
nested, decompression bombs inflating to GiB, circular references, a CPU-heavy page, 20,000 pages,
a 25 MB file). Every file must end as a job with a one-line reason, within the read time limit,
without the worker (this test process) growing or dying; a normal bill afterwards still works.
A byte-level hypothesis fuzz of the reader follows (bounded to 200 examples).
"""

from __future__ import annotations

import resource
import time

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from minimeter.errors import ReadError
from minimeter.intake.inbox import Inbox
from minimeter.readers.sandbox import read_document
from minimeter.settings import load_settings
from minimeter.worker import drain
from scripts.hostile_corpus import build
from tests.reliability._bills import bill_text, text_pdf, write_bill

pytestmark = pytest.mark.reliability

READ_TIMEOUT = 5.0


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.slow
def test_hostile_corpus_ends_as_jobs_with_clear_reasons(minimeter_home, fake_extractor, tmp_path):
    settings = load_settings(minimeter_home, extractor="fake", read_timeout_seconds=READ_TIMEOUT,
                             read_memory_mb=768, retry_backoff_seconds=0.01)
    settings.ensure_dirs()
    from minimeter.store.sqlite import SQLiteStore

    store = SQLiteStore(settings.db_path, settings)
    corpus = build(tmp_path / "corpus", huge_mb=25, bomb_gib=4)
    inbox = Inbox(settings, store)
    refused = {}
    for name in corpus:
        taken = inbox.take(tmp_path / "corpus" / name, move=False)
        if taken.error:
            refused[name] = taken
    # Content no reader takes is recorded with its reason at intake and never archived.
    assert set(refused) == {"mislabelled_html.pdf", "mislabelled_zip.pdf", "random_bytes.pdf", "pdf_late_header.pdf"}
    assert all(r.job is not None and r.job.archive_path == "" for r in refused.values())
    rss0 = _maxrss_mb()
    t0 = time.monotonic()
    outcomes = drain(settings, store)
    elapsed = time.monotonic() - t0
    assert len(outcomes) + len(refused) == len(corpus)
    # The slowest legitimate case is one read that hits the time limit; a few of those at most.
    assert elapsed < len(corpus) * 1.0 + 4 * (READ_TIMEOUT + 2), f"{elapsed:.0f} s for {len(corpus)} files"
    assert _maxrss_mb() - rss0 < 150, "the worker's own memory grew: parsing is not isolated"

    report = []
    for job in store.list_jobs(limit=100):
        assert job.status in ("SUCCEEDED", "NEEDS_REVIEW", "FAILED", "DEAD"), job
        if job.status != "SUCCEEDED":
            reason = job.last_error or ""
            assert reason.strip(), f"{job.original_name}: no reason given"
            assert "\n" not in reason and len(reason) < 400 and "Traceback" not in reason
        report.append(f"{job.original_name}: {job.status}: {job.last_error}")
    print(f"\n{len(corpus)} hostile files in {elapsed:.1f} s\n" + "\n".join(sorted(report)))
    # Encrypted with an unknown password, truncated and non-PDF files cannot be bills.
    by_name = {j.original_name: j for j in store.list_jobs(limit=100)}
    for name in ("encrypted_rc4.pdf", "truncated_half.pdf", "random_bytes.pdf", "bomb_flate.pdf",
                 "bomb_double_flate.pdf", "cpu_many_ops.pdf"):
        assert by_name[name].status == "FAILED", (name, by_name[name].status, by_name[name].last_error)
    assert "password" in by_name["encrypted_rc4.pdf"].last_error
    # Whichever bound trips first (time, or the expanded-size limit of its huge content stream) is a clear reason.
    assert any(r in by_name["cpu_many_ops.pdf"].last_error for r in ("longer than", "expands to more data"))

    # The worker survived: a normal bill still goes through, in this same process.
    inbox.take(write_bill(tmp_path / "normal.pdf", 5), move=False)
    (after,) = drain(settings, store)
    assert after.status in ("SUCCEEDED", "NEEDS_REVIEW")
    store.close()


BASE = text_pdf(bill_text(1234))


@st.composite
def mutated_pdfs(draw: st.DrawFn) -> bytes:
    data = bytearray(BASE)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete", "dup"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[i:]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[i: i + draw(st.integers(1, 64))]
        elif op == "dup":
            data[i:i] = data[i: i + draw(st.integers(1, 200))] * draw(st.integers(1, 50))
    return bytes(data)


@hsettings(max_examples=200, deadline=None, derandomize=True, database=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(mutated_pdfs(), st.binary(min_size=1, max_size=2048).map(lambda b: b"%PDF-1.4\n" + b)))
def test_fuzzed_bytes_give_a_document_or_a_one_line_read_error(tmp_path, data):
    settings = load_settings(tmp_path / "home", read_timeout_seconds=READ_TIMEOUT, read_memory_mb=512)
    path = tmp_path / "fuzz.pdf"
    path.write_bytes(data)
    t0 = time.monotonic()
    try:
        doc = read_document(path, settings)
        assert doc.page_count >= 0
    except ReadError as exc:
        line = exc.one_line()
        assert line and "\n" not in line and "Traceback" not in line
    assert time.monotonic() - t0 < READ_TIMEOUT + 3
