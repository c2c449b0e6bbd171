"""Helpers every command module shares: settings from the click context, logging, console."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console

    from minimeter.settings import Settings


store_option = click.option("--store", "store_url", default=None, envvar="MINIMETER_STORE",
                            help="Job store URL (default: the data folder's SQLite file; postgresql://... to share).")


def settings_from(ctx: click.Context, *, write: bool = True, **overrides: object) -> Settings:
    """Load settings for the ``--home`` given to ``minimeter`` and make sure the data folder works.

    ``write=False`` for commands that only read: a read-only data folder is accepted (no write probe)."""
    from minimeter.settings import load_settings

    root = ctx.find_root()
    home = (root.obj or {}).get("home")
    verbose = (root.obj or {}).get("verbose", 0)
    settings = load_settings(home, **{k: v for k, v in overrides.items() if v is not None})
    settings.ensure_dirs(write=write)
    setup_logging(settings, verbose)
    return settings


def setup_logging(settings: Settings, verbose: int = 0) -> None:
    """Log to ``logs/minimeter.log`` (owner-only); ``-v`` also logs warnings+ to stderr."""
    from minimeter.logs import configure

    configure(settings.log_dir, verbose)


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)


# Bidi overrides and isolates can make "gpj.exe" look like "exe.jpg"; C0/C1 controls can move the
# cursor, clear the screen or retitle the terminal. File names and bill text are data, never markup.
_UNSAFE = {c: None for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))} | {
    c: None for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def shown(text: object) -> str:
    """``text`` made safe to print through rich: control and bidi characters become ``?``, markup is escaped."""
    from rich.markup import escape

    s = str(text)
    cleaned = "".join("?" if ord(ch) in _UNSAFE else ch for ch in s)
    return escape(cleaned)
