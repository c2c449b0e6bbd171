"""Registers and conversions of kinds seen on real bills: reads flagged (A) / (E), rates in pence, Economy 7
(Day + Night, no total printed), a gas volume converted to kWh by a printed formula."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.candidates import Finder
from minimeter.extract.chargelines import read_row
from minimeter.extract.conversions import formulas
from minimeter.extract.rules import extract_rules
from minimeter.schema import ExtractionResult
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.helpers import page_doc

HEAD = ["Example Energy Ltd", "Bill date 06/11/2023", "Bill period 02/08/2023 to 01/11/2023",
        "Your account balance   £388.01", "Electricity charges (incl. VAT)   £388.01"]
READS = ["Register      Previous reading      Latest reading      Units used (kWh)",
         "Day           36351 (A)             37299 (E)           948",
         "Night         46659 (A)             47217 (E)           558"]
CHARGES = ["Standing charge 92 days x 55.48p per day            51.04",
           "Day units 948 kWh x 26.830p per kWh                254.35",
           "Night units 558 kWh x 14.670p per kWh               81.86"]


def _validated(lines: list[str]) -> ExtractionResult:
    doc = page_doc(lines)
    out = extract_rules(doc)
    res = ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules")
    return finalize(res, doc, Settings())


def _usage_check(res: ExtractionResult) -> tuple[bool | None, str]:
    c = next(c for c in res.checks if c.rule == "usage_confirmed")
    return c.passed, c.message


def test_reads_flagged_actual_or_estimated_are_a_meters_reads() -> None:
    lines = [*HEAD, READS[0], "Single rate   44530 (A)    45229 (E)    699"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh == Decimal("699")
    assert [(m.prior_read, m.present_read) for m in out.bill.meters] == [(Decimal("44530"), Decimal("45229"))]


def test_a_read_followed_by_its_kind_in_a_bracketed_word_is_a_read() -> None:
    lines = ["Ejemplo Suministradora", "Total a pagar   $1,445.43", "Lecturas",
             "Medidor   Lectura actual       Lectura anterior    Total periodo (kWh)   Días",
             "13CV65    49682 (estimada)     49180               502                   61"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh == Decimal("502")
    assert [(m.prior_read, m.present_read) for m in out.bill.meters] == [(Decimal("49180"), Decimal("49682"))]


def test_a_rate_in_pence_is_a_charge_lines_rate() -> None:
    doc = page_doc(CHARGES)
    finder = Finder(doc, None)
    view = next(v for v in finder.views if v.layout)
    got = [(c.description, c.quantity, c.rate, c.amount) for n in range(view.n_lines)
           for c in read_row(view, n, finder.fmt, finder.order)]
    assert ("Day units", Decimal("948"), Decimal("0.26830"), Decimal("254.35")) in got
    assert ("Standing charge", Decimal("92"), Decimal("0.5548"), Decimal("51.04")) in got


def test_registers_each_billed_add_up_to_the_usage_when_no_total_is_printed() -> None:
    res = _validated([*HEAD, *READS, *CHARGES])
    assert res.bill.electricity_kwh == Decimal("1506")
    assert sorted(m.usage for m in res.bill.meters) == [Decimal("558"), Decimal("948")]
    assert _usage_check(res)[0] is True


def test_registers_no_charge_line_bills_are_not_summed() -> None:
    # Two read rows and one charge on the whole: the rows may be two meters, nothing says they split one usage.
    out = extract_rules(page_doc([*HEAD, *READS, "Energy 948 kWh x 26.830p per kWh    254.35"]))
    assert out.bill.electricity_kwh != Decimal("1506")


def test_one_register_of_a_split_billed_in_parts_is_not_confirmed() -> None:
    # Whatever an extractor read: one register's 948, beside a second register billed at its own rate, is a part.
    doc = page_doc([*HEAD, *READS, *CHARGES])
    out = extract_rules(doc)
    bill = out.bill.model_copy(update={"electricity_kwh": Decimal("948"), "meters": out.bill.meters[:1]})
    res = finalize(ExtractionResult(bill=bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    passed, message = _usage_check(res)
    assert passed is False and "one of the parts" in message
    assert res.status == "NEEDS_REVIEW"


def test_a_printed_gas_conversion_that_checks_is_the_gas_usage() -> None:
    lines = [*HEAD, "Gas   Meter G4A8525619",
             "Meter      Previous reading    Latest reading     Units (m³)",
             "G4A8525619     8447 (E)         8918 (E)           471",
             "We convert it to kWh: 471 m³ x 1.02264 (volume correction) x 40.4 (calorific value) / 3.6 = 5,405 kWh",
             "Gas 5,405 kWh x 6.549p per kWh                 353.97"]
    out = extract_rules(page_doc(lines))
    assert out.bill.gas_usage == Decimal("5405") and out.bill.gas_usage_unit == "kWh"
    assert out.bill.electricity_kwh is None


def test_a_formula_whose_arithmetic_fails_is_no_conversion() -> None:
    view = next(v for v in Finder(page_doc(["471 m³ x 1.02264 x 40.4 / 3.6 = 6,405 kWh"]), None).views)
    assert formulas(view, "us") == []
    # A chain through a result printed on the way: hundreds of cubic feet, then m³, then kWh.
    ok = page_doc(["117 x 2.83 = 331.11 m³, x 1.02264 (volume correction) x 40.2 (calorific value) / 3.6 = 3,781 kWh"])
    got = formulas(next(v for v in Finder(ok, None).views), "us")
    assert [(f.first, f.result, f.unit) for f in got] == [(Decimal("117"), Decimal("3781"), "kWh")]


def test_a_credited_register_is_no_part_of_the_usage() -> None:
    # A solar export row credited at its own rate: the usage is the import register, not the sum of the rows.
    lines = [*HEAD, READS[0], "General       36351 (A)             37299 (E)           948",
             "Solar export  46659 (A)             47217 (E)           558",
             "General usage 948 kWh x 26.830p per kWh            254.35",
             "Solar feed-in credit 558 kWh x 14.670p per kWh      -81.86"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh != Decimal("1506")


def test_blocks_billed_in_parts_beside_a_charge_on_the_whole_are_no_split() -> None:
    lines = ["Ejemplo Aguas", "Total a pagar: 95,84 €", "Consumo: 47 m3",
             "Consumo bloque 1: 20 m3 x 0,4512 €/m3     9,02 €", "Consumo bloque 2: 20 m3 x 0,9875 €/m3     19,75 €",
             "Consumo bloque 3: 7 m3 x 1,8730 €/m3     13,11 €", "Cuota variable: 47 m3 x 0,4250 €     19,97 €"]
    doc = page_doc(lines)
    bill = extract_rules(doc).bill.model_copy(update={"water_usage": Decimal("47"), "water_usage_unit": "m3"})
    res = finalize(ExtractionResult(bill=bill, evidence={}, extractor="rules"), doc, Settings())
    assert _usage_check(res)[0] is True


def test_a_label_never_spans_two_cells_of_a_header_row() -> None:
    # "ISSUE DATE" and "DUE DATE" side by side print "DATE  DUE" across the gap: no due-date label there.
    lines = ["Example Distribution Company", "CONSUMER ID      READING DATE      ISSUE DATE        DUE DATE",
             "1257308          18-DEC-24         23-DEC-24         02-JAN-25", "TOTAL   55,743"]
    out = extract_rules(page_doc(lines))
    assert str(out.bill.due_date) == "2025-01-02"
    assert out.evidence["due_date"].confidence >= 0.8


def test_a_part_billed_at_a_coarse_rate_still_adds_up_with_the_others() -> None:
    # "553 kWh @ 7.6¢/kWh" is too coarse to be evidence of its line, but it is one of the parts: 553 + 163 + 101 = 817,
    # the quantity delivery is billed on, so 817 is the usage (not one register of a split) and is confirmed.
    lines = ["Example Hydro Inc.", "Total Amount Due   $104.33", "Billing period Oct 21, 2025 to Nov 20, 2025",
             "Off-Peak 553 kWh @ 7.6¢/kWh                 $42.03",
             "Mid-Peak 163 kWh @ 12.2¢/kWh                $19.89",
             "On-Peak 101 kWh @ 15.8¢/kWh                 $15.96",
             "Delivery 817 kWh @ $0.0278                  $22.71",
             "Total kWh used   817 kWh"]
    res = _validated(lines)
    assert res.bill.electricity_kwh == Decimal("817")
    passed, message = _usage_check(res)
    assert passed, message
