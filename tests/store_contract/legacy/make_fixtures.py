"""Write the old-database fixtures next to this file, with the store code of an older MiniMeter.

Run from an export of that older commit (``git archive <commit> minimeter | tar -x -C OLD``),
so the databases are made by the old code, not by the code under test:

    PYTHONPATH=OLD python tests/store_contract/legacy/make_fixtures.py

It fills one SQLite file and one Postgres database with the same jobs in every state a live
store has (queued, retrying, crashed mid-run, finished, waiting for review, refused, with caches
and a sync watermark) and dumps both as SQL: ``sqlite_<commit>.sql`` and ``postgres_<commit>.sql``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from minimeter.schema import BillNormalized, ExtractionResult, LineItem, Meter
from minimeter.settings import load_settings
from minimeter.store import open_store

HERE = Path(__file__).resolve().parent
COMMIT = sys.argv[1] if len(sys.argv) > 1 else "bc884ec"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def bill_result(status: str, total: str) -> ExtractionResult:
    bill = BillNormalized(provider="Old Power", account_number="ACC-OLD", total_amount_due=Decimal(total),
                          billing_period_start=dt.date(2024, 1, 5), billing_period_end=dt.date(2024, 2, 4),
                          meters=[Meter(number="M1", prior_read=Decimal("100"), present_read=Decimal("612.5"),
                                        usage=Decimal("512.5"), unit="kWh")],
                          line_items=[LineItem(description="Energy", amount=Decimal(total), category="supply")])
    issues = [] if status == "SUCCEEDED" else ["total differs from the line items"]
    return ExtractionResult(bill=bill, extractor="rules", status=status, issues=issues)  # type: ignore[arg-type]


def fill(url: str, home: Path) -> None:
    settings = load_settings(home, lease_seconds=120.0, retry_backoff_seconds=0.001)
    store = open_store(settings, url)
    for name, status in (("done.pdf", "SUCCEEDED"), ("review.pdf", "NEEDS_REVIEW")):
        store.enqueue(f"sha256:{name.encode().hex():0<64}", name, 10, f"/archive/{name}", "pdf", tenant="acme")
        claim = store.claim("old-worker")
        store.complete(claim, bill_result(status, "42.10"))
    store.enqueue(f"sha256:{b'corrupt'.hex():0<64}", "corrupt.pdf", 10, "/archive/corrupt.pdf", "pdf")
    store.fail(store.claim("old-worker"), "not a PDF file", retryable=False)
    store.enqueue(f"sha256:{b'flaky'.hex():0<64}", "flaky.pdf", 10, "/archive/flaky.pdf", "pdf")
    store.fail(store.claim("old-worker"), "model hiccup", retryable=True)
    store.close()
    # A worker that died mid-run: its lease is long over when the new code opens the database.
    short = open_store(load_settings(home, lease_seconds=0.01, retry_backoff_seconds=3600.0), url)
    short.enqueue(f"sha256:{b'crashed'.hex():0<64}", "crashed.pdf", 10, "/archive/crashed.pdf", "pdf",
                  tenant="night-shift")
    assert short.claim("dead-worker").job.original_name == "crashed.pdf"
    short.enqueue(f"sha256:{b'pending'.hex():0<64}", "pending.pdf", 10, "/archive/pending.pdf", "pdf",
                  tenant="acme")
    short.cache_put("rules:old", f"sha256:{b'done.pdf'.hex():0<64}", bill_result("SUCCEEDED", "42.10"))
    short.save_document(f"sha256:{b'done.pdf'.hex():0<64}", '{"pages": []}', "pdf", 1)
    short.set_watermark("postgres", 1)
    short.close()
    time.sleep(0.05)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "old.db"
        fill(f"sqlite:///{db}", Path(tmp))
        conn = sqlite3.connect(db)
        (HERE / f"sqlite_{COMMIT}.sql").write_text("\n".join(conn.iterdump()) + "\n")
        conn.close()

        import psycopg

        name = "mm_legacy_fixture"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            fill(f"postgresql://postgres@127.0.0.1:5432/{name}", Path(tmp))
            dump = subprocess.run(["pg_dump", "--no-owner", "--no-privileges", "--inserts", "-h", "127.0.0.1",
                                   "-U", "postgres", name], check=True, capture_output=True, text=True).stdout
            # psql meta-commands (\restrict) are not SQL; the rest restores through any client.
            sql = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
            (HERE / f"postgres_{COMMIT}.sql").write_text(sql + "\n")
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
