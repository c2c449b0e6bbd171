"""Set H, two layouts drawn with the fpdf2 kit: a Swedish monthly electricity invoice (elhandel + elnät on one
faktura, öre/kWh prices, energiskatt, moms 25 %, the payment slip at the foot) and an Irish two-monthly
electricity bill (day / night or 24-hour units, standing charge per day, PSO levy, VAT 9 %, the account summary
at the top)."""

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
        (f"Elpris {'spot ' + area if plan == 'Timpris' else plan.lower()}", kwh, spot),
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


IE_SUPPLIERS = (
    ("Emerald Energy DAC", "PO Box 4107, Dublin 2"),
    ("Liffey Power Ltd", "Liffey House, Cork Road, Waterford"),
    ("Shannon Electric Supply DAC", "Dock Road, Limerick"),
)
IE_HOMES = ("Siobhán Murphy", "Patrick O'Brien", "Aoife Kelly", "Declan Byrne", "Niamh Walsh", "Ciarán Doyle")
IE_FIRMS = ("The Corner Café Ltd", "Byrne Hardware Ltd", "Kelly's Pharmacy Ltd")
IE_PLACES = (
    ("14 Ashgrove Park, Ballincollig, Co. Cork", "P31 X2Y4"),
    ("22 Dominick Street, Galway", "H91 K7D3"),
    ("7 Main Street, Tullamore, Co. Offaly", "R35 F8N2"),
    ("3 Willow Court, Lucan, Co. Dublin", "K78 P4W6"),
    ("Ardmore, Kinvara, Co. Galway", "H91 T2C8"),
)


def _ie_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def _eur(v: float, cr: bool) -> str:
    if v < 0:
        return f"€{num(-v)} CR" if cr else f"-€{num(-v)}"
    return f"€{num(v)}"


def ireland_bimonthly(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    supplier, supplier_addr = rng.choice(IE_SUPPLIERS)
    firm = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(58, 63))
    days = (end - start).days + 1
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    dd = rng.random() < 0.4
    due = stmt + dt.timedelta(days=rng.choice((14, 14, 18)))
    rural = rng.random() < 0.3
    night = rng.random() < 0.45
    registers: list[tuple[str, int, float]] = []
    used = rng.randint(1500, 6000) if firm else rng.randint(420, 1900)
    if night:
        n = int(used * rng.uniform(0.3, 0.55))
        registers = [
            ("Day", used - n, round(rng.uniform(0.33, 0.43), 4)),
            ("Night", n, round(rng.uniform(0.16, 0.22), 4)),
        ]
        plan = rng.choice(("Home Electric Nightsaver", "Nightsaver Saver")) if not firm else "Business Nightsaver"
    else:
        registers = [("24 Hour", used, round(rng.uniform(0.30, 0.41), 4))]
        plan = rng.choice(("Home Electric Standard", "Home Electric+ 24hr")) if not firm else "Business Standard"
    meter = digits(rng, 8)
    mprn = "10" + digits(rng, 9)
    standing = 0.8110 if firm else (0.7356 if rural else 0.6200)
    discount = rng.choice((0, 0, 8, 12))
    lines: list[tuple[str, float]] = []
    for name, q, r in registers:
        lines.append((f"{name} units {num(q, 0)} kWh @ €{r:.4f}", money(q * r)))
    units = money(sum(a for _, a in lines))
    if discount:
        lines.append((f"Discount {discount}% on unit charges", -money(units * discount / 100)))
    lines.append(
        (f"Standing charge {'Rural' if rural else 'Urban'} {days} days @ €{standing:.4f}", money(days * standing))
    )
    pso = 1.64 if start.year < 2025 else 3.23
    lines.append((f"PSO levy 2 months @ €{pso:.2f}", money(2 * pso)))
    sub = money(sum(a for _, a in lines))
    vat = money(sub * 0.09)
    credit = 150.0 if (not firm and start.year < 2025 and rng.random() < 0.3) else 0.0
    current = money(sub + vat - credit)
    if rng.random() < 0.12:  # paid ahead: the account is in credit after this bill
        prev = money(rng.uniform(60, 300))
        paid = money(prev + max(current, 50.0) * rng.uniform(1.1, 1.6))
    else:
        prev, paid = balance_story(rng, max(current, 120.0))
    total = money((prev or 0) - (paid or 0) + current)
    cr = rng.random() < 0.5

    person = rng.choice(IE_FIRMS if firm else IE_HOMES)
    address, eircode = rng.choice(IE_PLACES)
    account = digits(rng, rng.choice((9, 10)))
    invoice = digits(rng, 8)
    ds = rng.randrange(3)
    total_label = rng.choice(("Amount due", "Total due", "Balance due", "Total amount due"))
    due_label = "Direct Debit on or after" if dd else rng.choice(("Payment due by", "Due date", "Please pay by"))
    cur_label = rng.choice(("Charges this period", "This bill", "Total charges this bill"))
    p = Page(fmt="A4")
    est = rng.random() < 0.25

    def head() -> None:
        p.rect(0, 0, 210, 18, fill=220, line=0)
        p.text(12, 5, supplier, 14, bold=True)
        p.text(12, 12, f"{supplier_addr} | VAT No. IE{digits(rng, 7)}W | 1800 {digits(rng, 3)} {digits(rng, 3)}", 7)
        p.text(150, 6, "Your electricity bill", 11, bold=True)

    def who() -> None:
        p.text(12, 26, person, 10, bold=True)
        y = 31.0
        for part in [*address.split(", "), eircode]:
            p.text(12, y, part, 8.5)
            y += 4.2

    def ids() -> None:
        rows = [
            ["Account number", account],
            ["Invoice number", invoice],
            ["Bill date", _ie_date(stmt, ds)],
            ["Billing period", f"{_ie_date(start, ds)} - {_ie_date(end, ds)}"],
            ["MPRN", mprn],
            ["Tariff", plan],
        ]
        p.table(112, 24, [32, 56], rows, size=7.8, row_h=5, header=False, aligns="LL")

    def summary() -> None:
        y = 62.0
        p.rect(12, y, 186, 38, fill=245, line=0.3)
        p.text(15, y + 2.5, "Your account summary", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous bill", _eur(prev, cr)))
            rows.append(("Payments received - thank you", _eur(-(paid or 0), cr)))
            rows.append(("Balance brought forward", _eur(money(prev - (paid or 0)), cr)))
        rows.append((cur_label, _eur(current, cr)))
        yy = y + 9
        for label, val in rows:
            p.text(15, yy, label, 8.5)
            p.text(85, yy, val, 8.5, w=30, align="R")
            yy += 5
        p.rect(125, y + 6, 68, 26, line=0.5)
        p.text(128, y + 9, total_label, 9)
        p.text(128, y + 15, _eur(total, cr), 16, bold=True)
        if total > 0:
            p.text(128, y + 24, f"{due_label} {_ie_date(due, ds)}", 8)
        else:
            p.text(128, y + 24, "Nothing to pay: your account is in credit", 7.5)

    def reads() -> None:
        y = 108.0
        p.text(12, y, "Meter readings", 9.5, bold=True)
        p.text(60, y + 0.5, f"Supply address: {address}, {eircode}", 7.5)
        rows = [["Meter", "Register", "Previous read", "Present read", "Read type", "Units (kWh)"]]
        for name, q, _ in registers:
            old = rng.randint(1000, 80000)
            rows.append(
                [
                    meter,
                    name,
                    num(old, 0).replace(",", ""),
                    num(old + q, 0).replace(",", ""),
                    "E" if est else "A",
                    num(q, 0),
                ]
            )
        if len(registers) > 1:
            rows.append(["", "Total units", "", "", "", num(used, 0)])
        p.table(12, y + 5, [30, 26, 32, 32, 24, 30], rows, size=7.8, row_h=5, aligns="LLRRLR")
        p.text(12, y + 8 + 5 * len(rows), "Read type: A = actual, E = estimated, C = customer read", 6.5)

    def charges() -> None:
        y = 148.0
        p.text(12, y, "Details of charges", 9.5, bold=True)
        rows = [["Description", "Amount"]] + [[n, _eur(a, False)] for n, a in lines]
        rows.append(["Total before VAT", _eur(sub, False)])
        rows.append([f"VAT @ 9% on €{num(sub)}", _eur(vat, False)])
        if credit:
            rows.append(["Government electricity credit", _eur(-credit, False)])
        rows.append([cur_label, _eur(current, False)])
        p.table(12, y + 5, [140, 34], rows, size=7.8, row_h=5, aligns="LR")

    def usage() -> None:
        y = 246.0
        avg = num(used / days, 1)
        last = num(int(used * rng.uniform(0.8, 1.25)), 0)
        p.text(12, y, "Your usage", 9, bold=True)
        p.text(12, y + 5, f"Average daily usage this period: {avg} kWh. Same period last year: {last} kWh.", 7.5)
        p.text(
            12, y + 10, f"Your estimated annual consumption: {num(int(used * 6 * rng.uniform(0.9, 1.1)), 0)} kWh.", 7.5
        )
        p.text(12, y + 20, "Pay by Direct Debit, online, by phone or at any post office. Quote your account number.", 7)

    draw_shuffled(rng, [head, who, ids, summary, reads, charges, usage])
    kind = "business" if firm else "residential"
    notes = (
        f"Irish {kind} two-monthly electricity bill, 1 page, {'day / night' if night else '24-hour'} units; "
        f"account summary and amount box at the top; '{cur_label}' is current_charges (VAT 9 % included"
        + (", a government credit deducted after VAT" if credit else "")
        + ")"
        + (f"; credits written {'CR' if cr else 'with a minus'}" if total < 0 or prev is not None else "")
        + ("; paid by Direct Debit, the debit date is the due date" if dd else "")
        + "; Account number is the account (MPRN, invoice number are not); usage history as distractors"
    )
    record = truth(
        "ie_bimonthly",
        notes,
        provider=supplier,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="EUR",
        electricity_kwh=float(used),
        meter_number=meter,
        rate_plan=plan,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
