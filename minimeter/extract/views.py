"""What the candidate finder reads and what it returns: a page's text as a ``View`` and a ``Candidate``.

A ``View`` is one page's plain text (content order) or layout text (rebuilt by position) with its line
offsets; a ``Candidate`` is one value a field could take, with the exact characters it came from
(``view.text[start:end] == candidate.raw``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class View:
    page: int
    text: str
    layout: bool
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def line_no(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line(self, n: int) -> tuple[int, int]:
        s = self.starts[n]
        e = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.text)
        return s, e

    @property
    def n_lines(self) -> int:
        return len(self.starts)


@dataclass
class Candidate:
    field: str
    value: Any
    raw: str
    page: int
    start: int
    end: int
    layout: bool
    score: float
    label: str | None = None
    unit: str | None = None
    why: str = ""
