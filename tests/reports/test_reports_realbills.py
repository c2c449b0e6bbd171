"""The reports over the real bills' ground truth (../shared/realbills): nothing breaks, totals survive proration.

Values are personal data: assertions compare booleans so a failure prints no bill content.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from known_bills import add_bill

from minimeter.reports import all_series
from minimeter.reports.espi import espi_xml
from minimeter.reports.exports import export_tables
from minimeter.reports.html import write_html
from minimeter.schema import BillNormalized
from minimeter.store.sqlite import SQLiteStore

REALBILLS = Path(__file__).resolve().parents[2] / ".." / "shared" / "realbills"
TRUTHS = sorted(REALBILLS.glob("*.truth.json"))


def _bill(truth: dict[str, Any]) -> BillNormalized:
    fields = {}
    for name in BillNormalized.scalar_fields():
        value = truth.get(name)
        if value is None:
            continue
        fields[name] = Decimal(str(value)) if isinstance(value, (int, float)) else value
    try:
        return BillNormalized.model_validate(fields)
    except ValueError:  # a truth value the schema refuses: keep what it accepts
        ok = {}
        for k, v in fields.items():
            try:
                BillNormalized.model_validate({k: v})
                ok[k] = v
            except ValueError:
                continue
        return BillNormalized.model_validate(ok)


@pytest.mark.skipif(not TRUTHS, reason="../shared/realbills is not beside the checkout")
def test_reports_over_real_bill_truths(tmp_path: Path) -> None:
    db = tmp_path / "home" / "minimeter.db"
    store = SQLiteStore(db)
    bills = []
    for i, path in enumerate(TRUTHS):
        bill = _bill(json.loads(path.read_text(encoding="utf-8")))
        bills.append(bill)
        add_bill(store, f"real-{i}", bill)
    store.close()

    series = all_series(db)
    monthly = series["monthly"]
    assert monthly, "no monthly rows from the real bills"
    # Proration keeps each account's totals: the months add up to the bills (rounding: 0.001 / 0.01 a month).
    for bill in bills:
        if bill.billing_period_start is None or bill.billing_period_end is None or bill.account_number is None:
            continue
        if bill.billing_period_start > bill.billing_period_end:
            continue
        rows = [r for r in monthly if r["account"] == bill.account_number]
        same = [b for b in bills if b.account_number == bill.account_number]
        if bill.electricity_kwh is not None:
            want = sum(b.electricity_kwh or 0 for b in same)
            got = sum(r["kwh"] or 0 for r in rows)
            ok = abs(got - want) <= Decimal("0.001") * len(rows)
            assert ok, "kWh proration lost usage on a real bill"
        cost = [b.current_charges if b.current_charges is not None else b.total_amount_due for b in same]
        if all(c is not None for c in cost):
            ok = abs(sum(r["cost"] or 0 for r in rows) - sum(c for c in cost if c is not None)) <= Decimal(
                "0.01") * len(rows)
            assert ok, "cost proration lost money on a real bill"
    for fmt in ("csv", "parquet", "json"):
        export_tables(db, tmp_path / fmt, fmt)
    import xml.etree.ElementTree as ET

    ET.fromstring(espi_xml(db))
    assert write_html(db, tmp_path / "r.html").stat().st_size > 0
