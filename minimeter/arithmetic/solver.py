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
    """Exhaustive over the roles that relations share; each relation's own roles are then chosen for it
    alone (they meet no other relation), so seven summary-block roles cost thousands of evaluations,
    not the product of every role's options."""
    options: dict[str, list[Printed | None]] = {r: [*candidates[r][:width], None] for r in candidates}
    mine = [[r for r, _s in rel.terms if r in options] for rel in relations]
    count: dict[str, int] = {}
    for roles in mine:
        for r in roles:
            count[r] = count.get(r, 0) + 1
    shared = [r for r in options if count.get(r, 0) > 1]
    free = [r for r in options if r not in count]
    best: Solution | None = None
    for combo in itertools.product(*(options[r] for r in shared)):
        assignment: dict[str, Printed | None] = dict(zip(shared, combo, strict=True))
        score = sum(v.score for v in combo if v is not None)
        outcomes: list[Outcome] = []
        for rel, roles in zip(relations, mine, strict=True):
            own = [r for r in roles if r not in shared]
            top: tuple[float, dict[str, Printed | None], Outcome] | None = None
            for pick in itertools.product(*(options[r] for r in own)):
                trial = {**assignment, **dict(zip(own, pick, strict=True))}
                out = rel.evaluate(trial)
                value = sum(v.score for v in pick if v is not None) + _bonus(out)
                if top is None or value > top[0] + 1e-9:
                    top = (value, dict(zip(own, pick, strict=True)), out)
            assert top is not None
            score += top[0]
            assignment.update(top[1])
            outcomes.append(top[2])
        if best is None or score > best.score + 1e-9:
            best = Solution(assignment, outcomes, score)
    assert best is not None
    for r in free:  # in no relation: the best-scored candidate, if any
        first = options[r][0]
        best.assignment[r] = first
        best.score += first.score if first is not None else 0.0
    return best


def _bonus(out: Outcome) -> float:
    return EVIDENCE if out.evidence else CONSISTENT if out.consistent else 0.0
