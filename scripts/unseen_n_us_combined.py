"""Set N, a US investor-owned utility's combined electric + gas bill drawn with the fpdf2 kit: three Letter
pages, an "Account Summary" on page 1 with a remittance stub, electric details on page 2 and gas details on
page 3, charges per service, and a 13-month usage bar chart per service whose month labels and bar values are
text (as on real bills, where the chart is drawn with text labels the extractor sees)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

UTILITIES = ("Great Lakes Energy & Gas Company", "Tri-County Power and Light", "Ohio Valley Electric & Gas Co.")
HOMES = ("JENNIFER A KOWALSKI", "MARCUS T WILLIAMS", "DAVID R OKAFOR", "LINDA M HARRIS", "KEVIN J NGUYEN")
FIRMS = ("RIVERSIDE DENTAL GROUP LLC", "MAIN STREET HARDWARE INC", "SUNRISE BAKERY LLC")
PLACES = ("{n} MAPLE AVE DEARBORN MI 48124", "{n} W CHESTNUT ST COLUMBUS OH 43215",
          "{n} LAKEVIEW DR ROCHESTER NY 14612", "{n} OAK HILL RD ALBANY NY 12203")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    return f"{EN_MONTHS[d.month - 1][:3].upper()} {d.day}, {d.year}"


def _usd(v: float) -> str:
    return f"${num(v)}" if v >= 0 else f"-${num(-v)}"


def _chart(p: Page, x: float, y: float, title: str, end: dt.date, values: list[int], unit: str) -> None:
    """A 13-month bar chart: bars drawn as rectangles, the value above each bar and a month label below it as
    text, so the text layer holds a run of month names and numbers that are not this bill's usage."""
    p.text(x, y, title, 8.5, bold=True)
    top = max(values) or 1
    for i, v in enumerate(values):
        month = add_months(end, i - len(values) + 1)
        h = 22 * v / top
        bx = x + 2 + i * 7.2
        p.rect(bx, y + 30 - h, 5, h, fill=150 if i == len(values) - 1 else 200, line=0.1)
        p.text(bx - 1, y + 26 - h, str(v), 5.5)
        p.text(bx - 0.5, y + 31, EN_MONTHS[month.month - 1][:3], 5.5)
    p.text(x, y + 35, f"{unit} per month, last 13 months", 6)


def us_combined(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(UTILITIES)
    business = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(28, 33)
    end = start + dt.timedelta(days=days)
    stmt = end + dt.timedelta(days=rng.randint(2, 5))
    due = stmt + dt.timedelta(days=rng.randint(18, 24))
    kwh = rng.randint(1800, 9000) if business else rng.randint(280, 1400)
    ccf = rng.randint(60, 600) if business else rng.randint(8, 160)
    btu = rng.choice((1.0312, 1.0245, 1.0387))
    therms = round(ccf * btu)
    demand = round(kwh / rng.uniform(180, 260), 1) if business else None
    e_rate = "General Service Secondary (GS-2)" if business else rng.choice(("Residential Service (RS-1)",
                                                                          "Residential Time of Day (RT-2)"))
    g_rate = "Commercial Gas Service (CG-1)" if business else "Residential Gas Service (G-1)"
    e_lines = [("Basic Service Charge", 14.50 if not business else 38.00),
               (f"Distribution Charge {num(kwh, 0)} kWh x $0.05871", money(kwh * 0.05871)),
               (f"Transmission Charge {num(kwh, 0)} kWh x $0.01624", money(kwh * 0.01624)),
               (f"Power Supply Charge {num(kwh, 0)} kWh x $0.08093", money(kwh * 0.08093)),
               ("Energy Efficiency Surcharge", money(kwh * 0.0031))]
    if demand is not None:
        e_lines.insert(1, (f"Demand Charge {num(demand, 1)} kW x $9.42", money(demand * 9.42)))
    e_sub = money(sum(a for _, a in e_lines))
    e_tax = money(e_sub * 0.04)
    e_total = money(e_sub + e_tax)
    g_lines = [("Customer Charge", 12.75 if not business else 31.20),
               (f"Distribution Charge {num(therms, 0)} therms x $0.38215", money(therms * 0.38215)),
               (f"Gas Supply Charge {num(therms, 0)} therms x $0.51764", money(therms * 0.51764)),
               ("Pipeline Replacement Rider", money(therms * 0.0412))]
    g_sub = money(sum(a for _, a in g_lines))
    g_tax = money(g_sub * 0.04)
    g_total = money(g_sub + g_tax)
    current = money(e_total + g_total)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(100, 9899))
    account = f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}"
    e_meter, g_meter = digits(rng, 9), digits(rng, 8)
    ds = rng.randrange(3)
    total_label = rng.choice(("Total Amount Due", "Amount Due", "Total Due"))
    due_label = rng.choice(("Due Date", "Please pay by", "Payment Due"))
    cur_label = rng.choice(("Total Current Charges", "Current Charges", "Total New Charges"))
    acct_label = rng.choice(("Account Number", "Account No.", "Acct #"))
    late = money(total * 0.015) if total > 0 else 0.0
    p = Page("Letter")

    def page1_header() -> None:
        p.text(12, 10, provider, 14, bold=True)
        p.text(12, 17, f"Customer Service 1-800-{digits(rng, 3)}-{digits(rng, 4)}  |  Gas Leak? Call "
                       f"1-800-{digits(rng, 3)}-{digits(rng, 4)} 24/7", 7)
        p.text(140, 10, "Your Energy Bill", 12, bold=True)
        p.text(140, 17, "Page 1 of 3", 7)
        p.text(12, 28, person, 9, bold=True)
        p.text(12, 33, "Service Address:", 7.5)
        p.text(36, 33, address, 7.5)
        p.text(130, 28, f"{acct_label}: {account}", 8.5, bold=True)
        p.text(130, 33, f"Statement Date: {_date(stmt, ds)}", 8)
        p.text(130, 38, f"Billing Period: {_date(start, ds)} to {_date(end, ds)}", 7.5)

    def page1_summary() -> None:
        y = 50.0
        p.text(12, y, "Account Summary", 11, bold=True)
        p.hline(12, 120, y + 6)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous Balance", _usd(prev)))
            rows.append(("Payment(s) Received - Thank You", _usd(-paid) if paid else "$0.00"))
            rows.append(("Balance Forward", _usd(money(prev - (paid or 0)))))
        rows += [("Current Electric Charges", _usd(e_total)), ("Current Gas Charges", _usd(g_total)),
                 (cur_label, _usd(current)), (total_label, _usd(total))]
        for i, (k, v) in enumerate(rows):
            p.text(14, y + 9 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(84, y + 9 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=34, align="R")
        p.rect(132, y, 66, 34, fill=238, line=0.5)
        p.text(136, y + 3, total_label, 9, bold=True)
        p.text(136, y + 10, _usd(total), 16, bold=True)
        p.text(136, y + 21, f"{due_label}: {_date(due, ds)}", 8.5, bold=True)
        if late:
            p.text(136, y + 27, f"After {_date(due, ds)} a late charge of {_usd(late)} applies", 6)

    def page1_messages() -> None:
        p.text(12, 110, "Important Messages", 9, bold=True)
        p.text(12, 116, "Your electric and gas charges are itemized on pages 2 and 3. Winter Protection Plan "
                        "enrollment ends November 30.", 7)
        p.text(12, 121, f"Budget Billing could make your payment {_usd(money(current * 0.92))} every month. Ask "
                        "us how.", 7)

    def page1_stub() -> None:
        p.hline(8, 208, 222, dash=True)
        p.text(12, 225, "Please return this portion with your payment. Make checks payable to " + provider, 6.5)
        p.text(12, 233, person, 9, bold=True)
        p.text(12, 238, address, 8)
        rows = [["Account Number", "Due Date", "Amount Due", "Amount Enclosed"],
                [account, _date(due, ds), _usd(total), "$"]]
        p.table(100, 232, [30, 24, 24, 26], rows, size=7.5, row_h=6)
        p.text(12, 262, f"{digits(rng, 12)} {account.replace(' ', '')} {int(round(abs(total) * 100)):010d} 4", 9,
               font="Courier")

    draw_shuffled(rng, [page1_header, page1_summary, page1_messages, page1_stub])

    p.new_page()

    def e_header() -> None:
        p.text(12, 10, "Electric Service Details", 12, bold=True)
        p.text(150, 10, "Page 2 of 3", 7)
        p.text(12, 18, f"Rate: {e_rate}", 8.5)
        p.text(12, 23, f"Service period {_date(start, ds)} - {_date(end, ds)} ({days} days)", 8)

    def e_reads() -> None:
        old = rng.randint(10000, 90000)
        mult = 1
        rows = [["Meter Number", "Read Date", "Previous Read", "Current Read", "Multiplier", "Usage"],
                [e_meter, _date(end, 0), str(old), str(old + kwh), str(mult), f"{num(kwh, 0)} kWh"]]
        y = p.table(12, 30, [30, 26, 28, 28, 22, 30], rows, size=7.5, row_h=5.5, aligns="LLRRRR")
        if demand is not None:
            p.text(12, y + 2, f"Maximum Demand {num(demand, 1)} kW", 8)
        p.text(12, y + 7, f"Average daily use {kwh / days:.1f} kWh  |  Next scheduled read "
                          f"{_date(add_months(end, 1), ds)}", 7)

    def e_charges() -> None:
        rows = [["Electric Charges", "Amount"]] + [[k, _usd(a)] for k, a in e_lines]
        rows += [["State and Local Taxes 4%", _usd(e_tax)], ["Total Electric Charges", _usd(e_total)]]
        p.table(12, 60, [120, 40], rows, size=7.5, row_h=5, aligns="LR")

    def e_chart() -> None:
        hist = [int(kwh * rng.uniform(0.6, 1.4)) for _ in range(12)] + [kwh]
        _chart(p, 12, 130, "Electric Usage History (kWh)", end, hist, "kWh")

    draw_shuffled(rng, [e_header, e_reads, e_charges, e_chart])

    p.new_page()

    def g_header() -> None:
        p.text(12, 10, "Gas Service Details", 12, bold=True)
        p.text(150, 10, "Page 3 of 3", 7)
        p.text(12, 18, f"Rate: {g_rate}", 8.5)
        p.text(12, 23, f"Service period {_date(start, ds)} - {_date(end, ds)} ({days} days)", 8)

    def g_reads() -> None:
        old = rng.randint(1000, 9000)
        rows = [["Meter Number", "Previous Read", "Current Read", "CCF Used", "Btu Factor", "Therms"],
                [g_meter, str(old), str(old + ccf), str(ccf), f"{btu:.4f}", num(therms, 0)]]
        y = p.table(12, 30, [30, 28, 28, 24, 24, 26], rows, size=7.5, row_h=5.5, aligns="LRRRRR")
        p.text(12, y + 2, f"Total gas billed: {num(therms, 0)} therms", 8)

    def g_charges() -> None:
        rows = [["Gas Charges", "Amount"]] + [[k, _usd(a)] for k, a in g_lines]
        rows += [["State and Local Taxes 4%", _usd(g_tax)], ["Total Gas Charges", _usd(g_total)]]
        p.table(12, 60, [120, 40], rows, size=7.5, row_h=5, aligns="LR")

    def g_chart() -> None:
        hist = [int(therms * rng.uniform(0.3, 2.2)) + 1 for _ in range(12)] + [therms]
        _chart(p, 12, 130, "Gas Usage History (Therms)", end, hist, "Therms")

    draw_shuffled(rng, [g_header, g_reads, g_charges, g_chart])
    notes = (f"{'business' if business else 'residential'} US investor-owned utility combined electric + gas bill, "
             "3 pages: account summary and remittance stub on page 1, electric details on page 2, gas on page 3; "
             "gas CCF x Btu factor = therms; meter_number = the electric meter (listed first); rate_plan = the "
             "electric rate; 13-month usage bar charts with month labels and values as text, budget billing amount, "
             "late charge and next read date are distractors")
    record = truth("us_combined", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="USD", electricity_kwh=float(kwh),
                   gas_therms=float(therms), gas_usage=float(therms), gas_usage_unit="therms", demand_kw=demand,
                   meter_number=e_meter, rate_plan=e_rate, previous_balance=prev, current_charges=current)
    return p.output(), record
