"""Values of one type in a piece of a page: the candidate finder's value readers.

``ValueReaders`` is mixed into ``candidates.Finder``. ``values(kind, view, s, e, fname)`` returns every
money amount, date, quantity (in a unit of ``fname``), identifier or text value in ``view.text[s:e]`` as
(value, start, end, unit or date note); ``bare_usage`` and ``unit_headed`` read a usage figure whose unit
is printed in its label. They read the finder's number format, date order and reference date only.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.extract import lexicon, parse, units
from minimeter.extract.units import UNITS_FOR, in_field_unit
from minimeter.extract.views import View
from minimeter.extract.vocab import alternation, any_label_rx, label_rx, labels_for

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile

HEADER_WORDS = {"amount", "quantity", "usage", "unit", "rate", "price", "total", "charge", "charges", "description",
                "montant", "betrag", "menge", "qty", "days", "meter", "read", "reading", "cost", "per", "x"}


ID_RX = re.compile(
    r"(?<![\w\-/.,])(?=[A-Z0-9\-./]*\d)[A-Z0-9]+(?:[-./][A-Z0-9]+)*"
    r"(?: \d{1,5}(?![\w.,/:\-]|[.,]\d))*(?![\w]|[.,]\d)"
)


TOLL_FREE = re.compile(r"^(?:1-)?8(?:00|33|44|55|66|77|88)-")


PHONE_RX = re.compile(r"^(?:1-)?\d{3}-\d{3}-\d{4}$|^\d{4}-\d{3}-\d{3,4}$")


@functools.cache
def _months_count_rx() -> re.Pattern[str]:
    """A count of months, in every lexicon language ("last 13 months", "ultimi 12 mesi")."""
    words = lexicon.load().month_words
    return re.compile(rf"(?i)(?<![\d.,])\d{{1,2}}[^\S\n]*(?:{alternation(words)})(?![^\W\d_])" if words else "(?!)")


def counts_months(text: str) -> bool:
    """Whether ``text`` prints a count of months: on a usage label's line ("Therms Used - last 13 months") it
    heads a history of monthly figures, none of them this period's usage."""
    return _months_count_rx().search(text) is not None


# A figure that ends a range of units ("1-30 kWh", "101 to 300 kWh", "0 – 50 m3"): a band's bound.
# The word a number's caption starts with ("N°", "No.", "Nr", "Num.", "Number", "Número"): not a street's name.
_NUMBER_WORD = re.compile(r"(?i)n(?:[º°o]|ro?|u?m\w*|úm\w*)?(?![^\W\d_])")
_RANGE_END = re.compile(r"(?<![\d.,])\d[\d,.]*[^\S\n]*(?:-|–|to)[^\S\n]*$")


# A reference year for recognising a yearless date as a date; never used for a value's year.
ANY_YEAR = dt.date(2000, 1, 1)


# A capital that starts a label, accented too ("Číslo smluvního účtu: ...", "Échéance : ...").
_CAP = "[A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper()) + "]"


class ValueReaders:
    """The finder's readers of values of one type (mixed into ``candidates.Finder``)."""

    fmt: str
    order: str
    ref: dt.date | None
    profile: Profile | None

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
                if _RANGE_END.search(view.text, max(0, s + m.start - 16), s + m.start):
                    continue  # "Consumption 31-100 kWh": the upper bound of a tariff band, not a quantity used
                gas_kwh = fname == "gas_usage" and m.extra == "kWh" and gas_label
                if m.extra in UNITS_FOR.get(fname, ()) or gas_kwh:
                    val, unit = in_field_unit(m.value, m.extra) if isinstance(m.value, Decimal) else (m.value, m.extra)
                    out.append((val, s + m.start, s + m.end, unit))
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
                # (Dot-grouped digits on a bill whose figures group thousands otherwise, "123.456.789" beside
                # CHF 1'234.50 or $1,234.50, are no figure: a Swiss customer number.)
                if re.fullmatch(r"\d+\.\d+|(?:19|20)\d\d|\d{1,3}(?:[.,]\d{3})+", tok) and not (
                        self.fmt != "eu" and re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", tok)):
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
            t = re.split(rf"\s+(?={_CAP}[\w'’ ]{{2,30}}\s?:\s)", t)[0]
            # "Nygatan 9, 852 31 Sundsvall | Anläggnings-ID 7359... | Elområde SE2": bars part a row's cells.
            t = re.split(r"[^\S\n]\|[^\S\n]", t)[0]
            if re.match(rf"{_CAP}[\w'’ ]{{2,30}}\s?:(?:\s|$)", t):
                return out  # a line that is itself "Label: value" ("Service Period: 09/30/2024 ...")
            if not after_label and self._labels_its_own_row(view, s + seg.index(t), t, fname):
                return out
            # In layout text the value is the first cell: the checks below are about it, not the row's
            # other cells ("CPE      PT0002...": the label cell of a two-column row, no address).
            cell = re.split(r"\s{3,}", t)[0] if view.layout else t
            # (In layout text only the first cell: "5447 Concession Rd 4      Billing Period  2025-04-04 to ..." is
            # an address with the next column's label and dates beside it.)
            if fname == "service_address" and (re.search(r"(?i)\b(?:page|period|billing|date|due|amount|total)\b",
                                                         cell) or self._has_date(cell)):
                return out
            first = t.split(" ")[0].lower() if t else ""
            # ("Unit 2/17 Waratah Ave": a header word followed by a number starts an address.)
            numbered = fname == "service_address" and re.match(r"\S+\s+\d", t) is not None
            if (first in HEADER_WORDS and not numbered) or (t[:1].islower() and fname != "service_address"):
                return out
            # (A number's caption, "Nº 4432", "Nr. 12", "Number 88", is no street: "Nygatan 9" is.)
            if fname == "service_address" and not (re.match(r"(?i)\d|p\.?\s?o\.?\s|no\.?\s?\d+[a-z]?,\s*[^\W\d]", t)
                                                   or re.search(r"\d", cell[:40]) and not _NUMBER_WORD.match(t)):
                return out  # an address has a house number near its start ("Goethestraße 64", "No 12, Jalan")
            # "Tariff: RS"; right after its label, a tariff numbered "1" or "1C" (Mexico)
            short_code = fname == "rate_plan" and bool(re.fullmatch(r"[A-Z][A-Z0-9]", t) or (
                after_label and re.fullmatch(r"\d{1,2}[A-Z]?", t)))
            if short_code and t[:1].isdigit():
                off = seg.index(t)
                out.append((t, s + off, s + off + len(t), None))
                return out
            if t and (len(t) >= 3 or short_code) and re.search(r"[A-Za-z]", t):
                off = seg.index(t)
                t = re.split(r"\s{3,}", t)[0] if view.layout else t
                out.append((t[:120], s + off, s + off + len(t[:120]), None))
        return out

    def _labels_its_own_row(self, view: View, pos: int, t: str, fname: str) -> bool:
        """A row below a label that starts with this field's own label and then holds a value of its own
        ("Morada   Rua do Carmo, 12" under a "Local de consumo" heading): that row's label and value, not a
        value that happens to start with the word. ("Uso domestico residente" under "Tipologia d'uso" is a
        value: what follows its "Uso" is no rate plan by itself.)"""
        for p, _w in labels_for(fname, self.profile):
            m = label_rx(p).match(t)
            if m is not None and self.values("text", view, pos + m.end(), pos + len(t), fname, after_label=True):
                return True
        return False

    def _has_date(self, t: str) -> bool:
        """Whether ``t`` prints a date. A yearless "N/M" is a unit and street number ("Unit 2/17 Waratah
        Ave", "Apt 3/4"), not a date."""
        return any(d.extra != "noyear" or not re.fullmatch(r"\d{1,3}/\d{1,4}", d.text)
                   for d in parse.find_dates(t, self.order, self.ref or ANY_YEAR))

    def bare_usage(self, view: View, s: int, e: int, fname: str,
                   label_text: str = "") -> list[tuple[Any, int, int, str | None]]:
        """A number printed after a usage label with its unit elsewhere ("Actual Usage in CCF: 9.51",
        "KWH 753"): taken at a lower weight, and only the first one."""
        seg = view.text[s:e]
        # Only when the field's unit is named right there (in the label or just before the number).
        ls, _ = view.line(view.line_no(s))  # (this line only: the line above may end in another figure's unit)
        lab_ctx = label_text + " " + view.text[max(ls, s - 40):s] + seg[:20]
        unit = next((u for u in units.spellings(fname)
                     if re.search(rf"(?i)(?<![a-z]){re.escape(u)}(?![a-z])", lab_ctx)), None)
        if unit is None:
            return []
        # (Figures grouped by spaces, "28 992", where the bill's numbers are: not 28.)
        spaced = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,])|" if self.fmt in ("eu", "ch") else ""
        # (Not a band's lower bound, "Consumption 1-30 kWh", "101+ kWh": a tariff band, not the quantity used.)
        m = re.match(rf"[^\d\n]{{0,16}}?(?<![\w.,])({spaced}\d[\d,.'’]*)(?![\w/%$+])(?![^\S\n]*(?:-|–|to)[^\S\n]*\d)",
                     seg)
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
