"""Validation: Pydantic plus the bill's own arithmetic decide SUCCEEDED or NEEDS_REVIEW.

``finalize(result, doc, settings) -> ExtractionResult`` fills ``checks``, ``issues`` and
``status``. Every extractor's output goes through it, so no extractor decides for itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minimeter.schema import ExtractionResult

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.settings import Settings


def finalize(result: ExtractionResult, doc: Document, settings: Settings) -> ExtractionResult:
    """Minimal rule set until the full checks land: required fields present."""
    issues = [f"{f} not found" for f in ("total_amount_due", "billing_period_end") if getattr(result.bill, f) is None]
    return result.model_copy(update={"issues": issues, "status": "NEEDS_REVIEW" if issues else "SUCCEEDED"})
