"""DuckDB over the SQLite store, strictly offline.

DuckDB normally downloads its ``sqlite`` extension on first use, which cannot work on a
machine that was never online. The extension ships as a pinned Python package
(``duckdb-extension-sqlite-scanner``, same version as duckdb, signed binary): we find its
``.duckdb_extension`` file through the package metadata, ``INSTALL`` it from that path into
an extension folder inside the data folder and ``LOAD`` it. Automatic extension install and
load are switched off, so a query that needed anything else fails instead of reaching out.

The extension reads a private snapshot of the store (``snapshot``), loaded into DuckDB's
memory as schema ``s``. The source is the SQLite file, or any open ``JobStore`` (a SQLite store
is copied from its file; others, such as the shared PostgreSQL store, through the store seam);
``views.sql`` then defines the typed views every report and export reads (see docs/reports.md).
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ReportError

if TYPE_CHECKING:
    from typing import TypeAlias

    import duckdb

    from minimeter.store.base import JobStore

    Source: TypeAlias = Path | str | JobStore
    """What a report reads: the path of a SQLite store, or an open store of any engine."""

EXTENSION_PACKAGE = "duckdb-extension-sqlite-scanner"
EXTENSION_NAME = "sqlite_scanner"

# Nothing may be fetched on demand: an extension is either already loaded or the query fails.
OFFLINE_CONFIG: dict[str, Any] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}


def extension_file() -> Path:
    """Path of the sqlite_scanner binary inside the installed wheel, or raise ReportError."""
    try:
        dist = metadata.distribution(EXTENSION_PACKAGE)
    except metadata.PackageNotFoundError as exc:
        raise ReportError(
            f"the package {EXTENSION_PACKAGE} is not installed",
            hint="reinstall MiniMeter: reports need DuckDB's sqlite extension from that package",
        ) from exc
    import duckdb

    want = f"v{duckdb.__version__}"
    for f in dist.files or []:
        if f.name == f"{EXTENSION_NAME}.duckdb_extension" and want in f.parts:
            return Path(str(f.locate()))
    raise ReportError(
        f"{EXTENSION_PACKAGE} {dist.version} has no extension for duckdb {duckdb.__version__}",
        hint=f"install {EXTENSION_PACKAGE}=={duckdb.__version__} (versions must match)",
    )


def sql_text(name: str) -> str:
    """The text of ``minimeter/reports/<name>.sql``."""
    return resources.files("minimeter.reports").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def _migrated(store_path: Path) -> None:
    # Open through the store once so a new or old database has the current tables.
    from minimeter.store.sqlite import SQLiteStore

    store = SQLiteStore(store_path, read_only=True)  # a read-only data folder can still be reported on
    store.close()


def sqlite_path(source: Source) -> Path | None:
    """The SQLite file behind ``source``, or None for a store of another engine."""
    from minimeter.store.sqlite import SQLiteStore

    if isinstance(source, (str, Path)):
        return Path(source)
    return source.path if isinstance(source, SQLiteStore) else None


def connect(source: Source, *, extension_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding the store's report tables in schema ``s``, with the report views.

    The tables come from a snapshot of the store (see ``snapshot``: DuckDB's SQLite library
    never opens the live, shared database). ``extension_dir`` (default: ``duckdb-extensions/``
    beside a SQLite database; none for other stores, the packaged file is loaded in place)
    receives the installed copy of the extension.
    """
    import tempfile

    import duckdb

    from minimeter.reports import snapshot

    store_path = sqlite_path(source)
    if store_path is not None:
        _migrated(store_path)
    ext = extension_file()
    ext_dir = extension_dir or (store_path.parent / "duckdb-extensions" if store_path is not None else None)
    where = str(store_path) if store_path is not None else "the store"
    try:
        config = {**OFFLINE_CONFIG, **({"extension_directory": str(ext_dir)} if ext_dir else {})}
        con = duckdb.connect(":memory:", config=config)
        try:
            if ext_dir is None:
                raise OSError("no extension folder")
            ext_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            con.execute(f"INSTALL '{quote_path(ext)}'")
            con.execute(f"LOAD {EXTENSION_NAME}")
        except (duckdb.Error, OSError):
            # A read-only data folder (or no folder at all): load the packaged file in place instead of a copy.
            con.execute(f"LOAD '{quote_path(ext)}'")
        with tempfile.TemporaryDirectory(prefix="minimeter-report-") as tmp:
            snap = Path(tmp) / "snapshot.db"
            if store_path is not None:
                snapshot.take(store_path, snap)
            elif not isinstance(source, (str, Path)):
                snapshot.take_from_store(source, snap)
            con.execute(f"ATTACH '{quote_path(snap)}' AS snap (TYPE sqlite, READ_ONLY)")
            con.execute("CREATE SCHEMA s")
            for table in snapshot.TABLES:
                con.execute(f"CREATE TABLE s.{table} AS SELECT * FROM snap.{table}")
            con.execute("DETACH snap")
        con.execute(sql_text("views"))
    except (duckdb.Error, OSError) as exc:
        raise ReportError(f"cannot open {where} for reports: {exc}".splitlines()[0],
                          hint="check that the file is a MiniMeter database") from exc
    return con


def quote_path(path: Path) -> str:
    return str(path).replace("'", "''")


def extension_status(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Loaded extensions with where each came from (proof that nothing was downloaded)."""
    rows = con.execute(
        "SELECT extension_name, loaded, installed, install_path, installed_from "
        "FROM duckdb_extensions() WHERE loaded OR installed ORDER BY extension_name"
    ).fetchall()
    keys = ("name", "loaded", "installed", "install_path", "installed_from")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run ``<name>.sql`` with named parameters; rows as dicts."""
    import duckdb

    try:
        text = sql_text(name)
        # DuckDB rejects named parameters a statement does not use.
        used = {k: v for k, v in (params or {}).items() if f"${k}" in text}
        cur = con.execute(text, used)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    except duckdb.Error as exc:
        raise ReportError(f"report query {name}.sql failed: {exc}".splitlines()[0],
                          hint="this is a bug; please report it") from exc
