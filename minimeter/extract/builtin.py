"""Built-in deterministic extractors, declared as ``minimeter.extractors`` entry points in pyproject.toml.

* ``rules``: profile detection + grounded candidates + arithmetic selection (``rules.py``). No model.
* ``local``: ``rules`` first; then the local model (``minimeter.extract.llm.gaps``) is asked only about
  fields the rules left missing or ambiguous, with small text windows around their labels and
  candidates plus the provider context. Its answers are parsed with the same parsers, checked
  against the text (grounded) and against the arithmetic, and kept at a lower confidence with
  ``source="model"``. With no model available, ``local`` behaves exactly like ``rules`` and says so
  in ``timings["model_unavailable"]`` and a note on the result.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.extract.base import ExtractionContext
from minimeter.extract.rules import RulesOutcome, extract_rules
from minimeter.schema import ExtractionResult

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.settings import Settings

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def rules_version() -> str:
    """Identity of the rules for the result cache: a digest of the extraction code and profiles.

    A hand-bumped version string was forgotten after rule changes, so cached results of older rules
    were served as if current; hashing the sources makes every change (a rule, a vocabulary, a
    profile) a new identity without anyone remembering to bump it.
    """
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted([*root.rglob("*.py"), *root.rglob("*.toml")]):
        if "__pycache__" not in f.parts:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return "rules-" + h.hexdigest()[:12]


def _result(name: str, out: RulesOutcome, **extra: Any) -> ExtractionResult:
    return ExtractionResult(bill=out.bill, evidence=out.evidence, extractor=name,
                            timings=dict(out.timings), abandoned=list(out.abandoned), **extra)


class RulesExtractor:
    """Deterministic only: the same document always gives the same result."""

    name = "rules"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def cache_identity(self) -> dict[str, str | None]:
        return {"rules": rules_version()}

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult:
        out = extract_rules(doc, ctx.profile)
        ctx.profile = out.profile
        return _result(self.name, out)


class LocalExtractor:
    """Rules, then the local model for what they leave open (see ``gapfill.py``)."""

    name = "local"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._backend: Any = None
        self._loaded = False
        self._why_none = ""

    def backend(self) -> Any:
        """The model backend, loaded once per process; None (with a reason) when there is none."""
        if not self._loaded:
            self._loaded = True
            try:
                from minimeter.extract.llm import gaps
            except ImportError as exc:
                self._why_none = f"local model support not installed ({exc.name})"
                return None
            try:
                self._backend = gaps.default_backend(self.settings)
            except Exception as exc:  # a broken model file must not stop the rules' answer
                log.warning("local model unavailable: %s", exc)
                self._why_none = f"local model unavailable: {getattr(exc, 'message', exc)}"
                self._backend = None
            if self._backend is None and not self._why_none:
                self._why_none = "no local model available"
        return self._backend

    def cache_identity(self) -> dict[str, str | None]:
        ident: dict[str, str | None] = {"rules": rules_version()}
        b = self.backend()
        if b is not None:
            from minimeter.extract.llm.gapfill import PROMPT_ID

            ident["model_sha256"] = getattr(b, "sha256", None) or getattr(b, "model_sha256", None)
            ident["prompt_version"] = f"{PROMPT_ID}+{getattr(b, 'prompt_version', '')}"
        else:
            ident["model"] = "none"
        return ident

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult:
        out = extract_rules(doc, ctx.profile)
        ctx.profile = out.profile
        backend = self.backend()
        if backend is None:
            res = _result(self.name, out)
            res.timings["model_unavailable"] = 1.0
            for ev in res.evidence.values():
                if ev.source == "rules" and not ev.note:
                    ev.note = f"rules only: {self._why_none}"
            return res
        from minimeter.extract.llm.gapfill import fill

        t0 = time.perf_counter()
        answer = fill(backend, out, doc)
        res = _result(self.name, out)
        res.timings["model"] = time.perf_counter() - t0
        if answer is not None:
            res.tokens_prompt = answer.tokens_prompt
            res.tokens_completion = answer.tokens_completion
            res.model_sha256 = answer.model_sha256
            res.prompt_version = answer.prompt_version
            res.timings["model_prompt"] = answer.seconds_prompt
            res.timings["model_generate"] = answer.seconds_generate
        return res

