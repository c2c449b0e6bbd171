"""A made-up bill's identity the validation tests share: account, dates of a 29-day period, currency, and
the address line a bill's text prints to name that currency's country."""

from __future__ import annotations

import datetime as dt

from minimeter.schema import BillNormalized

IDENTITY: dict[str, object] = dict(
    account_number="12345678", statement_date=dt.date(2024, 3, 2), due_date=dt.date(2024, 3, 22),
    billing_period_start=dt.date(2024, 1, 30), billing_period_end=dt.date(2024, 2, 28), currency="USD")


# A state and ZIP: what tells a bill's "$" (or a bill printing no sign) is the US dollar of IDENTITY.
ADDRESS = "Service Address 12 Elm St, Springfield, IL 62704\n"


def make_bill(**fields: object) -> BillNormalized:
    """A valid bill with ``IDENTITY`` and ``fields`` on top."""
    return BillNormalized.model_validate({**IDENTITY, **fields})
