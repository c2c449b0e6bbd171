"""The day count the charges are billed on ("23 days x 0.3310 €/day") confirms the period it equals, when the
bill bills one such count; charges split into parts of the period confirm nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.arithmetic import billed_day_counts
from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence
from minimeter.settings import Settings
from minimeter.validate import finalize

HEAD = ("Factura 2031/0042   Data 17.07.2031   Total factura 118,40 €\n"
        "Període de facturació:   del 19.05.2031 al 11.06.2031\n\n\n\n\n")
CHARGES = ("  Terme fix (P1)        12 kW x 23 dies x 21,093486 €/kWany          15,95\n"
           "  Lloguer comptador     23 dies x 0,026630 €/dia                      0,61\n")



def _period(start: dt.date, end: dt.date, text: str, settings: Settings) -> tuple[bool | None, str]:
    bill = BillNormalized(billing_period_start=start, billing_period_end=end, statement_date=dt.date(2031, 7, 17),
                          total_amount_due=Decimal("118.40"), currency="EUR")
    # (read with a rival close to it: its label alone does not confirm it)
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=0.85, source="rules")
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    res = finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)
    return next((c.passed, c.message) for c in res.checks if c.rule == "period_confirmed")


def test_the_days_the_charges_are_billed_on_confirm_the_period(settings: Settings) -> None:
    ok, message = _period(dt.date(2031, 5, 19), dt.date(2031, 6, 11), HEAD + CHARGES, settings)
    assert ok is True and "billed on 23 days" in message
    # A period one week off is not what the charges bill.
    assert _period(dt.date(2031, 5, 12), dt.date(2031, 6, 11), HEAD + CHARGES, settings)[0] is False


def test_charges_split_into_parts_of_the_period_confirm_nothing(settings: Settings) -> None:
    split = CHARGES + ("  Bo social             12 dies x 0,012742 €/dia   0,15\n"
                       "  Bo social             11 dies x 0,013100 €/dia   0,14\n")
    assert _period(dt.date(2031, 5, 19), dt.date(2031, 6, 11), HEAD + split, settings)[0] is False


def test_only_a_count_multiplied_by_a_rate_is_billed() -> None:
    assert [n for n, _a, _b in billed_day_counts("12 kW x 23 dies x 21,09 €/kWany\nPay within 21 days.")] == [23]
    assert billed_day_counts("30 days x 0.3310 = 9.93") == [(30, 0, 2)]
    assert billed_day_counts("Billing days: 30 x") == []
