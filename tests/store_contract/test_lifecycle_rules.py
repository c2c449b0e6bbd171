"""The lifecycle's decisions (minimeter.store.lifecycle) as pure functions: no database, no clock."""

from __future__ import annotations

import pytest

from minimeter.store import lifecycle
from minimeter.store.lifecycle import Decision, IllegalTransition, Status


def fail(attempts: int, *, retryable: bool = True, max_attempts: int = 5) -> Decision:
    return lifecycle.after_failure(attempts=attempts, max_attempts=max_attempts, error="model hiccup",
                                   retryable=retryable, backoff_base=10.0)


def test_a_retryable_failure_backs_off_exponentially_until_the_attempts_run_out():
    assert [fail(n).retry_in for n in range(1, 5)] == [10.0, 20.0, 40.0, 80.0]
    assert {fail(n).status for n in range(1, 5)} == {Status.FAILED}
    assert fail(2).message == "attempt 2 failed; retry in 20 s"
    dead = fail(5)
    assert dead == Decision(Status.DEAD, "failed 5 times: model hiccup", retry_in=None)
    assert fail(7, max_attempts=5).status == Status.DEAD  # attempts beyond the cap (a lowered setting)


def test_a_failure_that_cannot_get_better_waits_for_a_person():
    for attempts in (1, 5):  # even on the last attempt: a person decides, it is not dead-lettered
        assert fail(attempts, retryable=False) == Decision(Status.FAILED, "model hiccup", retry_in=None)


def test_backoff_is_capped_at_an_hour():
    assert lifecycle.backoff_seconds(1, 10.0) == 10.0
    assert lifecycle.backoff_seconds(0, 10.0) == 10.0
    assert lifecycle.backoff_seconds(30, 10.0) == 3600.0
    assert fail(30, max_attempts=100).retry_in == 3600.0


def test_an_expired_claim_is_reclaimed_until_it_looks_like_a_poison_file():
    assert lifecycle.after_lease_expired(attempts=1, max_attempts=5) is None
    assert lifecycle.after_lease_expired(attempts=4, max_attempts=5) is None
    poison = lifecycle.after_lease_expired(attempts=5, max_attempts=5)
    assert poison == Decision(Status.DEAD, "a worker stopped while processing it 5 times")
    assert lifecycle.check(Status.RUNNING, poison.status) == Status.DEAD


def test_a_result_decides_between_done_and_review():
    assert lifecycle.after_result("SUCCEEDED", ["ignored when it succeeded"]) == Decision(Status.SUCCEEDED, "")
    review = lifecycle.after_result("NEEDS_REVIEW", ["no total", "no due date"])
    assert review == Decision(Status.NEEDS_REVIEW, "no total; no due date")
    assert len(lifecycle.after_result("NEEDS_REVIEW", ["x" * 400, "y" * 400]).message) == lifecycle.MAX_ERROR_CHARS
    with pytest.raises(IllegalTransition):
        lifecycle.after_result("DEAD", [])
    with pytest.raises(ValueError):
        lifecycle.after_result("MAYBE", [])


def test_people_requeue_only_what_is_not_already_queued():
    assert lifecycle.requeue(Status.PENDING) is None and lifecycle.requeue(Status.RUNNING) is None
    for status in (Status.FAILED, Status.DEAD, Status.NEEDS_REVIEW, Status.DISCARDED, Status.SUCCEEDED):
        assert lifecycle.requeue(status) == Status.PENDING
        assert lifecycle.check(status, Status.PENDING) == Status.PENDING
    assert lifecycle.after_review(approve=True) == Status.SUCCEEDED
    assert lifecycle.after_review(approve=False) == Status.NEEDS_REVIEW


def test_reviews_apply_only_to_finished_jobs():
    for status in (Status.PENDING, Status.RUNNING):
        with pytest.raises(IllegalTransition, match="cannot be reviewed"):
            lifecycle.check_review(status, Status.SUCCEEDED)
    assert lifecycle.check_review(Status.NEEDS_REVIEW, Status.SUCCEEDED) == Status.SUCCEEDED
    assert lifecycle.check_review(Status.DEAD, Status.SUCCEEDED) == Status.SUCCEEDED
    with pytest.raises(IllegalTransition):
        lifecycle.check_review(Status.FAILED, Status.SUCCEEDED)  # FAILED -> SUCCEEDED is not a move


def test_the_transition_table():
    assert set(lifecycle.ALLOWED) == set(Status)
    assert lifecycle.ALLOWED[Status.PENDING] == {Status.RUNNING, Status.DISCARDED}
    with pytest.raises(IllegalTransition, match="PENDING -> SUCCEEDED"):
        lifecycle.check("PENDING", "SUCCEEDED")
    with pytest.raises(IllegalTransition):
        lifecycle.check(Status.RUNNING, Status.DISCARDED)  # a running job is not discarded under its worker
    assert lifecycle.check("FAILED", "RUNNING") is Status.RUNNING
    every_finished_can_be_reprocessed = all(Status.PENDING in lifecycle.ALLOWED[s] for s in lifecycle.FINISHED)
    assert every_finished_can_be_reprocessed


def test_an_error_keeps_one_line():
    assert lifecycle.error_line("boom\nTraceback (most recent call last):") == "boom"
    assert lifecycle.error_line("") == "unknown error"
    assert len(lifecycle.error_line("z" * 2000)) == lifecycle.MAX_ERROR_CHARS
