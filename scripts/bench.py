"""MiniMeter benchmark: how fast, how big, and against what (issue 9).

    .venv/bin/python scripts/bench.py                                  # eval set + 100 and 1,000 bills
    .venv/bin/python scripts/bench.py --sizes 100,1000,10000 --llm-sample 20

Measures, in one run so ratios hold on a noisy machine:
- end-to-end bills/minute and per-bill latency (median, p95) for intake (hash + archive) -> read ->
  extract -> validate -> stored, with the default extractor (``auto``: ``local`` when no Gemini key);
- time per stage (hash+archive, read, rules, model prompt, model generation, validate, db write) and
  tokens sent to the model per bill;
- RSS of the process running each backlog (a fresh one per backlog, model loaded) and of its reader
  child, sampled along the backlog;
- the LLM-only path (``llm``: whole text in one prompt, same model) on a sample of the same bills,
  with field accuracy beside throughput for both;
- duplicate intake cost (the same files dropped again under new names);
- 1 and 2 worker processes (``minimeter.worker.drain``, the real worker path) over one backlog.

A bill's latency is its service time: its intake plus claim -> complete, without the time it waited
in the queue. Generated backlogs are text-layer bills (the issue's target); scans in the eval set are
reported apart. Generated bills are cached under ``--gen-cache`` (outside the repository): a backlog
of N is the first N bills of one seeded set, so every size runs the same kind of bills.
Writes ``<out>/latest.json`` and ``<out>/latest.md``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

STAGES = ("hash_archive", "read", "rules", "model_prompt", "model_generate", "validate", "db_write")


# --- machine ----------------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _rss_kb(pid: int | str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    """Direct and indirect children of ``pid`` (the sandboxed reader), from /proc."""
    parents: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def memory_mb() -> dict[str, float]:
    """RSS of this process and of its children (the reader pool's child), in MB."""
    kids = sum(_rss_kb(p) for p in _children(os.getpid()))
    return {"self_mb": round(_rss_kb("self") / 1024, 1), "children_mb": round(kids / 1024, 1)}


def peak_self_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def code_version() -> str:
    """The commit measured: ``git rev-parse`` (+ ``-dirty`` when minimeter/ has changes), else a COMMIT file.

    Benchmark a snapshot (``git archive HEAD``, a COMMIT file beside it) when others edit the tree meanwhile.
    """
    import subprocess

    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "minimeter"], capture_output=True,
                               text=True, check=True).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        f = REPO / "COMMIT"
        return f.read_text().strip() if f.is_file() else "unknown"


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# --- statistics -------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None else round(x, nd)


def summarize(values: list[float]) -> dict[str, float | None]:
    return {"median": _r(statistics.median(values) if values else None), "p95": _r(pct(values, 0.95)),
            "mean": _r(statistics.fmean(values) if values else None)}


# --- inputs -----------------------------------------------------------------------------------
def generated_cases(cache: Path, count: int, seed: int) -> list[Any]:
    """``count`` text-layer bills with truth files, generated once into ``cache`` and reused."""
    from minimeter.evaluation.truth import find_cases
    from minimeter.samples import generate

    done = sorted((int(f.name.split("-n")[1].split("-")[0]), f) for f in cache.glob(f"seed{seed}-n*-text")
                  if (f / "COMPLETE").is_file())
    bigger = [f for n, f in done if n >= count]
    folder = bigger[0] if bigger else cache / f"seed{seed}-n{count}-text"
    if not (folder / "COMPLETE").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {count} bills into {folder} (cached for later runs)...", flush=True)
        generate(folder, count, seed=seed, image_only_share=0.0)
        (folder / "COMPLETE").write_text(f"{count}\n")
    return find_cases(folder)[:count]


def _settings(home: Path, extractor: str) -> Any:
    from minimeter.settings import load_settings

    s = load_settings(home, extractor=extractor, stable_seconds=0.0)
    s.ensure_dirs()
    return s


def _load_model(settings: Any) -> float:
    """Load the local model now (once per process), so no bill's latency carries the load."""
    t0 = time.perf_counter()
    try:
        from minimeter.extract.llm.llama import get_backend

        get_backend(settings)
    except Exception as exc:  # no model: the run still measures the rules; the JSON says so
        print(f"local model not loaded: {exc}", flush=True)
    return time.perf_counter() - t0


# --- one backlog through the pipeline ---------------------------------------------------------
def run_backlog(cases: list[Any], extractor: str, label: str, *, dup_count: int = 0,
                samples: int = 20, budget_s: float = 0.0) -> dict[str, Any]:
    """Intake then process ``cases`` through the real store and pipeline, in a fresh process.

    Returns throughput, latency, stage times, tokens, memory samples, accuracy (the eval's
    scoring) and, when ``dup_count``, the cost of taking that many of the files again under new names.
    With ``budget_s``, processing stops after that many seconds and the figures cover the bills done
    (``truncated``), so one run stays bounded on a shared machine.

    A fresh process per backlog, with per-bill records streamed to a file instead of kept in memory,
    so the memory curve is the pipeline's alone: not bill generation, not earlier runs, not this
    benchmark's own bookkeeping growing with the backlog.
    """
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix=f"mm-bench-{label}-out-") as tmp:
        out = Path(tmp) / "result.json"
        p = ctx.Process(target=_backlog_child,
                        args=(cases, extractor, label, dup_count, samples, budget_s, str(out)))
        p.start()
        p.join()
        if p.exitcode != 0 or not out.is_file():
            raise SystemExit(f"bench: the {label} run ended with exit code {p.exitcode}; see its output above")
        result: dict[str, Any] = json.loads(out.read_text())
        return result


def _backlog_child(cases: list[Any], extractor: str, label: str, dup_count: int, samples: int,
                   budget_s: float, out_path: str) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    result = _process_backlog(cases, extractor, label, dup_count=dup_count, samples=samples, budget_s=budget_s)
    Path(out_path).write_text(json.dumps(result))


def _process_backlog(cases: list[Any], extractor: str, label: str, *, dup_count: int,
                     samples: int, budget_s: float) -> dict[str, Any]:
    from minimeter.errors import MinimeterError
    from minimeter.evaluation.runner import BillOutcome, EvalReport, score_bill
    from minimeter.intake.inbox import Inbox
    from minimeter.pipeline import get_extractor, run_job
    from minimeter.store import open_store

    home = Path(tempfile.mkdtemp(prefix=f"mm-bench-{label}-"))
    try:
        settings = _settings(home, extractor)
        store = open_store(settings)
        inbox = Inbox(settings, store)
        ext = get_extractor(settings)
        ext.cache_identity()  # loads the model for ``local``
        if ext.name == "llm":
            _load_model(settings)  # and for ``llm``: no bill's latency carries the load
        by_sha: dict[str, tuple[int, float]] = {}
        t_start = time.perf_counter()
        for i, case in enumerate(cases):
            t0 = time.perf_counter()
            res = inbox.take(case.bill, move=False)
            if res.job is not None:
                by_sha[res.job.sha256] = (i, time.perf_counter() - t0)
        t_intake = time.perf_counter() - t_start
        records = home / "bills.jsonl"
        done = 0
        mem: list[dict[str, Any]] = [{"bills": 0, **memory_mb()}]
        every = max(1, len(cases) // samples)
        t_proc = time.perf_counter()
        with records.open("w") as sink:
            while (budget_s <= 0 or time.perf_counter() - t_proc < budget_s) and (claim := store.claim("bench")):
                i, t_take = by_sha[claim.job.sha256]
                case = cases[i]
                t0 = time.perf_counter()
                try:
                    result = run_job(claim.job, store, settings, ext)
                except MinimeterError as exc:  # a failed bill (no text included) is a data point, not the end
                    store.fail(claim, exc.one_line(), retryable=False)
                    result = None
                t1 = time.perf_counter()
                if result is not None:
                    store.complete(claim, result)
                t2 = time.perf_counter()
                tm = result.timings if result is not None else {}
                extract_s = tm.get("extract", 0.0)
                predicted = result.bill.model_dump(mode="python") if result is not None else {}
                rec = {
                    "case": i, "image_only": bool(case.truth.get("image_only")),
                    "status": result.status if result is not None else "FAILED",
                    "latency": t_take + (t2 - t0), "hash_archive": t_take, "read": tm.get("read", 0.0),
                    "rules": max(0.0, extract_s - tm.get("model", 0.0)) if "model" in tm or extractor != "llm"
                    else tm.get("prepare", 0.0),
                    "model_prompt": tm.get("model_prompt", 0.0), "model_generate": tm.get("model_generate", 0.0),
                    "validate": tm.get("validate", 0.0), "db_write": t2 - t1,
                    "tokens_prompt": result.tokens_prompt if result is not None else 0,
                    "tokens_completion": result.tokens_completion if result is not None else 0,
                    "done_at": t2 - t_proc, "fields": score_bill(case, predicted),
                }
                sink.write(json.dumps(rec) + "\n")
                done += 1
                if done % every == 0:
                    sink.flush()
                    mem.append({"bills": done, **memory_mb()})
        wall = time.perf_counter() - t_start
        # Only now, after the last memory sample, are the records read back for the figures.
        bills = [json.loads(line) for line in records.read_text().splitlines()]
        outcomes = [BillOutcome(cases[b["case"]].name, cases[b["case"]].group,
                                None if b["status"] == "FAILED" else b["status"],
                                "failed" if b["status"] == "FAILED" else None, b["fields"], b["latency"],
                                b["tokens_prompt"] + b["tokens_completion"], cases[b["case"]].planted)
                    for b in bills]
        for b in bills:
            b["name"] = cases[b.pop("case")].name
            del b["fields"]
        out = _backlog_figures(label, extractor, cases, bills, mem, wall, t_intake)
        out["truncated"] = len(bills) < len(by_sha)
        out["accuracy"] = _accuracy(EvalReport(label, extractor, outcomes))
        if dup_count:
            out["duplicates"] = _duplicates(inbox, cases[:dup_count], home)
        store.close()
        return out
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _accuracy(report: Any) -> dict[str, Any]:
    s = report.summary()
    keep = ("field_accuracy", "correct", "wrong", "missing", "hallucinated", "passed_validation_count",
            "wrong_bills", "wrong_caught_count", "planted", "planted_flagged")
    return {k: (_r(s[k]) if isinstance(s[k], float) else s[k]) for k in keep}


def _backlog_figures(label: str, extractor: str, cases: list[Any], bills: list[dict[str, Any]],
                     mem: list[dict[str, Any]], wall: float, t_intake: float) -> dict[str, Any]:
    text = [b for b in bills if not b["image_only"]]
    scans = [b for b in bills if b["image_only"]]
    statuses: dict[str, int] = {}
    for b in bills:
        statuses[b["status"]] = statuses.get(b["status"], 0) + 1
    with_model = [b for b in bills if b["tokens_prompt"]]
    # Slowdown check: per-bill processing time in each tenth of the backlog, in processing order.
    tenths = []
    k = max(1, len(bills) // 10)
    for i in range(0, len(bills) - k + 1, k):
        chunk = bills[i:i + k]
        tenths.append(_r(statistics.median(b["latency"] - b["hash_archive"] for b in chunk)))
    return {
        "label": label, "extractor": extractor, "bills": len(cases), "processed": len(bills),
        "statuses": statuses, "wall_seconds": round(wall, 2), "intake_seconds": round(t_intake, 2),
        "bills_per_minute": round(60 * len(bills) / wall, 1) if wall else None,
        "latency_s": summarize([b["latency"] for b in bills]),
        "latency_text_layer_s": summarize([b["latency"] for b in text]),
        "latency_scans_s": summarize([b["latency"] for b in scans]) if scans else None,
        "scans": len(scans),
        "stage_s": {s: summarize([b[s] for b in text]) for s in STAGES},
        "stage_share_of_mean": _shares(text),
        "tokens_prompt_per_bill": summarize([float(b["tokens_prompt"]) for b in bills]),
        "tokens_completion_per_bill": summarize([float(b["tokens_completion"]) for b in bills]),
        "bills_with_model_call": len(with_model),
        "tokens_prompt_when_called": summarize([float(b["tokens_prompt"]) for b in with_model]),
        "processing_median_by_tenth_s": tenths,
        "memory_samples": mem,
        "self_rss_mb": {"first": mem[0]["self_mb"], "last": mem[-1]["self_mb"],
                        "max": max(m["self_mb"] for m in mem)},
        "children_rss_mb_max": max(m["children_mb"] for m in mem),
        "slowest": [{k: (_r(v) if isinstance(v, float) else v) for k, v in b.items()}
                    for b in sorted(bills, key=lambda b: -b["latency"])[:5]],
    }


def _shares(bills: list[dict[str, Any]]) -> dict[str, float]:
    means = {s: statistics.fmean(b[s] for b in bills) for s in STAGES} if bills else {}
    total = sum(means.values()) or 1.0
    return {s: round(v / total, 3) for s, v in means.items()}


def _duplicates(inbox: Any, cases: list[Any], home: Path) -> dict[str, Any]:
    """Drop copies of ``cases`` into the inbox under new names and time taking them (move included)."""
    d = inbox.root / "again"
    d.mkdir(parents=True, exist_ok=True)
    copies = []
    for i, case in enumerate(cases):
        p = d / f"again-{i:05d}{case.bill.suffix}"
        shutil.copyfile(case.bill, p)
        copies.append(p)
    t0 = time.perf_counter()
    created = sum(1 for p in copies if inbox.take(p).created)
    secs = time.perf_counter() - t0
    return {"files": len(copies), "ms_per_file": round(1000 * secs / len(copies), 3) if copies else None,
            "new_jobs": created}


# --- workers ----------------------------------------------------------------------------------
def _worker_proc(home: str, extractor: str, threads: int | None) -> None:
    from minimeter.settings import load_settings
    from minimeter.store import open_store
    from minimeter.worker import drain

    extra = {"model_threads": threads} if threads else {}
    settings = load_settings(Path(home), extractor=extractor, stable_seconds=0.0, **extra)
    store = open_store(settings)
    drain(settings, store)
    store.close()


def run_workers(cases: list[Any], extractor: str, n_workers: int, threads: int | None = None) -> dict[str, Any]:
    """``n_workers`` processes drain one queue through the real worker (heartbeat, lease, store)."""
    from minimeter.intake.inbox import Inbox
    from minimeter.store import open_store

    home = Path(tempfile.mkdtemp(prefix=f"mm-bench-w{n_workers}-"))
    try:
        settings = _settings(home, extractor)
        store = open_store(settings)
        inbox = Inbox(settings, store)
        for case in cases:
            inbox.take(case.bill, move=False)
        ctx = mp.get_context("spawn")
        procs = [ctx.Process(target=_worker_proc, args=(str(home), extractor, threads))
                 for _ in range(n_workers)]
        t0 = time.perf_counter()
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        wall = time.perf_counter() - t0
        counts = {k: v for k, v in store.counts().items() if v}
        store.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {"workers": n_workers, "model_threads": threads or settings.model_threads, "bills": len(cases),
            "wall_seconds": round(wall, 2), "bills_per_minute": round(60 * len(cases) / wall, 1), "counts": counts}


# --- LLM-only comparison ----------------------------------------------------------------------
def spread(cases: list[Any], k: int) -> list[Any]:
    """``k`` cases spread evenly over ``cases`` (every layout, not the first few)."""
    if k >= len(cases):
        return list(cases)
    step = len(cases) / k
    return [cases[int(i * step)] for i in range(k)]


def compare_llm(cases: list[Any], default: str, llm: str) -> dict[str, Any]:
    """The default extractor and the LLM-only path on the same bills, one after the other."""
    out: dict[str, Any] = {"bills": [c.name for c in cases]}
    for name in (default, llm):
        r = run_backlog(cases, name, f"cmp-{name}", samples=4)
        out[name] = {k: r[k] for k in ("bills_per_minute", "latency_s", "statuses", "accuracy", "stage_s",
                                       "tokens_prompt_per_bill", "tokens_completion_per_bill", "self_rss_mb")}
    a, b = out[default]["bills_per_minute"], out[llm]["bills_per_minute"]
    out["throughput_ratio"] = round(a / b, 1) if a and b else None
    return out


# --- report -----------------------------------------------------------------------------------
def render_md(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [f"# MiniMeter benchmark, {r['started']}", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; load average "
             f"{r['load_start']} at start, {r['load_end']} at end (other work shared the cores).",
             f"Command: `{r['command']}` (code {r.get('code')})",
             f"Extractor: `{r['extractor']}` -> `{r['resolved_extractor']}`; "
             f"model loaded in {r['model_load_seconds']} s.", "",
             "| run | bills | bills/min | median s | p95 s | field acc. | prompt tokens/bill (mean) | "
             "self RSS MB first/last/max | reader MB | dup ms/file |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for run in r["runs"]:
        dup = run.get("duplicates") or {}
        rss = run["self_rss_mb"]
        lines.append(
            f"| {run['label']} | {run['processed']} | {run['bills_per_minute']} | {run['latency_s']['median']} | "
            f"{run['latency_s']['p95']} | {run['accuracy']['field_accuracy']} | "
            f"{run['tokens_prompt_per_bill']['mean']} | {rss['first']}/{rss['last']}/{rss['max']} | "
            f"{run['children_rss_mb_max']} | {dup.get('ms_per_file', '')} |")
        if run.get("truncated"):
            lines.append(f"| ({run['label']}: stopped by --budget-minutes after {run['processed']} of "
                         f"{run['bills']} bills) | | | | | | | | | |")
    if r["runs"]:
        big = r["runs"][-1]
        lines += ["", f"Per-stage seconds, text-layer bills of `{big['label']}` (median / p95 / share of mean):", "",
                  "| stage | median | p95 | share |", "|---|---|---|---|"]
        lines += [f"| {s} | {v['median']} | {v['p95']} | {big['stage_share_of_mean'].get(s)} |"
                  for s, v in big["stage_s"].items()]
        lines += ["", f"Bills that called the model: {big['bills_with_model_call']} of {big['processed']}; "
                  f"prompt tokens when called: median {big['tokens_prompt_when_called']['median']}.",
                  f"Processing median per tenth of `{big['label']}` (s): {big['processing_median_by_tenth_s']}."]
    for w in r.get("workers", []):
        lines.append(f"\n{w['workers']} worker process(es), model_threads={w['model_threads']}, {w['bills']} bills: "
                     f"{w['bills_per_minute']} bills/min ({w['wall_seconds']} s, model load included)")
    c = r.get("llm_comparison")
    if c:
        lines += ["", f"Default vs LLM-only on the same {len(c['bills'])} eval bills:", "",
                  "| extractor | bills/min | median s | field acc. | prompt tokens/bill |", "|---|---|---|---|---|"]
        for name in (r["resolved_extractor"], r["llm"]):
            x = c[name]
            lines.append(f"| {name} | {x['bills_per_minute']} | {x['latency_s']['median']} | "
                         f"{x['accuracy']['field_accuracy']} | {x['tokens_prompt_per_bill']['median']} |")
        lines.append(f"\nThroughput ratio: {c['throughput_ratio']}x")
    if r.get("targets"):
        lines += ["", "Targets:", ""] + [f"- {t['target']}: {t['measured']} -> {'met' if t['met'] else 'NOT met'}"
                                         for t in r["targets"]]
    return "\n".join(lines) + "\n"


def check_targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    backlogs = [x for x in r["runs"] if x["label"].startswith("backlog-")]
    if backlogs:
        med = max(x["latency_text_layer_s"]["median"] or 0 for x in backlogs)
        out.append({"target": "median latency <= 1.5 s (text-layer, worst backlog)", "measured": med,
                    "met": med <= 1.5})
        dups = [x["duplicates"]["ms_per_file"] for x in backlogs if x.get("duplicates")]
        if dups:
            out.append({"target": "duplicate intake <= 5 ms/file (worst)", "measured": max(dups),
                        "met": max(dups) <= 5})
        big = backlogs[-1]
        growth = big["self_rss_mb"]["last"] - big["memory_samples"][1]["self_mb"] if len(
            big["memory_samples"]) > 1 else 0.0
        out.append({"target": f"flat memory over {big['processed']} bills (self RSS growth after the first sample)",
                    "measured": f"{round(growth, 1)} MB", "met": growth <= 50})
        t = [x for x in big["processing_median_by_tenth_s"] if x]
        if t:
            ratio = round(t[-1] / t[0], 2)
            out.append({"target": "no slowdown per bill (last tenth / first tenth)", "measured": ratio,
                        "met": ratio <= 1.2})
    c = r.get("llm_comparison")
    if c and c.get("throughput_ratio"):
        d, llm = c[r["resolved_extractor"]]["accuracy"], c[r["llm"]]["accuracy"]
        ok = c["throughput_ratio"] >= 10 and (d["field_accuracy"] or 0) >= (llm["field_accuracy"] or 0)
        out.append({"target": ">= 10x LLM-only throughput at equal or better accuracy",
                    "measured": f"{c['throughput_ratio']}x, accuracy {d['field_accuracy']} vs {llm['field_accuracy']}",
                    "met": ok})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000", help="generated backlog sizes, comma-separated")
    ap.add_argument("--extractor", default="auto", help="the default extractor (settings default: auto)")
    ap.add_argument("--llm", default="llm", help="the LLM-only extractor to compare with")
    ap.add_argument("--llm-sample", type=int, default=10, help="eval bills for the LLM-only comparison (0: skip)")
    ap.add_argument("--workers-size", type=int, default=200, help="backlog for the 1 vs 2 worker runs (0: skip)")
    ap.add_argument("--dup-count", type=int, default=1000, help="files dropped again per backlog (0: skip)")
    ap.add_argument("--eval-dir", default=str(REPO / "eval" / "bills"), help="labelled bills ('' to skip)")
    ap.add_argument("--seed", type=int, default=2026, help="seed of the generated bills")
    ap.add_argument("--gen-cache", default=str(Path(tempfile.gettempdir()) / "minimeter-bench-gen"),
                    help="folder for generated bills, reused between runs (not in the repository)")
    ap.add_argument("--budget-minutes", type=float, default=0.0,
                    help="stop each backlog's processing after this long (0: no limit); the figures say so")
    ap.add_argument("--out", default=str(REPO / "docs" / "benchmarks"))
    args = ap.parse_args()
    from minimeter.errors import MinimeterError

    try:
        return _run(args)
    except MinimeterError as exc:
        print(f"bench: {exc.one_line()}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    import logging

    from minimeter.evaluation.truth import find_cases
    from minimeter.pipeline import get_extractor

    logging.basicConfig(level=logging.WARNING)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    probe_home = Path(tempfile.mkdtemp(prefix="mm-bench-probe-"))
    probe = _settings(probe_home, args.extractor)
    model_load = _load_model(probe)
    resolved = get_extractor(probe).name
    shutil.rmtree(probe_home, ignore_errors=True)
    results: dict[str, Any] = {
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "python": platform.python_version(),
                    "model_threads": probe.model_threads},
        "started": started, "load_start": loadavg(), "code": code_version(),
        # Paths inside the checkout are written relative to it: the results are committed.
        "command": "python scripts/bench.py " + " ".join(a.replace(f"{REPO}{os.sep}", "") for a in sys.argv[1:]),
        "extractor": args.extractor, "resolved_extractor": resolved, "llm": args.llm,
        "model_load_seconds": round(model_load, 2), "runs": [],
    }
    out = Path(args.out)
    budget = 60 * args.budget_minutes

    def save(final: bool = False) -> None:
        # Written after every step: a run stopped early still leaves its figures so far.
        results["partial"] = not final
        results["load_end"] = loadavg()
        results["peak_rss_mb"] = peak_self_mb()
        results["targets"] = check_targets(results)
        out.mkdir(parents=True, exist_ok=True)
        (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
        (out / "latest.md").write_text(render_md(results))

    eval_cases = find_cases(Path(args.eval_dir)) if args.eval_dir else []
    if eval_cases:
        print(f"eval set: {len(eval_cases)} bills", flush=True)
        results["runs"].append(run_backlog(eval_cases, args.extractor, "eval-set", budget_s=budget))
        save()
    if args.llm_sample and eval_cases:
        # ``auto`` resolves to ``local``: compare_llm keys its figures by the resolved name.
        sample = spread([c for c in eval_cases if not c.truth.get("image_only")], args.llm_sample)
        print(f"LLM-only comparison on {len(sample)} bills...", flush=True)
        results["llm_comparison"] = compare_llm(sample, resolved, args.llm)
        save()
    gen = generated_cases(Path(args.gen_cache), max(sizes + [args.workers_size]), args.seed) if sizes else []
    if gen and args.workers_size:
        print(f"1 vs 2 workers on {args.workers_size} bills...", flush=True)
        wcases = gen[-args.workers_size:]
        # Two workers at the default model_threads=2 oversubscribe 2 cores; one thread each is the fair pairing.
        results["workers"] = [run_workers(wcases, args.extractor, 1), run_workers(wcases, args.extractor, 2),
                              run_workers(wcases, args.extractor, 2, threads=1)]
        save()
    for size in sizes:
        print(f"backlog of {size}...", flush=True)
        results["runs"].append(run_backlog(gen[:size], args.extractor, f"backlog-{size}",
                                           dup_count=min(size, args.dup_count), budget_s=budget))
        print(f"  {results['runs'][-1]['bills_per_minute']} bills/min", flush=True)
        save()
    save(final=True)
    print(render_md(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
