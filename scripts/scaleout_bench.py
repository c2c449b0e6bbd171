"""Jobs per second with 1, 2 and 4 worker processes on a shared Postgres store, and where the time goes.

    .venv/bin/python scripts/scaleout_bench.py [--jobs 1000] [--workers 1,2,4] [--extractor rules]
        [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]

For each worker count: a fresh database, ``--jobs`` distinct tiny bill PDFs (real files, one
10-digit number patched per copy) enqueued through the store API, then N worker processes
(the real ``minimeter.worker.Worker``) drain the queue. Each worker times every store call
and the extraction step (read + extract + validate, from the result's own timings); the parent
samples ``pg_stat_activity`` every 50 ms to see what the server's backends wait on. The
database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PLACEHOLDER = "7777700000"


# --- the corpus ------------------------------------------------------------------------------
def make_corpus(archive: Path, n: int) -> list[tuple[str, Path, int]]:
    from fpdf import FPDF

    from minimeter.intake.archive import archive_path

    pdf = FPDF()
    pdf.set_compression(False)  # the number is patched in place: same length, offsets stay right
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in ("Example Power & Light", f"Account Number: {PLACEHOLDER}",
                 "Billing period: 01/05/2024 - 02/04/2024", "Energy used: 512 kWh", "Total Amount Due: $123.45"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    base = bytes(pdf.output())
    out = []
    for i in range(n):
        data = base.replace(PLACEHOLDER.encode(), f"{8_000_000_000 + i:010d}".encode())
        sha = "sha256:" + hashlib.sha256(data).hexdigest()
        path = archive_path(archive, sha, "pdf")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.append((sha, path, len(data)))
    return out


# --- a worker process ------------------------------------------------------------------------
class Timed:
    """Wraps a store: wall time and count per method, and per-job extraction time."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.spent: dict[str, float] = collections.defaultdict(float)
        self.calls: dict[str, int] = collections.defaultdict(int)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr

        def timed(*a: Any, **kw: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return attr(*a, **kw)
            finally:
                self.spent[name] += time.perf_counter() - t0
                self.calls[name] += 1
                if name == "complete":
                    for k, v in a[1].timings.items():
                        self.spent[f"pipeline.{k}"] += v

        return timed


def child(url: str, home: str, extractor: str, out: str) -> None:
    from minimeter.settings import load_settings
    from minimeter.store import open_store
    from minimeter.worker import Worker

    settings = load_settings(Path(home), extractor=extractor, lease_seconds=60.0)
    store = Timed(open_store(settings, url))
    worker = Worker(settings, store)  # type: ignore[arg-type]
    done, t0, idle = 0, time.perf_counter(), 0.0
    while True:
        if worker.run_one() is not None:
            done += 1
            continue
        counts = store._store.counts()
        if not (counts["PENDING"] or counts["RUNNING"] or counts["FAILED"]):
            break
        t1 = time.perf_counter()
        store._store.wait_for_work(0.1)
        idle += time.perf_counter() - t1
    total = time.perf_counter() - t0
    Path(out).write_text(json.dumps({"done": done, "total": total, "idle": idle, "spent": store.spent,
                                     "calls": store.calls}))
    store._store.close()


# --- the parent ------------------------------------------------------------------------------
def sample_waits(admin: str, db: str, stop: threading.Event, waits: collections.Counter[str]) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        while not stop.wait(0.05):
            for state, wtype, wevent in conn.execute(
                "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = 'client backend'", (db,)):
                if state == "active":
                    waits[f"{wtype}:{wevent}" if wtype else "CPU (running)"] += 1
                else:
                    waits[f"({state})"] += 1


def run(admin: str, n_workers: int, corpus: list[tuple[str, Path, int]], extractor: str, tmp: Path) -> dict[str, Any]:
    import psycopg

    from minimeter.settings import load_settings
    from minimeter.store import open_store

    db = f"mm_bench_{os.getpid()}_{n_workers}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    url = admin.rsplit("/", 1)[0] + f"/{db}"
    home = tmp / f"home{n_workers}"
    try:
        settings = load_settings(home, extractor=extractor)
        store = open_store(settings, url)
        for sha, path, size in corpus:
            store.enqueue(sha, path.name, size, str(path), "pdf")
        store.close()
        stop, waits = threading.Event(), collections.Counter[str]()
        sampler = threading.Thread(target=sample_waits, args=(admin, db, stop, waits), daemon=True)
        env = {**os.environ, "PYTHONPATH": str(REPO), "MINIMETER_HOME": str(home)}
        outs = [tmp / f"w{n_workers}-{i}.json" for i in range(n_workers)]
        t0 = time.perf_counter()
        sampler.start()
        procs = [subprocess.Popen([sys.executable, __file__, "--child", url, str(home), extractor, str(o)], env=env)
                 for o in outs]
        for p in procs:
            p.wait()
        wall = time.perf_counter() - t0
        stop.set()
        sampler.join()
        if any(p.returncode for p in procs):
            raise SystemExit(f"a worker failed: {[p.returncode for p in procs]}")
        stats = [json.loads(o.read_text()) for o in outs]
        with psycopg.connect(url, autocommit=True) as conn:
            bills = conn.execute("SELECT count(*), count(DISTINCT job_id) FROM bills").fetchone()
        assert bills == (len(corpus), len(corpus)), f"bills {bills} != {len(corpus)}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    spent: dict[str, float] = collections.defaultdict(float)
    for s in stats:
        for k, v in s["spent"].items():
            spent[k] += v
        spent["idle wait"] += s["idle"]
        spent["worker total"] += s["total"]
    return {"workers": n_workers, "jobs": len(corpus), "seconds": wall, "jobs_per_s": len(corpus) / wall,
            "ms_per_job": {k: 1000 * v / len(corpus) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])},
            "waits": dict(waits.most_common(8)), "samples": sum(waits.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1000)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--extractor", default="rules", help="a fast deterministic extractor (default: rules)")
    ap.add_argument("--admin-url", default=os.environ.get("MINIMETER_TEST_PG_ADMIN",
                                                          "postgresql://postgres@127.0.0.1:5432/postgres"))
    ap.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="mm-bench-") as d:
        tmp = Path(d)
        corpus = make_corpus(tmp / "shared-archive", args.jobs)
        for n in (int(x) for x in args.workers.split(",")):
            r = run(args.admin_url, n, corpus, args.extractor, tmp)
            results.append(r)
            print(f"{n} worker(s): {r['jobs']} jobs in {r['seconds']:.1f} s = {r['jobs_per_s']:.1f} jobs/s", flush=True)
            print("   worker-ms per job: " + ", ".join(f"{k} {v:.1f}" for k, v in r["ms_per_job"].items()
                                                      if v >= 0.05))
            print(f"   server backends ({r['samples']} samples): " + ", ".join(
                f"{k} {100 * v / max(1, r['samples']):.0f}%" for k, v in r["waits"].items()), flush=True)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
    else:
        main()
