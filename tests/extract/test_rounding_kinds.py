"""A payable amount rounded to 5 Rappen / centimes, the rounding printed as its own row (made-up values)."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.schema import ExtractionResult
from minimeter.validate import run_checks
from tests.helpers import page_doc


def _row(label: str, amount: str, middle: str = "") -> str:
    """A charge-table row: the label, a quantity cell at column 46, the amount ending at column 86."""
    left = f"{label:<46}{middle}" if middle else label
    return left + amount.rjust(86 - len(left))


def _bill(rounding: str, total: str, extra: list[str] | None = None) -> list[str]:
    return [
        "Kundennummer          1234567",
        "Rechnungsdatum        05.11.2031",
        "Abrechnungsperiode: 01.10.2031 - 31.10.2031",
        "Bezeichnung                                   Menge / Ansatz                 CHF",
        _row(" Energie", "60.00", "400 kWh x 15.00 Rp./kWh"),
        _row(" Grundpreis Netz", "8.00", "1 x 8.00"),
        _row("Total exkl. MWST", "68.00"),
        _row("MWST 8.1 % auf CHF 68.00", "5.53"),
        _row("Total inkl. MWST", "73.53"),
        *(extra or []),
        _row("Rundungsdifferenz", rounding),
        _row("Rechnungsbetrag", total),
        " Zahlbar bis 05.12.2031",
    ]


def test_the_rounding_row_separates_the_current_charges_from_the_amount_due() -> None:
    for rounding, total in (("-0.03", "73.50"), ("0.02", "73.55")):
        out = extract_rules(page_doc(_bill(rounding, total)))
        assert out.bill.total_amount_due == Decimal(total)
        assert out.bill.current_charges == Decimal("73.53")
        assert out.summary is not None and out.summary.role("adjustments") is not None
        # A quantity cell between the label and the amount ("1 x 8.00") does not hide the row's label.
        assert any(r.label == "Grundpreis Netz" for r in out.summary.rows)


def test_the_balance_holds_with_the_printed_rounding_row() -> None:
    doc = page_doc(_bill("-0.03", "73.50"))
    out = extract_rules(doc)
    result = ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules")
    checks = {c.rule: c for c in run_checks(result, doc, 0.8)}
    assert checks["balance"].passed is True
    assert "Rundungsdifferenz" in checks["balance"].message


def test_an_open_earlier_invoice_is_the_previous_balance() -> None:
    open_invoice = _row("Offener Betrag Rechnung 555.123456", "100.00")
    out = extract_rules(page_doc(_bill("-0.03", "173.50", [open_invoice])))
    assert out.bill.previous_balance == Decimal("100.00")
    assert out.bill.current_charges == Decimal("73.53")


def test_an_advance_bill_has_no_usage_when_only_last_years_is_printed() -> None:
    lines = _bill("-0.03", "73.50")
    lines[3:3] = [" Akontorechnung ohne Zählerstände; Basis: Verbrauch Vorjahr 3'210 kWh", ""]
    lines = [ln for ln in lines if "Rp./kWh" not in ln]  # no energy billed on a quantity either
    assert extract_rules(page_doc(lines)).bill.electricity_kwh is None


def test_a_french_swiss_client_number_is_the_account() -> None:
    out = extract_rules(page_doc([
        "No client             7654321",
        "No facture            123.456789",
        "Date de facture       14.07.2031",
        "Produit               Tarif double HP/HC",
        "Montant à payer                    291.85",
    ]))
    assert out.bill.account_number == "7654321"
    assert out.bill.rate_plan == "Tarif double HP/HC"


def test_a_quarterly_bill_names_its_three_months() -> None:
    from minimeter.validate.corroborate import stated_months

    assert stated_months("Quartalsrechnung\nAbrechnungsperiode: 01.01.2031 - 31.03.2031") == {3}
    assert stated_months("Facture trimestrielle") == {3}


def test_the_payer_of_a_qr_bill_part_is_the_customer_not_the_issuer() -> None:
    lines = [
        "EW Beispieltal Genossenschaft",
        "9999 Beispieltal  |  MWST-Nr. CHE-000.000.000 MWST",
        "Kundennummer          1234567",
        "Verbrauchsort: Dorfstrasse 5, 9999 Beispieltal",
        "Rechnungsbetrag                                   73.50",
        "Zahlbar an",
        "EW Beispieltal Genossenschaft",
        "Zahlbar durch",
        "Herr Peter Muster",
    ]
    out = extract_rules(page_doc(lines))
    assert out.bill.customer_name == "Herr Peter Muster"
    assert out.bill.provider == "EW Beispieltal Genossenschaft"
    assert out.bill.service_address == "Dorfstrasse 5, 9999 Beispieltal"


def test_a_figure_beside_a_distractor_still_competes_with_a_clean_one() -> None:
    # "x " marks a quantity billed or converted; the reads confirm the converted kWh, not the m3 before it.
    out = extract_rules(page_doc([
        "Abrechnungszeitraum: 01.01.31 - 31.01.31",
        "Zähler-Nr.        Anfangsstand     Endstand      Faktor     Verbrauch   Einheit",
        "G1ABC123               5.100        5.140     10,5000           420   kWh",
        "Gasverbrauch                 40 m3 x 10,5000 = 420 kWh",
        "Gesamtbetrag                                    55,10 EUR",
    ]))
    assert out.bill.gas_usage == Decimal(420)
