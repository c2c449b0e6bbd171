"""Asking a model only about the fields the rules left open (the ``local`` extractor's model step).

``fill_gaps(backend, request)`` sends short text windows, the provider context and the candidates
the rules saw, with a JSON schema built from the requested fields only: a field with candidates is
an enum of those candidates or null (choosing is far more reliable than free text for a tiny
model), any other field a bounded string or null. The system text and instructions are fixed, so
llama.cpp keeps them evaluated across jobs; everything that varies comes last.

The answer holds raw values as the model gave them, except that an answer the schema does not allow
(outside its choices, or too long) becomes null; parsing, grounding in the text and the arithmetic
are the caller's job (``minimeter.extract.llm.gapfill``). Raises ``ExtractionError`` when
the reply is cut at ``max_tokens`` or is not JSON (see ``base.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from minimeter.extract.llm.base import ModelBackend
    from minimeter.settings import Settings

PROMPT_VERSION = "gaps-llm-2"
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


_MONTH = r"[A-Za-z\u00c0-\u00ff]{3,10}\.?"
_DATE_RX = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b"
    rf"|\b{_MONTH} \d{{1,2}},? \d{{4}}\b|\b\d{{1,2}}\.? {_MONTH} \d{{4}}\b")
_MONEY_RX = re.compile(r"(?<![\w.,'])-?[$\u20ac\u00a3]?\d{1,3}(?:[,.' \u2019]\d{3})*[.,]\d{2}(?![\d])")
_QTY_RX = re.compile(r"(?<![\w.,/$\u20ac\u00a3-])(?:\d{1,3}(?:[,.' \u2019]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
                     r"(?![\d/-]|[.,]\d)")
_ID_RX = re.compile(r"(?<![\w-])(?=[A-Z\-/]*\d)[A-Z0-9][A-Z0-9\-/]{4,30}(?: [0-9]{2,8}){0,3}(?![\w-])",
                    re.IGNORECASE)
_MONEY_FIELDS = ("total_amount_due", "current_charges", "previous_balance", "payments")
_FREE_TEXT = ("provider", "customer_name", "service_address", "rate_plan", "gas_usage_unit", "water_usage_unit")


def _kind(name: str) -> str:
    if name.endswith("_date") or name.startswith("billing_period"):
        return "date"
    if name in ("account_number", "meter_number"):
        return "id"
    if name in _FREE_TEXT:
        return "text"
    return "money" if name in _MONEY_FIELDS else "quantity"


def spans_in_windows(name: str, windows: list[str]) -> list[str] | None:
    """Strings of the field's shape that occur in the windows (None: free text, anything goes).

    Answers are restricted to these so the model can only point at text that is there: a tiny model
    asked for free text invents plausible values; asked to choose, it can at worst choose wrong.
    """
    kind = _kind(name)
    if kind == "text":
        return None
    rx = {"date": _DATE_RX, "money": _MONEY_RX, "quantity": _QTY_RX, "id": _ID_RX}[kind]
    found: list[str] = []
    for w in windows:
        if kind != "date":  # a date's digits are not amounts or identifiers
            w = _DATE_RX.sub(lambda m: " " * len(m.group(0)), w)
        for m in rx.finditer(w):
            v = m.group(0).strip()
            if kind == "id" and len(re.sub(r"\D", "", v)) < 4:
                continue
            if v not in found:
                found.append(v)
    return found[: MAX_CHOICES * 2]


def schema_for(request: GapRequest) -> dict[str, Any]:
    """An object with exactly the requested fields, each an enum of strings or null.

    The enum is the rules' candidates when there are any, else the strings of the field's shape found
    in the windows; free-text fields (names, addresses) are bounded strings. A field with nothing to
    choose from is fixed to null: asking would only invite an invented value.
    """
    props: dict[str, Any] = {}
    for name in request.fields:
        choices = _choices(request.candidates.get(name) or [])
        if not choices:
            spotted = spans_in_windows(name, request.windows[:MAX_WINDOWS])
            if spotted is None:
                props[name] = {"anyOf": [{"type": "string", "maxLength": _max_length(name)}, {"type": "null"}]}
                continue
            choices = _choices(spotted)
        props[name] = {"enum": [*choices, None]}
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
    schema = schema_for(request)
    for name, desc in request.fields.items():
        choices = [c for c in schema["properties"][name].get("enum", []) if c is not None]
        extra = f" Choices: {' | '.join(choices)} | null." if choices else ""
        lines.append(f"- {name}: {desc}.{extra}")
    return "\n".join(lines)


def default_backend(settings: Settings) -> ModelBackend | None:
    """The local model, loaded once per process; None when no model is installed.

    Raises ModelError when a configured file is missing or its checksum is wrong.
    """
    from minimeter.extract.llm.llama import get_backend

    return get_backend(settings)


def within_schema(schema: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every answer the schema does not allow set to None.

    llama.cpp's grammar already forbids them, but an OpenAI-compatible server or a hosted model may
    not enforce the schema: an answer outside the listed choices could be a value the model made up.
    """
    out: dict[str, Any] = {}
    for name, v in values.items():
        prop = schema["properties"].get(name, {})
        if v is None:
            out[name] = None
        elif "enum" in prop:
            out[name] = v if isinstance(v, str) and v in prop["enum"] else None
        else:
            bound = max((p.get("maxLength", 0) for p in prop.get("anyOf", [])), default=0)
            out[name] = v if isinstance(v, str) and len(v) <= bound else None
    return out


def fill_gaps(backend: ModelBackend, request: GapRequest, *, max_tokens: int | None = None) -> GapAnswer:
    """Ask ``backend`` for the requested fields; raises ExtractionError on a cut or invalid reply."""
    if not request.fields:
        return GapAnswer({}, 0, 0, 0.0, 0.0, getattr(backend, "sha256", None), PROMPT_VERSION)
    schema = schema_for(request)
    comp = backend.complete(SYSTEM, build_prompt(request), schema, max_tokens or max_tokens_for(schema))
    values = within_schema(schema, {name: comp.data.get(name) for name in request.fields})
    return GapAnswer(values=values, tokens_prompt=comp.tokens_prompt, tokens_completion=comp.tokens_completion,
                     seconds_prompt=comp.seconds_prompt, seconds_generate=comp.seconds_generate,
                     model_sha256=getattr(backend, "sha256", None), prompt_version=PROMPT_VERSION)
