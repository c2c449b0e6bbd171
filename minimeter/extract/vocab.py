"""The label vocabulary the finder matches, read from the lexicon data (``extract/lexicon/*.toml``).

This is what lets the rules read an unknown utility's bill: labels utilities commonly print, each
with a weight (1.0 = this label names the field outright; lower = it often does). A profile's own
labels are added on top with weight 1.1 (see ``labels_for``). Distractors are words that, near a
value, mean "this is a different number": last year's usage, the member number, the next read date.

The data and its validation live in ``minimeter.extract.lexicon``; this module keeps the matching
functions the finder calls (``label_rx``, ``anchored``, ``labels_for``, ``any_label_rx``,
``distractor_hits``) and the merged ``LABELS`` / ``DISTRACTORS`` / ``ANCHORED`` tables.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from minimeter.extract import lexicon

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile

_LEX = lexicon.load()

# field -> [(label phrase, weight)]; phrases are matched case-insensitively with flexible spaces.
LABELS: dict[str, list[tuple[str, float]]] = {f: list(v) for f, v in _LEX.labels.items()}
# These fields share vocabulary with others; the quantity's unit decides between them.
LABELS["gas_therms"] = LABELS["gas_usage"]
READ_DATE_WEIGHT = 0.7
"""A date printed on a meter read's line is the day that read was taken: the prior read's date starts the
period and the present read's ends it (a bill that prints its reading dates and no period). Below a period
label's weight, so a printed period wins."""
for _field, _reads in (("billing_period_start", "prior_read"), ("billing_period_end", "present_read")):
    _have = {p for p, _w in LABELS.get(_field, [])}
    LABELS[_field] = LABELS.get(_field, []) + [(p, READ_DATE_WEIGHT) for p, _w in LABELS.get(_reads, [])
                                               if p not in _have]
# Short, common words count as labels only where a label starts: at the start of a line or of a
# column ("Date  28.12.2024"), never inside a phrase ("Due Date", "Facture du").
ANCHORED = _LEX.anchored
# Words that, on the line of a candidate (or between label and value), mean "a different number".
DISTRACTORS: dict[str, list[str]] = {k: list(v) for k, v in _LEX.distractors.items()}
# Usage field -> the words that name its commodity, in every language (lower case, accents as printed).
COMMODITY_WORDS: dict[str, tuple[str, ...]] = {
    fname: _LEX.commodities.get(commodity, ())
    for fname, commodity in (("electricity_kwh", "electricity"), ("gas_usage", "gas"), ("water_usage", "water"))
}


# Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms). Bilingual bills print a
# label's translation in one of them beside the Latin label ("Account No.  رقم الحساب  5966966557"); a text
# layer stores such words in visual or logical order, so the finder reads the Latin half and steps over these.
RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
RTL_CELL = re.compile(rf"[{RTL}](?:[{RTL}\u0660-\u0669.:/()-]|[^\S\n]{{1,2}}(?=[{RTL}]))*")
"""A run of right-to-left words (with their spaces and punctuation): a label's translation."""


def rtl_only(text: str) -> bool:
    """Whether ``text`` has letters and every one of them is of a right-to-left script."""
    letters = re.findall(r"[^\W\d_]", text)
    return bool(letters) and all(re.match(rf"[{RTL}]", ch) for ch in letters)


def alternation(phrases: Iterable[str]) -> str:
    """Phrases as one regex alternation: longest first (so "tot en met" is tried before "tot"), each
    phrase's words escaped and joined by any run of spaces."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


@functools.cache
def _commodity_rx(fname: str) -> re.Pattern[str] | None:
    words = {strip_accents(w).strip() for w in COMMODITY_WORDS.get(fname, ())}
    if not words:
        return None
    body = alternation(words)
    # Whole words: "eau" is water, "nouveau" is not.
    return re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")


def names_commodity(text: str, fname: str) -> bool:
    """Whether ``text`` names the commodity of usage field ``fname`` as a whole word (accents ignored)."""
    rx = _commodity_rx(fname)
    return rx is not None and rx.search(strip_accents(text)) is not None


def names_gas(label: str) -> bool:
    """Whether a usage label names gas: "gas"/"gaz" inside a word ("Gasverbrauch") or a gas word of the
    lexicon ("Spotřeba plynu"), so a figure under it in kWh is gas billed in kWh, not electricity."""
    return bool(re.search(r"(?i)ga[sz]", label)) or names_commodity(label, "gas_usage")


def fold(word: str) -> str:
    """A regex for ``word`` that also matches it with its accents lost, as OCR and some PDFs print it
    ("Fälligkeitsdatum" / "Falligkeitsdatum", "Straße" / "StraBe", "échéance" / "echeance")."""
    out = []
    for ch in word:
        base = unicodedata.normalize("NFD", ch)[0]
        if ch == "ß":
            out.append("(?:ß|ss|B)")
        elif base != ch and base.isalpha():
            out.append(f"[{ch}{base}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def strip_accents(text: str) -> str:
    """``text`` in lower case without its accents ("Précédent" -> "precedent"), one letter for one (the
    dotted capital "İ", two letters in lower case, is one "i"; the dotless "ı" is "i", as "YIL" is "yıl")."""
    return "".join(unicodedata.normalize("NFD", ch.lower())[0] for ch in text).replace("ı", "i")


# The four Turkish i's: a label's "i" is printed "İ" in capitals, its "ı" is printed "I" (and ASCII prints
# both as "i"). The case-insensitive match already treats them as one letter; a label's first letter is
# matched outside it (``label_rx``) and needs them spelled out.
TURKISH_I = "iIİı"


def _first_char_class(ch: str) -> str:
    """``ch`` in either case, with or without its accent, as a character class."""
    if ch == "ß" or not ch.isalpha():
        return fold(ch)
    base = unicodedata.normalize("NFD", ch)[0]
    chars = dict.fromkeys([ch.lower(), ch.upper(), base.lower(), base.upper()])
    if base in TURKISH_I:
        chars.update(dict.fromkeys(TURKISH_I))
    return "[" + "".join(re.escape(c) for c in chars if len(c) == 1) + "]"


# "#" inside a label (never first or last: "meter #" is a literal "#") stands for one printed identifier,
# with or without its "n." / "No." / "Nr." / "nº":
# "fattura # del" is "Fattura n. 2023/1482 del 17/05/2023", where the date belongs to the invoice.
IDENT = r"(?:(?:n|no|nr|num|n[º°o]|number)\.?[^\S\n]*)?[#]?[A-Za-z]{0,4}-?\d[\w/.\-]*"


@functools.lru_cache(maxsize=4096)
def first_word_forms(phrase: str) -> tuple[str, ...] | None:
    """The forms (lower case, accents stripped as ``strip_accents`` strips them) one of which a text must
    contain for ``label_rx(phrase)`` to match in it: the label's first word and its short forms. A cheap
    substring test with them skips a label's regex on a page that cannot hold it; None where no such test
    is safe (a "ß", which the pattern also matches as "ss" or "B")."""
    words = phrase.split()
    if not words or "ß" in words[0]:
        return None
    short = _LEX.abbreviations.get(words[0].lower(), ()) if len(words) > 1 else ()
    return tuple(dict.fromkeys(strip_accents(w) for w in (words[0], *short)))


@functools.lru_cache(maxsize=4096)
def label_rx(phrase: str, strict: bool = True) -> re.Pattern[str]:
    """A label as a pattern: case- and accent-insensitive, flexible spaces, never across lines, a whole
    phrase (no letter right before it; with ``strict``, none right after). A word ``#`` between two
    others matches one identifier (``IDENT``)."""
    words = phrase.split()
    first = words[0][0]
    # Inside a label of two or more words, a word may be printed short ("Amt Due", "Prev. Bal."): the
    # lexicon's [abbreviations]. A one-word label is never shortened ("bal" alone says too little).
    short = _LEX.abbreviations if len(words) > 1 else {}

    def word_rx(w: str, skip: int = 0) -> str:
        forms = [fold(w[skip:])] + [fold(a[skip:]) + r"\.?" for a in short.get(w.lower(), ())]
        return forms[0] if len(forms) == 1 else "(?:" + "|".join(forms) + ")"

    parts = [word_rx(words[0], 1)] + [IDENT if w == "#" and i < len(words) - 1 else word_rx(w)
                                      for i, w in enumerate(words[1:], start=1)]
    # A label never spans lines ("... 20,700 kWh\nBilled Demand" is not "kWh billed"), nor two cells of a row
    # ("ISSUE DATE        DUE DATE" holds no "date due").
    body = r"[^\S\n]{1,3}".join(parts)
    # A profile's own labels may run into the next word, as layout text glues "échéanceDate".
    tail = r"(?![A-Za-zÀ-ÿ])" if strict else ""
    # The first character is a plain class outside the case-insensitive group, and the "no letter
    # before" check comes after it: the regex engine can then skip to candidate positions with a fast
    # scan instead of trying the whole label at every character of the page (the finder matches ~800
    # labels against every page).
    lead = _first_char_class(first)
    return re.compile(rf"{lead}(?<![A-Za-zÀ-ÿ]{lead})(?i:{body}){tail}")


def anchored(phrase: str) -> bool:
    """Whether ``phrase`` counts as a label only at the start of a line or column (see ``ANCHORED``)."""
    return phrase in ANCHORED


def labels_for(field_name: str, profile: Profile | None) -> list[tuple[str, float]]:
    """Generic labels plus the profile's own (which win ties: weight 1.1 unless the profile says)."""
    out = list(LABELS.get(field_name, []))
    if field_name == "billing_period_end":
        out += LABELS["billing_period_start"]
    if profile is not None:
        key = "gas_usage" if field_name == "gas_therms" else field_name
        out += list(profile.weighted_labels(key))
        if field_name == "billing_period_end":
            out += list(profile.weighted_labels("billing_period_start"))
    return out


@functools.lru_cache(maxsize=1)
def any_label_rx() -> re.Pattern[str]:
    """Matches a line that is nothing but a known label (for stacked label blocks)."""
    body = alternation({p for labels in LABELS.values() for p, _ in labels if len(p) > 3})
    return re.compile(rf"(?i)^\s*(?:your\s+)?(?:{body})\s*[:#]?\s*$")


@functools.cache
def _folded(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, strip_accents(w)) for w in DISTRACTORS.get(kind, []))


@functools.cache
def _own_label_rx(kind: str) -> dict[str, re.Pattern[str]]:
    """Per field of ``kind``: one pattern for its labels that contain a distractor word of ``kind``
    ("meter number" holds "meter"), matched on accent-stripped lower-case text."""
    words = [strip_accents(w) for w in DISTRACTORS.get(kind, [])]
    out = {}
    for fname in sorted(lexicon.DISTRACTOR_KINDS.get(kind, ())):
        phrases = {strip_accents(p) for p, _ in LABELS.get(fname, []) if any(w in strip_accents(p) for w in words)}
        if phrases:
            body = alternation(phrases)
            out[fname] = re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")
    return out


def distractor_hits(context: str, kind: str, field: str | None = None,
                    profile: Profile | None = None) -> list[str]:
    """The distractor words of ``kind`` in ``context`` (accents ignored), except a field's own words:
    inside a label of ``field`` ("Meter No." for a meter number) a distractor ("meter") does not count.
    Without ``field``, the own label is recognised when the context names exactly one field of ``kind``
    (so "Account 123  Meter No" still speaks against the second number as an account number)."""
    low = strip_accents(context)
    hits = [w for w, f in _folded(kind) if _occurs(f, low)]
    if profile is not None:
        hits += [w for w in profile.distractors.get(kind, ()) if w not in hits and _occurs(strip_accents(w), low)]
    if not hits:
        return hits
    own = _own_label_rx(kind)
    if field is None:
        named = {f for f, rx in own.items() if rx.search(low)}
        others = {f for f in lexicon.DISTRACTOR_KINDS.get(kind, ()) if f not in named
                  and any(label_rx(p).search(context) for p, w in LABELS.get(f, []) if w >= 0.9)}
        field = next(iter(named)) if len(named) == 1 and not others else None
    rx = own.get(field) if field else None
    if rx is None:
        return hits
    rest = rx.sub(" ", low)  # the context without the field's own labels
    return [w for w in hits if _occurs(strip_accents(w), rest)]


def _occurs(word: str, low: str) -> bool:
    """Whether a distractor word occurs in ``low``: a longer word anywhere ("donat" in "donation"), an
    abbreviation of three letters or fewer only as a whole word ("tel" is not in "Telwerk", a Dutch
    register column; "pn" is not in "open")."""
    if len(word) > 3:
        return word in low
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", low) is not None
