"""Kinds of failure a French-language multi-service bill (electricity, water, sanitation: a Moroccan
distributor's) showed: its electricity tariff under "Tarif électricité" and its charges under "Total de la
présente facture" were not read. Made-up bills."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc

BILL = [
    "Régie de Distribution Exemple",
    "FACTURE EAU - ÉLECTRICITÉ - ASSAINISSEMENT",
    "Référence client        11250670",
    "Date d'émission         11/12/2025",
    "Tarif électricité       BT Domestique",
    "Période                 du 03/11/2025 au 05/12/2025",
    "Sous-total électricité TTC                      392,33 DH",
    "Sous-total eau TTC                              165,29 DH",
    "Total de la présente facture                    557,62 DH",
    "Impayés antérieurs                              120,00 DH",
    "Net à payer                                     677,62 DH",
    "À payer avant le : 26/12/2025",
]


def test_the_electricity_tariff_and_the_charges_of_this_bill_are_read_under_their_french_labels() -> None:
    bill = extract_rules(page_doc(BILL)).bill
    assert bill.rate_plan == "BT Domestique"
    assert bill.current_charges == Decimal("557.62")
    assert bill.total_amount_due == Decimal("677.62") and bill.currency == "MAD"
