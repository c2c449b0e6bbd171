"""Asking a model only about the fields the rules left open (the ``local`` extractor's model step).

``fill_gaps(backend, request)`` sends short text windows, the provider context and the candidates
the rules saw, with a JSON schema built from the requested fields only: a field with candidates is
an enum of those candidates or null (choosing is far more reliable than free text for a tiny
model), any other field a bounded string or null. The system text and instructions are fixed, so
llama.cpp keeps them evaluated across jobs; everything that varies comes last.

The answer holds raw values as the model gave them; parsing, grounding in the text and the
arithmetic are the caller's job (``minimeter.extract.gapfill``). Raises ``ExtractionError`` when
the reply is cut at ``max_tokens`` or is not JSON (see ``base.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from minimeter.extract.llm.base import ModelBackend
    from minimeter.settings import Settings

PROMPT_VERSION = "gaps-llm-1"
WINDOW_CHARS = 600
MAX_WINDOWS = 8
MAX_CHOICES = 8
CHOICE_CHARS = 64

SYSTEM = (
    "You read short excerpts of a utility bill and answer questions about it with values copied "
    "exactly as printed. Reply with one JSON object and nothing else. When the excerpts do not show "
    "a value, answer null; never guess."
)
INSTRUCTIONS = (
    "Rules: the amount due is what the customer must pay now, not a previous balance or a single "
    "charge. The due date is the payment deadline, not a reading or statement date. Usage is this "
    "period's consumption, not last year's or an average. An account number is the customer's "
    "account, not a meter, invoice or phone number. When choices are listed, pick one of them or null.\n"
)


@dataclass
class GapRequest:
    fields: dict[str, str]
    """field name -> short description with the expected format"""
    windows: list[str]
    """text excerpts around candidate labels (each <= ~600 chars)"""
    provider_context: str
    """Profile.context() or a generic sentence for unknown utilities"""
    candidates: dict[str, list[str]] = field(default_factory=dict)
    """values the rules saw per field (may be empty)"""


@dataclass
class GapAnswer:
    values: dict[str, Any]
    """field -> raw value as the model gave it (str | number | None)"""
    tokens_prompt: int
    tokens_completion: int
    seconds_prompt: float
    seconds_generate: float
    model_sha256: str | None
    prompt_version: str


def _max_length(name: str) -> int:
    if name.endswith("_date") or name.startswith("billing_period"):
        return 24
    if name in ("account_number", "meter_number"):
        return 32
    if name in ("service_address", "provider", "customer_name", "rate_plan"):
        return 80
    return 20  # money and quantities


def _choices(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        s = " ".join(str(v).split())[:CHOICE_CHARS]
        if s and s not in out:
            out.append(s)
    return out[:MAX_CHOICES]


def schema_for(request: GapRequest) -> dict[str, Any]:
    """An object with exactly the requested fields, each an enum of candidates or a bounded string, or null."""
    props: dict[str, Any] = {}
    for name in request.fields:
        choices = _choices(request.candidates.get(name) or [])
        if choices:
            props[name] = {"enum": [*choices, None]}
        else:
            props[name] = {"anyOf": [{"type": "string", "maxLength": _max_length(name)}, {"type": "null"}]}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def max_tokens_for(schema: dict[str, Any]) -> int:
    """Enough tokens for the longest reply the schema allows (one token per character at worst)."""
    total = 4
    for name, prop in schema["properties"].items():
        if "enum" in prop:
            longest = max(len(str(v)) for v in prop["enum"])
        else:
            longest = max(p.get("maxLength", 4) for p in prop["anyOf"])
        total += len(name) + longest + 8
    return total


def build_prompt(request: GapRequest) -> str:
    lines = [INSTRUCTIONS, f"About this bill: {request.provider_context.strip()}", "", "Excerpts:"]
    for w in request.windows[:MAX_WINDOWS]:
        lines.append("---")
        lines.append(w.strip()[:WINDOW_CHARS])
    lines.append("---")
    lines.append("")
    lines.append("Questions:")
    for name, desc in request.fields.items():
        choices = _choices(request.candidates.get(name) or [])
        extra = f" Choices: {' | '.join(choices)}." if choices else ""
        lines.append(f"- {name}: {desc}.{extra}")
    return "\n".join(lines)


def default_backend(settings: Settings) -> ModelBackend | None:
    """The local model, loaded once per process; None when no model is installed.

    Raises ModelError when a configured file is missing or its checksum is wrong.
    """
    from minimeter.extract.llm.llama import get_backend

    return get_backend(settings)


def fill_gaps(backend: ModelBackend, request: GapRequest, *, max_tokens: int | None = None) -> GapAnswer:
    """Ask ``backend`` for the requested fields; raises ExtractionError on a cut or invalid reply."""
    if not request.fields:
        return GapAnswer({}, 0, 0, 0.0, 0.0, getattr(backend, "sha256", None), PROMPT_VERSION)
    schema = schema_for(request)
    comp = backend.complete(SYSTEM, build_prompt(request), schema, max_tokens or max_tokens_for(schema))
    values = {name: comp.data.get(name) for name in request.fields}
    return GapAnswer(values=values, tokens_prompt=comp.tokens_prompt, tokens_completion=comp.tokens_completion,
                     seconds_prompt=comp.seconds_prompt, seconds_generate=comp.seconds_generate,
                     model_sha256=getattr(backend, "sha256", None), prompt_version=PROMPT_VERSION)
