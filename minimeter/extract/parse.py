"""Value parsers: money, numbers, quantities with units, dates (with or without years).

Every ``find_*`` function returns matches with character offsets into the text it was given, so
a candidate can always be traced back to the exact characters it was read from.

Number formats: ``us`` 1,234.56 / ``eu`` 1.234,56 / ``ch`` 1'234.50 (also 1’234.50, 1 234,50) /
``in`` 1,23,456.78. Without a hint the separators decide: the last separator followed by one or
two digits is the decimal mark; a single separator followed by exactly three digits is a thousands
separator (``1,234`` and ``1.234`` are 1234 in ``eu``/``ch``; in ``us`` a dot is always decimal).
Negatives: -12.00, - 12.00, -$12.00, $-12.00, (12.00), 12.00CR, 12.00 CR, 12.00-.
Currencies before the figure ($, €, £, ₹, R$, R, RM, Rs, Rp, ...) or after it (123,45 €, 12.00 EUR, 45,10 zł),
as the lexicon's [currencies] lists them; Indian "Rs.1234/-" (whole rupees). Month names of every lexicon
language, and unit spellings (including a unit the text layer split into letters, "k W h"), come from the
lexicon data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from minimeter.extract import lexicon

# Indian grouping (1,60,386.04) first, then thousands groups, then plain figures.
_NUM = (r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,4})?"
        r"|\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,6})?|[.,]\d{1,4}")
_LEX = lexicon.load()


def _currency_pattern(tokens: list[str], *, trailing: bool) -> str:
    """One alternation of currency tokens, longest first ("R$" before "R", "Rs." before "Rs"). A token of
    letters stands alone: before a figure it follows no letter (the "RS" of "HOURS 12" is no rupee), after
    one it ends a word; a one-letter token ("R", the rand) is read only before a figure with decimals
    ("R 1,034.00", not the R of "PER 12")."""
    parts = []
    for tok in sorted(dict.fromkeys(tokens), key=len, reverse=True):
        rx = re.escape(tok)
        if tok.rstrip(".").isalpha():
            if trailing:
                rx += r"\b" if tok[-1].isalpha() else ""
            else:
                rx = r"(?<![^\W\d_])" + rx
                if len(tok) == 1:
                    rx += r"(?=[ \u00a0]?\d[\d,. \u00a0]*[.,]\d{2}(?!\d))"
        parts.append(rx)
    return "(?:" + "|".join(parts) + ")"


_CUR = _currency_pattern([t for c in _LEX.currencies.values() for t in c.before], trailing=False)
CURRENCY_BEFORE = _CUR
"""The currency tokens printed before a figure ("$", "Rp", "RM"), as one regular-expression alternation."""
_TRAIL_CUR = _currency_pattern([t for c in _LEX.currencies.values() for t in c.after], trailing=True)
MONEY_RX = re.compile(
    rf"(?P<neg1>\(\s*)?(?P<sign>-\s?|−\s?)?(?P<cur>{_CUR}[ \u00a0]?)?(?P<sign2>-\s?)?(?P<num>{_NUM})"
    rf"(?P<neg2>\s?\))?(?P<whole>/-)?(?P<cur2>[ \u00a0]?{_TRAIL_CUR})?"
    # ("£96.71 in credit": a UK balance the customer is owed, printed unsigned with the words after it.)
    rf"(?P<trail>[ ]?(?:CR\b|Cr\b|cr\b|-(?![\d\w])|in credit\b(?![ ]?card)))?"
)
# US and Indian figures never group thousands with a space: "1 816 kWh" is a multiplier column then 816 kWh.
_NUM_NOSPACE = _NUM.replace(r"\u00a0\u202f ", "")
MONEY_RX_NOSPACE = re.compile(MONEY_RX.pattern.replace(_NUM, _NUM_NOSPACE))
# Unit spelling (lower case) -> canonical unit, for callers that hold a spelling ("KWH" -> "kWh").
QTY_UNITS: dict[str, str] = {}
for _sp, _canon in _LEX.units.items():
    QTY_UNITS.setdefault(_sp.lower(), _canon)
    QTY_UNITS.setdefault(_sp.lower().replace(" ", ""), _canon)
QTY_UNITS.setdefault("cf", "CF")
# Spellings as printed, longest first so "k W h" is tried before "kW" and "kVAh" before "kVA".
_UNIT_ALT = "|".join(re.escape(sp) for sp in sorted(_LEX.units, key=len, reverse=True))
QTY_RX = re.compile(rf"(?<![\w.,'])(?P<num>{_NUM})[ \u00a0]?(?P<unit>{_UNIT_ALT})(?![\w])")
QTY_RX_NOSPACE = re.compile(QTY_RX.pattern.replace(_NUM, _NUM_NOSPACE))


# A figure whose thousands are grouped by one space ("77 823", "1 815"), as bills that print "R 1 234,56" print
# their reads; not a prefix of a longer run of groups ("1 816 2023" is no figure of its own).
SPACED_NUM_RX = re.compile(r"(?<![\w.,'/-])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\w/]|[ \u00a0\u202f]\d)")


# No amount, read, quantity or rate on a bill has more digits than this; a longer run of digits is a
# barcode, a payment reference or an IBAN, and arithmetic on it would overflow the decimal context.
MAX_DIGITS = 15
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_number(s: str, fmt: str | None = None) -> Decimal | None:
    """``"1'234.50"`` -> 1234.50; ``"2.000,000"`` (eu) -> 2000; None when it is not a number: not a plain
    figure (an exponent, a NaN, an underscore) or more than ``MAX_DIGITS`` digits (a barcode). The result
    is always finite."""
    s = s.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    if not s or not re.search(r"\d", s):
        return None
    s = s.replace("'", "").replace(" ", "")
    if "," in s and "." in s:
        # Both marks: the last one is the decimal mark (1,234.56 / 1.234,56).
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "," in s:
        parts = s.split(",")
        # eu: a comma is the decimal mark; elsewhere ",ddd" groups are thousands, ",dd" is a decimal comma
        thousands = len(parts) > 2 or (fmt != "eu" and len(parts[-1]) == 3)
        s = s.replace(",", "") if thousands else s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if len(parts) > 2 or (fmt == "eu" and len(parts[-1]) == 3):
            s = s.replace(".", "")
    if not _PLAIN.fullmatch(s) or sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Match:
    value: object
    start: int
    end: int
    text: str
    extra: str | None = None
    """The unit of a quantity; ``"noyear"`` for a date whose year was inferred."""


def _money_from(m: re.Match[str], fmt: str | None) -> Decimal | None:
    v = parse_number(m["num"], fmt)
    if v is None:
        return None
    neg = bool(m["sign"] or m["sign2"] or (m["neg1"] and m["neg2"]) or m["trail"])
    return -v if neg else v


def parse_money(s: str, fmt: str | None = None) -> Decimal | None:
    m = MONEY_RX.search(s)
    return _money_from(m, fmt) if m else None


_AFTER_WHOLE = re.compile(r"[ \u00a0]*(?:[A-Za-z]{1,6}\b|%|[/:.]\d|-\d)")


# A separator and a digit right after (or right before) a figure: the figure is part of a longer token.
_IN_NUMBER = re.compile(r"[.,]\d")
_IN_NUMBER_BEFORE = re.compile(r"\d[.,]\Z")


def find_money(text: str, fmt: str | None = None, *, need_decimals: bool = True,
               money_label: bool = False) -> list[Match]:
    """Amounts in ``text``. With ``need_decimals`` only amounts with cents, a currency (before or after
    the figure) or the Indian whole-rupee mark ("1234/-") count. ``money_label``: ``text`` follows a
    label that says it is money ("Net Payable  9021"), so a whole number counts too, unless a unit, a
    word, a percent sign or a date separator follows it or it looks like a year."""
    out = []
    for m in (MONEY_RX_NOSPACE if fmt in ("us", "in") else MONEY_RX).finditer(text):
        num = m["num"]
        if m.start("num") > 0 and not m["cur"] and (text[m.start("num") - 1].isalnum()
                                                   or text[m.start("num") - 1] in "/:"):
            continue  # (a letter currency glued to its figure, "RM113.50", is the figure's own sign)
        if _IN_NUMBER.match(text, m.end("num")) or _IN_NUMBER_BEFORE.search(text, 0, m.start("num")):
            continue  # "07.03" of "07.03.2031": a piece of a dotted date or a longer figure, not an amount
        if re.search(r"\d[.,] $", text[max(0, m.start() - 3):m.start()]):
            continue  # "-373, 47 €": the cents of a figure the text layer split, not an amount of 47
        e = m.end("num")
        marked = bool(m["cur2"] or m["whole"])
        glued = e < len(text) and not marked and (text[e].isalpha() and not m["trail"] or text[e] in "/%:")
        if glued or (not m["whole"] and text[e:e + 2] in ("-0", "-1", "-2")):
            continue
        has_dec = bool(re.search(r"[.,]\d{2}$", num)) or bool(re.search(r"[.,]\d{2}$", num.rstrip()))
        money = has_dec or bool(m["cur"]) or marked
        if not money and money_label and re.fullmatch(r"\d[\d,.'’ \u00a0]*", num):
            end_of_run = m.end("trail") if m["trail"] else (m.end("neg2") if m["neg2"] else e)
            money = not _AFTER_WHOLE.match(text, end_of_run) and not re.fullmatch(r"(?:19|20)\d\d", num)
        if need_decimals and not money:
            continue
        v = _money_from(m, fmt)
        if v is None:
            continue
        start = m.start()
        if m["neg1"] and not m["neg2"]:
            start = m.start("sign") if m["sign"] else (m.start("cur") if m["cur"] else m.start("num"))
        end = max(m.end(g) for g in ("num", "neg2", "whole", "cur2", "trail") if m[g])
        out.append(Match(v, start, end, text[start:end]))
    return out


@functools.cache
def _qty_rx(nospace: bool, unit_gap: int) -> re.Pattern[str]:
    rx = QTY_RX_NOSPACE if nospace else QTY_RX
    if unit_gap <= 1:
        return rx
    return re.compile(rx.pattern.replace(r"[ \u00a0]?(?P<unit>", rf"[ \u00a0]{{0,{unit_gap}}}(?P<unit>"))


_PRICE_BEFORE = re.compile(r"[$€£₹][ \u00a0]?$")


def find_quantities(text: str, fmt: str | None = None, *, unit_gap: int = 1) -> list[Match]:
    """Quantities with a unit. ``unit_gap``: how many spaces may separate number and unit (layout text
    puts the unit in its own column: "4'281     kWh")."""
    out = []
    for m in _qty_rx(fmt in ("us", "in"), unit_gap).finditer(text):
        if _PRICE_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            continue  # "$0.00034 kWh", "€ 0,12 kWh": a price per unit, not a quantity
        v = parse_number(m["num"], fmt)
        if v is None:
            continue
        unit = QTY_UNITS.get(m["unit"].lower(), m["unit"])
        out.append(Match(v, m.start(), m.end(), m.group(0), unit))
    return out


def parse_quantity(s: str, fmt: str | None = None) -> tuple[Decimal, str] | None:
    found = find_quantities(s, fmt)
    return (found[0].value, found[0].extra or "") if found else None  # type: ignore[return-value]


# --- dates -------------------------------------------------------------------------------------
# Month names and abbreviations of every lexicon language (lower case) -> month number.
MONTHS: dict[str, int] = dict(_LEX.months)
# Names that are also common words ("des", "set", "out"): a date only with a year beside them.
AMBIGUOUS_MONTHS = _LEX.ambiguous_months
# The same names with the Turkish dotless "ı" as "i": "MAYIS" in lower case is "mayis", "NİSAN" is "nisan".
_MONTHS_DOTTED = {k.replace("ı", "i"): k for k in MONTHS}


def month_name(printed: str) -> str:
    """The lexicon's month name (a key of ``MONTHS``) that ``printed`` spells in any case ("MAYIS", "NİSAN",
    "Mayıs" are "mayıs"), or ``printed`` in lower case when none (the date patterns match month names
    case-insensitively, where the four Turkish i's are one letter)."""
    low = printed.lower().rstrip(".").replace("i\u0307", "i")
    if low in MONTHS:
        return low
    return _MONTHS_DOTTED.get(low.replace("ı", "i"), low)


def trie_alternation(words: list[str] | set[str] | dict[str, int]) -> str:
    """A regex matching any of ``words``, shared prefixes factored out ("ma(?:r(?:ch|s|zo)?|y|i)"): the
    regex engine tries alternatives one by one, so ~130 month names in a flat list cost ~130 tries at
    every position of a page; a trie costs one or two. Longer words are still preferred."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return ("(?:" + body + ")?") if len(alts) == 1 and len(body) > 1 else body + "?"
        return body

    return emit(root)


_MON = trie_alternation(MONTHS)
_WD = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
# A day and its month sit together, one or two spaces apart: never across a table's columns or lines.
_DAY_MON = rf"(?P<d>\d{{1,2}})(?:er|st|nd|rd|th|\.)?[ \u00a0]{{1,2}}(?:de\s+)?(?P<mon>{_MON})\.?"
_APOS_YEAR = r"['’](?P<y3>\d\d)(?![\d:])"
DATE_RXS = [
    # 2024-07-22, 2025/12/02
    ("ymd", re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d])")),
    # 07/22/2024, 22.07.2024, 22-07-24 (order decided later)
    ("num", re.compile(r"(?<![\d/.:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)?\d\d)"
                       r"(?![\d/]|[.,]\d)")),
    # 9. 4. 2026, 31. 12. 2024: a dotted date with a space after each dot, as Czech and Slovak bills print
    # it (day first, as every dotted date; only with a full year, so "2. 3. 12" in a list is no date)
    ("num", re.compile(r"(?<![\d/.:,-])(?P<a>\d{1,2})(?P<sep>\.)[ \u00a0](?P<b>\d{1,2})\.[ \u00a0]"
                       r"(?P<y>(?:19|20)\d\d)(?![\d/]|[.,]\d)")),
    # 13-MAY-2024 / 13-MAY-24 / 13/Mai/2024 / 13.Mar.2024: day, month name and year joined by one separator
    ("dmy", re.compile(rf"(?i)(?<![\w.])(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<mon>{_MON})\.?(?P=sep)"
                       rf"(?P<y>(?:19|20)\d\d|\d\d)(?![\w])")),
    # 04-Dec / 19-May: a yearless day and month name joined by a hyphen ("Bill Period 04-Dec to 03-Jan")
    ("dmy", re.compile(rf"(?i)(?<![\w.\-/])(?P<d>\d{{1,2}})-(?P<mon>{_MON})\.?(?![\w\-/'’])")),
    # (never after a hyphen or slash: "gen-25 febr-25" on a chart axis is months and years, not 25 February)
    # 18 Fév 25 / 17 Avril 2025 / 19 Apr '24 (with a year: tried before month-first so "18 Fév 25" is not "Fév 25")
    ("dmy", re.compile(rf"(?i)(?<![\w.\-/]){_WD}{_DAY_MON}"
                       rf"(?:,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d|\d\d(?![\d:])(?!,\s*\d))|,?\s*{_APOS_YEAR})(?![\w])")),
    # Jun 18, 2024 / June 18 2024 / Mar 27, 23 / Apr 19 '24 / Tuesday, Apr 25, 2023 / JUL 5
    ("mdy", re.compile(rf"(?i)(?<![\w]){_WD}(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
                       rf"(?:,?\s+(?P<y>(?:19|20)\d\d)(?![\d:])|,\s?(?P<y2>\d\d)(?![\d:])|,?\s*{_APOS_YEAR})?")),
    # 18 June 2024 / 17 Avril 2025 / 18 Fév 25 / 1er mars 2024 / 5 de março de 2024
    ("dmy", re.compile(rf"(?i)(?<![\w.\-/]){_WD}{_DAY_MON}"
                       rf"(?:,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d|\d\d(?![\d:])))?(?![\w])")),
]


_MON_YY = rf"(?<![\w])(?:{_MON})\.?[ \-/'’]?\d\d(?![\w/.,:])"
_AXIS_RX = re.compile(rf"(?i){_MON_YY}(?:[ \t]+{_MON_YY}){{2,}}")


def _year(y: str | None) -> int | None:
    if not y:
        return None
    n = int(y)
    return n + 2000 if n < 100 else n


def infer_year(month: int, day: int, ref: dt.date | None, *, prefer: str = "before") -> dt.date | None:
    """A yearless date placed in the year that puts it nearest ``ref`` (before it when ``prefer``
    says so: a service period ends on or before the statement date; a due date comes after)."""
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        delta = (d - ref).days
        penalty = abs(delta) + (0 if (prefer == "before" and delta <= 15) or (prefer == "after" and delta >= -15)
                                else 200)
        if best is None or penalty < best[0]:
            best = (penalty, d)
    return best[1] if best else None


def find_dates(text: str, order: str = "MDY", ref: dt.date | None = None) -> list[Match]:
    """Dates in ``text``. ``order`` (MDY/DMY/YMD) settles 03/04/2024; day > 12 settles it by itself.
    Yearless dates use ``ref`` (the statement date) or are skipped when there is none; their
    ``extra`` is ``"noyear"``."""
    out: list[Match] = []
    # A run of "Mon YY" labels is a usage chart's axis ("Gen 24 Feb 24 Mar 24"): never "24 Feb 24".
    # (Its "Feb 24" may still read as a yearless date, so its numbers are not taken for meter reads.)
    axis = [m.span() for m in _AXIS_RX.finditer(text)]
    taken: list[tuple[int, int]] = []
    for kind, rx in DATE_RXS:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "dmy" and any(s < m.end() and m.start() < e for s, e in axis):
                continue
            extra = None
            try:
                if kind == "ymd":
                    d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
                elif kind == "num":
                    a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
                    if len(m["y"]) == 2 and m["sep"] == "." and order != "DMY" and a <= 12 and b <= 12:
                        pass
                    # Dotted dates are day-first wherever they are printed (22.07.2024, 02.12.2025).
                    dmy = a > 12 or (b <= 12 and (order == "DMY" or m["sep"] == "."))
                    if m["sep"] == "." and order == "YMD":
                        dmy = a > 12 or b <= 12
                    d = dt.date(y, b, a) if dmy else dt.date(y, a, b)  # type: ignore[arg-type]
                else:
                    name = month_name(m["mon"])
                    mon = MONTHS[name]
                    day = int(m["d"])
                    y = _year(m.groupdict().get("y") or m.groupdict().get("y2") or m.groupdict().get("y3"))
                    if y is None and name in AMBIGUOUS_MONTHS:
                        continue  # "des 12 derniers mois" is not 12 December
                    if y is None:
                        extra = "noyear"
                        d2 = infer_year(mon, day, ref)
                        if d2 is None:
                            continue
                        d = d2
                    else:
                        d = dt.date(y, mon, day)
            except (ValueError, KeyError, TypeError):
                continue
            if not (1990 <= d.year <= 2100):
                continue
            start = m.start("mon") if kind == "mdy" else m.start()
            if kind == "dmy":
                start = m.start("d")
            out.append(Match(d, start, m.end(), text[start:m.end()], extra))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda x: x.start)
    return out


def parse_date(s: str, order: str = "MDY", ref: dt.date | None = None) -> dt.date | None:
    found = find_dates(s, order, ref)
    return found[0].value if found else None  # type: ignore[return-value]


# --- identifiers ---------------------------------------------------------------------------------
_ID_GROUP = re.compile(r"[A-Z0-9]+(?:[-./][A-Z0-9]+)*")
_ID_LEAD = re.compile(r"[^\S\n]*(?:(?:no\.?|nr\.?|n°|nº|#|:)[^\S\n]*)*", re.IGNORECASE)


def find_identifier(text: str, order: str = "MDY") -> Match | None:
    """The identifier a label introduces, at the start of ``text``, kept whole across single inner spaces
    ("1234 5678 90", "51730942-004 6"). It ends at two spaces, a line end, or a group that is a word, a
    quantity ("418207 52 kWh"), an amount with cents or a date. None when what follows has < 4 digits."""
    lead = _ID_LEAD.match(text)
    pos = lead.end() if lead else 0
    m = _ID_GROUP.match(text, pos)
    if not m or not re.search(r"\d", m.group(0)):
        return None
    start, end = m.start(), m.end()
    dates = [(d.start, d.end) for d in find_dates(text, order)]
    while True:
        if any(ds < end and start < de for ds, de in dates):
            return None  # a date, not an identifier
        if not (end < len(text) and text[end] == " "):
            break
        nxt = _ID_GROUP.match(text, end + 1)
        if nxt is None or not re.search(r"\d", nxt.group(0)):
            break  # a word ("1234 ACCOUNT") or two spaces end the identifier
        after = text[nxt.end():nxt.end() + 1]
        if after.isalnum() or (after in ",." and text[nxt.end() + 1:nxt.end() + 2].isdigit()):
            break  # "12,50" or "69kWh": the next group is glued to more
        if QTY_RX.match(text, end + 1) or any(ds <= nxt.start() < de for ds, de in dates):
            break
        if re.fullmatch(r"\d+[.,]\d{2}", nxt.group(0)):
            break
        end = nxt.end()
    tok = text[start:end]
    if sum(c.isdigit() for c in tok) < 4:
        return None
    return Match(tok, start, end, tok)


# --- currencies ----------------------------------------------------------------------------------
# Currency token as printed -> ISO 4217 code (lexicon [currencies]). "$" and "Rs" name several currencies
# (see SIGN_FAMILIES): a token maps to its first meaning.
CURRENCY_CODES = {tok: code for code, cur in _LEX.currencies.items() for tok in cur.before + cur.after}
# Currencies printed with the same sign: a profile's CAD is what a Canadian bill's "$" means.
SIGN_FAMILIES = {code: frozenset({code, *cur.shared}) for code, cur in _LEX.currencies.items() if cur.shared}
# Tokens that name a currency wherever they stand, even in a sentence: signs ("R$", "€") and ISO codes.
# Short letter tokens ("kr", "lei", "Rp", "Fr.") are words or abbreviations too, so only beside a figure.
_SIGN_RX = re.compile("|".join(
    (r"(?<![^\W\d_])" + re.escape(t) + r"\b") if t.isalpha() else re.escape(t)
    for t in sorted(CURRENCY_CODES, key=len, reverse=True)
    if not t.rstrip(".").isalpha() or (t == CURRENCY_CODES[t])))


AMBIGUOUS_TOKENS = frozenset(t for cur in _LEX.currencies.values() for t in cur.ambiguous)
"""Tokens several currencies print ("$", "Rs", "kr"): a figure printed with one names its family, not its currency."""


def tokens_in(text: str) -> dict[str, int]:
    """How often ``text`` prints each currency token, beside a figure ("kr", "R 1,034.00") or, for a sign or an
    ISO code, anywhere ("Amounts in NZD")."""
    counts: dict[str, int] = {}
    beside: set[int] = set()  # where a token beside a figure starts (it is not counted again as a sign)
    for m in MONEY_RX.finditer(text):
        for g in ("cur", "cur2"):
            tok = (m[g] or "").strip().strip("\u00a0")
            if tok in CURRENCY_CODES:
                counts[tok] = counts.get(tok, 0) + 1
                beside.add(m.start(g) + (m[g] or "").index(tok))
    for m in _SIGN_RX.finditer(text):
        if m.start() not in beside:
            counts[m[0]] = counts.get(m[0], 0) + 1
    return counts


def currencies_in(text: str) -> dict[str, int]:
    """How many amounts ``text`` prints with each currency (ISO code), counting a currency token only
    where it stands beside a figure ("R 1,034.00", "123,45 €"), never in a word or a sentence."""
    counts: dict[str, int] = {}
    for m in MONEY_RX.finditer(text):
        for g in ("cur", "cur2"):
            tok = (m[g] or "").strip().strip("\u00a0")
            code = CURRENCY_CODES.get(tok)
            if code:
                counts[code] = counts.get(code, 0) + 1
    return counts


def signs_in(text: str) -> dict[str, int]:
    """How often ``text`` prints each currency's sign or ISO code anywhere (ISO code -> count, in the order
    first printed), for a bill whose figures carry no currency: "R$" counts once, not also as "$"."""
    counts: dict[str, int] = {}
    for m in _SIGN_RX.finditer(text):
        code = CURRENCY_CODES[m[0]]
        counts[code] = counts.get(code, 0) + 1
    return counts


def same_sign(printed: str, currency: str) -> bool:
    """Whether a figure printed as ``printed`` (an ISO code from ``currencies_in``) may be ``currency``."""
    return currency == printed or currency in SIGN_FAMILIES.get(printed, ())
