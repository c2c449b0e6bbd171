"""Set G, two layouts printed from HTML + CSS by headless Chromium: a Polish two-page electricity invoice (faktura
VAT, sprzedaż + dystrybucja, VAT 23 %) and a Singapore multi-utility bill (electricity, water and gas on one
account, GST 9 %, a rebate applied to the total on some)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import (
    EN_MONTHS,
    add_months,
    balance_story,
    digits,
    iso,
    money,
    num,
    truth,
)

PL_SELLERS = (("Nadwiślańska Energia S.A.", "ul. Żelazna 41, 00-852 Warszawa", "nadwislanska-energia.pl"),
              ("Bałtycka Energia Obrót Sp. z o.o.", "ul. Grunwaldzka 186, 80-266 Gdańsk", "baltycka-energia.pl"),
              ("Małopolski Zakład Energetyczny S.A.", "ul. Łagiewnicka 39, 30-417 Kraków", "mze-energia.pl"))
PL_HOMES = ("Jan Kowalski", "Anna Wiśniewska", "Grzegorz Łukaszewicz", "Małgorzata Dąbrowska", "Piotr Zieliński")
PL_FIRMS = ("Piekarnia Złoty Kłos Sp. z o.o.", "Zakład Stolarski Bożek s.c.", "Kwiaciarnia Różana Agnieszka Nowak")
PL_STREETS = ("ul. Słoneczna", "ul. Kościuszki", "al. Jerozolimskie", "ul. Żeromskiego", "ul. Piłsudskiego",
              "os. Tysiąclecia")
PL_TOWNS = ("00-695 Warszawa", "31-042 Kraków", "50-077 Wrocław", "61-758 Poznań", "90-113 Łódź", "80-831 Gdańsk")

_PL_CSS = """
body { font-family: 'DejaVu Sans', sans-serif; }
.hdr { border-bottom: 0.6mm solid #1d4f91; padding-bottom: 2mm; }
.pay { border: 0.5mm solid #1d4f91; padding: 3mm; background: #eef3fa; }
.pay .big { font-size: 16pt; }
h3 { font-size: 10pt; margin: 0 0 1.5mm 0; color: #1d4f91; }
"""


def _pl_date(d: dt.date, style: int) -> str:
    return nowrap((d.strftime("%d.%m.%Y"), d.strftime("%Y-%m-%d"), d.strftime("%d-%m-%Y"))[style])


def _zl(v: float) -> str:
    return nowrap(f"{num(v, style='sp')} zł")


def polish_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    seller, seller_addr, domain = rng.choice(PL_SELLERS)
    firm = rng.random() < 0.3
    months = rng.choice((1, 2, 2))
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(3, 10))
    due = stmt + dt.timedelta(days=rng.choice((14, 14, 21)))
    two_zone = rng.random() < 0.45
    tariff = ("C12a" if two_zone else "C11") if firm else ("G12" if two_zone else "G11")
    scale = months * (rng.randint(500, 2500) if firm else rng.randint(90, 380))
    zones: list[tuple[str, int, float]] = []
    if two_zone:
        day = int(scale * rng.uniform(0.55, 0.7))
        zones = [("dzienna", day, 0.6212), ("nocna", scale - day, 0.4410)]
    else:
        zones = [("całodobowa", scale, 0.5050 if not firm else 0.6930)]
    kwh = sum(u for _, u, _ in zones)
    meter = digits(rng, 8)
    reads = []
    for name, used, _ in zones:
        old = rng.randint(1000, 60000)
        reads.append((name, old, old + used, used))
    net_lines: list[tuple[str, str, str, str, float]] = []
    for name, used, price in zones:
        net_lines.append((f"Energia czynna — strefa {name}", num(used, 0, style="sp"), "kWh", num(price, 4, style="sp"),
                          money(used * price)))
    net_lines.append(("Opłata handlowa", str(months), "m-c", num(9.90, 2, style="sp"), money(9.90 * months)))
    for label, price in (("Opłata sieciowa zmienna", 0.3308 if not firm else 0.2895), ("Opłata jakościowa", 0.0314),
                         ("Opłata OZE", 0.0035), ("Opłata kogeneracyjna", 0.0062)):
        net_lines.append((label, num(kwh, 0, style="sp"), "kWh", num(price, 4, style="sp"), money(kwh * price)))
    for label, price in (("Opłata sieciowa stała", 10.98 if not firm else 14.26), ("Opłata przejściowa", 0.33),
                         ("Opłata abonamentowa", 1.20), ("Opłata mocowa", 11.22 if not firm else 32.45)):
        net_lines.append((label, str(months), "m-c", num(price, 2, style="sp"), money(price * months)))
    netto = money(sum(line[4] for line in net_lines))
    vat = money(netto * 0.23)
    current = money(netto + vat)
    story = rng.random()
    if story < 0.2:  # an overpayment from the last invoice, deducted
        prev: float | None = -money(current * rng.uniform(0.1, 0.6))
        paid: float | None = None
    else:
        prev, paid = balance_story(rng, current)
    owed = None if prev is None else money(prev - (paid or 0))
    total = money(current + (owed or 0))

    person = rng.choice(PL_FIRMS if firm else PL_HOMES)
    street = f"{rng.choice(PL_STREETS)} {rng.randint(1, 180)}" + (f"/{rng.randint(1, 60)}" if rng.random() < 0.6
                                                                  else "")
    town = rng.choice(PL_TOWNS)
    address = f"{street}, {town}"
    account = digits(rng, rng.choice((8, 10)))
    ppe = "590543" + digits(rng, 12)
    invoice = f"P/{digits(rng, 8)}/{rng.randint(1, 12):04d}/{stmt:%y}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Do zapłaty", "Kwota do zapłaty", "Razem do zapłaty"))
    due_label = rng.choice(("Termin płatności", "Zapłać do", "Płatne do"))
    acc_label = rng.choice(("Numer klienta", "Nr płatnika", "Identyfikator klienta"))
    cur_label = rng.choice(("Wartość faktury brutto", "Należność za bieżący okres", "Razem brutto"))
    bank = f"PL{digits(rng, 2)} {' '.join(digits(rng, 4) for _ in range(6))}"
    d = Doc(_PL_CSS)
    summary_foot = rng.random() < 0.5

    def header() -> None:
        d.block(12, 10, 110, f'<div class="hdr"><div class="big">{esc(seller)}</div><div class="small">'
                f"{esc(seller_addr)} · NIP {digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)} · "
                f"infolinia 801 {digits(rng, 3)} {digits(rng, 3)}</div></div>")

    def invoice_box() -> None:
        rows = [['<span class="b">Faktura VAT nr</span>', esc(invoice)],
                ["Data wystawienia", _pl_date(stmt, ds)], [esc(acc_label), account],
                ["Taryfa", tariff], ["Okres rozliczeniowy", f"{_pl_date(start, ds)} – {_pl_date(end, ds)}"]]
        d.block(128, 10, 72, table(rows, cls="rule", head=False, widths=[45, 55]))

    def buyer() -> None:
        d.block(12, 34, 100, f'<div class="small">Nabywca / Płatnik</div><div class="b">{esc(person)}</div>'
                f"<div>{esc(street)}</div><div>{esc(town)}</div>")

    def place() -> None:
        d.block(12, 56, 110, f'<div class="small">Miejsce dostarczania energii</div><div>{esc(address)}</div>'
                f'<div>Kod PPE: {ppe}</div><div class="small">Grupa taryfowa {tariff} · '
                f"moc umowna {rng.choice((7, 11, 14, 21)) if not firm else rng.choice((30, 40))} kW</div>")

    sy = 200 if summary_foot else 80

    def summary() -> None:
        rows = [[esc(cur_label), _zl(current)]]
        if prev is not None and prev < 0:
            rows.append(["Nadpłata z poprzedniego okresu (zaliczona)", f"{_zl(-prev)}"])
        elif prev is not None:
            rows.append(["Saldo z poprzedniej faktury", _zl(prev)])
            if paid:
                rows.append(["Wpłaty zaksięgowane", _zl(-paid)])
            if owed:
                rows.append(["Zaległość do zapłaty", _zl(owed)])
        body = ("<h3>Podsumowanie</h3>" + table(rows, cls="rule", head=False, aligns="LR", widths=[68, 32])
                + f'<div class="pay" style="margin-top:3mm"><div>{esc(total_label)}</div>'
                f'<div class="big">{_zl(total)}</div><div>{esc(due_label)}: <span class="b">'
                f"{_pl_date(due, ds)}</span></div></div>")
        d.block(12, sy, 110, body)

    def transfer() -> None:
        d.block(128, sy, 72, '<div class="box small"><div class="b">Dane do przelewu</div>'
                f"<div>Odbiorca: {esc(seller)}</div><div>Rachunek: {bank}</div><div>Tytułem: {esc(invoice)}</div>"
                f"<div>Kwota: {_zl(total)}</div></div>")

    hy = 80 if summary_foot else 200

    def history() -> None:
        rows = [["Okres", "Zużycie kWh", "Średnio dziennie"]]
        for k in range(4, 0, -1):
            a = add_months(start, -months * k)
            used = int(kwh * rng.uniform(0.7, 1.3))
            daily = f"{used / (30 * months):.1f}".replace(".", ",")
            rows.append([_pl_date(a, ds), num(used, 0, style="sp"), daily])
        d.block(12, hy, 110, "<h3>Historia zużycia</h3>" + table(rows, aligns="LRR"))
        yearly = num(int(kwh * 12 / months * 1.04), 0, style="sp")
        d.block(128, hy, 72, f'<div class="small">Szacunkowe roczne zużycie: {yearly}'
                " kWh. Sprzedawca rozlicza energię na podstawie odczytów operatora systemu dystrybucyjnego.</div>")

    blocks = [header, invoice_box, buyer, place, summary, transfer, history]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()

    d.new_page()

    def reads_block() -> None:
        rows = [["Nr licznika", "Strefa", "Wskazanie poprzednie", "Data", "Wskazanie bieżące", "Data", "Mnożna",
                 "Zużycie kWh"]]
        for name, old, new, used in reads:
            rows.append([meter, name, num(old, 0, style="sp"), _pl_date(start - dt.timedelta(days=1), ds),
                         num(new, 0, style="sp"), _pl_date(end, ds), "1", num(used, 0, style="sp")])
        total_kwh = num(kwh, 0, style="sp")
        foot = f'<div style="margin-top:1.5mm">Razem zużycie w okresie: <span class="b">{total_kwh} kWh</span>' \
               "</div>" if len(reads) > 1 else ""
        d.block(12, 14, 186, "<h3>Odczyty układu pomiarowego</h3>" + table(rows, aligns="LLRLRLRR") + foot)

    def charges_block() -> None:
        rows = [["Opłata", "Ilość", "Jedn.", "Cena netto [zł]", "Wartość netto [zł]", "VAT"]]
        for i, (label, qty, unit, price, value) in enumerate(net_lines):
            if i == 0:
                rows.append(['<span class="b">Sprzedaż energii</span>', "", "", "", "", ""])
            if label == "Opłata sieciowa zmienna":
                rows.append(['<span class="b">Usługa dystrybucji</span>', "", "", "", "", ""])
            rows.append([esc(label), qty, unit, price, num(value, style="sp"), "23%"])
        rows.append(['<span class="b">Razem wartość netto</span>', "", "", "", num(netto, style="sp"), ""])
        rows.append([f"Podatek VAT 23% od {num(netto, style='sp')}", "", "", "", num(vat, style="sp"), ""])
        rows.append([f'<span class="b">{esc(cur_label)}</span>', "", "", "", f'<span class="b">{_zl(current)}'
                     "</span>", ""])
        d.block(12, 66, 186, "<h3>Rozliczenie szczegółowe</h3>" + table(rows, aligns="LRLRRR",
                                                                         widths=[44, 10, 7, 14, 17, 8]))

    def legal() -> None:
        d.block(12, 272, 186, '<div class="small">Faktura wystawiona na podstawie odczytów przekazanych przez '
                "operatora systemu dystrybucyjnego. Opłata mocowa naliczana zgodnie z ustawą o rynku mocy. "
                f"Reklamacje: reklamacje@{domain}. Strona 2/2.</div>")

    blocks = [reads_block, charges_block, legal]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()

    notes = (f"{'business' if firm else 'residential'} {tariff}, {months}-month period, two pages (reads and "
             f"charges on page 2); kWh = sum of the zones; current_charges = '{cur_label}' (netto + VAT 23 %); "
             f"summary at the {'foot' if summary_foot else 'top'} of page 1; PPE code and invoice number are not "
             "the account")
    if prev is not None and prev < 0:
        notes += "; an overpayment from the previous period deducted (previous_balance negative, printed unsigned)"
    record = truth("pl_energia", notes, provider=seller, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="PLN", electricity_kwh=float(kwh),
                   meter_number=meter, rate_plan=tariff, previous_balance=prev, current_charges=current)
    return render(d, f"pl-{invoice}-{account}"), record


SG_UTILS = ("Lion City Utilities Services Pte Ltd", "Kallang Power & Water Services Pte Ltd")
SG_HOMES = ("TAN WEI MING", "NUR AISYAH BTE RAHMAN", "RAJESH S/O KRISHNAN", "LIM MEI LING", "CHONG KAH WAI")
SG_FIRMS = ("HUP SENG TRADING PTE LTD", "GOLDEN BOWL EATING HOUSE", "BRIGHTSTAR TUITION CENTRE LLP")
SG_PLACES = (("BLK 412 ANG MO KIO AVE 10", "SINGAPORE 560412"), ("BLK 27 TAMPINES ST 21", "SINGAPORE 521027"),
             ("18 JALAN KEMBANGAN", "SINGAPORE 419124"), ("BLK 305 JURONG EAST ST 32", "SINGAPORE 600305"),
             ("9 TANJONG PAGAR RD", "SINGAPORE 088496"))

_SG_CSS = """
body { font-family: 'Liberation Sans', sans-serif; font-size: 8.5pt; }
.band { background: #b3001b; color: #fff; padding: 3mm 4mm; }
.band .big { color: #fff; }
h3 { font-size: 9.5pt; margin: 0 0 1.5mm 0; border-bottom: 0.4mm solid #b3001b; }
.due { border: 0.5mm solid #b3001b; padding: 3mm; }
"""


def _sg_date(d: dt.date, style: int) -> str:
    return nowrap(f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}" if style == 0 else d.strftime("%d/%m/%Y"))


def _sgd(v: float) -> str:
    return f"-${num(-v)}" if v < 0 else f"${num(v)}"


def singapore_utilities(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(SG_UTILS)
    firm = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(1, 3))
    due = stmt + dt.timedelta(days=rng.choice((14, 17, 21)))
    kwh = rng.randint(900, 6000) if firm else rng.randint(180, 750)
    water = round(rng.uniform(15, 160) if firm else rng.uniform(6, 32), 1)
    has_gas = rng.random() < 0.6
    gas = rng.randint(40, 900) if has_gas else 0
    e_rate, g_rate = round(rng.uniform(0.2650, 0.3200), 4), round(rng.uniform(0.2100, 0.2450), 4)
    e_meter, w_meter, g_meter = digits(rng, 9), f"WM{digits(rng, 7)}", f"G{digits(rng, 8)}"
    e_old, w_old, g_old = rng.randint(5000, 90000), round(rng.uniform(100, 3000), 1), rng.randint(1000, 40000)
    lines: list[tuple[str, str, float]] = [("Electricity", f"{num(kwh, 0)} kWh x ${e_rate:.4f}", money(kwh * e_rate))]
    low = min(water, 40.0)
    high = round(water - low, 1)
    w_lines = [("Water", f"{low:.1f} Cu M x $1.56", money(low * 1.56)),
               ("Water Conservation Tax", f"50% of ${num(money(low * 1.56))}", money(money(low * 1.56) * 0.5)),
               ("Waterborne Fee", f"{low:.1f} Cu M x $1.09", money(low * 1.09))]
    if high > 0:
        w_lines[1:1] = [("Water", f"{high:.1f} Cu M x $2.10", money(high * 2.10))]
        w_lines.insert(3, ("Water Conservation Tax", f"65% of ${num(money(high * 2.10))}",
                           money(money(high * 2.10) * 0.65)))
        w_lines.append(("Waterborne Fee", f"{high:.1f} Cu M x $1.40", money(high * 1.40)))
    lines += w_lines
    if has_gas:
        lines.append(("Gas", f"{num(gas, 0)} kWh x ${g_rate:.4f}", money(gas * g_rate)))
    if not firm:
        lines.append(("Refuse Removal", "1 month", rng.choice((9.63, 11.71, 35.31))))
    sub = money(sum(a for *_, a in lines))
    gst = money(sub * 0.09)
    current = money(sub + gst)
    prev, paid = balance_story(rng, current)
    rebate = money(rng.choice((30.0, 40.0, 55.0, 75.0)) if not firm and rng.random() < 0.4 else 0)
    if rebate > current:
        rebate = money(current / 2)
    total = money((prev or 0) - (paid or 0) + current - rebate)

    person = rng.choice(SG_FIRMS if firm else SG_HOMES)
    line1, post = rng.choice(SG_PLACES)
    unit = f"#{rng.randint(2, 25):02d}-{rng.randint(1, 450):02d}"
    address = f"{line1} {unit}, {post}"
    account = f"8{digits(rng, 9)}"
    ds = rng.randrange(2)
    total_label = rng.choice(("Total Amount Payable", "Total Amount Due", "Amount Payable"))
    due_label = rng.choice(("Due Date", "Please pay by", "Payment Due Date"))
    cur_label = rng.choice(("Current Charges", "Total Current Charges", "Current Month Charges"))
    d = Doc(_SG_CSS)
    summary_foot = rng.random() < 0.5

    def header() -> None:
        d.block(0, 0, 210, f'<div class="band"><div class="big">{esc(provider)}</div><div class="small" '
                f'style="color:#fff">GST Reg No. 199{digits(rng, 6)}K · Customer Service 1800 {digits(rng, 3)} '
                f"{digits(rng, 4)}</div></div>")

    def customer() -> None:
        d.block(12, 26, 95, f'<div class="b">{esc(person)}</div><div>{esc(line1)}</div><div>{unit}</div>'
                f"<div>{post}</div>")

    def ids() -> None:
        rows = [["Account No.", account], ["Bill Date", _sg_date(stmt, ds)],
                ["Billing Period", f"{_sg_date(start, ds)} to {_sg_date(end, ds)}"],
                ["Premises", f"{esc(line1)} {nowrap(unit)}, {nowrap(post)}"],
                ["Invoice No.", f"{stmt:%y}{digits(rng, 8)}"],
                ["Customer Type", "Non-Domestic" if firm else "Domestic"]]
        d.block(112, 24, 88, table(rows, cls="rule", head=False, widths=[32, 68]))

    sy = 222 if summary_foot else 62

    def summary() -> None:
        rows: list[list[str]] = []
        if prev is not None:
            rows.append(["Balance B/F from previous bill", _sgd(prev)])
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(5, 20))
                rows.append([f"Payment received on {_sg_date(when, ds)} - thank you", _sgd(-paid)])
            rows.append(["Outstanding Balance", _sgd(money(prev - (paid or 0)))])
        rows.append([esc(cur_label), _sgd(current)])
        if rebate:
            rows.append(["Less: U-Save Rebate", _sgd(-rebate)])
        body = "<h3>Summary of Charges</h3>" + table(rows, cls="rule", head=False, aligns="LR", widths=[70, 30])
        d.block(12, sy, 100, body)
        due_txt = (f'<div>{esc(due_label)}: <span class="b">{_sg_date(due, ds)}</span></div>' if total > 0 else
                   "<div>No payment required</div>")
        d.block(120, sy, 80, f'<div class="due"><div>{esc(total_label)}</div><div class="big">{_sgd(total)}</div>'
                f"{due_txt}</div>")

    ty = 100 if not summary_foot else 62

    def meters() -> None:
        rows = [["Service", "Meter No.", "Previous Reading", "Current Reading", "Consumption"],
                ["Electricity", e_meter, num(e_old, 0), num(e_old + kwh, 0), f"{num(kwh, 0)} kWh"],
                ["Water", w_meter, num(w_old, 1), num(round(w_old + water, 1), 1), f"{water:.1f} Cu M"]]
        if has_gas:
            rows.append(["Gas", g_meter, num(g_old, 0), num(g_old + gas, 0), f"{num(gas, 0)} kWh"])
        d.block(12, ty, 188, "<h3>Meter Readings</h3>" + table(rows, aligns="LLRRR"))

    cy = ty + (34 if has_gas else 29)

    def charges() -> None:
        rows = [["Service", "Details", "Amount (S$)"]]
        rows += [[esc(s), esc(det), num(a)] for s, det, a in lines]
        rows += [["", "Sub-total", num(sub)], ["", f"GST 9% on ${num(sub)}", num(gst)],
                 ["", f'<span class="b">{esc(cur_label)}</span>', f'<span class="b">{num(current)}</span>']]
        d.block(12, cy, 188, "<h3>Current Charges Details</h3>" + table(rows, aligns="LLR", widths=[28, 52, 20]))

    hy = 262 if not summary_foot else 198

    def history() -> None:
        months = [add_months(end, -k) for k in range(6, 0, -1)]
        rows = [["", *[f"{EN_MONTHS[m.month - 1][:3]} {m:%y}" for m in months]],
                ["Electricity (kWh)", *[num(int(kwh * rng.uniform(0.75, 1.25)), 0) for _ in months]],
                ["Water (Cu M)", *[f"{water * rng.uniform(0.7, 1.3):.1f}" for _ in months]]]
        d.block(12, hy, 188, "<h3>Your Usage History</h3>" + table(rows, aligns="LRRRRRR"))

    blocks = [header, customer, ids, summary, meters, charges, history]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    notes = (f"{'non-domestic' if firm else 'domestic'} electricity + water{' + gas' if has_gas else ''} on one bill; "
             "water in Cu M (m3), gas in kWh; meter_number is the electricity meter; current_charges = "
             f"'{cur_label}' (all services + GST 9 %); summary at the {'foot' if summary_foot else 'top'}")
    if rebate:
        notes += "; a U-Save rebate is deducted after the current charges (total = balance + current - rebate)"
    record = truth("sg_multi_utility", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due) if total > 0 else None,
                   billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
                   currency="SGD", electricity_kwh=float(kwh), gas_usage=float(gas) if has_gas else None,
                   gas_usage_unit="kWh" if has_gas else None, water_usage=water, water_usage_unit="m3",
                   meter_number=e_meter, rate_plan=None, previous_balance=prev, current_charges=current)
    return render(d, f"sg-{account}-{stmt}"), record
