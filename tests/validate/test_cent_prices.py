"""A table row that prints its unit price in cents of the amount's currency ("7,125 Cent/kWh") bills its quantity:
the price is read in hundredths, and the row confirms the usage it bills, never another."""

from __future__ import annotations

from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence
from minimeter.settings import Settings
from minimeter.validate import finalize
from minimeter.validate.printed import PrintedIndex
from tests.validate.bills import make_bill

PAGE = ("Kundennummer 12345678   Rechnungsdatum 02.03.2024\n"
        "Abrechnungszeitraum 30.01.2024 - 28.02.2024\n"
        " Position                   Menge            Preis           Betrag €\n"
        " Energiepreis           4.210 kWh     7,125 Cent/kWh           299,96\n"
        " Netznutzung            4.210 kWh      1,9 ct/kWh               79,99\n"
        " Erdgasabgabe             380 m³     0,066 €/m³                 25,08\n"
        " Gesamtbetrag                                                  405,03\n")


def _doc() -> Document:
    return Document(pages=[Page(number=1, text=PAGE, layout_text=PAGE)], page_count=1)


def _usage(bill: BillNormalized, settings: Settings) -> tuple[bool | None, str]:
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=0.95, source="model")
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    res = finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), _doc(), settings)
    return next((c.passed, c.message) for c in res.checks if c.rule == "usage_confirmed")


def test_a_price_in_cents_is_read_in_hundredths() -> None:
    lines = {li.description: li for li in PrintedIndex(_doc()).charge_lines()}
    assert lines["Energiepreis"].rate == Decimal("0.07125")
    assert lines["Energiepreis"].quantity == Decimal("4210")
    # "1,9 ct/kWh" is too coarse for 4.210 kWh to check its amount: no evidence, no line.
    assert "Netznutzung" not in lines


def test_a_row_priced_in_cents_confirms_the_usage_it_bills(settings: Settings) -> None:
    gas = dict(total_amount_due=Decimal("405.03"), currency="EUR", gas_usage_unit="kWh")
    ok, message = _usage(make_bill(gas_usage=Decimal("4210"), **gas), settings)
    assert ok is True and "4210 x 0.07125 = 299.96" in message
    assert _usage(make_bill(gas_usage=Decimal("4200"), **gas), settings)[0] is False
