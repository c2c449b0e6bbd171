"""Write set I of unseen-layout bills (a tuning set), each with a truth file.

    python scripts/unseen_i.py --out eval/unseen_i --count 32 --seed 10

Bills cycle through four layouts of English-language bills from outside the US / UK mainstream (and a US city
water bill), none of them made by MiniMeter's generator or an earlier unseen set's script: three drawn with the
fpdf2 kit (``unseen_kit.py``) and one printed from HTML + CSS by headless Chromium (``unseen_g_html.py``). Each
``<name>.pdf`` gets a ``<name>.truth.json`` in the flat realbills format (null where the bill does not print a
field) with ``layout`` and ``notes``. See ``eval/unseen_i/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_i_ie import ie_electricity  # noqa: E402
from unseen_i_in_html import india_discom  # noqa: E402
from unseen_i_us_water import city_water  # noqa: E402
from unseen_i_za import za_municipal  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("in_discom", india_discom),
    ("za_municipal", za_municipal),
    ("ie_electricity", ie_electricity),
    ("us_city_water", city_water),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "i", 32, 10))
