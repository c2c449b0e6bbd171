"""The rules extractor as ordered steps over a typed state; no clock, no state kept between calls."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.candidates import Finder
from minimeter.extract.rules import extract_rules
from minimeter.extract.steps import STEPS
from tests.helpers import page_doc


def test_steps_run_in_pipeline_order_and_are_timed() -> None:
    names = [n for n, _ in STEPS]
    assert names.index("money") < names.index("blocks") < names.index("solve") < names.index("dates")
    out = extract_rules(page_doc(["Total Amount Due $12.00"]))
    assert out.timings["rules"] >= 0


def test_yearless_period_takes_its_year_from_the_bill_not_the_clock() -> None:
    doc = page_doc(["Statement Date: 01/15/2019", "For Service: 12/10 through 1/10", "Total Amount Due $12.00"])
    out = extract_rules(doc)
    assert out.bill.billing_period_start == dt.date(2018, 12, 10)
    assert out.bill.billing_period_end == dt.date(2019, 1, 10)
    assert out.finder.ref == dt.date(2019, 1, 15)


def test_anchoring_returns_a_new_finder() -> None:
    finder = Finder(page_doc(["Total Amount Due $12.00"]), None)
    other = finder.anchored(dt.date(2020, 5, 1))
    assert finder.ref is None and other.ref == dt.date(2020, 5, 1)


def test_a_threshold_in_the_terms_is_not_the_bills_demand() -> None:
    doc = page_doc(["Total Amount Due $12.00",
                "Customers with an available power >= 55 kW are billed on the monthly price set by the regulator"])
    assert extract_rules(doc).bill.demand_kw is None
    doc = page_doc(["Total Amount Due $12.00", "Registered peak 55 kW"])
    assert extract_rules(doc).bill.demand_kw == Decimal("55")


def test_extracted_values_carry_their_box_on_the_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from minimeter.pipeline import extract_file
    from minimeter.settings import load_settings
    from tests.helpers import bill_lines, make_pdf

    pdf = make_pdf(tmp_path / "a.pdf", bill_lines(total="42.00"))
    doc, result = extract_file(pdf, load_settings(tmp_path / "home", extractor="rules"))
    ev = result.evidence["total_amount_due"]
    assert ev.span is not None and ev.span.box is not None
    x0, top, x1, bottom = ev.span.box
    page = doc.pages[ev.span.page - 1]
    assert page.width and 0 <= x0 < x1 <= page.width and page.height and 0 <= top < bottom <= page.height


def test_charges_that_make_up_the_amount_due_are_the_current_charges() -> None:
    # No balance carried: the charge lines add up to the amount due, so that is what this period charges.
    lines = ["Example Energía", "Importe total: 90,00 €", "Energía consumida         60,00 €",
             "Término fijo              20,00 €", "IVA (25 %)                10,00 €",
             "TOTAL                     90,00 €"]
    out = extract_rules(page_doc(lines))
    assert out.bill.total_amount_due == Decimal("90.00")
    assert out.bill.current_charges == Decimal("90.00")


def test_a_line_added_after_the_bills_own_total_is_no_charge() -> None:
    # "Unpaid earlier bills" under a label the vocabulary does not know, added after the printed bill total:
    # the items still add up to the amount due, but the charges of this period do not.
    lines = ["Example Acqua", "Totale da pagare 190,00 €", "Quota fissa              20,00",
             "Acquedotto                60,00", "IVA 10%                   10,00", "Totale bolletta           90,00",
             "Bollette arretrate        100,00", "Totale da pagare          190,00"]
    out = extract_rules(page_doc(lines))
    assert out.bill.total_amount_due == Decimal("190.00")
    assert out.bill.current_charges != Decimal("190.00")


def test_a_totals_row_across_columns_is_read_at_its_total_column() -> None:
    # "Total Current Charges" under DELIVERY / SUPPLY / OTHER / TOTAL: the last amount is the others' sum.
    lines = ["Example Gas", "Previous Balance                 30.00", "Payment Received               - 30.00",
             "                               DELIVERY     SUPPLY    OTHER        TOTAL",
             "Total Current Charges          $ 21.40     $ 3.10    -$ 0.50     $ 24.00",
             "Amount Due                     $ 24.00"]
    out = extract_rules(page_doc(lines))
    assert out.bill.current_charges == Decimal("24.00")
    assert out.bill.total_amount_due == Decimal("24.00")


def test_a_weak_one_word_label_in_running_text_is_no_label() -> None:
    prose = ["Esempio Energia", "Totale da pagare: 80,00 €",
             "La commissione per i pagamenti in contanti è di 4,20 euro."]
    assert extract_rules(page_doc(prose)).bill.payments is None
    caption = ["Esempio Energia", "Saldo precedente      50,00", "Pagamenti            -50,00",
               "Totale da pagare:     80,00"]
    assert extract_rules(page_doc(caption)).bill.payments == Decimal("50.00")
def test_a_payment_barcode_below_the_meter_reads_is_no_usage_and_no_crash() -> None:
    out = extract_rules(page_doc([
        "Contador   Lectura anterior   Lectura actual   Consumo (m3)",
        "55501234        1200               1234              34",
        "Importe total de la factura   52,10 €",
        "",
        " 12345678901234567890123456789012",
    ]))
    assert out.abandoned == []
    assert out.bill.water_usage in (None, Decimal(34))


def test_a_step_that_cannot_compute_is_abandoned_and_named(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import minimeter.extract.rules as rules

    def overflow(st: object) -> None:
        raise ArithmeticError("made-up overflow")

    monkeypatch.setattr(rules, "STEPS", [*STEPS[:1], ("usage", overflow), *STEPS[1:]])
    out = rules.extract_rules(page_doc(["Statement Date: 01/15/2019", "Total Amount Due $12.00"]))
    assert out.bill.total_amount_due == Decimal("12.00")  # the other steps still ran
    assert out.abandoned == ["the usage step could not compute on a figure it read (ArithmeticError)"]
