"""Job statuses and the transitions between them: the only place they are defined.

    PENDING -> RUNNING -> SUCCEEDED | NEEDS_REVIEW | FAILED
    FAILED  -> RUNNING (retry after backoff) | DEAD (after ``max_attempts``)
    NEEDS_REVIEW -> SUCCEEDED (approved, maybe corrected) | DISCARDED (rejected)
    DEAD -> PENDING (a human retries) | DISCARDED
    any finished status -> PENDING (``--force`` reprocess; the earlier result stays as history)

Stores call ``check(old, new)`` before every status write, so an illegal move is a bug
that raises, never a silent corruption.
"""

from __future__ import annotations

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


class IllegalTransition(RuntimeError):
    """A bug: some code tried a status move the lifecycle does not allow."""


def check(old: Status | str, new: Status | str) -> Status:
    old_s, new_s = Status(old), Status(new)
    if new_s not in ALLOWED[old_s]:
        raise IllegalTransition(f"job status {old_s} -> {new_s} is not allowed")
    return new_s


def check_review(old: Status | str, new: Status | str) -> Status:
    """A person's review only applies to a finished job: RUNNING -> SUCCEEDED is the worker's
    move, and a review landing mid-run would be silently replaced by the worker's result."""
    if Status(old) in (Status.PENDING, Status.RUNNING):
        raise IllegalTransition(f"job status {Status(old)} cannot be reviewed; wait until it has finished")
    return check(old, new)


def backoff_seconds(attempt: int, base: float) -> float:
    """Delay before retry number ``attempt`` (1-based): base, 2x base, 4x base... capped at one hour."""
    return float(min(base * (2 ** max(0, attempt - 1)), 3600.0))
