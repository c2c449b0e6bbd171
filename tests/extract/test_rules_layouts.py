"""Rules on layout features: rival totals, line-anchored short labels, the addressee block, far-right values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page

HEADER = ["Example Power & Light", "Account Number: 4400112233", "Statement date: 02/06/2024",
          "Billing period: 01/05/2024 - 02/04/2024", "Due date: 02/27/2024"]


def _doc(lines: list[str], layout: list[str] | None = None) -> Document:
    text = "\n".join(lines)
    lt = "\n".join(layout) if layout is not None else None
    return Document(pages=[Page(number=1, text=text, layout_text=lt)], page_count=1)


def test_two_different_amounts_due_with_nothing_to_decide_are_not_trusted() -> None:
    out = extract_rules(_doc([*HEADER, "Total Amount Due: $123.45", "Amount Due: $212.90"]))
    ev = out.evidence["total_amount_due"]
    assert ev.confidence < 0.8, ev
    assert "total_amount_due" in out.ambiguous


def test_the_same_amount_due_printed_twice_is_trusted() -> None:
    out = extract_rules(_doc([*HEADER, "Total Amount Due: $123.45", "Amount Due: $123.45"]))
    assert out.bill.total_amount_due == Decimal("123.45")
    assert out.evidence["total_amount_due"].confidence >= 0.8


def test_arithmetic_settles_two_different_amounts_due() -> None:
    out = extract_rules(_doc([*HEADER, "Previous balance $98.10", "Payment received -$98.10",
                              "Total current charges $123.45", "Total Amount Due: $123.45",
                              "Amount Due: $212.90"]))
    assert out.bill.total_amount_due == Decimal("123.45")
    assert out.evidence["total_amount_due"].confidence >= 0.95


def test_a_short_label_counts_only_where_a_line_starts() -> None:
    # "Date d'échéance" is the due date's label; it must not make 12.10.24 a statement date.
    lines = ["Romande Energie", "Numéro de compte 54002253", "Date d'échéance: 12.10.2024",
             "Net à payer CHF 318.62"]
    out = extract_rules(_doc(lines))
    assert out.bill.statement_date is None
    assert out.bill.due_date == dt.date(2024, 10, 12)
    out = extract_rules(_doc([*lines, "Date  28.09.2024"]))
    assert out.bill.statement_date == dt.date(2024, 9, 28)


def test_the_addressee_block_in_a_right_column_gives_name_and_address() -> None:
    pad = " " * 60
    layout = ["Northwind Municipal Power",
              "PO Box 26543 Richmond VA 23290",
              "",
              f"Account #: 005501282446{pad}Chen Nakamura",
              f"Invoice Number: 9038123180{' ' * 57}4385 LAKEVIEW BLVD",
              f"Date Bill Issued: Oct 24, 2023{' ' * 53}RICHMOND VA 23263",
              "Total Due                       $282.86"]
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    out = extract_rules(_doc(plain, layout))
    assert out.bill.customer_name == "Chen Nakamura"
    assert out.bill.service_address == "4385 LAKEVIEW BLVD, RICHMOND VA 23263"
    assert out.evidence["service_address"].confidence < 0.8  # a mailing address is only a guess


def test_a_post_office_box_is_never_the_service_address() -> None:
    layout = ["British Gas", "", "Ibrahim Patel                  Your account number     8508 8022 0644",
              "PO BOX 8514                    Bill Date               27/06/2024", "Leeds", "LS3 9PY",
              "Amount Due Now                 £707.11"]
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    out = extract_rules(_doc(plain, layout))
    assert out.bill.customer_name == "Ibrahim Patel"
    assert out.bill.service_address is None


def test_a_labelled_service_address_beats_the_mailing_address() -> None:
    layout = ["Example Power & Light", "Maria Rossi", "PO BOX 4806", "80277 München", "",
              "Lieferstelle                          Goethestraße 64, 80882 München",
              "Produkt                                                        M-Strom Fix"]
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    out = extract_rules(_doc(plain, layout))
    assert out.bill.service_address == "Goethestraße 64, 80882 München"
    assert out.bill.rate_plan == "M-Strom Fix"  # a far-right value alone on its row belongs to the label


def test_net_metering_the_billed_net_figure_beats_the_read_difference() -> None:
    lines = [*HEADER, "Meter No. Start Read End Read Constant Usage Unit", "0507228 87,711 88,743 1 1,032 kWh",
             "ENERGY DELIVERED ENERGY RECEIVED NET KWH BILLED", "1,032 221 811 kWh",
             "Energy Charge 811 kWh x 0.39029 316.53", "Total Amount Due: $316.53"]
    out = extract_rules(_doc(lines))
    assert out.bill.electricity_kwh == Decimal("811")
    assert out.evidence["electricity_kwh"].confidence >= 0.8
    # Without a charge billed on 811 (and no received figure to subtract) nothing says which figure is billed:
    # the reads win, and a person looks.
    bare = [x.replace("1,032 221 811", "811").replace("ENERGY DELIVERED ENERGY RECEIVED ", "") for x in lines
            if not x.startswith("Energy Charge")]
    out = extract_rules(_doc(bare))
    assert out.evidence["electricity_kwh"].confidence < 0.8


def test_gas_billed_in_kwh_is_not_electricity() -> None:
    lines = ["British Gas", "Account Number 8501 6896 8420", "Electricity used 726 kWh",
             "Gas used 89 m3 x 10.4465 = 930 kWh", "Meter No. Previous Reading Present Read Multiplier Usage Unit",
             "K80G941484 80,182 80,908 1 726 kWh", "GW93W912962 7,474 7,563 10.4465 930 kWh",
             "Electricity 726 kWh x 0.28328 205.66", "Gas 930 kWh x 0.06697 62.28"]
    out = extract_rules(_doc(lines))
    assert out.bill.electricity_kwh == Decimal("726")
    assert out.bill.gas_usage == Decimal("930") and out.bill.gas_usage_unit == "kWh"


def test_a_weak_name_label_counts_before_a_name() -> None:
    out = extract_rules(_doc([*HEADER, "Name: Ethan Moreau", "Total Amount Due: $12.00"]))
    assert out.bill.customer_name == "Ethan Moreau"
    out = extract_rules(_doc([*HEADER, "Name: Total charges", "Total Amount Due: $12.00"]))
    assert out.bill.customer_name != "Total charges"


def test_a_customer_may_be_a_district_when_the_utility_is_known() -> None:
    layout = ["Dominion Energy", "Dominion Energy Virginia - PO Box 26543 Richmond VA 23290", "",
              f"Acct No{' ' * 30}185146640274{' ' * 20}Cedar Lane School District",
              f"Bill Number{' ' * 26}337-719-0341{' ' * 20}3222 ELM DR",
              f"Due Date{' ' * 27}Dec 17, 2023{' ' * 22}RICHMOND VA 23287"]
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    out = extract_rules(_doc(plain, layout))
    assert out.profile is not None
    assert out.bill.customer_name == "Cedar Lane School District"
    assert out.bill.service_address == "3222 ELM DR, RICHMOND VA 23287"


def test_the_reads_difference_before_the_multiplier_agrees_with_them() -> None:
    lines = [*HEADER, "Meter # Previous Reading Present Read Mult Usage Unit", "697748 5,823 5,921 1.07828 106 therms",
             "CCF used 98", "Therms Used 106 therms", "Total Amount Due: $287.21"]
    out = extract_rules(_doc(lines))
    assert out.bill.gas_usage == Decimal("106")
    assert out.evidence["gas_usage"].confidence >= 0.8


def test_labels_match_with_their_accents_lost() -> None:
    # OCR of a German bill: "Fälligkeitsdatum" comes out "Falligkeitsdatum", "Zahlungseingänge" without the umlaut.
    lines = ["Stadtwerke Beispiel GmbH", "Vertragskonto 5265720826", "Rechnungsdatum 28.03.2023",
             "Vorheriger Saldo 576,51 EUR", "Zahlungseingange -576,51 EUR", "Summe Entgelte 481,58 EUR",
             "Rechnungsbetrag 481,58 EUR", "Falligkeitsdatum: 15.04.2023"]
    out = extract_rules(_doc(lines))
    assert out.bill.due_date == dt.date(2023, 4, 15)
    assert out.bill.payments == Decimal("576.51")


def test_a_caption_is_not_the_addressee() -> None:
    layout = ["Stadtwerke Beispiel GmbH", "", "Maria Rossi", "Rechnungs-Nr.            8383011241",
              "Goethestraße 111", "80678 München", "Rechnungsbetrag 481,58 EUR"]
    out = extract_rules(_doc(layout, layout))
    assert out.bill.customer_name != "Rechnungs-Nr."
    assert out.bill.customer_name != "Stadtwerke Beispiel GmbH"


def test_reads_that_no_charge_is_billed_on_are_not_trusted() -> None:
    # Net metering with no net label: reads say 595 kWh, the charges are billed on 46 + 155 = 201 kWh.
    lines = [*HEADER, "Meter No. Prior Read Present Read Constant Usage Unit",
             "2222554730586 72,460 73,055 1 595 kWh", "On-Peak (4 pm - 9 pm) 46 kWh", "Off-Peak 155 kWh",
             "Energy Charge On-Peak 46 kWh x 0.59661 27.44", "Energy Charge Off-Peak 155 kWh x 0.37288 57.80",
             "Delivery Charge 201 kWh x 0.07313 14.70", "Total Amount Due: $99.94"]
    out = extract_rules(_doc(lines))
    assert out.evidence["electricity_kwh"].confidence < 0.8
    assert out.bill.electricity_kwh == Decimal("201")  # the billed total of the billed parts, for a person to check
    # Billed on the reads' own figure (or on parts that add up to it): trusted.
    ok = [x.replace("201 kWh", "595 kWh") for x in lines]
    assert extract_rules(_doc(ok)).evidence["electricity_kwh"].confidence >= 0.8


def test_an_identifier_in_the_next_columns_table_row_is_not_the_labels_value() -> None:
    pad = " " * 40
    layout = [*HEADER[:1], f"Meter Number{pad}Start Read   Current   Usage",
              f"{' ' * 52}2229523642570      42,778     43,109     331 kWh",
              f"Account #{' ' * 43}2228586457496      81,995     82,657     662 kWh", "0-579-327-9776",
              "Total Amount Due: $99.94"]
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    out = extract_rules(_doc(plain, layout))
    assert out.bill.account_number == "0-579-327-9776"


def test_a_numbered_caption_under_the_letterhead_is_not_a_one_line_postal_address() -> None:
    # "Certificate No. 10222" reads like "Chemin des Vignes 115", but a street's house number is no postcode.
    pad = " " * 50
    layout = ["Sample Prairie Power, LLC" + pad + "Electricity Facts & Bill",
              "PUCT Certificate No. 10222  Customer Care 1-888-555-0100", "",
              "ACME TACO LLC" + pad + "Account Number   4032290000",
              "123 OAK BEND DR" + pad + "Statement Date   09/14/24",
              "HOUSTON, TX 77070", "", "Amount Due   $97.34"]
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    out = extract_rules(_doc(plain, layout))
    assert out.bill.customer_name == "ACME TACO LLC"
    assert out.bill.provider == "Sample Prairie Power, LLC"
