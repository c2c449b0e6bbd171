"""Set N, a UK water + sewerage bill drawn with the fpdf2 kit: an unmetered annual bill for the charging year
(1 April to 31 March, charged on the rateable value) or a metered half-yearly bill (read to read, m³), water
supply, sewerage (on 95 % of the water), surface water and highway drainage, and on most bills a payment plan
of monthly or fortnightly instalments that spreads the total."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

COMPANIES = ("Severn Vale Water", "Anglian Fens Water Services", "Northumbria Dales Water Ltd")
HOMES = ("Mrs S Patel", "Mr J Thompson", "Ms R O'Connor", "Mr A Hughes", "Mrs E Clarke")
FIRMS = ("The Red Lion Inn Ltd", "Hartley Motors Ltd", "Greenway Nursery")
PLACES = ("{n} Church Lane, Stamford, PE9 2JX", "{n} Victoria Road, Darlington, DL1 5SF",
          "{n} Station Street, Kidderminster, DY10 1AA", "{n} Mill Close, Ely, CB7 4QT")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    if style == 1:
        return f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}"
    return d.strftime("%d/%m/%Y")


def _gbp(v: float) -> str:
    return f"£{num(v)}" if v >= 0 else f"£{num(-v)} CR"


def uk_water(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(COMPANIES)
    business = rng.random() < 0.25
    metered = rng.random() < 0.5
    if metered:
        end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
        start = add_months(end, -6) + dt.timedelta(days=rng.randint(-3, 3))
        stmt = end + dt.timedelta(days=rng.randint(3, 9))
        m3 = rng.randint(28, 95) * (5 if business else 1)
        days = (end - start).days
        lines_w = [(f"Standing charge {days} days x {num(0.0912, 4)} per day", money(days * 0.0912)),
                   (f"Water used {m3} m\u00b3 x £{num(2.1473, 4)} per m\u00b3", money(m3 * 2.1473))]
        sew_m3 = round(m3 * 0.95, 1)
        lines_s = [(f"Standing charge {days} days x {num(0.1108, 4)} per day", money(days * 0.1108)),
                   (f"Sewerage {num(sew_m3, 1)} m\u00b3 (95% of water used) x £{num(2.3891, 4)} per m\u00b3",
                    money(sew_m3 * 2.3891))]
    else:
        year = rng.randint(2023, 2025)
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        stmt = start + dt.timedelta(days=rng.randint(1, 12))
        m3 = None
        rv = rng.randint(140, 420) * (3 if business else 1)
        lines_w = [(f"Water supply: rateable value £{rv} x {num(1.8431, 4)}", money(rv * 1.8431))]
        lines_s = [(f"Sewerage: rateable value £{rv} x {num(2.0762, 4)}", money(rv * 2.0762))]
    drainage = [("Surface water drainage", rng.choice((38.0, 54.5, 71.2))), ("Highway drainage", 12.64)]
    water_t = money(sum(a for _, a in lines_w))
    sewer_t = money(sum(a for _, a in lines_s) + sum(a for _, a in drainage))
    current = money(water_t + sewer_t)
    prev, paid = balance_story(rng, current * 0.4)
    total = money((prev or 0) - (paid or 0) + current)
    plan = total > 0 and rng.random() < 0.75
    n_inst = rng.choice((10, 12)) if not metered else 6
    fortnightly = plan and not metered and rng.random() < 0.3
    if fortnightly:
        n_inst = 24
    inst = money(total / n_inst)
    first = stmt + dt.timedelta(days=rng.randint(14, 25))
    pay_by = stmt + dt.timedelta(days=rng.choice((14, 21, 28)))
    due = first if plan else pay_by
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(1, 180))
    account = f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}"
    meter = f"{rng.choice(('12', '15', '21'))}M{digits(rng, 6)}" if metered else None
    ds = rng.randrange(3)
    total_label = rng.choice(("Total amount due", "Amount to pay", "Total to pay"))
    cur_label = rng.choice(("Charges for this period", "Total charges", "This bill"))
    if not metered:
        cur_label = rng.choice(("Charges for the year", "Total charges for 2024/25".replace(
            "2024/25", f"{start.year}/{str(end.year)[2:]}"), "This year's charges"))
    acct_label = rng.choice(("Account number", "Customer reference", "Your account number"))
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 14, bold=True)
        p.text(12, 17, f"Customer services 0345 {digits(rng, 3)} {digits(rng, 4)}  |  Leaks 0800 "
                       f"{digits(rng, 3)} {digits(rng, 4)}", 7)
        p.text(12, 28, person, 9, bold=True)
        p.text(12, 33, address, 8)
        p.text(125, 28, f"{acct_label}: {account}", 8.5, bold=True)
        p.text(125, 33, f"Bill date: {_date(stmt, ds)}", 8)
        p.text(125, 38, f"Property: {address.split(',')[0]}", 7)
        title = (f"Your water and sewerage bill {start.year}/{str(end.year)[2:]}" if not metered
                 else "Your metered water and sewerage bill")
        p.text(12, 44, title, 12, bold=True)
        p.text(12, 51, f"For the period {_date(start, ds)} to {_date(end, ds)}", 8.5)

    def summary() -> None:
        y = 60.0
        p.rect(12, y, 186, 44, fill=242)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Balance from your last bill", _gbp(prev)))
            if paid:
                rows.append(("Payments received, thank you", f"-£{num(paid)}"))
        rows += [("Water supply charges", _gbp(water_t)), ("Sewerage and drainage charges", _gbp(sewer_t)),
                 (cur_label, _gbp(current)), (total_label, _gbp(total))]
        for i, (k, v) in enumerate(rows):
            p.text(15, y + 3 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(80, y + 3 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=34, align="R")
        if total <= 0:
            p.text(125, y + 6, "Your account is in credit.", 9, bold=True)
            p.text(125, y + 12, "There is nothing to pay.", 8)

    def plan_box() -> None:
        y = 110.0
        if total <= 0:
            return
        p.rect(12, y, 186, 30, line=0.5)
        if plan:
            p.text(15, y + 3, "Your payment plan", 10, bold=True)
            every = "fortnightly" if fortnightly else "monthly"
            p.text(15, y + 10, f"We will collect {n_inst} {every} instalments of £{num(inst)} by Direct Debit.", 8.5)
            p.text(15, y + 16, f"First instalment due {_date(first, ds)}", 8.5, bold=True)
            last = first + dt.timedelta(days=14 * (n_inst - 1)) if fortnightly else add_months(first, n_inst - 1)
            p.text(15, y + 22, f"Last instalment {_date(last, ds)}. The last payment may differ by a few pence.", 7)
        else:
            p.text(15, y + 3, "How to pay", 10, bold=True)
            p.text(15, y + 10, f"Please pay {_gbp(total)} by {_date(pay_by, ds)}", 8.5, bold=True)
            p.text(15, y + 16, f"Or spread the cost: {n_inst} monthly payments of £{num(money(total / n_inst))} "
                               "by Direct Debit.", 7.5)

    def detail() -> None:
        y = 148.0
        p.text(12, y, "Your charges explained", 10, bold=True)
        y += 6
        if metered:
            old = rng.randint(100, 3000)
            rows = [["Meter serial", "Previous reading", "Current reading", "Water used"],
                    [str(meter), f"{old} ({_date(start, 2)})", f"{old + (m3 or 0)} ({_date(end, 2)}) A",
                     f"{m3} m\u00b3"]]
            y = p.table(12, y, [36, 44, 50, 30], rows, size=7.5, row_h=5, aligns="LRRR") + 2
            p.text(12, y, f"That's about {round((m3 or 0) * 1000 / max(days, 1))} litres a day. Same period last "
                          f"year: {int((m3 or 0) * rng.uniform(0.7, 1.3))} m\u00b3", 7)
            y += 6
        rows = [["Water supply", "Amount"]] + [[k, _gbp(a)] for k, a in lines_w] + [["Water total", _gbp(water_t)]]
        y = p.table(12, y, [130, 30], rows, size=7.5, row_h=5, aligns="LR") + 3
        rows = [["Sewerage services", "Amount"]] + [[k, _gbp(a)] for k, a in lines_s + drainage]
        rows.append(["Sewerage total", _gbp(sewer_t)])
        y = p.table(12, y, [130, 30], rows, size=7.5, row_h=5, aligns="LR") + 3
        p.text(12, y, "No VAT is charged on household water and sewerage services.", 6.5)
        p.text(12, y + 5, f"Last year you paid £{num(money(current * rng.uniform(0.88, 0.97)))} for the same "
                          "services.", 6.5)

    draw_shuffled(rng, [header, summary, plan_box, detail])
    kind = "metered half-yearly" if metered else "unmetered annual (rateable value)"
    notes = (f"{'business' if business else 'residential'} UK water + sewerage bill, {kind}; no VAT; "
             f"current_charges = '{cur_label}'; ")
    if plan:
        notes += ("payment plan: due date = the first instalment date, the instalment amount is a distractor; ")
    elif total > 0:
        notes += "pay in full by the due date, the spread-the-cost instalment is a distractor; "
    if not metered:
        notes += "an advance bill for the charging year, no usage and no meter; rateable value is a distractor"
    else:
        notes += "water in m3, the sewerage volume (95 %), litres a day and last year's m3 are distractors"
    record = truth("uk_water", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due) if total > 0 else None,
                   billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
                   currency="GBP", water_usage=float(m3) if m3 is not None else None,
                   water_usage_unit="m3" if metered else None, meter_number=meter, rate_plan=None,
                   previous_balance=prev, current_charges=current)
    return p.output(), record
