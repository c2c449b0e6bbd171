"""An example extractor plugin: finds only the amount due, next to the words "amount due" or "total".

Declared in a package's ``pyproject.toml`` as::

    [project.entry-points."minimeter.extractors"]
    total-only = "mm_total_only:TotalOnlyExtractor"

``docs/extending.md`` walks through it; ``tests/plugins/test_examples.py`` installs it through a
real entry point and runs it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, Span

if TYPE_CHECKING:
    from minimeter.extract.base import ExtractionContext
    from minimeter.readers.base import Document
    from minimeter.settings import Settings

_TOTAL = re.compile(r"(?i)(?:amount\s+due|total)\b[^\d\n]{0,20}?(\d{1,3}(?:,\d{3})*\.\d{2})")


class TotalOnlyExtractor:
    """The whole contract: a ``name``, ``extract`` and ``cache_identity``; the class is the factory."""

    name = "total-only"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def cache_identity(self) -> dict[str, str | None]:
        return {"version": "1"}  # bump when the output for the same document changes

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult:
        bill = BillNormalized()
        evidence: dict[str, FieldEvidence] = {}
        for page in doc.pages:
            m = _TOTAL.search(page.text)
            if m:
                raw = m.group(1)
                bill.total_amount_due = Decimal(raw.replace(",", ""))
                span = Span(page=page.number, start=m.start(1), end=m.end(1), text=raw)
                evidence["total_amount_due"] = FieldEvidence(value=raw, confidence=0.9, source="rules", span=span)
                break
        # No status here: minimeter.validate decides SUCCEEDED or NEEDS_REVIEW for every extractor.
        return ExtractionResult(bill=bill, evidence=evidence, extractor=self.name)
