"""Write set G of unseen-layout bills (sealed: measured once, untuned), each with a truth file.

    python scripts/unseen_g.py --out eval/unseen_g --count 32 --seed 8

Bills cycle through four layouts, none of them made by MiniMeter's generator or an earlier unseen set's script:
two drawn with the fpdf2 kit (``unseen_kit.py``) and two printed from HTML + CSS by headless Chromium
(``unseen_g_html.py``). Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat realbills format (null where
the bill does not print a field) with ``layout`` and ``notes``. See ``eval/unseen_g/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_g_ke_coop import coop_electric, kenya_postpaid  # noqa: E402
from unseen_g_pl_sg import polish_electricity, singapore_utilities  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("ke_postpaid", kenya_postpaid),
    ("pl_energia", polish_electricity),
    ("us_coop_electric", coop_electric),
    ("sg_multi_utility", singapore_utilities),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "g", 32, 8))
