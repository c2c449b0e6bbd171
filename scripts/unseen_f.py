"""Write set F of unseen-layout bills (a tuning set), each with a truth file; the bills are HTML printed by headless
Chromium.

    python scripts/unseen_f.py --out eval/unseen_f --count 32 --seed 6

Bills cycle through four layouts (``it_luce_gas``, ``ca_on_tou``, ``us_gas_ldc``, ``id_pln``), none of them made by
MiniMeter's generator or an earlier unseen set's script. Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat
realbills format (null where the bill does not print a field) with ``layout`` and ``notes``. Needs ``chromium`` on
PATH. See ``eval/unseen_f/README.md``.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_f_it_ca import italian_dual, ontario_tou  # noqa: E402
from unseen_f_us_id import indonesia_pln, us_gas  # noqa: E402
from unseen_html import STORIES  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402


def _every_story(make: Callable[[random.Random, str | None], tuple[bytes, dict[str, object]]]) -> Layout:
    """The layout with its balance stories in turn (none, paid, part paid, unpaid, credit), so that each layout's
    8 bills of a 32-bill set show all five; bills are made in index order, so the n-th bill of a layout (index
    4n + k) always gets story n and its bytes still depend only on the seed and its index."""
    calls = itertools.count()

    def run(rng: random.Random) -> tuple[bytes, dict[str, object]]:
        return make(rng, STORIES[next(calls) % len(STORIES)])

    return run


LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("it_luce_gas", _every_story(italian_dual)),
    ("ca_on_tou", _every_story(ontario_tou)),
    ("us_gas_ldc", _every_story(us_gas)),
    ("id_pln", _every_story(indonesia_pln)),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "f", 32, 6))
