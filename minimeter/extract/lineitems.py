"""Line items: a bill's charge lines (description + amount), per section, with the characters they came from.

Contract
--------
``find(finder, doc) -> Charges`` reads every page (layout text first: it keeps a row's description
and its amount on one line; the plain text as well, since either can be the one in reading order)
into charge lines (``minimeter.extract.chargelines``: items, totals, noise; taxes are items,
subtotals and totals never are).

Items are kept only when arithmetic backs them (``Charges.settle``), because a bill whose items
are wrong must not be sent to review for it:

* a contiguous run of items adds up to the current charges: kept, and ``line_items_sum`` passes;
* no run does, but the items form a *closed table* (a table header or a summary line above, the
  current-charges line right below, nothing unexplained in between) whose sum differs by an amount
  printed nowhere near it: the bill contradicts itself; kept, so ``line_items_sum`` fails and the
  bill goes to review;
* anything else: not kept, and the evidence says how many charge lines were seen and why.

``support(charges, candidates)`` gives a current-charges candidate that a run of items adds up to a
higher score before selection; ``attach(charges, current, amount_due)`` returns the items to store
and their evidence. Nothing here raises on a bad bill.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract.chargelines import HEADER, ITEM, NOISE, TOTAL, Charge, category, may_be_item, read_row
from minimeter.schema import FieldEvidence, LineItem, LineItemCategory, Span

if TYPE_CHECKING:
    from minimeter.extract.candidates import Candidate, Finder, View
    from minimeter.readers.base import Document

CENT = Decimal("0.01")


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
                    if seq.charges[a].kind != ITEM and not may_be_item(seq.charges[a].description):
                        break
                    total += seq.charges[a].amount
                    run = list(range(a, close))
                    odd = sum(seq.charges[i].kind != ITEM for i in run)
                    if abs(total - target) < CENT and len(run) - odd >= 2 and odd:
                        out.append((odd, -len(run), seq, run))
        out.sort(key=lambda r: (r[0], r[1]))
        return [(True, seq, run) for _o, _n, seq, run in out]

    def make_up(self, amount_due: Decimal) -> bool:
        """Whether this period's charges alone make up ``amount_due``: a run of items closed by the line
        printing it (or of three or more lines) adds up to it, and no item but taxes comes after the last
        line of the run that prints the sum so far. That line is the bill's own total of its charges; a
        non-tax line added after it ("Unpaid earlier bills 132.86") is a balance carried under a label the
        vocabulary does not know, not a charge."""
        for anchored, seq, idx in self.runs(amount_due):
            if not (anchored or len(idx) >= 3):
                continue
            running, after = Decimal(0), list[int]()
            for k, i in enumerate(idx):
                running += seq.charges[i].amount
                stop = idx[k + 1] if k + 1 < len(idx) else i + 1
                if any(c.kind == TOTAL and c.amount == running for c in seq.charges[i + 1:stop]):
                    after = idx[k + 1:]  # the sum so far is printed: what follows is added to a total
            if all(category(seq.charges[i].description, seq.charges[i].amount, None, None) == LineItemCategory.TAX
                   for i in after):
                return True
        return False

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
        if not runs or len(runs[0][2]) == 1:
            # One line equal to the target checks nothing; sections that each add up to their own subtotal,
            # the subtotals adding up to the target, do ("delivery 32.39 + tax 1.93 + supply 10.57 = 44.89").
            sections = self.section_runs(target)
            if sections is not None:
                seq, idx, n = sections
                return Settled([seq.charges[i] for i in idx], [seq.sections.get(i) for i in idx], "matched", target,
                               f"{len(idx)} charge lines in {n} sections add up to the current charges", seq)
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


    def section_runs(self, target: Decimal) -> tuple[Sequence, list[int], int] | None:
        """Sections closed by their subtotal (the items right above a total line adding up to it), two or more
        of them whose subtotals add up to ``target``: (sequence, item indexes, number of sections), or None."""
        for seq in self.sequences:
            sections: list[tuple[Decimal, list[int]]] = []
            for k, c in enumerate(seq.charges):
                if c.kind != TOTAL:
                    continue
                total, run = Decimal(0), list[int]()
                for a in range(k - 1, -1, -1):
                    prev = seq.charges[a]
                    if prev.kind == NOISE:
                        continue
                    if prev.kind != ITEM:
                        break
                    total += prev.amount
                    run.insert(0, a)
                    if abs(total - c.amount) < CENT:
                        sections.append((c.amount, list(run)))
                        break
            for size in range(min(len(sections), 8), 1, -1):
                for combo in itertools.combinations(sections[:12], size):
                    idx = sorted(i for _a, run in combo for i in run)
                    if len(set(idx)) == len(idx) and abs(sum((a for a, _r in combo), Decimal(0)) - target) < CENT:
                        return seq, idx, size
        return None


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
            elif len(HEADER.findall(text)) >= 2:
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
                row = read_row(view, n, finder.fmt, finder.order)
                if not row:
                    s, e = view.line(n)
                    t = view.text[s:e].strip()
                    if t and not re.search(r"\d", t) and len(t) <= 40 and not HEADER.search(t):
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
