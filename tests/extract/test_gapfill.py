"""Gap fill: what the model says is kept only when it is in the text and the bill's arithmetic allows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from minimeter.extract.llm import gaps
from minimeter.extract.llm.gapfill import apply_answer, confirmed_by, grounded_in
from minimeter.extract.rules import RulesOutcome, extract_rules
from minimeter.readers.base import Document, Page


@dataclass
class Answer:  # the shape of minimeter.extract.llm.gaps.GapAnswer, as a model would return it
    values: dict[str, Any] = field(default_factory=dict)
    tokens_prompt: int = 0
    tokens_completion: int = 0
    seconds_prompt: float = 0.0
    seconds_generate: float = 0.0
    model_sha256: str | None = None
    prompt_version: str = "test"


LINES = ["Acme Light", "Acct 5566778899", "Bill issued 02/03/2024", "Total Amount Due $88.10",
         "Current Charges $88.10", "Pay by 02/24/2024"]
BALANCE = ["Acme Light", "Acct 5566778899", "Bill issued 02/03/2024", "Service 01/02/2024 to 02/01/2024 (30 days)",
           "Previous balance $80.00", "Payment received -$80.00", "Current Charges $45.10",
           "Amount due $45.10", "Late amount $99.00", "Pay by 02/24/2024", "Autopay on 02/20/2024"]


def _outcome(lines: list[str] = LINES) -> tuple[Document, RulesOutcome]:
    doc = Document(pages=[Page(number=1, text="\n".join(lines))], page_count=1)
    return doc, extract_rules(doc)


def _make_ambiguous(out: RulesOutcome, fname: str, value: Any) -> None:
    """What the rules produce when two candidates are close: a value below the review threshold."""
    out.bill = out.bill.model_copy(update={fname: value})
    out.evidence[fname].value, out.evidence[fname].confidence = str(value), 0.55


def test_grounded_model_value_fills_a_missing_field_below_the_review_threshold() -> None:
    doc, out = _outcome()
    out.bill = out.bill.model_copy(update={"statement_date": None})
    out.evidence.pop("statement_date", None)
    apply_answer(out, doc, Answer(values={"statement_date": "2024-02-03"}), ["statement_date"])
    assert out.bill.statement_date == dt.date(2024, 2, 3)
    ev = out.evidence["statement_date"]
    assert ev.source == "model" and ev.grounded and ev.span is not None and ev.confidence < 0.8
    assert doc.pages[0].text[ev.span.start:ev.span.end] == ev.span.text


def test_value_not_in_the_text_is_dropped_never_stored() -> None:
    doc, out = _outcome()
    out.bill = out.bill.model_copy(update={"account_number": None})
    out.evidence.pop("account_number", None)
    apply_answer(out, doc, Answer(values={"account_number": "999999"}), ["account_number"])
    assert out.bill.account_number is None and "account_number" not in out.evidence
    # nor does it replace an ambiguous rules value; the field's evidence says the model was ignored
    _make_ambiguous(out, "total_amount_due", Decimal("88.10"))
    apply_answer(out, doc, Answer(values={"total_amount_due": "77.70"}), ["total_amount_due"])
    assert out.bill.total_amount_due == Decimal("88.10")
    assert out.evidence["total_amount_due"].source == "rules"
    assert "not in the text" in (out.evidence["total_amount_due"].note or "")


def test_value_that_breaks_the_arithmetic_is_refused() -> None:
    doc, out = _outcome(LINES + ["Minimum payment $0.01"])
    before = out.bill.total_amount_due
    _make_ambiguous(out, "total_amount_due", before)
    apply_answer(out, doc, Answer(values={"total_amount_due": "0.01"}), ["total_amount_due"])
    assert out.bill.total_amount_due == before


def test_ambiguous_value_is_replaced_only_when_the_arithmetic_confirms_the_model() -> None:
    doc, out = _outcome(BALANCE)
    assert out.bill.total_amount_due == Decimal("45.10")
    # the rules were torn between 45.10 and 99.00 and took the wrong one
    _make_ambiguous(out, "total_amount_due", Decimal("99.00"))
    apply_answer(out, doc, Answer(values={"total_amount_due": "45.10"}), ["total_amount_due"])
    ev = out.evidence["total_amount_due"]
    assert out.bill.total_amount_due == Decimal("45.10") and ev.source == "model" and ev.confidence >= 0.8
    assert "previous - payments + current = total" in (ev.note or "")
    # the other way round: 99.00 is printed, but 80.00 - 80.00 + 45.10 is not 99.00, so the rules' value stays
    _make_ambiguous(out, "total_amount_due", Decimal("45.10"))
    apply_answer(out, doc, Answer(values={"total_amount_due": "99.00"}), ["total_amount_due"])
    assert out.bill.total_amount_due == Decimal("45.10")


def test_dates_and_identifiers_are_never_confirmed_so_an_ambiguous_one_stays() -> None:
    doc, out = _outcome(BALANCE)
    _make_ambiguous(out, "due_date", dt.date(2024, 2, 24))
    apply_answer(out, doc, Answer(values={"due_date": "02/20/2024"}), ["due_date"])
    assert out.bill.due_date == dt.date(2024, 2, 24) and out.evidence["due_date"].source == "rules"
    assert "nothing in the bill confirms" in (out.evidence["due_date"].note or "")
    # a period end confirmed by the day count the bill prints
    assert confirmed_by(out, doc, "billing_period_end", dt.date(2024, 2, 1)) == "30 days, as the bill states"
    assert confirmed_by(out, doc, "billing_period_end", dt.date(2024, 2, 20)) is None
    assert confirmed_by(out, doc, "account_number", "5566778899") is None


def test_grounded_in_normalises_formats_and_wants_amounts_printed_as_amounts() -> None:
    text = "Account 44-6011-0985 due 02/24/2024 amount 1,234.50 Page 2 of 21"
    assert grounded_in(text, "account_number", "4460110985", "us", "MDY") is not None
    assert grounded_in(text, "due_date", dt.date(2024, 2, 24), "us", "MDY") is not None
    assert grounded_in(text, "total_amount_due", Decimal("1234.50"), "us", "MDY") is not None
    assert grounded_in(text, "total_amount_due", Decimal("1234.51"), "us", "MDY") is None
    assert grounded_in(text, "total_amount_due", Decimal("21"), "us", "MDY") is None
    assert grounded_in(text, "electricity_kwh", Decimal("21"), "us", "MDY") is not None
    assert grounded_in("Delivery charge $15.10", "electricity_kwh", Decimal("15.10"), "us", "MDY") is None
    assert grounded_in("Used 1,209 kWh", "electricity_kwh", Decimal("1209"), "us", "MDY") is not None
    assert gaps.spans_in_windows("electricity_kwh", ["Delivery charge $15.10, 512 kWh"]) == ["512"]


def test_answers_outside_the_schema_become_null() -> None:
    req = gaps.GapRequest(fields={"total_amount_due": "total", "service_address": "address"},
                          windows=["Total Amount Due $45.10"], provider_context="x",
                          candidates={"total_amount_due": ["45.10", "80.00"]})
    schema = gaps.schema_for(req)
    ok = gaps.within_schema(schema, {"total_amount_due": "80.00", "service_address": "1 Main St"})
    assert ok == {"total_amount_due": "80.00", "service_address": "1 Main St"}
    bad = gaps.within_schema(schema, {"total_amount_due": "12.34", "service_address": "x" * 81})
    assert bad == {"total_amount_due": None, "service_address": None}
    assert gaps.within_schema(schema, {"total_amount_due": 45.1, "service_address": None})["total_amount_due"] is None
