"""Usage per commodity (kWh, gas, water, demand): labelled figures checked against the meter reads.

``choose_usage(finder, profile) -> (choices, meters)``: for each usage field the candidates are grouped
by value; a value the reads explain (present - prior x multiplier, two meters' or a reads table's
registers' sum) gets a large bonus; a strongly labelled figure the charges are billed on beats an
unbilled read difference (net metering); reads no charge is billed on leave the field ambiguous.
``choices`` holds ``<field>`` and ``<field>__unit``; ``meters`` the read pairs that explain the chosen values.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.arithmetic import Printed, product
from minimeter.extract import parse
from minimeter.extract.candidates import QTY, Candidate
from minimeter.extract.conversions import formulas
from minimeter.extract.select import (
    Choice,
    Group,
    billed_elsewhere,
    billed_lines,
    billed_over_reads,
    billed_total,
    confidence,
    groups,
    net_of_reads,
    part_sizes,
    read_pairs,
    read_usage_candidates,
    usage_support,
)
from minimeter.extract.units import SCALED, SOLE_FIELD, UNITS_FOR, in_field_unit, named_by_units
from minimeter.extract.vocab import COMMODITY_WORDS, names_commodity, names_gas
from minimeter.schema import Commodity, Meter

if TYPE_CHECKING:
    from minimeter.extract.candidates import Finder
    from minimeter.extract.profiles import Profile


def nonzero(cands: list[Candidate]) -> list[Candidate]:
    """Zero figures set aside when the field has a positive one printed with its unit and no distractor: a
    zero is a tariff step not reached, an unused register or a service with nothing billed ("Step 1 0.000
    KL"), not what the period used. A bill with nothing used prints no positive figure but distractors."""
    if any(c.value > 0 and c.score >= 0.25 and "distractor" not in c.why for c in cands):
        return [c for c in cands if c.value != 0]
    return cands


def _unit_after(finder: Finder, c: Candidate) -> str | None:
    """The unit printed right after candidate ``c`` ("37 m³"), canonical, or None."""
    view = next(v for v in finder.views if v.page == c.page and v.layout == c.layout)
    found = parse.find_quantities(view.text[c.start:c.end + 12], finder.fmt)
    return found[0].extra if found and found[0].start == 0 else None


def choose_usage(finder: Finder, profile: Profile | None) -> tuple[dict[str, Choice], list[Meter]]:
    out: dict[str, Choice] = {}
    meters: list[Meter] = []
    # What names a read row's commodity: a unit of that commodity only, or the lexicon's commodity words
    # (and "énergie" / "energia", which head an electricity read row but are no commodity word elsewhere).
    commodity_words = {f: COMMODITY_WORDS[f] + (("énergie", "energia") if f == "electricity_kwh" else ())
                       for f in COMMODITY_WORDS}

    def row_names(ctx: str, printed: str | None) -> set[str]:
        words = {f for f, ws in commodity_words.items() if any(w in ctx for w in ws)}
        by_unit = named_by_units(ctx)
        if printed == "kWh" and words == {"gas_usage"} and by_unit == {"electricity_kwh"}:
            return words  # "Gas  G334  22,825  23,019  194 kWh": a gas read in kWh names gas, not power
        return by_unit | words
    bare = read_usage_candidates(finder)
    gas_kwh = {c.value for c in finder.labelled("gas_usage", "qty", "usage")
               if c.unit == "kWh" and c.score >= 0.3 and names_gas(c.label or "")}
    converted, volumes = gas_conversions(finder)
    gas_kwh |= {c.value for c in converted}
    default = "electricity_kwh"
    if profile and profile.commodities:
        default = {"gas": "gas_usage", "water": "water_usage"}.get(profile.commodities[0], "electricity_kwh")
    else:
        default = sole_commodity(finder) or default
    for fname in QTY:
        commodity = {"gas_usage": "gas", "water_usage": "water"}.get(fname, "electricity")
        if profile and profile.commodities and commodity not in profile.commodities:
            continue  # the profile says this utility does not bill it
        cands = nonzero(finder.labelled(fname, "qty", "usage") + finder.quantities(fname))
        cands = [c for c in cands if not other_commodity(finder, fname, c)]
        if fname == "gas_usage":
            cands += converted
        if fname != "demand_kw":
            for c, ctx, head in bare:
                printed = _unit_after(finder, c)
                if printed is not None and printed not in UNITS_FOR[fname] and not (
                        fname == "gas_usage" and printed == "kWh"):
                    continue  # "Consumo fatturato: 37 m³" is not 37 kWh, whatever the reads' line says
                # (A head printing a gas volume beside its kWh, "Verbrauch m³  kWh", is a conversion's table:
                # its kWh names the gas, no electricity.)
                conversion = bool(_GAS_VOLUME.search(head)) and named_by_units(head) == {"electricity_kwh"}
                named = row_names(ctx, printed) or (set() if conversion else row_names(head, printed))
                if not named and c.value in volumes.values():
                    named = {"gas_usage"}  # the volume a printed gas conversion starts from
                if named == {fname} or (fname == default and not named):
                    cands.append(Candidate(fname, c.value, c.raw, c.page, c.start, c.end, c.layout, c.score,
                                           None, printed, "reads"))
        if fname == "electricity_kwh" and gas_kwh:
            # "Gas used 89 m3 x 10.4465 = 930 kWh": an unlabelled 930 kWh elsewhere is that gas, not electricity.
            # So is one under a label that names no commodity ("Verbrauch kWh 930") on a bill that names gas and
            # never electricity (a gas statement converting its m³ to kWh).
            gas_only = not finder.names("electricity_kwh")
            cands = [c for c in cands if c.value not in gas_kwh or (c.label and c.score >= 0.6 and not gas_only)]
        # When every figure was read beside a distractor ("Basis: Verbrauch Vorjahr 2'544 kWh" on an advance bill
        # that prints no reads), they are another period's, not this bill's usage: none is a candidate, however
        # alone (its low score would otherwise still win an empty field). Beside a clean figure, a distractor's
        # still competes: "33 m3 x 10,4765 = 346 kWh" marks the converted figure the reads confirm.
        if all("distractor" in c.why for c in cands):
            cands = []
        if not cands:
            continue
        gs = groups(cands, 0.25)
        if not gs:
            continue
        parts = summed_parts(finder, fname, gs) if fname != "demand_kw" else {}
        best = gs[0]
        note = best.best.why
        net = sup = netted = None
        n_meters = len(meters)
        if fname != "demand_kw":
            sups = {id(g): usage_support(finder, g.value) for g in gs[:6]}
            # Reads of two meters whose sum is printed: the bill's usage is the sum, not one meter's part.
            summed = {(p.view.page, p.view.layout, p.pos) for s in sups.values() if s and len(s[1]) > 1 for p in s[1]}
            for g in gs[:6]:
                sup = sups[id(g)]
                one = sup[1][0] if sup and len(sup[1]) == 1 else None
                if sup and not (one and (one.view.page, one.view.layout, one.pos) in summed):
                    # A printed multiplier that explains the value beats the raw read difference.
                    g.score += 1.0 + (0.3 if sup[2] != 1 else 0.0)
                elif fname == "gas_usage" and (first := volumes.get(g.value)) is not None \
                        and usage_support(finder, first):
                    # The reads give the volume a printed conversion turns into this figure: the gas billed.
                    g.score += 1.3
            gs.sort(key=lambda g: -g.score)
            best = gs[0]
            net = billed_over_reads(finder, fname, gs) if sups.get(id(best)) else None
            if net is not None:
                best, note = net, f"billed on {net.best.raw} ('{net.best.label}'); the reads give {best.value}"
            elif fname == "electricity_kwh" and sups.get(id(best)) and (
                    netted := net_of_reads(finder, gs, parts)) is not None:
                net, drawn, fed = netted
                best, note = net, f"net of two registers' reads, {net.best.raw} ('{net.best.label}'), as billed"
                # Both registers, the one fed back counted against the usage: their reads add up to the net.
                for p, mult in ((drawn, Decimal(1)), (fed, Decimal(-1))):
                    meters.append(Meter(prior_read=p.prior, present_read=p.present,
                                        multiplier=mult if mult != 1 else None, usage=(p.present - p.prior) * mult,
                                        unit="kWh", commodity=Commodity("electricity")))
            elif not sups.get(id(best)):
                # No reads either way: of two labelled figures ("Total kWh used 900", "Net kWh billed 600"),
                # the one the charges are billed on, when they are billed on neither the other nor its parts
                # (net of a solar export, losses added to the metered kWh).
                net = billed_over_reads(finder, fname, gs)
                unit = best.best.unit or ("kWh" if fname == "electricity_kwh" else None)
                if net is not None and billed_elsewhere(finder, fname, best.value, unit):
                    best, note = net, f"billed on {net.best.raw} ('{net.best.label}'), not on {best.value}"
                else:
                    net = None
            sup = None if net is not None else usage_support(finder, best.value)
            if sup:
                how, ps, mult = sup
                note = how
                unit = next((c.unit for c in cands if c.value == best.value and c.unit), None)
                for p in ps:
                    meters.append(Meter(prior_read=p.prior, present_read=p.present,
                                        multiplier=mult if mult != 1 else None,
                                        usage=(p.present - p.prior) * mult if len(ps) > 1 else best.value,
                                        unit=unit, commodity=Commodity({"electricity_kwh": "electricity",
                                                                        "gas_usage": "gas",
                                                                        "water_usage": "water"}[fname])))
            elif netted is None:
                # No read pair explains the value: if it sits on a meter row, record that meter so
                # validation's meter_reads rule can say the reads and the usage disagree.
                for p in read_pairs(finder):
                    for c in cands:
                        if (c.value == best.value and c.page == p.view.page and c.layout == p.view.layout
                                and p.view.line_no(c.start) == p.line and c.start > p.pos):
                            meters.append(Meter(prior_read=p.prior, present_read=p.present, usage=best.value,
                                                unit=c.unit))
                            break
                    else:
                        continue
                    break
        conf = confidence(gs, best)
        if note.startswith("present"):
            conf = max(conf, 0.95)
        if net is not None:
            conf = 0.85  # the labelled figure the charges are billed on: net metering, a second register
        # A strongly labelled figure that disagrees with the reads: net metering, a second meter...
        # Let a person look rather than trust either.
        # (The reads' own difference before the multiplier, "CCF used 98" beside 106 therms, agrees with them.)
        raw_diff = sum((p.present - p.prior for p in sup[1]), Decimal(0)) if sup and sup[2] != 1 else None
        # The registers the reads add up ("F1 178 / F2 107 / F3 92" under a "Consumo kWh" column): each is a
        # part of the usage the reads explain, no rival of it.
        # (Registers behind one multiplier print each difference scaled: "T1 ... x 40 = 5.000" is a part too.)
        meters_added = {(p.present - p.prior) * m for p in sup[1] for m in {Decimal(1), sup[2]}} \
            if sup and len(sup[1]) > 1 else set()
        # (A part the charges are billed on, "Consumo bloque 1: 20 m3", is no rival of the usage it adds up to.)
        strong = [c for c in cands if c.label and c.score >= 0.6 and c.value != best.value and
                  c.value not in parts.get(best.value, ()) and c.value not in meters_added and
                  not c.why.startswith("stacked") and c.value != raw_diff]
        contested = False
        if strong and note.startswith("present"):
            conf = min(conf, 0.6)
            note += f"; but '{strong[0].label}' says {strong[0].raw}"
            # A rival the reads leave open, of the usage's order of size (a meter number or a rate under a usage
            # label is no other reading of the usage).
            contested = any(_same_order(c.value, best.value) for c in strong)
        best_unit = best.best.unit or next((c.unit for c in cands if c.value == best.value and c.unit),
                                           "kWh" if fname == "electricity_kwh" else None)
        elsewhere = (billed_elsewhere(finder, fname, best.value, best_unit)
                     if note.startswith("present") and best_unit else set())
        if elsewhere:
            # The charges are billed on other quantities (net metering with no net label...): a person decides,
            # shown the billed total when the billed parts add up to one.
            conf, contested = min(conf, 0.6), True
            total = billed_total(finder, fname, best_unit or "", elsewhere)
            if total is not None:
                del meters[n_meters:]  # the reads explain another figure
                out[fname] = Choice(total.value, total, conf, f"billed on {total.raw} (the sum of its billed parts);"
                                    f" the reads give {best.value}", contested=True)
                out[fname + "__unit"] = Choice(total.unit, None, conf)
                continue
            # One register's reads against a labelled figure the charges are billed on ("Totaal netto
            # verbruik 2.400 kWh" and "Leveringskosten 2.400 kWh x ..." beside a Normaal row's 1.548): the
            # label and the charges agree, the reads explain a part (net metering, a second register).
            agreed = next((c for c in strong if c.value in elsewhere and c.score >= 0.65), None)
            if agreed is not None and len(elsewhere) == 1:
                del meters[n_meters:]
                out[fname] = Choice(agreed.value, agreed, 0.85, f"'{agreed.label}' {agreed.raw}, the charges are "
                                    f"billed on it; the reads of one register give {best.value}")
                out[fname + "__unit"] = Choice(agreed.unit or best_unit, None, 0.85)
                continue
            note += f"; but the charges are billed on {', '.join(str(x) for x in sorted(elsewhere)[:3])}"
        out[fname] = Choice(best.value, best.best, conf, note, [g.value for g in gs[1:4]], contested=contested)
        unit = best.best.unit or next((c.unit for c in cands if c.value == best.value and c.unit), None)
        out[fname].alternatives = out[fname].alternatives
        out[fname + "__unit"] = Choice(unit, None, conf)
    return _in_field_units(out, meters)


def _in_field_units(out: dict[str, Choice], meters: list[Meter]) -> tuple[dict[str, Choice], list[Meter]]:
    """The electricity usage chosen in a unit its field is not reported in (reads and usage printed in MWh under
    a "(MWh)" heading) as the kWh the field holds. The meters keep their reads as printed, in the unit they
    now name, so a check can still find them on the page."""
    u = out.get("electricity_kwh__unit")
    ch = out.get("electricity_kwh")
    if ch is None or u is None or u.value not in SCALED:
        return out, meters
    value, to = in_field_unit(ch.value, u.value)
    out["electricity_kwh"] = Choice(value, ch.cand, ch.confidence, f"{ch.note} (in {u.value})",
                                    ch.alternatives, contested=ch.contested)
    out["electricity_kwh__unit"] = Choice(to, None, u.confidence)
    named = [m.model_copy(update={"unit": u.value}) if m.commodity == Commodity.ELECTRICITY and m.unit is None
             else m for m in meters]
    return out, named


def other_commodity(finder: Finder, fname: str, c: Candidate) -> bool:
    """A figure of the other of gas and water: on a bill that names water and not gas, a "Usage 192 CCF"
    under a label that names neither commodity is the water (CCF, m3 and no unit measure both), not gas;
    and the other way round. Only a unit of ``fname`` alone (therms on a bill that mentions water) or a label
    naming its commodity keeps the figure."""
    other = {"gas_usage": "water_usage", "water_usage": "gas_usage"}.get(fname)
    if other is None or not finder.names(other) or finder.names(fname):
        return False
    if c.unit is not None and SOLE_FIELD.get(c.unit) == fname:
        return False
    return not (c.label and names_commodity(c.label, fname))


RIVAL_RATIO = 20
"""A figure more than this many times larger or smaller than the usage is a number of another kind."""


def _same_order(a: Decimal, b: Decimal) -> bool:
    return a > 0 and b > 0 and max(a, b) <= min(a, b) * RIVAL_RATIO


def sole_commodity(finder: Finder) -> str | None:
    """``gas_usage`` or ``water_usage`` when the bill names that commodity and neither other one and prints
    no kWh anywhere: a read row that names no unit is then that commodity's, not electricity's (a water
    bill's "Lectura anterior / actual / Consumo" table)."""
    named = finder.commodities()
    if len(named) != 1 or named[0] == "electricity_kwh":
        return None
    if any(re.search(r"(?i)k\s?w\s?h", v.text) for v in finder.views):
        return None
    return named[0]


def summed_parts(finder: Finder, fname: str, gs: list[Group]) -> dict[Decimal, tuple[Decimal, ...]]:
    """A figure the charges are billed on in parts ("Premiers 2 440 kWh x ..., Reste 3 431 kWh x ...",
    peak / off-peak lines, consumption blocks) is the period's usage: it gains over each part, and ``gs``
    is sorted again. Returns each such figure's parts."""
    billed = billed_lines(finder, fname)
    found: dict[Decimal, tuple[Decimal, ...]] = {}
    if len(billed) < 2:
        return found
    for g in gs[:6]:
        rest = sorted(v for v in billed if v != g.value)
        combo = next((c for r in part_sizes(len(rest)) for c in itertools.combinations(rest, r)
                      if sum(c) == g.value), None)
        if combo is not None:
            found[g.value] = combo
            g.score += 0.4
            g.best.why = (g.best.why + "; " if g.best.why else "") + "the charges are billed on its parts"
    gs.sort(key=lambda g: -g.score)
    return found


def register_sum(finder: Finder, fname: str, value: Decimal) -> tuple[Decimal, int, int, int, bool] | None:
    """The sum of a reads table's register rows when ``value`` is one register's difference and every register
    is billed on its own charge line ("Day 36351 37299 948" over "Night 46659 47217 558", then "Day units 948
    kWh x 26.830p" and "Night units 558 kWh x 14.670p": Economy 7, peak / off-peak): the bill's usage is the
    sum, printed nowhere. The charge lines corroborate the split (a row of another meter is billed on no line
    of this usage). Returns (sum, page, start, end, layout) of the register rows, or None."""
    pairs = [p for p in read_pairs(finder) if not p.scaled and p.present > p.prior]
    billed = charged_quantities(finder, fname)
    for p in pairs:
        if p.present - p.prior != value:
            continue
        rows = {q.line: q for q in pairs if q.view is p.view}
        run = [p]
        for step in (-1, 1):  # rows one under another (at most two lines apart), up and down from p
            line = p.line
            while (nxt := next((rows[n] for n in (line + step, line + 2 * step) if n in rows), None)) is not None:
                run.insert(0, nxt) if step < 0 else run.append(nxt)
                line = nxt.line
        if len(run) < 2:
            continue
        parts = [q.present - q.prior for q in run]
        left = list(billed)
        if not all(d in left and not left.remove(d) for d in parts):  # type: ignore[func-returns-value]
            continue  # a register no charge bills (or one credited: a solar export): no split of one usage
        _s, end = p.view.line(run[-1].line)
        return sum(parts, Decimal(0)), p.view.page, run[0].pos, end, p.view.layout
    return None


_GAS_VOLUME = re.compile(r"(?i)m³|m3|ft³|cubic|calorific|(?<![a-z])ga[sz](?![a-z])")


def gas_conversions(finder: Finder) -> tuple[list[Candidate], dict[Decimal, Decimal]]:
    """The kWh of a printed formula that converts a gas volume ("81 m³ x 1.02264 (volume correction) x 40.4
    (calorific value) / 3.6 = 930 kWh") and whose arithmetic checks (``conversions``): the gas the bill
    charges for, as strong as a label (a wrong figure would not come out of the formula). Also the volumes
    each formula starts from, by its result: a reads row giving one is the gas meter's, whatever unit its row
    names."""
    out: list[Candidate] = []
    volumes: dict[Decimal, Decimal] = {}
    for view in finder.views:
        for fo in formulas(view, finder.fmt):
            if fo.unit == "kWh" and _GAS_VOLUME.search(fo.line):
                volumes[fo.result] = fo.first
                why = f"a printed conversion from {fo.first} that checks"
                out.append(Candidate("gas_usage", fo.result, view.text[fo.start:fo.end], view.page, fo.start, fo.end,
                                     view.layout, 1.0, None, "kWh", why))
    return out, volumes


def charged_quantities(finder: Finder, fname: str) -> list[Decimal]:
    """The quantity of each charge line of the usage's unit that is a charge (a positive amount, rate x quantity
    = amount), as many times as the page prints one, from the layout text where a page has one."""
    from minimeter.extract.chargelines import document_rows

    out: list[Decimal] = []
    for _view, _n, c in document_rows(finder):
        unit = parse.QTY_UNITS.get((c.unit or "").lower())
        if c.quantity is None or c.rate is None or c.amount <= 0 or unit not in UNITS_FOR[fname]:
            continue
        if product("charge", Printed(c.rate), Printed(c.quantity), Printed(c.amount)).holds:
            out.append(c.quantity)
    return out
