"""Day counts a bill prints for its period: "28 days", "(144 jours)", "32 dias", "Billing days: 29".

Counts in a payment term ("within 21 days", "10 days after the due date") are not the period's.
Pure text scanning; offsets are into the text given.
"""

from __future__ import annotations

import re

_WORD = r"(?:days?|jours?|dias|días|dies|tage|giorni|dagen|hari|day\(s\))"
# (Not the year of a date before the word: "18-DEC-24 DAYS 30".)
# ("(30 billing days)", "31 service days": a word of the period between the count and its unit.)
_AFTER = re.compile(rf"(?i)(?<![\d.,/-])(\d{{1,3}})\s*(?:(?:billing|billed|service)\s+)?{_WORD}(?![a-z])")
# "Billing days: 29", "Días facturados   61" (a label cell, then the count in the next cell).
_BEFORE = re.compile(rf"(?i)(?<![a-z]){_WORD}(?:\s+(?:in\s+(?:the\s+)?(?:billing\s+)?period|billed|of\s+service|"
                     r"factura[dt][oa]s|factur[ée]s|faturados|fatturati|abgerechnet|gefactureerd))?"
                     r"(?:\s*[:=]\s*|[^\S\n]{2,}|(?P<one>[^\S\n]))(\d{1,3})(?![\d.,])")
_BEFORE_LABEL = re.compile(r"(?i)(?:billing|service|no\.?\s+of|number\s+of|nombre\s+de|n[º°]\s*de)\s+$")
_TERM = re.compile(r"(?i)(?:within|in|after|next|before|up to|dentro de|sous|innerhalb|entro)\s+$")
_TERM_AFTER = re.compile(r"(?i)^\s*(?:after|before|from|of (?:the )?(?:due|receipt|statement)|notice|to pay|late)")


def printed_day_counts(text: str) -> list[tuple[int, int, int]]:
    """(count, start, end) of each day count in ``text`` that may be a period's length."""
    out: list[tuple[int, int, int]] = []
    for m in _AFTER.finditer(text):
        before = text[max(0, m.start() - 20):m.start()]
        if _TERM.search(before) or _TERM_AFTER.match(text[m.end():m.end() + 25]):
            continue
        out.append((int(m.group(1)), m.start(1), m.end(1)))
    for m in _BEFORE.finditer(text):
        before = text[max(0, m.start() - 20):m.start()]
        if m["one"] and not re.match(r"[^\S\n]*(?:\n|$)|[^\S\n]{2,}", text[m.end():]):
            continue  # one space before the count: only a cell of its own ("... READING DATE 18-DEC-24 DAYS 30")
        if m.group(0)[:1].isupper() or _BEFORE_LABEL.search(before):
            out.append((int(m.group(2)), m.start(2), m.end(2)))
    out += column_day_counts(text)
    return sorted(set(out), key=lambda t: t[1])


_HEADER_WORD = re.compile(rf"(?i)(?<![a-z]){_WORD}(?![a-z])")
_DATE_BITS = re.compile(r"[/.-]\d|\d[/.-]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def column_day_counts(text: str) -> list[tuple[int, int, int]]:
    """A table column headed "days" ("No. of days", "ELAPSED DAYS") and the count printed under it, in text
    laid out by position: the number on one of the next three lines whose characters sit under the word."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    out: list[tuple[int, int, int]] = []
    for i, ln in enumerate(lines):
        for h in _HEADER_WORD.finditer(ln):
            if not re.search(r"\S\s{2,}", ln):
                continue  # a sentence, not a table header
            lo, hi = h.start() - 4, h.end() + 4
            head = _cells(ln)
            col = next((k for k, c in enumerate(head) if c.start() <= h.start() < c.end()), None)
            for j in range(i + 1, min(len(lines), i + 4)):
                under = [m for m in re.finditer(r"\S+", lines[j]) if m.start() < hi and m.end() > lo]
                row = _cells(lines[j])
                if not under and len(row) < len(head):
                    continue
                # The cell under the word; or, when the row has at least as many cells as the header, the cell in
                # the same place (text laid out by position still shifts a column sideways).
                cell = row[col] if col is not None and len(row) >= len(head) > 2 else under[0] if len(under) == 1 \
                    else None
                if cell is not None and re.fullmatch(r"\d{1,3}", cell.group(0)) and not _DATE_BITS.search(
                        lines[j][max(0, cell.start() - 2):cell.end() + 2]):
                    out.append((int(cell.group(0)), starts[j] + cell.start(), starts[j] + cell.end()))
                break
    return out


def _cells(line: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\S+(?: \S+)*", line))


_BILLED = re.compile(rf"(?i)(?<![\d.,])(\d{{1,3}})\s*{_WORD}\s*[x×*@](?=\s*\d)")


def billed_day_counts(text: str) -> list[tuple[int, int, int]]:
    """(count, start, end) of each day count a charge is billed on: the count multiplied by a rate ("23 days x
    0.3310 €/day", "22 kW x 23 dies x 21.09 €/kW-year"), which is the length of the period the charge covers."""
    return [(int(m.group(1)), m.start(1), m.end(1)) for m in _BILLED.finditer(text)]


def stated_days(text: str) -> set[int]:
    """The day counts alone."""
    return {n for n, _s, _e in printed_day_counts(text)}
