"""Write set L of unseen-layout bills (a tuning set), each with a truth file.

    python scripts/unseen_l.py --out eval/unseen_l --count 32 --seed 12

Bills cycle through four layouts in Dutch / French, Spanish and French that neither MiniMeter's generator nor an
earlier unseen set's script makes: three drawn with the fpdf2 kit (``unseen_kit.py``) and one printed from HTML +
CSS by headless Chromium (``unseen_g_html.py``). Each ``<name>.pdf`` gets a ``<name>.truth.json`` in the flat
realbills format (null where the bill does not print a field) with ``layout`` and ``notes``. See
``eval/unseen_l/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_l_ar import ar_gas  # noqa: E402
from unseen_l_be import be_settlement  # noqa: E402
from unseen_l_fr_eau import fr_eau  # noqa: E402
from unseen_l_pe_html import pe_luz  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("be_settlement", be_settlement),
    ("ar_gas", ar_gas),
    ("fr_eau", fr_eau),
    ("pe_luz", pe_luz),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "l", 32, 12))
