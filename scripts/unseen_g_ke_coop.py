"""Set G, two layouts drawn with the fpdf2 kit: a Kenyan postpaid electricity bill (KES, pass-through
per-kWh levies, VAT 16 %) and a US rural electric cooperative bill (member-owned, Letter, a return stub with the
amount due at the foot)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
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

KE_UTILS = ("Rift Valley Power & Lighting Co. PLC", "Savanna Electric Distribution Ltd", "Tana Grid Power Company")
KE_HOMES = ("WANJIKU MWANGI", "OTIENO ODHIAMBO", "FATUMA HASSAN ALI", "KIPCHOGE KEMBOI", "AKINYI ADHIAMBO")
KE_SHOPS = ("MAMA NJERI GENERAL STORES", "KILIMANI AUTO SPARES LTD", "NYERI BAKERS ENTERPRISES")
KE_PLACES = (("Ngong Road", "NAIROBI"), ("Moi Avenue", "MOMBASA"), ("Oginga Odinga St", "KISUMU"),
             ("Kenyatta Avenue", "NAKURU"), ("Uhuru Highway", "ELDORET"))


def _ke_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d.%m.%Y")
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"


def kenya_postpaid(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(KE_UTILS)
    business = rng.random() < 0.35
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 32))
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.choice((14, 14, 21)))
    mult = rng.choice((1, 1, 50)) if business else 1
    raw = rng.randint(8, 60) if mult > 1 else rng.randint(300, 3000) if business else rng.randint(18, 420)
    kwh = raw * mult
    prior = rng.randint(1000, 90000)
    estimated = rng.random() < 0.2
    # consumption: domestic in three bands, small commercial at one rate
    bands: list[tuple[str, int, float]] = []
    if business:
        tariff = "SC - Small Commercial"
        bands = [("Consumption Charge", kwh, 20.97)]
    else:
        tariff = "DC - Domestic Customer"
        left = kwh
        for lo, hi, rate in ((0, 30, 12.22), (30, 100, 16.54), (100, 10**9, 19.08)):
            take = min(left, hi - lo)
            if take > 0:
                bands.append((f"Consumption {lo + 1}-{hi if hi < 10**9 else ''} kWh".replace("- kWh", "+ kWh"),
                               take, rate))
                left -= take
    lines = [(name, f"{num(u, 0)}", f"{rate:.2f}", money(u * rate)) for name, u, rate in bands]
    consumption = money(sum(a for *_, a in lines))
    fec, ferfa, infl = round(rng.uniform(2.9, 4.1), 2), round(rng.uniform(0.9, 1.6), 2), 0.46
    adj = [("Fuel Energy Cost", f"{num(kwh, 0)}", f"{fec:.2f}", money(kwh * fec)),
           ("Forex Charge (FERFA)", f"{num(kwh, 0)}", f"{ferfa:.2f}", money(kwh * ferfa)),
           ("Inflation Adjustment", f"{num(kwh, 0)}", f"{infl:.2f}", money(kwh * infl))]
    vat_base = money(consumption + sum(a for *_, a in adj))
    levies = [("WRA Levy", f"{num(kwh, 0)}", "0.02", money(kwh * 0.02)),
              ("EPRA Levy", f"{num(kwh, 0)}", "0.08", money(kwh * 0.08)),
              ("REP Levy 5% of consumption", "", "", money(consumption * 0.05))]
    vat = money(vat_base * 0.16)
    current = money(vat_base + sum(a for *_, a in levies) + vat)
    story = rng.random()
    prev: float | None
    paid: float | None
    if story < 0.15:  # overpaid last month: the account carries a credit
        prev = money(current * rng.uniform(0.8, 1.2))
        paid = money(prev + current * rng.uniform(1.1, 1.5))
    else:
        prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)

    person = rng.choice(KE_SHOPS if business else KE_HOMES)
    road, town = rng.choice(KE_PLACES)
    plot = f"PLOT {rng.randint(2, 999)}/{rng.randint(1, 40)}"
    address = f"{plot}, {road.upper()}, {town}"
    account = digits(rng, rng.choice((8, 11)))
    meter = digits(rng, 11)
    bill_no, ref = digits(rng, 10), f"{digits(rng, 4)}-{digits(rng, 3)}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Total Amount Payable", "Amount Due", "TOTAL DUE", "Amount to Pay"))
    due_label = rng.choice(("Pay By", "Due Date", "Payment Due Date"))
    cur_label = rng.choice(("Current Bill", "Current Charges", "This Month's Charges"))
    prev_label = rng.choice(("Balance B/F", "Previous Balance", "Balance Brought Forward"))
    p = Page(fmt="A4")
    ks = "KSh " if rng.random() < 0.5 else ""

    def header() -> None:
        p.rect(0, 0, 210, 22, fill=232, line=0)
        p.text(10, 5, provider, 13, bold=True)
        p.text(10, 12.5, "Stima House, P.O. Box 30099-00100 | Customer Care 0703 0" + digits(rng, 5)
               + " | Paybill 888880", 7)
        p.text(150, 5, "ELECTRICITY BILL", 11, bold=True)
        p.text(150, 11, "POSTPAID", 8)

    def customer() -> None:
        p.text(10, 28, person, 9.5, bold=True)
        p.text(10, 33, f"P.O. BOX {rng.randint(10, 9999)}-{rng.randint(100, 900):05d}", 8)
        p.text(10, 37.5, town, 8)
        p.text(10, 44, f"Premises: {address}", 8)

    def ids() -> None:
        rows = [["Account No.", account], ["Bill No.", bill_no], ["Customer Ref.", ref],
                ["Bill Date", _ke_date(stmt, ds)], ["Tariff", tariff],
                ["Reading Period", f"{_ke_date(start, ds)} - {_ke_date(end, ds)}"]]
        p.table(112, 26, [30, 58], rows, size=7.5, row_h=4.8, header=False, aligns="LL")

    def reads() -> None:
        y = 60.0
        p.text(10, y, "METER READINGS", 9, bold=True)
        head = ["Meter No.", "Previous Reading", "Current Reading", "Multiplier", "Units (kWh)", "Read Type"]
        rows = [head, [meter, num(prior, 0), num(prior + raw, 0), str(mult), num(kwh, 0),
                       "Estimated" if estimated else "Actual"]]
        p.table(10, y + 5, [36, 32, 32, 22, 28, 28], rows, size=7.5, row_h=5, aligns="LRRRRL")
        p.text(10, y + 17, f"Previous reading taken {_ke_date(start, ds)}, current reading taken "
               f"{_ke_date(end, ds)} ({(end - start).days} days)", 7)

    def charges() -> None:
        y = 86.0
        p.text(10, y, "DETAILS OF CHARGES", 9, bold=True)
        rows = [["Description", "Units", "Rate (KSh)", "Amount (KSh)"]]
        rows += [[n, u, r, num(a)] for n, u, r, a in lines + adj]
        rows.append(["Taxable amount (VAT base)", "", "", num(vat_base)])
        rows += [[n, u, r, num(a)] for n, u, r, a in levies]
        rows.append([f"VAT 16% on {num(vat_base)}", "", "", num(vat)])
        rows.append([cur_label, "", "", num(current)])
        end_y = p.table(10, y + 5, [92, 28, 28, 30], rows, size=7.5, row_h=5, aligns="LRRR")
        p.text(10, end_y + 2, "Fuel, forex and inflation adjustments are set monthly by the regulator and "
               "passed through at cost.", 6.5)

    summary_foot = rng.random() < 0.5
    sy = 222.0 if summary_foot else 166.0
    hy = 166.0 if summary_foot else 222.0

    def summary() -> None:
        p.rect(10, sy, 110, 40, fill=246)
        p.text(13, sy + 2, "ACCOUNT SUMMARY", 9, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append((prev_label, num(prev)))
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(5, 25))
                rows.append((f"Payment(s) received {_ke_date(when, ds)}", num(-paid)))
        rows += [(cur_label, num(current)), (total_label, f"{ks}{num(total)}")]
        for i, (k, v) in enumerate(rows):
            p.text(13, sy + 9 + i * 6, k, 8.5, bold=i == len(rows) - 1)
            p.text(80, sy + 9 + i * 6, v, 8.5, bold=i == len(rows) - 1, w=36, align="R")
        p.rect(126, sy, 74, 40, line=0.6)
        p.text(130, sy + 3, total_label, 9, bold=True)
        p.text(130, sy + 10, f"KSh {num(total)}" + (" CR" if total < 0 else ""), 15, bold=True)
        if total > 0:
            p.text(130, sy + 20, f"{due_label}: {_ke_date(due, ds)}", 9, bold=True)
            p.text(130, sy + 26, f"Disconnection from {_ke_date(due + dt.timedelta(days=7), ds)} if unpaid", 7)
        else:
            p.text(130, sy + 20, "Your account is in credit. Do not pay.", 8)

    def history() -> None:
        p.text(10, hy, "CONSUMPTION HISTORY (kWh)", 8.5, bold=True)
        months = [add_months(end, -k) for k in range(6, 0, -1)]
        vals = [max(5, int(kwh * rng.uniform(0.7, 1.3))) for _ in months]
        rows = [[f"{EN_MONTHS[m.month - 1][:3]} {m:%y}" for m in months], [num(v, 0) for v in vals]]
        p.table(10, hy + 5, [30] * 6, rows, size=7, row_h=5, aligns="RRRRRR")
        p.text(10, hy + 18, f"Average daily consumption this period: {kwh / (end - start).days:.1f} kWh", 7)
        p.text(10, hy + 23, "Pay via M-PESA Paybill 888880, account number as above. Token and bill enquiries "
               "by SMS to 97771.", 7)

    draw_shuffled(rng, [header, customer, ids, reads, charges, summary, history])
    notes = (f"{'business' if business else 'residential'} {tariff.split(' - ')[0]} postpaid bill; kWh = "
             f"(current - previous) x {mult}; current_charges = '{cur_label}' (levies and VAT included); "
             f"summary at the {'foot' if summary_foot else 'middle'}")
    if prev is not None and paid and paid > prev:
        notes += "; overpaid last month so the account is in credit (total negative)"
    record = truth("ke_postpaid", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due) if total > 0 else None,
                   billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
                   currency="KES", electricity_kwh=float(kwh), meter_number=meter, rate_plan=tariff,
                   previous_balance=prev, current_charges=current)
    return p.output(), record


COOPS = ("Prairie Wind Electric Cooperative, Inc.", "Blue Ridge Hollow Electric Membership Corp.",
         "Cedar Bottoms Rural Electric Cooperative")
COOP_HOMES = ("DALE & BETTY HARMON", "RUSTY OKAFOR", "JOLENE PEARCE", "WADE MCALLISTER", "CARMEN ORTEGA")
COOP_FARMS = ("HARMON FAMILY FARMS LLC", "TWIN CREEK GRAIN ELEVATOR", "LITTLE RIVER BAPTIST CHURCH")
COOP_ROADS = ("COUNTY ROAD 1150", "STATE HWY 54", "RR 2 BOX", "OLD MILL RD", "TOWNSHIP RD 38")
COOP_TOWNS = ("HAYSVILLE, KS 67060", "MOUNT AIRY, NC 27030", "SPRINGDALE, AR 72762", "BRECKENRIDGE, MN 56520")


def _us_date(d: dt.date, style: int) -> str:
    return d.strftime("%m/%d/%Y") if style == 0 else f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def coop_electric(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(COOPS)
    farm = rng.random() < 0.35
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.randint(15, 20))
    mult = rng.choice((1, 40, 80)) if farm else 1
    raw = rng.randint(40, 400) if mult > 1 else rng.randint(2000, 9000) if farm else rng.randint(400, 3200)
    kwh = raw * mult
    prior = rng.randint(10000, 89000)
    kw = round(rng.uniform(12, 95), 1) if farm else None
    rate = "GS-1 General Service" if farm else rng.choice(("R-1 Residential", "RS Residential Single Phase"))
    facility = 42.50 if farm else rng.choice((27.00, 29.50, 32.00))
    e_rate = round(rng.uniform(0.0895, 0.1275), 4)
    pca = round(rng.uniform(-0.0061, 0.0148), 4)
    pca_text = f"{'-' if pca < 0 else ''}${abs(pca):.4f}"
    lines: list[tuple[str, float]] = [("Facility Charge", facility),
                                      (f"Energy Charge {num(kwh, 0)} kWh @ ${e_rate:.4f}", money(kwh * e_rate)),
                                      (f"Power Cost Adjustment {num(kwh, 0)} kWh @ {pca_text}", money(kwh * pca))]
    if kw is not None:
        lines.append((f"Demand Charge {kw} kW @ $8.75", money(kw * 8.75)))
    if rng.random() < 0.4:
        lines.append(("Security Light 100W LED", 11.25))
    sub = money(sum(a for _, a in lines))
    tax_rate = rng.choice((0.0, 0.045, 0.065))
    taxes = [(f"State Sales Tax {tax_rate * 100:.1f}% on {signed(sub, '$')}", money(sub * tax_rate))] if tax_rate \
        else []
    before_round = money(sub + sum(a for _, a in taxes))
    round_up = money(int(before_round) + 1 - before_round) if rng.random() < 0.4 else 0.0
    if round_up:
        taxes.append(("Operation Round Up (voluntary)", round_up))
    current = money(before_round + round_up)
    prev, paid = balance_story(rng, current)
    credit = rng.random() < 0.12
    if credit:  # a capital credit retirement check applied to the bill
        cap = money(rng.uniform(15, 120))
    total = money((prev or 0) - (paid or 0) + current - (cap if credit else 0))

    person = rng.choice(COOP_FARMS if farm else COOP_HOMES)
    road, town = rng.choice(COOP_ROADS), rng.choice(COOP_TOWNS)
    street = f"{rng.randint(100, 29999)} {road}"
    address = f"{street}, {town}"
    account = f"{digits(rng, 6)}-{rng.randint(1, 9):03d}" if rng.random() < 0.5 else digits(rng, 8)
    member, location = digits(rng, 5), f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}"
    meter = f"{rng.choice(('AMI', 'L', 'S'))}{digits(rng, 8)}"
    ds = rng.randrange(2)
    due_label = rng.choice(("Due Date", "Please Pay By", "Payment Due"))
    total_label = rng.choice(("Total Amount Due", "Amount Due", "Pay This Amount", "Total Due"))
    cur_label = rng.choice(("Current Charges", "Total Current Billing", "New Charges"))
    two_pages = rng.random() < 0.5
    p = Page(fmt="Letter")

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16.5, "Your member-owned electric cooperative since 1938  |  Office 1-800-555-"
               f"{digits(rng, 4)}  |  Outages 24/7", 7)
        p.text(12, 28, person, 9, bold=True)
        p.text(12, 32.5, f"PO BOX {rng.randint(10, 999)}", 8.5)
        p.text(12, 37, town, 8.5)

    def ids() -> None:
        rows = [["Account Number", account], ["Member Number", member], ["Location", location],
                ["Billing Date", _us_date(stmt, ds)], ["Rate", rate]]
        p.table(128, 24, [30, 48], rows, size=7.5, row_h=5, header=False, aligns="LL")

    def service() -> None:
        y = 56.0
        p.text(12, y, f"Service Location: {address}", 8)
        rows = [["Meter", "Service From", "Service To", "Previous", "Present", "Mult", "kWh Used"]]
        rows.append([meter, _us_date(start, ds), _us_date(end, ds), num(prior, 0), num(prior + raw, 0), str(mult),
                     num(kwh, 0)])
        if kw is not None:
            rows.append([meter, "", "", "Demand reading", f"{kw / mult:.3f}", str(mult), f"{kw} kW"])
        p.table(12, y + 5, [28, 28, 28, 28, 28, 16, 26], rows, size=7.5, row_h=5, aligns="LLLRRRR")

    def charges() -> None:
        y = 90.0
        p.text(12, y, "Current Billing Detail", 9, bold=True)
        rows = [[k, signed(a, "$")] for k, a in lines]
        rows += [["Subtotal", signed(sub, "$")]] + [[k, signed(a, "$")] for k, a in taxes]
        rows.append([cur_label, signed(current, "$")])
        p.table(12, y + 5, [120, 40], rows, size=7.5, row_h=5, header=False, aligns="LR")

    def messages() -> None:
        y = 175.0
        p.text(12, y, "Member News", 9, bold=True)
        p.text(12, y + 5, f"Annual meeting and trustee election: {_us_date(add_months(stmt, 2), ds)} at the "
               "county fairgrounds.", 7.5)
        p.text(12, y + 10, f"Your capital credits allocated to date: ${num(rng.uniform(200, 2400))}. Capital "
               "credits are your share of the margins, retired by the board.", 7.5)
        days = (end - start).days
        p.text(12, y + 15, f"Days in period: {days}   Average kWh per day: {kwh / days:.0f}   Same month last "
               f"year: {num(int(kwh * rng.uniform(0.75, 1.25)), 0)} kWh", 7.5)

    def stub() -> None:
        y = 212.0
        p.hline(5, 211, y - 3, dash=True)
        p.text(12, y - 2, "Please detach and return this portion with your payment. Make checks payable to "
               f"{provider.rstrip('.')}.", 6.5)
        p.text(12, y + 4, "ACCOUNT SUMMARY", 9, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous Balance", signed(prev, "$")))
            if paid:
                rows.append(("Payments - Thank You", signed(-paid, "$")))
        rows.append((cur_label, signed(current, "$")))
        if credit:
            rows.append(("Capital Credit Retirement Applied", signed(-cap, "$")))
        rows.append((total_label, signed(total, "$")))
        for i, (k, v) in enumerate(rows):
            p.text(12, y + 11 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(70, y + 11 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=30, align="R")
        box = [["Account Number", account], [due_label, _us_date(due, ds) if total > 0 else "No payment due"],
               [total_label, signed(total, "$") + (" CR" if total < 0 else "")], ["Amount Enclosed", "$"]]
        p.table(118, y + 6, [40, 44], box, size=8, row_h=7, header=False, aligns="LR")
        p.text(118, y + 40, person, 8)
        p.text(118, y + 44, address, 7)
        p.text(12, y + 52, f"{digits(rng, 6)}{account.replace('-', '')}{int(round(abs(total) * 100)):09d}", 8,
               font="Courier")

    def back() -> None:
        if not two_pages:
            return
        p.new_page()
        p.text(12, 12, "Understanding Your Bill", 11, bold=True)
        for i, line in enumerate((
            "Facility Charge: the fixed monthly cost of the lines, poles and transformer serving your location.",
            "Power Cost Adjustment: the change in the cost of wholesale power from the base rate, per kWh.",
            "Operation Round Up: members who opt in round their bill up to the next dollar for local charities.",
            "Payments received after the billing date appear on your next bill. A 1.5% late charge applies after "
            "the due date.",
            "Capital credits: as a member you own a share of the cooperative; margins are allocated each year.")):
            p.text(12, 22 + i * 6, line, 7.5)
        hist = [["Month", "kWh", "Days", "Avg Temp"]]
        for k in range(12, 0, -1):
            m = add_months(end, -k)
            hist.append([f"{EN_MONTHS[m.month - 1][:3]} {m.year}", num(int(kwh * rng.uniform(0.6, 1.4)), 0),
                         str(rng.randint(28, 33)), f"{rng.randint(20, 88)}F"])
        p.table(12, 60, [30, 30, 20, 24], hist, size=7.5, row_h=5, aligns="LRRR")

    draw_shuffled(rng, [header, ids, service, charges, messages, stub])
    back()
    notes = (f"{'farm / business' if farm else 'residential'} co-op bill, kWh = (present - previous) x {mult}; "
             f"current_charges = '{cur_label}'; account summary in the return stub at the foot; member number and "
             "location are not the account")
    if credit:
        notes += "; a capital credit retirement is applied after the current charges"
    if round_up:
        notes += "; Operation Round Up is part of the current charges"
    if two_pages:
        notes += "; two pages (page 2: bill explanations and a 12-month history)"
    record = truth("us_coop_electric", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due) if total > 0 else None,
                   billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
                   currency="USD", electricity_kwh=float(kwh), demand_kw=kw, meter_number=meter, rate_plan=rate,
                   previous_balance=prev, current_charges=current)
    return p.output(), record
