"""Set C, two layouts with the summary block at the foot: a bilingual Malay/English electricity bill and a US
municipal multi-service bill (electric + water + sewer + refuse)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from unseen_kit import (
    EN_MONTHS,
    MS_MONTHS,
    Page,
    add_months,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    signed,
    truth,
)

MY_PROVIDERS = ("Syarikat Elektrik Semenanjung Berhad", "Kuasa Pantai Timur Sdn. Bhd.", "Tenaga Lembah Hijau Berhad")
MY_HOMES = ("ENCIK AHMAD FAIZAL BIN ISMAIL", "PUAN NURUL HUDA BINTI ABDULLAH", "MR TAN WEI MING",
            "MRS KAVITHA A/P RAMASAMY")
MY_SHOPS = ("KEDAI RUNCIT SRI MAJU", "RESTORAN SELERA KAMPUNG SDN BHD", "BENGKEL KERETA AH HOCK")
MY_STREETS = ("JALAN MELATI 3/2", "JALAN KENANGA 5", "LORONG SERI INDAH 2", "JALAN PERDANA 12/4", "JALAN MAWAR 8")
MY_AREAS = ("TAMAN SRI MUDA", "TAMAN DESA JAYA", "TAMAN BUKIT INDAH", "BANDAR BARU BANGI", "TAMAN MOLEK")
MY_TOWNS = ("40400 SHAH ALAM, SELANGOR", "81100 JOHOR BAHRU, JOHOR", "31400 IPOH, PERAK", "25200 KUANTAN, PAHANG",
            "43650 BANDAR BARU BANGI, SELANGOR")
MY_BLOCKS = ((200, 21.80), (100, 33.40), (300, 51.60), (300, 54.60), (10**6, 57.10))  # (kWh in block, sen/kWh)


def _my_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d.%m.%Y")
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {MS_MONTHS[d.month - 1]} {d.year}"


def _rm(v: float) -> str:
    return signed(v, "RM")


def _five_sen(v: float) -> float:
    """Round to the nearest 5 sen, as Malaysian bills round the payable amount."""
    return float((Decimal(str(v)) * 20).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 20)


def malaysian_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(MY_PROVIDERS)
    shop = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 1) - dt.timedelta(days=1)
    days = (end - start).days + 1
    stmt = end + dt.timedelta(days=rng.randint(1, 3))
    due = stmt + dt.timedelta(days=rng.choice((14, 21, 30)))
    lines: list[tuple[str, str, float]] = []
    if shop:
        mult = rng.choice((1, 1, 10))
        kwh = rng.randint(80, 600) * mult if mult > 1 else rng.randint(800, 6000)
        tariff = "Tarif B - Komersial Voltan Rendah / Low Voltage Commercial"
        lines.append(("Caj Tenaga / Energy Charge", f"{num(kwh, 0)} kWh x 43.50 sen", money(kwh * 0.435)))
        taxable = lines[0][2]
    else:
        mult = 1
        kwh = rng.randint(150, 1300)
        tariff = "Tarif A - Kediaman / Domestic"
        left, lo = kwh, 0
        for size, sen in MY_BLOCKS:
            take = min(left, size)
            if take <= 0:
                break
            block = f"Blok {lo + 1} - {lo + size} kWh" if size < 10**6 else f"Blok {lo + 1} kWh ke atas / above"
            lines.append((block, f"{take} kWh x {sen:.2f} sen", money(take * sen / 100)))
            left, lo = left - take, lo + size
        # Service tax applies only to the charge for the kWh above 600 (the blocks past 600).
        taxable = money(sum(a for d, _, a in lines if d.startswith(("Blok 601", "Blok 901"))))
    icpt = rng.choice((-2.0, -2.0, 0.0, 1.0, 3.0))
    if icpt:
        lines.append(("Rebat ICPT / ICPT Rebate" if icpt < 0 else "Surcaj ICPT / ICPT Surcharge",
                      f"{num(kwh, 0)} kWh x {icpt:.2f} sen", money(kwh * icpt / 100)))
    if shop or kwh > 300:
        base = money(sum(a for _, _, a in lines))
        lines.append(("Kumpulan Wang Tenaga Boleh Baharu (KWTBB) 1.6%", f"atas {_rm(base)}", money(base * 0.016)))
    if taxable:
        lines.append(("Cukai Perkhidmatan / Service Tax 8%", f"atas {_rm(taxable)}", money(taxable * 0.08)))
    current = money(sum(a for _, _, a in lines))
    prev, paid = balance_story(rng, current)
    exact = money((prev or 0) - (paid or 0) + current)
    total = _five_sen(exact)
    adj = money(total - exact)

    person = rng.choice(MY_SHOPS if shop else MY_HOMES)
    street = f"NO {rng.randint(1, 150)}, {rng.choice(MY_STREETS)}"
    area, town = rng.choice(MY_AREAS), rng.choice(MY_TOWNS)
    address = f"{street}, {area}, {town}"
    account = f"22{digits(rng, 10)}"
    contract, meter = digits(rng, 10), f"{rng.choice(('SMN', 'KPT', 'TLH'))}{digits(rng, 8)}"
    prior = rng.randint(10000, 90000)
    ds = rng.randrange(3)
    total_label = rng.choice(("Jumlah Perlu Dibayar / Total Amount Payable", "Jumlah Bil / Total Amount Due",
                              "Amaun Perlu Dibayar / Amount Payable"))
    due_label = rng.choice(("Bayar Sebelum / Pay Before", "Tarikh Akhir Bayaran / Due Date"))
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"No. Pendaftaran SST: W10-{digits(rng, 4)}-{digits(rng, 8)}   Talian Khidmat Pelanggan 1-300-"
               f"88-{digits(rng, 4)}", 6.5)
        p.text(140, 10, "BIL ELEKTRIK", 12, bold=True)
        p.text(140, 16, "Electricity Bill / Invois Cukai", 7.5)
        p.text(12, 28, person, 8.5, bold=True)
        p.text(12, 33, street, 8)
        p.text(12, 37.5, area, 8)
        p.text(12, 42, town, 8)

    def account_info() -> None:
        rows = [["No. Akaun / Account No.", account], ["No. Kontrak / Contract No.", contract],
                ["No. Invois / Invoice No.", f"{digits(rng, 3)}{digits(rng, 9)}"],
                ["Tarikh Bil / Bill Date", _my_date(stmt, ds)],
                ["Tempoh Bil / Billing Period", f"{_my_date(start, ds)} - {_my_date(end, ds)} ({days} Hari/Days)"],
                ["Tarif / Tariff", tariff]]
        p.table(108, 24, [38, 58], rows, size=6.5, row_h=4.6, header=False, aligns="LL")

    def premises() -> None:
        p.text(12, 56, f"Alamat Premis / Premises Address: {address}", 7.5)
        p.text(12, 61, f"Deposit Cagaran / Security Deposit: {_rm(rng.choice((150.0, 300.0, 450.0)))}   "
               f"(tidak termasuk dalam bil ini / not included in this bill)", 6.5)

    def reading() -> None:
        p.text(12, 70, "Bacaan Meter / Meter Reading", 9, bold=True)
        rows = [["No. Meter", "Bacaan Dahulu / Previous", "Bacaan Semasa / Current", "Faktor / Multiplier",
                 "Penggunaan / Usage (kWh)", "Jenis / Type"],
                [meter, str(prior), str(prior + kwh // mult), str(mult), num(kwh, 0),
                 rng.choice(("Sebenar / Actual", "Sebenar / Actual", "Anggaran / Estimated"))]]
        y = p.table(10, 75, [24, 36, 36, 26, 36, 30], rows, size=6.8, row_h=5, aligns="LRRRRL")
        p.text(12, y + 1.5, f"Purata Penggunaan Harian / Average Daily Usage: {num(kwh / days, 2)} kWh", 7)

    def charges() -> None:
        p.text(12, 98, "Butiran Caj Semasa / Current Charge Details", 9, bold=True)
        rows = [["Perkara / Item", "Kiraan / Calculation", "Amaun (RM)"]] + [[d, c, num(a)] for d, c, a in lines]
        rows.append(["Caj Semasa / Current Charges", "", num(current)])
        p.table(10, 103, [92, 60, 38], rows, size=7, row_h=4.8, aligns="LLR")

    def history() -> None:
        y0 = 160
        p.text(12, y0, "Sejarah Penggunaan / Usage History (kWh)", 8, bold=True)
        heads, vals = [], []
        for i in range(6, 0, -1):
            d = add_months(start, -i)
            heads.append(f"{MS_MONTHS[d.month - 1][:3]} {d.year}")
            vals.append(num(round(kwh * rng.uniform(0.7, 1.3)), 0))
        p.table(10, y0 + 4, [22] * 6, [heads, vals], size=6.8, row_h=4.4, aligns="C" * 6)
        last = add_months(start, -12)
        p.text(12, y0 + 15, f"Bulan sama tahun lepas / Same month last year ({MS_MONTHS[last.month - 1]} {last.year}): "
               f"{num(round(kwh * rng.uniform(0.8, 1.2)), 0)} kWh", 7)

    def notices() -> None:
        p.text(12, 186, "Caj lewat bayar 1% akan dikenakan ke atas tunggakan. Bekalan boleh dipotong jika bil tidak "
               "dijelaskan.", 6.5)
        p.text(12, 190, "A late payment charge of 1% applies to arrears. Supply may be disconnected if unpaid.", 6.5)

    def summary() -> None:
        # The summary block is the foot of the bill.
        y0 = 212
        p.hline(10, 200, y0 - 3)
        p.text(12, y0, "Ringkasan Bil / Bill Summary", 9.5, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Baki Terdahulu / Previous Balance", _rm(prev)))
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(10, 30))
                rows.append((f"Bayaran Diterima / Payment Received ({_my_date(when, ds)})", _rm(-paid)))
            rows.append(("Tunggakan / Arrears", _rm(money(prev - (paid or 0)))))
        rows += [("Caj Semasa / Current Charges", _rm(current)),
                 ("Pelarasan Penggenapan / Rounding Adjustment", _rm(adj)), (total_label, _rm(total))]
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(14, y0 + 6 + i * 5, k, 8, bold=last)
            p.text(96, y0 + 6 + i * 5, v, 8, bold=last, w=30, align="R")
        p.rect(136, y0 + 4, 64, 30, fill=232, line=0.5)
        p.text(139, y0 + 6, total_label.split(" / ")[0], 8, bold=True)
        p.text(139, y0 + 13, _rm(total), 15, bold=True, w=58, align="R")
        p.text(139, y0 + 25, f"{due_label.split(' / ')[0]}: {_my_date(due, ds)}", 8, bold=True)

    draw_shuffled(rng, [header, account_info, premises, reading, charges, history, notices, summary])
    notes = ("Malaysian bilingual (Malay / English) electricity bill; RM; the summary block is at the foot; the payable"
             " amount is rounded to 5 sen (Pelarasan Penggenapan), current_charges = Caj Semasa before rounding;"
             " domestic block tariff in sen/kWh; KWTBB 1.6% and service tax 8% on a printed base; the security"
             " deposit, average daily usage, same month last year and the history are distractors")
    if mult > 1:
        notes += "; commercial meter with multiplier 10: usage = (current - previous) x 10"
    return p.output(), truth(
        "my_elektrik", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="MYR", electricity_kwh=kwh, meter_number=meter, rate_plan=tariff,
        previous_balance=prev, current_charges=current)


US_CITIES = (("City of Millbrook Public Utilities", "MILLBROOK, AL 36054"),
             ("Town of Harlan Springs Utility Billing", "HARLAN SPRINGS, IA 51537"),
             ("Village of Oak Hollow Municipal Services", "OAK HOLLOW, TN 37148"))
US_PEOPLE = ("SMITH, ROBERT J", "GARCIA, MARIA L", "JOHNSON, DENISE", "PATEL, ANIL & MEERA", "NGUYEN, THANH",
             "OAK HOLLOW LAUNDROMAT LLC")
US_STREETS = ("MAPLE AVE", "N 5TH ST", "CHERRY LN", "WASHINGTON BLVD", "COUNTY ROAD 12", "ELM CT")


def _us_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return d.strftime("%m/%d/%y")
    return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def _usd(v: float) -> str:
    return signed(v)


def _water_tiers(gal: int) -> list[tuple[str, float]]:
    first = min(gal, 2000)
    out = [(f"Water Usage first {num(first, 0)} gal @ $4.25/1,000", money(first / 1000 * 4.25))]
    if gal > 2000:
        out.append((f"Water Usage next {num(gal - 2000, 0)} gal @ $5.10/1,000", money((gal - 2000) / 1000 * 5.10)))
    return out


def us_municipal(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, city = rng.choice(US_CITIES)
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(3, 27))
    start = end - dt.timedelta(days=rng.randint(28, 33))
    days = (end - start).days
    stmt = end + dt.timedelta(days=rng.randint(2, 5))
    due = stmt + dt.timedelta(days=rng.choice((15, 18, 20)))
    draft = rng.random() < 0.25
    kwh = rng.randint(400, 2200)
    w_mult = rng.choice((1, 10, 100))
    gal = rng.randint(20, 150) * 100
    e_prior, w_prior = rng.randint(10000, 90000), rng.randint(1000, 90000)
    r_e, r_pca = round(rng.uniform(0.095, 0.125), 4), round(rng.uniform(-0.006, 0.011), 4)
    services: list[tuple[str, list[tuple[str, float]]]] = []
    elec = [("Customer Charge", money(rng.choice((15.0, 18.5, 22.0)))),
            (f"Energy Charge {num(kwh, 0)} kWh @ ${r_e:.4f}", money(kwh * r_e))]
    if r_pca:
        elec.append((f"Power Cost Adjustment {num(kwh, 0)} kWh @ ${r_pca:.4f}", money(kwh * r_pca)))
    elec.append(("Sales Tax 4.0%", money(sum(a for _, a in elec) * 0.04)))
    services.append(("ELECTRIC", elec))
    services.append(("WATER", [('Base Charge 5/8" meter', 15.25), *_water_tiers(gal)]))
    services.append(("SEWER", [("Sewer Base Charge", 12.0),
                               (f"Sewer Usage {num(gal, 0)} gal @ $6.20/1,000", money(gal / 1000 * 6.2))]))
    services.append(("REFUSE", [("Residential Refuse 96-gal cart", 21.75), ("Curbside Recycling", 4.5)]))
    if rng.random() < 0.6:
        services.append(("STORMWATER", [("Stormwater Utility Fee 1 ERU", 6.0)]))
    subtotals = [(name, money(sum(a for _, a in items))) for name, items in services]
    current = money(sum(a for _, a in subtotals))
    prev, paid = balance_story(rng, current)
    adjust = money(-rng.choice((5.0, 12.5, 20.0))) if prev is not None and rng.random() < 0.3 else 0.0
    total = money((prev or 0) - (paid or 0) + adjust + current)
    late = money(total + current * 0.10)

    person = rng.choice(US_PEOPLE)
    location = f"{rng.randint(100, 9999)} {rng.choice(US_STREETS)}"
    mailing = rng.choice((location, location, f"PO BOX {rng.randint(100, 9999)}"))
    account = f"{digits(rng, 3)}-{digits(rng, 5)}-{digits(rng, 2)}"
    e_meter, w_meter = digits(rng, 8), f"W{digits(rng, 7)}"
    rate = rng.choice(("Residential Electric (RE-1)", "Residential Service RS", "Small General Service (GS-1)"))
    ds = rng.randrange(3)
    total_label = rng.choice(("TOTAL AMOUNT DUE", "Total Due", "AMOUNT DUE"))
    due_label = "Draft Date" if draft else rng.choice(("Due Date", "Pay By", "Payment Due"))
    p = Page(fmt="Letter")

    def stub() -> None:
        p.text(12, 8, provider.upper(), 9, bold=True)
        p.text(12, 13, "PLEASE RETURN THIS PORTION WITH YOUR PAYMENT", 6.5)
        p.text(12, 20, person, 8)
        p.text(12, 24.5, mailing, 8)
        p.text(12, 29, city, 8)
        rows = [["Account Number", account], [due_label, _us_date(due, ds)], ["Amount Due", f"${num(total)}"],
                ["Amount Paid", "$"]]
        p.table(120, 10, [40, 46], rows, size=7.5, row_h=5, header=False, aligns="LR")
        p.hline(6, 210, 38, dash=True)

    with_stub = rng.random() < 0.6
    body = 42.0 if with_stub else 8.0

    def header() -> None:
        p.text(12, body, provider, 13, bold=True)
        p.text(12, body + 6, f"{city}   |   Utility Billing Office (555) 014-{digits(rng, 4)}   |   Mon-Fri 8-5", 7)
        p.text(160, body, "UTILITY BILL", 11, bold=True)
        rows = [["Account No.", account], ["Customer", person], ["Service Location", location],
                ["Bill Date", _us_date(stmt, ds)],
                ["Service Period", f"{_us_date(start, ds)} to {_us_date(end, ds)} ({days} days)"],
                [due_label, _us_date(due, ds)], ["Cycle / Route", f"{rng.randint(1, 9):02d} / {rng.randint(1, 40)}"],
                ["Rate Schedule", rate]]
        p.table(12, body + 12, [34, 70], rows, size=7, row_h=4.4, header=False, aligns="LL")

    def meters() -> None:
        y0 = body + 52
        p.text(12, y0, "METER READINGS", 9, bold=True)
        rows = [["Service", "Meter", "Previous", "Present", "Mult", "Usage"],
                ["Electric", e_meter, str(e_prior), str(e_prior + kwh), "1", f"{num(kwh, 0)} kWh"],
                ["Water", w_meter, str(w_prior), str(w_prior + gal // w_mult), str(w_mult), f"{num(gal, 0)} GAL"]]
        p.table(12, y0 + 4, [24, 28, 24, 24, 14, 30], rows, size=7, row_h=4.6, aligns="LLRRRR")

    def detail() -> None:
        y0 = body + 75
        p.text(12, y0, "CURRENT CHARGES", 9, bold=True)
        rows = [["Service / Description", "Amount"]]
        for (name, items), (_, sub) in zip(services, subtotals, strict=True):
            rows.append([name, ""])
            rows += [[f"   {d}", _usd(a)] for d, a in items]
            rows.append([f"   Total {name.title()}", _usd(sub)])
        rows.append(["Total Current Charges", _usd(current)])
        p.table(12, y0 + 4, [90, 26], rows, size=6.6, row_h=3.8, aligns="LR")

    def usage_history() -> None:
        y0 = body + 75
        p.text(134, y0, "USAGE HISTORY", 8, bold=True)
        rows = [["Month", "kWh", "Gallons"]]
        for i in range(12, 0, -1):
            d = add_months(end, -i)
            rows.append([f"{EN_MONTHS[d.month - 1][:3]} {str(d.year)[2:]}", num(round(kwh * rng.uniform(0.6, 1.4)), 0),
                         num(round(gal * rng.uniform(0.6, 1.4), -2), 0)])
        p.table(134, y0 + 4, [18, 18, 22], rows, size=6.3, row_h=3.6, aligns="LRR")
        p.text(134, y0 + 53, f"Avg daily kWh: {num(kwh / days, 1)}", 6.5)

    def summary() -> None:
        # The account summary is the foot of the page: previous, payments, adjustments, current, total.
        y0 = 222
        p.rect(10, y0 - 2, 196, 46)
        p.text(12, y0, "ACCOUNT SUMMARY", 9, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous Balance", _usd(prev)))
            rows.append(("Payments Received - Thank You", _usd(-(paid or 0))))
            rows.append(("Adjustments", _usd(adjust)))
            rows.append(("Balance Forward", _usd(money(prev - (paid or 0) + adjust))))
        rows += [("Current Charges", _usd(current)), (total_label, _usd(total))]
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(14, y0 + 6 + i * 5, k, 8, bold=last)
            p.text(80, y0 + 6 + i * 5, v, 8, bold=last, w=30, align="R")
        if draft:
            p.text(120, y0 + 6, "AUTO DRAFT - DO NOT PAY", 9, bold=True)
            p.text(120, y0 + 12, f"{_usd(total)} will be drafted from your", 7.5)
            p.text(120, y0 + 16, f"bank account on {_us_date(due, ds)}.", 7.5)
        else:
            p.text(120, y0 + 6, f"{due_label}: {_us_date(due, ds)}", 9, bold=True)
            p.text(120, y0 + 12, f"A 10% penalty applies after {_us_date(due, ds)}.", 7.5)
            p.text(120, y0 + 16, f"Amount due after {_us_date(due, ds)}: ${num(late)}", 7.5)
        p.text(120, y0 + 26, f"Next read date: {_us_date(end + dt.timedelta(days=30), ds)}", 7)

    blocks = [header, meters, detail, usage_history, summary] + ([stub] if with_stub else [])
    draw_shuffled(rng, blocks)
    notes = ("US municipal multi-service bill (electric kWh, water gallons, sewer on water use, refuse, sometimes"
             " stormwater); the account summary is at the foot; meter table with multipliers (water reads x "
             f"{w_mult}); electric meter listed first; 12-month usage history, next read date and the after-due"
             " penalty amount are distractors; days printed = end - start")
    if adjust:
        notes += "; an adjustment credit in the summary: total = previous - payments + adjustments + current"
    if draft:
        notes += "; auto-draft: due_date is the draft date"
    if with_stub:
        notes += "; remittance stub at the top repeats account, due date and amount"
    return p.output(), truth(
        "us_muni_multi", notes, provider=provider, account_number=account, service_address=location,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="USD", electricity_kwh=kwh, water_usage=gal, water_usage_unit="gallons",
        meter_number=e_meter, rate_plan=rate, previous_balance=prev, current_charges=current)
