"""Many distinct, real, tiny bill PDFs made fast: one uncompressed template, one number patched per copy.

Each copy differs only in the 10-digit account number (same length, so the PDF's cross-reference
offsets stay right), which makes every file's sha256 distinct and lets a test check that each
job's bill carries its own file's number (no result landed on the wrong job).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from minimeter.intake.archive import archive_path

PLACEHOLDER = "7777700000"


@dataclass(frozen=True)
class Original:
    sha256: str
    path: Path
    size: int
    account: str
    tenant: str


def template() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").UTC))
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in ("Example Power & Light", f"Account Number: {PLACEHOLDER}",
                 "Billing period: 01/05/2024 - 02/04/2024", "Energy used: 512 kWh", "Total Amount Due: $123.45"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    assert data.count(PLACEHOLDER.encode()) == 1
    return data


def make_originals(archive_dir: Path, n: int, tenant_of: dict[int, str] | None = None,
                   start: int = 0) -> list[Original]:
    """``n`` archived originals under ``archive_dir`` (the content-addressed layout)."""
    base = template()
    out = []
    for i in range(start, start + n):
        account = f"{8_000_000_000 + i:010d}"
        data = base.replace(PLACEHOLDER.encode(), account.encode())
        sha = "sha256:" + hashlib.sha256(data).hexdigest()
        path = archive_path(archive_dir, sha, "pdf")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.append(Original(sha, path, len(data), account, (tenant_of or {}).get(i, "")))
    return out


def enqueue_all(store, originals: list[Original]) -> dict[int, Original]:  # type: ignore[no-untyped-def]
    """Enqueue through the store API; returns job id -> original."""
    jobs = {}
    for o in originals:
        job, created = store.enqueue(o.sha256, f"bill-{o.account}.pdf", o.size, str(o.path), "pdf",
                                     tenant=o.tenant or None)
        assert created
        jobs[job.id] = o
    return jobs
