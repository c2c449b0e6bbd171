"""OCR's look-alikes inside figures (extract/ocrfix.py): a currency sign read as a letter, letters
read for digits. Only pages read by OCR are repaired, one character for one."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract import ocrfix, parse
from minimeter.readers import geometry
from minimeter.readers.base import Document, Page


def ocr_doc(lines: list[str], *, ocr: bool = True) -> Document:
    """A one-page document whose words have boxes and offsets, as a reader builds it."""
    boxes = [geometry.WordBox(w, 10.0 + 60 * i, 20.0 * n, 10.0 + 60 * i + 6 * len(w), 20.0 * n + 9)
             for n, line in enumerate(lines) for i, w in enumerate(line.split())]
    layout, words = geometry.layout(boxes)
    return Document(pages=[Page(number=1, text="\n".join(lines), layout_text=layout, words=words, ocr=ocr)],
                    page_count=1)


def test_a_misread_peso_sign_is_put_back_before_figures_with_cents() -> None:
    doc = ocr_doc(["Current Charges P60,804.41", "Total Amount Due P60,804.41", "Meter P1234 rate P 12"])
    page = ocrfix.repair(doc).pages[0]
    assert "₱60,804.41" in page.text and page.layout_text.count("₱60,804.41") == 2
    assert "P1234" in page.layout_text and "P 12" in page.text  # no cents: a word, not a sign
    for w in page.words:
        assert page.layout_text[w.start:w.end] == w.text
    money = parse.find_money(page.layout_text)
    assert [m.value for m in money] == [Decimal("60804.41"), Decimal("60804.41")]
    assert parse.currencies_in(page.layout_text) == {"PHP": 2}


def test_one_lone_lookalike_or_a_text_layer_is_left_as_printed() -> None:
    once = ocr_doc(["Plan P12.50 monthly", "Total due $40.00"])
    assert ocrfix.repair(once) is once
    layer = ocr_doc(["Current Charges P60,804.41", "Total Amount Due P60,804.41"], ocr=False)
    assert ocrfix.repair(layer) is layer


def test_letters_read_for_digits_inside_a_figure_with_cents() -> None:
    doc = ocr_doc(["Total new charges $1,O41.12", "Supply $l2.5O", "Ref IO.OO", "Meter MTR5O32"])
    page = ocrfix.repair(doc).pages[0]
    assert "$1,041.12" in page.layout_text and "$12.50" in page.layout_text
    assert "IO.OO" in page.layout_text and "MTR5O32" in page.layout_text  # too few digits / no cents
    for w in page.words:
        assert page.layout_text[w.start:w.end] == w.text
