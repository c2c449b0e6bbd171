"""Kinds of failure a monthly advance invoice (a Belgian "voorschotfactuur") showed: it prints no reads and no
consumption, only the estimated yearly use its advance is based on, which is not this bill's usage. Made-up
bills."""

from __future__ import annotations

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc

ADVANCE = [
    "Scheldestroom Energie NV",
    "VOORSCHOTFACTUUR",
    "Factuurdatum 03/08/2024",
    "Klantnummer 5023091030",
    "Periode 01/08/2024 - 31/08/2024",
    "Voorschot elektriciteit € 108,49 € 6,51 € 115,00",
    "Bedrag van deze factuur € 198,11 € 11,89 € 210,00",
    "Te betalen € 210,00",
    "Te betalen vóór 20/08/2024",
    "Waarop is uw voorschot gebaseerd?",
    "Geschat jaarverbruik elektriciteit: 4.180 kWh (EAN 548358936123278794)",
    "Geschat jaarverbruik aardgas: 10.360 kWh (EAN 542336613663073559)",
]


def test_the_estimated_yearly_use_an_advance_is_based_on_is_not_the_usage() -> None:
    bill = extract_rules(page_doc(ADVANCE)).bill
    assert bill.electricity_kwh is None and bill.gas_usage is None
    assert str(bill.total_amount_due) == "210.00"


def test_a_belgian_direct_debit_with_its_amount_gives_the_due_date_and_the_tariff_formula_the_plan() -> None:
    lines = [*ADVANCE[:5], "Tariefformule      Groen Vast 1 jaar", *ADVANCE[5:8],
             "Betaling via domiciliëring:", "wij debiteren € 210,00 op 18/08/2024", *ADVANCE[9:]]
    bill = extract_rules(page_doc(lines)).bill
    assert str(bill.due_date) == "2024-08-18"
    assert bill.rate_plan == "Groen Vast 1 jaar"
