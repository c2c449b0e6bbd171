"""A made-up bill's identity the validation tests share: account, dates of a 29-day period, currency."""

from __future__ import annotations

import datetime as dt

from minimeter.schema import BillNormalized

IDENTITY: dict[str, object] = dict(
    account_number="12345678", statement_date=dt.date(2024, 3, 2), due_date=dt.date(2024, 3, 22),
    billing_period_start=dt.date(2024, 1, 30), billing_period_end=dt.date(2024, 2, 28), currency="USD")


def make_bill(**fields: object) -> BillNormalized:
    """A valid bill with ``IDENTITY`` and ``fields`` on top."""
    return BillNormalized.model_validate({**IDENTITY, **fields})
