"""The core stays light and free of the front ends.

Importing ``minimeter.pipeline`` (what a worker, ``extract`` and ``eval`` load) in a fresh
interpreter must not load the terminal UI (textual), the report engine (duckdb) or the local
model runtime (llama_cpp): each costs start-up time and memory in every process, and the model
runtime is loaded only when the local model is first used. The import contracts in
``pyproject.toml`` say the same for every module (``lint-imports``); this test checks what is
really imported at run time, including imports made inside functions at import time.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import minimeter

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("textual", "duckdb", "llama_cpp")
FRONT_END_LIBS = ("textual", "click", "rich")


def _loaded_after(statement: str) -> set[str]:
    code = (f"import sys, json\n{statement}\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_the_check_sees_what_an_import_loads() -> None:
    # The probe itself: a package that does pull duckdb in is seen doing so.
    assert "duckdb" in _loaded_after("import duckdb")


def test_importing_the_pipeline_loads_no_tui_duckdb_or_model_runtime() -> None:
    loaded = _loaded_after("import minimeter.pipeline")
    assert "minimeter" in loaded
    heavy = sorted(set(HEAVY) & loaded)
    assert not heavy, f"importing minimeter.pipeline loaded {heavy}"


@pytest.mark.parametrize("module", ["minimeter.worker", "minimeter.service", "minimeter.store",
                                    "minimeter.extract.base", "minimeter.sync.runner"])
def test_the_core_loads_no_front_end_library(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    libs = sorted((set(FRONT_END_LIBS) | {"duckdb", "llama_cpp"}) & loaded)
    assert not libs, f"importing {module} loaded {libs}"


def _contracts() -> list[dict[str, object]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = data["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_front_end_contract_covers_every_core_module() -> None:
    # A forbidden-import contract lists its sources by name: a new top-level module that is not
    # listed would escape it. Every module but the front ends must be named.
    top = {m.name for m in pkgutil.iter_modules(minimeter.__path__)} - {"cli", "tui", "__main__"}
    contract = next(c for c in _contracts() if c["type"] == "forbidden" and "textual" in c["forbidden_modules"])
    sources = {str(s).removeprefix("minimeter.") for s in contract["source_modules"]}  # type: ignore[attr-defined]
    assert top - sources == set(), f"add {sorted(top - sources)} to the front-end contract in pyproject.toml"
    assert {"cli", "tui"} & sources == set()
    assert {"textual", "click", "rich", "minimeter.cli", "minimeter.tui"} <= set(contract["forbidden_modules"])  # type: ignore[arg-type]


def test_the_layers_contract_is_exhaustive() -> None:
    layers = next(c for c in _contracts() if c["type"] == "layers")
    assert layers["containers"] == ["minimeter"] and layers["exhaustive"] is True
