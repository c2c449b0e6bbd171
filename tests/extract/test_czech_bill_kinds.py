"""Kinds of failure a Czech settlement (vyúčtování) showed, each fixed in general terms: dotted dates with a
space after each dot, usage printed in MWh, a cell ended by a middle dot, a text cell wider than the label's
window, a label starting with an accented capital, and a credit printed unsigned in a box below its label."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract import blocks
from minimeter.extract.candidates import Candidate, Finder
from minimeter.extract.parse import find_dates
from minimeter.extract.steps import clean_text
from minimeter.extract.units import in_field_unit
from minimeter.schema import BillNormalized, Commodity, Meter
from minimeter.validate.checks import usage_matches_meters
from tests.helpers import page_doc


def test_dotted_dates_with_a_space_after_each_dot_are_day_first() -> None:
    got = [m.value for m in find_dates("Zúčtovací období 1. 4. 2025 – 31. 12. 2025", "MDY")]
    assert got == [dt.date(2025, 4, 1), dt.date(2025, 12, 31)]
    # Only with a full year: "2. 3. 12" in a numbered list is no date; nor is a price "1,5. 3. 2025".
    assert find_dates("body 2. 3. 12 a", "DMY") == []


def test_a_figure_in_mwh_is_read_as_the_kwh_its_field_holds() -> None:
    assert in_field_unit(Decimal("12.271"), "MWh") == (Decimal("12271.000"), "kWh")
    assert in_field_unit(Decimal("14"), "m3") == (Decimal("14"), "m3")
    finder = Finder(page_doc(["Celková spotřeba za období: 12,271 MWh", "Cena celkem 1 234,56 Kč"]), None)
    cands = finder.labelled("electricity_kwh", "qty", "usage")
    assert max(cands, key=lambda c: c.score).value == Decimal(12271)


def test_meters_read_in_mwh_add_up_to_the_usage_in_kwh() -> None:
    meter = Meter(commodity=Commodity.ELECTRICITY, prior_read=Decimal("89.852"), present_read=Decimal("110.357"),
                  usage=Decimal("20.505"), unit="MWh")
    bill = BillNormalized(electricity_kwh=Decimal(20505), meters=[meter])
    assert usage_matches_meters(bill).passed is True
    wrong = BillNormalized(electricity_kwh=Decimal("20.505"), meters=[meter])
    assert usage_matches_meters(wrong).passed is False


def test_a_middle_dot_between_spaces_ends_a_text_cell() -> None:
    assert clean_text("rate_plan", "D45d · Hlavní jistič 3x32 A") == "D45d"
    assert clean_text("rate_plan", "C02d ·") == "C02d"
    assert clean_text("rate_plan", "Variabel | Aansluiting 3x25A") == "Variabel"


def test_a_text_value_below_its_label_is_not_cut_at_the_window() -> None:
    lines = ["Odběrné místo",
             "Masarykova 2211/73, 370 01 České Budějovice          Číslo faktury  1234567"]
    finder = Finder(page_doc(lines), None)
    got = {c.value for c in finder.labelled("service_address", "text", None)}
    assert "Masarykova 2211/73, 370 01 České Budějovice" in got


def test_a_label_with_an_accented_capital_is_no_value_of_the_label_above() -> None:
    finder = Finder(page_doc(["Adresa odběrného místa:", "Číslo smluvního účtu: 4455667788"]), None)
    assert [c.value for c in finder.labelled("service_address", "text", None)] == []


SETTLEMENT = [
    "Souhrn vyúčtování",
    " Cena za dodávku elektřiny bez DPH            49 764,79 Kč",
    " DPH 21 %                                     10 450,61 Kč",
    " Celková cena za dodávku s DPH                60 215,40 Kč",
    " Zaplacené zálohy                            -61 080,00 Kč",
    "",
    "  Přeplatek k vrácení",
    "  864,60 Kč",
]


def test_a_credit_printed_below_its_label_closes_a_settlement_whose_advances_exceed_its_charges() -> None:
    finder = Finder(page_doc(SETTLEMENT), None)
    found = [b for b in blocks.find_blocks(finder) if b.evidence]
    assert found and found[0].closes is not None and found[0].closes[2] == Decimal("-864.60")
    cands: dict[str, list[Candidate]] = {}
    assert blocks.support(found, cands) is not None
    best = max(cands["total_amount_due"], key=lambda c: c.score)
    assert best.value == Decimal("-864.60") and best.raw.startswith("864,60")


def test_an_unsigned_amount_without_a_credit_label_does_not_close_a_negative_sum() -> None:
    lines = [*SETTLEMENT[:-2], "  Poznámka", "  864,60 Kč"]
    finder = Finder(page_doc(lines), None)
    assert all(b.closes is None for b in blocks.find_blocks(finder))


def test_a_czech_letterhead_names_the_issuer() -> None:
    from minimeter.extract.provider import provider_guess

    doc = page_doc(["Moravská elektrárenská a.s.                  Vyúčtování dodávky elektřiny",
                    "Nádražní 1/2, 702 00 Ostrava · IČO 12345678", "", "Zákaznické číslo  12345678"])
    assert provider_guess(doc) == "Moravská elektrárenská a.s."
