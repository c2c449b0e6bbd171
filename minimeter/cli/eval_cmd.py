"""``minimeter eval``: extract labelled bills and score every field against its truth file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from minimeter.cli._common import console, settings_from
from minimeter.extract.base import available  # names only: imports no extractor

if TYPE_CHECKING:
    from minimeter.evaluation.truth import Case

_REPO_EVAL = Path(__file__).resolve().parents[2] / "eval" / "bills"


@click.command("eval")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--extractor", "extractor_name", help=f"Extractor to score ({', '.join(available())}); "
              "default: the configured one.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              help="GGUF model file for the local extractors.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--limit", type=int, help="Score only the first N bills.")
@click.option("--layout", help="Only this layout (generated bills), or bills whose provider or file name contains it.")
@click.option("--show-errors", is_flag=True, help="List every wrong, missing or hallucinated value.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Write this run's per-field outcomes as a baseline file (eval/baseline.json).")
@click.option("--check-baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Exit 1 when a field's accuracy dropped more than --margin below this baseline.")
@click.option("--margin", type=float, default=0.02, show_default=True, help="Allowed accuracy drop per field.")
@click.option("--learn", is_flag=True,
              help="Replay in name order: after each bill, approve it with its truth (teaching its layout's template "
              "in a temporary data folder); report bills of seen and unseen layouts apart.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    folder: Path | None,
    extractor_name: str | None,
    model_path: Path | None,
    as_json: bool,
    limit: int | None,
    layout: str | None,
    show_errors: bool,
    write_baseline: Path | None,
    check_baseline: Path | None,
    margin: float,
    learn: bool = False,
) -> None:
    """Score extraction on FOLDER (default: the repository's eval/bills).

    Every bill with a <name>.truth.json beside it is read, extracted and validated as
    `minimeter process` would, then compared field by field with its truth.
    """
    from minimeter.cli.eval_report import render
    from minimeter.evaluation import find_cases, run_eval
    from minimeter.evaluation.truth import EvalError
    from minimeter.pipeline import get_extractor

    if folder is None:
        if not _REPO_EVAL.is_dir():
            raise EvalError("no folder given and no eval/bills beside this installation",
                            hint="pass a folder: minimeter eval path/to/bills")
        folder = _REPO_EVAL
    cases = find_cases(folder, layout=layout, limit=limit)
    if learn:
        _learn(ctx, cases, folder, extractor_name, model_path, as_json, show_errors)
        return
    # Plain scoring measures the extractor alone: the data folder's templates are not applied.
    settings = settings_from(ctx, extractor=extractor_name, model_path=model_path, use_templates=False)
    extractor = get_extractor(settings, extractor_name)
    out = console(stderr=True)
    if as_json:
        report = run_eval(cases, settings, extractor, folder=str(folder))
    else:
        with out.status("extracting...") as status:
            def progress(i: int, n: int, name: str) -> None:
                status.update(f"extracting {i + 1}/{n}: {name}")

            report = run_eval(cases, settings, extractor, folder=str(folder), progress=progress)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, default=str))
    else:
        render(report, console(), show_errors=show_errors)
    if write_baseline is not None:
        from minimeter.evaluation.baseline import write_baseline as write

        note = f"minimeter eval {folder.parent.name}/{folder.name} --extractor {extractor.name}"
        write(report, write_baseline, note=note)
        out.print(f"baseline written to {write_baseline}")
    if check_baseline is not None:
        from minimeter.evaluation.baseline import load_baseline, regressions

        worse = regressions(load_baseline(check_baseline), report, margin)
        if worse:
            for line in worse:
                out.print(f"[red]regression[/red] {line}")
            ctx.exit(1)
        out.print(f"[green]no field dropped more than {margin:.0%} below {check_baseline}[/green]")


def _learn(ctx: click.Context, cases: list[Case], folder: Path, extractor_name: str | None, model_path: Path | None,
           as_json: bool, show_errors: bool) -> None:
    from minimeter.cli.eval_report import render_learn
    from minimeter.evaluation.learn import run_learn

    settings = settings_from(ctx, extractor=extractor_name, model_path=model_path)
    out = console(stderr=True)
    with out.status("replaying...") as status:
        def progress(i: int, n: int, name: str) -> None:
            status.update(f"replaying {i + 1}/{n}: {name}")

        lr = run_learn(cases, extractor_name or settings.extractor, folder=str(folder),
                       progress=None if as_json else progress)
    if as_json:
        click.echo(json.dumps(lr.to_json(), indent=2, default=str))
    else:
        render_learn(lr, console(), show_errors=show_errors)
