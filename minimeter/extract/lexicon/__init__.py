"""The lexicon as data: field labels, distractor words, units, commodity words, month names and rate-name
shapes, one TOML file per language beside this module (``en.toml``, ``es.toml``, ...; ``common.toml``
holds what no language owns: unit spellings, symbols, rate-name shapes).

Contract
--------
``load() -> Lexicon`` reads and validates every ``*.toml`` here once per process (cached). Validation
fails loudly with ``LexiconError`` (one line naming the file and the entry) on: an unknown section,
field or distractor kind; the same label twice for one field in one file; one label given two weights
for one field (in one file or across files); a weight outside (0, 1]; a month list that is not 12
entries; a rate shape that is not a valid regular expression; a range connector holding a digit; a
country whose currency is not an ISO 4217 code, that two files give two currencies, with an unknown key
or a cue shape that is not a valid regular expression; a currency that is not an ISO 4217 code, with an
unknown key, or a token that already names another currency.

``[roles]`` names the rows of an account summary that no bill field holds, by the same
``role = [label | [label, weight]]`` entries and the same checks as ``[labels]`` (known roles:
``ROLES``): ``adjustments`` is a term of the balance the bill prints beside its previous balance,
payments and current charges (interest on arrears, an adjustment, a late-payment charge already
billed); ``section_total`` the word before a service's name on the line of that service's total
("Total Electricity", "Totale Gas"); ``credit`` the closing row of a summary whose deductions exceed
its charges, printed unsigned though the utility owes it ("Guthaben 210,18 €" after the advances paid);
``plan_instalment`` the fixed amount of a budget or equal-payment plan ("Mensualité", "Cuota fija
mensual"), billed instead of the charges: never a charge line. The summary-block reader gives such a row
its role; the finder never looks for them.

``[countries.XX]`` (ISO 3166 code) holds what a bill of that country prints whatever its utility: its
``currency``, cue ``words`` (tax names, business numbers, payment networks, regions: "ABN", "GST", "TVQ",
matched case-sensitively as whole words) and cue ``shapes`` (a state and postcode, a postal code), merged
across files. ``country_cues(text)`` counts the distinct cues of each country a text prints; currencies
that share a sign ("$") are told apart by them.

``[currencies.XXX]`` (ISO 4217 code) lists the tokens a bill prints ``before`` a figure ("$", "Rp") and
``after`` it ("€", "zł"), the ``shared`` currencies printed with the same sign ("$": CAD, AUD...), which of
its tokens are that shared sign (``ambiguous``: "$", not "US$"; each one of its tokens) and the
characters OCR ``misread`` its sign as ("P" for "₱", one character each). One
table serves the money pattern (``parse.MONEY_RX``), the currency a figure is printed in and the bill's
currency when no figure carries a sign, and whether the page confirms it (``extract/currency``).

``Lexicon.extend(labels, distractors, source)`` returns a new ``Lexicon`` with a provider profile's
additions, validated the same way (``source`` names the profile file in errors);
``Lexicon.validate_extension`` only validates them. A profile label
without a weight gets ``PROFILE_WEIGHT`` (1.1: it wins ties with the generic vocabulary).

A label is a phrase matched case- and accent-insensitively with flexible spaces (see ``vocab.label_rx``);
a distractor is a word that, on a candidate's line, means "a different number" (last year's usage, a
member number); a field's own label words never count against it (see ``vocab.distractor_hits``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

LEXICON_DIR = Path(__file__).resolve().parent
PROFILE_WEIGHT = 1.1

# Fields a label may name (the bill fields the finder looks for; gas_therms reads gas_usage's labels).
FIELDS = frozenset({
    "total_amount_due", "current_charges", "previous_balance", "payments",
    "statement_date", "due_date", "billing_period_start", "billing_period_end",
    "electricity_kwh", "gas_usage", "gas_therms", "water_usage", "demand_kw",
    "account_number", "meter_number", "customer_name", "service_address", "rate_plan",
    "prior_read", "present_read",  # a meter's reads: labels the finder pairs, not bill fields
})
# Summary-block roles a label may name beside the bill's fields (``[roles]``): terms of the bill's
# arithmetic that no bill field holds.
ROLES = frozenset({"adjustments", "section_total", "credit", "prior_credit", "plan_instalment"})
# The kind of value a distractor speaks against, and the fields of that kind.
DISTRACTOR_KINDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "usage": frozenset({"electricity_kwh", "gas_usage", "gas_therms", "water_usage", "demand_kw"}),
    "money": frozenset({"total_amount_due", "current_charges", "previous_balance", "payments"}),
    "date": frozenset({"statement_date", "due_date", "billing_period_start", "billing_period_end"}),
    "identifier": frozenset({"account_number", "meter_number"}),
    # A line that reads like a street ("Customer hotline 2769 6863") but is a way to reach the utility.
    "address": frozenset({"service_address"}),
})
COMMODITIES = frozenset({"electricity", "gas", "water"})
_SECTIONS = frozenset({"language", "name", "labels", "anchored", "distractors", "units", "commodities",
                       "months", "ambiguous_months", "rate_shapes", "range_connectors",
                       "range_openers", "countries", "roles", "spans",
                       "abbreviations", "currencies"})
_COUNTRY_KEYS = frozenset({"currency", "words", "shapes"})
_CURRENCY_KEYS = frozenset({"before", "after", "shared", "ambiguous", "misread"})


@dataclass(frozen=True)
class Country:
    """What bills of one country print whatever their utility (``[countries.XX]``)."""

    currency: str
    words: tuple[str, ...] = ()
    shapes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Currency:
    """How bills print one currency (``[currencies.XXX]``): its tokens before and after a figure, and the
    other currencies that share its sign."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    misread: tuple[str, ...] = ()
    """Single characters OCR reads the currency's sign as ("P" for "₱"): ``extract/ocrfix`` puts the
    sign back where one is glued before a figure with cents on a page read by OCR."""
    ambiguous: tuple[str, ...] = ()
    """Its tokens the ``shared`` currencies print too ("$", not "US$"): a bill printing only these names
    no one currency of the family by them (``extract/currency``)."""


class LexiconError(ValueError):
    """A lexicon or profile file that does not validate; the message names the file and the entry."""


def norm(phrase: str) -> str:
    """The key two spellings of one label share: lower case, single spaces."""
    return " ".join(phrase.lower().split())


@dataclass(frozen=True)
class Lexicon:
    """Validated lexicon data. ``labels``: field -> ((phrase, weight), ...) in file order, no duplicates."""

    labels: Mapping[str, tuple[tuple[str, float], ...]]
    anchored: frozenset[str]
    distractors: Mapping[str, tuple[str, ...]]
    units: Mapping[str, str]
    """Unit spelling as printed -> canonical unit ("KWH" -> "kWh", "k W h" -> "kWh", "Smc" -> "m3")."""
    commodities: Mapping[str, tuple[str, ...]]
    months: Mapping[str, int]
    ambiguous_months: frozenset[str]
    """Month names that are also common words ("des", "set", "out"): dates only with a year."""
    rate_shapes: tuple[str, ...]
    range_connectors: tuple[str, ...] = ()
    """Words printed between the two dates of a period ("to", "au", "t/m", "tot en met"), lower case."""
    range_openers: tuple[str, ...] = ()
    """Words printed before the first date of a period ("from", "dal", "du", "von"), lower case."""
    countries: Mapping[str, Country] = field(default_factory=dict)
    """ISO country code -> its currency and the cues that name it on a bill."""
    sources: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(field, normalized label) -> the file that defined it, for error messages."""
    roles: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    """Summary-block role -> ((phrase, weight), ...), as ``labels`` (``[roles]``)."""
    spans: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    """Months a bill covers -> the words by which it names that span ("quarterly", "Jahresabrechnung")."""
    month_words: tuple[str, ...] = ()
    """The word for months after a count ("2 months", "12 mois"), lower case (``[spans] months``)."""
    past_words: tuple[str, ...] = ()
    """Words beside a count of months that make it a look back, not the bill's span ("last 12 months",
    "ultimi 12 mesi", "12 bulan terakhir"), lower case (``[spans] past``)."""
    abbreviations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A label word -> the short forms bills print for it inside a longer label ("amount" -> "amt")."""
    currencies: Mapping[str, Currency] = field(default_factory=dict)
    """ISO 4217 code -> the tokens that print it, in file order."""

    def labels_of(self, field_name: str) -> tuple[tuple[str, float], ...]:
        return self.labels.get(field_name, ())

    def extend(self, labels: Mapping[str, object] | None, distractors: Mapping[str, object] | None,
               source: str) -> Lexicon:
        """This lexicon plus a profile's labels (field -> [phrase | [phrase, weight]]) and distractors
        (kind -> [word]). Raises ``LexiconError`` naming ``source`` on an invalid entry."""
        b = _Builder.of(self)
        b.add_labels(labels or {}, source, default_weight=PROFILE_WEIGHT, profile=True)
        b.add_distractors(distractors or {}, source)
        return b.build()

    @staticmethod
    def validate_extension(labels: Mapping[str, object] | None, distractors: Mapping[str, object] | None,
                           source: str) -> None:
        """Raise ``LexiconError`` where ``extend`` would, without building a new lexicon (a profile's
        labels may repeat a generic label: they replace its weight, which is not a conflict)."""
        b = _Builder()
        b.add_labels(labels or {}, source, default_weight=PROFILE_WEIGHT, profile=True)
        b.add_distractors(distractors or {}, source)


class _Builder:
    def __init__(self) -> None:
        self.labels: dict[str, list[tuple[str, float]]] = {}
        self.weights: dict[tuple[str, str], tuple[float, str]] = {}
        self.anchored: set[str] = set()
        self.distractors: dict[str, list[str]] = {k: [] for k in DISTRACTOR_KINDS}
        self.units: dict[str, str] = {}
        self.commodities: dict[str, list[str]] = {k: [] for k in COMMODITIES}
        self.months: dict[str, int] = {}
        self.ambiguous: set[str] = set()
        self.shapes: list[str] = []
        self.connectors: list[str] = []
        self.openers: list[str] = []
        self.countries: dict[str, Country] = {}
        self.country_src: dict[str, str] = {}
        self.roles: dict[str, list[tuple[str, float]]] = {}
        self.role_weights: dict[tuple[str, str], tuple[float, str]] = {}
        self.spans: dict[int, list[str]] = {}
        self.month_words: list[str] = []
        self.past_words: list[str] = []
        self.abbreviations: dict[str, list[str]] = {}
        self.currencies: dict[str, Currency] = {}
        self.currency_of_token: dict[str, str] = {}

    @classmethod
    def of(cls, lex: Lexicon) -> _Builder:
        b = cls()
        b.labels = {f: list(v) for f, v in lex.labels.items()}
        b.weights = {k: (w, lex.sources.get(k, "?")) for f, v in lex.labels.items() for p, w in v
                     for k in [(f, norm(p))]}
        b.anchored = set(lex.anchored)
        b.distractors = {k: list(v) for k, v in lex.distractors.items()}
        b.units = dict(lex.units)
        b.commodities = {k: list(v) for k, v in lex.commodities.items()}
        b.months = dict(lex.months)
        b.ambiguous = set(lex.ambiguous_months)
        b.shapes = list(lex.rate_shapes)
        b.connectors = list(lex.range_connectors)
        b.openers = list(lex.range_openers)
        b.countries = dict(lex.countries)
        b.roles = {r: list(v) for r, v in lex.roles.items()}
        b.role_weights = {(r, norm(p)): (w, "?") for r, v in lex.roles.items() for p, w in v}
        b.spans = {n: list(v) for n, v in lex.spans.items()}
        b.month_words = list(lex.month_words)
        b.past_words = list(lex.past_words)
        b.abbreviations = {w: list(v) for w, v in lex.abbreviations.items()}
        b.currencies = dict(lex.currencies)
        b.currency_of_token = {t: c for c, cur in lex.currencies.items() for t in cur.before + cur.after}
        return b

    def add_labels(self, data: Mapping[str, object], src: str, *, default_weight: float = 1.0,
                   profile: bool = False) -> None:
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [labels] must be a table of field = [labels]")
        for fname, entries in data.items():
            if fname not in FIELDS:
                raise LexiconError(f"{src}: labels.{fname}: unknown field (known: {', '.join(sorted(FIELDS))})")
            if isinstance(entries, str):
                entries = [entries]
            if not isinstance(entries, list):
                raise LexiconError(f"{src}: labels.{fname}: expected a list of labels")
            seen: set[str] = set()
            for entry in entries:
                phrase, weight = _entry(entry, default_weight, f"{src}: labels.{fname}")
                key = norm(phrase)
                if key in seen:
                    raise LexiconError(f"{src}: labels.{fname}: duplicate label {phrase!r}")
                seen.add(key)
                prior = self.weights.get((fname, key))
                if prior is not None:
                    if profile:
                        # A profile's label boosts a generic one: it replaces the generic weight.
                        self.labels[fname] = [(p, w) for p, w in self.labels[fname] if norm(p) != key]
                    elif prior[0] != weight:
                        raise LexiconError(f"{src}: labels.{fname}: {phrase!r} has weight {weight}, but {prior[1]} "
                                           f"gives it {prior[0]}")
                    else:
                        continue  # the same label in two languages ("total a pagar"): one entry
                self.weights[(fname, key)] = (weight, src)
                self.labels.setdefault(fname, []).append((key, weight))

    def add_roles(self, data: object, src: str) -> None:
        """``[roles]``: role = [label | [label, weight]], checked as ``[labels]`` is (a role not in ``ROLES``,
        a label twice in one file, one label with two weights are errors)."""
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [roles] must be a table of role = [labels]")
        for role, entries in data.items():
            where = f"{src}: roles.{role}"
            if role not in ROLES:
                raise LexiconError(f"{where}: unknown role (known: {', '.join(sorted(ROLES))})")
            if not isinstance(entries, list):
                raise LexiconError(f"{where}: expected a list of labels")
            seen: set[str] = set()
            for entry in entries:
                phrase, weight = _entry(entry, 1.0, where)
                key = norm(phrase)
                if key in seen:
                    raise LexiconError(f"{where}: duplicate label {phrase!r}")
                seen.add(key)
                prior = self.role_weights.get((role, key))
                if prior is not None:
                    if prior[0] != weight:
                        raise LexiconError(f"{where}: {phrase!r} has weight {weight}, but {prior[1]} gives it "
                                           f"{prior[0]}")
                    continue
                self.role_weights[(role, key)] = (weight, src)
                self.roles.setdefault(role, []).append((key, weight))

    def add_distractors(self, data: Mapping[str, object], src: str) -> None:
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [distractors] must be a table of kind = [words]")
        for kind, words in data.items():
            if kind not in DISTRACTOR_KINDS:
                raise LexiconError(f"{src}: distractors.{kind}: unknown kind (known: {', '.join(DISTRACTOR_KINDS)})")
            seen: set[str] = set()
            for w in _strings(words, f"{src}: distractors.{kind}"):
                low = w.lower()
                if low in seen:
                    raise LexiconError(f"{src}: distractors.{kind}: duplicate word {w!r}")
                seen.add(low)
                if low not in self.distractors[kind]:
                    self.distractors[kind].append(low)

    def add_file(self, path: Path) -> None:
        src = path.name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise LexiconError(f"{src}: not valid TOML ({e})") from None
        for key in data:
            if key not in _SECTIONS:
                raise LexiconError(f"{src}: {key}: unknown section (known: {', '.join(sorted(_SECTIONS))})")
        self.add_labels(data.get("labels", {}), src)
        self.add_distractors(data.get("distractors", {}), src)
        for w in _strings(data.get("anchored", []), f"{src}: anchored"):
            self.anchored.add(norm(w))
        units = data.get("units", {})
        if not isinstance(units, Mapping):
            raise LexiconError(f"{src}: [units] must be a table of canonical unit = [spellings]")
        for canonical, spellings in units.items():
            for sp in _strings(spellings, f"{src}: units.{canonical}"):
                if self.units.get(sp, canonical) != canonical:
                    raise LexiconError(f"{src}: units.{canonical}: {sp!r} already means {self.units[sp]}")
                self.units[sp] = canonical
        comm = data.get("commodities", {})
        for c, words in (comm.items() if isinstance(comm, Mapping) else ()):
            if c not in COMMODITIES:
                known = ", ".join(sorted(COMMODITIES))
                raise LexiconError(f"{src}: commodities.{c}: unknown commodity (known: {known})")
            self.commodities[c] += [w.lower() for w in _strings(words, f"{src}: commodities.{c}")
                                    if w.lower() not in self.commodities[c]]
        months = data.get("months")
        if months is not None:
            if not isinstance(months, list) or len(months) != 12:
                raise LexiconError(f"{src}: months: expected 12 lists of names, January first")
            for n, names in enumerate(months, start=1):
                for name in _strings(names, f"{src}: months[{n}]"):
                    low = name.lower()
                    if self.months.get(low, n) != n:
                        raise LexiconError(f"{src}: months[{n}]: {name!r} already names month {self.months[low]}")
                    self.months[low] = n
        for name in _strings(data.get("ambiguous_months", []), f"{src}: ambiguous_months"):
            if name.lower() not in self.months:
                raise LexiconError(f"{src}: ambiguous_months: {name!r} is not a month name")
            self.ambiguous.add(name.lower())
        for rx in _strings(data.get("rate_shapes", []), f"{src}: rate_shapes"):
            try:
                re.compile(rx)
            except re.error as e:
                raise LexiconError(f"{src}: rate_shapes: {rx!r} is not a valid pattern ({e})") from None
            self.shapes.append(rx)
        for key, words in (("range_connectors", self.connectors), ("range_openers", self.openers)):
            for w in _strings(data.get(key, []), f"{src}: {key}"):
                low = norm(w)
                if any(ch.isdigit() for ch in low):
                    raise LexiconError(f"{src}: {key}: {w!r} holds a digit (it would join numbers)")
                if low not in words:
                    words.append(low)
        self.add_countries(data.get("countries", {}), src)
        self.add_roles(data.get("roles", {}), src)
        self.add_spans(data.get("spans", {}), src)
        self.add_abbreviations(data.get("abbreviations", {}), src)
        self.add_currencies(data.get("currencies", {}), src)

    def add_currencies(self, data: object, src: str) -> None:
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [currencies] must be a table of ISO code = {{before, after, shared}}")
        for code, entry in data.items():
            where = f"{src}: currencies.{code}"
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise LexiconError(f"{where}: expected an ISO 4217 code (three capital letters)")
            entry = _keyed(entry, where, _CURRENCY_KEYS)
            before = _strings(entry.get("before", []), f"{where}.before")
            after = _strings(entry.get("after", []), f"{where}.after")
            for tok in before + after:
                if not tok.strip() or tok != tok.strip() or any(ch.isdigit() for ch in tok):
                    raise LexiconError(f"{where}: {tok!r}: a token is a sign or a word, without digits or "
                                       "surrounding spaces")
                other = self.currency_of_token.get(tok, code)
                if other != code:
                    raise LexiconError(f"{where}: {tok!r} already names {other} (a sign several currencies "
                                       "print goes under `shared` of its first meaning)")
                self.currency_of_token[tok] = code
            misread = _strings(entry.get("misread", []), f"{where}.misread")
            if any(len(m) != 1 or m.isdigit() or m.isspace() for m in misread):
                raise LexiconError(f"{where}.misread: each entry is one character, not a digit or a space")
            if misread and not any(len(t) == 1 and not t.isalpha() for t in before):
                raise LexiconError(f"{where}.misread: needs a one-character sign under `before` to put back")
            shared = _strings(entry.get("shared", []), f"{where}.shared")
            for c in shared:
                if not re.fullmatch(r"[A-Z]{3}", c):
                    raise LexiconError(f"{where}.shared: {c!r} is not an ISO 4217 code")
            old = self.currencies.get(code, Currency())
            ambiguous = _strings(entry.get("ambiguous", []), f"{where}.ambiguous")
            for tok in ambiguous:
                if tok not in (*before, *after, *old.before, *old.after):
                    raise LexiconError(f"{where}.ambiguous: {tok!r} is not one of its `before` or `after` tokens")
            if ambiguous and not (shared or old.shared):
                raise LexiconError(f"{where}.ambiguous: no `shared` currency prints these tokens too")
            self.currencies[code] = Currency(
                old.before + tuple(t for t in before if t not in old.before),
                old.after + tuple(t for t in after if t not in old.after),
                old.shared + tuple(c for c in shared if c not in old.shared),
                old.misread + tuple(m for m in misread if m not in old.misread),
                old.ambiguous + tuple(t for t in ambiguous if t not in old.ambiguous))

    def add_abbreviations(self, data: object, src: str) -> None:
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [abbreviations] must be a table of word = [short forms]")
        for word, shorts in data.items():
            where = f"{src}: abbreviations.{word}"
            low = word.lower()
            if not re.fullmatch(r"[^\W\d_]+", low):
                raise LexiconError(f"{where}: expected one word of letters")
            for short in _strings(shorts, where):
                s = short.lower()
                # Sharing the first letter keeps a label's fast first-character scan (vocab.label_rx).
                if not re.fullmatch(r"[^\W\d_]+", s) or s[0] != low[0] or len(s) >= len(low):
                    raise LexiconError(f"{where}: {short!r} must be a shorter word starting with {low[0]!r}")
                other = next((w for w, v in self.abbreviations.items() if s in v and w != low), None)
                if other is not None:
                    raise LexiconError(f"{where}: {short!r} already abbreviates {other!r}")
                if s not in self.abbreviations.setdefault(low, []):
                    self.abbreviations[low].append(s)

    def add_spans(self, data: object, src: str) -> None:
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [spans] must be a table of number of months = [words], months = [words] "
                               "and past = [words]")
        for key, words in data.items():
            where = f"{src}: spans.{key}"
            if key in ("months", "past"):
                have = self.month_words if key == "months" else self.past_words
                have += [w for w in dict.fromkeys(norm(x) for x in _strings(words, where)) if w not in have]
                continue
            if not key.isdigit() or not 2 <= int(key) <= 24:
                raise LexiconError(f"{where}: expected a number of months from 2 to 24, 'months' or 'past'")
            for w in _strings(words, where):
                low = norm(w)
                other = next((n for n, ws in self.spans.items() if low in ws and n != int(key)), None)
                if other is not None:
                    raise LexiconError(f"{where}: {w!r} already names a span of {other} months")
                if low not in self.spans.setdefault(int(key), []):
                    self.spans[int(key)].append(low)

    def add_countries(self, data: object, src: str) -> None:
        if not isinstance(data, Mapping):
            raise LexiconError(f"{src}: [countries] must be a table of country code = {{currency, words, shapes}}")
        for code, entry in data.items():
            where = f"{src}: countries.{code}"
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise LexiconError(f"{where}: expected an ISO 3166 country code (two capital letters)")
            entry = _keyed(entry, where, _COUNTRY_KEYS)
            cur = entry.get("currency")
            if not isinstance(cur, str) or not re.fullmatch(r"[A-Z]{3}", cur):
                raise LexiconError(f"{where}: currency: expected an ISO 4217 code (three capital letters)")
            prior = self.countries.get(code)
            if prior is not None and prior.currency != cur:
                raise LexiconError(f"{where}: currency {cur}, but {self.country_src.get(code, '?')} gives "
                                   f"{prior.currency}")
            words = _strings(entry.get("words", []), f"{where}.words")
            shapes = _strings(entry.get("shapes", []), f"{where}.shapes")
            for rx in shapes:
                try:
                    re.compile(rx)
                except re.error as e:
                    raise LexiconError(f"{where}.shapes: {rx!r} is not a valid pattern ({e})") from None
            old = prior or Country(cur)
            self.countries[code] = Country(cur, old.words + tuple(w for w in words if w not in old.words),
                                           old.shapes + tuple(x for x in shapes if x not in old.shapes))
            self.country_src.setdefault(code, src)

    def build(self) -> Lexicon:
        return Lexicon(
            labels=MappingProxyType({f: tuple(v) for f, v in self.labels.items()}),
            anchored=frozenset(self.anchored),
            distractors=MappingProxyType({k: tuple(v) for k, v in self.distractors.items()}),
            units=MappingProxyType(dict(self.units)),
            commodities=MappingProxyType({k: tuple(v) for k, v in self.commodities.items()}),
            months=MappingProxyType(dict(self.months)),
            ambiguous_months=frozenset(self.ambiguous),
            rate_shapes=tuple(self.shapes),
            range_connectors=tuple(self.connectors),
            range_openers=tuple(self.openers),
            countries=MappingProxyType(dict(self.countries)),
            sources=MappingProxyType({k: s for k, (_w, s) in self.weights.items()}),
            roles=MappingProxyType({r: tuple(v) for r, v in self.roles.items()}),
            spans=MappingProxyType({n: tuple(v) for n, v in self.spans.items()}),
            month_words=tuple(self.month_words),
            past_words=tuple(self.past_words),
            abbreviations=MappingProxyType({w: tuple(v) for w, v in self.abbreviations.items()}),
            currencies=MappingProxyType(dict(self.currencies)),
        )


def _keyed(entry: object, where: str, keys: frozenset[str]) -> Mapping[str, object]:
    """``entry`` as a table whose keys are all among ``keys``, or a ``LexiconError`` naming ``where``."""
    if not isinstance(entry, Mapping):
        raise LexiconError(f"{where}: expected a table with {', '.join(sorted(keys))}")
    unknown = set(entry) - keys
    if unknown:
        raise LexiconError(f"{where}: {', '.join(sorted(unknown))}: unknown key (known: {', '.join(sorted(keys))})")
    return entry


def _strings(v: object, where: str) -> list[str]:
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise LexiconError(f"{where}: expected a list of non-empty strings")
    return list(v)


def _entry(entry: object, default: float, where: str) -> tuple[str, float]:
    """``"amount due"`` (weight ``default``) or ``["amount due", 0.9]``."""
    if isinstance(entry, str):
        phrase, weight = entry, default
    elif (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
          and isinstance(entry[1], int | float) and not isinstance(entry[1], bool)):
        phrase, weight = entry[0], float(entry[1])
    else:
        raise LexiconError(f"{where}: {entry!r}: expected \"label\" or [\"label\", weight]")
    if not phrase.strip():
        raise LexiconError(f"{where}: empty label")
    if not 0 < weight <= PROFILE_WEIGHT:
        raise LexiconError(f"{where}: {phrase!r}: weight {weight} is outside (0, {PROFILE_WEIGHT}]")
    return phrase, weight


def load_files(paths: Iterable[Path]) -> Lexicon:
    """A lexicon from these files, in order (``load()`` uses every file in this folder)."""
    b = _Builder()
    for p in paths:
        b.add_file(p)
    return b.build()


@functools.cache
def load(directory: Path | None = None) -> Lexicon:
    """Every lexicon file of ``directory`` (default: this folder), English first so its order leads."""
    d = directory or LEXICON_DIR
    files = sorted(d.glob("*.toml"), key=lambda p: (p.stem != "common", p.stem != "en", p.stem))
    return load_files(files)


@functools.cache
def rate_plan_rx() -> re.Pattern[str]:
    """One pattern for every rate-name shape of the lexicon ("Schedule GS-3 Secondary", "Tarifa 2.0TD")."""
    return re.compile("|".join(f"(?:{s})" for s in load().rate_shapes))


def rate_plan_shapes(text: str) -> list[tuple[int, int, str]]:
    """Rate names printed without a label, found by their shape: (start, end, text) in ``text``."""
    return [(m.start(), m.end(), m.group(0).strip()) for m in rate_plan_rx().finditer(text)]


@functools.cache
def _country_rx() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    out = []
    for code, c in load().countries.items():
        cues = [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in c.words] + [re.compile(x) for x in c.shapes]
        out.append((code, tuple(cues)))
    return tuple(out)


def country_cues(text: str) -> dict[str, int]:
    """Country code -> how many of its distinct cues ``text`` prints (a cue printed twice counts once;
    countries with none are left out)."""
    out = {}
    for code, cues in _country_rx():
        n = sum(1 for rx in cues if rx.search(text))
        if n:
            out[code] = n
    return out
