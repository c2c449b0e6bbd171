"""What one generated bill says: the facts, drawn from a seeded RNG, arithmetically consistent.

A ``Profile`` describes a utility (commodities, units, locale, identifier formats, rates);
``draw_facts`` turns a profile and an RNG into ``Facts``: usage from meter reads x
multiplier, line items from usage x rate, current charges as their sum, and
previous balance - payments + current charges = amount due. ``plant`` then breaks one
rule on purpose for the planted share of the eval set; the truth records which.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from minimeter.samples.fmt import Locale, q2

FIRST = ["Maria", "James", "Aisha", "Chen", "Olivia", "Rahul", "Sofia", "Daniel", "Grace", "Tomas", "Lena",
         "Marcus", "Nora", "Ethan", "Yuki", "Carlos", "Hannah", "Ibrahim", "Claire", "Luca"]
LAST = ["Alvarez", "Brennan", "Okafor", "Lindqvist", "Nakamura", "Patel", "Moreau", "Schneider", "Kowalski",
        "Rossi", "Whitfield", "Haddad", "Fischer", "Dubois", "Sato", "Murphy", "Novak", "Keller", "Ortega"]
BUSINESSES = ["Riverside Bakery LLC", "Oakline Dental Group", "Summit Hardware Inc", "Bluewater Laundromat",
              "Northgate Storage", "Cedar Lane School District", "Harbor Print Works"]
STREETS = ["Maple Ave", "Oak St", "Pine Ridge Rd", "Elm Dr", "Lakeview Blvd", "Hillcrest Ln", "Sunset Way",
           "Cherry St", "Willow Ct", "Main St", "2nd Ave", "Park Pl", "Meadow Rd", "Harbor Dr"]


@dataclass(frozen=True)
class Place:
    city: str
    region: str
    postcode: str  # a format: '9' digit, 'A' letter


@dataclass(frozen=True)
class Profile:
    name: str
    provider: str
    locale: Locale
    lang: str  # en / fr / de
    places: tuple[Place, ...]
    commodities: tuple[str, ...]  # subset of electric, gas, water
    gas_unit: str | None = None  # therms (CCF x factor), ccf, kwh (m3 x factor)
    water_unit: str | None = None  # gallons, HCF, m3
    elec_rate: tuple[float, float] = (0.12, 0.30)
    gas_rate: tuple[float, float] = (0.9, 1.8)
    commercial_share: float = 0.15
    tou_share: float = 0.0
    net_share: float = 0.0
    two_meter_share: float = 0.1
    account_fmt: str = "9999999999"
    meter_fmt: str = "99999999"
    rate_plans: tuple[str, ...] = ("Residential Service",)
    commercial_plans: tuple[str, ...] = ("General Service - Small Commercial",)
    tax_rate: float = 0.0
    credit_items: tuple[str, ...] = ()


@dataclass
class Meter:
    number: str
    commodity: str
    prior: Decimal
    present: Decimal
    multiplier: Decimal
    usage: Decimal
    unit: str
    read_unit: str
    estimated: bool = False


@dataclass
class Item:
    description: str
    amount: Decimal
    category: str
    section: str
    quantity: Decimal | None = None
    unit: str | None = None
    rate: Decimal | None = None


@dataclass
class Facts:
    profile: Profile
    rng: random.Random
    commercial: bool
    customer_name: str
    service_address: list[str]
    mailing_address: list[str]
    account_number: str
    other_ids: dict[str, str]
    statement_date: dt.date
    due_date: dt.date
    autopay_date: dt.date | None
    period_start: dt.date
    period_end: dt.date
    next_read: dt.date
    rate_plan: str
    meters: list[Meter] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    electricity_kwh: Decimal | None = None
    tou: dict[str, Decimal] | None = None
    tou_total_printed: bool = True
    net: tuple[Decimal, Decimal] | None = None  # delivered, received
    gas_usage: Decimal | None = None
    gas_unit: str | None = None
    water_usage: Decimal | None = None
    water_unit: str | None = None
    demand_kw: Decimal | None = None
    current_charges: Decimal = Decimal(0)
    previous_balance: Decimal | None = None
    payments: Decimal | None = None
    total: Decimal = Decimal(0)
    history: list[tuple[dt.date, int]] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    image_only: bool = False


def pattern(rng: random.Random, fmt: str) -> str:
    """'9' -> digit, 'A' -> capital letter, anything else kept (dashes, spaces)."""
    out = []
    for ch in fmt:
        if ch == "9":
            out.append(str(rng.randint(0, 9)))
        elif ch == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


def _address(rng: random.Random, p: Profile) -> list[str]:
    place = rng.choice(p.places)
    num = rng.randint(3, 9899)
    street = rng.choice(STREETS)
    if p.lang == "fr":
        street = rng.choice(["Rue du Lac", "Chemin des Vignes", "Avenue de la Gare", "Route de Lausanne"])
        return [f"{street} {num % 120 + 1}", f"{pattern(rng, place.postcode)} {place.city}"]
    if p.lang == "de":
        street = rng.choice(["Lindenstraße", "Bahnhofstraße", "Am Mühlbach", "Goethestraße"])
        return [f"{street} {num % 120 + 1}", f"{pattern(rng, place.postcode)} {place.city}"]
    unit = f" Apt {rng.randint(1, 40)}" if rng.random() < 0.2 else ""
    if p.locale.currency == "GBP":
        return [f"{num % 300 + 1} {street}{unit}", place.city, pattern(rng, place.postcode)]
    return [f"{num} {street}{unit}".upper(), f"{place.city} {place.region} {pattern(rng, place.postcode)}".upper()]


def _rate(rng: random.Random, lo_hi: tuple[float, float], places: int = 5) -> Decimal:
    return Decimal(str(round(rng.uniform(*lo_hi), places)))


def draw_facts(p: Profile, rng: random.Random) -> Facts:
    commercial = rng.random() < p.commercial_share
    name = rng.choice(BUSINESSES) if commercial else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    service = _address(rng, p)
    mailing = service if rng.random() < 0.6 else ([f"PO BOX {rng.randint(100, 9999)}"] + _address(rng, p)[1:])
    end = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    days = rng.randint(27, 33)
    start = end - dt.timedelta(days=days)
    statement = end + dt.timedelta(days=rng.randint(1, 6))
    due = statement + dt.timedelta(days=rng.randint(14, 25))
    ids = {"invoice": pattern(rng, rng.choice(["9999999999", "INV-99999999", "999-999-9999"])),
           "customer": pattern(rng, rng.choice(["99999999", "9999 9999", "C-999999"])),
           "premise": pattern(rng, rng.choice(["999999999", "9999999-999"]))}
    f = Facts(
        profile=p, rng=rng, commercial=commercial, customer_name=name, service_address=service,
        mailing_address=mailing, account_number=pattern(rng, p.account_fmt), other_ids=ids,
        statement_date=statement, due_date=due,
        autopay_date=due - dt.timedelta(days=rng.randint(0, 5)) if rng.random() < 0.25 else None,
        period_start=start, period_end=end, next_read=end + dt.timedelta(days=rng.randint(28, 32)),
        rate_plan=rng.choice(p.commercial_plans if commercial else p.rate_plans),
    )
    for com in p.commodities:
        {"electric": _electric, "gas": _gas, "water": _water}[com](f, rng)
    if p.tax_rate:
        sub = sum((i.amount for i in f.items), Decimal(0))
        label = {"fr": "TVA", "de": "MwSt."}.get(p.lang, "VAT" if p.locale.currency == "GBP" else "Sales Tax")
        f.items.append(Item(f"{label} {p.tax_rate * 100:g}%", q2(sub * Decimal(str(p.tax_rate))), "tax", "tax"))
    if p.credit_items and rng.random() < 0.25:
        f.items.append(Item(rng.choice(p.credit_items), -q2(rng.uniform(5, 45)), "credit", "credit"))
    f.current_charges = sum((i.amount for i in f.items), Decimal(0))
    _balance(f, rng)
    base = f.electricity_kwh or f.gas_usage or f.water_usage or Decimal(100)
    f.history = [(end - dt.timedelta(days=30 * k), int(float(base) * rng.uniform(0.6, 1.4))) for k in range(13)]
    f.history[0] = (end, int(base))
    return f


def _electric(f: Facts, rng: random.Random) -> None:
    p = f.profile
    kwh = rng.randint(2500, 42000) if f.commercial else rng.randint(180, 1450)
    mult = Decimal(rng.choice([40, 80, 120, 200])) if f.commercial and rng.random() < 0.6 else Decimal(1)
    diff = max(1, round(kwh / float(mult)))
    delivered = Decimal(diff) * mult
    n_meters = 2 if rng.random() < p.two_meter_share and not f.commercial else 1
    split = [delivered] if n_meters == 1 else [Decimal(diff // 3) * mult, Decimal(diff - diff // 3) * mult]
    for part in split:
        prior = Decimal(rng.randint(1000, 89000))
        f.meters.append(Meter(pattern(rng, p.meter_fmt), "electric", prior, prior + part / mult, mult, part,
                              "kWh", "kWh", estimated=rng.random() < 0.05))
    kwh_total = delivered
    if rng.random() < p.net_share and not f.commercial:
        received = Decimal(rng.randint(50, int(delivered * Decimal("0.8")) + 51))
        f.net = (delivered, received)
        kwh_total = delivered - received
    f.electricity_kwh = kwh_total
    rate = _rate(rng, p.elec_rate)
    cur = p.locale.currency
    fixed = q2(rng.uniform(8, 16) if cur == "USD" else rng.uniform(0.4, 0.6) * (f.period_end - f.period_start).days)
    en = {"fr": ("Abonnement", "Consommation", "Acheminement réseau"),
          "de": ("Grundpreis", "Arbeitspreis", "Netzentgelt")}.get(
        p.lang, ("Standing charge", "Electricity", "Network charge") if cur == "GBP"
        else ("Basic Service Charge", "Energy Charge", "Delivery Charge"))
    f.items.append(Item(en[0], fixed, "fee", "electric"))
    if rng.random() < p.tou_share and kwh_total > 0:
        peak = Decimal(int(kwh_total * Decimal(str(rng.uniform(0.18, 0.35)))))
        f.tou = {"peak": peak, "off_peak": kwh_total - peak}
        f.tou_total_printed = rng.random() < 0.7
        r_peak = q2(rate * Decimal("1.6") * 1000) / 1000
        for k, q, r in (("On-Peak", peak, r_peak), ("Off-Peak", kwh_total - peak, rate)):
            f.items.append(Item(f"{en[1]} {k}", q2(q * r), "supply", "electric", q, "kWh", r))
    else:
        f.items.append(Item(en[1], q2(kwh_total * rate), "supply", "electric", kwh_total, "kWh", rate))
    drate = _rate(rng, (0.03, 0.09))
    f.items.append(Item(en[2], q2(kwh_total * drate), "delivery", "electric", kwh_total, "kWh", drate))
    if f.commercial:
        kw = Decimal(str(round(float(delivered) / (720 * rng.uniform(0.3, 0.6)), 1)))
        f.demand_kw = kw
        krate = _rate(rng, (6.0, 18.0), 2)
        f.items.append(Item("Demand Charge" if p.lang == "en" else "Puissance" if p.lang == "fr" else "Leistungspreis",
                            q2(kw * krate), "demand", "electric", kw, "kW", krate))


def _gas(f: Facts, rng: random.Random) -> None:
    p = f.profile
    if p.gas_unit == "kwh":  # European: m3 x calorific conversion = kWh
        diff = rng.randint(20, 260)
        factor = Decimal(str(round(rng.uniform(9.8, 11.4), 4)))
        usage, unit, read_unit = (Decimal(diff) * factor).quantize(Decimal(1)), "kWh", "m3"
    elif p.gas_unit == "ccf":
        diff = rng.randint(8, 160)
        factor = Decimal(str(round(rng.uniform(0.82, 0.9), 6)))
        usage, unit, read_unit = (Decimal(diff) * factor).quantize(Decimal("0.01")), "CCF", "CCF"
    else:
        diff = rng.randint(6, 180) * (5 if f.commercial else 1)
        factor = Decimal(str(round(rng.uniform(1.01, 1.09), 5)))
        places = Decimal(1) if rng.random() < 0.5 else Decimal("0.1")
        usage, unit, read_unit = (Decimal(diff) * factor).quantize(places), "therms", "CCF"
    prior = Decimal(rng.randint(1000, 9000))
    f.meters.append(Meter(pattern(rng, p.meter_fmt if "electric" not in p.commodities else "G" + p.meter_fmt),
                          "gas", prior, prior + diff, factor, usage, unit, read_unit))
    f.gas_usage, f.gas_unit = usage, unit
    rate = _rate(rng, p.gas_rate if unit != "kWh" else (0.06, 0.12))
    labels = {"fr": ("Abonnement gaz", "Gaz naturel"), "de": ("Grundpreis Gas", "Arbeitspreis Gas")}.get(
        p.lang, ("Gas standing charge", "Gas") if p.locale.currency == "GBP"
        else ("Gas Customer Charge", "Gas Delivery Charge"))
    f.items.append(Item(labels[0], q2(rng.uniform(6, 15)), "fee", "gas"))
    f.items.append(Item(labels[1], q2(usage * rate), "delivery", "gas", usage, unit, rate))
    if p.locale.currency == "USD":
        srate = _rate(rng, (0.35, 0.9))
        f.items.append(Item("Gas Supply Charge", q2(usage * srate), "supply", "gas", usage, unit, srate))


def _water(f: Facts, rng: random.Random) -> None:
    p = f.profile
    unit = p.water_unit or "gallons"
    if unit == "gallons":
        diff = rng.randint(18, 140) * (6 if f.commercial else 1)
        mult, read_unit = Decimal(100), "gallons"
        rate_unit = Decimal(1000)
    else:
        diff = rng.randint(4, 40) * (6 if f.commercial else 1)
        mult, read_unit, rate_unit = Decimal(1), unit, Decimal(1)
    usage = Decimal(diff) * mult
    prior = Decimal(rng.randint(1000, 60000))
    f.meters.append(Meter(pattern(rng, "W" + p.meter_fmt if p.commodities != ("water",) else p.meter_fmt),
                          "water", prior, prior + diff, mult, usage, unit, read_unit))
    f.water_usage, f.water_unit = usage, unit
    rate = Decimal(str(round(rng.uniform(3.5, 9.0), 2)))
    names = {"fr": ("Taxe de base eau", "Consommation eau", "Épuration"),
             "de": ("Grundgebühr Wasser", "Wasserverbrauch", "Abwasser")}.get(
        p.lang, ("Water Base Charge", "Water Usage", "Sewer Charge"))
    f.items.append(Item(names[0], q2(rng.uniform(12, 30)), "fee", "water"))
    f.items.append(Item(names[1], q2(usage / rate_unit * rate), "supply", "water", usage, unit, rate))
    f.items.append(Item(names[2], q2(usage / rate_unit * rate * Decimal("0.8")), "delivery", "water"))
    if p.lang == "en" and rng.random() < 0.5:
        f.items.append(Item("Stormwater Fee", q2(rng.uniform(4, 12)), "fee", "water"))


def _balance(f: Facts, rng: random.Random) -> None:
    cur = f.current_charges
    r = rng.random()
    if r < 0.08:  # bill shows no previous balance at all
        f.previous_balance, f.payments, f.total = None, None, cur
        return
    prev = q2(float(cur) * rng.uniform(0.7, 1.3))
    if r < 0.6:
        pay = prev
    elif r < 0.75:  # past due
        pay = Decimal(0) if rng.random() < 0.5 else q2(float(prev) * rng.uniform(0.2, 0.7))
    elif r < 0.87:  # a credit carried forward
        prev, pay = -q2(rng.uniform(5, float(cur) * 1.4)), Decimal(0)
    else:  # paid more than owed
        pay = prev + q2(rng.uniform(5, 60))
    f.previous_balance, f.payments = prev, pay
    f.total = prev - pay + cur


PLANTABLE = ("line_items_sum", "balance", "meter_reads", "period_order", "period_length", "due_after_statement")


def plant(f: Facts, rule: str, rng: random.Random) -> None:
    """Break ``rule`` on the printed bill (and so in the truth, which records what is printed)."""
    delta = q2(rng.choice([-1, 1]) * rng.uniform(3, 40))
    if rule == "line_items_sum":
        item = max(f.items, key=lambda i: i.amount)
        item.amount += delta
    elif rule == "balance":
        if f.previous_balance is None:  # the rule needs a printed previous balance to apply
            f.previous_balance, f.payments = Decimal("0.00"), Decimal("0.00")
        f.total += delta
    elif rule == "meter_reads":
        m = f.meters[0]  # off by well over any rounding tolerance
        m.present += max(Decimal(rng.randint(3, 30)), ((m.present - m.prior) * Decimal("0.08")).to_integral_value() + 1)
    elif rule == "period_order":
        f.period_start, f.period_end = f.period_end, f.period_start
    elif rule == "period_length":
        f.period_start = f.period_end - dt.timedelta(days=rng.randint(55, 75))
    elif rule == "due_after_statement":
        f.due_date = f.statement_date - dt.timedelta(days=rng.randint(3, 12))
        f.autopay_date = None
    f.planted = [rule]
