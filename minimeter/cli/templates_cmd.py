"""``minimeter templates list|show|export|import|rm``: the layout templates of a data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from minimeter.cli._common import console, settings_from, shown

if TYPE_CHECKING:
    from minimeter.templates.book import Book
    from minimeter.templates.model import Template


def _book(ctx: click.Context, *, write: bool = False) -> Book:
    from minimeter.templates import book_for

    return book_for(settings_from(ctx, write=write))


def _get(book: Book, ref: str) -> Template:
    from minimeter.templates.model import TemplateError

    t = book.get(ref)
    if t is None:
        raise TemplateError(f"no template {ref!r}", hint="see `minimeter templates list`")
    return t


@click.group("templates")
def templates() -> None:
    """Layout templates learned from approved bills (plain TOML files in the data folder's templates/)."""


@templates.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """Every template: provider, fields, bills read, fields confirmed and corrected, origin."""
    from rich.table import Table

    book = _book(ctx)
    items = book.all()
    if as_json:
        click.echo(json.dumps([t.model_dump(exclude={"fingerprint"}) for t in items], indent=2, default=str))
        return
    out = console()
    table = Table(title=f"{len(items)} template(s) in {shown(book.folder)}", title_justify="left")
    for col in ("id", "provider", "fields", "bills read", "confirmed", "corrected", "origin", "state"):
        table.add_column(col, overflow="fold")
    for t in items:
        table.add_row(shown(t.id), shown(t.provider or "-"), str(len(t.fields)), str(t.bills_read),
                      str(t.fields_confirmed), str(t.fields_corrected),
                      shown(f"job {t.origin_job} {t.origin_file}" if t.origin_job else t.origin_file or "-"),
                      "active" if t.active else "set aside")
    out.print(table)
    for p in book.problems():
        out.print(f"[red]skipped[/] {shown(p)}")


@templates.command("show")
@click.argument("template_id")
@click.pass_context
def show_cmd(ctx: click.Context, template_id: str) -> None:
    """The template's file as stored."""
    book = _book(ctx)
    t = _get(book, template_id)
    click.echo(book.path(t.id).read_text(encoding="utf-8"), nl=False)


@templates.command("export")
@click.argument("template_id")
@click.argument("dest", type=click.Path(path_type=Path))
@click.pass_context
def export_cmd(ctx: click.Context, template_id: str, dest: Path) -> None:
    """Write the template to DEST (a file, or a folder to write <id>.toml into)."""
    from minimeter.templates.model import save

    book = _book(ctx)
    t = _get(book, template_id)
    target = dest / f"{t.id}.toml" if dest.is_dir() else dest
    save(t, target)
    click.echo(f"Template {t.id} written to {target}")


@templates.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a template with the same id.")
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[Path, ...], replace: bool) -> None:
    """Add template files (validated first: a broken file is refused in one line and nothing is written)."""
    from minimeter.templates.model import TemplateError, load

    book = _book(ctx, write=True)
    loaded = [load(f) for f in files]  # every file validates before any is written
    for t in loaded:
        if book.path(t.id).exists() and not replace:
            raise TemplateError(f"template {t.id} already exists", hint="use --replace to overwrite it")
    for t in loaded:
        book.save(t)
        click.echo(f"Imported template {t.id} ({t.provider or 'unknown provider'}, {len(t.fields)} fields)")


@templates.command("rm")
@click.argument("template_id")
@click.pass_context
def rm_cmd(ctx: click.Context, template_id: str) -> None:
    """Delete a template (its bills keep what it read)."""
    book = _book(ctx, write=True)
    t = _get(book, template_id)
    book.remove(t.id)
    click.echo(f"Template {t.id} removed.")
