"""A text layer that comes out one word per line, rejoined into the rows the finder reads.

Some PDFs' text layers print each word on its own line ("Total", "Amount", "Due", "$90.00"): a label and
its value are then never on one line, and a label of three words is on none. ``rejoined(text)`` returns
the same text with the line breaks inside a printed row turned into spaces (same length, so every
offset, and every span read from it, still points at the page's own characters), keeping a break only
where a value ends and a new label starts: after a figure, a unit or a currency, before a word that is
none of those, nor a month name or a range connector ("19 mai au 17 juin" stays one row). A row that
starts with two labels or more is a header row above its values and keeps its breaks. A page whose
lines are mostly longer than one word is left as it is (``None``). The finder uses it only where the
page has no layout text of its own rows (word boxes rebuild them better).
"""

from __future__ import annotations

import functools
import re

from minimeter.extract import lexicon, parse, vocab

MIN_WORDS = 12
"""Below this many lines, a page of one word a line is too short to be a text layer that lost its rows."""
SINGLE_SHARE = 0.85
"""The share of a page's lines that hold one word, from which it is read as a text layer of one word a line."""
_DAYS = ("days", "day", "jours", "jour", "días", "dias", "giorni", "tage", "dagen", "hari", "mois", "months")
_TRIM = "()[]{},.;:*"
_SIGNS = frozenset({"€", "£", "$", "¥", "₹"})


@functools.cache
def _tail_words() -> frozenset[str]:
    """Words that go on the row of the figure before them: units, currencies, day counts."""
    return frozenset({u.lower() for u in parse.QTY_UNITS} | {c.lower() for c in parse.CURRENCY_CODES}
                     | set(_DAYS) | {"%"})


@functools.cache
def _joining_words() -> frozenset[str]:
    """Words that continue a row after a figure: a month's name, a range connector."""
    lex = lexicon.load()
    return frozenset({m.lower() for m in parse.MONTHS} | {c.lower() for c in lex.range_connectors})


def _word(token: str) -> str:
    return token.strip(_TRIM).lower()


def _ends_value(token: str) -> bool:
    return bool(re.search(r"\d", token)) or _word(token) in _tail_words() or token.strip(_TRIM) in _SIGNS


def _starts_label(token: str) -> bool:
    w = _word(token)
    return bool(re.match(r"[^\W\d_]", token.lstrip("(["))) and w not in _tail_words() and w not in _joining_words()


@functools.cache
def _label_rx() -> re.Pattern[str]:
    body = vocab.alternation({p for labels in vocab.LABELS.values() for p, _w in labels if len(p) > 3})
    return re.compile(rf"(?i)(?<![^\W\d_])(?:{body})(?![^\W\d_])")


def _grid(words: str) -> bool:
    """Two labels or more before a row's first figure: a header row printed above its values ("Due Date  Bill
    Date  Total Due" over "April 15 ...  April 1 ...  $88.10"), whose values are no label's right neighbour."""
    return len(_label_rx().findall(words)) >= 2


def rejoined(text: str) -> str | None:
    """``text`` with the breaks inside a printed row turned into spaces, or None when it keeps its rows."""
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    if len(lines) < MIN_WORDS or sum(1 for m in lines if len(m.group(0).split()) == 1) < SINGLE_SHARE * len(lines):
        return None
    rows: list[list[re.Match[str]]] = [[lines[0]]]
    for cur, nxt in zip(lines, lines[1:], strict=False):
        gap = text[cur.end():nxt.start()]
        # (an empty line between two words is a break the page itself prints)
        if gap.count("\n") != 1 or (_ends_value(cur.group(0).strip()) and _starts_label(nxt.group(0).strip())):
            rows.append([nxt])
        else:
            rows[-1].append(nxt)
    out = list(text)
    for row in rows:
        first = next((i for i, m in enumerate(row) if re.search(r"\d", m.group(0))), len(row))
        if len(row) < 2 or _grid(" ".join(m.group(0).strip() for m in row[:first])):
            continue
        for cur, nxt in zip(row, row[1:], strict=False):
            out[cur.end() + text[cur.end():nxt.start()].index("\n")] = " "
    return "".join(out)
