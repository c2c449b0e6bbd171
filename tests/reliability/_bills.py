"""Fast, real PDF bills for the reliability tests (raw PDF bytes, a real text layer)."""

from __future__ import annotations

from pathlib import Path

from scripts.hostile_corpus import simple_pdf


def _esc(s: str) -> bytes:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, one line each)."""
    ops = [b"BT /F1 11 Tf 72 740 Td 14 TL"]
    ops += [b"(" + _esc(line) + b") Tj T*" for line in lines]
    ops.append(b"ET")
    return simple_pdf(b"\n".join(ops))


def bill_text(i: int, account: str = "1234567890") -> list[str]:
    return [
        "Example Power & Light",
        f"Account Number: {account}",
        "Billing period: 01/05/2024 - 02/04/2024",
        f"Energy used: {100 + i} kWh",
        f"Total Amount Due: ${i // 100}.{i % 100:02d}",
    ]


def write_bill(path: Path, i: int, account: str = "1234567890") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text_pdf(bill_text(i, account)))
    return path
