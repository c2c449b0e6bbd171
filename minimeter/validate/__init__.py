"""Validation: Pydantic plus the bill's own arithmetic decide SUCCEEDED or NEEDS_REVIEW.

``finalize(result, doc, settings) -> ExtractionResult`` fills ``checks``, ``issues`` and
``status``. Every extractor's output goes through it, so no extractor decides for itself.

SUCCEEDED only when the bill re-validates with Pydantic, no rule in ``checks.RULES`` failed
(``line_items_sum``, ``balance``, ``meter_reads``, ``usage_matches_meters``, ``period_order``,
``period_length``, ``due_after_statement``, ``grounded``, ``required_fields``, ``confidence``,
the plausibility checks of ``plausible`` and the corroboration rules of ``corroborate``), the
reader raised no "no text layer" warning and the extractor abandoned no step (``ExtractionResult.abandoned``).
Every failed rule becomes one line in ``issues``; a rule that cannot compute on the values read fails.

SUCCEEDED means corroborated: ``total_confirmed``, ``period_confirmed`` and ``usage_confirmed``
fail unless the total, the period and the usage (when the bill prints one) are each confirmed by a
check that could have failed on a wrong value, so no extractor's bill is accepted on its say-so; and
``currency_confirmed`` holds a bill whose currency is only a guess from a sign several currencies print.
Such a confirmation also stands for the field's confidence: ``confidence`` runs after the other rules
and does not hold back a field one of them confirmed, whatever the finder's score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from minimeter.schema import BillNormalized, CheckResult, ExtractionResult
from minimeter.validate.checks import READS_VERDICTS, RULES
from minimeter.validate.printed import PrintedIndex

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.settings import Settings

_SENTENCES = {
    "line_items_sum": "The line items do not add up to the current charges",
    "balance": "The amounts do not add up (previous balance - payments + current charges = amount due)",
    "meter_reads": "A meter's reads do not give its usage",
    "usage_matches_meters": "The usage does not match the meters",
    "period_order": "The billing period ends before it starts",
    "period_length": "The billing period length is implausible",
    "due_after_statement": "The due date is not after the statement date",
    "grounded": "Some values do not occur in the bill's text",
    "required_fields": "Required fields are missing",
    "confidence": "Some fields were read with low confidence",
    "load_factor": "The usage is more than the demand can deliver in the period",
    "usage_per_day": "The usage per day is implausible for the service",
    "total_not_distractor": "The amount due is a late-payment or year-to-date amount",
    "statement_after_period": "The bill is dated before its period ends",
    "total_confirmed": "Not corroborated",
    "period_confirmed": "Not corroborated",
    "usage_confirmed": "Not corroborated",
    "currency_confirmed": "The currency is not confirmed",
}


def run_checks(result: ExtractionResult, doc: Document | None, threshold: float) -> list[CheckResult]:
    """Every rule's ``CheckResult``, in ``RULES`` order. A rule of ``READS_VERDICTS`` runs after the
    others and is given their results (``verdicts``): a field a check confirmed is not held back by its
    finder score."""
    bill = result.bill
    idx = PrintedIndex(doc)  # every printed figure, indexed once for all the rules
    done: dict[int, CheckResult] = {}
    for rule in sorted(RULES, key=lambda r: r in READS_VERDICTS):  # (stable: the others keep their order)
        try:
            done[id(rule)] = rule(bill, result=result, doc=doc, threshold=threshold, idx=idx,
                                  verdicts=list(done.values()))
        except ArithmeticError as exc:
            # A value no arithmetic can take (an extractor's overflowing figure) fails its rule with the
            # reason instead of crashing the validation of the whole bill.
            done[id(rule)] = CheckResult(rule=rule.__name__, passed=False,
                                         message=f"could not be computed on the values read ({type(exc).__name__})")
    return [done[id(rule)] for rule in RULES]


def finalize(result: ExtractionResult, doc: Document, settings: Settings) -> ExtractionResult:
    """Run every rule on ``result`` and decide its status; never raises for a bad bill."""
    issues: list[str] = []
    try:
        bill = BillNormalized.model_validate(result.bill.model_dump())
    except ValidationError as exc:
        first = exc.errors()[0]
        issues.append(f"The bill does not validate: {'.'.join(map(str, first['loc']))}: {first['msg']}")
        bill = result.bill
    result = result.model_copy(update={"bill": bill})
    checks = run_checks(result, doc, settings.review_confidence)
    for c in checks:
        if c.passed is False:
            issues.append(f"{_SENTENCES.get(c.rule, c.rule)} [{c.rule}]: {c.message}")
    issues += [f"Extraction was incomplete: {line}" for line in result.abandoned]
    for w in doc.warnings if doc is not None else []:
        if w.startswith("no text layer"):
            issues.append(w)
    if doc is not None and not doc.has_text and not any(i.startswith("no text layer") for i in issues):
        issues.append("no text layer; OCR not available")
    status = "NEEDS_REVIEW" if issues else "SUCCEEDED"
    return result.model_copy(update={"checks": checks, "issues": issues, "status": status})
