"""Word boxes and the layout text rebuilt from them, on real PDFs drawn with fpdf2."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from minimeter.readers import geometry
from minimeter.readers.base import Document, Page, ReadOptions, Word
from minimeter.readers.geometry import (
    Glyph,
    WordBox,
    box_of,
    columns,
    layout,
    rows,
    tables,
    words_from_glyphs,
    words_in,
)
from minimeter.readers.pdf import read_pdf


def _pdf(path: Path, draw: Callable[[Any], None], size: tuple[float, float] = (612, 792)) -> Path:
    """A one-page PDF in points (y is the baseline, from the top), drawn by ``draw(fpdf)``."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=size)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    draw(pdf)
    pdf.output(str(path))
    return path


def _read(path: Path) -> Page:
    doc = read_pdf(path, ReadOptions())
    page = doc.pages[0]
    assert page.layout_text is not None
    for w in page.words:  # the contract every consumer relies on
        assert page.layout_text[w.start:w.end] == w.text
    return page


def _line_with(page: Page, needle: str) -> str:
    assert page.layout_text is not None
    return next(line for line in page.layout_text.splitlines() if needle in line)


def _word(page: Page, text: str) -> Word:
    return next(w for w in page.words if w.text == text)


def test_label_and_value_far_apart_in_the_stream_share_a_row(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        pdf.text(72, 100, "Balance Due")  # labels first, values later: content order splits them
        pdf.text(72, 120, "After Mar 05 Pay")
        pdf.text(400, 120, "$60.35")
        pdf.text(400, 100, "$61.20")

    page = _read(_pdf(tmp_path / "rows.pdf", draw))
    assert page.width == 612 and page.height == 792
    assert re.search(r"Balance Due {2,}\$61\.20", _line_with(page, "Balance"))
    assert re.search(r"After Mar 05 Pay {2,}\$60\.35", _line_with(page, "After"))
    w = _word(page, "$61.20")
    assert w.x0 == pytest.approx(400, abs=1) and 88 < w.top < 100 < w.bottom < 104
    # Plain text keeps content order.
    assert page.text.index("After") < page.text.index("$61.20")


def test_letters_printed_one_by_one_are_one_word(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        pdf.text(72, 100, "Usage")
        x = 200.0
        for ch in "1250kWh":  # each glyph its own show operation, at its natural advance
            pdf.text(x, 100, ch)
            x += pdf.get_string_width(ch) + 0.3
        x = 72.0
        for ch in "Total":  # and a word split in two show operations
            pdf.text(x, 140, ch)
            x += pdf.get_string_width(ch)
        pdf.text(x + 2.8, 140, "Due")  # a space's width: a new word
        pdf.text(72, 180, "Bal")  # a word whose pieces are apart in the content stream
        pdf.text(300, 180, "$5.00")
        pdf.text(72 + pdf.get_string_width("Bal"), 180, "ance")

    page = _read(_pdf(tmp_path / "letters.pdf", draw))
    assert [w.text for w in page.words if w.top < 110] == ["Usage", "1250kWh"]
    assert "Total Due" in _line_with(page, "Total")
    assert re.search(r"Balance {2,}\$5\.00", _line_with(page, "Bal"))


def test_rotated_page_is_read_as_displayed(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    def draw(pdf: Any) -> None:
        # Landscape content drawn sideways on a portrait page, as scanners and some billing
        # systems do, then /Rotate 90 turns it upright.
        with pdf.rotation(90, x=100, y=700):
            pdf.text(100, 700, "Amount due")
            pdf.text(300, 700, "$42.00")
        pdf.text(72, 72, "Sideways margin note")  # upright in the file: sideways once rotated

    src = _pdf(tmp_path / "src.pdf", draw)
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.pages[0].rotate(90)
    writer.pages[0].cropbox.lower_left = (20, 30)
    writer.write(tmp_path / "rotated.pdf")
    page = _read(tmp_path / "rotated.pdf")
    assert (page.width, page.height) == (762, 592)  # crop box 592 x 762, turned
    assert re.search(r"Amount due {2,}\$42\.00", _line_with(page, "Amount"))
    a, v = _word(page, "due"), _word(page, "$42.00")
    assert a.x1 < v.x0 and abs((a.top + a.bottom) - (v.top + v.bottom)) < 2
    assert 0 <= v.x0 <= page.width and 0 <= v.top <= page.height
    assert "Sideways" not in page.layout_text  # not upright on the displayed page: not in a row
    assert "Sideways" in page.text


def test_two_columns_keep_their_rows_apart_and_are_detected(tmp_path: Path) -> None:
    left = ["Account Number: 4400112233", "Statement date: 02/06/2024", "Meter: 88123"]
    right = ["Previous balance $98.10", "Payment received -$98.10", "Total due $123.45"]

    def draw(pdf: Any) -> None:
        pdf.text(150, 40, "Example Power & Light - Statement of account for February 2024")  # across both
        for i, s in enumerate(left):
            pdf.text(50, 100 + 16 * i, s)
        for i, s in enumerate(right):
            pdf.text(330, 101 + 16 * i, s)  # a baseline a point off, as two text boxes often are

    page = _read(_pdf(tmp_path / "cols.pdf", draw))
    line = _line_with(page, "Account Number")
    assert re.search(r"Account Number: 4400112233 {2,}Previous balance \$98\.10", line)
    cols = columns(page)
    assert cols == columns(page.words) and len(cols) == 2
    (l0, l1), (r0, r1) = cols
    assert l0 == pytest.approx(50, abs=2) and l1 < 330 and r0 == pytest.approx(330, abs=1)
    assert all(r0 <= w.x0 for w in page.words if w.text == "$123.45")


def test_a_table_header_and_the_cells_under_it(tmp_path: Path) -> None:
    header = [("Description", 60), ("Usage", 260), ("Rate", 340), ("Amount", 470)]
    body = [[("Energy charge", 60), ("512 kWh", 256), ("0.15", 344), ("76.80", 476)],
            [("Delivery", 60), ("", 0), ("", 0), ("46.65", 476)],
            [("Customer charge", 60), ("", 0), ("", 0), ("10.00", 476)]]

    def draw(pdf: Any) -> None:
        for t, x in header:
            pdf.text(x, 200, t)
        for r, cells in enumerate(body):
            for t, x in cells:
                if t:
                    pdf.text(x, 216 + 14 * r, t)
        pdf.text(60, 330, "Thank you for your payment")

    page = _read(_pdf(tmp_path / "table.pdf", draw))
    (table,) = tables(page)
    assert [c.text for c in table.header] == ["Description", "Usage", "Rate", "Amount"]
    assert [c.text if c else None for c in table.column("amount")] == ["76.80", "46.65", "10.00"]
    usage = table.column("Usage")
    assert usage[0] is not None and usage[0].text == "512 kWh" and usage[1] is None
    assert [r[0].text for r in table.body if r[0]] == ["Energy charge", "Delivery", "Customer charge"]


def test_words_in_and_box_of_map_a_layout_span_to_the_page(tmp_path: Path) -> None:
    page = _read(_pdf(tmp_path / "span.pdf", lambda pdf: (pdf.text(72, 100, "Total Amount Due"),
                                                          pdf.text(400, 100, "$1,234.56"))))
    assert page.layout_text is not None
    m = re.search(r"\$1,234\.56", page.layout_text)
    assert m
    ws = words_in(page, m.start(), m.end())
    assert [w.text for w in ws] == ["$1,234.56"]
    box = box_of(ws)
    assert box is not None and box[0] == pytest.approx(400, abs=1) and box[2] > box[0]
    lab = words_in(page, page.layout_text.index("Amount"), page.layout_text.index("Due") + 1)
    assert [w.text for w in lab] == ["Amount", "Due"]
    assert words_in(page, m.end() + 5, m.end() + 9) == [] and box_of([]) is None


def test_rows_and_layout_on_word_boxes() -> None:
    boxes = [WordBox("$5.00", 300, 100, 330, 110), WordBox("Fee", 50, 101, 70, 111),
             WordBox("Late", 20, 100.5, 45, 110.5), WordBox("Next", 20, 150, 45, 160)]
    assert [[w.text for w in r] for r in rows(boxes)] == [["Late", "Fee", "$5.00"], ["Next"]]
    text, words = layout(boxes)
    assert re.fullmatch(r"Late Fee {2,}\$5\.00\n\n\nNext", text), text  # a big gap: blank lines
    assert [w.text for w in words] == ["Late", "Fee", "$5.00", "Next"]
    assert layout([]) == ("", [])


def test_glyph_merging_rules() -> None:
    def g(ch: str, x: float, w: float = 5.0, top: float = 100.0) -> Glyph:
        return Glyph(ch, x, top, x + w, top + 12)

    # k, W, h at their advance (W overlaps h slightly): one word; a space glyph splits.
    assert [w.text for w in words_from_glyphs([g("k", 10), g("W", 15, 9), g("h", 23.5), Glyph(" ", 0, 0, 0, 0),
                                               g("x", 40)])] == ["kWh", "x"]
    # A gap of about a space (3 pt at 12 pt height) starts a new word; another line too.
    assert [w.text for w in words_from_glyphs([g("a", 10), g("b", 18), g("c", 23, top=120)])] == ["a", "b", "c"]
    # Fake bold: the same word printed twice half a point apart is kept once.
    twice = [g("O", 10), g("K", 15), g("O", 10.5), g("K", 15.5)]
    assert [w.text for w in words_from_glyphs(twice)] == ["OK"]
    # Right-to-left letters drawn right to left stay one word in reading order.
    heb = [g("ש", 50), g("ל", 45), g("ו", 40), g("ם", 35)]
    assert [w.text for w in words_from_glyphs(heb)] == ["שלום"]
    # A ligature comes out as plain letters; "m³" stays as printed (the finder knows it).
    assert [w.text for w in words_from_glyphs([g("ﬁ", 10), g("x", 15), Glyph(" ", 0, 0, 0, 0),
                                               g("m", 30), g("³", 35), Glyph(" ", 0, 0, 0, 0),
                                               g("Ｎ", 50), g("º", 55)])] == ["fix", "m³", "Nº"]
    assert len(words_from_glyphs((g(chr(65 + i % 26), 10 * i) for i in range(100)), limit=7)) == 7


def test_words_cross_the_sandbox_as_compact_json(tmp_path: Path) -> None:
    from minimeter.readers.sandbox import read_document
    from minimeter.settings import load_settings

    path = _pdf(tmp_path / "b.pdf", lambda pdf: [pdf.text(72, 60 + 12 * i, f"Line {i} charge {i}.00")
                                                  for i in range(50)])
    local = read_pdf(path, ReadOptions())
    doc = read_document(path, load_settings(tmp_path / "home"))
    assert doc.pages[0].words == local.pages[0].words and len(doc.pages[0].words) == 200
    raw = doc.model_dump_json()
    assert Document.model_validate_json(raw) == doc
    assert json.loads(raw)["pages"][0]["words"][0] == ["Line", 72.0, pytest.approx(51.4, abs=1.5),
                                                       pytest.approx(90, abs=2), pytest.approx(63, abs=1.5), 0, 4]
    assert len(raw) < 200 * 45 + len(doc.pages[0].text) * 2 + 2000


def test_word_cap_per_page_is_a_warning(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "many.pdf", lambda pdf: [pdf.text(20 + 60 * (i % 9), 20 + 9 * (i // 9), f"w{i}")
                                                     for i in range(9 * 80)])
    doc = read_pdf(path, ReadOptions(max_words_per_page=100))
    assert len(doc.pages[0].words) == 100
    assert any("only the first 100 words" in w for w in doc.warnings)


def test_word_cap_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_font("helvetica", size=10)
    for _ in range(3):
        pdf.add_page()
        for i in range(100):
            pdf.text(20 + 60 * (i % 9), 40 + 12 * (i // 9), f"w{i}")
    pdf.output(str(tmp_path / "three.pdf"))
    doc = read_pdf(tmp_path / "three.pdf", ReadOptions(max_words=150))
    assert [len(p.words) for p in doc.pages] == [100, 50, 0]
    assert doc.pages[2].layout_text and "w99" in doc.pages[2].layout_text  # pypdf's layout mode instead
    assert any("page 2: only the first 50 words" in w for w in doc.warnings)
    assert any("pages 3-3: no word boxes (over 150 words)" in w for w in doc.warnings)
    monkeypatch.setattr("minimeter.readers.pdf.GEOMETRY_SECONDS", -1.0)  # a file that makes boxes slow
    slow = read_pdf(tmp_path / "three.pdf", ReadOptions())
    assert all(not p.words and p.layout_text for p in slow.pages)
    assert any("pages 1-3: no word boxes (over -1 s)" in w for w in slow.warnings)


def test_layout_cost_grows_linearly() -> None:
    import time

    def timed(n: int) -> float:
        glyphs = [Glyph("x", 10 + 7 * (i % 80), 10 + 14 * (i // 80), 15 + 7 * (i % 80), 22 + 14 * (i // 80))
                  for i in range(n) if i % 6]
        t0 = time.perf_counter()
        layout(words_from_glyphs(glyphs))
        return time.perf_counter() - t0

    timed(2000)  # warm up
    small, big = min(timed(20_000) for _ in range(2)), min(timed(160_000) for _ in range(2))
    assert big < small * 8 * 2.5, (small, big)  # 8x the glyphs: about 8x the time, not 64x


def test_geometry_off_keeps_pypdf_layout_mode(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "b.pdf", lambda pdf: pdf.text(72, 100, "Total Due $5.00"))
    doc = read_pdf(path, ReadOptions(geometry=False))
    assert doc.pages[0].words == [] and doc.pages[0].layout_text and "Total Due" in doc.pages[0].layout_text
    assert geometry.CELL_GAP > 1


def test_span_box_for_layout_and_plain_spans(tmp_path: Path) -> None:
    from minimeter.readers.spans import fill_span_boxes, span_box
    from minimeter.schema import FieldEvidence, Span

    def draw(pdf: Any) -> None:
        pdf.text(72, 100, "Account 4400112233")
        pdf.text(72, 130, "Total Due")
        pdf.text(72, 160, "Late fee after 03/01")
        pdf.text(400, 130, "$61.20")  # far from its label in the content stream
        pdf.text(400, 700, "Account 4400112233")  # the account again, on the remittance stub

    doc = read_pdf(_pdf(tmp_path / "b.pdf", draw), ReadOptions())
    page = doc.pages[0]
    assert page.layout_text is not None
    at = page.layout_text.index("$61.20")
    layout_span = Span(page=1, start=at, end=at + 6, text="$61.20", layout=True)
    box = span_box(doc, layout_span)
    assert box is not None and box[0] == pytest.approx(400, abs=1) and 115 < box[1] < 130 < box[3] < 135
    # A plain-text span: found in the layout text by its characters.
    p_at = page.text.index("$61.20")
    assert span_box(doc, Span(page=1, start=p_at, end=p_at + 6, text="$61.20")) == box
    # Printed twice: the occurrence of the same rank (the second is the stub at the bottom).
    second = page.text.rindex("4400112233")
    b2 = span_box(doc, Span(page=1, start=second, end=second + 10, text="4400112233"))
    assert b2 is not None and b2[1] > 600
    assert span_box(doc, Span(page=2, start=0, end=3, text="abc")) is None
    assert span_box(doc, Span(page=1, start=0, end=5, text="not on the page")) is None
    evidence = {"total_amount_due": FieldEvidence(value="61.20", confidence=0.9, source="rules", span=layout_span),
                "currency": FieldEvidence(value="USD", confidence=0.9, source="derived")}
    assert fill_span_boxes(evidence.values(), doc) == 1
    filled = evidence["total_amount_due"].span
    assert filled is not None and filled.box is not None and filled.box[0] == pytest.approx(400, abs=1)
    # The box survives the result's JSON (it is stored with the bill version).
    again = FieldEvidence.model_validate_json(evidence["total_amount_due"].model_dump_json())
    assert again.span is not None and again.span.box == filled.box


def test_a_word_per_show_operation_in_shuffled_order_is_one_row(tmp_path: Path) -> None:
    import random

    words = ["Amount", "due", "by", "03/05/2024", "if", "paid", "late", "$60.35"]

    def draw(pdf: Any) -> None:
        xs, x = [], 72.0
        for w in words:
            xs.append(x)
            x += pdf.get_string_width(w) + pdf.get_string_width(" ")
        xs[-1] = 450.0
        order = list(range(len(words)))
        random.Random(7).shuffle(order)
        for i in order:
            pdf.text(xs[i], 300, words[i])

    page = _read(_pdf(tmp_path / "shuffled.pdf", draw))
    assert re.fullmatch(r"Amount due by 03/05/2024 if paid late {2,}\$60\.35", _line_with(page, "Amount").strip())
    assert [w.text for w in page.words] == words
