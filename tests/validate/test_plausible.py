"""Plausibility checks: each fails on the kind of wrong value a person would reject at a glance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized
from minimeter.validate.checks import due_after_statement, period_length
from minimeter.validate.plausible import load_factor, statement_after_period, total_not_distractor, usage_per_day


def _bill(**kw: object) -> BillNormalized:
    base: dict[str, object] = dict(billing_period_start=dt.date(2024, 1, 1), billing_period_end=dt.date(2024, 1, 31),
                                   statement_date=dt.date(2024, 2, 3), due_date=dt.date(2024, 2, 20))
    base.update(kw)
    return BillNormalized.model_validate(base)


def _doc(text: str) -> Document:
    return Document(pages=[Page(number=1, text=text)], page_count=1)


def test_load_factor_above_one_fails() -> None:
    # 10 kW for 30 days is at most 7,200 kWh.
    assert load_factor(_bill(demand_kw=Decimal("10"), electricity_kwh=Decimal("7000"))).passed is True
    assert load_factor(_bill(demand_kw=Decimal("10"), electricity_kwh=Decimal("7300"))).passed is False
    assert load_factor(_bill(electricity_kwh=Decimal("7300"))).passed is None


def test_usage_per_day_bounds() -> None:
    assert usage_per_day(_bill(electricity_kwh=Decimal("900"))).passed is True
    # A price or a rate read as the usage: 0.00034 kWh in a month.
    assert usage_per_day(_bill(electricity_kwh=Decimal("0.00034"))).passed is False
    # A residential service does not draw 2,000 kWh a day; a commercial one may.
    assert usage_per_day(_bill(electricity_kwh=Decimal("60000"), rate_plan="Residential E-1")).passed is False
    assert usage_per_day(_bill(electricity_kwh=Decimal("60000"), rate_plan="GS-3 Secondary")).passed is True
    assert usage_per_day(_bill(water_usage=Decimal("900000"), water_usage_unit="gallons",
                               rate_plan="Residential")).passed is False
    assert usage_per_day(_bill(electricity_kwh=Decimal("0"))).passed is None  # a vacant home uses nothing


def test_a_late_payment_amount_is_not_the_total() -> None:
    late = _doc("Amount Due by Mar 05  $60.35\nAfter Mar 05 Pay $61.20\n")
    assert total_not_distractor(_bill(total_amount_due=Decimal("61.20")), doc=late).passed is False
    assert total_not_distractor(_bill(total_amount_due=Decimal("60.35")), doc=late).passed is True
    ytd = _doc("Year to date charges 1,234.00\nAmount due 98.10\n")
    assert total_not_distractor(_bill(total_amount_due=Decimal("1234.00")), doc=ytd).passed is False
    # A late-payment figure printed again as the amount due elsewhere is fine.
    both = _doc("Late payment amount 61.20\nTotal amount due\n61.20\n")
    assert total_not_distractor(_bill(total_amount_due=Decimal("61.20")), doc=both).passed is True


def test_period_of_a_plausible_length() -> None:
    assert period_length(_bill()).passed is True
    assert period_length(_bill(billing_period_start=dt.date(2023, 9, 1))).passed is False  # 152 days
    assert period_length(_bill(billing_period_start=dt.date(2023, 12, 1))).passed is False  # 61 days, unexplained
    assert period_length(_bill(billing_period_start=dt.date(2023, 12, 1)), doc=_doc("Bi-monthly bill")).passed is True
    four = _doc("Facturation de 4 mois")
    assert period_length(_bill(billing_period_start=dt.date(2023, 10, 1)), doc=four).passed is True  # 122 days
    stated = _doc("période du 01.09.2023 au 31.01.2024 (152 jours)")
    assert period_length(_bill(billing_period_start=dt.date(2023, 9, 1)), doc=stated).passed is True


def test_dates_in_a_sane_order() -> None:
    assert statement_after_period(_bill()).passed is True
    assert statement_after_period(_bill(statement_date=dt.date(2024, 1, 10))).passed is False
    assert due_after_statement(_bill(due_date=dt.date(2024, 2, 1))).passed is True  # two days' slack
    assert due_after_statement(_bill(due_date=dt.date(2024, 1, 20))).passed is False
