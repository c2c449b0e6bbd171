"""Real servers for sync tests: a throwaway Postgres database and the two Google emulators.

The emulators live in their own virtual env (``<repo>/.venv-emulators``, they pin another
duckdb); tests that need one are skipped with the reason when it is absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def emulator_bin(name: str) -> str | None:
    local = REPO / ".venv-emulators" / "bin" / name
    if local.is_file():
        return str(local)
    return shutil.which(name)


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"emulator exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # it answers (501 for an unknown path is an answer)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"emulator at {url} did not come up in {timeout:.0f} s")


class Emulator:
    """A local emulator process that a test can stop and start again on the same port."""

    def __init__(self, argv: list[str], port: int, log: Path) -> None:
        self.argv, self.port, self.log = argv, port, log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Emulator:
        fh = self.log.open("ab")
        self.proc = subprocess.Popen(self.argv, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
        fh.close()
        _wait_http(self.endpoint + "/", self.proc)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None


def _emulator(name: str, args: list[str], tmp: Path) -> Iterator[Emulator]:
    exe = emulator_bin(name)
    if exe is None:
        pytest.skip(f"{name} is not installed (scripts/setup installs it into .venv-emulators)")
    port = free_port()
    emu = Emulator(
        [exe, *[a.replace("{port}", str(port)).replace("{tmp}", str(tmp)) for a in args]],
        port,
        tmp / f"{name}.log",
    )
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def bigquery_emulator(tmp_path: Path) -> Iterator[Emulator]:
    """Crucible (BigQuery dialect) with its state in a file, so a test can stop and restart it."""
    yield from _emulator(
        "crucible",
        ["serve", "--dialect", "bigquery", "--port", "{port}", "--database", "{tmp}/bigquery.duckdb"],
        tmp_path,
    )


@pytest.fixture
def gcs_emulator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    for emu in _emulator("gcp-storage-emulator", ["start", "--port", "{port}", "--in-memory", "-q"], tmp_path):
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", emu.endpoint)
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage

        client = storage.Client(project="test", credentials=AnonymousCredentials())
        client.create_bucket("mm-originals")
        client.close()
        yield emu


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the local server, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    name = f"mm_sync_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 is not running: {exc}")
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pg_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        return list(conn.execute(sql).fetchall())


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env["MINIMETER_HOME"] = str(home)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env
