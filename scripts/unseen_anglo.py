"""Two English-language layouts: a table-heavy US commercial time-of-use bill and an Indian electricity bill."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import Page, add_months, balance_story, digits, iso, money, num, signed, truth

US_PROVIDERS = ("Tri-County Power & Light", "Great Plains Electric Cooperative", "Riverbend Municipal Utilities")
US_CUSTOMERS = ("Harbor Logistics LLC", "Maple Ridge Dental Group", "Crescent Foods Inc.", "Summit Self Storage",
                "Bluewater Machining Co.", "St. Anselm Parish Hall")
US_STREETS = ("Industrial Pkwy", "Commerce Dr", "Main St", "Airport Rd", "Technology Blvd")
US_TOWNS = ("Dayton, OH 45414", "Salina, KS 67401", "Joplin, MO 64801", "Muncie, IN 47302")
US_RATES = ("GS-TOU-3 General Service Time-of-Use", "LGS-TOU Large General Service TOU",
            "C-TOU-2 Commercial Time-of-Use Secondary")


def _usd(v: float) -> str:
    return signed(v, "$")


def us_commercial(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(US_PROVIDERS)
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(5, 25))
    start = end - dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.choice((15, 20, 21)))
    mult = rng.choice((40, 80, 120, 200))
    parts = {"On-Peak": rng.randint(40, 200), "Mid-Peak": rng.randint(60, 260), "Off-Peak": rng.randint(120, 500)}
    kwh_parts = {k: v * mult for k, v in parts.items()}
    kwh = sum(kwh_parts.values())
    hours = ((end - start).days) * 24
    on_kw = round(kwh / hours / rng.uniform(0.3, 0.65), 1)
    off_kw = round(on_kw * rng.uniform(0.6, 1.1), 1)
    billed_kw = max(on_kw, off_kw)
    gen = {"On-Peak": rng.uniform(0.085, 0.11), "Mid-Peak": rng.uniform(0.06, 0.08), "Off-Peak": rng.uniform(0.04,
                                                                                                              0.055)}
    r_dist, r_dem = round(rng.uniform(0.03, 0.05), 4), round(rng.uniform(9.5, 15.5), 2)
    charges: list[tuple[str, str, float]] = [("Customer Charge", "", money(rng.choice((45.0, 62.5, 85.0))))]
    for reg, n in kwh_parts.items():
        charges.append((f"Generation {reg}", f"{num(n, 0)} kWh x ${gen[reg]:.5f}", money(n * gen[reg])))
    charges.append(("Distribution Energy", f"{num(kwh, 0)} kWh x ${r_dist:.4f}", money(kwh * r_dist)))
    charges.append(("Billed Demand", f"{billed_kw:.1f} kW x ${r_dem:.2f}", money(billed_kw * r_dem)))
    sub = money(sum(a for _, _, a in charges))
    charges.append(("Franchise Fee 3.0%", "", money(sub * 0.03)))
    charges.append(("State Sales Tax 6.0%", "", money(sub * 1.03 * 0.06)))
    current = money(sum(a for _, _, a in charges))
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    late = money(total + current * 0.015)
    customer = rng.choice(US_CUSTOMERS)
    address = f"{rng.randint(100, 9900)} {rng.choice(US_STREETS)}, {rng.choice(US_TOWNS)}"
    account = f"{digits(rng, 4)}-{digits(rng, 3)}-{digits(rng, 3)}"
    meter = f"K{digits(rng, 7)}"
    rate = rng.choice(US_RATES)
    dfmt = rng.choice(("%m/%d/%Y", "%m/%d/%Y", "%b %d, %Y"))
    bill_label, period_label = rng.choice(("Bill Date", "Statement Date")), rng.choice(("Service Period",
                                                                                      "Billing Period"))
    total_label = rng.choice(("Total Amount Due", "Total Due"))

    p = Page(fmt="Letter")
    p.text(12, 10, provider, 14, bold=True)
    p.text(12, 17, "Commercial Electric Service Statement", 9)
    p.text(12, 26, customer, 9, bold=True)
    p.text(12, 31, address, 8)
    info = [("Account Number", account), (bill_label, stmt.strftime(dfmt)),
            (period_label, f"{start.strftime(dfmt)} - {end.strftime(dfmt)}"),
            ("Rate", rate), ("Service Address", address)]
    for i, (k, v) in enumerate(info):
        p.text(12, 40 + i * 4.5, k, 7.5, bold=True)
        p.text(42, 40 + i * 4.5, v, 7.5)
    p.text(12, 66, "Meter Readings", 10, bold=True)
    reads = [["Meter No.", "Register", "Read dates", "Prior", "Present", "Multiplier", "kWh"]]
    dates = f"{start.strftime('%m/%d/%y')}-{end.strftime('%m/%d/%y')}"
    for reg, n in parts.items():
        prior = rng.randint(1000, 9000)
        reads.append([meter, f"{reg} kWh", dates, str(prior), str(prior + n), str(mult), num(kwh_parts[reg], 0)])
    y = p.table(12, 72, [24, 26, 34, 20, 20, 20, 24], reads, size=7.5, aligns="LLLRRRR")
    p.text(12, y + 4, "Demand", 10, bold=True)
    dem = [["Register", "Max kW", "Date / time of maximum"],
           ["On-Peak", f"{on_kw:.1f}", f"{(start + dt.timedelta(days=9)).strftime('%m/%d')} 14:45"],
           ["Off-Peak", f"{off_kw:.1f}", f"{(start + dt.timedelta(days=17)).strftime('%m/%d')} 02:15"]]
    y = p.table(12, y + 10, [30, 24, 50], dem, size=7.5, aligns="LRL")
    contract_kw = int(billed_kw * rng.uniform(1.3, 2.0) // 25 * 25 + 25)
    p.text(12, y + 2, f"Contract demand: {contract_kw} kW    Same period last year: "
           f"{num(round(kwh * rng.uniform(0.8, 1.2), -1), 0)} kWh", 7)
    p.text(12, y + 10, "Current Charges", 10, bold=True)
    rows = [["Description", "Quantity x Rate", "Amount"]] + [[d, q, _usd(a)] for d, q, a in charges]
    rows.append(["Total Current Charges", "", _usd(current)])
    y = p.table(12, y + 16, [62, 62, 30], rows, size=7.5, row_h=4.6, aligns="LLR")
    p.text(12, y + 4, "Account Summary", 10, bold=True)
    summ: list[tuple[str, str]] = []
    if prev is not None:
        summ += [("Previous Balance", _usd(prev)),
                 (f"Payment Received {(stmt - dt.timedelta(days=rng.randint(12, 25))).strftime('%m/%d')} - Thank You",
                  _usd(-(paid or 0))), ("Balance Forward", _usd(money(prev - (paid or 0))))]
    summ += [("Current Charges", _usd(current)), (total_label, _usd(total))]
    for i, (k, v) in enumerate(summ):
        p.text(14, y + 10 + i * 4.6, k, 8, bold=k.startswith("Total"))
        p.text(120, y + 10 + i * 4.6, v, 8, bold=k.startswith("Total"), w=34, align="R")
    # The detachable stub: a blank to fill in and the late amount, neither of them the amount due.
    p.hline(8, 208, 232, dash=True)
    p.text(12, 234, "Please detach and return this portion with your payment.", 7)
    p.text(12, 241, provider, 9, bold=True)
    p.text(12, 247, customer, 8)
    stub = [("Account Number", account), ("Due Date", due.strftime(dfmt)), ("Amount Due", _usd(total)),
            ("Amount Enclosed", "$ ____________")]
    for i, (k, v) in enumerate(stub):
        p.text(120, 240 + i * 5.5, k, 8, bold=True)
        p.text(158, 240 + i * 5.5, v, 8)
    p.text(12, 256, f"Late payment: pay {_usd(late)} after {due.strftime(dfmt)}", 8, bold=True)
    p.text(12, 266, f"|||| {digits(rng, 12)} {digits(rng, 8)} {num(total).replace(',', '').replace('.', '')} ||||", 8,
           font="Courier")
    # The amount-due box is an overlay drawn last, so in content order it comes after the stub.
    p.rect(148, 10, 58, 28, fill=230, line=0.6)
    p.text(151, 12, "AMOUNT DUE", 9, bold=True)
    p.text(151, 19, _usd(total), 16, bold=True, w=52, align="R")
    p.text(151, 30, f"Due by {due.strftime(dfmt)}", 8.5, bold=True)
    notes = ("US commercial TOU bill; billed kWh = On + Mid + Off registers, printed only in the Distribution Energy"
             " charge line; demand = billed (max) kW; late-payment amount on the stub is a distractor")
    return p.output(), truth(
        "us_commercial_tou", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="USD", electricity_kwh=kwh, demand_kw=billed_kw, meter_number=meter,
        rate_plan=rate, previous_balance=prev, current_charges=current)


IN_PROVIDERS = ("Deccan Power Distribution Co. Ltd.", "Vindhya Vidyut Vitaran Nigam Ltd.",
                "Konkan Electricity Supply Co. Ltd.")
IN_PEOPLE = ("SHRI RAMESH K. PATIL", "SMT. ANITA DESHMUKH", "M/S SAI KRIPA TRADERS", "SHRI VIJAY SHARMA",
             "M/S GANESH MEDICAL STORES", "SMT. FATIMA SHAIKH")
IN_AREAS = ("Flat 12, Shanti Apartments, MG Road, Pune 411001", "Plot 45, Sector 7, Vashi, Navi Mumbai 400703",
            "H.No. 3-118, Gandhi Nagar, Nagpur 440010", "Shop 4, Station Road, Nashik 422001")


def _in_date(d: dt.date) -> str:
    return d.strftime("%d-%b-%Y").upper()


def _rs(v: float) -> str:
    return f"Rs. {num(v, style='in')}"


def indian_electric(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(IN_PROVIDERS)
    commercial = rng.random() < 0.4
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(3, 26))
    start = add_months(end, -1)
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=15)
    units = rng.randint(1500, 15000) if commercial else rng.randint(90, 650)
    prior = rng.randint(10000, 90000)
    hours = (end - start).days * 24
    md: float | None
    if commercial:
        slabs = [("Energy Charges", units, 9.95)]
        # Sanctioned load above the recorded maximum, which is above the average draw (load factor < 1).
        md = round(units / hours / rng.uniform(0.3, 0.6), 2)
        tariff, load = "LT-II Non-Domestic (Commercial)", int(md * rng.uniform(1.2, 1.8) // 5 * 5 + 5)
    else:
        slabs, left, lo = [], units, 0
        for size, rate in ((100, 4.71), (200, 10.29), (200, 14.55), (10**6, 16.64)):
            take = min(left, size)
            if take <= 0:
                break
            top = str(lo + size) if size < 10**6 else "above"
            slabs.append((f"Energy Chg. {lo + 1 if lo else 0}-{top}", take, rate))
            left, lo = left - take, lo + size
        tariff, load, md = "LT-I(A) Domestic", rng.choice((2, 3, 5) if units > 300 else (1, 2, 3)), None
    lines = [(d, f"{q} x {r:.2f}", money(q * r)) for d, q, r in slabs]
    fixed = money(load * 43.0 if commercial else 128.0)
    lines.append(("Fixed Charges", f"{load} kW" if commercial else "", fixed))
    lines.append(("Wheeling Charges", f"{units} x 1.35", money(units * 1.35)))
    lines.append(("Fuel Adj. Charges (FAC)", f"{units} x 0.25", money(units * 0.25)))
    energy = money(sum(a for _, _, a in lines))
    lines.append(("Electricity Duty 16%" if not commercial else "Electricity Duty 21%", "",
                  money(energy * (0.21 if commercial else 0.16))))
    current = money(sum(a for _, _, a in lines))
    prev, paid = balance_story(rng, current)
    arrears = money((prev or 0) - (paid or 0))
    exact = money(arrears + current)
    total = float(round(exact))
    adj = money(total - exact)
    late = money(total + current * 0.02 + 10)
    person, address = rng.choice(IN_PEOPLE), rng.choice(IN_AREAS)
    consumer, meter = digits(rng, 12), f"{rng.choice(('DPD', 'VVN', 'KES'))}{digits(rng, 7)}"

    p = Page()
    p.text(12, 10, provider, 13, bold=True)
    p.text(12, 16, "(A Government Undertaking)    ELECTRICITY BILL / VIDYUT BILL", 8)
    p.rect(10, 22, 190, 40)
    info = [("Consumer No.", consumer), ("Name", person), ("Address", address), ("Tariff Category", tariff),
            ("Sanctioned Load", f"{load}.00 kW"), ("Meter No.", meter)]
    for i, (k, v) in enumerate(info):
        p.text(12, 24 + i * 6, k, 7.5, bold=True)
        p.text(42, 24 + i * 6, f": {v}", 7.5)
    right = [("Bill No.", digits(rng, 9)), ("Bill Date", _in_date(stmt)), ("Due Date", _in_date(due)),
             ("Bill Month", stmt.strftime("%b-%Y").upper()), ("Disconnection Date", _in_date(due + dt.timedelta(
                 days=15)))]
    for i, (k, v) in enumerate(right):
        p.text(132, 24 + i * 6, k, 7.5, bold=True)
        p.text(162, 24 + i * 6, f": {v}", 7.5)
    p.text(12, 67, "METER READING DETAILS", 9, bold=True)
    rows = [["Reading", "Date", "Reading (kWh)", "Status"],
            ["Previous Reading", _in_date(start), str(prior), "NORMAL"],
            ["Present Reading", _in_date(end), str(prior + units), "NORMAL"]]
    y = p.table(10, 72, [38, 32, 30, 24], rows, size=7.5, aligns="LLRL")
    p.text(12, y + 2, f"MF: 1      Units Consumed: {units}", 8.5, bold=True)
    if md is not None:
        p.text(90, y + 2, f"Recorded MD (kW): {md:.2f}", 8.5, bold=True)
    p.text(12, y + 10, "BILL DETAILS", 9, bold=True)
    rows = [["Particulars", "Units x Rate", "Amount (Rs.)"]] + [[d, q, num(a, style="in")] for d, q, a in lines]
    rows.append(["Bill Amount", "", num(current, style="in")])
    y = p.table(10, y + 15, [70, 40, 30], rows, size=7.5, row_h=4.6, aligns="LLR")
    acct: list[tuple[str, str]] = []
    if prev is not None:
        acct += [("Previous Bill Amount", _rs(prev)),
                 (f"Amount Paid ({_in_date(stmt - dt.timedelta(days=rng.randint(10, 20)))})", _rs(paid or 0)),
                 ("Arrears", _rs(arrears))]
    acct += [("Current Bill Amount", _rs(current)), ("Rounding Adj.", _rs(adj)), ("Net Payable", _rs(total))]
    for i, (k, v) in enumerate(acct):
        p.text(12, y + 5 + i * 5, k, 8.5, bold=k == "Net Payable")
        p.text(80, y + 5 + i * 5, v, 8.5, bold=k == "Net Payable", w=40, align="R")
    p.rect(135, y + 5, 65, 30, fill=235)
    p.text(138, y + 7, "NET PAYABLE", 9, bold=True)
    p.text(138, y + 14, f"Rs.{int(total)}/-", 14, bold=True)
    p.text(138, y + 23, f"Pay by {_in_date(due)}", 8)
    p.text(12, y + 42, f"Amount payable after due date: {_rs(late)}", 8.5, bold=True)
    hist = "  ".join(f"{add_months(end, -i).strftime('%b').upper()}: {max(1, round(units * rng.uniform(0.7, 1.3)))}"
                     for i in range(1, 7))
    p.text(12, y + 50, f"Consumption history (units)  {hist}", 7)
    p.text(12, y + 58, "Pay online, at any collection centre, or by cheque in favour of the Company. Bills once paid"
           " are not refunded.", 7)
    notes = ("Indian electricity bill; Net Payable rounded to whole rupees (Rounding Adj.); 'Amount payable after"
             " due date' is a distractor; sanctioned load is not demand")
    if md is not None:
        notes += "; demand = Recorded MD (kW)"
    return p.output(), truth(
        "in_electric", notes, provider=provider, account_number=consumer, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="INR", electricity_kwh=units, demand_kw=md, meter_number=meter,
        rate_plan=tariff, previous_balance=prev, current_charges=current)
