"""Write set N of unseen-layout bills (a tuning set), each with a truth file.

    python scripts/unseen_n.py --out eval/unseen_n --count 32 --seed 14

Bills cycle through four layouts in English (the US, the UK, Australia) and Spanish (Chile) that neither
MiniMeter's generator nor an earlier unseen set's script makes: three drawn with the fpdf2 kit (``unseen_kit.py``)
and one printed from HTML + CSS by headless Chromium (``unseen_g_html.py``). Each ``<name>.pdf`` gets a
``<name>.truth.json`` in the flat realbills format (null where the bill does not print a field) with ``layout`` and
``notes``. See ``eval/unseen_n/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_n_au_gas_html import au_gas  # noqa: E402
from unseen_n_cl_luz import cl_luz  # noqa: E402
from unseen_n_uk_water import uk_water  # noqa: E402
from unseen_n_us_combined import us_combined  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("us_combined", us_combined),
    ("uk_water", uk_water),
    ("au_gas", au_gas),
    ("cl_luz", cl_luz),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "n", 32, 14))
