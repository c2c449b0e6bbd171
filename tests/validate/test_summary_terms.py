"""Balance terms no bill field holds (interest on arrears, an adjustment), read from the bill's own account
summary: the balance holds with them and the summary confirms the total; a row the lexicon names as another
role (the current charges, a tax) is never taken for an adjustment."""

from __future__ import annotations

from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, Meter
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.validate.bills import ADDRESS, make_bill

HEAD = ADDRESS + ("Account Number 12345678  Statement Date 03/02/2024  Due Date 03/22/2024\n"
        "Service Period 01/30/2024 - 02/28/2024  (29 days)\n"
        "Prior Reading 20451  Present Reading 21706  Usage 1,255 kWh\n\n")
SUMMARY = ("Previous Account Balance                               1,250.00\n"
           "Less: Payment Received                                  - 300.00\n"
           "Interest on Arrears                                        12.40\n"
           "Current Charges                                           187.60\n"
           "                                 Total Due              1,150.00\n")



def _bill(**kw: object) -> BillNormalized:
    base: dict[str, object] = dict(
        previous_balance=Decimal("1250.00"), payments=Decimal("300.00"), current_charges=Decimal("187.60"),
        total_amount_due=Decimal("1150.00"), electricity_kwh=Decimal("1255"),
        meters=[Meter(prior_read=Decimal("20451"), present_read=Decimal("21706"), usage=Decimal("1255"),
                      commodity="electricity")])
    base.update(kw)
    return make_bill(**base)


def _run(bill: BillNormalized, text: str, settings: Settings) -> ExtractionResult:
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=0.95, source="model")
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    return finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)


def _check(res: ExtractionResult, rule: str) -> tuple[bool | None, str]:
    return next((c.passed, c.message) for c in res.checks if c.rule == rule)


def test_interest_the_summary_prints_is_a_term_of_the_balance(settings: Settings) -> None:
    res = _run(_bill(), HEAD + SUMMARY, settings)
    ok, message = _check(res, "balance")
    assert ok is True and "Interest on Arrears" in message
    assert _check(res, "total_confirmed")[0] is True
    assert res.status == "SUCCEEDED", res.issues


def test_a_wrong_total_or_current_charges_is_not_explained_by_the_adjustment(settings: Settings) -> None:
    # A total that misses the adjustment (1,250 - 300 + 187.60 = 1,137.60), or counts it twice: the summary
    # closes on neither.
    for wrong in (_bill(total_amount_due=Decimal("1137.60")), _bill(total_amount_due=Decimal("1162.40"))):
        res = _run(wrong, HEAD + SUMMARY, settings)
        assert _check(res, "total_confirmed")[0] is False, wrong
        assert res.status == "NEEDS_REVIEW"
    # Current charges no row explains: the balance fails, though the summary confirms the total.
    res = _run(_bill(current_charges=Decimal("190.00")), HEAD + SUMMARY, settings)
    assert _check(res, "balance")[0] is False and res.status == "NEEDS_REVIEW"


def test_a_row_the_lexicon_names_as_the_current_charges_is_no_adjustment(settings: Settings) -> None:
    # The tax row read as the current charges: the gap is the "Current Charges (Excl. VAT)" row, which no
    # adjustment is; the balance must not pass by taking it for one.
    text = HEAD + ("Previous Account Balance                               1,250.00\n"
                   "Less: Payment Received                                  - 300.00\n"
                   "Current Charges (Excl. VAT)                               160.00\n"
                   "VAT @ 15%                                                  27.60\n"
                   "                                 Total Due              1,137.60\n")
    misread = _bill(current_charges=Decimal("27.60"), total_amount_due=Decimal("1137.60"))
    assert _check(_run(misread, text, settings), "balance")[0] is False
    right = _bill(current_charges=Decimal("187.60"), total_amount_due=Decimal("1137.60"))
    assert _check(_run(right, text, settings), "balance")[0] is True


CARRIED = ("Previous Balance                                   620.40\n"
           "Payments Received - Thank You                        0.00\n"
           "Adjustments                                          -8.00\n"
           "Balance Forward                                     612.40\n"
           "Current Charges                                     187.60\n"
           "AMOUNT DUE                                          800.00\n")


def test_the_balance_carried_forward_is_not_the_previous_balance(settings: Settings) -> None:
    # "Balance Forward" is the previous balance less the payment plus the adjustment: read as the previous
    # balance (with the payment and no adjustment), the balance holds all the same. The summary's rows,
    # which add up only with each row in its place, say it is not the previous balance.
    text = HEAD + CARRIED
    right = _bill(previous_balance=Decimal("620.40"), payments=Decimal("0.00"), total_amount_due=Decimal("800.00"))
    res = _run(right, text, settings)
    assert _check(res, "balance")[0] is True, res.issues
    forward = _bill(previous_balance=Decimal("612.40"), payments=Decimal("0.00"), total_amount_due=Decimal("800.00"))
    res = _run(forward, text, settings)
    ok, message = _check(res, "balance")
    assert ok is False and "620.40" in message
    assert res.status == "NEEDS_REVIEW"


def test_a_rounding_adjustment_with_no_payment_is_a_term_of_the_balance(settings: Settings) -> None:
    # The payable amount rounded to 5 sen: 1,250.00 + 187.63 + 0.02 = 1,437.65; nothing paid.
    text = HEAD + ("Previous Balance                                        1,250.00\n"
                   "Current Charges                                           187.63\n"
                   "Rounding Adjustment                                         0.02\n"
                   "                                 Amount Payable          1,437.65\n")
    bill = _bill(payments=None, current_charges=Decimal("187.63"), total_amount_due=Decimal("1437.65"))
    ok, message = _check(_run(bill, text, settings), "balance")
    assert ok is True and "Rounding Adjustment" in message
    # A current-charges figure the rows do not explain is still caught.
    assert _check(_run(_bill(payments=None, current_charges=Decimal("187.60"),
                             total_amount_due=Decimal("1437.65")), text, settings), "balance")[0] is False


ADVANCES = ("Strom Arbeitspreis 3.100 kWh x 28,00 ct/kWh                     868,00 €\n"
            "Grundpreis 12 Monate x 14,625 €                                   175,50 €\n"
            "Gesamtbetrag                                                    1.043,50 €\n"
            "abzüglich geleistete Abschläge (12 x 80,00 €)                    -960,00 €\n"
            "Nachzahlung                                                        83,50 €\n")


def test_the_years_charges_before_the_advances_are_not_the_amount_due(settings: Settings) -> None:
    # The charges add up with the bill's own line items, so a total read from "Gesamtbetrag" looked
    # confirmed; the account summary takes the advances off and adds up to what is left to pay.
    from minimeter.schema import LineItem

    items = [LineItem(description="Arbeitspreis", amount=Decimal("868.00")),
             LineItem(description="Grundpreis", amount=Decimal("175.50"))]
    wrong = make_bill(total_amount_due=Decimal("1043.50"), current_charges=Decimal("1043.50"), line_items=items,
                      currency="EUR")
    res = _run(wrong, HEAD + ADVANCES, settings)
    ok, message = _check(res, "total_confirmed")
    assert ok is False and "83.50" in message
    right = make_bill(total_amount_due=Decimal("83.50"), current_charges=Decimal("1043.50"),
                      payments=Decimal("960.00"), line_items=items, currency="EUR")
    assert _check(_run(right, HEAD + ADVANCES, settings), "total_confirmed")[0] is True
