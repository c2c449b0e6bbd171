"""The grounded candidate finder: every value a field could take, with the exact characters it came from.

For each field the finder looks for its labels (generic vocabulary plus the profile's) in each
page's plain text and layout text, then for a value of the field's type (money, date, quantity,
identifier, text) in the places a value follows a label: the rest of the line, the lines below
(in layout text: the same column), and "stacked" label blocks where the text layer prints four
labels and then their four values. Every candidate records page, view (plain/layout) and
character span; ``view.text[start:end] == candidate.raw`` always holds.

Scores are relative: label weight x position factor x distractor penalty. Choosing among them
(and the arithmetic that settles ties) is ``select.py``'s job.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.extract import lexicon, parse
from minimeter.extract.rejoin import rejoined
from minimeter.extract.vocab import (
    COMMODITY_WORDS,
    alternation,
    anchored,
    any_label_rx,
    distractor_hits,
    label_rx,
    labels_for,
    names_commodity,
)
from minimeter.extract.wrapped import Wrapped, wrapped_labels
from minimeter.extract.wrapped import norm as wrapped_norm

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile
    from minimeter.readers.base import Document

MONEY = ("total_amount_due", "current_charges", "previous_balance", "payments")
DATES = ("statement_date", "due_date", "billing_period_start", "billing_period_end")
QTY = ("electricity_kwh", "gas_usage", "water_usage", "demand_kw")
IDS = ("account_number", "meter_number")
TEXTS = ("customer_name", "service_address", "rate_plan")
# After two dates: a third cell of the same shape, a month's word and a day or year ("  set 22").
_MONTH_CELL = re.compile(r"[^\S\n]+([^\W\d_]{3,9})\.?[^\S\n]+\d{2}(?!\d)")


def _month_cell_after(text: str, pos: int) -> bool:
    """Whether a month name (any language of the lexicon) and a two-digit number follow ``pos`` on its line,
    even a month the date parser takes for a word without a year ("set 22")."""
    m = _MONTH_CELL.match(text, pos)
    return m is not None and m.group(1).lower() in parse.MONTHS
UNITS_FOR = {
    "electricity_kwh": {"kWh", "MWh"},
    "gas_usage": {"therms", "CCF", "HCF", "MCF", "m3", "Smc", "Dth", "CF"},
    "water_usage": {"gallons", "kgal", "HCF", "CCF", "m3", "kL", "CF"},
    "demand_kw": {"kW"},
}
HEADER_WORDS = {"amount", "quantity", "usage", "unit", "rate", "price", "total", "charge", "charges", "description",
                "montant", "betrag", "menge", "qty", "days", "meter", "read", "reading", "cost", "per", "x"}
UNIT_WORDS = {
    "electricity_kwh": ("kwh",), "gas_usage": ("therms", "ccf", "hcf", "m3", "smc", "therm"),
    "water_usage": ("gallons", "gal", "hcf", "ccf", "m3", "kgal", "kl"),
}
ID_RX = re.compile(
    r"(?<![\w\-/.,])(?=[A-Z0-9\-./]*\d)[A-Z0-9]+(?:[-./][A-Z0-9]+)*"
    r"(?: \d{1,5}(?![\w.,/:\-]|[.,]\d))*(?![\w]|[.,]\d)"
)
TOLL_FREE = re.compile(r"^(?:1-)?8(?:00|33|44|55|66|77|88)-")
PHONE_RX = re.compile(r"^(?:1-)?\d{3}-\d{3}-\d{4}$|^\d{4}-\d{3}-\d{3,4}$")
# A reference year for recognising a yearless date as a date; never used for a value's year.
ANY_YEAR = dt.date(2000, 1, 1)
NUM_RX = re.compile(r"(?<![\w.,'/-])\d{1,3}(?:[,'’]\d{3})+(?:\.\d+)?(?![\w/])|(?<![\w.,'/-])\d+(?:[.,]\d+)?(?![\w/])")


@dataclass
class View:
    page: int
    text: str
    layout: bool
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def line_no(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line(self, n: int) -> tuple[int, int]:
        s = self.starts[n]
        e = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.text)
        return s, e

    @property
    def n_lines(self) -> int:
        return len(self.starts)


@dataclass
class Candidate:
    field: str
    value: Any
    raw: str
    page: int
    start: int
    end: int
    layout: bool
    score: float
    label: str | None = None
    unit: str | None = None
    why: str = ""


# A threshold of the terms and conditions ("... potenza disponibile >= 55 kW", "above 500 kWh a month"),
# not this bill's figure.
THRESHOLD = re.compile(r"(?i)(?:[<>≤≥]=?|\b(?:above|below|over|under|up to|at least|more than|less than|exceeding|"
                       r"oltre|fino a|superiore a|inferiore a|maggiore di|minore di|hasta|más de|menos de|"
                       r"supérieure? à|inférieure? à|jusqu'à|über|unter|bis zu|acima de|até))\s*$")


WEAK_PERIOD_LABEL = 0.5
"""Period labels weighing less than this ("from", "dal") count for a range only right before its first date."""


def s_gap(between: str) -> int:
    return len(between.strip()) + (0 if len(between) < 30 else len(between) - 30)


def guess_number_format(text: str) -> str:
    eu = len(re.findall(r"\d\.\d{3},\d{2}\b|\s\d+,\d{2}(?![\d,])", text))
    us = len(re.findall(r"\d,\d{3}\.\d{2}\b|\s\d+\.\d{2}(?![\d.])", text))
    ch = len(re.findall(r"\d['’]\d{3}(?:\.\d{2})?\b", text))
    if ch >= 2 and ch >= eu:
        return "ch"
    return "eu" if eu > us else "us"


def guess_date_order(text: str) -> str:
    """DMY or MDY for the bill's numeric dates: a day over 12 settles one date; an ambiguous one (05/02/2024)
    counts for the order that reads it as a date the bill also prints with its month's name ("Supply period
    5 Feb 2024 to 4 May 2024" beside "Read dates 05/02/2024 - 04/05/2024"); a dot leans to DMY."""
    dmy = mdy = 0.0
    spelled: set[dt.date] | None = None
    for m in re.finditer(r"(?<![\d/.])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d\d)(?!\d)", text):
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            dmy += 1
        elif b > 12 >= a:
            mdy += 1
        elif a != b and 0 < a <= 12 and 0 < b <= 12:  # (both over 12, "25/31/24", is no date at all)
            if spelled is None:
                spelled = {d.value for d in parse.find_dates(text) if isinstance(d.value, dt.date)
                           and re.search(r"[^\W\d_]", d.text)}
            year = int(m[4]) + (2000 if len(m[4]) == 2 else 0)
            if not dt.MINYEAR <= year <= dt.MAXYEAR:
                continue
            as_dmy, as_mdy = dt.date(year, b, a), dt.date(year, a, b)
            if as_dmy in spelled and as_mdy not in spelled:
                dmy += 1
            elif as_mdy in spelled and as_dmy not in spelled:
                mdy += 1
            elif m[2] == ".":
                dmy += 0.5
        elif m[2] == ".":
            dmy += 0.5
    if dmy == mdy == 0 and _day_first_money(text):
        return "DMY"
    return "DMY" if dmy > mdy else "MDY"


MONTH_FIRST_SIGNS = frozenset({"USD"})
"""Currencies (as ``parse.currencies_in`` reads their signs) of the countries that print the month first:
the dollar sign (the United States; the other dollars print their dates so that a day over 12 or a dot
settles them more often than not)."""


def _day_first_money(text: str) -> bool:
    """With nothing in its dates to tell ("08/01/2025" alone), a bill whose figures are printed in a currency
    of the day-first countries (€, £, Rs, RM, R$, CHF) or with a decimal comma ("88,10") writes the day first."""
    counts = parse.currencies_in(text)
    if counts:
        return max(counts, key=lambda c: counts[c]) not in MONTH_FIRST_SIGNS
    return guess_number_format(text) != "us"


class Finder:
    """Finds candidates for every field of one document."""

    def __init__(self, doc: Document, profile: Profile | None) -> None:
        self.profile = profile
        self.views: list[View] = []
        for p in doc.pages:
            layout_text = p.layout_text if p.layout_text and p.layout_text.strip() else None
            has_layout = layout_text is not None
            layout = rejoined(layout_text) if layout_text is not None else None
            # A text layer of one word a line, with no layout text that kept its rows, is read with its rows
            # rejoined (same characters, same offsets).
            plain = rejoined(p.text) if not has_layout or layout is not None else None
            self.views.append(View(p.number, plain or p.text, False))
            if layout_text is not None:
                self.views.append(View(p.number, layout or layout_text, True))
        alltext = "\n".join(v.text for v in self.views if not v.layout)
        self.fmt = profile.number_format if profile else guess_number_format(alltext)
        self.order = profile.date_order if profile else guess_date_order(alltext)
        self.ref: dt.date | None = None
        """The bill's own reference date for yearless dates; set only through ``anchored``."""
        self.has_layout = {v.page: True for v in self.views if v.layout}
        self._label_cache: dict[tuple[int, str], list[tuple[re.Match[str], str, float]]] = {}
        self._register_cache: dict[tuple[int, str], list[tuple[Any, int, int, str]]] = {}
        self._numbers_cache: dict[tuple[int, bool, dt.date | None], list[tuple[Decimal, int, int]]] = {}
        self._dates_cache: dict[tuple[int, bool, dt.date | None], list[parse.Match]] = {}
        self._wrapped_cache: dict[tuple[int, str], list[Wrapped]] = {}
        self._phrases: dict[str, list[tuple[str, str, float]]] = {}
        """Normalized label -> (field, phrase, weight), for wrapped labels; filled on first use, shared."""
        """Per view and reference date: shared with anchored copies (the key holds the date)."""
        self._named: dict[str, bool] = {}

    def anchored(self, ref: dt.date | None) -> Finder:
        """A finder like this one whose yearless dates take their year from ``ref`` (the bill's own
        statement or latest date). A new object, so calls made before the dates were known keep
        their meaning; the label and register caches do not depend on it and are shared."""
        other = copy.copy(self)
        other.ref = ref
        return other

    # --- values of one type in a piece of a view ------------------------------------------
    def values(self, kind: str, view: View, s: int, e: int, fname: str,
               unit_gap: int = 1, gas_label: bool = False,
               after_label: bool = False) -> list[tuple[Any, int, int, str | None]]:
        """Values of ``kind`` in ``view.text[s:e]`` as (value, start, end, unit or date note).
        ``gas_label``: the label says gas, so a kWh figure may be gas billed in kWh. ``after_label``:
        the piece is the rest of a money label's own line, where a whole number is money too."""
        seg = view.text[s:e]
        out: list[tuple[Any, int, int, str | None]] = []
        if kind == "money":
            # Right after a money label a whole number is money too ("Net Payable  9021"); on the
            # lines below, a whole number is anything ("Payments through Mar 24").
            dates = [(d.start, d.end) for d in parse.find_dates(seg, self.order, self.ref or ANY_YEAR)] \
                if after_label else []
            for m in parse.find_money(seg, self.fmt, money_label=after_label):
                if any(ds <= m.start < de for ds, de in dates):
                    continue  # "Amount Due by February 7, 2023": the 7 is a day, not an amount
                out.append((m.value, s + m.start, s + m.end, None))
        elif kind == "date":
            for m in parse.find_dates(seg, self.order, self.ref):
                out.append((m.value, s + m.start, s + m.end, m.extra))
        elif kind == "qty":
            for m in parse.find_quantities(seg, self.fmt, unit_gap=unit_gap):
                gas_kwh = fname == "gas_usage" and m.extra == "kWh" and gas_label
                if m.extra in UNITS_FOR.get(fname, ()) or gas_kwh:
                    out.append((m.value, s + m.start, s + m.end, m.extra))
        elif kind == "id":
            dspans = [(d.start, d.end) for d in parse.find_dates(seg, self.order)]
            # The identifier right after its label is kept whole across single inner spaces ("1234 5678 90").
            lead_id = parse.find_identifier(seg, self.order)
            for im in ID_RX.finditer(seg):
                tok, tok_end = im.group(0), im.end()
                if lead_id is not None and lead_id.start == im.start() and len(lead_id.text) > len(tok):
                    tok, tok_end = lead_id.text, lead_id.end
                if any(ds < tok_end and im.start() < de for ds, de in dspans):
                    continue
                letters = re.findall(r"[A-Za-z]+", tok)
                if letters and all(x.lower() in parse.MONTHS for x in letters):
                    continue  # "OUT/2023": a month, not an identifier
                if " " in tok and "-" not in tok and len(tok.split(" ")[0]) > 5 and tok_end == im.end():
                    tok = tok.split(" ")[0]  # "418207 52": an id then a quantity; "816 379 998 588" stays
                    tok_end = im.start() + len(tok)
                if re.fullmatch(r"\d+\.\d+|(?:19|20)\d\d|\d{1,3}(?:[.,]\d{3})+", tok):
                    continue  # a year or a formatted number, not an identifier
                digits = sum(c.isdigit() for c in tok)
                if digits < 4 or re.fullmatch(r"\d+[.,]\d{2}", tok):
                    continue
                line_before = view.text[view.line(view.line_no(s + im.start()))[0]:s + im.start()]
                if PHONE_RX.match(tok) and (fname != "account_number" or TOLL_FREE.match(tok)
                                            or re.search(r"(?i)call|phone|tel\b|fax", line_before)):
                    continue  # a phone number; right after an account label the same shape is the account
                if parse.find_dates(tok, self.order) and not re.fullmatch(r"\d+", tok):
                    continue
                out.append((tok, s + im.start(), s + tok_end, None))
        elif kind == "text":
            if seg.strip().endswith(":") or any_label_rx().match(seg):
                return out  # another label ("Bill Type:"), not this label's value
            t = seg.strip(" \t:#-")
            # "Profil Double Point de mesure : CH10..." -> stop where the next "Label :" starts
            t = re.split(r"\s+(?=[A-Z][\w'’ ]{2,30}\s?:\s)", t)[0]
            if re.match(r"[A-Z][\w'’ ]{2,30}\s?:(?:\s|$)", t):
                return out  # a line that is itself "Label: value" ("Service Period: 09/30/2024 ...")
            if fname == "service_address" and (re.search(r"(?i)\b(?:page|period|billing|date|due|amount|total)\b", t)
                                               or self._has_date(t)):
                return out
            first = t.split(" ")[0].lower() if t else ""
            # ("Unit 2/17 Waratah Ave": a header word followed by a number starts an address.)
            numbered = fname == "service_address" and re.match(r"\S+\s+\d", t) is not None
            if (first in HEADER_WORDS and not numbered) or (t[:1].islower() and fname != "service_address"):
                return out
            if fname == "service_address" and not (re.match(r"(?i)\d|p\.?\s?o\.?\s", t)
                                                   or re.search(r"\d", t[:40]) and not t.lower().startswith("n")):
                return out  # an address has a house number near its start ("Goethestraße 64")
            short_code = fname == "rate_plan" and bool(re.fullmatch(r"[A-Z][A-Z0-9]", t))  # "Tariff: RS"
            if t and (len(t) >= 3 or short_code) and re.search(r"[A-Za-z]", t):
                off = seg.index(t)
                t = re.split(r"\s{3,}", t)[0] if view.layout else t
                out.append((t[:120], s + off, s + off + len(t[:120]), None))
        return out

    def _has_date(self, t: str) -> bool:
        """Whether ``t`` prints a date. A yearless "N/M" is a unit and street number ("Unit 2/17 Waratah
        Ave", "Apt 3/4"), not a date."""
        return any(d.extra != "noyear" or not re.fullmatch(r"\d{1,3}/\d{1,4}", d.text)
                   for d in parse.find_dates(t, self.order, self.ref or ANY_YEAR))

    def _text_label_ok(self, view: View, m: re.Match[str], ls: int, le: int) -> bool:
        """A text field's label must look like one: "Rate: X", "Rate    X", or alone on its line.
        ("Quantity x Rate Amount" is a table header, "rate plans and enroll" is a sentence.)"""
        after = view.text[m.end():le]
        before = view.text[ls:m.start()]
        if before.strip() and not re.search(r"\s{2,}$|[|:]\s*$", before) and not re.match(r"\s*:", after):
            return False
        if view.layout and after.strip() and len(after) - len(after.lstrip(" :#")) > 24:
            # Far to the right: the next column's text, unless the row is just "Label ...... value".
            return not before.strip() and not re.search(r"\S\s{2,}\S", after.strip())
        col_start = not before.strip() or bool(re.search(r"\s{2,}$", before))
        if col_start and m.group(0).isupper() and re.match(r" [A-Z0-9]", after):
            return True  # "RATE R-3 Residential Heating"
        return not after.strip() or bool(re.match(r"\s*[:#]|\s{2,}\S", after))

    def bare_usage(self, view: View, s: int, e: int, fname: str,
                   label_text: str = "") -> list[tuple[Any, int, int, str | None]]:
        """A number printed after a usage label with its unit elsewhere ("Actual Usage in CCF: 9.51",
        "KWH 753"): taken at a lower weight, and only the first one."""
        seg = view.text[s:e]
        # Only when the field's unit is named right there (in the label or just before the number).
        ls, _ = view.line(view.line_no(s))  # (this line only: the line above may end in another figure's unit)
        lab_ctx = label_text + " " + view.text[max(ls, s - 40):s] + seg[:20]
        unit = next((u for u in UNIT_WORDS[fname] if re.search(rf"(?i)(?<![a-z]){re.escape(u)}(?![a-z])", lab_ctx)),
                    None)
        if unit is None:
            return []
        # (Figures grouped by spaces, "28 992", where the bill's numbers are: not 28.)
        spaced = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,])|" if self.fmt in ("eu", "ch") else ""
        m = re.match(rf"[^\d\n]{{0,16}}?(?<![\w.,])({spaced}\d[\d,.'’]*)(?![\w/%$])", seg)
        if not m or "$" in seg[: m.start(1)]:
            return []
        v = parse.parse_number(m.group(1).rstrip(".,"), self.fmt)
        if v is None or v <= 0:
            return []
        raw = m.group(1).rstrip(".,")
        from minimeter.extract.parse import QTY_UNITS

        return [(v, s + m.start(1), s + m.start(1) + len(raw), QTY_UNITS.get(unit, unit))]

    def unit_headed(self, view: View, s: int, e: int, fname: str) -> list[tuple[Any, int, int, str | None]]:
        """A figure after a label that names its unit itself, the unit right after the label's words
        ("Recorded MD (kW): 32.15", "Demand kW: 12"): the figure is in that unit. The unit must touch
        the label (bracketed or closed by a colon), so a kW figure elsewhere on the line is not read so."""
        units = "|".join(re.escape(u) for u in sorted(UNITS_FOR.get(fname, ()), key=len, reverse=True))
        if not units:
            return []
        m = re.match(rf"[^\S\n]*(?:\(\s*(?i:({units}))\s*\)[^\S\n]*:?|(?i:({units}))[^\S\n]*:)[^\S\n]*"
                     r"(\d[\d,.'’]*)(?![\w/%$])", view.text[s:e])
        if not m:
            return []
        raw = m.group(3).rstrip(".,")
        v = parse.parse_number(raw, self.fmt)
        if v is None or v <= 0:
            return []
        unit = next(u for u in UNITS_FOR[fname] if u.lower() == (m.group(1) or m.group(2)).lower())
        return [(v, s + m.start(3), s + m.start(3) + len(raw), unit)]

    def labels(self, view_idx: int, fname: str) -> list[tuple[re.Match[str], str, float]]:
        key = (view_idx, fname)
        if key not in self._label_cache:
            view = self.views[view_idx]
            found = []
            for phrase, w in labels_for(fname, self.profile) + self._neutral_usage_labels(fname):
                for m in label_rx(phrase, strict=w < 1.1).finditer(view.text):
                    if anchored(phrase) and not (self._starts_cell(view, m.start())
                                                 and re.match(r"\s*[:#]|\s{2,}|\s*$|\s+[\d(]", view.text[m.end():])):
                        continue  # "Date d'échéance" is not the label "Date"
                    if w < 1.0 and " " not in phrase and self._in_prose(view, m):
                        continue  # "la commissione per i pagamenti in contanti è di 3,10 euro": a word, no label
                    found.append((m, phrase, w))
            for wl in self._wrapped(view_idx):
                if wl.field == fname:
                    m2 = re.compile(re.escape(view.text[wl.start:wl.end])).match(view.text, wl.start)
                    if m2 is not None:
                        found.append((m2, wl.phrase, wl.weight))
            self._label_cache[key] = found
        return self._label_cache[key]

    def _wrapped(self, view_idx: int) -> list[Wrapped]:
        """Labels this view prints wrapped over two lines of a label column (``extract.wrapped``)."""
        key = (view_idx, "wrapped")
        if key not in self._wrapped_cache:
            if not self._phrases:
                for f in sorted(lexicon.FIELDS):
                    for phrase, w in labels_for(f, self.profile):
                        # (one-word labels too: a first line that is a label on its own is not a first part)
                        self._phrases.setdefault(wrapped_norm(phrase), []).append((f, phrase, w))
            self._wrapped_cache[key] = wrapped_labels(self.views[view_idx], self._phrases)
        return self._wrapped_cache[key]

    def _neutral_usage_labels(self, fname: str) -> list[tuple[str, float]]:
        """On a bill of one commodity, gas or water (it names that one and neither of the others), the usage
        labels that name no commodity ("Consumo fatturato", "Verbruik", "Usage") label its figure too;
        the unit still decides (only m3, gallons, therms... are read for it). On a bill that also names
        electricity such labels mostly mean the electricity ("Gesamtverbrauch 1.190 kWh")."""
        if fname not in ("gas_usage", "water_usage") or self.commodities() != [fname]:
            return []
        own = {p for p, _w in labels_for(fname, self.profile)}
        return [(p, round(w * 0.9, 3)) for p, w in labels_for("electricity_kwh", self.profile)
                if p not in own and "kwh" not in p.lower() and not any(
                    names_commodity(p, f) for f in COMMODITY_WORDS)]

    @staticmethod
    def _in_prose(view: View, m: re.Match[str]) -> bool:
        """A lower-case word in running text: between two lower-case words (one space, or two where the
        layout text spreads justified prose), so a weak one-word label is a label only where it heads a
        cell or a line or is printed as a caption."""
        ls, le = view.line(view.line_no(m.start()))
        return (m.group(0).islower() and bool(re.search(r"[a-zà-ÿ,] {1,2}$", view.text[ls:m.start()]))
                and bool(re.match(r" {1,2}[a-zà-ÿ]", view.text[m.end():le])))

    @staticmethod
    def _starts_cell(view: View, pos: int) -> bool:
        """``pos`` starts a line or a column (two spaces or a bar before it)."""
        ls, _ = view.line(view.line_no(pos))
        before = view.text[ls:pos]
        return not before.strip() or bool(re.search(r"\s{2,}$|[|]\s*$", before))

    # --- labelled candidates ------------------------------------------------------------------
    def labelled(self, fname: str, kind: str, dkind: str | None) -> list[Candidate]:
        out: list[Candidate] = []
        for vi, view in enumerate(self.views):
            for m, phrase, w in self.labels(vi, fname):
                gas_label = fname == "gas_usage" and bool(re.search(r"(?i)ga[sz]", phrase))
                ln = view.line_no(m.start())
                ls, le = view.line(ln)
                if kind == "text" and not self._text_label_ok(view, m, ls, le):
                    continue
                # 1. the rest of the label's line
                # In layout text a labelled row's unit may sit in its own column ("4'281     kWh").
                vals = self.values(kind, view, m.end(), le, fname, unit_gap=8 if view.layout else 1,
                                   gas_label=gas_label, after_label=True)
                if kind == "qty" and not vals and fname != "demand_kw":
                    vals = self.bare_usage(view, m.end(), le, fname)
                if kind == "qty" and not vals and fname == "demand_kw":  # (usage: ``bare_usage`` does this)
                    vals = self.unit_headed(view, m.end(), le, fname)
                if kind == "text" and view.layout:
                    vals = vals[:1]
                if kind == "money":
                    vals = row_total_first(vals)
                if kind == "id":  # an identifier sits right after its label, not across the page
                    vals = [v for v in vals if s_gap(view.text[m.end():v[1]]) <= 20
                            and not (view.layout and len(view.text[m.end():v[1]]) > 24
                                     and re.search(r"\S\s{2,}\S", view.text[v[1]:le]))]
                    # (far right, followed by more cells: a cell of the next column's table row)
                if kind == "qty" and view.layout:
                    rows = self._register_spans(vi, fname)
                    vals = [v for v in vals if not any(a <= v[1] < b for a, b in rows)]  # one register, not the sum
                # "153 m3 x 10.6441 = 1,629 kWh": the value after "=" is the result the bill uses.
                eq = next((i for i, v in enumerate(vals[:3]) if view.text[max(m.end(), v[1] - 3):v[1]].strip() == "="),
                          None)
                for i, (val, s, e, extra) in enumerate(vals[:3]):
                    gap = len(view.text[m.end():s].strip())
                    pos = (1.0 if i == 0 else 0.55 / i) * (0.75 if gap > 12 else 1.0)
                    if eq is not None:
                        pos = 1.0 if i == eq else 0.5
                    if view.layout and s - m.end() > 60 and kind != "text":
                        pos *= 0.6  # (a text value this far away passed _text_label_ok: a "Label .... value" row)
                    out.append(self._cand(fname, val, view, s, e, w * pos, phrase, extra, dkind, ls))
                if vals and kind != "text":
                    continue
                if kind == "text" and vals:
                    continue
                # 2. the lines below (layout: the same column). A label sharing its line with other
                # labels is a header grid: only the layout text knows which value sits under it.
                col = m.start() - ls
                crowded = len(view.text[ls:le].strip()) > len(m.group(0)) + 2
                if not view.layout and crowded and kind in ("date", "money") and self.has_layout.get(view.page):
                    continue
                if not view.layout and ln > 0 and self._is_label_line(view, ln - 1) and self._is_label_line(view, ln):
                    out.extend(self._stacked(fname, kind, view, ln, phrase, w, dkind, gas_label))
                    continue  # the last label of a stacked block: its value is not the line below
                for k in range(1, 4):
                    if ln + k >= view.n_lines:
                        break
                    s2, e2 = view.line(ln + k)
                    if view.layout:
                        lo = s2 + max(0, col - 12)
                        hi = min(e2, s2 + col + max(40, len(phrase) + 25))
                        if lo >= hi:
                            continue
                        vals = self.values(kind, view, lo, hi, fname, gas_label=gas_label)
                        if kind in ("date", "money"):
                            # The value whose middle sits nearest the label's middle: OCR and centred grids
                            # shift a row's values sideways ("BILL DATE" over "April 1, 2024  April 15, 2024").
                            mid = s2 + col + len(m.group(0)) / 2
                            row = [v for v in self.values(kind, view, s2, e2, fname, gas_label=gas_label)
                                   if abs((v[1] + v[2]) / 2 - mid) <= max(30, len(phrase) + 15)]
                            vals = sorted(row, key=lambda v: abs((v[1] + v[2]) / 2 - mid)) or vals
                    else:
                        vals = self.values(kind, view, s2, e2, fname, gas_label=gas_label)
                    if kind == "qty" and not vals and fname != "demand_kw" and k == 1:
                        a, b = s2, e2
                        if view.layout:
                            # Only under the label's own header cell ("Consumo (kWh)"): the row's first cells
                            # are the meter number and the other columns' figures. A header that repeats the
                            # label (one "Consumo kWh" per time band) heads parts, not the usage.
                            if len(label_rx(phrase).findall(view.text[ls:le])) > 1:
                                break
                            head = re.match(r"\S+(?: \S+)*", view.text[m.start():le])
                            width = len(head.group(0)) if head else len(m.group(0))
                            a, b = s2 + max(0, col - 2), min(e2, s2 + col + width + 6)
                            if a >= b:
                                continue
                        vals = self.bare_usage(view, a, b, fname, label_text=view.text[ls:le])
                    if vals and fname == "account_number":
                        seg_txt = view.text[lo:hi] if view.layout else view.text[s2:e2]
                        cell = re.split(r"\s{2,}", seg_txt.strip())[0]
                        if len(vals[0][0]) < 0.4 * len(cell):
                            vals = []  # the id must be (most of) the cell under its label
                    if vals:
                        val, s, e, extra = vals[0]
                        # In layout text the value sits in the label's own column: nearly as sure as same-line.
                        decay = 0.95 if view.layout else 0.85
                        out.append(self._cand(fname, val, view, s, e, w * decay ** k, phrase, extra, dkind, ls))
                        break
                    if view.text[s2:e2].strip():
                        if not view.layout:
                            out.extend(self._stacked(fname, kind, view, ln, phrase, w, dkind, gas_label))
                            break
                        continue
        if kind == "qty":
            out.extend(self.registers(fname))
        return out

    def _register_rows(self, vi: int, fname: str) -> list[tuple[Any, int, int, str]]:
        key = (vi, "registers:" + fname)
        if key not in self._register_cache:
            from minimeter.extract.registers import register_rows

            view = self.views[vi]
            self._register_cache[key] = register_rows(view, fname, self.fmt) if view.layout else []
        return self._register_cache[key]

    def _register_spans(self, vi: int, fname: str) -> list[tuple[int, int]]:
        return [(s, e) for _v, s, e, _u in self._register_rows(vi, fname)]

    def registers(self, fname: str) -> list[Candidate]:
        """Time-of-use register rows of the layout text: their sum (kWh) or peak (kW), see ``registers.py``."""
        out = []
        for vi, view in enumerate(self.views):
            for val, s, e, unit in self._register_rows(vi, fname):
                ls = view.line(view.line_no(s))[0]
                out.append(self._cand(fname, val, view, s, e, 1.05, None, unit, "usage", ls, "registers"))
        return out

    @staticmethod
    def _is_label_line(view: View, n: int) -> bool:
        s, e = view.line(n)
        t = view.text[s:e].strip()
        if not t or len(t) >= 40 or re.search(r"\d{3}", t):
            return False
        if t.endswith(":") or t.endswith("#") or any_label_rx().match(t):
            return True
        # "N° de facture", "Numéro client": identifier-ish captions with no digits
        return len(t.split()) <= 4 and not re.search(r"\d", t) and bool(re.search(
            r"(?i)(?:^|\s)(?:n°|no\.?|nr\.?|numéro|number|date|datum|période|period|référence|reference|nummer)"
            r"(?:\s|$)", t))

    def _stacked(self, fname: str, kind: str, view: View, ln: int, phrase: str, w: float,
                 dkind: str | None, gas_label: bool = False) -> list[Candidate]:
        """Labels printed one per line, then their values one per line in the same order."""
        def is_label_line(n: int) -> bool:
            return self._is_label_line(view, n)

        top = ln
        while top > 0 and is_label_line(top - 1):
            top -= 1
        bottom = ln
        while bottom + 1 < view.n_lines and is_label_line(bottom + 1):
            bottom += 1
        if bottom == top or not is_label_line(ln):
            return []
        idx = ln - top
        n = bottom + 1
        filled: list[int] = []
        while n < view.n_lines and len(filled) <= idx:
            s, e = view.line(n)
            if view.text[s:e].strip():
                filled.append(n)
            n += 1
        if len(filled) <= idx:
            return []
        s, e = view.line(filled[idx])
        vals = self.values(kind, view, s, e, fname, gas_label=gas_label)
        if not vals and kind == "qty" and fname != "demand_kw":
            vals = self.bare_usage(view, s, e, fname, label_text=phrase)
        if not vals:
            return []
        val, vs, ve, extra = vals[0]
        # Distractors are judged on the value's own line: the other stacked labels are not its context.
        return [self._cand(fname, val, view, vs, ve, w * 0.7, phrase, extra, dkind, s, "stacked")]

    def _cand(self, fname: str, val: Any, view: View, s: int, e: int, score: float, label: str | None,
              extra: str | None, dkind: str | None, ctx_start: int, why: str = "label") -> Candidate:
        if dkind:
            ls, le = view.line(view.line_no(s))
            ctx = view.text[min(ctx_start, ls):s][-80:]
            if label is None:  # unlabelled: what follows the value counts too ("10.00 KW Connected Load")
                ctx += " " + view.text[e:min(le, e + 30)]
            hits = distractor_hits(ctx, dkind, field=fname, profile=self.profile)
            if hits:
                score *= 0.35
                why += " distractor:" + hits[0]
        if extra == "noyear":
            score *= 0.9
        unit = extra if extra and extra != "noyear" else None
        return Candidate(fname, val, view.text[s:e], view.page, s, e, view.layout, score, label, unit, why)

    # --- unlabelled candidates ----------------------------------------------------------------
    def quantities(self, fname: str) -> list[Candidate]:
        out = []
        # m3/CCF are gas or water: the commodity named nearby decides, else the bill's only one of the two
        # (an Italian water bill says "acqua" in its letterhead, not beside "Consumo fatturato: 40 m³").
        other = {"gas_usage": "water_usage", "water_usage": "gas_usage"}.get(fname)
        sole = other is not None and self.names(fname) and not self.names(other)
        for view in self.views:
            for val, s, e, unit in self.values("qty", view, 0, len(view.text), fname):
                ls, _ = view.line(view.line_no(s))
                if THRESHOLD.search(view.text[max(ls, s - 20):s]):
                    continue
                if any(names_commodity(view.text[ls:s], f2) for f2 in COMMODITY_WORDS if f2 != fname):
                    continue  # "Gas used 89 m3 x 10.4465 = 930 kWh" is not electricity
                if other is not None and unit in ("m3", "CCF", "HCF", "CF"):
                    near = view.text[max(0, s - 300):e + 40]
                    if not (names_commodity(near, fname) or (fname == "gas_usage" and "therm" in near.lower())
                            or (sole and not names_commodity(near, other))):
                        continue
                out.append(self._cand(fname, val, view, s, e, 0.3, None, unit, "usage", view.line(view.line_no(s))[0],
                                      "unit"))
        return out

    def commodities(self) -> list[str]:
        """The usage fields whose commodity the bill names anywhere, in ``COMMODITY_WORDS`` order."""
        return [f for f in COMMODITY_WORDS if self.names(f)]

    def names(self, fname: str) -> bool:
        """Whether the bill names the commodity of usage field ``fname`` anywhere (cached per finder)."""
        if fname not in self._named:
            self._named[fname] = any(names_commodity(v.text, fname) for v in self.views if not v.layout)
        return self._named[fname]

    def ranges(self) -> list[tuple[Candidate, Candidate]]:
        """Date ranges: "Jun 18, 2024 to Jul 20, 2024", "05/21/2019 To: 06/21/2019", "du .. au ..."."""
        out = []
        conn = range_connector_rx()
        for view in self.views:
            dates = self.view_dates(view)
            # bare[i]: dates i and i + 1 stand on one line with only spaces between them
            bare = [not (g := view.text[x.end:y.start]).strip() and "\n" not in g
                    for x, y in zip(dates, dates[1:], strict=False)]
            for i, (a, b) in enumerate(zip(dates, dates[1:], strict=False)):
                between = view.text[a.end:b.start]
                if "\n" in between or not conn.match(between) or b.value == a.value:
                    continue
                if not between.strip() and len(between) > 3:
                    continue  # two cells of a table ("Feb 24      Mar 24" in a usage history), not a range
                if bare[i] and ((i > 0 and bare[i - 1]) or (i + 1 < len(bare) and bare[i + 1])
                                or _month_cell_after(view.text, b.end)):
                    # A run of three or more dates ("mag 22 giu 22 lug 22": a history's columns), the third
                    # perhaps in a spelling the date parser does not know ("lug 22 ago 22 set 22").
                    continue
                out.append(self.range_pair(view, a, b, between))
        return out

    def range_pair(self, view: View, a: parse.Match, b: parse.Match, between: str) -> tuple[Candidate, Candidate]:
        """Two dates of ``view`` read as a period, scored by the period label before them, their distance
        (a monthly bill's length scores best) and the words that make them another period."""
        reversed_ = False
        if b.value < a.value:  # type: ignore[operator]
            if between.strip():
                reversed_ = True  # "10/29/24 - 09/27/24": kept as printed, for validation to question
            else:
                a, b = b, a  # "27/10/2023 27/09/2023": current read date printed first
        days = abs((b.value - a.value).days)  # type: ignore[operator]
        ls, _ = view.line(view.line_no(a.start))
        before = view.text[max(0, ls - 200 if not view.layout else ls - 400):a.start]
        lw = 0.0
        own = re.split(r"\s{2,}", view.text[ls:a.start])[-1]  # the range's own cell, before its first date
        for phrase, w in labels_for("billing_period_start", self.profile):
            # A weak label ("from", "dal") introduces the date right after it, not one on a line below.
            if label_rx(phrase).search(before[-160:] if w >= WEAK_PERIOD_LABEL else own):
                lw = max(lw, w)
        score = 0.45 + 0.6 * lw + (0.3 if 26 <= days <= 35 or self._counted(view, b.end, days)
                                   else 0.15 if 20 <= days <= 40 else 0.0)
        if days > 100:
            score -= 0.15  # a year's window (annual consumption, a contract), longer than bills are
        if between.strip() == "":
            score -= 0.2
        if reversed_:
            score *= 0.8
        if distractor_hits(view.text[ls:a.start], "date"):
            score *= 0.3
        ca = Candidate("billing_period_start", a.value, a.text, view.page, a.start, a.end, view.layout, score,
                       None, None, "range")
        cb = Candidate("billing_period_end", b.value, b.text, view.page, b.start, b.end, view.layout, score,
                       None, None, "range")
        return ca, cb

    @staticmethod
    def _counted(view: View, end: int, days: int) -> bool:
        """The range's own line prints its length right after it ("2031/01/04 to 2031/03/11 = 66 days"): a
        period of that many days whatever its length (an estimated read, a quarter), up to a quarter's."""
        from minimeter.arithmetic import printed_day_counts

        _ls, le = view.line(view.line_no(end))
        rest = view.text[end:min(le, end + 30)]
        return 15 <= days <= 100 and any(n in (days, days + 1) for n, _s, _e in printed_day_counts(rest))

    def short_ranges(self) -> list[tuple[Candidate, Candidate]]:
        """Yearless numeric ranges ("4/19 to 5/18"), placed before the statement date."""
        out: list[tuple[Candidate, Candidate]] = []
        if self.ref is None:
            return out
        rx = _short_range_rx()
        for view in self.views:
            for m in rx.finditer(view.text):
                a, b, c, d = (int(x) for x in m.groups())
                if self.order == "DMY":
                    a, b, c, d = b, a, d, c
                end = parse.infer_year(c, d, self.ref, prefer="before")
                start = parse.infer_year(a, b, end or self.ref, prefer="before")
                if start is None or end is None or not (15 <= (end - start).days <= 70):
                    continue
                days = (end - start).days
                ls, _ = view.line(view.line_no(m.start()))
                before = view.text[max(0, ls - 200):m.start()][-160:]
                # Like a full range: a period label before it ("For Service: 6/20 through 7/20") counts.
                lw = max((w for phrase, w in labels_for("billing_period_start", self.profile)
                          if label_rx(phrase).search(before)), default=0.0)
                score = 0.4 + 0.6 * lw + (0.3 if 26 <= days <= 35 else 0.15 if 20 <= days <= 40 else 0.0)
                ca = Candidate("billing_period_start", start, "", view.page, m.start(), m.end(2), view.layout, score,
                               None, None, "range")
                cb = Candidate("billing_period_end", end, view.text[m.start(3):m.end()], view.page, m.start(3), m.end(),
                               view.layout, score, None, None, "range")
                ca.raw = view.text[ca.start:ca.end]
                out.append((ca, cb))
        return out

    def view_dates(self, view: View, ref: dt.date | None = None) -> list[parse.Match]:
        """Every date ``view`` prints, yearless ones placed by ``ref`` (default: the finder's own reference
        date); found once per view and date. Callers must not change the list."""
        ref = ref or self.ref
        key = (view.page, view.layout, ref)
        if key not in self._dates_cache:
            self._dates_cache[key] = parse.find_dates(view.text, self.order, ref)
        return self._dates_cache[key]

    def numbers(self, view: View) -> list[tuple[Decimal, int, int]]:
        """The numbers ``view`` prints outside dates, as (value, start, end); computed once per view and
        reference date (the read pairs ask for them many times). Callers must not change the list."""
        key = (view.page, view.layout, self.ref)
        if key not in self._numbers_cache:
            self._numbers_cache[key] = self._numbers(view)
        return self._numbers_cache[key]

    def _numbers(self, view: View) -> list[tuple[Decimal, int, int]]:
        out = []
        # (yearless dates too: "Mar 24" in a usage history is not a meter read)
        ref = self.ref or ANY_YEAR
        date_spans = [(m.start, m.end) for m in self.view_dates(view, ref)]
        for m in NUM_RX.finditer(view.text):
            if any(s <= m.start() < e for s, e in date_spans):
                continue
            v = parse.parse_number(m.group(0), self.fmt)
            if v is not None:
                out.append((v, m.start(), m.end()))
        return out


@functools.cache
def _connectors() -> str:
    """The lexicon's range connectors as one alternation, longest first ("tot en met" before "tot")."""
    return alternation(lexicon.load().range_connectors)


@functools.cache
def range_connector_rx() -> re.Pattern[str]:
    """What may stand between the two dates of a range: nothing, or one of the lexicon's connectors."""
    return re.compile(rf"(?i)^\s*(?:{_connectors()})?\s*$")


@functools.cache
def _short_range_rx() -> re.Pattern[str]:
    # (A German yearless date ends with a dot, "04.12. - 03.01."; a full date's year never follows it.)
    return re.compile(rf"(?i)(?<![\d/.])(\d{{1,2}})[/.](\d{{1,2}})\.?\s*(?:{_connectors()})\s*"
                      r"(\d{1,2})[/.](\d{1,2})\.?(?![\d/.])")


def row_total_first(vals: list[tuple[Any, int, int, str | None]]) -> list[tuple[Any, int, int, str | None]]:
    """A labelled row of a table's columns whose last amount is the sum of the others ("Total Current Charges
    $ 21.40  $ 3.10  -$ 0.50  $ 24.00" under DELIVERY / SUPPLY / OTHER / TOTAL): the last is the row's value,
    the parts come after it. Anything else is left in printed order."""
    if len(vals) < 3 or sum((v[0] for v in vals[:-1]), Decimal(0)) != vals[-1][0]:
        return vals
    return [vals[-1], *vals[:-1]]


def dedupe(cands: list[Candidate]) -> dict[Any, list[Candidate]]:
    by: dict[Any, list[Candidate]] = {}
    for c in cands:
        key = c.value.normalize() if isinstance(c.value, Decimal) else c.value
        by.setdefault(key, []).append(c)
    return by
