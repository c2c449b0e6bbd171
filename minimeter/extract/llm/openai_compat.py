"""Any OpenAI-compatible chat endpoint through the ``openai`` client (``ModelBackend``, see ``base.py``).

Works with llama-cpp-python's and llama.cpp's servers, Ollama, vLLM and LM Studio. The schema is
sent as ``response_format={"type": "json_object", "schema": ...}``, which the llama.cpp servers turn
into a grammar; servers that ignore the schema still return JSON that is parsed and checked the
same way. ``settings.openai_base_url`` (e.g. ``http://127.0.0.1:8000/v1``) is required.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from minimeter import keys
from minimeter.errors import ConfigError, ExtractionError
from minimeter.extract.llm.base import Completion, check_finish, parse_json_object

if TYPE_CHECKING:
    from minimeter.settings import Settings

TIMEOUT_SECONDS = 300.0


class OpenAICompatBackend:
    name = "openai"
    sha256: str | None = None

    def __init__(self, settings: Settings) -> None:
        if not settings.openai_base_url:
            raise ConfigError("no OpenAI-compatible endpoint configured",
                              hint="set MINIMETER_OPENAI_BASE_URL, e.g. http://127.0.0.1:8000/v1")
        import openai

        # Same lookup as every key (settings, keys.json, OPENAI_API_KEY); local servers need no key,
        # but the client insists on one.
        key = keys.find_key(keys.OPENAI, settings) or "not-needed"
        self.model_id = settings.openai_model
        self.base_url = settings.openai_base_url
        self._client = openai.OpenAI(base_url=settings.openai_base_url, api_key=key, timeout=TIMEOUT_SECONDS,
                                     max_retries=0)  # the job queue retries with backoff, not the client

    def complete(self, system: str, user: str, schema: dict[str, Any], max_tokens: int) -> Completion:
        import openai

        t0 = time.perf_counter()
        try:
            resp = self._client.chat.completions.create(  # type: ignore[call-overload]
                model=self.model_id, temperature=0.0, max_tokens=max_tokens, seed=0,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                # llama.cpp servers turn this schema into a grammar (not in the client's types)
                response_format={"type": "json_object", "schema": schema},
            )
        except openai.APIConnectionError as exc:
            raise ExtractionError(f"OpenAI-compatible endpoint {self.base_url} unreachable",
                                  hint="start the server or fix openai_base_url") from exc
        except openai.APIStatusError as exc:
            if exc.status_code in (401, 403):
                raise ConfigError(f"{self.base_url} refused the key (HTTP {exc.status_code})",
                                  hint="set MINIMETER_OPENAI_API_KEY") from exc
            raise ExtractionError(f"OpenAI-compatible endpoint failed: HTTP {exc.status_code}",
                                  retryable=exc.status_code == 429 or exc.status_code >= 500) from exc
        wall = time.perf_counter() - t0
        if not resp.choices:
            raise ExtractionError("OpenAI-compatible endpoint returned no choices")
        choice = resp.choices[0]
        check_finish(choice.finish_reason, max_tokens, "OpenAI-compatible model")
        text = choice.message.content or ""
        usage = resp.usage
        return Completion(
            data=parse_json_object(text, "OpenAI-compatible model"), text=text,
            tokens_prompt=int(usage.prompt_tokens if usage else 0),
            tokens_completion=int(usage.completion_tokens if usage else 0),
            seconds_prompt=0.0, seconds_generate=wall, finish_reason=choice.finish_reason or "stop",
        )
