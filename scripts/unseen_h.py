"""Write set H of unseen-layout bills (sealed: measured once, untuned), each with a truth file.

    python scripts/unseen_h.py --out eval/unseen_h --count 32 --seed 9

Bills cycle through four layouts, none of them made by MiniMeter's generator or an earlier unseen set's script:
two drawn with the fpdf2 kit (``unseen_kit.py``) and two printed from HTML + CSS by headless Chromium
(``unseen_h_html.py``). Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat realbills format (null where
the bill does not print a field) with ``layout`` and ``notes``. See ``eval/unseen_h/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_h_cz_tr import czech_settlement, turkey_electricity  # noqa: E402
from unseen_h_se_nz import nz_energy, sweden_invoice  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("se_elfaktura", sweden_invoice),
    ("cz_vyuctovani", czech_settlement),
    ("nz_energy", nz_energy),
    ("tr_elektrik", turkey_electricity),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "h", 32, 9))
