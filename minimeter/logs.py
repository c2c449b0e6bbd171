"""Logging setup: a file in the data folder, owner-only, with account numbers masked.

Bills are personal data; logs leave the machine in bug reports. Anything that looks like an
account or card number (6+ digits, possibly with dashes or spaces) is masked to its last four.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

_LONG_NUMBER = re.compile(r"\b\d[\d -]{4,}\d{4}\b")
_configured: Path | None = None


def mask(text: str) -> str:
    """Mask long digit runs to ``****1234`` (keeps the last four for support)."""
    return _LONG_NUMBER.sub(lambda m: "****" + re.sub(r"\D", "", m.group())[-4:], text)


class OwnerOnlyFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the first and each one after a rollover) is created 0600;
    the umask would otherwise make a fresh file world-readable."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)  # a file left by an older version may be wider
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        return True


def configure(log_dir: Path, verbose: int = 0) -> None:
    global _configured
    if _configured == log_dir:
        return
    _configured = log_dir
    root = logging.getLogger("minimeter")
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    for h in list(root.handlers):
        root.removeHandler(h)
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = log_dir / "minimeter.log"
        fh = OwnerOnlyFileHandler(path, maxBytes=5_000_000, backupCount=3, encoding="utf-8")
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"))
        fh.addFilter(MaskingFilter())
        root.addHandler(fh)
    except OSError:
        pass  # an unwritable log folder must not stop the work; ensure_dirs reports the folder itself
    if verbose:
        sh = logging.StreamHandler()
        sh.setLevel(logging.DEBUG if verbose > 1 else logging.WARNING)
        sh.addFilter(MaskingFilter())
        root.addHandler(sh)
    root.propagate = False
