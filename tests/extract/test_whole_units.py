"""Summary blocks of a bill printed in whole currency units (kinds seen on real bills: rupees with no paise):
its whole figures are its amounts, and a charge row's quantity, rate or tax cells are no label."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.blocks import find_blocks, whole_units
from minimeter.extract.candidates import Finder
from minimeter.extract.rules import extract_rules
from minimeter.schema import ExtractionResult
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.helpers import page_doc

CHARGES = ["EXAMPLE DISTRIBUTION COMPANY LTD", "ISSUE DATE 23-DEC-24", "",
           "COST OF ELECTRICITY          98 x 47.58 + 349 x 41.26    19,063",
           "F.C SURCHARGE                447 x 3.23                   1,444",
           "FUEL PRICE ADJUSTMENT (FPA)  447 x -0.52                   -232",
           "ELECTRICITY DUTY             1.5%                           286",
           "GST                          18% of 20,275                3,650",
           "TV FEE                                                       35",
           "CURRENT BILL                                             24,246",
           "TOTAL                                                    24,246"]


def test_the_charges_of_a_bill_in_whole_units_add_up_as_a_block() -> None:
    finder = Finder(page_doc(CHARGES), None)
    assert whole_units(finder)
    block = next(b for b in find_blocks(finder) if b.evidence)
    assert block.closes is not None and block.closes[2] == Decimal("24246")
    assert len(block.rows) == 8


def test_the_block_confirms_the_total_of_a_bill_in_whole_units() -> None:
    doc = page_doc(CHARGES)
    out = extract_rules(doc)
    res = finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    assert res.bill.total_amount_due == Decimal("24246")
    assert next(c.passed for c in res.checks if c.rule == "total_confirmed") is True


def test_a_bill_with_cents_keeps_its_whole_figures_out_of_its_amounts() -> None:
    lines = [*CHARGES[:3], "Energy   447 kWh x 0.1234   55.16", "Meter 12345", "Units 447", "Total due   55.16"]
    assert not whole_units(Finder(page_doc(lines), None))
