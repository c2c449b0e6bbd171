"""Gap fill with the real default model: whatever it answers, only safe values reach the bill."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from minimeter.extract.llm import gaps
from minimeter.extract.llm.gapfill import apply_answer, confirmed_by, fill
from minimeter.extract.llm.llama import LlamaBackend
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page
from minimeter.settings import load_settings

pytestmark = pytest.mark.model

BILL = ["Acme Light", "Account Number: 5566778899", "Statement date: 02/03/2024",
        "Service 01/02/2024 to 02/01/2024 (30 days)", "Previous balance $80.00", "Payment received -$80.00",
        "Energy charge $30.00", "Delivery charge $15.10", "Current Charges $45.10", "Amount due $45.10",
        "Amount due after 02/24/2024 $99.00", "Pay by 02/24/2024", "Autopay on 02/20/2024"]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> LlamaBackend:
    settings = load_settings(tmp_path_factory.mktemp("mm"), model_context=2048)
    b = gaps.default_backend(settings)
    if b is None:
        pytest.skip("the default model package is not installed")
    return b  # type: ignore[return-value]


def _doc(lines: list[str]) -> Document:
    return Document(pages=[Page(number=1, text="\n".join(lines))], page_count=1)


def test_model_never_replaces_an_ambiguous_value_without_the_arithmetic(backend: LlamaBackend) -> None:
    doc = _doc(BILL)
    out = extract_rules(doc)
    # Make the rules torn on every askable money and date field: each holds a printed but wrong value.
    wrong = {"total_amount_due": Decimal("99.00"), "current_charges": Decimal("99.00"),
             "due_date": dt.date(2024, 2, 20), "statement_date": dt.date(2024, 2, 24)}
    out.bill = out.bill.model_copy(update=wrong)
    for f, v in wrong.items():
        out.evidence[f].value, out.evidence[f].confidence = str(v), 0.55
        out.choices[f].value, out.choices[f].confidence = v, 0.55
        out.choices[f].alternatives = [x for x in out.choices[f].alternatives if x != v] + [
            {"total_amount_due": Decimal("45.10"), "current_charges": Decimal("45.10"),
             "due_date": dt.date(2024, 2, 24), "statement_date": dt.date(2024, 2, 3)}[f]]
    out.ambiguous = list(wrong)
    answer = fill(backend, out, doc)
    assert answer is not None and {"total_amount_due", "current_charges"} <= set(answer.values)
    # nothing could confirm a date: an ambiguous one is not even asked about (no latency for nothing)
    assert not {"due_date", "statement_date"} & set(answer.values)
    for f, v in wrong.items():
        now = getattr(out.bill, f)
        ev = out.evidence[f]
        if now == v:
            assert ev.source == "rules" and ev.confidence < 0.8  # still goes to review
        else:
            # replaced: the model's value is printed and the bill's own arithmetic confirms it
            assert ev.source == "model" and ev.grounded and ev.span is not None
            assert ev.span.text in doc.pages[0].text
            assert f in ("total_amount_due", "current_charges"), f"{f} replaced without any arithmetic"
            assert confirmed_by(out, doc, f, now) is not None or ev.confidence >= 0.8


def test_model_value_absent_from_the_bill_is_dropped(backend: LlamaBackend) -> None:
    doc = _doc(BILL)
    out = extract_rules(doc)
    out.bill = out.bill.model_copy(update={"due_date": None})
    out.evidence.pop("due_date", None)
    # The model is shown an excerpt that is not this bill's (a stale cache, a wrong window...): whatever
    # it picks from it cannot be found in the bill's text. (This model answers the payment date 01/15/2024.)
    req = gaps.GapRequest(
        fields={"due_date": "the payment due date, YYYY-MM-DD"},
        windows=["ACCOUNT SUMMARY\nPrevious balance $80.00\nPayment received 01/15/2024 -$80.00\n"
                 "Total Amount Due $45.10\nPlease pay by 02/27/2024. Meter read 02/04/2024."],
        provider_context="This is a utility bill from an unknown provider.",
    )
    answer = gaps.fill_gaps(backend, req)
    assert answer.values["due_date"] is not None, "the model answered nothing: test not exercised"
    apply_answer(out, doc, answer, ["due_date"])  # type: ignore[arg-type]
    assert out.bill.due_date is None and "due_date" not in out.evidence


def test_usage_asked_on_a_bill_without_one_never_becomes_a_charge(backend: LlamaBackend) -> None:
    # No usage on this bill. Offered the bill's charges as choices, this model once answered "15.10"
    # ($15.10 delivery) for kWh; amounts are no longer offered for a quantity, nor grounded as one.
    doc = _doc(BILL)
    out = extract_rules(doc)
    out.bill = out.bill.model_copy(update={"due_date": None, "statement_date": None})
    out.evidence.pop("due_date"), out.evidence.pop("statement_date")
    answer = fill(backend, out, doc)
    assert answer is not None and "electricity_kwh" in answer.values
    assert answer.values["electricity_kwh"] not in ("80.00", "30.00", "15.10", "45.10", "99.00")
    assert out.bill.electricity_kwh is None and "electricity_kwh" not in out.evidence
    assert answer.values["due_date"] is not None, "the model answered nothing: test not exercised"
    for f, ev in out.evidence.items():
        if ev.source == "model":  # filled, grounded, and below the review threshold (no arithmetic for dates)
            assert ev.grounded and ev.span is not None and ev.span.text in doc.pages[0].text, f
            assert ev.confidence < 0.8, f
