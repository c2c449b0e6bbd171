"""One error hierarchy for every stage.

Each error carries a one-line, human message that says what went wrong and what to do.
Front ends (``cli``, ``tui``) turn them into messages; nothing else prints them.
"""

from __future__ import annotations


class MinimeterError(Exception):
    """Base of every error MiniMeter raises on purpose.

    ``hint`` is what the user should do about it; ``retryable`` says whether trying the
    same thing again later can succeed (a locked database, a network blip) or not (a
    corrupt file).
    """

    retryable: bool = False

    def __init__(self, message: str, *, hint: str | None = None, retryable: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if retryable is not None:
            self.retryable = retryable

    def one_line(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(MinimeterError):
    """Settings, data folder or credentials are missing or unusable."""


class StoreError(MinimeterError):
    """The job store could not be opened, migrated or written."""

    retryable = True


class IntakeError(MinimeterError):
    """A file could not be taken from the inbox or archived."""


class ReadError(MinimeterError):
    """A file could not be turned into text (not a PDF, encrypted, corrupt, too big, timed out)."""


class NoTextError(ReadError):
    """The document has no text layer and OCR could not supply one."""


class ExtractionError(MinimeterError):
    """An extractor failed (reply cut off, remote refused). Retryable unless said otherwise."""

    retryable = True


class ModelError(ExtractionError):
    """A local model file is missing, has the wrong checksum or cannot be loaded."""

    retryable = False


class SyncError(MinimeterError):
    """A sync target is unreachable or refused a batch."""

    retryable = True


class OfflineError(SyncError):
    """The network (or the target host) does not answer."""


class ReportError(MinimeterError):
    """A report or export could not be produced."""
