"""A small page renderer and number/date formatting for the unseen-layout bills.

Independent of ``minimeter.samples`` on purpose: these bills measure how MiniMeter does on layouts
its own generator never makes, so nothing here may share that generator's canvas, labels or layouts.
Core PDF fonts in windows-1252 (euro sign, accented letters, superscript three) keep each file a
few kilobytes; a fixed creation date and producer make the bytes depend on the seed only.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from fpdf import FPDF

_FIXED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

NL_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")
IT_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
             "ottobre", "novembre", "dicembre")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre")
PT_MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
             "novembro", "dezembro")
DE_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
MS_MONTHS = ("Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September", "Oktober",
             "November", "Disember")


def money(value: float) -> float:
    """Round to cents the way a bill does (half up), as a float for the truth file."""
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def group(digits: str, sep: str, *, indian: bool = False) -> str:
    """Thousands grouping of a string of digits; Indian grouping is 3 then 2s (1,23,45,678)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if indian else 3
    parts: list[str] = []
    while head:
        parts.insert(0, head[-size:])
        head = head[:-size]
    return sep.join([*parts, tail])


def num(value: float, decimals: int = 2, *, style: str = "us") -> str:
    """A number as a bill prints it: ``us`` 1,234.56, ``eu`` 1.234,56, ``in`` 1,23,456.00, ``sp`` 1 234,56."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    neg = q < 0
    whole, _, frac = f"{abs(q):f}".partition(".")
    if style == "eu":
        text = group(whole, ".") + ("," + frac if decimals else "")
    elif style == "sp":
        text = group(whole, " ") + ("," + frac if decimals else "")
    else:
        text = group(whole, ",", indian=style == "in") + ("." + frac if decimals else "")
    return ("-" if neg else "") + text


def signed(value: float, sign: str = "") -> str:
    """An amount in the US style with its currency sign after a minus ("-$12.30", "RM1,234.56", "-45.00")."""
    return f"-{sign}{num(-value)}" if value < 0 else f"{sign}{num(value)}"


def iso(d: dt.date) -> str:
    return d.isoformat()


def days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def month_start(rng: random.Random, first: int = 2023, last: int = 2025) -> dt.date:
    return dt.date(rng.randint(first, last), rng.randint(1, 12), 1)


def add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(d.day, days_in_month(year, month)))


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


class Page:
    """One A4 or Letter page with absolute placement in millimetres (what a bill template does)."""

    def __init__(self, fmt: str = "A4", font: str = "Helvetica") -> None:
        self.pdf = FPDF(format=fmt, unit="mm")
        self.pdf.core_fonts_encoding = "windows-1252"
        self.pdf.set_creation_date(_FIXED)
        self.pdf.set_producer("unseen layouts")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.font = font
        self.pdf.add_page()

    def new_page(self) -> None:
        """Start the next page; later drawing goes there."""
        self.pdf.add_page()

    def text(self, x: float, y: float, s: str, size: float = 9, *, bold: bool = False, w: float = 0,
             align: str = "L", font: str | None = None) -> None:
        """Write ``s`` with its top-left at (x, y); ``w`` with ``align`` R or C right- or centre-aligns it."""
        self.pdf.set_font(font or self.font, "B" if bold else "", size)
        self.pdf.set_xy(x, y)
        self.pdf.cell(w or self.pdf.get_string_width(s) + 0.5, size * 0.45, s, align=align)

    def rect(self, x: float, y: float, w: float, h: float, *, fill: int | None = None, line: float = 0.3) -> None:
        self.pdf.set_line_width(line)
        if fill is not None:
            self.pdf.set_fill_color(fill, fill, fill)
        self.pdf.rect(x, y, w, h, style="DF" if fill is not None else "D")

    def hline(self, x1: float, x2: float, y: float, *, dash: bool = False, line: float = 0.2) -> None:
        self.pdf.set_line_width(line)
        if dash:
            self.pdf.set_dash_pattern(dash=1.5, gap=1.2)
        self.pdf.line(x1, y, x2, y)
        self.pdf.set_dash_pattern()

    def table(self, x: float, y: float, widths: list[float], rows: list[list[str]], *, size: float = 8,
              row_h: float = 5, header: bool = True, grid: bool = True, aligns: str = "") -> float:
        """Rows of cells (the first one a shaded header when ``header``); returns the y below the table."""
        for r, row in enumerate(rows):
            cx = x
            for c, cell in enumerate(row):
                bold = header and r == 0
                if grid:
                    self.rect(cx, y, widths[c], row_h, fill=225 if bold else None, line=0.15)
                align = aligns[c] if c < len(aligns) and not bold else "L"
                self.text(cx + 1, y + (row_h - size * 0.45) / 2, cell, size, bold=bold, w=widths[c] - 2,
                          align=align)
                cx += widths[c]
            y += row_h
        return y

    def output(self) -> bytes:
        return bytes(self.pdf.output())


FIELDS = (
    "provider", "account_number", "service_address", "statement_date", "due_date", "billing_period_start",
    "billing_period_end", "total_amount_due", "currency", "electricity_kwh", "gas_therms", "gas_usage",
    "gas_usage_unit", "water_usage", "water_usage_unit", "demand_kw", "meter_number", "rate_plan",
    "previous_balance", "current_charges",
)


def draw_shuffled(rng: random.Random, blocks: list[Callable[[], None]]) -> None:
    """Draw independent blocks in a random order: where a block sits on the page is fixed by its own
    coordinates, so only the content-stream (text) order changes, as it does between real templates."""
    order = list(blocks)
    rng.shuffle(order)
    for draw in order:
        draw()


def truth(layout: str, notes: str, **values: object) -> dict[str, object]:
    """The flat truth record: every field present, null where the bill does not print it."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown truth fields: {sorted(unknown)}")
    record: dict[str, object] = {f: values.get(f) for f in FIELDS}
    record["layout"] = layout
    record["notes"] = notes
    return record


def balance_story(rng: random.Random, typical: float) -> tuple[float | None, float | None]:
    """(previous balance, payment) for one bill: none shown, paid in full, part paid, or unpaid."""
    story = rng.choice(("none", "paid", "paid", "partial", "unpaid"))
    if story == "none":
        return None, None
    prev = money(typical * rng.uniform(0.7, 1.3))
    if story == "paid":
        return prev, prev
    if story == "partial":
        return prev, money(prev * rng.choice((0.25, 0.5, 0.6)))
    return prev, 0.0


# Arabic letters in Unicode order with how many presentation forms each has (1 hamza, 2 joins only to the right,
# 4 joins both ways); the forms sit one after another from U+FE80, isolated / final / initial / medial.
_AR_FORMS = ((0x0621, 1), (0x0622, 2), (0x0623, 2), (0x0624, 2), (0x0625, 2), (0x0626, 4), (0x0627, 2),
             (0x0628, 4), (0x0629, 2), *((c, 4) for c in range(0x062A, 0x062F)),
             *((c, 2) for c in range(0x062F, 0x0633)),
             *((c, 4) for c in range(0x0633, 0x063B)), *((c, 4) for c in range(0x0641, 0x0648)), (0x0648, 2),
             (0x0649, 2), (0x064A, 4))
_AR_TABLE: dict[str, tuple[int, int]] = {}
_at = 0xFE80
for _cp, _n in _AR_FORMS:
    _AR_TABLE[chr(_cp)] = (_at, _n)
    _at += _n
_LAM_ALEF = {"\u0622": 0xFEF5, "\u0623": 0xFEF7, "\u0625": 0xFEF9, "\u0627": 0xFEFB}
UNICODE_FONT = "DejaVu"


def arabic_visual(text: str) -> str:
    """Arabic words as a PDF draws them without a shaping engine: each letter in its joined presentation form
    (lam-alef as one ligature) and the string reversed into visual, left-to-right order. A PDF made this way
    gives back presentation forms in visual order to a text extractor, as many real Arabic PDFs do."""
    def joins_left(ch: str) -> bool:  # the letter can join the one after it
        return ch in _AR_TABLE and _AR_TABLE[ch][1] == 4

    chars: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\u0644" and i + 1 < len(text) and text[i + 1] in _LAM_ALEF:
            before = i > 0 and joins_left(text[i - 1])
            chars.append(chr(_LAM_ALEF[text[i + 1]] + (1 if before else 0)))
            i += 2
            continue
        if ch not in _AR_TABLE:
            chars.append(ch)
            i += 1
            continue
        base, n = _AR_TABLE[ch]
        before = i > 0 and joins_left(text[i - 1])
        after = n == 4 and i + 1 < len(text) and text[i + 1] in _AR_TABLE
        form = (3 if after else 1) if before and n > 1 else (2 if after else 0)
        chars.append(chr(base + (form if n > 1 else 0)))
        i += 1
    return "".join(reversed(chars))


def add_unicode_font(page: Page) -> None:
    """Register the DejaVu Sans subset kept in scripts/fonts (Latin, the peso sign, Arabic and its presentation
    forms): a font file in the repository keeps the bytes the same on every machine."""
    here = Path(__file__).resolve().parent / "fonts"
    page.pdf.add_font(UNICODE_FONT, "", str(here / "DejaVuSans-ArabicLatin.ttf"))
    page.pdf.add_font(UNICODE_FONT, "B", str(here / "DejaVuSans-Bold-ArabicLatin.ttf"))
