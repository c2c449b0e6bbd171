"""Write set B of unseen-layout bills (for tuning), each with a truth file.

    python scripts/unseen_b.py --out eval/unseen_b --count 32 --seed 2

Bills cycle through four layouts (``au_energy``, ``br_fatura``, ``es_agua``, ``qc_electricite``), none of them
made by MiniMeter's generator or by ``unseen_layouts.py``. Each ``<name>.pdf`` gets a ``<name>.truth.json`` in
the flat realbills format (null where the bill does not print a field) with ``layout`` and ``notes``. The
renderer (``unseen_kit.py``) is independent of ``minimeter.samples``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_b_au_qc import australian_energy, quebec_electricity  # noqa: E402
from unseen_b_br_es import brazilian_energy, spanish_water  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("au_energy", australian_energy),
    ("br_fatura", brazilian_energy),
    ("es_agua", spanish_water),
    ("qc_electricite", quebec_electricity),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "b", 32, 2))
