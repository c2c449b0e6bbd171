"""Fixtures for the TUI tests: a real SQLite store seeded through the real intake and worker."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from minimeter.extract import base as extractors
from minimeter.intake.inbox import Inbox
from minimeter.schema import FieldEvidence, Span
from minimeter.store.sqlite import SQLiteStore
from minimeter.worker import drain
from tests.helpers import FakeExtractor, bill_lines, make_pdf

FIXED_TIME = "2026-01-15T09:30:00.000000Z"


@pytest.fixture
def store(settings):
    s = SQLiteStore(settings.db_path, settings)
    yield s
    s.close()


def review_lines(total: str = "88.10", account: str = "5550001111") -> list[str]:
    """A bill the fake extractor cannot finish: no billing period, so validation sends it to review.
    (A fees-only bill: no usage printed, so a reviewer who fixes the period and the total can approve it.)"""
    return ["Example Power & Light", f"Account Number: {account}", "Monthly service fee",
            "Billing period: see back of page", f"Total Amount Due: ${total}"]


def seed(settings, store, folder: Path) -> dict[str, int]:
    """Two good bills, one for review, one dead letter (5 crashes), one unreadable file.

    Processed by the real worker; returns the job ids by name."""
    files = {
        "good1": make_pdf(folder / "march-bill.pdf", bill_lines(total="123.45")),
        "good2": make_pdf(folder / "april-bill.pdf", bill_lines(total="140.10")),
        "review": make_pdf(folder / "scan-review.pdf", review_lines()),
        "dead": make_pdf(folder / "crashes.pdf", ["CRASH-THE-EXTRACTOR", *bill_lines(total="9.99")]),
        "broken": folder / "broken.pdf",
    }
    files["broken"].write_bytes(b"this is not a PDF at all")
    inbox = Inbox(settings, store)
    ids = {name: inbox.take(path, move=False).job.id for name, path in files.items()}
    for _ in range(100):  # run until the broken file has used up its attempts (backoff is 50 ms here)
        drain(settings, store)
        if store.get_job(ids["dead"]).status == "DEAD":
            break
        time.sleep(0.1)
    assert store.get_job(ids["dead"]).status == "DEAD"
    return ids


def pin_times(db_path: Path) -> None:
    """Snapshots must not depend on the clock: give every stored time one fixed value."""
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE jobs SET created_at = ?, updated_at = ?, finished_at = CASE WHEN finished_at IS NULL"
                    " THEN NULL ELSE ? END", (FIXED_TIME, FIXED_TIME, FIXED_TIME))
        con.execute("UPDATE events SET at = ?", (FIXED_TIME,))
        con.execute("UPDATE bills SET created_at = ?", (FIXED_TIME,))
        # worker names carry the host and pid ("claimed by host:1234:t0")
        claimed = con.execute("SELECT id, message FROM events WHERE message LIKE '%claimed by %'").fetchall()
        for row_id, message in claimed:
            con.execute("UPDATE events SET message = ? WHERE id = ?",
                        (re.sub(r"claimed by \S+", "claimed by worker", message), row_id))
    con.close()


class SpanFakeExtractor(FakeExtractor):
    """The shared regex fake, plus evidence with spans for every value it found (as real extractors give).

    The pipeline's confidence rule wants evidence for each field; spans also let the detail screen
    highlight where a value was read.
    """

    PATTERNS = {
        "account_number": r"Account Number: (\d+)",
        "total_amount_due": r"Total Amount Due: \$([\d,.]+)",
        "billing_period_start": r"(\d\d/\d\d/\d{4}) - ",
        "billing_period_end": r" - (\d\d/\d\d/\d{4})",
    }

    def extract(self, doc, ctx):
        result = super().extract(doc, ctx)
        text = doc.pages[0].text if doc.pages else ""
        evidence = dict(result.evidence)
        for name, pattern in self.PATTERNS.items():
            m = re.search(pattern, text)
            if m and getattr(result.bill, name) is not None:
                span = Span(page=1, start=m.start(1), end=m.end(1), text=m.group(1))
                evidence[name] = FieldEvidence(value=m.group(1), confidence=0.95, source="rules", span=span)
        return result.model_copy(update={"evidence": evidence})


@pytest.fixture
def span_extractor(fake_extractor):
    """Registers ``SpanFakeExtractor`` as ``fake`` (the name the shared ``settings`` fixture selects)."""
    extractors.register("fake", SpanFakeExtractor)
    return SpanFakeExtractor


@pytest.fixture
def seeded(settings, store, span_extractor, tmp_path) -> dict[str, int]:
    return seed(settings, store, tmp_path / "incoming")


async def wait_until(pilot, predicate, timeout: float = 30.0, step: float = 0.1) -> bool:
    """Let the app run until ``predicate()`` holds (the UI loads in workers, so nothing is instant)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await pilot.pause(step)
    return predicate()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
