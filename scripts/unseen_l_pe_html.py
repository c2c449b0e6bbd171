"""Set L, a Peruvian electricity bill (recibo de luz) printed from HTML + CSS by headless Chromium: `S/ 123.45`,
cargo fijo, energía activa, mantenimiento y reposición de la conexión, alumbrado público, IGV 18 %, the Ley
28749 rural electrification contribution outside the IGV base, a FOSE discount on small homes, rounding of the
total to ten céntimos (redondeo) and a 12-month consumption chart as a table."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import ES_MONTHS, add_months, balance_story, digits, iso, money, num, truth

COMPANIES = ("Electro Costa Norte S.A.A.", "Luz de los Andes S.A.", "Empresa Regional de Electricidad del Sur S.A.")
HOMES = ("QUISPE MAMANI ROSA ELENA", "HUAMAN TORRES JOSE LUIS", "FLORES CHAVEZ MARIA DEL PILAR", "RAMOS VEGA PEDRO")
FIRMS = ("BODEGA SANTA ROSA E.I.R.L.", "RESTAURANTE EL SABOR S.A.C.", "FERRETERIA LOS ANDES S.A.C.")
PLACES = ("JR. LAS BEGONIAS {n} - SAN ISIDRO - LIMA", "AV. LOS INCAS {n} - WANCHAQ - CUSCO",
          "CALLE MERCADERES {n} - AREQUIPA", "AV. ESPAÑA {n} - TRUJILLO - LA LIBERTAD")
_CSS = """
.hdr { border-bottom: 0.8mm solid #0b4f8a; padding-bottom: 1.5mm; }
.hdr .big { color: #0b4f8a; }
.pay { border: 0.5mm solid #0b4f8a; padding: 3mm; background: #eef4fa; }
h3 { font-size: 9.5pt; margin: 0 0 1.2mm 0; color: #0b4f8a; }
td, th { padding: 0.7mm 1.5mm; }
"""


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return nowrap(d.strftime("%d/%m/%Y"))
    if style == 1:
        return nowrap(d.strftime("%d-%m-%Y"))
    return nowrap(f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}")


def _sol(v: float) -> str:
    return nowrap(f"S/ {num(v)}" if v >= 0 else f"S/ -{num(-v)}")


def pe_luz(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(COMPANIES)
    business = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 1) - dt.timedelta(days=rng.randint(0, 2))
    stmt = end + dt.timedelta(days=rng.randint(2, 5))
    due = stmt + dt.timedelta(days=rng.randint(9, 14))
    cut = due + dt.timedelta(days=rng.choice((1, 2, 3)))
    kwh = rng.randint(400, 2500) if business else rng.randint(45, 320)
    tariff = rng.choice(("BT5B Residencial", "BT5B No Residencial")) if not business else rng.choice(
        ("BT5B No Residencial", "BT3 Comercial"))
    rate = 0.8127 if business else rng.choice((0.7342, 0.7815, 0.6958))
    lines = [("Cargo fijo", 3.84), ("Mantenimiento y reposición de la conexión", 1.46),
             (f"Consumo de energía {kwh} kWh x S/ {rate:.4f}", money(kwh * rate)),
             ("Alumbrado público", money(kwh * 0.0612 + 2.1))]
    fose = 0.0
    if not business and kwh <= 140:
        fose = -money(kwh * rate * rng.choice((0.25, 0.5, 0.625)))
        lines.append(("Descuento FOSE (Ley 27510)", fose))
    base = money(sum(a for _, a in lines))
    igv = money(base * 0.18)
    ley = money(kwh * 0.0112)
    before_round = money(base + igv + ley)
    current = money(int(round(before_round * 100)) // 10 / 10)
    redondeo = money(current - before_round)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(100, 1999))
    supply = digits(rng, 7)
    meter = digits(rng, rng.choice((8, 9)))
    ds = rng.randrange(3)
    total_label = rng.choice(("Total a pagar", "Total a cancelar", "Importe total a pagar"))
    due_label = rng.choice(("Fecha de vencimiento", "Vence", "Último día de pago"))
    cur_label = rng.choice(("Total del mes", "Consumo del mes", "Importe del mes"))
    acct_label = rng.choice(("N° de suministro", "Suministro", "Código de suministro"))
    summary_top = rng.random() < 0.55
    doc = Doc(_CSS)
    old = rng.randint(1000, 90000)

    blocks = []
    blocks.append((12, 8, 186, f'<div class="hdr"><span class="big">{esc(provider)}</span><br>'
                   f'<span class="small">RUC 20{digits(rng, 9)} | Fonocliente 0801 {digits(rng, 5)}</span></div>'))
    blocks.append((12, 28, 90, f'<div class="b">{esc(person)}</div><div>{esc(address)}</div>'
                   f'<div class="small">Ruta {digits(rng, 4)}-{digits(rng, 3)} | Sector {rng.randint(1, 40)}</div>'))
    ids = [[esc(acct_label), supply], ["Tarifa", esc(tariff)], ["Fecha de emisión", _date(stmt, ds)],
           ["Recibo N°", f"S{digits(rng, 3)}-{digits(rng, 8)}"],
           ["Potencia contratada", f"{rng.choice((3, 5, 10))} kW"]]
    blocks.append((118, 28, 80, table(ids, head=False, aligns="LL")))
    sy, dy = (62, 112) if summary_top else (215, 62)
    srows = []
    if prev is not None:
        srows.append(["Deuda anterior", _sol(prev)])
        if paid:
            srows.append(["Pago recibido", _sol(-paid)])
    srows += [[esc(cur_label), _sol(current)], [f'<span class="b">{esc(total_label)}</span>',
                                                  f'<span class="b">{_sol(total)}</span>']]
    blocks.append((12, sy, 95, table(srows, cls="rule", head=False, aligns="LR")))
    blocks.append((115, sy, 83, f'<div class="pay"><div class="b">{esc(total_label)}</div>'
                   f'<div class="big">{_sol(total)}</div><div>{esc(due_label)}: <span class="b">{_date(due, ds)}</span>'
                   f'</div><div class="small">Fecha de corte: {_date(cut, ds)}. Después del vencimiento se aplica '
                   f'interés compensatorio y recargo por mora.</div></div>'))
    reads = [["Medidor", "Lectura anterior", "Lectura actual", "Factor", "Consumo kWh"],
             [meter, f"{old}", f"{old + kwh}", "1", str(kwh)]]
    det = [[esc(k), _sol(a)] for k, a in lines] + [["Subtotal", _sol(base)], ["IGV 18 %", _sol(igv)],
                                                    ["Aporte Ley 28749 (electrificación rural)", _sol(ley)],
                                                    ["Redondeo", _sol(redondeo)],
                                                    [f'<span class="b">{esc(cur_label)}</span>', _sol(current)]]
    hist = [["Mes", "kWh"]] + [[f"{ES_MONTHS[(start.month - k - 1) % 12][:3].capitalize()}",
                                str(int(kwh * rng.uniform(0.6, 1.4)))] for k in range(1, 13)]
    blocks.append((12, dy, 120, f"<h3>Periodo de consumo: {_date(start, ds)} al {_date(end, ds)}</h3>"
                   + table(reads, aligns="LRRRR") + "<h3 style='margin-top:3mm'>Detalle de importes</h3>"
                   + table(det, head=False, aligns="LR")))
    blocks.append((140, dy, 58, "<h3>Consumo últimos 12 meses</h3>" + table(hist, aligns="LR")
                   + f'<div class="small">Promedio: {round(kwh * 1.02)} kWh</div>'))
    rng.shuffle(blocks)
    for x, y, w, body in blocks:
        doc.block(x, y, w, body)
    notes = (f"{'business' if business else 'residential'} Peruvian electricity bill (HTML), monthly; supply number "
             f"is the account (Recibo N°, RUC and route are not); IGV 18 %, the Ley 28749 contribution after IGV, "
             f"rounding line{', a FOSE discount' if fose else ''}; current_charges = '{cur_label}' after rounding; "
             "the cut-off date after the due date, contracted power in kW (not demand) and the 12-month history are "
             f"distractors; summary at the {'top' if summary_top else 'foot'}")
    record = truth("pe_luz", notes, provider=provider, account_number=supply, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="PEN", electricity_kwh=float(kwh),
                   meter_number=meter, rate_plan=tariff, previous_balance=prev, current_charges=current)
    return render(doc, f"{provider}{supply}{stmt}{total}"), record
