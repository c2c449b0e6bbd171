"""Printed conversion formulas: a meter's units turned into the quantity the bill charges for.

Gas bills print how the metered volume becomes energy: "81 m³ x 1.02264 (volume correction) x 40.4
(calorific value) / 3.6 = 930 kWh", "117 x 2.83 = 331.11 m³, x 1.02264 x 40.2 / 3.6 = 3,781 kWh" (hundreds
of cubic feet, then cubic metres). The result of such a formula whose arithmetic checks (to the precision
the result is printed with) is strong evidence: a wrong figure would not come out of it.

``formulas(view, fmt) -> list[Formula]``: every chain on one line of numbers joined by ``x`` or ``/``, each
``=`` followed by the printed result (a result may go on: ``= 331.11 m³, x ...``), with at least two
operations, ending in a unit. Words in brackets between the figures name the factors and are skipped; any
other word breaks the chain. Pure text scanning; offsets are into ``view.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from minimeter.arithmetic import ulp
from minimeter.extract import parse

if TYPE_CHECKING:
    from minimeter.extract.candidates import View

_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:[.,'\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])")
_UNIT = r"(?:kwh|mwh|m³|m3|ft³|cf|ccf|hcf|therms?|units?)"
# What may stand between two figures of the formula: a unit, a comma, brackets naming a factor.
_JOIN = re.compile(rf"(?i)^(?:\s|,|\([^()]{{0,40}}\)|{_UNIT}(?![a-z]))*$")
_OP = re.compile(r"[x×*/=]")


@dataclass(frozen=True)
class Formula:
    first: Decimal
    """The figure the formula starts from (the meter's units)."""
    result: Decimal
    unit: str
    """The unit printed after the result, canonical ("kWh", "m3")."""
    start: int
    end: int
    """The span of the result figure."""
    line: str
    """The whole line the formula is printed on."""


def _evaluate(line: str, fmt: str) -> list[tuple[Decimal, Decimal, int, int, int]]:
    """(first, result, start, end, operations) of each chain on ``line`` that checks; offsets into ``line``."""
    nums = [(m, parse.parse_number(m.group(0), fmt)) for m in _NUMBER.finditer(line)]
    out: list[tuple[Decimal, Decimal, int, int, int]] = []
    i = 0
    while i < len(nums):
        _m0, v0 = nums[i]
        if v0 is None:
            i += 1
            continue
        value, first, ops, j, result = v0, v0, 0, i, None
        while j + 1 < len(nums):
            m, _v = nums[j]
            nxt, w = nums[j + 1]
            gap = line[m.end():nxt.start()]
            found = list(_OP.finditer(gap))
            if len(found) != 1 or w is None or not (_JOIN.match(gap[:found[0].start()])
                                                    and _JOIN.match(gap[found[0].end():])):
                break
            op = found[0].group(0)
            try:
                if op == "=":
                    if ops == 0 or abs(value - w) > ulp(w) / 2 + Decimal("0.001"):
                        break  # the printed result is not what the figures give
                    value, result = w, (w, nxt.start(), nxt.end())
                elif op == "/":
                    value = value / w
                    ops += 1
                else:
                    value = value * w
                    ops += 1
            except (InvalidOperation, ZeroDivisionError):
                break
            j += 1
        if result is not None and ops >= 2:
            out.append((first, result[0], result[1], result[2], ops))
            i = j + 1
        else:
            i += 1
    return out


def formulas(view: View, fmt: str) -> list[Formula]:
    """Every printed formula of ``view`` whose arithmetic checks and whose result is followed by its unit."""
    out: list[Formula] = []
    for n in range(view.n_lines):
        s, e = view.line(n)
        line = view.text[s:e]
        if not _OP.search(line) or "=" not in line:
            continue
        for first, result, a, b, _ops in _evaluate(line, fmt):
            unit = re.match(rf"(?i)\s*({_UNIT})(?![a-z])", line[b:])
            if unit is None:
                continue
            canon = parse.QTY_UNITS.get(unit.group(1).lower(), unit.group(1))
            out.append(Formula(first, result, canon, s + a, s + b, line))
    return out
