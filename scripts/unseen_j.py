"""Write set J of unseen-layout bills (a tuning set: made to find and fix kinds of failure), each with a truth file.

    python scripts/unseen_j.py --out eval/unseen_j --count 32 --seed 10

Bills cycle through four layouts, none of them made by MiniMeter's generator or an earlier set's script: three
drawn with the fpdf2 kit (``unseen_kit.py``) and one printed from HTML + CSS by headless Chromium
(``unseen_g_html.py``). Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat realbills format (null where
the bill does not print a field) with ``layout`` and ``notes``. See ``eval/unseen_j/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_j_at_gas import austria_gas  # noqa: E402
from unseen_j_br import brazil_water  # noqa: E402
from unseen_j_ch_ti import ticino_multi  # noqa: E402
from unseen_j_co import colombia_electricity  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("co_energia", colombia_electricity),
    ("at_gas_jahres", austria_gas),
    ("br_agua_esgoto", brazil_water),
    ("ch_ti_multi", ticino_multi),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "j", 32, 10))
