"""Provider profiles: what MiniMeter knows about one utility, kept as data (one TOML file each).

Contract
--------
``load_profiles() -> list[Profile]`` reads every ``*.toml`` beside this module (cached).
``detect(text) -> Profile | None`` picks the profile whose names, aliases and keywords occur in
the bill's text, or None ("unknown utility") when nothing scores high enough. ``Profile.context()``
is a short natural-language "provider context" for a model prompt.

A profile file holds: ``id``, ``name``, ``aliases``, ``keywords`` (domains, distinctive phrases),
``country``, ``currency`` (ISO 4217), ``date_order`` (``MDY``/``DMY``/``YMD``), ``number_format``
(``us`` 1,234.56 / ``eu`` 1.234,56 / ``ch`` 1'234.50 / ``in`` 1,23,456.78), ``languages``,
``commodities``, ``[labels]`` (field -> label phrases this utility prints, each ``"label"`` or
``["label", weight]``; they boost the generic vocabulary, never replace it), ``[distractors]`` (kind ->
words that mean "a different number" on this utility's bills) and ``[identifiers]`` (field -> regex of
the identifier's shape). Labels and distractors are validated like the lexicon's own (unknown field or
kind, duplicate label: ``LexiconError`` naming the profile file and the entry).
Knowledge of utilities lives here, not in code.

Detection weighs where a name appears: the bill's identity area (the letterhead at the top of page 1,
the remittance stub, the footer's legal name) counts; a passing mention in the body (a distributor
named in a notice) counts little. ``_utilities.toml`` lists utilities with no profile, so a bill
from one of them is not claimed by a profile it merely mentions; ``identify(text)`` returns the
utility the identity area names (profiled or not).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from minimeter.extract.lexicon import PROFILE_WEIGHT, Lexicon
from minimeter.extract.vocab import fold

PROFILE_DIR = Path(__file__).resolve().parent

_DATE_SHAPES = {"MDY": "MM/DD/YYYY", "DMY": "DD/MM/YYYY", "YMD": "YYYY-MM-DD"}
_NUMBER_SHAPES = {"us": "1,234.56", "eu": "1.234,56", "ch": "1'234.50", "in": "1,23,456.78"}
_FIELD_WORDS = {
    "total_amount_due": "the amount due",
    "due_date": "the due date",
    "statement_date": "the statement date",
    "account_number": "the account number",
    "billing_period_start": "the billing period",
    "electricity_kwh": "the electricity used",
    "gas_usage": "the gas used",
    "water_usage": "the water used",
    "current_charges": "the current charges",
    "previous_balance": "the previous balance",
}


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    country: str = "US"
    currency: str = "USD"
    date_order: str = "MDY"
    number_format: str = "us"
    languages: tuple[str, ...] = ("en",)
    commodities: tuple[str, ...] = ()
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    identifiers: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    label_weights: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    distractors: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def context(self) -> str:
        """A few sentences a model prompt can start with ("This is a PG&E bill ...")."""
        short = self.aliases[0] if self.aliases else self.name
        parts = [
            f"This is a {short} bill ({self.name}; {self.country}, {self.currency}, "
            f"dates {_DATE_SHAPES.get(self.date_order, self.date_order)}, "
            f"numbers like {_NUMBER_SHAPES.get(self.number_format, self.number_format)})."
        ]
        said = []
        for fname, words in _FIELD_WORDS.items():
            labels = self.labels.get(fname)
            if labels:
                quoted = " or ".join(f"'{x}'" for x in labels[:2])
                said.append(f"{words} is labelled {quoted}")
        if said:
            parts.append("On its bills " + "; ".join(said[:5]) + ".")
        if self.identifiers.get("account_number"):
            parts.append(f"Its account numbers match the pattern {self.identifiers['account_number']}.")
        if self.notes:
            parts.append(self.notes)
        return " ".join(parts)

    def labels_for(self, field_name: str) -> tuple[str, ...]:
        return self.labels.get(field_name, ())

    def weighted_labels(self, field_name: str) -> tuple[tuple[str, float], ...]:
        """This utility's labels for ``field_name`` with their weights (``PROFILE_WEIGHT`` unless given)."""
        if field_name in self.label_weights:
            return self.label_weights[field_name]
        return tuple((lab, PROFILE_WEIGHT) for lab in self.labels.get(field_name, ()))


GENERIC_CONTEXT = (
    "This is a utility bill from an unknown provider. Dates and numbers may be in US, European or "
    "Swiss formats; prefer values printed next to their labels on the summary page."
)


def _as_tuple(v: object) -> tuple[str, ...]:
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v) if isinstance(v, list | tuple) else ()


def _weighted(raw: object) -> list[tuple[str, float]]:
    out = []
    for e in raw if isinstance(raw, list) else [raw]:
        if isinstance(e, list):
            out.append((str(e[0]), float(e[1])))
        else:
            out.append((str(e), PROFILE_WEIGHT))
    return out


def _parse(path: Path) -> Profile:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    raw_labels = data.get("labels") or {}
    raw_distractors = data.get("distractors") or {}
    # Validated as the lexicon's own entries are: an unknown field or a duplicate label is an error here.
    Lexicon.validate_extension(raw_labels, raw_distractors, source=path.name)
    weighted = {k: tuple(_weighted(v)) for k, v in raw_labels.items()}
    labels = {k: tuple(p for p, _w in v) for k, v in weighted.items()}
    distractors = {k: tuple(w.lower() for w in _as_tuple(v)) for k, v in raw_distractors.items()}
    idents = {k: str(v) for k, v in (data.get("identifiers") or {}).items()}
    for rx in idents.values():
        re.compile(rx)  # a broken pattern must fail loudly in tests, not silently at run time
    return Profile(
        id=str(data.get("id") or path.stem),
        name=str(data["name"]),
        aliases=_as_tuple(data.get("aliases")),
        keywords=_as_tuple(data.get("keywords")),
        country=str(data.get("country", "US")),
        currency=str(data.get("currency", "USD")).upper(),
        date_order=str(data.get("date_order", "MDY")).upper(),
        number_format=str(data.get("number_format", "us")).lower(),
        languages=_as_tuple(data.get("languages") or ["en"]),
        commodities=_as_tuple(data.get("commodities")),
        labels=labels,
        identifiers=idents,
        notes=str(data.get("notes", "")),
        label_weights=weighted,
        distractors=distractors,
    )


@functools.cache
def load_profiles(directory: Path | None = None) -> tuple[Profile, ...]:
    d = directory or PROFILE_DIR
    # (files starting with "_" are not profiles: ``_utilities.toml`` lists utilities without one)
    return tuple(_parse(p) for p in sorted(d.glob("*.toml")) if not p.name.startswith("_"))


def get(profile_id: str) -> Profile | None:
    return next((p for p in load_profiles() if p.id == profile_id), None)


@functools.lru_cache(maxsize=512)
def _term_rx(term: str) -> re.Pattern[str]:
    # Short all-caps aliases (SIG, PSE, APS) must match as written, or "sig" in "design" would hit.
    flags = 0 if (len(term) <= 4 and term.isupper()) else re.IGNORECASE
    # Accents may be lost in OCR ("Stadtwerke Munchen"): match the term with or without them.
    body = r"\s+".join(fold(w) for w in term.split())
    return re.compile(r"(?<![\w])" + body + r"(?![\w])", flags)


def score(profile: Profile, text: str) -> float:
    """How strongly ``text`` names this utility: the name counts most, then aliases, then keywords."""
    return _name_score(profile.name, profile.aliases, profile.keywords, text)


def _name_score(name: str, aliases: tuple[str, ...], keywords: tuple[str, ...], text: str) -> float:
    s = 0.0
    if _term_rx(name).search(text):
        s += 3
    for a in aliases:
        n = len(_term_rx(a).findall(text))
        if n:
            s += 2 + min(n, 5) * 0.2
    for k in keywords:
        if _term_rx(k).search(text):
            s += 2 if "." in k else 1  # a web domain names the utility outright
    return s


# Where on the bill a name is printed, and how much that says about who issued it.
ZONE_WEIGHTS = {"letterhead": 1.0, "stub": 0.8, "legal": 0.8, "body": 0.35}
_STUB_RX = re.compile(
    r"(?i)remittance|return this (?:portion|stub|part)|detach|payment stub|payment coupon|please return|"
    r"amount enclosed|make checks? payable|talón|talão|coupon|bulletin de paiement|tear off|cut here")
_LEGAL_RX = re.compile(
    r"(?i)\b(?:inc|llc|ltd|limited|plc|gmbh|ag|s\.?\s?a\.?|s\.?\s?l\.?\s?u?\.?|s\.?p\.?a\.?|b\.?v\.?|"
    r"n\.?v\.?|sdn\.?\s?bhd|bhd|pty|co\.|corporation|company|comercializadora|registered office|"
    r"dom\. social|domicilio social|sede legale|siège social|handelsregister|cnpj|nif|vat)\b")


def identity_zones(text: str) -> dict[str, str]:
    """The parts of a bill that say who issued it: ``letterhead`` (the first lines of page 1), ``stub``
    (the remittance part), ``legal`` (lines with a legal form or registration: the footer's legal name),
    and ``body`` (everything, where a name counts least). Pages are separated by form feeds."""
    pages = text.split("\f")
    first = [ln for ln in pages[0].splitlines() if ln.strip()]
    stub: list[str] = []
    legal: list[str] = []
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        for i, ln in enumerate(lines):
            if _STUB_RX.search(ln):
                stub += lines[max(0, i - 2):i + 8]
            if _LEGAL_RX.search(ln) and len(ln) < 400:
                legal.append(ln)
        legal += lines[-3:]  # the footer
    return {"letterhead": "\n".join(first[:12]), "stub": "\n".join(stub), "legal": "\n".join(legal),
            "body": text}


def _zoned(name: str, aliases: tuple[str, ...], keywords: tuple[str, ...], zones: dict[str, str]) -> float:
    return sum(w * _name_score(name, aliases, keywords, zones[z]) for z, w in ZONE_WEIGHTS.items() if zones[z])


@dataclass(frozen=True)
class Utility:
    """A utility known by name (``_utilities.toml``), with or without a profile."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    currency: str | None = None
    profile: Profile | None = None


@functools.cache
def known_utilities() -> tuple[Utility, ...]:
    """The listed utilities without a profile, then every profile as a utility."""
    data = tomllib.loads((PROFILE_DIR / "_utilities.toml").read_text(encoding="utf-8"))
    out = [Utility(str(u["name"]), _as_tuple(u.get("aliases")), u.get("country"), u.get("currency"))
           for u in data.get("utility", [])]
    out += [Utility(p.name, p.aliases, p.country, p.currency, p) for p in load_profiles()]
    return tuple(out)


def identify(text: str, *, minimum: float = 2.0) -> Utility | None:
    """The utility the bill's identity area names most strongly (profiled or only listed), or None."""
    if not text:
        return None
    zones: dict[str, str] | None = None
    best: tuple[float, Utility] | None = None
    for u in known_utilities():
        kw = u.profile.keywords if u.profile else ()
        if not _name_score(u.name, u.aliases, kw, text):
            continue  # (not named anywhere: no zone can name it)
        zones = zones or identity_zones(text)
        s = _zoned(u.name, u.aliases, kw, zones)
        if s >= minimum and (best is None or s > best[0]):
            best = (s, u)
    return best[1] if best else None


def detect(text: str, *, minimum: float = 2.0) -> Profile | None:
    """The best-matching profile, or None when no utility is named clearly enough, or when the
    identity area names a utility without a profile more strongly than any profile."""
    u = identify(text, minimum=minimum)
    return u.profile if u else None
