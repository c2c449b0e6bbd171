"""Evaluation: score extraction against labelled bills (``minimeter eval``).

``truth`` finds bills with ``<name>.truth.json`` beside them; ``score`` compares one value
with its truth; ``runner`` extracts and scores a set; ``report`` renders tables; ``baseline``
stores a known-good run and detects regressions.
"""

from __future__ import annotations

from minimeter.evaluation.runner import EvalReport, run_eval
from minimeter.evaluation.truth import Case, EvalError, find_cases

__all__ = ["Case", "EvalError", "EvalReport", "find_cases", "run_eval"]
