"""Set F, two HTML layouts: a US natural-gas distribution company statement (CCF x BTU factor = therms, budget
billing on some, a remittance stub at the foot) and an Indonesian postpaid electricity bill (Rupiah, ID Pelanggan,
Stand Meter Awal / Akhir, PPJ), both printed by headless Chromium."""

from __future__ import annotations

import datetime as dt
import random

from unseen_html import ID_MONTHS, document, esc, html_to_pdf, ordered, rows, story
from unseen_kit import EN_MONTHS, add_months, digits, iso, money, num, signed, truth

US_LDCS = (("Prairie Hearth Gas Company", "PO Box 4410, Topeka KS 66601"),
           ("Tri-County Natural Gas Co.", "PO Box 1187, Dayton OH 45401"),
           ("Allegheny Valley Gas Service", "PO Box 920, Altoona PA 16603"))
US_HOMES = ("ROBERT J KOWALSKI", "LINDA MARTINEZ", "THE HENDERSON FAMILY", "ASHLEY & TYLER BROOKS", "KEVIN OKAFOR")
US_SHOPS = ("CORNERSTONE BAKERY LLC", "ST MARK LUTHERAN CHURCH", "RIVERSIDE LAUNDROMAT INC")
US_STREETS = ("N MAIN ST", "WALNUT AVE", "COUNTY ROAD 12", "SYCAMORE CT", "E 14TH ST", "HICKORY RIDGE DR")
US_TOWNS = ("LAWRENCE KS 66044", "XENIA OH 45385", "HOLLIDAYSBURG PA 16648", "SALINA KS 67401", "BEAVERCREEK OH 45431")


def _us_date(d: dt.date, style: int) -> str:
    return f"{d:%m/%d/%Y}" if style == 0 else f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def us_gas(rng: random.Random, balance: str | None = None) -> tuple[bytes, dict[str, object]]:
    ldc, remit = rng.choice(US_LDCS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.randint(18, 22))
    ds = rng.randrange(2)
    d, u = (lambda x: _us_date(x, ds)), (lambda v: signed(v, "$"))
    winter = end.month in (11, 12, 1, 2, 3)
    ccf = rng.randint(60, 190) if winter else rng.randint(12, 45)
    ccf *= 4 if business else 1
    factor = round(rng.uniform(1.021, 1.089), 4)
    places = rng.choice((0, 1))
    therms = round(ccf * factor, places) if places else float(round(ccf * factor))
    t_txt = num(therms, places)
    cust = 38.50 if business else rng.choice((16.50, 19.75, 22.00))
    dist_rate, pga_rate = round(rng.uniform(0.28, 0.46), 5), round(rng.uniform(0.38, 0.79), 5)
    lines = [("Customer Charge", cust),
             (f"Distribution Charge {t_txt} therms x ${dist_rate:.5f}", money(therms * dist_rate)),
             (f"Gas Supply Charge (PGA) {t_txt} therms x ${pga_rate:.5f}", money(therms * pga_rate))]
    if rng.random() < 0.5:
        lines.append(("Infrastructure Replacement Surcharge", round(rng.uniform(1.5, 6.5), 2)))
    sub = money(sum(a for _, a in lines))
    taxes: list[tuple[str, float]] = []
    if business or rng.random() < 0.3:
        rate = rng.choice((5.0, 6.0, 6.5))
        taxes.append((f"Sales Tax {rate}% on {u(sub)}", money(sub * rate / 100)))
    actual = money(sub + sum(a for _, a in taxes))
    budget = not business and rng.random() < 0.35
    budget_amt = float(rng.choice((55, 60, 65, 75, 85, 95, 110))) if budget else 0.0
    deferred = money(rng.uniform(-80, 120)) if budget else 0.0
    current = budget_amt if budget else actual
    kind, prev, paid = story(rng, current, balance)
    forward = money((prev or 0) - (paid or 0))
    total = money(forward + current)

    person = rng.choice(US_SHOPS if business else US_HOMES)
    street, town = f"{rng.randint(10, 9800)} {rng.choice(US_STREETS)}", rng.choice(US_TOWNS)
    address = f"{street} {town}"
    account = f"{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 4)}" if rng.random() < 0.5 else digits(rng, 10)
    meter = digits(rng, rng.choice((7, 8)))
    rate = "General Service Small Commercial (GS-2)" if business else rng.choice(("Residential Service (RS-1)",
                                                                                   "Residential Heating (RH)"))
    total_label = rng.choice(("Amount Due", "Total Amount Due", "Please Pay"))
    due_label = rng.choice(("Due Date", "Payment Due Date", "Please pay by"))
    prior = rng.randint(1000, 9000)
    next_read = end + dt.timedelta(days=rng.randint(29, 32))
    acct_label = rng.choice(("Account Number", "Account No.", "Account #"))
    date_label = rng.choice(("Statement Date", "Bill Date", "Billing Date"))

    head = (f'<div class="cols"><div><h1>{esc(ldc)}</h1><p class="small">Customer Service 1-800-555-{digits(rng, 4)}'
            f' &middot; Gas Leak? Leave, then call 911</p><p class="b" style="margin-top:3mm">{esc(person)}</p>'
            f"<p>{esc(street)}</p><p>{esc(town)}</p></div><div></div></div>")
    srows: list[list[str]] = [[acct_label, f'<span class="nw b">{account}</span>'], [date_label, d(stmt)]]
    if prev is not None:
        srows.append(["Previous Balance", u(prev)])
        if paid:
            srows.append([f"Payment Received {stmt - dt.timedelta(days=rng.randint(5, 20)):%m/%d} - Thank You",
                          u(-paid)])
        srows.append(["Balance Forward", u(forward)])
    srows.append(["Current Budget Amount" if budget else "Current Charges", u(current)])
    srows += [[f"<b>{total_label}</b>", f"<b>{u(total)}</b>"], [due_label, d(due) if total > 0 else "-"]]
    side = [f'<div class="box shade"><h2>{"Account Summary" if rng.random() < 0.5 else "Summary of Account"}</h2>',
            rows(srows, head=False, aligns="LR"), "</div>"]
    if budget:
        side.append(f"<p class='small'>You are on Budget Billing. Actual gas charges this period {u(actual)}; budget"
                    f" deferred balance {u(deferred)}.</p>")
    side.append(f"<p class='small'>Next scheduled read: {d(next_read)}</p>")
    service = ["<h2>Service Information</h2>", rows(
        [["Service Address", esc(address)], ["Service Period", f"{d(start)} - {d(end)} ({(end - start).days} days)"],
         ["Rate", rate], ["Meter Number", meter]], head=False),
        "<h3>Meter Reading</h3>", rows(
        [["Previous", "Present", "CCF Used", "BTU Factor", "Therms"],
         [f"{num(prior, 0)} {rng.choice(('Actual', 'Actual', 'Estimated'))}", f"{num(prior + ccf, 0)} Actual",
          num(ccf, 0), f"{factor:.4f}", t_txt]], aligns="RRRRR")]
    charges = ["<h2>Current Gas Charges</h2>", rows(
        [[n, u(a)] for n, a in lines + taxes] + [["<b>Total Gas Charges</b>", f"<b>{u(actual)}</b>"]],
        head=False, aligns="LR")]
    hist = [(add_months(end, -i), round(therms * rng.uniform(0.3, 1.9))) for i in range(12, 0, -1)] + [(end, therms)]
    peak = max(h for _, h in hist) or 1
    temp = rng.randint(18, 44) if winter else rng.randint(52, 81)
    history = ["<h3>Therms Used - last 13 months</h3>", '<table class="small">'] + [
        f"<tr><td class='nw'>{EN_MONTHS[m.month - 1][:3]} {m:%y}</td><td style='width:60%'><span class='bar'"
        f" style='width:{round(60 * h / peak)}mm'></span></td><td class='r'>{num(h, places)}</td></tr>"
        for m, h in hist] + ["</table>", f"<p class='small'>Average daily therms {num(therms / (end - start).days, 2)}"
                             f" &middot; average temperature {temp}°F</p>"]
    stub = (f'<div style="position:absolute; left:0; right:0; top:{rng.choice((200, 206))}mm; border-top:0.4mm dashed'
            ' #333; padding-top:2mm"><p class="small">Please detach and return this portion with your payment.'
            f' Make checks payable to {esc(ldc)}.</p>' + rows(
                [[acct_label, account, total_label, u(total)],
                 [due_label, d(due) if total > 0 else "-", "Amount Enclosed", "$ ______________"]], head=False) +
            f"<p style='margin-top:3mm'>{esc(person)}<br>{esc(street)}<br>{esc(town)}</p>"
            f"<p style='margin-left:110mm'>{esc(ldc)}<br>{esc(remit)}</p></div>")
    two_pages = rng.random() < 0.5
    first = ordered(rng, [("service", "".join(service)), ("charges", "".join(charges))]
                    + ([] if two_pages else [("history", "".join(history))]), [], [])
    # the first page: header, then two columns (service and charges, the summary box on the right or on the left),
    # then the stub
    box_left = rng.random() < 0.35
    cols = [f'<div style="flex:1.45">{first}</div>', f'<div>{"".join(side)}</div>']
    page1 = (f'<div style="position:relative; height:254mm">{head}<div class="cols" style="margin-top:2mm">'
             f'{"".join(reversed(cols)) if box_left else "".join(cols)}</div>{stub}</div>')
    body = page1
    if two_pages:
        body += (f'<div class="page2"><p>{acct_label} {account}</p>{"".join(history)}<h3>Important Messages</h3>'
                 "<p class='small'>Winter is coming: ask about our free Budget Billing and Home Energy Audit"
                 " programs.</p></div>")
    notes = ("US natural-gas distribution company statement (HTML printed by Chromium, Letter): CCF x BTU factor ="
             " therms, customer, distribution and gas supply (PGA) charges per therm; two columns (service and"
             " charges in one, the account summary box in the other) and a remittance stub at the foot of page 1"
             " repeating the account and amount (absolutely positioned, printed after the flowing text); a 13-month"
             " therms bar table and the next scheduled read date are distractors")
    if budget:
        notes += ("; budget billing: the amount billed this period is the budget amount (current_charges), the"
                  " actual gas charges and the deferred balance are distractors")
    notes += "; sales tax on a printed base" if taxes else ""
    notes += "; the summary box in the left column" if box_left else "; the summary box in the right column"
    notes += "; history on page 2" if two_pages else ""
    notes += "; a credit carried forward" if kind == "credit" else ""
    pdf = html_to_pdf(document(body, size="Letter", margin="10mm 12mm 10mm 12mm",
                               css='body { font-family: "Liberation Sans Narrow", "Liberation Sans", sans-serif; }'))
    return pdf, truth(
        "us_gas_ldc", notes, provider=ldc, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due) if total > 0 else None, billing_period_start=iso(start),
        billing_period_end=iso(end), total_amount_due=total, currency="USD", gas_therms=therms, gas_usage=therms,
        gas_usage_unit="therms", meter_number=meter, rate_plan=rate, previous_balance=prev, current_charges=current)


ID_UNITS = ("PT Listrik Nusantara Raya (Persero) Unit Layanan Bandung Timur",
            "PT Energi Kelistrikan Indonesia Unit Layanan Semarang Barat",
            "PT Listrik Nusantara Raya (Persero) Unit Layanan Denpasar Selatan")
ID_HOMES = ("BUDI SANTOSO", "SITI NURHALIZA", "AGUS PRASETYO", "DEWI LESTARI", "I MADE SUARDANA")
ID_SHOPS = ("CV MAJU JAYA ABADI", "TOKO SUMBER REJEKI", "PT SINAR KARYA MANDIRI")
ID_STREETS = ("Jl. Melati", "Jl. Diponegoro", "Jl. Raya Bypass Ngurah Rai", "Gg. Mawar", "Jl. Pemuda")
ID_TOWNS = ("Bandung 40115", "Semarang 50149", "Denpasar 80227", "Cimahi 40521")
ID_TARIFFS = (("R-1/900VA", 900, 1352.0), ("R-1/1300VA", 1300, 1444.70), ("R-1/2200VA", 2200, 1444.70),
              ("R-2/3500VA", 3500, 1699.53))
ID_BUSINESS = (("B-1/2200VA", 2200, 1444.70), ("B-2/5500VA", 5500, 1444.70), ("B-2/11000VA", 11000, 1444.70))


def _id_date(d: dt.date, style: int) -> str:
    return f"{d:%d-%m-%Y}" if style == 0 else f"{d.day} {ID_MONTHS[d.month - 1]} {d.year}"


def _rp(v: float, cents: bool) -> str:
    text = num(abs(v), 2 if cents else 0, style="eu")
    return f"-Rp {text}" if v < 0 else f"Rp {text}"


def indonesia_pln(rng: random.Random, balance: str | None = None) -> tuple[bytes, dict[str, object]]:
    unit = rng.choice(ID_UNITS)
    business = rng.random() < 0.3
    tariff, va, price = rng.choice(ID_BUSINESS if business else ID_TARIFFS)
    month = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)  # the bill's month (Bulan Tagihan)
    end = add_months(month, -1).replace(day=rng.randint(24, 28))  # read in the previous month
    start = add_months(end, -1) + dt.timedelta(days=1)
    stmt = month + dt.timedelta(days=rng.randint(1, 5))
    due = month.replace(day=20)
    ds, cents = rng.randrange(2), rng.random() < 0.4
    d, r = (lambda x: _id_date(x, ds)), (lambda v: _rp(v, cents))
    kwh = rng.randint(80, 220) * va // 900 if not business else rng.randint(300, 2600) * va // 2200
    awal = rng.randint(1000, 60000)
    beban = float(round(va / 1000 * rng.choice((11000, 12500))))
    pakai = float(round(kwh * price))
    ppj_rate = rng.choice((3, 5, 8, 10))
    base = beban + pakai
    ppj = float(round(base * ppj_rate / 100))
    lines = [("Biaya Beban", beban), (f"Biaya Pemakaian {num(kwh, 0, style='eu')} kWh x Rp {num(price, 2, style='eu')}",
                                      pakai), (f"PPJ {ppj_rate}% x {r(base)}", ppj)]
    if va >= 3500 or business and rng.random() < 0.5:
        lines.append((f"PPN 11% x {r(base)}", float(round(base * 0.11))))
    sub = sum(a for _, a in lines)
    if sub > 5_000_000:
        lines.append(("Bea Materai", 10000.0))
    current = float(sum(a for _, a in lines))
    kind, prev, paid = story(rng, current, balance, whole=True)
    total = float((prev or 0) - (paid or 0) + current)

    person = rng.choice(ID_SHOPS if business else ID_HOMES)
    address = (f"{rng.choice(ID_STREETS)} No. {rng.randint(1, 250)} RT {rng.randint(1, 12):03d}"
               f"/RW {rng.randint(1, 9):03d}, {rng.choice(ID_TOWNS)}")
    idpel = digits(rng, 12)
    meter, tagihan = digits(rng, 11), f"{month:%Y%m}{digits(rng, 10)}"
    total_label = rng.choice(("Total Tagihan", "Jumlah yang harus dibayar", "Total Bayar"))
    due_label = rng.choice(("Jatuh Tempo", "Batas Waktu Pembayaran", "Tanggal Jatuh Tempo"))
    date_label = rng.choice(("Tanggal Cetak", "Tanggal Tagihan", "Tgl. Terbit"))
    period_label = rng.choice(("Periode Pemakaian", "Periode Baca Meter", "Periode"))

    company, office = unit.split(" Unit ")
    head = (f'<div class="cols"><div><h1>{esc(company)}</h1><p>Unit {esc(office)}</p>'
            f'<p class="small">Contact Center 123 &middot; NPWP {digits(rng, 2)}.{digits(rng, 3)}.{digits(rng, 3)}'
            f'.{digits(rng, 1)}-{digits(rng, 3)}.000</p></div><div><h2>REKENING LISTRIK PASCABAYAR</h2>'
            f"<p>Bulan Tagihan: {ID_MONTHS[month.month - 1].upper()} {month.year}</p></div></div>")
    pairs = [("ID Pelanggan", f'<span class="b nw">{idpel}</span>'), ("Nomor Tagihan", tagihan),
             ("Nama", esc(person)), ("No. Meter", meter), ("Alamat", esc(address)),
             ("Tarif / Daya", f'<span class="nw">{tariff}</span>'), (date_label, d(stmt)),
             (period_label, f'<span class="nw">{d(start)} s/d {d(end)}</span>')]
    if rng.random() < 0.5:  # a table of label / value pairs, or a CSS grid of "label : value" lines
        cust = rows([[*pairs[i], *pairs[i + 1]] for i in range(0, len(pairs), 2)], head=False)
    else:
        cust = ('<div style="display:grid; grid-template-columns:28mm 3mm 1fr 30mm 3mm 1fr; gap:0.6mm 1mm">' +
                "".join(f"<div>{k}</div><div>:</div><div>{v}</div>" for k, v in pairs) + "</div>")
    meter_b = ["<h2>Data Pemakaian</h2>", rows(
        [["Stand Meter Awal", "Stand Meter Akhir", "Pemakaian (kWh)", "Daya (VA)"],
         [num(awal, 0, style="eu"), num(awal + kwh, 0, style="eu"), num(kwh, 0, style="eu"), num(va, 0, style="eu")]],
        aligns="RRRR"), f"<p class='small'>Jam nyala: {num(kwh / va * 1000, 0, style='eu')} jam</p>"]
    bill = ["<h2>Rincian Tagihan</h2>", rows([["Uraian", "Jumlah"]] + [[n, r(a)] for n, a in lines] +
                                             [["<b>Tagihan Bulan Ini</b>", f"<b>{r(current)}</b>"]], aligns="LR")]
    srows: list[list[str]] = []
    if prev is not None:
        if prev < 0:
            srows.append(["Kelebihan Bayar Bulan Lalu", r(prev)])
        else:
            srows.append(["Tunggakan" if kind == "unpaid" else "Tagihan Bulan Lalu", r(prev)])
            if paid:
                srows.append(["Pembayaran Diterima", r(-paid)])
    srows += [["Tagihan Bulan Ini", r(current)], [f"<b>{total_label}</b>", f"<b>{r(total)}</b>"],
              [due_label, d(due)]]
    summary = ['<div class="box shade"><h2>Ringkasan Tagihan</h2>', rows(srows, head=False, aligns="LR"), "</div>"]
    if kind == "unpaid":
        summary.append("<p class='small'>Tunggakan yang belum dibayar sampai jatuh tempo dapat dikenakan pemutusan"
                       " sementara.</p>")
    hist_m = [add_months(month, -i) for i in range(6, 0, -1)]
    history = ["<h3>Riwayat Pemakaian 6 Bulan Terakhir (kWh)</h3>", rows(
        [[f"{ID_MONTHS[m.month - 1][:3]} {m.year}" for m in hist_m],
         [num(round(kwh * rng.uniform(0.7, 1.3)), 0, style="eu") for _ in hist_m]], aligns="R" * 6)]
    info = ("<p class='small'>Bayar tagihan listrik sebelum tanggal 20 setiap bulan untuk menghindari biaya"
            " keterlambatan. Simpan struk ini sebagai bukti pembayaran yang sah.</p>")
    top = rng.random() < 0.5
    two_pages = rng.random() < 0.4
    blocks = [("head", head), ("cust", cust), ("meter", "".join(meter_b)), ("bill", "".join(bill)),
              ("summary", "".join(summary)), ("info", info)]
    if not two_pages:
        blocks.append(("history", "".join(history)))
    body = ordered(rng, blocks, ["head", "cust", "summary"] if top else ["head", "cust"], [] if top else ["summary"])
    if two_pages:
        body += f'<div class="page2"><p>ID Pelanggan {idpel}</p>{"".join(history)}{info}</div>'
    notes = ("Indonesian postpaid electricity bill (HTML printed by Chromium): Rupiah with dot grouping"
             + (" and ,00 decimals" if cents else " and no decimals") + "; ID Pelanggan (12 digits) is the account,"
             " No. Meter and Nomor Tagihan are not; Stand Meter Awal / Akhir give Pemakaian kWh; Daya VA and the"
             " tariff's VA are not a demand; Biaya Beban, Biaya Pemakaian, PPJ on a printed base; the bill month is"
             " after the usage period; 6-month history and jam nyala are distractors")
    notes += "; PPN 11%" if any(n.startswith("PPN") for n, _ in lines) else ""
    notes += "; summary at the top" if top else "; summary at the foot"
    notes += {"none": "", "paid": "; last month's bill paid", "partial": "; last month's bill part paid",
              "unpaid": "; tunggakan (arrears) added to the total", "credit": "; an overpayment deducted"}[kind]
    pdf = html_to_pdf(document(body))
    return pdf, truth(
        "id_pln", notes, provider=company, account_number=idpel, service_address=address, statement_date=iso(stmt),
        due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
        currency="IDR", electricity_kwh=kwh, meter_number=meter, rate_plan=tariff, previous_balance=prev,
        current_charges=current)
