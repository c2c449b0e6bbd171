"""Layout templates pushed beside the bills by ``minimeter sync``, so a team can share what reviews taught.

A target that keeps files (Cloud Storage) has ``push_templates(folder, files) -> int`` (see
``minimeter.sync.base``). The runner gives it the data folder's valid template files whose content it has
not pushed yet, and records what it pushed only after the target returned, so a crash in between means
the same files are pushed again (the target skips a file it already has with the same content).

* ``pending(settings, target, force=False)``: the template files (as the bytes of the file: the TOML a
  person reads) that differ from what was last pushed to ``target``; a broken file is never published.
  ``force`` (``sync --since``) offers every file again. The record is
  ``templates/.pushed-<target>.json`` in the data folder ({template id: sha256 of the file}).
* ``mark_pushed(settings, target, files)``: update the record (written atomically).
* ``folder_id(settings)``: the name the data folder's templates go under at the target. Each template
  counts the bills *this* data folder read with it and the fields *its* reviewers confirmed; pushing every
  folder's files under its own id keeps those counters per data folder: two laptops that learned or
  imported the same layout never overwrite each other's counts. Made once (the host name and a random
  part) and kept in ``<home>/folder-id``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import socket
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.errors import MinimeterError

if TYPE_CHECKING:
    from pathlib import Path

    from minimeter.settings import Settings

log = logging.getLogger("minimeter.sync")
FOLDER_ID_FILE = "folder-id"
_FOLDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{3,63}$")


@dataclass(frozen=True)
class TemplateFile:
    id: str
    data: bytes
    """The file as stored in the data folder."""
    sha256: str
    """``sha256:<hex>`` of ``data``."""

    @property
    def name(self) -> str:
        return f"{self.id}.toml"


def folder_id(settings: Settings) -> str:
    path = settings.home / FOLDER_ID_FILE
    try:
        value = path.read_text(encoding="utf-8").strip()
        if _FOLDER_ID.fullmatch(value):
            return value
    except OSError:
        pass
    host = re.sub(r"[^a-z0-9]+", "-", socket.gethostname().lower()).strip("-")[:24] or "folder"
    value = f"{host}-{uuid.uuid4().hex[:8]}"
    _write(path, value + "\n")
    return value


def _record_path(settings: Settings, target: str) -> Path:
    return settings.templates_dir / f".pushed-{target}.json"


def _record(settings: Settings, target: str) -> dict[str, str]:
    try:
        data = json.loads(_record_path(settings, target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def pending(settings: Settings, target: str, *, force: bool = False) -> list[TemplateFile]:
    from minimeter.templates.model import TemplateError, loads

    folder = settings.templates_dir
    if not folder.is_dir():
        return []
    done = {} if force else _record(settings, target)
    out: list[TemplateFile] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = path.read_bytes()
            template = loads(data.decode("utf-8"), path.name)
        except (OSError, UnicodeDecodeError, TemplateError) as exc:
            why = exc.one_line() if isinstance(exc, MinimeterError) else str(exc)
            log.warning("template %s not pushed: %s", path.name, why)
            continue
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if done.get(template.id) != digest:
            out.append(TemplateFile(template.id, data, digest))
    return out


def mark_pushed(settings: Settings, target: str, files: list[TemplateFile]) -> None:
    record = _record(settings, target)
    record.update({f.id: f.sha256 for f in files})
    _write(_record_path(settings, target), json.dumps(record, indent=1, sort_keys=True) + "\n")


def _write(path: Path, text: str) -> None:
    """Atomically, mode 600 like every file MiniMeter writes beside keys.json."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    tmp.replace(path)
