"""Job stores. ``open_store(settings)`` is the one place a store is opened (and migrated)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import JobStore


def open_store(settings: Settings, url: str | None = None, *, read_only: bool = False) -> JobStore:
    """Open the store at ``url`` (``sqlite:///path`` or a postgres URL), default: the data folder's SQLite file.

    ``read_only`` (commands that only read): an SQLite file that cannot be written is opened
    read-only instead of failing; Postgres ignores it (the server decides)."""
    from minimeter.store.sqlite import SQLiteStore

    if url and not url.startswith("sqlite:"):
        from minimeter.store.postgres import PostgresStore  # noqa: PLC0415 (optional backend)

        return PostgresStore(url, settings)
    path = url.removeprefix("sqlite:///") if url else settings.db_path
    return SQLiteStore(path, settings, read_only=read_only)
