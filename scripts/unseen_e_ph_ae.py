"""Set E, two layouts that need a Unicode font: a Philippine distribution-utility electricity bill (the peso sign,
unbundled per-kWh charges, VAT on a printed base) and a UAE electricity and water bill with every label in English
and Arabic (Arabic drawn in joined presentation forms, Latin digits)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
    UNICODE_FONT,
    Page,
    add_months,
    add_unicode_font,
    arabic_visual,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    signed,
    truth,
)

PH_DUS = ("Luzon Metro Electric Company, Inc.", "Visayas Island Power Cooperative (VIPCO)",
          "Mindanao Valley Light & Power Corp.")
PH_HOMES = ("JUAN DELA CRUZ", "MARIA CRISTINA SANTOS", "RODEL P. BAUTISTA", "ANNALYN REYES-GARCIA", "JOSEFINA M. LIM")
PH_SHOPS = ("SARI-SARI STORE NI ALING NENA", "KAINAN SA KANTO FOOD HOUSE")
PH_PLANTS = ("GOLDEN HARVEST RICE MILL CORP.", "PACIFIC COLD STORAGE INC.")  # metered through CTs (a multiplier)
PH_STREETS = ("123 MABINI ST.", "BLK 4 LOT 12 PHASE 2", "45 RIZAL AVE.", "UNIT 3B, 88 KATIPUNAN RD.",
              "7 SAMPAGUITA ST.")
PH_AREAS = ("BRGY. SAN ISIDRO, QUEZON CITY", "BRGY. LAHUG, CEBU CITY", "BRGY. POBLACION, DAVAO CITY",
            "BRGY. MALANDAY, MARIKINA CITY")
PH_RATES = (("Generation Charge", 5.6, 7.4), ("Transmission Charge", 0.85, 1.3), ("System Loss Charge", 0.45, 0.8),
            ("Distribution Charge", 1.2, 1.9), ("Supply Charge", 0.45, 0.6), ("Metering Charge", 0.3, 0.45))


def _ph_date(d: dt.date, style: int) -> str:
    return d.strftime("%m/%d/%Y") if style == 0 else f"{EN_MONTHS[d.month - 1][:3].upper()} {d.day}, {d.year}"


def _php(v: float) -> str:
    return signed(v, "₱")


def philippine_electric(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(PH_DUS)
    business = rng.random() < 0.3
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(2, 27))
    start = add_months(end, -1)
    stmt = end + dt.timedelta(days=rng.randint(1, 3))
    due = stmt + dt.timedelta(days=rng.randint(9, 12))
    cut = due + dt.timedelta(days=rng.randint(5, 10))
    mult = rng.choice((1, 20, 40, 80)) if business else 1
    kwh = rng.randint(40, 300) * mult if mult > 1 else rng.randint(300, 2500) if business else \
        rng.randint(55, 100) if rng.random() < 0.4 else rng.randint(101, 650)
    lines: list[tuple[str, str, float]] = []
    for name, lo, hi in PH_RATES:
        r = round(rng.uniform(lo, hi), 4)
        lines.append((name, f"{num(kwh, 0)} kWh x ₱{r:.4f}/kWh", money(kwh * r)))
    lines.append(("Metering Charge (per month)", "", 5.0))
    # 100 kWh or less earns a discount: the lifeline discount for a lifeline consumer, else a senior citizen's 5 %.
    small = not business and kwh <= 100
    lifeline = small and rng.random() < 0.5
    if lifeline:
        d = money(-sum(a for _, _, a in lines) * (0.5 if kwh <= 75 else 0.2))
        lines.append(("Lifeline Discount", f"{'50' if kwh <= 75 else '20'}% (Lifeline consumer)", d))
    else:
        lines.append(("Lifeline Rate Subsidy", f"{num(kwh, 0)} kWh x ₱0.0877/kWh", money(kwh * 0.0877)))
    senior = small and not lifeline
    if senior:
        lines.append(("Senior Citizen Discount (5%, RA 9994)", "", money(-sum(a for _, _, a in lines) * 0.05)))
    univ = [("Missionary Electrification", 0.1822), ("Environmental Charge", 0.0025), ("NPC Stranded Contract Costs",
                                                                                        0.0428)]
    u_lines = [(n, f"{num(kwh, 0)} kWh x ₱{r:.4f}", money(kwh * r)) for n, r in univ]
    fit = ("FIT-All (Renewable)", f"{num(kwh, 0)} kWh x ₱0.0838", money(kwh * 0.0838))
    base = money(sum(a for *_, a in lines + u_lines) + fit[2])
    vat = money(base * 0.12)
    franchise = money(base * 0.0075)
    current = money(base + vat + franchise)
    prev, paid = balance_story(rng, current)
    unpaid = money(prev - (paid or 0)) if prev is not None and (paid or 0) < prev else None
    total = money(current + (unpaid or 0))

    person = rng.choice(PH_PLANTS if mult > 1 else PH_SHOPS if business else PH_HOMES)
    address = f"{rng.choice(PH_STREETS)}, {rng.choice(PH_AREAS)}"
    can = digits(rng, 10)
    sin, meter = digits(rng, 12), f"{rng.choice(('MTR', 'ELS', 'KPM'))}{digits(rng, 8)}"
    rate = "General Service A" if business else "Residential"
    ds = rng.randrange(2)
    total_label = rng.choice(("Total Amount Due", "TOTAL AMOUNT DUE", "Total Amount Due / Halagang Dapat Bayaran"))
    p = Page()
    add_unicode_font(p)
    uf = UNICODE_FONT
    prior = rng.randint(1000, 90000)

    def header() -> None:
        p.text(12, 9, provider, 13, bold=True)
        p.text(12, 15, f"TIN {digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 3)}-000 VAT   Hotline 16{digits(rng, 3)}"
               "   Text 0917 555 0123", 6.5)
        p.text(150, 9, "STATEMENT OF ACCOUNT", 9, bold=True)
        p.text(12, 23, person, 9, bold=True)
        p.text(12, 27.5, address, 8)

    def ids() -> None:
        rows = [["Customer Account Number", can], ["Service ID No. (SIN)", sin], ["Bill Number", digits(rng, 10)],
                ["Bill Date", _ph_date(stmt, ds)], ["Rate Type", rate],
                ["Billing Period", f"{_ph_date(start, ds)} to {_ph_date(end, ds)}"]]
        p.table(118, 20, [36, 52], rows, size=6.8, row_h=4.4, header=False, aligns="LL")

    def meter_block() -> None:
        p.text(12, 52, "Meter Reading / Pagbasa ng Metro", 9, bold=True)
        rows = [["Meter No.", "Previous", "Present", "Multiplier", "kWh Used"],
                [meter, str(prior), str(prior + kwh // mult), str(mult), num(kwh, 0)]]
        p.table(10, 57, [30, 28, 28, 22, 26], rows, size=7, row_h=5, aligns="LRRRR")
        p.text(12, 69, f"Average daily consumption: {num(kwh / (end - start).days, 2)} kWh   Consumption last month:"
               f" {num(round(kwh * rng.uniform(0.8, 1.2)), 0)} kWh", 6.8)

    def charges() -> None:
        y0 = 86.0
        p.text(12, y0, "Breakdown of Charges", 9, bold=True)
        rows = [["Charge", "Rate x kWh", "Amount"]] + [[n, c, _php(a)] for n, c, a in lines]
        rows += [["Universal Charges", "", ""]] + [[f"  {n}", c, _php(a)] for n, c, a in u_lines]
        rows += [[fit[0], fit[1], _php(fit[2])], ["Subtotal (VATable)", "", _php(base)],
                 [f"VAT 12% on {_php(base)}", "", _php(vat)], ["Local Franchise Tax 0.75%", "", _php(franchise)],
                 ["Current Charges / Kasalukuyang Singil", "", _php(current)]]
        y = y0 + 4
        for r, row in enumerate(rows):
            bold = r == 0 or r == len(rows) - 1
            p.text(12, y, row[0], 6.8, bold=bold, font=uf if "₱" in row[0] else None)
            p.text(92, y, row[1], 6.6, font=uf)
            p.text(150, y, row[2], 6.8, w=40, align="R", font=uf, bold=bold)
            y += 4

    def history() -> None:
        p.text(130, 52, "Consumption History (kWh)", 7.5, bold=True)
        rows = [["Month", "kWh"]]
        for i in range(6, 0, -1):
            d = add_months(end, -i)
            rows.append([f"{EN_MONTHS[d.month - 1][:3].upper()} {d.year}", num(round(kwh * rng.uniform(0.7, 1.3)), 0)])
        p.table(150, 56, [24, 20], rows, size=6.5, row_h=3.8, aligns="LR")

    summary_foot = rng.random() < 0.6
    sy = 218.0 if summary_foot else 184.0

    def summary() -> None:
        p.rect(10, sy, 190, 46, line=0.5)
        rows: list[tuple[str, str]] = [("Current Charges", _php(current))]
        if unpaid is not None:
            rows.append(("Unpaid amount from previous bill", _php(unpaid)))
        rows.append((total_label, _php(total)))
        for i, (k, v) in enumerate(rows):
            bold = i == len(rows) - 1
            p.text(13, sy + 4 + i * 6, k, 8.5, bold=bold)
            p.text(80, sy + 4 + i * 6, v, 9, bold=bold, w=34, align="R", font=uf)
        p.text(125, sy + 4, "Due Date / Huling Araw ng Pagbabayad", 7.5, bold=True)
        p.text(125, sy + 10, _ph_date(due, ds), 12, bold=True)
        if prev is not None and paid:
            p.text(13, sy + 24, f"Last payment received: {_php(paid)} on {_ph_date(stmt - dt.timedelta(days=20), ds)}"
                   " - Salamat po!", 7, font=uf)
        if unpaid is not None:
            p.text(13, sy + 30, f"DISCONNECTION NOTICE: service may be disconnected on {_ph_date(cut, ds)} if the"
                   " unpaid amount is not settled.", 7, bold=True)
            p.text(13, sy + 35, "Paalala: Bayaran bago ang takdang araw upang maiwasan ang pagputol ng serbisyo.", 6.8)

    def notes_block() -> None:
        y0 = 184.0 if summary_foot else 236.0
        p.text(12, y0, "Mga Paalala / Reminders", 8, bold=True)
        p.text(12, y0 + 4, "Pay at any accredited payment center, online banking or e-wallet using your Customer"
               " Account Number.", 6.5)
        p.text(12, y0 + 8, "A 1% late payment charge per month applies to overdue accounts (business accounts"
               " only).", 6.5)

    draw_shuffled(rng, [header, ids, meter_block, charges, history, summary, notes_block])
    notes = ("Philippine distribution-utility electricity bill; ₱1,234.56; unbundled per-kWh charges (generation,"
             " transmission, system loss, distribution, supply, metering), universal charges, FIT-All; VAT 12 % on a"
             " printed base plus local franchise tax; Customer Account Number is the account (Service ID No. and"
             " bill number are distractors); consumption history, last month's kWh and average daily use are"
             " distractors")
    notes += "; summary at the foot" if summary_foot else "; summary mid-page"
    if lifeline:
        notes += "; lifeline discount (negative line)"
    if senior:
        notes += "; senior-citizen discount (negative line)"
    if unpaid is not None:
        notes += ("; unpaid amount from the previous bill added to the total, previous_balance = that amount; the"
                  " disconnection date is a distractor, not the due date")
    if mult > 1:
        notes += f"; business meter with multiplier {mult}: usage = (present - previous) x {mult}"
    return p.output(), truth(
        "ph_electric", notes, provider=provider, account_number=can, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="PHP", electricity_kwh=kwh, meter_number=meter, rate_plan=rate,
        previous_balance=unpaid, current_charges=current)


AE_UTILS = (("Al Nakheel Electricity & Water Authority", "هيئة النخيل للكهرباء والمياه", "IG"),
            ("Northern Coast Utilities Company", "شركة مرافق الساحل الشمالي", "m3"),
            ("Emirates Oasis Power & Water", "واحة الإمارات للطاقة والمياه", "IG"))
AE_PEOPLE = ("AHMED KHALID AL MARZOUQI", "FATIMA SAEED AL HASHIMI", "RAJESH KUMAR NAIR", "SARAH JANE COLLINS",
             "OMAR YOUSSEF HADDAD")
AE_SHOPS = ("AL BARSHA GENERAL TRADING LLC", "GOLDEN SANDS CAFETERIA", "SKYLINE TYPING CENTRE")
AE_PLACES = ("VILLA 14, STREET 23B, AL BARSHA 2", "APT 1204, MARINA PEARL TOWER, DUBAI MARINA",
             "FLAT 305, BUILDING 7, AL NAHDA 1", "SHOP 3, GROUND FLOOR, AL QUSAIS IND. AREA 4")
AR = {"acct": "رقم الحساب", "contract": "حساب العقد", "premise": "رقم العقار", "date": "تاريخ الفاتورة",
      "period": "فترة الفاتورة", "due": "تاريخ الاستحقاق", "total": "المبلغ المستحق", "elec": "الكهرباء",
      "water": "المياه", "meter": "رقم العداد", "prev_r": "القراءة السابقة", "cur_r": "القراءة الحالية",
      "use": "الاستهلاك", "fuel": "تعرفة الوقود", "housing": "رسوم السكن", "vat": "ضريبة القيمة المضافة",
      "prev": "الرصيد السابق", "paid": "المدفوعات", "current": "رسوم الشهر الحالي", "name": "اسم العميل",
      "addr": "العنوان", "slab": "الشريحة", "amount": "المبلغ", "tariff": "نوع التعرفة", "meter_fee": "رسوم العداد",
      "summary": "ملخص الحساب", "service": "الخدمة", "carbon": "البصمة الكربونية", "bill": "فاتورة الكهرباء والمياه"}
AE_E_SLABS = ((2000, 23.0), (2000, 28.0), (2000, 32.0), (10**7, 38.0))  # (kWh in slab, fils/kWh)
AE_W_SLABS = {"IG": ((5000, 3.57), (5000, 4.09), (10**7, 4.60)), "m3": ((22, 785.0), (23, 899.0), (10**5, 1011.0))}


def _aed(v: float) -> str:
    return signed(v)


def _slabs(q: int, slabs: tuple[tuple[int, float], ...]) -> list[tuple[int, float]]:
    out, left = [], q
    for size, rate in slabs:
        take = min(left, size)
        if take <= 0:
            break
        out.append((take, rate))
        left -= take
    return out


def uae_bilingual(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, provider_ar, w_unit = rng.choice(AE_UTILS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 1) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.choice((15, 20, 30)))
    kwh = rng.randint(3000, 22000) if business else rng.randint(600, 7500)
    water = rng.randint(20, 120) * 100 if w_unit == "IG" else rng.randint(12, 70)
    e_parts = [(q, 38.0) for q in (kwh,)] if business else _slabs(kwh, AE_E_SLABS)
    w_parts = _slabs(water, AE_W_SLABS[w_unit])
    per = "IG" if w_unit == "IG" else "m³"
    lines: list[tuple[str, str, str, float]] = []
    for i, (q, r) in enumerate(e_parts):
        label = "Electricity (flat rate)" if business else f"Electricity slab {i + 1}"
        lines.append((label, AR["elec"], f"{num(q, 0)} kWh x {r:.1f} fils", money(q * r / 100)))
    lines.append(("Fuel surcharge (electricity)", AR["fuel"], f"{num(kwh, 0)} kWh x 6.5 fils", money(kwh * 0.065)))
    for i, (q, r) in enumerate(w_parts):
        lines.append((f"Water slab {i + 1}", AR["water"], f"{num(q, 0)} {per} x {r:.2f} fils", money(q * r / 100)))
    w_fuel = 1.5 if w_unit == "IG" else 330.0
    lines.append(("Fuel surcharge (water)", AR["fuel"], f"{num(water, 0)} {per} x {w_fuel:.2f} fils",
                  money(water * w_fuel / 100)))
    lines.append(("Meter service charge", AR["meter_fee"], "2 meters", 20.0 if not business else 40.0))
    taxable = money(sum(a for *_, a in lines))
    vat = money(taxable * 0.05)
    rent = rng.choice((65000, 85000, 120000, 180000))
    housing = 0.0 if business else money(rent * 0.05 / 12)
    current = money(taxable + vat + housing)
    prev, paid = balance_story(rng, current)
    if prev is not None and rng.random() < 0.2:
        paid = money(prev + rng.choice((50.0, 100.0)))  # paid more than owed: a credit carried
    forward = money((prev or 0) - (paid or 0))
    total = money(forward + current)

    person = rng.choice(AE_SHOPS if business else AE_PEOPLE)
    address = f"{rng.choice(AE_PLACES)}, {'DUBAI' if 'Nakheel' in provider else rng.choice(('SHARJAH', 'AJMAN'))}"
    account, contract, premise = digits(rng, 10), digits(rng, 12), digits(rng, 9)
    e_meter, w_meter = f"E{digits(rng, 8)}", f"W{digits(rng, 8)}"
    tariff = "Commercial" if business else "Residential - National" if rng.random() < 0.3 else "Residential"
    ds = rng.randrange(2)

    def date(d: dt.date) -> str:
        return d.strftime("%d/%m/%Y") if ds == 0 else f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"

    p = Page()
    add_unicode_font(p)
    uf = UNICODE_FONT

    def ar(x: float, y: float, s: str, size: float = 7.5, *, w: float = 0, align: str = "L") -> None:
        p.text(x, y, arabic_visual(s), size, w=w, align=align, font=uf)

    def pair(x: float, y: float, en: str, key: str, value: str, *, size: float = 7.5, gap: float = 36) -> None:
        p.text(x, y, en, size)
        ar(x + gap, y, AR[key], size, w=24, align="R")
        p.text(x + gap + 26, y, value, size)

    def header() -> None:
        p.text(12, 9, provider, 12, bold=True)
        ar(120, 9, provider_ar, 12, w=78, align="R")
        p.text(12, 16, f"TRN {digits(rng, 15)}   Customer care 800 {digits(rng, 4)}", 6.5)
        p.text(12, 21, "Electricity & Water Bill - Tax Invoice", 9, bold=True)
        ar(120, 21, AR["bill"], 9, w=78, align="R")

    def ids() -> None:
        y0 = 30.0
        for i, (en, key, value) in enumerate((("Customer name", "name", person), ("Account No.", "acct", account),
                                              ("Contract Account", "contract", contract),
                                              ("Premise No.", "premise", premise), ("Address", "addr", address),
                                              ("Tariff", "tariff", tariff))):
            pair(12, y0 + i * 4.6, en, key, value, gap=26)

    def dates() -> None:
        y0 = 30.0
        for i, (en, key, value) in enumerate((("Bill date", "date", date(stmt)),
                                              ("Billing period", "period", f"{date(start)} - {date(end)}"),
                                              ("Due date", "due", date(due)))):
            pair(120, y0 + i * 4.6, en, key, value, size=7, gap=18)

    def meters() -> None:
        y0 = 62.0
        p.text(12, y0, "Meter readings", 9, bold=True)
        ar(150, y0, "قراءات العدادات", 9, w=48, align="R")
        e0, w0 = rng.randint(10000, 90000), rng.randint(1000, 90000)
        rows = [["Service", "Meter No.", "Previous", "Current", "Consumption"],
                ["Electricity", e_meter, str(e0), str(e0 + kwh), f"{num(kwh, 0)} kWh"],
                ["Water", w_meter, str(w0), str(w0 + water), f"{num(water, 0)} {per}"]]
        y = p.table(10, y0 + 5, [30, 30, 30, 30, 36], rows, size=7, row_h=4.8, aligns="LLRRR")
        for i, key in enumerate(("service", "meter", "prev_r", "cur_r", "use")):
            ar(10 + 30 * i, y + 1, AR[key], 6.5, w=30 if i < 4 else 36, align="C")

    def charges() -> None:
        y0 = 92.0
        p.text(12, y0, "Charges details", 9, bold=True)
        ar(150, y0, "تفاصيل الرسوم", 9, w=48, align="R")
        y = y0 + 5
        for en, a_key, calc, a in [*lines, ("Total before VAT", "", "", taxable), ("VAT 5% on AED " + num(taxable), "",
                                                                                   "", vat)]:
            p.text(12, y, en, 7)
            if a_key:
                ar(60, y, a_key, 6.5, w=26, align="R")
            p.text(92, y, calc, 7)
            p.text(160, y, _aed(a), 7, w=30, align="R")
            y += 4.2
        ar(60, y - 4.2, AR["vat"], 6.5, w=30, align="R")
        if housing:
            p.text(12, y, "Housing fee (5% of annual rent AED " + num(rent, 0) + " / 12)", 7)
            ar(92, y, AR["housing"], 6.5, w=30, align="R")
            p.text(160, y, _aed(housing), 7, w=30, align="R")
            p.text(12, y + 4, "Housing fee is collected on behalf of the municipality; it is not a utility charge.",
                   6)

    sy = 214.0 if rng.random() < 0.6 else 170.0

    def summary() -> None:
        p.rect(10, sy, 190, 44, fill=240)
        p.text(12, sy + 2, "Account summary", 9, bold=True)
        ar(150, sy + 2, AR["summary"], 9, w=48, align="R")
        rows = []
        if prev is not None:
            rows += [("Previous balance", "prev", _aed(prev)), ("Payments received", "paid", _aed(-(paid or 0)))]
        rows += [("Current month charges", "current", _aed(current)),
                 ("Total due", "total", f"{num(abs(total))} CR" if total < 0 else _aed(total))]
        for i, (en, key, v) in enumerate(rows):
            bold = i == len(rows) - 1
            p.text(14, sy + 9 + i * 5.5, en, 8, bold=bold)
            ar(60, sy + 9 + i * 5.5, AR[key], 8, w=34, align="R")
            p.text(100, sy + 9 + i * 5.5, f"AED {v}", 8, bold=bold, w=30, align="R")
        p.text(140, sy + 9, "Due date", 8, bold=True)
        ar(160, sy + 9, AR["due"], 8, w=36, align="R")
        p.text(140, sy + 15, date(due), 11, bold=True)

    def green() -> None:
        y0 = 170.0 if sy > 200 else 222.0
        p.text(12, y0, f"Carbon footprint: {num(kwh * 0.4, 0)} kg CO2   Average daily: {num(kwh / 30, 1)} kWh", 7)
        ar(150, y0, AR["carbon"], 7, w=48, align="R")
        rows = [["Month"] + [f"{EN_MONTHS[add_months(start, -i).month - 1][:3]}" for i in range(6, 0, -1)],
                ["kWh"] + [num(round(kwh * rng.uniform(0.6, 1.4)), 0) for _ in range(6)]]
        p.table(10, y0 + 5, [20] + [22] * 6, rows, size=6.5, row_h=4.2, aligns="L" + "R" * 6)

    draw_shuffled(rng, [header, ids, dates, meters, charges, summary, green])
    notes = ("UAE electricity and water bill, every label in English and Arabic (Arabic as joined presentation forms,"
             " Latin digits); AED 1,234.56; dd/mm/yyyy or '5 Mar 2025'; slab tariff in fils per kWh, fuel surcharge"
             f" per kWh and per {per}; VAT 5 % on a printed base; Account No. is the account (Contract Account and"
             " Premise No. are distractors); carbon footprint, average daily use and the 6-month history are"
             " distractors; meter_number is the electricity meter")
    notes += "; water in imperial gallons (IG)" if w_unit == "IG" else "; water in m3"
    if housing:
        notes += "; housing fee (5 % of the rent / 12) is in the current charges but is not utility usage, no VAT on it"
    if total < 0:
        notes += "; overpaid: a credit, the total is negative (printed unsigned with CR)"
    return p.output(), truth(
        "ae_dewa_bilingual", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="AED", electricity_kwh=kwh, water_usage=water, water_usage_unit=w_unit,
        meter_number=e_meter, rate_plan=tariff, previous_balance=prev, current_charges=current)
