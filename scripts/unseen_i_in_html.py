"""Set I, an Indian state electricity distribution company (DISCOM) bill printed from HTML + CSS by headless
Chromium (A4, the rupee sign ₹ in a browser font): monthly or bimonthly, slab energy charges, a fixed charge on
the sanctioned load, fuel adjustment per unit, electricity duty as a percentage, a prompt-payment rebate date
before the due date and a later date with a delayed-payment surcharge after it."""

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

DISCOMS = (
    ("Sahyadri State Electricity Distribution Co. Ltd", "SSEDCL"),
    ("Kaveri Power Distribution Corporation Ltd", "KPDCL"),
    ("Narmada Vidyut Vitaran Nigam Ltd", "NVVNL"),
)
HOMES = (
    "SHRI RAMESH KUMAR PATIL",
    "SMT. LAKSHMI NARAYANAN",
    "MOHD. IRFAN QURESHI",
    "SMT. PRIYA DESHMUKH",
    "SHRI ARJUN REDDY",
)
SHOPS = ("M/S SHREE GANESH TRADERS", "M/S ANNAPURNA TIFFIN CENTRE", "M/S OM SAI MEDICAL STORES")
PLACES = (
    ("Flat 12, Shivneri Apartments, Karve Nagar", "PUNE 411052"),
    ("No. 48, 3rd Cross, Jayanagar 4th Block", "BENGALURU 560011"),
    ("H.No. 7-1-214, Ameerpet", "HYDERABAD 500016"),
    ("Plot 33, Sector 9, Vidhyadhar Nagar", "JAIPUR 302039"),
    ("Shop 5, Gandhi Market, Station Road", "NAGPUR 440001"),
)

_CSS = """
.hdr { border-bottom: 0.8mm solid #7a1f1f; padding-bottom: 1.5mm; }
.hdr .big { color: #7a1f1f; }
.pay { border: 0.5mm solid #7a1f1f; padding: 3mm; background: #fbf3ec; }
.pay .big { font-size: 16pt; }
h3 { font-size: 9.5pt; margin: 0 0 1.2mm 0; color: #7a1f1f; }
td, th { padding: 0.7mm 1.5mm; }
"""


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return nowrap(d.strftime("%d-%m-%Y"))
    if style == 1:
        return nowrap(d.strftime("%d/%m/%Y"))
    return nowrap(f"{d.day:02d}-{EN_MONTHS[d.month - 1][:3].upper()}-{d:%y}")


def _rs(v: float, sign: str) -> str:
    """Indian money (amounts stay under a lakh, so the grouping is 1,234.56); a credit with 'Cr'."""
    if v < 0:
        return nowrap(f"{sign}{num(-v, style='in')} Cr")
    return nowrap(f"{sign}{num(v, style='in')}")


def _slabs(units: int, months: int, business: bool) -> list[tuple[str, int, float]]:
    """Units over the telescopic slabs (their widths scale with the months billed)."""
    if business:
        bounds: tuple[tuple[int, int, float], ...] = ((0, 200, 8.45), (200, 10**6, 11.30))
    else:
        bounds = ((0, 100, 3.46), (100, 300, 7.43), (300, 500, 10.32), (500, 10**6, 11.71))
    out = []
    for lo, hi, rate in bounds:
        lo_m, hi_m = lo * months, hi * months
        take = min(max(units - lo_m, 0), hi_m - lo_m)
        if take > 0:
            span = f"{lo_m + 1}-{hi_m}" if hi < 10**6 else f"above {lo_m}"
            out.append((f"Energy charges slab {span} units", take, rate))
    return out


def india_discom(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, short = rng.choice(DISCOMS)
    business = rng.random() < 0.3
    months = 1 if business else rng.choice((1, 2))
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, months) + dt.timedelta(days=rng.randint(-2, 2))
    stmt = end + dt.timedelta(days=rng.randint(1, 5))
    due = stmt + dt.timedelta(days=rng.choice((15, 18, 21)))
    rebate_by = stmt + dt.timedelta(days=7)
    days = (end - start).days
    load = rng.choice((2.0, 3.0, 5.0)) if not business else rng.choice((5.0, 7.5, 10.0))
    units = months * (rng.randint(500, 1800) if business else rng.randint(70, 520))
    prior = rng.randint(2000, 60000)
    meter = f"{rng.choice(('SEC', 'HPL', 'LNT'))}{digits(rng, 7)}"
    category = (
        rng.choice(("LT-II Non-Domestic / Commercial", "LT-2(A) Commercial"))
        if business
        else rng.choice(("LT-I Residential", "LT-1A Domestic", "LT Domestic (Single Phase)"))
    )
    energy = [(name, u, r, money(u * r)) for name, u, r in _slabs(units, months, business)]
    fixed_rate = 110.0 if business else rng.choice((40.0, 60.0))
    fixed = money(fixed_rate * load * months)
    fac_rate = round(rng.uniform(0.15, 0.55), 2)
    fac = money(units * fac_rate)
    meter_rent = money(rng.choice((0.0, 10.0, 25.0)) * months)
    duty_pct = rng.choice((6, 9, 16)) if not business else rng.choice((16, 21))
    energy_sum = money(sum(a for *_, a in energy))
    duty_base = money(energy_sum + fixed + fac)
    duty = money(duty_base * duty_pct / 100)
    tose = money(units * 0.1604) if rng.random() < 0.4 else 0.0
    subsidy = -money(min(energy_sum * 0.3, 250.0 * months)) if not business and rng.random() < 0.3 else 0.0
    current = money(duty_base + meter_rent + duty + tose + subsidy)
    prev, paid = balance_story(rng, current)
    if rng.random() < 0.12:  # an advance paid earlier: a credit balance
        prev, paid = -money(rng.uniform(100, 900)), 0.0
    dpc = money(current * 0.0125) if prev is not None and prev > 0 and paid == 0 else 0.0
    if dpc:
        current = money(current + dpc)
    total = money((prev or 0) - (paid or 0) + current)
    rebate = money(current * 0.01)
    after_due = money(total + money(current * 0.0125)) if total > 0 else 0.0

    person = rng.choice(SHOPS if business else HOMES)
    line1, city = rng.choice(PLACES)
    address = f"{line1}, {city}"
    account = digits(rng, rng.choice((10, 12)))
    bill_no = f"{short}/{stmt.year}/{digits(rng, 8)}"
    feeder = f"{rng.randint(11, 33)}KV {rng.choice(('KOTHRUD', 'STATION', 'MARKET', 'NORTH'))}-{rng.randint(1, 9)}"
    ds = rng.randrange(3)
    sign = rng.choice(("\u20b9 ", "Rs. ", "\u20b9"))
    acct_label = rng.choice(("Consumer No.", "Service Connection No.", "Account ID", "Consumer Number"))
    total_label = rng.choice(("Net Payable", "Net Amount Payable", "Bill Amount", "Total Amount Payable"))
    due_label = rng.choice(("Due Date", "Pay By", "Last Date of Payment"))
    cur_label = rng.choice(("Current Bill", "Current Month Bill", "Current Demand"))
    unit_label = rng.choice(("Units Consumed", "Consumption (kWh)", "Net Units Billed"))
    summary_top = rng.random() < 0.5
    d = Doc(_CSS)

    def header() -> str:
        return (
            f'<div class="hdr"><div class="big">{esc(provider)}</div>'
            f'<div class="small">(A Government Undertaking) &nbsp;|&nbsp; Toll free 1912 &nbsp;|&nbsp; '
            f"GSTIN 27AA{digits(rng, 3)}C{digits(rng, 4)}Z{rng.randint(1, 9)} &nbsp;|&nbsp; "
            "ELECTRICITY BILL CUM NOTICE</div></div>"
        )

    def consumer() -> str:
        rows = [
            [esc(acct_label), f"<b>{account}</b>"],
            ["Name", esc(person)],
            ["Address", esc(address)],
            ["Bill No.", esc(bill_no)],
            ["Bill Date", _date(stmt, ds)],
            ["Category", esc(category)],
            ["Sanctioned Load", f"{load:.3f} kW"],
            ["Feeder / DTC", esc(feeder)],
            ["Bill Period", f"{months} month{'s' if months > 1 else ''} ({days} days)"],
        ]
        return "<h3>Consumer Details</h3>" + table(rows, head=False, widths=[34, 66])

    def reads() -> str:
        rows = [
            ["Meter No.", "Previous Reading", "Date", "Present Reading", "Date", "MF", esc(unit_label), "Status"],
            [
                meter,
                str(prior),
                _date(start, ds),
                str(prior + units),
                _date(end, ds),
                "1",
                str(units),
                rng.choice(("Normal", "OK", "Normal")),
            ],
        ]
        return "<h3>Meter Reading Details</h3>" + table(rows, aligns="LRLRLRRL")

    def charges() -> str:
        rows = [["Particulars", "Units", "Rate", f"Amount ({sign.strip()})"]]
        rows += [[esc(n), str(u), f"{r:.2f}", num(a, style="in")] for n, u, r, a in energy]
        rows.append(
            [f"Fixed Charges ({load:g} kW x {sign.strip()}{fixed_rate:.0f} x {months})", "", "", num(fixed, style="in")]
        )
        rows.append(["Fuel Adjustment Charge (FAC)", str(units), f"{fac_rate:.2f}", num(fac, style="in")])
        rows.append([f"Electricity Duty {duty_pct}% on {num(duty_base, style='in')}", "", "", num(duty, style="in")])
        if meter_rent:
            rows.append(["Meter Rent", "", "", num(meter_rent, style="in")])
        if tose:
            rows.append(["Tax on Sale of Electricity", str(units), "0.1604", num(tose, style="in")])
        if subsidy:
            rows.append(["Government Subsidy", "", "", num(subsidy, style="in")])
        if dpc:
            rows.append(["Delayed Payment Charges (previous bill)", "", "", num(dpc, style="in")])
        rows.append([f"<b>{esc(cur_label)}</b>", "", "", f"<b>{num(current, style='in')}</b>"])
        return "<h3>Bill Details</h3>" + table(rows, aligns="LRRR", widths=[58, 12, 12, 18])

    def summary() -> str:
        rows: list[list[str]] = []
        if prev is not None:
            rows.append(["Arrears / Previous Balance", _rs(prev, sign)])
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(5, 25))
                rows.append(
                    [f"Less: Payment received on {_date(when, ds)} (Receipt {digits(rng, 9)})", _rs(paid, sign)]
                )
        rows.append([esc(cur_label), _rs(current, sign)])
        rows.append([f"<b>{esc(total_label)}</b>", f"<b>{_rs(total, sign)}</b>"])
        box = f'<div class="small">{esc(total_label)}</div><div class="big">{_rs(total, sign)}</div>'
        if total > 0:
            box += (
                f'<div class="b">{esc(due_label)}: {_date(due, ds)}</div>'
                f'<div class="small">Prompt payment rebate {_rs(rebate, sign)} if paid on or before '
                f"{_date(rebate_by, ds)}</div>"
                f'<div class="small">Amount payable after due date (with DPC): {_rs(after_due, sign)} by '
                f"{_date(due + dt.timedelta(days=15), ds)}</div>"
                f'<div class="small">Disconnection notice: supply liable to be disconnected after '
                f"{_date(due + dt.timedelta(days=15), ds)} if unpaid.</div>"
            )
        else:
            box += '<div class="small">Credit balance will be adjusted in the next bill. Do not pay.</div>'
        return (
            '<h3>Payment Summary</h3><div style="display:flex;gap:4mm"><div style="flex:1">'
            + table(rows, head=False, aligns="LR", widths=[70, 30])
            + f'</div><div class="pay" style="flex:1">'
            f"{box}</div></div>"
        )

    def history() -> str:
        past = [add_months(end, -months * k) for k in range(6, 0, -1)]
        rows = [
            ["Bill Month", *[f"{EN_MONTHS[m.month - 1][:3].upper()}-{m:%y}" for m in past]],
            ["Units", *[str(int(units * rng.uniform(0.6, 1.35))) for _ in past]],
        ]
        note = (
            f'<div class="small">Average units per day: {units / days:.2f}. Security deposit held: '
            f"{_rs(rng.choice((1500.0, 2400.0, 4000.0)), sign)}. Pay via UPI, net banking or at any "
            "collection centre quoting your consumer number.</div>"
        )
        return "<h3>Consumption History</h3>" + table(rows, aligns="LRRRRRR") + note

    top = [(10, 8, 190, header), (10, 26, 110, consumer)]
    if summary_top:
        blocks = top + [(10, 96, 190, summary), (10, 144, 190, reads), (10, 166, 190, charges), (10, 262, 190, history)]
    else:
        blocks = top + [(10, 96, 190, reads), (10, 118, 190, charges), (10, 214, 190, summary), (10, 262, 190, history)]
    blocks.append(
        (
            126,
            26,
            74,
            lambda: (
                '<div class="box small"><b>Pay online</b><br>Scan the QR code or use the app. Keep your consumer '
                f"number ready.<br>Office: Sub-Division {rng.randint(1, 9)}, {esc(city)}</div>"
            ),
        )
    )
    rng.shuffle(blocks)
    for x, y, w, make in blocks:
        d.block(x, y, w, make())
    notes = (
        f"{'commercial' if business else 'domestic'} DISCOM bill, {months}-month period; units = present - "
        f"previous (MF 1); '{acct_label}' is the account (Bill No., feeder and the receipt number are not); "
        f"'{total_label}' is the total, '{cur_label}' the current charges; sanctioned load is not demand; "
        "prompt-payment rebate date (before the due date) and the DPC date (after) are distractors; summary at "
        f"the {'top' if summary_top else 'foot'}"
    )
    if subsidy:
        notes += "; a government subsidy is deducted inside the current bill"
    if dpc:
        notes += "; delayed payment charges on the unpaid arrears are part of the current bill"
    if prev is not None and prev < 0:
        notes += "; a credit (advance) balance carried (previous balance negative)"
    record = truth(
        "in_discom",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="INR",
        electricity_kwh=float(units),
        meter_number=meter,
        rate_plan=category,
        previous_balance=prev,
        current_charges=current,
    )
    return render(d, f"in-{account}-{stmt}"), record
