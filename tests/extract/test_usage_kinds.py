"""Usage figures and meters of kinds seen on real bills: zero tariff steps, the meter of several services."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc


def test_a_zero_tariff_step_is_not_the_usage() -> None:
    lines = ["Example Water Board", "Total Due   2,310.00", "Water & Sanitation",
             "Charges for 120.000 KL are based on a sliding scale for a 30 day period",
             "Step 1 0.000 KL @ R 0.0000                                   0.00",
             "Category of Sewer: Consumption - Business", "Charges for 0.000 KL are based on a sliding scale"]
    out = extract_rules(page_doc(lines))
    assert out.bill.water_usage == Decimal("120.000")


def test_nothing_used_is_still_zero() -> None:
    lines = ["Example Water Board", "Total Due   12.00", "Water consumption: 0.000 KL",
             "Average last year 8.000 KL per month"]
    out = extract_rules(page_doc(lines))
    assert out.bill.water_usage == Decimal("0")


def test_on_a_bill_of_two_services_the_meter_number_is_the_electricity_meter() -> None:
    # The gas section comes first; each section prints its meter the same way.
    lines = ["Esempio Luce e Gas", "Totale da pagare: 69,10 €", "Gas", "Consumo 93 Smc",
             "Matricola Strumento: GAS0000123456", "", "Energia Elettrica", "Totale consumi 184 kWh",
             "Matricola Strumento: EL987654"]
    out = extract_rules(page_doc(lines))
    assert out.bill.meter_number == "EL987654"


def test_one_meter_number_printed_twice_is_left_alone() -> None:
    lines = ["Example Water Board", "Total Due   12.00", "Meter Number: W445566", "Water 12 KL",
             "Meter Number: W445566"]
    assert extract_rules(page_doc(lines)).bill.meter_number == "W445566"


def test_reads_printed_after_their_own_labels_explain_the_usage() -> None:
    lines = ["Example Metro Council", "Total Due   1,234.50", "Electricity",
             "Meter: 7700112; Register: 1; Multiply factor: 1; Start reading: 10,450.000;",
             "End reading: 10,570.000; Difference: 120.000; Consumption: 120.000;", "Units: kWh; Type: Actual.",
             "Charges for 120.000 kWh are based on a sliding scale"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh == Decimal("120.000")
    assert [(m.prior_read, m.present_read) for m in out.bill.meters] == [(Decimal("10450.000"), Decimal("10570.000"))]
    assert out.evidence["electricity_kwh"].confidence >= 0.9


def test_a_read_dated_before_its_figure_and_a_usage_in_another_unit() -> None:
    # A water bill's reads table prints each read's date first; its usage is in m³, never kWh.
    lines = ["Esempio Acqua", "Totale da pagare 64,20 €", "Lettura precedente      30/04/2031     4070    effettiva",
             "Lettura attuale         30/06/2031     4107    effettiva", "Consumo fatturato: 37 m³"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh is None
    assert out.bill.water_usage == Decimal("37")


def test_a_meter_table_of_three_services_gives_each_its_own_usage_and_unit() -> None:
    # One meter table for power, water and gas; the gas is billed in kWh, so only the row's word names it,
    # and the water's cubic metres are printed "Cu M".
    lines = ["Example Utilities Pte Ltd", "Total Amount Payable   $212.40",
             "Service       Meter No.    Previous Reading    Current Reading    Consumption",
             "Electricity   11223344     50,100              50,588             488 kWh",
             "Water         WM556677     1,073.5             1,082.2            8.7 Cu M",
             "Gas           G9988776     22,825              23,019             194 kWh"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.electricity_kwh == Decimal("488")
    assert (bill.water_usage, bill.water_usage_unit) == (Decimal("8.7"), "m3")
    assert (bill.gas_usage, bill.gas_usage_unit) == (Decimal("194"), "kWh")


def test_tariff_band_bounds_are_not_the_usage() -> None:
    # Charges in consumption bands: the bands' bounds ("1-30", "31-100", "101+") beside the label are no rival
    # of the usage the reads give.
    lines = ["Example Power Company", "Amount Due   KSh 2,345.60",
             " Meter No.      Previous Reading    Current Reading    Multiplier    Units (kWh)",
             " 12345678           73,135              73,295             1            160",
             " Description                           Units      Rate      Amount",
             " Consumption 1-30 kWh                    30      12.22      366.60",
             " Consumption 31-100 kWh                  70      16.54     1157.80",
             " Consumption 101+ kWh                    60      19.08     1144.80"]
    out = extract_rules(page_doc(lines))
    assert out.bill.electricity_kwh == Decimal("160")
    assert out.evidence["electricity_kwh"].confidence >= 0.8
