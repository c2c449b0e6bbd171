"""Kinds of failure found on combined and converted-unit bills: a gas read row that prints its figures bare
under a table head naming its unit, beside an electricity read row. All values are made up."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc

COMBINED = [
    "Example Power and Gas Company                                 Account Number: 1111 2222 3333",
    "Statement Date: 05/25/2031        Billing Period: 04/18/2031 to 05/21/2031",
    "Account Summary",
    "  Current Electric Charges                      $206.88",
    "  Current Gas Charges                            $66.10",
    "  Total Amount Due                              $272.98     Due Date: 06/15/2031",
    "Electric Service Details",
    "Distribution Charge 1,160 kWh x $0.05871                    $68.10",
    "Meter Number Read Date Previous Read Current Read Multiplier Usage",
    "244900001 05/21/2031 36824 37984 1 1,160 kWh",
    "Gas Service Details",
    "Meter Number Previous Read Current Read CCF Used Btu Factor Therms",
    "28300002 5669 5722 53 1.0245 54",
    "Distribution Charge 54 therms x $0.38215                    $20.64",
]


def test_a_bare_read_row_is_the_commodity_its_table_head_names() -> None:
    # the gas row's therms (53 CCF x 1.0245) must not become the electricity: its head says Therms
    bill = extract_rules(page_doc(COMBINED)).bill
    assert bill.electricity_kwh == Decimal("1160")
    assert bill.gas_usage == Decimal("54")


AU_GAS = [
    "Example Gas Pty Ltd                                      Tax invoice  Issue date 18/07/2031",
    "Account summary                          Your gas usage",
    "New charges $546.30                      Billing period 16/04/2031 to 13/07/2031",
    "Total amount due $546.30                 Gas used 379 m³",
    "Pay by 03/08/2031                        Heating value x pressure factor 39.04 x 1.0012",
    "                                         Gas usage 14,814 MJ",
    "Supply charge 89 days @ $0.8215/day                     $73.11",
    "Usage first 7,500 MJ @ $0.03865/MJ                      $289.88",
    "Usage next 7,314 MJ @ $0.03112/MJ                       $227.61",
]


def test_gas_billed_in_megajoules_is_the_gas_usage_in_mj() -> None:
    bill = extract_rules(page_doc(AU_GAS)).bill
    assert (bill.gas_usage, bill.gas_usage_unit) == (Decimal("14814"), "MJ")
    assert bill.electricity_kwh is None


def test_a_spanish_account_label_with_the_number_sign_after_the_noun() -> None:
    # "Cliente N°" as "Cuenta N°": the account, not the RUT printed after it on the same line
    lines = ["Luz del Ejemplo S.A.          BOLETA ELECTRÓNICA N° 523750078",
             "Cliente N°: 1274271-6 Tarifa: BT1  |  RUT cliente 47.718.411-1",
             "Total a pagar $ 41.230       Vencimiento: 24-11-2031"]
    assert extract_rules(page_doc(lines)).bill.account_number == "1274271-6"


def test_a_customer_services_phone_line_under_the_letterhead_is_no_street() -> None:
    # "Customer services 0345 555 0101" ends in figures as "Chemin des Vignes 115" does; the letterhead above it
    # ends in "Ltd", so it passed for an addressee over a street
    lines = ["Example Dales Water Ltd",
             "Customer services 0345 555 0101  |  Leaks 0800 555 0102",
             "Mr J Tester",
             "173 Sample Close, Ely, CB7 4QT",
             "Account number: 8900 0000 80",
             "Total amount due £303.59"]
    assert extract_rules(page_doc(lines)).bill.service_address == "173 Sample Close, Ely, CB7 4QT"


def test_a_customer_number_or_reference_is_the_account_where_no_account_number_is_printed() -> None:
    ref = ["Example Water Services", "Mr J Tester                      Customer reference: 3540 7363 92",
           "Total amount due £4,342.27"]
    assert extract_rules(page_doc(ref)).bill.account_number == "3540 7363 92"
    both = ["Example Gas Pty Ltd", "Account number 1111 222 333", "Customer number 9999 888 777",
            "Total amount due $805.25"]
    assert extract_rules(page_doc(both)).bill.account_number == "1111 222 333"


def test_please_pay_an_amount_by_a_date_gives_the_due_date() -> None:
    lines = ["Example Water Services    Bill date: 10 April 2031", "Total amount due £4,342.27",
             "Please pay £4,342.27 by 24 April 2031",
             "Or spread the cost: 12 monthly payments of £361.86 by Direct Debit."]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.due_date is not None and bill.due_date.isoformat() == "2031-04-24"


def test_charge_lines_billed_per_megajoule_confirm_the_gas_usage() -> None:
    from minimeter.extract.candidates import Finder
    from minimeter.validate.billed import charge_lines
    from minimeter.validate.printed import PrintedIndex

    doc = page_doc(AU_GAS)
    billed = {(li.quantity, li.unit) for li in charge_lines(Finder(doc, None))}
    assert {(Decimal("7500"), "MJ"), (Decimal("7314"), "MJ")} <= billed
    # a rate printed against its unit with a slash ("$0.03865/MJ", "$0.8215/day") is a printed figure; a date
    # or a fraction before a slash is not
    idx = PrintedIndex(doc)
    assert idx.places(Decimal("0.03865"), "number") and idx.places(Decimal("0.8215"), "number")
    assert not PrintedIndex(page_doc(["Read on 12/05/2031"])).places(Decimal("12"), "number")


def test_a_figure_under_a_header_cell_is_read_whole_not_cut_at_the_cells_edge() -> None:
    from minimeter.extract.candidates import Finder

    lines = [" Meter Number          Previous Read       Current Read        CCF Used          Btu Factor       Therms",
             " 96200001                           2572                2645                73           1.0312"
             "                 75"]
    found = {c.value for c in Finder(page_doc(lines), None).labelled("gas_usage", "qty", "usage")
             if c.label == "ccf used"}
    assert Decimal("7") not in found and Decimal("73") in found
