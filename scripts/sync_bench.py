#!/usr/bin/env python
"""Rows per second that ``minimeter sync`` pushes to each target, for N bills (default 10,000).

Builds a throwaway data folder (on /dev/shm when there is one, so building the store does
not measure the disk), fills it through the real store API (enqueue -> claim -> complete;
each bill has 1 meter and 3 line items and a small original file), then times one full
sync per target against the real local servers: a fresh database on the PostgreSQL at
127.0.0.1:5432 (or --pg-url's server), and the BigQuery (Crucible) and Cloud Storage
emulators from ``.venv-emulators``, started on free ports and stopped afterwards. A second
sync (nothing to send) is timed too.

    .venv/bin/python scripts/sync_bench.py                 # all three, 10,000 bills
    .venv/bin/python scripts/sync_bench.py --bills 2000 --targets postgres

Emulator figures measure MiniMeter plus a local emulator, not Google's services.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from minimeter.settings import Settings, load_settings  # noqa: E402
from minimeter.store.sqlite import SQLiteStore  # noqa: E402
from minimeter.sync.runner import SyncRunner, make_target  # noqa: E402
from tests.sync.builders import add_bills  # noqa: E402
from tests.sync.conftest import Emulator, emulator_bin, free_port  # noqa: E402


@contextmanager
def postgres_db(admin_url: str) -> Iterator[str]:
    import psycopg

    name = f"mm_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def emulator(name: str, args: list[str], tmp: Path) -> Iterator[Emulator]:
    exe = emulator_bin(name)
    if exe is None:
        raise SystemExit(f"{name} is not installed (scripts/setup puts it in .venv-emulators)")
    port = free_port()
    emu = Emulator([exe, *[a.replace("{port}", str(port)) for a in args]], port, tmp / f"{name}.log")
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


def time_target(store: SQLiteStore, settings: Settings, name: str, n: int) -> dict[str, object]:
    runner = SyncRunner(store, settings, {name: make_target(name, settings)})
    t0 = time.perf_counter()
    (report,) = runner.run()
    seconds = time.perf_counter() - t0
    if report.error is not None:
        raise SystemExit(f"{name}: {report.error.one_line()}")
    runner = SyncRunner(store, settings, {name: make_target(name, settings)})
    t1 = time.perf_counter()
    (again,) = runner.run()
    noop = time.perf_counter() - t1
    rows = n if name == "gcs" else n * (1 + 1 + 3)  # objects, or bills + meters + line items
    return {
        "target": name,
        "bills": report.sent,
        "written": report.written,
        "rows": rows,
        "seconds": round(seconds, 2),
        "bills_per_s": round(report.sent / seconds, 1),
        "rows_per_s": round(rows / seconds, 1),
        "second_run_s": round(noop, 3),
        "second_run_sent": again.sent,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bills", type=int, default=10_000)
    ap.add_argument("--targets", default="postgres,bigquery,gcs")
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument(
        "--pg-admin-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="a database on the server to create the throwaway database from",
    )
    ap.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = ap.parse_args()
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]

    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    tmp = Path(tempfile.mkdtemp(prefix="mm-sync-bench-", dir=base))
    try:
        home = tmp / "home"
        s0 = load_settings(home)
        s0.ensure_dirs()
        store = SQLiteStore(s0.db_path, s0)
        t0 = time.perf_counter()
        add_bills(store, s0.archive_dir, args.bills)
        print(f"built {args.bills} bills in {time.perf_counter() - t0:.1f} s ({tmp})", file=sys.stderr)

        results = []
        for name in targets:
            sync: dict[str, object] = {"batch_size": args.batch_size}
            if name == "postgres":
                with postgres_db(args.pg_admin_url) as url:
                    sync["postgres"] = {"url": url}
                    results.append(time_target(store, load_settings(home, sync=sync), name, args.bills))
            elif name == "bigquery":
                with emulator("crucible", ["serve", "--dialect", "bigquery", "--port", "{port}"], tmp) as emu:
                    sync["bigquery"] = {"project": "bench", "dataset": "bench", "api_endpoint": emu.endpoint}
                    results.append(time_target(store, load_settings(home, sync=sync), name, args.bills))
            elif name == "gcs":
                with emulator("gcp-storage-emulator", ["start", "--port", "{port}", "--in-memory", "-q"], tmp) as emu:
                    os.environ["STORAGE_EMULATOR_HOST"] = emu.endpoint
                    from google.auth.credentials import AnonymousCredentials
                    from google.cloud import storage

                    storage.Client(project="bench", credentials=AnonymousCredentials()).create_bucket("bench")
                    sync["gcs"] = {"bucket": "bench"}
                    results.append(time_target(store, load_settings(home, sync=sync), name, args.bills))
            else:
                raise SystemExit(f"unknown target {name}")
            # One line per target as soon as it is measured (a slow emulator must not hide the others).
            print(json.dumps(results[-1]), file=sys.stderr if not args.json else sys.stdout, flush=True)
        store.close()
        if not args.json:
            cols = ["target", "bills", "rows", "seconds", "bills_per_s", "rows_per_s", "second_run_s"]
            print(" ".join(f"{c:>13}" for c in cols))
            for r in results:
                print(" ".join(f"{r[c]!s:>13}" for c in cols))
            print(
                f"rows: bills + meters + line items (1 + 1 + 3 per bill); gcs rows = objects. "
                f"batch size {args.batch_size}; {os.cpu_count()} cores"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
