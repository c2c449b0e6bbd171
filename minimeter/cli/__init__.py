"""The ``minimeter`` command line: the only place errors become messages and exit codes.

Commands live in small modules (``core``, ``eval_cmd``, ``models_cmd``, ``sync_cmd``,
``report_cmd``) and are imported only when invoked, so ``minimeter --help`` stays instant.
A ``MinimeterError`` becomes one line on stderr and exit code 1; anything unexpected
becomes one line pointing at the log file (the traceback goes there, never to the user).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from typing import Any

import click

# name -> (module, attribute, one-line help shown by --help without importing the module)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "watch": ("minimeter.cli.core", "watch", "Watch the inbox and process bills as they arrive (headless)."),
    "process": ("minimeter.cli.core", "process", "Process files or folders now; exit non-zero if any failed."),
    "extract": ("minimeter.cli.core", "extract", "Extract one file without the database; print JSON."),
    "jobs": ("minimeter.cli.core", "jobs", "List jobs, optionally by status."),
    "show": ("minimeter.cli.core", "show", "Show one job: fields, checks, events."),
    "retry": ("minimeter.cli.core", "retry", "Put a failed, dead or reviewed job back in the queue."),
    "worker": ("minimeter.cli.core", "worker", "Run extraction workers against a (shared) job store."),
    "demo": ("minimeter.cli.core", "demo", "Write sample bills into an inbox, process them, print a summary."),
    "tui": ("minimeter.cli.core", "tui", "Open the terminal UI (same as running minimeter with no command)."),
    "review": ("minimeter.cli.review_cmd", "review", "Approve (with --set corrections) or reject a job, headless."),
    "templates": ("minimeter.cli.templates_cmd", "templates", "List, show, export, import or remove layout templates."),
    "eval": ("minimeter.cli.eval_cmd", "eval_command", "Score extraction against labelled bills."),
    "models": ("minimeter.cli.models_cmd", "models", "List, verify and fetch local model files."),
    "sync": ("minimeter.cli.sync_cmd", "sync", "Push bills and originals to Postgres, BigQuery and Cloud Storage."),
    "report": ("minimeter.cli.report_cmd", "report", "Usage and cost reports with flags (DuckDB)."),
    "export": ("minimeter.cli.report_cmd", "export",
               "Export bills, meters and line items (CSV, Parquet, JSON, ESPI XML)."),
}

log = logging.getLogger("minimeter")


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (mod, _, _) in COMMANDS.items() if _available(mod)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None or not _available(spec[0]):
            return None
        module = importlib.import_module(spec[0])
        cmd: click.Command = getattr(module, spec[1])
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text from the table above, so --help imports no command module.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from minimeter.errors import MinimeterError

        try:
            return super().invoke(ctx)
        except MinimeterError as exc:
            click.secho(f"Error: {exc.one_line()}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: one line for the user, the traceback for the log
            path = _log_crash(exc)
            click.secho(
                f"Error: unexpected {type(exc).__name__}: {exc} (details in {path}; please report it)",
                fg="red",
                err=True,
            )
            sys.exit(2)


def _log_crash(exc: BaseException) -> str:
    import traceback

    from minimeter.settings import default_home

    try:
        log_dir = default_home() / "logs"
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = log_dir / "crash.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        path.chmod(0o600)
        return str(path)
    except OSError:
        return "stderr is all there is"


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minimeter")
@click.option("--home", type=click.Path(file_okay=False), envvar="MINIMETER_HOME", help="Data folder (MINIMETER_HOME).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, home: str | None, verbose: int) -> None:
    """MiniMeter turns utility bills (PDF, images) into validated data, offline.

    Run with no command to open the terminal UI.
    """
    from pathlib import Path

    ctx.ensure_object(dict)
    ctx.obj["home"] = Path(home).expanduser() if home else None
    ctx.obj["verbose"] = verbose
    if ctx.invoked_subcommand is None:
        ctx.invoke(main.get_command(ctx, "tui"))  # type: ignore[arg-type]
