"""An earlier period's overpayment carried into a bill, printed unsigned: a previous balance below zero."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract import lexicon
from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc


def test_an_unsigned_overpayment_from_the_last_period_is_a_negative_previous_balance() -> None:
    lines = ["Przykładowa Energia Sp. z o.o.", "Faktura VAT nr P/1/2/23",
             " Razem brutto                                   764,40 zł",
             " Nadpłata z poprzedniego okresu (zaliczona)     408,21 zł      Kwota: 356,19 zł", "",
             " Kwota do zapłaty", " 356,19 zł", " Termin płatności: 21-03-2023"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.previous_balance == Decimal("-408.21")
    assert bill.total_amount_due == Decimal("356.19")


def test_a_credit_brought_forward_that_the_balance_does_not_take_is_left_alone() -> None:
    # The credit is printed, but the amount due is the current charges alone: the balance relation keeps no
    # previous balance below zero.
    lines = ["Example Power Ltd", "Current charges            120.00", "Credit brought forward      15.00",
             "Amount due                 120.00"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.previous_balance != Decimal("-15.00")
    assert bill.total_amount_due == Decimal("120.00")


def test_every_lexicon_language_with_summaries_names_a_prior_credit() -> None:
    assert len(lexicon.load().roles["prior_credit"]) >= 20
