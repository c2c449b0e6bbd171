"""The generic finder on layout text: a value right of its label, under it, or in its header's column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.candidates import Finder
from minimeter.readers.base import Document, Page


def _finder(lines: list[str]) -> Finder:
    layout = "\n".join(lines)
    # The plain text is content order: here every word on its own line, as word-per-line text layers print.
    plain = "\n".join(w for ln in lines for w in ln.split())
    return Finder(Document(pages=[Page(number=1, text=plain, layout_text=layout)], page_count=1), None)


def _best(finder: Finder, fname: str, kind: str, dkind: str | None):  # type: ignore[no-untyped-def]
    return max(finder.labelled(fname, kind, dkind), key=lambda c: c.score)


def test_value_on_the_same_row_to_the_right() -> None:
    f = _finder(["Customer Care 0800 123 456",
                 "Amount Due                        $61.20      After Mar 05 Pay  $63.35"])
    best = _best(f, "total_amount_due", "money", "money")
    assert best.value == Decimal("61.20") and best.layout


def test_value_below_its_label_in_the_same_column() -> None:
    f = _finder([
        "Account Number            Statement Date            Amount Due",
        "7781-22-9910              03/02/2024                $170.00",
    ])
    assert _best(f, "account_number", "id", "identifier").value == "7781-22-9910"
    assert _best(f, "statement_date", "date", "date").value == dt.date(2024, 3, 2)
    assert _best(f, "total_amount_due", "money", "money").value == Decimal("170.00")


def test_header_grid_values_are_read_under_their_own_header() -> None:
    f = _finder([
        "   Due Date             Bill Date            Total Due",
        "   April 15, 2024       April 1, 2024        $88.10",
    ])
    assert _best(f, "due_date", "date", "date").value == dt.date(2024, 4, 15)
    assert _best(f, "statement_date", "date", "date").value == dt.date(2024, 4, 1)


def test_every_candidate_reads_back_to_its_characters() -> None:
    f = _finder(["Total Amount Due     $42.00", "Due Date   05/01/2024"])
    for fname, kind in (("total_amount_due", "money"), ("due_date", "date")):
        for c in f.labelled(fname, kind, kind):
            view = next(v for v in f.views if v.layout == c.layout and v.page == c.page)
            assert view.text[c.start:c.end] == c.raw


def test_guessing_the_date_order_survives_figures_that_are_no_dates() -> None:
    from minimeter.extract.formats import guess_date_order

    # Two numbers over 12 with a year-like tail (a ratio, a reference) and a year 0: no date, no crash.
    assert guess_date_order("Ref 25/31/24  Load 14.19.2031  Code 05/06/0000  Due 17/03/2031") == "DMY"
