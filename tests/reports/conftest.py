"""Fixtures for the report tests: a known store (see known_bills.py) and a private data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from known_bills import build_store


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MINIMETER_HOME", str(home))
    return home


@pytest.fixture
def known_store(tmp_path: Path) -> dict[str, Any]:
    return build_store(tmp_path / "home" / "minimeter.db")
