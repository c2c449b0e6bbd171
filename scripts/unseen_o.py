"""Write set O of unseen-layout bills (a tuning set), each with a truth file.

    python scripts/unseen_o.py --out eval/unseen_o --count 32 --seed 14

Bills cycle through four layouts none of MiniMeter's generator or an earlier unseen set's script makes: a US
public power district general-service demand bill, a Belgian (Flemish) monthly advance invoice (voorschotfactuur),
a Bangladeshi city water and sewerage bill (printed from HTML + CSS by headless Chromium, ``unseen_g_html.py``, for
lakh-grouped taka amounts in a browser font) and a Moroccan multi-service bill in French, the others drawn with the
fpdf2 kit (``unseen_kit.py``). Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat realbills format (null
where the bill does not print a field) with ``layout`` and ``notes``. See ``eval/unseen_o/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_o_bd_wasa_html import bd_wasa  # noqa: E402
from unseen_o_be_voorschot import be_voorschot  # noqa: E402
from unseen_o_ma_multi import ma_multi  # noqa: E402
from unseen_o_us_ppd import us_ppd  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("us_ppd_demand", us_ppd),
    ("be_voorschot", be_voorschot),
    ("bd_wasa", bd_wasa),
    ("ma_multi", ma_multi),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "o", 32, 14))
