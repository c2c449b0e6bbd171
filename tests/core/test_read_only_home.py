"""A read-only data folder (a backup, a read-only mount) still answers `jobs`, `show` and `report`.

As root, permissions are not enforced, so the folder is made read-only with a read-only bind
mount in a private mount namespace (``unshare``); otherwise with chmod. Commands that write
(`process`, `retry`) must still refuse with one clear line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minimeter.intake.inbox import Inbox
from minimeter.store.sqlite import SQLiteStore
from minimeter.worker import drain
from tests.helpers import bill_lines, make_pdf

REPO = Path(__file__).resolve().parents[2]
RO_MOUNT = 'mount --bind "$H" "$H" && mount -o remount,bind,ro "$H" "$H" && exec "$@"'


def _read_only_runner(home: Path):  # type: ignore[no-untyped-def]
    """A function running the CLI with ``home`` read-only; skips when that cannot be arranged."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(MINIMETER_HOME=str(home), COLUMNS="200", H=str(home),
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    cli = [sys.executable, "-m", "minimeter"]
    if os.geteuid() != 0:
        for d, _dirs, files in os.walk(home):
            for f in files:
                Path(d, f).chmod(0o400)
            Path(d).chmod(0o500)
        prefix: list[str] = []
    else:
        if shutil.which("unshare") is None:
            pytest.skip("root ignores permissions and unshare is not available for a read-only mount")
        prefix = ["unshare", "-rm", "sh", "-c", RO_MOUNT, "sh"]
        probe = subprocess.run([*prefix, "sh", "-c", 'touch "$H/x"'], env=env, capture_output=True, text=True)
        if probe.returncode == 0 or "Read-only" not in probe.stderr:
            pytest.skip(f"cannot make a read-only bind mount here: {probe.stderr.strip()[:200]}")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, *cli, *args], cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=120)

    return run


def _snapshot(home: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns) for p in home.rglob("*")}


def test_reading_commands_work_on_a_read_only_data_folder(settings, fake_extractor, tmp_path):
    store = SQLiteStore(settings.db_path, settings)
    for i in range(3):
        Inbox(settings, store).take(make_pdf(tmp_path / f"b{i}.pdf", bill_lines(total=f"{20 + i}.00")), move=False)
    assert [o.status for o in drain(settings, store)] == ["SUCCEEDED"] * 3
    store.close()  # a clean close removes the -wal and -shm files: the hardest case to open read-only
    home = settings.home
    assert not (home / "minimeter.db-shm").exists()
    run = _read_only_runner(home)
    before = _snapshot(home)

    listed = run("jobs")
    assert listed.returncode == 0, listed.stderr
    assert "b0.pdf" in listed.stdout and "succeeded: 3" in listed.stdout
    shown = run("show", "2")
    assert shown.returncode == 0 and "b1.pdf" in shown.stdout, shown.stderr
    report = run("report", "monthly", "--json")
    assert report.returncode == 0, report.stderr

    for args in (("retry", "1"), ("process", str(tmp_path / "b0.pdf"))):
        refused = run(*args)
        err = refused.stderr.strip()
        assert refused.returncode == 1 and "Traceback" not in err and len(err.splitlines()) == 1, err
        assert "not usable" in err or "read-only" in err, err
    assert _snapshot(home) == before  # nothing was written, not even a probe or a log line
