"""Messages: the only way background threads talk to the UI.

The service's listener and the screens' thread workers post these; handlers run on the UI
thread and are the only code that touches widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class ServiceUpdate(Message):
    """The background service took a file or finished a job (``minimeter.service.ServiceEvent``)."""

    event: Any


@dataclass
class Loaded(Message):
    """A screen's data arrived from its worker; ``what`` says which part (``jobs``, ``detail``...)."""

    what: str
    data: Any


@dataclass
class ActionDone(Message):
    """A store action (retry, approve, discard...) finished; ``error`` is a one-line reason on failure."""

    action: str
    job_id: int | None
    message: str
    error: bool = False
    data: Any = None


@dataclass
class Problem(Message):
    """An error the background work logged (e.g. the workers cannot load the chosen extractor)."""

    text: str
