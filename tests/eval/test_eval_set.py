"""The committed eval set: big and varied enough, and exactly what the generator makes from its seed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from minimeter.samples import generate

EVAL = Path(__file__).resolve().parents[2] / "eval" / "bills"
SEED, COUNT = 7, 150  # keep in step with eval/README.md


def _truths() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EVAL.glob("*.truth.json"))]


def test_eval_set_size_and_variety() -> None:
    pdfs = sorted(EVAL.glob("*.pdf"))
    truths = _truths()
    assert len(pdfs) == len(truths) == COUNT >= 120
    for pdf in pdfs:
        assert pdf.with_suffix("").with_suffix(".truth.json").is_file(), pdf.name
    layouts = Counter(t["layout"] for t in truths)
    assert len(layouts) >= 12 and min(layouts.values()) >= 8
    assert len({t["currency"] for t in truths}) >= 4
    planted = [t for t in truths if t["planted"]]
    assert 0.07 * COUNT <= len(planted) <= 0.13 * COUNT
    assert len({t["planted"][0] for t in planted}) == 6
    images = [t for t in truths if t["image_only"]]
    assert 0.03 * COUNT <= len(images) <= 0.1 * COUNT
    assert any(t["gas_usage"] and t["electricity_kwh"] for t in truths)  # dual fuel
    assert any(t["demand_kw"] for t in truths)
    assert any(len(t["meters"]) > 1 for t in truths)
    assert any(t["total_amount_due"] < 0 for t in truths)  # credit balances
    assert sum(p.stat().st_size for p in EVAL.iterdir()) < 5_000_000
    for pdf in pdfs:
        limit = 150_000 if json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text())["image_only"] \
            else 60_000
        assert pdf.stat().st_size < limit, pdf.name


def test_eval_set_regenerates_from_its_seed(tmp_path: Path) -> None:
    """The first bills regenerate byte for byte (text PDFs and truth; scans depend on local fonts)."""
    paths = generate(tmp_path, 30, SEED)
    for p in paths:
        committed = EVAL / p.name
        truth = p.with_suffix("").with_suffix(".truth.json")
        assert truth.read_bytes() == (EVAL / truth.name).read_bytes(), truth.name
        if not json.loads(truth.read_text())["image_only"]:
            assert p.read_bytes() == committed.read_bytes(), p.name


@pytest.mark.slow
def test_whole_eval_set_regenerates(tmp_path: Path) -> None:
    generate(tmp_path, COUNT, SEED)
    for truth in sorted(tmp_path.glob("*.truth.json")):
        assert truth.read_bytes() == (EVAL / truth.name).read_bytes(), truth.name
