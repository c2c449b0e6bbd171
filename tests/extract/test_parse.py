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


def test_a_price_per_unit_is_no_quantity() -> None:
    # "Adjustment Factor: $0.00061 kWh" prints a rate with its unit, not a usage of 0.00061 kWh.
    got = [m.value for m in find_quantities("Adjustment Factor: $0.00061 kWh   1,234 kWh @ 0.06210", "us")]
    assert got == [Decimal("1234")]
    assert [m.value for m in find_quantities("Termo de energia € 0,1530 kWh; 210 kWh", "eu")] == [Decimal("210")]


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


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("13-MAY-2024", "MDY", dt.date(2024, 5, 13)),  # day-month-year joined by hyphens
        ("13-MAY-24", "MDY", dt.date(2024, 5, 13)),
        ("13/Mai/2024", "DMY", dt.date(2024, 5, 13)),
        ("Apr 19 '24", "MDY", dt.date(2024, 4, 19)),  # apostrophe year
        ("19 Apr ’24", "DMY", dt.date(2024, 4, 19)),
        ("2025/12/02", "MDY", dt.date(2025, 12, 2)),
        ("02.12.2025", "MDY", dt.date(2025, 12, 2)),  # dotted dates are day-first even on an MDY bill
        ("17 gennaio 2025", "DMY", dt.date(2025, 1, 17)),  # Italian
        ("1 de desembre de 2024", "DMY", dt.date(2024, 12, 1)),  # Catalan
        ("5 maart 2024", "DMY", dt.date(2024, 3, 5)),  # Dutch
        ("12 Ogos 2024", "DMY", dt.date(2024, 8, 12)),  # Malay
        ("3 de setembro de 2024", "DMY", dt.date(2024, 9, 3)),  # Portuguese
        ("14 septiembre 2024", "DMY", dt.date(2024, 9, 14)),  # Spanish
        ("01 Dicembre 2024", "DMY", dt.date(2024, 12, 1)),
    ],
)
def test_dates_by_locale(text: str, order: str, expected: dt.date) -> None:
    found = find_dates(text, order)
    assert found and found[0].value == expected, text
    assert text[found[0].start:found[0].end] == found[0].text


def test_month_names_that_are_common_words_need_a_year() -> None:
    ref = dt.date(2024, 12, 20)
    assert find_dates("des 12 derniers mois", "DMY", ref) == []  # French "des", not Catalan December
    assert find_dates("gen-25 febr-25", "DMY", ref) == []  # month-year chart axis labels
    assert [m.value for m in find_dates("12 des. 2024", "DMY")] == [dt.date(2024, 12, 12)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rs.1234/-", "1234"), ("Rs. 1,234.00", "1234.00"), ("₹ 9021", "9021"), ("RM 45.20", "45.20"),
        ("R 1,034,000.00", "1034000.00"), ("R$ 1.234,56", "1234.56"), ("PKR 1,234", "1234"), ("ZAR 500", "500"),
        ("€ 12", "12"), ("CHF 1'234.50", "1234.50"), ("123,45 €", "123.45"), ("12.00 EUR", "12.00"),
        ("-12.00", "-12.00"), ("12.00-", "-12.00"), ("(12.00)", "-12.00"), ("12.00 CR", "-12.00"),
    ],
)
def test_money_currency_tokens_and_negative_forms(text: str, expected: str) -> None:
    found = find_money(text)
    assert [m.value for m in found] == [Decimal(expected)], text
    assert text[found[0].start:found[0].end] == found[0].text


def test_letter_currencies_stand_alone() -> None:
    assert [m.text for m in find_money("PER 12.00")] == ["12.00"]  # not the rand
    assert find_money("Rate R3 12") == [] and find_money("R1 Residential") == []


def test_a_letter_currency_glued_to_its_figure_is_its_sign() -> None:
    assert [m.value for m in find_money("Amount Payable  RM87.35", "us")] == [Decimal("87.35")]
    assert [m.value for m in find_money("Payment Received  -RM12.40", "us")] == [Decimal("-12.40")]
    assert [m.value for m in find_money("Total EUR12.00")] == [Decimal("12.00")]
    assert find_money("FORM12.50") == [] and find_money("AB12.50") == []  # letters that are no currency


def test_whole_amounts_count_where_a_money_label_or_currency_says_so() -> None:
    assert find_money("Net Payable  9021") == []  # a bare whole number is not money by itself
    assert [m.value for m in find_money("  9021  ", "in", money_label=True)] == [Decimal(9021)]
    assert [m.value for m in find_money(": 4,500", "us", money_label=True)] == [Decimal(4500)]
    assert find_money(" 150 kWh", "us", money_label=True) == []  # a quantity
    assert find_money(" 2024", "us", money_label=True) == []  # a year
    assert find_money(" 15/05", "us", money_label=True) == []  # a date
    assert [m.value for m in find_money("Amount 1500 €", "eu")] == [Decimal(1500)]


def test_identifiers_keep_their_inner_spaces() -> None:
    from minimeter.extract.parse import find_identifier

    def ident(s: str) -> str | None:
        m = find_identifier(s)
        if m is not None:
            assert s[m.start:m.end] == m.text
        return m.value if m else None  # type: ignore[return-value]

    assert ident(": 1234 5678 90") == "1234 5678 90"
    assert ident(" 51730942-004 6  Due Date") == "51730942-004 6"
    assert ident(" No. 418207 52 kWh") == "418207"  # an identifier, then a quantity
    assert ident(" 7719023384  CUPS ES00") == "7719023384"  # two spaces end it
    assert ident(" 318442907 PIN CODE") == "318442907"
    assert ident(" 12.05.2024") is None and ident(" 12") is None


def test_a_unit_split_by_the_text_layer_is_still_kwh() -> None:
    got = [(m.value, m.extra) for m in find_quantities("150 k W h; 12 K W H; 5 kW h; 7 kW; 9 KL", "us")]
    assert got[:4] == [(Decimal(150), "kWh"), (Decimal(12), "kWh"), (Decimal(5), "kWh"), (Decimal(7), "kW")]
    assert (Decimal(9), "kL") in got
    assert [(m.value, m.extra) for m in find_quantities("106,156268 Smc", "eu")] == [(Decimal("106.156268"), "Smc")]


def test_currencies_printed_beside_figures() -> None:
    from minimeter.extract.parse import currencies_in, same_sign

    assert currencies_in("Deposit: R 9,699.94\nMarket Value R 1,034,000.00\nRate R-3") == {"ZAR": 2}
    assert currencies_in("Total 91,82 € ; EUR 3,00") == {"EUR": 2}
    assert currencies_in("Rs.1234/- and PKR 1,200") == {"INR": 1, "PKR": 1}
    assert same_sign("USD", "CAD") and same_sign("INR", "PKR") and not same_sign("ZAR", "USD")


def test_the_cents_of_a_split_figure_are_not_an_amount() -> None:
    # A text layer that splits "-373,47 €" after the comma must not yield an amount of 47.
    assert [m.value for m in find_money("Versements reçus  -373, 47 €", "eu")] == []


def test_indian_digit_grouping_is_one_amount() -> None:
    from minimeter.extract.parse import find_money

    got = [(m.value, m.text) for m in find_money("Net Payable Rs.1,60,386.04  Bill Amount 5,731.00", "in")]
    assert got == [(Decimal("160386.04"), "Rs.1,60,386.04"), (Decimal("5731.00"), "5,731.00")]


def test_a_piece_of_a_dotted_date_is_not_an_amount() -> None:
    # "Invoice date: 07.03.2031" must not offer 7.03 as money to a label above it.
    assert find_money("Fecha factura:   07.03.2031  /  100200300", "eu") == []
    assert find_money("Read on 12.05.24", "us") == []
    assert [m.value for m in find_money("Total 1.234,56 € el 07.03.2031", "eu")] == [Decimal("1234.56")]


@pytest.mark.parametrize("text", ["31234567890123456789012345678901", "1e5", "nan1", "1_000", "Infinity"])
def test_a_barcode_or_a_non_figure_is_not_a_number(text: str) -> None:
    # A payment barcode has more digits than any amount or read; arithmetic on it overflows the context.
    assert parse_number(text) is None


def test_an_amount_in_credit_is_negative_but_not_a_credit_card_fee() -> None:
    # "Your account balance £96.71 in credit": the customer is owed it.
    found = find_money("Your account balance £41.25 in credit", "us")
    assert [m.value for m in found] == [Decimal("-41.25")]
    found = find_money("A fee of £1.50 in credit card payments", "us")
    assert [m.value for m in found] == [Decimal("1.50")]


def test_currencies_of_the_lexicon_table_before_and_after_a_figure() -> None:
    from minimeter.extract.parse import currencies_in

    # Tokens before ("Rp", "KSh") and after ("zł", "Kč", "kr") a figure, from one table (lexicon [currencies]).
    assert currencies_in("Do zapłaty: 245,10 zł\nRazem 245,10 zł") == {"PLN": 2}
    assert currencies_in("Total Tagihan Rp 1.234.567") == {"IDR": 1}
    assert currencies_in("Celkem 1 234 Kč") == {"CZK": 1}
    assert currencies_in("Amount due KSh 3,450.00") == {"KES": 1}
    # A token of letters stands alone: the "kr" of a word and the "RS" of "HOURS" are no currency.
    assert currencies_in("HOURS 12.00 Mkr12") == {}


def test_a_bill_whose_figures_carry_no_sign_takes_the_sign_it_prints_most() -> None:
    from minimeter.extract.currency import read

    # "R$" is counted once, not also as "$"; a short letter token in a sentence ("Rs.", "Mrs.") names nothing.
    assert read("Valores em R$\nTotal 120,00\nR$ por kWh", None).code == "BRL"
    assert read("Mrs. Example\nAmounts in EUR\nTotal 12.30", None).code == "EUR"


def test_a_shared_sign_takes_the_currency_whose_own_sign_or_country_the_page_prints() -> None:
    from minimeter.extract.currency import by_country

    # "$" beside the figures, "S$" only in a column heading: Singapore dollars.
    assert by_country("USD", "Details      Amount (S$)\nElectricity   144.06\nTotal   $273.46") == "SGD"
    # No sign of its own: a company form and an address's city and postcode name the country.
    assert by_country("USD", "Example Power Pte Ltd\nBLK 412 EXAMPLE AVE 10\nSINGAPORE 560412\nTotal $273.46") == "SGD"
    assert by_country("USD", "Example Power Inc.\nTotal $273.46") == "USD"
