"""Write generated bills in layouts MiniMeter was never tuned on, each with a truth file.

    python scripts/unseen_layouts.py --out eval/unseen --count 40 --seed 1

Bills cycle through four layouts (``nl_energie``, ``us_commercial_tou``, ``in_electric``,
``it_acqua``); bill ``i`` of a run draws everything from its own generator seeded by
``(seed, i)``, so a file's bytes depend only on the seed and its index. Each ``<name>.pdf`` gets a
``<name>.truth.json`` in the flat realbills format (null where the bill does not print a field)
with ``layout`` and ``notes``. The renderer is deliberately independent of ``minimeter.samples``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_anglo import indian_electric, us_commercial  # noqa: E402
from unseen_europe import dutch_energy, italian_water  # noqa: E402

Layout = Callable[[random.Random], tuple[bytes, dict[str, object]]]
LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("nl_energie", dutch_energy),
    ("us_commercial_tou", us_commercial),
    ("in_electric", indian_electric),
    ("it_acqua", italian_water),
)


def generate(out: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` bills into ``out``; returns the PDF paths in order."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        name, make = LAYOUTS[i % len(LAYOUTS)]
        rng = random.Random(f"unseen-{seed}-{i}")
        pdf, record = make(rng)
        stem = f"u{i + 1:03d}_{name}"
        (out / f"{stem}.pdf").write_bytes(pdf)
        (out / f"{stem}.truth.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
        written.append(out / f"{stem}.pdf")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write <name>.pdf + <name>.truth.json into")
    ap.add_argument("--count", type=int, default=40, help="number of bills (they cycle through the layouts)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    paths = generate(args.out, args.count, args.seed)
    print(f"wrote {len(paths)} bills to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
