"""The grounded candidate finder: every value a field could take, with the exact characters it came from.

For each field the finder looks for its labels (generic vocabulary plus the profile's) in each
page's plain text and layout text, then for a value of the field's type (money, date, quantity,
identifier, text) in the places a value follows a label: the rest of the line, the lines below
(in layout text: the same column), and "stacked" label blocks where the text layer prints four
labels and then their four values. Every candidate records page, view (plain/layout) and
character span; ``view.text[start:end] == candidate.raw`` always holds.

Scores are relative: label weight x position factor x distractor penalty. Choosing among them
(and the arithmetic that settles ties) is ``select.py``'s job.

The finder is split by what it reads: ``values.py`` (values of one type in a piece of a page),
``ranges.py`` (periods printed as two dates), ``formats.py`` (the bill's number format and date order),
``views.py`` (``View`` and ``Candidate``); this module finds labels and pairs them with their values.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.extract import lexicon, parse
from minimeter.extract.formats import guess_date_order, guess_number_format
from minimeter.extract.ranges import PeriodRanges
from minimeter.extract.rejoin import rejoined
from minimeter.extract.units import BILLED_IN
from minimeter.extract.values import ANY_YEAR, ValueReaders, counts_months
from minimeter.extract.views import Candidate, View
from minimeter.extract.vocab import (
    COMMODITY_WORDS,
    RTL_CELL,
    alternation,
    anchored,
    any_label_rx,
    distractor_hits,
    first_word_forms,
    label_rx,
    labels_for,
    names_commodity,
    names_gas,
    strip_accents,
)
from minimeter.extract.wrapped import Wrapped, wrapped_labels
from minimeter.extract.wrapped import norm as wrapped_norm

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile
    from minimeter.readers.base import Document

__all__ = ["DATES", "IDS", "MONEY", "QTY", "TEXTS", "Candidate", "Finder", "View", "dedupe"]

MONEY = ("total_amount_due", "current_charges", "previous_balance", "payments")
DATES = ("statement_date", "due_date", "billing_period_start", "billing_period_end")
QTY = ("electricity_kwh", "gas_usage", "water_usage", "demand_kw")
IDS = ("account_number", "meter_number")
TEXTS = ("customer_name", "service_address", "rate_plan")
# Where a cell of layout text ends: the run of spaces before the next column.
_CELL_END = re.compile(r"[^\S\n]{3,}")


# A figure grouped in thousands (comma-grouped with a decimal point, or dot-grouped with a decimal comma:
# "12.345,678" is one read, not 12.345 and a stray 678), or plain with its decimals.
NUM_RX = re.compile(r"(?<![\w.,'/-])\d{1,3}(?:[.'’]\d{3})+,\d+(?![\w/]|[.,]\d)"
                    r"|(?<![\w.,'/-])\d{1,3}(?:[,'’]\d{3})+(?:\.\d+)?(?![\w/])|(?<![\w.,'/-])\d+(?:[.,]\d+)?(?![\w/])")
# An amount grouped so, with its decimals ("R 1 234,56", "1 816,40 €"): a bill that writes its money so groups
# its other figures with spaces too.
SPACED_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+[.,]\d{2}(?![\d])")


# A threshold of the terms and conditions ("... potenza disponibile >= 55 kW", "above 500 kWh a month"),
# not this bill's figure.
THRESHOLD = re.compile(r"(?i)(?:[<>≤≥]=?|\b(?:above|below|over|under|up to|at least|more than|less than|exceeding|"
                       r"oltre|fino a|superiore a|inferiore a|maggiore di|minore di|hasta|más de|menos de|"
                       r"supérieure? à|inférieure? à|jusqu'à|über|unter|bis zu|acima de|até))\s*$")


# A heading's words ending in a dash between spaces, "DETAIL OF CURRENT CHARGES - ", and a house number and
# street name after a label, " 12 Sample Road".
_DASHED_HEADING = re.compile(r"\S[^\S\n][-–][^\S\n]$")
_HOUSE_NUMBER = re.compile(r"[^\S\n]\d{1,5}[A-Za-z]?,?[^\S\n][^\W\d_]{3,}")

_RTL_AFTER = re.compile(rf"[.:]?[^\S\n]*{RTL_CELL.pattern}")


def s_gap(between: str) -> int:
    return len(between.strip()) + (0 if len(between) < 30 else len(between) - 30)


# A demand figure a rate multiplies ("5 kW x 500", "45.2 KW @ $12.50"): what follows the value on its line. (Not
# a ratio's term, "203.76 kW x 90 / 86.2": a power-factor adjustment of the registered demand.)
BILLED_DEMAND = re.compile(r"(?i)[^\S\n]*(?:k[wv]a?\b)?[^\S\n]*(?:x|×|@|\*)[^\S\n]*(?:rs\.?|\$|€|£)?[^\S\n]*\d[\d,.]*"
                           r"(?![\d,.]|[^\S\n]*[/÷])")
BILLED_DEMAND_WEIGHT = 0.6


class Finder(PeriodRanges, ValueReaders):
    """Finds candidates for every field of one document."""

    def __init__(self, doc: Document, profile: Profile | None) -> None:
        self.profile = profile
        self.views: list[View] = []
        for p in doc.pages:
            layout_text = p.layout_text if p.layout_text and p.layout_text.strip() else None
            layout = rejoined(layout_text) if layout_text is not None else None
            # A text layer of one word a line, with no layout text that kept its rows, is read with its rows
            # rejoined (same characters, same offsets).
            plain = rejoined(p.text) if layout_text is None or layout is not None else None
            self.views.append(View(p.number, plain or p.text, False))
            if layout_text is not None:
                self.views.append(View(p.number, layout or layout_text, True))
        alltext = "\n".join(v.text for v in self.views if not v.layout)
        self.fmt = profile.number_format if profile else guess_number_format(alltext)
        self.order = profile.date_order if profile else guess_date_order(alltext)
        # (US and Indian figures never group thousands with a space: "1 816 kWh" is two cells there.)
        self.spaced = self.fmt not in ("us", "in") and len(SPACED_AMOUNT.findall(alltext)) >= 2
        """The bill groups its figures' thousands with a space ("R 1 234,56"): "77 823" is one read."""
        self.ref: dt.date | None = None
        """The bill's own reference date for yearless dates; set only through ``anchored``."""
        self.has_layout = {v.page: True for v in self.views if v.layout}
        self._label_cache: dict[tuple[int, str], list[tuple[re.Match[str], str, float]]] = {}
        self._register_cache: dict[tuple[int, str], list[tuple[Any, int, int, str]]] = {}
        self._numbers_cache: dict[tuple[int, bool, dt.date | None], list[tuple[Decimal, int, int]]] = {}
        self._dates_cache: dict[tuple[int, bool, dt.date | None], list[parse.Match]] = {}
        self._wrapped_cache: dict[tuple[int, str], list[Wrapped]] = {}
        self._folded_cache: dict[int, str] = {}
        self._phrases: dict[str, list[tuple[str, str, float]]] = {}
        """Normalized label -> (field, phrase, weight), for wrapped labels; filled on first use, shared."""
        """Per view and reference date: shared with anchored copies (the key holds the date)."""
        self._named: dict[str, bool] = {}
        self._translations: dict[str, re.Pattern[str]] = {}

    def anchored(self, ref: dt.date | None) -> Finder:
        """A finder like this one whose yearless dates take their year from ``ref`` (the bill's own
        statement or latest date). A new object, so calls made before the dates were known keep
        their meaning; the label and register caches do not depend on it and are shared."""
        other = copy.copy(self)
        other.ref = ref
        return other


    def _text_label_ok(self, view: View, m: re.Match[str], ls: int, le: int, fname: str = "") -> bool:
        """A text field's label must look like one: "Rate: X", "Rate    X", or alone on its line.
        ("Quantity x Rate Amount" is a table header, "rate plans and enroll" is a sentence.) An address's
        label may also follow a dash in a heading, its value the house number and street right after it
        ("DETAIL OF CURRENT CHARGES - service address 12 Sample Road, Sampletown")."""
        after = view.text[m.end():le]
        before = view.text[ls:m.start()]
        if fname == "service_address" and _DASHED_HEADING.search(before) and _HOUSE_NUMBER.match(after):
            return True
        if before.strip() and not re.search(r"\s{2,}$|[|:]\s*$", before) and not re.match(r"\s*:", after):
            return False
        if view.layout and after.strip() and len(after) - len(after.lstrip(" :#")) > 24:
            # Far to the right: the next column's text, unless the row is just "Label ...... value".
            return not before.strip() and not re.search(r"\S\s{2,}\S", after.strip())
        col_start = not before.strip() or bool(re.search(r"\s{2,}$", before))
        if col_start and m.group(0).isupper() and re.match(r" [A-Z0-9]", after):
            return True  # "RATE R-3 Residential Heating"
        return not after.strip() or bool(re.match(r"\s*[:#]|\s{2,}\S", after))


    def labels(self, view_idx: int, fname: str) -> list[tuple[re.Match[str], str, float]]:
        """The label matches of ``fname`` on a view. A money label inside a longer, outright label of another
        money role at the same place is that other label's word ("Amount Due" in "Amount Due on Previous
        Statement"): it is left out."""
        found = self._labels(view_idx, fname)
        if fname not in MONEY:
            return found
        wider = [m2 for other in MONEY if other != fname for m2, _p, w2 in self._labels(view_idx, other) if w2 >= 1.0]
        return [(m, p, w) for m, p, w in found
                if not any(m2.start() <= m.start() and m.end() <= m2.end() and len(m2.group(0)) > len(m.group(0))
                           for m2 in wider)]

    def _labels(self, view_idx: int, fname: str) -> list[tuple[re.Match[str], str, float]]:
        key = (view_idx, fname)
        if key not in self._label_cache:
            view = self.views[view_idx]
            folded = self._folded(view_idx)
            found = []
            for phrase, w in labels_for(fname, self.profile) + self._neutral_usage_labels(fname):
                forms = first_word_forms(phrase)
                if forms is not None and not any(f in folded for f in forms):
                    continue  # (the page cannot hold it: ~1,800 labels, most of other languages)
                for m in label_rx(phrase, strict=w < 1.1).finditer(view.text):
                    if anchored(phrase) and not (self._starts_cell(view, m.start())
                                                 and re.match(r"\s*[:#]|\s{2,}|[^\S\n]*(?:\n|$)|\s+[\d(]",
                                                              view.text[m.end():])):
                        continue  # "Date d'échéance" is not the label "Date"
                    if w < 1.0 and " " not in phrase and self._in_prose(view, m):
                        continue  # "la commissione per i pagamenti in contanti è di 3,10 euro": a word, no label
                    found.append((self._translated(view, m, fname), phrase, w))
            for wl in self._wrapped(view_idx):
                if wl.field == fname:
                    m2 = re.compile(re.escape(view.text[wl.start:wl.end])).match(view.text, wl.start)
                    if m2 is not None:
                        found.append((m2, wl.phrase, wl.weight))
            self._label_cache[key] = found
        return self._label_cache[key]

    def _folded(self, view_idx: int) -> str:
        """The view's text in lower case without accents (``strip_accents``), made once per view."""
        if view_idx not in self._folded_cache:
            self._folded_cache[view_idx] = strip_accents(self.views[view_idx].text)
        return self._folded_cache[view_idx]

    def _translated(self, view: View, m: re.Match[str], fname: str) -> re.Match[str]:
        """A label printed in two languages, "No. Akaun / Account No.", "Tarif / Tariff": the match of its
        first part grows over the slash and the second part (a label of the same field), so the value is
        read after the whole label and not taken from the translation's words. A translation in a
        right-to-left script right after the label ("Address  العنوان  VILLA 14...") is stepped over too:
        its words cannot be matched reliably (visual or logical order), but they are never the value."""
        t = self._translation_rx(fname).match(view.text, m.end()) or _RTL_AFTER.match(view.text, m.end())
        if t is None:
            return m
        whole = re.compile(re.escape(view.text[m.start():t.end()])).match(view.text, m.start())
        return whole if whole is not None else m

    def _translation_rx(self, fname: str) -> re.Pattern[str]:
        if fname not in self._translations:
            body = alternation(p for p, _w in labels_for(fname, self.profile) if len(p) > 3 and "#" not in p)
            self._translations[fname] = re.compile(rf"(?i)[^\S\n]*/[^\S\n]*(?:{body})(?![^\W\d_])\.?")
        return self._translations[fname]

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
                gas_label = fname == "gas_usage" and names_gas(phrase)
                ln = view.line_no(m.start())
                ls, le = view.line(ln)
                if kind == "text" and not self._text_label_ok(view, m, ls, le, fname):
                    continue
                if kind == "qty" and counts_months(view.text[m.end():le]):
                    continue  # "Therms Used - last 13 months": the heading of a usage history
                under = self._grid_cell(view, ln, m) if kind == "text" and view.layout else None
                if under is not None:
                    for val, s, e, extra in self.values(kind, view, under[0], under[1], fname)[:1]:
                        out.append(self._cand(fname, val, view, s, e, w * 0.95, phrase, extra, dkind, ls))
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
                    vals = product_first(view.text, row_total_first(vals), self.fmt)
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
                        if kind == "text":
                            # A text cell runs to its column's gap, not to a width: "Masarykova 2211/73, 370 01
                            # České Budějovice" under "Odběrné místo" is one cell, its town not cut in two.
                            cell_end = _CELL_END.search(view.text, hi, e2)
                            hi = cell_end.start() if cell_end else e2
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
                        if not view.layout and crowded:
                            break  # a header grid's label: the plain text cannot say which figure is its cell
                        a, b = s2, e2
                        if view.layout:
                            # Only under the label's own header cell ("Consumo (kWh)"): the row's first cells
                            # are the meter number and the other columns' figures. A header that repeats the
                            # label (one "Consumo kWh" per time band) heads parts, not the usage.
                            if len(label_rx(phrase).findall(view.text[ls:le])) > 1:
                                break
                            head = re.match(r"\S+(?: \S+)*", view.text[m.start():le])
                            if head and _heads_other_unit(head.group(0), fname):
                                break  # "Verbrauch m³": a volume's column, whatever unit a later header names
                            width = len(head.group(0)) if head else len(m.group(0))
                            a, b = _whole_cells(view.text, s2 + max(0, col - 2), min(e2, s2 + col + width + 6), s2, e2)
                            if a >= b:
                                continue
                        vals = self.bare_usage(view, a, b, fname, label_text=view.text[ls:le])
                    if vals and kind == "qty" and fname in COMMODITY_WORDS and not names_commodity(
                            view.text[s2:e2], fname) and any(names_commodity(view.text[s2:e2], f2)
                                                             for f2 in COMMODITY_WORDS if f2 != fname):
                        continue  # a meter table's "Water" row under "Consumption": not the gas figure
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
    def _grid_cell(view: View, ln: int, m: re.Match[str]) -> tuple[int, int] | None:
        """A header grid in layout text: a row of four or more captions with no figure, over a row of as many
        cells ("CONSUMER ID   TARIFF   LOAD ..." over "7654321   A-1(a)   4 kW ..."). A caption's value is the
        cell under it; the rest of its own row is the next captions. None when the row is no such grid."""
        ls, le = view.line(ln)
        head = list(re.finditer(r"\S+(?: \S+)*", view.text[ls:le]))
        if len(head) < 4 or re.search(r"\d", view.text[ls:le]) or ln + 1 >= view.n_lines:
            return None
        s2, e2 = view.line(ln + 1)
        row = list(re.finditer(r"\S+(?: \S+)*", view.text[s2:e2]))
        if len(row) < len(head) or any_label_rx().match(row[0].group(0)):
            # (A row below that starts with a label is the next "Label  value  Label  value" row of a two-column
            # block, "Rate Class  Residential  Price Plan  Time-of-Use" over "Meter Number  J7790960 ...": the
            # values are beside their labels, not under them.)
            return None
        a, b = m.start() - ls, m.end() - ls
        cell = max(row, key=lambda c: min(b, c.end()) - max(a, c.start()))
        if min(b, cell.end()) - max(a, cell.start()) <= 0:
            return None
        return s2 + cell.start(), s2 + cell.end()

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
        if fname == "demand_kw" and BILLED_DEMAND.match(view.text, e):
            # "MDI 5 kW x 500": the demand a charge is billed on (a minimum, a ratchet), not the one the meter
            # registered; it stays a candidate for a bill that prints no other.
            score *= BILLED_DEMAND_WEIGHT
            why += " billed on a charge"
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
        found = [(view, v) for view in self.views for v in self.values("qty", view, 0, len(view.text), fname)]
        # A figure the bill names as something else where it prints it with a distractor ("SANCTIONED LOAD
        # 7 kW") is that figure wherever it appears unlabelled (the "7 kW" cell of a header grid under "LOAD").
        named_other = {(val, unit) for view, (val, s, _e, unit) in found if fname == "demand_kw" and distractor_hits(
            view.text[view.line(view.line_no(s))[0]:s][-80:], "usage", field=fname, profile=self.profile)}
        for view, (val, s, e, unit) in found:
            if (val, unit) in named_other:
                continue
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
        spaced = [(m.start(), m.end()) for m in parse.SPACED_NUM_RX.finditer(view.text)] if self.spaced else []
        for s0, e0 in spaced:
            if not any(s <= s0 < e for s, e in date_spans):
                v = parse.parse_number(view.text[s0:e0], self.fmt)
                if v is not None:
                    out.append((v, s0, e0))
        for m in NUM_RX.finditer(view.text):
            if any(s <= m.start() < e for s, e in date_spans) or any(s <= m.start() < e for s, e in spaced):
                continue
            v = parse.parse_number(m.group(0), self.fmt)
            if v is not None:
                out.append((v, m.start(), m.end()))
        return sorted(out, key=lambda t: t[1]) if spaced else out


def row_total_first(vals: list[tuple[Any, int, int, str | None]]) -> list[tuple[Any, int, int, str | None]]:
    """A labelled row of a table's columns whose last amount is the sum of the others ("Total Current Charges
    $ 21.40  $ 3.10  -$ 0.50  $ 24.00" under DELIVERY / SUPPLY / OTHER / TOTAL): the last is the row's value,
    the parts come after it. Anything else is left in printed order."""
    if len(vals) < 3 or sum((v[0] for v in vals[:-1]), Decimal(0)) != vals[-1][0]:
        return vals
    return [vals[-1], *vals[:-1]]


_FACTOR = re.compile(r"(?<![\d.,])(\d{1,3})\s*[x×]\s*$")
# A count, a few words, then "à" / "je" / "@" right before the amount: "10 geleistete Teilbeträge à € 102,00",
# "12 acomptes à 85,00 €", "6 instalments @ $40.00" (the amount is each one's).
_EACH = re.compile(r"(?i)(?<![\d.,])(\d{1,3}) (?:[^\W\d]+ ){0,3}(?:à|je|zu je|@) *$")


def product_first(text: str, vals: list[tuple[Any, int, int, str | None]],
                  fmt: str) -> list[tuple[Any, int, int, str | None]]:
    """A labelled row that prints how its amount is made ("abzüglich geleistete Abschläge (12 x 190,00 €)
    -2.280,00 €", "10 geleistete Teilbeträge à € 102,00   € -1.020,00"): an amount right after a count and "x"
    (or after a count, a few words and "à") is a factor, and the amount equal to count x factor
    further along the row is the row's value; the factor is dropped. Anything else is left as it is."""
    for i, (v, s, _e, _x) in enumerate(vals):
        m = _FACTOR.search(text[max(0, s - 12):s]) or _EACH.search(text[max(0, s - 60):s])
        if m is None or not isinstance(v, Decimal):
            continue
        product = abs(v) * int(m.group(1))
        hit = next((j for j in range(i + 1, len(vals)) if isinstance(vals[j][0], Decimal)
                    and abs(vals[j][0]) == product), None)
        if hit is not None:
            return [vals[hit], *(w for k, w in enumerate(vals) if k not in (i, hit))]
    return vals


def dedupe(cands: list[Candidate]) -> dict[Any, list[Candidate]]:
    by: dict[Any, list[Candidate]] = {}
    for c in cands:
        key = c.value.normalize() if isinstance(c.value, Decimal) else c.value
        by.setdefault(key, []).append(c)
    return by


def _heads_other_unit(cell: str, fname: str) -> bool:
    """A header cell that names its own unit, and none ``fname`` is billed in ("Verbrauch m³" for kWh)."""
    found = {parse.QTY_UNITS[t].lower() for t in re.findall(r"[^\s()\[\]]+", cell.lower()) if t in parse.QTY_UNITS}
    return bool(found) and not found & BILLED_IN.get(fname, frozenset())


def _whole_cells(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The window ``[lo, hi)`` of line ``[start, end)`` widened to whole words: a column's reach cut through a
    figure ("73" under "CCF Used" read as "7") would read a part of it as a value of its own."""
    if lo >= hi:
        return lo, hi
    while start < lo < end and not text[lo - 1].isspace() and not text[lo].isspace():
        lo -= 1
    while start < hi < end and not text[hi - 1].isspace() and not text[hi].isspace():
        hi += 1
    return lo, hi
