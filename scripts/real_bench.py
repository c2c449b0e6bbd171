#!/usr/bin/env python
"""Speed on real bills in a batch, beside the LLM-only path on the same bills (issue 14).

    .venv/bin/python scripts/real_bench.py DIR [DIR ...] [--llm-model PATH] [--out docs/benchmarks]

Runs ``minimeter process`` over every bill of the folders in a fresh data folder (one process: the
default extractor, model load included, as a user's batch would), and reads each job's own service
time (read + extract + validate) back from the store; then ``minimeter eval --extractor llm`` (the
whole text to the local model: Qwen2.5-Coder-0.5B from the catalog when its file is present, else the
default model) on the same bills for its accuracy and time. Prints one table and writes
``<out>/realbills.json`` with figures only (file names, times, statuses: no bill content).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

BILL_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def bills_in(folders: list[Path]) -> list[Path]:
    return sorted(p for d in folders for p in d.iterdir()
                  if p.suffix.lower() in BILL_SUFFIXES and p.with_name(p.stem + ".truth.json").exists())


def run_batch(files: list[Path], home: Path) -> dict[str, Any]:
    """``minimeter process`` over all files in one process; per-job service times from the store."""
    env = {**os.environ, "MINIMETER_HOME": str(home)}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "minimeter", "process", *map(str, files), "--json"],
                          env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1: some bills failed or need review, still a complete batch
        raise SystemExit(f"process failed ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
    from minimeter.settings import load_settings
    from minimeter.store import open_store

    store = open_store(load_settings(home))
    per_bill: list[dict[str, Any]] = []
    for job in store.list_jobs(limit=10_000):
        bill = store.current_bill(job.id)
        timings = bill.result.timings if bill else {}
        seconds = sum(timings.get(k, 0.0) for k in ("read", "extract", "validate"))
        per_bill.append({"file": job.original_name, "status": str(job.status), "seconds": round(seconds, 3),
                         "text_layer": not bool(bill and bill.result.timings.get("ocr"))})
    times = [b["seconds"] for b in per_bill]
    return {"wall_seconds": round(wall, 2), "bills": len(per_bill),
            "seconds_per_bill_batch": round(wall / max(1, len(per_bill)), 3),
            "median_seconds": round(statistics.median(times), 3) if times else None,
            "max_seconds": max(times) if times else None, "per_bill": per_bill}


def run_llm(files: list[Path], home: Path, model: Path | None) -> dict[str, Any]:
    """The LLM-only extractor on the same bills, through ``minimeter eval`` (accuracy and latency)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in files:  # eval reads a folder: links to the same bills and their truth files
            (folder / f.name).symlink_to(f.resolve())
            truth = f.with_name(f.stem + ".truth.json")
            (folder / truth.name).symlink_to(truth.resolve())
        cmd = [sys.executable, "-m", "minimeter", "eval", str(folder), "--extractor", "llm", "--json"]
        if model is not None:
            cmd += ["--model", str(model)]
        env = {**os.environ, "MINIMETER_HOME": str(home)}
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1], "wall_seconds": round(wall, 1)}
    summary = report.get("summary", {})
    return {"wall_seconds": round(wall, 1), "field_accuracy": summary.get("field_accuracy"),
            "correct": summary.get("correct"), "hallucinated": summary.get("hallucinated"),
            "latency_median": summary.get("latency_median"), "model": model.name if model else "default"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, help="labelled folders (<name>.pdf + <name>.truth.json)")
    ap.add_argument("--llm-model", type=Path, help="GGUF for the LLM-only run (default: Qwen2.5-Coder-0.5B from "
                    "the catalog when pulled, else the default model)")
    ap.add_argument("--no-llm", action="store_true", help="skip the LLM-only run")
    ap.add_argument("--out", type=Path, help="write realbills.json here")
    args = ap.parse_args(argv)
    files = bills_in(args.folders)
    if not files:
        raise SystemExit("no labelled bills in those folders")
    with tempfile.TemporaryDirectory(prefix="mm-realbench-") as tmp:
        home = Path(tmp) / "home"
        batch = run_batch(files, home)
        llm = None
        if not args.no_llm:
            model = args.llm_model
            if model is None:
                from minimeter import models
                from minimeter.errors import MinimeterError
                from minimeter.settings import load_settings

                try:
                    model = models.installed_path(models.find_entry("qwen2.5-coder-0.5b"), load_settings())
                except MinimeterError:
                    model = None
            llm = run_llm(files, home, model)
    out = {"command": "scripts/real_bench.py " + " ".join(a.name for a in args.folders), "batch": batch, "llm": llm}
    print(f"{batch['bills']} bills in one batch: {batch['wall_seconds']} s wall "
          f"({batch['seconds_per_bill_batch']} s/bill with start-up), service time median {batch['median_seconds']} s, "
          f"max {batch['max_seconds']} s")
    if llm:
        print(f"LLM-only ({llm.get('model')}): {llm}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "realbills.json").write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
