"""A UK energy bill's comparison box ("How your use compares": same period last year, estimated annual use, the
tariff comparison rate) prints kWh figures that are not this bill's usage. Made-up bill."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc


def test_the_estimated_annual_use_is_no_usage() -> None:
    lines = ["Example Energy Ltd", "Account number 1111 2222 3333", "Bill date 05/03/2031",
             "Bill period 01/02/2031 to 28/02/2031",
             "Electricity charges                                         £",
             "Electricity 412 kWh x 25.000p per kWh                   103.00",
             "How your use compares",
             "Same period last year: 455 kWh electricity",
             "Estimated annual use: 4,870 kWh electricity",
             "Tariff comparison rate (TCR): 27.80p per kWh"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.electricity_kwh != Decimal("4870")
    assert bill.electricity_kwh != Decimal("455")


def test_the_tariff_boxs_heading_is_not_the_tariffs_label() -> None:
    # "Your tariff" heads a box of the rates repeated; the tariff's name is on the box's "Tariff" row, and the
    # heading of the box printed beside it ("How your use compares") is no tariff.
    lines = ["Example Energy Ltd", "Account number 1111 2222 3333", "Bill date 05/03/2031", "",
             " Your tariff                                                  How your use compares",
             "Tariff                          Example Fixed 12M",
             "                                                             Same period last year: 455 kWh electricity",
             "Electricity unit rate           25.000p per kWh",
             "Electricity standing charge     50.00p per day"]
    assert extract_rules(page_doc(lines)).bill.rate_plan == "Example Fixed 12M"


def test_the_gas_meter_repeated_on_its_reads_row_does_not_outnumber_the_electricity_meter() -> None:
    lines = ["Example Energy Ltd", "Account number 1111 2222 3333", "Bill date 05/03/2031", "",
             " Gas                         MPRN 1234567890   Meter G9X1111111",
             "Meter                      Previous reading 01/02/2031   Latest reading 28/02/2031   Units (m³)",
             "G9X1111111                 1000 (A)                      1100 (E)                    100",
             "",
             " Electricity                 MPAN 12 3456 7890 123   Meter 12E2222222",
             "Register                   Previous reading 01/02/2031   Latest reading 28/02/2031   Units used (kWh)",
             "Single rate                5000 (A)                      5400 (E)                    400"]
    assert extract_rules(page_doc(lines)).bill.meter_number == "12E2222222"
