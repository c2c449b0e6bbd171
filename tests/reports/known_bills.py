"""The known bills the report tests run on, built through the real store API.

Hand-computed expectations live in the tests; this file only says what the bills are.
Account A-100 (Acme Power, electricity):
  1  2024-01-01..01-31  310 kWh  62.00
  2  2024-02-01..02-29  290 kWh  58.00   first extracted wrong (2900 kWh, NEEDS_REVIEW), approved corrected
  3  2024-03-01..03-31  310 kWh  62.00
  4  2024-04-16..05-15  600 kWh 150.00   gap before it, usage/cost spike, rate jump, spans two months
  5  2024-05-10..06-09  310 kWh  62.00   overlaps bill 4 by 6 days
  6  = bill 3 with other bytes (total written "62.0")     duplicate
  7  2024-03-05..03-20 9999 kWh 9999.00   DISCARDED: must never count
  8  2025-01-01..01-31  372 kWh  80.60   year-over-year against 2024-01
Account G-7 (City Gas, no profile id, therms):
  9  2024-01-15..02-13   60 therms 45.00
 10  2024-02-14..03-14   45 therms 36.00  still NEEDS_REVIEW
Account D-1 (Both Co, dual fuel):
 11  2024-03-01..03-31  100 kWh + 10 therms  50.00   two meters
Bill 1 has one meter and two line items.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from minimeter.schema import BillNormalized, ExtractionResult, LineItem, Meter
from minimeter.store.base import JobStore
from minimeter.store.sqlite import SQLiteStore


def make_bill(provider: str, account: str, start: str, end: str, total: str, *, provider_id: str | None = None,
          kwh: str | None = None, therms: str | None = None) -> BillNormalized:
    return BillNormalized(
        provider=provider, provider_id=provider_id, account_number=account,
        billing_period_start=dt.date.fromisoformat(start), billing_period_end=dt.date.fromisoformat(end),
        statement_date=dt.date.fromisoformat(end) + dt.timedelta(days=3), currency="USD",
        total_amount_due=Decimal(total), current_charges=Decimal(total),
        electricity_kwh=Decimal(kwh) if kwh else None, gas_therms=Decimal(therms) if therms else None,
        meter_number=f"M-{account}",
    )


def add_bill(store: JobStore, name: str, bill: BillNormalized, status: str = "SUCCEEDED") -> int:
    """Enqueue distinct bytes, claim and complete them: returns the job id."""
    sha = "sha256:" + hashlib.sha256(name.encode()).hexdigest()
    job, created = store.enqueue(sha, name, 100, f"archive/{name}", ".pdf")
    assert created
    claim = store.claim("test")
    assert claim is not None and claim.job.id == job.id
    assert store.complete(claim, ExtractionResult(bill=bill, extractor="test", status=status))  # type: ignore[arg-type]
    return job.id


def build_store(path: Path) -> dict[str, Any]:
    """The known bills in a new SQLite store at ``path`` (closed afterwards)."""
    store = SQLiteStore(path)
    try:
        jobs = fill(store)
    finally:
        store.close()
    return {"path": path, "jobs": jobs}


def fill(store: JobStore) -> dict[str, int]:
    """Write the known bills into an empty store of any engine; returns {bill number: job id}."""
    acme = {"provider": "Acme Power", "provider_id": "acme"}
    j: dict[str, int] = {}
    first = make_bill(**acme, account="A-100", start="2024-01-01", end="2024-01-31", total="62.00", kwh="310")
    first.meters = [Meter(number="E-1", commodity="electricity", prior_read=Decimal("1000"),
                          present_read=Decimal("1310"), multiplier=Decimal("1"), usage=Decimal("310"), unit="kWh")]
    first.line_items = [
        LineItem(description="Energy charge", amount=Decimal("52.70"), category="supply", quantity=Decimal("310"),
                 unit="kWh", rate=Decimal("0.17")),
        LineItem(description="Customer charge", amount=Decimal("9.30"), category="fee"),
    ]
    j["1"] = add_bill(store, "a1.pdf", first)
    j["2"] = add_bill(store, "a2.pdf", make_bill(**acme, account="A-100", start="2024-02-01", end="2024-02-29",
                                             total="58.00", kwh="2900"), status="NEEDS_REVIEW")
    store.review(j["2"], make_bill(**acme, account="A-100", start="2024-02-01", end="2024-02-29", total="58.00",
                               kwh="290"), reviewer="tester", approve=True)
    j["3"] = add_bill(store, "a3.pdf", make_bill(**acme, account="A-100", start="2024-03-01", end="2024-03-31",
                                             total="62.00", kwh="310"))
    j["4"] = add_bill(store, "a4.pdf", make_bill(**acme, account="A-100", start="2024-04-16", end="2024-05-15",
                                             total="150.00", kwh="600"))
    j["5"] = add_bill(store, "a5.pdf", make_bill(**acme, account="A-100", start="2024-05-10", end="2024-06-09",
                                             total="62.00", kwh="310"))
    j["6"] = add_bill(store, "a3-scan.pdf", make_bill(**acme, account="A-100", start="2024-03-01", end="2024-03-31",
                                                  total="62.0", kwh="310"))
    j["7"] = add_bill(store, "junk.pdf", make_bill(**acme, account="A-100", start="2024-03-05", end="2024-03-20",
                                               total="9999.00", kwh="9999"), status="NEEDS_REVIEW")
    store.discard(j["7"], by="tester", reason="not a bill")
    j["8"] = add_bill(store, "a8.pdf", make_bill(**acme, account="A-100", start="2025-01-01", end="2025-01-31",
                                             total="80.60", kwh="372"))
    j["9"] = add_bill(store, "g1.pdf", make_bill("City Gas", "G-7", "2024-01-15", "2024-02-13", "45.00", therms="60"))
    j["10"] = add_bill(store, "g2.pdf", make_bill("City Gas", "G-7", "2024-02-14", "2024-03-14", "36.00", therms="45"),
                       status="NEEDS_REVIEW")
    dual = make_bill("Both Co", "D-1", "2024-03-01", "2024-03-31", "50.00", kwh="100", therms="10")
    dual.meters = [Meter(number="E-9", commodity="electricity", usage=Decimal("100"), unit="kWh"),
                   Meter(number="G-9", commodity="gas", prior_read=Decimal("5.5"), present_read=Decimal("15.5"),
                         usage=Decimal("10"), unit="therms")]
    j["11"] = add_bill(store, "d1.pdf", dual)
    return j


