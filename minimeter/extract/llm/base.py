"""The model backend seam: one JSON-constrained completion, whatever runs the model.

Contract
--------
A backend has ``name`` (``llama``, ``gemini``, ``openai``), ``sha256`` (the model file's checksum,
or None for a remote model), ``model_id`` (a human name) and::

    complete(system: str, user: str, schema: dict, max_tokens: int) -> Completion

``system`` and the start of ``user`` are meant to stay the same across calls (a local backend
keeps their evaluation in its prompt cache); the variable part goes at the end of ``user``.
``schema`` is a JSON schema for the reply (an object of bounded strings, numbers, enums and
nulls); the backend constrains generation to it when it can (a grammar locally, a response
schema remotely). Temperature is 0.

It returns a ``Completion`` whose ``data`` is the parsed JSON object, with token counts and
seconds spent on the prompt and on generation. It raises:

* ``ExtractionError`` (retryable) when the reply was cut at ``max_tokens`` (never returned as a
  result), is not a JSON object, the prompt does not fit, or a remote endpoint refused/failed;
* ``ModelError`` (not retryable) when a local model file is missing, damaged or unloadable;
* ``ConfigError`` when a remote backend has no key or URL configured.

A backend is created once per process and reused: loading a model is the expensive part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from minimeter.errors import ExtractionError


@dataclass
class Completion:
    data: dict[str, Any]
    text: str
    tokens_prompt: int = 0
    tokens_completion: int = 0
    seconds_prompt: float = 0.0
    seconds_generate: float = 0.0
    finish_reason: str = "stop"
    extra: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class ModelBackend(Protocol):
    name: str
    sha256: str | None
    model_id: str

    def complete(self, system: str, user: str, schema: dict[str, Any], max_tokens: int) -> Completion: ...


def check_finish(finish_reason: str | None, max_tokens: int, who: str) -> None:
    """A reply that stopped because it ran out of tokens is incomplete JSON at best: refuse it."""
    reason = (finish_reason or "").lower()
    if reason in ("length", "max_tokens"):
        raise ExtractionError(f"{who} reply cut at max_tokens={max_tokens}",
                              hint="nothing was stored; raise max_tokens or ask for fewer fields")


def parse_json_object(text: str, who: str) -> dict[str, Any]:
    try:
        # strict=False: llama.cpp's JSON grammar lets a raw newline into a string; the value is still usable
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise ExtractionError(f"{who} reply is not valid JSON ({exc.msg})", hint="nothing was stored") from exc
    if not isinstance(data, dict):
        raise ExtractionError(f"{who} reply is not a JSON object", hint="nothing was stored")
    return data
