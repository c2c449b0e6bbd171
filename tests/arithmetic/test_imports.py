"""One arithmetic for extraction and validation, and no import cycle between them."""

from __future__ import annotations

import ast
from pathlib import Path

import minimeter

ROOT = Path(minimeter.__file__).parent


def _imports(folder: str) -> set[str]:
    out: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                out.add(node.module)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
    return out


def test_arithmetic_imports_neither_extract_nor_validate() -> None:
    assert not {m for m in _imports("arithmetic") if m.startswith(("minimeter.extract", "minimeter.validate"))}


def test_extract_does_not_import_validate() -> None:
    assert not {m for m in _imports("extract") if m.startswith("minimeter.validate")}


def test_both_use_the_arithmetic_package() -> None:
    assert any(m.startswith("minimeter.arithmetic") for m in _imports("extract"))
    assert any(m.startswith("minimeter.arithmetic") for m in _imports("validate"))
