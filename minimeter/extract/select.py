"""Choosing among candidates: group by value, then let the bill's own arithmetic settle it.

* money: the (total, current, previous, payments) combination that makes
  ``previous - payments + current = total`` (or ``current = total``) hold wins over a higher-scored
  combination that does not;
* usage: a value that equals a meter's ``(present - prior) x multiplier`` (or the sum over two
  meters) wins over last year's or last month's figure;
* dates: the statement date anchors yearless dates; a due date before the statement date and a
  period whose end falls after the statement loses.

``Choice`` keeps the winning candidate (for its span), a confidence and a note saying why.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from minimeter.arithmetic import BALANCE, CENT, CURRENT, Outcome, Place, Printed, explains, solve
from minimeter.extract import parse
from minimeter.extract.candidates import Candidate, Finder, View, dedupe
from minimeter.extract.units import UNITS_FOR
from minimeter.extract.vocab import LABELS, alternation, distractor_hits


@dataclass
class Choice:
    value: Any
    cand: Candidate | None
    confidence: float
    note: str = ""
    alternatives: list[Any] = field(default_factory=list)
    contested: bool = False
    """A printed rival the extractor could not rule out (``FieldEvidence.contested``)."""


@dataclass
class Group:
    value: Any
    score: float
    best: Candidate
    count: int


def groups(cands: list[Candidate], minimum: float = 0.2) -> list[Group]:
    out = []
    for _key, cs in dedupe(cands).items():
        best = max(cs, key=lambda c: c.score)
        value = best.value
        pages = {(c.page, c.start) for c in cs if c.score >= 0.2}
        score = best.score + 0.08 * min(len(pages) - 1, 4) if pages else best.score
        out.append(Group(value, score, best, len(cs)))
    out = [g for g in out if g.score >= minimum]
    out.sort(key=lambda g: -g.score)
    return out


def confidence(gs: list[Group], chosen: Group) -> float:
    others = [g.score for g in gs if g is not chosen]
    s1 = chosen.score
    s2 = max(others) if others else 0.0
    margin = max(0.0, (s1 - s2) / s1) if s1 > 0 else 0.0
    return round(min(0.99, 0.42 + 0.36 * min(s1, 1.0) + 0.22 * margin), 3)


def pick(cands: list[Candidate], minimum: float = 0.25, note: str = "") -> Choice | None:
    gs = groups(cands, minimum)
    if not gs:
        return None
    g = gs[0]
    return Choice(g.value, g.best, confidence(gs, g), note or g.best.why, [x.value for x in gs[1:4]])


# --- money ---------------------------------------------------------------------------------------
MONEY_ROLES = ("total_amount_due", "current_charges", "previous_balance", "payments")
EXTRA_ROLES = ("adjustments", "subtotal", "taxes")
"""Summary-block roles a finder may offer beside the schema's four; they only serve the arithmetic."""
_SHORT = {"total_amount_due": "total", "current_charges": "current", "previous_balance": "previous",
          "payments": "payments", "adjustments": "adjustments", "subtotal": "charges", "taxes": "taxes"}


def printed(g: Group, cands: list[Candidate]) -> Printed:
    """A group as a printed value: every place a candidate of its value was read."""
    key = g.value.normalize() if isinstance(g.value, Decimal) else g.value
    places = tuple(Place(c.page, c.start, c.end, "layout" if c.layout else "plain") for c in cands
                   if (c.value.normalize() if isinstance(c.value, Decimal) else c.value) == key)
    return Printed(g.value, places, g.score, g.best.label or "", ref=g)


def describe(o: Outcome) -> str:
    """The relation in the bill's words: "previous - payments + current = total"."""
    if o.evidence:
        rel = next(r for r in (BALANCE, CURRENT) if r.name == o.relation)
        result = rel.terms[-1][0]
        lhs = [(r, s) for r, s in rel.terms if r in o.confirms and r != result]
        text = " ".join(("- " if s < 0 else "+ ") + _SHORT[r] for r, s in lhs).removeprefix("+ ")
        return f"{text} = {_SHORT[result]}"
    paid = o.values.get("previous_balance") is not None and o.values.get("payments") is not None
    return (("previous - payments + current = total holds only as previous = payments and current = total"
             " (paid in full)") if paid else "current = total") + (" (rounded)" if "rounded" in o.why else "")


def choose_money(by_field: dict[str, list[Candidate]]) -> dict[str, Choice]:
    """The money roles, chosen together by ``minimeter.arithmetic.solve`` on the balance relations."""
    names = [n for n in (*MONEY_ROLES, *EXTRA_ROLES) if n in MONEY_ROLES or by_field.get(n)]
    all_groups: dict[str, list[Group]] = {}
    options: dict[str, list[Printed]] = {}
    for n in names:
        cands = by_field.get(n, [])
        if n == "payments":  # payments are stored positive; a bill prints them as -41.15 or 41.15
            for cand in cands:
                cand.value = abs(cand.value)
        else:
            cands = [x for x in cands if not (n == "total_amount_due" and x.value < 0 and x.score < 0.5)]
        gs = groups(cands)
        all_groups[n] = gs
        options[n] = [printed(g, cands) for g in gs]
    sol = solve(options, [BALANCE, CURRENT])
    held = [o for o in sol.outcomes if o.evidence or o.consistent]
    out: dict[str, Choice] = {}
    for n in MONEY_ROLES:
        pv = sol.assignment.get(n)
        if pv is None:
            continue
        g = pv.ref
        assert isinstance(g, Group)
        conf = confidence(all_groups[n], g)
        why = next((describe(o) for o in held if n in o.confirms), "")
        if not why and n in ("total_amount_due", "current_charges"):
            why = next((describe(o) for o in held if o.consistent and o.relation == "balance"), "")
        if why:
            conf = max(conf, 0.97)
        out[n] = Choice(g.value, g.best, conf, why or g.best.why, [x.value for x in all_groups[n] if x is not g][:3])
    if "total_amount_due" in out and not any(o.evidence or o.consistent for o in sol.outcomes
                                             if o.relation == "balance"):
        rival = rival_total(all_groups["total_amount_due"], out["total_amount_due"].value)
        if rival is not None:
            # Two labelled amounts due that differ, and no balance to say which: a person decides. A larger rival
            # contests the chosen one, so that line items adding up to it do not settle it: they add up to the
            # current charges whether or not an unpaid balance (a line the reader lost) makes the rival the due.
            t = out["total_amount_due"]
            t.confidence = min(t.confidence, 0.6)
            # (Not a rival within one unit: "Bill Amount 2,080.38" beside "Net Payable 2,080.00" is a rounding.)
            t.contested = rival.value - t.value >= 1
            t.note = f"{t.note}; but '{rival.best.label}' says {rival.best.raw}"
    return out


def rival_total(gs: list[Group], chosen: Any) -> Group | None:
    """Another strongly labelled amount due with a different value (not a distractor such as a late-payment
    amount), or None."""
    for g in gs:
        if g.value != chosen and g.best.label and g.best.score >= 0.6 and "distractor" not in g.best.why:
            return g
    return None


# --- meter reads ----------------------------------------------------------------------------------
# Words near a pair of numbers that make them reads; beside these, every language's prior / present read
# labels ("Lettura precedente", "Bacaan lama"), so a reads table in any lexicon language is one.
# (Nordic: Swedish "mätarställning", "avläsning", "föregående" / "nuvarande" column headings; Danish "aflæsning",
# Norwegian "avlesning", "forrige" / "nåværende"; "målerstand" has "stand".)
READ_WORDS = re.compile(r"(?i)read|index|leitura|relev|zähler|stand|lectura|previous|present|prior|current|meter|"
                        r"ställning|avläs|aflæs|avles|föregående|nuvarande|forrige|nåværende|nuværende|"
                        + alternation(p for f in ("prior_read", "present_read") for p, _w in LABELS.get(f, [])))


# What may separate a prior and a present read: "1829 Actual 1824", "20451 Present Reading 21706".
# A read's kind may follow it in brackets, one letter or one word: "44530 (A)  45229 (E)", "49682 (estimada)".
BETWEEN_READS = re.compile(r"(?i)^[\s:|-]*(?:(?:actual|estimated|est|present|current|new|prior|previous|reading|read|"
                           r"index|kwh|ccf|therms)\b[\s:|-]*|\([^\W\d_]{1,12}\)[\s:|-]*)*$")


@dataclass
class ReadPair:
    prior: Decimal
    present: Decimal
    view: View
    line: int
    pos: int
    scaled: bool = False
    """The row prints a usage that is not the plain difference (a multiplier or conversion applies)."""


def read_pairs(finder: Finder) -> list[ReadPair]:
    """Adjacent numbers on a line that look like a meter's prior and present reads; reads printed one per
    line under their labels; reads printed after their own labels ("Start reading: 2,310.000;")."""
    out = []
    elsewhere: set[tuple[int, Decimal, Decimal]] = set()  # figures the layout shows under other headings
    for vi, view in enumerate(finder.views):
        out += labelled_reads(finder, vi)
        nums = finder.numbers(view)
        row: list[ReadPair] = []
        for (a, sa, ea), (b, sb, _eb) in zip(nums, nums[1:], strict=False):
            if view.line_no(sa) != view.line_no(sb) or a == b or min(a, b) < 10:
                continue
            if any(p.line == view.line_no(sa) and a == p.present - p.prior for p in row):
                continue  # "3862  3883  21  33": the row's usage and its day count after the reads, no reads
            if view.layout and _other_columns(view, view.line_no(sa), (sa, ea), (sb, _eb)):
                elsewhere.add((view.page, min(a, b), max(a, b)))
                continue
            lo, hi = sorted((a, b))
            if hi - lo < 1:
                continue
            if (hi - lo) / hi > Decimal("0.5") and not any(
                    v == hi - lo and st > sb and view.line_no(st) == view.line_no(sb) for v, st, _ in nums):
                continue  # a jump this large is two unrelated numbers, unless the row prints it as the usage
            between = view.text[ea:sb]
            s0, _ = view.line(max(0, view.line_no(sa) - 4))
            if not READ_WORDS.search(view.text[s0:sb]):
                continue
            if not BETWEEN_READS.match(between) and len(between) <= 80 and re.search(r"\d", between):
                # A reads table with each read's date beside it: "5047 Actual Mar 27, 23 4958 Actual Feb 24, 23"

                for d in parse.find_dates(between, finder.order):
                    between = between.replace(d.text, " ")
                # (or in brackets after its read: "39893 (02 Sep 2023)  41861 (04 Oct 2023)")
                between = re.sub(r"\s+", " ", re.sub(r"\(\s*\)", " ", between))
            if len(between) > 40 or not BETWEEN_READS.match(between):
                continue
            if _band_or_billed(view.text, finder.fmt, (a, sa, ea), (b, sb, _eb)):
                continue
            # Present is usually printed first on US bills ("1829 Actual 1824 Actual"); either order works.
            after = [v for v, st, _ in nums if st > sb and view.line_no(st) == view.line_no(sb)]
            factors = [m for m in after if Decimal("0.01") < m <= 1000 and m != 1]
            scaled = any(v != hi - lo and _matches(v, hi - lo, factors) not in (None, Decimal(1)) for v in after)
            row.append(ReadPair(lo, hi, view, view.line_no(sa), sa, scaled))
        out += row
        out += _stacked_reads(view, nums)
        out += _dated_rows(finder, view)
    # The plain text runs a table's row into its neighbours' lines: the layout's headings judge it there too.
    return [p for p in out if p.view.layout or (p.view.page, p.prior, p.present) not in elsewhere]


HEADING_ROWS = 6
"""How far above a table row its column headings are looked for (past the rows of figures between)."""


def _other_columns(view: View, n: int, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Two figures under column headings of words that say nothing of reads ("Analisado  Conforme" over
    "38  39" in a water-quality table beside a reads table): the columns of another table. The headings are
    the nearest line above whose text stands over both figures in words; rows of figures between are
    skipped (a second meter's row under the first one's)."""
    spans = [(st - view.line(n)[0], en - view.line(n)[0]) for st, en in (first, second)]
    for k in range(n - 1, max(-1, n - 1 - HEADING_ROWS), -1):
        s, e = view.line(k)
        line = view.text[s:e]
        over = [" ".join(c.group(0) for c in re.finditer(r"\S+", line) if c.start() < en + 2 and c.end() > st - 2)
                for st, en in spans]
        if not any(over) or any(re.search(r"\d", o) for o in over):
            continue  # a blank line, or a row of figures: the headings are higher up
        return all(over) and not READ_WORDS.search(line)
    return False


# What follows a quantity a charge is billed on: a times sign or "@" and its rate ("300 kWh x 51.60").
_BILLED_ON = re.compile(r"[ \t]*(?:x|×|@|at)[ \t]*[$€£]?[ \t]*\d")


def _band_or_billed(text: str, fmt: str, first: tuple[Decimal, int, int], second: tuple[Decimal, int, int]) -> bool:
    """Two figures of a tariff's charge line, not a meter's reads: a block band ("Blok 201 - 300 kWh": a dash
    between, the unit after the upper bound only, the band starting one past a round figure), or a figure
    the charge is billed on ("600 kWh  300 kWh x 51.60": a quantity times a rate)."""
    def quantity_at(pos: int) -> parse.Match | None:
        found = parse.find_quantities(text[pos:pos + 16], fmt)
        return found[0] if found and found[0].start == 0 else None

    (a, _sa, ea), (b, sb, _eb) = first, second
    if any((q := quantity_at(pos)) is not None and _BILLED_ON.match(text, pos + q.end) for pos in (_sa, sb)):
        return True
    return (re.fullmatch(r"[ \t]*[-–][ \t]*", text[ea:sb]) is not None and quantity_at(sb) is not None
            and a < b and (a - 1) % 10 == 0 and b % 10 == 0)


_AMOUNT_CELL = re.compile(r"\d{1,3}(?:[ \u00a0.,']\d{3})+|\d+")


def _dated_rows(finder: Finder, view: View) -> list[ReadPair]:
    """One meter's reads printed one per row of a reads table, each row with its date ("9MQ61678  2023-08-25
    10 758  Réel" over "9MQ61678  2023-09-25  39 750  Réel"): the earlier row's read is the prior, the later
    row's the present. The rows must name the same meter, sit at most two lines apart, keep their reads in one
    column, and grow in both date and read, under a heading that speaks of reads (layout text only)."""

    if not view.layout:
        return []
    rows: list[tuple[int, str, Any, Decimal, int, int]] = []  # line, meter, date, read, start, right edge
    for n in range(view.n_lines):
        s, e = view.line(n)
        line = view.text[s:e]
        cells = list(re.finditer(r"\S+(?: \S+)*", line))
        if len(cells) < 3 or not re.search(r"\d", cells[0].group(0)) or len(cells[0].group(0)) < 4:
            continue
        dates = parse.find_dates(line, finder.order)
        if len(dates) != 1 or dates[0].start < cells[0].end():
            continue
        read = next((c for c in cells[1:] if c.start() >= dates[0].end and _AMOUNT_CELL.fullmatch(c.group(0))), None)
        value = parse.parse_number(read.group(0), finder.fmt) if read else None
        if read is None or value is None or value < 10:
            continue
        rows.append((n, cells[0].group(0), dates[0].value, value, s + read.start(), read.end()))
    out = []
    for a, b in itertools.pairwise(rows):
        if not (0 < b[0] - a[0] <= 2 and a[1] == b[1] and a[2] < b[2] and a[3] < b[3] and abs(a[5] - b[5]) <= 3):
            continue
        s0, _ = view.line(max(0, a[0] - 4))
        if READ_WORDS.search(view.text[s0:view.line(a[0])[0]]):
            out.append(ReadPair(a[3], b[3], view, b[0], b[4]))
    return out


def _stacked_reads(view: View, nums: list[tuple[Decimal, int, int]]) -> list[ReadPair]:
    """Reads printed one per line under a block of labels ("Prior Reading: / Present Reading: / kWh Use:"
    then "20451 / 21706 / 1255"): two consecutive lone numbers whose difference is the lone number after them.
    The printed difference is what makes them reads rather than any two figures."""
    alone = []
    for v, st, en in nums:
        ls, le = view.line(view.line_no(st))
        if view.text[ls:le].strip() == view.text[st:en]:
            alone.append((v, st, view.line_no(st)))
    out = []
    for (a, sa, la), (b, _sb, lb), (u, _su, lu) in zip(alone, alone[1:], alone[2:], strict=False):
        if not (la < lb < lu <= la + 4) or min(a, b) < 10 or u <= 0 or abs(b - a) != u:
            continue
        s0, _ = view.line(max(0, la - 10))
        if READ_WORDS.search(view.text[s0:sa]):
            lo, hi = sorted((a, b))
            out.append(ReadPair(lo, hi, view, la, sa))
    return out


_AFTER_READ_LABEL = re.compile(r"[ \t]*[:=#]?[ \t]*(\d[\d,.'’]*\d|\d)(?![\d,.'’]*\d)")


def labelled_reads(finder: Finder, vi: int) -> list[ReadPair]:
    """A prior read and a present read each printed right after its own label (the lexicon's ``prior_read``
    and ``present_read``), the present one on the same line or one of the next two: "Start reading:
    2,310.000;" then "End reading: 2,352.000;". The labels make them reads, not any two numbers."""
    view = finder.views[vi]

    def found(fname: str) -> list[tuple[Decimal, int, int]]:
        out = []
        for m, _phrase, _w in finder.labels(vi, fname):
            _ls, le = view.line(view.line_no(m.start()))
            start = m.end()
            for d in parse.find_dates(view.text[start:le], finder.order):
                if view.text[start:start + d.start].strip(" \t:=#"):
                    break
                start += d.end  # the read's date printed before it ("Lettura attuale  30/06/2031  4107")
            v = _AFTER_READ_LABEL.match(view.text, start, le)
            value = parse.parse_number(v.group(1), finder.fmt) if v else None
            if v and value is not None and not re.match(r"[/-]\d", view.text[v.end(1):v.end(1) + 2]):
                out.append((value, v.start(1), view.line_no(m.start())))
        return out

    presents = found("present_read")
    pairs = []
    for prior, pos, line in found("prior_read"):
        later = [(v, p, ln) for v, p, ln in presents if p > pos and line <= ln <= line + 2]
        if later:
            present, _p, ln = min(later, key=lambda t: t[1])
            if present > prior:
                pairs.append(ReadPair(prior, present, view, ln, pos))
    return pairs


def read_diffs(pairs: list[ReadPair]) -> list[tuple[Decimal, list[ReadPair]]]:
    diffs = [(p.present - p.prior, [p]) for p in pairs]
    for p, q in itertools.combinations(pairs, 2):
        # Two rows add up only when both bill their plain difference: "159 kWh" + "319 kWh", not a gas row's
        # m3 difference that the row converts to kWh.
        if p.view is q.view and 0 < abs(p.line - q.line) <= 2 and p.pos != q.pos and not (p.scaled or q.scaled):
            diffs.append((p.present - p.prior + q.present - q.prior, [p, q]))
    for run in register_runs(pairs):
        # A reads table of registers (peak / shoulder / off-peak / controlled load): the usage is the sum of
        # consecutive rows, three or more (two are summed above); a row outside the run (a solar export
        # register) is not part of it.
        for a in range(len(run)):
            for b in range(a + 3, len(run) + 1):
                diffs.append((sum((p.present - p.prior for p in run[a:b]), Decimal(0)), run[a:b]))
    for run in register_runs(pairs, scaled=True, least=2):
        # Registers of one meter that each print their difference times a factor (a current transformer's
        # multiplier, "T1 / T2 / T3 ... x 40"): their plain differences add up, and the factor they share
        # (``shared_multipliers``) turns the sum into the usage.
        for a in range(len(run)):
            for b in range(a + 2, len(run) + 1):
                diffs.append((sum((p.present - p.prior for p in run[a:b]), Decimal(0)), run[a:b]))
    return diffs


def register_runs(pairs: list[ReadPair], *, scaled: bool = False, least: int = 3) -> list[list[ReadPair]]:
    """Read rows printed one under another in one view (one pair per line, at most two lines apart), at
    least ``least`` of them, each billing its plain difference (with ``scaled``: each printing a usage
    scaled from it): the rows of a reads table, top to bottom."""
    runs: list[list[ReadPair]] = []
    by_view: dict[int, dict[int, ReadPair]] = {}
    for p in pairs:
        if p.scaled == scaled:
            by_view.setdefault(id(p.view), {}).setdefault(p.line, p)
    for rows in by_view.values():
        run: list[ReadPair] = []
        for line in sorted(rows):
            if run and line - run[-1].line > 2:
                if len(run) >= least:
                    runs.append(run)
                run = []
            run.append(rows[line])
        if len(run) >= least:
            runs.append(run)
    return runs


def shared_multipliers(finder: Finder, ps: list[ReadPair]) -> list[Decimal]:
    """The factors that may scale the difference of reads ``ps``: one pair's printed multipliers; for
    several rows that each print a scaled usage, the multipliers every one of them prints (one meter's
    registers behind one current transformer). Rows billing their plain difference share none."""
    if len(ps) == 1:
        return multipliers_near(finder, ps[0])
    if not all(p.scaled for p in ps):
        return []
    common = [m for m in dict.fromkeys(_row_factors(finder, ps[0]))]
    for p in ps[1:]:
        own = set(_row_factors(finder, p))
        common = [m for m in common if m in own]
    return common


def _row_factors(finder: Finder, pair: ReadPair) -> list[Decimal]:
    """The factors printed on a reads row itself, after its present read (its multiplier column)."""
    s, e = pair.view.line(pair.line)
    text = pair.view.text
    return [v for v, st, en in finder.numbers(pair.view) if pair.pos < st < e and not _is_price(text, st, en)
            and Decimal("0.01") < v <= Decimal("1000") and v != 1 and v not in (pair.prior, pair.present)]


def _matches(value: Decimal, diff: Decimal, mults: list[Decimal]) -> Decimal | None:
    """The multiplier (1 first, then the printed ones) that turns the read difference into ``value``; a
    printed usage within a cent of the plain difference is its rounding (reads of 1,200.251 and
    1,230.768 printed as a consumption of 30.516)."""
    if explains(diff, Decimal(1), value) or (value != 0 and abs(diff - value) <= CENT):
        return Decimal(1)
    return next((m for m in mults if explains(diff, m, value)), None)


_PRICE_AFTER = re.compile(r"(?i)^\s*(?:[$€£]\s*)?(?:/\s*(?:kwh|m3|m³|therms?|ccf)\b|per\s+(?:kwh|m3|therm|unit)|¢)")
# ("x 40" is a meter's multiplier; "@ Tk. 42.00", "@ Rs 5.10", "@ J$7.81": a price in a currency of letters)
_PRICE_BEFORE = re.compile(r"(?:@\s*(?:[$€£₹₦৳]|[A-Z][A-Za-z]{0,3}\.?\$?)?|(?:\b[xX]|×)\s*[$€£])\s*$")


def _is_price(text: str, st: int, en: int) -> bool:
    """A unit price on a charge line ("900 kWh x 0,100000 €/kWh  90,00", "900 kWh @ $0.10"): the read
    difference times a price is the charge's amount, no usage. (A meter's own factor, "0.864846" between
    the CCF used and the CCF billed, is printed with no price unit and no "x" or "@" before it.)"""
    return bool(_PRICE_AFTER.match(text[en:en + 12]) or _PRICE_BEFORE.search(text[max(0, st - 6):st]))


def multipliers_near(finder: Finder, pair: ReadPair) -> list[Decimal]:
    s, _ = pair.view.line(max(0, pair.line - 1))
    _, e = pair.view.line(min(pair.view.n_lines - 1, pair.line + 3))
    text = pair.view.text
    seg_nums = [v for v, st, en in finder.numbers(pair.view) if s <= st < e and not _is_price(text, st, en)]
    own = {pair.prior, pair.present}
    seg_nums += heading_factors(finder, pair)
    # Pressure/therm factors (1.02923) and CT multipliers (40, 80, 200) both scale the read difference.
    return [v for v in seg_nums if Decimal("0.01") < v <= Decimal("1000") and v != 1 and v not in own]


# "reads x 1,000 gallons", "x 100": a factor printed after a times sign (a word after it, not a rate or a price).
_STATED_FACTOR = re.compile(r"(?i)(?:(?<![a-z])x|×)\s*(\d{1,3}(?:[,.'\u00a0 ]\d{3})+|\d+)(?=\s+[a-z])")
HEADING_REACH = 4
"""Lines above a reads row searched for the factor its table's heading states."""


def heading_factors(finder: Finder, pair: ReadPair) -> list[Decimal]:
    """The factor a reads table's heading states for all its rows ("METER READINGS - reads x 1,000 gallons"
    two lines above the row, over the column headers): the reads count in thousands of gallons. Only on a line
    that speaks of reads, and only a times sign followed by a number and a word (no rate, no price)."""
    out = []
    text = pair.view.text
    for n in range(max(0, pair.line - HEADING_REACH), max(0, pair.line - 1)):
        ls, le = pair.view.line(n)
        line = text[ls:le]
        if not READ_WORDS.search(line):
            continue
        for m in _STATED_FACTOR.finditer(line):
            v = parse.parse_number(m.group(1), finder.fmt)
            if v is not None:
                out.append(v)
    return out


def usage_support(finder: Finder, value: Decimal) -> tuple[str, list[ReadPair], Decimal] | None:
    """Why ``value`` is the period's usage according to the meter reads, or None."""
    for diff, ps in read_diffs(read_pairs(finder)):
        if diff <= 0:
            continue
        mults = shared_multipliers(finder, ps)
        m = _matches(value, diff, mults)
        if m is not None:
            how = "present - prior reads" + (f" x {m}" if m != 1 else "") + (
                " (two meters)" if len(ps) == 2 else f" ({len(ps)} registers)" if len(ps) > 2 else "")
            return how, ps, m
    return None


def read_usage_candidates(finder: Finder) -> list[tuple[Candidate, str, str]]:
    """Bare numbers near the reads that equal their difference (x multiplier): the usage itself, each with the
    text of its own and the reads' line, and the table head above the reads (a line with no figure, or "")."""
    out = []
    pairs = read_pairs(finder)
    for diff, ps in read_diffs(pairs):
        if diff <= 0:
            continue
        view = ps[0].view
        first = min(p.line for p in ps)
        s, _ = view.line(max(0, first - 1))
        _, e = view.line(min(view.n_lines - 1, max(p.line for p in ps) + 6))
        mults = shared_multipliers(finder, ps)
        for v, st, en in finder.numbers(view):
            if not (s <= st < e) or any(st == p.pos for p in ps) or v <= 0:
                continue
            if v in (p.prior for p in ps) or v in (p.present for p in ps):
                continue
            m = _matches(v, diff, mults)
            if m is None:
                continue
            ls, le = view.line(view.line_no(st))
            if distractor_hits(view.text[ls:st], "usage"):
                continue  # "25,813 kWh x 0.11549  2,981.14": a charge line, not a usage
            ps_, pe_ = view.line(ps[0].line)
            # The unit printed on the value's own line (or the reads' line) names the commodity.
            ctx = (view.text[ls:le] + " " + view.text[ps_:pe_]).lower()
            # The head of the reads' table ("Previous Read  Current Read  CCF Used  Therms") names the unit
            # of a row that prints its figures bare; a line with figures is another row, no head.
            hs, he = view.line(first - 1) if first > 0 else (0, 0)
            head = view.text[hs:he].lower()
            out.append((Candidate("usage", v, view.text[st:en], view.page, st, en, view.layout, 0.75, None, None,
                                  "reads"), ctx, "" if re.search(r"\d", head) else head))
    return out


def billed_quantities(finder: Finder, fname: str, unit: str | None = None) -> set[Decimal]:
    """Quantities the charges are billed on ("811 kWh x 0.39029", "421 kWh @ $0.034"), in ``unit`` if given."""
    return set(billed_lines(finder, fname, unit))


def billed_lines(finder: Finder, fname: str, unit: str | None = None) -> list[Decimal]:
    """The quantity of each charge line billed on one, as many times as the page prints such a line (two
    consumption blocks of 20 m3 are two), counted in the view that prints the most of them (the plain and
    the layout text print the same lines)."""

    best: list[Decimal] = []
    for view in finder.views:
        found: list[Decimal] = []
        for m in parse.find_quantities(view.text, finder.fmt):
            if (m.extra in UNITS_FOR.get(fname, ()) and (unit is None or m.extra == unit)
                    and _BILLED_ON.match(view.text[m.end:m.end + 20])):
                found.append(m.value)  # type: ignore[arg-type]  # a quantity's value is a Decimal
        if len(found) > len(best):
            best = found
    return best


def billed_elsewhere(finder: Finder, fname: str, value: Decimal, unit: str | None) -> set[Decimal]:
    """The quantities charges are billed on (in the same unit), when neither ``value`` nor a sum of some of
    them (``part_sizes``: a time-of-use split into up to six registers) is among them: the reads' usage is
    then not what the bill charges for."""
    # (As many times as they are printed: two blocks of 300 kWh are 600 kWh of the sum.)
    lines = billed_lines(finder, fname, unit)
    billed = set(lines)
    if not billed or value in billed:
        return set()
    for r in part_sizes(len(lines)):
        if any(sum(c) == value for c in itertools.combinations(sorted(lines), r)):
            return set()
    return billed


def part_sizes(n: int) -> range:
    """How many billed quantities may add up to a total: two to six (peak / shoulder / off-peak / controlled
    load...), two or three when a bill prints so many quantities that larger sums would meet by chance."""
    return range(2, min(n, 6 if n <= 10 else 3) + 1)


def billed_over_reads(finder: Finder, fname: str, gs: list[Group]) -> Group | None:
    """A strongly labelled usage the charges are billed on, when the reads' difference (``gs[0]``) is not
    billed anywhere: net metering (delivered - received) or a register the reads do not show."""
    billed = billed_quantities(finder, fname)
    if not gs or gs[0].value in billed:
        return None
    return next((g for g in gs[1:] if g.value in billed and _strongly_labelled(g)), None)


def _strongly_labelled(g: Group) -> bool:
    """A figure read under a strong label of its own: not a stacked cell, not beside a distractor word."""
    return bool(g.best.label) and g.best.score >= 0.8 and not g.best.why.startswith("stacked") \
        and "distractor" not in g.best.why


def net_of_reads(finder: Finder, gs: list[Group], billed_parts: dict[Decimal, tuple[Decimal, ...]]
                 ) -> tuple[Group, ReadPair, ReadPair] | None:
    """A strongly labelled usage that is one register's reads less another's, on rows of one reads table
    ("Delivered from grid 79852 80589 737" over "Received to grid 24064 24355 291", then "Net kWh 446"): net
    metering, when the charges are billed on that net figure or on its parts (peak 128 + off-peak 318).
    Returns the figure, the register drawn from the grid and the one fed back."""
    pairs = [p for p in read_pairs(finder) if not p.scaled and p.present > p.prior]
    nets = {(a.present - a.prior) - (b.present - b.prior): (a, b) for a in pairs for b in pairs
            if a is not b and a.view is b.view and 0 < abs(a.line - b.line) <= 2}
    billed = billed_quantities(finder, "electricity_kwh")
    g = next((g for g in gs[1:] if g.value in nets and g.value > 0 and (g.value in billed or g.value in billed_parts)
              and _strongly_labelled(g)), None)
    return (g, *nets[g.value]) if g is not None else None


def billed_total(finder: Finder, fname: str, unit: str, values: set[Decimal]) -> Candidate | None:
    """Among billed quantities ``values``, the one that is the sum of two or three others (a time-of-use
    split billed in parts and in total: 126 + 412 = 538 kWh), with the span it was read from."""

    total = next((v for v in sorted(values, reverse=True) for r in part_sizes(len(values) - 1)
                  if any(sum(c) == v for c in itertools.combinations(sorted(values - {v}), r))), None)
    if total is None:
        return None
    for view in finder.views:
        for m in parse.find_quantities(view.text, finder.fmt):
            if m.value == total and m.extra == unit:
                return Candidate(fname, total, m.text, view.page, m.start, m.end, view.layout, 0.5, None, unit,
                                 "billed total")
    return None
