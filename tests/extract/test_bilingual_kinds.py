"""Bills that print every label in English and in a right-to-left script side by side (made-up values)."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.extract.vocab import rtl_only
from tests.helpers import page_doc

GRID = [
    " Example Coast Water & Power",
    " Customer name          العميل اسم   JANE Q SAMPLE              Bill date       الفاتورة تاريخ  09/03/2031",
    " Account No.            الحساب رقم   7012345678                 Billing period  الفاتورة فترة  08/02/2031"
    " - 07/03/2031",
    " Contract Account       العقد حساب   400012345678               Due date      استحقاق ال تاريخ  08/04/2031",
    " Premise No.               العقار رقم   811223344",
    " Address                      العنوان   FLAT 12, BUILDING 4, EXAMPLE DISTRICT 2",
    " Tariff                    التعرفة نوع  Residential",
    "",
    "Service           Meter No.          Previous          Current          Consumption",
    "Electricity       E12345678             24100            25300             1,200 kWh",
    "Water             W87654321             41700            41740                40 m³",
    "",
    " Total due                  المستحق المبلغ          AED 612.40",
]


def test_the_translation_between_a_label_and_its_value_is_stepped_over() -> None:
    out = extract_rules(page_doc(GRID))
    assert out.bill.account_number == "7012345678"
    assert out.bill.customer_name == "JANE Q SAMPLE"
    assert out.bill.total_amount_due == Decimal("612.40")
    assert out.bill.currency == "AED"


def test_an_address_in_the_label_column_of_the_customer_name_is_the_customers() -> None:
    assert extract_rules(page_doc(GRID)).bill.service_address == "FLAT 12, BUILDING 4, EXAMPLE DISTRICT 2"
    # A blank row between them ends the grid: a lone "Address" further down may be the utility's.
    apart = GRID[:5] + ["", *GRID[5:]]
    assert extract_rules(page_doc(apart)).bill.service_address is None


def test_a_water_row_under_a_consumption_header_is_not_gas() -> None:
    out = extract_rules(page_doc(GRID))
    assert out.bill.gas_usage is None
    assert out.bill.water_usage == Decimal(40)
    assert out.bill.electricity_kwh == Decimal(1200)


def test_imperial_gallons_are_a_water_unit() -> None:
    water = "Water             W87654321             48500            51100              2,600 IG"
    lines = [*GRID[:10], water, *GRID[11:]]
    out = extract_rules(page_doc(lines))
    assert out.bill.water_usage == Decimal(2600)
    assert out.bill.water_usage_unit == "IG"


def test_rtl_only() -> None:
    assert rtl_only("الحساب رقم")
    assert rtl_only("ﺭﻗﻢ ﺍﻟﺤﺴﺎﺏ")  # presentation forms
    assert not rtl_only("Account No. الحساب")
    assert not rtl_only("12.50")
