"""Is a value in the bill's text? Used by the ``grounded`` rule.

Rules-sourced values were read from the text (their span proves it) and human edits are trusted;
anything else (a model's answer) is looked up again in the document after normalisation: dates
in any printed format, amounts in the bill's number format, identifiers ignoring spaces and dashes,
quantities as printed numbers. An evidence entry that already says ``grounded=False`` counts too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract import parse

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized, ExtractionResult

CHECKED = ("total_amount_due", "current_charges", "previous_balance", "payments", "statement_date", "due_date",
           "billing_period_start", "billing_period_end", "account_number", "meter_number", "electricity_kwh",
           "gas_usage", "gas_therms", "water_usage", "demand_kw")
TRUSTED = ("rules", "human", "derived", "profile", "template")


def _in_text(fname: str, value: object, text: str, compact: str) -> bool:
    if fname.endswith("_date") or fname.startswith("billing_period"):
        return any(m.value == value for order in ("MDY", "DMY") for m in parse.find_dates(text, order))
    if fname in ("account_number", "meter_number"):
        norm = re.sub(r"[\s\-./]", "", str(value)).upper()
        return bool(norm) and norm in compact
    if isinstance(value, Decimal):
        target = abs(value)
        for fmt in ("us", "eu"):
            for m in parse.find_money(text, fmt, need_decimals=False):
                if abs(m.value) == target:  # type: ignore[arg-type]
                    return True
        return False
    return True


def ungrounded_fields(bill: BillNormalized, result: ExtractionResult | None, doc: Document | None) -> list[str]:
    bad: list[str] = []
    text = doc.text if doc is not None else ""
    compact = re.sub(r"[\s\-./]", "", text).upper()
    for f in CHECKED:
        v = getattr(bill, f)
        if v is None:
            continue
        ev = result.evidence.get(f) if result is not None else None
        if ev is not None and not ev.grounded:
            bad.append(f)
            continue
        if ev is not None and ev.source in TRUSTED:
            continue
        if doc is not None and not _in_text(f, v, text, compact):
            bad.append(f)
    return bad
