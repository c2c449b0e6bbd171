"""Set K, a Nigerian electricity distribution company (DisCo) postpaid bill printed from HTML + CSS by headless
Chromium (the naira sign ₦ in a browser font): a service band A-E with its tariff class, an energy charge per kWh,
VAT 7.5 %, arrears brought forward, last payment, and an estimated-billing cap note."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import EN_MONTHS, balance_story, digits, iso, money, num, truth

DISCOS = ("Lagoon Electricity Distribution Plc", "Savannah Electricity Distribution Co. Plc",
          "Niger Delta Power Distribution Plc")
HOMES = ("ADEBAYO OLUWASEUN", "CHUKWUEMEKA OKAFOR", "AMINA BELLO", "FOLASADE ADEYEMI", "IBRAHIM MUSA")
FIRMS = ("MAMA PUT KITCHEN ENT.", "BRIGHT STAR PHARMACY LTD", "GOODNEWS PRINTING PRESS")
PLACES = ("12 Adeniyi Jones Avenue, Ikeja, Lagos", "Plot 45 Aminu Kano Crescent, Wuse II, Abuja",
          "7 Trans-Amadi Road, Port Harcourt, Rivers", "23 Ring Road, Ibadan, Oyo", "5 Ahmadu Bello Way, Kaduna")
BANDS = {"A": 209.50, "B": 63.40, "C": 50.20, "D": 43.10, "E": 40.80}

_CSS = """
.hdr { border-bottom: 0.8mm solid #0b5a2b; padding-bottom: 1.5mm; }
.hdr .big { color: #0b5a2b; }
.pay { border: 0.5mm solid #0b5a2b; padding: 3mm; background: #eef7f0; }
h3 { font-size: 9.5pt; margin: 0 0 1.2mm 0; color: #0b5a2b; }
td, th { padding: 0.7mm 1.5mm; }
"""


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return nowrap(d.strftime("%d/%m/%Y"))
    if style == 1:
        return nowrap(f"{d.day:02d}-{EN_MONTHS[d.month - 1][:3].upper()}-{d:%y}")
    return nowrap(f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}")


def _n(v: float, sign: str) -> str:
    return nowrap(f"-{sign}{num(-v)}" if v < 0 else f"{sign}{num(v)}")


def ng_disco(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(DISCOS)
    business = rng.random() < 0.3
    year, month = rng.randint(2024, 2025), rng.randint(1, 12)
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(3, 8))
    due = stmt + dt.timedelta(days=rng.choice((10, 14)))
    band = rng.choice(("A", "B", "C")) if business else rng.choice(("A", "B", "C", "D", "E"))
    cls = ("C1" if band != "A" else "C2") if business else ("R2" if band != "E" else "R1")
    rate_plan = f"{cls} Band {band}"
    rate = BANDS[band]
    kwh = rng.randint(400, 2500) if business else rng.randint(80, 600)
    meter = rng.choice(("MMF", "CON", "EMC")) + digits(rng, 8)
    energy = money(kwh * rate)
    fixed = 0.0 if rng.random() < 0.6 else float(rng.choice((500, 750, 1000)))
    sub = money(energy + fixed)
    vat = money(sub * 0.075)
    current = money(sub + vat)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES)
    account = f"{digits(rng, 2)}/{digits(rng, 2)}/{digits(rng, 2)}/{digits(rng, 4)}-01"
    book = digits(rng, 6)
    sign = rng.choice(("\u20a6", "\u20a6", "NGN "))
    ds = rng.randrange(3)
    total_label = rng.choice(("Total Due", "Net Amount Payable", "Amount Payable", "Total Amount Due"))
    prev_label = rng.choice(("Arrears", "Previous Balance", "Outstanding Balance B/F"))
    cur_label = rng.choice(("Current Charges", "Total Current Bill", "Current Month Charges"))
    summary_top = rng.random() < 0.5
    doc = Doc(_CSS)
    sy, cy = (48, 112) if summary_top else (222, 48)
    later = due + dt.timedelta(days=rng.choice((15, 30)))

    blocks = []
    blocks.append((12, 8, 186, f'<div class="hdr"><div class="big">{esc(provider)}</div>'
                   f'<div class="small">Postpaid customer bill &middot; Customer care 0700 {digits(rng, 3)} '
                   f'{digits(rng, 4)} &middot; {esc(rng.choice(("Ikeja", "Wuse", "Ibadan North")))} '
                   f'Business Unit</div></div>'))
    blocks.append((12, 24, 100, f'<div class="b">{esc(person)}</div><div>{esc(address)}</div>'))
    ids = [["Account No.", esc(account)], ["Book No.", book], ["Bill Date", _date(stmt, ds)],
           ["Tariff", esc(rate_plan)], ["Service Band", f"Band {band} ({rng.choice(('20', '16', '12'))}+ hrs/day)"
            if band != "E" else "Band E (4+ hrs/day)"]]
    blocks.append((118, 22, 80, table(ids, head=False)))
    rows = []
    if prev is not None:
        rows.append([esc(prev_label), _n(prev, sign)])
        rows.append(["Last Payment" + (" " + _date(stmt - dt.timedelta(days=rng.randint(8, 20)), ds)
                                       if paid else ""), _n(-(paid or 0), sign)])
    rows.append([esc(cur_label), _n(current, sign)])
    rows.append([f'<span class="b">{esc(total_label)}</span>', f'<span class="b">{_n(total, sign)}</span>'])
    pay = (f'<div class="pay"><h3>Bill summary</h3>{table(rows, cls="rule", head=False, aligns="LR")}'
           f'<div style="margin-top:2mm">Due Date: <span class="b">{_date(due, ds)}</span></div>'
           f'<div class="small">Unpaid bills after {_date(later, ds)} may lead to disconnection; a '
           f'reconnection fee of {_n(float(rng.choice((3000, 5000))), sign)} applies.</div></div>')
    blocks.append((12, sy, 186, pay))
    old = rng.randint(1000, 60000)
    reads = [["Meter No.", "Previous Reading", "Present Reading", "Multiplier", "Consumption (kWh)"],
             [meter, str(old), str(old + kwh), "1", str(kwh)]]
    hist = [["Month", "kWh", "Amount"]]
    for k in range(1, 4):
        m = (month - 1 - k) % 12
        u = int(kwh * rng.uniform(0.7, 1.3))
        hist.append([EN_MONTHS[m][:3], str(u), _n(money(u * rate * 1.075), sign)])
    blocks.append((12, cy, 186, f'<h3>Meter details &middot; {_date(start, ds)} to {_date(end, ds)}</h3>'
                   f'{table(reads, aligns="LRRRR")}<div style="margin-top:2mm;width:80mm"><h3>Consumption '
                   f'history</h3>{table(hist, aligns="LRR")}</div>'))
    ch = [["Description", "Amount"], [f"Energy Charge {kwh} kWh @ {sign}{rate:.2f}/kWh", _n(energy, sign)]]
    if fixed:
        ch.append(["Fixed Charge", _n(fixed, sign)])
    ch += [[f"VAT @ 7.5% on {sign}{num(sub)}", _n(vat, sign)], [f'<span class="b">{esc(cur_label)}</span>',
                                                                 f'<span class="b">{_n(current, sign)}</span>']]
    blocks.append((110, cy + 40 if summary_top else cy + 40, 88, table(ch, aligns="LR")))
    blocks.append((12, 284, 186, '<div class="small">Estimated bills are capped by the regulator for unmetered '
                   f'customers. Pay at any bank branch or online with reference {book}.</div>'))
    rng.shuffle(blocks)
    for x, y, w, body in blocks:
        doc.block(x, y, w, body)
    notes = (f"{'business' if business else 'residential'} Nigerian DisCo postpaid bill, Band {band} tariff, "
             f"energy charge per kWh{' plus a fixed charge' if fixed else ''}, VAT 7.5 %; current_charges = "
             f"'{cur_label}' (VAT included); previous_balance = '{prev_label}'; summary at the "
             f"{'top' if summary_top else 'foot'}; the book number, history and disconnection date are "
             "distractors")
    record = truth("ng_disco", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="NGN", electricity_kwh=float(kwh),
                   meter_number=meter, rate_plan=rate_plan, previous_balance=prev, current_charges=current)
    return render(doc, f"{account}-{stmt}"), record
