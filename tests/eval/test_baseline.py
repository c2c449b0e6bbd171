"""Accuracy must not quietly drop: the rules extractor on the eval set vs eval/baseline.json.

The fast test scores every seventh bill and compares with the baseline's outcomes for exactly
those bills; the slow one scores the whole set. Either fails when a field's accuracy drops by
more than MARGIN. After an intended change, refresh the baseline (see eval/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minimeter.evaluation import find_cases, run_eval
from minimeter.evaluation.baseline import load_baseline, regressions
from minimeter.extract import base as extractors
from minimeter.pipeline import get_extractor
from minimeter.settings import load_settings

EVAL = Path(__file__).resolve().parents[2] / "eval"
MARGIN = 0.02


def _check(minimeter_home: Path, every: int) -> None:
    if "rules" not in extractors.available():
        pytest.skip("the rules extractor is not registered yet (minimeter.extract.builtin)")
    baseline_path = EVAL / "baseline.json"
    if not baseline_path.is_file():
        pytest.skip("eval/baseline.json has not been written yet")
    baseline = load_baseline(baseline_path)
    assert baseline["extractor"] == "rules"
    settings = load_settings(minimeter_home)
    cases = find_cases(EVAL / "bills")[::every]
    report = run_eval(cases, settings, get_extractor(settings, "rules"), folder="eval/bills")
    worse = regressions(baseline, report, MARGIN)
    assert not worse, "field accuracy dropped vs eval/baseline.json:\n" + "\n".join(worse)


def test_rules_not_worse_than_baseline_sample(minimeter_home: Path) -> None:
    _check(minimeter_home, every=7)  # 22 bills; 7 and 15 layouts are coprime, so every layout is in


@pytest.mark.slow
def test_rules_not_worse_than_baseline_full(minimeter_home: Path) -> None:
    _check(minimeter_home, every=1)


@pytest.mark.model
def test_local_model_eval_runs(minimeter_home: Path) -> None:
    """The local model path end to end on a few bills: every bill scored, tokens counted."""
    from minimeter.errors import MinimeterError

    if "local" not in extractors.available():
        pytest.skip("the local extractor is not registered")
    settings = load_settings(minimeter_home)
    try:
        extractor = get_extractor(settings, "local")
    except MinimeterError as exc:
        pytest.skip(f"local model unavailable: {exc.one_line()}")
    cases = [c for c in find_cases(EVAL / "bills") if not c.truth.get("image_only")][:6]
    report = run_eval(cases, settings, extractor, folder="eval/bills")
    s = report.summary()
    assert s["bills"] == 6
    assert s["failed"] == 0, [b.error for b in report.bills if b.error]
    assert s["correct"] > 0
