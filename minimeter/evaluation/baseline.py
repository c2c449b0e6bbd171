"""The baseline: per-bill, per-field outcomes of a known-good run, and the regression check.

``eval/baseline.json`` stores one outcome code per field for every bill (``C`` correct, ``W``
wrong, ``M`` missing, ``H`` hallucinated, ``.`` absent, ``_`` not scored), so a run over any
subset of the bills can be compared with the baseline on exactly that subset.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minimeter.evaluation.runner import Counts, EvalReport
from minimeter.evaluation.score import EXTRA_FIELDS, SCORED_FIELDS

FIELD_ORDER = (*SCORED_FIELDS, *EXTRA_FIELDS)
_CODE = {"correct": "C", "wrong": "W", "missing": "M", "hallucinated": "H", "absent": "."}
_DECODE = {v: k for k, v in _CODE.items()}


def encode(fields: dict[str, str]) -> str:
    return "".join(_CODE.get(fields.get(f, ""), "_") for f in FIELD_ORDER)


def decode(code: str, order: list[str]) -> dict[str, str]:
    return {f: _DECODE[c] for f, c in zip(order, code, strict=False) if c in _DECODE}


def to_baseline(report: EvalReport, note: str = "") -> dict[str, Any]:
    return {
        "extractor": report.extractor,
        "note": note,
        "field_order": list(FIELD_ORDER),
        "summary": {k: v for k, v in report.summary().items() if not k.startswith("latency")},
        "fields": {f: round(c.accuracy, 4) if c.accuracy is not None else None
                   for f, c in report.field_counts().items()},
        "bills": {b.name: encode(b.fields) for b in report.bills},
    }


def write_baseline(report: EvalReport, path: Path, note: str = "") -> None:
    path.write_text(json.dumps(to_baseline(report, note), indent=1) + "\n", encoding="utf-8")


def load_baseline(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def regressions(baseline: dict[str, Any], report: EvalReport, margin: float = 0.02) -> list[str]:
    """Fields whose accuracy on the bills both runs share dropped by more than ``margin``."""
    order = list(baseline["field_order"])
    base_bills = baseline["bills"]
    common = [b for b in report.bills if b.name in base_bills]
    before: dict[str, Counts] = {}
    for b in common:
        for f, o in decode(base_bills[b.name], order).items():
            before.setdefault(f, Counts()).add(o)
    now = report.field_counts(common)
    out = []
    for f, c in before.items():
        acc_before, acc_now = c.accuracy, (now[f].accuracy if f in now else None)
        if acc_before is None:
            continue
        if acc_now is None or acc_now < acc_before - margin:
            out.append(f"{f}: {acc_before:.1%} -> {0 if acc_now is None else acc_now:.1%} "
                       f"on {len(common)} bills")
    return out
