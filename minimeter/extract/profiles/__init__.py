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
``commodities``, ``[labels]`` (field -> label phrases this utility prints; they boost the generic
vocabulary, never replace it) and ``[identifiers]`` (field -> regex of the identifier's shape).
Knowledge of utilities lives here, not in code.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

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


GENERIC_CONTEXT = (
    "This is a utility bill from an unknown provider. Dates and numbers may be in US, European or "
    "Swiss formats; prefer values printed next to their labels on the summary page."
)


def _as_tuple(v: object) -> tuple[str, ...]:
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v) if isinstance(v, list | tuple) else ()


def _parse(path: Path) -> Profile:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    labels = {k: _as_tuple(v) for k, v in (data.get("labels") or {}).items()}
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
    )


@functools.cache
def load_profiles(directory: Path | None = None) -> tuple[Profile, ...]:
    d = directory or PROFILE_DIR
    return tuple(_parse(p) for p in sorted(d.glob("*.toml")))


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
    s = 0.0
    if _term_rx(profile.name).search(text):
        s += 3
    for a in profile.aliases:
        n = len(_term_rx(a).findall(text))
        if n:
            s += 2 + min(n, 5) * 0.2
    for k in profile.keywords:
        if _term_rx(k).search(text):
            s += 2 if "." in k else 1  # a web domain names the utility outright
    return s


def detect(text: str, *, minimum: float = 2.0) -> Profile | None:
    """The best-matching profile, or None when no utility is named clearly enough."""
    if not text:
        return None
    best: tuple[float, Profile] | None = None
    for p in load_profiles():
        s = score(p, text)
        if s >= minimum and (best is None or s > best[0]):
            best = (s, p)
    return best[1] if best else None
