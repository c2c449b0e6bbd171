"""Fixtures for the eval tests: a small regex extractor registered through the real registry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from minimeter.extract import base as extractors
from minimeter.extract.base import ExtractionContext
from minimeter.readers.base import Document
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence

_ACCOUNT = re.compile(r"(?:Account Number|Account No\.|Account #|Acct No|Your account number)[:\s]+(\d[\d \-]{4,}\d)")
_TOTAL = re.compile(r"(?:Total Amount Due|Amount Due)[^\d\n-]*(-?\$?-?[\d,]+\.\d\d)")


class RegexExtractor:
    """Finds the account number and amount due by label, and always claims 1 kW of demand
    (so the scorer has hallucinations to count)."""

    name = "eval-regex"

    def __init__(self, settings: object = None) -> None:
        pass

    def cache_identity(self) -> dict[str, str | None]:
        return {"version": "1"}

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult:
        text = doc.text
        if "CRASH-THE-EVAL-EXTRACTOR" in text:
            raise RuntimeError("planted extractor bug")
        bill = BillNormalized(demand_kw=Decimal(1))
        evidence = {"demand_kw": FieldEvidence(value="1", confidence=0.5, source="rules")}
        if m := _ACCOUNT.search(text):
            bill.account_number = m[1].strip()
            evidence["account_number"] = FieldEvidence(value=m[1], confidence=0.9, source="rules")
        if m := _TOTAL.search(text):
            bill.total_amount_due = Decimal(m[1].replace("$", "").replace(",", ""))
            evidence["total_amount_due"] = FieldEvidence(value=m[1], confidence=0.9, source="rules")
        if "$" in text:
            bill.currency = "USD"
        return ExtractionResult(bill=bill, evidence=evidence, extractor=self.name, tokens_prompt=7)


@pytest.fixture
def regex_extractor() -> Iterator[type[RegexExtractor]]:
    extractors.register(RegexExtractor.name, RegexExtractor)
    yield RegexExtractor
    extractors.unregister(RegexExtractor.name)
