"""Day counts of kinds seen on real bills: "DAYS 30" ending the period's line after a date whose year could be
read as a count, and a "Días" column on the meter reads' row of a bimonthly bill."""

from __future__ import annotations

from minimeter.arithmetic import printed_day_counts
from minimeter.extract.rules import extract_rules
from minimeter.extract.units import named_by_units
from minimeter.schema import ExtractionResult
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.helpers import page_doc


def _checks(lines: list[str]) -> dict[str, tuple[bool | None, str]]:
    doc = page_doc(lines)
    out = extract_rules(doc)
    res = finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    return {c.rule: (c.passed, c.message) for c in res.checks}


def test_a_count_in_a_cell_of_its_own_after_one_space() -> None:
    text = "PREVIOUS READING DATE 18-NOV-24 PRESENT READING DATE 18-DEC-24 DAYS 30\nTOTAL UNITS 891"
    assert [n for n, _a, _b in printed_day_counts(text)] == [30]  # not the 24 of the year before DAYS
    # One space and more words after it: a sentence, no cell.
    assert printed_day_counts("Days 10 after the due date a surcharge applies") == []


def test_the_days_cell_of_the_reads_row_confirms_a_bimonthly_period() -> None:
    lines = ["Suministro Ejemplo S.A. de C.V.", "NO. DE SERVICIO:   549829712769",
             "FECHA DE EMISIÓN:   18/04/2023", "PERIODO FACTURADO:   15/02/2023 - 15/04/2023",
             "TOTAL A PAGAR:   $4,293.25", "", "", "", "Lecturas",
             "Medidor      Lectura actual      Lectura anterior      Total periodo (kWh)      Días",
             "21CM34       72722               72164                 558                      59",
             "", "Consumo      558 kWh x 6.210      $3,465.18"]
    checks = _checks(lines)
    assert checks["period_confirmed"][0] is True, checks["period_confirmed"]
    assert checks["period_length"][0] is True
    # The same count on a row that is no reads row (a history line) confirms nothing.
    lines[10] = "21CM34       558      59"
    assert _checks(lines)["period_confirmed"][0] is not True


def test_a_unit_inside_an_identifier_names_no_commodity() -> None:
    assert named_by_units("30KL32   16306   15779   527") == set()
    assert named_by_units("Consumption 12 KL") == {"water_usage"}
    assert named_by_units("Total 527 kWh") == {"electricity_kwh"}
