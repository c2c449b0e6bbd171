"""Write one set of generated bills (a PDF and a truth file each) from a tuple of layouts.

Shared by ``unseen_b.py`` and ``unseen_c.py``: bill ``i`` of a run draws everything from its own generator
seeded by ``(set, seed, i)``, so a file's bytes depend only on the set, the seed and its index, and the two
sets never draw the same numbers for the same seed.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path

Layout = Callable[[random.Random], tuple[bytes, dict[str, object]]]


def write_set(out: Path, count: int, seed: int, layouts: tuple[tuple[str, Layout], ...], prefix: str) -> list[Path]:
    """Write ``count`` bills cycling through ``layouts`` into ``out`` as ``<prefix>NNN_<layout>``; returns the PDFs."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        name, make = layouts[i % len(layouts)]
        rng = random.Random(f"unseen-{prefix}-{seed}-{i}")
        pdf, record = make(rng)
        if record["layout"] != name:
            raise ValueError(f"layout {name} wrote a truth for {record['layout']}")
        stem = f"{prefix}{i + 1:03d}_{name}"
        (out / f"{stem}.pdf").write_bytes(pdf)
        (out / f"{stem}.truth.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
        written.append(out / f"{stem}.pdf")
    return written


def main(argv: list[str] | None, doc: str, layouts: tuple[tuple[str, Layout], ...], prefix: str,
         count: int, seed: int) -> int:
    """The command line of a set's script: ``--out DIR [--count N] [--seed S]``."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write <name>.pdf + <name>.truth.json into")
    ap.add_argument("--count", type=int, default=count, help="number of bills (they cycle through the layouts)")
    ap.add_argument("--seed", type=int, default=seed)
    args = ap.parse_args(argv)
    paths = write_set(args.out, args.count, args.seed, layouts, prefix)
    print(f"wrote {len(paths)} bills to {args.out}")
    return 0
