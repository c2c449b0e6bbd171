"""Summary blocks: the account summary read as one unit, each row a role.

Bills print their money story as a column of rows, "label ..... amount": previous balance, payments,
adjustments, current charges, taxes, total due (or the line items of the current charges, then a
total). Read one row at a time, "Payment" and "Current charges" can both look like the total; read
together, the rows must add up, and only a block that adds up says anything.

``find_blocks(finder)`` returns the blocks of every layout view: runs of consecutive rows whose
amounts end in one column. ``Block.sum`` is their signed running sum (payments count negative, a
sub-total row is a check, not a term) and ``Block.closes`` is the printed amount that equals that sum:
the block's own total row, or, when the total is printed elsewhere on the page (a box at the top, the
payment stub), any amount of the same page equal to it. A block is evidence only when it has at least
two non-zero terms: "x = x" holds whatever x is.

Roles come from the lexicon's labels for the money fields, its summary roles (``[roles]``:
``adjustments``, a term of the balance no bill field holds, such as interest on arrears) and tax and
sub-total words; a row with none of them is a line item.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract import lexicon, parse
from minimeter.extract.candidates import Candidate
from minimeter.extract.vocab import labels_for, rtl_only, strip_accents

if TYPE_CHECKING:
    from minimeter.extract.candidates import Finder, View

ROLE_FIELDS = {"total": "total_amount_due", "previous": "previous_balance", "payments": "payments",
               "current": "current_charges"}
# Words that make a row a tax or a sub-total line, in the lexicon's languages.
TAX_WORDS = ("vat", "tax", "taxes", "iva", "tva", "mwst", "ust", "gst", "hst", "pst", "icms", "pis", "cofins",
             "btw", "sst", "impuesto", "impost", "imposta", "impôt", "steuer", "accise", "excise")
SUBTOTAL_WORDS = ("sub total", "subtotal", "sub-total", "zwischensumme", "subtotale", "sous-total", "sous total")
# A cell of figures a charge is billed on ("3 x 7.50", "2 meters" is not one: it has a word).
# A quantity at a rate ("3 x 7.50", "360 x -0.52", "98 x 47.58 + 349 x 41.26"), or a tax's rate and base
# ("1.5%", "18% of 46,670").
_QUANTITY_CELL = re.compile(r"(?:[\d.,'’ ]+(?:[a-zA-Z]{0,3}\.?)?\s*[x×*@]\s*-?[\d.,'’]+(?:\s*\+\s*)?)+"
                            r"|[\d.,]+\s?%(?:\s*(?:of|on)\s*[\d.,'’]+)?")
# How far (lines) rows of one block may sit apart, and how far (characters) their amounts' right edges.
ROW_GAP = 2
EDGE_SLACK = 3


@dataclass
class Row:
    line: int
    label: str
    value: Decimal
    start: int
    end: int
    role: str = "item"
    """``total``, ``previous``, ``payments``, ``current``, ``adjustments``, ``credit``, ``subtotal``, ``tax`` or
    ``item``."""
    label_role: str = "item"
    """The role its label alone says (a checkpoint row becomes ``total`` whatever it says)."""


@dataclass
class Block:
    page: int
    view: View
    rows: list[Row] = field(default_factory=list)
    sum: Decimal = Decimal(0)
    closes: tuple[int, int, Decimal] | None = None
    """(start, end, value) of the printed amount equal to the block's sum, when there is one."""

    @property
    def terms(self) -> list[Row]:
        """The rows that add into the sum (not sub-totals, not the closing total)."""
        return [r for r in self.rows if r.role not in ("subtotal", "total")]

    @property
    def summary(self) -> bool:
        """An account summary (a previous balance, a payment or an adjustment among its terms), not a list of
        charges."""
        # (A rounding difference or an adjustment between the current charges and the amount due makes one too:
        # "Total inkl. MWST 347.43 / Rundungsdifferenz 0.02 / Rechnungsbetrag 347.45".)
        return any(r.role in ("previous", "payments", "adjustments") for r in self.terms)

    @property
    def closing_role(self) -> str:
        """What the label of the closing row says it is (``item`` when the total is printed elsewhere)."""
        return next((r.label_role for r in self.rows if self.closes and r.start == self.closes[0]), "item")

    @property
    def evidence(self) -> bool:
        """The block adds up to a printed amount on at least two non-zero terms, and that amount is
        none of the terms: when the others cancel ("previous 384.20, payment -384.20, current 416.56")
        the sum is a term printed again, which holds whatever the terms are."""
        if self.closes is None or sum(1 for r in self.terms if r.value != 0) < 2:
            return False
        return all(r.value != self.closes[2] for r in self.terms)

    def role(self, name: str) -> Row | None:
        return next((r for r in self.rows if r.role == name), None)


@functools.lru_cache(maxsize=8192)
def _word_rx(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z]){re.escape(strip_accents(phrase))}(?![a-z])")


def _has(label: str, phrases: tuple[str, ...] | list[str]) -> bool:
    low = strip_accents(label)
    return any(_word_rx(p).search(low) for p in phrases)


def classify(label: str, finder: Finder) -> str:
    """The role of a summary row from its label; the lexicon's strongest field label wins."""
    low = strip_accents(label)
    if any(_word_rx(p).search(low) for p in SUBTOTAL_WORDS):
        return "subtotal"
    best, best_w, best_len = "item", 0.0, 0
    for role, fname in ROLE_FIELDS.items():
        for phrase, w in labels_for(fname, finder.profile):
            if w > best_w and len(phrase) > 2 and _word_rx(phrase).search(low):
                best, best_w, best_len = role, w, len(phrase)
    # "Interest on Arrears": the summary role's own label outweighs the previous balance's "arrears". At equal
    # weight the longer phrase is the more specific: "Terug te betalen aan u" is a credit, though it holds the
    # amount due's "te betalen".
    for role in ("adjustments", "credit", "prior_credit"):
        for phrase, w in lexicon.load().roles.get(role, ()):
            if (w > best_w or w == best_w and len(phrase) > best_len) and _word_rx(phrase).search(low):
                best, best_w, best_len = role, w, len(phrase)
    if best == "item" and any(_word_rx(p).search(low) for p in TAX_WORDS):
        return "tax"
    return best


_RATE_BEFORE = re.compile(r"(?:[x×*@]|\bat)\s*[$€£]?\s*$")


def whole_units(finder: Finder) -> bool:
    """Whether the bill prints its amounts in whole currency units: no amount with cents anywhere, rates after
    a times sign aside ("891 x 47.69   42,492", "TOTAL   55,743"). Its whole figures are then its amounts."""
    for view in finder.views:
        for m in parse.find_money(view.text, finder.fmt):
            cents = re.search(r"\d[.,]\d{2}(?!\d)", m.text)
            if cents and not _RATE_BEFORE.search(view.text[max(0, m.start - 8):m.start]):
                return False
    return True


def _rows(finder: Finder, view: View, whole: bool = False) -> list[Row]:
    out = []
    for n in range(view.n_lines):
        s, e = view.line(n)
        line = view.text[s:e]
        if not re.search(r"\d", line):
            continue
        for m in parse.find_money(line, finder.fmt, need_decimals=not whole):
            if whole and _RATE_BEFORE.search(line[max(0, m.start - 8):m.start]):
                continue  # a rate, not an amount of the column
            before = line[:m.start]
            cells = re.split(r"\s{2,}(?=\S)", before.rstrip()) if before.strip() else [""]
            # The label is the text cell right before the amount ("Current Charges (Excl. VAT)   13,544.70"), or
            # the nearest one to its left past a quantity cell ("Grundpreis Netz   3 x 7.50   22.50") or a
            # label's right-to-left translation ("Total due   المستحق المبلغ   AED 612.40").
            cell = cells[-1]
            for cand in reversed(cells):
                if rtl_only(cand) or (len(re.findall(r"[^\W\d_]", cand)) < 3 and _QUANTITY_CELL.fullmatch(cand)):
                    continue
                cell = cand
                break
            if len(re.findall(r"[^\W\d_]", cell)) < 3 or not isinstance(m.value, Decimal):
                continue
            out.append(Row(n, cell.strip(" .:"), m.value, s + m.start, s + m.end))
    return out


def find_blocks(finder: Finder) -> list[Block]:
    """Blocks of rows whose amounts share a right edge, read from the layout views."""
    blocks: list[Block] = []
    whole = whole_units(finder)
    for view in finder.views:
        if not view.layout:
            continue
        rows = _rows(finder, view, whole)
        used: set[int] = set()
        for i, r in enumerate(rows):
            if i in used:
                continue
            edge = r.end - view.line(r.line)[0]
            run = [r]
            used.add(i)
            for j in range(i + 1, len(rows)):
                q = rows[j]
                if q.line - run[-1].line > ROW_GAP + 1:
                    break
                if j in used or q.line == run[-1].line:
                    continue
                if abs(q.end - view.line(q.line)[0] - edge) <= EDGE_SLACK:
                    run.append(q)
                    used.add(j)
            if len(run) >= 3:
                blocks.append(_solve(finder, Block(view.page, view, run)))
    return blocks


def _solve(finder: Finder, block: Block) -> Block:
    """The running sum of the block, closed by its own total row or an equal amount on the page.

    A row whose amount equals the running sum of at least two non-zero terms is a checkpoint (a
    sub-total, or the total when it is the last), whatever its label says: labels vary by language,
    the arithmetic does not. The last checkpoint closes the block."""
    running = Decimal(0)
    terms = 0
    for r in block.rows:
        r.role = r.label_role = classify(r.label, finder)
        if r.role == "prior_credit":
            # "Nadpłata z poprzedniego okresu (zaliczona) 408,21 zł": last period's overpayment, printed unsigned
            # and set against this one, is a previous balance below zero.
            r.role = r.label_role = "previous"
            r.value = -abs(r.value)
    _start_at_own_total(block)
    first = block.rows[0]
    if first.role == "total" and any(r.role in ("previous", "payments") for r in block.rows[1:]):
        # "IMPORTE TOTAL 103,27 / Recibos anteriores pendientes 102,49 / TOTAL A PAGAR 205,76", "Gesamtbetrag
        # 2.396,34 / abzüglich geleistete Abschläge -2.280,00 / Nachzahlung 116,34": a total printed before
        # the earlier balance is added or the advances paid are taken off is the bill's own total, the
        # current charges.
        first.role = "current"
    counted: list[Row] = []
    for r in block.rows:
        if r.value == running and (terms >= 2 and r.role in ("total", "subtotal", "item", "current")
                                   or terms >= 1 and r.role == "tax"):
            # (A tax word on a row that equals the running sum is a sub-total, "Total exkl. MWST 321.40" or
            # "Total incl. VAT", even after one charge: a tax is never the whole of the charges it is levied on.)
            if r.role != "subtotal":
                r.role = "total"
            block.closes = (r.start, r.end, r.value)
            continue
        if terms >= 2 and r.value > 0 and -r.value == running and (
                r.role == "credit" or r.role == "item" and any(c.value < 0 for c in counted)):
            # "Guthaben 210,18 €" where the rows above leave -210,18: the credit, printed unsigned, closes the
            # block as the negative amount it is (the amount due of a bill that pays back). Whatever its label
            # says when a row above is printed as a deduction ("-1 230,00 €"): the arithmetic is the evidence.
            r.role = "total"
            block.closes = (r.start, r.end, running)
            continue
        if (counted and all(c.role in ("previous", "payments", "adjustments") for c in counted)
                and any(c.role == "previous" for c in counted) and r.value == running
                and r.role in ("item", "previous")):
            # "Previous bill 472.66 / Overdue amount 472.66", "Previous 455.00 / Payments 0.00 / Adjustments
            # -5.00 / Balance Forward 450.00": the balance carried forward repeats what the rows above
            # leave (the earlier balance, less what was paid, plus what was adjusted), it does not add to it.
            r.role = "subtotal"
            continue
        if (r.role == "total" and counted and all(c.role in ("previous", "payments") for c in counted)
                and any(c.role == "previous" for c in counted)):
            # "Débito anterior 893,76 / Pagamento recebido 0,00 / Valor da fatura 798,81 / VALOR TOTAL 1.692,57":
            # a total that does not check the earlier balance less what was paid is this bill's own total, the
            # current charges the amount due adds to them.
            r.role = "current"
        if r.role in ("subtotal", "total"):
            continue  # a sub-total (or a total that does not add up) checks, it does not add
        running += -abs(r.value) if r.role == "payments" else r.value
        terms += r.value != 0
        counted.append(r)
    if block.closes is not None and block.closes[2] != running:
        block.closes = None  # rows after the last checkpoint: the block goes on past it
    block.sum = running
    if block.closes is None and running > 0 and terms >= 2:
        last = block.rows[-1].end
        for m in parse.find_money(block.view.text, finder.fmt):
            if m.value == running and not any(r.start == m.start for r in block.rows):
                block.closes = (m.start, m.end, running)
                if m.start > last:
                    break  # prefer the amount printed after the block (a total below it)
    if block.closes is None and running < 0 and terms >= 2:
        at = credit_printed(finder, block, -running)
        if at is not None:
            block.closes = (at[0], at[1], running)
    return block


CREDIT_LINES = 1
"""How many lines above an unsigned amount its credit label may stand ("Přeplatek k vrácení" over "864,60 Kč")."""


def credit_printed(finder: Finder, block: Block, amount: Decimal) -> tuple[int, int] | None:
    """The span of ``amount``, printed unsigned outside the block's rows under a credit label (the lexicon's
    ``credit`` role) on its own line or the line above: a settlement whose advances paid exceed its charges
    leaves a negative sum, and the bill prints what it pays back in a box of its own ("Přeplatek k vrácení" /
    "864,60 Kč"), not as a row of the block's column. The label is the evidence the sum is that credit."""
    phrases = [p for p, _w in lexicon.load().roles.get("credit", ())]
    view = block.view
    rows = {r.start for r in block.rows}
    for m in parse.find_money(view.text, finder.fmt):
        if m.value != amount or m.start in rows:
            continue
        ln = view.line_no(m.start)
        s = view.line(max(0, ln - CREDIT_LINES))[0]
        if _has(view.text[s:m.start], phrases):
            return m.start, m.end
    return None


def _start_at_own_total(block: Block) -> None:
    """Drop the rows above a block's own total when they are not its parts: "nicht steuerbar 103,32 €" (the
    last cell of a table row above) shares the right edge of "Gesamtbetrag 2.396,34 € / abzüglich geleistete
    Abschläge -2.280,00 € / Nachzahlung 116,34 €". A total row followed by a payment or an earlier balance
    starts the summary unless the charge rows above add up to it (then it checks them, as a sub-total)."""
    for k, r in enumerate(block.rows[1:], 1):
        if r.role == "total" and any(q.role in ("previous", "payments") for q in block.rows[k + 1:]):
            above = block.rows[:k]
            if (all(q.role in ("item", "tax") for q in above)
                    and sum((q.value for q in above), Decimal(0)) != r.value):
                block.rows = block.rows[k:]
            return


def support(blocks: list[Block], cands: dict[str, list[Candidate]]) -> Block | None:
    """Feed the block that adds up into the money candidates; returns it (or None).

    Only the block with the largest closing sum speaks for the bill: a bill's section totals
    (rates, electricity, water) add up too, but the amount due contains them. An account summary
    (previous balance, payments, current charges...) closes on the amount due: its closing amount
    becomes a strong total candidate, its previous-balance, payment and adjustment rows candidates, and
    the current charges it implies (total - previous + payments - adjustments) lift the labelled
    candidates printing that value. A list of charges closes on the current charges (or on a section's total): it lifts
    the current-charges candidates of that value and offers its closing amount as a weak total,
    chosen only when no labelled amount due exists. Nothing is invented: every candidate is a
    printed amount with its span."""
    good = [b for b in blocks if b.evidence and b.closes is not None]
    if not good:
        return None
    block = max(good, key=lambda b: (b.summary, b.closes[2] if b.closes else Decimal(0)))
    assert block.closes is not None
    s, e, total = block.closes
    view = block.view
    why = "summary block adds up"

    def add(fname: str, value: Decimal, start: int, end: int, score: float, label: str | None = None) -> None:
        cands.setdefault(fname, []).append(
            Candidate(fname, value, view.text[start:end], view.page, start, end, True, score, label, None, why))

    def lift(fname: str, value: Decimal, by: float) -> None:
        for c in cands.get(fname, []):
            if c.value == value:
                c.score += by
                c.why = why

    if not block.summary:
        lift("current_charges", total, 0.4)
        if block.closing_role == "current":
            add("current_charges", total, s, e, 0.7)
        else:
            add("total_amount_due", total, s, e, 0.35)
        return block
    lift("total_amount_due", total, 0.6)
    add("total_amount_due", total, s, e, 0.8)
    prev = block.role("previous")
    paid = Decimal(0)
    if prev is not None:
        add("previous_balance", prev.value, prev.start, prev.end, 0.9, prev.label)
    # (or "Less: payment received  -2,000.00" right after the balance; with no balance carried, the advances
    # paid taken off this period's charges, "abzüglich geleistete Abschläge")
    for r in pays_of(block, prev):
        paid += abs(r.value)
        add("payments", abs(r.value), r.start, r.end, 0.8, r.label)
    # Interest on arrears, an adjustment: terms of the balance beside the current charges, offered to the
    # solver's "adjustments" role (and not part of the current charges the block implies).
    adjusted = Decimal(0)
    for r in block.rows:
        if r.role == "adjustments":
            adjusted += r.value
            add("adjustments", r.value, r.start, r.end, 0.8, r.label)
    current = total - (prev.value if prev else Decimal(0)) + paid - adjusted
    if current != total:
        lift("current_charges", current, 0.5)
    cur = block.role("current")
    if cur is None and current != total:
        # "Montant TTC 1 153,55 / Mensualités déjà réglées -1 230,00 / Montant en votre faveur 76,45": a
        # checkpoint before the advances paid are taken off (or the earlier balance is added) is what this
        # period bills, the current charges.
        cur = next((r for r in block.rows if r.role == "total" and r.start != s and r.value == current
                    and any(q.role in ("payments", "previous") for q in block.rows[block.rows.index(r) + 1:])),
                   None)
    if cur is None and current != total and prev is not None:
        # "Amount Due on Previous Statement 134.40 / Payments 0.00 / Previous Unpaid Balance 134.40 / Total
        # Electric Charges 151.59 / Total Amount Due 285.99": the one row after the earlier balance that prints
        # what the arithmetic leaves for this period, whatever its label, is the current charges.
        after = block.rows[block.rows.index(prev) + 1:]
        paying = pays_of(block, prev)
        implied = [r for r in after if r.value == current and r.start != s and r not in paying
                   and r.role in ("item", "total", "tax")]
        cur = implied[0] if len(implied) == 1 else None
    if cur is not None and cur.value == current and current != total:
        add("current_charges", cur.value, cur.start, cur.end, 0.8, cur.label)
    if cur is not None:
        # "Current Charges (Excl. VAT) 13,544.70 / VAT @ 15% 1,910.12": what is billed this period is
        # both, as the amount due counts it (a labelled "incl. VAT" figure elsewhere gains).
        taxes = [r for r in block.rows[block.rows.index(cur) + 1:] if r.role == "tax"]
        if taxes:
            lift("current_charges", cur.value + sum((r.value for r in taxes), Decimal(0)), 0.5)
        rest = [r for r in block.terms if r is not prev and r.role != "payments" and r is not cur
                and r not in taxes and r.value != 0 and r not in pays_of(block, prev)]
        if len(rest) == 1 and rest[0].role in ("item", "previous") and not any(r.role == "adjustments"
                                                                            for r in block.rows):
            # "Interest on arrears 540.25" between the balance and this period's charges: the one row left is
            # an adjustment the amount due counts (a term of the balance relation), not a charge. (Its label
            # may say "arrears", but the block's previous balance is its first such row.)
            add("adjustments", rest[0].value, rest[0].start, rest[0].end, 0.8, rest[0].label)
    return block


def plan_instalments(blocks: list[Block], cands: dict[str, list[Candidate]]) -> None:
    """Offer each account summary's budget-plan row as the current charges: a plan (the lexicon's
    ``plan_instalment``: "Current Budget Amount", "Mensualité") bills its fixed amount instead of the period's
    charges, and the amount due builds on it. Only a candidate: the solver keeps it when the balance holds
    with it (previous - payments + instalment = amount due), the actual charges printed beside it otherwise."""
    phrases = [p for p, _w in lexicon.load().roles.get("plan_instalment", ())]
    for block in blocks:
        if not block.summary:
            continue
        for r in block.rows:
            if r.value > 0 and r.role in ("item", "current") and _has(r.label, phrases):
                cands.setdefault("current_charges", []).append(
                    Candidate("current_charges", r.value, block.view.text[r.start:r.end], block.page, r.start, r.end,
                              True, 0.7, r.label, None, "a budget plan's instalment in the account summary"))


def prior_credits(finder: Finder, cands: dict[str, list[Candidate]]) -> None:
    """Offer each amount printed after a ``prior_credit`` label on its line as a previous balance below zero:
    last period's overpayment set against this bill, printed unsigned ("Nadpłata z poprzedniego okresu
    (zaliczona)  408,21 zł", "Credit brought forward  12.50"). Only a candidate: the balance relation keeps it
    when previous - payments + current = amount due holds with it."""
    phrases = tuple(p for p, _w in lexicon.load().roles.get("prior_credit", ()))
    if not phrases:
        return
    for view in finder.views:
        low = strip_accents(view.text)
        for phrase in phrases:
            for m in _word_rx(phrase).finditer(low):
                _s, line_end = view.line(view.line_no(m.start()))
                money = parse.find_money(view.text[m.end():line_end], finder.fmt)
                if not money or money[0].value == 0:
                    continue
                first = money[0]
                value = Decimal(str(first.value))
                s, e = m.end() + first.start, m.end() + first.end
                cands.setdefault("previous_balance", []).append(
                    Candidate("previous_balance", -abs(value), view.text[s:e], view.page, s, e, view.layout,
                              0.8, view.text[m.start():m.end()], None, "an earlier period's credit, printed unsigned"))


def pays_of(block: Block, prev: Row | None) -> list[Row]:
    """The payment rows of a summary block: labelled so, or a negative row right after the previous balance."""
    if prev is None:
        return [r for r in block.rows if r.role == "payments"]
    after = block.rows[block.rows.index(prev) + 1:]
    return [r for r in after if r.role == "payments"] or [r for r in after[:2] if r.value < 0 and r.role == "item"]
