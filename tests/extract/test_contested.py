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
