"""The README documents every CLI command, every option and every setting.

The lists come from the click command tree and the Settings model, so a new command, option or
setting fails this test until the README says what it is. Commands and their options are looked
up in the README's command table (the row of ``minimeter NAME``); settings in backticks anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from pydantic import BaseModel

from minimeter.cli import main
from minimeter.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
ROWS = [line for line in README.splitlines() if line.startswith("| `minimeter")]


def _first_cell(row: str) -> str:
    # Cells are split on "|" not escaped as "\|" (choices such as monthly\|rates stay in one cell).
    return re.split(r"(?<!\\)\|", row)[1]


def _options(cmd: click.Command) -> Iterator[tuple[str, list[str]]]:
    """(label, spellings) of every visible option; any of its spellings (``-e`` or ``--extractor``) documents it."""
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.hidden:
            yield "/".join(p.opts), [*p.opts, *p.secondary_opts]


def _subcommands(group: click.Group) -> list[tuple[str, click.Command]]:
    # list_commands/get_command: the root group loads its commands lazily.
    ctx = click.Context(group)
    found = [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]
    return sorted((name, cmd) for name, cmd in found if cmd is not None and not cmd.hidden)


def _commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    return _subcommands(main)


def _settings(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """(dotted name, spellings) of every setting; nested sections (``sync.postgres``) down to their leaves.

    The README's settings table writes a section's further fields as ``.name`` after the first one."""
    for name, field in model.model_fields.items():
        dotted = f"{prefix}{name}"
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from _settings(ann, dotted + ".")
        else:
            yield dotted, [f"`{dotted}`", *([f"`.{name}`"] if prefix else [])]


def _row(name: str) -> str:
    usage = re.compile(rf"`minimeter {re.escape(name)}(?=[ `])")
    found = [_first_cell(r) for r in ROWS if usage.search(_first_cell(r))]
    assert found, f"the README's command table has no row for `minimeter {name}`"
    return " ".join(found)


def _documented(spellings: list[str], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text) for s in spellings)


def test_the_command_tree_is_not_empty() -> None:
    # The checks below pass vacuously on an empty tree; the CLI has a dozen commands.
    assert len(_commands()) >= 10 and len(ROWS) >= 10


@pytest.mark.parametrize(("name", "cmd"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_in_the_readme_table(name: str, cmd: click.Command) -> None:
    row = _row(name)
    missing = [label for label, spellings in _options(cmd) if not _documented(spellings, row)]
    if isinstance(cmd, click.Group):
        for sub_name, sub in _subcommands(cmd):
            if not re.search(rf"(?<![\w-]){re.escape(sub_name)}(?![\w-])", row):
                missing.append(f"subcommand {sub_name}")
            missing += [f"{sub_name} {label}" for label, spellings in _options(sub) if not _documented(spellings, row)]
    assert not missing, f"`minimeter {name}`: the README's row does not mention {missing}"


def test_every_global_option_is_in_the_readme() -> None:
    missing = [label for label, spellings in _options(main) if not _documented(spellings, README)]
    assert not missing, f"`minimeter` options missing from the README: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    settings = list(_settings(Settings))
    assert len(settings) >= 20 and any("." in name for name, _ in settings)
    missing = [name for name, spellings in settings if not any(s in README for s in spellings)]
    assert not missing, f"settings missing from the README (write them in backticks): {missing}"
