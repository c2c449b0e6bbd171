"""Kinds seen on water and Irish-style bills (made-up pages): a water bill's neutral "Usage" column in a
unit gas shares, a reads table whose heading states the factor its reads count in, a postcode of letters
and digits in a one-line address, and the current charges printed as "Current Billing" or "This bill"."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.addressee import TIMES
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page


def _doc(layout: list[str]) -> Document:
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    return Document(pages=[Page(number=1, text="\n".join(plain), layout_text="\n".join(layout))], page_count=1)


def _water(heading: str, prior: str, present: str, usage: str) -> list[str]:
    return [
        "SAMPLE CREEK UTILITIES                                          UTILITY BILL",
        "",
        "A N EXAMPLE                                       Account Number        123-4567-89",
        "PO BOX 100                                        Statement Date        Jun 2, 2031",
        "",
        f"METER READINGS - {heading}",
        " Meter        Read Date       Previous     Read Date       Present      Usage",
        f" 10000001     Mar 27, 2031    {prior:>8}     May 28, 2031    {present:>8}      {usage}",
        "",
        "Service period Mar 27, 2031 to May 28, 2031 (62 days)",
        "",
        "CURRENT CHARGES",
        " WATER",
        "  Base charge, 1\" meter, 2 months                                   $32.60",
        "  Water volume charge                                              $74.50",
        " Current Charges                                                   $107.10",
        "",
        "Amount Due                                                         $107.10",
    ]


def test_a_neutral_usage_column_on_a_water_bill_is_no_gas() -> None:
    """The bill names water and never gas: "Usage 192 CCF" under a label that names no commodity is the
    water's (CCF measures both); no gas usage is invented from it."""
    bill = extract_rules(_doc(_water("CCF (100 cubic feet)", "17,319", "17,511", "192 CCF"))).bill
    assert bill.water_usage == Decimal(192) and bill.water_usage_unit == "CCF"
    assert bill.gas_usage is None and bill.gas_usage_unit is None
    assert all(m.commodity is None or m.commodity.value == "water" for m in bill.meters)


def test_a_gas_figure_of_its_own_unit_stays_on_a_bill_that_mentions_water() -> None:
    lines = ["Example Gas Company", "Amount Due $64.00", "Usage 52 therms",
             "Tip: lower your water heater to 120 degrees"]
    bill = extract_rules(_doc(lines)).bill
    assert bill.gas_usage == Decimal(52)


def test_the_factor_a_reads_heading_states_scales_the_reads() -> None:
    """"reads x 1,000 gallons": 7,003 - 6,992 = 11 thousand gallons, the 11,000 gal the row prints."""
    out = extract_rules(_doc(_water("reads x 1,000 gallons", "6,992", "7,003", "11,000 gal")))
    assert out.bill.water_usage == Decimal(11000) and out.bill.water_usage_unit == "gallons"
    assert [(m.prior_read, m.present_read, m.multiplier) for m in out.bill.meters] == [
        (Decimal(6992), Decimal(7003), Decimal(1000))]
    assert out.evidence["water_usage"].confidence >= 0.9


def test_a_factor_on_a_line_that_speaks_of_no_reads_is_no_multiplier() -> None:
    lines = _water("CCF (100 cubic feet)", "6,992", "7,003", "11 CCF")
    lines[4] = "Refuse cart x 2 months, 96 gal x 1000 units"
    out = extract_rules(_doc(lines))
    assert out.bill.water_usage == Decimal(11)
    assert all(m.multiplier is None for m in out.bill.meters)


def test_a_postcode_of_letters_and_digits_is_no_quantity_times_a_rate() -> None:
    assert TIMES.search("11439 x 9.95") and TIMES.search("3x7.50")
    assert not TIMES.search("40 Sample Street, Ennis, Co. Clare, V95 X2K4")
    lines = [
        "Sample Power Ltd",
        "",
        "A Example                                          Account number       2500001111",
        "40 Sample Street, Ennis, Co. Clare, V95 X2K4       Bill date            09/07/2031",
        "",
        "Total due                                          €222.35",
    ]
    bill = extract_rules(_doc(lines)).bill
    assert bill.service_address == "40 Sample Street, Ennis, Co. Clare, V95 X2K4"


def test_this_bill_and_current_billing_are_the_current_charges() -> None:
    """An account summary whose balance brought forward is what the payment left (0.00): "This bill (incl.
    VAT)" is the period's charges, and the earlier balance is the previous bill, not the sub-total."""
    lines = [
        "Sample Energy Supply DAC",
        "  Your account summary",
        "  Previous bill                                  €954.47",
        "  Payments received - thank you                 -€954.47",
        "  Balance brought forward                          €0.00",
        "  This bill (incl. VAT)                          €817.11",
        "  Total due                                      €817.11",
    ]
    bill = extract_rules(_doc(lines)).bill
    assert bill.current_charges == Decimal("817.11")
    assert bill.previous_balance == Decimal("954.47")
    lines = [
        "Sample Creek Utilities",
        "Previous Balance                                $278.91",
        "Payments Received                              -$557.82",
        "Current Billing                                 $323.12",
        "Total Amount Due                                 $44.21",
    ]
    bill = extract_rules(_doc(lines)).bill
    assert bill.current_charges == Decimal("323.12") and bill.total_amount_due == Decimal("44.21")
