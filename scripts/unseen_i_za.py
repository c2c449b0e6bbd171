"""Set I, a South African municipal account drawn with the fpdf2 kit: rates, electricity, water, sewerage and refuse
on one account, `R 1 234,56`, VAT 15 % on services only (rates at 0 %), water in kl, an age analysis."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
    Page,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    truth,
)

ZA_MUNIS = (
    "City of Umhlaba Metropolitan Municipality",
    "Kariega Valley Local Municipality",
    "Drakensberg Highlands Municipality",
)
ZA_HOMES = ("Mr T.J. van der Merwe", "Mrs N.P. Dlamini", "Mr S. Naidoo", "Ms L.M. Mokoena", "Mr K.R. Botha")
ZA_FIRMS = ("Protea Panelbeaters CC", "Ubuntu Fresh Produce (Pty) Ltd", "Karoo Sands Guest House")
ZA_STREETS = ("Jacaranda Avenue", "Protea Street", "Umkhonto Road", "Voortrekker Road", "Marula Crescent")
ZA_SUBURBS = (("Lynnfield", "1081"), ("Sunnyridge", "4091"), ("Berea Heights", "6045"), ("Umhlaba Central", "2001"))


def _za_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%Y/%m/%d")
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}"


def _rand(v: float, *, cr: bool = False) -> str:
    """South African money: a space between thousands, a comma before the cents; a credit unsigned with 'Cr'."""
    if v < 0 and cr:
        return f"R {num(-v, style='sp')} Cr"
    return f"R {num(v, style='sp')}"


def _water_steps(kl: int, business: bool) -> list[tuple[str, float, float]]:
    """The kl in each step of the inclining water tariff (business water is one rate)."""
    if business:
        return [("Water (business) all kl", float(kl), 41.27)]
    steps = ((0, 6, 22.38), (6, 10.5, 30.12), (10.5, 20, 38.41), (20, 35, 52.10), (35, 10**6, 69.80))
    out = []
    for lo, hi, rate in steps:
        take = min(max(kl - lo, 0), hi - lo)
        if take > 0:
            top = "+" if hi == 10**6 else f"-{num(hi, 1, style='sp').replace(',0', '')}"
            out.append((f"Water step {num(lo, 1, style='sp').replace(',0', '')}{top} kl", float(take), rate))
    return out


def za_municipal(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(ZA_MUNIS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(3, 8))
    due = stmt + dt.timedelta(days=rng.choice((14, 15, 21)))
    days = (end - start).days
    kwh = rng.randint(900, 6000) if business else rng.randint(180, 1400)
    kl = rng.randint(15, 120) if business else rng.randint(4, 48)
    e_prior, w_prior = rng.randint(10000, 99000), rng.randint(100, 9000)
    e_meter, w_meter = digits(rng, 8), f"W{digits(rng, 7)}"
    value = rng.randrange(450_000, 4_800_000, 5_000) if business else rng.randrange(280_000, 2_600_000, 5_000)
    rate_r = 0.021412 if business else round(rng.uniform(0.0085, 0.0125), 6)
    exempt = 0 if business else 300_000
    rates = money(max(value - exempt, 0) * rate_r / 12)
    if business:
        tariff = "Commercial Conventional"
        elec = [
            (f"Energy {num(kwh, 0, style='sp')} kWh @ R 3,0415", money(kwh * 3.0415)),
            (f"Network charge {days} days @ R 31,2200", money(days * 31.22)),
        ]
    else:
        tariff = rng.choice(("Domestic Conventional", "Home Power Standard", "Residential Block Tariff"))
        b1 = min(kwh, 350)
        elec = [(f"Block 1 (0-350 kWh) {num(b1, 0, style='sp')} kWh @ R 2,7185", money(b1 * 2.7185))]
        if kwh > 350:
            elec.append(
                (f"Block 2 (>350 kWh) {num(kwh - 350, 0, style='sp')} kWh @ R 3,1634", money((kwh - 350) * 3.1634))
            )
        elec.append((f"Service charge {days} days @ R 8,4500", money(days * 8.45)))
    water = [
        (f"{name} {num(q, 1, style='sp')} kl @ R {num(r, 2, style='sp')}", money(q * r))
        for name, q, r in _water_steps(kl, business)
    ]
    water.append(("Water basic charge", 168.50 if business else 74.90))
    sew_kl = round(kl * 0.7, 1)
    sewer = [
        (f"Sewerage 70% of {kl} kl = {num(sew_kl, 1, style='sp')} kl @ R 25,43", money(sew_kl * 25.43)),
        ("Sewerage basic charge", 96.00 if business else 58.20),
    ]
    bin_size = rng.choice(("240 l", "240 l", "1 100 l")) if business else "240 l"
    refuse = [
        (f"Refuse removal {bin_size} bin x {rng.choice((1, 2)) if business else 1}", 412.00 if business else 285.00)
    ]
    vat_base = money(sum(a for _, a in elec + water + sewer + refuse))
    vat = money(vat_base * 0.15)
    prev, paid = balance_story(rng, vat_base + vat + rates)
    story = rng.random()
    if story < 0.15:  # a credit carried from an overpayment
        prev = -money(rng.uniform(150, 900))
        paid = 0.0
    interest = money((prev - (paid or 0)) * 0.0075) if prev is not None and paid == 0 and prev > 0 else 0.0
    current = money(rates + vat_base + vat + interest)
    total = money((prev or 0) - (paid or 0) + current)

    person = rng.choice(ZA_FIRMS if business else ZA_HOMES)
    suburb, code = rng.choice(ZA_SUBURBS)
    address = f"{rng.randint(1, 380)} {rng.choice(ZA_STREETS)}, {suburb}, {code}"
    account = digits(rng, rng.choice((9, 10)))
    erf, vat_no, invoice = f"Erf {digits(rng, 5)}", "4" + digits(rng, 9), digits(rng, 11)
    ds = rng.randrange(3)
    total_label = rng.choice(("Total due", "Amount due", "Total amount payable", "Closing balance"))
    due_label = rng.choice(("Due date", "Payment due date", "Pay on or before"))
    cur_label = rng.choice(("Current charges", "Total current charges", "Current account"))
    prev_label = rng.choice(("Opening balance", "Balance brought forward", "Previous balance"))
    summary_top = rng.random() < 0.5
    elec_first = rng.random() < 0.6
    p = Page(fmt="A4")
    sy, dy = (53.0, 107.0) if summary_top else (228.0, 54.0)

    def header() -> None:
        p.text(10, 8, provider, 12.5, bold=True)
        p.text(
            10,
            14.5,
            "Civic Centre, Private Bag X"
            + digits(rng, 3)
            + " | Call centre 0860 "
            + digits(rng, 3)
            + " "
            + digits(rng, 3)
            + f" | VAT Reg No. {vat_no}",
            7,
        )
        p.text(150, 8, "TAX INVOICE", 11, bold=True)
        p.text(150, 14, "MUNICIPAL ACCOUNT", 8)
        p.text(10, 22, person, 9, bold=True)
        p.text(10, 26.5, f"PO Box {rng.randint(10, 9999)}, {suburb}, {code}", 8)

    def ids() -> None:
        rows = [
            ["Account number", account],
            ["Tax invoice no.", invoice],
            ["Account date", _za_date(stmt, ds)],
            ["Property", f"{erf}, {suburb}"],
            ["Municipal valuation", _rand(value).replace(",00", "")],
            ["Electricity tariff", tariff],
        ]
        p.table(120, 20, [34, 46], rows, size=7.5, row_h=4.6, header=False, aligns="LL")

    def summary() -> None:
        p.rect(10, sy, 190, 50, fill=246)
        p.text(13, sy + 2, "ACCOUNT SUMMARY", 9, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append((prev_label, _rand(prev, cr=True)))
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(4, 24))
                rows.append((f"Payment received {_za_date(when, ds)} - thank you", _rand(-paid)))
        rows += [(cur_label, _rand(current)), (total_label, _rand(total, cr=True))]
        for i, (k, v) in enumerate(rows):
            p.text(13, sy + 9 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(70, sy + 9 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=40, align="R")
        p.rect(122, sy + 4, 74, 24, line=0.6)
        p.text(125, sy + 6, total_label.upper(), 8.5, bold=True)
        p.text(125, sy + 12, _rand(total, cr=True), 14, bold=True)
        if total > 0:
            p.text(125, sy + 21, f"{due_label}: {_za_date(due, ds)}", 8.5, bold=True)
        else:
            p.text(125, sy + 21, "Your account is in credit", 8.5)
        arrears = money((prev or 0) - (paid or 0)) if prev and prev > 0 else 0.0
        age = [
            ["Current", "30 days", "60 days", "90 days", "120+ days"],
            [num(money(total - arrears), style="sp"), num(arrears, style="sp"), "0,00", "0,00", "0,00"],
        ]
        p.table(13, sy + 32, [26, 26, 26, 26, 26], age, size=7, row_h=4.5, aligns="RRRRR")
        p.text(150, sy + 34, f"Deposit held: {_rand(rng.choice((1500.0, 2200.0, 3800.0)))}", 7)
        p.text(150, sy + 39, "Interest at 0,75% per month", 7)
        p.text(150, sy + 43, "is charged on overdue amounts.", 7)

    def detail() -> None:
        y = dy
        p.text(10, y, f"DETAIL OF CURRENT CHARGES - service address {address}", 8.5, bold=True)
        rows = [["Description", "Amount excl. VAT", "VAT"]]
        rows.append(
            [
                f"Property rates ({_rand(value).replace(',00', '')} less {_rand(exempt).replace(',00', '')}"
                f" x {rate_r:.6f} / 12)".replace(".", ","),
                num(rates, style="sp"),
                "0%",
            ]
        )
        groups = [("ELECTRICITY", elec), ("WATER", water), ("SEWERAGE", sewer), ("REFUSE", refuse)]
        if not elec_first:
            groups = [groups[1], groups[0], *groups[2:]]
        for title, lines in groups:
            rows.append([title, "", ""])
            rows += [[f"   {k}", num(a, style="sp"), "15%"] for k, a in lines]
        if interest:
            rows.append(["Interest on overdue amount", num(interest, style="sp"), "0%"])
        rows.append([f"VAT @ 15% on {_rand(vat_base)}", num(vat, style="sp"), ""])
        rows.append([cur_label, num(current, style="sp"), ""])
        p.table(10, y + 4, [128, 36, 26], rows, size=7, row_h=4.3, aligns="LRR")

    def meters() -> None:
        y = 212.0 if summary_top else 166.0
        p.text(10, y, "METER READINGS", 8.5, bold=True)
        head = ["Service", "Meter no.", "Previous", "Date", "Current", "Date", "Consumption", "Type"]
        e_row = [
            "Electricity",
            e_meter,
            num(e_prior, 0, style="sp"),
            _za_date(start, ds),
            num(e_prior + kwh, 0, style="sp"),
            _za_date(end, ds),
            f"{kwh} kWh",
            "Actual",
        ]
        w_row = [
            "Water",
            w_meter,
            num(w_prior, 0, style="sp"),
            _za_date(start, ds),
            num(w_prior + kl, 0, style="sp"),
            _za_date(end, ds),
            f"{kl} kl",
            rng.choice(("Actual", "Estimated")),
        ]
        rows = [head, e_row, w_row] if elec_first else [head, w_row, e_row]
        p.table(10, y + 4, [22, 22, 22, 24, 22, 24, 30, 24], rows, size=7, row_h=4.6, aligns="LLRLRLRL")
        p.text(
            10,
            y + 20,
            f"Your average daily water use: {kl / days * 1000:.0f} litres. Same period last year: "
            f"{max(1, int(kl * rng.uniform(0.7, 1.3)))} kl and {int(kwh * rng.uniform(0.7, 1.3))} kWh.",
            7,
        )

    def foot() -> None:
        y = 282.0
        p.hline(10, 200, y - 2)
        p.text(
            10,
            y,
            f"Pay at any municipal pay point, by EFT (reference: your account number {account}) or by "
            "debit order. Rates are exempt from VAT.",
            6.5,
        )

    blocks = [header, ids, summary, detail, meters, foot]
    draw_shuffled(rng, blocks)
    notes = (
        f"{'business' if business else 'residential'} municipal account: rates + electricity + water + "
        f"sewerage + refuse; kl printed (truth m3); VAT 15 % on services only, rates at 0 %; "
        f"current_charges = '{cur_label}'; summary at the {'top' if summary_top else 'foot'}; the "
        "municipal valuation, the age analysis, the deposit and the sewerage volume (70 % of water) are "
        f"distractors; meter_number is the first meter listed ({'electricity' if elec_first else 'water'})"
    )
    if prev is not None and prev < 0:
        notes += "; a credit carried forward (previous balance negative, 'Cr')"
    if interest:
        notes += "; interest on the unpaid balance is part of the current charges"
    record = truth(
        "za_municipal",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="ZAR",
        electricity_kwh=float(kwh),
        water_usage=float(kl),
        water_usage_unit="m3",
        meter_number=e_meter if elec_first else w_meter,
        rate_plan=tariff,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
