"""Fixtures the validation tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from minimeter.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(tmp_path / "home")
