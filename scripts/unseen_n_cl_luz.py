"""Set N, a Chilean electricity bill (boleta electrónica) drawn with the fpdf2 kit: CLP in whole pesos with point
thousands (`$ 45.320`), dates `15-03-2025` / `15/03/2025` / `15 de marzo de 2025`, tarifa BT1 or BT2, cargo fijo,
transporte, servicio público, electricidad consumida, IVA 19 % included in the boleta total, the "ajuste
sencillo" rounding (to ten pesos) carried from one bill to the next, a RUT and a boleta number as distractor
identifiers, a fecha de corte after the due date and a 13-month kWh chart as a table."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import ES_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, iso, num, truth

COMPANIES = ("Compañía Eléctrica del Maule S.A.", "Energía Austral Distribución S.A.", "Luz Valparaíso S.A.")
HOMES = ("MUÑOZ SOTO CAROLINA ANDREA", "GONZÁLEZ ROJAS FELIPE IGNACIO", "CONTRERAS DÍAZ VALENTINA",
         "SILVA REYES JORGE ANTONIO")
FIRMS = ("MINIMARKET LOS AROMOS SPA", "TALLER MECÁNICO EL CRUCE LTDA", "PANADERÍA SAN ANTONIO SPA")
PLACES = ("PASAJE LOS ROBLES {n}, TALCA", "AV. PEDRO MONTT {n}, VALPARAÍSO", "CALLE O'HIGGINS {n}, RANCAGUA",
          "AV. ALEMANIA {n}, TEMUCO")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d-%m-%Y")
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}"


def _clp(v: int) -> str:
    return f"$ {num(v, 0, style='eu')}" if v >= 0 else f"-$ {num(-v, 0, style='eu')}"


def _rut(rng: random.Random) -> str:
    body = digits(rng, 8)
    return f"{body[:2]}.{body[2:5]}.{body[5:]}-{rng.choice('0123456789K')}"


def cl_luz(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(COMPANIES)
    business = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 1) + dt.timedelta(days=rng.randint(-2, 2))
    days = (end - start).days
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.randint(12, 18))
    cut = due + dt.timedelta(days=rng.choice((5, 7, 10)))
    kwh = rng.randint(900, 6000) if business else rng.randint(90, 480)
    tariff = rng.choice(("BT1", "BT1")) if not business else rng.choice(("BT2", "BT3"))
    rate = rng.choice((162.418, 171.305, 158.922))
    # the boleta prints the amounts with IVA included, in whole pesos
    lines = [("Cargo fijo mensual", rng.choice((1042, 1187, 1263))),
             ("Cargo por servicio público", round(kwh * 1.208)),
             ("Transporte de electricidad", round(kwh * 21.734)),
             (f"Electricidad consumida ({num(kwh, 0, style='eu')} kWh x $ {num(rate, 3, style='eu')})",
              round(kwh * rate))]
    if business:
        lines.append(("Arriendo de medidor", 1894))
    carried = rng.choice((-4, -2, 0, 3, 5))
    lines.append(("Ajuste sencillo anterior", carried))
    raw = sum(a for _, a in lines)
    adjust = -(raw % 10) if raw % 10 < 5 else 10 - raw % 10
    lines.append(("Ajuste sencillo actual", adjust))
    current = sum(a for _, a in lines)
    neto = round(current / 1.19)
    iva = current - neto
    prev_f, paid_f = balance_story(rng, current)
    prev = None if prev_f is None else int(round(prev_f / 10) * 10)
    paid = None if paid_f is None else (prev if paid_f == prev_f else int(round(paid_f / 10) * 10))
    total = (prev or 0) - (paid or 0) + current
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(100, 3999))
    client = f"{digits(rng, 7)}-{rng.randint(0, 9)}"
    meter = digits(rng, 8)
    ds = rng.randrange(3)
    total_label = rng.choice(("Total a pagar", "Monto total a pagar", "TOTAL A PAGAR"))
    due_label = rng.choice(("Fecha de vencimiento", "Vencimiento", "Pagar hasta"))
    cur_label = rng.choice(("Total del mes", "Monto del período", "Total boleta del mes"))
    acct_label = rng.choice(("N° de cliente", "Número de cliente", "Cliente N°"))
    summary_top = rng.random() < 0.5
    p = Page()
    sy, dy = (44.0, 100.0) if summary_top else (215.0, 46.0)

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"RUT {_rut(rng)}  |  Giro: distribución de energía eléctrica  |  Fono 600 "
                       f"{digits(rng, 3)} {digits(rng, 4)}", 7)
        p.text(140, 10, "BOLETA ELECTRÓNICA", 10, bold=True)
        p.text(140, 15, f"N° {digits(rng, 9)}", 8)
        p.text(140, 20, f"Fecha de emisión: {_date(stmt, ds)}", 8)
        p.text(12, 24, person, 9, bold=True)
        p.text(12, 29, f"Dirección de suministro: {address}", 8)
        p.text(12, 34, f"{acct_label}: {client}", 9, bold=True)
        p.text(100, 34, f"Tarifa: {tariff}  |  RUT cliente {_rut(rng)}", 7.5)

    def summary() -> None:
        p.rect(12, sy, 186, 44, fill=244)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Saldo anterior", _clp(prev)))
            if paid:
                rows.append(("Su pago, gracias", _clp(-paid)))
        rows += [(cur_label, _clp(current)), (total_label, _clp(total))]
        for i, (k, v) in enumerate(rows):
            p.text(15, sy + 4 + i * 6, k, 9, bold=i == len(rows) - 1)
            p.text(70, sy + 4 + i * 6, v, 9, bold=i == len(rows) - 1, w=34, align="R")
        p.rect(120, sy + 4, 74, 34, line=0.5)
        p.text(123, sy + 6, total_label, 9, bold=True)
        p.text(123, sy + 12, _clp(total), 16, bold=True)
        p.text(123, sy + 22, f"{due_label}: {_date(due, ds)}", 8.5, bold=True)
        p.text(123, sy + 28, f"Fecha de corte desde: {_date(cut, ds)}", 7.5)

    def detail() -> None:
        y = dy
        p.text(12, y, f"Período de lectura: {_date(start, ds)} al {_date(end, ds)} ({days} días)", 9, bold=True)
        old = rng.randint(10000, 90000)
        rows = [["N° medidor", "Lectura anterior", "Lectura actual", "Constante", "Consumo kWh"],
                [meter, num(old, 0, style="eu"), num(old + kwh, 0, style="eu"), "1", num(kwh, 0, style="eu")]]
        y = p.table(12, y + 5, [30, 34, 34, 24, 30], rows, size=7.5, row_h=5, aligns="LRRRR") + 4
        rows = [["Detalle de su cuenta", "Monto"]] + [[k, _clp(a)] for k, a in lines]
        rows += [[cur_label, _clp(current)], ["Monto neto", _clp(neto)], ["IVA (19%) incluido", _clp(iva)]]
        p.table(12, y, [120, 32], rows, size=7.5, row_h=4.8, aligns="LR")

    def chart() -> None:
        y = dy
        hist = [["Mes", "kWh"]] + [[f"{ES_MONTHS[add_months(end, -k).month - 1][:3].capitalize()} "
                                    f"{str(add_months(end, -k).year)[2:]}",
                                    num(int(kwh * rng.uniform(0.6, 1.4)), 0, style="eu")] for k in range(1, 13)]
        p.text(166, y, "Consumo 12 meses", 8, bold=True)
        p.table(166, y + 5, [18, 16], hist, size=6.5, row_h=4, aligns="LR")
        p.text(166, y + 62, f"Promedio: {num(kwh * 1.03, 1, style='eu')} kWh", 6.5)

    draw_shuffled(rng, [header, summary, detail, chart])
    p.text(12, 284, f"Próxima lectura estimada: {_date(add_months(end, 1), 2)}. Pague en línea o en cajas "
                    "autorizadas.", 6.5)
    notes = (f"{'business' if business else 'residential'} Chilean electricity boleta, monthly; CLP whole pesos "
             "with point thousands; amounts include IVA 19 % (Monto neto and IVA are informational); ajuste sencillo "
             f"(rounding to ten pesos) lines; current_charges = '{cur_label}'; N° de cliente is the account (RUT, "
             "boleta number are not); the fecha de corte, the 12-month history and its average are distractors; "
             f"summary at the {'top' if summary_top else 'foot'}")
    record = truth("cl_luz", notes, provider=provider, account_number=client, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=float(total), currency="CLP",
                   electricity_kwh=float(kwh), meter_number=meter, rate_plan=tariff,
                   previous_balance=None if prev is None else float(prev), current_charges=float(current))
    return p.output(), record
