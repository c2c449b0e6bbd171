"""A value the extractor found contested by a printed rival says so in its evidence (``contested``), so that a
check confirming the value does not settle the rival's doubt."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc


def test_reads_beside_a_labelled_usage_that_disagrees_are_contested() -> None:
    # One register's reads give 655 kWh; the bill's labelled total says 1,404 kWh (a second register).
    lines = ["Example Power", "Amount Due   $120.00", "Meter M100  Prior Reading 20451  Present Reading 21106  655 kWh",
             "Total usage  1,404 kWh"]
    out = extract_rules(page_doc(lines))
    ev = out.evidence["electricity_kwh"]
    assert out.bill.electricity_kwh == Decimal("655")
    assert ev.contested and ev.confidence <= 0.6, ev


def test_reads_that_agree_with_the_labelled_usage_are_not() -> None:
    lines = ["Example Power", "Amount Due   $120.00", "Meter M100  Prior Reading 20451  Present Reading 21106  655 kWh",
             "Total usage  655 kWh"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh == Decimal("655")
    assert not out.evidence["electricity_kwh"].contested


def test_a_rival_of_another_kind_or_a_part_the_reads_add_up_is_no_contest() -> None:
    # An identifier under the usage column is no other reading of the usage.
    lines = ["Example Power", "Amount Due   $120.00", "Meter M100  Prior Reading 20451  Present Reading 21106  655 kWh",
             "Consumption  32417427 kWh"]
    out = extract_rules(page_doc(lines))
    ev = out.evidence["electricity_kwh"]
    assert out.bill.electricity_kwh == Decimal("655")
    assert "but 'consumption' says" in (ev.note or "") and not ev.contested


def _charges_page(total_label: str, rival: str) -> list[str]:
    return ["Example Power Co.", "Account number 12345678", "Statement date 03/04/2024",
            "Billing period 02/01/2024 to 03/01/2024", "Energy charge 512 kWh x $0.15000      $76.80",
            "Delivery charge                    $20.00", "Sales tax   $3.20", f"{total_label}   $100.00", rival,
            "Due date 03/25/2024"]


def test_a_larger_labelled_amount_due_contests_a_total_the_line_items_add_up_to() -> None:
    # The line items add up to 100.00 whether or not a previous balance (a line the reader lost) makes the other
    # labelled amount, 250.00, the one to pay: confirming the sum settles nothing, a person decides.
    from minimeter.schema import ExtractionResult
    from minimeter.settings import Settings
    from minimeter.validate import finalize

    doc = page_doc(_charges_page("Total Amount Due", "Amount Due   $250.00"))
    out = extract_rules(doc)
    assert out.bill.total_amount_due == Decimal("100.00") and out.evidence["total_amount_due"].contested
    res = finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    assert next(c for c in res.checks if c.rule == "total_confirmed").passed
    assert next(c for c in res.checks if c.rule == "confidence").passed is False
    assert res.status == "NEEDS_REVIEW"


def test_a_rival_within_one_unit_or_after_the_due_date_contests_nothing() -> None:
    for rival in ("Bill Amount   $100.38", "Amount due after 03/25/2024: $110.00"):
        out = extract_rules(page_doc(_charges_page("Net Payable", rival)))
        assert out.bill.total_amount_due == Decimal("100.00"), rival
        assert not out.evidence["total_amount_due"].contested, rival
