"""Charge lines: one bill line's description and amount, and whether it is an item, a total or noise.

``read_row(view, n, fmt, order) -> list[Charge]`` reads line ``n`` of a view. A charge is the words right
before an amount (quantity x rate cells, dates, row numbers and another column's words cut away),
with the exact characters it came from (``view.text[start:end] == text``). ``kind_of`` sorts it:

* ``item``: energy, delivery, demand, fees, taxes, credits (taxes are items);
* ``total``: subtotals, current charges, balances, payments, amounts due (never items);
* ``noise``: figures that are no charge (cost per day, averages, deposits, late-payment amounts).

``minimeter.extract.lineitems`` decides which items a bill keeps.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract import lexicon, parse
from minimeter.extract.vocab import LABELS, label_rx
from minimeter.schema import LineItem, LineItemCategory, Span

if TYPE_CHECKING:
    from collections.abc import Iterator

    from minimeter.extract.candidates import Finder, View

ITEM, TOTAL, NOISE = "item", "total", "noise"

_TOTAL = re.compile(
    r"(?i)(?<![a-zà-ÿ])(?:sub-?totals?|totals?|totaux|totale|totali|subtotale|totaal|subtotaal|imponibile|"
    r"jumlah|somma|suma|sum|summe|gesamt\w*|zwischensumme|sous-total|soit ttc|"
    r"balance|saldo|solde|amount due|due|owed?|please pay|pay this|enclosed|payments?|paid|pagamentos?|"
    r"paiements?|zahlung\w*|versements?|acomptes?|abschl[aä]g\w*|previous|last bill|prior|arrears?|"
    r"forward|current charges|new charges|charges this period|current bill|montant|betrag|a pagar|à payer|"
    r"importe|en votre faveur|thank you)(?![a-zà-ÿ])")
_NOISE = re.compile(
    r"(?i)per day|per month|par jour|pro tag|average|\bavg\b|moyenne|durchschnitt|cost per|budget|"
    r"if paid after|after due date|late payment|security|deposit|kaution|incluses? dans|included in|"
    r"davon enthalten|ct/kwh|¢|cents? per|prix moyen")
_UNITS = (r"kwh|kw|kva|kvah|mwh|therms?|thm|ccf|hcf|mcf|m3|m³|gallons?|gals?|kgal|dth|mj|gj|days?|day\(s\)|jours?|"
          r"dias|tage|months?|mois|ct|x|kg|l")
# A unit price alone ("11.9¢ per kWh") is no charge; a quantity at that price with its amount is.
_PRICED = re.compile(rf"(?i)(?:\d[\d.,'’ ]*\s*(?:{_UNITS})\s*[x×*]|@)\s*[$€£]?\d")
_RATE_UNIT = re.compile(r"(?i)ct/kwh|¢(?:/\w+)?|cents? per \w+")
_VALUEISH = re.compile(rf"(?i)^[\s\d.,'’%@x×*=:/|$€£+-]*(?:(?:{_UNITS})(?![a-z])[\s\d.,'’%@x×*=:/|$€£+-]*)*$")
_QTY_RATE = re.compile(rf"(?i)(?P<q>\d[\d.,'’]*)\s*(?P<u>{_UNITS})?\s*[x×*@]\s*[$€£]?\s*(?P<r>\d[\d.,'’]*)")
# European and Swiss figures group thousands with a space ("1 212 kWh x 0,23375"); US ones never do.
_QTY_RATE_SPACED = re.compile(_QTY_RATE.pattern.replace("(?P<q>", "(?P<q>(?<![\\d.,])\\d{1,3}(?:[ \u00a0\u202f]\\d{3})+"
                                                        "(?:[.,]\\d+)?(?![\\d.,])|", 1))
_TAIL = re.compile(rf"(?i)(?:\s+(?:[@x×*=]\s*)?[$€£]?\d[\d.,'’]*(?:p(?=\s*(?:per\b|/)))?\s*(?:(?:{_UNITS})(?![a-z]))?"
                   r"(?:\s*(?:/|per)\s*[a-z0-9]+)?|\s+[@x×*=])+\s*$")
# The figure a percentage is taken of ("State Sales Tax 6.25% on $604.15   $37.76", "VAT 12% on 924.01"):
# the tax's base, not a charge.
_BASE = re.compile(r"(?i)%\s*(?:on|of)(?:\s+[A-Z]{3})?$")
_PERCENT_OF = r"(?!(?:on|of)\b)"
HEADER = re.compile(r"(?i)(?<![a-z])(?:description|amount|quantity|qty|rate|charges?|price|montant|betrag|"
                     r"menge|preis|quantité|prix|valor|descrição|unit|units|cost)(?![a-z])")
_CATEGORIES: list[tuple[LineItemCategory, re.Pattern[str]]] = [
    (LineItemCategory.TAX, re.compile(r"(?i)\b(?:tax\w*|vat|tva|mwst\w*|ust|iva|icms|pis|cofins|gst|duty|cess|"
                                      r"impôts?|steuer\w*|franchise fee|surcharge|grt)\b")),
    (LineItemCategory.CREDIT, re.compile(r"(?i)\b(?:credit|rebate|discount|refund|gutschrift|remise|avoir)\b")),
    (LineItemCategory.DEMAND, re.compile(r"(?i)\b(?:demand|kw(?!h)|puissance|leistung)\b")),
    (LineItemCategory.DELIVERY, re.compile(r"(?i)\b(?:deliver\w*|distribution|transmission|network|réseau|"
                                           r"netz\w*|acheminement|tusd|transport|grid)\b")),
    (LineItemCategory.FEE, re.compile(r"(?i)\b(?:fee|basic|base|customer charge|service charge|standing|facility|"
                                      r"abonnement|grundpreis|fixed|minimum|meter charge)\b")),
    (LineItemCategory.SUPPLY, re.compile(r"(?i)\b(?:supply|generation|energy charge|commodity|fourniture|usage|"
                                         r"electricity|arbeitspreis|consommation|energie|énergie|te\b|on-peak|off-peak)")),
]


def _total_phrases() -> list[re.Pattern[str]]:
    names = ("total_amount_due", "current_charges", "previous_balance", "payments")
    return [label_rx(p) for n in names for p, w in LABELS[n] if w >= 0.5]


_TOTAL_LABELS = _total_phrases()
_SUMMARY = [label_rx(p) for n in ("previous_balance", "payments", "total_amount_due") for p, w in LABELS[n] if w >= 0.5]
_NEVER_ITEM = re.compile(r"(?i)(?<![a-z])(?:sub-?totals?|totals?|summe|soit|previous|thank you|amount due)(?![a-z])")


def may_be_item(description: str) -> bool:
    """A line the vocabulary set aside that may still be a charge: not a balance, payment or (sub)total."""
    return not (_NEVER_ITEM.search(description) or any(rx.search(description) for rx in _SUMMARY))


@dataclass
class Charge:
    """One description-plus-amount on one line of one view."""

    description: str
    amount: Decimal
    kind: str
    page: int
    layout: bool
    line: int
    start: int
    end: int
    text: str
    columns: int = 1
    """How many amounts the row printed for this description (a table row with several columns is unsure)."""
    clean: bool = True
    """False when a short number sits right before the amount ("1 234,56" read in the wrong number format)."""
    quantity: Decimal | None = None
    unit: str | None = None
    rate: Decimal | None = None

    def item(self, section: str | None = None) -> LineItem:
        unit = parse.QTY_UNITS.get(self.unit.lower(), self.unit)[:16] if self.unit else None
        return LineItem(description=self.description[:200], amount=self.amount, quantity=self.quantity, unit=unit,
                        category=category(self.description, self.amount, self.unit, section), rate=self.rate)

    def span(self) -> Span:
        return Span(page=self.page, start=self.start, end=self.end, text=self.text[:500], layout=self.layout)


def category(description: str, amount: Decimal, unit: str | None, section: str | None) -> LineItemCategory:
    """Arcadia's categories from the description (then the section's title): taxes first, then credits."""
    for text in (description, section or ""):
        for cat, rx in _CATEGORIES:
            if rx.search(text):
                return cat
    if unit and unit.lower() == "kw":
        return LineItemCategory.DEMAND
    return LineItemCategory.CREDIT if amount < 0 else LineItemCategory.OTHER


@functools.cache
def _plan_rx() -> list[re.Pattern[str]]:
    """The lexicon's ``plan_instalment`` labels: a budget plan's fixed amount is billed instead of the charges,
    so its row is no charge ("Mensualité 120,00 €" beside the period's charges of 143,27 €)."""
    return [label_rx(p) for p, _w in lexicon.load().roles.get("plan_instalment", ())]


def kind_of(description: str) -> str:
    probe = _RATE_UNIT.sub("", description) if _PRICED.search(description) else description
    if _NOISE.search(probe) or any(rx.search(description) for rx in _plan_rx()):
        return NOISE
    if _TOTAL.search(description) or any(rx.search(description) for rx in _TOTAL_LABELS):
        return TOTAL
    return ITEM


def _cells(raw: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", raw)]


def _describe(raw: str, order: str) -> tuple[int, str] | None:
    """The description in the text before an amount: the words right before it, without quantity x rate
    cells, dates, or the cells of another column far to the left. (offset in ``raw``, text) or None."""
    for m in parse.find_dates(raw, order):
        raw = raw[:m.start] + " " * (m.end - m.start) + raw[m.end:]
    cells = _cells(raw)
    while cells and _VALUEISH.match(cells[-1][1]):
        cells.pop()
    if not cells:
        return None
    keep = [cells[-1]]
    for off, txt in reversed(cells[:-1]):
        gap = keep[0][0] - (off + len(txt))
        if gap > 12 or _VALUEISH.match(txt) or len(keep) >= 3:
            break
        keep.insert(0, (off, txt))
    start = keep[0][0]
    text = raw[start:keep[-1][0] + len(keep[-1][1])]
    text = _TAIL.sub("", " " + text).strip(" :|-–=")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?i)(%)\s*(?:on|of)$", r"\1", text)  # the base cut off: "6.25% on $604.15"
    # "Sanctioned Load 10.00 KW 1. Electricity Charge": another column's figure, or a row number, before it
    cut = list(re.finditer(r"(?i)(?:^|\s)(?:\d{1,2}[.)]|\d[\d.,'’]*\s?(?:kw|kva|kwh|hp|%)(?:/\w+)?)\s+"
                           rf"(?=[a-zà-ÿ])(?![x×]\s){_PERCENT_OF}", text))
    if cut and len(re.findall(r"[A-Za-zÀ-ÿ]", text[cut[-1].end():])) >= 2:
        text = text[cut[-1].end():]
        at = raw.find(text.split(" ")[0], start)  # the span starts at the description's first word
        start = at if at >= 0 else start
    if len(re.findall(r"[A-Za-zÀ-ÿ]", text)) < 2:
        return None
    return start, text


def _is_rate(line: str, m: parse.Match) -> bool:
    """A rate ("x 0.15", "0.15/kWh", "@ 9.11") or a quantity ("10.00 KW", "8.1 %"), not a charge."""
    before = line[:m.start].rstrip()
    after = line[m.end:m.end + 8].lstrip()
    # ("x" alone: "Total sales tax $1.93" ends in an x that is no multiplication sign)
    return bool(re.search(r"(?i)(?:(?<![a-z])x|[×*@]|\bat)$", before) or re.match(r"(?i)(?:/|per\b|ct\b|¢|c/|%)", after)
                or _BASE.search(before)
                or re.match(rf"(?i)(?:{_UNITS})(?![a-z])", after) and not re.match(r"(?i)x\b", after))


def _amounts(line: str, fmt: str, order: str) -> list[parse.Match]:
    """Amounts on one line, not inside a date. A whole token that is an amount counts even where the money
    parser read a longer number across a space ("0,31535 375,27" is a rate, then 375,27)."""
    dates = [(d.start, d.end) for d in parse.find_dates(line, order)]
    found = [m for m in parse.find_money(line, fmt) if not any(s < m.end and m.start < e for s, e in dates)]
    for t in re.finditer(r"(?<!\S)[-(]?[$€£]?-?\d[\d.,'’]*\)?(?:CR|-)?(?!\S)", line):
        if any(m.start < t.end() and t.start() < m.end for m in found) or any(s < t.end() and t.start() < e
                                                                               for s, e in dates):
            continue
        whole = parse.find_money(t.group(0), fmt)
        if whole and whole[0].start == 0 and whole[0].end == len(t.group(0)):
            w = whole[0]
            found.append(parse.Match(w.value, t.start(), t.end(), t.group(0)))
    return sorted(found, key=lambda m: m.start)


def document_rows(finder: Finder) -> Iterator[tuple[View, int, Charge]]:
    """Every charge row ``read_row`` reads in the document, with its view and line number: from a page's
    layout text where it has one (its plain text would give the same rows a second time)."""
    for view in finder.views:
        if not view.layout and finder.has_layout.get(view.page):
            continue
        for n in range(view.n_lines):
            for c in read_row(view, n, finder.fmt, finder.order):
                yield view, n, c


def read_row(view: View, n: int, fmt: str, order: str) -> list[Charge]:
    ls, le = view.line(n)
    line = view.text[ls:le]
    out: list[Charge] = []
    prev = 0
    for m in _amounts(line, fmt, order):
        if _is_rate(line, m):
            continue
        raw = line[prev:m.start]
        desc = _describe(raw, order)
        if desc is None:
            if out and not raw.strip(" |"):  # another column of the same row: the row's last amount is its total
                c = out[-1]
                c.amount, c.end, c.columns = m.value, ls + m.end, c.columns + 1  # type: ignore[assignment]
                c.text = view.text[c.start:c.end]
            prev = m.end
            continue
        off, text = desc
        s = ls + prev + off
        c = Charge(text, m.value, kind_of(text), view.page, view.layout, n, s, ls + m.end,  # type: ignore[arg-type]
                   view.text[s:ls + m.end])
        c.clean = not re.search(r"(?<![\d.,'’])\d{1,3}\s$", line[:m.start])
        qr = (_QTY_RATE_SPACED if fmt in ("eu", "ch") else _QTY_RATE).search(raw[off:])
        if qr:
            c.quantity = parse.parse_number(qr["q"], fmt)
            c.unit = qr["u"] if qr["u"] and qr["u"].lower() not in ("x", "ct") else None
            c.rate = parse.parse_number(qr["r"], fmt)
            # "89 kWh @12.9888¢/kWh", "948 kWh x 26.830p per kWh": a rate in cents or pence, the amount in the
            # currency.
            if c.rate is not None and re.match(r"\s*(?:¢|ct\b|cents?\b)|p\s*(?:per\b|/)", raw[off:][qr.end("r"):]):
                c.rate = c.rate / 100
        out.append(c)
        prev = m.end
    return out
