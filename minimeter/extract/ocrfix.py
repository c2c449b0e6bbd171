"""OCR's misreadings inside figures, repaired on the pages read by OCR (a text layer prints what the
bill says, so its pages are never touched).

``repair(doc) -> Document``: ``doc`` itself when nothing changes, else a copy whose OCR pages have,
in both ``text`` and ``layout_text`` (and their words' text):

* a currency sign put back where OCR printed a look-alike (``[currencies.XXX] misread`` in the
  lexicon, a character listed under one currency only): the look-alike standing alone (no letter
  or digit before it) right before a figure with cents, "P60,804.41" -> "₱60,804.41". Only when the
  document shows it at least twice: one "P 12.50" is more likely a word than a sign;
* letters read for digits inside a figure with cents: "O" or "o" for 0 and "l" or "I" for 1 where
  a digit stands next to them ("1,O41.12" -> "1,041.12", "$l2.50" -> "$12.50").

Every repair swaps one character for one, so each word's offsets (``Word.start/end``) stay true.
A repaired figure is still a reading like any OCR'd value: the checks (charges adding up to the
total, usage confirmed) decide whether the bill is accepted.
"""

from __future__ import annotations

import functools
import re

from minimeter.extract import lexicon
from minimeter.readers.base import Document, Page

# A figure with cents: groups of three after a separator, then a decimal mark and two digits.
_FIG = r"\d{1,3}(?:[,.'\u00a0 ]\d{3})*[.,]\d{2}(?!\d)"
_DIGITISH = "0-9OolI"
# A figure with cents in which O/o/l/I may stand for digits; no letter or digit on either side.
_LOOSE_FIG = re.compile(
    rf"(?<![^\W_])[{_DIGITISH}]{{1,3}}(?:[,.][{_DIGITISH}]{{3}})*[.,][{_DIGITISH}]{{2}}(?![^\W_])")
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
MIN_SIGN_REPAIRS = 2


@functools.cache
def _lookalikes() -> dict[str, str]:
    """Look-alike character -> the sign it stands for (only look-alikes of a single currency)."""
    seen: dict[str, set[str]] = {}
    for cur in lexicon.load().currencies.values():
        sign = next((t for t in cur.before if len(t) == 1 and not t.isalpha()), None)
        for m in cur.misread:
            if sign:
                seen.setdefault(m, set()).add(sign)
    return {m: next(iter(s)) for m, s in seen.items() if len(s) == 1}


def _sign_rx() -> re.Pattern[str] | None:
    looks = _lookalikes()
    if not looks:
        return None
    alt = "|".join(re.escape(m) for m in sorted(looks))
    return re.compile(rf"(?<![^\W_])(?P<m>{alt})(?=[ ]?{_FIG})")


def _digits(text: str) -> str:
    """Letters inside figures with cents read as the digits they stand for."""
    def fix(m: re.Match[str]) -> str:
        s = m.group(0)
        if sum(ch.isdigit() for ch in s) < 2:  # ("Io.oo" is a word, not a figure)
            return s
        out = list(s)
        for i, ch in enumerate(s):
            if ch in "OolI" and ((i > 0 and s[i - 1].isdigit()) or (i + 1 < len(s) and s[i + 1].isdigit())):
                out[i] = ch.translate(_AS_DIGIT)
        return "".join(out)

    return _LOOSE_FIG.sub(fix, text)


def _signs(text: str, rx: re.Pattern[str]) -> str:
    looks = _lookalikes()
    return rx.sub(lambda m: looks[m["m"]], text)


def _fixed_page(page: Page, sign_rx: re.Pattern[str] | None) -> Page:
    before = page.layout_text or ""
    text, layout = _digits(page.text), _digits(before)
    if sign_rx is not None:
        text, layout = _signs(text, sign_rx), _signs(layout, sign_rx)
    if (text, layout) == (page.text, before):
        return page
    assert len(layout) == len(before)  # one character for one: offsets hold
    words = [w if layout[w.start:w.end] == w.text else w.model_copy(update={"text": layout[w.start:w.end]})
             for w in page.words]
    return page.model_copy(update={"text": text, "layout_text": layout if page.layout_text is not None else None,
                                   "words": words})


def repair(doc: Document) -> Document:
    """``doc`` with OCR's look-alikes inside figures repaired on its OCR pages (see the module docstring)."""
    if not any(p.ocr for p in doc.pages):
        return doc
    rx = _sign_rx()
    if rx is not None:
        hits = sum(len(rx.findall(p.layout_text or p.text)) for p in doc.pages if p.ocr)
        if hits < MIN_SIGN_REPAIRS:
            rx = None
    pages = [_fixed_page(p, rx) if p.ocr else p for p in doc.pages]
    if all(a is b for a, b in zip(pages, doc.pages, strict=True)):
        return doc
    return doc.model_copy(update={"pages": pages})
