"""The sync-target seam: where finished and corrected bills go once the laptop is online.

Contract
--------
The store keeps an outbox: every bill version a job gets (machine result or human
correction) is appended with a monotonic ``seq``. Each target keeps its own watermark (the
last ``seq`` it committed). The runner (``minimeter.sync.runner``) reads the outbox after a
target's watermark in batches, turns each batch into a ``Batch`` and calls ``push``; only
after ``push`` returned does it move that target's watermark. A crash between the two means
the batch is pushed again, so ``push`` must be idempotent: the effect of pushing the same
batch twice is the effect of pushing it once (at-least-once delivery + idempotent writes =
exactly one copy of every row).

Identity at the target: a bill is keyed by its job's content hash (``sha256:<hex>``), not by
local ids (several laptops write to the same cloud). ``version`` travels with it; a target
keeps the highest version it has seen, so a correction replaces the earlier version and an
older version pushed again (``--since``) never overwrites a newer one. Children (meters,
line items) are keyed ``(job_sha256, idx)`` and always belong to the stored version: rows of
an earlier version that the new one no longer has are removed.

Targets are plugins: an entry point in the ``minimeter.sync_targets`` group (see
``minimeter.plugins``; the built-ins ``postgres``, ``bigquery`` and ``gcs`` are declared the
same way in MiniMeter's ``pyproject.toml``) loads a ``TargetClass``:

- ``configured(settings) -> bool`` (a static or class method): do the settings name this
  target at all? Cheap, contacts nothing; unconfigured targets are skipped by ``sync --target all``.
- ``summary``: one line for ``minimeter sync --help`` (optional).
- ``TargetClass(settings)`` builds the target; raises ``ConfigError`` naming the missing setting.
- optionally ``fetch_original(settings, file_name) -> bytes | None`` (a static or class method):
  a target that keeps originals (Cloud Storage) returns the bytes stored as ``file_name``
  (``<sha256 hex>.<ext>``), None when it has none, and raises ``IntakeError`` (retryable) when it
  cannot tell; ``original_location(settings, file_name) -> str`` says where it looked. Workers
  use this to find an original intake archived on another machine (``minimeter.intake.shared``).
- optionally ``push_templates(folder, files) -> int`` on the target: a target that keeps files
  writes the data folder's changed layout templates (``minimeter.sync.templates.TemplateFile``: id,
  the TOML bytes, their sha256) under the data folder's id ``folder``, skipping a file it already has
  with the same content, and returns how many it wrote; raises like ``push``. The runner offers
  only templates changed since the target last took them and records them once it returned.

A ``SyncTarget`` has:

- ``name``: the entry point's name (also the watermark's key in the store).
- ``check()``: is the target configured and reachable? Creates nothing. Raises
  ``ConfigError`` (settings or credentials missing/refused) or ``OfflineError`` (the host does
  not answer), each with a one-line message and a hint.
- ``prepare()``: create what is missing (schema, tables, dataset); idempotent; called once
  per run before the first ``push``. Raises like ``push``.
- ``push(batch) -> int``: write the batch in one unit (one transaction, or load jobs and
  MERGEs that are each idempotent) and return how many records were written (a record a
  target skipped because it already had it, or had a newer version, is not counted).
  Returns only once the data is durable at the target. Raises ``OfflineError`` when the
  connection goes, ``SyncError`` when the target refuses the batch, ``ConfigError`` on
  permission problems; never a raw driver or HTTP error.
- ``warnings``: one-line notes for the user from the last ``push`` (a missing original...).
- ``close()``: release connections.

Fault injection (tests only): ``MINIMETER_FAULT=after_commit:<target>[:<n>]`` makes the runner
kill its own process with SIGKILL right after ``push`` number ``n`` (default 1) of that
target returned and before the watermark moved: the exact window exactly-once must survive.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from minimeter import plugins
from minimeter.plugins import Registry
from minimeter.store.base import BillVersion, Job

if TYPE_CHECKING:
    from minimeter.settings import Settings


@dataclass(frozen=True)
class SyncItem:
    """One bill version to push, with the job it belongs to."""

    seq: int
    job: Job
    bill: BillVersion

    @property
    def key(self) -> str:
        """The bill's identity everywhere: the job's content hash."""
        return self.job.sha256

    @property
    def original(self) -> Path:
        return Path(self.job.archive_path)


@dataclass
class Batch:
    """Outbox rows ``(first_seq, last_seq]`` resolved to bill versions, at most one per job.

    When a batch holds several versions of one job only the highest is kept: it is the one
    that must win, and the watermark still passes the others (``last_seq``).
    """

    items: list[SyncItem]
    last_seq: int
    rows: int = 0
    """Outbox rows this batch covers (>= len(items))."""


class SyncTarget(Protocol):
    name: str
    warnings: list[str]

    def check(self) -> None: ...
    def prepare(self) -> None: ...
    def push(self, batch: Batch) -> int: ...
    def close(self) -> None: ...


class TargetClass(Protocol):
    """What a ``minimeter.sync_targets`` entry point loads (see the module docstring)."""

    def __call__(self, settings: Settings) -> SyncTarget: ...
    def configured(self, settings: Settings) -> bool: ...


REGISTRY = cast("Registry[TargetClass]", plugins.sync_targets)
"""Built-ins and third-party sync targets alike, from the ``minimeter.sync_targets`` entry points."""


def target_names() -> list[str]:
    """Every sync target a user may name, without importing any of them."""
    return REGISTRY.names()
