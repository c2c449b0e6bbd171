"""A required identifier the bill prints as a label with nothing beside or under it (blacked out, left blank)
is not printed: required_fields does not hold the bill for it. A label with a value, or no label, still does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence
from minimeter.settings import Settings
from minimeter.validate import finalize

BODY = ("                                          BILLING PERIOD\n"
        "                                          Jan 30, 2024  to Feb 28, 2024\n"
        "www.example-gas.test                      ACCOUNT NUMBER\n"
        "                                                            Mar 22, 2024        $ 40.12\n"
        "Total Amount Due  40.12\n")



def _required(text: str, settings: Settings) -> tuple[bool | None, str]:
    bill = BillNormalized(statement_date=dt.date(2024, 3, 2), due_date=dt.date(2024, 3, 22),
                          billing_period_start=dt.date(2024, 1, 30), billing_period_end=dt.date(2024, 2, 28),
                          total_amount_due=Decimal("40.12"), currency="USD")
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=0.95, source="rules")
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    res = finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)
    return next((c.passed, c.message) for c in res.checks if c.rule == "required_fields")


def test_a_label_standing_with_no_value_is_a_field_the_bill_does_not_print(settings: Settings) -> None:
    ok, message = _required(BODY, settings)
    assert ok is True and "account_number is not printed" in message


def test_a_label_with_its_value_or_no_label_at_all_still_needs_the_field(settings: Settings) -> None:
    # The value is printed: an extractor that missed it has missed something.
    assert _required(BODY.replace("ACCOUNT NUMBER", "ACCOUNT NUMBER  8812-4471-09"), settings)[0] is False
    # No label the lexicon knows: it may be printed under a label nobody here has seen.
    assert _required(BODY.replace("ACCOUNT NUMBER", "CUSTOMER SERVICE"), settings)[0] is False
