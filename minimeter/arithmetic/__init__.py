"""The bill's arithmetic, shared by extraction (to choose) and validation (to corroborate).

Contract: pure functions on ``Decimal`` and dates, no I/O, no import of ``minimeter.extract`` or
``minimeter.validate`` (both import this package; neither imports the other for arithmetic).

* ``values``: ``Printed`` (a value, its printed ``Place``s, a score) and ``distinct`` (each role
  on its own printed place; a shared number only when the bill prints it twice).
* ``relations``: ``Linear`` relations (``BALANCE``: previous - payments + adjustments + current =
  total; ``CURRENT``: charges + taxes = current; ``total_of`` for line items and time-of-use
  registers), ``product`` (rate x quantity = amount), ``reads`` ((present - prior) x multiplier =
  usage), ``period_days`` (end - start = the printed day count). Each returns an ``Outcome`` that
  says whether it holds and whether that is *evidence*: an identity that holds whatever the values
  (cancelling pairs, zeros for missing terms, x 1, one printed figure read for two roles) is not.
* ``solver.solve``: the assignment of candidates to roles that satisfies the most relations as
  evidence, preferring higher-scored candidates.
* ``daycount``: the day counts a bill prints, and those its charges are billed on.

Nothing here raises on a bad bill.
"""

from __future__ import annotations

from minimeter.arithmetic.daycount import billed_day_counts, printed_day_counts, stated_days
from minimeter.arithmetic.relations import (
    BALANCE,
    CENT,
    CURRENT,
    Linear,
    Outcome,
    explains,
    linear,
    period_days,
    product,
    reads,
    total_of,
    ulp,
)
from minimeter.arithmetic.solver import Solution, solve
from minimeter.arithmetic.values import Place, Printed, distinct

__all__ = [
    "BALANCE", "CENT", "CURRENT", "Linear", "Outcome", "Place", "Printed", "Solution", "billed_day_counts", "distinct",
    "explains", "linear",
    "period_days", "printed_day_counts", "product", "reads", "solve", "stated_days", "total_of", "ulp",
]
