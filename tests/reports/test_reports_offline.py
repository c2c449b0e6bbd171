"""`minimeter report` and `minimeter export` with the network unplugged.

Three layers of proof: (1) in-process, every Python socket entry point raises while the
commands run; (2) DuckDB's own (C++) networking is never used: its sqlite extension comes
from the pinned package file and auto-install/auto-load are off; (3) where the machine allows
it, the real command runs in a network namespace with no network at all, and under strace
no socket is ever created.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from minimeter.cli import main
from minimeter.reports import engine


class Unplugged(OSError):
    pass


@pytest.fixture
def unplugged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def _refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise Unplugged(f"network unplugged: {name}")
        return _refuse

    monkeypatch.setattr(socket.socket, "__init__", refuse("socket()"))
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_the_unplugged_fixture_really_blocks(unplugged: list[str]) -> None:
    with pytest.raises(Unplugged):
        socket.socket()
    assert unplugged == ["socket()"]


def test_report_and_export_work_unplugged(known_store: dict[str, Any], unplugged: list[str], tmp_path: Path) -> None:
    out = _run("report", "--json")
    data = json.loads(out.output)
    assert set(data) == {"monthly", "rates", "yoy", "flags"}
    assert len(data["monthly"]) == 11 and len(data["flags"]) == 8
    may = next(r for r in data["monthly"] if r["account"] == "A-100" and r["month"] == "2024-05")
    assert may["kwh"] == 520.0 and may["cost"] == 119.0 and may["cost_per_kwh"] == 0.2288

    table = _run("report", "monthly", "--account", "G-7").output
    assert "2024-02" in table and "38.70" in table and "A-100" not in table
    assert "No bills for account NOPE-1" in _run("report", "--account", "NOPE-1").output

    flags_csv = _run("report", "flags", "--csv").output.splitlines()
    assert flags_csv[0] == "flag,account,provider,period_start,period_end,job_ids,value,baseline,detail"
    assert [line.split(",")[0] for line in flags_csv[1:]] == [
        "duplicate", "gap", "cost_spike", "rate_jump", "usage_spike", "overlap", "gap", "needs_review"]

    page = tmp_path / "r.html"
    assert "Wrote" in _run("report", "--html", str(page)).output and page.stat().st_size > 1000

    for fmt in ("csv", "parquet", "json"):
        _run("export", "--format", fmt, "--out", str(tmp_path / fmt))
        assert {p.name for p in (tmp_path / fmt).iterdir()} == {f"{t}.{fmt}" for t in ("bills", "meters", "line_items")}
    _run("export", "--format", "espi", "--out", str(tmp_path / "gb.xml"))
    assert (tmp_path / "gb.xml").read_bytes().startswith(b"<?xml")
    assert unplugged == []  # nothing even tried


def test_duckdb_loads_the_packaged_extension_and_cannot_fetch(known_store: dict[str, Any],
                                                             unplugged: list[str]) -> None:
    con = engine.connect(known_store["path"])
    try:
        status = {s["name"]: s for s in engine.extension_status(con)}
        scanner = status["sqlite_scanner"]
        assert scanner["loaded"] and scanner["installed_from"] == str(engine.extension_file())
        assert "site-packages" in scanner["installed_from"] or "duckdb_extension_sqlite_scanner" in scanner[
            "installed_from"]
        assert "httpfs" not in status  # no HTTP client was ever installed or loaded
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
        assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
        # A query that would need a downloadable extension fails instead of downloading it.
        import duckdb

        with pytest.raises(duckdb.Error):
            con.execute("SELECT * FROM read_csv('https://example.invalid/x.csv')").fetchall()
    finally:
        con.close()
    assert unplugged == []


def test_user_errors_are_one_line(known_store: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["report", "--csv"])
    assert result.exit_code == 1 and "CSV holds one table" in result.output
    result = CliRunner().invoke(main, ["report", "--json", "--csv", "flags"])
    assert result.exit_code == 1 and "exclude each other" in result.output


def _cli(home: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "MINIMETER_HOME": str(home), "COLUMNS": "200"}
    return [sys.executable, "-m", "minimeter"], env


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="cannot create a network namespace here")
def test_real_commands_in_a_namespace_without_network(known_store: dict[str, Any], tmp_path: Path) -> None:
    cmd, env = _cli(known_store["path"].parent)
    proc = subprocess.run(["unshare", "-rn", "sh", "-c", "cat /proc/net/dev | wc -l"], capture_output=True, text=True)
    assert int(proc.stdout) <= 3  # header lines + lo only: no network device at all
    for args in (["report", "--json"], ["export", "--format", "parquet", "--out", str(tmp_path / "p")],
                 ["export", "--format", "espi", "--out", str(tmp_path / "g.xml")],
                 ["report", "--html", str(tmp_path / "r.html")]):
        run = subprocess.run(["unshare", "-rn", *cmd, *args], env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
    assert (tmp_path / "p" / "bills.parquet").exists() and (tmp_path / "r.html").exists()


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_socket_is_ever_created(known_store: dict[str, Any], tmp_path: Path) -> None:
    cmd, env = _cli(known_store["path"].parent)
    for args in (["report", "--json"], ["export", "--format", "json", "--out", str(tmp_path / "j")]):
        log = tmp_path / "strace.log"
        run = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log), *cmd, *args],
                             env=env, capture_output=True, text=True, timeout=120)
        if run.returncode != 0 and "ptrace" in run.stderr:
            pytest.skip("ptrace is not permitted here")
        assert run.returncode == 0, run.stderr
        calls = [line for line in log.read_text().splitlines() if "socket(" in line or "connect(" in line]
        assert calls == []


def test_unwritable_extension_folder_loads_the_package_file_in_place(known_store: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # the extension folder cannot be created under a file
    con = engine.connect(known_store["path"], extension_dir=blocker / "ext")
    try:
        scanner = next(s for s in engine.extension_status(con) if s["name"] == "sqlite_scanner")
        assert scanner["loaded"]
        assert con.execute("SELECT count(*) FROM bill").fetchone() == (10,)
    finally:
        con.close()
