"""Kinds of failure a South Asian water authority's bill showed: each meter read printed with its date in brackets
after it ("39893 (02 Sep 2023)"), and a water charge priced per unit in a currency of letters ("1,968 units @
Tk. 42.00"), whose price is no multiplier of the read difference. Made-up bills."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.addressee import PREMISES
from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc

BILL = [
    "Example Metropolitan Water Supply & Sewerage Authority",
    "Account No.     135357087",
    "Issue Date      12 Oct 2023",
    "Meter Reading",
    "Meter No.     Previous Reading        Present Reading        Consumption (m³)",
    "MN-9042945    39893 (02 Sep 2023)     41861 (04 Oct 2023)    1,968",
    "Bill Details",
    "Water Charge 1,968 units @ Tk. 42.00                 Tk. 82,656.00",
    "Sewer Charge (100% of water charge)                  Tk. 82,656.00",
    "Bill Amount (this month)                             Tk. 1,65,312.00",
    "Total Payable                                        Tk. 1,65,312.00",
    "Payment Last Date: 02 Nov 2023",
]


def test_reads_with_their_dates_in_brackets_give_the_usage_and_a_price_in_letters_is_no_multiplier() -> None:
    bill = extract_rules(page_doc(BILL)).bill
    assert bill.water_usage == Decimal("1968")
    assert [(m.prior_read, m.present_read) for m in bill.meters] == [(Decimal("39893"), Decimal("41861"))]


def test_a_holding_or_flat_numbered_in_parts_opens_a_one_line_address() -> None:
    assert PREMISES.match("Flat B-4, 18 Green Road, Dhaka-1205")
    assert PREMISES.match("Holding 45/2, Station Road, Tongi, Gazipur-1710")
    assert not PREMISES.match("Invoice 45/2, due 12/03/2024")  # one place after it, not two or more


def test_water_counted_in_units_the_bill_defines_as_a_thousand_litres_is_in_cubic_metres() -> None:
    lines = [ln.replace("Consumption (m³)", "Consumption (Unit)") for ln in BILL] + ["1 Unit = 1,000 Litres"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.water_usage == Decimal("1968") and bill.water_usage_unit == "m3"
    # a bill that defines no unit is left without one
    plain = extract_rules(page_doc([ln.replace("Consumption (m³)", "Consumption (Unit)") for ln in BILL])).bill
    assert plain.water_usage_unit is None
