"""Set H, two layouts printed from HTML + CSS by headless Chromium: a Czech annual electricity settlement
(vyúčtování: supply + distribution per MWh, DPH 21 %, advances paid deducted) and a South African municipal
statement of account (property rates, electricity, water, sewerage and refuse on one account, VAT 15 %)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_h_html import Sheet, esc, grid, nw, render
from unseen_kit import EN_MONTHS, add_months, balance_story, digits, iso, money, num, truth

CZ_SELLERS = (
    ("Vltavská energie a.s.", "Na Poříčí 1041/12, 110 00 Praha 1"),
    ("Energie Vysočina s.r.o.", "Havlíčkova 2787/121, 586 01 Jihlava"),
    ("Slezská elektrárenská a.s.", "Nádražní 2956/24, 702 00 Ostrava"),
)
CZ_HOMES = ("Jana Nováková", "Petr Svoboda", "Tomáš Dvořák", "Lucie Černá", "Jiří Procházka", "Zdeňka Kučerová")
CZ_FIRMS = ("Pekařství Kuchař s.r.o.", "Autoservis Horák s.r.o.", "Truhlářství Říha a syn s.r.o.")
CZ_STREETS = ("Husova", "Masarykova", "Palackého", "Školní", "Komenského", "Žižkova", "Lidická")
CZ_TOWNS = (
    "602 00 Brno",
    "301 00 Plzeň",
    "370 01 České Budějovice",
    "779 00 Olomouc",
    "500 02 Hradec Králové",
    "460 01 Liberec",
)
CZ_MONTHS = (
    "ledna",
    "února",
    "března",
    "dubna",
    "května",
    "června",
    "července",
    "srpna",
    "září",
    "října",
    "listopadu",
    "prosince",
)
# distribution rate: (name, two registers, low-rate hours, VT and NT distribution prices in Kč/MWh, breaker)
CZ_RATES = (
    ("D02d", False, 0, 2245.30, 0.0, "3x25 A"),
    ("D25d", True, 8, 2390.10, 206.40, "3x25 A"),
    ("D45d", True, 20, 2517.80, 206.40, "3x32 A"),
    ("C02d", False, 0, 2468.90, 0.0, "3x40 A"),
    ("C25d", True, 8, 2631.20, 219.70, "3x50 A"),
)
CZ_BREAKER = {"3x25 A": 312.0, "3x32 A": 401.0, "3x40 A": 498.0, "3x50 A": 621.0}

_CZ_CSS = """
.top { border-bottom: 0.8mm solid #c0392b; padding-bottom: 2mm; }
.due { border: 0.5mm solid #c0392b; padding: 3mm; }
h4 { color: #c0392b; }
"""


def _cz_date(d: dt.date, style: int) -> str:
    return nw(d.strftime("%d.%m.%Y") if style == 0 else f"{d.day}. {d.month}. {d.year}")


def _kc(v: float) -> str:
    return nw(f"{num(v, style='sp')} Kč")


def _mwh(kwh: int) -> str:
    return num(kwh / 1000, 3, style="sp")


def czech_settlement(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    seller, seller_addr = rng.choice(CZ_SELLERS)
    firm = rng.random() < 0.3
    rate, two, nt_hours, dist_vt, dist_nt, breaker = rng.choice(CZ_RATES[3:] if firm else CZ_RATES[:3])
    months = rng.choice((12, 12, 12, 6))
    start = dt.date(rng.randint(2023, 2025), rng.choice((1, 1, 4, 7, 10)), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(6, 18))
    due = stmt + dt.timedelta(days=rng.choice((14, 15, 21)))
    yearly = (
        rng.randint(6000, 24000)
        if firm
        else rng.randint(5500, 13000)
        if nt_hours == 20
        else rng.randint(3200, 8500)
        if two
        else rng.randint(1300, 4200)
    )
    kwh = int(yearly * months / 12)
    nt = int(kwh * (rng.uniform(0.55, 0.8) if nt_hours == 20 else rng.uniform(0.3, 0.5))) if two else 0
    vt = kwh - nt
    registers = [("VT", vt)] + ([("NT", nt)] if two else [])
    meter = digits(rng, rng.choice((7, 9)))
    price_vt = round(rng.uniform(2650, 3550), 2)
    price_nt = round(price_vt * rng.uniform(0.78, 0.9), 2)
    product = rng.choice(("Elektřina Standard", "Elektřina Fix 24", "Elektřina Komfort", "Elektřina Klasik"))

    lines: list[tuple[str, str, str, str, float]] = []  # label, quantity, unit, unit price, amount
    for reg, used in registers:
        p = price_vt if reg == "VT" else price_nt
        lines.append((f"Silová elektřina {reg}", _mwh(used), "MWh", num(p, style="sp"), money(used / 1000 * p)))
    lines.append(("Stálý plat za dodávku", str(months), "měs.", num(129.0, style="sp"), money(129.0 * months)))
    for reg, used in registers:
        p = dist_vt if reg == "VT" else dist_nt
        lines.append((f"Cena za distribuci {reg}", _mwh(used), "MWh", num(p, style="sp"), money(used / 1000 * p)))
    lines.append(
        (
            f"Plat za jistič {breaker}",
            str(months),
            "měs.",
            num(CZ_BREAKER[breaker], style="sp"),
            money(CZ_BREAKER[breaker] * months),
        )
    )
    for label, p in (("Systémové služby", 164.39), ("Podpora elektřiny z POZE", 495.00), ("Daň z elektřiny", 28.30)):
        lines.append((label, _mwh(kwh), "MWh", num(p, style="sp"), money(kwh / 1000 * p)))
    lines.append(("Činnost operátora trhu", str(months), "měs.", num(4.11, style="sp"), money(4.11 * months)))
    base = money(sum(line[4] for line in lines))
    dph = money(base * 0.21)
    current = money(base + dph)
    advance = round(current / months * rng.uniform(0.82, 1.12) / 10) * 10
    missed = 1 if rng.random() < 0.15 else 0
    paid = money(advance * (months - missed))
    total = money(current - paid)
    refund = total < 0

    person = rng.choice(CZ_FIRMS if firm else CZ_HOMES)
    street = f"{rng.choice(CZ_STREETS)} {rng.randint(100, 3999)}/{rng.randint(1, 80)}"
    town = rng.choice(CZ_TOWNS)
    address = f"{street}, {town}"
    account = digits(rng, rng.choice((8, 10)))
    ean = "859182400" + digits(rng, 9)
    invoice, vs = digits(rng, 10), digits(rng, 10)
    ds = rng.randrange(2)
    acc_label = rng.choice(("Zákaznické číslo", "Číslo zákazníka", "Číslo smluvního účtu"))
    due_label = rng.choice(("Datum splatnosti", "Splatnost", "Uhraďte do"))
    pay_label = (
        rng.choice(("Přeplatek", "Přeplatek k vrácení"))
        if refund
        else rng.choice(("Nedoplatek k úhradě", "Celkem k úhradě", "K úhradě"))
    )
    cur_label = rng.choice(("Celkem s DPH", "Cena celkem vč. DPH", "Celková cena za dodávku s DPH"))
    kwh_meter = rng.random() < 0.5
    summary_top = rng.random() < 0.5
    s = Sheet(_CZ_CSS)

    def head() -> None:
        s.put(
            12,
            10,
            120,
            f'<div class="top"><div class="xl">{esc(seller)}</div><div class="s">{esc(seller_addr)}'
            f" · IČO {digits(rng, 8)} · DIČ CZ{digits(rng, 8)} · zákaznická linka 840 {digits(rng, 3)} "
            f"{digits(rng, 3)}</div></div>",
        )
        s.put(
            140,
            10,
            58,
            f'<div class="b">Vyúčtování dodávky elektřiny</div><div class="s">faktura – daňový '
            f"doklad č. {invoice}</div><div class=s>Vystaveno {stmt.day}. {CZ_MONTHS[stmt.month - 1]} "
            f"{stmt.year}</div>",
        )

    def customer() -> None:
        s.put(
            118,
            34,
            80,
            f'<div class="frame"><div class="b">{esc(person)}</div><div>{esc(street)}</div>'
            f"<div>{esc(town)}</div></div>",
        )

    def ids() -> None:
        rows = [
            [esc(acc_label), account],
            ["Číslo faktury", invoice],
            ["Variabilní symbol", vs],
            ["Datum vystavení", _cz_date(stmt, ds)],
            ["Datum uskutečnění zdan. plnění", _cz_date(end, ds)],
            ["Zúčtovací období", f"{_cz_date(start, ds)} – {_cz_date(end, ds)}"],
        ]
        s.put(12, 34, 96, grid(rows, cls="rows", head=False, widths=[48, 52]))

    def place() -> None:
        s.put(
            12,
            80,
            186,
            f"<h4>Odběrné místo</h4><div>{esc(address)}</div><div>EAN: {ean} · Produkt: "
            f"{esc(product)} · Distribuční sazba: {rate} · Hlavní jistič: {breaker}</div>",
        )

    sy = 200 if not summary_top else 104

    def summary() -> None:
        rows = [
            ["Cena za dodávku elektřiny bez DPH", _kc(base)],
            ["DPH 21 %", _kc(dph)],
            [esc(cur_label), _kc(current)],
            ["Zaplacené zálohy", _kc(-paid)],
        ]
        tail = (
            f"<div>Přeplatek Vám vrátíme převodem na účet do {_cz_date(due, ds)}.</div>"
            if refund
            else f'<div>{esc(due_label)}: <span class="b">{_cz_date(due, ds)}</span></div><div class="s">Účet '
            f"{digits(rng, 9)}/0300, variabilní symbol {vs}</div>"
        )
        s.put(
            12,
            sy,
            110,
            "<h4>Souhrn vyúčtování</h4>"
            + grid(rows, cls="rows", head=False, aligns="LR")
            + f'<div class="due" style="margin-top:3mm"><div>{esc(pay_label)}</div><div class="xl">'
            f"{_kc(abs(total))}</div>{tail}</div>",
        )

    def advances() -> None:
        rows = [["Záloha", "Splatnost", "Předpis", "Uhrazeno"]]
        for k in range(months):
            when = add_months(start, k) + dt.timedelta(days=14)
            rows.append(
                [f"{k + 1}.", _cz_date(when, ds), _kc(advance), _kc(0 if k == months - 1 and missed else advance)]
            )
        rows.append(["Celkem", "", "", _kc(paid)])
        s.put(130, sy, 68, "<h4>Zálohy</h4>" + grid(rows, aligns="LRRR"))

    def history() -> None:
        rows = [["Období", "Spotřeba (kWh)", "Průměr za den (kWh)"]]
        for k in range(3, 0, -1):
            a = add_months(start, -months * k)
            used = int(kwh * rng.uniform(0.8, 1.2))
            days = (add_months(a, months) - a).days
            rows.append(
                [
                    f"{_cz_date(a, ds)} – {_cz_date(add_months(a, months) - dt.timedelta(days=1), ds)}",
                    num(used, 0, style="sp"),
                    num(used / days, 1, style="sp"),
                ]
            )
        s.put(12, 200 if summary_top else 104, 110, "<h4>Vývoj Vaší spotřeby</h4>" + grid(rows, aligns="LRR"))

    blocks = [head, customer, ids, place, summary, advances, history]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    s.next_page()

    def reads() -> None:
        unit = "kWh" if kwh_meter else "MWh"
        rows = [["Elektroměr", "Tarif", "Počáteční stav", "Datum", "Konečný stav", "Datum", f"Spotřeba ({unit})"]]
        for reg, used in registers:
            old = rng.randint(1000, 90000)
            fmt = (lambda v: num(v, 0, style="sp")) if kwh_meter else _mwh
            rows.append([meter, reg, fmt(old), _cz_date(start, ds), fmt(old + used), _cz_date(end, ds), fmt(used)])
        foot = f'<div>Celková spotřeba za období: <span class="b">{_mwh(kwh)} MWh</span></div>' if two else ""
        s.put(12, 14, 186, "<h4>Odečty elektroměru</h4>" + grid(rows, aligns="LLRLRLR") + foot)

    def detail() -> None:
        rows = [["Položka", "Množství", "Jedn.", "Cena za jedn. bez DPH", "Cena bez DPH (Kč)"]]
        for i, (label, qty, unit, price, amount) in enumerate(lines):
            if i == 0:
                rows.append(['<span class="b">Dodávka elektřiny (neregulovaná část)</span>', "", "", "", ""])
            if label.startswith("Cena za distribuci VT"):
                rows.append(['<span class="b">Distribuce elektřiny (regulovaná část)</span>', "", "", "", ""])
            rows.append([esc(label), qty, unit, price, num(amount, style="sp")])
        rows += [
            ['<span class="b">Celkem bez DPH</span>', "", "", "", num(base, style="sp")],
            [f"DPH 21 % ze základu {num(base, style='sp')}", "", "", "", num(dph, style="sp")],
            [f'<span class="b">{esc(cur_label)}</span>', "", "", "", f'<span class="b">{_kc(current)}</span>'],
        ]
        s.put(12, 50, 186, "<h4>Rozpis vyúčtování</h4>" + grid(rows, aligns="LRLRR", widths=[46, 13, 7, 17, 17]))

    def outlook() -> None:
        nxt = money(round(current / months * 1.05 / 10) * 10)
        last = num(int(kwh * rng.uniform(0.85, 1.15)), 0, style="sp")
        s.put(
            12,
            228,
            186,
            f"<h4>Nový předpis záloh</h4><div>Od {_cz_date(end + dt.timedelta(days=1), ds)} "
            f"činí Vaše měsíční záloha {_kc(nxt)}, splatná vždy k 15. dni měsíce.</div>"
            f'<div class="s">Spotřeba ve stejném období loni: {last} kWh. Průměrná denní spotřeba: '
            f"{num(kwh / ((end - start).days + 1), 1, style='sp')} kWh.</div>",
        )

    blocks = [reads, detail, outlook]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    kind = "business" if firm else "household"
    notes = (
        f"Czech {kind} electricity settlement (vyúčtování) of {months} months, 2 pages, rate {rate}; "
        f"'{cur_label}' (current_charges) minus the advances paid (zálohy) = the amount; no previous balance; "
        + ("overpayment (přeplatek) refunded, no due date; " if refund else "underpayment (nedoplatek); ")
        + f"charges per MWh with 3 decimals, meter reads in {'kWh' if kwh_meter else 'MWh'}; "
        f"{acc_label} is the account; EAN, invoice number and variable symbol are not; summary "
        + ("at the top" if summary_top else "at the foot")
        + " of page 1"
    )
    record = truth(
        "cz_vyuctovani",
        notes,
        provider=seller,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=None if refund else iso(due),
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="CZK",
        electricity_kwh=float(kwh),
        meter_number=meter,
        rate_plan=rate,
        previous_balance=None,
        current_charges=current,
    )
    return render(s, f"{seller}|{account}|{iso(stmt)}|{total}"), record


ZA_MUNIS = (
    ("Highveld Ridge Local Municipality", "Civic Centre, Church Street, Secunda Ridge"),
    ("Umzinyathi Rivers Local Municipality", "Municipal Offices, 12 Victoria Street, Dundee Rivers"),
    ("City of Thukela Bay Metropolitan Municipality", "Thukela Bay House, Marine Parade, Thukela Bay"),
    ("Karoo Plains Municipality", "Town Hall, Voortrekker Road, Karoo Plains"),
)
ZA_HOMES = ("MR T NKOSI", "MRS L VAN DER MERWE", "MS N DLAMINI", "MR J PRETORIUS", "DR A NAIDOO", "MR S MOKOENA")
ZA_FIRMS = ("UBUNTU HARDWARE (PTY) LTD", "KAROO FRESH PRODUCE CC", "SUNRISE AUTO REPAIRS (PTY) LTD")
ZA_STREETS = ("Jacaranda Street", "Protea Avenue", "Acacia Road", "Msimang Drive", "Kerk Street", "Disa Close")
ZA_SUBURBS = ("Westdene", "Sunnyside", "Kwa-Thema Ext 2", "Fairview", "Bergsig", "Umlazi Unit 5")


def _za_date(d: dt.date, style: int) -> str:
    return nw((d.strftime("%Y/%m/%d"), d.strftime("%d/%m/%Y"), f"{d.day:02d} {EN_MONTHS[d.month - 1]} {d.year}")[style])


def _rand(v: float, *, sign: bool = True) -> str:
    text = num(abs(v)).replace(",", " ")
    return nw(("-" if v < 0 else "") + ("R" if sign else "") + text)


def _blocks(units: int, steps: tuple[tuple[int, float], ...]) -> list[tuple[int, int, int, float]]:
    """Inclining block tariff: (from, to, units in the block, rate) for each step ``units`` reaches."""
    out, lo, left = [], 0, units
    for hi, rate in steps:
        take = min(left, hi - lo)
        if take > 0:
            out.append((lo + 1, hi, take, rate))
            left -= take
        lo = hi
    return out


def za_municipal(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    muni, muni_addr = rng.choice(ZA_MUNIS)
    business = rng.random() < 0.3
    read_end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(8, 24))
    read_start = add_months(read_end, -1) + dt.timedelta(days=rng.choice((-2, 0, 1, 3)))
    stmt = read_end + dt.timedelta(days=rng.randint(4, 10))
    due = stmt + dt.timedelta(days=rng.choice((14, 18, 21)))
    kwh = rng.randint(1500, 9000) if business else rng.randint(180, 1400)
    kl = rng.randint(15, 90) if business else rng.randint(4, 42)
    e_old, w_old = rng.randint(10000, 990000), rng.randint(100, 9000)
    e_meter, w_meter = digits(rng, 11), f"W{digits(rng, 7)}"
    w_estimated = rng.random() < 0.2
    value = rng.randint(35, 260) * 10000 * (4 if business else 1)
    rebate = 0 if business else rng.choice((150000, 200000, 250000))
    rate_c = 0.0198 if business else 0.0092
    rates = money((value - rebate) * rate_c / 12)
    elec: list[tuple[str, str, float]] = []  # label, detail, amount (excl. VAT)
    if business:
        elec.append(("Electricity basic charge", "1 x R1 245.00", 1245.00))
        elec.append(
            ("Electricity energy charge", f"{num(kwh, 0).replace(',', ' ')} kWh @ R3.1842", money(kwh * 3.1842))
        )
        tariff = "Business Conventional"
    else:
        for lo, hi, units, r in _blocks(kwh, ((50, 2.1946), (350, 2.5168), (600, 3.0212), (10**9, 3.4780))):
            upper = f"{hi}" if hi < 10**9 else "+"
            elec.append(
                (f"Electricity block {lo}-{upper} kWh".replace("-+", "+"), f"{units} kWh @ R{r:.4f}", money(units * r))
            )
        elec.append(("Electricity network charge", "1 x R198.40", 198.40))
        tariff = "Domestic Conventional"
    water: list[tuple[str, str, float]] = [("Water basic charge", "1 x R96.50", 96.50)]
    steps = ((6, 19.84), (15, 27.36), (30, 39.12), (10**9, 54.60)) if not business else ((10**9, 41.25),)
    for _lo, _hi, units, r in _blocks(kl, steps):
        water.append((f"Water consumption step {len(water)}", f"{units} kl @ R{r:.2f}", money(units * r)))
    sewer = 412.30 if business else rng.choice((285.10, 324.75))
    refuse = 640.00 if business else 231.90
    services = elec + water + [("Sewerage", "monthly", sewer), ("Refuse removal", "1 x 240 l bin weekly", refuse)]
    vat_base = money(sum(a for *_, a in services))
    vat = money(vat_base * 0.15)
    before = money(rates + vat_base + vat)
    story = rng.random()
    prev: float | None
    paid: float | None
    if story < 0.15:  # paid ahead last month: the account is in credit
        prev = money(rng.uniform(800, 3000))
        paid = money(prev + before * rng.uniform(0.6, 1.4))
    else:
        prev, paid = balance_story(rng, before)
        if prev is None:  # every municipal statement opens with the balance brought forward
            prev = money(rng.uniform(900, 4000))
            paid = prev
    arrears = money(prev - (paid or 0))
    interest = money(arrears * 0.0125) if arrears > 0 else 0.0
    current = money(before + interest)
    total = money(arrears + current)
    credit = total < 0

    person = rng.choice(ZA_FIRMS if business else ZA_HOMES)
    suburb = rng.choice(ZA_SUBURBS)
    town = muni_addr.rsplit(", ", 1)[1]
    address = f"{rng.randint(1, 240)} {rng.choice(ZA_STREETS)}, {suburb}"
    account = digits(rng, rng.choice((10, 12)))
    erf = f"ERF {rng.randint(100, 9999)}" + (f" PORTION {rng.randint(1, 30)}" if rng.random() < 0.4 else "")
    invoice = f"{rng.choice(('TI', 'INV'))}{digits(rng, 9)}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Total Due", "Amount Due", "Total Amount Payable", "Closing Balance"))
    due_label = rng.choice(("Due Date", "Payment Due Date", "Pay before"))
    cur_label = rng.choice(("Total Current Charges", "Current Charges", "Current Account"))
    open_label = rng.choice(("Opening Balance", "Balance Brought Forward", "Previous Balance"))
    amount_foot = rng.random() < 0.5
    dy = 0 if amount_foot else 20  # a box at the top pushes the body down
    s = Sheet(
        ".band { background: #1f5f3a; color: #fff; padding: 2.5mm; } .band .s { color: #e6e6e6; }"
        " td, th { padding: 0.6mm 1.3mm; }"
    )

    def head() -> None:
        s.put(
            0,
            0,
            210,
            f'<div class="band"><div class="xl">{esc(muni)}</div><div class="s">{esc(muni_addr)} · '
            f"VAT Reg. No. 4{digits(rng, 9)} · Call centre 0800 {digits(rng, 3)} {digits(rng, 3)}</div></div>",
        )
        s.put(140, 20, 60, '<div class="b" style="font-size:11pt">TAX INVOICE / STATEMENT OF ACCOUNT</div>')

    def post() -> None:
        s.put(
            12,
            32,
            90,
            f'<div class="b">{esc(person)}</div><div>PO BOX {rng.randint(10, 9999)}</div>'
            f"<div>{esc(town.upper())}</div><div>{rng.randint(1000, 9999):04d}</div>",
        )

    def ids() -> None:
        rows = [
            ["Account Number", account],
            ["Tax Invoice No.", invoice],
            ["Statement Date", _za_date(stmt, ds)],
            ["Property", f"{erf}, {esc(suburb)}"],
            ["Municipal Valuation", _rand(value)],
            ["Category", "Business and Commercial" if business else "Residential"],
            ["Electricity tariff", tariff],
        ]
        s.put(112, 30, 88, grid(rows, cls="rows", head=False, widths=[42, 58]))

    def situated() -> None:
        s.put(12, 62 + dy, 186, f'<div class="s">Service address</div><div class="b">{esc(address)}</div>')

    def meters() -> None:
        rows = [["Service", "Meter No.", "Previous reading", "Date", "Current reading", "Date", "Type", "Consumption"]]
        rows.append(
            [
                "Electricity",
                e_meter,
                num(e_old, 0).replace(",", " "),
                _za_date(read_start, ds),
                num(e_old + kwh, 0).replace(",", " "),
                _za_date(read_end, ds),
                "Actual",
                nw(f"{num(kwh, 0).replace(',', ' ')} kWh"),
            ]
        )
        rows.append(
            [
                "Water",
                w_meter,
                str(w_old),
                _za_date(read_start, ds),
                str(w_old + kl),
                _za_date(read_end, ds),
                "Estimate" if w_estimated else "Actual",
                nw(f"{kl} kl"),
            ]
        )
        days = (read_end - read_start).days
        s.put(12, 74 + dy, 186, f"<h4>Meter readings ({days} days)</h4>" + grid(rows, aligns="LLRLRLLR"))

    def charges() -> None:
        rows = [
            ["Description", "Detail", "Amount"],
            ['<span class="b">Property Rates</span>', "", ""],
            ["Assessment rates", f"({_rand(value)} - {_rand(rebate)}) x {rate_c:.4f} / 12", _rand(rates)],
        ]
        groups = (("Electricity", elec), ("Water", water), ("Sanitation and waste", services[len(elec) + len(water) :]))
        for name, items in groups:
            rows.append([f'<span class="b">{name}</span>', "", ""])
            rows += [[esc(a), esc(b), _rand(c)] for a, b, c in items]
        rows.append([f"VAT @ 15% on {_rand(vat_base)}", "rates are zero-rated", _rand(vat)])
        if interest:
            rows.append(["Interest on arrears", f"1.25% on {_rand(arrears)}", _rand(interest)])
        rows.append([f'<span class="b">{esc(cur_label)}</span>', "", f'<span class="b">{_rand(current)}</span>'])
        s.put(12, 104 + dy, 186, "<h4>Details of current charges</h4>" + grid(rows, aligns="LLR", widths=[40, 42, 18]))

    ay = 256 if amount_foot else 48

    def amount() -> None:
        shown = f"{_rand(-total)} CR" if credit else _rand(total)
        tail = "" if credit else f'<div>{esc(due_label)}: <span class="b">{_za_date(due, ds)}</span></div>'
        s.put(
            12,
            ay,
            90,
            f'<div class="frame tint"><div>{esc(total_label)}</div><div class="xl">{shown}</div>{tail}</div>',
        )

    def summary() -> None:
        rows = [[esc(open_label), _rand(prev)]]
        if paid:
            rows.append(["Payments received - thank you", _rand(-paid)])
        rows += [
            [esc(cur_label), _rand(current)],
            [f'<span class="b">{esc(total_label)}</span>', f'<span class="b">{_rand(total)}</span>'],
        ]
        s.put(
            112,
            252 if not amount_foot else 236,
            88,
            "<h4>Account summary</h4>" + grid(rows, cls="rows", head=False, aligns="LR"),
        )

    def ageing() -> None:
        rows = [
            ["Current", "30 Days", "60 Days", "90 Days", "120 Days +", "Total"],
            [_rand(current, sign=False), _rand(arrears, sign=False), "0.00", "0.00", "0.00", _rand(total, sign=False)],
        ]
        s.put(12, 230 if amount_foot else 252, 96, "<h4>Age analysis</h4>" + grid(rows, aligns="RRRRRR"))
        s.put(
            12,
            282,
            186,
            f'<div class="s">Bank: First Rand Municipal Collections, account {digits(rng, 10)},'
            f" reference {account}. Interest is charged on arrears. Pay at any municipal cash office, EasyPay "
            f"or by EFT.</div>",
        )

    blocks = [head, post, ids, situated, meters, charges, amount, summary, ageing]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    kind = "business" if business else "residential"
    notes = (
        f"South African municipal {kind} statement of account, 1 page: rates, electricity, water (kl, truth "
        f"in m3), sewerage and refuse on one account; '{cur_label}' is current_charges (rates without VAT, "
        f"VAT 15 % on the services" + (", interest on arrears" if interest else "") + "); "
        f"'{open_label}' - payments + current = '{total_label}'"
        + (", the account is in credit (CR), no due date" if credit else "")
        + "; amount box "
        + ("at the foot" if amount_foot else "at the top")
        + "; Account Number is the account (ERF, invoice number, valuation are not); meter_number is the "
        "electricity meter; age analysis repeats the figures"
    )
    record = truth(
        "za_municipal",
        notes,
        provider=muni,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=None if credit else iso(due),
        billing_period_start=iso(read_start),
        billing_period_end=iso(read_end),
        total_amount_due=total,
        currency="ZAR",
        electricity_kwh=float(kwh),
        water_usage=float(kl),
        water_usage_unit="m3",
        meter_number=e_meter,
        rate_plan=tariff,
        previous_balance=prev,
        current_charges=current,
    )
    return render(s, f"{muni}|{account}|{iso(stmt)}|{total}"), record
