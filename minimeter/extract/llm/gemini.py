"""Google Gemini through the ``google-genai`` SDK (``ModelBackend``, see ``base.py``).

The reply is constrained with a response JSON schema (the one ``whole.py`` derives from
``BillNormalized``), temperature 0. The key comes from ``minimeter.keys`` (``settings.gemini_api_key``,
else ``keys.json`` in the data folder, else ``GEMINI_API_KEY`` / ``GOOGLE_API_KEY``); none raises
``MissingKeyError`` saying how to set one.
``settings.gemini_base_url`` points the SDK elsewhere (a local replay server in tests).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from minimeter import keys
from minimeter.errors import ConfigError, ExtractionError
from minimeter.extract.llm.base import Completion, check_finish, parse_json_object

if TYPE_CHECKING:
    from minimeter.settings import Settings

DEFAULT_ENDPOINT = "https://generativelanguage.googleapis.com/"
TIMEOUT_SECONDS = 120


def find_key(settings: Settings) -> str | None:
    """The Gemini key from settings, the keys file, or the environment (in that order, see ``minimeter.keys``)."""
    return keys.find_key(keys.GEMINI, settings)


def endpoint(settings: Settings) -> str:
    return settings.gemini_base_url or DEFAULT_ENDPOINT


class GeminiBackend:
    name = "gemini"
    sha256: str | None = None

    def __init__(self, settings: Settings) -> None:
        key = keys.require_key(keys.GEMINI, settings)
        from google import genai
        from google.genai import types

        opts: dict[str, Any] = {"timeout": TIMEOUT_SECONDS * 1000}
        if settings.gemini_base_url:
            opts["base_url"] = settings.gemini_base_url
        self.model_id = settings.gemini_model
        self._client = genai.Client(api_key=key, http_options=types.HttpOptions(**opts))

    def complete(self, system: str, user: str, schema: dict[str, Any], max_tokens: int) -> Completion:
        from google.genai import errors, types

        cfg: dict[str, Any] = {
            "system_instruction": system, "temperature": 0.0, "max_output_tokens": max_tokens,
            "response_mime_type": "application/json", "response_json_schema": schema,
        }
        if "flash" in self.model_id:
            # thinking tokens count against max_output_tokens; extraction does not need them
            cfg["thinking_config"] = types.ThinkingConfig(thinking_budget=0)
        t0 = time.perf_counter()
        try:
            resp = self._client.models.generate_content(model=self.model_id, contents=user,
                                                        config=types.GenerateContentConfig(**cfg))
        except errors.APIError as exc:
            code = getattr(exc, "code", 0) or 0
            if code in (401, 403):
                raise ConfigError(f"Gemini refused the key (HTTP {code})", hint="check the Gemini API key") from exc
            raise ExtractionError(f"Gemini failed: HTTP {code} {getattr(exc, 'status', '') or ''}".strip(),
                                  hint="tried again later automatically", retryable=code == 429 or code >= 500) from exc
        except Exception as exc:  # httpx transport errors: no network, DNS, timeout
            raise ExtractionError(f"Gemini unreachable: {type(exc).__name__}", hint="check the network") from exc
        wall = time.perf_counter() - t0
        cand = resp.candidates[0] if resp.candidates else None
        reason = getattr(getattr(cand, "finish_reason", None), "name", None) or str(getattr(cand, "finish_reason", ""))
        check_finish(reason, max_tokens, "Gemini")
        if cand is None or reason not in ("STOP", "FinishReason.STOP", ""):
            raise ExtractionError(f"Gemini gave no usable answer (finish reason {reason or 'none'})",
                                  hint="the bill may have been blocked; try the local extractor")
        text = resp.text or ""
        usage = resp.usage_metadata
        return Completion(
            data=parse_json_object(text, "Gemini"), text=text,
            tokens_prompt=int(getattr(usage, "prompt_token_count", 0) or 0),
            tokens_completion=int(getattr(usage, "candidates_token_count", 0) or 0),
            seconds_prompt=0.0, seconds_generate=wall, finish_reason=reason or "STOP",
        )


def reachable(settings: Settings, timeout: float = 1.0) -> bool:
    """True when the Gemini endpoint answers HTTP at all within ``timeout`` seconds."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(urllib.request.Request(endpoint(settings), method="GET"), timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True  # an HTTP error still means the host answered
    except (urllib.error.URLError, OSError, ValueError):
        return False
