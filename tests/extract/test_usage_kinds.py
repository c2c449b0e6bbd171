"""Usage figures of kinds seen on real bills: zero tariff steps beside the usage."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page


def _doc(lines: list[str]) -> Document:
    text = "\n".join(lines)
    return Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)


def test_a_zero_tariff_step_is_not_the_usage() -> None:
    lines = ["Example Water Board", "Total Due   2,310.00", "Water & Sanitation",
             "Charges for 120.000 KL are based on a sliding scale for a 30 day period",
             "Step 1 0.000 KL @ R 0.0000                                   0.00",
             "Category of Sewer: Consumption - Business", "Charges for 0.000 KL are based on a sliding scale"]
    out = extract_rules(_doc(lines))
    assert out.bill.water_usage == Decimal("120.000")


def test_nothing_used_is_still_zero() -> None:
    lines = ["Example Water Board", "Total Due   12.00", "Water consumption: 0.000 KL",
             "Average last year 8.000 KL per month"]
    out = extract_rules(_doc(lines))
    assert out.bill.water_usage == Decimal("0")
