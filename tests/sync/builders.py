"""Test stores built through the real store API: enqueue -> claim -> complete (and review)."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

from minimeter.schema import (
    BillNormalized,
    Commodity,
    ExtractionResult,
    FieldEvidence,
    LineItem,
    LineItemCategory,
    Meter,
)
from minimeter.store.base import Job
from minimeter.store.sqlite import SQLiteStore


def make_bill(i: int, *, lines: int = 3) -> BillNormalized:
    items = [
        LineItem(
            description=f"Delivery charge {j}",
            amount=Decimal("10.25") + j,
            category=LineItemCategory.DELIVERY,
            quantity=Decimal(500),
            unit="kWh",
            rate=Decimal("0.1234567891"),
        )
        for j in range(lines)
    ]
    total = sum((li.amount for li in items), Decimal(0))
    start = dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)
    return BillNormalized(
        provider="Example Power & Light",
        provider_id="example",
        account_number=f"ACCT-{i:06d}",
        customer_name='Pat "Tester", Jr.',
        service_address="12 Main St, Apt B\nSpringfield",
        statement_date=start + dt.timedelta(days=33),
        due_date=start + dt.timedelta(days=50),
        billing_period_start=start,
        billing_period_end=start + dt.timedelta(days=30),
        currency="USD",
        total_amount_due=total,
        current_charges=total,
        previous_balance=Decimal("0.00"),
        payments=Decimal("0.00"),
        electricity_kwh=Decimal(500),
        meter_number=f"M{i}",
        meters=[
            Meter(
                number=f"M{i}",
                commodity=Commodity.ELECTRICITY,
                prior_read=Decimal(1000 + i),
                present_read=Decimal(1500 + i),
                multiplier=Decimal(1),
                usage=Decimal(500),
                unit="kWh",
            )
        ],
        line_items=items,
    )


def add_bills(store: SQLiteStore, archive: Path, n: int, *, start: int = 0, lines: int = 3) -> list[Job]:
    """``n`` finished jobs, each with a real small original in ``archive`` and one bill version."""
    jobs = []
    for i in range(start, start + n):
        data = f"%PDF-1.4\n% minimeter sync test bill {i}\n%%EOF\n".encode()
        sha = "sha256:" + hashlib.sha256(data).hexdigest()
        path = archive / sha[7:9] / f"{sha[7:]}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        job, created = store.enqueue(sha, f"bill-{i}.pdf", len(data), str(path), "pdf")
        assert created
        claim = store.claim("test")
        assert claim is not None and claim.job.id == job.id
        result = ExtractionResult(
            bill=make_bill(i, lines=lines),
            status="SUCCEEDED",
            extractor="test",
            evidence={"total_amount_due": FieldEvidence(value="x", confidence=0.9, source="rules")},
        )
        assert store.complete(claim, result)
        jobs.append(job)
    return jobs


def correct(store: SQLiteStore, job_id: int, *, lines: int = 1, total: str = "99.99") -> BillNormalized:
    """A reviewer's correction: fewer line items and another total; a new version in the outbox."""
    current = store.current_bill(job_id)
    assert current is not None
    bill = current.result.bill.model_copy(deep=True)
    bill.line_items = bill.line_items[:lines]
    bill.line_items[0].amount = Decimal(total)
    bill.total_amount_due = Decimal(total)
    bill.current_charges = Decimal(total)
    store.review(job_id, bill, reviewer="tester", approve=True)
    return bill
