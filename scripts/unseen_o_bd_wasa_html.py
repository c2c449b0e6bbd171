"""Set O, a Bangladeshi city water supply and sewerage authority (WASA) bill printed from HTML + CSS by headless
Chromium: taka amounts in South Asian lakh grouping (`Tk 1,23,456.00`), consumption in "units" of 1,000 litres,
a sewer charge equal to the water charge, VAT 15 % on non-domestic bills, arrears, the amount in words and the
surcharge payable after the last date as distractors, and a bank copy at the foot repeating the figures."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import EN_MONTHS, digits, iso, money, num, truth

AUTHORITIES = ("Padma Metropolitan Water Supply & Sewerage Authority", "Jamuna City Water Supply and Sewerage "
               "Authority (JC-WASA)", "Meghna Water Supply & Sewerage Authority")
HOMES = ("Md. Rafiqul Islam", "Mrs. Nasrin Akter", "Abdul Karim Chowdhury", "Shahana Begum", "Tanvir Ahmed")
FIRMS = ("Rupali Garments Ltd.", "Hotel Shapla International", "Nabil Food Products Ltd.", "Green Life Hospital")
PLACES = ("House 23, Road 11, Dhanmondi R/A, Dhaka-1209", "Holding 45/2, Station Road, Tongi, Gazipur-1710",
          "Plot 7, Sector 4, Uttara, Dhaka-1230", "House 112, Lane 3, Halishahar, Chattogram-4216",
          "Flat B-4, 18 Green Road, Dhaka-1205")
RATES = {"Domestic": 15.18, "Commercial": 42.00}
_ONES = ("", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
         "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen")
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")

_CSS = """
.hdr { border-bottom: 0.8mm solid #1f4e8c; padding-bottom: 1.5mm; }
.hdr .big { color: #1f4e8c; }
.due { border: 0.5mm solid #1f4e8c; padding: 2.5mm; background: #eef3fa; }
h3 { font-size: 9.5pt; margin: 0 0 1.2mm 0; color: #1f4e8c; }
td, th { padding: 0.7mm 1.5mm; }
.cut { border-top: 0.4mm dashed #555; padding-top: 2mm; }
"""


def _words(n: int) -> str:
    """A whole taka amount in words the South Asian way: crore, lakh, thousand, hundred."""
    def small(k: int) -> str:
        if k < 20:
            return _ONES[k]
        return _TENS[k // 10] + ("-" + _ONES[k % 10] if k % 10 else "")

    parts = []
    for size, name in ((10_000_000, "Crore"), (100_000, "Lakh"), (1000, "Thousand"), (100, "Hundred")):
        if n >= size:
            parts.append(f"{small(n // size)} {name}")
            n %= size
    if n:
        parts.append(small(n))
    return " ".join(parts) or "Zero"


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return nowrap(d.strftime("%d-%m-%Y"))
    if style == 1:
        return nowrap(d.strftime("%d/%m/%Y"))
    return nowrap(f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}")


def _tk(v: float, sign: str) -> str:
    return nowrap(f"{sign}{num(v, style='in')}")


def bd_wasa(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    authority = rng.choice(AUTHORITIES)
    business = rng.random() < 0.45
    category = "Commercial" if business else "Domestic"
    rate = RATES[category]
    year, month = rng.randint(2023, 2025), rng.randint(1, 12)
    start = dt.date(year, month, rng.randint(1, 8))
    days = rng.randint(29, 32)
    end = start + dt.timedelta(days=days)
    stmt = end + dt.timedelta(days=rng.randint(4, 10))
    due = stmt + dt.timedelta(days=rng.choice((15, 20, 21)))
    ds = rng.randrange(3)
    units = rng.randint(300, 3800) if business else rng.randint(18, 140)
    old = rng.randint(1000, 90000)
    water = money(units * rate)
    sewer = water
    meter_rent = float(rng.choice((50, 100))) if rng.random() < 0.6 else 0.0
    sub = money(water + sewer + meter_rent)
    vat = money(sub * 0.15) if business else 0.0
    current = money(sub + vat)
    arrears_story = rng.choice(("none", "none", "arrears"))
    prev = money(current * rng.uniform(0.8, 2.5)) if arrears_story == "arrears" else None
    total = money((prev or 0) + current)
    surcharge = money(current * 0.10)
    sign = rng.choice(("Tk ", "Tk. ", "BDT "))
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES)
    account = digits(rng, 9)
    bill_no = digits(rng, 11)
    meter = f"{rng.choice(('WM', 'MN', 'SW'))}-{digits(rng, 7)}"
    zone = f"Zone-{rng.randint(1, 11)}"
    unit_head = rng.choice(("Consumption (Unit)", "Consumption (m³)"))
    total_label = rng.choice(("Total Payable", "Net Payable Amount", "Total Amount Payable"))
    cur_label = rng.choice(("Current Bill", "Total Current Bill", "Bill Amount (this month)"))
    due_label = rng.choice(("Last Date of Payment", "Pay Within", "Payment Last Date"))
    bill_month = f"{EN_MONTHS[end.month - 1]}-{end.year}"
    doc = Doc(_CSS)
    blocks = []
    blocks.append((12, 8, 186, f'<div class="hdr"><div class="big">{esc(authority)}</div>'
                   f'<div class="small">Water &amp; Sewerage Bill &middot; {zone} Revenue Office &middot; Hotline '
                   f'16{digits(rng, 3)}</div></div>'))
    blocks.append((12, 24, 96, f'<div class="b">{esc(person)}</div><div>{esc(address)}</div>'
                   f'<div class="small">Customer category: {category}</div>'))
    ids = [["Account No.", account], ["Bill No.", bill_no], ["Bill Month", bill_month],
           ["Issue Date", _date(stmt, ds)], ["Tariff", esc(category)]]
    blocks.append((118, 22, 80, table(ids, head=False)))
    reads = [["Meter No.", "Previous Reading", "Present Reading", esc(unit_head)],
             [meter, f"{old} ({_date(start, ds)})", f"{old + units} ({_date(end, ds)})", num(units, 0, style="in")]]
    foot = '<div class="small">1 Unit = 1,000 Litres</div>' if "Unit" in unit_head else ""
    blocks.append((12, 58, 186, f"<h3>Meter Reading</h3>{table(reads, aligns='LRRR')}{foot}"))
    ch = [["Particulars", "Amount"], [f"Water Charge {num(units, 0, style='in')} units @ {sign}{rate:.2f}",
                                      _tk(water, sign)],
          ["Sewer Charge (100% of water charge)", _tk(sewer, sign)]]
    if meter_rent:
        ch.append(["Meter Rent", _tk(meter_rent, sign)])
    if business:
        ch.append([f"VAT 15% on {sign}{num(sub, style='in')}", _tk(vat, sign)])
    ch.append([f'<span class="b">{esc(cur_label)}</span>', f'<span class="b">{_tk(current, sign)}</span>'])
    blocks.append((12, 88, 110, f"<h3>Bill Details</h3>{table(ch, aligns='LR')}"))
    summ = []
    if prev is not None:
        summ.append(["Arrears (Previous Due)", _tk(prev, sign)])
    summ.append([esc(cur_label), _tk(current, sign)])
    summ.append([f'<span class="b">{esc(total_label)}</span>', f'<span class="b">{_tk(total, sign)}</span>'])
    words = _words(int(total))
    blocks.append((128, 88, 70, f'<div class="due">{table(summ, cls="rule", head=False, aligns="LR")}'
                   f'<div style="margin-top:1.5mm">{esc(due_label)}: <span class="b">{_date(due, ds)}</span></div>'
                   f'<div class="small">In words: Taka {esc(words)} only</div>'
                   f'<div class="small">After the last date a 10% surcharge of {_tk(surcharge, sign)} is '
                   "added.</div></div>"))
    hist = [["Month", "Units", "Amount"]]
    for k in range(1, 7):
        m = (end.month - 1 - k) % 12
        u = int(units * rng.uniform(0.75, 1.25))
        hist.append([EN_MONTHS[m][:3], num(u, 0, style="in"), _tk(money(u * rate * 2), sign)])
    blocks.append((12, 150, 90, f"<h3>Consumption History</h3>{table(hist, aligns='LRR')}"))
    blocks.append((12, 238, 186, f'<div class="cut"><div class="b">BANK COPY &middot; {esc(authority)}</div>'
                   + table([["Account No.", "Bill Month", esc(due_label), esc(total_label)],
                            [account, bill_month, _date(due, ds), _tk(total, sign)]], aligns="LLLR")
                   + '<div class="small">Pay at any designated bank branch or by mobile financial service with '
                   f"the bill number {bill_no}.</div></div>"))
    rng.shuffle(blocks)
    for x, y, w, body in blocks:
        doc.block(x, y, w, body)
    notes = (f"{category.lower()} Bangladeshi WASA water and sewerage bill, amounts in lakh grouping with "
             f"'{sign.strip()}'; water_usage = units of 1,000 litres (m3); sewer charge = water charge"
             + ("; VAT 15 %" if business else "") + f"; current_charges = '{cur_label}'"
             + ("; arrears added (previous_balance)" if prev is not None else "")
             + "; the bank copy, the amount in words, the surcharge after the last date, the bill number and the "
             "history are distractors")
    record = truth("bd_wasa", notes, provider=authority, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="BDT", water_usage=float(units),
                   water_usage_unit="m3", meter_number=meter, rate_plan=category, previous_balance=prev,
                   current_charges=current)
    return render(doc, f"{account}-{stmt}"), record
