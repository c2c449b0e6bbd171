"""Write set D of unseen-layout bills (the next untuned measurement), each with a truth file.

    python scripts/unseen_d.py --out eval/unseen_d --count 32 --seed 4

Bills cycle through four layouts (``uk_dual_fuel``, ``fr_electricite``, ``pk_electricity``, ``mx_cfe_bimestral``),
none of them made by MiniMeter's generator or the scripts of sets A to C. Each ``<name>.pdf`` gets a
``<name>.truth.json`` in the flat realbills format (null where the bill does not print a field) with ``layout``
and ``notes``. MiniMeter must not be tuned on these bills: see ``eval/unseen_d/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_d_fr_pk import fr_electricite, pk_electricity  # noqa: E402
from unseen_d_uk_mx import mx_cfe_bimestral, uk_dual_fuel  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("uk_dual_fuel", uk_dual_fuel),
    ("fr_electricite", fr_electricite),
    ("pk_electricity", pk_electricity),
    ("mx_cfe_bimestral", mx_cfe_bimestral),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "d", 32, 4))
