"""Small builders shared by tests: real PDFs made with fpdf2, a fake extractor for the registry."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from minimeter.extract.base import ExtractionContext
from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, LineItem, Meter


def page_doc(lines: list[str]) -> Document:
    """A one-page document of made-up ``lines``, the same text as its plain and its layout text (what the
    finder sees of a page whose rows the text layer keeps in order)."""
    text = "\n".join(lines)
    return Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)


def make_pdf(path: Path, lines: list[str], *, pages: int = 1) -> Path:
    """A real text-layer PDF with ``lines`` on each page (deterministic bytes)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").UTC))
    pdf.set_font("Helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def bill_lines(total: str = "123.45", account: str = "1234567890") -> list[str]:
    """A bill validation can corroborate: a printed day count, two charges adding up to the total,
    meter reads that give the usage and an address naming the currency's country (SUCCEEDED needs all four,
    whichever extractor reads it)."""
    amount = Decimal(total.replace(",", ""))
    energy = (amount / 2).quantize(Decimal("0.01"))
    return [
        "Example Power & Light",
        f"Account Number: {account}",
        "Billing period: 01/05/2024 - 02/04/2024 (30 days)",
        f"Total Amount Due: ${total}",
        "Energy used: 512 kWh",
        # (below the lines the OCR tests read back from a small picture of the page)
        "Meter reads: prior 20451 present 20963",
        f"Energy charge: ${energy:,.2f}",
        f"Delivery charge: ${amount - energy:,.2f}",
        # (a state and ZIP: what tells this "$" is the US dollar, so the currency is confirmed too)
        "Service address: 12 Elm St, Springfield, IL 62704",
    ]


class FakeExtractor:
    """A real (if tiny) extractor: regexes over the document text. Registered as ``fake``."""

    name = "fake"
    calls = 0

    def __init__(self, settings: object = None) -> None:
        pass

    def cache_identity(self) -> dict[str, str | None]:
        return {"version": "1"}

    def extract(self, doc: Document, ctx: ExtractionContext) -> ExtractionResult:
        FakeExtractor.calls += 1
        text = doc.text
        if "CRASH-THE-EXTRACTOR" in text:
            raise RuntimeError("planted crash")
        bill = BillNormalized()
        evidence = {}
        if m := re.search(r"Total Amount Due: \$([\d,.]+)", text):
            bill.total_amount_due = Decimal(m.group(1).replace(",", ""))
            evidence["total_amount_due"] = FieldEvidence(value=m.group(1), confidence=0.95, source="rules")
        if m := re.search(r"Account Number: (\d+)", text):
            bill.account_number = m.group(1)
            evidence["account_number"] = FieldEvidence(value=m.group(1), confidence=0.95, source="rules")
        if m := re.search(r"(\d\d)/(\d\d)/(\d{4}) - (\d\d)/(\d\d)/(\d{4})", text):
            import datetime as dt

            bill.billing_period_start = dt.date(int(m[3]), int(m[1]), int(m[2]))
            bill.billing_period_end = dt.date(int(m[6]), int(m[4]), int(m[5]))
            for field, raw in (("billing_period_start", m.group(0).split(" - ")[0]),
                               ("billing_period_end", m.group(0).split(" - ")[1])):
                evidence[field] = FieldEvidence(value=raw, confidence=0.95, source="rules")
        reads = re.search(r"Meter reads: prior (\d+) present (\d+)", text)
        if reads and (u := re.search(r"Energy used: (\d+) kWh", text)):
            bill.electricity_kwh = Decimal(u.group(1))
            evidence["electricity_kwh"] = FieldEvidence(value=u.group(1), confidence=0.95, source="rules")
            bill.meters = [Meter(prior_read=Decimal(reads[1]), present_read=Decimal(reads[2]), usage=Decimal(u[1]),
                                 commodity="electricity")]
        bill.line_items = [LineItem(description=f"{m[1]} charge", amount=Decimal(m[2].replace(",", "")))
                           for m in re.finditer(r"(\w+) charge: \$([\d,.]+)", text)]
        return ExtractionResult(bill=bill, evidence=evidence, extractor=self.name)
