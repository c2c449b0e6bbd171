"""Set M, a Finnish electricity bill (sähkölasku) drawn with the fpdf2 kit: energy sale and network transfer
(myynti + siirto) on one bill, a day/night register pair (päivä / yö) or one general register, prices in
snt/kWh, electricity tax (sähkövero) per kWh, ALV 25,5 %, a compensation credit for an outage on some, a
same-period-last-year column and a Finnish bank reference and virtual barcode as long-number distractors."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

SELLERS = ("Pohjolan Sähkö Oy", "Järvienergia Oy", "Savon Valo ja Verkko Oy")
HOMES = ("Matti Virtanen", "Aino Mäkelä", "Jukka Heikkinen", "Sanna Räsänen", "Päivi Koskinen")
FIRMS = ("Kahvila Kärkkäinen Oy", "Lehtosen Puusepät Ay", "Tmi Hietala")
PLACES = ("Rantakatu {n} B 7, 90100 Oulu", "Koivukuja {n}, 33500 Tampere", "Kauppakatu {n} A 3, 40100 Jyväskylä",
          "Mäntytie {n}, 70100 Kuopio")


def _date(d: dt.date, style: int) -> str:
    return d.strftime("%d.%m.%Y") if style == 0 else d.strftime("%Y-%m-%d")


def _eur(v: float) -> str:
    return f"{num(v, style='sp')} €" if v >= 0 else f"-{num(-v, style='sp')} €"


def fi_sahko(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(SELLERS)
    business = rng.random() < 0.3
    months = rng.choice((1, 1, 3))
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(3, 12))
    due = stmt + dt.timedelta(days=rng.choice((14, 14, 21)))
    ds = rng.randrange(2)
    two = rng.random() < 0.55
    per_month = rng.randint(250, 1400) * (3 if business else 1)
    day = per_month * months if not two else int(per_month * months * rng.uniform(0.45, 0.6))
    night = per_month * months - day if two else 0
    kwh = day + night
    product = rng.choice(("Pörssisähkö", "Kiinteä Hinta 24 kk", "Tuulisähkö Vakio"))
    network = "Aikasiirto" if two else "Yleissiirto"
    c_day, c_night, c_tr_day, c_tr_night, tax = 9.42, 6.85, 4.18, 2.37, 2.827
    sale = [(f"Perusmaksu {months} kk", "", money(rng.choice((3.95, 4.90)) * months)),
            (f"Energia {'päivä' if two else 'yleis'} {day} kWh", f"{num(c_day, style='sp')} snt/kWh",
             money(day * c_day / 100))]
    if two:
        sale.append((f"Energia yö {night} kWh", f"{num(c_night, style='sp')} snt/kWh", money(night * c_night / 100)))
    grid = [(f"Perusmaksu {months} kk", "", money(rng.choice((14.90, 21.30, 34.50)) * months)),
            (f"Siirto {'päivä' if two else 'yleis'} {day} kWh", f"{num(c_tr_day, style='sp')} snt/kWh",
             money(day * c_tr_day / 100))]
    if two:
        grid.append((f"Siirto yö {night} kWh", f"{num(c_tr_night, style='sp')} snt/kWh",
                     money(night * c_tr_night / 100)))
    grid.append((f"Sähkövero ja huoltovarmuusmaksu {kwh} kWh", f"{num(tax, 3, style='sp')} snt/kWh",
                 money(kwh * tax / 100)))
    credit = -money(rng.choice((17.50, 35.00))) if rng.random() < 0.3 else 0.0
    net = money(sum(a for *_, a in sale + grid))
    alv = money(net * 0.255)
    current = money(net + alv + credit)
    prev, paid = balance_story(rng, current)
    if paid is not None and paid == prev:
        prev, paid = None, None  # a Finnish bill shows only what is still open
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(1, 60))
    account = digits(rng, 8)
    place_id = "643" + digits(rng, 15)
    meter = digits(rng, 9)
    ref = digits(rng, 12)
    total_label = rng.choice(("Maksettava yhteensä", "Yhteensä maksettavaa", "Laskun loppusumma"))
    cur_label = rng.choice(("Tämän laskun summa", "Laskutuskauden summa", "Kauden sähkölasku yhteensä"))
    acct_label = rng.choice(("Asiakasnumero", "Asiakasnro"))
    last_year = int(kwh * rng.uniform(0.8, 1.25))
    p = Page()
    top = rng.random() < 0.5

    def head() -> None:
        p.text(15, 12, provider, 15, bold=True)
        p.text(15, 19, f"Y-tunnus {digits(rng, 7)}-{rng.randint(0, 9)}  |  Asiakaspalvelu 020 {digits(rng, 3)} "
               f"{digits(rng, 3)}", 7)
        p.text(140, 12, "SÄHKÖLASKU", 13, bold=True)
        p.text(15, 30, person, 10, bold=True)
        p.text(15, 35, address, 9)

    def ids() -> None:
        rows = [[acct_label, account], ["Laskun päivämäärä", _date(stmt, ds)], ["Laskun numero", digits(rng, 10)],
                ["Käyttöpaikka", address], ["Käyttöpaikan tunnus", place_id], ["Sopimus", product]]
        p.table(112, 26, [35, 63], rows, size=7.5, row_h=5, header=False)

    def summary() -> None:
        y0 = 62 if top else 228
        rows = [[f"Laskutuskausi {_date(start, ds)} - {_date(end, ds)}", ""]]
        if prev is not None:
            rows.append(["Avoin saldo edelliseltä laskulta", _eur(prev)])
            if paid:
                rows.append(["Maksettu", _eur(-paid)])
        rows += [[cur_label, _eur(current)], [total_label, _eur(total)]]
        end_y = p.table(15, y0, [110, 45], rows, size=8.5, row_h=5.5, aligns="LR")
        p.text(15, end_y + 2, f"Eräpäivä {_date(due, ds)}     Viitenumero {ref}", 9, bold=True)

    def detail() -> None:
        y0 = 100 if top else 62
        rows = [["Mittari", "Rekisteri", "Alkulukema", "Loppulukema", "Kulutus kWh", "Sama kausi v. sitten"]]
        regs = [("Päivä", day), ("Yö", night)] if two else [("Yleis", day)]
        for name, use in regs:
            old = rng.randint(1000, 80000)
            rows.append([meter, name, str(old), str(old + use), str(use), str(int(last_year * use / kwh))])
        rows.append(["", "Yhteensä", "", "", str(kwh), str(last_year)])
        y = p.table(15, y0, [26, 22, 28, 28, 28, 38], rows, size=7.5, aligns="LLRRRR")
        p.text(15, y + 2, f"Mittarin numero {meter}   Mittarilukemat luettu etänä {_date(end, ds)}", 7)
        y += 9
        rows = [["Sähkön myynti, " + product, "Hinta", "Euroa (alv 0 %)"]]
        rows += [[t, r, num(a, style="sp")] for t, r, a in sale]
        rows.append(["Sähkön siirto, " + network, "", ""])
        rows += [[t, r, num(a, style="sp")] for t, r, a in grid]
        rows += [["Yhteensä alv 0 %", "", num(net, style="sp")], ["ALV 25,5 %", "", num(alv, style="sp")]]
        if credit:
            rows.append(["Vakiokorvaus sähkökatkosta (hyvitys)", "", num(credit, style="sp")])
        rows.append([cur_label, "", num(current, style="sp")])
        p.table(15, y, [100, 40, 40], rows, size=7.5, aligns="LRR")

    draw_shuffled(rng, [head, ids, summary, detail])
    p.text(15, 284, f"Virtuaaliviivakoodi 4{digits(rng, 53)}", 6, font="Courier")
    notes = (f"{'business' if business else 'residential'} Finnish electricity bill (sale + network), {months} "
             f"month(s); {'day + night registers summed' if two else 'one general register'}; {acct_label} is the "
             "account (Käyttöpaikan tunnus, Viitenumero, invoice number are not); prices in snt/kWh; ALV 25,5 %"
             f"{'; an outage compensation credit inside current_charges' if credit else ''}; last year's kWh column "
             f"is a distractor; summary at the {'top' if top else 'foot'}")
    record = truth("fi_sahko", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="EUR", electricity_kwh=float(kwh),
                   meter_number=meter, rate_plan=product, previous_balance=prev, current_charges=current)
    return p.output(), record
