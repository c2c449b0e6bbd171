"""Set O, a US public power district (or municipal electric utility) general-service demand bill drawn with the
fpdf2 kit on Letter paper: kWh, kW and kVARh registers read through one meter multiplier, a power factor computed
from them with a power-factor adjustment that raises the billing demand above the metered demand when it is under
90 %, a power cost adjustment per kWh, a payment in lieu of taxes and sales tax, and a tear-off remittance stub at
the foot that repeats the account, the due date and the "Total Amount Due"."""

from __future__ import annotations

import datetime as dt
import math
import random

from unseen_kit import EN_MONTHS, Page, balance_story, digits, draw_shuffled, iso, money, num, truth

UTILITIES = ("Cottonwood Valley Public Power District", "Prairie Bend Public Power District",
             "City of Millbrook Municipal Electric Utility", "Elk Creek Board of Public Works - Electric")
FIRMS = ("Heartland Grain Cooperative", "Riverside Machine & Tool Inc.", "Prairie Creamery LLC",
         "Valley Cold Storage Inc.", "Sandhills Feed & Seed", "Northgate Family Dental PC")
PLACES = ("{n} Industrial Pkwy, Kearney, NE 68847", "{n} E Hwy 30, Lexington, NE 68850",
          "{n} N Locust St, Grand Island, NE 68801", "{n} W 4th St, Ames, IA 50010",
          "{n} Commerce Dr, Marshall, MN 56258")
RATES = ("Rate 25 - General Service Demand", "Large Power Service LP-2", "Commercial Demand GS-D",
         "Rate 40 Three Phase Power")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    return d.strftime("%m/%d/%y")


def _usd(v: float) -> str:
    return f"-${num(-v)}" if v < 0 else f"${num(v)}"


def us_ppd(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(UTILITIES)
    rate_plan = rng.choice(RATES)
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 27))
    days = rng.randint(28, 33)
    end = start + dt.timedelta(days=days)
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.choice((15, 20, 21)))
    ds = rng.randrange(3)
    mult = rng.choice((20, 40, 80, 120, 160))
    raw = rng.randint(120, 900)
    kwh = raw * mult
    # the demand register shows kW / multiplier to three decimals; metered kW = reading x multiplier
    load = rng.uniform(0.3, 0.6)
    reading = round(kwh / (days * 24) / load / mult, 3)
    kw = round(reading * mult, 2)
    pf = rng.choice((rng.uniform(0.78, 0.895), rng.uniform(0.905, 0.98)))
    kvarh = round(kwh * math.tan(math.acos(pf)))
    pf = kwh / math.hypot(kwh, kvarh)
    pf_pct = round(pf * 100, 1)
    billing_kw = round(kw * 90 / pf_pct, 2) if pf_pct < 90 else kw
    kwh_prev = rng.randint(10000, 90000)
    kvar_prev = rng.randint(10000, 90000)
    kvar_raw = round(kvarh / mult)
    customer = rng.choice((65.0, 85.0, 125.0))
    demand_rate = rng.choice((11.25, 12.75, 14.10))
    energy_rate = rng.choice((0.0612, 0.0584, 0.0657))
    pca_rate = rng.choice((0.0035, -0.0021, 0.0048))
    lines = [("Customer Charge", money(customer)),
             (f"Demand Charge {num(billing_kw)} kW @ ${demand_rate:.2f}", money(billing_kw * demand_rate)),
             (f"Energy Charge {num(kwh, 0)} kWh @ ${energy_rate:.4f}", money(kwh * energy_rate)),
             (f"Power Cost Adjustment {num(kwh, 0)} kWh @ ${pca_rate:.4f}", money(kwh * pca_rate))]
    sub = money(sum(a for _, a in lines))
    lieu = money(sub * 0.05)
    lines.append(("In Lieu of Tax 5%", lieu))
    taxable = money(sub + lieu)
    exempt = rng.random() < 0.25
    state_tax = 0.0 if exempt else money(taxable * 0.055)
    city_tax = 0.0 if exempt else money(taxable * 0.015)
    current = money(taxable + state_tax + city_tax)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    late = money(total + current * 0.05) if total > 0 else None
    firm = rng.choice(FIRMS)
    address = rng.choice(PLACES).format(n=rng.randint(100, 4800))
    account = f"{digits(rng, 6)}-{rng.randint(1, 12):03d}"
    location = digits(rng, 7)
    po_box = f"PO Box {rng.randint(10, 999)}"
    meter = digits(rng, 8)
    cur_label = rng.choice(("Current Charges", "Total Current Charges", "Current Billing"))
    due_label = rng.choice(("Due Date", "Payment Due", "Please Pay By"))
    p = Page("Letter")

    def head() -> None:
        p.text(14, 10, provider, 14, bold=True)
        p.text(14, 16.5, f"Office {digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 4)}  |  Outages 24 hrs "
               f"1-800-{digits(rng, 3)}-{digits(rng, 4)}  |  Owned by the customers it serves", 7)
        p.text(14, 26, firm, 9.5, bold=True)
        p.text(14, 30.5, po_box, 8)
        p.text(14, 34.5, address.split(", ", 1)[1], 8)

    def ids() -> None:
        rows = [["Account Number", account], ["Statement Date", _date(stmt, ds)],
                ["Service Location", address], ["Location No.", location], ["Rate", rate_plan]]
        p.table(108, 24, [30, 64], rows, size=7.5, row_h=4.6, header=False)

    def summary() -> None:
        p.rect(14, 52, 188, 34, fill=246)
        p.text(17, 54.5, "Account Summary", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows += [("Previous Balance", _usd(prev)), ("Payments Received - Thank You", _usd(-(paid or 0))),
                     ("Balance Forward", _usd(money(prev - (paid or 0))))]
        rows.append((cur_label, _usd(current)))
        rows.append(("Total Amount Due", _usd(total)))
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(17, 60.5 + i * 4.8, k, 8.5, bold=last)
            p.text(88, 60.5 + i * 4.8, v, 8.5, bold=last, w=30, align="R")
        p.rect(138, 56, 60, 26, line=0.6)
        p.text(141, 58.5, "Total Amount Due", 9, bold=True)
        p.text(141, 64, _usd(total), 15, bold=True)
        p.text(141, 73, f"{due_label}: {_date(due, ds)}", 8.5, bold=True)

    def meters() -> None:
        p.text(14, 92, f"Meter Readings  {_date(start, ds)} to {_date(end, ds)}  ({days} days)", 9.5, bold=True)
        rows = [["Meter", "Register", "Previous", "Present", "Difference", "Multiplier", "Usage"],
                [meter, "kWh", str(kwh_prev), str(kwh_prev + raw), str(raw), str(mult), f"{num(kwh, 0)} kWh"],
                [meter, "kW (demand)", "", f"{reading:.3f}", "", str(mult), f"{num(kw)} kW"],
                [meter, "kVARh", str(kvar_prev), str(kvar_prev + kvar_raw), str(kvar_raw), str(mult),
                 f"{num(kvar_raw * mult, 0)} kVARh"]]
        y = p.table(14, 97, [24, 24, 22, 22, 22, 20, 30], rows, size=7.5, row_h=4.8, aligns="LLRRRRR")
        p.text(14, y + 2, f"Power Factor {pf_pct:.1f}%", 8, bold=True)
        if pf_pct < 90:
            p.text(50, y + 2, f"Billing Demand (adjusted to 90% PF) {num(billing_kw)} kW = {num(kw)} kW x 90 / "
                   f"{pf_pct:.1f}", 7.5)
        else:
            p.text(50, y + 2, f"Billing Demand {num(billing_kw)} kW (no power factor adjustment above 90%)", 7.5)

    def charges() -> None:
        p.text(14, 132, "Electric Charges", 9.5, bold=True)
        rows = [[k, _usd(a)] for k, a in lines]
        if exempt:
            rows.append(["Sales Tax - exempt (certificate on file)", _usd(0.0)])
        else:
            rows.append([f"State Sales Tax 5.5% on {_usd(taxable)}", _usd(state_tax)])
            rows.append([f"City Sales Tax 1.5% on {_usd(taxable)}", _usd(city_tax)])
        rows.append([cur_label, _usd(current)])
        p.table(14, 137, [120, 40], rows, size=7.5, row_h=4.8, header=False, aligns="LR")

    def history() -> None:
        p.text(14, 186, "Usage History", 9, bold=True)
        rows = [["Month", "kWh", "kW", "Days"]]
        for k in range(1, 7):
            m = (end.month - 1 - k) % 12
            rows.append([EN_MONTHS[m][:3], num(int(kwh * rng.uniform(0.7, 1.3)), 0),
                         num(kw * rng.uniform(0.8, 1.25)), str(rng.randint(28, 33))])
        p.table(14, 191, [22, 26, 22, 14], rows, size=7, row_h=4.2, aligns="LRRR")
        p.text(110, 191, f"12-month peak demand {num(kw * rng.uniform(1.05, 1.4))} kW", 7.5)
        p.text(110, 196, f"Average daily use {num(kwh / days, 1)} kWh", 7.5)
        if late is not None:
            p.text(110, 201, f"After {_date(due, ds)} pay {_usd(late)} (5% late charge)", 7.5)

    draw_shuffled(rng, [head, ids, summary, meters, charges, history])
    p.hline(10, 206, 228, dash=True)
    p.text(14, 229.5, "Please detach and return this portion with your payment", 6.5)
    p.text(14, 235, provider, 9, bold=True)
    stub = [["Account Number", account], [due_label, _date(due, ds)], ["Total Amount Due", _usd(total)],
            ["Amount Enclosed", "$____________"]]
    p.table(120, 234, [36, 44], stub, size=8, row_h=5.5, header=False, aligns="LR")
    p.text(14, 242, firm, 8)
    p.text(14, 246, po_box, 8)
    p.text(14, 250, address.split(", ", 1)[1], 8)
    notes = (f"US public power / municipal electric general-service demand bill; kWh = register difference x "
             f"multiplier {mult} (the raw difference is a distractor); demand_kw = the metered kW (demand reading x "
             f"multiplier); power factor {pf_pct:.1f} %"
             + ("; the billing demand raised by the power-factor adjustment is a distractor" if pf_pct < 90 else "")
             + f"; current_charges = '{cur_label}' (in lieu of tax and sales tax included); the Total Amount Due is "
             "repeated on a tear-off stub; a mailing PO box, the 12-month peak, the late amount and the kVARh are "
             "distractors" + ("; tax exempt" if exempt else ""))
    record = truth("us_ppd_demand", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="USD", electricity_kwh=float(kwh),
                   demand_kw=kw, meter_number=meter, rate_plan=rate_plan, previous_balance=prev,
                   current_charges=current)
    return p.output(), record
