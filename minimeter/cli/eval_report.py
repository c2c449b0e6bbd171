"""Render an ``EvalReport`` as rich tables: summary, per field, per layout/provider, failures.

Per field, a value read wrong and a value not read are counted apart, and so is a wrong value in a
bill that was accepted (SUCCEEDED): the count that must stay zero for the total, period and usage."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table

from minimeter.evaluation.score import CORROBORATED_FIELDS, accepted_wrong, outcomes_by_field, wrong_fields

if TYPE_CHECKING:
    from rich.console import Console

    from minimeter.evaluation.learn import LearnReport
    from minimeter.evaluation.runner import EvalReport


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.1%}"


def _acc_style(x: float | None) -> str:
    if x is None:
        return "dim"
    return "green" if x >= 0.9 else "yellow" if x >= 0.6 else "red"


def render(report: EvalReport, console: Console, *, show_errors: bool = False) -> None:
    from rich import box
    from rich.table import Table

    s = report.summary()
    console.print(f"[bold]Eval[/bold] {report.folder}  extractor [bold]{report.extractor}[/bold]  "
                  f"{s['bills']} bills ({s['failed']} could not be read or extracted)")

    ft = Table(title="Per field", title_justify="left", box=box.SIMPLE_HEAD,
               caption="wrong: read but wrong; missing: not read; accepted: wrong or hallucinated in a "
               "SUCCEEDED bill", caption_justify="left")
    for col in ("field", "correct", "wrong", "missing", "halluc.", "accepted", "accuracy"):
        ft.add_column(col, justify="left" if col == "field" else "right")
    accepted = outcomes_by_field(report.bills)
    for f, c in report.field_counts().items():
        aw = accepted.get(f, {}).get("accepted_wrong", 0)
        ft.add_row(f, str(c.correct), str(c.wrong), str(c.missing), str(c.hallucinated),
                   f"[red]{aw}[/]" if aw else "0", f"[{_acc_style(c.accuracy)}]{_pct(c.accuracy)}[/]")
    ft.add_section()
    total_aw = sum(r["accepted_wrong"] for r in accepted.values())
    ft.add_row("[bold]all fields[/bold]", str(s["correct"]), str(s["wrong"]), str(s["missing"]),
               str(s["hallucinated"]), f"[bold red]{total_aw}[/]" if total_aw else "0",
               f"[bold {_acc_style(s['field_accuracy'])}]{_pct(s['field_accuracy'])}[/]")
    console.print(ft)

    gt = Table(title="Per layout / provider", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
               caption="valid: share SUCCEEDED; planted: planted bills sent to review", caption_justify="left")
    cols = ("group", "bills", "fail", "acc.", "wrong", "miss", "hall.", "valid", "planted")
    for col in cols:
        if col == "group":  # real bills group by provider name, which can be long
            gt.add_column(col, no_wrap=True, max_width=12, overflow="ellipsis")
        else:
            gt.add_column(col, justify="right", no_wrap=True, min_width=max(4, len(col)))
    for g, bills in report.groups().items():
        gs = report.summary(bills)
        planted = f"{gs['planted_flagged']}/{gs['planted']}" if gs["planted"] else "-"
        gt.add_row(g, str(gs["bills"]), str(gs["failed"]), f"[{_acc_style(gs['field_accuracy'])}]"
                   f"{_pct(gs['field_accuracy'])}[/]", str(gs["wrong"]), str(gs["missing"]),
                   str(gs["hallucinated"]), _pct(gs["passed_validation"]), planted)
    console.print(gt)

    st = Table(title="Validation, latency, tokens", title_justify="left", show_header=False, box=box.SIMPLE)
    st.add_column("what")
    st.add_column("value", justify="right")
    for label, value in _summary_rows(s) + _acceptance_rows(report):
        st.add_row(label, value)
    console.print(st)

    failed = [b for b in report.bills if b.error]
    if failed:
        console.print("[bold]Bills that failed[/bold]")
        for b in failed:
            console.print(f"  {b.name}: {b.error}", markup=False, highlight=False)
    bad_accepts = accepted_wrong(report.bills)
    if bad_accepts:
        console.print("[bold red]SUCCEEDED with a wrong total, period or usage[/bold red]")
        for b in bad_accepts:
            console.print(f"  {b.name}: " + ", ".join(wrong_fields(b, CORROBORATED_FIELDS)),
                          markup=False, highlight=False)
    if show_errors:
        console.print("[bold]Wrong or hallucinated values[/bold]")
        for b in report.bills:
            bad = {f: o for f, o in b.fields.items() if o in ("wrong", "hallucinated", "missing")}
            if bad:
                parts = [f"{f}={b.predicted.get(f)!r} ({o})" if o != "missing" else f"{f} (missing)"
                         for f, o in bad.items()]
                console.print(f"  {b.name} [{b.status}]: " + "; ".join(parts), markup=False, highlight=False)


def _acceptance_rows(report: EvalReport) -> list[tuple[str, str]]:
    ok = [b for b in report.bills if b.error is None]
    succeeded = [b for b in ok if b.status == "SUCCEEDED"]
    key_right = [b for b in ok if not wrong_fields(b, CORROBORATED_FIELDS)
                 and all(b.fields.get(f) != "missing" for f in CORROBORATED_FIELDS)]
    fully_right = [b for b in ok if b.fields and all(o in ("correct", "absent") for o in b.fields.values())]
    return [
        ("SUCCEEDED with a wrong total, period or usage (must be 0)", str(len(accepted_wrong(report.bills)))),
        ("SUCCEEDED with any wrong or hallucinated value", f"{len(accepted_wrong(report.bills, None))}"
                                                           f"/{len(succeeded)}"),
        ("fully right bills SUCCEEDED", f"{sum(b.status == 'SUCCEEDED' for b in fully_right)}/{len(fully_right)}"),
        ("bills with total, period and usage right SUCCEEDED",
         f"{sum(b.status == 'SUCCEEDED' for b in key_right)}/{len(key_right)}"),
    ]


def _summary_rows(s: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [
        ("bills passing validation (SUCCEEDED)", f"{_pct(s['passed_validation'])} "
                                                 f"({s['passed_validation_count']}/{s['bills']})"),
        ("clean bills passing validation", f"{s['clean_passed']}/{s['clean_bills']}"),
        ("wrong values caught by validation",
         f"{_pct(s['wrong_caught'])} ({s['wrong_caught_count']}/{s['wrong_bills']} bills with a wrong key field)"),
    ]
    if s["planted"]:
        rows.append(("planted inconsistencies sent to review", f"{s['planted_flagged']}/{s['planted']} "
                                                               f"(rule named: {s['planted_rule_named']})"))
    rows += [
        ("latency per bill, median", "-" if s["latency_median"] is None else f"{s['latency_median']:.2f} s"),
        ("latency per bill, p95", "-" if s["latency_p95"] is None else f"{s['latency_p95']:.2f} s"),
        ("tokens sent to the model (prompt + completion)", str(s["tokens"])),
    ]
    return rows


def render_learn(lr: LearnReport, console: Any, *, show_errors: bool = False) -> None:
    t = Table(title=f"Replay with learning: {lr.report.folder} ({lr.report.extractor})", title_justify="left",
              box=box.SIMPLE_HEAD)
    for col in ("layout before", "bills", "fields right", "SUCCEEDED", "SUCCEEDED (not planted)", "wrong accepted",
                "read by a template"):
        t.add_column(col, justify="left" if col == "layout before" else "right")
    for group, label in (("seen", "seen (approved before)"), ("unseen", "unseen (first of its layout)")):
        s = lr.part(group)
        acc = "-" if s["field_accuracy"] is None else f"{s['field_accuracy']:.1%} ({s['correct']}/" \
              f"{s['correct'] + s['wrong'] + s['missing'] + s['hallucinated']})"
        ok = "-" if s["passed_validation"] is None else f"{s['passed_validation']:.1%} ({s['passed_validation_count']})"
        clean = f"{s['clean_passed']}/{s['clean_bills']}"
        t.add_row(label, str(s["bills"]), acc, ok, clean, str(s["wrong_accepted"]), str(s["template_read"]))
    console.print(t)
    if show_errors:
        for b in lr.report.bills:
            bad = {f: o for f, o in b.fields.items() if o in ("wrong", "hallucinated", "missing")}
            if bad or b.error:
                parts = [f"{f}={b.predicted.get(f)!r} ({o})" if o != "missing" else f"{f} (missing)"
                         for f, o in bad.items()]
                console.print(f"  [{b.group}] {b.name} [{b.status}]: " + ("; ".join(parts) or b.error or ""),
                              markup=False, highlight=False)
