"""Periods printed as two dates: the candidate finder's range readers.

``PeriodRanges`` is mixed into ``candidates.Finder``: ``ranges()`` reads "Jun 18, 2024 to Jul 20, 2024",
"du .. au ..." (two dates with one of the lexicon's range connectors between them), ``short_ranges()``
yearless numeric ones ("4/19 to 5/18") placed before the bill's own reference date; each returns
(start, end) candidate pairs scored by the period label before them and their length. ``view_dates``
is every date a view prints, found once per view and reference date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from minimeter.extract import lexicon, parse
from minimeter.extract.views import Candidate, View
from minimeter.extract.vocab import alternation, distractor_hits, label_rx, labels_for

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile

# After two dates: a third cell of the same shape, a month's word and a day or year ("  set 22").
_MONTH_CELL = re.compile(r"[^\S\n]+([^\W\d_]{3,9})\.?[^\S\n]+\d{2}(?!\d)")


def _month_cell_after(text: str, pos: int) -> bool:
    """Whether a month name (any language of the lexicon) and a two-digit number follow ``pos`` on its line,
    even a month the date parser takes for a word without a year ("set 22")."""
    m = _MONTH_CELL.match(text, pos)
    return m is not None and parse.month_name(m.group(1)) in parse.MONTHS


def _wrapped_after_connector(between: str) -> bool:
    """Whether the text between two dates is a range broken after its connector: the first date's line
    ends with the connector and the second date starts the next line ("Periodo: 9 de agosto de 2023 al" over
    "7 de septiembre de 2023"). A bare line break between two dates is two cells, no range."""
    head, nl, tail = between.partition("\n")
    return bool(nl) and "\n" not in tail and not tail.strip() and bool(head.strip()) \
        and range_connector_rx().match(head) is not None


WEAK_PERIOD_LABEL = 0.5
"""Period labels weighing less than this ("from", "dal") count for a range only right before its first date."""


class PeriodRanges:
    """The finder's readers of periods printed as two dates (mixed into ``candidates.Finder``)."""

    views: list[View]
    profile: Profile | None
    order: str
    ref: dt.date | None
    _dates_cache: dict[tuple[int, bool, dt.date | None], list[parse.Match]]

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
                if "\n" in between and not _wrapped_after_connector(between):
                    continue
                if not conn.match(between.replace("\n", " ")) or b.value == a.value:
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
