from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from minimeter.extract import base as extractors
from minimeter.extract.base import ExtractionContext
from minimeter.extract.candidates import Candidate
from minimeter.extract.rules import extract_rules
from minimeter.extract.select import choose_money
from minimeter.readers.base import Document, Page
from minimeter.readers.sandbox import read_document
from minimeter.settings import load_settings
from tests.helpers import make_pdf, page_doc

# An unknown utility (no profile), with the distractors real bills print.
UNKNOWN_BILL = [
    "Northwind Municipal Power",
    "Member Number: 553311",
    "Account Number: 7781-22-9910",
    "Statement Date: 03/02/2024",
    "Next Read Date: 03/29/2024",
    "Service Period: 01/30/2024 - 02/28/2024",
    "Meter Number Previous Read Present Read Multiplier Usage",
    "M-44120 20451 21706 1 1,255 kWh",
    "Last Year Same Month 1,337 kWh",
    "Previous Balance $201.00",
    "Payment Received - Thank You -$201.00",
    "Current Charges $170.00",
    "Total Amount Due $170.00",
    "Automatic payment will draft on 03/25/2024",
    "Due Date: 03/22/2024",
]


def _doc(lines: list[str]) -> Document:
    text = "\n".join(lines)
    return Document(pages=[Page(number=1, text=text)], page_count=1)


def test_unknown_utility_bill_is_read_and_distractors_lose() -> None:
    out = extract_rules(_doc(UNKNOWN_BILL))
    b = out.bill
    assert out.profile is None
    assert b.account_number == "7781-22-9910"  # not the member number
    assert b.statement_date == dt.date(2024, 3, 2)
    assert b.due_date == dt.date(2024, 3, 22)  # not the draft date, not the next read date
    assert (b.billing_period_start, b.billing_period_end) == (dt.date(2024, 1, 30), dt.date(2024, 2, 28))
    assert b.electricity_kwh == Decimal("1255")  # not last year's 1,337
    assert b.total_amount_due == Decimal("170.00")
    assert b.previous_balance == Decimal("201.00") and b.payments == Decimal("201.00")
    assert b.currency == "USD"
    assert b.meters and b.meters[0].prior_read == Decimal("20451") and b.meters[0].present_read == Decimal("21706")
    assert b.provider and "Northwind" in b.provider


def test_every_candidate_span_is_the_source_text() -> None:
    doc = _doc(UNKNOWN_BILL)
    out = extract_rules(doc)
    views = {(v.page, v.layout): v.text for v in out.finder.views}
    n = 0
    for cands in out.candidates.values():
        for c in cands:
            assert views[(c.page, c.layout)][c.start:c.end] == c.raw
            n += 1
    assert n > 10
    for name, ev in out.evidence.items():
        if ev.span is not None:
            assert doc.pages[ev.span.page - 1].text[ev.span.start:ev.span.end] == ev.span.text, name


def _c(field: str, value: str, score: float) -> Candidate:
    # Each candidate on its own printed place (the solver gives no credit to two roles on one figure).
    _c.at += 20  # type: ignore[attr-defined]
    return Candidate(field, Decimal(value), value, 1, _c.at, _c.at + len(value), False, score, "x")


_c.at = 0  # type: ignore[attr-defined]


def test_arithmetic_beats_a_higher_scored_distractor() -> None:
    # The late-payment amount (215.00) is labelled strongly, but only 170.00 makes the balance hold.
    by_field = {
        "total_amount_due": [_c("total_amount_due", "215.00", 1.0), _c("total_amount_due", "170.00", 0.8)],
        "current_charges": [_c("current_charges", "170.00", 0.9)],
        "previous_balance": [_c("previous_balance", "201.00", 1.0)],
        "payments": [_c("payments", "-201.00", 1.0)],
    }
    chosen = choose_money(by_field)
    assert chosen["total_amount_due"].value == Decimal("170.00")
    assert chosen["total_amount_due"].confidence >= 0.95
    assert "previous - payments + current" in chosen["total_amount_due"].note
    assert chosen["payments"].value == Decimal("201.00")


def test_meter_reads_pick_this_months_usage_over_history() -> None:
    lines = [
        "Usage history: 1,541 kWh last month",
        "Total Energy Use 1,541 kWh",
        "Meter 24071 Prior Reading 20451 Present Reading 21706",
        "Energy used 1,255 kWh",
        "Total Amount Due $170.00",
    ]
    out = extract_rules(_doc(lines))
    assert out.bill.electricity_kwh == Decimal("1255")
    assert "reads" in (out.evidence["electricity_kwh"].note or "")


def test_swiss_and_european_bills() -> None:
    ch = _doc(["Services Industriels de Genève", "N° du compte 417290663", "Total Eau 390.13",
               "Montant prélevé de votre compte arrondi à 2'362.65", "période du 28.09.2024 au 18.02.2025"])
    out = extract_rules(ch)
    assert out.profile is not None and out.profile.id == "sig"
    assert out.bill.total_amount_due == Decimal("2362.65")
    assert out.bill.currency == "CHF"
    assert out.bill.billing_period_start == dt.date(2024, 9, 28)
    de = _doc(["Stadtwerke Beispielstadt GmbH", "Kundennummer 4411223344", "Rechnungsdatum 31.03.2024",
               "Zahlbetrag 1.586,40 EUR", "Fälligkeitsdatum: 14.04.2024"])
    out = extract_rules(de)
    assert out.bill.total_amount_due == Decimal("1586.40")
    assert out.bill.account_number == "4411223344"
    assert out.bill.due_date == dt.date(2024, 4, 14)
    assert out.bill.currency == "EUR"


def test_rules_and_local_extractors_through_the_registry(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "home")
    pdf = make_pdf(tmp_path / "bill.pdf", UNKNOWN_BILL)
    doc = read_document(pdf, settings)
    assert set(extractors.available()) >= {"rules", "local"}
    rules = extractors.create("rules", settings)
    res = rules.extract(doc, ExtractionContext())
    assert res.extractor == "rules" and res.bill.total_amount_due == Decimal("170.00")
    assert rules.cache_identity()["rules"]
    local = extractors.create("local", settings)
    res2 = local.extract(doc, ExtractionContext())
    # With or without a model, the rules' answer for a clear bill stands.
    assert res2.bill.total_amount_due == Decimal("170.00")
    ident = local.cache_identity()
    assert "rules" in ident


REALBILLS = Path(__file__).resolve().parents[2] / ".." / "shared" / "realbills"


@pytest.mark.skipif(not REALBILLS.is_dir(), reason="../shared/realbills not present")
def test_real_bill_traps() -> None:
    from minimeter.readers.base import ReadOptions
    from minimeter.readers.pdf import read_pdf

    mvea = extract_rules(read_pdf(REALBILLS / "landingai_electric1.pdf", ReadOptions()))
    assert mvea.bill.electricity_kwh == Decimal("1255")  # the text layer prints 1337 (last year) first
    assert mvea.bill.account_number == "61358805"  # not the member number
    coned = extract_rules(read_pdf(REALBILLS / "landingai_electric3.pdf", ReadOptions()))
    assert coned.bill.due_date == dt.date(2023, 4, 7)  # the Direct Pay date; not the next billing date


def test_customer_name_from_the_mailing_block_not_the_utility() -> None:
    lines = [
        "Riverbend Electric Cooperative",
        "PO Box 1702",
        "Riverbend, OR 97000",
        "Statement Date: 03/02/2024",
        "Harbor Print Works",
        "PO BOX 7284",
        "TRENTON NJ 08686",
        "Usage History (kWh)",
        "Sep 23",
        "Total Amount Due $12.00",
    ]
    out = extract_rules(_doc(lines))
    assert out.bill.customer_name == "Harbor Print Works"
    ev = out.evidence["customer_name"]
    assert ev.span is not None and lines[4] == ev.span.text


@pytest.mark.parametrize("street", ["Flat 4C, 9/F, Maple Court, Eastbank", "G/F, 41 Orchard Lane, Westbay",
                                    "Room 310, Tower 1, Quayside Centre, Northgate"])
def test_an_address_opened_by_its_premises_and_no_phone_line_for_a_street(street: str) -> None:
    """A letterhead's phone line ends in figures as a street does ("hotline 2222 3333": a "postcode" too);
    the addressee's address has no postcode and opens with a flat, room or floor instead of a house number."""
    lines = [
        "Northgate Light & Power Co. Ltd",
        "Customer hotline 2222 3333  |  Emergency hotline 2444 5555",
        "",
        "PAN YI LING                                        Account no.   1200 340 560",
        f"{street}                                           Bill date     05 Mar 2031",
        "Amount due   HK$410.00",
    ]
    out = extract_rules(page_doc(lines))
    assert out.bill.service_address == street
    assert out.bill.customer_name == "PAN YI LING"


def test_yearless_numeric_period_is_anchored_on_the_statement_date() -> None:
    out = extract_rules(_doc(["Your electricity bill  12/19 to 1/18", "Statement Date: 01/21/24",
                              "Total Amount Due $12.00"]))
    assert out.bill.billing_period_start == dt.date(2023, 12, 19)
    assert out.bill.billing_period_end == dt.date(2024, 1, 18)
