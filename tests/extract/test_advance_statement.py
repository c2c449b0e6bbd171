"""An annual statement settled against advances paid (a German "Jahresabrechnung"): the charges of the year, the
advances taken off, and what is left to pay or, when the advances were more, a credit printed unsigned; the
new advance plan's dates below are not the due date. Made-up bills."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.candidates import product_first
from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc

HEAD = [
    "Stadtwerke Beispielstadt GmbH",
    "                                                  Kundennummer           412 345 678",
    "                                                  Rechnungsdatum         14.01.2031",
    "Jahresabrechnung Strom 2030",
    "Abrechnungszeitraum: 01.01.2030 - 31.12.2030",
    "",
    "Ihre Abrechnung im Überblick",
    "Sparte                                        Netto          Umsatzsteuer          Brutto",
    "Strom                                      876,89 €        19 %: 166,61 €        1.043,50 €",
]
PLAN = [
    "",
    "Ihr neuer Abschlagsplan",
    "Fälligkeit             Betrag",
    "15.02.2031             88,00 €",
    "15.03.2031             88,00 €",
    "15.04.2031             88,00 €",
]



def _owed() -> list[str]:
    return [*HEAD,
            "Gesamtbetrag                                                                 1.043,50 €",
            "abzüglich geleistete Abschläge (12 x 80,00 €)                                 -960,00 €",
            "Nachzahlung                                                                     83,50 €",
            " Bitte überweisen Sie den Betrag bis zum 28.01.2031.",
            *PLAN]


def test_the_advances_paid_are_taken_off_the_years_charges() -> None:
    bill = extract_rules(page_doc(_owed())).bill
    assert bill.total_amount_due == Decimal("83.50")
    assert bill.current_charges == Decimal("1043.50")
    assert bill.payments == Decimal("960.00")


def test_a_credit_printed_unsigned_is_a_negative_amount_due() -> None:
    lines = [*HEAD[:-1], "Strom                                      757,31 €        19 %: 143,89 €          901,20 €",
             "Gesamtbetrag                                                                   901,20 €",
             "abzüglich geleistete Abschläge (12 x 80,00 €)                                 -960,00 €",
             "Guthaben                                                                        58,80 €",
             " Das Guthaben erstatten wir bis zum 28.01.2031 auf Ihr Konto.",
             *PLAN]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.total_amount_due == Decimal("-58.80")
    assert bill.current_charges == Decimal("901.20")
    assert bill.due_date is None  # a refund date, and the plan's dates, are no due date


def test_the_due_date_is_the_transfer_date_not_the_advance_plans() -> None:
    assert extract_rules(page_doc(_owed())).bill.due_date == dt.date(2031, 1, 28)
    debit = [*_owed()[:-len(PLAN) - 1], " Den Betrag buchen wir am 27.01.2031 von Ihrem Konto ab.", *PLAN]
    assert extract_rules(page_doc(debit)).bill.due_date == dt.date(2031, 1, 27)


def test_a_count_times_a_price_in_a_label_is_how_the_rows_amount_is_made() -> None:
    text = "abzüglich geleistete Abschläge (12 x 80,00 €)      -960,00 €"
    vals: list[tuple[object, int, int, str | None]] = [
        (Decimal("80.00"), text.index("80,00"), text.index("80,00") + 5, None),
        (Decimal("-960.00"), text.index("-960"), text.index("-960") + 7, None)]
    assert [v[0] for v in product_first(text, vals, "eu")] == [Decimal("-960.00")]
    plain = [(Decimal("80.00"), 0, 5, None), (Decimal("960.00"), 10, 16, None)]
    assert product_first("80,00 €   960,00 €", plain, "eu") == plain  # no count before it: left alone


def test_a_price_change_splitting_the_period_is_no_rival_to_it() -> None:
    lines = [*_owed(), "",
             "Arbeitspreis 01.01.2030 - 30.09.2030        2.300 kWh x 28,00 ct/kWh        644,00 €",
             "Arbeitspreis 01.10.2030 - 31.12.2030          800 kWh x 28,00 ct/kWh        224,00 €"]
    out = extract_rules(page_doc(lines))
    assert out.bill.billing_period_start == dt.date(2030, 1, 1)
    assert out.bill.billing_period_end == dt.date(2030, 12, 31)
    assert out.choices["billing_period_start"].confidence >= 0.9
