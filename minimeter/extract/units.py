"""Which field a unit measures: the one table the finder, the read rows and the meter sections share.

The lexicon's ``[units]`` section says how a unit is spelled ("KWH", "k W h" -> ``kWh``); this module says
what each canonical unit measures. Some units measure one commodity only (kWh is power, therms are gas,
gallons are water) and so name a row's commodity; others (m3, CCF, HCF) are both gas and water units and
name nothing on their own: the bill's words decide.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from minimeter.extract import lexicon

# Canonical unit -> the usage fields it can measure.
MEASURES: dict[str, tuple[str, ...]] = {
    "kWh": ("electricity_kwh",),
    "MWh": ("electricity_kwh",),
    "therms": ("gas_usage",),
    "Smc": ("gas_usage",),
    "Dth": ("gas_usage",),
    "MJ": ("gas_usage",),
    "GJ": ("gas_usage",),
    "MCF": ("gas_usage",),
    "CCF": ("gas_usage", "water_usage"),
    "HCF": ("gas_usage", "water_usage"),
    "m3": ("gas_usage", "water_usage"),
    "CF": ("gas_usage", "water_usage"),
    "gallons": ("water_usage",),
    "kgal": ("water_usage",),
    "kL": ("water_usage",),
    "IG": ("water_usage",),
    "kW": ("demand_kw",),
}

# Canonical unit -> (the unit a usage field is reported in, the factor to it): the electricity field is kWh by
# name, so a figure printed in MWh ("Celková spotřeba 12,271 MWh") is read as the kWh it is (12 271).
SCALED: dict[str, tuple[str, Decimal]] = {"MWh": ("kWh", Decimal(1000))}


def in_field_unit(value: Decimal, unit: str | None) -> tuple[Decimal, str | None]:
    """``value`` printed in ``unit`` as the figure of the unit its field reports (MWh -> kWh); other units
    unchanged."""
    if unit in SCALED:
        to, factor = SCALED[unit]
        return value * factor, to
    return value, unit


# Field -> the canonical units a figure of it may carry.
UNITS_FOR: dict[str, set[str]] = {}
for _unit, _fields in MEASURES.items():
    for _f in _fields:
        UNITS_FOR.setdefault(_f, set()).add(_unit)

# Canonical unit -> the one usage field it measures, for the units that measure only one (kWh, therms,
# gallons): a figure in such a unit is that commodity whatever its label says.
SOLE_FIELD: dict[str, str] = {u: fs[0] for u, fs in MEASURES.items() if len(fs) == 1}

# Field -> the units (lower case) a bill may bill that field's quantity in. A gas quantity is billed in kWh
# where the utility converts the volume by its calorific value (the UK, Germany, France), though kWh alone
# names electricity (MEASURES): a row's unit says which commodity it is, a charge line's only how it is billed.
BILLED_IN: dict[str, frozenset[str]] = {
    f: frozenset({u.lower() for u in us} | ({"kwh"} if f == "gas_usage" else set()))
    for f, us in UNITS_FOR.items()}


@functools.cache
def spellings(fname: str) -> tuple[str, ...]:
    """Every printed spelling (lower case, longest first) of the units that measure ``fname``."""
    lex = lexicon.load()
    found = {sp.lower() for sp, canon in lex.units.items() if fname in MEASURES.get(canon, ())}
    return tuple(sorted(found, key=len, reverse=True))


@functools.cache
def _sole_rx() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for fname in ("electricity_kwh", "gas_usage", "water_usage"):
        lex = lexicon.load()
        sole = sorted({sp.lower() for sp, canon in lex.units.items() if SOLE_FIELD.get(canon) == fname},
                      key=len, reverse=True)
        # (A unit runs into no letter, nor into a digit after it: "30KL32" is a meter number, not kilolitres.)
        out.append((fname, re.compile(rf"(?i)(?<![a-z])(?:{'|'.join(map(re.escape, sole))})(?![a-z\d])")))
    return tuple(out)


def named_by_units(text: str) -> set[str]:
    """The usage fields ``text`` names by a unit that measures only that commodity ("52 m3" names none)."""
    return {fname for fname, rx in _sole_rx() if rx.search(text)}


# "1 Unit = 1,000 Litres", "1 unit = 1 kL", "(1 Unit = 1 m³)": a bill that counts water in "units" says what one is.
_DECLARED_UNIT = re.compile(r"(?i)\b1\s*units?\s*=\s*(?:1[,.\s]?000\s*lit(?:re|er)s?|1\s*(?:kl|kilolit(?:re|er)|m3|m³)"
                            r"|one\s+(?:kilolit(?:re|er)|cubic\s+met(?:re|er)))\b")


def declared_water_unit(text: str) -> str | None:
    """``m3`` when the bill defines its "unit" of water as a thousand litres (a cubic metre), else None.
    (A unit of electricity is a kWh on South Asian bills too, but those print kWh beside it; this reads only
    the definition, so a bill that defines none is left as it is.)"""
    return "m3" if _DECLARED_UNIT.search(text) else None
