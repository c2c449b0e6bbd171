"""Reports while the same process writes the store (the TUI with a worker thread does exactly that).

Run in a child process: when DuckDB's sqlite extension read the live WAL database next to
Python's sqlite3 in one process, the process died of SIGBUS, which must not take pytest down.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHILD = r"""
import sys, threading, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from known_bills import add_bill, build_store, make_bill
from minimeter.reports import monthly_series
from minimeter.store.sqlite import SQLiteStore

db = Path(sys.argv[1])
build_store(db)
stop = threading.Event()
written = []

def writer():
    store = SQLiteStore(db)  # stays open in this process for the whole run, like the TUI's
    i = 0
    while not stop.is_set():
        add_bill(store, f"w{i}", make_bill("W", "W-1", "2024-01-01", "2024-01-31", "10.00", kwh="100"))
        i += 1
        written.append(i)
    store.close()

thread = threading.Thread(target=writer)
thread.start()
reports = 0
deadline = time.monotonic() + 4
while time.monotonic() < deadline or reports < 3:
    rows = [r for r in monthly_series(db) if r["account"] == "W-1"]
    # Each report sees one consistent moment: every W-1 bill is 100 kWh for January.
    assert not rows or rows[0]["kwh"] == 100 * rows[0]["bills"], rows
    reports += 1
stop.set()
thread.join()
print(reports, len(written))
"""


def test_reports_while_this_process_writes(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "m.db"), str(Path(__file__).parent)],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    reports, written = map(int, run.stdout.split())
    assert reports >= 3 and written > 0
