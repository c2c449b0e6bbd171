"""Set M, a Romanian natural gas bill (factură gaze naturale) printed from HTML + CSS by headless Chromium: gas read
in m³ and billed in kWh through the superior calorific value (PCS), supply + distribution + excise (acciză, on
business bills), TVA 19 %, a state price-cap compensation credit on some home bills, a self-reading (autocitire) or
an estimate, and a balance table with the disconnection date as a near distractor of the due date."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import add_months, balance_story, digits, iso, money, num, truth

RO_MONTHS = ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
             "octombrie", "noiembrie", "decembrie")
SUPPLIERS = ("Carpați Gaz Furnizare S.A.", "Dunărea Energie S.R.L.", "Transilvania Gaze Naturale S.A.")
HOMES = ("POPESCU ION", "IONESCU MARIA-ELENA", "DUMITRESCU ȘTEFAN", "CONSTANTIN ANCA", "MUREȘAN VASILE")
FIRMS = ("BRUTĂRIA SPICUL S.R.L.", "PENSIUNEA CETĂȚII S.R.L.", "ATELIER TÂMPLĂRIE NICOLAE P.F.A.")
PLACES = ("Str. Mihai Eminescu nr. {n}, Cluj-Napoca, jud. Cluj", "Bd. Unirii nr. {n}, București, Sector 3",
          "Str. Ștefan cel Mare nr. {n}, Iași, jud. Iași", "Calea Aradului nr. {n}, Timișoara, jud. Timiș")
_CSS = """
.hdr { border-bottom: 0.9mm solid #b35900; padding-bottom: 1.5mm; }
.hdr .big { color: #b35900; }
.pay { border: 0.5mm solid #b35900; padding: 3mm; background: #fbf1e6; }
h3 { font-size: 9.5pt; margin: 0 0 1.2mm 0; color: #b35900; }
td, th { padding: 0.8mm 1.5mm; }
"""


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return nowrap(d.strftime("%d.%m.%Y"))
    if style == 1:
        return nowrap(f"{d.day} {RO_MONTHS[d.month - 1]} {d.year}")
    return nowrap(d.strftime("%d/%m/%Y"))


def _lei(v: float) -> str:
    return nowrap(f"{num(v, style='eu')} lei" if v >= 0 else f"-{num(-v, style='eu')} lei")


def ro_gaz(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(SUPPLIERS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    end = add_months(start, 1) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(3, 10))
    due = stmt + dt.timedelta(days=rng.choice((15, 30)))
    cut = due + dt.timedelta(days=rng.choice((15, 30)))
    ds = rng.randrange(3)
    winter = start.month in (11, 12, 1, 2, 3)
    m3 = rng.randint(90, 260) if winter else rng.randint(15, 70)
    m3 = m3 * (6 if business else 1) + rng.randint(0, 9)
    pcs = rng.choice((10.548, 10.612, 10.587))
    kwh = round(m3 * pcs)
    price, dist = 0.31, 0.0642
    lines = [(f"Gaze naturale furnizate {num(kwh, 0, style='eu')} kWh x {num(price, 4, style='eu')} lei/kWh",
              money(kwh * price)),
             (f"Tarif de distribuție {num(kwh, 0, style='eu')} kWh x {num(dist, 4, style='eu')} lei/kWh",
              money(kwh * dist))]
    if business:
        gj = kwh / 1000 * 3.6
        lines.append((f"Acciză {num(gj, 3, style='eu')} GJ x 3,85 lei/GJ", money(gj * 3.85)))
    base = money(sum(a for _, a in lines))
    tva = money(base * 0.19)
    comp = 0.0
    if not business and rng.random() < 0.5:
        comp = -money(kwh * rng.choice((0.06, 0.0775)))
    current = money(base + tva + comp)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(1, 140))
    client = digits(rng, 10)
    clc = "DEG" + digits(rng, 13)
    meter = digits(rng, 8)
    invoice = f"{rng.choice(('CGF', 'DEN', 'TGN'))} {digits(rng, 9)}"
    reading = rng.choice(("autocitire", "citire distribuitor", "estimare"))
    total_label = rng.choice(("Total de plată", "Sumă de plată", "Total de achitat"))
    cur_label = rng.choice(("Total factură curentă", "Valoare factură curentă", "Total factură"))
    acct_label = rng.choice(("Cod client", "Cod abonat"))
    due_label = rng.choice(("Data scadentă", "Scadență", "Termen de plată"))
    offer = rng.choice(("Fix 12", "Flex"))
    tariff = "Client casnic - preț furnizare" if not business else f"Client noncasnic - ofertă {offer}"
    summary_top = rng.random() < 0.5
    doc = Doc(_CSS)
    old = rng.randint(1000, 90000)

    blocks = []
    blocks.append((12, 8, 186, f'<div class="hdr"><span class="big">{esc(provider)}</span><br>'
                   f'<span class="small">CUI RO{digits(rng, 8)} | Nr. Reg. Com. J{rng.randint(1, 40)}/'
                   f'{digits(rng, 4)}/{rng.randint(1995, 2015)} | Telefon 0800 {digits(rng, 3)} {digits(rng, 3)}</span>'
                   "</div>"))
    blocks.append((12, 28, 92, f'<div class="b">{esc(person)}</div><div>{esc(address)}</div>'))
    ids = [[esc(acct_label), client], ["Cod loc de consum (CLC)", clc], ["Factură seria/nr.", esc(invoice)],
           ["Data emiterii", _date(stmt, ds)], ["Loc de consum", esc(address)], ["Categorie", esc(tariff)]]
    blocks.append((110, 28, 88, table(ids, head=False, aligns="LL", widths=[38, 62])))
    sy, dy = (70, 122) if summary_top else (222, 70)
    srows = [["Situația contului", ""]]
    if prev is not None:
        srows.append(["Sold anterior", _lei(prev)])
        srows.append(["Plăți înregistrate", _lei(-(paid or 0))])
    srows += [[esc(cur_label), _lei(current)],
              [f'<span class="b">{esc(total_label)}</span>', f'<span class="b">{_lei(total)}</span>']]
    blocks.append((12, sy, 95, table(srows, aligns="LR")))
    blocks.append((115, sy, 83, f'<div class="pay"><div class="b">{esc(total_label)}</div>'
                   f'<div class="big">{_lei(total)}</div><div>{esc(due_label)}: <span class="b">{_date(due, ds)}</span>'
                   f'</div><div class="small">Data de la care se poate întrerupe furnizarea: {_date(cut, ds)}. '
                   "Penalități de întârziere 0,02 % pe zi.</div></div>"))
    reads = [["Contor", "Index vechi m³", "Index nou m³", "Consum m³", "PCS kWh/m³", "Cantitate kWh", "Tip citire"],
             [meter, str(old), str(old + m3), str(m3), num(pcs, 3, style="eu"), num(kwh, 0, style="eu"), esc(reading)]]
    det = [[esc(k), _lei(a)] for k, a in lines] + [["Total fără TVA", _lei(base)], ["TVA 19 %", _lei(tva)]]
    if comp:
        det.append(["Compensare preț conform legislației în vigoare", _lei(comp)])
    det.append([f'<span class="b">{esc(cur_label)}</span>', _lei(current)])
    hist = [["Luna", "kWh"]] + [[RO_MONTHS[(start.month - k - 1) % 12][:3], num(int(kwh * rng.uniform(0.4, 1.6)), 0,
                                                                                 style="eu")] for k in range(1, 13)]
    blocks.append((12, dy, 122, f"<h3>Perioada de facturare: {_date(start, ds)} - {_date(end, ds)}</h3>"
                   + table(reads, aligns="LRRRRRL") + "<h3 style='margin-top:3mm'>Detalii factură</h3>"
                   + table(det, head=False, aligns="LR")
                   + f'<div class="small">Data citirii: {_date(end, ds)}. Următoarea citire: '
                   f"{_date(add_months(end, 1), ds)}.</div>"))
    blocks.append((140, dy, 58, "<h3>Consum ultimele 12 luni</h3>" + table(hist, aligns="LR")))
    rng.shuffle(blocks)
    for x, y, w, body in blocks:
        doc.block(x, y, w, body)
    notes = (f"{'business' if business else 'residential'} Romanian natural gas bill (HTML), monthly; gas read in m3 "
             "and billed in kWh (m3 x PCS), gas_usage = the kWh billed; "
             f"{acct_label} is the account (CLC, invoice number, CUI are not); TVA 19 %"
             f"{', excise on the business bill' if business else ''}"
             f"{'; a price-cap compensation credit inside current_charges' if comp else ''}; the disconnection date "
             "after the due date, the next reading date and the 12-month history are distractors; summary at the "
             f"{'top' if summary_top else 'foot'}")
    record = truth("ro_gaz", notes, provider=provider, account_number=client, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="RON", gas_usage=float(kwh),
                   gas_usage_unit="kWh", meter_number=meter, rate_plan=tariff, previous_balance=prev,
                   current_charges=current)
    return render(doc, f"{provider}{client}{stmt}{total}"), record
