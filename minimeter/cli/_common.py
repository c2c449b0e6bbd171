"""Helpers every command module shares: settings from the click context, logging, console."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console

    from minimeter.settings import Settings


def settings_from(ctx: click.Context, **overrides: object) -> Settings:
    """Load settings for the ``--home`` given to ``minimeter`` and make sure the data folder works."""
    from minimeter.settings import load_settings

    root = ctx.find_root()
    home = (root.obj or {}).get("home")
    verbose = (root.obj or {}).get("verbose", 0)
    settings = load_settings(home, **{k: v for k, v in overrides.items() if v is not None})
    settings.ensure_dirs()
    setup_logging(settings, verbose)
    return settings


def setup_logging(settings: Settings, verbose: int = 0) -> None:
    """Log to ``logs/minimeter.log`` (owner-only); ``-v`` also logs warnings+ to stderr."""
    from minimeter.logs import configure

    configure(settings.log_dir, verbose)


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)
