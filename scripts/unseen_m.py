"""Write set M of unseen-layout bills (a SEALED set), each with a truth file.

    python scripts/unseen_m.py --out eval/unseen_m --count 32 --seed 13

Bills cycle through four layouts in Danish, Finnish, English (Jamaica) and Romanian that neither MiniMeter's
generator nor an earlier unseen set's script makes: three drawn with the fpdf2 kit (``unseen_kit.py``) and one
printed from HTML + CSS by headless Chromium (``unseen_g_html.py``). Each ``<name>.pdf`` gets a
``<name>.truth.json`` in the flat realbills format (null where the bill does not print a field) with ``layout`` and
``notes``. See ``eval/unseen_m/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_m_dk_vand import dk_vand  # noqa: E402
from unseen_m_fi_sahko import fi_sahko  # noqa: E402
from unseen_m_jm_commercial import jm_commercial  # noqa: E402
from unseen_m_ro_gaz_html import ro_gaz  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("dk_vand", dk_vand),
    ("fi_sahko", fi_sahko),
    ("jm_commercial", jm_commercial),
    ("ro_gaz", ro_gaz),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "m", 32, 13))
