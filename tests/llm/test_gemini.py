"""Gemini through the real google-genai SDK against a loopback server replaying recorded responses."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from minimeter.errors import ConfigError, ExtractionError
from minimeter.extract.base import ExtractionContext, create
from minimeter.readers.base import Document, Page
from minimeter.settings import load_settings
from tests.llm.replay import Replay

TEXT = (
    "Example Power & Light\nAccount Number: 1234567890\nStatement date: 02/06/2024\n"
    "Service from 01/05/2024 to 02/04/2024\nEnergy used: 512 kWh\nTotal Amount Due: $123.45\nDue by 02/27/2024\n"
)


def gemini_reply(payload: dict[str, object] | str, finish: str = "STOP") -> dict[str, object]:
    """The REST shape of models.generateContent (candidates[0].content.parts[0].text, usageMetadata)."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return {
        "candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": finish, "index": 0}],
        "usageMetadata": {"promptTokenCount": 812, "candidatesTokenCount": 96, "totalTokenCount": 908,
                          "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 812}]},
        "modelVersion": "gemini-2.5-flash",
        "responseId": "r3c0rded-1d",
    }


ANSWER = {"provider": "Example Power & Light", "account_number": "1234567890", "statement_date": "2024-02-06",
          "due_date": "2024-02-27", "billing_period_start": "2024-01-05", "billing_period_end": "2024-02-04",
          "currency": "USD", "total_amount_due": 123.45, "electricity_kwh": 512, "customer_name": None,
          "meter_number": "M-999-NOT-IN-TEXT"}


def _doc() -> Document:
    return Document(pages=[Page(number=1, text=TEXT)], page_count=1)


def _settings(home: Path, url: str, **kw: object):  # type: ignore[no-untyped-def]
    return load_settings(home, gemini_api_key="test-key", gemini_base_url=url, **kw)


def test_gemini_extracts_through_the_sdk(minimeter_home: Path) -> None:
    with Replay([(200, gemini_reply(ANSWER))]) as srv:
        ex = create("gemini", _settings(minimeter_home, srv.url))
        res = ex.extract(_doc(), ExtractionContext())
    req = srv.requests[0]
    assert req["path"].endswith("/models/gemini-2.5-flash:generateContent")
    assert req["headers"].get("x-goog-api-key") == "test-key"
    cfg = req["body"]["generationConfig"]
    assert cfg["temperature"] == 0 and cfg["responseMimeType"] == "application/json"
    schema = cfg["responseJsonSchema"]
    assert "total_amount_due" in schema["properties"] and "meters" not in schema["properties"]
    assert "Total Amount Due: $123.45" in json.dumps(req["body"]["contents"])
    b = res.bill
    assert b.total_amount_due == Decimal("123.45") and b.electricity_kwh == Decimal("512")
    assert str(b.due_date) == "2024-02-27" and b.account_number == "1234567890"
    assert res.extractor == "gemini" and res.tokens_prompt == 812 and res.tokens_completion == 96
    assert res.evidence["total_amount_due"].source == "model" and res.evidence["total_amount_due"].grounded
    # a value that is nowhere in the text is kept but flagged, with a low confidence
    ev = res.evidence["meter_number"]
    assert not ev.grounded and ev.confidence < 0.5
    assert ex.cache_identity()["model"] == "gemini-2.5-flash"


def test_gemini_reply_cut_at_max_tokens_is_refused(minimeter_home: Path) -> None:
    with Replay([(200, gemini_reply('{"provider": "Exam', finish="MAX_TOKENS"))]) as srv:
        ex = create("gemini", _settings(minimeter_home, srv.url))
        with pytest.raises(ExtractionError, match="cut at max_tokens"):
            ex.extract(_doc(), ExtractionContext())


def test_gemini_server_errors_are_retryable_and_key_refusal_is_config(minimeter_home: Path) -> None:
    err = {"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}
    with Replay([(503, err)]) as srv:
        ex = create("gemini", _settings(minimeter_home, srv.url))
        with pytest.raises(ExtractionError) as info:
            ex.extract(_doc(), ExtractionContext())
        assert info.value.retryable
    bad = {"error": {"code": 403, "message": "API key not valid.", "status": "PERMISSION_DENIED"}}
    with Replay([(403, bad)]) as srv:
        ex = create("gemini", _settings(minimeter_home, srv.url))
        with pytest.raises(ConfigError, match="refused the key"):
            ex.extract(_doc(), ExtractionContext())


def test_gemini_key_lookup_order(minimeter_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minimeter.extract.llm.gemini import find_key

    s = load_settings(minimeter_home)
    s.ensure_dirs()
    with pytest.raises(ConfigError, match="no Gemini API key"):
        create("gemini", s)
    monkeypatch.setenv("GOOGLE_API_KEY", "from-google-env")
    assert find_key(s) == "from-google-env"
    monkeypatch.setenv("GEMINI_API_KEY", "from-gemini-env")
    assert find_key(s) == "from-gemini-env"
    s.keys_path.write_text(json.dumps({"gemini": "from-file"}))
    s.keys_path.chmod(0o644)
    with pytest.raises(ConfigError, match="readable by other users"):
        find_key(s)
    s.keys_path.chmod(0o600)
    assert find_key(s) == "from-file"
    assert find_key(load_settings(minimeter_home, gemini_api_key="explicit")) == "explicit"


def test_auto_prefers_gemini_when_it_answers_else_rules(minimeter_home: Path) -> None:
    with Replay([(200, gemini_reply(ANSWER))]) as srv:
        assert create("auto", _settings(minimeter_home, srv.url)).name == "gemini"
    # the server is gone: nothing answers on that port any more
    assert create("auto", _settings(minimeter_home, srv.url)).name == "rules"
    assert create("auto", load_settings(minimeter_home)).name == "rules"  # no key at all
