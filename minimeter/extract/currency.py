"""The currency a bill is in, and what on the page says so.

Contract
--------
``read(text, profile) -> Reading``: the bill's currency (ISO 4217 code, or None when nothing names one)
and ``basis``, the one-line reason it is believed, or None when it is only a guess. A guess is a sign
several currencies print ("$", "Rs", "kr": the ``ambiguous`` tokens of the lexicon's ``[currencies]``)
on a page that names no country of that family and no utility whose currency it is: "$" then keeps its
first meaning (USD) but nothing would have told a New Zealand "$" apart, so the reading is unconfirmed.

The currency printed beside the figures wins over a profile's default (a profile may have been matched on a
passing mention); a shared sign keeps the profile's currency of its family. With no profile the country
the page names decides a shared sign (``by_country``). With nothing printed: the profile's, else the
identified utility's country currency.

``confirmation(text, code, profile) -> str | None`` is the same judgement for a currency someone else read
(another extractor, a person): the reason the page supports ``code``, or None; never when the page prints
another currency of the sign's family by its own sign or code ("NZ$") and not ``code``'s. Validation uses it
(``validate/currency``), so a bill is accepted only on a currency the page confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.extract import lexicon, parse

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile

# A family's first meaning needs this many cues of its own country, and more than any other member's: one
# state-and-ZIP line or one tax name does it, where a tie (GST is Australian, Canadian, New Zealand's...)
# decides nothing.
CONFIRM_CUES = 1
# Reading a shared sign as another member than its first meaning ("$" as NZD) needs two distinct cues.
SWITCH_CUES = 2


@dataclass(frozen=True)
class Reading:
    code: str | None
    basis: str | None  # why the page supports ``code``; None: a guess nothing on the page confirms


def read(text: str, profile: Profile | None) -> Reading:
    """The bill's currency and its basis (see the module's contract)."""
    code = _choose(text, profile)
    return Reading(code, confirmation(text, code, profile) if code else None)


def _choose(text: str, profile: Profile | None) -> str | None:
    from minimeter.extract.profiles import identify

    counts = parse.currencies_in(text)
    if counts:
        printed = max(counts, key=lambda c: counts[c])
        if profile and (parse.same_sign(printed, profile.currency) or counts.get(profile.currency)):
            return profile.currency
        if not profile or counts[printed] >= 2:
            return by_country(printed, text)
    if profile:
        return profile.currency
    signs = parse.signs_in(text)
    if signs:
        # The sign printed most; on a tie the one printed first (dict order).
        return by_country(max(signs, key=lambda c: signs[c]), text)
    known = identify(text)
    return known.currency if known else None


def by_country(printed: str, text: str) -> str:
    """``printed`` (an ISO code read from a sign), or, when that sign is shared, the family's currency whose own
    sign the page prints ("Amount (S$)"), else the currency of the country the page names ("$" on a bill printing
    ABN, GST and "VIC 3000" is AUD). Another member than the sign's first meaning needs ``SWITCH_CUES``
    distinct cues and more than any other country of the family (GST is printed in Australia and Canada);
    otherwise the sign keeps its first meaning."""
    family = parse.SIGN_FAMILIES.get(printed)
    if not family:
        return printed
    own = _own_signs(parse.tokens_in(text), family)
    own.pop(printed, None)
    if own:
        return max(own, key=lambda c: own[c])
    hits = _family_cues(text, family)
    if not hits or hits[0][0] < SWITCH_CUES or (len(hits) > 1 and hits[1][0] == hits[0][0]):
        return printed
    return hits[0][1]


def confirmation(text: str, code: str, profile: Profile | None) -> str | None:
    """Why the page supports ``code`` as the bill's currency, or None when nothing does."""
    from minimeter.extract.profiles import identify

    tokens = parse.tokens_in(text)  # (read once: both checks of own signs below look at them)
    if _own_signs(tokens, {code}):
        return f"the page prints {code}'s own sign or code"
    family = _family_of(code)
    if family and _own_signs(tokens, family - {code}):
        # The page prints another member's own sign ("NZ$", "AUD") and never ``code``'s: a cue of ``code``'s
        # country or a profile (matched, perhaps, on a passing mention) cannot outweigh what the figures say.
        return None
    if family:
        hits = _family_cues(text, family)
        mine = next((n for n, c in hits if c == code), 0)
        rivals = max((n for n, c in hits if c != code), default=0)
        if mine >= CONFIRM_CUES and mine > rivals:
            return f"the page names {code}'s country ({mine} cue{'s' if mine > 1 else ''})"
    if profile is not None and profile.currency == code:
        return f"the utility's profile ({profile.id}) bills in {code}"
    known = identify(text)
    if known is not None and known.currency == code:
        return f"the utility the page names ({known.name}) bills in {code}"
    return None


def _family_of(code: str) -> frozenset[str]:
    """The currencies printed with one sign that ``code`` is a member of (empty when its sign is its own)."""
    return next((f for f in parse.SIGN_FAMILIES.values() if code in f), frozenset())


def _own_signs(tokens: dict[str, int], codes: set[str] | frozenset[str]) -> dict[str, int]:
    """How often the page prints a sign or code of each of ``codes`` that no other currency shares
    ("NZ$", "S$", "USD": not "$"), from the page's currency tokens (``parse.tokens_in``). A currency whose
    sign is its own has no ambiguous token: any token of it counts."""
    out: dict[str, int] = {}
    for tok, n in tokens.items():
        code = parse.CURRENCY_CODES[tok]
        if code in codes and tok not in parse.AMBIGUOUS_TOKENS:
            out[code] = out.get(code, 0) + n
    return out


def _family_cues(text: str, family: frozenset[str]) -> list[tuple[int, str]]:
    """(distinct cues, currency) for each country of ``family`` the page names, most cues first."""
    countries = lexicon.load().countries
    return sorted(((n, countries[c].currency) for c, n in lexicon.country_cues(text).items()
                   if countries[c].currency in family), reverse=True)
