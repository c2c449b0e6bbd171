"""The extractor seam and its registry.

Contract
--------
An extractor is an object with a ``name`` and::

    extract(doc: Document, ctx: ExtractionContext) -> ExtractionResult

It must be safe to call many times on one instance (a local model stays loaded across
jobs), may take seconds, and may raise only ``ExtractionError`` (or a subclass such as
``ModelError``) with a one-line reason. It fills ``bill`` and ``evidence`` (one
``FieldEvidence`` per non-null scalar field) and token counts and timings it knows. It does
NOT decide the status: ``minimeter.validate`` runs the checks and decides SUCCEEDED or
NEEDS_REVIEW for every extractor alike, so a model cannot talk its way past the arithmetic.

``cache_identity()`` returns what, besides the document's hash, determines the output
(extractor name, model sha256, prompt version); the pipeline caches results by it.

Extractors are created through the registry, never imported by the pipeline directly:
``register("name", factory)`` where ``factory(settings) -> Extractor``; ``create(name,
settings)`` returns one. Tests register fakes through the same registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from minimeter.errors import ConfigError

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import ExtractionResult
    from minimeter.settings import Settings


@dataclass
class ExtractionContext:
    """What an extractor knows besides the text."""

    sha256: str = ""
    file_name: str = ""
    profile: Any = None
    """The detected provider profile (``minimeter.extract.profiles.Profile``) or None when unknown."""
    hints: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Extractor(Protocol):
    name: str

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult: ...

    def cache_identity(self) -> dict[str, str | None]: ...


Factory = Callable[["Settings"], Extractor]
_REGISTRY: dict[str, Factory] = {}
_BUILTINS_LOADED = False


def register(name: str, factory: Factory) -> None:
    """Make ``name`` available to ``create``. Re-registering a name replaces it."""
    _REGISTRY[name] = factory


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def _load_builtins() -> None:
    # Built-ins register themselves on import; importing lazily keeps `--help` fast and
    # keeps llama_cpp / google-genai out of processes that never extract.
    global _BUILTINS_LOADED
    if _BUILTINS_LOADED:
        return
    _BUILTINS_LOADED = True
    import importlib

    for mod in ("minimeter.extract.builtin", "minimeter.extract.llm.register"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            # Only "this optional module is not there yet" is fine; a missing dependency is not.
            if not (exc.name and mod.startswith(exc.name)):
                raise


def available() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def create(name: str, settings: Settings) -> Extractor:
    """Build the extractor registered as ``name`` or raise ConfigError naming the choices."""
    _load_builtins()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise ConfigError(
            f"Unknown extractor {name!r}",
            hint=f"choose one of: {', '.join(sorted(_REGISTRY)) or 'none registered'}",
        ) from None
    return factory(settings)
