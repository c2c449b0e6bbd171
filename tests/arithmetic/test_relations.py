"""Each relation of the bill's arithmetic, including the identities that must not count as evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.arithmetic import (
    BALANCE,
    CURRENT,
    Place,
    Printed,
    distinct,
    period_days,
    printed_day_counts,
    product,
    reads,
    total_of,
)

_at = iter(range(0, 100_000, 20))


def P(value: str, *, page: int = 1, start: int | None = None, view: str = "plain") -> Printed:  # noqa: N802
    """A value printed at its own place (a fresh span each call unless ``start`` is given)."""
    s = next(_at) if start is None else start
    return Printed(Decimal(value), (Place(page, s, s + len(value), view),), 1.0)


def _balance(p: str | None, y: str | None, c: str | None, t: str | None) -> object:
    roles = {"previous_balance": p, "payments": y, "current_charges": c, "total_amount_due": t}
    return BALANCE.evaluate({k: P(v) for k, v in roles.items() if v is not None})


# --- balance: previous - payments + adjustments + current = total ----------------------------------
def test_balance_with_four_distinct_printed_terms_is_evidence_for_all() -> None:
    out = _balance("118.39", "162.03", "135.46", "91.82")
    assert out.holds and out.evidence  # type: ignore[attr-defined]
    assert set(out.confirms) == {"previous_balance", "payments", "current_charges", "total_amount_due"}  # type: ignore[attr-defined]


def test_payment_equal_to_current_charges_does_not_let_the_previous_balance_pass_as_total() -> None:
    # The measured failure: payments read as the current charges, so previous - payments + current = previous
    # "holds" and the previous amount due was accepted as the total.
    out = _balance("60.35", "61.20", "61.20", "60.35")
    assert out.holds is True  # the numbers do add up...
    assert not out.evidence and not out.confirms  # ...but it is x - y + y = x: no evidence  # type: ignore[attr-defined]
    assert not out.consistent  # and not even a natural pairing (payments never cancel current charges)  # type: ignore[attr-defined]


def test_paid_in_full_is_consistent_but_not_evidence() -> None:
    out = _balance("201.00", "201.00", "170.00", "170.00")
    assert out.holds and not out.evidence and out.consistent  # type: ignore[attr-defined]


def test_total_equal_to_current_is_an_identity() -> None:
    out = _balance(None, None, "170.00", "170.00")
    assert out.holds and not out.evidence and out.consistent  # type: ignore[attr-defined]


def test_a_zero_standing_in_for_a_missing_term_is_no_term() -> None:
    # previous 0.00, payments 0.00: what is left is current = total, an identity.
    out = _balance("0.00", "0.00", "170.00", "170.00")
    assert out.holds and not out.evidence  # type: ignore[attr-defined]


def test_previous_plus_current_is_evidence() -> None:
    out = _balance("50.00", None, "170.00", "220.00")
    assert out.evidence and "total_amount_due" in out.confirms  # type: ignore[attr-defined]


def test_a_cancelling_pair_leaves_the_rest_as_evidence() -> None:
    # previous paid in full, then adjustments + current = total: the adjustment line is real arithmetic.
    out = BALANCE.evaluate({"previous_balance": P("201.00"), "payments": P("201.00"), "adjustments": P("-5.00"),
                            "current_charges": P("175.00"), "total_amount_due": P("170.00")})
    assert out.evidence and set(out.confirms) == {"adjustments", "current_charges", "total_amount_due"}


def test_balance_that_does_not_hold() -> None:
    out = _balance("201.00", "201.00", "170.00", "215.00")
    assert out.holds is False and not out.evidence  # type: ignore[attr-defined]


def test_a_total_rounded_to_whole_units_holds() -> None:
    out = _balance("100.00", None, "8920.86", "9021.00")
    assert out.holds and out.evidence  # type: ignore[attr-defined]
    assert _balance("100.00", None, "8920.86", "9021.50").holds is False  # type: ignore[attr-defined]


def test_two_roles_on_one_printed_figure_are_not_evidence() -> None:
    same = P("201.00")
    out = BALANCE.evaluate({"previous_balance": same, "payments": same, "current_charges": P("150.00"),
                            "total_amount_due": P("150.00")})
    assert out.holds and not out.evidence and not out.consistent


def test_a_value_printed_nowhere_is_not_evidence() -> None:
    out = BALANCE.evaluate({"previous_balance": P("50.00"), "current_charges": P("170.00"),
                            "total_amount_due": Printed(Decimal("220.00"))})
    assert out.holds and not out.evidence


# --- line items + taxes = current; registers ----------------------------------------------------
def test_line_items_adding_up_are_evidence() -> None:
    out = total_of("items", [P("135.50"), P("30.00"), P("4.50")], P("170.00"), total_role="current_charges")
    assert out.evidence and "current_charges" in out.confirms


def test_one_line_item_equal_to_the_total_is_an_identity() -> None:
    out = total_of("items", [P("170.00")], P("170.00"), total_role="current_charges")
    assert out.holds and not out.evidence


def test_an_item_and_its_reversal_leave_an_identity() -> None:
    # +10 and -10 cancel; the remaining item equals the total: nothing was checked.
    out = total_of("items", [P("10.00"), P("-10.00"), P("170.00")], P("170.00"), total_role="current_charges")
    assert out.holds and not out.evidence


def test_charges_plus_taxes_equal_current() -> None:
    assert CURRENT.evaluate({"subtotal": P("100.00"), "taxes": P("7.00"), "current_charges": P("107.00")}).evidence
    assert CURRENT.evaluate({"subtotal": P("100.00"), "taxes": P("7.00"),
                             "current_charges": P("108.00")}).holds is False


def test_time_of_use_registers_add_up_to_the_total() -> None:
    out = total_of("registers", [P("229"), P("777")], P("1006"), total_role="usage")
    assert out.evidence
    assert total_of("registers", [P("229"), P("777")], P("1007"), total_role="usage").holds is False


# --- rate x quantity = amount ------------------------------------------------------------------------
def test_rate_times_quantity() -> None:
    assert product("x", P("0.11549"), P("25813"), P("2981.14")).evidence
    assert product("x", P("0.11549"), P("25813"), P("2991.14")).holds is False


def test_multiplying_by_one_is_not_evidence() -> None:
    out = product("x", P("1"), P("170.00"), P("170.00"))
    assert out.holds and not out.evidence


def test_a_rate_too_coarse_to_check_is_not_evidence() -> None:
    # 0.1 printed with one decimal: 10,000 x anything in [0.05, 0.15) would match within 500.
    out = product("x", P("0.1"), P("10000"), P("1234.00"))
    assert not out.evidence


# --- meter reads -----------------------------------------------------------------------------------
def test_reads_with_a_multiplier() -> None:
    out = reads(P("4304"), P("4610"), P("24480"), P("80"))
    assert out.evidence
    assert reads(P("4304"), P("4610"), P("24481"), P("80")).holds is False


def test_reads_to_the_printed_precision() -> None:
    assert reads(P("1824"), P("1835"), P("9.51"), P("0.864846")).evidence


def test_a_zero_prior_read_is_no_evidence() -> None:
    out = reads(P("0"), P("1255"), P("1255"))
    assert not out.evidence


def test_usage_on_the_same_figure_as_a_read_is_no_evidence() -> None:
    present = P("21706")
    assert not reads(P("20451"), present, present).evidence


# --- days = end - start ------------------------------------------------------------------------------
def test_printed_day_count_matches_the_period() -> None:
    s, e = dt.date(2024, 1, 30), dt.date(2024, 2, 28)
    assert period_days(s, e, [P("29")]).evidence
    assert period_days(s, e, [P("30")]).evidence  # counting both ends
    assert not period_days(s, e, [P("31")]).evidence
    assert not period_days(s, e, []).evidence


def test_day_counts_of_payment_terms_are_not_the_period() -> None:
    found = [n for n, _s, _e in printed_day_counts(
        "For Service 03/29/25 to 04/28/25 (30 days). Pay within 21 days. Late fee 10 days after due. Billing Days: 29")]
    assert found == [30, 29]


def test_a_billed_days_label_cell_then_its_count() -> None:
    found = [n for n, _s, _e in printed_day_counts("Días facturados              61\nJours facturés : 59")]
    assert found == [61, 59]
    assert printed_day_counts("days   12 hours") == []  # a sentence's lower-case word, not a label cell


# --- distinct printed values ---------------------------------------------------------------------
def test_distinct_needs_one_place_per_role_for_a_shared_number() -> None:
    once = Printed(Decimal("201.00"), (Place(1, 10, 16),))
    assert not distinct([once, once])
    twice_a = Printed(Decimal("201.00"), (Place(1, 10, 16), Place(1, 50, 56)))
    twice_b = Printed(Decimal("-201.00"), (Place(1, 10, 16), Place(1, 50, 56)))
    assert distinct([twice_a, twice_b])  # the bill prints it twice: each role takes its own printing
    assert distinct([once, Printed(Decimal("170.00"), (Place(1, 10, 16),))])  # different numbers
    # Places in two views of one page cannot be told apart: one printing each is not two printings.
    plain = Printed(Decimal("5.00"), (Place(1, 10, 14, "plain"),))
    layout = Printed(Decimal("5.00"), (Place(1, 300, 304, "layout"),))
    assert not distinct([plain, layout])
