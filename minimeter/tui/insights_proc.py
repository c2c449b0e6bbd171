"""Run the insights in a child process: ``python -m minimeter.tui.insights_proc <data folder>``.

Importing DuckDB (and running the reports) holds the interpreter lock for over a second, which would
freeze the terminal if done in a thread of the app. The child prints the ``Insights`` as JSON.
It reports on the app's own store: its URL goes to the child in ``MINIMETER_STORE`` (the environment,
not the command line, where other users could read a password in it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.tui.data import AccountSeries, Insights, store_url

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import JobStore

TIMEOUT_SECONDS = 120.0


def compute_in_child(settings: Settings, store: JobStore) -> Insights:
    """The insights of ``store`` computed by a child process, or raise RuntimeError with its one-line reason."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p),
               MINIMETER_STORE=store_url(store))
    try:
        proc = subprocess.run([sys.executable, "-m", "minimeter.tui.insights_proc", str(settings.home)],
                              capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"the reports took longer than {TIMEOUT_SECONDS:.0f} s") from exc
    if proc.returncode != 0:
        lines = (proc.stderr or "").strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"the reports process exited with {proc.returncode}")
    raw = json.loads(proc.stdout)
    return Insights(series=[AccountSeries(**s) for s in raw["series"]], flags=raw["flags"], source=raw["source"],
                    note=raw["note"])


def main(argv: list[str]) -> int:
    from minimeter.settings import load_settings
    from minimeter.store import open_store
    from minimeter.tui.data import insights

    settings = load_settings(Path(argv[0]))
    store = open_store(settings, os.environ.get("MINIMETER_STORE") or None, read_only=True)
    try:
        result = insights(store, settings)
    finally:
        store.close()
    print(json.dumps(dataclasses.asdict(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
