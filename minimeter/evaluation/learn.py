"""``minimeter eval DIR --learn``: replay a labelled folder as a reviewer would work through it.

Bills are taken in name order into a real store in a temporary data folder and processed as
``minimeter process`` does (templates included); each bill is scored, then approved with its
truth through the same review code path as the TUI and ``minimeter review`` (so it teaches its
layout's template). Bills are split into those whose layout had been approved before (``seen``)
and the rest (``unseen``). The layout of a bill is its truth's ``layout`` (generated bills), else
its ``same_layout_as`` (the name of the first bill of that layout), else its own name.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.evaluation.runner import BillOutcome, EvalReport, score_bill

if TYPE_CHECKING:
    from minimeter.evaluation.truth import Case
    from minimeter.schema import BillNormalized


def layout_of(case: Case) -> str:
    return str(case.truth.get("layout") or case.truth.get("same_layout_as") or case.name)


@dataclass
class LearnReport:
    report: EvalReport
    """Every bill, grouped ``seen`` / ``unseen``."""
    templated: dict[str, list[str]] = field(default_factory=dict)
    """Bill name -> fields a template supplied."""

    def part(self, group: str) -> dict[str, Any]:
        bills = [b for b in self.report.bills if b.group == group]
        s = self.report.summary(bills)
        s["wrong_accepted"] = sum(1 for b in bills if b.status == "SUCCEEDED" and b.key_error)
        s["template_read"] = sum(1 for b in bills if self.templated.get(b.name))
        return s

    def to_json(self) -> dict[str, Any]:
        return {"seen": self.part("seen"), "unseen": self.part("unseen"), "templated": self.templated,
                "bills": self.report.to_json()["bills"]}


def truth_bill(truth: dict[str, Any], base: BillNormalized) -> BillNormalized:
    """The bill as a reviewer would leave it: every truth field typed in, the rest as extracted."""
    from minimeter.review import corrected_bill, display_value

    known = set(base.scalar_fields())
    values = {k: display_value(v) for k, v in truth.items() if k in known and not isinstance(v, dict | list)}
    return corrected_bill(base, values)


def run_learn(cases: list[Case], extractor: str, *, folder: str = "", home: Path | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> LearnReport:
    from minimeter.intake.inbox import Inbox
    from minimeter.review import approve
    from minimeter.schema import BillNormalized
    from minimeter.settings import load_settings
    from minimeter.store import open_store
    from minimeter.templates import template_of
    from minimeter.worker import drain

    tmp = tempfile.TemporaryDirectory(prefix="minimeter-learn-") if home is None else None
    settings = load_settings(home or Path(tmp.name), extractor=extractor, stable_seconds=0.0)  # type: ignore[union-attr]
    settings.ensure_dirs()
    store = open_store(settings)
    seen: set[str] = set()
    outcomes: list[BillOutcome] = []
    templated: dict[str, list[str]] = {}
    try:
        for i, case in enumerate(cases):
            if progress:
                progress(i, len(cases), case.name)
            layout = layout_of(case)
            group = "seen" if layout in seen else "unseen"
            t0 = time.perf_counter()
            res = Inbox(settings, store).take(case.bill, move=False)
            job = res.job
            error = None
            if job is not None:
                drain(settings, store, extractor=extractor)
                job = store.get_job(job.id)
            secs = time.perf_counter() - t0
            current = store.current_bill(job.id) if job is not None else None
            if job is None or current is None:
                error = (job.last_error if job else None) or "not extracted"
                outcomes.append(BillOutcome(case.name, group, None, error, score_bill(case, {}), secs, 0, case.planted))
                continue
            result = current.result
            predicted = result.bill.model_dump(mode="python")
            fields = score_bill(case, predicted)
            _, supplied = template_of(result)
            templated[case.name] = supplied
            wrong = {f: predicted.get(f) for f, o in fields.items() if o in ("wrong", "hallucinated")}
            outcomes.append(BillOutcome(case.name, group, result.status, None, fields, secs, 0, case.planted,
                                        [c.rule for c in result.checks if c.passed is False],
                                        {k: v if isinstance(v, int | float | str) or v is None else str(v)
                                         for k, v in wrong.items()}))
            bill = truth_bill(case.truth, result.bill if result else BillNormalized())
            approve(store, settings, job, bill, reviewer="eval --learn", original=result, note="replayed truth")
            seen.add(layout)
    finally:
        store.close()
        if tmp is not None:
            tmp.cleanup()
    return LearnReport(EvalReport(folder, extractor, outcomes), templated)
