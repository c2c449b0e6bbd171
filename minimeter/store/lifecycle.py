"""Job statuses, the transitions between them, and every decision about a job's next status.

    PENDING -> RUNNING -> SUCCEEDED | NEEDS_REVIEW | FAILED
    FAILED  -> RUNNING (retry after backoff) | DEAD (after ``max_attempts``)
    NEEDS_REVIEW -> SUCCEEDED (approved, maybe corrected) | DISCARDED (rejected)
    DEAD -> PENDING (a human retries) | DISCARDED
    any finished status -> PENDING (``--force`` reprocess; the earlier result stays as history)

This is the only module that decides a status. The functions below are pure (no database, no
clock): ``minimeter.store.writes`` asks them what to do and writes the answer, and calls
``check(old, new)`` before every status write, so an illegal move is a bug that raises, never a
silent corruption.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    NEEDS_REVIEW = "NEEDS_REVIEW"
    FAILED = "FAILED"
    DEAD = "DEAD"
    DISCARDED = "DISCARDED"


FINISHED = frozenset({Status.SUCCEEDED, Status.NEEDS_REVIEW, Status.DEAD, Status.DISCARDED})
CLAIMABLE = frozenset({Status.PENDING, Status.FAILED})
"""FAILED jobs are claimable once their ``next_attempt_at`` has passed; RUNNING ones once their lease expired."""

IN_FLIGHT = frozenset({Status.PENDING, Status.RUNNING})
"""Queued or being worked on: a retry or a forced reprocess has nothing to redo."""

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.PENDING: frozenset({Status.RUNNING, Status.DISCARDED}),
    Status.RUNNING: frozenset(
        {Status.SUCCEEDED, Status.NEEDS_REVIEW, Status.FAILED, Status.DEAD, Status.RUNNING, Status.PENDING}
    ),
    Status.FAILED: frozenset({Status.RUNNING, Status.DEAD, Status.PENDING, Status.DISCARDED}),
    Status.SUCCEEDED: frozenset({Status.PENDING, Status.SUCCEEDED, Status.NEEDS_REVIEW}),
    Status.NEEDS_REVIEW: frozenset({Status.SUCCEEDED, Status.DISCARDED, Status.PENDING, Status.NEEDS_REVIEW}),
    Status.DEAD: frozenset({Status.PENDING, Status.DISCARDED, Status.SUCCEEDED}),
    Status.DISCARDED: frozenset({Status.PENDING}),
}
"""For each status, the statuses a job may move to from it (staying put counts as a move)."""

MAX_ERROR_CHARS = 500


class IllegalTransition(RuntimeError):
    """A bug: some code tried a status move the lifecycle does not allow."""


def check(old: Status | str, new: Status | str) -> Status:
    """``new`` as a ``Status`` when ``ALLOWED[old]`` contains it; else raise ``IllegalTransition``.

    Raises ``ValueError`` for text that is no status at all."""
    old_s, new_s = Status(old), Status(new)
    if new_s not in ALLOWED[old_s]:
        raise IllegalTransition(f"job status {old_s} -> {new_s} is not allowed")
    return new_s


def check_review(old: Status | str, new: Status | str) -> Status:
    """A person's review only applies to a finished job: RUNNING -> SUCCEEDED is the worker's
    move, and a review landing mid-run would be silently replaced by the worker's result."""
    if Status(old) in IN_FLIGHT:
        raise IllegalTransition(f"job status {Status(old)} cannot be reviewed; wait until it has finished")
    return check(old, new)


def backoff_seconds(attempt: int, base: float) -> float:
    """Delay before retry number ``attempt`` (1-based): base, 2x base, 4x base... capped at one hour."""
    return float(min(base * (2 ** max(0, attempt - 1)), 3600.0))


@dataclass(frozen=True)
class Decision:
    """What happens to a job next: its new ``status``, the ``message`` of the status event, and
    ``retry_in``: seconds until it may be claimed again (None: never automatically)."""

    status: Status
    message: str
    retry_in: float | None = None


def error_line(error: str) -> str:
    """The one line of an error a job keeps: its first line, cut to ``MAX_ERROR_CHARS``."""
    lines = error.splitlines() if error else []
    return lines[0][:MAX_ERROR_CHARS] if lines and lines[0] else "unknown error"


def after_failure(*, attempts: int, max_attempts: int, error: str, retryable: bool, backoff_base: float) -> Decision:
    """The decision after attempt number ``attempts`` failed with ``error`` (already one line).

    - not ``retryable`` (a corrupt or encrypted file will not get better): FAILED with no
      automatic retry; a person decides (retry or discard).
    - retryable with attempts left: FAILED, claimable again after ``backoff_seconds``.
    - retryable with ``max_attempts`` used up: DEAD (a dead letter).
    """
    if not retryable:
        return Decision(Status.FAILED, error)
    if attempts >= max_attempts:
        return Decision(Status.DEAD, f"failed {attempts} times: {error}")
    delay = backoff_seconds(attempts, backoff_base)
    return Decision(Status.FAILED, f"attempt {attempts} failed; retry in {delay:.0f} s", retry_in=delay)


def after_lease_expired(*, attempts: int, max_attempts: int) -> Decision | None:
    """The decision for a RUNNING job whose lease expired (its worker stopped without a word).

    None: it is claimed again as usual. Once ``max_attempts`` claims all ended that way, the
    worker died on this job every time: a poison file, not bad luck, so it is DEAD instead of
    being handed to the next worker to kill."""
    if attempts < max_attempts:
        return None
    return Decision(Status.DEAD, f"a worker stopped while processing it {attempts} times")


def after_result(result_status: str, issues: list[str]) -> Decision:
    """The decision for a job whose attempt produced a result: the pipeline's SUCCEEDED or
    NEEDS_REVIEW, with the result's ``issues`` (joined, cut to ``MAX_ERROR_CHARS``) as the
    message when a person must look. Raises ``IllegalTransition`` for any other status."""
    status = Status(result_status)
    if status not in (Status.SUCCEEDED, Status.NEEDS_REVIEW):
        raise IllegalTransition(f"an extraction result cannot make a job {status}")
    message = "; ".join(issues)[:MAX_ERROR_CHARS] if status == Status.NEEDS_REVIEW else ""
    return Decision(status, message)


def after_review(*, approve: bool) -> Status:
    """A person approved the bill (SUCCEEDED) or corrected it and left it for later (NEEDS_REVIEW)."""
    return Status.SUCCEEDED if approve else Status.NEEDS_REVIEW


def requeue(status: Status | str) -> Status | None:
    """Where a person's retry or a forced reprocess sends a job: PENDING, or None (nothing to
    do) while it is already queued or running."""
    return None if Status(status) in IN_FLIGHT else Status.PENDING

