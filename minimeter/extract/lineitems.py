"""Line items: a bill's charge lines (description + amount), per section, with the characters they came from.

Contract
--------
``find(finder) -> Charges`` reads every page (layout text first: it keeps a row's description and
its amount on one line; the plain text as well, since either can be the one in reading order) and
sorts each description-plus-amount it meets into

* an *item*: energy, delivery, demand, fees, taxes, credits... (taxes are items: they are part of
  the current charges);
* a *total*: subtotals, section totals, current charges, balances, payments, amounts due. These are
  never items, but they close (or open) a section and tell what its items must add up to;
* *noise*: figures that are not charges at all (cost per day, averages, deposits, late-payment amounts).

Items are kept only when arithmetic backs them (``Charges.settle``), because a bill whose items
are wrong must not be sent to review for it:

* a contiguous run of items adds up to the current charges: kept, and ``line_items_sum`` passes;
* no run does, but the items form a *closed table* (a table header or a summary line above, the
  current-charges line right below, nothing unexplained in between) whose sum differs by an amount
  printed nowhere near it: the bill contradicts itself; kept, so ``line_items_sum`` fails and the
  bill goes to review;
* anything else: not kept, and the evidence says how many charge lines were seen and why.

``support(charges, candidates)`` gives a current-charges candidate that a run of items adds up to a
higher score before selection. Nothing here raises on a bad bill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract import parse
from minimeter.extract.vocab import LABELS, label_rx
from minimeter.schema import FieldEvidence, LineItem, LineItemCategory, Span

if TYPE_CHECKING:
    from minimeter.extract.candidates import Candidate, Finder, View
    from minimeter.readers.base import Document

ITEM, TOTAL, NOISE = "item", "total", "noise"
CENT = Decimal("0.01")

_TOTAL = re.compile(
    r"(?i)(?<![a-zà-ÿ])(?:sub-?totals?|totals?|totaux|sum|summe|gesamt\w*|zwischensumme|sous-total|soit ttc|"
    r"balance|saldo|solde|amount due|due|owed?|please pay|pay this|enclosed|payments?|paid|pagamentos?|"
    r"paiements?|zahlung\w*|versements?|acomptes?|abschl[aä]g\w*|previous|last bill|prior|arrears?|"
    r"forward|current charges|new charges|charges this period|current bill|montant|betrag|a pagar|à payer|"
    r"importe|en votre faveur|thank you)(?![a-zà-ÿ])")
_NOISE = re.compile(
    r"(?i)per day|per month|par jour|pro tag|average|\bavg\b|moyenne|durchschnitt|cost per|budget|"
    r"if paid after|after due date|late payment|security|deposit|kaution|incluses? dans|included in|"
    r"davon enthalten|ct/kwh|¢|cents? per|prix moyen")
_UNITS = (r"kwh|kw|kva|kvah|mwh|therms?|thm|ccf|hcf|mcf|m3|m³|gallons?|gals?|kgal|dth|days?|day\(s\)|jours?|"
          r"dias|tage|months?|mois|ct|x|kg|l")
_VALUEISH = re.compile(rf"(?i)^[\s\d.,'’%@x×*=:/|$€£+-]*(?:(?:{_UNITS})(?![a-z])[\s\d.,'’%@x×*=:/|$€£+-]*)*$")
_QTY_RATE = re.compile(rf"(?i)(?P<q>\d[\d.,'’]*)\s*(?P<u>{_UNITS})?\s*[x×*@]\s*[$€£]?\s*(?P<r>\d[\d.,'’]*)")
_TAIL = re.compile(rf"(?i)(?:\s+(?:[@x×*=]\s*)?[$€£]?\d[\d.,'’]*\s*(?:(?:{_UNITS})(?![a-z]))?"
                   r"(?:\s*(?:/|per)\s*[a-z0-9]+)?|\s+[@x×*=])+\s*$")
_HEADER = re.compile(r"(?i)(?<![a-z])(?:description|amount|quantity|qty|rate|charges?|price|montant|betrag|"
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


def _may_be_item(description: str) -> bool:
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


def kind_of(description: str) -> str:
    if _NOISE.search(description):
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
    # "Sanctioned Load 10.00 KW 1. Electricity Charge": another column's figure, or a row number, before it
    cut = list(re.finditer(r"(?i)(?:^|\s)(?:\d{1,2}[.)]|\d[\d.,'’]*\s?(?:kw|kva|kwh|hp|%)(?:/\w+)?)\s+(?=[a-zà-ÿ])",
                           text))
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
    return bool(re.search(r"(?i)(?:[x×*@]|\bat)$", before) or re.match(r"(?i)(?:/|per\b|ct\b|¢|c/|%)", after)
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


def _row(view: View, n: int, fmt: str, order: str) -> list[Charge]:
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
        qr = _QTY_RATE.search(raw[off:])
        if qr:
            c.quantity = parse.parse_number(qr["q"], fmt)
            c.unit = qr["u"] if qr["u"] and qr["u"].lower() not in ("x", "ct") else None
            c.rate = parse.parse_number(qr["r"], fmt)
        out.append(c)
        prev = m.end
    return out


@dataclass
class Sequence:
    """The charges of one kind of view (layout or plain) across the pages, in reading order."""

    charges: list[Charge]
    views: dict[int, View]
    rows: dict[tuple[int, int], list[Charge]]
    sections: dict[int, str] = field(default_factory=dict)
    """index in ``charges`` -> the title line above its section ("Gas", "Delivery Services")."""

    def items(self) -> list[int]:
        return [i for i, c in enumerate(self.charges) if c.kind == ITEM]


@dataclass
class Settled:
    items: list[Charge]
    sections: list[str | None]
    state: str
    """``matched`` (items add up to the target), ``contradicts`` (a closed table that does not), ``unsure``."""
    target: Decimal | None
    note: str
    seq: Sequence | None = None


@dataclass
class Charges:
    sequences: list[Sequence]
    ocr_pages: set[int] = field(default_factory=set)
    """Pages read by OCR: a misread digit there is likelier than a bill that contradicts itself."""

    @property
    def seen(self) -> int:
        return max((len([c for c in s.charges if c.kind == ITEM]) for s in self.sequences), default=0)

    def runs(self, target: Decimal) -> list[tuple[bool, Sequence, list[int]]]:
        """Contiguous runs of items (with and without the breakdown lines under a parent item) that add
        up to ``target``, best first."""
        out: list[tuple[bool, Sequence, list[int]]] = []
        for seq in self.sequences:
            for idx in _variants(seq):
                for a in range(len(idx)):
                    total = Decimal(0)
                    for b in range(a, len(idx)):
                        total += seq.charges[idx[b]].amount
                        if abs(total - target) >= CENT:
                            continue
                        anchored = _anchored(seq, idx[a], idx[b], target)
                        if b > a or anchored:
                            out.append((anchored, seq, idx[a:b + 1]))
        # A run closed by the line printing the target, or of three or more lines, is no coincidence; among
        # those the most detailed wins (a summary row with several columns is the least).
        out.sort(key=lambda r: (not (r[0] or len(r[2]) >= 3),
                                any(r[1].charges[i].columns > 1 for i in r[2]), -len(r[2]), not r[0]))
        return out or self.mixed_runs(target)

    def mixed_runs(self, target: Decimal) -> list[tuple[bool, Sequence, list[int]]]:
        """Runs right above the line printing ``target`` that add up to it once a line the vocabulary took
        for a total or noise is counted ("Late payment fee", "Budget billing adjustment"): the arithmetic
        decides. Fewest such lines first, then the longest run; at least two item lines."""
        out: list[tuple[int, int, Sequence, list[int]]] = []
        for seq in self.sequences:
            for close, c in enumerate(seq.charges):
                if c.kind != TOTAL or c.amount != target:
                    continue
                total = Decimal(0)
                for a in range(close - 1, max(-1, close - 40), -1):
                    if seq.charges[a].kind != ITEM and not _may_be_item(seq.charges[a].description):
                        break
                    total += seq.charges[a].amount
                    run = list(range(a, close))
                    odd = sum(seq.charges[i].kind != ITEM for i in run)
                    if abs(total - target) < CENT and len(run) - odd >= 2 and odd:
                        out.append((odd, -len(run), seq, run))
        out.sort(key=lambda r: (r[0], r[1]))
        return [(True, seq, run) for _o, _n, seq, run in out]

    def settle(self, target: Decimal | None, amount_due: Decimal | None = None) -> Settled | None:
        """What to keep for the bill whose current charges are ``target`` (None: no charge lines seen).
        Without current charges, items that add up to the amount due are kept (nothing to contradict)."""
        if not self.seen:
            return None
        if target is None:
            runs = self.runs(amount_due) if amount_due is not None else []
            if runs and (runs[0][0] or len(runs[0][2]) >= 3):
                _, seq, idx = runs[0]
                return Settled([seq.charges[i] for i in idx], [seq.sections.get(i) for i in idx], "matched",
                               amount_due, f"{len(idx)} charge lines add up to the amount due", seq)
            return Settled([], [], "unsure", None, f"{self.seen} charge lines seen; no current charges to check them")
        runs = self.runs(target)
        if runs:
            _, seq, idx = runs[0]
            return Settled([seq.charges[i] for i in idx], [seq.sections.get(i) for i in idx], "matched", target,
                           f"{len(idx)} charge lines add up to the current charges", seq)
        for seq in self.sequences:
            block = _closed_block(seq, target, self.ocr_pages)
            if block:
                total = sum((c.amount for c in block), Decimal(0))
                return Settled(block, [None] * len(block), "contradicts", target,
                               f"a closed table of {len(block)} charge lines adds up to {total:,.2f}, "
                               f"not the current charges {target:,.2f}", seq)
        return Settled([], [], "unsure", target,
                       f"{self.seen} charge lines seen; none add up to the current charges {target:,.2f}: not kept")


def _variants(seq: Sequence) -> list[list[int]]:
    idx = seq.items()
    children: set[int] = set()
    for k, i in enumerate(idx):  # "Energie 820.51" followed by its breakdown 266.68 + 157.23 + ...
        total = Decimal(0)
        for j in range(k + 1, min(len(idx), k + 25)):
            total += seq.charges[idx[j]].amount
            if j > k + 1 and total == seq.charges[i].amount and i not in children:
                children.update(idx[k + 1:j + 1])
                break
    return [idx] + ([[i for i in idx if i not in children]] if children else [])


def _anchored(seq: Sequence, first: int, last: int, target: Decimal) -> bool:
    """A total printing ``target`` right after the run's last item (or right before its first)."""
    for i, step in ((last + 1, 1), (first - 1, -1)):
        while 0 <= i < len(seq.charges) and seq.charges[i].kind == NOISE:
            i += step
        if 0 <= i < len(seq.charges) and seq.charges[i].kind == TOTAL and seq.charges[i].amount == target:
            return True
    return False


def _closed_block(seq: Sequence, target: Decimal, ocr_pages: set[int]) -> list[Charge] | None:
    """Items between a hard boundary and a total printing ``target``, with nothing in between that could
    be a missed charge; None when there is no such table. A hard boundary is a table header, or a summary
    line (previous balance, payment) with no charge line right above it: a "payment plan instalment"
    between two groups of charges is not one. The difference must not be explained by figures printed
    on the page (a run of consecutive amounts adding up to it: a missed line or section)."""
    for close in (c for c in seq.charges if c.kind == TOTAL and c.amount == target and c.page not in ocr_pages):
        view = seq.views[close.page]
        block: list[Charge] = []
        hard = False
        n = close.line - 1
        while n >= 0:
            s, e = view.line(n)
            text = view.text[s:e]
            row = seq.rows.get((close.page, n), [])
            if not text.strip():
                n -= 1
                continue
            if len(row) == 1 and row[0].kind == ITEM and row[0].columns == 1 and row[0].clean:
                block.insert(0, row[0])
            elif len(row) == 1 and row[0].kind == TOTAL:
                hard = bool(block) and not _item_above(seq, view, close.page, n)
                break
            elif row or re.search(r"\d", text):
                break  # a row with other figures: something this reader does not understand
            elif len(_HEADER.findall(text)) >= 2:
                hard = bool(block) and not _item_above(seq, view, close.page, n)
                break
            n -= 1
        if not hard or len(block) < 2:
            continue
        diff = abs(sum((c.amount for c in block), Decimal(0)) - target)
        if diff >= CENT and not _explained(seq, close, diff):
            return block
    return None


def _item_above(seq: Sequence, view: View, page: int, line: int, reach: int = 15) -> bool:
    """Whether a charge line sits above ``line`` before the summary lines (or the page's top) are reached:
    then the table below is not the whole of the bill's charges (a second table, a line read as a payment)."""
    for n in range(line - 1, max(-1, line - 1 - reach), -1):
        row = seq.rows.get((page, n), [])
        if any(c.kind == ITEM for c in row):
            return True
        if row and all(c.kind == TOTAL for c in row):
            return False
    return False


def _explained(seq: Sequence, close: Charge, diff: Decimal) -> bool:
    near = [c.amount for c in seq.charges if c.page == close.page and abs(c.line - close.line) <= 60]
    for a in range(len(near)):
        total = Decimal(0)
        for b in range(a, len(near)):
            total += near[b]
            if abs(abs(total) - diff) < CENT:
                return True
    return False


def find(finder: Finder, doc: Document | None = None) -> Charges:
    """Every charge line of the document, in both the layout and the plain text."""
    seqs: list[Sequence] = []
    for layout in (True, False):
        charges: list[Charge] = []
        views: dict[int, View] = {}
        rows: dict[tuple[int, int], list[Charge]] = {}
        sections: dict[int, str] = {}
        pages = sorted({v.page for v in finder.views})
        for page in pages:
            view = next((v for v in finder.views if v.page == page and v.layout == layout), None)
            if view is None:
                continue
            views[page] = view
            title: str | None = None
            for n in range(view.n_lines):
                row = _row(view, n, finder.fmt, finder.order)
                if not row:
                    s, e = view.line(n)
                    t = view.text[s:e].strip()
                    if t and not re.search(r"\d", t) and len(t) <= 40 and not _HEADER.search(t):
                        title = t
                    continue
                rows[(page, n)] = row
                for c in row:
                    if c.kind == ITEM and title:
                        sections[len(charges)] = title
                    elif c.kind == TOTAL:
                        title = None
                    charges.append(c)
        if charges:
            seqs.append(Sequence(charges, views, rows, sections))
    return Charges(seqs, {p.number for p in doc.pages if p.ocr} if doc is not None else set())


def support(charges: Charges, candidates: list[Candidate]) -> None:
    """Raise the current-charges candidates that a run of the bill's items adds up to."""
    sums: dict[Decimal, bool] = {}
    for c in candidates:
        if not isinstance(c.value, Decimal) or c.value <= 0:
            continue
        if c.value not in sums:
            sums[c.value] = any(anchored or len(idx) >= 3 for anchored, _s, idx in charges.runs(c.value))
        if sums[c.value]:
            c.score += 0.3
            c.why = (c.why + "; " if c.why else "") + "the line items add up to it"


def attach(charges: Charges, current: Decimal | None,
           amount_due: Decimal | None = None) -> tuple[list[LineItem], FieldEvidence | None]:
    """The line items to store for a bill whose current charges are ``current``, and their evidence."""
    settled = charges.settle(current, amount_due)
    if settled is None:
        return [], None
    if not settled.items:
        return [], FieldEvidence(value=None, confidence=0.5, source="rules", note=settled.note[:200])
    items = [c.item(sec) for c, sec in zip(settled.items, settled.sections, strict=True)]
    first, last = settled.items[0], settled.items[-1]
    span = first.span()
    if (first.page, first.layout) == (last.page, last.layout) and settled.seq is not None:
        # One span over the whole table: the TUI highlights it; each item's own span is in ``find``'s result.
        text = settled.seq.views[first.page].text[first.start:last.end]
        span = Span(page=first.page, start=first.start, end=last.end, layout=first.layout, text=text[:500])
    total = sum((i.amount for i in items), Decimal(0))
    return items, FieldEvidence(value=f"{len(items)} items, {total:,.2f}", source="rules", span=span,
                                confidence=0.95 if settled.state == "matched" else 0.9, note=settled.note[:200])
