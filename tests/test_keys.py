"""One lookup for every API key (``minimeter.keys``): explicit setting, then the keys file (mode 600),
then the environment; used by the Gemini and OpenAI-compatible backends and the TUI's status screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minimeter import keys
from minimeter.errors import ConfigError, MinimeterError
from minimeter.extract.llm.gemini import GeminiBackend
from minimeter.extract.llm.openai_compat import OpenAICompatBackend
from minimeter.settings import Settings, load_settings
from minimeter.tui.data import gemini_configured


def _settings(home: Path, **overrides: object) -> Settings:
    s = load_settings(home, **overrides)
    s.ensure_dirs()
    return s


def _write_keys(s: Settings, content: object, mode: int = 0o600) -> None:
    s.keys_path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    s.keys_path.chmod(mode)


@pytest.mark.parametrize("service", [keys.GEMINI, keys.OPENAI], ids=["gemini", "openai"])
def test_explicit_then_keys_file_then_environment(minimeter_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                  service: keys.Service) -> None:
    s = _settings(minimeter_home)
    assert keys.lookup(service, s) is None
    monkeypatch.setenv(service.env[-1], "from-env")
    assert keys.lookup(service, s) == keys.Found("from-env", service.env[-1])
    _write_keys(s, {service.name: "from-file"})
    assert keys.lookup(service, s) == keys.Found("from-file", "keys file")
    explicit = _settings(minimeter_home, **{service.setting: "explicit"})
    assert keys.lookup(service, explicit) == keys.Found("explicit", "settings")


def test_a_keys_file_others_can_read_is_refused_with_the_fix(minimeter_home: Path) -> None:
    s = _settings(minimeter_home)
    _write_keys(s, {"gemini": "k"}, mode=0o644)
    with pytest.raises(ConfigError, match="readable by other users") as err:
        keys.find_key(keys.GEMINI, s)
    assert f"chmod 600 {s.keys_path}" in err.value.one_line()
    _write_keys(s, "{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        keys.find_key(keys.GEMINI, s)


def test_a_missing_key_names_every_way_to_set_one(minimeter_home: Path) -> None:
    s = _settings(minimeter_home)
    _write_keys(s, {"openai": "only-openai"})  # a keys file without this service's key
    with pytest.raises(keys.MissingKeyError) as err:
        keys.require_key(keys.GEMINI, s)
    assert isinstance(err.value, MinimeterError)
    line = err.value.one_line()
    assert "MINIMETER_GEMINI_API_KEY" in line and "GEMINI_API_KEY" in line and str(s.keys_path) in line
    with pytest.raises(keys.MissingKeyError):
        GeminiBackend(s)  # the backend asks the same lookup


def test_the_openai_backend_takes_its_key_from_the_keys_file(minimeter_home: Path) -> None:
    s = _settings(minimeter_home, openai_base_url="http://127.0.0.1:9/v1")
    _write_keys(s, {"openai": "sk-from-file"})
    assert OpenAICompatBackend(s)._client.api_key == "sk-from-file"
    # A local server needs no key; the client still gets a placeholder.
    s.keys_path.unlink()
    assert OpenAICompatBackend(s)._client.api_key == "not-needed"


def test_the_status_screen_says_where_the_key_is_never_the_key(minimeter_home: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    s = _settings(minimeter_home)
    assert gemini_configured(s) == "no (offline extraction only)"
    _write_keys(s, {"openai": "sk-secret"})  # a keys file is not a Gemini key
    assert gemini_configured(s) == "no (offline extraction only)"
    _write_keys(s, {"gemini": "AIza-secret"})
    assert gemini_configured(s) == "yes (keys file in the data folder)"
    s.keys_path.chmod(0o644)
    said = gemini_configured(s)
    assert said.startswith("no (") and "chmod 600" in said and "secret" not in said
    s.keys_path.unlink()
    monkeypatch.setenv("GOOGLE_API_KEY", "AIza-env-secret")
    assert gemini_configured(s) == "yes (GOOGLE_API_KEY)"
