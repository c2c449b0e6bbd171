"""The relations a bill's printed figures obey, each judged as evidence or not.

Every function takes printed values (``Printed``) and returns an ``Outcome``: whether the relation
holds, whether that is *evidence* (it could have failed on a wrong value) and which roles it
confirms. An identity that holds whatever the values is never evidence:

* terms that cancel in pairs (``x - y + y = x``: a payment equal to the current charges lets the
  previous balance pass as the total; a role equal to another role's value) confirm nothing; the
  rest of the relation, if three or more terms remain, still does;
* a zero standing in for a missing term is no term (``prior read 0``: present = usage is no check);
* a multiplication by one, or by a rate printed so coarsely that any amount would match, is none;
* two roles on one printed figure (the same characters read twice) are one value, not two.

Linear relations (``Linear``): previous - payments + adjustments + current = total, line items +
taxes = current, time-of-use registers = the total register. Others: rate x quantity = amount
(``product``), (present - prior) x multiplier = usage (``reads``), days = end - start against the
printed day count (``period_days``). Pure functions on ``Decimal``; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from minimeter.arithmetic.values import Printed, distinct

CENT = Decimal("0.01")
ONE = Decimal(1)


@dataclass(frozen=True)
class Outcome:
    relation: str
    holds: bool | None
    """None: too few terms to say."""
    evidence: bool = False
    """Holds, is not an identity, and every term it rests on is a printed value at its own place."""
    confirms: tuple[str, ...] = ()
    """Roles the relation is evidence for (the terms left once cancelling pairs are set aside)."""
    consistent: bool = False
    """Holds only through pairs the bill's logic expects to cancel (previous balance paid in full,
    amount due = current charges): no contradiction, but no evidence either."""
    values: Mapping[str, Printed] = field(default_factory=dict)
    why: str = ""


def ulp(v: Decimal) -> Decimal:
    """One unit in the last printed digit: 0.01 for 12.34, 1 for 811, 0.00001 for 0.11549."""
    exp = v.as_tuple().exponent
    return Decimal(1).scaleb(exp if isinstance(exp, int) and exp < 0 else 0)


# --- linear relations -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Linear:
    """``sum(sign x role) = 0`` over the roles present. ``natural``: pairs of roles that cancel on real
    bills (previous and payments, current and total); ``rounded``: a role some bills print rounded to
    whole units (the amount due)."""

    name: str
    terms: tuple[tuple[str, int], ...]
    natural: frozenset[frozenset[str]] = frozenset()
    rounded: str | None = None
    tolerance: Decimal = CENT

    def evaluate(self, values: Mapping[str, Printed | None]) -> Outcome:
        terms = [(role, sign, values[role]) for role, sign in self.terms if values.get(role) is not None]
        out = linear(self.name, terms, natural=self.natural, rounded=self.rounded,  # type: ignore[arg-type]
                     tolerance=self.tolerance)
        if out.holds is False:
            # A natural pair read only in half (a previous balance, no payment line): the missing half may
            # cancel it. Then the rest holding is consistent with the bill, never evidence.
            # (Not a pair with the result role: without the total the relation checks nothing about it.)
            result = self.terms[-1][0]
            half = {r for pair in self.natural if result not in pair for r in pair
                    if values.get(r) is not None and all(values.get(o) is None for o in pair - {r})}
            if half:
                rest = [t for t in terms if t[0] not in half]
                again = linear(self.name, rest, natural=self.natural, rounded=self.rounded,  # type: ignore[arg-type]
                               tolerance=self.tolerance)
                if again.holds and (again.consistent or again.evidence):
                    return Outcome(self.name, True, False, (), consistent=True, values=out.values,
                                   why=f"holds if {', '.join(sorted(half))} is cancelled by a line not read")
        return out


BALANCE = Linear(
    "balance",
    (("previous_balance", 1), ("payments", -1), ("adjustments", 1), ("current_charges", 1),
     ("total_amount_due", -1)),
    natural=frozenset({frozenset({"previous_balance", "payments"}),
                       frozenset({"current_charges", "total_amount_due"})}),
    rounded="total_amount_due",
)
"""previous - payments + adjustments + current = total (payments are positive, as the schema stores them)."""

CURRENT = Linear("current_charges_sum", (("subtotal", 1), ("taxes", 1), ("current_charges", -1)))
"""charges before tax + taxes = current charges (a summary block's two lines)."""


def linear(name: str, terms: Sequence[tuple[str, int, Printed]], *, natural: frozenset[frozenset[str]] = frozenset(),
           rounded: str | None = None, tolerance: Decimal = CENT) -> Outcome:
    """Judge ``sum(sign x value) = 0``. See the module docstring for what counts as evidence."""
    used = {role: v for role, _s, v in terms}
    live = [(role, sign * v.value, v) for role, sign, v in terms if v.value != 0]
    if len(live) < 2:
        return Outcome(name, None, values=used, why="fewer than two non-zero terms")
    residual = sum((x for _r, x, _v in live), Decimal(0))
    rounded_ok = rounded is not None and any(r == rounded and v.value == v.value.to_integral_value()
                                             for r, _x, v in live)
    holds = abs(residual) <= tolerance or (rounded_ok and abs(residual) < 1)
    if not holds:
        return Outcome(name, False, values=used, why=f"off by {residual:,.2f}")
    rest, pairs = _cancel_pairs(live, natural, rounded if rounded_ok else None, tolerance)
    if len(rest) >= 3 and all(v.printed for _r, _x, v in rest) and distinct([v for _r, _x, v in live]):
        roles = tuple(r for r, _x, _v in rest)
        why = " ".join(("- " if x < 0 else "+ ") + r for r, x, _v in rest).lstrip("+ ") + " = 0"
        why += f" ({', '.join(' = '.join(p) for p in pairs)} cancelling)" if pairs else ""
        return Outcome(name, True, True, roles, values=used, why=why)
    ok = not rest and all(frozenset(p) in natural for p in pairs) and distinct([v for _r, _x, v in live])
    why = ("an identity: " + ", ".join(" = ".join(p) for p in pairs)) if pairs else "not printed at distinct places"
    return Outcome(name, True, False, (), consistent=ok, values=used, why=why)


def _cancel_pairs(live: list[tuple[str, Decimal, Printed]], natural: frozenset[frozenset[str]], rounded: str | None,
                  tol: Decimal) -> tuple[list[tuple[str, Decimal, Printed]], list[tuple[str, str]]]:
    """Set aside terms that cancel two by two (natural pairs first): what is left is the real arithmetic."""
    rest = list(live)
    pairs: list[tuple[str, str]] = []
    while True:
        found = None
        for i in range(len(rest)):
            for j in range(i + 1, len(rest)):
                (ri, xi, _vi), (rj, xj, _vj) = rest[i], rest[j]
                if (xi > 0) == (xj > 0):
                    continue
                near = abs(xi + xj) <= tol or (rounded in (ri, rj) and abs(xi + xj) < 1)
                if near and (found is None or frozenset((ri, rj)) in natural):
                    found = (i, j)
        if found is None:
            return rest, pairs
        i, j = found
        pairs.append((rest[i][0], rest[j][0]))
        rest = [t for k, t in enumerate(rest) if k not in (i, j)]


def total_of(name: str, parts: Sequence[Printed], total: Printed, *, part_role: str = "part",
             total_role: str = "total", tolerance: Decimal = CENT) -> Outcome:
    """``parts`` add up to ``total`` (line items to current charges, time-of-use registers to the kWh)."""
    terms = [(f"{part_role}{i + 1}", 1, p) for i, p in enumerate(parts)] + [(total_role, -1, total)]
    out = linear(name, terms, tolerance=tolerance)
    if out.evidence and total_role not in out.confirms:
        return Outcome(name, True, False, (), values=out.values, why="the total cancels one part: " + out.why)
    return out


# --- rate x quantity = amount --------------------------------------------------------------------
def product(name: str, rate: Printed, quantity: Printed, amount: Printed) -> Outcome:
    """``rate x quantity = amount`` to the precision the rate and the amount are printed with."""
    used = {"rate": rate, "quantity": quantity, "amount": amount}
    r, q, m = rate.value, quantity.value, amount.value
    if 0 in (r, q, m):
        return Outcome(name, None, values=used, why="a zero term")
    tol = max(CENT, ulp(m) / 2) + abs(q) * ulp(r) / 2
    holds = abs(r * q - m) <= tol
    if not holds:
        return Outcome(name, False, values=used, why=f"{q} x {r} = {r * q:,.2f}, not {m:,.2f}")
    if abs(r) == ONE or abs(q) == abs(m):
        return Outcome(name, True, False, values=used, why="a multiplication by one")
    if tol > abs(m) / 200:
        return Outcome(name, True, False, values=used, why="the rate is printed too coarsely to check the amount")
    if not (rate.printed and quantity.printed and amount.printed and distinct([rate, quantity, amount])):
        return Outcome(name, True, False, values=used, why="not printed at distinct places")
    return Outcome(name, True, True, ("rate", "quantity", "amount"), values=used, why=f"{q} x {r} = {m}")


# --- meter reads ----------------------------------------------------------------------------------
def explains(diff: Decimal, multiplier: Decimal, usage: Decimal) -> bool:
    """``diff x multiplier`` equals ``usage`` to the precision the usage is printed with."""
    q = ulp(usage)
    return multiplier > 0 and (diff * multiplier).quantize(q) == usage.quantize(q)


def reads(prior: Printed, present: Printed, usage: Printed, multiplier: Printed | None = None,
          name: str = "meter_reads") -> Outcome:
    """``(present - prior) x multiplier = usage`` to the precision the usage is printed with
    (11 x 0.864846 = 9.51 CCF). A multiplier of one, or none, is no term."""
    used = {"prior": prior, "present": present, "usage": usage} | ({"multiplier": multiplier} if multiplier else {})
    mult = multiplier.value if multiplier is not None else ONE
    diff = present.value - prior.value
    if prior.value == 0 or diff == 0 or mult == 0 or usage.value == 0:
        return Outcome(name, None, values=used, why="a zero read, difference or usage")
    got = diff * mult
    holds = explains(diff, mult, usage.value) or abs(got - usage.value) <= CENT
    if not holds:
        return Outcome(name, False, values=used, why=f"({present.value} - {prior.value}) x {mult} = {got}, "
                       f"not {usage.value}")
    terms = [prior, present, usage] + ([multiplier] if multiplier is not None and mult != ONE else [])
    if not all(t.printed for t in terms) or not distinct(terms) or usage.value in (prior.value, present.value):
        return Outcome(name, True, False, values=used, why="not printed at distinct places")
    how = f"{present.value} - {prior.value}" + (f" x {mult}" if mult != ONE else "") + f" = {usage.value}"
    return Outcome(name, True, True, tuple(used), values=used, why=how)


# --- the period -----------------------------------------------------------------------------------
def period_days(start: dt.date, end: dt.date, printed: Sequence[Printed]) -> Outcome:
    """``end - start`` against the day counts the bill prints (either convention: 30 days from Jan 1 to
    Jan 31, or 31 counting both ends)."""
    if end <= start:
        return Outcome("period_days", None, why="the period does not run forward")
    days = (end - start).days
    for p in printed:
        if p.value in (days, days + 1) and p.printed:
            return Outcome("period_days", True, True, ("billing_period_start", "billing_period_end"),
                           values={"days": p}, why=f"{days} days, as the bill prints ({p.value})")
    return Outcome("period_days", None if not printed else False, why=f"{days} days; the bill prints "
                   + (", ".join(str(p.value) for p in printed[:3]) if printed else "no day count"))
