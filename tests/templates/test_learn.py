"""Anchoring: a corrected value is found where it is printed by its parsed value, and read again there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from fpdf import FPDF

from minimeter.readers.base import Document
from minimeter.readers.sandbox import read_document
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.settings import Settings, load_settings
from minimeter.templates.apply import read
from minimeter.templates.fingerprint import similarity
from minimeter.templates.learn import learn
from minimeter.templates.merge import merge
from minimeter.templates.model import dumps, loads


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = load_settings(tmp_path / "home", extractor="rules", use_templates=False)
    s.ensure_dirs()
    return s


def euro_bill(path: Path, total: str, date: str, contract: str) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(40, 50, "Energia Tramontana S.L.")
    pdf.set_font("Helvetica", size=9)
    for i, (label, value) in enumerate([("Contrato", contract), ("Fecha factura", date),
                                        ("Importe total a pagar", f"{total} EUR"), ("Forma de pago", "Domiciliado")]):
        pdf.text(40, 120 + 16 * i, label)
        pdf.text(300, 120 + 16 * i, value)
    pdf.text(40, 220, "Gracias por confiar en Energia Tramontana. Atencion al cliente 900 100 200.")
    pdf.output(str(path))
    return path


def test_corrected_value_is_anchored_by_its_parsed_value(settings: Settings, tmp_path: Path) -> None:
    doc = read_document(euro_bill(tmp_path / "a.pdf", "1.234,56", "03.04.2025", "71 0044 8261"), settings)
    approved = BillNormalized(provider="Energia Tramontana S.L.", currency="EUR", account_number="7100448261",
                              statement_date=dt.date(2025, 4, 3), total_amount_due=Decimal("1234.56"))
    machine = ExtractionResult(bill=BillNormalized(), extractor="rules")  # the extractor read nothing
    t = learn(doc, approved, machine, sha256="a", human=set(approved.model_dump(exclude_none=True)))
    assert t is not None
    total = t.fields["total_amount_due"]
    assert (total.fmt, total.label, total.relation, total.variant) == ("money", "Importe total a pagar", "right", "eu")
    date = t.fields["statement_date"]
    assert (date.label, date.variant) == ("Fecha factura", "DMY")  # 03.04.2025 is the 3rd of April
    assert t.fields["account_number"].label == "Contrato"
    assert t.fields["provider"].fmt == "const"
    assert loads(dumps(t), "t.toml") == t  # the file format keeps everything

    # Another month: the template reads the new values where the old ones were.
    doc2 = read_document(euro_bill(tmp_path / "b.pdf", "987,10", "02.05.2025", "71 0044 8261"), settings)
    like = similarity(t.fingerprint, doc2)
    assert like.matches, like
    reading = read(t, doc2, like)
    got = {k: v for k, (v, _) in reading.values.items()}
    assert got["total_amount_due"] == Decimal("987.10")
    assert got["statement_date"] == dt.date(2025, 5, 2)
    assert got["account_number"] == "71 0044 8261"
    ev = reading.values["total_amount_due"][1]
    assert ev.source == "template" and ev.span is not None and ev.span.layout
    assert doc2.pages[0].layout_text[ev.span.start:ev.span.end] == "987,10"


def test_a_value_not_printed_gets_no_anchor(settings: Settings, tmp_path: Path) -> None:
    doc = read_document(euro_bill(tmp_path / "a.pdf", "1.234,56", "03.04.2025", "7100448261"), settings)
    approved = BillNormalized(total_amount_due=Decimal("1234.56"), electricity_kwh=Decimal("5592"))
    t = learn(doc, approved, None)
    assert t is not None and "electricity_kwh" not in t.fields  # a sum the reviewer worked out is not invented


def test_template_value_failing_a_check_is_taken_back(settings: Settings, tmp_path: Path) -> None:
    """A template never overrides a value that fails a check; too many such fields set it aside."""
    doc = read_document(euro_bill(tmp_path / "a.pdf", "1.234,56", "03.04.2025", "7100448261"), settings)
    approved = BillNormalized(total_amount_due=Decimal("1234.56"), account_number="7100448261",
                              statement_date=dt.date(2025, 4, 3))
    t = learn(doc, approved, None)
    assert t is not None
    doc2: Document = read_document(euro_bill(tmp_path / "b.pdf", "99,00", "02.05.2025", "7100448261"), settings)
    generic = ExtractionResult(bill=BillNormalized(current_charges=Decimal("150.00"), account_number="7100448261",
                                                   statement_date=dt.date(2025, 5, 2)), extractor="rules")
    m = merge(generic, read(t, doc2, similarity(t.fingerprint, doc2)), doc2, settings)
    # 99,00 due against current charges of 150.00 and nothing carried over fails the balance: taken back.
    assert m.rejected == ["total_amount_due"] and not m.set_aside
    assert m.result.bill.total_amount_due is None
    assert "account_number" in m.used and "kept the generic value of total_amount_due" in m.note


def test_a_template_whose_fields_moved_is_set_aside_then_retired(settings: Settings, tmp_path: Path) -> None:
    """The same labels, the values no longer beside them (the utility rearranged its bill): the template is
    set aside for the bill (the generic result is kept, the note says why), and retired after three bills."""
    from minimeter.pipeline import extract_document, get_extractor
    from minimeter.templates import book_for
    from minimeter.templates.fingerprint import Likeness
    from tests.templates.bills import Facts, draw, other

    doc = read_document(draw(tmp_path / "a.pdf", Facts()), settings)
    generic = extract_document(doc, settings, get_extractor(settings, "rules"), templates=False)
    t = learn(doc, generic.bill, generic, sha256="a")
    assert t is not None
    book = book_for(settings)
    book.save(t)
    moved = read_document(draw(tmp_path / "b.pdf", other(1), layout="summary"), settings)
    later = extract_document(moved, settings, get_extractor(settings, "rules"), templates=False)
    m = merge(later, read(t, moved, Likeness(words=1.0, boxes=1.0, pages={1: 1})), moved, settings)
    assert m.set_aside and m.result is later
    assert "set aside" in m.note and "not where it expects them" in m.note
    for _ in range(3):
        t = book.record_read(t, set_aside=True, note=m.note)
    assert not t.active and "retired" in t.note
    assert book.match(doc).template is None  # a retired template is not applied any more
