from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from minimeter.extract import base as extractors
from minimeter.settings import Settings, load_settings
from tests.helpers import FakeExtractor

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def minimeter_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the user's real one."""
    home = tmp_path / "mmhome"
    # A developer's own settings (extractor, store URL, fault injection, emulator hosts, API keys)
    # must not leak into tests; MINIMETER_TEST_* is the tests' own configuration.
    leaky = [v for v in os.environ if v.startswith("MINIMETER_") and not v.startswith("MINIMETER_TEST_")]
    for var in [*leaky, "GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_API_KEY", "STORAGE_EMULATOR_HOST",
                "BIGQUERY_EMULATOR_HOST"]:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MINIMETER_HOME", str(home))
    return home


@pytest.fixture
def fake_extractor() -> Iterator[type[FakeExtractor]]:
    """Registers the tiny regex extractor as ``fake`` through the real registry."""
    extractors.register("fake", FakeExtractor)
    FakeExtractor.calls = 0
    yield FakeExtractor
    extractors.unregister("fake")


@pytest.fixture
def settings(minimeter_home: Path) -> Settings:
    s = load_settings(minimeter_home, extractor="fake", stable_seconds=0.2, rescan_seconds=0.5,
                      retry_backoff_seconds=0.05, lease_seconds=5.0)
    s.ensure_dirs()
    return s
