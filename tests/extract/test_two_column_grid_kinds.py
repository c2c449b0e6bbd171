"""A two-column block of "Label  value  Label  value" rows (layout text): each value beside its own label."""

from __future__ import annotations

from minimeter.extract.candidates import Finder
from tests.helpers import page_doc

ROWS = [
    " Account Number      12-3456-7890                                       Statement Date    2031-05-05",
    " Service Address     12 Example Rd, Sampletown ON K1A 0B1              Billing Period    2031-04-04 to 2031-05-02",
    " Rate Class          Residential                                        Price Plan        Time-of-Use",
    " Meter Number        X1234567                                           Days in period    28",
]


def _best(fname: str) -> object:
    finder = Finder(page_doc(ROWS), None)
    found = [c for c in finder.labelled(fname, "text", None) if c.layout]
    assert found, fname
    return max(found, key=lambda c: c.score).value


def test_an_address_with_the_next_columns_period_beside_it_is_read() -> None:
    # Only the first cell is the address: the next column's "Billing Period" and its dates do not disqualify it.
    assert _best("service_address") == "12 Example Rd, Sampletown ON K1A 0B1"


def test_a_row_of_captions_and_values_over_another_such_row_is_no_header_grid() -> None:
    # Four cells with no figure over a row that starts with a label: not captions over their values, so
    # "Time-of-Use" is read beside "Price Plan" (not the "Days in period" cell under it), and the price plan,
    # how the energy is priced, wins over the customer's rate class.
    assert _best("rate_plan") == "Time-of-Use"
