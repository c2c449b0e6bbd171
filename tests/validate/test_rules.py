from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, LineItem, Meter
from minimeter.validate import finalize
from tests.validate.bills import ADDRESS

TEXT = ADDRESS + ("Account Number 12345678  Statement Date 03/02/2024  Due Date 03/22/2024  "
        "Service Period 01/30/2024 - 02/28/2024  Usage 1,255 kWh  Previous Balance 201.00  Payments -201.00  "
        "Current Charges 170.00  Total Amount Due 170.00  (29 days)\n"
        "Prior Reading 20451  Present Reading 21706  Energy 135.50  Grid 34.50")


def _good() -> BillNormalized:
    return BillNormalized(
        account_number="12345678", statement_date=dt.date(2024, 3, 2), due_date=dt.date(2024, 3, 22),
        billing_period_start=dt.date(2024, 1, 30), billing_period_end=dt.date(2024, 2, 28),
        total_amount_due=Decimal("170.00"), current_charges=Decimal("170.00"), previous_balance=Decimal("201.00"),
        payments=Decimal("201.00"), electricity_kwh=Decimal("1255"), currency="USD",
        meters=[Meter(prior_read=Decimal("20451"), present_read=Decimal("21706"), usage=Decimal("1255"),
                      commodity="electricity")],
        line_items=[LineItem(description="Energy", amount=Decimal("135.50")),
                    LineItem(description="Grid", amount=Decimal("34.50"))],
    )


def _result(bill: BillNormalized, conf: float = 0.95, source: str = "rules") -> ExtractionResult:
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=conf, source=source)  # type: ignore[arg-type]
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    return ExtractionResult(bill=bill, evidence=ev, extractor="test")


@pytest.fixture
def doc() -> Document:
    return Document(pages=[Page(number=1, text=TEXT)], page_count=1)



def _check(res: ExtractionResult, rule: str) -> bool | None:
    return next(c for c in res.checks if c.rule == rule).passed


def test_consistent_bill_succeeds_and_every_rule_is_reported(doc: Document, settings) -> None:  # type: ignore[no-untyped-def]
    res = finalize(_result(_good()), doc, settings)
    assert res.status == "SUCCEEDED", res.issues
    assert {c.rule for c in res.checks} == {
        "line_items_sum", "balance", "meter_reads", "usage_matches_meters", "period_order", "period_length",
        "due_after_statement", "grounded", "required_fields", "confidence", "load_factor", "usage_per_day",
        "total_not_distractor", "statement_after_period", "total_confirmed", "period_confirmed", "usage_confirmed",
        "currency_confirmed"}
    assert all(c.passed is not False for c in res.checks)


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"line_items": [LineItem(description="Energy", amount=Decimal("100.00"))]}, "line_items_sum"),
        ({"total_amount_due": Decimal("17.00")}, "balance"),
        ({"meters": [Meter(prior_read=Decimal("20451"), present_read=Decimal("21706"), usage=Decimal("1337"),
                           commodity="electricity")]}, "meter_reads"),
        ({"electricity_kwh": Decimal("1337")}, "usage_matches_meters"),
        ({"billing_period_start": dt.date(2024, 3, 30)}, "period_order"),
        ({"billing_period_start": dt.date(2023, 8, 1)}, "period_length"),
        ({"due_date": dt.date(2024, 2, 1)}, "due_after_statement"),
        ({"billing_period_start": dt.date(2024, 1, 29)}, "period_confirmed"),
        ({"demand_kw": Decimal("1.2")}, "load_factor"),
        ({"account_number": None}, "required_fields"),
    ],
)
def test_each_rule_fails_and_sends_to_review(doc: Document, settings, change: dict, rule: str) -> None:  # type: ignore[no-untyped-def]
    bill = _good().model_copy(update=change)
    res = finalize(_result(bill), doc, settings)
    assert _check(res, rule) is False
    assert res.status == "NEEDS_REVIEW"
    assert any(f"[{rule}]" in i for i in res.issues)
    assert all("\n" not in i for i in res.issues)


def test_period_length_stated_on_the_bill_passes(settings) -> None:  # type: ignore[no-untyped-def]
    bill = _good().model_copy(update={"billing_period_start": dt.date(2023, 9, 28),
                                      "billing_period_end": dt.date(2024, 2, 19)})
    doc = Document(pages=[Page(number=1, text=TEXT + " période du 28.09.2023 au 19.02.2024 (144 jours)")])
    res = finalize(_result(bill), doc, settings)
    assert _check(res, "period_length") is True


def test_model_value_not_in_text_is_flagged(doc: Document, settings) -> None:  # type: ignore[no-untyped-def]
    # A prompt-injected total (0.01) from a model: not in the text, and the arithmetic breaks.
    bill = _good().model_copy(update={"total_amount_due": Decimal("0.01")})
    res = _result(bill)
    res.evidence["total_amount_due"] = FieldEvidence(value="0.01", confidence=0.99, source="model")
    out = finalize(res, doc, settings)
    assert _check(out, "grounded") is False and _check(out, "balance") is False
    assert out.status == "NEEDS_REVIEW"
    assert any("total_amount_due" in i and "[grounded]" in i for i in out.issues)


def test_low_confidence_sends_to_review(doc: Document, settings) -> None:  # type: ignore[no-untyped-def]
    out = finalize(_result(_good(), conf=0.5), doc, settings)
    assert _check(out, "confidence") is False and out.status == "NEEDS_REVIEW"


def test_document_without_text_names_the_reason(settings) -> None:  # type: ignore[no-untyped-def]
    doc = Document(pages=[Page(number=1, text="")], warnings=["no text layer; OCR not available"])
    out = finalize(ExtractionResult(bill=BillNormalized(), extractor="rules"), doc, settings)
    assert out.status == "NEEDS_REVIEW"
    assert "no text layer; OCR not available" in out.issues


def test_a_rule_or_step_that_cannot_compute_sends_the_bill_to_review(doc: Document, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import minimeter.validate as validate

    def broken(bill: BillNormalized, **_: object) -> None:
        raise ArithmeticError("made-up overflow")

    monkeypatch.setattr(validate, "RULES", [*validate.RULES, broken])
    res = finalize(_result(_good()), doc, settings)
    assert res.status == "NEEDS_REVIEW" and _check(res, "broken") is False
    monkeypatch.undo()
    res = finalize(_result(_good()).model_copy(update={"abandoned": ["the usage step could not compute"]}),
                   doc, settings)
    assert res.status == "NEEDS_REVIEW"
    assert "Extraction was incomplete: the usage step could not compute" in res.issues


def test_weird_numbers_never_crash_extraction_or_validation(settings) -> None:  # type: ignore[no-untyped-def]
    from minimeter.extract.base import ExtractionContext
    from minimeter.extract.builtin import RulesExtractor

    lines = [
        "Total Amount Due $999999999999999999999.99", "Previous Balance $1e400", "Payments NaN",
        "Meter Reading Previous 00000000000000000000000001 Present 99999999999999999999999999999 kWh",
        "Usage 123456789012345678901234567890 kWh", "Billing period 01/01/2024 - 01/31/2024 (0 days)",
        "Rate 0.0000000000000000000000001 x 0 kWh = $0.00", "Current charges $-0.00",
        " 90507496406487824969358402823  31234567890123456789012345678901",
    ]
    text = "\n".join(lines)
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    res = finalize(RulesExtractor().extract(doc, ExtractionContext()), doc, settings)
    assert res.status == "NEEDS_REVIEW"
