"""Run an extractor over labelled bills and score every field.

``run_eval(cases, settings, extractor)`` extracts each bill through the real pipeline
(``minimeter.pipeline.extract_file``: read, extract, validate), scores each truth field and
returns an ``EvalReport``. A bill that cannot be read or extracted (a ``MinimeterError``, or
an unexpected exception from a buggy extractor, which is also logged) counts as a failed bill
with every truth value missing; it never stops the run.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from minimeter.errors import MinimeterError
from minimeter.evaluation.score import EXTRA_FIELDS, OUTCOMES, SCORED_FIELDS, outcome
from minimeter.evaluation.truth import Case
from minimeter.store.lifecycle import Status

if TYPE_CHECKING:
    from minimeter.extract.base import Extractor
    from minimeter.settings import Settings

log = logging.getLogger(__name__)

# A wrong value in one of these is what validation exists to catch.
KEY_FIELDS = ("total_amount_due", "current_charges", "previous_balance", "account_number", "statement_date",
              "due_date", "billing_period_start", "billing_period_end", "electricity_kwh", "gas_therms",
              "gas_usage", "water_usage", "demand_kw")


@dataclass
class BillOutcome:
    name: str
    group: str
    status: str | None
    """SUCCEEDED / NEEDS_REVIEW, or None when extraction failed."""
    error: str | None
    fields: dict[str, str]
    """field -> correct / wrong / missing / hallucinated / absent."""
    seconds: float
    tokens: int
    planted: list[str] = field(default_factory=list)
    failed_rules: list[str] = field(default_factory=list)
    predicted: dict[str, Any] = field(default_factory=dict)
    """Predicted values of fields that were not correct (for --show-errors)."""

    @property
    def key_error(self) -> bool:
        return any(self.fields.get(f) in ("wrong", "hallucinated") for f in KEY_FIELDS)


@dataclass
class Counts:
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    hallucinated: int = 0

    @property
    def scored(self) -> int:
        return self.correct + self.wrong + self.missing + self.hallucinated

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.scored if self.scored else None

    def add(self, o: str) -> None:
        if o in OUTCOMES:
            setattr(self, o, getattr(self, o) + 1)


@dataclass
class EvalReport:
    folder: str
    extractor: str
    bills: list[BillOutcome]

    def field_counts(self, bills: list[BillOutcome] | None = None) -> dict[str, Counts]:
        out: dict[str, Counts] = {}
        for b in self.bills if bills is None else bills:
            for f, o in b.fields.items():
                out.setdefault(f, Counts()).add(o)
        order = [f for f in (*SCORED_FIELDS, *EXTRA_FIELDS) if f in out]
        return {f: out[f] for f in order}

    def groups(self) -> dict[str, list[BillOutcome]]:
        g: dict[str, list[BillOutcome]] = {}
        for b in self.bills:
            g.setdefault(b.group, []).append(b)
        return dict(sorted(g.items()))

    def summary(self, bills: list[BillOutcome] | None = None) -> dict[str, Any]:
        bills = self.bills if bills is None else bills
        total = Counts()
        for c in self.field_counts(bills).values():
            for o in OUTCOMES:
                setattr(total, o, getattr(total, o) + getattr(c, o))
        n = len(bills)
        ok = [b for b in bills if b.error is None]
        passed = sum(1 for b in ok if b.status == Status.SUCCEEDED)
        key_err = [b for b in ok if b.key_error]
        caught = sum(1 for b in key_err if b.status == Status.NEEDS_REVIEW)
        planted = [b for b in bills if b.planted]
        planted_flagged = sum(1 for b in planted if b.status == Status.NEEDS_REVIEW)
        planted_rule = sum(1 for b in planted if set(b.planted) & set(b.failed_rules))
        clean = [b for b in ok if not b.planted and not b.key_error and b.fields]
        secs = sorted(b.seconds for b in bills)
        return {
            "bills": n,
            "failed": n - len(ok),
            "field_accuracy": total.accuracy,
            "correct": total.correct, "wrong": total.wrong, "missing": total.missing,
            "hallucinated": total.hallucinated,
            "passed_validation": passed / n if n else None,
            "passed_validation_count": passed,
            "wrong_caught": caught / len(key_err) if key_err else None,
            "wrong_bills": len(key_err),
            "wrong_caught_count": caught,
            "planted": len(planted),
            "planted_flagged": planted_flagged,
            "planted_rule_named": planted_rule,
            "clean_bills": len(clean),
            "clean_passed": sum(1 for b in clean if b.status == Status.SUCCEEDED),
            "latency_median": statistics.median(secs) if secs else None,
            "latency_p95": secs[min(len(secs) - 1, int(round(0.95 * (len(secs) - 1))))] if secs else None,
            "tokens": sum(b.tokens for b in bills),
        }

    def to_json(self) -> dict[str, Any]:
        fields = {f: {**asdict(c), "accuracy": c.accuracy} for f, c in self.field_counts().items()}
        groups = {
            g: {**self.summary(bs), "fields": {f: c.accuracy for f, c in self.field_counts(bs).items()}}
            for g, bs in self.groups().items()
        }
        return {
            "folder": self.folder,
            "extractor": self.extractor,
            "summary": self.summary(),
            "fields": fields,
            "groups": groups,
            "bills": [
                {"name": b.name, "group": b.group, "status": b.status, "error": b.error, "seconds": b.seconds,
                 "tokens": b.tokens, "planted": b.planted, "failed_rules": b.failed_rules, "fields": b.fields}
                for b in self.bills
            ],
        }


def score_bill(case: Case, predicted: dict[str, Any]) -> dict[str, str]:
    """Outcome per field present in the truth file (a missing key is not scored)."""
    return {f: outcome(f, case.truth[f], predicted.get(f)) for f in (*SCORED_FIELDS, *EXTRA_FIELDS)
            if f in case.truth}


def run_eval(
    cases: list[Case],
    settings: Settings,
    extractor: Extractor,
    *,
    folder: str = "",
    progress: Callable[[int, int, str], None] | None = None,
) -> EvalReport:
    from minimeter.pipeline import extract_file

    outcomes: list[BillOutcome] = []
    for i, case in enumerate(cases):
        if progress:
            progress(i, len(cases), case.name)
        t0 = time.perf_counter()
        try:
            _, result = extract_file(case.bill, settings, extractor)
        except Exception as exc:  # noqa: BLE001 - one bad bill (or extractor bug) must not end the run
            secs = time.perf_counter() - t0
            msg = exc.one_line() if isinstance(exc, MinimeterError) else f"unexpected {type(exc).__name__}: {exc}"
            if not isinstance(exc, MinimeterError):
                log.warning("eval: %s crashed the extractor", case.name, exc_info=True)
            outcomes.append(BillOutcome(case.name, case.group, None, msg, score_bill(case, {}), secs, 0,
                                        case.planted))
            continue
        secs = time.perf_counter() - t0
        predicted = result.bill.model_dump(mode="python")
        fields = score_bill(case, predicted)
        failed = [c.rule for c in result.checks if c.passed is False]
        wrong = {f: predicted.get(f) for f, o in fields.items() if o in ("wrong", "hallucinated")}
        outcomes.append(BillOutcome(case.name, case.group, result.status, None, fields, secs,
                                    result.tokens_prompt + result.tokens_completion, case.planted, failed,
                                    {k: (v if isinstance(v, int | float | str) or v is None else str(v))
                                     for k, v in wrong.items()}))
    return EvalReport(folder, getattr(extractor, "name", "?"), outcomes)
