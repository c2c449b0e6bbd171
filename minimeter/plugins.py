"""One loader for every plugin seam, over ``importlib.metadata`` entry points.

MiniMeter's own extractors, sync targets and readers are declared in ``pyproject.toml`` in the
same entry-point groups a third-party package uses, and loaded by the same code, so a plugin is
one module plus one line in its package's ``pyproject.toml``::

    [project.entry-points."minimeter.extractors"]
    mine = "my_package.my_module:MyExtractor"

Groups (the contract of what each entry point must load is in the seam's ``base.py``):

- ``minimeter.extractors``: ``factory(settings) -> Extractor`` (``minimeter.extract.base``).
- ``minimeter.sync_targets``: a target class with ``configured(settings) -> bool``
  (``minimeter.sync.base``).
- ``minimeter.readers``: an object with ``sniff(head) -> bool`` and ``read(path, options)``
  (``minimeter.readers.dispatch``).

Names come from the entry points' metadata without importing anything, so ``--help`` and CLI
choices stay instant; a plugin's module is imported the first time its name is used. A plugin
that cannot be loaded (import error, wrong shape) is reported once per process as one line
naming it and its package, and is then treated as absent: it never stops the others.

There is one registry per group, here (``extractors``, ``sync_targets``, ``readers``), so a
stage can use another seam's plugins without importing that seam (intake asks the sync
targets for originals). Each seam's ``base.py`` re-exports its registry typed.

``Registry.register(name, obj)`` adds an object directly (tests register fakes this way); a
registered object takes precedence over an entry point of the same name.

Built-ins come from the installed ``minimeter`` distribution's metadata, which pip writes on
``pip install -e .``: after changing an entry-point table the package must be installed again.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Generic, TypeVar

from minimeter.errors import ConfigError

log = logging.getLogger("minimeter.plugins")
T = TypeVar("T")

EXTRACTORS = "minimeter.extractors"
SYNC_TARGETS = "minimeter.sync_targets"
READERS = "minimeter.readers"


def _stderr(message: str) -> None:
    print(f"minimeter: warning: {message}", file=sys.stderr)


report: Callable[[str], None] = _stderr
"""Where a broken plugin's one-line warning goes besides the log (a front end may replace it)."""


@dataclass(frozen=True)
class Problem:
    """A plugin that could not be loaded, and why (one line)."""

    group: str
    name: str
    dist: str
    reason: str

    def one_line(self) -> str:
        return f"{self.kind_label()} plugin {self.name!r} from {self.dist} is ignored: {self.reason}"

    def kind_label(self) -> str:
        return self.group.removeprefix("minimeter.").replace("_", " ").rstrip("s")


def _dist_name(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return str(getattr(dist, "name", None) or "an unknown package")


class Registry(Generic[T]):
    """The plugins of one entry-point group.

    ``check(obj)`` validates what an entry point loaded and returns it typed, or raises
    ``TypeError`` with a short reason (then the plugin is reported and ignored).
    """

    def __init__(self, group: str, kind: str, check: Callable[[object], T]) -> None:
        self.group = group
        self.kind = kind
        self._check = check
        self._registered: dict[str, T] = {}
        self._loaded: dict[str, T] = {}
        self._problems: dict[str, Problem] = {}
        self._eps: dict[str, metadata.EntryPoint] | None = None
        self._lock = threading.RLock()

    # --- discovery (no imports) -------------------------------------------------------
    def _entry_points(self) -> dict[str, metadata.EntryPoint]:
        with self._lock:
            if self._eps is None:
                found: dict[str, metadata.EntryPoint] = {}
                for ep in metadata.entry_points(group=self.group):
                    have = found.get(ep.name)
                    if have is None:
                        found[ep.name] = ep
                    elif have.value != ep.value:
                        # Two packages claim one name: the first on sys.path wins, as for imports.
                        self._problem(ep, f"the name is already taken by {_dist_name(have)}", conflict=True)
                self._eps = found
            return self._eps

    def refresh(self) -> None:
        """Forget what was discovered (after installing a plugin into a running process; tests)."""
        with self._lock:
            self._eps = None
            self._loaded.clear()
            self._problems.clear()

    def names(self) -> list[str]:
        """Every name a user may choose: entry points and registered objects, sorted."""
        eps = self._entry_points()
        return sorted(set(eps) | set(self._registered))

    # --- loading ----------------------------------------------------------------------
    def register(self, name: str, obj: T) -> None:
        """Make ``obj`` available as ``name`` (replaces an entry point or earlier registration)."""
        with self._lock:
            self._registered[name] = obj

    def unregister(self, name: str) -> None:
        with self._lock:
            self._registered.pop(name, None)

    def _problem(self, ep: metadata.EntryPoint, reason: str, *, conflict: bool = False) -> None:
        # A name that did not load is keyed by the name (using it again says why); the loser of a
        # name conflict by name and package, so the winner still loads.
        key = f"{ep.name} {_dist_name(ep)}" if conflict else ep.name
        if key in self._problems:
            return
        problem = Problem(self.group, ep.name, _dist_name(ep), reason)
        self._problems[key] = problem
        log.warning("%s", problem.one_line())
        report(problem.one_line())

    def _load(self, name: str) -> T | None:
        """The object for ``name``; None when there is none or it is broken (reported once)."""
        with self._lock:
            if name in self._registered:
                return self._registered[name]
            if name in self._loaded:
                return self._loaded[name]
            if name in self._problems:
                return None
            ep = self._entry_points().get(name)
            if ep is None:
                return None
            try:
                obj = self._check(ep.load())
            except Exception as exc:  # any failure inside someone else's module: report, never a traceback
                first = (str(exc).strip().splitlines() or [""])[0][:200]
                self._problem(ep, f"{type(exc).__name__}: {first}" if first else type(exc).__name__)
                return None
            self._loaded[name] = obj
            return obj

    def get(self, name: str) -> T:
        """The plugin ``name``, or ``ConfigError`` naming the choices (or why it is broken)."""
        obj = self._load(name)
        if obj is not None:
            return obj
        problem = self._problems.get(name)
        if problem is not None:
            raise ConfigError(problem.one_line(), hint="reinstall or remove that package")
        choices = self.names()
        hint = (f"choose one of: {', '.join(choices)}" if choices
                else "no plugins are installed: reinstall MiniMeter (pip install -e . in a checkout)")
        raise ConfigError(f"Unknown {self.kind} {name!r}", hint=hint)

    def load_all(self) -> dict[str, T]:
        """Every plugin that loads, by name (broken ones are reported and left out)."""
        out: dict[str, T] = {}
        for name in self.names():
            obj = self._load(name)
            if obj is not None:
                out[name] = obj
        return out

    def problems(self) -> list[Problem]:
        with self._lock:
            return sorted(self._problems.values(), key=lambda p: (p.name, p.dist))


# --- the three seams: what an entry point must load, checked before anything uses it -------------
def _callable(obj: object) -> object:
    if not callable(obj):
        raise TypeError(f"the entry point must load a factory or class, not {type(obj).__name__}")
    return obj


def _sync_target(obj: object) -> object:
    _callable(obj)
    if not callable(getattr(obj, "configured", None)):
        raise TypeError("the sync target class has no configured(settings) method")
    return obj


def _reader(obj: object) -> object:
    missing = [m for m in ("sniff", "read") if not callable(getattr(obj, m, None))]
    if missing:
        raise TypeError(f"the reader has no {' or '.join(missing)} function")
    return obj


extractors: Registry[Any] = Registry(EXTRACTORS, "extractor", _callable)
sync_targets: Registry[Any] = Registry(SYNC_TARGETS, "sync target", _sync_target)
readers: Registry[Any] = Registry(READERS, "reader", _reader)
