"""Set N, an Australian natural gas bill printed from HTML + CSS by headless Chromium, in two columns laid out with a
CSS grid whose cells are written row by row (left cell, right cell, left cell...), so the PDF text layer
interleaves the two columns: a line of the account summary, then a line of the usage box, and so on. Gas read in
m³, converted by heating value and pressure factor to MJ (billed in MJ, in price steps), a daily supply charge,
GST 10 %, quarterly or two-monthly."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import EN_MONTHS, add_months, balance_story, digits, iso, money, num, truth

RETAILERS = ("Southern Cross Gas Pty Ltd", "Murray Basin Energy", "Harbourside Gas & Power")
HOMES = ("Ms Chloe Anderson", "Mr Liam O'Brien", "Mrs Priya Sharma", "Mr Jack Nguyen")
FIRMS = ("Bondi Fish Bar Pty Ltd", "Ridgeway Physio Pty Ltd", "Eastside Laundromat")
PLACES = ("{n} Banksia Street, Bentleigh VIC 3204", "{n} Wattle Grove, Glenelg SA 5045",
          "{n} Jacaranda Avenue, Toowong QLD 4066", "{n} Harbour Road, Hamilton NSW 2303")
_CSS = """
.two { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; row-gap: 0.6mm; }
.two > div { padding: 0.5mm 1mm; }
.two .h { font-weight: bold; font-size: 10pt; color: #7a2b00; border-bottom: 0.4mm solid #7a2b00; }
.two .kv { display: flex; justify-content: space-between; }
.due { border: 0.6mm solid #7a2b00; padding: 3mm; background: #fff4ec; }
h3 { font-size: 9.5pt; margin: 0 0 1.2mm 0; color: #7a2b00; }
td, th { padding: 0.7mm 1.5mm; }
"""


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return nowrap(d.strftime("%d/%m/%Y"))
    if style == 1:
        return nowrap(f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}")
    return nowrap(f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}")


def _aud(v: float) -> str:
    return nowrap(f"${num(v)}" if v >= 0 else f"-${num(-v)}")


def _kv(k: str, v: str, bold: bool = False) -> str:
    b = ' style="font-weight:bold"' if bold else ""
    return f'<div class="kv"{b}><span>{k}</span><span>{v}</span></div>'


def au_gas(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(RETAILERS)
    business = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.choice((rng.randint(89, 92), rng.randint(59, 62)))
    end = start + dt.timedelta(days=days - 1)
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.randint(14, 21))
    m3 = rng.randint(60, 420) * (4 if business else 1)
    hv = rng.choice((38.52, 38.71, 39.04))
    pf = rng.choice((0.9823, 1.0012, 0.9957))
    mj = round(m3 * hv * pf)
    step = 7500 if days > 80 else 5000
    r1, r2 = rng.choice(((0.03421, 0.02874), (0.03865, 0.03112), (0.04127, 0.03340)))
    first = min(mj, step)
    lines = [(f"Supply charge {days} days @ ${num(0.8215, 4)}/day", money(days * 0.8215)),
             (f"Usage first {num(first, 0)} MJ @ ${num(r1, 5)}/MJ", money(first * r1))]
    if mj > step:
        lines.append((f"Usage next {num(mj - step, 0)} MJ @ ${num(r2, 5)}/MJ", money((mj - step) * r2)))
    taxable = money(sum(a for _, a in lines))
    gst = money(taxable * 0.10)
    credits = []
    if not business and rng.random() < 0.3:
        credits.append(("Concession discount (GST free)", -money(taxable * 0.175)))
    current = money(taxable + gst + sum(a for _, a in credits))
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(1, 240))
    account = f"{digits(rng, 4)} {digits(rng, 3)} {digits(rng, 3)}"
    mirn = f"5{digits(rng, 9)}"
    meter = f"{rng.choice(('G', 'AL'))}{digits(rng, 7)}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Total amount due", "Amount due", "Total due"))
    due_label = rng.choice(("Due date", "Pay by", "Please pay by"))
    cur_label = rng.choice(("New charges", "Total new charges", "This bill's charges"))
    acct_label = rng.choice(("Account number", "Customer number", "Account no."))
    plan = rng.choice(("Residential Gas Saver", "Home Gas Flex", "Residential Standard Plan")) if not business \
        else rng.choice(("Business Gas Saver", "Small Business Gas"))
    doc = Doc(_CSS)
    doc.block(12, 10, 120, f'<div class="hdr"><span class="big">{esc(provider)}</span><br>'
              f'<span class="small">ABN {digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)} {digits(rng, 3)}'
              f' | Faults and emergencies 1800 {digits(rng, 3)} {digits(rng, 3)}</span></div>')
    doc.block(140, 10, 58, f"<div class='b'>Tax invoice</div><div>Issue date {_date(stmt, ds)}</div>"
              f"<div class='small'>Invoice no. {digits(rng, 9)}</div>")
    doc.block(12, 30, 90, f"<div class='b'>{esc(person)}</div><div>{esc(address)}</div>")
    # the two columns, written row by row: a left cell, then the right cell beside it
    left = ['<div class="h">Account summary</div>']
    if prev is not None:
        left.append(_kv("Previous bill", _aud(prev)))
        left.append(_kv("Payments received", _aud(-paid) if paid else "$0.00"))
    left += [_kv(esc(cur_label), _aud(current)), _kv(esc(total_label), _aud(total), True),
             _kv(esc(due_label), _date(due, ds), True),
             _kv(f"{esc(acct_label)}", esc(account)),
             _kv("Supply address", ""), f"<div>{esc(address)}</div>"]
    old = rng.randint(1000, 40000)
    right = ['<div class="h">Your gas usage</div>',
             _kv("Billing period", f"{_date(start, ds)} to {_date(end, ds)}"),
             _kv("Days", str(days)),
             _kv("Meter", esc(meter)),
             _kv("Previous read (actual)", str(old)), _kv("Current read (actual)", str(old + m3)),
             _kv("Gas used", f"{m3} m\u00b3"),
             _kv("Heating value x pressure factor", f"{num(hv, 2)} x {num(pf, 4)}"),
             _kv("Gas usage", f"{num(mj, 0)} MJ", True),
             _kv("Average daily usage", f"{num(mj / days, 1)} MJ")]
    while len(left) < len(right):
        left.append("<div></div>")
    while len(right) < len(left):
        right.append("<div></div>")
    cells = "".join(a + b for a, b in zip(left, right, strict=True))
    doc.block(12, 48, 186, f'<div class="two">{cells}</div>')
    det = [["Gas charges", "Amount"]] + [[esc(k), _aud(a)] for k, a in lines]
    det += [["GST 10%", _aud(gst)]] + [[esc(k), _aud(a)] for k, a in credits]
    det.append([f"<b>{esc(cur_label)}</b>", f"<b>{_aud(current)}</b>"])
    back = [add_months(end, -3 * k) for k in range(1, 5)]
    hist = [["Period", "MJ per day"]] + [[f"{EN_MONTHS[d.month - 1][:3]} {d.year}",
                                          num(mj / days * rng.uniform(0.5, 1.6), 1)] for d in back]
    blocks = [(12, 128, 120, f"<h3>Your plan: {esc(plan)}</h3>" + table(det, head=True, aligns="LR")),
              (140, 128, 58, "<h3>Daily usage history</h3>" + table(hist, aligns="LR")),
              (12, 200, 186, f'<div class="due"><b>{esc(total_label)} {_aud(total)}</b> &nbsp; '
               f'{esc(due_label)} {_date(due, ds)}<br><span class="small">MIRN {mirn} | BPAY Biller code '
               f'{digits(rng, 5)} | Ref {digits(rng, 10)}</span></div>')]
    rng.shuffle(blocks)
    for x, y, w, body in blocks:
        doc.block(x, y, w, body)
    notes = (f"{'business' if business else 'residential'} Australian gas tax invoice (HTML), {days}-day period; "
             "two columns in a CSS grid written row by row, so the text layer interleaves the account summary and "
             "the usage box; gas m3 x heating value x pressure factor = MJ billed (gas_usage, unit MJ; the m3 is a "
             "second figure); GST 10 %"
             f"{', a GST-free concession discount' if credits else ''}; MIRN, invoice number, BPAY reference, "
             "average daily MJ and the history are distractors")
    record = truth("au_gas", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="AUD", gas_usage=float(mj),
                   gas_usage_unit="MJ", meter_number=meter, rate_plan=plan, previous_balance=prev,
                   current_charges=current)
    return render(doc, f"{provider}{account}{stmt}{total}"), record
