"""Kinds of bill a template must read on the next month: a period printed as one range, an address printed
as parts, labels in other words at the same place, figures whose format only the rest of the bill shows,
and the bill's checks deciding between the template's reading and the generic one. Made-up bills drawn with
fpdf2, read by the real reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from fpdf import FPDF

from minimeter.readers.base import Document
from minimeter.readers.sandbox import read_document
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence
from minimeter.settings import Settings, load_settings
from minimeter.templates.apply import read
from minimeter.templates.fingerprint import similarity
from minimeter.templates.learn import learn
from minimeter.templates.merge import merge
from minimeter.templates.model import Template, dumps, loads
from minimeter.templates.page import numbers_in

Rows = list[tuple[float, float, str]]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = load_settings(tmp_path / "home", extractor="rules", use_templates=False)
    s.ensure_dirs()
    return s


def page(path: Path, rows: Rows, utility: str = "Brightwater Utilities Ltd") -> Path:
    """A one-page bill of a fictional utility: a fixed header and footer, then ``rows`` of (x, y, text)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(40, 50, utility)
    pdf.set_font("Helvetica", size=9)
    pdf.text(40, 64, "Customer service 0800 000 111  -  brightwater.example")
    for x, y, text in rows:
        pdf.text(x, y, text)
    pdf.text(40, 760, f"Thank you for paying on time. {utility}, 1 Mill Street, Riverton.")
    pdf.output(str(path))
    return path


def taught(settings: Settings, tmp_path: Path, rows: Rows, approved: BillNormalized) -> Template:
    """The template a reviewer teaches by approving ``approved`` (every value typed in by hand)."""
    doc = read_document(page(tmp_path / "first.pdf", rows), settings)
    t = learn(doc, approved, ExtractionResult(bill=BillNormalized(), extractor="rules"), sha256="first",
              human=set(approved.model_dump(exclude_none=True)))
    assert t is not None
    assert loads(dumps(t), "t.toml") == t  # the file keeps every anchor
    return t


def read_next(settings: Settings, tmp_path: Path, t: Template, rows: Rows) -> tuple[Document, dict[str, object]]:
    doc = read_document(page(tmp_path / "next.pdf", rows), settings)
    like = similarity(t.fingerprint, doc)
    assert like.matches, like
    reading = read(t, doc, like)
    return doc, {k: v for k, (v, _) in reading.values.items()}


HEADER: Rows = [(40, 120, "Account"), (200, 120, "ACC-20931"), (40, 140, "Invoice date")]


def test_a_period_printed_as_one_range_reads_its_end_after_its_start(settings: Settings, tmp_path: Path) -> None:
    """"Your bill  02/27/2031 - 03/28/2031" next month printed "March 29, 2031 to April 27, 2031": the end
    moved along the row; it is the date right after the start, wherever that ends."""
    first = [*HEADER, (200, 140, "03/30/2031"), (40, 170, "Your bill for"), (200, 170, "02/27/2031 - 03/28/2031")]
    t = taught(settings, tmp_path, first, BillNormalized(
        account_number="ACC-20931", statement_date=dt.date(2031, 3, 30),
        billing_period_start=dt.date(2031, 2, 27), billing_period_end=dt.date(2031, 3, 28)))
    end = t.fields["billing_period_end"]
    assert (end.relation, end.after, end.gap) == ("after", "billing_period_start", 0)
    assert t.cycle_days == 29

    _, got = read_next(settings, tmp_path, t, [*HEADER, (200, 140, "04/29/2031"), (40, 170, "Your bill for"),
                                               (200, 170, "March 29, 2031 to April 27, 2031")])
    assert (got["billing_period_start"], got["billing_period_end"]) == (dt.date(2031, 3, 29), dt.date(2031, 4, 27))


def test_a_range_over_two_rows_is_preferred_to_a_sentence(settings: Settings, tmp_path: Path) -> None:
    """"dal 01/11/2030" over "al 31/12/2030" is the period; a sentence elsewhere starting on the same day (an
    advance already billed for the first month) is not, though it names the start with a unique label."""
    def rows(start: str, end: str, advance_end: str) -> Rows:
        return [*HEADER, (200, 140, "02/01/2031"), (40, 200, "Gas"), (40, 214, f"dal {start}"), (40, 226, f"al {end}"),
                (40, 300, f"Di cui gia fatturati in acconto 41,80 Smc dal {start} al {advance_end} pari a 63,20")]

    t = taught(settings, tmp_path, rows("01/11/2030", "31/12/2030", "30/11/2030"), BillNormalized(
        account_number="ACC-20931", currency="EUR", statement_date=dt.date(2031, 1, 2),
        billing_period_start=dt.date(2030, 11, 1), billing_period_end=dt.date(2030, 12, 31)))
    start, end = t.fields["billing_period_start"], t.fields["billing_period_end"]
    assert start.label == "dal" and (end.relation, end.gap) == ("after", 1)
    assert t.cycle_days == 60  # a layout that bills every two months

    _, got = read_next(settings, tmp_path, t, rows("01/01/2031", "28/02/2031", "31/01/2031"))
    assert (got["billing_period_start"], got["billing_period_end"]) == (dt.date(2031, 1, 1), dt.date(2031, 2, 28))


def test_an_address_printed_as_parts_is_anchored_by_them(settings: Settings, tmp_path: Path) -> None:
    """Street on the "Physical Address" row, township two rows down under a stand number, and a city the
    reviewer typed that the block does not print: the printed parts are read, nothing is invented."""
    def rows(street: str, stand: str, town: str) -> Rows:
        return [*HEADER, (200, 140, "09/12/2030"), (300, 180, "Physical Address"), (400, 180, street),
                (300, 192, "Stand No./Portion"), (400, 192, stand), (300, 204, "Township"), (400, 204, town)]

    t = taught(settings, tmp_path, rows("12 OAK STREET", "00000123 - 00000", "GREEN PARK"), BillNormalized(
        account_number="ACC-20931", service_address="12 OAK STREET, GREEN PARK, Springfield"))
    address = t.fields["service_address"]
    assert (address.label, address.more_rows) == ("Physical Address", [2])

    _, got = read_next(settings, tmp_path, t, rows("9 ELM ROAD", "00000456 - 00000", "HILL VIEW EXT.2"))
    assert got["service_address"] == "9 ELM ROAD, HILL VIEW EXT.2"


def test_labels_in_other_words_where_the_learned_ones_were(settings: Settings, tmp_path: Path) -> None:
    """Next month the utility says "Bill issued" for "Invoice date" and "Amount you owe" for "Total to pay",
    printed where the learned labels were: the date is read there; the amount only confirms the generic
    reading (any figure could sit there), it never fills a gap."""
    first = [(40, 120, "Account"), (200, 120, "ACC-20931"), (40, 140, "Invoice date"), (200, 140, "03/04/2031"),
             (40, 160, "Total to pay"), (200, 160, "$123.45")]
    t = taught(settings, tmp_path, first, BillNormalized(account_number="ACC-20931",
                                                         statement_date=dt.date(2031, 3, 4),
                                                         total_amount_due=Decimal("123.45")))
    doc, got = read_next(settings, tmp_path, t, [(40, 120, "Account"), (200, 120, "ACC-20931"),
                                                 (40, 140, "Bill issued on"), (200, 140, "04/03/2031"),
                                                 (40, 160, "Amount you owe"), (200, 160, "$99.10")])
    assert got["statement_date"] == dt.date(2031, 4, 3)
    assert got["total_amount_due"] == Decimal("99.10")
    reading = read(t, doc, similarity(t.fingerprint, doc))
    assert "total_amount_due" in reading.confirm_only and "statement_date" not in reading.confirm_only

    def merged(total: str | None) -> ExtractionResult:
        bill = BillNormalized(account_number="ACC-20931", total_amount_due=Decimal(total) if total else None)
        ev = {"total_amount_due": FieldEvidence(value=total, confidence=0.9, source="rules")} if total else {}
        return merge(ExtractionResult(bill=bill, evidence=ev, extractor="rules"), reading, doc, settings).result

    assert merged(None).bill.total_amount_due is None  # not filled from where another figure could be
    agreed = merged("99.10")
    assert agreed.bill.total_amount_due == Decimal("99.10")
    assert agreed.evidence["total_amount_due"].source == "template"  # two readings: the checks count it


def test_ambiguous_figures_take_the_bill_s_number_format(settings: Settings, tmp_path: Path) -> None:
    """A bill that writes dates day first and money as 1,234.56 prints "945 kWh" one month and "1,062 kWh" the
    next: the anchor reads the format the bill's unambiguous figures show, not the date habit's."""
    def rows(kwh: str, money: str) -> Rows:
        return [*HEADER, (200, 140, "27/06/2031"), (40, 170, "Electricity used"), (300, 170, f"{kwh} kWh"),
                (40, 190, "Amount to pay"), (300, 190, money), (40, 210, "Standing charge"), (300, 210, "13.74")]

    t = taught(settings, tmp_path, rows("945", "£1,577.64"), BillNormalized(
        account_number="ACC-20931", currency="GBP", electricity_kwh=Decimal(945)))
    assert t.fields["electricity_kwh"].variant == "us"
    _, got = read_next(settings, tmp_path, t, rows("1,062", "£1,601.20"))
    assert got["electricity_kwh"] == Decimal(1062)


def test_a_minus_before_a_lettered_currency_is_a_credit() -> None:
    assert [v for v, _s, _e in numbers_in("Net to pay   -CHF 949.14", "us")] == [Decimal("-949.14")]
    assert [v for v, _s, _e in numbers_in("Total   CHF 10'705.92", "us")] == [Decimal("10705.92")]


# --- the bill's checks decide what is kept ------------------------------------------------------------
def summary_rows(total: str, current: str) -> Rows:
    return [*HEADER, (200, 140, "02/01/2031"), (40, 170, "Current charges"), (300, 170, current),
            (40, 190, "Total to pay"), (300, 190, total),
            (40, 260, "Cash and card payments at a shop carry a fee of 1.75 per payment.")]


def test_an_unsure_generic_value_is_left_out_when_the_template_adds_up(settings: Settings, tmp_path: Path) -> None:
    """The generic finder, unsure, reads a shop fee as the payments; with it the template's current charges
    would fail the balance. Without it they equal the total: the unsure value is left out, not the template's."""
    t = taught(settings, tmp_path, summary_rows("164.30", "164.30"), BillNormalized(
        account_number="ACC-20931", current_charges=Decimal("164.30"), total_amount_due=Decimal("164.30")))
    doc = read_document(page(tmp_path / "next.pdf", summary_rows("251.75", "251.75")), settings)
    generic = ExtractionResult(bill=BillNormalized(account_number="ACC-20931", total_amount_due=Decimal("251.75"),
                                                   payments=Decimal("1.75")),
                               evidence={"payments": FieldEvidence(value="1.75", confidence=0.6, source="rules"),
                                         "total_amount_due": FieldEvidence(value="251.75", confidence=0.99,
                                                                           source="rules")},
                               extractor="rules")
    m = merge(generic, read(t, doc, similarity(t.fingerprint, doc)), doc, settings)
    assert m.left_out == ["payments"] and m.rejected == []
    assert (m.result.bill.current_charges, m.result.bill.payments) == (Decimal("251.75"), None)
    assert not any(c.rule == "balance" and c.passed is False for c in m.result.checks)
    assert "left out the unsure generic payments" in m.note


def test_a_confident_generic_value_is_never_left_out(settings: Settings, tmp_path: Path) -> None:
    """The same, but the generic finder was sure of its payments: the template's current charges go back."""
    t = taught(settings, tmp_path, summary_rows("164.30", "164.30"), BillNormalized(
        account_number="ACC-20931", current_charges=Decimal("164.30"), total_amount_due=Decimal("164.30")))
    doc = read_document(page(tmp_path / "next.pdf", summary_rows("251.75", "251.75")), settings)
    generic = ExtractionResult(bill=BillNormalized(account_number="ACC-20931", total_amount_due=Decimal("251.75"),
                                                   payments=Decimal("1.75")),
                               evidence={"payments": FieldEvidence(value="1.75", confidence=0.95, source="rules")},
                               extractor="rules")
    m = merge(generic, read(t, doc, similarity(t.fingerprint, doc)), doc, settings)
    assert m.left_out == [] and m.rejected == ["current_charges"]
    assert m.result.bill.payments == Decimal("1.75") and m.result.bill.current_charges is None


def period_rows(start: str, end: str, statement: str) -> Rows:
    return [*HEADER, (200, 140, statement), (40, 170, "Billing period"), (200, 170, f"{start} to {end}")]


def generic_period(start: dt.date, end: dt.date, statement: dt.date, confidence: float) -> ExtractionResult:
    ev = {k: FieldEvidence(value=str(v), confidence=confidence, source="rules")
          for k, v in (("billing_period_start", start), ("billing_period_end", end))}
    return ExtractionResult(bill=BillNormalized(account_number="ACC-20931", statement_date=statement,
                                                billing_period_start=start, billing_period_end=end),
                            evidence=ev, extractor="rules")


def check(result: ExtractionResult, rule: str) -> bool | None:
    return next(c.passed for c in result.checks if c.rule == rule)


def test_the_checks_pick_between_two_readings(settings: Settings, tmp_path: Path) -> None:
    """The generic finder read the end of an advance already billed (one month of two); the template reads
    the two-month period where the reviewer approved it. The layout's cycle confirms the template's period
    and not the rival: the template's is kept and no person is asked."""
    t = taught(settings, tmp_path, period_rows("01/09/2030", "31/10/2030", "02/11/2030"), BillNormalized(
        account_number="ACC-20931", currency="EUR", statement_date=dt.date(2030, 11, 2),
        billing_period_start=dt.date(2030, 9, 1), billing_period_end=dt.date(2030, 10, 31)))
    doc = read_document(page(tmp_path / "next.pdf", period_rows("01/11/2030", "31/12/2030", "02/01/2031")),
                        settings)
    generic = generic_period(dt.date(2030, 11, 1), dt.date(2030, 11, 30), dt.date(2031, 1, 2), 0.85)
    m = merge(generic, read(t, doc, similarity(t.fingerprint, doc)), doc, settings)
    assert m.result.bill.billing_period_end == dt.date(2030, 12, 31)
    assert check(m.result, "period_confirmed") is True
    assert not any("[template]" in i for i in m.result.issues)  # the checks decided: no person needed


def test_an_unconfirmed_template_value_is_kept_not_taken_back(settings: Settings, tmp_path: Path) -> None:
    """A rule that fails because nothing confirms a value is no contradiction: the template's period stays
    (the bill waits for a person), and the generic value does not come back in its place."""
    t = taught(settings, tmp_path, period_rows("01/09/2030", "31/10/2030", "02/11/2030"), BillNormalized(
        account_number="ACC-20931", currency="EUR", statement_date=dt.date(2030, 11, 2),
        billing_period_start=dt.date(2030, 9, 1), billing_period_end=dt.date(2030, 10, 31)))
    # Issued long after the period ended: no rule confirms it, whichever reading is kept.
    doc = read_document(page(tmp_path / "next.pdf", period_rows("01/11/2030", "31/12/2030", "20/03/2031")),
                        settings)
    generic = generic_period(dt.date(2030, 11, 1), dt.date(2030, 11, 30), dt.date(2031, 3, 20), 0.6)
    m = merge(generic, read(t, doc, similarity(t.fingerprint, doc)), doc, settings)
    assert m.result.bill.billing_period_end == dt.date(2030, 12, 31) and m.rejected == []
    assert check(m.result, "period_confirmed") is False and m.result.status == "NEEDS_REVIEW"



def test_one_layout_of_several_utilities_keeps_each_bill_s_own_name(settings: Settings, tmp_path: Path) -> None:
    """A billing bureau prints one layout for several water boards: the approved bill's utility name is
    printed on it, the next bill prints another one, so the template does not name that bill's utility."""
    rows = [*HEADER, (200, 140, "03/04/2031"), (40, 170, "Total to pay"), (300, 170, "$88.20")]
    t = taught(settings, tmp_path, rows, BillNormalized(provider="Brightwater Utilities Ltd",
                                                        account_number="ACC-20931"))
    assert t.fields["provider"].printed
    for utility, kept in (("Brightwater Utilities Ltd", "Brightwater Utilities Ltd"), ("Greenvale Water Board", None)):
        doc = read_document(page(tmp_path / f"{utility[:5]}.pdf", rows, utility), settings)
        generic = ExtractionResult(bill=BillNormalized(account_number="ACC-20931"), extractor="rules")
        m = merge(generic, read(t, doc, similarity(t.fingerprint, doc)), doc, settings)
        assert m.result.bill.provider == kept, utility
