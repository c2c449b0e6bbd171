"""The scorer on hand-made cases with known answers, one group per normalisation rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from minimeter.evaluation.score import equal, norm_id, norm_unit, outcome, to_date, to_decimal


@pytest.mark.parametrize(
    ("truth", "pred", "expected"),
    [
        (None, None, "absent"),
        (None, "123", "hallucinated"),
        (12.5, None, "missing"),
        (12.5, "  ", "missing"),
        (12.5, Decimal("12.50"), "correct"),
        (12.5, Decimal("12.52"), "wrong"),
    ],
)
def test_outcomes(truth: object, pred: object, expected: str) -> None:
    assert outcome("total_amount_due", truth, pred) == expected


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        (21.15, Decimal("21.15"), True),
        (21.15, Decimal("21.16"), True),  # within one cent
        (21.15, Decimal("21.17"), False),
        (21.15, "$21.15", True),
        (2362.65, "CHF 2'362.65", True),
        (1234.56, "1.234,56 EUR", True),
        (1234.56, "1 234,56 €", True),
        (-45.2, "45.20 CR", True),
        (-45.2, "$45.20-", True),  # trailing minus, common on US bills
        (-45.2, Decimal("45.20"), False),  # a credit is not a debt
        (0, Decimal("0.00"), True),
    ],
)
def test_money(truth: object, pred: object, ok: bool) -> None:
    assert equal("current_charges", truth, pred) is ok


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        (1000, Decimal("1004"), True),  # 0.4 %
        (1000, Decimal("1006"), False),  # 0.6 %
        (9.51, Decimal("9.51"), True),
        (9.51, Decimal("9.6"), False),
        (4281, "4'281", True),
        (11.264, Decimal("11.26"), True),
        (0, Decimal("0"), True),
        (0, Decimal("1"), False),
    ],
)
def test_quantities(truth: object, pred: object, ok: bool) -> None:
    assert equal("electricity_kwh", truth, pred) is ok


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        ("2019-07-24", dt.date(2019, 7, 24), True),
        ("2019-07-24", "07/24/19", True),
        ("2019-07-24", "24.07.2019", True),
        ("2019-07-24", "Jul 24, 2019", True),
        ("2019-07-24", "July 24 2019", True),
        ("2019-07-24", "24 juillet 2019", True),
        ("2024-03-05", "5. März 2024", True),
        ("2019-07-24", "24/07/2019", True),  # day > 12: unambiguous day-first
        ("2019-07-24", dt.date(2019, 7, 25), False),
        ("2019-07-24", "not a date", False),
    ],
)
def test_dates(truth: str, pred: object, ok: bool) -> None:
    assert equal("due_date", truth, pred) is ok


def test_date_parser_edges() -> None:
    assert to_date(dt.datetime(2024, 1, 2, 3, 4)) == dt.date(2024, 1, 2)
    assert to_date("02/30/2024") is None
    assert to_date(20240101) is None


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        ("5180473316", "5180473316", True),
        ("0021-4433-91", "21 4433 91", True),  # spaces, dashes, leading zeros
        ("00123", "123", True),
        ("10k552013", "10K552013", True),  # case-insensitive
        ("A-1F2B", "a1f2b", True),
        ("5180473316", "5180473315", False),
        ("123", "1230", False),
    ],
)
def test_identifiers(truth: str, pred: str, ok: bool) -> None:
    assert equal("account_number", truth, pred) is ok
    assert equal("meter_number", truth, pred) is ok


def test_norm_id_all_zeros() -> None:
    assert norm_id("000") == norm_id("0") == "0"


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        ("therms", "Therm", True),
        ("therms", "THMS", True),
        ("CCF", "ccf", True),
        ("CCF", "HCF", True),  # both are hundreds of cubic feet
        ("m3", "m³", True),
        ("m3", "kL", True),  # a kilolitre is a cubic metre
        ("KL", "kl", True),
        ("gallons", "Gal", True),
        ("kWh", "KWH", True),
        ("therms", "CCF", False),
        ("gallons", "kgal", False),
        ("kL", "gallons", False),
    ],
)
def test_units(truth: str, pred: str, ok: bool) -> None:
    assert equal("gas_usage_unit", truth, pred) is ok
    assert (norm_unit(truth) == norm_unit(pred)) is ok


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        ("Pacific Gas and Electric Company", "PG&E", True),  # acronym
        ("PSE&G", "Public Service Electric and Gas", True),
        ("ComEd", "Commonwealth Edison Company", True),  # syllable abbreviation
        ("Con Edison", "ConEd", True),
        ("ComEd", "Con Edison", False),
        ("Con Edison (Consolidated Edison Company of New York)", "Con Edison", True),  # containment
        ("National Grid (Massachusetts gas)", "nationalgrid", True),
        ("SIG - Services Industriels de Genève", "SIG", True),
        ("Duke Energy Carolinas", "DUKE ENERGY", True),
        ("Duke Energy", "Xcel Energy", False),  # 'Energy' alone is no match
        ("Mid-Carolina Electric Cooperative", "Duke Energy Carolinas", False),
    ],
)
def test_provider(truth: str, pred: str, ok: bool) -> None:
    assert equal("provider", truth, pred) is ok


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        ("2210 9TH AVE, GREELEY CO 80631-5310", "2210 9th Avenue Greeley CO 80631", True),
        ("2210 9TH AVE, GREELEY CO 80631-5310", "2210 9TH AVE", True),
        ("12 Oak St, Springfield", "21 Oak Street, Springfield", False),  # house number differs
        ("Ch. des Marronniers 8, THONEX", "Chemin des Marronniers 8 Thônex", True),
        ("12 Oak St, Springfield", "PO BOX 55, Shelbyville", False),
    ],
)
def test_address(truth: str, pred: str, ok: bool) -> None:
    assert equal("service_address", truth, pred) is ok


@pytest.mark.parametrize(
    ("truth", "pred", "ok"),
    [
        ("R-3B Residential Heating", "R-3B", True),
        ("EL1 Residential or Religious", "EL1 RESIDENTIAL OR RELIGIOUS", True),
        ("Schedule 23", "Sched 23 General Service", False),
        ("TOU-D-4-9PM", "TOU-D-5-8PM", False),
    ],
)
def test_rate_plan(truth: str, pred: str, ok: bool) -> None:
    assert equal("rate_plan", truth, pred) is ok


def test_currency_is_exact_iso() -> None:
    assert equal("currency", "CHF", "chf")
    assert not equal("currency", "USD", "CAD")


def test_to_decimal_shapes() -> None:
    assert to_decimal("1,234") == Decimal("1234")
    assert to_decimal("12,5") == Decimal("12.5")
    assert to_decimal("(45.10)") == Decimal("-45.10")
    assert to_decimal("1.234.567") == Decimal("1234567")
    assert to_decimal(True) is None
    assert to_decimal("n/a") is None


# --- wrong apart from missing, and wrong acceptances ----------------------------------------------
class _Bill:
    def __init__(self, name: str, status: str | None, fields: dict[str, str]) -> None:
        self.name, self.status, self.fields = name, status, fields


def test_outcomes_by_field_keeps_wrong_missing_and_accepted_wrong_apart() -> None:
    from minimeter.evaluation.score import outcomes_by_field

    bills = [_Bill("a", "SUCCEEDED", {"total_amount_due": "wrong", "due_date": "missing"}),
             _Bill("b", "NEEDS_REVIEW", {"total_amount_due": "wrong", "due_date": "correct"}),
             _Bill("c", "SUCCEEDED", {"total_amount_due": "correct", "due_date": "hallucinated"}),
             _Bill("d", "SUCCEEDED", {"total_amount_due": "absent", "due_date": "missing"})]
    rows = outcomes_by_field(bills)
    assert rows["total_amount_due"] == {"correct": 1, "wrong": 2, "missing": 0, "hallucinated": 0,
                                        "accepted_wrong": 1}
    assert rows["due_date"] == {"correct": 1, "wrong": 0, "missing": 2, "hallucinated": 1, "accepted_wrong": 1}


def test_accepted_wrong_counts_only_succeeded_bills_with_a_wrong_total_period_or_usage() -> None:
    from minimeter.evaluation.score import accepted_wrong

    bills = [_Bill("total", "SUCCEEDED", {"total_amount_due": "wrong"}),
             _Bill("usage", "SUCCEEDED", {"electricity_kwh": "hallucinated"}),
             _Bill("reviewed", "NEEDS_REVIEW", {"billing_period_end": "wrong"}),
             _Bill("missing", "SUCCEEDED", {"total_amount_due": "missing"}),
             _Bill("meter", "SUCCEEDED", {"meter_number": "wrong"})]
    assert [b.name for b in accepted_wrong(bills)] == ["total", "usage"]
    assert [b.name for b in accepted_wrong(bills, None)] == ["total", "usage", "meter"]
