"""Layout templates learned from approved bills: the next bill of a layout reads itself.

Contract
--------
``apply_templates(result, doc, settings) -> (result, note)`` is what the pipeline calls after the
generic extractor and validation: when ``doc`` matches a template of the data folder
(``settings.home / "templates"``), the template reads the fields it covers, the generic result keeps
the rest, and the same validation decides the status (``merge.merge``). ``note`` is one line for the
job's events (which template read what, or why none was used or it was set aside), None when the
folder has no templates. It never raises for a bad template file (the file is skipped and logged).

``learn_from_review(...)`` is what an approval calls (TUI, ``minimeter review``, ``eval --learn``).
A rejected job teaches nothing: nothing calls it for one.

Modules: ``page`` (rows, words and typed values of a page), ``fingerprint`` (a layout's fixed words
and boxes, similarity), ``learn`` (anchors from an approved bill), ``apply`` (reading), ``merge`` (what the
bill's checks keep), ``model`` (the TOML file format), ``book`` (the folder of templates).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from minimeter.templates.book import Book

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized, ExtractionResult
    from minimeter.settings import Settings
    from minimeter.templates.model import Template

log = logging.getLogger(__name__)

__all__ = ["Book", "apply_templates", "book_for", "learn_from_review", "template_of"]


def book_for(settings: Settings) -> Book:
    return Book(settings.home / "templates")


def apply_templates(result: ExtractionResult, doc: Document, settings: Settings) -> tuple[ExtractionResult, str | None]:
    if not getattr(settings, "use_templates", True) or not doc.pages:
        return result, None
    book = book_for(settings)
    if not book.folder.is_dir() or not any(book.folder.glob("*.toml")):
        return result, None
    from minimeter.templates.apply import read
    from minimeter.templates.merge import merge

    try:
        m = book.match(doc, result.bill.provider_id)
        if m.template is None or m.likeness is None:
            return result, m.why
        reading = read(m.template, doc, m.likeness, result.bill.statement_date or result.bill.due_date)
        merged = merge(result, reading, doc, settings)
        book.record_read(m.template, set_aside=merged.set_aside, note=merged.note)
    except OSError as exc:  # a read-only or vanished templates folder must not fail the bill
        log.warning("templates not applied: %s", exc)
        return result, f"templates not applied: {exc}"
    return merged.result, merged.note


def template_of(result: ExtractionResult | None) -> tuple[str | None, list[str]]:
    """The template that supplied values to ``result`` and those fields (for the review form)."""
    if result is None:
        return None, []
    fields = sorted(k for k, ev in result.evidence.items() if ev.source == "template")
    if not fields:
        return None, []
    note = result.evidence[fields[0]].note or ""
    tid = note.removeprefix("template ").split(":")[0].split(";")[0].strip() or None
    return tid, fields


def learn_from_review(settings: Settings, doc: Document | None, bill: BillNormalized, result: ExtractionResult | None,
                      *, job_id: int | None, file_name: str, sha256: str,
                      human: set[str]) -> tuple[Template | None, str]:
    """Learn or update the template of an approved bill; (template, one line). Never raises for the bill's sake."""
    if doc is None or not doc.pages:
        return None, "no template learned: the bill's text is not stored"
    try:
        return book_for(settings).learn_approved(doc, bill, result, job_id=job_id, file_name=file_name,
                                                 sha256=sha256, human=human)
    except OSError as exc:
        log.warning("template not saved: %s", exc)
        return None, f"template not saved: {exc}"
