"""RELIABILITY.md case 21: no secrets in the database, its WAL, the logs or the archive; account
numbers masked in logs; everything MiniMeter creates readable by its owner only.

The real command line runs with fake credentials in the environment (Gemini and OpenAI keys, a
Postgres URL with a password that a failing ``minimeter sync`` has to mention without leaking),
then every byte under the data folder and everything printed is searched for them.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from minimeter.logs import configure, mask
from tests.reliability._bills import write_bill

pytestmark = pytest.mark.reliability
REPO = Path(__file__).resolve().parents[2]

ACCOUNT = "4400998877"
SECRETS = {
    "GEMINI_API_KEY": "AIzaFAKEgeminiKEY-do-not-store-0001",
    "GOOGLE_API_KEY": "AIzaFAKEgoogleKEY-do-not-store-0002",
    "MINIMETER_GEMINI_API_KEY": "AIzaFAKEsettingsKEY-do-not-store-0003",
    "MINIMETER_OPENAI_API_KEY": "sk-FAKEopenaiKEY-do-not-store-0004",
}
PG_PASSWORD = "pgFAKEpassword-do-not-store-0005"


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(SECRETS)
    env.update(MINIMETER_HOME=str(home), MINIMETER_EXTRACTOR="fake", COLUMNS="200",
               MINIMETER_PG_URL=f"postgresql+psycopg://mm:{PG_PASSWORD}@127.0.0.1:9/mm",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "tests.reliability._cli_with_fake", "-vv", *args], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=180)


def test_no_secret_reaches_disk_or_output_and_files_are_owner_only(minimeter_home, tmp_path):
    home = minimeter_home
    bills = [write_bill(tmp_path / "drop" / f"b{i}.pdf", 100 + i, account=ACCOUNT) for i in range(3)]
    first = _run(home, "jobs")  # MiniMeter creates its data folder
    write_bill(home / "inbox" / "queued.pdf", 200, account=ACCOUNT)  # the user's own file
    outputs = [first, _run(home, "process", *map(str, bills)), _run(home, "jobs"), _run(home, "show", "1"),
               _run(home, "sync", "--target", "postgres"), _run(home, "process", str(tmp_path / "missing.pdf"))]
    assert outputs[1].returncode == 0, outputs[1].stderr
    assert outputs[4].returncode != 0  # nothing listens on port 9: sync fails, and must say so safely
    printed = "\n".join(o.stdout + o.stderr for o in outputs)
    assert "Traceback" not in printed

    needles = [*SECRETS.values(), PG_PASSWORD]
    leaks = [n for n in needles if n in printed]
    assert not leaks, f"printed to the terminal: {leaks}"
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files) or (home / "minimeter.db").exists()
    for p in files:
        data = p.read_bytes()
        for n in needles:
            assert n.encode() not in data, f"{n[:12]}... found in {p.relative_to(home)}"

    # Logs mask account numbers; the log file must not hold the full number anywhere.
    logs = [p for p in (home / "logs").rglob("*") if p.is_file()]
    assert logs, "no log file was written"
    for p in logs:
        assert ACCOUNT not in p.read_text("utf-8", "replace"), f"full account number in {p.name}"

    # Owner-only: the data folder's own files and folders (the user's dropped originals in
    # inbox/processed keep the modes they came with).
    bad = []
    for p in [home, *home.rglob("*")]:
        if p.is_symlink() or p.parent == home / "inbox" and p.is_file() or p.parent == home / "inbox" / "processed":
            continue
        mode = stat.S_IMODE(p.lstat().st_mode)
        if mode & 0o077:
            bad.append(f"{p.relative_to(home) if p != home else '.'} {oct(mode)}")
    assert not bad, f"readable by others: {bad}"


def test_log_masking_and_rotation_stay_owner_only(tmp_path):
    log_dir = tmp_path / "logs"
    configure(log_dir)
    log = logging.getLogger("minimeter.test")
    log.warning("account %s card 4111 1111 1111 1111 ref 12-34-5678-9012", ACCOUNT)
    handler = next(h for h in logging.getLogger("minimeter").handlers if hasattr(h, "doRollover"))
    handler.doRollover()  # a rotated file is a new file: it must be owner-only too
    log.warning("after rotation %s", ACCOUNT)
    for h in logging.getLogger("minimeter").handlers:
        h.flush()
    text = "".join(p.read_text() for p in log_dir.iterdir())
    assert ACCOUNT not in text and "4111 1111 1111 1111" not in text
    assert "****8877" in text
    for p in log_dir.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, f"{p.name} {oct(p.stat().st_mode)}"
    assert mask("due 02/27/2024, 512 kWh") == "due 02/27/2024, 512 kWh"
