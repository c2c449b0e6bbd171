"""Finding labelled bills and reading their truth files.

A case is a bill file with a ``<stem>.truth.json`` beside it (the format of
``../shared/realbills``: flat fields, ISO dates, numbers as numbers, null where the bill does
not show the field). A truth key that is missing means "not scored"; a key set to null
means "the bill does not show it" (a prediction there is a hallucination).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minimeter.errors import MinimeterError

TRUTH_SUFFIX = ".truth.json"
BILL_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif")


class EvalError(MinimeterError):
    """The eval folder or a truth file cannot be used."""


@dataclass
class Case:
    name: str
    bill: Path
    truth: dict[str, Any]
    group: str
    """The layout (generated bills) or provider (real bills) the report groups by."""
    planted: list[str] = field(default_factory=list)


def load_truth(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read truth file {path.name}: {exc}", hint="fix or remove it") from exc
    if not isinstance(data, dict):
        raise EvalError(f"truth file {path.name} is not a JSON object", hint="see eval/README.md for the format")
    return data


def find_cases(folder: Path, *, layout: str | None = None, limit: int | None = None) -> list[Case]:
    """Every bill in ``folder`` with a truth file, sorted by name; optionally one group, at most ``limit``.

    ``layout`` selects a layout by exact name, else groups or file names containing it.
    """
    if not folder.is_dir():
        raise EvalError(f"{folder} is not a folder", hint="pass a folder of bills with <name>.truth.json files")
    cases: list[Case] = []
    for tpath in sorted(folder.glob(f"*{TRUTH_SUFFIX}")):
        stem = tpath.name[: -len(TRUTH_SUFFIX)]
        bill = next((folder / (stem + s) for s in BILL_SUFFIXES if (folder / (stem + s)).is_file()), None)
        if bill is None:
            bill = next((p for p in sorted(folder.glob(stem + ".*"))
                         if p != tpath and not p.name.endswith(TRUTH_SUFFIX)), None)
        if bill is None:
            continue
        truth = load_truth(tpath)
        group = str(truth.get("layout") or truth.get("provider") or "unknown")
        planted = [str(p) for p in (truth.get("planted") or [])]
        cases.append(Case(stem, bill, truth, group, planted))
    if layout:
        # An exact layout name first; else a piece of a provider name or file name ("edison").
        exact = [c for c in cases if c.group == layout]
        key = layout.casefold()
        cases = exact or [c for c in cases if key in c.group.casefold() or key in c.name.casefold()]
    if not cases:
        raise EvalError(f"no labelled bills in {folder}" + (f" for layout {layout!r}" if layout else ""),
                        hint="each bill needs a <name>.truth.json beside it")
    return cases[:limit] if limit else cases
