"""The rules extractor as an ordered list of steps over one typed state.

    read (readers/: text, layout text from the word boxes)
      -> money candidates -> line items -> summary blocks -> money solved by the arithmetic
      -> dates (anchors yearless dates) -> usage (reads, registers) -> identifiers -> texts
      -> addressee
      -> reconcile (rules.py) -> validate/ corroborates and decides the status

Each step reads what the steps before it left in ``RulesState`` and adds its own candidates and
choices; none keeps state of its own between documents, and none reads the clock (yearless dates
take their year from the bill's own dates, see ``dates.choose_dates``). A step is a plain function
``(state) -> None``; ``STEPS`` names them in order, and ``extract_rules`` times each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract import blocks, lineitems
from minimeter.extract.addressee import addressee, looks_like_name, mailing_block
from minimeter.extract.candidates import IDS, MONEY, TEXTS, Candidate, Finder, View
from minimeter.extract.dates import choose_dates, read_row_period
from minimeter.extract.lexicon import rate_plan_shapes
from minimeter.extract.registers import billed_total
from minimeter.extract.select import Choice, choose_money, pick, read_pairs
from minimeter.extract.units import named_by_units
from minimeter.extract.usage import choose_usage, register_sum
from minimeter.extract.vocab import COMMODITY_WORDS, names_commodity

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile
    from minimeter.readers.base import Document
    from minimeter.schema import Meter


@dataclass
class RulesState:
    """What the steps know about one document so far."""

    doc: Document
    profile: Profile | None
    finder: Finder
    cands: dict[str, list[Candidate]] = field(default_factory=dict)
    choices: dict[str, Choice] = field(default_factory=dict)
    charges: lineitems.Charges | None = None
    """Charge lines found by ``lineitems.find`` (attached to the bill after reconcile)."""
    summary: blocks.Block | None = None
    meters: list[Meter] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    abandoned: list[str] = field(default_factory=list)
    """Steps stopped by a figure their arithmetic could not take, one line each (``extract_rules``)."""


def money_candidates(st: RulesState) -> None:
    for f in MONEY:
        st.cands[f] = st.finder.labelled(f, "money", "money")


def line_items(st: RulesState) -> None:
    st.charges = lineitems.find(st.finder, st.doc)
    lineitems.support(st.charges, st.cands["current_charges"])


def summary_blocks(st: RulesState) -> None:
    found = blocks.find_blocks(st.finder)
    blocks.plan_instalments(found, st.cands)
    blocks.prior_credits(st.finder, st.cands)
    st.summary = blocks.support(found, st.cands)


def solve_money(st: RulesState) -> None:
    st.choices.update(choose_money(st.cands))
    total, current = st.choices.get("total_amount_due"), st.choices.get("current_charges")
    if ("previous_balance" not in st.choices and "payments" in st.choices and total is not None
            and current is not None and total.value == current.value):
        # The amount due is this period's charges and no previous balance is printed: a payment has nothing
        # to settle in this balance ("Last payment received: 42.10 on 12/23"), it is a note, not a term.
        del st.choices["payments"]


def current_from_items(st: RulesState) -> None:
    """A bill that carries no balance (no previous balance read, or one its payment cancels) and whose charge
    lines make up the amount due (``Charges.make_up``): what it charges this period is the amount due."""
    total = st.choices.get("total_amount_due")
    if total is None or st.charges is None or "current_charges" in st.choices:
        return
    prev, paid = st.choices.get("previous_balance"), st.choices.get("payments")
    if prev is not None and prev.value != 0 and (paid is None or abs(prev.value) != abs(paid.value)):
        return
    if st.charges.make_up(total.value):
        st.choices["current_charges"] = Choice(total.value, total.cand, min(total.confidence, 0.9),
                                               "no balance carried and the line items add up to the amount due")


def dates(st: RulesState) -> None:
    total = st.choices["total_amount_due"].value if "total_amount_due" in st.choices else None
    chosen, st.finder = choose_dates(st.finder, total)
    st.choices.update(chosen)


def usage(st: RulesState) -> None:
    chosen, st.meters = choose_usage(st.finder, st.profile)
    st.choices.update(chosen)
    one = st.choices.get("electricity_kwh")
    # (Not a figure printed under its own label: "Total usage: 1,381 kWh" is the usage, whatever the rows.)
    labelled = one is not None and one.cand is not None and one.cand.label is not None and one.cand.score >= 0.6
    summed = register_sum(st.finder, "electricity_kwh", one.value) if one and st.meters and not labelled else None
    if summed is not None:
        # One register's reads explained the figure chosen; the other registers are billed too: the sum.
        value, page, start, end, layout = summed
        view = next(v for v in st.finder.views if v.page == page and v.layout == layout)
        cand = Candidate("electricity_kwh", value, view.text[start:end], page, start, end, layout, 1.0, None,
                         "kWh", "the sum of the registers, each billed")
        st.choices["electricity_kwh"] = Choice(value, cand, 0.9, "the sum of the reads table's registers, each "
                                               "billed on its own charge line")
        st.meters = register_meters(st, value)
    for view in st.finder.views:
        billed = billed_total(view, st.finder.fmt)
        if billed is None:
            continue
        value, start, end = billed
        current = st.choices.get("electricity_kwh")
        if current is None or current.value != value:
            # A register's reads (or one part's figure) are not the bill's energy when a charge is billed on
            # the sum of all the parts.
            cand = Candidate("electricity_kwh", value, view.text[start:end], view.page, start, end, view.layout,
                             1.0, None, "kWh", "billed on the sum of the parts")
            st.choices["electricity_kwh"] = Choice(value, cand, 0.9, "a charge is billed on the sum of the "
                                                   "time-of-use parts")
            st.meters = register_meters(st, value)
        break


def read_dates(st: RulesState) -> None:
    """A period left incomplete by its labels, read off the meter's reads row when that row prints the two
    reads' dates (``dates.read_row_period``). A date already chosen must be the row's own."""
    start, end = st.choices.get("billing_period_start"), st.choices.get("billing_period_end")
    if start is not None and end is not None:
        return
    chosen = read_row_period(st.finder, st.meters)
    if chosen and all(ch is None or ch.value == chosen[f].value
                      for f, ch in (("billing_period_start", start), ("billing_period_end", end))):
        st.choices.update(chosen)


def register_meters(st: RulesState, total: Decimal) -> list[Meter]:
    """The meters once the usage is the sum of the time-of-use parts: the reads of one register explained
    one part only, so the meter is every register row of the reads table (rows next to each other, each
    present - prior x the same multiplier) when those add up to the sum; else no meter (one register's
    reads say nothing of the sum, and would contradict it)."""
    if not st.meters:
        return []
    mult = st.meters[0].multiplier or Decimal(1)
    pairs = [p for p in read_pairs(st.finder) if p.present > p.prior]
    for view in st.finder.views:
        rows = sorted({p.line: p for p in pairs if p.view is view}.values(), key=lambda p: p.line)
        for i in range(len(rows)):
            run = [rows[i]]
            for p in rows[i + 1:]:
                if p.line != run[-1].line + 1:
                    break
                run.append(p)
            if len(run) > 1 and sum(((p.present - p.prior) * mult for p in run), Decimal(0)) == total:
                return [st.meters[0].model_copy(update={"prior_read": p.prior, "present_read": p.present,
                                                        "usage": (p.present - p.prior) * mult}) for p in run]
    return []


def identifiers(st: RulesState) -> None:
    for f in IDS:
        st.cands[f] = st.finder.labelled(f, "id", "identifier")
        if st.profile and st.profile.identifiers.get(f):
            rx = re.compile(st.profile.identifiers[f])
            for c in st.cands[f]:
                if rx.fullmatch(str(c.value)):
                    c.score *= 1.4
        if f == "meter_number":
            prefer_electricity_meter(st.finder, st.cands[f])
        ch = pick(st.cands[f], minimum=0.3)
        if ch:
            st.choices[f] = ch


SECTION_REACH = 25
"""Lines above a meter number searched for the commodity of its section."""


def commodity_at(view: View, pos: int) -> str | None:
    """The usage field whose commodity the text at ``pos`` belongs to: named on its own line (a unit or the
    commodity's word), else on the nearest line above within ``SECTION_REACH`` that names exactly one."""
    ln = view.line_no(pos)
    for n in range(ln, max(-1, ln - SECTION_REACH), -1):
        line = view.text[slice(*view.line(n))]
        # A unit of one commodity names it ("1'234 kWh"); "52 m3" is gas or water and names neither.
        named = named_by_units(line) | {f for f in COMMODITY_WORDS if names_commodity(line, f)}
        if len(named) == 1:
            return named.pop()
        if named and n == ln:
            return None  # a row naming two commodities says nothing
    return None


def prefer_electricity_meter(finder: Finder, cands: list[Candidate]) -> None:
    """On a bill of several services the meter number is the electricity meter's (as a bill's first meter
    usually is): among labelled meter numbers of different values read about as well, the one in an
    electricity section or row gains. One meter value, or none in an electricity section: left alone."""
    if not cands:
        return
    top = max(c.score for c in cands)
    close = [c for c in cands if c.score >= 0.8 * top]
    if len({c.value for c in close}) < 2:
        return
    views = {(v.page, v.layout): v for v in finder.views}
    where = {id(c): commodity_at(views[(c.page, c.layout)], c.start) for c in cands}
    electric = {c.value for c in close if where[id(c)] == "electricity_kwh"}
    if len(electric) == 1:
        for c in cands:
            if c.value in electric:
                c.score *= 1.15
                c.why += "; the electricity meter"
            elif where[id(c)] is not None:
                # Another service's meter, printed again on its own reads row ("Gas ... Meter G4A..." then
                # "G4A... 5037 5499 462"): its repetition outnumbers the electricity meter's, not outranks it.
                c.score *= 0.8


def texts(st: RulesState) -> None:
    for f in TEXTS:
        st.cands[f] = st.finder.labelled(f, "text", None)
        for c in st.cands[f]:
            c.value = clean_text(f, c.value) or ""
            if f == "customer_name" and c.value:
                # A weak label ("Name") is trusted when what follows reads like a person's or business's name.
                c.score *= 1.5 if looks_like_name(c.value, st.profile) else 0.5
        ch = pick([c for c in st.cands[f] if c.value], minimum=0.5)
        if ch:
            st.choices[f] = ch
    if "rate_plan" not in st.choices:
        shaped = rate_plan_by_shape(st.finder)
        if shaped is not None:
            st.choices["rate_plan"] = Choice(shaped.value, shaped, 0.55, "a rate name by its shape")


def rate_plan_by_shape(finder: Finder) -> Candidate | None:
    """A rate name printed without a label ("Schedule GS-3 Secondary", "Tarifa 2.0TD"): the first
    one on the earliest page, from the layout text where there is one (its rows keep the name whole)."""
    for view in sorted(finder.views, key=lambda v: (v.page, not v.layout)):
        for start, end, text in rate_plan_shapes(view.text):
            raw = view.text[start:end]
            if text:
                return Candidate("rate_plan", text, raw, view.page, start, end, view.layout, 0.55, None, None,
                                 "shape")
    return None


def addressee_block(st: RulesState) -> None:
    block = mailing_block(st.finder, st.profile)
    if "customer_name" not in st.choices:
        who = (Choice(block.name.value, block.name, 0.6, "the addressee block") if block
               else addressee(st.finder, st.profile))
        if who:
            st.choices["customer_name"] = who
    if "service_address" not in st.choices and block and block.address:
        # Most bills are mailed to the premises; with no labelled service address the addressee's is the best guess.
        st.choices["service_address"] = Choice(block.address.value, block.address, 0.5, "the mailing address")
    if "service_address" not in st.choices:
        beside = address_beside_name(st)
        if beside is not None:
            st.choices["service_address"] = Choice(beside.value, beside, 0.5, "the address printed with the name")


def address_beside_name(st: RulesState) -> Candidate | None:
    """A weakly labelled address ("Address : ...") on the line right below or above the customer's
    labelled name ("Name : ..."): the addressee's own address, which, like the mailing block's,
    stands in for the service address when none is labelled. Anywhere else a bare "Address" may be
    the utility's (remittance, office), so only the pair counts."""
    # The name's label, whether or not its value passed for a person's name ("M/S ... STORES").
    names = [c for c in st.cands.get("customer_name", []) if c.label and c.value]
    views = {(v.page, v.layout): v for v in st.finder.views}
    for c in sorted(st.cands.get("service_address", []), key=lambda c: -c.score):
        view = views.get((c.page, c.layout))
        if view is None or not c.value or c.score < 0.3:
            continue
        shaped = re.search(r"\d", c.value) and re.search(r"[A-Za-z]{3}", c.value)  # a number and a word
        if shaped and any((n.page, n.layout) == (c.page, c.layout) and _one_grid(view, n, c) for n in names):
            return c
    return None


GRID_ROWS = 5
"""How many rows of one label column apart a customer's name and address may be printed."""


def _one_grid(view: View, name: Candidate, address: Candidate) -> bool:
    """The name's and the address's rows next to each other, or (layout text) rows of one label column:
    every row from one to the other starts with a label at the same place ("Customer name / Account No. /
    Premise No. / Address"), so the address is the customer's, not the utility's further down the page."""
    a, b = sorted((view.line_no(name.start), view.line_no(address.start)))
    if b - a == 1:
        return True
    if not view.layout or b - a > GRID_ROWS:
        return False
    starts = set()
    for n in range(a, b + 1):
        ls, le = view.line(n)
        line = view.text[ls:le]
        head = re.match(r"\s*[^\W\d_]", line)
        if head is None:
            return False  # a blank row or a row of figures ends the grid
        starts.add(head.end() - 1)
    return max(starts) - min(starts) <= 2


def clean_text(fname: str, v: str) -> str | None:
    # "Variabel   |   Aansluiting 3x25A", "D45d · Hlavní jistič": a bar or a middle dot between spaces ends the cell
    v = re.split(r"\s[|·•](?:\s|$)", v)[0]
    v = re.sub(r"\s+", " ", v).strip(" :,-#")
    if fname == "rate_plan":
        v = re.split(r"(?i)\s(?:bill type|meter|service id|account)\b", v)[0]
    code = fname == "rate_plan" and bool(re.fullmatch(r"[A-Z][A-Z0-9]", v))  # "Tariff: RS"
    # A tariff numbered "1" or "1C": the reader takes one only right after its label.
    numbered = fname == "rate_plan" and bool(re.fullmatch(r"\d{1,2}[A-Z]?", v))
    if numbered:
        return v
    if (len(v) < 3 and not code) or not re.search(r"[A-Za-z]", v):
        return None
    return v[:120]




Step = Callable[[RulesState], None]
STEPS: tuple[tuple[str, Step], ...] = (
    ("money", money_candidates), ("line_items", line_items), ("blocks", summary_blocks), ("solve", solve_money),
    ("current", current_from_items), ("dates", dates), ("usage", usage), ("read_dates", read_dates),
    ("identifiers", identifiers), ("texts", texts),
    ("addressee", addressee_block),
)
