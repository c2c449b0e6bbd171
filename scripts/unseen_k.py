"""Write set K of unseen-layout bills (a tuning set), each with a truth file.

    python scripts/unseen_k.py --out eval/unseen_k --count 32 --seed 12

Bills cycle through four layouts of English-language bills none of MiniMeter's generator or an earlier unseen
set's script makes: a Hong Kong electricity bill, a Nigerian distribution company postpaid bill (printed from
HTML + CSS by headless Chromium, ``unseen_g_html.py``, for the naira sign), a two-page US solar net-metering
bill and an Alberta retailer bill, the last two drawn with the fpdf2 kit (``unseen_kit.py``). Each
``<name>.pdf`` gets a ``<name>.truth.json`` in the flat realbills format (null where the bill does not print a
field) with ``layout`` and ``notes``. See ``eval/unseen_k/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_k_ab import ab_retail  # noqa: E402
from unseen_k_hk import hk_electric  # noqa: E402
from unseen_k_ng_html import ng_disco  # noqa: E402
from unseen_k_us_nem import us_solar_nem  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("hk_electric", hk_electric),
    ("ng_disco", ng_disco),
    ("us_solar_nem", us_solar_nem),
    ("ab_retail", ab_retail),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "k", 32, 12))
