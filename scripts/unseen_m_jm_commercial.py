"""Set M, a Jamaican commercial electricity bill drawn with the fpdf2 kit on Letter paper: a rate with a demand
charge in kW, an energy register read through a CT multiplier, a fuel and IPP charge per kWh, a foreign-exchange
adjustment on the non-fuel charges, GCT on the taxable part, a 12-month history with kWh and kW columns, and a
payment stub at the foot that repeats the account, the due date and the amount due."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, Page, balance_story, digits, draw_shuffled, iso, money, num, truth

COMPANIES = ("Blue Mountain Power Company Ltd.", "Caribbean Island Electric Ltd.", "Cockpit Light & Power Ltd.")
FIRMS = ("Sunrise Bakery Ltd.", "Harbour View Cold Storage Ltd.", "Montego Auto Parts Ltd.", "Port Royal Guest House",
         "Half Way Tree Pharmacy Ltd.")
PLACES = ("{n} Constant Spring Road, Kingston 10", "{n} Barnett Street, Montego Bay, St. James",
          "{n} Main Street, Ocho Rios, St. Ann", "{n} Hagley Park Road, Kingston 11")
RATES = ("Rate 40 (LV) Large Power", "Rate 20 General Service", "Rate 50 (MV) Large Power")


def _date(d: dt.date, style: int) -> str:
    m = EN_MONTHS[d.month - 1]
    if style == 0:
        return f"{m[:3]} {d.day}, {d.year}"
    if style == 1:
        return f"{d.day:02d} {m[:3]} {d.year}"
    return d.strftime("%d/%m/%Y")


def _j(v: float) -> str:
    return f"-J${num(-v)}" if v < 0 else f"J${num(v)}"


def jm_commercial(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(COMPANIES)
    rate = rng.choice(RATES)
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(5, 26))
    days = rng.randint(28, 33)
    start = end - dt.timedelta(days=days)
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.choice((14, 15, 21)))
    ds = rng.randrange(3)
    mult = rng.choice((20, 40, 60, 80))
    raw = rng.randint(90, 600)
    kwh = raw * mult
    kva = money(kwh / (days * 24) / rng.uniform(0.35, 0.65))
    peak_11 = money(kva * rng.uniform(0.9, 1.4))
    billed_kva = money(max(kva, peak_11 * 0.8))
    customer = rng.choice((3825.0, 5410.0, 7925.0))
    lines = [("Customer Charge", "", money(customer)),
             (f"Energy Charge {num(kwh, 0)} kWh @ J${num(7.8124, 4)}", "", money(kwh * 7.8124)),
             (f"Demand Charge {num(billed_kva)} kW @ J${num(2231.12)}", "", money(billed_kva * 2231.12))]
    non_fuel = money(sum(a for *_, a in lines))
    fuel = money(kwh * 24.6031)
    fx = money(non_fuel * rng.choice((0.0187, 0.0231, -0.0104)))
    lines += [(f"Fuel & IPP Charge {num(kwh, 0)} kWh @ J${num(24.6031, 4)}", "", fuel),
              ("Foreign Exchange Adjustment", "", fx)]
    sub = money(sum(a for *_, a in lines))
    gct = money(sub * 0.15)
    current = money(sub + gct)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    firm = rng.choice(FIRMS)
    address = rng.choice(PLACES).format(n=rng.randint(2, 180))
    account = digits(rng, 10)
    premise = digits(rng, 7)
    meter = f"{rng.choice(('E', 'M'))}{digits(rng, 7)}"
    total_label = rng.choice(("Amount Due", "Total Amount Due", "Please Pay"))
    cur_label = rng.choice(("Total Current Charges", "Current Month's Charges", "Total Charges This Period"))
    p = Page("Letter")

    def head() -> None:
        p.text(14, 10, provider, 15, bold=True)
        p.text(14, 17, f"TRN {digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 3)}  |  Customer Care "
               f"1-888-{digits(rng, 3)}-{digits(rng, 4)}", 7)
        p.text(150, 10, "ELECTRICITY BILL", 11, bold=True)
        p.text(14, 28, firm, 10, bold=True)
        p.text(14, 33, address, 9)

    def ids() -> None:
        rows = [["Account Number", account], ["Premise No.", premise], ["Bill Date", _date(stmt, ds)],
                ["Rate", rate], ["Service Address", address]]
        p.table(112, 24, [30, 72], rows, size=7.5, row_h=5, header=False)

    def meter_table() -> None:
        p.text(14, 58, "Meter Readings", 10, bold=True)
        old = rng.randint(1000, 60000)
        rows = [["Meter", "Register", "Previous", "Present", "Difference", "Multiplier", "Billed"],
                [meter, "kWh", str(old), str(old + raw), str(raw), str(mult), num(kwh, 0)],
                [meter, "kW", "", num(kva * 1.0 / mult, 4), "", str(mult), num(kva)]]
        y = p.table(14, 64, [24, 20, 24, 24, 24, 22, 30], rows, size=7.5, aligns="LLRRRRR")
        p.text(14, y + 2, f"Reading period {_date(start, ds)} to {_date(end, ds)} ({days} days).  Maximum demand "
               f"{num(kva)} kW;  billing demand {num(billed_kva)} kW", 6.5)
        p.text(14, y + 5.5, f"(80 % of the 11-month peak {num(peak_11)} kW or the present demand, whichever is "
               "greater).", 6.5)

    def charges() -> None:
        p.text(14, 92, "Details of Current Charges", 10, bold=True)
        rows = [["Description", "", "Amount"]] + [[t, r, _j(a)] for t, r, a in lines]
        rows += [["Subtotal (taxable)", "", _j(sub)], ["GCT @ 15 %", "", _j(gct)], [cur_label, "", _j(current)]]
        p.table(14, 98, [120, 20, 46], rows, size=7.5, aligns="LRR")

    def history() -> None:
        p.text(14, 158, "Your 12-Month History", 9, bold=True)
        rows = [["Month", "kWh", "kW", "Days"]]
        for k in range(12, 0, -1):
            m = EN_MONTHS[(end.month - 1 - k) % 12][:3]
            rows.append([m, num(int(kwh * rng.uniform(0.7, 1.3)), 0), num(kva * rng.uniform(0.8, 1.2)),
                         str(rng.randint(28, 33))])
        p.table(14, 163, [20, 24, 20, 14], rows, size=6.5, row_h=3.8, aligns="LRRR")

    def account_box() -> None:
        rows = [["Account Summary", ""]]
        if prev is not None:
            rows.append(["Balance from Last Bill", _j(prev)])
            if paid:
                rows.append(["Payment Received - Thank You", _j(-paid)])
            else:
                rows.append(["Payment Received", _j(0)])
            rows.append(["Balance Brought Forward", _j(money(prev - (paid or 0)))])
        rows += [[cur_label, _j(current)], [total_label, _j(total)]]
        y = p.table(104, 163, [60, 36], rows, size=8, row_h=5.5, aligns="LR")
        p.text(104, y + 3, f"Due Date: {_date(due, ds)}", 10, bold=True)
        p.text(104, y + 9, "A late payment charge applies to balances unpaid after the due date.", 6.5)

    def stub() -> None:
        p.hline(8, 208, 232, dash=True)
        p.text(14, 235, "PAYMENT STUB - please return this portion with your payment", 7, bold=True)
        rows = [["Account Number", "Due Date", total_label, "Amount Paid"],
                [account, _date(due, ds), _j(total), ""]]
        p.table(14, 241, [45, 40, 50, 45], rows, size=8.5, row_h=6, aligns="LLRL")
        p.text(14, 258, firm, 8)
        p.text(14, 262, address, 8)

    draw_shuffled(rng, [head, ids, meter_table, charges, history, account_box, stub])
    notes = ("Jamaican commercial electricity bill, monthly; Account Number is the account (Premise No., TRN are not); "
             f"kWh = register difference x multiplier {mult} (the raw difference is a distractor); demand_kw = the "
             "maximum demand in kW (the ratcheted billing demand and the 11-month peak are distractors); fuel & IPP "
             "charge, FX adjustment, GCT 15 %; 12-month kWh/kW history; amount due repeated on the payment stub "
             "at the foot")
    record = truth("jm_commercial", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="JMD", electricity_kwh=float(kwh),
                   demand_kw=kva, meter_number=meter, rate_plan=rate, previous_balance=prev, current_charges=current)
    return p.output(), record
