"""Charge lines the page prints (quantity x rate = amount) confirm the usage they bill, whatever line items an
extractor kept; and a charge billed on more than the usage read says that usage is only a part."""

from __future__ import annotations

from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, Meter
from minimeter.settings import Settings
from minimeter.validate import finalize
from minimeter.validate.printed import PrintedIndex
from tests.validate.bills import make_bill

HEAD = ("Account Number 12345678  Statement Date 03/02/2024  Due Date 03/22/2024\n"
        "Service Period 01/30/2024 - 02/28/2024  (29 days)\n"
        "Total Amount Due                                        240.00\n\n")



def _bill(**kw: object) -> BillNormalized:
    return make_bill(**{"total_amount_due": Decimal("240.00"), **kw})


def _usage(bill: BillNormalized, body: str, settings: Settings) -> tuple[bool | None, str]:
    text = HEAD + body
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=0.95, source="model")
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    res = finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)
    return next((c.passed, c.message) for c in res.checks if c.rule == "usage_confirmed")


ENERGY = ("Energy supply          1,240 kWh  x  0.1230   =      152.52\n"
          "Network                1,240 kWh  x  0.0705   =       87.42\n"
          "Average use last year    1,180 kWh\n")


def test_a_charge_line_the_page_prints_confirms_the_usage_it_bills(settings: Settings) -> None:
    ok, message = _usage(_bill(electricity_kwh=Decimal("1240")), ENERGY, settings)
    assert ok is True and "bills 1240 x 0.1230 = 152.52" in message
    # Last year's figure is billed nowhere: not confirmed.
    assert _usage(_bill(electricity_kwh=Decimal("1180")), ENERGY, settings)[0] is False


def test_a_charge_billed_on_more_than_the_usage_makes_it_a_part(settings: Settings) -> None:
    # One register's reads give 52 kWh, but the bill charges a component on all 215 kWh.
    body = ("Meter 77  Peak      Prior 1,607   Present 1,659      52 kWh\n"
            "Peak energy            52 kWh  x  0.5107  =      26.56\n"
            "Off-peak energy       163 kWh  x  0.4212  =      68.66\n"
            "Flag surcharge        215 kWh  x  0.0446  =       9.59\n")
    part = _bill(electricity_kwh=Decimal("52"), meters=[Meter(prior_read=Decimal("1607"), present_read=Decimal("1659"),
                                                                usage=Decimal("52"), commodity="electricity")])
    ok, message = _usage(part, body, settings)
    assert ok is False and "billed on 215" in message
    whole = _bill(electricity_kwh=Decimal("215"))
    assert _usage(whole, body, settings)[0] is True


def test_parts_of_a_larger_printed_quantity_do_not_confirm_one_part(settings: Settings) -> None:
    body = ("Water period quantity      69 m3\n"
            "Water above the allowance  49 m3  x  2.3200  =  113.68\n"
            "Sewer above the allowance  49 m3  x  2.2800  =  111.72\n"
            "Federal water tax          23 m3  x  0.1100  =    2.53\n"
            "Federal water tax          46 m3  x  0.1000  =    4.60\n")
    assert _usage(_bill(water_usage=Decimal("69"), water_usage_unit="m3"), body, settings)[0] is True
    ok, _message = _usage(_bill(water_usage=Decimal("49"), water_usage_unit="m3"), body, settings)
    assert ok is False


def test_a_count_of_things_is_no_quantity_of_the_usage(settings: Settings) -> None:
    body = "Lamps   2 x 15.00 = 30.00\nUsage 2 kWh\n"
    assert _usage(_bill(electricity_kwh=Decimal("2")), body, settings)[0] is False


TABLE = ("Description                          Unit     Qty     Unit price     Amount    Tax base    Tax\n"
         "Energy delivery peak                 kWh       48      0,512300       24,59       24,59    4,43\n"
         "Energy delivery off-peak             kWh      167      0,431100       71,99       71,99   12,96\n"
         "Flag surcharge                       kWh      215      0,044630        9,60        9,60    1,73\n")


def test_a_table_row_without_a_multiplication_sign_is_a_charge_line(settings: Settings) -> None:
    # Columns, no "x": the row is priced only because quantity x unit price gives its amount.
    whole = _bill(electricity_kwh=Decimal("215"))
    ok, message = _usage(whole, TABLE, settings)
    assert ok is True and "215 x 0.044630 = 9.60" in message
    # One register's figure is a part of what the table bills on.
    ok, message = _usage(_bill(electricity_kwh=Decimal("48")), TABLE, settings)
    assert ok is False and "billed on 215" in message
    # Figures in columns that do not multiply are no charge line (the two rows left still add up to 215).
    text = HEAD + TABLE.replace("0,044630", "0,051000")
    lines = PrintedIndex(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)).charge_lines()
    assert [(li.description, li.quantity, li.amount) for li in lines] == [
        ("Energy delivery peak", Decimal("48"), Decimal("24.59")),
        ("Energy delivery off-peak", Decimal("167"), Decimal("71.99"))]
    assert _usage(whole, TABLE.replace("0,044630", "0,051000"), settings)[0] is True
