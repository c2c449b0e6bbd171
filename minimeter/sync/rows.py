"""A bill version as flat rows (bills, meters, line items): the shape every table target writes.

Column lists here are the one description of the remote tables; ``postgres.py`` and
``bigquery.py`` map the kinds (``text``, ``numeric``, ``date``...) to their own types.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from decimal import Decimal
from typing import Any

from minimeter.schema import DATE_FIELDS, MONEY_FIELDS, QUANTITY_FIELDS, BillNormalized
from minimeter.sync.base import SyncItem

Kind = str  # "text" | "numeric" | "date" | "int" | "float" | "json" | "timestamp"


def _scalar_kind(name: str) -> Kind:
    if name in DATE_FIELDS:
        return "date"
    if name in MONEY_FIELDS or name in QUANTITY_FIELDS:
        return "numeric"
    return "text"


BILL_COLUMNS: list[tuple[str, Kind]] = [
    ("job_sha256", "text"),
    ("version", "int"),
    ("outbox_seq", "int"),
    ("local_job_id", "int"),
    ("local_bill_id", "int"),
    ("origin", "text"),
    ("original_name", "text"),
    ("source", "text"),
    ("status", "text"),
    ("reviewer", "text"),
    ("extractor", "text"),
    ("model_sha256", "text"),
    ("confidence", "float"),
    *[(n, _scalar_kind(n)) for n in BillNormalized.scalar_fields()],
    ("issues", "json"),
    ("data", "json"),
    ("bill_created_at", "timestamp"),
]

METER_COLUMNS: list[tuple[str, Kind]] = [
    ("job_sha256", "text"),
    ("idx", "int"),
    ("version", "int"),
    ("number", "text"),
    ("commodity", "text"),
    ("prior_read", "numeric"),
    ("present_read", "numeric"),
    ("multiplier", "numeric"),
    ("usage", "numeric"),
    ("unit", "text"),
]

LINE_ITEM_COLUMNS: list[tuple[str, Kind]] = [
    ("job_sha256", "text"),
    ("idx", "int"),
    ("version", "int"),
    ("description", "text"),
    ("amount", "numeric"),
    ("category", "text"),
    ("quantity", "numeric"),
    ("unit", "text"),
    ("rate", "numeric"),
]

TABLES: dict[str, list[tuple[str, Kind]]] = {
    "bills": BILL_COLUMNS,
    "meters": METER_COLUMNS,
    "line_items": LINE_ITEM_COLUMNS,
}
KEYS: dict[str, tuple[str, ...]] = {
    "bills": ("job_sha256",),
    "meters": ("job_sha256", "idx"),
    "line_items": ("job_sha256", "idx"),
}

_ORIGIN = socket.gethostname()[:120]


def _value(v: Any) -> Any:
    # Enums (commodity, category) travel as their plain string value.
    if hasattr(v, "value") and not isinstance(v, (Decimal, dt.date)):
        return v.value
    return v


def _timestamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def bill_row(item: SyncItem) -> dict[str, Any]:
    """The ``bills`` row of one version. Values are Python objects (Decimal, date, str...)."""
    bv = item.bill
    result = bv.result
    bill = result.bill
    confidences = [e.confidence for e in result.evidence.values()]
    row: dict[str, Any] = {
        "job_sha256": item.key,
        "version": bv.version,
        "outbox_seq": item.seq,
        "local_job_id": item.job.id,
        "local_bill_id": bv.id,
        "origin": _ORIGIN,
        "original_name": item.job.original_name,
        "source": bv.source,
        "status": bv.status,
        "reviewer": bv.reviewer,
        "extractor": result.extractor,
        "model_sha256": result.model_sha256,
        "confidence": min(confidences) if confidences else None,
        "issues": json.dumps(result.issues, ensure_ascii=False),
        "data": bill.model_dump_json(),
        "bill_created_at": _timestamp(bv.created_at),
    }
    for name in BillNormalized.scalar_fields():
        row[name] = _value(getattr(bill, name))
    return row


def meter_rows(item: SyncItem) -> list[dict[str, Any]]:
    out = []
    for i, m in enumerate(item.bill.result.bill.meters):
        row = {"job_sha256": item.key, "idx": i, "version": item.bill.version}
        row.update({k: _value(getattr(m, k)) for k, _ in METER_COLUMNS[3:]})
        out.append(row)
    return out


def line_item_rows(item: SyncItem) -> list[dict[str, Any]]:
    out = []
    for i, li in enumerate(item.bill.result.bill.line_items):
        row = {"job_sha256": item.key, "idx": i, "version": item.bill.version}
        row.update({k: _value(getattr(li, k)) for k, _ in LINE_ITEM_COLUMNS[3:]})
        out.append(row)
    return out


def table_rows(items: list[SyncItem]) -> dict[str, list[dict[str, Any]]]:
    """All rows of a batch, by table."""
    return {
        "bills": [bill_row(i) for i in items],
        "meters": [r for i in items for r in meter_rows(i)],
        "line_items": [r for i in items for r in line_item_rows(i)],
    }
