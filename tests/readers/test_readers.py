from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minimeter.errors import NoTextError, ReadError
from minimeter.readers.sandbox import read_document
from minimeter.settings import load_settings
from tests.helpers import bill_lines, make_pdf

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_settings(tmp_path / "home")


def _bill_image(path: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(bill_lines(total="123.45")):
        draw.text((80, 80 + i * 120), line, fill=0, font=font)
    img.save(path)
    return path


def test_text_pdf_has_plain_and_layout_text(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    doc = read_document(make_pdf(tmp_path / "b.pdf", bill_lines()), settings)
    assert doc.kind == "pdf" and doc.page_count == 1 and not doc.used_ocr
    assert "Total Amount Due: $123.45" in doc.pages[0].text
    assert doc.pages[0].layout_text and "Total Amount Due" in doc.pages[0].layout_text


@needs_tesseract
def test_a_page_whose_media_box_is_inherited_keeps_its_top_rows(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    # fpdf2 writes an A4 /MediaBox on the /Pages node, not on the page: the page is still A4, and the
    # letterhead printed 10 mm from its top is a row of the layout like any other.
    doc = read_document(make_pdf(tmp_path / "a4.pdf", ["Made-up Power Company", "Total Amount Due $12.00"]),
                        settings)
    page = doc.pages[0]
    assert round(page.height or 0) == 842 and round(page.width or 0) == 595
    assert page.layout_text and page.layout_text.lstrip().startswith("Made-up Power Company")


def test_ocr_reads_an_image(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    doc = read_document(_bill_image(tmp_path / "bill.png"), settings)
    assert doc.kind == "image" and doc.used_ocr
    assert "123.45" in doc.text and "Account" in doc.text


@needs_tesseract
def test_ocr_reads_a_scanned_pdf_page(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    png = _bill_image(tmp_path / "scan.png")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(png), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "scan.pdf"))
    doc = read_document(tmp_path / "scan.pdf", settings)
    assert doc.used_ocr and "123.45" in doc.text


def test_without_tesseract_image_and_scan_say_ocr_not_available(tmp_path: Path, settings,  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    png = _bill_image(tmp_path / "bill.png")
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(png), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "scan.pdf"))
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))  # the reader's child process finds no tesseract
    # one_shot: a fresh child that sees this PATH (a pooled reader started earlier would not).
    with pytest.raises(NoTextError, match="no text layer; OCR not available"):
        read_document(png, settings, one_shot=True)
    doc = read_document(tmp_path / "scan.pdf", settings, one_shot=True)
    assert not doc.has_text
    assert "no text layer; OCR not available" in doc.warnings


def test_bad_inputs_fail_with_one_line_reasons(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader, PdfWriter

    good = make_pdf(tmp_path / "good.pdf", bill_lines())
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    notpdf = tmp_path / "notes.pdf"
    notpdf.write_text("just some text, not a PDF\n")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(good.read_bytes()[:400])
    enc = tmp_path / "locked.pdf"
    w = PdfWriter(clone_from=PdfReader(str(good)))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with enc.open("wb") as fh:
        w.write(fh)
    cases = {empty: "empty", notpdf: "not a PDF", corrupt: "", enc: "password"}
    for path, words in cases.items():
        with pytest.raises(ReadError) as info:
            read_document(path, settings)
        msg = info.value.one_line()
        assert "\n" not in msg and "Traceback" not in msg
        assert words in msg, msg
    # An "encrypted" PDF with an empty user password (edit protection only) still reads.
    open_enc = tmp_path / "open.pdf"
    w2 = PdfWriter(clone_from=PdfReader(str(good)))
    w2.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    with open_enc.open("wb") as fh:
        w2.write(fh)
    opened = read_document(open_enc, settings)
    assert "123.45" in opened.text
    assert any(w.text == "$123.45" for w in opened.pages[0].words)  # PDFium opens it too


def _pdf_with_content(path: Path, stream: bytes, filters: str) -> Path:
    """A one-page PDF whose content stream is ``stream`` (already encoded with ``filters``)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _unsupported_encryption(tmp_path: Path, good: Path, old: bytes, new: bytes) -> Path:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(str(good)))
    w.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    enc = tmp_path / "enc.pdf"
    w.write(enc)
    data = enc.read_bytes()
    assert data.count(old) == 1
    out = tmp_path / f"enc-{new.decode().strip('/ ')}.pdf"
    out.write_bytes(data.replace(old, new))
    return out


def test_bombs_unsupported_filters_and_encryption_are_one_line_final_errors(tmp_path: Path,
                                                                             settings) -> None:  # type: ignore[no-untyped-def]
    """pypdf's LimitReachedError and NotImplementedError (also hidden behind an empty
    extract_text) become the reader's one-line, non-retryable ReadError, through the sandbox."""
    import zlib

    good = make_pdf(tmp_path / "good.pdf", bill_lines())
    cases = {
        "a decompression bomb": _pdf_with_content(tmp_path / "bomb.pdf", zlib.compress(b"0" * (400 << 20), 9),
                                                  "/FlateDecode"),
        "does not support": _pdf_with_content(tmp_path / "jbig.pdf", b"\x00" * 64, "/JBIG2Decode"),
        "only Standard PDF encryption": _unsupported_encryption(tmp_path, good, b"/Standard", b"/Custom00"),
        "V=9": _unsupported_encryption(tmp_path, good, b"/V 2", b"/V 9"),
    }
    for words, path in cases.items():
        with pytest.raises(ReadError) as err:
            read_document(path, settings)
        assert not isinstance(err.value, NoTextError), path.name  # not mistaken for a scan
        msg = err.value.one_line()
        assert words in msg and "\n" not in msg and "Traceback" not in msg, msg
        assert err.value.retryable is False, path.name


def test_the_plain_text_spells_out_ligature_glyphs() -> None:
    # A font's "ﬁ" glyph in the plain text layer hid the label "Identyfikator klienta" from the finder.
    from minimeter.readers.pdf import unligature

    assert unligature("Identyﬁkator\nklienta ﬂow ﬀ") == "Identyfikator\nklienta flow ff"
    assert unligature("Nº 12 m³") == "Nº 12 m³"  # nothing else is normalised
