"""Set I, a US city water + sewer + trash bill drawn with the fpdf2 kit (Letter): quarterly or bimonthly, water in
CCF or in gallons (reads in hundreds or thousands of gallons), tiered water rates, sewer on the water use or on a
winter average, refuse and recycling carts, stormwater; the account summary and the amount due only in the
return stub at the foot."""

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

CITIES = (
    ("City of Willow Bend", "Utility Billing Office", "WILLOW BEND, OR 97381"),
    ("Town of Harbor Springs", "Water & Sewer Department", "HARBOR SPRINGS, ME 04019"),
    ("Pine Hollow Municipal Utilities", "Customer Service", "PINE HOLLOW, GA 30599"),
)
HOMES = ("ROBERT & LINDA KOWALCZYK", "MARISOL HERNANDEZ", "DEANDRE WILLIAMS", "HEATHER O'CONNELL", "TRAN VAN MINH")
FIRMS = ("HOLLOW CREEK LAUNDROMAT LLC", "ST. AGNES PARISH HALL", "BLUE HERON DENTAL GROUP")
STREETS = ("MAGNOLIA DR", "W 3RD ST", "LAKEVIEW TER", "OAK KNOLL CT", "HILLCREST AVE", "N MAIN ST")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return d.strftime("%m/%d/%y")
    return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def _tiers(use: int, unit: str, business: bool) -> list[tuple[str, int, float]]:
    """Water use split over the tiers; tiers are in CCF or in thousands of gallons (per 1,000 gal)."""
    if business:
        return [("Water usage, all", use, 3.88 if unit == "CCF" else 5.19)]
    bounds = (
        ((0, 15, 3.12), (15, 30, 4.05), (30, 10**6, 5.48))
        if unit == "CCF"
        else ((0, 10, 4.25), (10, 25, 5.60), (25, 10**6, 7.35))
    )
    out = []
    for lo, hi, rate in bounds:
        take = min(max(use - lo, 0), hi - lo)
        if take > 0:
            span = f"{lo + 1}-{hi}" if hi < 10**6 else f"over {lo}"
            out.append((f"Tier {len(out) + 1} ({span} {'CCF' if unit == 'CCF' else 'kgal'})", take, rate))
    return out


def city_water(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    city, dept, town = rng.choice(CITIES)
    provider = city
    business = rng.random() < 0.25
    quarterly = rng.random() < 0.55
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(89, 92) if quarterly else rng.randint(59, 62))
    stmt = end + dt.timedelta(days=rng.randint(3, 9))
    due = stmt + dt.timedelta(days=rng.choice((20, 21, 25)))
    days = (end - start).days
    months = 3 if quarterly else 2
    unit = rng.choice(("CCF", "gal"))
    base_use = (rng.randint(12, 45) if unit == "CCF" else rng.randint(9, 34)) * months // 3 + 2
    use = base_use * (rng.randint(3, 8) if business else 1)
    mult = 1 if unit == "CCF" else rng.choice((100, 1000))
    if unit == "gal":
        kgal = use
        gallons = kgal * 1000
        reads_delta = gallons // mult
    else:
        reads_delta = use
    prior = rng.randint(1000, 90000)
    meter = f"{rng.choice(('', 'SN', 'W'))}{digits(rng, 8)}"
    size = rng.choice(('1"', '1-1/2"', '2"')) if business else rng.choice(('5/8"', '3/4"'))
    base = {'5/8"': 24.60, '3/4"': 31.15, '1"': 48.90, '1-1/2"': 88.40, '2"': 141.75}[size] * months / 3
    base = money(base)
    lines: list[tuple[str, str, float]] = [("WATER", f"Base charge, {size} meter, {months} months", base)]
    for name, q, rate in _tiers(use, unit, business):
        lines.append(("WATER", f"{name}: {q} @ ${rate:.2f}", money(q * rate)))
    winter = not business and rng.random() < 0.5
    sewer_use = max(2, int(use * rng.uniform(0.55, 0.85))) if winter else use
    sewer_unit = "CCF" if unit == "CCF" else "kgal"
    s_rate = 5.95 if unit == "CCF" else 7.80
    lines.append(("SEWER", f"Sewer base charge {months} months", money(19.50 * months)))
    lines.append(
        (
            "SEWER",
            f"Sewer volume {sewer_use} {sewer_unit}"
            + (" (winter quarter average)" if winter else "")
            + f" @ ${s_rate:.2f}",
            money(sewer_use * s_rate),
        )
    )
    cart = rng.choice(("64 gal", "96 gal")) if not business else "2 cu yd dumpster"
    trash = 18.75 if cart == "64 gal" else 23.40 if cart == "96 gal" else 96.00
    lines.append(
        (
            "SOLID WASTE",
            f"Refuse {cart} cart x {months} months" if not business else f"Commercial refuse {cart} x {months} months",
            money(trash * months),
        )
    )
    if not business:
        lines.append(("SOLID WASTE", f"Recycling {months} months", money(4.85 * months)))
    lines.append(
        (
            "STORMWATER",
            f"Stormwater utility {rng.choice((1, 1, 2)) if business else 1} ERU x {months} months",
            money(6.10 * months),
        )
    )
    sub = money(sum(a for *_, a in lines))
    tax = money(sub * 0.05) if rng.random() < 0.3 else 0.0
    prev, paid = balance_story(rng, sub)
    if rng.random() < 0.12:  # a double payment last period leaves a credit
        prev = money(sub * rng.uniform(0.8, 1.2))
        paid = money(prev * 2)
    late = money((prev - (paid or 0)) * 0.10) if prev is not None and paid == 0 else 0.0
    current = money(sub + tax + late)
    total = money((prev or 0) - (paid or 0) + current)
    autopay = total > 0 and rng.random() < 0.2

    person = rng.choice(FIRMS if business else HOMES)
    address = f"{rng.randint(100, 9899)} {rng.choice(STREETS)}"
    account = rng.choice(
        (
            f"{digits(rng, 3)}-{digits(rng, 4)}-{rng.randint(0, 99):02d}",
            f"{digits(rng, 5)}-{digits(rng, 5)}",
            digits(rng, 7),
        )
    )
    customer = digits(rng, 6)
    route = f"{rng.randint(1, 12):02d}-{rng.randint(100, 899)}"
    ds = rng.randrange(3)
    due_label = rng.choice(("Due Date", "Due By", "Pay By"))
    total_label = rng.choice(("Total Amount Due", "Amount Due", "Total Due", "Please Pay"))
    cur_label = rng.choice(("Current Charges", "Current Billing", "Total Current Charges"))
    stmt_label = rng.choice(("Bill Date", "Billing Date", "Statement Date"))
    p = Page(fmt="Letter")

    def header() -> None:
        p.text(12, 9, city.upper(), 13, bold=True)
        p.text(
            12,
            15.5,
            f"{dept}  |  PO Box {rng.randint(100, 999)}  |  {town}  |  (555) {digits(rng, 3)}-{digits(rng, 4)}",
            7,
        )
        p.text(150, 9, "UTILITY BILL", 11, bold=True)
        p.text(150, 15, "Quarterly" if quarterly else "Bimonthly", 8)

    def ids() -> None:
        rows = [
            ["Account Number", account],
            ["Customer Number", customer],
            ["Service Address", address],
            [stmt_label, _date(stmt, ds)],
            ["Route / Sequence", route],
        ]
        p.table(112, 24, [34, 58], rows, size=7.5, row_h=4.8, header=False, aligns="LL")
        p.text(12, 26, person, 9, bold=True)
        p.text(12, 30.5, f"PO BOX {rng.randint(10, 9999)}", 8)
        p.text(12, 35, town, 8)

    def reads() -> None:
        y = 56.0
        scale = "CCF (100 cubic feet)" if unit == "CCF" else f"reads x {num(mult, 0)} gallons"
        p.text(12, y, f"METER READINGS - {scale}", 9, bold=True)
        head = ["Meter", "Size", "Read Date", "Previous", "Read Date", "Present", "Usage"]
        shown = f"{use} CCF" if unit == "CCF" else f"{num(gallons, 0)} gal"
        rows = [
            head,
            [meter, size, _date(start, ds), num(prior, 0), _date(end, ds), num(prior + reads_delta, 0), shown],
        ]
        p.table(12, y + 5, [30, 16, 26, 26, 26, 26, 34], rows, size=7.5, row_h=5, aligns="LLLRLRR")
        p.text(12, y + 17, f"Service period {_date(start, ds)} to {_date(end, ds)} ({days} days)", 7.5)

    def charges() -> None:
        y = 84.0
        p.text(12, y, "CURRENT CHARGES", 9, bold=True)
        rows: list[list[str]] = []
        group = ""
        for g, k, a in lines:
            if g != group:
                rows.append([g, ""])
                group = g
            rows.append([f"   {k}", signed(a, "$")])
        if tax:
            rows.append([f"Utility users tax 5% on {signed(sub, '$')}", signed(tax, "$")])
        if late:
            rows.append(["Late payment penalty 10% of past due balance", signed(late, "$")])
        rows.append([cur_label, signed(current, "$")])
        p.table(12, y + 5, [130, 40], rows, size=7.5, row_h=4.7, header=False, aligns="LR")

    def usage() -> None:
        y = 184.0
        p.text(12, y, "WATER USE HISTORY", 8.5, bold=True)
        periods = [add_months(end, -months * k) for k in range(5, 0, -1)]
        u_name = "CCF" if unit == "CCF" else "gal"
        vals = [int(use * rng.uniform(0.6, 1.4)) * (1 if unit == "CCF" else 1000) for _ in periods]
        rows = [[f"{EN_MONTHS[m.month - 1][:3]} {m.year}" for m in periods], [f"{num(v, 0)} {u_name}" for v in vals]]
        p.table(12, y + 4, [30] * 5, rows, size=7, row_h=4.6, aligns="RRRRR")
        per_day = (use * 748 if unit == "CCF" else use * 1000) / days
        p.text(
            12,
            y + 15,
            f"Average daily use: {per_day:.0f} gallons. Conserve: water restrictions apply May - September.",
            7,
        )

    def stub() -> None:
        y = 212.0
        p.hline(5, 211, y - 3, dash=True)
        p.text(12, y - 2, f"RETURN THIS PORTION WITH YOUR PAYMENT - make checks payable to {city}", 6.5)
        p.text(12, y + 4, "ACCOUNT SUMMARY", 9, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Previous Balance", signed(prev, "$")))
            rows.append(("Payments Received", signed(-(paid or 0.0), "$")))
        rows.append((cur_label, signed(current, "$")))
        rows.append((total_label, signed(total, "$")))
        for i, (k, v) in enumerate(rows):
            p.text(12, y + 11 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(66, y + 11 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=30, align="R")
        after = money(total + money(total * 0.10)) if total > 0 else 0.0
        due_text = _date(due, ds) if total > 0 else "No payment due"
        box = [
            ["Account Number", account],
            ["Service Address", address],
            [due_label, due_text],
            [total_label, signed(total, "$") + (" CR" if total < 0 else "")],
        ]
        if autopay:
            box.append(["AUTOPAY", "DO NOT PAY - drafted on due date"])
        else:
            box.append(["Amount Enclosed", "$"])
        p.table(108, y + 4, [38, 58], box, size=7.5, row_h=6.5, header=False, aligns="LR")
        if total > 0:
            p.text(108, y + 38, f"After {_date(due, ds)} pay {signed(after, '$')} (10% late penalty).", 7)
        p.text(
            12, y + 50, f"{account.replace('-', '')}{int(round(abs(total) * 100)):010d}{customer}", 8, font="Courier"
        )

    draw_shuffled(rng, [header, ids, reads, charges, usage, stub])
    if unit == "CCF":
        water, w_unit = float(use), "CCF"
    else:
        water, w_unit = float(gallons), "gallons"
    notes = (
        f"{'business' if business else 'residential'} city water + sewer + trash bill, "
        f"{'quarterly' if quarterly else 'bimonthly'}; water in {w_unit}"
        + ("" if unit == "CCF" else f" (reads x {mult})")
        + f"; current_charges = '{cur_label}'; summary and amount due only in the return stub at the foot"
    )
    if winter:
        notes += "; sewer billed on a winter average, not on this period's use"
    if late:
        notes += "; a late penalty on the unpaid balance is part of the current charges"
    if autopay:
        notes += "; autopay: due date = the draft date"
    if prev is not None and paid is not None and paid > prev:
        notes += "; overpaid last period, a credit is carried (total below the current charges)"
    record = truth(
        "us_city_water",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="USD",
        water_usage=water,
        water_usage_unit=w_unit,
        meter_number=meter,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
