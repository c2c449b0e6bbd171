"""Write set C of unseen-layout bills (the final, untuned measurement), each with a truth file.

    python scripts/unseen_c.py --out eval/unseen_c --count 32 --seed 3

Bills cycle through four layouts (``my_elektrik``, ``de_jahresabrechnung``, ``us_muni_multi``,
``pt_eletricidade``), none of them made by MiniMeter's generator, ``unseen_layouts.py`` or ``unseen_b.py``;
each has its summary block at the foot of a page. Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat
realbills format (null where the bill does not print a field) with ``layout`` and ``notes``. MiniMeter must
not be tuned on these bills: see ``eval/unseen_c/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_c_de_pt import german_annual, portuguese_electricity  # noqa: E402
from unseen_c_my_us import malaysian_electricity, us_municipal  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("my_elektrik", malaysian_electricity),
    ("de_jahresabrechnung", german_annual),
    ("us_muni_multi", us_municipal),
    ("pt_eletricidade", portuguese_electricity),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "c", 32, 3))
