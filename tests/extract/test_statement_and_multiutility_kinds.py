"""Kinds of an annual gas statement (its m³ converted to kWh) and of a Swiss-Italian multi-utility bill: the
gas kWh under a label that names no commodity is no electricity, a Swiss customer number groups its digits with
dots, and the labels and issuers these bills print."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.candidates import Finder
from minimeter.extract.provider import provider_guess
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page
from tests.helpers import page_doc

GAS_STATEMENT = [
    "Beispiel Gasvertrieb GmbH                      Jahresabrechnung Erdgas",
    "Kundennummer          4455667788",
    "Abrechnungszeitraum   01.03.2030 – 28.02.2031",
    "Verbrauch                4.210 kWh",
    " Zähler     Stand alt m³   Stand neu m³   Verbrauch m³   kWh",
    " 5566778    10.000         10.380         380            4.210",
    "380 m³ × 11,0800 × 1,0000 = 4.210 kWh",
    " Energiepreis           4.210 kWh     7,125 Cent/kWh       299,96",
    " Summe Jahresabrechnung                                   299,96",
]


def test_a_gas_statements_kwh_under_a_label_naming_no_commodity_is_no_electricity() -> None:
    out = extract_rules(page_doc(GAS_STATEMENT))
    assert out.bill.electricity_kwh is None
    assert out.bill.gas_usage == Decimal("4210")
    assert out.bill.gas_usage_unit == "kWh"


def test_a_bill_that_names_electricity_keeps_its_labelled_kwh() -> None:
    # The same figure labelled on a bill that also sells electricity may be the electricity's: the label decides.
    lines = [*GAS_STATEMENT, "Strom und Gas aus einer Hand", " Stromverbrauch                4.210 kWh"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh == Decimal("4210")


def test_the_sum_of_an_annual_statement_is_its_current_charges() -> None:
    out = extract_rules(page_doc(GAS_STATEMENT))
    assert out.bill.current_charges == Decimal("299.96")


def test_advances_counted_at_a_price_each_are_their_product() -> None:
    # "N advances à X": X is each one's amount; the row's value is N x X, printed further along.
    lines = ["Summe Jahresabrechnung                                  € 1.097,32",
             "abzüglich 10 geleistete Teilbeträge à € 102,00           € -1.020,00",
             "Zu zahlender Betrag                                        € 77,32"]
    finder = Finder(page_doc(lines), None)
    best = max(finder.labelled("payments", "money", "money"), key=lambda c: c.score)
    assert abs(best.value) == Decimal("1020.00")


SWISS = [
    "Esempio Servizi Comunali SA",
    "N. cliente                123.456.789",
    "Fattura n.                5550001112",
    "Prodotto                  Tariffa Domestica D2",
    "Totale prestazioni                          1'234.50",
    "Totale fattura CHF                          1'234.50",
]


def test_a_dot_grouped_customer_number_beside_apostrophe_thousands_is_an_identifier() -> None:
    out = extract_rules(page_doc(SWISS))
    assert out.bill.account_number == "123.456.789"
    assert out.bill.rate_plan == "Tariffa Domestica D2"


def test_a_contract_account_is_the_account() -> None:
    lines = [SWISS[0], "Conto contrattuale        123.456.789", *SWISS[2:]]
    assert extract_rules(page_doc(lines)).bill.account_number == "123.456.789"


def test_on_a_dot_thousands_bill_dot_groups_stay_a_figure() -> None:
    # Where 1.234,56 is how figures are written, "123.456.789" after a label may be an amount: not an identifier.
    lines = ["Beispiel Stadtwerke GmbH", "Kundennummer 123.456.789", "Rechnungsbetrag 1.234,56 €",
             "Summe netto 1.037,44 €"]
    assert extract_rules(page_doc(lines)).bill.account_number != "123.456.789"


def _doc(text: str) -> Document:
    return Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)


def test_an_italian_municipal_or_multi_service_company_is_the_issuer() -> None:
    assert provider_guess(_doc("Azienda Multiservizi Esempio\nVia Roma 1, 6900 Lugano\nN. cliente 123456789")) \
        == "Azienda Multiservizi Esempio"
    assert provider_guess(_doc("Aziende Municipali di Esempio\nVia Roma 1\nN. cliente 123456789")) \
        == "Aziende Municipali di Esempio"
