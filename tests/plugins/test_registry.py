"""The plugin registry: built-ins from the installed metadata, third-party plugins the same way,
broken plugins reported in one line and never fatal, and ``register`` for tests' fakes."""

from __future__ import annotations

import tomllib
from importlib import metadata

import pytest

from minimeter import plugins
from minimeter.errors import ConfigError
from minimeter.extract import base as extractors
from minimeter.readers.dispatch import REGISTRY as READERS
from minimeter.readers.dispatch import refusal
from minimeter.readers.sandbox import read_document
from minimeter.sync.base import target_names
from tests.helpers import FakeExtractor, bill_lines, make_pdf
from tests.plugins.conftest import REPO, Site, cli

GROUPS = (plugins.EXTRACTORS, plugins.SYNC_TARGETS, plugins.READERS)


def test_builtins_are_the_installed_entry_points_of_pyproject() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"]
    installed = metadata.distribution("minimeter").entry_points
    for group in GROUPS:
        have = {ep.name: ep.value for ep in installed.select(group=group)}
        assert have == declared[group], (
            f"the installed metadata of {group} is stale: run `pip install -e .` after changing pyproject.toml")
    assert set(extractors.available()) >= {"rules", "local", "llm", "gemini", "openai", "auto"}
    assert target_names() == ["bigquery", "gcs", "postgres"]
    assert READERS.names() == ["image", "pdf"]


def test_every_builtin_loads_through_the_registry() -> None:
    for registry in (plugins.extractors, plugins.sync_targets, plugins.readers):
        registry.refresh()
        loaded = registry.load_all()
        assert registry.problems() == [] and sorted(loaded) == registry.names()


BROKEN = {
    "mm_boom": "raise ImportError('needs a package that is not installed')\n",
    "mm_shapes": "NOT_A_FACTORY = 'a string'\nclass NoConfigured:\n    pass\nno_sniff = object()\n",
}


def _install_broken(site: Site) -> None:
    site.install("broken-plugins", {
        plugins.EXTRACTORS: {"boom": "mm_boom:Factory", "stringy": "mm_shapes:NOT_A_FACTORY"},
        plugins.SYNC_TARGETS: {"noconf": "mm_shapes:NoConfigured"},
        plugins.READERS: {"nosniff": "mm_shapes:no_sniff", "gone": "mm_nowhere"},
    }, BROKEN)


def test_broken_plugins_are_one_line_warnings_and_the_builtins_still_work(site, settings, tmp_path, capsys):
    _install_broken(site)
    assert "boom" in extractors.available()  # declared: a user sees the name and, when used, why it fails
    with pytest.raises(ConfigError) as info:
        extractors.create("boom", settings)
    msg = info.value.one_line()
    assert "boom" in msg and "broken-plugins" in msg and "ImportError" in msg and "\n" not in msg
    with pytest.raises(ConfigError, match="stringy"):
        extractors.create("stringy", settings)
    assert extractors.create("rules", settings).name == "rules"
    assert set(plugins.sync_targets.load_all()) == {"bigquery", "gcs", "postgres"}
    assert set(READERS.load_all()) == {"image", "pdf"}
    # The built-in readers still read a bill, in the sandbox child that loads the same plugins.
    doc = read_document(make_pdf(tmp_path / "a.pdf", bill_lines(total="7.00")), settings, one_shot=True)
    assert "7.00" in doc.text
    assert refusal(b"%PDF-1.7\n") is None
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "plugin" in line]
    assert sorted(line.split("'")[1] for line in lines) == ["boom", "gone", "noconf", "nosniff", "stringy"]
    assert all(line.startswith("minimeter: warning: ") and "broken-plugins" in line for line in lines)
    assert "Traceback" not in err
    # Reported once per process, however often the registry is asked.
    extractors.available()
    plugins.sync_targets.load_all()
    assert "plugin" not in capsys.readouterr().err


def test_broken_plugin_in_the_cli_is_one_line_not_a_traceback(site, minimeter_home):
    _install_broken(site)
    out = cli(minimeter_home, "sync", "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    warnings = [line for line in out.stderr.splitlines() if "noconf" in line]
    assert len(warnings) == 1 and "broken-plugins" in warnings[0]
    for name in ("postgres", "bigquery", "gcs"):
        assert name in out.stdout  # the built-ins are still all there
    out = cli(minimeter_home, "extract", str(make_pdf(minimeter_home.parent / "b.pdf", bill_lines())),
              "--extractor", "boom")
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "boom" in out.stderr and "broken-plugins" in out.stderr


def test_two_packages_claiming_one_name(site, settings, capsys):
    site.install("first-pkg", {plugins.EXTRACTORS: {"dup": "mm_first:Fake"}},
                 {"mm_first": "from tests.helpers import FakeExtractor as Fake\n"})
    site.install("second-pkg", {plugins.EXTRACTORS: {"dup": "mm_second:Fake"}},
                 {"mm_second": "from tests.helpers import FakeExtractor as Fake\n"})
    assert extractors.available().count("dup") == 1
    extractors.create("dup", settings)
    err = capsys.readouterr().err
    assert err.count("'dup'") == 1 and "already taken" in err


def test_register_puts_a_fake_in_front_of_an_entry_point(settings):
    class Rules(FakeExtractor):
        name = "rules"

    extractors.register("rules", Rules)
    try:
        assert isinstance(extractors.create("rules", settings), Rules)
    finally:
        extractors.unregister("rules")
    assert not isinstance(extractors.create("rules", settings), Rules)


def test_unknown_names_list_the_choices(settings):
    with pytest.raises(ConfigError) as info:
        extractors.create("nope", settings)
    assert "rules" in (info.value.hint or "") and "nope" in info.value.message
    from minimeter.sync.runner import make_target

    with pytest.raises(ConfigError, match="Unknown sync target 'nope'"):
        make_target("nope", settings)


def test_no_reader_installed_is_a_configuration_error_not_a_refusal(settings, tmp_path, monkeypatch):
    """Stale metadata (pyproject changed, package not reinstalled) must not refuse every bill."""
    from minimeter.intake.inbox import Inbox
    from minimeter.store.sqlite import SQLiteStore

    monkeypatch.setattr(plugins.readers, "load_all", lambda: {})
    store = SQLiteStore(settings.db_path, settings)
    try:
        with pytest.raises(ConfigError, match="no reader is installed") as info:
            Inbox(settings, store).take(make_pdf(tmp_path / "a.pdf", bill_lines()), move=False)
        assert info.value.retryable and "pip install -e ." in (info.value.hint or "")
        assert store.list_jobs() == [] and not any(settings.archive_dir.rglob("*.*"))
    finally:
        store.close()
