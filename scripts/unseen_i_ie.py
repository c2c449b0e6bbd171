"""Set I, an Irish electricity bill drawn with the fpdf2 kit: EUR in English, 24-hour / day-night / smart tariffs,
standing charge and PSO levy per day, VAT 9 % (13.5 % on business), a government credit applied after VAT on some."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
    Page,
    add_months,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    truth,
)

IE_SUPPLIERS = ("Corrib Power Ltd", "Liffey Energy Supply DAC", "Atlantic Homes Energy Ltd")
IE_HOMES = ("Siobhan Murphy", "Padraig O'Sullivan", "Aoife Kelly", "Declan Byrne", "Niamh Fitzgerald")
IE_FIRMS = ("Byrne's Pharmacy Ltd", "The Old Forge Cafe", "Kilcullen Motors Ltd")
IE_PLACES = (
    "Main Street, Ennis, Co. Clare, V95 X2K4",
    "Bóthar na Trá, Salthill, Galway, H91 E6T2",
    "Church Road, Douglas, Cork, T12 P8W3",
    "Dublin Road, Naas, Co. Kildare, W91 C9R7",
    "Strand Road, Sandymount, Dublin 4, D04 N2V6",
)


def _ie_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def _eur(v: float, cr: bool) -> str:
    if v < 0:
        return f"\u20ac{num(-v)} CR" if cr else f"-\u20ac{num(-v)}"
    return f"\u20ac{num(v)}"


def ie_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(IE_SUPPLIERS)
    business = rng.random() < 0.25
    months = 1 if business and rng.random() < 0.6 else 2
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, months) - dt.timedelta(days=rng.randint(0, 2))
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.choice((14, 14, 21)))
    days = (end - start).days
    kind = rng.choice(("24h", "dn", "smart")) if not business else rng.choice(("24h", "dn"))
    scale = months * (rng.randint(900, 3500) if business else rng.randint(230, 650))
    if kind == "24h":
        regs = [("24 Hour", scale, 0.3112)]
        tariff = (
            "General Purpose Business"
            if business
            else rng.choice(("Home Electric Standard 24hr Urban", "Standard Urban 24 Hour"))
        )
    elif kind == "dn":
        night = int(scale * rng.uniform(0.3, 0.45))
        regs = [("Day", scale - night, 0.3325), ("Night", night, 0.1688)]
        tariff = "Business Nightsaver" if business else rng.choice(("Home Nightsaver Urban", "Nightsaver Rural"))
    else:
        night, peak = int(scale * rng.uniform(0.25, 0.4)), int(scale * rng.uniform(0.08, 0.14))
        regs = [("Day", scale - night - peak, 0.3275), ("Night", night, 0.1618), ("Peak", peak, 0.3591)]
        tariff = rng.choice(("Smart Home Day/Night/Peak", "Smart Time of Use Urban"))
    kwh = sum(u for _, u, _ in regs)
    meter = digits(rng, rng.choice((7, 8)))
    mprn = "10" + digits(rng, 9)
    sc_rate = 0.8055 if business else rng.choice((0.7195, 0.7595, 0.9128))
    pso_rate = 0.1203 if business else 0.0638
    lines: list[tuple[str, float]] = [(f"{n} units {num(u, 0)} kWh @ \u20ac{r:.4f}", money(u * r)) for n, u, r in regs]
    discount_pct = rng.choice((0, 0, 8, 12, 15))
    if discount_pct:
        unit_sum = money(sum(a for _, a in lines))
        lines.append((f"Discount {discount_pct}% on unit charges", -money(unit_sum * discount_pct / 100)))
    lines.append((f"Standing charge {days} days @ \u20ac{sc_rate:.4f}", money(days * sc_rate)))
    lines.append((f"PSO levy {days} days @ \u20ac{pso_rate:.4f}", money(days * pso_rate)))
    sub = money(sum(a for _, a in lines))
    vat_pct = 13.5 if business else 9.0
    vat = money(sub * vat_pct / 100)
    credit = 0.0 if business or rng.random() < 0.6 else rng.choice((125.0, 150.0, 100.0))
    current = money(sub + vat - credit)
    prev, paid = balance_story(rng, current if current > 0 else 180.0)
    if rng.random() < 0.2:  # paid too much last time: the account is in credit after this bill
        prev = money(current * rng.uniform(0.8, 1.2))
        paid = money(prev + current * rng.uniform(1.05, 1.4))
    total = money((prev or 0) - (paid or 0) + current)
    direct_debit = total > 0 and rng.random() < 0.35
    person = rng.choice(IE_FIRMS if business else IE_HOMES)
    address = f"{rng.randint(1, 120)} {rng.choice(IE_PLACES)}"
    account = digits(rng, rng.choice((9, 10)))
    invoice = digits(rng, 8)
    ds = rng.randrange(3)
    cr = rng.random() < 0.5
    total_label = rng.choice(("Amount due", "Total due", "Amount to pay", "Please pay"))
    due_label = rng.choice(("Payment due by", "Due date", "Please pay by"))
    cur_label = rng.choice(("This bill", "Total this bill", "Charges this period"))
    summary_top = rng.random() < 0.55
    p = Page(fmt="A4")
    sy, cy = (50.0, 104.0) if summary_top else (222.0, 50.0)

    def header() -> None:
        p.text(12, 9, provider, 13, bold=True)
        p.text(
            12,
            15.5,
            f"Customer service 01 {digits(rng, 3)} {digits(rng, 4)}  |  Emergencies: contact the "
            "network operator  |  VAT No. IE" + digits(rng, 7) + "X",
            7,
        )
        p.text(12, 24, person, 9, bold=True)
        p.text(12, 28.5, address, 8)

    def ids() -> None:
        rows = [
            ["Account number", account],
            ["Invoice number", invoice],
            ["Bill date", _ie_date(stmt, ds)],
            ["MPRN", f"{mprn[:2]} {mprn[2:5]} {mprn[5:8]} {mprn[8:]}"],
            ["Tariff", tariff],
        ]
        p.table(122, 22, [30, 56], rows, size=7.5, row_h=4.6, header=False, aligns="LL")

    def summary() -> None:
        p.rect(12, sy, 186, 44, fill=245)
        p.text(15, sy + 2, "Your account summary", 9.5, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous bill", _eur(prev, cr)))
            if paid:
                rows.append(("Payments received - thank you", _eur(-paid, False)))
            rows.append(("Balance brought forward", _eur(money(prev - (paid or 0)), cr)))
        rows += [(f"{cur_label} (incl. VAT)", _eur(current, cr)), (total_label, _eur(total, cr))]
        for i, (k, v) in enumerate(rows):
            p.text(15, sy + 9 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(80, sy + 9 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=32, align="R")
        p.rect(124, sy + 5, 70, 30, line=0.6)
        p.text(127, sy + 8, total_label, 9, bold=True)
        p.text(127, sy + 14, _eur(total, cr), 15, bold=True)
        if direct_debit:
            p.text(127, sy + 23, f"Direct Debit on or after {_ie_date(due, ds)}", 8, bold=True)
            p.text(127, sy + 28, "No need to pay: we will collect this amount.", 7)
        elif total > 0:
            p.text(127, sy + 23, f"{due_label} {_ie_date(due, ds)}", 8.5, bold=True)
        else:
            p.text(127, sy + 23, "Your account is in credit.", 8)

    def reads() -> None:
        y = cy
        p.text(12, y, f"Meter readings {_ie_date(start, ds)} to {_ie_date(end, ds)} ({days} days)", 9, bold=True)
        rows = [["Meter no.", "Register", "Previous reading", "Present reading", "Units (kWh)"]]
        for n, u, _ in regs:
            old = rng.randint(1000, 90000)
            rows.append([meter, n, f"{old} A", f"{old + u} {rng.choice(('A', 'A', 'E', 'C'))}", num(u, 0)])
        end_y = p.table(12, y + 5, [32, 28, 36, 36, 30], rows, size=7.5, row_h=4.8, aligns="LLRRR")
        p.text(
            12, end_y + 1, f"Total units used: {num(kwh, 0)} kWh.  A = actual, E = estimated, C = customer reading.", 7
        )
        p.text(
            12,
            end_y + 5.5,
            f"Average daily use {kwh / days:.1f} kWh. Same period last year "
            f"{num(int(kwh * rng.uniform(0.75, 1.3)), 0)} kWh.",
            7,
        )

    def charges() -> None:
        y = cy + 40 if summary_top else cy + 42
        p.text(12, y, "Details of charges", 9, bold=True)
        rows = [[k, _eur(a, False)] for k, a in lines]
        rows.append(["Total before VAT", _eur(sub, False)])
        rows.append([f"VAT at {vat_pct:g}% on \u20ac{num(sub)}", _eur(vat, False)])
        if credit:
            rows.append(["Government Electricity Credit", _eur(-credit, False)])
        rows.append([cur_label, _eur(current, cr)])
        p.table(12, y + 5, [130, 40], rows, size=7.5, row_h=4.8, header=False, aligns="LR")

    def foot() -> None:
        y = 280.0
        p.text(
            12,
            y,
            f"Your next bill is due around {_ie_date(add_months(stmt, months), ds)}. Submit a reading "
            f"online to avoid an estimate. Fuel mix and CO2: {rng.randint(180, 320)} g/kWh.",
            6.5,
        )

    draw_shuffled(rng, [header, ids, summary, reads, charges, foot])
    notes = (
        f"{'business' if business else 'residential'} Irish electricity bill, {months}-month period, "
        f"{len(regs)} register(s) (kWh = their sum); VAT {vat_pct:g} %; current_charges = '{cur_label}' "
        f"(VAT included{', after the government credit' if credit else ''}); summary at the "
        f"{'top' if summary_top else 'foot'}; the MPRN and the invoice number are not the account"
    )
    if direct_debit:
        notes += "; direct debit bill: due date = the debit date"
    if total < 0:
        notes += "; overpaid, the account is in credit (total negative, no due date)"
    if discount_pct:
        notes += f"; a discount of {discount_pct} % on unit charges"
    record = truth(
        "ie_electricity",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="EUR",
        electricity_kwh=float(kwh),
        meter_number=meter,
        rate_plan=tariff,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
