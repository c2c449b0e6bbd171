"""Value parsers: money, numbers, quantities with units, dates (with or without years).

Every ``find_*`` function returns matches with character offsets into the text it was given, so
a candidate can always be traced back to the exact characters it was read from.

Number formats: ``us`` 1,234.56 / ``eu`` 1.234,56 / ``ch`` 1'234.50 (also 1’234.50, 1 234,50) /
``in`` 1,23,456.78. Without a hint the separators decide: the last separator followed by one or
two digits is the decimal mark; a single separator followed by exactly three digits is a thousands
separator (``1,234`` and ``1.234`` are 1234 in ``eu``/``ch``; in ``us`` a dot is always decimal).
Negatives: -12.00, - 12.00, -$12.00, $-12.00, (12.00), 12.00CR, 12.00-.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUM = r"\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,6})?|[.,]\d{1,4}"
_CUR = r"(?:US\$|R\$|CA\$|C\$|A\$|\$|€|£|₹|Rs\.?|INR|CHF|Fr\.|EUR|USD|BRL|GBP|CAD)"
MONEY_RX = re.compile(
    rf"(?P<neg1>\(\s*)?(?P<sign>-\s?|−\s?)?(?P<cur>{_CUR}[ \u00a0]?)?(?P<sign2>-\s?)?(?P<num>{_NUM})"
    rf"(?P<neg2>\s?\))?(?P<trail>[ ]?(?:CR\b|cr\b|-(?![\d\w])))?"
)
# US and Indian figures never group thousands with a space: "1 816 kWh" is a multiplier column then 816 kWh.
_NUM_NOSPACE = _NUM.replace(r"\u00a0\u202f ", "")
MONEY_RX_NOSPACE = re.compile(MONEY_RX.pattern.replace(_NUM, _NUM_NOSPACE))
QTY_UNITS = {
    "kwh": "kWh", "kw": "kW", "mwh": "MWh", "kva": "kVA", "kvah": "kVAh", "therms": "therms", "therm": "therms",
    "thm": "therms", "ccf": "CCF", "hcf": "HCF", "mcf": "MCF", "m3": "m3", "m³": "m3", "gallons": "gallons",
    "gal": "gallons", "kgal": "kgal", "cf": "CF", "dth": "Dth", "kgals": "kgal",
}
QTY_RX = re.compile(
    rf"(?<![\w.,'])(?P<num>{_NUM})[ \u00a0]?(?P<unit>kWh|KWH|kwh|Kwh|MWh|kVAh|KVAH|kVA|KVA|kW|KW|kw|Kw"
    r"|therms?|Therms?|THERMS?"
    r"|thm|CCF|ccf|Ccf|HCF|hcf|Hcf|MCF|Mcf|m3|m³|M3|gallons|Gallons|GALLONS|gals?|Gal|kgals?|Kgal|KGAL|Dth|DTH)(?![\w])"
)
QTY_RX_NOSPACE = re.compile(QTY_RX.pattern.replace(_NUM, _NUM_NOSPACE))


def parse_number(s: str, fmt: str | None = None) -> Decimal | None:
    """``"1'234.50"`` -> 1234.50; ``"2.000,000"`` (eu) -> 2000; None when it is not a number."""
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


def find_money(text: str, fmt: str | None = None, *, need_decimals: bool = True) -> list[Match]:
    """Amounts in ``text``. With ``need_decimals`` only amounts with cents or a currency sign count."""
    out = []
    for m in (MONEY_RX_NOSPACE if fmt in ("us", "in") else MONEY_RX).finditer(text):
        num = m["num"]
        if m.start("num") > 0 and (text[m.start("num") - 1].isalnum() or text[m.start("num") - 1] in "/:"):
            continue
        e = m.end("num")
        glued = e < len(text) and (text[e].isalpha() and not m["trail"] or text[e] in "/%:")
        if glued or text[e:e + 2] in ("-0", "-1", "-2"):
            continue
        has_dec = bool(re.search(r"[.,]\d{2}$", num)) or bool(re.search(r"[.,]\d{2}$", num.rstrip()))
        if need_decimals and not (has_dec or m["cur"]):
            continue
        v = _money_from(m, fmt)
        if v is None:
            continue
        start = m.start()
        if m["neg1"] and not m["neg2"]:
            start = m.start("sign") if m["sign"] else (m.start("cur") if m["cur"] else m.start("num"))
        end = m.end("trail") if m["trail"] else (m.end("neg2") if m["neg2"] else m.end("num"))
        out.append(Match(v, start, end, text[start:end]))
    return out


@functools.cache
def _qty_rx(nospace: bool, unit_gap: int) -> re.Pattern[str]:
    rx = QTY_RX_NOSPACE if nospace else QTY_RX
    if unit_gap <= 1:
        return rx
    return re.compile(rx.pattern.replace(r"[ \u00a0]?(?P<unit>", rf"[ \u00a0]{{0,{unit_gap}}}(?P<unit>"))


def find_quantities(text: str, fmt: str | None = None, *, unit_gap: int = 1) -> list[Match]:
    """Quantities with a unit. ``unit_gap``: how many spaces may separate number and unit (layout text
    puts the unit in its own column: "7'073     kWh")."""
    out = []
    for m in _qty_rx(fmt in ("us", "in"), unit_gap).finditer(text):
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
MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "january jan janv janvier januar jänner enero ene janeiro",
        "february feb fev fév févr février februar febrero febr fevereiro",
        "march mar mars märz marz marzo março marco",
        "april apr avr avril abril abr",
        "may mai mayo maio",
        "june jun juin juni junio junho",
        "july jul juil juillet juli julio julho",
        "august aug aout août agosto ago",
        "september sep sept septembre septiembre setiembre set setembro",
        "october oct octobre oktober okt octubre outubro out",
        "november nov novembre noviembre novembro",
        "december dec déc décembre dezember dez diciembre dic dezembro",
    ],
    start=1,
):
    for _w in _names.split():
        MONTHS[_w] = _n
_MON = "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
_WD = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
# A day and its month sit together, one or two spaces apart: never across a table's columns or lines.
_DAY_MON = rf"(?P<d>\d{{1,2}})(?:er|st|nd|rd|th|\.)?[ \u00a0]{{1,2}}(?:de\s+)?(?P<mon>{_MON})\.?"
DATE_RXS = [
    # 2024-07-22
    ("ymd", re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d])")),
    # 07/22/2024, 22.07.2024, 22-07-24 (order decided later)
    ("num", re.compile(r"(?<![\d/.:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)?\d\d)"
                       r"(?![\d/]|[.,]\d)")),
    # 18 Fév 25 / 17 Avril 2025 (with a year: tried before month-first so "18 Fév 25" is not "Fév 25")
    ("dmy", re.compile(rf"(?i)(?<![\w.]){_WD}{_DAY_MON}"
                       rf",?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d|\d\d(?![\d:])(?!,\s*\d))(?![\w])")),
    # Jun 18, 2024 / June 18 2024 / Mar 27, 23 / Tuesday, Apr 25, 2023 / JUL 5
    ("mdy", re.compile(rf"(?i)(?<![\w]){_WD}(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
                       rf"(?:,?\s+(?P<y>(?:19|20)\d\d)(?![\d:])|,\s?(?P<y2>\d\d)(?![\d:]))?")),
    # 18 June 2024 / 17 Avril 2025 / 18 Fév 25 / 1er mars 2024 / 5 de março de 2024
    ("dmy", re.compile(rf"(?i)(?<![\w.]){_WD}{_DAY_MON}"
                       rf"(?:,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d|\d\d(?![\d:])))?(?![\w])")),
]


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
    taken: list[tuple[int, int]] = []
    for kind, rx in DATE_RXS:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            extra = None
            try:
                if kind == "ymd":
                    d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
                elif kind == "num":
                    a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
                    if len(m["y"]) == 2 and m["sep"] == "." and order != "DMY" and a <= 12 and b <= 12:
                        pass
                    dmy = a > 12 or (b <= 12 and (order == "DMY" or (order != "MDY" and m["sep"] == ".")))
                    if m["sep"] == "." and order == "YMD":
                        dmy = a > 12 or b <= 12
                    d = dt.date(y, b, a) if dmy else dt.date(y, a, b)  # type: ignore[arg-type]
                else:
                    mon = MONTHS[m["mon"].lower().rstrip(".")]
                    day = int(m["d"])
                    y = _year(m["y"] or (m.groupdict().get("y2")))
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
