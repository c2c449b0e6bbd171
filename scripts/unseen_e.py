"""Write set E of unseen-layout bills (a tuning set), each with a truth file.

    python scripts/unseen_e.py --out eval/unseen_e --count 32 --seed 5

Bills cycle through four layouts (``us_tx_retail``, ``ch_strom``, ``ph_electric``, ``ae_dewa_bilingual``), none of
them made by MiniMeter's generator or an earlier unseen set's script. Each ``<name>.pdf`` gets a
``<name>.truth.json`` in the flat realbills format (null where the bill does not print a field) with ``layout`` and
``notes``. The Philippine and UAE bills embed the DejaVu Sans subset in ``scripts/fonts`` (peso sign, Arabic). See
``eval/unseen_e/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from unseen_e_ph_ae import philippine_electric, uae_bilingual  # noqa: E402
from unseen_e_tx_ch import swiss_electricity, texas_retail  # noqa: E402
from unseen_sets import Layout, main  # noqa: E402

LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("us_tx_retail", texas_retail),
    ("ch_strom", swiss_electricity),
    ("ph_electric", philippine_electric),
    ("ae_dewa_bilingual", uae_bilingual),
)

if __name__ == "__main__":
    raise SystemExit(main(None, __doc__ or "", LAYOUTS, "e", 32, 5))
