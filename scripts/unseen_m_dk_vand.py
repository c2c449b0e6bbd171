"""Set M, a Danish water + wastewater bill (vand- og spildevandsregning) drawn with the fpdf2 kit: quarterly or
half-yearly, table-heavy (a meter table with one or two meters, a charge table with kr./m³ rates, a last-year
column), `1.234,56 kr.`, statsafgift per m³, moms 25 %, and the payment summary always at the foot of the page
above an FI payment line that repeats the amount."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

DA_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")
UTILITIES = ("Nordkyst Vand A/S", "Vestegnens Forsyning A/S", "Limfjord Vand & Spildevand ApS")
HOMES = ("Mette Kjærgaard", "Søren Østergaard", "Anne-Marie Nørgaard", "Jens Ravn Poulsen", "Birthe Holm")
FIRMS = ("Bageriet Ved Åen ApS", "Strandens Camping I/S", "Vaskeriet Sønderbro ApS")
PLACES = ("Søndergade {n}, 8000 Aarhus C", "Bøgevej {n}, 7100 Vejle", "Havnegade {n}, 9000 Aalborg",
          "Kirkestræde {n}, 5000 Odense C")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d.%m.%Y")
    if style == 1:
        return f"{d.day}. {DA_MONTHS[d.month - 1]} {d.year}"
    return d.strftime("%d-%m-%Y")


def _kr(v: float, style: int) -> str:
    text = num(abs(v), style="eu")
    sign = "-" if v < 0 else ""
    return f"{sign}{text} kr." if style == 0 else f"kr. {sign}{text}"


def dk_vand(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(UTILITIES)
    business = rng.random() < 0.3
    months = rng.choice((3, 3, 6))
    start = dt.date(rng.randint(2023, 2025), rng.choice((1, 4, 7, 10)), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    read_day = end - dt.timedelta(days=rng.randint(0, 3))
    stmt = end + dt.timedelta(days=rng.randint(6, 18))
    due = stmt + dt.timedelta(days=rng.choice((14, 20, 30)))
    ds, ks = rng.randrange(3), rng.randrange(2)
    n_meters = 2 if rng.random() < 0.4 else 1
    meters = [digits(rng, 8) for _ in range(n_meters)]
    base = rng.randint(18, 45) * months // 3 * (5 if business else 1)
    uses = [base] + ([rng.randint(3, 15) * months // 3] if n_meters == 2 else [])
    m3 = sum(uses)
    last_year = int(m3 * rng.uniform(0.75, 1.3))
    w_rate, s_rate, stat = 13.95, 38.40, 6.18
    q = months / 12
    lines = [("Vand: fast bidrag", f"{months} mdr.", "", money(rng.choice((600.0, 720.0, 850.0)) * q)),
             ("Vand: vandforbrug", f"{m3} m³", num(w_rate, style="eu"), money(m3 * w_rate)),
             ("Statsafgift af ledningsført vand", f"{m3} m³", num(stat, style="eu"), money(m3 * stat)),
             ("Spildevand: fast bidrag", f"{months} mdr.", "", money(rng.choice((750.0, 810.0)) * q)),
             ("Spildevand: vandafledningsbidrag", f"{m3} m³", num(s_rate, style="eu"), money(m3 * s_rate))]
    excl = money(sum(a for *_, a in lines))
    moms = money(excl * 0.25)
    current = money(excl + moms)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(1, 120))
    account = digits(rng, 7)
    invoice = digits(rng, 9)
    install = digits(rng, 6)
    total_label = rng.choice(("Til betaling", "Beløb til betaling", "I alt at betale"))
    due_label = rng.choice(("Betales senest", "Sidste rettidige betalingsdag", "Forfaldsdato"))
    cur_label = rng.choice(("Periodens forbrug i alt", "I alt inkl. moms", "Denne regning i alt"))
    acct_label = rng.choice(("Kundenummer", "Kundenr.", "Debitornummer"))
    p = Page()

    def head() -> None:
        p.text(15, 12, provider, 15, bold=True)
        p.text(15, 20, f"CVR-nr. {digits(rng, 8)}  |  Tlf. 70 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}", 7)
        p.text(130, 12, "Vand- og spildevandsregning", 11, bold=True)
        p.text(15, 32, person, 10, bold=True)
        p.text(15, 37, address, 9)

    def ids() -> None:
        rows = [[acct_label, account], ["Fakturanummer", invoice], ["Fakturadato", _date(stmt, ds)],
                ["Forbrugssted", address], ["Installationsnr.", install],
                ["Periode", f"{_date(start, ds)} - {_date(end, ds)}"]]
        p.table(115, 28, [32, 63], rows, size=7.5, row_h=5, header=False)

    def readings() -> float:
        p.text(15, 65, "Måleraflæsning", 10, bold=True)
        rows = [["Målernr.", "Aflæst dato", "Forrige stand", "Ny stand", "Forbrug m³", "Sidste år m³"]]
        for i, (meter, use) in enumerate(zip(meters, uses, strict=True)):
            old = rng.randint(200, 9000)
            ly = int(last_year * use / m3)
            rows.append([meter + (" (bimåler)" if i else ""), _date(read_day, 0), str(old), str(old + use),
                         str(use), str(ly)])
        rows.append(["I alt", "", "", "", str(m3), str(last_year)])
        return p.table(15, 71, [38, 28, 28, 28, 28, 30], rows, size=7.5, aligns="LLRRRR")

    y = readings()

    def charges() -> None:
        top = y + 8
        p.text(15, top, "Specifikation af periodens forbrug", 10, bold=True)
        rows = [["Tekst", "Mængde", "Pris kr./enhed", "Beløb"]]
        rows += [[t, qty, rate, _kr(a, ks)] for t, qty, rate, a in lines]
        rows += [["I alt ekskl. moms", "", "", _kr(excl, ks)], ["Moms 25 %", "", "", _kr(moms, ks)],
                 [cur_label, "", "", _kr(current, ks)]]
        end_y = p.table(15, top + 6, [80, 30, 35, 35], rows, size=7.5, aligns="LRRR")
        p.text(15, end_y + 3, f"Gennemsnitligt forbrug pr. dag: {num(m3 / ((end - start).days + 1), 2, style='eu')}"
               f" m³. Næste aflæsning: {_date(add_months(read_day, months), ds)}.", 7)

    def summary() -> None:
        rows = [["Saldo", "Beløb"]]
        if prev is not None:
            rows.append(["Saldo fra sidste regning", _kr(prev, ks)])
            if paid:
                rows.append(["Indbetalt, tak", _kr(-paid, ks)])
        rows += [[cur_label, _kr(current, ks)], [total_label, _kr(total, ks)]]
        p.table(15, 222, [110, 70], rows, size=8.5, row_h=6, aligns="LR")
        p.text(15, 256, f"{due_label}: {_date(due, ds)}", 10, bold=True)
        p.hline(10, 200, 266, dash=True)
        p.text(15, 270, "Indbetalingskort", 8, bold=True)
        p.text(15, 276, f"+71< {digits(rng, 15)} +{digits(rng, 8)}<   {num(total, style='eu')}", 9, font="Courier")

    draw_shuffled(rng, [head, ids, charges, summary])
    notes = (f"{'business' if business else 'residential'} Danish water + wastewater bill, {months} months; "
             f"{acct_label} is the account (Fakturanummer, Installationsnr. and CVR are not); "
             f"{n_meters} meter(s), water_usage = the metered total (meter_number = the main meter"
             f"{', a sub-meter adds to it' if n_meters == 2 else ''}); last year's m³, m³ per day and the next "
             "reading date are distractors; moms 25 %; current_charges = incl. moms; summary at the foot with the "
             "amount repeated on the FI payment line")
    record = truth("dk_vand", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="DKK", water_usage=float(m3),
                   water_usage_unit="m3", meter_number=meters[0], previous_balance=prev, current_charges=current)
    return p.output(), record
