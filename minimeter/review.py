"""Reviewing a job: the one code path behind the TUI's review form and ``minimeter review``.

``corrected_bill(base, values)`` applies what a person typed (field name -> text: ISO dates, plain
numbers, empty for "the bill does not show it") to a bill, raising ``ReviewError`` in one line for an
unknown field or a value that does not parse. ``approve(store, settings, job, bill, ...)`` stores
the reviewed bill as a new version (the pipeline's own checks re-run on it, the job SUCCEEDED,
fields the reviewer changed carry ``source="human"``) and teaches the layout's template
(``minimeter.templates``). ``reject`` discards the job; a rejected job teaches nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from minimeter.errors import MinimeterError
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.settings import Settings
    from minimeter.store.base import Job, JobStore


class ReviewError(MinimeterError):
    """A review that cannot be applied as given; nothing was changed."""


def display_value(value: Any) -> str:
    from decimal import Decimal

    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def parse_assignments(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["total_amount_due=12.30", ...]`` -> {field: text}; an unknown field or a missing ``=`` is an error."""
    known = BillNormalized.scalar_fields()
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep:
            raise ReviewError(f"--set {pair!r} is not FIELD=VALUE", hint="e.g. --set total_amount_due=123.45")
        if name not in known:
            raise ReviewError(f"unknown field {name!r}", hint="fields: " + ", ".join(known))
        out[name] = value
    return out


def corrected_bill(base: BillNormalized, values: dict[str, str]) -> BillNormalized:
    """``base`` with the typed ``values`` put in (validated with the pipeline's own model)."""
    data = base.model_dump()
    for k, v in values.items():
        data[k] = v.strip() or None
    try:
        return BillNormalized.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "bill"
        typed = values.get(name, "")
        raise ReviewError(f"{name}: {typed!r} does not parse ({err['msg']})",
                          hint="dates as YYYY-MM-DD, numbers plain like 1234.56") from None


def reviewed_result(original: ExtractionResult | None, bill: BillNormalized) -> ExtractionResult:
    """The machine's result with the reviewer's bill; fields the reviewer changed get human evidence."""
    if original is None:
        original = ExtractionResult(bill=BillNormalized(), extractor="human")
    evidence = dict(original.evidence)
    for name in BillNormalized.scalar_fields():
        new, old = getattr(bill, name), getattr(original.bill, name)
        if new != old:
            evidence[name] = FieldEvidence(value=display_value(new) or None, confidence=1.0, source="human")
    return original.model_copy(update={"bill": bill, "evidence": evidence})


def live_checks(result: ExtractionResult, doc: Document | None, settings: Settings) -> ExtractionResult:
    """Run the pipeline's own validation on an edited result (never a second copy of the rules)."""
    from minimeter.readers.base import Document
    from minimeter.validate import finalize

    return finalize(result, doc or Document(), settings)


def changed_fields(original: ExtractionResult | None, bill: BillNormalized) -> set[str]:
    base = original.bill if original is not None else BillNormalized()
    return {n for n in BillNormalized.scalar_fields() if getattr(bill, n) != getattr(base, n)}


def stored_document(store: JobStore, job: Job) -> Document | None:
    from minimeter.readers.base import Document

    raw = store.load_document(job.sha256)
    return Document.model_validate_json(raw) if raw else None


def approve(store: JobStore, settings: Settings, job: Job, bill: BillNormalized, *, reviewer: str, note: str,
            original: ExtractionResult | None = None, doc: Document | None = None) -> tuple[Job, str]:
    """Store ``bill`` as the job's approved version and learn its layout; (job, one line about the template).

    Raises ``ReviewError`` (nothing written) when the job's status does not allow a review."""
    from minimeter.store.lifecycle import IllegalTransition
    from minimeter.templates import learn_from_review

    if original is None:
        current = store.current_bill(job.id)
        original = current.result if current else None
    if doc is None:
        doc = stored_document(store, job)
    human = changed_fields(original, bill)
    result = live_checks(reviewed_result(original, bill), doc, settings)
    result = result.model_copy(update={"status": "SUCCEEDED"})
    try:
        done = store.review(job.id, bill, reviewer=reviewer, approve=True, note=note, result=result)
    except IllegalTransition as exc:
        raise ReviewError(f"job {job.id} is {job.status}: it cannot be reviewed now",
                          hint="wait until it is extracted, or `minimeter retry` it") from exc
    _, line = learn_from_review(settings, doc, bill, original, job_id=job.id, file_name=job.original_name,
                                sha256=job.sha256, human=human)
    store.log_event(job.id, "template", line)
    return done, line


def reject(store: JobStore, job: Job, *, reviewer: str, reason: str) -> Job:
    """Discard the job (kept in history). Nothing is learned from it."""
    from minimeter.store.lifecycle import IllegalTransition

    try:
        return store.discard(job.id, by=reviewer, reason=reason)
    except IllegalTransition as exc:
        raise ReviewError(f"job {job.id} is {job.status}: it cannot be rejected now",
                          hint="only jobs waiting for a person can be rejected") from exc
