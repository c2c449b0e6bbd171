"""How job statuses are shown, for both front ends (the CLI's tables and the TUI).

The statuses themselves and their transitions live in ``minimeter.store.lifecycle``; this module
only says how a person sees them, so ``minimeter jobs`` and the TUI colour a status the same way.
Styles are rich style strings (plain text here: nothing in the core imports rich or textual).
"""

from __future__ import annotations

from minimeter.store.lifecycle import Status

STYLE: dict[Status, str] = {
    Status.PENDING: "yellow",
    Status.RUNNING: "bold cyan",
    Status.SUCCEEDED: "green",
    Status.NEEDS_REVIEW: "bold magenta",
    Status.FAILED: "red",
    Status.DEAD: "bold white on red",
    Status.DISCARDED: "dim",
}

FAILED_STATES = frozenset({Status.FAILED, Status.DEAD})
"""Statuses that mean "this file did not give a bill" (``process`` lists them and exits 1)."""

REVIEW_ORDER = (Status.NEEDS_REVIEW, Status.DEAD, Status.FAILED)
"""Statuses a person has to look at, in the order the review queue shows them."""


def style(status: str) -> str:
    """The rich style of ``status`` (a ``Status`` or its text); unknown text gets no style."""
    try:
        return STYLE[Status(status)]
    except ValueError:
        return ""
