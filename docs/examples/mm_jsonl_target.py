"""An example sync target plugin: appends every bill version to a JSON Lines file.

Declared in a package's ``pyproject.toml`` as::

    [project.entry-points."minimeter.sync_targets"]
    jsonl = "mm_jsonl_target:JsonlTarget"

The file is named by the environment variable ``MM_JSONL_PATH`` (a real plugin would add its
own settings section). Idempotent as the contract in ``minimeter.sync.base`` asks: a bill already
written at the same or a newer version is skipped, so a batch pushed twice writes each bill once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import ConfigError, SyncError

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.sync.base import Batch

ENV = "MM_JSONL_PATH"


class JsonlTarget:
    name = "jsonl"
    summary = "bill versions appended to a JSON Lines file (MM_JSONL_PATH)"

    @staticmethod
    def configured(settings: Settings) -> bool:
        return bool(os.environ.get(ENV))

    def __init__(self, settings: Settings) -> None:
        path = os.environ.get(ENV)
        if not path:
            raise ConfigError("the jsonl target is not configured", hint=f"set {ENV} to a file path")
        self.path = Path(path)
        self.warnings: list[str] = []

    def check(self) -> None:
        if not self.path.parent.is_dir():
            raise ConfigError(f"the folder of {self.path} does not exist", hint=f"create it or change {ENV}")

    def prepare(self) -> None:
        self.path.touch(exist_ok=True)

    def _versions(self) -> dict[str, int]:
        seen: dict[str, int] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            seen[row["sha256"]] = max(seen.get(row["sha256"], 0), row["version"])
        return seen

    def push(self, batch: Batch) -> int:
        self.warnings = []
        seen = self._versions()
        lines = []
        for item in batch.items:
            if seen.get(item.key, 0) >= item.bill.version:
                continue  # already here, or a newer version is: idempotent
            bill = item.bill.result.bill.model_dump(mode="json")
            lines.append(json.dumps({"sha256": item.key, "version": item.bill.version, "bill": bill}))
        if lines:
            try:
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write("\n".join(lines) + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())  # durable before push returns: then the watermark moves
            except OSError as exc:
                raise SyncError(f"cannot write {self.path}: {exc.strerror}", hint="check the disk") from exc
        return len(lines)

    def close(self) -> None:
        """Nothing held open between pushes."""
