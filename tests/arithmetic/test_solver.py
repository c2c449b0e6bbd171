"""The solver: the assignment with the most relations held as evidence, preferring higher scores."""

from __future__ import annotations

from decimal import Decimal

from minimeter.arithmetic import BALANCE, CURRENT, Place, Printed, solve

_at = iter(range(0, 100_000, 20))


def P(value: str, score: float, *places: Place) -> Printed:  # noqa: N802
    if not places:
        s = next(_at)
        places = (Place(1, s, s + len(value)),)
    return Printed(Decimal(value), places, score)


def _value(sol: object, role: str) -> Decimal | None:
    v = sol.assignment.get(role)  # type: ignore[attr-defined]
    return None if v is None else v.value


def test_arithmetic_beats_a_higher_scored_late_payment_amount() -> None:
    sol = solve({"total_amount_due": [P("215.00", 1.0), P("227.00", 0.8)],
                 "current_charges": [P("170.00", 0.9)],
                 "previous_balance": [P("201.00", 1.0)],
                 "payments": [P("144.00", 1.0)]}, [BALANCE])
    assert _value(sol, "total_amount_due") == Decimal("227.00")
    assert "total_amount_due" in sol.confirmed


def test_the_degenerate_identity_earns_nothing() -> None:
    # A "payments" candidate equal to the current charges would make previous - payments + current = previous
    # hold: the solver must not prefer it to the better-read total.
    sol = solve({"total_amount_due": [P("61.20", 0.9), P("60.35", 0.7)],
                 "current_charges": [P("61.20", 0.9)],
                 "previous_balance": [P("60.35", 0.8)],
                 "payments": [P("61.20", 0.3), P("60.35", 0.6)]}, [BALANCE])
    assert _value(sol, "total_amount_due") == Decimal("61.20")
    assert not sol.confirmed  # paid in full: consistent, never evidence


def test_two_roles_on_one_printed_figure_get_no_credit() -> None:
    # The only printing of 40.00 is read as both previous balance and payment: that pairing proves nothing, so
    # the strongly labelled total stays, and no role is confirmed.
    shared = Place(1, 500, 505)
    sol = solve({"total_amount_due": [P("95.00", 1.0), P("90.00", 0.5)],
                 "current_charges": [P("90.00", 0.9)],
                 "previous_balance": [P("40.00", 0.6, shared)],
                 "payments": [P("40.00", 0.6, shared)]}, [BALANCE])
    assert _value(sol, "total_amount_due") == Decimal("95.00")
    assert not sol.confirmed


def test_a_number_printed_twice_may_take_two_roles() -> None:
    a, b = Place(1, 500, 505), Place(1, 900, 905)
    sol = solve({"total_amount_due": [P("95.00", 1.0), P("90.00", 0.7)],
                 "current_charges": [P("90.00", 0.9)],
                 "previous_balance": [P("40.00", 0.6, a, b)],
                 "payments": [P("40.00", 0.6, a, b)]}, [BALANCE])
    assert _value(sol, "total_amount_due") == Decimal("90.00")  # paid in full: current = total, consistent


def test_most_relations_win_and_held_relations_are_reported() -> None:
    sol = solve({"total_amount_due": [P("180.00", 0.9), P("157.00", 0.5)],
                 "current_charges": [P("107.00", 0.8), P("110.00", 0.9)],
                 "previous_balance": [P("50.00", 0.8)],
                 "subtotal": [P("100.00", 0.6)],
                 "taxes": [P("7.00", 0.6)]}, [BALANCE, CURRENT])
    assert _value(sol, "current_charges") == Decimal("107.00")
    assert _value(sol, "total_amount_due") == Decimal("157.00")
    assert {o.relation for o in sol.held()} == {"balance", "current_charges_sum"}
    assert {"total_amount_due", "current_charges", "previous_balance", "subtotal", "taxes"} <= sol.confirmed


def test_without_relations_the_best_scores_win() -> None:
    sol = solve({"total_amount_due": [P("12.00", 0.4), P("15.00", 0.9)], "current_charges": []}, [BALANCE])
    assert _value(sol, "total_amount_due") == Decimal("15.00")
    assert _value(sol, "current_charges") is None
