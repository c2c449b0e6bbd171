"""Set K, an Alberta (Canada) electricity retailer bill drawn with the fpdf2 kit: an energy charge per kWh
(fixed-rate contract or the regulated rate option), delivery charges (transmission, distribution, riders and a
municipal local access fee), an administration fee and GST 5 %; sometimes a natural gas section in GJ too."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, Page, balance_story, digits, draw_shuffled, iso, money, num, truth

RETAILERS = ("Chinook Energy Retail Inc.", "Prairie Rose Power Ltd.", "Bow River Utilities Inc.")
HOMES = ("Sarah MacDonald", "Jason Kowalski", "Harpreet Gill", "Emily Tremblay", "Michael Nguyen")
FIRMS = ("Foothills Auto Repair Ltd.", "Northern Lights Bakery", "Riverbend Dental Clinic")
PLACES = ("1204 17 Ave SW, Calgary AB T2T 0B4", "8815 118 Ave NW, Edmonton AB T5B 0T7",
          "42 Sunset Blvd, Red Deer AB T4P 2K9", "301 3 St S, Lethbridge AB T1J 1Y9",
          "67 Cougar Ridge Dr SW, Calgary AB T3H 4X2")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == 1:
        return d.strftime("%Y-%m-%d")
    return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def _cad(v: float, cr: bool) -> str:
    if v < 0:
        return f"${num(-v)} CR" if cr else f"-${num(-v)}"
    return f"${num(v)}"


def ab_retail(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(RETAILERS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 26))
    end = start + dt.timedelta(days=rng.randint(28, 32))
    stmt = end + dt.timedelta(days=rng.randint(3, 7))
    due = stmt + dt.timedelta(days=rng.choice((21, 21, 25)))
    days = (end - start).days
    kwh = rng.randint(2000, 9000) if business else rng.randint(300, 1100)
    site = "0010" + digits(rng, 9) + digits(rng, 9)
    meter = digits(rng, 8)
    rro = rng.random() < 0.35
    rate = rng.choice((0.1199, 0.0889, 0.1465)) if not rro else rng.choice((0.1291, 0.1622))
    rate_plan = "Regulated Rate Option" if rro else rng.choice(("Fixed Rate 3-Year Electricity",
                                                                "Fixed Price 5 Year", "EcoFlex Variable"))
    lines: list[tuple[str, str, float]] = [
        ("Energy", f"Energy charge {num(kwh, 0)} kWh @ {rate * 100:.3f}\u00a2/kWh", money(kwh * rate)),
        ("Energy", f"Administration fee {days} days @ $0.2500/day", money(days * 0.25)),
        ("Delivery", f"Transmission charge {num(kwh, 0)} kWh @ 3.412\u00a2/kWh", money(kwh * 0.03412)),
        ("Delivery", f"Distribution charge {days} days @ $0.8123/day", money(days * 0.8123)),
        ("Delivery", f"Distribution charge {num(kwh, 0)} kWh @ 1.154\u00a2/kWh", money(kwh * 0.01154)),
        ("Delivery", rng.choice(("Balancing pool rider", "Rate riders")) + f" {num(kwh, 0)} kWh @ 0.182\u00a2/kWh",
         money(kwh * 0.00182)),
    ]
    pre_laf = money(sum(a for g, _, a in lines if g == "Delivery"))
    laf_pct = rng.choice((8.0, 11.11, 16.0))
    lines.append(("Delivery", f"Local access fee {laf_pct:g}% of delivery", money(pre_laf * laf_pct / 100)))
    sub = money(sum(a for _, _, a in lines))
    gst = money(sub * 0.05)
    current = money(sub + gst)
    prev, paid = balance_story(rng, current)
    if rng.random() < 0.15:  # overpaid: the account is in credit after this bill
        prev = money(current * rng.uniform(0.8, 1.2))
        paid = money(prev + current * rng.uniform(1.05, 1.3))
    total = money((prev or 0) - (paid or 0) + current)
    late_day = due + dt.timedelta(days=1)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES)
    account = digits(rng, rng.choice((9, 10)))
    cr = rng.random() < 0.5
    ds = rng.randrange(3)
    total_label = rng.choice(("Total amount due", "Amount due", "Balance owing", "Total due"))
    due_label = rng.choice(("Due date", "Please pay by", "Payment due"))
    cur_label = rng.choice(("Total current charges", "Current charges", "New charges this bill"))
    summary_top = rng.random() < 0.5
    p = Page(fmt="Letter")
    sy, cy = (48.0, 100.0) if summary_top else (206.0, 48.0)

    def header() -> None:
        p.text(14, 10, provider, 14, bold=True)
        p.text(14, 17, f"Customer care 1-877-{digits(rng, 3)}-{digits(rng, 4)}  |  Power outages: call your "
                       "wire service provider  |  GST Reg. No. " + digits(rng, 9) + " RT0001", 7)
        p.text(14, 26, person, 9, bold=True)
        p.text(14, 30.5, address, 8)

    def ids() -> None:
        rows = [["Account number", account], ["Bill date", _date(stmt, ds)],
                ["Site ID", site], ["Product", rate_plan]]
        p.table(118, 24, [28, 56], rows, size=7.5, row_h=4.6, header=False, aligns="LL")

    def summary() -> None:
        p.rect(14, sy, 188, 44, fill=245)
        p.text(17, sy + 2, "Account summary", 9.5, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous balance", _cad(prev, cr)))
            if paid:
                rows.append(("Payments received", _cad(-paid, False)))
        rows += [(cur_label, _cad(current, cr)), (total_label, _cad(total, cr))]
        for i, (k, v) in enumerate(rows):
            p.text(17, sy + 9 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(80, sy + 9 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=32, align="R")
        p.rect(130, sy + 5, 68, 32, line=0.6)
        p.text(133, sy + 8, total_label, 9, bold=True)
        p.text(133, sy + 14, _cad(total, cr), 15, bold=True)
        if total > 0:
            p.text(133, sy + 23, f"{due_label} {_date(due, ds)}", 8.5, bold=True)
            p.text(133, sy + 28, f"A 1.5% late payment charge applies from {_date(late_day, ds)}", 6.5)
        else:
            p.text(133, sy + 23, "Your account is in credit. No payment needed.", 7.5)

    def reads() -> None:
        p.text(14, cy, f"Electricity usage  {_date(start, ds)} to {_date(end, ds)}  ({days} days)", 9, bold=True)
        old = rng.randint(10000, 95000)
        rows = [["Meter", "Previous", "Current", "Multiplier", "kWh"],
                [meter, str(old), str(old + kwh), "1", num(kwh, 0)]]
        y = p.table(14, cy + 5, [30, 30, 30, 22, 26], rows, size=7.5, row_h=4.8, aligns="LRRRR")
        p.text(14, y + 1.5, f"Average daily use {kwh / days:.1f} kWh ({num(int(kwh * rng.uniform(0.7, 1.3)), 0)}"
                            " kWh this month last year).", 7)

    def charges() -> None:
        y = cy + 30
        p.text(14, y, "Charges this period", 9, bold=True)
        rows: list[list[str]] = []
        for group in ("Energy", "Delivery"):
            part = [(t, a) for g, t, a in lines if g == group]
            rows.append([f"{group} charges" if group == "Energy" else "Delivery charges (wire service provider)",
                         _cad(money(sum(a for _, a in part)), False)])
            rows += [["    " + t, _cad(a, False)] for t, a in part]
        rows.append([f"GST 5% on ${num(sub)}", _cad(gst, False)])
        rows.append([cur_label, _cad(current, False)])
        p.table(14, y + 5, [130, 40], rows, size=7.5, row_h=4.6, header=False, aligns="LR")

    draw_shuffled(rng, [header, ids, summary, reads, charges])
    notes = (f"{'business' if business else 'residential'} Alberta retailer electricity bill, "
             f"{'regulated rate option' if rro else 'retail contract'}; energy + delivery (transmission, "
             f"distribution, rider, local access fee {laf_pct:g} %) + GST 5 %; current_charges = '{cur_label}'; "
             f"summary at the {'top' if summary_top else 'foot'}; the site ID and group subtotals are distractors")
    if total < 0:
        notes += "; overpaid, the account is in credit (total negative, no due date)"
    record = truth("ab_retail", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due) if total > 0 else None,
                   billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
                   currency="CAD", electricity_kwh=float(kwh), meter_number=meter, rate_plan=rate_plan,
                   previous_balance=prev, current_charges=current)
    return p.output(), record
