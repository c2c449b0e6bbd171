"""Where on the page a ``FieldEvidence`` span is: its box from the page's words.

``span_box(doc, span)`` for one span, ``fill_span_boxes(evidence, doc)`` to set ``Span.box`` on
a result's evidence (so the TUI and templates need no words to draw or anchor a value).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from minimeter.readers.base import Document
from minimeter.readers.geometry import Box, box_of, words_in


class SpanLike(Protocol):
    page: int
    start: int
    end: int
    text: str
    layout: bool


def span_box(doc: Document, span: SpanLike) -> Box | None:
    """The box of a ``FieldEvidence`` span on its page, or None without word boxes.

    A layout span maps exactly (``words_in`` + ``box_of``). A plain-text span is found in the
    layout text by its characters: its only occurrence there, or, when the text occurs as often
    in both, the occurrence with the same rank (content order and row order usually agree on
    repeated values such as an account number printed twice); otherwise None rather than a guess.
    """
    if not 1 <= span.page <= len(doc.pages):
        return None
    page = doc.pages[span.page - 1]
    if not page.words or page.layout_text is None:
        return None
    if span.layout:
        return box_of(words_in(page, span.start, span.end))
    needle = span.text.strip()
    if not needle or "\n" in needle:
        return None
    plain = _occurrences(page.text, needle)
    laid = _occurrences(page.layout_text, needle)
    if len(laid) == 1:
        at = laid[0]
    elif laid and len(laid) == len(plain):
        at = laid[min(range(len(plain)), key=lambda k: abs(plain[k] - span.start))]
    else:
        return None
    return box_of(words_in(page, at, at + len(needle)))


def fill_span_boxes(evidence: Iterable[Any], doc: Document) -> int:
    """Set ``span.box`` on each ``FieldEvidence`` (or anything with a ``span``) whose span has
    none and can be placed (``span_box``); returns how many were filled."""
    filled = 0
    for ev in evidence:
        span = getattr(ev, "span", None)
        if span is not None and getattr(span, "box", None) is None:
            box = span_box(doc, span)
            if box is not None:
                span.box = tuple(round(v, 2) for v in box)
                filled += 1
    return filled


def _occurrences(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0 and len(out) < 1000:
        out.append(i)
        i = text.find(needle, i + 1)
    return out
