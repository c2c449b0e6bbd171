"""A bill of several services: the totals it prints for each add up to the amount due (as it rounds it)."""

from __future__ import annotations

from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.validate import sections
from minimeter.validate.printed import PrintedIndex

SERVICES = ("Facture de consommation        période du 01.10.2024 au 31.12.2024\n"
            "Consommation relevée           Total Electricité            1'203.12\n"
            "                               Total Eau                      310.41\n"
            "Détail au verso\n\n"
            "Montant prélevé de votre compte arrondi à                   1'513.55\n")


def _idx(text: str) -> PrintedIndex:
    return PrintedIndex(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1))


def test_two_services_totals_make_the_amount_due_rounded_to_the_coin() -> None:
    idx = _idx(SERVICES)
    assert {f: [p.value for p in ps] for f, ps in sections.section_totals(idx).items()} == {
        "electricity_kwh": [Decimal("1203.12")], "water_usage": [Decimal("310.41")]}
    how = sections.confirms_total(idx, Decimal("1513.55"))  # 1,513.53 collected as 1,513.55
    assert how is not None and "rounded to 0.05" in how
    assert sections.confirms_total(idx, Decimal("1513.53")) is not None  # the exact sum


def test_a_wrong_total_or_one_service_alone_is_not_confirmed() -> None:
    idx = _idx(SERVICES)
    assert sections.confirms_total(idx, Decimal("1513.60")) is None  # more than the rounding
    assert sections.confirms_total(idx, Decimal("1513.57")) is None  # not a multiple of the coin
    assert sections.confirms_total(idx, Decimal("1203.12")) is None  # one service's total: x = x
    one = _idx(SERVICES.replace("Total Eau", "Montant"))
    assert sections.confirms_total(one, Decimal("1203.12")) is None


def test_a_total_that_names_no_single_service_is_no_section() -> None:
    idx = _idx("Total HT            1'203.12\nTotal Eau et Electricité      310.41\n")
    assert sections.section_totals(idx) == {}


def test_rounding_to_whole_units_or_the_coin_only() -> None:
    assert sections.rounding(Decimal("99.98"), Decimal("100.00")) == ", rounded to 0.05"
    assert sections.rounding(Decimal("99.70"), Decimal("100")) == ", rounded to whole units"
    assert sections.rounding(Decimal("99.70"), Decimal("99.75")) is None
    assert sections.rounding(Decimal("99.96"), Decimal("99.96")) == ""
