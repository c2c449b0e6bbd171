"""A yearly régularisation (a French "facture de régularisation"): the year's charges (Montant TTC), the monthly
instalments already paid taken off, and an amount to pay or, when the instalments were more, an amount in the
customer's favour printed unsigned. The charges are then neither the amount due nor confirmed as it. Made-up bills."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.blocks import find_blocks
from minimeter.extract.candidates import Finder
from minimeter.extract.rules import extract_rules
from minimeter.schema import LineItem
from minimeter.validate.corroborate import total_confirmed
from tests.helpers import page_doc
from tests.validate.bills import make_bill

HEAD = [
    "Électricité Exemple SA                                     Facture de régularisation",
    "                                                  N° de compte client      111 222 333 444",
    "                                                  Date de facture          12/02/2031",
    "Période du 01/02/2030 au 31/01/2031",
    "",
    "Votre facture en bref",
    "Électricité (abonnement et consommation)                                 500,00 €",
    "Taxes et contributions (accise, CTA)                                      40,00 €",
    "TVA                                                                       60,00 €",
    "Montant TTC                                                              600,00 €",
]



def _favour(paid: str = "Mensualités déjà réglées (10 x 65,00 €)", closing: str = "Montant en votre faveur"
            ) -> list[str]:
    return [*HEAD,
            f"{paid:<70}  -650,00 €",
            f"{closing:<70}    50,00 €",
            " Remboursé par virement sous 15 jours."]


def test_an_amount_in_the_customers_favour_is_a_negative_amount_due() -> None:
    bill = extract_rules(page_doc(_favour())).bill
    assert bill.total_amount_due == Decimal("-50.00")
    assert bill.current_charges == Decimal("600.00")
    assert bill.payments == Decimal("650.00")


def test_the_instalments_paid_leave_an_amount_to_pay() -> None:
    lines = [*HEAD, "Mensualités déjà réglées (10 x 55,00 €)                                 -550,00 €",
             "Montant à payer                                                           50,00 €"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.total_amount_due == Decimal("50.00")
    assert bill.current_charges == Decimal("600.00")


def test_a_deduction_then_its_unsigned_remainder_closes_the_block_whatever_the_words() -> None:
    # Words no lexicon knows: the printed minus and the arithmetic say the row is a credit closing the block.
    blocks = find_blocks(Finder(page_doc(_favour("Échéances honorées", "Reste en faveur du titulaire")), None))
    closing = [b.closes[2] for b in blocks if b.evidence and b.closes is not None]
    assert Decimal("-50.00") in closing


def test_the_charges_before_the_instalments_are_no_confirmed_total() -> None:
    # An extractor that took Montant TTC for the amount due: its line items add up to it, yet the summary goes
    # on past it to the credit, so the total is not confirmed (the bill cannot be SUCCEEDED with it).
    for paid, closing in (("Mensualités déjà réglées (10 x 65,00 €)", "Montant en votre faveur"),
                          ("Échéances honorées", "Reste en faveur du titulaire")):
        doc = page_doc(_favour(paid, closing))
        items = [LineItem(description=d, amount=Decimal(a)) for d, a in (("Électricité", "500.00"),
                                                                         ("Taxes", "40.00"), ("TVA", "60.00"))]
        wrong = make_bill(total_amount_due=Decimal("600.00"), current_charges=Decimal("600.00"), line_items=items)
        assert total_confirmed(wrong, None, doc).passed is False
        right = make_bill(total_amount_due=Decimal("-50.00"), current_charges=Decimal("600.00"),
                          payments=Decimal("650.00"))
        assert total_confirmed(right, None, doc).passed is True


def test_the_charges_checkpoint_before_the_earlier_balance_is_the_current_charges() -> None:
    lines = [*HEAD, "Solde de votre facture précédente                                        120,00 €",
             "Montant à payer                                                          720,00 €"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.total_amount_due == Decimal("720.00")
    assert bill.current_charges == Decimal("600.00")
    assert bill.previous_balance == Decimal("120.00")
