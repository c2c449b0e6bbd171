from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from minimeter.extract.parse import find_dates, find_money, find_quantities, infer_year, parse_money, parse_number


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("1,234.56", None, "1234.56"),  # US
        ("1.234,56", None, "1234.56"),  # EU, both marks
        ("219,14", None, "219.14"),  # decimal comma alone
        ("2.000,000", "eu", "2000.000"),
        ("2.000", "eu", "2000"),  # eu: a dot groups thousands
        ("1.02923", "us", "1.02923"),  # us: a dot is decimal
        ("1'234.50", None, "1234.50"),  # Swiss apostrophe
        ("1’234.50", "ch", "1234.50"),  # typographic apostrophe
        ("1 234,56", "eu", "1234.56"),  # space thousands
        ("1,23,456.78", "in", "123456.78"),  # Indian grouping
        ("4,471", None, "4471"),
    ],
)
def test_numbers_in_each_format(text: str, fmt: str | None, expected: str) -> None:
    assert parse_number(text, fmt) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-12.00", "-12.00"), ("- 17.89", "-17.89"), ("(12.00)", "-12.00"), ("12.00CR", "-12.00"),
        ("12.00-", "-12.00"), ("-$ 0.38", "-0.38"), ("$-5.00", "-5.00"), ("453,10-", "-453.10"),
        ("R$ 1.234,56", "1234.56"), ("CHF 1'234.50", "1234.50"), ("$170.00", "170.00"), ("-CHF 15'692.79", "-15692.79"),
        ("91,82 €", "91.82"),
    ],
)
def test_money_signs_and_currencies(text: str, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


def test_find_money_spans_point_at_the_source() -> None:
    text = "Previous Balance 41.15\nPayment(s) -41.15\nTotal Amount Due $21.15 (12.00) 3.00CR"
    found = find_money(text)
    assert [m.value for m in found] == [Decimal("41.15"), Decimal("-41.15"), Decimal("21.15"), Decimal("-12.00"),
                                        Decimal("-3.00")]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_quantities_with_units() -> None:
    found = find_quantities("5 therms; 4,471 kwh; 12 kW; 2.000,000 kWh; 69 m3; 15100 gallons; 9.51 CCF", "us")
    got = [(m.value, m.extra) for m in found]
    assert (Decimal("5"), "therms") in got
    assert (Decimal("4471"), "kWh") in got
    assert (Decimal("12"), "kW") in got
    assert (Decimal("69"), "m3") in got
    assert (Decimal("15100"), "gallons") in got
    assert (Decimal("9.51"), "CCF") in got
    eu = find_quantities("Consumo 2.000,000 kWh", "eu")
    assert eu[0].value == Decimal("2000")


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("07/24/2019", "MDY", dt.date(2019, 7, 24)),
        ("6/7/19", "MDY", dt.date(2019, 6, 7)),
        ("24.03.2025", "DMY", dt.date(2025, 3, 24)),
        ("27/10/2023", "MDY", dt.date(2023, 10, 27)),  # day > 12 settles the order by itself
        ("03/04/2024", "DMY", dt.date(2024, 4, 3)),
        ("2024-07-22", "MDY", dt.date(2024, 7, 22)),
        ("Jun 18, 2024", "MDY", dt.date(2024, 6, 18)),
        ("Tuesday, Apr 25, 2023", "MDY", dt.date(2023, 4, 25)),
        ("Mar 27, 23", "MDY", dt.date(2023, 3, 27)),
        ("17 Avril 2025", "DMY", dt.date(2025, 4, 17)),  # French
        ("18 Fév 25", "DMY", dt.date(2025, 2, 18)),
        ("31. März 2024", "DMY", dt.date(2024, 3, 31)),  # German
        ("5 de março de 2024", "DMY", dt.date(2024, 3, 5)),  # Portuguese
        ("14 de junio de 2024", "DMY", dt.date(2024, 6, 14)),  # Spanish
        ("1er mars 2024", "DMY", dt.date(2024, 3, 1)),
    ],
)
def test_dates_in_many_formats(text: str, order: str, expected: dt.date) -> None:
    found = find_dates(text, order)
    assert found and found[0].value == expected
    assert text[found[0].start:found[0].end] == found[0].text


def test_dates_without_year_take_it_from_the_statement_date() -> None:
    ref = dt.date(2024, 1, 10)  # a January statement for a December period
    found = find_dates("Dec 12 to Jan 9", "MDY", ref)
    assert [m.value for m in found] == [dt.date(2023, 12, 12), dt.date(2024, 1, 9)]
    assert all(m.extra == "noyear" for m in found)
    assert infer_year(2, 5, ref, prefer="after") == dt.date(2024, 2, 5)
    assert find_dates("JUL 5", "MDY", None) == []  # no anchor, no guess


def test_us_figures_never_group_thousands_with_a_space() -> None:
    # A meter table's "multiplier usage unit" columns: "1 816 kWh" is 1, then 816 kWh.
    assert [m.value for m in find_quantities("1 816 kWh", "us")] == [Decimal(816)]
    assert [m.value for m in find_quantities("13 117 kWh", "eu")] == [Decimal(13117)]
    assert [m.value for m in find_money("1 234,56 €", "eu")] == [Decimal("1234.56")]
    assert Decimal("234.00") in [m.value for m in find_money("1 234.00", "us")]
