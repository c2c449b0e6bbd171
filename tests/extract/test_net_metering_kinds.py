"""Kinds seen on net-metering bills (made-up pages): two registers of one meter, drawn from the grid and fed
back, netted into the usage the charges bill; the amount the previous statement asked for above the payment
that settled it; the current charges as the one summary row the balance leaves for this period; and a day
count printed as "(30 billing days)"."""

from __future__ import annotations

from decimal import Decimal

from minimeter.arithmetic import printed_day_counts
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page
from minimeter.schema import ExtractionResult
from minimeter.settings import Settings
from minimeter.validate import finalize


def page_doc(layout: list[str]) -> Document:
    """The page's layout text, and its plain text with a row's cells one space apart (as a text layer prints)."""
    plain = [" ".join(x.strip() for x in line.split("  ") if x.strip()) for line in layout]
    return Document(pages=[Page(number=1, text="\n".join(plain), layout_text="\n".join(layout))], page_count=1)


def _bill(previous: str, paid: str, unpaid: str, total: str) -> list[str]:
    return [
        "Example Sun Electric",
        "Statement date 04/08/2031  |  Account No. 1111-222222-3",
        "",
        "  Your Account Summary",
        f"  Amount Due on Previous Statement                      {previous}",
        f"  Payment(s) Received Since Last Statement              {paid}",
        f"  Previous Unpaid Balance                               {unpaid}",
        "  Total Electric Charges                                $139.16",
        f"  Total Amount Due                                      {total}",
        "                                                        Due Date: 04/29/2031",
        "",
        "Net metering summary                  This period       Year to date",
        " Net usage (kWh)                              450               2990",
        "",
        "Electric Usage    03/07/2031 - 04/06/2031      (30 billing days)",
        " Meter         Register                   Prior Read      Current Read       kWh",
        " 5550001       Delivered from grid             41200             41900        700",
        " 5550001       Received to grid                12000             12250        250",
        "               Net kWh (delivered - received)                                 450",
        "",
        "Details of Electric Charges",
        " Peak 150 kWh @ $0.50000                                                 $75.00",
        " Off-Peak 300 kWh @ $0.18000                                             $54.00",
        " Non-bypassable charges 700 kWh @ $0.02000                               $14.00",
        " Base services charge 30 days @ $0.10000                                  $3.00",
        " Solar credit                                                            -$6.84",
        " Total Electric Charges                                                 $139.16",
    ]


def _validated(lines: list[str]) -> ExtractionResult:
    doc = page_doc(lines)
    out = extract_rules(doc)
    return finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())


def test_the_net_of_two_registers_is_the_usage_and_both_meters_are_kept() -> None:
    """700 drawn less 250 fed back is the 450 kWh the peak and off-peak lines bill; the non-bypassable charge
    on the 700 drawn is no sign that 450 is a part."""
    res = _validated(_bill("$120.00", "-$120.00", "$0.00", "$139.16"))
    bill = res.bill
    assert bill.electricity_kwh == Decimal(450)
    assert sorted(m.usage for m in bill.meters if m.usage is not None) == [Decimal(-250), Decimal(700)]
    usage = next(c for c in res.checks if c.rule == "usage_confirmed")
    assert usage.passed, usage.message


def test_a_net_label_that_does_not_net_the_registers_is_not_taken() -> None:
    """A "Net kWh" figure that is not drawn less fed back is no net of these reads: the reads' figure stays."""
    lines = [x.replace("   450", "   460") for x in _bill("$120.00", "-$120.00", "$0.00", "$139.16")]
    assert extract_rules(page_doc(lines)).bill.electricity_kwh != Decimal(460)


def test_the_previous_statement_and_the_current_charges_of_a_carried_balance() -> None:
    """"Amount Due on Previous Statement" is the previous balance (its "Amount Due" is no rival total), and
    "Total Electric Charges" is the one row the balance leaves for this period: 259.16 - 120.00 + 0.00."""
    res = _validated(_bill("$120.00", "$0.00", "$120.00", "$259.16"))
    bill = res.bill
    assert bill.previous_balance == Decimal("120.00")
    assert bill.total_amount_due == Decimal("259.16")
    assert bill.current_charges == Decimal("139.16")
    assert res.evidence["total_amount_due"].confidence >= 0.8


def test_a_day_count_with_a_word_between() -> None:
    text = "Electric Usage 03/07/2031 - 04/06/2031 (30 billing days); service for 31 service days"
    assert [n for n, _a, _b in printed_day_counts(text)] == [30, 31]
