"""Kinds of one-line mailing addresses under the addressee's name (made-up pages): a numbered street with its
town and a Canadian postal code, a street and its town with no postcode, a house number after a short word
("Plot 45"), and a trading name ending in "ENT."."""

from __future__ import annotations

from minimeter.extract.addressee import ONE_LINE, ONE_TOWN, POSTCODE, STREET, looks_like_name
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page


def _doc(layout: list[str]) -> Document:
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    return Document(pages=[Page(number=1, text="\n".join(plain), layout_text="\n".join(layout))], page_count=1)


def _bill(name: str, address: list[str]) -> list[str]:
    return [
        "Sample Power Distribution",
        "Customer care 0800 000 000",
        "",
        f"{name:<56}Account number      4400012345",
        *(f"{a:<56}{r}" for a, r in zip(address + [""] * 2, ["Bill date           09/07/2031",
                                                              "Due date            23/07/2031"], strict=False)),
        "",
        "Total due                                               200.00",
    ]


def test_a_numbered_street_with_its_town_and_a_canadian_postal_code() -> None:
    assert STREET.match("8815 118 Ave NW, Sampletown AB T5B 0T7") and STREET.match("301 3 St S")
    assert POSTCODE.search("Sampletown AB T3H 4X2") and not POSTCODE.search("Sampletown AB T3H4X2")
    for address in ("8815 118 Ave NW, Sampletown AB T5B 0T7", "67 Sample Ridge Dr SW, Sampletown AB T3H 4X2"):
        bill = extract_rules(_doc(_bill("Alex Example", [address]))).bill
        assert bill.customer_name == "Alex Example"
        assert bill.service_address == address


def test_a_street_and_its_town_with_no_postcode_is_a_whole_address() -> None:
    assert ONE_TOWN.match("5 Sample Bello Way, Sampleton") and not ONE_TOWN.match("5 Way, Sampleton")
    bill = extract_rules(_doc(_bill("ADA EXAMPLE", ["5 Sample Bello Way, Sampleton"]))).bill
    assert bill.service_address == "5 Sample Bello Way, Sampleton"


def test_a_street_and_a_flat_over_a_postal_line_keeps_the_postal_line() -> None:
    bill = extract_rules(_doc(_bill("Ada Example", ["12 Sample Road, Flat 2", "Sampleton SA3 9PY"]))).bill
    assert bill.service_address == "12 Sample Road, Flat 2, Sampleton SA3 9PY"


def test_a_house_number_after_a_short_word() -> None:
    assert ONE_LINE.match("Plot 45 Sample Kano Crescent, Sample II, Sampleton")
    bill = extract_rules(_doc(_bill("ADA EXAMPLE", ["Plot 45 Sample Kano Crescent, Sample II, Sampleton"]))).bill
    assert bill.service_address == "Plot 45 Sample Kano Crescent, Sample II, Sampleton"


def test_a_trading_name_ending_in_ent_is_a_name() -> None:
    assert looks_like_name("MAMA SAMPLE KITCHEN ENT.", None)
    assert not looks_like_name("Account No.", None)
    bill = extract_rules(_doc(_bill("MAMA SAMPLE KITCHEN ENT.", ["12 Sample Jones Avenue, Sampleton, Sample"]))).bill
    assert bill.service_address == "12 Sample Jones Avenue, Sampleton, Sample"
