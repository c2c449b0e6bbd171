from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from minimeter.extract.gapfill import apply_answer, grounded_in
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page


@dataclass
class Answer:  # the shape of minimeter.extract.llm.gaps.GapAnswer
    values: dict[str, Any] = field(default_factory=dict)
    tokens_prompt: int = 0
    tokens_completion: int = 0
    seconds_prompt: float = 0.0
    seconds_generate: float = 0.0
    model_sha256: str | None = None
    prompt_version: str = "test"


LINES = ["Acme Light", "Acct 5566778899", "Bill issued 02/03/2024", "Total Amount Due $88.10",
         "Current Charges $88.10", "Pay by 02/24/2024"]


def _outcome():  # type: ignore[no-untyped-def]
    doc = Document(pages=[Page(number=1, text="\n".join(LINES))], page_count=1)
    return doc, extract_rules(doc)


def test_grounded_model_values_are_kept_with_model_source() -> None:
    doc, out = _outcome()
    out.bill = out.bill.model_copy(update={"statement_date": None})
    out.evidence.pop("statement_date", None)
    apply_answer(out, doc, Answer(values={"statement_date": "2024-02-03"}), ["statement_date"])
    assert out.bill.statement_date == dt.date(2024, 2, 3)
    ev = out.evidence["statement_date"]
    assert ev.source == "model" and ev.grounded and ev.span is not None
    assert doc.pages[0].text[ev.span.start:ev.span.end] == ev.span.text


def test_ungrounded_model_value_is_flagged_and_arithmetic_breaking_value_refused() -> None:
    doc, out = _outcome()
    out.bill = out.bill.model_copy(update={"account_number": None})
    out.evidence.pop("account_number", None)
    apply_answer(out, doc, Answer(values={"account_number": "999999"}), ["account_number"])
    assert out.evidence["account_number"].grounded is False
    assert out.evidence["account_number"].confidence < 0.5
    # current = total holds; a model total of 0.01 would break it and is refused
    before = out.bill.total_amount_due
    out.evidence["total_amount_due"].confidence = 0.5
    out.choices["total_amount_due"].alternatives = [Decimal("0.01")]
    apply_answer(out, doc, Answer(values={"total_amount_due": "0.01"}), ["total_amount_due"])
    assert out.bill.total_amount_due == before


def test_grounded_in_normalises_formats() -> None:
    text = "Account 44-6011-0985 due 02/24/2024 amount 1,234.50"
    assert grounded_in(text, "account_number", "4460110985", "us", "MDY") is not None
    assert grounded_in(text, "due_date", dt.date(2024, 2, 24), "us", "MDY") is not None
    assert grounded_in(text, "total_amount_due", Decimal("1234.50"), "us", "MDY") is not None
    assert grounded_in(text, "total_amount_due", Decimal("1234.51"), "us", "MDY") is None
