"""Model catalog, verification and `minimeter models pull` against a loopback HTTP server."""

from __future__ import annotations

import hashlib
import threading
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from minimeter import models as m
from minimeter.cli import main
from minimeter.errors import ModelError
from minimeter.settings import load_settings

BLOB = bytes(range(256)) * 4096  # 1 MiB of known bytes
SHA = hashlib.sha256(BLOB).hexdigest()


class Server:
    """Serves BLOB at /model.gguf, honouring Range unless told not to; records request headers."""

    def __init__(self, *, ranges: bool = True, cut_after: int | None = None) -> None:
        self.ranges, self.cut_after, self.seen = ranges, cut_after, []
        srv = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                srv.seen.append(dict(self.headers))
                start = 0
                rng = self.headers.get("Range")
                if rng and srv.ranges:
                    start = int(rng.split("=")[1].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(BLOB) - 1}/{len(BLOB)}")
                else:
                    self.send_response(200)
                body = BLOB[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if srv.cut_after is not None:
                    body = body[: srv.cut_after]  # the connection drops mid-file
                    srv.cut_after = None
                    self.wfile.write(body)
                    self.close_connection = True
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/model.gguf"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def _entry(sha: str = SHA) -> m.ModelEntry:
    return m.ModelEntry(name="tiny", file="tiny.gguf", sha256=sha, size=len(BLOB), license="MIT")


def test_pull_downloads_verifies_and_renames(tmp_path: Path, server: Server) -> None:
    s = load_settings(tmp_path)
    path = m.pull(_entry(), s, url=server.url)
    assert path == tmp_path / "models" / "tiny.gguf" and path.read_bytes() == BLOB
    assert not (tmp_path / "models" / "tiny.gguf.part").exists()
    # a second pull finds the verified file and downloads nothing
    m.pull(_entry(), s, url=server.url)
    assert len(server.seen) == 1


def test_checksum_mismatch_installs_nothing(tmp_path: Path, server: Server) -> None:
    s = load_settings(tmp_path)
    with pytest.raises(ModelError, match="expected 000000000000"):
        m.pull(_entry("0" * 64), s, url=server.url)
    assert list((tmp_path / "models").iterdir()) == []


def test_interrupted_pull_resumes_with_range(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    srv = Server(cut_after=300_000)
    try:
        with pytest.raises(ModelError, match="interrupted|sha256"):
            m.pull(_entry(), s, url=srv.url)
        part = tmp_path / "models" / "tiny.gguf.part"
        final = tmp_path / "models" / "tiny.gguf"
        if part.exists():  # the partial file is kept and continued from where it stopped
            have = part.stat().st_size
            assert 0 < have < len(BLOB) and not final.exists()
            m.pull(_entry(), s, url=srv.url)
            assert srv.seen[-1].get("Range") == f"bytes={have}-"
        else:  # a truncated body the client took as complete failed the checksum and was deleted
            m.pull(_entry(), s, url=srv.url)
        assert final.read_bytes() == BLOB
    finally:
        srv.close()


def test_server_without_range_support_restarts_cleanly(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    (tmp_path / "models").mkdir(parents=True)
    (tmp_path / "models" / "tiny.gguf.part").write_bytes(b"garbage-from-an-older-attempt")
    srv = Server(ranges=False)
    try:
        path = m.pull(_entry(), s, url=srv.url)
        assert srv.seen[0].get("Range") is not None and path.read_bytes() == BLOB
    finally:
        srv.close()


def test_verification_is_remembered_by_size_and_mtime(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    f = tmp_path / "x.gguf"
    f.write_bytes(BLOB)
    assert m.verify(f, SHA, s) == SHA
    db = tmp_path / "models" / "verified.json"
    assert str(f.resolve()) in db.read_text()
    f.write_bytes(BLOB[:-1] + b"\x00")  # same size, new mtime: hashed again and refused
    with pytest.raises(ModelError):
        m.verify(f, SHA, s)


def test_catalog_default_matches_builtin_and_is_installed() -> None:
    data = tomllib.loads(m.CATALOG_PATH.read_text())
    default = next(d for d in data["model"] if d["name"] == data["default"])
    for k, v in m._BUILTIN_DEFAULT.items():
        assert default[k] == v, k
    entry = m.find_entry(data["default"])
    assert entry.package and m.packaged_path(entry) is not None, "the default model package is not installed"


def test_cli_list_pull_verify(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    runner = CliRunner()
    r = runner.invoke(main, ["--home", str(home), "models", "list"])
    assert r.exit_code == 0, r.output
    assert "smollm2-135m" in r.output and "qwen2.5-3b" in r.output
    r = runner.invoke(main, ["--home", str(home), "models", "verify"])
    assert r.exit_code == 0 and "matches the catalog" in r.output, r.output
    r = runner.invoke(main, ["--home", str(home), "models", "pull", "llama3.2-3b", "--url", server.url])
    assert r.exit_code == 1 and "no sha256" in r.output
    r = runner.invoke(main, ["--home", str(home), "models", "pull", "llama3.2-3b", "--url", server.url,
                             "--sha256", SHA])
    assert r.exit_code == 0, r.output
    assert (home / "models" / "Llama-3.2-3B-Instruct-Q4_K_M.gguf").read_bytes() == BLOB
    r = runner.invoke(main, ["--home", str(home), "models", "verify", "llama3.2-3b"])
    assert r.exit_code == 0 and SHA in r.output, r.output
    r = runner.invoke(main, ["--home", str(home), "models", "pull", "no-such-model"])
    assert r.exit_code == 1 and "no model named" in r.output


def test_catalog_ships_as_package_data() -> None:
    """A non-editable install only carries what is inside the package and matched by package-data."""
    import fnmatch

    import minimeter

    pkg = Path(minimeter.__file__).resolve().parent
    assert m.CATALOG_PATH.parent == pkg, "the catalog must live inside the minimeter package"
    pyproject = tomllib.loads((pkg.parent / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]
    patterns = [*globs.get("*", []), *globs.get("minimeter", [])]
    assert any(fnmatch.fnmatch(m.CATALOG_PATH.name, p) for p in patterns), patterns
    assert isinstance(pyproject["project"]["license"], str), "license must be an SPDX string, not a table"
