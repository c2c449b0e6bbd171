"""Kinds of bills read with no profile, from an electricity bill with a reading table and a charge table
(`Previous Reading 02-MAR-2031`, `Units x Rate`, `Recorded MD (kW)`). All values are made up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc

BILL = [
    "Example Power Distribution Co. Ltd.",
    "Consumer No. : 998877665544",
    "Name : SHRI TEST K. PERSON",
    "Address : Plot 7, Sample Colony, Testnagar 400099",
    "Sanctioned Load : 25.00 kW",
    "Bill Date : 06-APR-2031",
    "Due Date : 21-APR-2031",
    "METER READING DETAILS",
    "Reading Date Reading (kWh) Status",
    "Previous Reading 02-MAR-2031 10000 NORMAL",
    "Present Reading 01-APR-2031 10500 NORMAL",
    "MF: 1      Units Consumed: 500      Recorded MD (kW): 12.40",
    "BILL DETAILS",
    "Particulars          Units x Rate      Amount (Rs.)",
    "Energy Charges       500 x 8.00        4,000.00",
    "Fixed Charges        25 kW             500.00",
    "Bill Amount 4,500.00",
    "Previous Bill Amount Rs. 3,000.00",
    "Amount Paid (20-MAR-2031) Rs. 1,000.00",
    "Arrears Rs. 2,000.00",
    "Net Payable Rs. 6,500.00",
]



def test_the_period_is_the_previous_and_present_reading_dates() -> None:
    bill = extract_rules(page_doc(BILL)).bill
    assert bill.billing_period_start == dt.date(2031, 3, 2)
    # The end is the present reading's date, not the previous one's (a start label the end borrows).
    assert bill.billing_period_end == dt.date(2031, 4, 1)


def test_an_amount_paid_on_a_date_is_the_payment_and_arrears_is_not_the_previous_bill() -> None:
    bill = extract_rules(page_doc(BILL)).bill
    assert bill.payments == Decimal("1000.00")
    assert bill.previous_balance == Decimal("3000.00")
    assert bill.total_amount_due == Decimal("6500.00")


def test_demand_after_a_label_that_names_its_unit() -> None:
    bill = extract_rules(page_doc(BILL)).bill
    assert bill.demand_kw == Decimal("12.40")  # not the fixed charge's 25 kW nor the sanctioned load


def test_a_quantity_times_rate_is_no_street_and_the_address_beside_the_name_stands_in() -> None:
    bill = extract_rules(page_doc(BILL)).bill
    assert bill.service_address == "Plot 7, Sample Colony, Testnagar 400099"
    # Without the name beside it, a bare "Address" line is not taken (it may be the utility's).
    lines = [x for x in BILL if not x.startswith("Name")]
    assert extract_rules(page_doc(lines)).bill.service_address is None


def test_a_short_distractor_counts_only_as_a_whole_word() -> None:
    from minimeter.extract.vocab import distractor_hits

    assert distractor_hits("Meter Telwerk Beginstand", "identifier", "meter_number") == []
    assert "tel" in distractor_hits("Tel 012 345 67 89", "identifier")


def test_a_dutch_register_table_gives_the_meter_and_a_product_line_the_rate_plan() -> None:
    bill = extract_rules(page_doc([
        "Voorbeeld Energie B.V.",
        "Klantnummer 1234 5678",
        "Factuurdatum 8 februari 2031",
        "Product: Proefcontract Vast   |   Aansluiting elektriciteit 1x35A",
        "Meter Telwerk Beginstand Eindstand Verbruik",
        "X1234 5678 Normaal (T2) 1.000 1.200 200 kWh",
        "Te betalen € 80,00",
    ])).bill
    assert bill.meter_number == "X1234 5678"
    assert bill.rate_plan == "Proefcontract Vast"  # the cell ends at the bar


def test_a_run_of_month_columns_is_a_history_not_a_period() -> None:
    bill = extract_rules(page_doc([
        "Fattura n. 2031/000555 del 11/08/2031",
        "Totale da pagare € 99,10",
        "Periodo di fatturazione: dal 01/05/2031 al 31/07/2031",
        "Storico consumi degli ultimi 12 mesi (m³)",
        "mag 30 giu 30 lug 30 ago 30 set 30 ott 30 nov 30 dic 30 gen 31 feb 31 mar 31 apr 31",
        "20 21 22 23 24 25 26 27 28 29 30 31",
    ])).bill
    assert bill.billing_period_start == dt.date(2031, 5, 1)
    assert bill.billing_period_end == dt.date(2031, 7, 31)


def test_the_address_beside_a_shop_name_stands_in_too() -> None:
    lines = [x.replace("SHRI TEST K. PERSON", "M/S SAMPLE MEDICAL STORES") for x in BILL]
    assert extract_rules(page_doc(lines)).bill.service_address == "Plot 7, Sample Colony, Testnagar 400099"


def test_the_customer_business_is_not_the_provider() -> None:
    from minimeter.extract.provider import provider_guess

    doc = page_doc([
        "Sampleton Municipal Utilities",
        "Commercial Electric Service Statement",
        "Example Widgets Inc.",
        "100 Test Blvd, Springfield, OH 45000",
        "Please detach and return this portion with your payment.",
        "Example Widgets Inc.",
    ])
    assert provider_guess(doc) == "Example Widgets Inc"  # alone, the company form wins
    assert provider_guess(doc, customer="Example Widgets Inc.") == "Sampleton Municipal Utilities"


def test_time_of_use_registers_of_one_meter_are_the_meters_of_the_billed_sum() -> None:
    bill = extract_rules(page_doc([
        "Example Electric Cooperative",
        "Statement Date 03/13/2031",
        "Billing Period 02/03/2031 - 03/07/2031",
        "Meter No. Register Prior Present Multiplier kWh",
        "Z1234567 On-Peak kWh 1000 1010 10 100",
        "Z1234567 Mid-Peak kWh 2000 2030 10 300",
        "Z1234567 Off-Peak kWh 3000 3050 10 500",
        "Generation On-Peak 100 kWh x $0.08000 $8.00",
        "Generation Mid-Peak 300 kWh x $0.07000 $21.00",
        "Generation Off-Peak 500 kWh x $0.05000 $25.00",
        "Distribution Energy 900 kWh x $0.0300 $27.00",
        "Total Due $81.00",
    ])).bill
    assert bill.electricity_kwh == Decimal(900)
    assert sum((m.usage or Decimal(0) for m in bill.meters), Decimal(0)) == Decimal(900)
    assert [(m.prior_read, m.present_read) for m in bill.meters] == [
        (Decimal(1000), Decimal(1010)), (Decimal(2000), Decimal(2030)), (Decimal(3000), Decimal(3050))]


def test_two_month_columns_before_a_third_the_parser_takes_for_a_word_are_no_period() -> None:
    bill = extract_rules(page_doc([
        "Fattura n. 2031/000556 del 10/10/2031",
        "Totale da pagare € 99,10",
        "Periodo di fatturazione: dal 01/07/2031 al 30/09/2031",
        "lug 30 ago 30 set 30 ott 30 nov 30 dic 30",
        "20 21 22 23 24 25",
    ])).bill
    assert bill.billing_period_start == dt.date(2031, 7, 1)
    assert bill.billing_period_end == dt.date(2031, 9, 30)


def test_a_labelled_net_usage_the_charges_are_billed_on_beats_one_registers_reads() -> None:
    bill = extract_rules(page_doc([
        "Factuurdatum 8 februari 2031",
        "Meter Telwerk Beginstand Eindstand Verbruik",
        "X1234 5678 Normaal (T2) 10.000 10.700 700 kWh",
        "X1234 5678 Dal (T1) 20.000 20.500 500 kWh",
        "X1234 5678 Teruglevering 3.000 3.200 -200 kWh",
        "Totaal netto verbruik elektriciteit: 1.000 kWh",
        "Leveringskosten elektriciteit 1.000 kWh x € 0,30000 € 300,00",
        "Te betalen € 300,00",
    ])).bill
    assert bill.electricity_kwh == Decimal(1000)


def test_dutch_paid_advances_are_the_payments() -> None:
    bill = extract_rules(page_doc([
        "Jaarafrekening",
        "Factuurdatum 8 januari 2031",
        "Totaal kosten deze periode incl. BTW € 1.200,00",
        "Overzicht",
        "Betaalde termijnbedragen € -1.100,00",
        "Te betalen € 100,00",
    ])).bill
    assert bill.payments == Decimal("1100.00")
    assert bill.total_amount_due == Decimal("100.00")
