#!/usr/bin/env python3
"""Write a corpus of hostile files (PDFs and things posing as bills) into a folder.

Everything is generated here, byte by byte: nothing is downloaded. The corpus exercises the
reader sandbox (RELIABILITY.md case 18): truncated, encrypted, mislabelled, deeply nested,
decompression-bomb, circular-reference, CPU-heavy, huge-page-count and huge files.

    python scripts/hostile_corpus.py OUTDIR [--huge-mb 30] [--bomb-gib 4]

``build(outdir)`` returns ``{file name: what it is}``; the reliability tests call it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import struct
import sys
import zlib
from pathlib import Path

TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Total Amount Due: $42.00) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(body: bytes, extra: bytes = b"") -> bytes:
    """A stream object body with a correct /Length."""
    return b"<< /Length %d %s>>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def build_pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"", prev: int | None = None) -> bytes:
    """A classic-xref PDF from object bodies (object i+1 is ``objects[i]``)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    p = b"" if prev is None else b" /Prev %d" % (xref_at if prev == -1 else prev)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R%s %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, p, trailer_extra, xref_at))
    return out.getvalue()


def simple_pdf(content: bytes = TEXT_PAGE, *, page_extra: bytes = b"", content_extra: bytes = b"") -> bytes:
    """One page with ``content`` as its content stream."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> %s>>" % page_extra,
        stream(content, content_extra),
        FONT,
    ])


def zeros_bomb(gib: float) -> bytes:
    """A zlib stream that inflates to ``gib`` GiB of zeros, built without compressing them all.

    After a full flush deflate blocks do not refer back, so one compressed MiB block can be
    repeated; the Adler-32 of n zero bytes is (n mod 65521) << 16 | 1.
    """
    mib = b"\0" * (1 << 20)
    c = zlib.compressobj(9)
    head = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    n = max(2, int(gib * 1024))
    total = n << 20
    return head + block * (n - 1) + b"\x03\x00" + struct.pack(">I", ((total % 65521) << 16) | 1)


def _encrypted(password: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf())))
    w.encrypt(user_password=password, owner_password="owner-" + password, algorithm=algorithm)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _nested_pages(depth: int) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        n = i + 2
        parent = b" /Parent %d 0 R" % (n - 1) if i else b""
        objs.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (n + 1, parent))
    n = depth + 2
    objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (n - 1, n + 1, n + 2))
    objs += [stream(TEXT_PAGE), FONT]
    return build_pdf(objs)


def _many_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (i + 5) for i in range(count))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            stream(TEXT_PAGE), FONT]
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
            b" /Resources << /Font << /F1 4 0 R >> >> >>")
    objs += [page] * count
    return build_pdf(objs)


def _circular_kids() -> bytes:
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",  # the page tree contains itself
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream(TEXT_PAGE),
    ])


def _self_ref_length() -> bytes:
    body = b"BT (x) Tj ET"
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length 5 0 R >>\nstream\n" + body + b"\nendstream",
        b"5 0 R",  # a length that is a reference to itself
    ])


def _xobject_loop() -> bytes:
    """A form XObject that draws itself: naive text extraction recurses forever."""
    form = stream(b"/X1 Do",
                  b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >> ")
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /X1 5 0 R >> >> >>",
        stream(b"/X1 Do"),
        form,
    ])


def build(outdir: Path, *, huge_mb: int = 30, bomb_gib: float = 4.0, seed: int = 8) -> dict[str, str]:
    """Write the corpus into ``outdir``; return ``{name: description}``."""
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    good = simple_pdf()
    files: dict[str, tuple[bytes, str]] = {}

    def add(name: str, data: bytes, what: str) -> None:
        files[name] = (data, what)

    add("truncated_half.pdf", good[: len(good) // 2], "cut in the middle of an object")
    add("truncated_header_only.pdf", b"%PDF-1.7\n", "nothing after the header")
    add("truncated_before_xref.pdf", good[: good.rindex(b"xref")], "no xref table, no trailer")
    add("truncated_mid_stream.pdf", good[: good.index(b"stream") + 20], "cut inside the content stream")
    add("encrypted_rc4.pdf", _encrypted("secret", "RC4-128"), "RC4 encryption with a user password")
    with contextlib.suppress(Exception):  # AES needs the cryptography package; RC4 covers encryption
        add("encrypted_aes256.pdf", _encrypted("secret", "AES-256"), "AES-256 encryption with a user password")
    add("encrypted_bogus_filter.pdf", build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /NoSuchHandler /V 9 /R 9 /O (x) /U (y) /P -4 >>"],
        trailer_extra=b"/Encrypt 4 0 R /ID [<00> <00>] "), "an /Encrypt dictionary with an unknown handler")
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000))
    add("mislabelled_png.pdf", png, "PNG magic and garbage, named .pdf")
    add("mislabelled_html.pdf", b"<!doctype html><html><body>Your bill is ready. Log in to view it.</body></html>",
        "a web page saved as .pdf")
    add("mislabelled_zip.pdf", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(4000)), "a zip named .pdf")
    add("random_bytes.pdf", bytes(rng.randrange(256) for _ in range(10000)), "10 kB of random bytes")
    add("jpeg_garbage.jpg", b"\xff\xd8\xff\xe0" + bytes(rng.randrange(256) for _ in range(5000)),
        "JPEG magic and garbage")
    add("pdf_late_header.pdf", b"\0" * 2048 + good, "a PDF header after 2 kB of zeros")
    add("nested_arrays.pdf", simple_pdf(page_extra=b"/Junk " + b"[" * 50_000 + b"]" * 50_000 + b" "),
        "arrays nested 50,000 deep")
    add("nested_dicts.pdf", simple_pdf(page_extra=b"/Junk " + b"<< /A " * 20_000 + b">> " * 20_000),
        "dictionaries nested 20,000 deep")
    add("nested_page_tree.pdf", _nested_pages(5_000), "a page tree 5,000 levels deep")
    add("bomb_flate.pdf", simple_pdf(zeros_bomb(bomb_gib), content_extra=b"/Filter /FlateDecode "),
        f"a content stream that inflates to {bomb_gib:g} GiB")
    inner = zeros_bomb(bomb_gib)
    add("bomb_double_flate.pdf",
        simple_pdf(zlib.compress(inner, 9), content_extra=b"/Filter [/FlateDecode /FlateDecode] "),
        f"two Flate layers, {bomb_gib:g} GiB inside")
    ops = zlib.compress(b"BT /F1 1 Tf 1 0 0 1 10 10 Tm (x) Tj ET\n" * 400_000, 9)
    add("cpu_many_ops.pdf", simple_pdf(ops, content_extra=b"/Filter /FlateDecode "),
        "400,000 text operators in one page")
    add("circular_prev.pdf", build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", stream(TEXT_PAGE)], prev=-1),
        "an xref whose /Prev points at itself")
    broken_xref = simple_pdf().replace(b"startxref\n", b"startxref\n9")  # offset past the end
    add("circular_prev_broken_startxref.pdf", build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", stream(TEXT_PAGE)], prev=9)
        + broken_xref[-40:], "an xref /Prev into nowhere plus a bogus trailing startxref")
    add("circular_kids.pdf", _circular_kids(), "a page tree that contains itself")
    add("circular_self_length.pdf", _self_ref_length(), "a stream /Length that refers to itself")
    add("circular_xobject.pdf", _xobject_loop(), "a form XObject that draws itself")
    add("huge_page_count.pdf", _many_pages(20_000), "20,000 pages")
    pad = os.urandom(huge_mb << 20)
    add("huge_file.pdf", build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(TEXT_PAGE), FONT, stream(pad)]), f"{huge_mb} MB, most of it one unused random stream")
    for name, (data, _) in files.items():
        (outdir / name).write_bytes(data)
    return {name: what for name, (_, what) in files.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--huge-mb", type=int, default=30)
    ap.add_argument("--bomb-gib", type=float, default=4.0)
    args = ap.parse_args(argv)
    for name, what in build(args.outdir, huge_mb=args.huge_mb, bomb_gib=args.bomb_gib).items():
        print(f"{name:40s} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
