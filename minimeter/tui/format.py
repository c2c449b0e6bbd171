"""How the TUI draws statuses, confidences, errors, a page with its evidence span and the rule checks.

Everything returns rich ``Text``; status colours come from ``minimeter.statuses`` so the CLI and the
TUI agree. Screens and widgets import this module for these, never each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from minimeter.errors import MinimeterError
from minimeter.statuses import style

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import CheckResult, FieldEvidence


def status_text(status: str) -> Text:
    return Text(status, style=style(status))


def confidence_text(conf: float | None) -> Text:
    if conf is None:
        return Text("-", style="dim")
    colour = "green" if conf >= 0.9 else "yellow" if conf >= 0.7 else "bold red"
    return Text(f"{conf:.2f}", style=colour)


def one_line(exc: BaseException) -> str:
    """An exception as the one line a person sees in a notification."""
    if isinstance(exc, MinimeterError):
        return exc.one_line()
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def page_text(doc: Document | None, ev: FieldEvidence | None) -> tuple[Text, int]:
    """The page the evidence points into, with its span highlighted; and the span's line number."""
    if doc is None or not doc.pages:
        return Text("(the document's text is not stored: the file could not be read)", style="dim"), 0
    span = ev.span if ev else None
    page = doc.pages[0]
    if span is not None and 1 <= span.page <= len(doc.pages):
        page = doc.pages[span.page - 1]
    raw = page.layout_text if (span is not None and span.layout and page.layout_text) else page.text
    text = Text(f"— page {page.number} of {len(doc.pages)} —\n", style="dim")
    offset = len(text)
    text.append(raw)
    line = 0
    if span is not None and 0 <= span.start < span.end <= len(raw):
        text.stylize("bold black on yellow", offset + span.start, offset + span.end)
        line = raw.count("\n", 0, span.start) + 1
    return text, line


def checks_text(checks: list[CheckResult], issues: list[str]) -> Text:
    """Failed rules first, then passed ones; rules that did not apply (missing inputs) on one line."""
    out = Text()
    if not checks:
        out.append("No rule checks recorded.\n", style="dim")
    for c in sorted((c for c in checks if c.passed is not None), key=lambda c: bool(c.passed)):
        mark, style = ("✓", "green") if c.passed else ("✗", "bold red")
        out.append(f" {mark} ", style=style)
        out.append(f"{c.rule}", style="bold")
        out.append(f"  {c.message}\n")
    skipped = [c.rule for c in checks if c.passed is None]
    if skipped:
        out.append(f" – not applicable: {', '.join(skipped)}\n", style="dim")
    if issues:
        out.append("Why it needs a person:\n", style="bold")
        for i in issues:
            out.append(f" • {i}\n", style="magenta")
    return out
