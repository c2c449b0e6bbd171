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

Extractors are created through the registry, never imported by the pipeline directly. Each is
an entry point in the ``minimeter.extractors`` group (``minimeter.plugins``) whose object is a
``factory(settings) -> Extractor`` (a class taking the settings is one); the built-ins are
declared the same way in MiniMeter's ``pyproject.toml``. ``create(name, settings)`` returns
one and raises ``ConfigError`` naming the choices for an unknown or broken name;
``available()`` lists the names. ``register("name", factory)`` adds one directly: tests
register fakes through the same registry. The factory may raise ``ConfigError`` (a missing
key, say) when the extractor cannot work with these settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

from minimeter import plugins
from minimeter.plugins import Registry

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


REGISTRY = cast("Registry[Factory]", plugins.extractors)
"""Built-ins and third-party extractors alike, from the ``minimeter.extractors`` entry points."""


def register(name: str, factory: Factory) -> None:
    """Make ``name`` available to ``create``. Re-registering a name replaces it."""
    REGISTRY.register(name, factory)


def unregister(name: str) -> None:
    REGISTRY.unregister(name)


def available() -> list[str]:
    """Every extractor name a user may choose (nothing is imported to list them)."""
    return REGISTRY.names()


def create(name: str, settings: Settings) -> Extractor:
    """Build the extractor registered as ``name`` or raise ConfigError naming the choices."""
    return REGISTRY.get(name)(settings)
