"""The LLM-only extractor: the whole bill text in one prompt, one JSON reply (the seed design).

Used by ``llm`` (local GGUF), ``gemini`` and ``openai``: the same prompt and schema with a
different ``ModelBackend``. It stays available for comparison with ``local`` (rules + model for
the gaps). Every value is marked ``source="model"``; a value whose text does not occur in the
document is kept but flagged ``grounded=False`` with a low confidence, so validation sends it to
review. The status is decided by ``minimeter.validate``, not here.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from minimeter.extract.base import ExtractionContext
from minimeter.schema import (
    DATE_FIELDS,
    MONEY_FIELDS,
    QUANTITY_FIELDS,
    BillNormalized,
    ExtractionResult,
    FieldEvidence,
    Span,
)

if TYPE_CHECKING:
    from minimeter.extract.llm.base import ModelBackend
    from minimeter.readers.base import Document

PROMPT_VERSION = "whole-1"
REMOTE_MAX_CHARS = 60_000
GENERIC = "This is a utility bill from an unknown provider."

# What the model is asked for, with the short description it sees (FIELDS.md in a line each).
FIELDS: dict[str, str] = {
    "provider": "the utility's name",
    "account_number": "the customer's account number as printed (not a meter, invoice or phone number)",
    "customer_name": "the customer's name",
    "service_address": "the service address",
    "statement_date": "date the bill was issued, YYYY-MM-DD",
    "due_date": "payment due date, YYYY-MM-DD",
    "billing_period_start": "first day of the service period, YYYY-MM-DD",
    "billing_period_end": "last day of the service period, YYYY-MM-DD",
    "currency": "ISO 4217 code such as USD, EUR, CHF",
    "total_amount_due": "total amount due now",
    "current_charges": "this period's new charges",
    "previous_balance": "balance from the previous bill",
    "payments": "payments received since the last bill, positive",
    "electricity_kwh": "electricity used this period, kWh",
    "gas_therms": "gas used this period in therms (only when billed in therms)",
    "gas_usage": "gas used this period in the billed unit",
    "gas_usage_unit": "unit of gas_usage: therms, CCF, m3...",
    "water_usage": "water used this period",
    "water_usage_unit": "unit of water_usage: gallons, CCF, m3...",
    "demand_kw": "billed demand, kW",
    "meter_number": "the meter number",
    "rate_plan": "rate or tariff name",
}
NUMERIC = set(MONEY_FIELDS) | set(QUANTITY_FIELDS)
SYSTEM = (
    "You extract data from utility bills. Read the bill text and fill every field of the JSON object. "
    "Copy identifiers exactly as printed, write dates as YYYY-MM-DD and amounts as plain numbers. "
    "Use null for anything the bill does not show; never guess."
)
INSTRUCTIONS = "Fields:\n" + "\n".join(f"- {k}: {v}" for k, v in FIELDS.items()) + "\n"


# Tighter than the schema's limits: a small model that rambles is cut by the grammar early.
_LENGTHS = {"provider": 60, "customer_name": 60, "service_address": 80, "rate_plan": 40,
            "account_number": 32, "meter_number": 32, "gas_usage_unit": 8, "water_usage_unit": 12}


def _str_len(name: str) -> int:
    return _LENGTHS.get(name, 40)


def max_tokens_for(schema: dict[str, Any]) -> int:
    """The longest reply the schema allows, at one token per character: a cut reply cannot happen locally."""
    total = 8
    for name, prop in schema["properties"].items():
        alt = prop["anyOf"][0]
        longest = 34 if alt["type"] == "number" else alt.get("maxLength", 40) + 2
        total += len(name) + longest + 6
    return total


def bill_schema() -> dict[str, Any]:
    """JSON schema of the reply, derived from ``BillNormalized`` (bounded strings, numbers, nulls)."""
    props: dict[str, Any] = {}
    for name, desc in FIELDS.items():
        if name in NUMERIC:
            alt: dict[str, Any] = {"type": "number"}
        elif name in DATE_FIELDS:
            alt = {"type": "string", "maxLength": 10}
        elif name == "currency":
            alt = {"type": "string", "maxLength": 3}
        else:
            alt = {"type": "string", "maxLength": _str_len(name)}
        props[name] = {"anyOf": [alt, {"type": "null"}], "description": desc}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def provider_context(text: str, profile: Any) -> tuple[Any, str]:
    """The detected profile (or None) and the sentence the prompt starts with."""
    if profile is None:
        try:
            from minimeter.extract.profiles import detect
        except ImportError:
            return None, GENERIC
        profile = detect(text)
    return profile, (profile.context() if profile is not None else GENERIC)


def _to_value(name: str, raw: Any, fmt: str, order: str) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if name in NUMERIC:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, int | float):
            return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        try:
            from minimeter.extract import parse

            return parse.parse_money(str(raw), fmt) or parse.parse_number(str(raw), fmt)
        except (ImportError, ValueError, InvalidOperation):
            return None
    if name in DATE_FIELDS:
        s = str(raw).strip()
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            try:
                from minimeter.extract import parse

                return parse.parse_date(s, order, None)
            except (ImportError, ValueError, TypeError):
                return None
    s = " ".join(str(raw).split())[: _str_len(name)]
    if name == "currency":
        s = s.upper()
        return s if re.fullmatch(r"[A-Z]{3}", s) else None
    return s or None


def _locate(doc: Document, name: str, value: Any, fmt: str, order: str) -> tuple[int, int, int] | None:
    """(page, start, end) of ``value`` in the document's text, or None when it does not occur."""
    for page in doc.pages:
        text = page.text or ""
        if name in NUMERIC or name in DATE_FIELDS or name == "account_number":
            try:
                from minimeter.extract.llm.gapfill import grounded_in

                m = grounded_in(text, name, value, fmt, order)
            except Exception:  # the rules' parsers may not handle every odd value; treat as not found
                m = None
            if m is not None:
                # the rules' matches carry start/end attributes; a re.Match has span()
                s, e = (m.start, m.end) if hasattr(m, "end") and not callable(m.end) else m.span()
                return page.number, int(s), int(e)  # type: ignore[arg-type]
            continue
        words = str(value).split()
        if not words:
            return None
        rx = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
        hit = rx.search(text)
        if hit:
            return page.number, hit.start(), hit.end()
    return None


class WholeTextExtractor:
    """One prompt with the whole text; ``backend_factory`` gives the (process-wide) ModelBackend."""

    def __init__(self, name: str, backend_factory: Callable[[], ModelBackend], *,
                 grounded_confidence: float = 0.6, max_tokens: int | None = None) -> None:
        self.name = name
        self._factory = backend_factory
        self._backend: ModelBackend | None = None
        self.grounded_confidence = grounded_confidence
        self.max_tokens = max_tokens or max_tokens_for(bill_schema())

    def backend(self) -> ModelBackend:
        if self._backend is None:
            self._backend = self._factory()
        return self._backend

    def cache_identity(self) -> dict[str, str | None]:
        b = self.backend()
        ident = {"model": b.model_id, "model_sha256": b.sha256, "prompt_version": PROMPT_VERSION}
        runtime: str | None = getattr(b, "runtime", None)  # how a local model was loaded
        if runtime is not None:
            ident["runtime"] = runtime
        return ident

    def _fit(self, backend: ModelBackend, head: str, text: str) -> str:
        """Trim the bill text so prompt + reply fit a local model's context."""
        context: int | None = getattr(backend, "context", None)
        count = getattr(backend, "count_tokens", None)
        if not context or count is None:
            return text[:REMOTE_MAX_CHARS]
        budget = int(context) - self.max_tokens - count(SYSTEM + head) - 64
        if budget < 256:
            from minimeter.errors import ExtractionError

            raise ExtractionError(f"model_context={context} leaves no room for the bill text", retryable=False,
                                  hint=f"set model_context to at least {int(context) - budget + 1024}")
        while text and count(text) > budget:
            text = text[: int(len(text) * 0.85)]
        return text

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult:
        from minimeter.extract.llm.base import Completion

        backend = self.backend()
        t0 = time.perf_counter()
        full = "\n\n".join(p.text for p in doc.pages if p.text)
        profile, context = provider_context(full, ctx.profile)
        ctx.profile = profile
        fmt = getattr(profile, "number_format", "us")
        order = getattr(profile, "date_order", "MDY")
        head = f"{INSTRUCTIONS}\nAbout this bill: {context}\n\nBill text:\n"
        body = re.sub(r"[ \t]{2,}", "  ", full)
        prompt = head + self._fit(backend, head, body)
        t_prep = time.perf_counter() - t0
        comp: Completion = backend.complete(SYSTEM, prompt, bill_schema(), self.max_tokens)
        data: dict[str, Any] = {}
        evidence: dict[str, FieldEvidence] = {}
        for name in FIELDS:
            value = _to_value(name, comp.data.get(name), fmt, order)
            if value is None:
                continue
            data[name] = value
            where = _locate(doc, name, value, fmt, order)
            span = None
            if where is not None:
                page, s, e = where
                span = Span(page=page, start=s, end=e, text=doc.pages[page - 1].text[s:e][:500])
            evidence[name] = FieldEvidence(
                value=str(value), source="model", span=span, grounded=where is not None,
                confidence=self.grounded_confidence if where is not None else 0.3,
                note=None if where is not None else "the model's value is not in the text")
        if profile is not None and getattr(profile, "id", None):
            data["provider_id"] = profile.id
        bill = _validated(data, evidence)
        return ExtractionResult(
            bill=bill, evidence=evidence, extractor=self.name, model_sha256=backend.sha256,
            prompt_version=PROMPT_VERSION, tokens_prompt=comp.tokens_prompt,
            tokens_completion=comp.tokens_completion,
            timings={"prepare": t_prep, "model_prompt": comp.seconds_prompt, "model_generate": comp.seconds_generate},
        )


def _validated(data: dict[str, Any], evidence: dict[str, FieldEvidence]) -> BillNormalized:
    """A bill from the model's values; a value the schema refuses is dropped, not fatal."""
    from pydantic import ValidationError

    while True:
        try:
            return BillNormalized.model_validate(data)
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e.get("loc")}
            bad &= set(data)
            if not bad:
                raise
            for b in bad:
                data.pop(b, None)
                evidence.pop(b, None)
