"""Kinds of an annual gas statement (its m³ converted to kWh) and of a Swiss-Italian multi-utility bill: the
gas kWh under a label that names no commodity is no electricity, a Swiss customer number groups its digits with
dots, and the labels and issuers these bills print."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
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
