"""Printed values: a number, where the bill prints it, and how much the finder believed it.

A relation is evidence only when each of its roles takes its own printed value. Two roles may hold
the same number only when the bill prints that number at two different places; "different" is
decided on places of one view (a page's plain text or its layout text), because the same printed
figure has other offsets in the other view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Place:
    """One printing of a value: page (1-based), view (``plain`` / ``layout``) and character span."""

    page: int
    start: int
    end: int
    view: str = "plain"

    def same(self, other: Place) -> bool:
        """The same printed characters (overlapping spans in one view of one page)."""
        return (self.page, self.view) == (other.page, other.view) and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Printed:
    """A value a role may take, with every place the bill prints it for that role, and a score.

    ``places`` empty means "not known to be printed" (a value a model produced, a derived figure):
    such a value can take part in a relation but never makes it evidence."""

    value: Decimal
    places: tuple[Place, ...] = ()
    score: float = 0.0
    label: str = ""
    ref: object = field(default=None, compare=False, hash=False)
    """The caller's own object (a candidate, a group) to return with the solution."""

    @property
    def printed(self) -> bool:
        return bool(self.places)


def distinct(values: Sequence[Printed]) -> bool:
    """Whether every value can stand on its own printed place.

    Values with different magnitudes are different printings by construction. Values sharing a
    magnitude (``201.00`` and ``-201.00`` too: a payment is printed either way) need one place each,
    all different, within one view: a system of distinct representatives, tried per view."""
    by_mag: dict[Decimal, list[Printed]] = {}
    for v in values:
        by_mag.setdefault(abs(v.value).normalize(), []).append(v)
    return all(len(same) == 1 or _representatives(same) for same in by_mag.values())


def _representatives(same: list[Printed]) -> bool:
    if any(not v.printed for v in same):
        return False
    for view in sorted({p.view for v in same for p in v.places}):
        options = [[(p.page, p.start) for p in v.places if p.view == view] for v in same]
        if all(options) and _matching(options):
            return True
    return False


def _matching(options: list[list[tuple[int, int]]]) -> bool:
    """Every value gets a place of its own (augmenting paths: Kuhn's bipartite matching)."""
    owner: dict[tuple[int, int], int] = {}

    def take(i: int, seen: set[tuple[int, int]]) -> bool:
        for place in options[i]:
            if place in seen:
                continue
            seen.add(place)
            if place not in owner or take(owner[place], seen):
                owner[place] = i
                return True
        return False

    return all(take(i, set()) for i in range(len(options)))
