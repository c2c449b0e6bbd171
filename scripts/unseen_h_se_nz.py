"""Set H, two layouts drawn with the fpdf2 kit: a Swedish monthly electricity invoice (elhandel + elnät on one
faktura, öre/kWh prices, energiskatt, moms 25 %, the payment slip at the foot) and a New Zealand monthly
energy bill (electricity anytime or day / night, gas on some, daily charges, GST included or added, the account
summary at the top)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
    Page,
    add_months,
    balance_story,
    days_in_month,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    truth,
)

SE_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
SE_SELLERS = (
    ("Norrlands Kraft & Nät AB", "Box 714, 851 21 Sundsvall"),
    ("Mälardalens Energi AB", "Kraftverksgatan 4, 721 30 Västerås"),
    ("Skånska Elbolaget AB", "Hamngatan 18, 252 21 Helsingborg"),
)
SE_HOMES = ("Anna Lindqvist", "Erik Johansson", "Karin Åberg", "Lars Öberg", "Maria Nyström", "Johan Ekström")
SE_FIRMS = ("Bageriet i Hässleholm AB", "Fjällbo Snickeri AB", "Ängens Bilverkstad HB")
SE_PLACES = (
    ("Storgatan 12 B", "582 22 Linköping", "SE3"),
    ("Vasavägen 7", "903 26 Umeå", "SE1"),
    ("Kungsgatan 45", "411 19 Göteborg", "SE3"),
    ("Ringvägen 3", "791 31 Falun", "SE3"),
    ("Södra Förstadsgatan 28", "211 43 Malmö", "SE4"),
    ("Nygatan 9", "852 31 Sundsvall", "SE2"),
)
SE_FUSE = {16: 325.0, 20: 431.0, 25: 552.0, 35: 790.0, 63: 1460.0}


def _se_date(d: dt.date, style: int) -> str:
    return d.isoformat() if style == 0 else f"{d.day} {SE_MONTHS[d.month - 1]} {d.year}"


def _kr(v: float) -> str:
    return f"{num(v, style='sp')} kr"


def sweden_invoice(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    seller, seller_addr = rng.choice(SE_SELLERS)
    firm = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    end = dt.date(start.year, start.month, days_in_month(start.year, start.month))
    stmt = end + dt.timedelta(days=rng.randint(3, 9))
    due = stmt + dt.timedelta(days=rng.choice((20, 25, 30)))
    street, town, area = rng.choice(SE_PLACES)
    winter = start.month in (11, 12, 1, 2, 3)
    konst = rng.choice((1, 40, 80)) if firm else 1
    raw = (
        rng.randint(60, 400)
        if konst > 1
        else rng.randint(2500, 16000)
        if firm
        else rng.randint(900, 2800)
        if winter
        else rng.randint(150, 900)
    )
    kwh = raw * konst
    fuse = rng.choice((35, 63)) if firm else rng.choice((16, 16, 20, 25))
    plan = rng.choice(("Rörligt elpris", "Fast elpris 12 mån", "Timpris", "Fast pris 3 år"))
    spot = (
        round(rng.uniform(18.0, 145.0), 2)
        if plan in ("Rörligt elpris", "Timpris")
        else round(rng.uniform(69.0, 119.0), 2)
    )
    skatt = 42.80 if start.year < 2025 else 43.90
    demand = round(rng.uniform(18, 95), 1) if firm else None
    trade = [
        (
            f"Elpris timpris {area}"
            if plan == "Timpris"
            else f"Rörligt elpris, månadsmedel {area}"
            if plan == "Rörligt elpris"
            else "Fast elpris",
            kwh,
            spot,
        ),
        ("Påslag", kwh, 4.90),
        ("Elcertifikat", kwh, 0.35),
    ]
    grid_lines = [("Elöverföring", kwh, 24.60 if not firm else 17.20), ("Energiskatt", kwh, skatt)]
    items: list[tuple[str, str, str, float]] = []  # section line, quantity, unit price, amount excl. moms
    items += [
        (n, f"{num(q, 0, style='sp')} kWh", f"{num(p, style='sp')} öre/kWh", money(q * p / 100)) for n, q, p in trade
    ]
    items.append(("Fast månadsavgift elhandel", "1 mån", _kr(49.0), 49.0))
    split = len(items)
    items.append((f"Nätabonnemang säkring {fuse} A", "1 mån", _kr(SE_FUSE[fuse]), SE_FUSE[fuse]))
    items += [
        (n, f"{num(q, 0, style='sp')} kWh", f"{num(p, style='sp')} öre/kWh", money(q * p / 100))
        for n, q, p in grid_lines
    ]
    if demand is not None:
        items.append(("Effektavgift", f"{num(demand, 1, style='sp')} kW", _kr(61.0), money(demand * 61.0)))
    net = money(sum(a for *_, a in items))
    moms = money(net * 0.25)
    rounding = money(round(net + moms) - (net + moms))
    current = money(net + moms + rounding)
    unpaid = money(rng.uniform(300, 2500)) if rng.random() < 0.2 else None
    total = money(current + (unpaid or 0))

    person = rng.choice(SE_FIRMS if firm else SE_HOMES)
    address = f"{street}, {town}"
    account = digits(rng, rng.choice((6, 8)))
    invoice, ocr = digits(rng, 9), digits(rng, 14)
    anl = "735999" + digits(rng, 12)
    meter = digits(rng, 8)
    old = rng.randint(2000, 900000)
    ds = rng.choice((0, 0, 1))
    total_label = rng.choice(("Att betala", "Belopp att betala", "Summa att betala"))
    due_label = rng.choice(("Förfallodag", "Förfallodatum", "Betala senast"))
    cur_label = rng.choice(("Summa denna faktura", "Periodens kostnad", "Fakturans belopp"))
    acc_label = rng.choice(("Kundnummer", "Kundnr"))
    top_box = rng.random() < 0.5
    p = Page(fmt="A4")

    def header() -> None:
        p.text(14, 12, seller, 14, bold=True)
        p.text(
            14,
            19,
            f"{seller_addr} | Org.nr 556{digits(rng, 3)}-{digits(rng, 4)} | Kundservice 0771-"
            f"{digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
            7,
        )
        p.text(140, 12, "Faktura", 16, bold=True)

    def recipient() -> None:
        p.text(120, 32, person, 10, bold=True)
        p.text(120, 37.5, street, 9)
        p.text(120, 42, town, 9)

    def ids() -> None:
        rows = [
            [acc_label, account],
            ["Fakturanummer", invoice],
            ["Fakturadatum", _se_date(stmt, ds)],
            ["Period", f"{_se_date(start, ds)} – {_se_date(end, ds)}"],
            ["Elavtal", plan],
        ]
        p.table(14, 30, [30, 60], rows, size=8, row_h=5, header=False, grid=False, aligns="LL")

    def place() -> None:
        p.text(14, 60, "Anläggning", 9, bold=True)
        p.text(14, 65, f"{address} | Anläggnings-ID {anl} | Elområde {area} | Säkring {fuse} A", 7.5)

    by = 72.0 if top_box else None

    def box() -> None:
        if by is None:
            return
        p.rect(120, by, 76, 17, fill=238)
        p.text(123, by + 2.5, f"{total_label}: {_kr(total)}", 11, bold=True)
        p.text(123, by + 9.5, f"{due_label}: {_se_date(due, ds)}", 9)

    ry = 94.0

    def reads() -> None:
        p.text(14, ry, "Mätarställningar", 9.5, bold=True)
        head = ["Mätare", "Datum", "Föregående", "Datum", "Nuvarande", "Konstant", "Förbrukning"]
        rows = [
            head,
            [
                meter,
                _se_date(start, 0),
                num(old, 0, style="sp"),
                _se_date(end, 0),
                num(old + raw, 0, style="sp"),
                str(konst),
                f"{num(kwh, 0, style='sp')} kWh",
            ],
        ]
        p.table(14, ry + 5, [26, 22, 26, 22, 26, 20, 40], rows, size=7.5, row_h=5, aligns="LLRLRRR")
        if demand is not None:
            p.text(14, ry + 17, f"Uppmätt högsta effekt under perioden: {num(demand, 1, style='sp')} kW", 7.5)

    cy = 122.0

    def charges() -> None:
        p.text(14, cy, "Specifikation", 9.5, bold=True)
        rows = [["Beskrivning", "Antal", "Pris exkl. moms", "Belopp"], ["Elhandel", "", "", ""]]
        for k, (n, q, u, a) in enumerate(items):
            if k == split:
                rows.append(["Elnät", "", "", ""])
            rows.append([n, q, u, _kr(a)])
        rows += [
            ["Summa exkl. moms", "", "", _kr(net)],
            ["Moms 25 %", "", "", _kr(moms)],
            ["Öresavrundning", "", "", _kr(rounding)],
            [cur_label, "", "", _kr(current)],
        ]
        if unpaid is not None:
            rows.append([f"Obetalt från faktura {digits(rng, 9)}", "", "", _kr(unpaid)])
            rows.append([total_label, "", "", _kr(total)])
        p.table(14, cy + 5, [80, 30, 42, 30], rows, size=7.5, row_h=4.8, aligns="LRRR")

    def history() -> None:
        p.text(14, 222, "Din elanvändning, kWh per månad", 8.5, bold=True)
        x = 14.0
        for k in range(12, 0, -1):
            m = add_months(start, -k)
            p.text(x, 227, SE_MONTHS[m.month - 1][:3], 6.5)
            p.text(x, 231, num(int(kwh * rng.uniform(0.6, 1.4)), 0, style="sp"), 6.5)
            x += 15
        last = num(int(kwh * rng.uniform(0.8, 1.2)), 0, style="sp")
        p.text(
            14,
            236,
            f"Samma månad förra året: {last} kWh. Beräknad årsförbrukning: "
            f"{num(int(kwh * 12 * rng.uniform(0.9, 1.1)), 0, style='sp')} kWh.",
            7,
        )

    def slip() -> None:
        p.hline(0, 210, 246, dash=True)
        p.text(14, 249, "Betalningsinformation", 9, bold=True)
        rows = [
            [total_label, _kr(total)],
            [due_label, _se_date(due, ds)],
            ["OCR-nummer", ocr],
            ["Bankgiro", f"{digits(rng, 4)}-{digits(rng, 4)}"],
        ]
        p.table(14, 255, [45, 50], rows, size=9, row_h=6, header=False, aligns="LR")
        p.text(120, 256, "Betala via internetbanken eller med autogiro.", 7.5)
        p.text(120, 261, f"Betalningsmottagare: {seller}", 7.5)

    draw_shuffled(rng, [header, recipient, ids, place, box, reads, charges, history, slip])
    kind = "business" if firm else "household"
    notes = (
        f"Swedish {kind} monthly electricity invoice (elhandel + elnät), 1 page; prices in öre/kWh excl. moms, "
        f"moms 25 %, öresavrundning to whole kronor; '{cur_label}' is current_charges"
        + (", plus an unpaid earlier invoice = the total" if unpaid else ", no previous balance")
        + f"; kWh = reads x {konst}; {acc_label} is the account (Anläggnings-ID, OCR, invoice number are not)"
        + ("; measured peak kW" if demand is not None else "")
        + "; payment slip at the foot"
        + (", amount box at the top too" if top_box else "")
    )
    record = truth(
        "se_elfaktura",
        notes,
        provider=seller,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due),
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="SEK",
        electricity_kwh=float(kwh),
        demand_kw=demand,
        meter_number=meter,
        rate_plan=plan,
        previous_balance=unpaid,
        current_charges=current,
    )
    return p.output(), record


NZ_RETAILERS = (
    ("Southern Lights Energy Ltd", "PO Box 90211, Victoria Street West, Auckland 1142"),
    ("Tasman Power & Gas Ltd", "Level 4, 12 Hardy Street, Nelson 7010"),
    ("Kiwi Current Ltd", "PO Box 5521, Lambton Quay, Wellington 6140"),
)
NZ_HOMES = ("Aroha Ngata", "James Wilson", "Mere Tipene", "Sarah Thompson", "Liam Patel", "Hemi Walker")
NZ_FIRMS = ("Harbourview Cafe Ltd", "Riverside Motors Ltd", "Totara Joinery Ltd")
NZ_PLACES = (
    "14 Kauri Street, Mt Eden, Auckland 1024",
    "3/27 Cuba Street, Te Aro, Wellington 6011",
    "82 Riccarton Road, Riccarton, Christchurch 8041",
    "5 Tui Place, Hamilton East, Hamilton 3216",
    "19 Marine Parade, Mount Maunganui 3116",
)


def _nz_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"


def _nzd(v: float, cr: bool = False) -> str:
    if v < 0:
        return f"${num(-v)} CR" if cr else f"-${num(-v)}"
    return f"${num(v)}"


def nz_energy(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    retailer, retailer_addr = rng.choice(NZ_RETAILERS)
    firm = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(27, 32))
    days = (end - start).days + 1
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.choice((14, 18, 20)))
    low = not firm and rng.random() < 0.5
    night = rng.random() < 0.35
    used = rng.randint(900, 5000) if firm else rng.randint(180, 700) if low else rng.randint(450, 1400)
    plan = ("Business" if firm else "Low User" if low else "Standard User") + (" Day/Night" if night else " Anytime")
    daily = 2.3900 if firm else 0.9900 if low else 2.1500
    anytime = 0.2410 if firm else 0.3312 if low else 0.2650
    registers = [("Anytime", used, anytime)]
    if night:
        n = int(used * rng.uniform(0.25, 0.4))
        registers = [("Day", used - n, round(anytime * 1.08, 4)), ("Night", n, round(anytime * 0.62, 4))]
    gas = not firm and rng.random() < 0.4
    gas_m3 = rng.randint(25, 160) if gas else 0
    factor = round(rng.uniform(11.35, 11.75), 4)
    gas_kwh = round(gas_m3 * factor)
    e_meter, g_meter = f"{digits(rng, 2)}{rng.choice('ABHJK')}{digits(rng, 6)}", f"G{digits(rng, 7)}"
    icp = f"000{digits(rng, 7)}{rng.choice(('UN', 'CK', 'WE', 'TR'))}{rng.choice('ABCDEF')}{digits(rng, 2)}"
    lines: list[tuple[str, str, float]] = []  # service, description, amount
    for name, q, r in registers:
        lines.append(("Electricity", f"{name} {num(q, 0)} kWh @ ${r:.4f}", money(q * r)))
    lines.append(("Electricity", f"Daily charge {days} days @ ${daily:.4f}", money(days * daily)))
    lines.append(("Electricity", f"Electricity Authority levy {num(used, 0)} kWh @ $0.0013", money(used * 0.0013)))
    if gas:
        lines.append(("Gas", f"Gas {num(gas_kwh, 0)} kWh @ $0.1192", money(gas_kwh * 0.1192)))
        lines.append(("Gas", f"Gas daily charge {days} days @ $1.8500", money(days * 1.85)))
        lines.append(("Gas", f"Gas levy {num(gas_kwh, 0)} kWh @ $0.0005", money(gas_kwh * 0.0005)))
    sub = money(sum(a for *_, a in lines))
    if firm:  # business prices are quoted excluding GST and GST is added
        gst = money(sub * 0.15)
        current = money(sub + gst)
    else:  # residential prices include GST: the GST figure is part of the charges, not added
        current = sub
        gst = money(current * 3 / 23)
    if rng.random() < 0.12:  # paid ahead: the account stays in credit
        prev: float | None = money(rng.uniform(40, 250))
        paid: float | None = money(prev + current * rng.uniform(1.1, 1.6))
    else:
        prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    cr = rng.random() < 0.6

    person = rng.choice(NZ_FIRMS if firm else NZ_HOMES)
    address = rng.choice(NZ_PLACES)
    account = digits(rng, rng.choice((7, 9)))
    customer_no = digits(rng, 6)
    invoice = f"INV-{digits(rng, 8)}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Total amount due", "Amount to pay", "Total due", "Balance due"))
    due_label = rng.choice(("Due date", "Please pay by", "Payment due"))
    cur_label = rng.choice(("This month's charges", "Current charges", "New charges"))
    p = Page(fmt="A4")

    def head() -> None:
        p.text(12, 10, retailer, 15, bold=True)
        p.text(
            12,
            17.5,
            f"{retailer_addr} | GST No. {digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 3)} | "
            f"0800 {digits(rng, 3)} {digits(rng, 3)}",
            7,
        )
        p.text(150, 10, "Tax invoice", 12, bold=True)

    def who() -> None:
        p.text(12, 28, person, 10, bold=True)
        y = 33.0
        for part in address.split(", "):
            p.text(12, y, part, 8.5)
            y += 4.2

    def ids() -> None:
        rows = [
            ["Account number", account],
            ["Customer number", customer_no],
            ["Invoice number", invoice],
            ["Invoice date", _nz_date(stmt, ds)],
            ["Billing period", f"{_nz_date(start, ds)} to {_nz_date(end, ds)}"],
            ["Plan", plan],
        ]
        p.table(112, 26, [32, 56], rows, size=7.8, row_h=5, header=False, aligns="LL")

    def summary() -> None:
        y = 64.0
        p.text(12, y, "Account summary", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Opening balance", _nzd(prev, cr)))
            if paid:
                rows.append(("Payment received - thank you", _nzd(-paid, cr)))
        rows.append((cur_label, _nzd(current, cr)))
        rows.append((total_label, _nzd(total, cr)))
        yy = y + 6
        for label, val in rows:
            p.text(12, yy, label, 8.5, bold=label == total_label)
            p.text(70, yy, val, 8.5, w=30, align="R", bold=label == total_label)
            yy += 5
        p.rect(118, y, 80, 26, fill=235, line=0.4)
        p.text(121, y + 3, total_label, 9)
        p.text(121, y + 9, _nzd(total, cr), 16, bold=True)
        if total > 0:
            p.text(121, y + 18, f"{due_label}: {_nz_date(due, ds)}", 8.5)
        else:
            p.text(121, y + 18, "Your account is in credit - nothing to pay", 7.5)

    def reads() -> None:
        y = 98.0
        p.text(12, y, "Meter readings", 9.5, bold=True)
        p.text(60, y + 0.5, f"Supply address: {address} | ICP {icp}", 7.5)
        rows = [["Meter", "Register", "Previous", "Current", "Type", "Units"]]
        for name, q, _ in registers:
            old = rng.randint(1000, 90000)
            rows.append(
                [
                    e_meter,
                    name,
                    str(old),
                    str(old + q),
                    rng.choice(("Actual", "Actual", "Estimate")),
                    f"{num(q, 0)} kWh",
                ]
            )
        if night:
            rows.append(["", "Total electricity", "", "", "", f"{num(used, 0)} kWh"])
        if gas:
            old = rng.randint(1000, 30000)
            rows.append([g_meter, "Gas m3", str(old), str(old + gas_m3), "Actual", f"{gas_m3} m3"])
        p.table(12, y + 5, [30, 36, 26, 26, 24, 32], rows, size=7.8, row_h=5, aligns="LLRRLR")
        if gas:
            p.text(
                12,
                y + 8 + 5 * len(rows),
                f"Gas: {gas_m3} m3 x conversion factor {factor:.4f} = {num(gas_kwh, 0)} kWh",
                7.5,
            )

    def charges() -> None:
        y = 148.0
        p.text(12, y, "Your charges" + ("" if firm else " (prices include GST)"), 9.5, bold=True)
        rows = [["Service", "Description", "Amount"]] + [[a, b, _nzd(c)] for a, b, c in lines]
        if firm:
            rows += [["", "Total excluding GST", _nzd(sub)], ["", "GST 15%", _nzd(gst)]]
        rows.append(["", cur_label, _nzd(current)])
        p.table(12, y + 5, [30, 114, 30], rows, size=7.8, row_h=5, aligns="LLR")
        if not firm:
            p.text(12, y + 8 + 5 * len(rows), f"GST included in this invoice: {_nzd(gst)}", 7.5)

    def usage() -> None:
        y = 246.0
        p.text(12, y, "Your usage", 9, bold=True)
        p.text(
            12,
            y + 5,
            f"Average daily use: {num(used / days, 1)} kWh. Same time last year: "
            f"{num(int(used * rng.uniform(0.8, 1.25)), 0)} kWh.",
            7.5,
        )
        p.text(12, y + 10, f"Your next meter reading is expected around {_nz_date(add_months(end, 1), ds)}.", 7.5)
        p.text(
            12,
            y + 20,
            "Pay by direct debit, internet banking (use your account number as the reference) or credit card.",
            7,
        )

    draw_shuffled(rng, [head, who, ids, summary, reads, charges, usage])
    kind = "business" if firm else "residential"
    notes = (
        f"New Zealand {kind} monthly energy bill, 1 page, {'day / night' if night else 'anytime'} electricity"
        + (" + gas (m3 x conversion factor = kWh)" if gas else "")
        + f"; account summary and amount box at the top; '{cur_label}' is current_charges "
        + ("(prices excl. GST, GST 15 % added)" if firm else "(prices incl. GST, the GST included is a distractor)")
        + ("; the account is in credit, no due date" if total <= 0 else "")
        + "; Account number is the account (customer number, invoice number and the ICP are not); "
        "meter_number is the electricity meter"
    )
    record = truth(
        "nz_energy",
        notes,
        provider=retailer,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="NZD",
        electricity_kwh=float(used),
        gas_usage=float(gas_kwh) if gas else None,
        gas_usage_unit="kWh" if gas else None,
        meter_number=e_meter,
        rate_plan=plan,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
