"""The summary-block reader: rows read together, each a role, evidence only when they add up."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract import blocks
from minimeter.extract.candidates import Candidate, Finder
from minimeter.readers.base import Document, Page


def _finder(lines: list[str]) -> Finder:
    text = "\n".join(lines)
    return Finder(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1), None)


ACCOUNT_SUMMARY = [
    "Account summary",
    "Previous Account Balance                               708,497.34",
    "Less: Incoming Payment (made 2025/11/26)                - 2,000.00",
    "Sub Total                                              706,497.34",
    "Interest on Arrears                                        540.25",
    "Current Charges (Excl. VAT)                             13,544.70",
    "VAT @ 15%                                                1,910.12",
    "",
    "Total Due   722,492.41          Due Date  2025/12/24",
]


def test_account_summary_adds_up_to_the_total_printed_elsewhere() -> None:
    finder = _finder(ACCOUNT_SUMMARY)
    found = blocks.find_blocks(finder)
    assert len(found) == 1
    b = found[0]
    assert [r.role for r in b.rows] == ["previous", "item", "subtotal", "adjustments", "current", "tax"]
    assert b.sum == Decimal("722492.41")
    assert b.closes is not None and b.closes[2] == Decimal("722492.41")
    assert b.evidence and b.summary


def test_summary_block_feeds_roles_into_candidates() -> None:
    finder = _finder(ACCOUNT_SUMMARY)
    cands: dict[str, list[Candidate]] = {}
    assert blocks.support(blocks.find_blocks(finder), cands) is not None
    assert max(cands["total_amount_due"], key=lambda c: c.score).value == Decimal("722492.41")
    assert cands["previous_balance"][0].value == Decimal("708497.34")
    assert cands["payments"][0].value == Decimal("2000.00")
    # every candidate is printed: its span reads back to its own characters
    view = finder.views[-1]
    for c in (*cands["total_amount_due"], *cands["payments"]):
        assert view.text[c.start:c.end] == c.raw


def test_an_adjustment_row_is_a_balance_term_not_current_charges() -> None:
    finder = _finder([
        "Previous balance                                  410.00",
        "Payment received                                 -410.00",
        "Interest on arrears                                 3.15",
        "Current charges                                    96.85",
        "Total due                                         100.00",
    ])
    cands = {"current_charges": finder.labelled("current_charges", "money", "money")}
    assert blocks.support(blocks.find_blocks(finder), cands) is not None
    assert [c.value for c in cands["adjustments"]] == [Decimal("3.15")]
    # The current charges the summary implies leave the interest out: 100.00 - 410.00 + 410.00 - 3.15.
    assert max(cands["current_charges"], key=lambda c: c.score).value == Decimal("96.85")


def test_charges_list_closing_on_its_total_row_in_another_language() -> None:
    finder = _finder([
        "RESUM FACTURA",
        "  Terme fix                          87,81 €",
        "  Consum                            310,64 €",
        "  Impost elèctric                    20,39 €",
        "  IVA (21 %) de 427,30               89,73 €",
        "  TOTAL                             508,57 €",
    ])
    (b,) = blocks.find_blocks(finder)
    assert b.rows[-1].role == "total"  # a checkpoint row, whatever its label's language
    assert b.closes is not None and b.closes[2] == Decimal("508.57")
    assert b.evidence and not b.summary


def test_cancelling_terms_are_not_evidence() -> None:
    """previous - payments + current = current holds whatever the figures: the sum is a term again."""
    finder = _finder([
        "Balance from last bill                 384.20",
        "Thank you for your payment            -384.20",
        "Total Current Charges                  416.56",
        "Total amount you owe                   424.02",
        "",
        "Current charges this month 416.56",
    ])
    found = blocks.find_blocks(finder)
    assert found and not any(b.evidence for b in found)
    cands: dict[str, list[Candidate]] = {}
    assert blocks.support(found, cands) is None and cands == {}


def test_rows_that_do_not_add_up_are_no_block() -> None:
    finder = _finder([
        "Energy charge                           12.10",
        "Delivery charge                         30.00",
        "Customer charge                          9.99",
        "Total                                   99.99",
    ])
    (b,) = blocks.find_blocks(finder)
    assert not b.evidence


def test_amounts_in_different_columns_are_separate() -> None:
    finder = _finder([
        "Energy charge      12.10",
        "Delivery charge                                  30.00",
        "Customer charge             9.99",
    ])
    assert blocks.find_blocks(finder) == []


def test_current_charges_before_tax_and_the_tax_row_make_the_current_charges() -> None:
    lines = [*ACCOUNT_SUMMARY, "", "Current Charges (Including VAT)                         15,454.82"]
    finder = _finder(lines)
    cands = {"current_charges": finder.labelled("current_charges", "money", "money")}
    blocks.support(blocks.find_blocks(finder), cands)
    assert max(cands["current_charges"], key=lambda c: c.score).value == Decimal("15454.82")


def test_a_total_printed_before_the_earlier_balance_is_the_current_charges() -> None:
    finder = _finder([
        "Base imponible 40,00 €  IVA 10%  4,00 €     IMPORTE TOTAL                          44,00 €",
        "",
        "                                           Recibos anteriores pendientes de pago   30,50 €",
        "                                           TOTAL A PAGAR                          74,50 €",
    ])
    found = [b for b in blocks.find_blocks(finder) if b.evidence]
    assert [r.role for r in found[0].rows] == ["current", "previous", "total"]
    cands: dict[str, list[Candidate]] = {}
    blocks.support(found, cands)
    assert [c.value for c in cands["current_charges"]] == [Decimal("44.00")]
    assert cands["previous_balance"][0].value == Decimal("30.50")


def test_a_balance_carried_forward_repeats_the_rows_above_it_and_does_not_add() -> None:
    finder = _finder([
        "Account summary",
        " Previous bill                        $300.00",
        " Overdue amount                       $300.00",
        " Total new charges (incl. GST)        $125.40",
        " Total amount due                     $425.40",
    ])
    found = blocks.find_blocks(finder)
    assert [r.role for r in found[0].rows] == ["previous", "subtotal", "current", "total"]
    assert found[0].evidence and found[0].closes is not None and found[0].closes[2] == Decimal("425.40")


def test_a_balance_carried_forward_after_an_adjustment_is_a_subtotal() -> None:
    # Previous - payments + adjustments, printed again as "Balance Forward", checks the rows above it: the
    # summary closes on the amount due with the earlier balance and the adjustment as its terms.
    from minimeter.extract.rules import extract_rules
    from minimeter.readers.base import Document, Page

    text = "\n".join([
        "Account No.   555-12345-67",
        "Bill Date     03/13/2031",
        "ACCOUNT SUMMARY",
        " Previous Balance                               620.40",
        " Payments Received - Thank You                    0.00",
        " Adjustments                                     -8.00",
        " Balance Forward                                612.40",
        " Current Charges                                187.60",
        " AMOUNT DUE                                     800.00",
    ])
    out = extract_rules(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1))
    assert out.bill.previous_balance == Decimal("620.40")
    assert out.bill.total_amount_due == Decimal("800.00")
    assert out.summary is not None and out.summary.role("subtotal") is not None
