"""One document through the stages: read -> extract -> validate, with the extraction cache.

``extract_file`` needs no database (``minimeter extract``, ``minimeter eval``); the worker
calls ``run_job``, which adds the store's caches. Both go through ``extract_document`` so
every path validates the same way.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.extract import base as extractors
from minimeter.extract import ocrfix
from minimeter.hashing import file_digest
from minimeter.intake.shared import resolve_original
from minimeter.readers.base import Document
from minimeter.readers.sandbox import read_document
from minimeter.readers.spans import fill_span_boxes
from minimeter.validate import finalize

if TYPE_CHECKING:
    from minimeter.extract.base import Extractor
    from minimeter.schema import ExtractionResult
    from minimeter.settings import Settings
    from minimeter.store.base import Job, JobStore

log = logging.getLogger(__name__)
_extractors: dict[tuple[str, str], Extractor] = {}


def get_extractor(settings: Settings, name: str | None = None) -> Extractor:
    """One extractor instance per (name, settings home) per process: a loaded model stays loaded."""
    key = (name or settings.extractor, str(settings.home))
    if key not in _extractors:
        _extractors[key] = extractors.create(key[0], settings)
    return _extractors[key]


def cache_key(sha256: str, extractor: Extractor) -> str:
    ident = extractor.cache_identity()
    parts = [sha256, extractor.name] + [f"{k}={ident[k]}" for k in sorted(ident)]
    return "|".join(parts)


def extract_document(
    doc: Document, settings: Settings, extractor: Extractor, *, sha256: str = "", file_name: str = "",
    templates: bool = True, events: list[str] | None = None,
) -> ExtractionResult:
    """Extract and validate ``doc``; with ``templates``, a layout template of the data folder reads what
    it covers first (its one-line note is appended to ``events``). OCR pages are read with their
    look-alikes inside figures repaired first (``extract/ocrfix``)."""
    doc = ocrfix.repair(doc)
    ctx = extractors.ExtractionContext(sha256=sha256, file_name=file_name)
    t0 = time.perf_counter()
    result = extractor.extract(doc, ctx)
    # Every value's place on the page (Span.box), for the evidence picture and for templates.
    fill_span_boxes(result.evidence.values(), doc)
    t1 = time.perf_counter()
    result = finalize(result, doc, settings)
    timings = dict(result.timings)
    timings.setdefault("extract", t1 - t0)
    timings["validate"] = time.perf_counter() - t1
    result = result.model_copy(update={"timings": timings})
    return with_templates(result, doc, settings, events) if templates else result


def with_templates(result: ExtractionResult, doc: Document, settings: Settings,
                   events: list[str] | None = None) -> ExtractionResult:
    """``result`` read again with the data folder's matching layout template, if any (see ``minimeter.templates``)."""
    from minimeter.templates import apply_templates

    doc = ocrfix.repair(doc)  # (a cached result's document comes back as read)
    t0 = time.perf_counter()
    result, note = apply_templates(result, doc, settings)
    if note is not None:
        log.info("templates: %s", note)
        if events is not None:
            events.append(note)
        result = result.model_copy(update={"timings": {**result.timings, "templates": time.perf_counter() - t0}})
    return result


def extract_file(
    path: Path, settings: Settings, extractor: Extractor | None = None
) -> tuple[Document, ExtractionResult]:
    """Read and extract one file with no database. Raises ReadError / ExtractionError."""
    extractor = extractor or get_extractor(settings)
    t0 = time.perf_counter()
    doc = read_document(path, settings)
    t_read = time.perf_counter() - t0
    result = extract_document(doc, settings, extractor, sha256=file_digest(path).ref, file_name=path.name)
    return doc, result.model_copy(update={"timings": {"read": t_read, **result.timings}})


def run_job(job: Job, store: JobStore, settings: Settings, extractor: Extractor | None = None) -> ExtractionResult:
    """Extract the archived original of ``job``, using and filling the store's caches.

    The original is found by ``resolve_original`` (this machine's archive by hash, the recorded
    path, or the sync bucket), so a worker of a shared store runs the same code as a laptop; it is
    only needed when neither the extraction nor the parsed document is cached. Raises ReadError,
    IntakeError (original nowhere) or ExtractionError."""
    extractor = extractor or get_extractor(settings)
    key = cache_key(job.sha256, extractor)
    cached = store.cache_get(key)
    if cached is not None:
        log.info("job %s: cached result for %s", job.id, extractor.name)
        stored = store.load_document(job.sha256) if settings.templates_dir.is_dir() else None
        if stored is None:
            return cached
        return _templated(job, store, cached, Document.model_validate_json(stored), settings)
    t0 = time.perf_counter()
    stored = store.load_document(job.sha256)
    if stored is not None:
        doc = Document.model_validate_json(stored)  # parsed before: never parse twice
    else:
        doc = read_document(resolve_original(job, settings), settings)
        store.save_document(job.sha256, doc.model_dump_json(), doc.kind, doc.page_count)
    t_read = time.perf_counter() - t0
    result = extract_document(doc, settings, extractor, sha256=job.sha256, file_name=job.original_name,
                              templates=False)
    result = result.model_copy(update={"timings": {"read": t_read, **result.timings}})
    store.cache_put(key, job.sha256, result)  # the generic result: templates change, the bytes do not
    return _templated(job, store, result, doc, settings)


def _templated(job: Job, store: JobStore, result: ExtractionResult, doc: Document,
               settings: Settings) -> ExtractionResult:
    events: list[str] = []
    result = with_templates(result, doc, settings, events)
    for note in events:
        store.log_event(job.id, "template", note)
    return result
