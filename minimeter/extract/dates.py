"""Dates: the statement date anchors the year of yearless dates, then the period and the due date.

``choose_dates(finder, total)`` returns the chosen dates and the finder anchored on the bill's own
reference date. A period is a range of two dates joined by a connector ("to", "au", "bis", "-"); a
due date may also be the date printed beside the amount due on a payment stub.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.extract import lexicon, parse, vocab
from minimeter.extract.candidates import Candidate, Finder
from minimeter.extract.select import Choice, pick, read_pairs

if TYPE_CHECKING:
    from minimeter.extract.views import View
    from minimeter.schema import Meter


def _dates(finder: Finder, fname: str) -> list[Candidate]:
    return finder.labelled(fname, "date", "date")


def choose_dates(finder: Finder, total: Decimal | None) -> tuple[dict[str, Choice], Finder]:
    """The statement date, the period and the due date; and the finder anchored on the bill's own date.

    Yearless dates ("May 19 to Jun 17") take their year from the statement date, or, with none
    printed, from the latest full date the bill prints: never from the clock. The anchored finder is
    a new one (``Finder.anchored``), so no finder call before this step saw a reference date."""
    out: dict[str, Choice] = {}
    st = pick(_dates(finder, "statement_date"))
    if st:
        out["statement_date"] = st
        finder = finder.anchored(st.value)
    else:  # anchor yearless dates on the latest full date printed
        alld = [c.value for v in finder.views for c in _all_dates(finder, v)]
        finder = finder.anchored(max(alld) if alld else None)
    ranges = finder.ranges() + finder.short_ranges() + stacked_ranges(finder) + read_row_ranges(finder)
    if ranges:
        agg: dict[tuple[dt.date, dt.date], list[tuple[Candidate, Candidate]]] = {}
        for a, b in ranges:
            if "statement_date" in out and b.value > out["statement_date"].value + dt.timedelta(days=3):
                a.score *= 0.5
            agg.setdefault((a.value, b.value), []).append((a, b))
        scored = sorted(((_repeated(v), k, v) for k, v in agg.items()), key=lambda t: -t[0])
        s1, (ds, de), v = scored[0]
        parts = time_shares(ds, de, [k for _s, k, _v in scored[1:]])
        rivals = [t for t in scored[1:] if t[1] not in parts]
        s2 = rivals[0][0] if rivals else 0.0
        if s1 >= 0.45:
            a, b = max(v, key=lambda x: x[0].score)
            conf = round(min(0.99, 0.45 + 0.35 * min(s1, 1.0) + 0.2 * max(0.0, (s1 - s2) / s1)), 3)
            unanchored = "statement_date" not in out and any(x.why == "range" and x.raw.count("/") < 2 and not
                                                             re.search(r"\d{4}", x.raw) for x in (a, b))
            if unanchored:
                # A yearless period with nothing to anchor its year (a day count checks its length, not its year).
                conf = min(conf, 0.75)
            out["billing_period_start"] = Choice(a.value, a, conf, "date range", contested=unanchored)
            out["billing_period_end"] = Choice(b.value, b, conf, "date range", contested=unanchored)
    for fname in ("billing_period_start", "billing_period_end"):
        if fname not in out:
            cands = [c for c in _dates(finder, fname) if c.label not in ("from", "to", "period")]
            if fname == "billing_period_end":
                cands = _own_end_labels(finder, cands)
                if "billing_period_start" in out:
                    # A period ends after it starts: the start's own date, which a label both share lends
                    # to the end ("Lectura anterior 19/05/2025" read for both), is no end.
                    cands = [c for c in cands if c.value > out["billing_period_start"].value]
            ch = pick(cands, minimum=0.5)
            if ch:
                out[fname] = ch
    due = [c for c in _dates(finder, "due_date") if not in_schedule(finder, c)]
    if total is not None:
        due += stub_due_dates(finder, total)
    if "statement_date" in out:
        for c in due:
            if c.value < out["statement_date"].value:
                c.score *= 0.3
    ch = pick(due)
    if ch:
        out["due_date"] = ch
    return out, finder


MAX_SHARES = 4


def time_shares(start: dt.date, end: dt.date, others: list[tuple[dt.date, dt.date]]) -> set[tuple[dt.date, dt.date]]:
    """The ranges among ``others`` that split the period ``start``-``end`` into consecutive parts from its
    first day to its last ("Arbeitspreis 01.01.2030 - 30.09.2030" and "01.10.2030 - 31.12.2030": a price
    change within an annual period), or none. Parts of the period are no rival to it. A price change or two
    make up to ``MAX_SHARES`` parts; more (one a month) are a history table's rows, which say nothing of it."""
    inside = sorted(k for k in others if start <= k[0] <= k[1] <= end and k != (start, end))
    chain: list[tuple[dt.date, dt.date]] = []
    day = start
    for k in inside:
        if k[0] == day:
            chain.append(k)
            day = k[1] + dt.timedelta(days=1)
    return set(chain) if 2 <= len(chain) <= MAX_SHARES and day == end + dt.timedelta(days=1) else set()


SCHEDULE_ROWS = 2
"""Dates on this many lines right below a date, at its column, make it the first of a schedule."""


def in_schedule(finder: Finder, c: Candidate) -> bool:
    """A date heading a column of dates, one per row ("Ihr neuer Abschlagsplan: Fälligkeit 15.02.2025 /
    15.03.2025 / ..."): a plan of future instalments under a due-date label, not this bill's due date."""
    view = next((v for v in finder.views if v.page == c.page and v.layout == c.layout), None)
    if view is None:
        return False
    ln = view.line_no(c.start)
    col = c.start - view.line(ln)[0]
    for k in range(1, SCHEDULE_ROWS + 1):
        if ln + k >= view.n_lines:
            return False
        s, e = view.line(ln + k)
        if not any(abs(d.start - col) <= 3 for d in parse.find_dates(view.text[s:e], finder.order, finder.ref)):
            return False
    return True


def _own_end_labels(finder: Finder, cands: list[Candidate]) -> list[Candidate]:
    """The period's end read from single dates: a label that names the end itself ("Present Reading
    18-DEC-2024") beats one it borrows from the start's labels ("Previous Reading 18-NOV-2024" is a
    start label, lent to the end only because a "billing period" label may head both dates). With no
    end label of weight, the borrowed ones stay."""
    own = {p for p, _w in vocab.LABELS.get("billing_period_end", [])}
    if finder.profile is not None:
        own |= {p for p, _w in finder.profile.weighted_labels("billing_period_end")}
    mine = [c for c in cands if c.label in own]
    return mine if any(c.score >= 0.5 for c in mine) else cands


_CELL_GAP = re.compile(r"\s{2,}")


@functools.cache
def _stacked_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A period's opening word ending a cell's text ("dal", "from", the lexicon's ``range_openers``), and a
    connector that is the whole text before a date ("al", "to", its ``range_connectors``)."""
    lex = lexicon.load()
    return (re.compile(rf"(?i)(?<![^\W\d_])(?:{vocab.alternation(lex.range_openers)})\s*$"),
            re.compile(rf"(?i)(?:{vocab.alternation(lex.range_connectors)})\s*"))


def stacked_ranges(finder: Finder) -> list[tuple[Candidate, Candidate]]:
    """Periods whose two dates stand one above the other in one cell: the first after a "from" word and
    ending its cell, the second on the next line, at the same column, after a "to" word (a summary box
    "dal 01/03/2031 / al 30/04/2031" beside the amount, or a narrow column of a plain text layer); or the
    first followed by the connector that ends its cell and the second starting the same column on the next
    line (a narrow cell that wrapped the range "01.07.2024 –" / "31.08.2024")."""
    out = []
    opener, connector = _stacked_rx()
    trailing = _trailing_connector_rx()
    for view in finder.views:
        by_line: dict[int, list[parse.Match]] = {}
        for d in finder.view_dates(view):
            by_line.setdefault(view.line_no(d.start), []).append(d)
        for ln, firsts in by_line.items():
            ls, le = view.line(ln)
            for a in firsts:
                lead = _CELL_GAP.split(view.text[ls:a.start])[-1]
                rest = view.text[a.end:le]
                s2 = view.line(ln + 1)[0] if ln + 1 < view.n_lines else 0
                if (wrap := trailing.match(rest)) is not None:
                    # The connector closes the first date's cell: the second date opens the cell below it.
                    for b in by_line.get(ln + 1, []):
                        if abs((b.start - s2) - (a.start - ls)) <= 1 and not _CELL_GAP.split(
                                view.text[s2:b.start])[-1].strip():
                            out.append(finder.range_pair(view, a, b, wrap.group(1)))
                    continue
                if not opener.search(lead) or (rest.strip() and not _CELL_GAP.match(rest)):
                    continue
                col = a.start - ls - len(lead)
                for b in by_line.get(ln + 1, []):
                    lead2 = _CELL_GAP.split(view.text[s2:b.start])[-1]
                    if abs(b.start - s2 - len(lead2) - col) <= 3 and connector.fullmatch(lead2):
                        out.append(finder.range_pair(view, a, b, lead2))
    return out


@functools.cache
def _trailing_connector_rx() -> re.Pattern[str]:
    """A range connector that is all a date's cell prints after it ("01.07.2024 –", "01/03/2031 to")."""
    lex = lexicon.load()
    return re.compile(rf"(?i)[^\S\n]*((?:{vocab.alternation(lex.range_connectors)}))[^\S\n]*(?:$|\n|[^\S\n]{{2,}})")


READ_ROW_SCORE = 0.5
"""A period read from the dates of a reads row: below a labelled period's score, so a printed period wins."""


def row_dates(finder: Finder, view: View) -> dict[int, list[parse.Match]]:
    """The whole dates (not a month alone, not a range's part) ``view`` prints, by line number, in order."""
    out: dict[int, list[parse.Match]] = {}
    for d in finder.view_dates(view):
        if isinstance(d.value, dt.date) and d.extra is None:
            out.setdefault(view.line_no(d.start), []).append(d)
    return out


def read_row(dates: list[parse.Match]) -> tuple[parse.Match, parse.Match] | None:
    """A reads row's period: the row's only two dates, distinct, the earlier (the prior read's) first."""
    if len(dates) != 2 or dates[0].value == dates[1].value:
        return None
    a, b = sorted(dates, key=lambda d: d.value)  # type: ignore[arg-type, return-value]
    return a, b


def read_row_ranges(finder: Finder) -> list[tuple[Candidate, Candidate]]:
    """The period as the dates of a meter's reads, printed on the reads' own row of a table ("A19N4  3862
    19-11-2024  3883  22-12-2024  21  33" under "Leitura anterior  Data  Leitura atual  Data"): the row's only
    two dates, the prior read's and the present read's (``read_row``). A bill that prints no period of its own
    is billed from read to read. This proposes the period among the others before the meters are known;
    ``read_row_period`` settles it once they are."""
    out = []
    seen: set[tuple[int, bool, int]] = set()
    for p in read_pairs(finder):
        if (p.view.page, p.view.layout, p.line) in seen:
            continue
        seen.add((p.view.page, p.view.layout, p.line))
        row = read_row(row_dates(finder, p.view).get(p.line, []))
        if row is None:
            continue
        a, b = row
        days = (b.value - a.value).days  # type: ignore[operator]
        if not 15 <= days <= 100:
            continue
        score = READ_ROW_SCORE + (0.2 if 26 <= days <= 35 else 0.1 if 20 <= days <= 40 else 0.0)
        ca, cb = (Candidate(f, d.value, d.text, p.view.page, d.start, d.end, p.view.layout, score, None, None,
                            "reads row") for f, d in (("billing_period_start", a), ("billing_period_end", b)))
        out.append((ca, cb))
    if len({(a.value, b.value) for a, b in out}) > 1:
        return []  # meters read on other days: the reads say no one period
    return out


def _repeated(pairs: list[tuple[Candidate, Candidate]]) -> float:
    """A period's score: its best reading, plus a little for each other place it is printed as well read as
    that one (at least half its score: a repeat in a sentence that marks another period adds nothing)."""
    best = max(a.score for a, _b in pairs)
    again = sum(1 for a, _b in pairs if a.score >= best / 2) - 1
    return best + 0.08 * min(again, 4)


def _all_dates(finder: Finder, view: Any) -> list[Candidate]:
    return [Candidate("date", m.value, m.text, view.page, m.start, m.end, view.layout, 0.0)
            for m in parse.find_dates(view.text, finder.order) if m.extra is None]


def stub_due_dates(finder: Finder, total: Decimal) -> list[Candidate]:
    """A payment stub prints the due date and the amount due side by side ("Aug 15, 2031  $ 27.40")."""
    out = []
    for view in finder.views:
        for m in finder.view_dates(view):
            ls, le = view.line(view.line_no(m.start))
            rest = view.text[m.end:le]
            money = parse.find_money(rest, finder.fmt)
            if money and money[0].value == total and money[0].start < 30:
                out.append(Candidate("due_date", m.value, m.text, view.page, m.start, m.end, view.layout, 0.45,
                                     None, None, "date beside the amount due"))
    return out


READ_ROW_CONFIDENCE = 0.85
"""A period read off a meter's reads row: the row's two dates, as sure as a labelled period with no rival (the
reads' difference is the usage, so the row is the bill's own reads, not a history)."""


def read_row_period(finder: Finder, meters: list[Meter]) -> dict[str, Choice]:
    """The period of a reads table that prints each read's date on the meter's row ("17085490  77 823
    2023/03/21  79 042  2023/04/19  1219 kWh"): the earlier date starts it, the later ends it. Only a row
    printing both reads of a meter the usage was read from, with exactly two dates; every such row must agree
    (two meters read on different days leave the period to its labels). The layout text first: it keeps a row
    on one line."""
    reads = [(m.prior_read, m.present_read) for m in meters
             if m.prior_read is not None and m.present_read is not None and m.prior_read != m.present_read]
    if not reads:
        return {}
    for layout in (True, False):
        found: dict[tuple[dt.date, dt.date], tuple[View, parse.Match, parse.Match]] = {}
        for view in (v for v in finder.views if v.layout == layout):
            nums: dict[int, set[Decimal]] = {}
            for v, s, _e in finder.numbers(view):
                nums.setdefault(view.line_no(s), set()).add(v)
            for ln, ds in row_dates(finder, view).items():
                row = nums.get(ln, set())
                pair = read_row(ds)
                if pair is None or not any(a in row and b in row for a, b in reads):
                    continue
                a, b = pair
                found.setdefault((a.value, b.value), (view, a, b))  # type: ignore[arg-type]
        if len(found) == 1:
            view, a, b = next(iter(found.values()))
            note = "the dates on the row of a meter's reads"
            return {f: Choice(d.value, Candidate(f, d.value, d.text, view.page, d.start, d.end, view.layout,
                                                 READ_ROW_CONFIDENCE, None, None, "read row"),
                              READ_ROW_CONFIDENCE, note)
                    for f, d in (("billing_period_start", a), ("billing_period_end", b))}
        if found:
            return {}
    return {}
