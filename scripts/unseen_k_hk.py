"""Set K, a Hong Kong electricity bill drawn with the fpdf2 kit: HK$ in English, a two-month period, block
(progressive) basic charges, a fuel clause charge per unit, a rent and rates special rebate and an energy saving
rebate, a history of average daily use and a later date with a 5 % surcharge."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

HK_SUPPLIERS = ("Harbour Light & Power Co. Ltd", "Kowloon Peninsula Electric Co. Ltd", "Victoria Island Power Ltd")
HK_HOMES = ("Chan Tai Man", "Wong Siu Ling", "Lee Ka Ho", "Cheung Mei Yee", "Lau Chi Keung")
HK_FIRMS = ("Golden Dragon Restaurant Ltd", "Sunrise Trading Co.", "Ming Kee Noodle Shop")
HK_PLACES = (
    "Flat B, 12/F, Block 3, Lok Fu Garden, Kowloon",
    "Flat 1805, Tower 2, Harbour View Court, North Point",
    "G/F, 28 Wing Lok Street, Sheung Wan",
    "Room 702, 7/F, Kwun Tong Plaza, 68 Hoi Yuen Road",
    "Flat D, 3/F, 15 Tai Po Road, Sham Shui Po",
)
BLOCKS = ((400, 0.944), (600, 1.091), (800, 1.233), (10**6, 1.386))


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}"
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def _hk(v: float) -> str:
    return f"-HK${num(-v)}" if v < 0 else f"HK${num(v)}"


def hk_electric(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(HK_SUPPLIERS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 2) - dt.timedelta(days=rng.randint(0, 3))
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.choice((14, 18, 21)))
    days = (end - start).days
    kwh = rng.randint(1800, 6000) if business else rng.randint(260, 1500)
    meter = rng.choice(("A", "E", "K")) + digits(rng, 7)
    rate_plan = rng.choice(("Non-residential Tariff", "Bulk Tariff")) if business else rng.choice(
        ("Residential Tariff", "Domestic Tariff"))
    lines: list[tuple[str, float]] = []
    left, lo = kwh, 0
    for hi, rate in BLOCKS:
        take = min(left, hi - lo)
        if take > 0:
            span = f"next {hi - lo} kWh" if lo else f"first {hi} kWh"
            lines.append((f"Basic charge, {span if hi < 10**6 else 'remaining'}: {take} kWh @ HK${rate:.3f}",
                          money(take * rate)))
        left -= take
        lo = hi
    fuel_rate = rng.choice((0.463, 0.478, 0.491))
    lines.append((f"Fuel clause charge {kwh} kWh @ HK${fuel_rate:.3f}", money(kwh * fuel_rate)))
    if not business and rng.random() < 0.5:
        lines.append((f"Energy saving rebate {kwh} kWh @ HK$0.020", -money(kwh * 0.02)))
    sub = money(sum(a for _, a in lines))
    rebate = 0.0 if business or rng.random() < 0.4 else min(rng.choice((50.0, 100.0)), sub)
    current = money(sub - rebate)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    surcharge_day = due + dt.timedelta(days=rng.choice((7, 10)))
    person = rng.choice(HK_FIRMS if business else HK_HOMES)
    address = rng.choice(HK_PLACES)
    account = digits(rng, 4) + " " + digits(rng, 3) + " " + digits(rng, 3)
    ds = rng.randrange(3)
    total_label = rng.choice(("Total amount due", "Amount payable", "Please pay", "Amount due"))
    due_label = rng.choice(("Payment due date", "Pay on or before", "Due date"))
    cur_label = rng.choice(("Current charges", "Charges for this period", "Electricity charges this bill"))
    summary_top = rng.random() < 0.5
    p = Page(fmt="A4")
    sy, cy = (46.0, 100.0) if summary_top else (214.0, 46.0)

    def header() -> None:
        p.text(12, 9, provider, 13, bold=True)
        p.text(12, 15.5, f"Customer hotline 2{digits(rng, 3)} {digits(rng, 4)}  |  24-hour power failure hotline "
                         f"2{digits(rng, 3)} {digits(rng, 4)}", 7)
        p.text(12, 24, person.upper(), 9, bold=True)
        p.text(12, 28.5, address, 8)

    def ids() -> None:
        rows = [["Account no.", account], ["Bill date", _date(stmt, ds)], ["Tariff", rate_plan],
                ["Deposit held", _hk(float(rng.choice((600, 900, 1500))))]]
        p.table(122, 22, [30, 56], rows, size=7.5, row_h=4.6, header=False, aligns="LL")

    def summary() -> None:
        p.rect(12, sy, 186, 44, fill=245)
        p.text(15, sy + 2, "Account summary", 9.5, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Balance of last bill", _hk(prev)))
            if paid:
                rows.append(("Payment received, thank you", _hk(-paid)))
        rows.append((cur_label, _hk(current)))
        rows.append((total_label, _hk(total)))
        for i, (k, v) in enumerate(rows):
            p.text(15, sy + 9 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(80, sy + 9 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=32, align="R")
        p.rect(124, sy + 5, 70, 32, line=0.6)
        p.text(127, sy + 8, total_label, 9, bold=True)
        p.text(127, sy + 14, _hk(total), 15, bold=True)
        p.text(127, sy + 23, f"{due_label} {_date(due, ds)}", 8.5, bold=True)
        p.text(127, sy + 28, f"A 5% surcharge applies if unpaid after {_date(surcharge_day, ds)}", 6.5)

    def reads() -> None:
        p.text(12, cy, f"Meter reading  {_date(start, ds)} - {_date(end, ds)}  ({days} days)", 9, bold=True)
        old = rng.randint(10000, 90000)
        rows = [["Meter no.", "Previous reading", "Present reading", "Units (kWh)"],
                [meter, str(old), f"{old + kwh} {rng.choice(('A', 'A', 'E'))}", str(kwh)]]
        y = p.table(12, cy + 5, [32, 34, 34, 26], rows, size=7.5, row_h=4.8, aligns="LRRR")
        hist = [["Period", "Avg daily use (kWh)"]]
        for k in range(1, 4):
            hist.append([f"{_date(add_months(start, -2 * k), ds)}", f"{kwh / days * rng.uniform(0.7, 1.3):.1f}"])
        p.table(150, cy + 5, [28, 20], hist, size=6.5, row_h=4.2, aligns="LR")
        p.text(12, y + 1, f"Average daily consumption this period {kwh / days:.1f} kWh; same period last year "
                          f"{int(kwh * rng.uniform(0.75, 1.25))} kWh.", 7)

    def charges() -> None:
        y = cy + 34
        p.text(12, y, "Details of charges", 9, bold=True)
        rows = [[k, _hk(a)] for k, a in lines]
        if rebate:
            rows.append(["Rent and rates special rebate (Government)", _hk(-rebate)])
        rows.append([cur_label, _hk(current)])
        p.table(12, y + 5, [130, 40], rows, size=7.5, row_h=4.8, header=False, aligns="LR")

    def foot() -> None:
        p.text(12, 282, f"Next meter reading on or about {_date(add_months(end, 2), ds)}. Pay by autopay, PPS "
                        f"(merchant code {digits(rng, 2)}) or at convenience stores.", 6.5)

    draw_shuffled(rng, [header, ids, summary, reads, charges, foot])
    notes = (f"{'business' if business else 'residential'} Hong Kong electricity bill, two-month period, block "
             f"basic charges plus a fuel clause charge; current_charges = '{cur_label}'"
             f"{' (after the rent and rates special rebate)' if rebate else ''}; summary at the "
             f"{'top' if summary_top else 'foot'}; a later surcharge date and the deposit held are distractors")
    record = truth("hk_electric", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="HKD", electricity_kwh=float(kwh),
                   meter_number=meter, rate_plan=rate_plan, previous_balance=prev, current_charges=current)
    return p.output(), record
