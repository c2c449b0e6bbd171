"""Compare one predicted value with one truth value, field by field, forgivingly where bills are.

Rules (issue 3): dates compare as ISO dates; money within 0.01; quantities within 0.5 %;
identifiers ignoring case, spaces, dashes, dots and leading zeros; names, addresses,
providers and rate plans loosely (normalised tokens, containment, acronyms); units by their
canonical name (therm/therms, CCF/HCF, m3/m³...).

``outcome(field, truth, predicted)`` returns one of ``correct``, ``wrong``, ``missing`` (truth
has a value, prediction null), ``hallucinated`` (truth null, prediction not) or ``absent``
(both null: not counted). ``outcomes_by_field`` and ``accepted_wrong`` count them over scored bills,
keeping a value read wrong apart from one not read, and a wrong value that was accepted (SUCCEEDED)
apart from one sent to review.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, TypeVar

# The flat fields of the realbills truth format, in report order.
SCORED_FIELDS = (
    "provider", "account_number", "service_address", "statement_date", "due_date", "billing_period_start",
    "billing_period_end", "total_amount_due", "currency", "electricity_kwh", "gas_therms", "gas_usage",
    "gas_usage_unit", "water_usage", "water_usage_unit", "demand_kw", "meter_number", "rate_plan",
    "previous_balance", "current_charges",
)
# Optional extras the generated truth carries (scored only when a truth file has them).
EXTRA_FIELDS = ("customer_name", "payments")

MONEY = {"total_amount_due", "previous_balance", "current_charges", "payments"}
QUANTITY = {"electricity_kwh", "gas_therms", "gas_usage", "water_usage", "demand_kw"}
DATES = {"statement_date", "due_date", "billing_period_start", "billing_period_end"}
IDS = {"account_number", "meter_number"}
UNITS = {"gas_usage_unit", "water_usage_unit"}
LOOSE = {"provider", "service_address", "rate_plan", "customer_name"}

OUTCOMES = ("correct", "wrong", "missing", "hallucinated")
_QTY_TOLERANCE = Decimal("0.005")


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def outcome(field: str, truth: Any, predicted: Any) -> str:
    if _blank(truth):
        return "absent" if _blank(predicted) else "hallucinated"
    if _blank(predicted):
        return "missing"
    return "correct" if equal(field, truth, predicted) else "wrong"


def equal(field: str, truth: Any, predicted: Any) -> bool:
    """True when ``predicted`` counts as the truth value for ``field`` (both non-null)."""
    if field in MONEY:
        a, b = to_decimal(truth), to_decimal(predicted)
        return a is not None and b is not None and abs(a - b) <= Decimal("0.01")
    if field in QUANTITY:
        a, b = to_decimal(truth), to_decimal(predicted)
        if a is None or b is None:
            return False
        return abs(a - b) <= max(abs(a) * _QTY_TOLERANCE, Decimal("0.005"))
    if field in DATES:
        da, db = to_date(truth), to_date(predicted)
        return da is not None and da == db
    if field in IDS:
        return norm_id(truth) == norm_id(predicted)
    if field in UNITS:
        return norm_unit(truth) == norm_unit(predicted)
    if field == "currency":
        return str(truth).strip().upper() == str(predicted).strip().upper()
    if field == "provider":
        return provider_match(str(truth), str(predicted))
    if field == "service_address":
        return address_match(str(truth), str(predicted))
    return loose_match(str(truth), str(predicted))


# --- numbers --------------------------------------------------------------------------------

def to_decimal(v: Any) -> Decimal | None:
    """Numbers as printed anywhere: 1,234.56 / 1.234,56 / 1'234.50 / 1 234,56 / $-12 / 12.00 CR."""
    if isinstance(v, bool):
        return None
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int | float):
        return Decimal(str(v))
    if not isinstance(v, str):
        return None
    s = v.strip()
    neg = bool(re.search(r"(^-|^\(|-$|\bCR\b|-\s*[^\d\s]*\s*\d)", s, re.IGNORECASE))
    s = re.sub(r"[^\d.,']", "", s.replace("\u2019", "'").replace("\u00a0", "").replace(" ", ""))
    s = s.replace("'", "")
    if not s:
        return None
    if "," in s and "." in s:
        # The separator that comes last is the decimal one.
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        s = s.replace(",", "") if len(tail) == 3 and s.count(",") >= 1 and head else s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return -d if neg else d


# --- dates ----------------------------------------------------------------------------------

_MONTHS = {
    **{m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"])},
    **{m: i + 1 for i, m in enumerate(["janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept",
                                           "oct", "nov", "dec"])},
    "janvier": 1, "fevrier": 2, "avril": 4, "juillet": 7, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "januar": 1, "februar": 2, "marz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "sept": 9,
}


def to_date(v: Any) -> dt.date | None:
    """ISO strings, date objects, and the common printed forms (US m/d/y, European d.m.y, month names)."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if not isinstance(v, str):
        return None
    s = strip_accents(v.strip().lower())
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})", s)
    if m:
        a, sep, b, y = int(m[1]), m[2], int(m[3]), int(m[4])
        y = y + 2000 if y < 100 else y
        day, month = (a, b) if sep == "." or a > 12 else (b, a)
        return _safe(y, month, day)
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", s)
    if m and m[1][:3] in _MONTHS:
        return _safe(int(m[3]), _MONTHS[m[1][:3]], int(m[2]))
    m = re.fullmatch(r"(\d{1,2})\.?\s+([a-z]+)\.?\s+(\d{4})", s)
    if m:
        mon = _MONTHS.get(m[2]) or _MONTHS.get(m[2][:4]) or _MONTHS.get(m[2][:3])
        if mon:
            return _safe(int(m[3]), mon, int(m[1]))
    return None


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --- identifiers, units, names ---------------------------------------------------------------

def norm_id(v: Any) -> str:
    s = re.sub(r"[\s\-./#:]", "", str(v)).upper()
    s = s.lstrip("0")
    return s or "0"


_UNITS = {
    "therm": "therms", "therms": "therms", "thm": "therms", "thms": "therms",
    "ccf": "ccf", "hcf": "ccf", "100cf": "ccf", "100ft3": "ccf", "hundredcubicfeet": "ccf",
    "kwh": "kwh", "kilowatthours": "kwh", "kilowatthour": "kwh",
    "m3": "m3", "m³": "m3", "cubicmeters": "m3", "cubicmetres": "m3", "metrescubes": "m3", "mc": "m3",
    # A kilolitre is a cubic metre: "45 kl" on a South African account is 45 m3.
    "kl": "m3", "kilolitres": "m3", "kiloliters": "m3",
    "gal": "gal", "gals": "gal", "gallon": "gal", "gallons": "gal", "usgal": "gal",
    "kgal": "kgal", "thousandgallons": "kgal", "1000gal": "kgal", "1000gallons": "kgal",
    "mcf": "mcf", "cf": "cf", "cubicfeet": "cf", "ft3": "cf",
}


def norm_unit(v: Any) -> str:
    s = re.sub(r"[\s._()]", "", strip_accents(str(v)).lower().replace("³", "3"))
    return _UNITS.get(s, s)


def strip_accents(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


_STOP = {"the", "of", "and", "inc", "co", "company", "corp", "corporation", "llc", "ltd", "sa", "ag", "gmbh",
         "plc", "de", "du", "des", "la", "le", "les", "et", "und", "der", "die", "das", "a", "an", "for"}
_ABBR = {"street": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr", "boulevard": "blvd",
         "lane": "ln", "court": "ct", "place": "pl", "apartment": "apt", "unit": "apt", "suite": "ste",
         "north": "n", "south": "s", "east": "e", "west": "w", "highway": "hwy", "chemin": "ch",
         "strasse": "str", "route": "rte", "parkway": "pkwy", "terrace": "ter", "circle": "cir"}


def tokens(s: str, *, keep_stop: bool = False) -> list[str]:
    s = strip_accents(s).lower().replace("ß", "ss").replace("&", " ")
    out = []
    for t in re.findall(r"[a-z0-9]+", s):
        t = _ABBR.get(t, t)
        if keep_stop or t not in _STOP:
            out.append(t)
    return out


def _compact(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_accents(s).lower())


def loose_match(truth: str, predicted: str, threshold: float = 0.6) -> bool:
    """Token-set containment: most of the shorter side's tokens appear in the longer side."""
    a, b = set(tokens(truth)), set(tokens(predicted))
    if not a or not b:
        return _compact(truth) == _compact(predicted)
    ca, cb = _compact(truth), _compact(predicted)
    if ca and cb and (ca in cb or cb in ca) and min(len(ca), len(cb)) >= 3:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & big) / len(small) >= threshold


# Words every other utility's name has: they must not make two providers match.
_GENERIC = {"energy", "electric", "electricity", "gas", "power", "light", "utility", "utilities", "water",
            "services", "service", "public", "city", "cooperative", "coop", "association", "assn", "energie",
            "stadtwerke", "group", "natural", "municipal", "industriels"}


def provider_match(truth: str, predicted: str) -> bool:
    """Either name contains the other's core, or one abbreviates the other (PG&E, PSE&G, ComEd)."""
    core_t = " ".join(t for t in tokens(truth) if t not in _GENERIC)
    core_p = " ".join(t for t in tokens(predicted) if t not in _GENERIC)
    if core_t and core_p:
        if loose_match(core_t, core_p, threshold=0.5):
            return True
    elif loose_match(truth, predicted, threshold=0.5):
        return True
    for long, short in ((truth, predicted), (predicted, truth)):
        toks = tokens(long)
        short_c = _compact(short)
        if len(toks) >= 2 and len(short_c) >= 2 and _prefix_cover(short_c, toks):
            return True
    return False


def _prefix_cover(short: str, toks: list[str]) -> bool:
    """``short`` is a prefix of every token in turn: PG&E = P+G+E, ComEd = Com+Ed, ConEd = Con+Ed."""
    if not toks:
        return not short
    return any(short.startswith(toks[0][:k]) and _prefix_cover(short[k:], toks[1:])
               for k in range(1, min(len(toks[0]), len(short)) + 1))


def address_match(truth: str, predicted: str) -> bool:
    """Loose, but the house number must agree: 12 Oak St is not 21 Oak St."""
    num_t = re.findall(r"\d+", truth)
    num_p = re.findall(r"\d+", predicted)
    if num_t and num_p and num_t[0] not in num_p and num_p[0] not in num_t:
        return False
    return loose_match(truth, predicted, threshold=0.6)


# --- acceptances ------------------------------------------------------------------------------

# What SUCCEEDED vouches for: a bill accepted with one of these wrong is a wrong acceptance.
CORROBORATED_FIELDS = ("total_amount_due", "billing_period_start", "billing_period_end", "electricity_kwh",
                       "gas_therms", "gas_usage", "water_usage")


class Scored(Protocol):
    """One scored bill: its status and each field's outcome (``minimeter.evaluation.runner.BillOutcome``)."""

    status: str | None
    fields: dict[str, str]


def wrong_fields(bill: Scored, fields: tuple[str, ...] | None = None) -> list[str]:
    """Fields of ``bill`` (all, or only ``fields``) whose value is wrong or hallucinated (not merely missing)."""
    return [f for f, o in bill.fields.items() if o in ("wrong", "hallucinated") and (fields is None or f in fields)]


_B = TypeVar("_B", bound=Scored)


def accepted_wrong(bills: Iterable[_B], fields: tuple[str, ...] | None = CORROBORATED_FIELDS) -> list[_B]:
    """SUCCEEDED bills with a wrong value in ``fields`` (default: the total, the period and the usage;
    None: any field). Zero is the invariant for the default."""
    return [b for b in bills if b.status == "SUCCEEDED" and wrong_fields(b, fields)]


def outcomes_by_field(bills: Iterable[Scored]) -> dict[str, dict[str, int]]:
    """Per field: how many values were ``correct``, ``wrong``, ``missing``, ``hallucinated``, and how many of the
    wrong or hallucinated ones were in SUCCEEDED bills (``accepted_wrong``)."""
    out: dict[str, dict[str, int]] = {}
    for b in bills:
        for f, o in b.fields.items():
            if o not in OUTCOMES:
                continue
            row = out.setdefault(f, dict.fromkeys((*OUTCOMES, "accepted_wrong"), 0))
            row[o] += 1
            if o in ("wrong", "hallucinated") and b.status == "SUCCEEDED":
                row["accepted_wrong"] += 1
    return out
