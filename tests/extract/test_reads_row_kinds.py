"""Kinds of bills whose period is printed only on the meter reads' row (each read beside its date), from a
municipal account of several services (space-grouped figures, "R 1 234,56", reads "77 823") and an Indian
distribution company's bill (a consumer category instead of a tariff label). All values are made up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.candidates import Finder
from minimeter.extract.rules import extract_rules
from minimeter.schema import ExtractionResult
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.helpers import page_doc

MUNICIPAL = [
    "Example Valley Local Municipality                                   TAX INVOICE",
    "Civic Centre | VAT Reg No. 4000000000                                MUNICIPAL ACCOUNT",
    "",
    "Mr T. Tester                                          Account number           5550001112",
    "PO Box 1, Sampletown, 0001                            Account date             2031/05/04",
    "                                                      Electricity tariff       Home Power Sample",
    "",
    "  ACCOUNT SUMMARY",
    "  Balance brought forward                     R 1 000,00",
    "  Payment received 2031/04/20 - thank you     R -1 000,00",
    "  Current account                             R 2 611,50",
    "  Total due                                   R 2 611,50        Due date: 2031/05/25",
    "",
    "DETAIL OF CURRENT CHARGES - service address 12 Sample Road, Sampletown, 0001",
    " ELECTRICITY",
    "  Energy 1 100 kWh @ R 2,0000                                       2 200,00",
    " WATER",
    "  Water all kl 20,0 kl @ R 20,575                                     411,50",
    " Current charges                                                    2 611,50",
    "",
    "METER READINGS",
    " Service        Meter no.       Previous        Date             Current         Date             Consumption",
    " Electricity    11223344          77 823  2031/03/30               78 923  2031/04/29                 1100 kWh",
    " Water          W5566778           1 815  2031/03/30                1 835  2031/04/29                   20 kl",
]


def test_the_period_is_read_off_the_reads_row() -> None:
    bill = extract_rules(page_doc(MUNICIPAL)).bill
    assert bill.billing_period_start == dt.date(2031, 3, 30)
    assert bill.billing_period_end == dt.date(2031, 4, 29)


def test_space_grouped_reads_are_one_figure_each() -> None:
    finder = Finder(page_doc(MUNICIPAL), None)
    assert finder.spaced
    bill = extract_rules(page_doc(MUNICIPAL)).bill
    assert bill.electricity_kwh == Decimal("1100")
    electric = bill.meters[0]
    assert (electric.prior_read, electric.present_read) == (Decimal("77823"), Decimal("78923"))


def test_figures_of_a_bill_grouping_with_commas_are_not_joined_by_a_space() -> None:
    lines = ["Total due $1,234.56", "Energy $1,000.00", "Meter reads  1 815  2 900  previous present"]
    finder = Finder(page_doc(lines), None)
    assert not finder.spaced
    assert Decimal("1815") not in {v for v, _s, _e in finder.numbers(finder.views[0])}


def test_the_municipal_account_labels() -> None:
    doc = page_doc(MUNICIPAL)
    bill = extract_rules(doc).bill
    assert bill.statement_date == dt.date(2031, 5, 4)  # "Account date", not a read's date
    assert bill.rate_plan == "Home Power Sample"  # "Electricity tariff"
    assert bill.current_charges == Decimal("2611.50")  # "Current account", not the postcode after a heading
    assert bill.provider == "Example Valley Local Municipality"  # the letterhead, not the tariff row
    # The address a heading names after a dash, not the postal box the account is mailed to.
    assert bill.service_address == "12 Sample Road, Sampletown, 0001"


def test_a_dash_before_a_label_in_prose_is_no_address_label() -> None:
    lines = ["Example Water Co", "Notice - service address changes must be sent in writing", "Total due $12.00"]
    assert extract_rules(page_doc(lines)).bill.service_address is None


def test_the_reads_row_confirms_the_period_and_the_bill_succeeds() -> None:
    doc = page_doc(MUNICIPAL)
    out = extract_rules(doc)
    res = finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    checks = {c.rule: c for c in res.checks}
    assert checks["period_confirmed"].passed is True
    assert "row of the meter reads" in checks["period_confirmed"].message
    assert checks["usage_confirmed"].passed is True


def test_a_row_with_two_meters_read_on_other_days_leaves_the_period_open() -> None:
    lines = [*MUNICIPAL[:-1],
             " Water          W5566778           1 815  2031/03/02                1 835  2031/04/01       20 kl"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.billing_period_start is None and bill.billing_period_end is None


DISCOM = [
    "Example Vidyut Vitaran Nigam Ltd",
    "GSTIN 27AA000C0000Z1  |  ELECTRICITY BILL",
    "",
    " Consumer Number       123456789012",
    " Bill Date             09/05/2031",
    " Category              LT-2(A) Commercial",
    " Sanctioned Load       3.000 kW",
    "",
    "Meter Reading Details",
    " Meter No.      Previous Reading    Date          Present Reading    Date         MF    Units Consumed",
    " XYZ1234567                 15953   02/04/2031               16715   03/05/2031     1               762",
    "",
    " Energy charges 762 units @ 5.00                                                   3,810.00",
    " Current Bill                                                                      3,810.00",
    " Net Payable                                                                     ₹ 3,810.00",
    " Pay By: 24/05/2031",
]


def test_the_present_reading_date_ends_the_period_not_the_previous_one() -> None:
    bill = extract_rules(page_doc(DISCOM)).bill
    assert bill.billing_period_start == dt.date(2031, 4, 2)
    assert bill.billing_period_end == dt.date(2031, 5, 3)


def test_a_consumer_category_is_a_rate_plan_by_its_shape() -> None:
    bill = extract_rules(page_doc(DISCOM)).bill
    assert bill.rate_plan == "LT-2(A) Commercial"


def test_the_current_demand_is_the_current_charges() -> None:
    lines = [*DISCOM[:12], " Arrears / Previous Balance   ₹ 1,000.00", " Less: Payment received   ₹ 400.00",
             " Current Demand   ₹ 3,810.00", " Net Payable   ₹ 4,410.00"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.current_charges == Decimal("3810.00")
    assert bill.total_amount_due == Decimal("4410.00")
