"""API keys for every online service, found one way.

Contract: a service's key is, in this order,

1. the explicit setting (``gemini_api_key`` / ``openai_api_key``: ``config.toml`` or
   ``MINIMETER_GEMINI_API_KEY`` ...),
2. the keys file ``keys.json`` in the data folder (``{"gemini": "KEY", "openai": "KEY"}``), which must
   be readable by its owner only (mode 600: the data folder may be shared or backed up),
3. the service's usual environment variables (``GEMINI_API_KEY``, ``GOOGLE_API_KEY``, ``OPENAI_API_KEY``).

``find_key`` returns the key or None; ``require_key`` raises ``MissingKeyError`` (a ``ConfigError``)
whose hint names every way to set one; ``describe`` says where a key comes from without showing it
(the TUI's status screen). A keys file that others can read, or that is not JSON, is a ``ConfigError``
naming the fix, never silently skipped: a key the user put there must not be ignored.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.errors import ConfigError

if TYPE_CHECKING:
    from pydantic import SecretStr

    from minimeter.settings import Settings


@dataclass(frozen=True)
class Service:
    name: str
    """The key's name in ``keys.json``."""
    label: str
    setting: str
    """The Settings field holding an explicit key."""
    env: tuple[str, ...]
    """Environment variables looked at last, in order."""
    aliases: tuple[str, ...] = ()
    """Other names accepted in ``keys.json``."""


GEMINI = Service("gemini", "Gemini", "gemini_api_key", ("GEMINI_API_KEY", "GOOGLE_API_KEY"), ("gemini_api_key",))
OPENAI = Service("openai", "OpenAI-compatible server", "openai_api_key", ("OPENAI_API_KEY",), ("openai_api_key",))


class MissingKeyError(ConfigError):
    """No key for a service that needs one; the hint says how to set it."""


@dataclass(frozen=True)
class Found:
    key: str
    source: str
    """Where it came from: ``settings``, ``keys file`` or the variable's name."""


def _from_file(service: Service, settings: Settings) -> str | None:
    path = settings.keys_path
    if not path.is_file():
        return None
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"{path} is readable by other users", hint=f"run: chmod 600 {path}")
    try:
        keys = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path} is not valid JSON", hint=f'write {{"{service.name}": "YOUR_KEY"}} into it') from exc
    if not isinstance(keys, dict):
        raise ConfigError(f"{path} is not a JSON object", hint=f'write {{"{service.name}": "YOUR_KEY"}} into it')
    for name in (service.name, *service.aliases):
        if keys.get(name):
            return str(keys[name])
    return None


def lookup(service: Service, settings: Settings) -> Found | None:
    """The key and where it came from, or None. Raises ConfigError for an unusable keys file."""
    explicit: SecretStr | None = getattr(settings, service.setting, None)
    if explicit is not None and explicit.get_secret_value():
        return Found(explicit.get_secret_value(), "settings")
    from_file = _from_file(service, settings)
    if from_file:
        return Found(from_file, "keys file")
    for var in service.env:
        if os.environ.get(var):
            return Found(os.environ[var], var)
    return None


def find_key(service: Service, settings: Settings) -> str | None:
    found = lookup(service, settings)
    return found.key if found else None


def how_to_set(service: Service, settings: Settings) -> str:
    return (f"set MINIMETER_{service.setting.upper()} or {service.env[0]}, or write "
            f'{{"{service.name}": "KEY"}} to {settings.keys_path} (chmod 600)')


def require_key(service: Service, settings: Settings) -> str:
    """The key, or raise MissingKeyError saying how to set one."""
    found = lookup(service, settings)
    if found is None:
        raise MissingKeyError(f"no {service.label} API key configured", hint=how_to_set(service, settings))
    return found.key


def describe(service: Service, settings: Settings) -> str:
    """``yes (keys file in the data folder)``, ``no (...)``: where the key comes from, never the key."""
    try:
        found = lookup(service, settings)
    except ConfigError as exc:
        return f"no ({exc.one_line()})"
    if found is None:
        return "no"
    where = {"settings": "key in settings", "keys file": "keys file in the data folder"}
    return f"yes ({where.get(found.source, found.source)})"
