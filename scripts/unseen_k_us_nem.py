"""Set K, a US residential solar net-metering bill drawn with the fpdf2 kit, two Letter pages: a bi-directional
meter with delivered (from the grid), received (to the grid) and net kWh registers, a time-of-use split, a
year-to-date NEM balance and an annual true-up month as distractors, and the amount due on page one while the
charges sit on page two."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, Page, balance_story, digits, draw_shuffled, iso, money, signed, truth

UTILS = ("Sierra Vista Electric Company", "Mesa Sun Power & Light", "Coastal Valley Energy")
HOMES = ("Maria Gonzalez", "Kevin O'Brien", "Priya Raman", "Daniel Whitfield", "Jessica Tran")
PLACES = ("1842 Sagebrush Ln, Fresno, CA 93711", "3307 E Cactus Wren Dr, Phoenix, AZ 85032",
          "77 Harbor Pointe Ct, Oxnard, CA 93035", "905 Juniper Ridge Rd, Las Cruces, NM 88011",
          "4150 Orchard View Ave, Sacramento, CA 95821")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    return d.strftime("%m/%d/%y")


def us_solar_nem(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(UTILS)
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 26))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(2, 5))
    due = stmt + dt.timedelta(days=rng.choice((19, 21, 25)))
    days = (end - start).days
    delivered = rng.randint(500, 1400)
    received = rng.randint(150, delivered - 60)
    net = delivered - received
    peak = int(net * rng.uniform(0.25, 0.4))
    off = net - peak
    meter = digits(rng, 10)
    rate_plan = rng.choice(("E-TOU-C Net Energy Metering", "Residential TOU 4-9 PM NEM 2.0",
                            "R-1 Solar Net Billing"))
    peak_rate, off_rate = rng.choice(((0.4812, 0.3915), (0.5233, 0.4107), (0.4496, 0.3388)))
    lines: list[tuple[str, float]] = [
        (f"Peak {peak} kWh @ ${peak_rate:.5f}", money(peak * peak_rate)),
        (f"Off-Peak {off} kWh @ ${off_rate:.5f}", money(off * off_rate)),
        (f"Base services charge {days} days @ $0.39425", money(days * 0.39425)),
        (f"Non-bypassable charges {delivered} kWh @ $0.02810", money(delivered * 0.0281)),
    ]
    if rng.random() < 0.5:
        lines.append(("California Climate Credit" if rng.random() < 0.5 else "State energy credit",
                      -float(rng.choice((35.73, 58.23, 45.00)))))
    sub = money(sum(a for _, a in lines))
    tax_pct = rng.choice((0.0, 2.5, 5.0))
    tax = money(sub * tax_pct / 100)
    current = money(sub + tax)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    ytd = money(current * rng.uniform(3, 9))
    trueup = dt.date(start.year + 1, rng.randint(1, 12), 1)
    person = rng.choice(HOMES)
    address = rng.choice(PLACES)
    mailing = rng.random() < 0.4
    account = f"{digits(rng, 4)}-{digits(rng, 6)}-{digits(rng, 1)}"
    said = digits(rng, 10)
    ds = rng.randrange(3)
    total_label = rng.choice(("Amount Due", "Total Amount Due", "Please Pay", "Total due this statement"))
    due_label = rng.choice(("Due Date", "Payment due by", "Please pay by"))
    cur_label = rng.choice(("Current Electric Charges", "Total Electric Charges", "New charges this period"))
    p = Page(fmt="Letter")

    def header() -> None:
        p.text(14, 10, provider, 14, bold=True)
        p.text(14, 17, f"Statement date {_date(stmt, ds)}  |  Account No. {account}", 8)
        p.text(14, 27, person, 9, bold=True)
        p.text(14, 31.5, "PO Box " + digits(rng, 4) + ", " + address.split(", ", 1)[1] if mailing else address, 8)

    def service() -> None:
        p.text(120, 27, "Service For:", 8, bold=True)
        p.text(120, 31.5, address, 8)
        p.text(120, 36, f"Service Agreement ID {said}", 7.5)
        p.text(120, 40.5, f"Rate: {rate_plan}", 7.5)

    def summary() -> None:
        p.rect(14, 52, 188, 48, fill=246)
        p.text(17, 55, "Your Account Summary", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Amount Due on Previous Statement", signed(prev, "$")))
            rows.append(("Payment(s) Received Since Last Statement", signed(-(paid or 0), "$")))
            rows.append(("Previous Unpaid Balance", signed(money(prev - (paid or 0)), "$")))
        rows.append((cur_label, signed(current, "$")))
        rows.append((total_label, signed(total, "$")))
        for i, (k, v) in enumerate(rows):
            p.text(17, 62 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(95, 62 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=30, align="R")
        p.rect(138, 57, 60, 30, line=0.6)
        p.text(141, 60, total_label, 9, bold=True)
        p.text(141, 66, signed(total, "$"), 15, bold=True)
        p.text(141, 75, f"{due_label}: {_date(due, ds)}", 8.5, bold=True)

    def nem_box() -> None:
        p.text(14, 106, "Net Energy Metering (NEM) summary", 9.5, bold=True)
        rows = [["", "This period", "Year to date"],
                ["NEM charges (not due now)", signed(current, "$"), signed(ytd, "$")],
                ["Net usage (kWh)", str(net), str(int(net * rng.uniform(3, 9)))]]
        p.table(14, 112, [60, 30, 30], rows, size=7.5, row_h=4.8, aligns="LRR")
        p.text(14, 128, f"Your annual true-up statement is in {EN_MONTHS[trueup.month - 1]} {trueup.year}. "
                        f"Estimated true-up balance: {signed(money(ytd * rng.uniform(0.9, 1.4)), '$')}.", 7)

    draw_shuffled(rng, [header, service, summary, nem_box])
    p.text(14, 265, f"Page 1 of 2  |  Remit stub: Account {account}  Amount enclosed $______", 7)
    p.new_page()

    def reads() -> None:
        p.text(14, 12, f"Electric Usage  {_date(start, ds)} - {_date(end, ds)}  ({days} billing days)", 10,
               bold=True)
        d0, r0 = rng.randint(20000, 80000), rng.randint(5000, 30000)
        rows = [["Meter", "Register", "Prior Read", "Current Read", "kWh"],
                [meter, "Delivered from grid", str(d0), str(d0 + delivered), str(delivered)],
                [meter, "Received to grid", str(r0), str(r0 + received), str(received)],
                ["", "Net kWh (delivered - received)", "", "", str(net)]]
        y = p.table(14, 18, [28, 60, 28, 28, 22], rows, size=7.5, row_h=5, aligns="LLRRR")
        p.text(14, y + 1.5, f"Average daily net usage {net / days:.1f} kWh. Last year same month "
                            f"{int(net * rng.uniform(0.6, 1.4))} kWh net.", 7)

    def charges() -> None:
        p.text(14, 60, "Details of Electric Charges", 10, bold=True)
        rows = [[k, signed(a, "$")] for k, a in lines]
        if tax:
            rows.append([f"Utility users' tax {tax_pct:g}%", signed(tax, "$")])
        rows.append([cur_label, signed(current, "$")])
        p.table(14, 66, [130, 40], rows, size=7.5, row_h=5, header=False, aligns="LR")

    draw_shuffled(rng, [reads, charges])
    p.text(14, 265, "Page 2 of 2", 7)
    notes = ("residential US solar net-metering bill, two pages; electricity_kwh = net kWh (delivered - received); "
             f"current_charges = '{cur_label}'; the NEM year-to-date balance, estimated true-up and the received "
             "register are distractors; charges on page 2"
             + ("; mailing address differs from the service address" if mailing else ""))
    record = truth("us_solar_nem", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="USD", electricity_kwh=float(net),
                   meter_number=meter, rate_plan=rate_plan, previous_balance=prev, current_charges=current)
    return p.output(), record
