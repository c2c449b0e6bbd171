"""A French water bill's customer reference beside its contract number, its "this bill" total and a water
board's name; a Dutch settlement that pays back to the customer."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.provider import provider_guess
from minimeter.extract.rules import extract_rules
from minimeter.validate import run_checks
from minimeter.validate.corroborate import instalment_months, stated_months
from tests.helpers import page_doc


def _water(reference: str = "Votre référence", closing: str = "Total de cette facture") -> list[str]:
    return ["Eaux de la Vallée Imaginaire",
            "Service client 01 02 03 04 05",
            "",
            f"{reference} : 111 222 333                                      M. Jean Exemple",
            "N° de contrat : 9876543210                                       1 rue Fictive 00000 Nulleville",
            "Facture du 10/02/2025",
            "",
            "Relevé de compteur - consommation du 01/08/2024 au 31/01/2025",
            " Compteur            Ancien index         Nouvel index         Consommation",
            " Z99ZZ000001              100 (réel)           142 (réel)              42 m³",
            "",
            "Total HT 200,00 €  |  Total TVA 12,00 €  |  " + closing + " 212,00 €",
            "",
            "  Solde de la facture précédente                   50,00 €",
            "  Paiements reçus                                 -50,00 €",
            f"  {closing}                                        212,00 €",
            "  Montant TTC à régler                             212,00 €"]


def test_your_reference_is_the_account_not_the_contract_number() -> None:
    bill = extract_rules(page_doc(_water())).bill
    assert bill.account_number == "111 222 333"


def test_this_bills_total_and_the_billed_amount_incl_tax_are_the_current_charges() -> None:
    for closing in ("Total de cette facture", "Montant facturé TTC"):
        bill = extract_rules(page_doc(_water(closing=closing))).bill
        assert bill.current_charges == Decimal("212.00"), closing
        assert bill.total_amount_due == Decimal("212.00"), closing


def test_a_water_boards_letterhead_names_the_issuer() -> None:
    assert provider_guess(page_doc(_water())) == "Eaux de la Vallée Imaginaire"
    assert provider_guess(page_doc(["Régie des Eaux du Pays Fictif", "Facture d'eau", "Client : M. Exemple"])) \
        == "Régie des Eaux du Pays Fictif"


def test_a_bureau_is_no_water_board() -> None:
    assert provider_guess(page_doc(["Bureau Central Fictif", "Facture", "Client : M. Exemple"])) is None


def _settlement(closing: str) -> list[str]:
    return ["Voorbeeld Energie NV",
            "Uw jaarlijkse afrekening",
            " Klantnummer                123456789",
            " Factuurdatum               8 mei 2025",
            " Verbruiksperiode           15 april 2024 - 14 april 2025",
            "  Elektriciteit (Totaal excl. btw)                     € 1.000,00",
            "  Btw 21 %                                               € 210,00",
            "  Kosten verbruiksperiode                              € 1.210,00",
            "  Betaalde voorschotten (12 x € 110,00)               -€ 1.320,00",
            f"  {closing}                                 € 110,00"]


def test_paid_back_to_you_is_a_credit_though_it_holds_the_amount_dues_words() -> None:
    bill = extract_rules(page_doc(_settlement("Terug te betalen aan u"))).bill
    assert bill.current_charges == Decimal("1210.00")
    assert bill.total_amount_due == Decimal("-110.00")


def test_an_annual_settlement_names_a_twelve_month_span() -> None:
    assert 12 in stated_months("\n".join(_settlement("Terug te betalen aan u")))


def test_a_settlements_count_of_advances_paid_names_its_months() -> None:
    text = ("Facture de régularisation\n  Acomptes payés (12 x € 95,00)      -€ 1.140,00\n"
            "  Betaalde voorschotten (6 x € 40,00)   -€ 240,00")
    assert instalment_months(text) == {12, 6}
    # A count that is no payments row's ("Vaste vergoeding 12 x € 4,50"), a rate's times sign: no span.
    assert instalment_months("Vaste vergoeding 12 x € 4,50\nConsommation 42 m³ x 1,4321 €") == set()


def test_twelve_advances_paid_confirm_a_years_labelled_period_and_six_do_not() -> None:
    def lines(count: int, each: str) -> list[str]:
        return ["Voorbeeld Energie NV", "Facture de régularisation",
                " Numéro de client           123456789",
                " Date de facture            28.10.2026",
                " Période de consommation    10.10.2025 - 09.10.2026",
                "  Électricité (Total HTVA)                        € 1.000,00",
                "  TVA 6 %                                            € 60,00",
                "  Total de la période TVAC                        € 1.060,00",
                f"  Acomptes payés ({count} x € {each})             -€ 1.200,00",
                "  Nous vous remboursons                             € 140,00",
                " Consommation électricité   4.000 kWh"]
    def checks(count: int, each: str) -> dict[str, bool | None]:
        doc = page_doc(lines(count, each))
        return {c.rule: c.passed for c in run_checks(extract_rules(doc), doc, 0.8)}

    year = checks(12, "100,00")
    assert year["period_length"] and year["period_confirmed"]
    half = checks(6, "200,00")
    assert not half["period_length"] and not half["period_confirmed"]
