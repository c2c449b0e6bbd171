"""Reading, caches, sync bookkeeping and (Postgres only) LISTEN/NOTIFY wake-ups."""

from __future__ import annotations

import inspect
import threading
import time
from decimal import Decimal

import pytest

from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.store import open_store
from minimeter.store.lifecycle import Status


def result(total: str = "10.00", account: str = "ACC-1", status: str = "SUCCEEDED") -> ExtractionResult:
    return ExtractionResult(bill=BillNormalized(total_amount_due=Decimal(total), account_number=account,
                                                provider="Example Power"), extractor="t", status=status)


def done(store, sha: str, name: str, account: str = "ACC-1"):  # type: ignore[no-untyped-def]
    job, _ = store.enqueue(sha, name, 1, "/x")
    store.complete(store.claim("w"), result(account=account))
    return store.get_job(job.id)


def test_outbox_and_watermarks(store):
    assert store.outbox_max() == 0 and store.outbox_after(0) == [] and store.watermark("bigquery") == 0
    jobs = [done(store, f"sha256:aa{i:04x}", f"{i}.pdf") for i in range(5)]
    rows = store.outbox_after(0, limit=3)
    assert [r.seq for r in rows] == [1, 2, 3] and [r.job_id for r in rows] == [j.id for j in jobs[:3]]
    assert [r.seq for r in store.outbox_after(3)] == [4, 5] and store.outbox_max() == 5
    assert store.bill_by_id(rows[0].bill_id).job_id == jobs[0].id and store.bill_by_id(999) is None
    store.set_watermark("bigquery", 3)
    store.set_watermark("bigquery", 2, error="quota")  # never goes backwards; the error is kept
    assert store.watermark("bigquery") == 3 and store.watermark("postgres") == 0
    state = {s["target"]: s for s in store.sync_state()}
    assert state["bigquery"]["last_error"] == "quota"
    store.enqueue("sha256:aa0000", "again.pdf", 1, "/x", force=True)
    store.complete(store.claim("w"), result(total="20.00"))
    current = list(store.iter_current_bills())
    assert len(current) == 5 and all(b.is_current for b in current) and store.outbox_max() == 6


def test_extraction_cache_and_documents(store):
    assert store.cache_get("k1") is None and store.load_document("sha256:ab") is None
    store.cache_put("k1", "sha256:ab", result("1.00"))
    store.cache_put("k1", "sha256:ab", result("2.00"))  # replaced, not duplicated
    assert store.cache_get("k1").bill.total_amount_due == Decimal("2.00")
    store.save_document("sha256:ab", '{"pages": []}', "pdf", 1)
    store.save_document("sha256:ab", '{"pages": ["x"]}', "pdf", 1)
    assert store.load_document("sha256:ab") == '{"pages": ["x"]}'
    store.cache_drop("sha256:ab")
    assert store.cache_get("k1") is None


def test_counts_list_and_find(store):
    a = done(store, "sha256:abcdef0001", "Alpha Bill.pdf", account="9988776655")
    b, _ = store.enqueue("sha256:abcdef0002", "beta.pdf", 1, "/x")
    c, _ = store.enqueue("sha256:123456ffff", "gamma.pdf", 1, "/x")
    counts = store.counts()
    assert set(counts) == {str(s) for s in Status}
    assert counts["SUCCEEDED"] == 1 and counts["PENDING"] == 2 and counts["DEAD"] == 0
    assert [j.id for j in store.list_jobs()] == [c.id, b.id, a.id]  # newest first
    assert [j.id for j in store.list_jobs("pending")] == [c.id, b.id]
    assert [j.id for j in store.list_jobs("SUCCEEDED,PENDING", limit=2, offset=1)] == [b.id, a.id]
    assert [j.id for j in store.list_jobs(search="alpha")] == [a.id]
    assert [j.id for j in store.list_jobs(search="887766")] == [a.id]  # by account number
    assert [j.id for j in store.list_jobs(search="example power")] == [a.id]  # by provider
    assert store.find_job(str(b.id)).id == b.id
    assert store.find_job("sha256:123456ffff").id == c.id
    assert store.find_job("123456f").id == c.id  # all digits would be an id
    assert store.find_job("abcdef") is None  # ambiguous
    assert store.find_job("abc") is None and store.find_job("not-hex!") is None
    assert store.job_by_sha("sha256:abcdef0002").id == b.id and store.get_job(999) is None


def test_event_log(store):
    job, _ = store.enqueue("sha256:ee01", "e.pdf", 1, "/x")
    store.log_event(job.id, "note", "looked at it", {"by": "ana"})
    store.log_event(None, "watch", "inbox rescanned")
    assert store.events(limit=1)[0].kind == "watch"  # newest first without a job
    ev = store.events(job.id)
    assert [e.kind for e in ev] == ["created", "note"] and ev[1].data == {"by": "ana"}
    assert ev[0].id < ev[1].id and ev[0].at.endswith("Z")


def test_reopening_migrates_nothing_and_keeps_data(store, store_url, settings):
    store.enqueue("sha256:ff01", "f.pdf", 1, "/x")
    again = open_store(settings, store_url)
    try:
        assert again.job_by_sha("sha256:ff01") is not None
    finally:
        again.close()


def test_wait_for_work_wakes_on_enqueue(make_store):
    idle, producer = make_store(), make_store()
    assert idle.wait_for_work(0.2) is False  # set up (LISTEN / data_version); nothing happened
    assert idle.claim("w") is None
    timer = threading.Timer(0.3, lambda: producer.enqueue("sha256:9901", "n.pdf", 1, "/x"))
    t0 = time.monotonic()
    timer.start()
    assert idle.wait_for_work(10.0) is True
    assert 0.2 < time.monotonic() - t0 < 3.0
    assert idle.claim("w") is not None
    producer.retry(producer.enqueue("sha256:9902", "m.pdf", 1, "/x")[0].id)
    assert idle.wait_for_work(2.0) is True  # news between two waits ends the next one at once
    assert idle.wait_for_work(0.1) is False  # a burst is folded into one wake-up
    t0 = time.monotonic()
    assert idle.wait_for_work(0.3) is False and time.monotonic() - t0 >= 0.25  # the timeout is honoured


def test_store_implements_the_whole_contract(store):
    from minimeter.store.base import JobStore

    wanted = {n for n in vars(JobStore) if not n.startswith("_")}
    assert {"wait_for_work", "cache_drop", "sync_state", "review"} <= wanted
    assert sorted(n for n in wanted if not callable(getattr(store, n, None))) == []
    review = inspect.signature(type(store).review)
    assert set(inspect.signature(JobStore.review).parameters) <= set(review.parameters)


@pytest.mark.postgres
def test_postgres_urls_and_unreachable_server(settings):
    from minimeter.errors import StoreError
    from minimeter.store.postgres import conninfo

    assert conninfo("postgresql+psycopg://u@h/db") == "postgresql://u@h/db"
    assert conninfo("postgres://u@h/db") == "postgresql://u@h/db"
    with pytest.raises(StoreError) as err:
        open_store(settings, "postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in err.value.one_line() and "cannot reach" in err.value.message
