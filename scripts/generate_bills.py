#!/usr/bin/env python
"""Write labelled sample bills (PDF + truth JSON), deterministic for a seed.

    python scripts/generate_bills.py --out eval/bills --count 150 --seed 7
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from minimeter.samples import LAYOUTS, generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    ap.add_argument("--count", type=int, default=150, help="number of bills (default 150)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--layout", action="append", choices=LAYOUTS, help="only these layouts (repeatable)")
    ap.add_argument("--image-only-share", type=float, default=None,
                    help="share of bills rendered as images only (default 0.06)")
    ap.add_argument("--no-truth", action="store_true", help="do not write <name>.truth.json files")
    ap.add_argument("--clean", action="store_true", help="delete existing *.pdf / *.truth.json in --out first")
    args = ap.parse_args(argv)
    if args.clean and args.out.is_dir():
        for p in [*args.out.glob("*.pdf"), *args.out.glob("*.truth.json")]:
            p.unlink()
    paths = generate(args.out, args.count, args.seed, layouts=args.layout, with_truth=not args.no_truth,
                     image_only_share=args.image_only_share)
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(f"wrote {len(paths)} bills to {args.out} ({size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
