"""A small solver: which candidate each role takes so that the bill's relations hold.

``solve(candidates, relations)``: ``candidates`` maps a role to its printed values (best first, a
handful each); every role may also stay empty. The chosen assignment maximises

    sum of the chosen candidates' scores + EVIDENCE x (relations held as evidence)
                                        + CONSISTENT x (relations held through natural pairs only)

so a relation that holds outweighs a slightly better-scored candidate, while an identity that holds
whatever the values (``x - y + y = x``) earns nothing, nor does a relation whose roles share one
printed figure (a role may still take it: one printed line can carry two labels). Returns the
assignment and every relation's ``Outcome`` on it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from minimeter.arithmetic.relations import Linear, Outcome
from minimeter.arithmetic.values import Printed

EVIDENCE = 1.5
CONSISTENT = 0.5
WIDTH = 4
"""Candidates tried per role: the finder's top few; a value further down is no longer a reading of the label."""


@dataclass
class Solution:
    assignment: dict[str, Printed | None]
    outcomes: list[Outcome] = field(default_factory=list)
    score: float = 0.0

    @property
    def confirmed(self) -> set[str]:
        """Roles some relation is evidence for."""
        return {r for o in self.outcomes if o.evidence for r in o.confirms}

    def held(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.holds]


def solve(candidates: Mapping[str, Sequence[Printed]], relations: Sequence[Linear], *,
          width: int = WIDTH) -> Solution:
    roles = list(candidates)
    options: list[list[Printed | None]] = [[*candidates[r][:width], None] for r in roles]
    best: Solution | None = None
    for combo in itertools.product(*options):
        chosen = [v for v in combo if v is not None]
        assignment = dict(zip(roles, combo, strict=True))
        outcomes = [rel.evaluate(assignment) for rel in relations]
        score = sum(v.score for v in chosen)
        score += sum(EVIDENCE if o.evidence else CONSISTENT if o.consistent else 0.0 for o in outcomes)
        if best is None or score > best.score + 1e-9:
            best = Solution(assignment, outcomes, score)
    return best or Solution(dict.fromkeys(roles))
