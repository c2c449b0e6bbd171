"""RELIABILITY.md case 19: hostile file names never steer where MiniMeter writes.

Names with ``..``, backslashes, newlines, escape sequences, right-to-left overrides, invalid
UTF-8, Windows-reserved names (CON, NUL.pdf, AUX), very long names and symlinks pointing out of
the inbox go through the real intake, worker and command line. The tree under ``tmp_path`` outside
the data folder must be byte-for-byte unchanged, archive names come from the hash only, and
names that cannot be file names (NUL, ``../``) are stored as ``original_name`` and shown safely.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from minimeter.intake.inbox import Inbox
from minimeter.worker import drain
from tests.reliability._bills import text_pdf, write_bill

pytestmark = pytest.mark.reliability
REPO = Path(__file__).resolve().parents[2]

HOSTILE = [
    "..\\..\\evil.pdf", "..pdf", "...", "bill\nsecond line.pdf", "\u202efdp.exe", "CON", "NUL.pdf", "AUX",
    "com1.pdf", "PRN.", " leading space.pdf", "trailing dot.pdf.", "%2e%2e%2fescape.pdf",
    "\u00fcn\u00efc\u00f6d\u00e9 \u8acb\u6c42\u66f8.pdf", "evil\x1b[31mred\x1b[0m.pdf", "[bold]markup[bold].pdf",
    "x" * 240 + ".pdf", "tab\there.pdf", "zero\u200bwidth.pdf",
]


def _tree(root: Path, skip: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Everything under ``root`` except ``skip``: (mode, size, mtime_ns, link target or head bytes)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        d = Path(dirpath)
        if d == skip or skip in d.parents:
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            p = d / name
            if p == skip:
                continue
            st = p.lstat()
            extra = os.fsencode(p.readlink()) if p.is_symlink() else (
                p.read_bytes()[:64] if p.is_file() else b"")
            out[os.fsdecode(p.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns, extra)
    return out


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(MINIMETER_HOME=str(home), MINIMETER_EXTRACTOR="fake", COLUMNS="200",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "tests.reliability._cli_with_fake", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, errors="replace", timeout=120)


class Clock:
    t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_hostile_names_write_nothing_outside_the_data_folder(settings, store, fake_extractor, tmp_path):
    home = settings.home
    outside = tmp_path / "outside"
    secret = write_bill(outside / "secret.pdf", 999)
    (outside / "dir").mkdir()
    write_bill(outside / "dir" / "also-secret.pdf", 998)
    inbox_dir = settings.inbox_dir
    for i, name in enumerate(HOSTILE):
        (inbox_dir / name).write_bytes(text_pdf([f"Total Amount Due: ${i}.00", "01/05/2024 - 02/04/2024"]))
    os.close(os.open(os.fsencode(inbox_dir) + b"/bad-utf8-\xff\xfe.pdf", os.O_CREAT | os.O_WRONLY, 0o600))
    (inbox_dir / os.fsdecode(b"bad-utf8-\xff\xfe.pdf")).write_bytes(text_pdf(["Total Amount Due: $77.00"]))
    (inbox_dir / "link.pdf").symlink_to(secret)
    (inbox_dir / "linkdir").symlink_to(outside / "dir", target_is_directory=True)
    tenant = inbox_dir / "tenant-AUX"
    tenant.mkdir()
    (tenant / "up.pdf").symlink_to(Path("..") / ".." / ".." / "outside" / "secret.pdf")
    write_bill(tenant / "NUL", 997)
    before = _tree(tmp_path, home)

    clock = Clock()
    inbox = Inbox(settings, store, clock=clock)
    results = []
    for _ in range(3):
        results += inbox.scan()
        clock.t += 600
    # Names that cannot exist on disk still reach the store as metadata (e.g. from another front end).
    odd = [("nul\x00inside.pdf", 1001), ("../../../etc/passwd.pdf", 1002), ("/abs/path.pdf", 1003)]
    for name, i in odd:
        p = write_bill(tmp_path / "staging" / f"s{i}.pdf", i)
        arch = inbox.take(p, move=False)
        assert arch.job is not None
        store.enqueue("sha256:" + f"{i:064x}", name, p.stat().st_size, arch.job.archive_path, "pdf")
    before = {**before, **{k: v for k, v in _tree(tmp_path, home).items() if k.startswith("staging")}}
    drain(settings, store)

    taken = {r.path.name for r in results if r.job is not None}
    refused = {r.path.name: r.error for r in results if r.job is None}
    hidden = {n for n in HOSTILE if n.startswith(".")}  # dot-names are hidden files: left alone
    assert set(HOSTILE) - hidden <= taken, set(HOSTILE) - hidden - taken
    assert all((inbox_dir / n).is_file() for n in hidden) and not hidden & taken
    assert "link.pdf" in refused and "linkdir" in refused and "up.pdf" in refused, refused
    assert os.fsdecode(b"bad-utf8-\xff\xfe.pdf") in taken | set(refused)

    jobs = store.list_jobs(limit=500)
    assert secret.read_bytes() not in [Path(j.archive_path).read_bytes() for j in jobs], "a symlink was followed"
    for j in jobs:
        ap = Path(j.archive_path)
        assert ap.resolve().is_relative_to(settings.archive_dir.resolve())
        assert re.fullmatch(r"[0-9a-f]{64}\.[a-z0-9]{1,8}", ap.name), ap.name
    names = {j.original_name for j in jobs}
    assert {"nul\x00inside.pdf", "../../../etc/passwd.pdf", "\u202efdp.exe"} <= names

    # The command line lists and shows them without writing anywhere or breaking the terminal.
    listed = _cli(home, "jobs", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "nul\\u0000inside.pdf" in listed.stdout or "nul\x00inside.pdf" in json.dumps(json.loads(listed.stdout))
    table = _cli(home, "jobs")
    assert table.returncode == 0 and "Traceback" not in table.stderr
    for job in jobs:
        shown = _cli(home, "show", str(job.id))
        assert shown.returncode == 0 and "Traceback" not in shown.stdout + shown.stderr, (job.original_name, shown)

    after = _tree(tmp_path, home)
    assert after == before, {k for k in set(after) ^ set(before)} | {k for k in after if after.get(k) != before.get(k)}
    print(f"\n{len(HOSTILE) + 1 + len(odd)} hostile names, {len(refused)} links refused; nothing written outside")


def test_terminal_escapes_in_names_are_not_passed_to_the_terminal(settings, store, fake_extractor, tmp_path):
    """A file name is data: escape sequences in it must not reach the user's terminal raw."""
    p = write_bill(tmp_path / "x.pdf", 5)
    job = Inbox(settings, store).take(p, move=False).job
    assert job is not None
    store.enqueue("sha256:" + "e" * 64, "evil\x1b]0;pwned\x07\x1b[2Jname.pdf", 10, job.archive_path, "pdf")
    out = _cli(settings.home, "jobs")
    assert out.returncode == 0
    assert "\x1b]0;pwned" not in out.stdout and "\x1b[2J" not in out.stdout
    shown = _cli(settings.home, "show", "2")  # piped: rich adds no colour codes of its own
    assert shown.returncode == 0 and "pwned" in shown.stdout and "\x1b" not in shown.stdout


def test_process_prints_hostile_names_as_data_and_refuses_pipes(settings, tmp_path):
    """`minimeter process` names refused and failed files in its table and messages: escape
    sequences, bidi overrides and rich markup in those names are shown inert. A FIFO or device
    named on the command line is refused (reading it would block or never end)."""
    d = tmp_path / "in"
    d.mkdir()
    fifo = d / "pipe\x1b[2J[bold]x[i].pdf"
    os.mkfifo(fifo)
    (d / "notes\x1b]0;pwned\x07\u202e[red]fdp.pdf").write_text("not a PDF at all")
    out = _cli(settings.home, "process", str(fifo), str(d / "notes\x1b]0;pwned\x07\u202e[red]fdp.pdf"), "/dev/zero")
    text = out.stdout + out.stderr
    assert out.returncode == 1 and "Traceback" not in text, text
    assert "\x1b" not in out.stdout and "\u202e" not in out.stdout and "\x07" not in out.stdout
    assert "[bold]x[i]" in out.stdout.replace("\n", "")  # markup shown as text, not applied
    assert out.stdout.count("not a regular file") == 2  # the FIFO and /dev/zero
    assert "[red]fdp" in out.stdout.replace("\n", "")
