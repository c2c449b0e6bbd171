"""Installing plugins for real: a ``*.dist-info`` folder with an ``entry_points.txt`` on sys.path.

That is what pip writes when it installs a package, so the registry finds these plugins exactly as
it finds a third-party package's (and MiniMeter's own built-ins): through ``importlib.metadata``.
``PYTHONPATH`` is set too, so child processes (the sandboxed reader, a CLI run) see them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from minimeter import plugins
from minimeter.readers.sandbox import close_pools

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "examples"
REGISTRIES = (plugins.extractors, plugins.sync_targets, plugins.readers)


def _refresh() -> None:
    for registry in REGISTRIES:
        registry.refresh()


@dataclass
class Site:
    """A folder on sys.path that packages are installed into."""

    root: Path
    modules: list[str] = field(default_factory=list)

    def install(self, dist: str, entry_points: dict[str, dict[str, str]], modules: dict[str, str | Path]) -> None:
        """Install ``dist``: its modules (name -> source text or a file to copy) and its entry points
        (group -> name -> ``module:attr``), i.e. what its pyproject.toml tables say."""
        for name, source in modules.items():
            target = self.root / f"{name}.py"
            if isinstance(source, Path):
                shutil.copy(source, target)
            else:
                target.write_text(source, encoding="utf-8")
            self.modules.append(name)
        info = self.root / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
        lines = []
        for group, eps in entry_points.items():
            lines.append(f"[{group}]")
            lines += [f"{n} = {v}" for n, v in eps.items()]
            lines.append("")
        (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
        _refresh()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    root = tmp_path / "site-packages"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(root), str(REPO), os.environ.get("PYTHONPATH", "")]))
    s = Site(root)
    yield s
    for name in s.modules:
        sys.modules.pop(name, None)
    close_pools()  # reader children that loaded these plugins must not serve later tests
    _refresh()  # discovery runs again once monkeypatch has taken the folder off sys.path


def cli(home: Path, *args: str, fake: bool = False) -> subprocess.CompletedProcess[str]:
    """The real command line in a child process (``fake``: with the tests' ``fake`` extractor)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(MINIMETER_HOME=str(home), COLUMNS="200")
    module = "tests.reliability._cli_with_fake" if fake else "minimeter"
    return subprocess.run([sys.executable, "-m", module, *args], cwd=REPO, env=env, capture_output=True,
                          text=True, errors="replace", timeout=180)
