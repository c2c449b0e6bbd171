"""The eval runner and `minimeter eval` over generated bills with a real (tiny) extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from minimeter.cli import main
from minimeter.cli.eval_report import render
from minimeter.evaluation import EvalError, find_cases, run_eval
from minimeter.evaluation.baseline import regressions, to_baseline
from minimeter.pipeline import get_extractor
from minimeter.samples import generate
from minimeter.settings import load_settings


@pytest.fixture
def bills(tmp_path: Path) -> Path:
    folder = tmp_path / "bills"
    generate(folder, 6, seed=2, layouts=["duke", "coned", "ngrid_gas"], image_only_share=0)
    # A file that is not a PDF, with a truth: it must count as a failed bill, not stop the run.
    (folder / "zz_broken.pdf").write_bytes(b"this is not a pdf")
    (folder / "zz_broken.truth.json").write_text(json.dumps({"total_amount_due": 10, "provider": "X"}))
    (folder / "no_truth.pdf").write_bytes(b"%PDF-1.4 unlabelled")
    # An extractor bug on one bill is reported, not raised.
    from tests.helpers import make_pdf

    make_pdf(folder / "zz_crash.pdf", ["CRASH-THE-EVAL-EXTRACTOR"])
    (folder / "zz_crash.truth.json").write_text(json.dumps({"layout": "crash", "account_number": "1"}))
    return folder


def test_find_cases(bills: Path) -> None:
    cases = find_cases(bills)
    assert [c.name for c in cases][:2] == ["001_duke", "002_coned"]
    assert len(cases) == 8  # the unlabelled file is skipped
    assert {c.group for c in cases} == {"duke", "coned", "ngrid_gas", "X", "crash"}
    assert [c.name for c in find_cases(bills, layout="coned")] == ["002_coned", "005_coned"]
    assert len(find_cases(bills, limit=2)) == 2
    assert [c.name for c in find_cases(bills, layout="GAS")] == ["003_ngrid_gas", "006_ngrid_gas"]
    with pytest.raises(EvalError):
        find_cases(bills, layout="nope")
    with pytest.raises(EvalError):
        find_cases(bills / "missing")


def test_run_eval_counts(bills: Path, regex_extractor: type, minimeter_home: Path) -> None:
    settings = load_settings(minimeter_home)
    cases = find_cases(bills)
    report = run_eval(cases, settings, get_extractor(settings, "eval-regex"), folder=str(bills))
    by_name = {b.name: b for b in report.bills}
    broken = by_name["zz_broken"]
    assert broken.status is None and broken.error
    assert broken.fields == {"total_amount_due": "missing", "provider": "missing"}
    crash = by_name["zz_crash"]
    assert crash.error and "planted extractor bug" in crash.error
    assert crash.fields == {"account_number": "missing"}

    counts = report.field_counts()
    generated = [c for c in cases if not c.name.startswith("zz_")]
    # demand_kw is always predicted as 1 kW: every bill without demand is a hallucination.
    no_demand = sum(1 for c in generated if c.truth["demand_kw"] is None)
    assert counts["demand_kw"].hallucinated == no_demand
    assert counts["account_number"].correct >= 1  # some layouts print "Account ...: value" on one line
    assert counts["account_number"].correct + counts["account_number"].missing == len(generated) + 1
    assert counts["statement_date"].missing == sum(1 for c in generated if c.truth["statement_date"])
    assert counts["currency"].correct == len(generated)
    assert counts["provider"].missing == len(cases) - 1

    s = report.summary()
    assert s["bills"] == 8 and s["failed"] == 2
    assert s["tokens"] == 7 * 6
    assert s["latency_median"] is not None and s["latency_p95"] >= s["latency_median"]
    assert s["field_accuracy"] == pytest.approx(s["correct"] / (s["correct"] + s["wrong"] + s["missing"]
                                                                 + s["hallucinated"]))
    data = report.to_json()
    json.dumps(data)
    assert set(data["groups"]) == {"duke", "coned", "ngrid_gas", "X", "crash"}

    from rich.console import Console

    console = Console(record=True, width=160)
    render(report, console, show_errors=True)
    out = console.export_text()
    assert "Per field" in out and "Per layout / provider" in out and "zz_broken" in out

    # A run compared with its own baseline shows no regression; a worse run does.
    base = to_baseline(report)
    assert regressions(base, report) == []
    for b in report.bills:
        if b.fields.get("account_number") == "correct":
            b.fields["account_number"] = "wrong"
    assert any(r.startswith("account_number") for r in regressions(base, report))


def test_cli_eval(bills: Path, regex_extractor: type) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["eval", str(bills), "--extractor", "eval-regex", "--json", "--limit", "3"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["summary"]["bills"] == 3
    assert data["extractor"] == "eval-regex"

    res = runner.invoke(main, ["eval", str(bills), "--extractor", "eval-regex", "--layout", "duke"])
    assert res.exit_code == 0, res.output
    assert "Per field" in res.stdout and "duke" in res.stdout

    base = bills.parent / "base.json"
    res = runner.invoke(main, ["eval", str(bills), "--extractor", "eval-regex", "--write-baseline", str(base)])
    assert res.exit_code == 0 and base.is_file()
    res = runner.invoke(main, ["eval", str(bills), "--extractor", "eval-regex", "--check-baseline", str(base)])
    assert res.exit_code == 0, res.output


def test_cli_eval_user_errors(tmp_path: Path, regex_extractor: type) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["eval", str(tmp_path), "--extractor", "eval-regex"])
    assert res.exit_code == 1
    assert "no labelled bills" in res.output
    generate(tmp_path, 1, seed=1, image_only_share=0)
    res = runner.invoke(main, ["eval", str(tmp_path), "--extractor", "no-such-extractor"])
    assert res.exit_code == 1
    assert "Unknown extractor" in res.output


def test_reads_the_realbills_truth_format() -> None:
    """The same loader and scorer take ../shared/realbills (no contents printed)."""
    from minimeter.evaluation.runner import score_bill
    from minimeter.evaluation.score import SCORED_FIELDS

    real = Path(__file__).resolve().parents[2] / ".." / "shared" / "realbills"
    if not real.is_dir():
        pytest.skip("../shared/realbills is not beside this checkout")
    cases = find_cases(real)
    assert len(cases) >= 10
    assert any(c.bill.suffix.lower() == ".jpg" for c in cases)
    for c in cases:
        outcomes = score_bill(c, {})
        assert set(outcomes) == set(SCORED_FIELDS)
        assert set(outcomes.values()) <= {"missing", "absent"}
        same = score_bill(c, {k: v for k, v in c.truth.items() if k in SCORED_FIELDS})
        assert set(same.values()) <= {"correct", "absent"}, c.name
