"""A field a corroboration rule confirmed is not held back by a low finder score; an unconfirmed one is."""

from __future__ import annotations

from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, Meter
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.validate.bills import ADDRESS, make_bill

TEXT = ADDRESS + ("Account Number 12345678  Statement Date 03/02/2024  Due Date 03/22/2024\n"
        "Service Period 01/30/2024 - 02/28/2024  (29 days)\n"
        "Previous Balance 118.39  Payments -162.03  Current Charges 135.46  Total Amount Due 91.82\n"
        "Meter 24071  Prior Reading 20451  Present Reading 21706  Usage 1,255 kWh\n"
        "Last year 1,337 kWh\n")



def _bill(**kw: object) -> BillNormalized:
    base: dict[str, object] = dict(
        previous_balance=Decimal("118.39"), payments=Decimal("162.03"), current_charges=Decimal("135.46"),
        total_amount_due=Decimal("91.82"), electricity_kwh=Decimal("1255"),
        meters=[Meter(prior_read=Decimal("20451"), present_read=Decimal("21706"), usage=Decimal("1255"),
                      commodity="electricity")])
    base.update(kw)
    return make_bill(**base)


def _run(bill: BillNormalized, settings: Settings, low: dict[str, float],
         contested: tuple[str, ...] = ()) -> ExtractionResult:
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=low.get(f, 0.95), source="rules",
                           contested=f in contested)
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    doc = Document(pages=[Page(number=1, text=TEXT)], page_count=1)
    return finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)


def _check(res: ExtractionResult, rule: str) -> tuple[bool | None, str]:
    return next((c.passed, c.message) for c in res.checks if c.rule == rule)


def test_confirmed_fields_pass_whatever_their_finder_score(settings: Settings) -> None:
    # The reads give the usage, the balance the total, the day count the period: each could have failed.
    low = {"electricity_kwh": 0.6, "total_amount_due": 0.6, "billing_period_start": 0.7, "billing_period_end": 0.7}
    res = _run(_bill(), settings, low)
    ok, message = _check(res, "confidence")
    assert ok is True and "electricity_kwh (0.60) by usage_confirmed" in message
    assert "total_amount_due (0.60) by total_confirmed" in message
    assert res.status == "SUCCEEDED", res.issues


def test_a_low_score_with_nothing_confirming_it_still_holds_the_bill(settings: Settings) -> None:
    # Last year's figure, read with a low score: the reads do not give it, so nothing settles the doubt.
    res = _run(_bill(electricity_kwh=Decimal("1337"), meters=[]), settings, {"electricity_kwh": 0.6})
    assert _check(res, "usage_confirmed")[0] is False
    ok, message = _check(res, "confidence")
    assert ok is False and "electricity_kwh (0.60)" in message
    # A field no corroboration rule checks (the due date) is never settled by the others.
    res = _run(_bill(), settings, {"due_date": 0.6})
    assert _check(res, "confidence")[0] is False and res.status == "NEEDS_REVIEW"


def test_the_checks_keep_their_order(settings: Settings) -> None:
    rules = [c.rule for c in _run(_bill(), settings, {}).checks]
    assert rules.index("confidence") < rules.index("total_confirmed")


def test_a_value_contested_by_a_printed_rival_is_not_settled_by_its_confirmation(settings: Settings) -> None:
    # The reads confirm 1,255 kWh as their difference; a labelled total the extractor could not rule out says
    # otherwise (a second register the reads do not show): the doubt is the rival's, which the reads leave open.
    res = _run(_bill(), settings, {"electricity_kwh": 0.6}, contested=("electricity_kwh",))
    assert _check(res, "usage_confirmed")[0] is True
    ok, message = _check(res, "confidence")
    assert ok is False and "electricity_kwh (0.60)" in message and "by usage_confirmed" not in message
