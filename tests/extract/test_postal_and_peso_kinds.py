"""Kinds of bills from countries that print the peso sign and no postcode (made-up bills)."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.parse import currencies_in, parse_money
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page

PAD = " " * 50


def _doc(layout: list[str]) -> Document:
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    return Document(pages=[Page(number=1, text="\n".join(plain), layout_text="\n".join(layout))], page_count=1)


def _bill(name: str, address: str) -> list[str]:
    return ["Sample Island Electric Cooperative" + PAD + "STATEMENT OF ACCOUNT", "",
            " " * 60 + "Customer Account Number   1234509876",
            name + " " * (60 - len(name)) + "Bill Number   5550001111",
            address, " " * 60 + "Bill Date   MAR 15, 2025",
            " " * 60 + "Rate Type   General Service A",
            " " * 60 + "Billing Period   FEB 12, 2025 to MAR 12, 2025", "",
            "Generation Charge   99 kWh x ₱6.9951/kWh   ₱692.51",
            "Lifeline Discount   -₱23.29",
            "Total Amount Due / Halagang Dapat Bayaran   ₱669.22"]


def test_the_peso_sign_is_a_currency() -> None:
    assert parse_money("-₱1,223.29") == Decimal("-1223.29")
    assert currencies_in("₱692.51 and PHP 12.00") == {"PHP": 2}
    out = extract_rules(_doc(_bill("JUANA SANTOS", "12 MABOLO ST., BRGY. UNO, SAMPLE CITY")))
    assert out.bill.currency == "PHP"
    assert out.bill.total_amount_due == Decimal("669.22")
    assert out.bill.rate_plan == "General Service A"  # "Rate Type" names the rate


def test_a_whole_address_on_one_line_without_a_postcode_is_the_mailing_address() -> None:
    out = extract_rules(_doc(_bill("SAMPLE COLD STORAGE INC.", "12 MABOLO ST., BRGY. UNO, SAMPLE CITY")))
    assert out.bill.customer_name == "SAMPLE COLD STORAGE INC."  # a company form's dot is no caption's
    assert out.bill.service_address == "12 MABOLO ST., BRGY. UNO, SAMPLE CITY"
    assert out.evidence["service_address"].confidence < 0.8


def test_a_period_under_a_label_is_not_a_street() -> None:
    # "Residential" over "NOV 5, 2024 to DEC 5, 2024" reads like a name over "Chemin des Vignes 115, ...".
    layout = ["Sample Island Electric Cooperative", "",
              " " * 60 + "Rate Type        Residential",
              " " * 60 + "Billing Period   NOV 5, 2024 to DEC 5, 2024", "",
              "Total Amount Due   ₱669.22"]
    out = extract_rules(_doc(layout))
    assert out.bill.service_address is None
    assert out.bill.customer_name != "Residential"


def test_a_last_payment_note_is_no_term_of_a_balance_that_carries_nothing() -> None:
    # The amount due is the current charges and no previous balance is printed: the payment line is a note.
    layout = ["Sample Island Electric Cooperative", "",
              "Current Charges / Kasalukuyang Singil   ₱669.22", "",
              "Current Charges      ₱669.22",
              "Total Amount Due     ₱669.22", "",
              "Last payment received: ₱512.40 on 12/23/2023 - Salamat po!"]
    out = extract_rules(_doc(layout))
    assert out.bill.total_amount_due == Decimal("669.22")
    assert out.bill.current_charges == Decimal("669.22")
    assert out.bill.payments is None
    # With a previous balance the payment is a term of the balance.
    paid = extract_rules(_doc([*layout[:4], "Previous Balance     ₱512.40", "Payment Received    -₱512.40",
                               *layout[4:7]]))
    assert paid.bill.payments == Decimal("512.40")
