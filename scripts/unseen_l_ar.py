"""Set L, an Argentine natural gas bill drawn with the fpdf2 kit: ARS `$ 12.345,67`, bimonthly, m³ read x a
correction factor (PCS) = m³ de 9300 kcal billed, cargo fijo + cargo por m³, IVA 21 %, provincial and municipal
taxes, a first and a second due date (with a surcharge) and a consumption history."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import ES_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

DISTRIBUTORS = ("Gas del Litoral S.A.", "Distribuidora Pampeana de Gas S.A.", "Gasnor Andino S.A.")
HOMES = ("GONZALEZ MARIA LAURA", "FERNANDEZ JUAN PABLO", "RODRIGUEZ ANA SOFIA", "LOPEZ CARLOS ALBERTO")
FIRMS = ("PANADERIA LA ESPIGA SRL", "TALLER EL MOTOR SA", "CAFE DEL CENTRO SRL")
PLACES = ("AV SAN MARTIN {n} - ROSARIO - SANTA FE", "CALLE BELGRANO {n} - LA PLATA - BUENOS AIRES",
          "PJE LOS ALAMOS {n} - CORDOBA - CORDOBA", "AV RIVADAVIA {n} - MENDOZA - MENDOZA")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d-%m-%Y")
    return f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}"


def _ars(v: float) -> str:
    return f"$ {num(v, style='eu')}" if v >= 0 else f"-$ {num(-v, style='eu')}"


def ar_gas(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(DISTRIBUTORS)
    business = rng.random() < 0.25
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(58, 63)
    end = start + dt.timedelta(days=days)
    stmt = end + dt.timedelta(days=rng.randint(3, 8))
    due = stmt + dt.timedelta(days=rng.randint(10, 15))
    due2 = due + dt.timedelta(days=rng.choice((7, 10, 14)))
    read_m3 = rng.randint(40, 420) * (3 if business else 1)
    pcs = rng.choice((1.0243, 1.0311, 0.9987, 1.0168))
    m3 = round(read_m3 * pcs)
    category = rng.choice(("SGP 1", "SGP 2", "SGP 3")) if business else rng.choice(("R1", "R2 1", "R2 3", "R3 1"))
    fixed = rng.choice((4821.37, 6390.12, 8215.90))
    rate = rng.choice((212.4871, 287.1093, 341.5562))
    lines = [("Cargo fijo", money(fixed)), (f"Cargo variable {num(m3, 0, style='eu')} m\u00b3 x $ "
                                            f"{num(rate, 4, style='eu')}", money(m3 * rate))]
    base = money(sum(a for _, a in lines))
    iva_pct = 27 if business else 21
    taxes = [(f"IVA {iva_pct} % s/ $ {num(base, style='eu')}", money(base * iva_pct / 100)),
             ("Ingresos Brutos 3,5 %", money(base * 0.035)),
             ("Tasa municipal 1,8 %", money(base * 0.018))]
    if rng.random() < 0.4:
        taxes.append(("Subsidio Estado Nacional", -money(base * rng.choice((0.15, 0.3)))))
    current = money(base + sum(a for _, a in taxes))
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    surcharge = money(total * 0.035)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(100, 4999))
    account = f"{digits(rng, 2)}-{digits(rng, 6)}-{digits(rng, 2)}"
    meter = digits(rng, rng.choice((7, 8)))
    ds = rng.randrange(3)
    total_label = rng.choice(("Total a pagar", "Importe a pagar", "Total a abonar"))
    due_label = rng.choice(("1er vencimiento", "Primer vencimiento", "Vencimiento"))
    cur_label = rng.choice(("Total factura del período", "Importe del período", "Subtotal período"))
    acct_label = rng.choice(("N° de cliente", "Cuenta N°", "Número de cuenta"))
    summary_top = rng.random() < 0.5
    p = Page()
    sy, by = (40.0, 110.0) if summary_top else (205.0, 40.0)

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"CUIT 30-{digits(rng, 8)}-{rng.randint(0, 9)}  |  IVA Responsable Inscripto  |  "
                       "Emergencias 0800 " + digits(rng, 3) + " " + digits(rng, 4), 7)
        p.text(120, 22, person, 9, bold=True)
        p.text(120, 27, address, 7.5)
        p.text(120, 32, f"Categoría: {category}  |  {acct_label} {account}", 7.5)

    def summary() -> None:
        p.rect(12, sy, 186, 48, fill=243)
        p.text(15, sy + 2, f"Factura B N° 0{digits(rng, 3)}-{digits(rng, 8)}  Emisión {_date(stmt, ds)}", 8.5,
               bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Saldo anterior", _ars(prev)))
            if paid:
                rows.append(("Su pago - gracias", _ars(-paid)))
        rows += [(cur_label, _ars(current)), (total_label, _ars(total))]
        for i, (k, v) in enumerate(rows):
            p.text(15, sy + 10 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(70, sy + 10 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=36, align="R")
        p.rect(120, sy + 8, 74, 34, line=0.5)
        p.text(123, sy + 10, f"{due_label}: {_date(due, ds)}", 8.5, bold=True)
        p.text(123, sy + 16, _ars(total), 15, bold=True)
        p.text(123, sy + 26, f"2do vencimiento: {_date(due2, ds)}", 8)
        p.text(123, sy + 31, f"Importe 2do vto.: {_ars(money(total + surcharge))}", 8)
        p.text(123, sy + 36, f"(incluye recargo por mora {_ars(surcharge)})", 7)

    def reads() -> None:
        y = by
        p.text(12, y, f"Período de consumo: {_date(start, ds)} al {_date(end, ds)} ({days} días)", 9, bold=True)
        old = rng.randint(1000, 60000)
        rows = [["Medidor", "Lectura anterior", "Lectura actual", "m\u00b3 leídos", "Factor PCS", "m\u00b3 9300 kcal"],
                [meter, str(old), str(old + read_m3), str(read_m3), num(pcs, 4, style="eu"), num(m3, 0, style="eu")]]
        y = p.table(12, y + 5, [28, 30, 30, 26, 26, 30], rows, size=7.5, row_h=5, aligns="LRRRRR")
        p.text(12, y + 2, f"Consumo facturado: {num(m3, 0, style='eu')} m\u00b3 de 9300 kcal", 8)
        back = [add_months(start, -2 * k) for k in range(1, 6)]
        hist = [["Período", "m\u00b3"]] + [[f"{ES_MONTHS[d.month - 1][:3]} {d.year}",
                                           str(int(m3 * rng.uniform(0.4, 1.8)))] for d in back]
        p.table(150, by + 19, [25, 20], hist, size=7, row_h=4.5, aligns="LR")
        p.text(12, y + 7, f"Promedio diario: {m3 / days:.2f} m\u00b3".replace(".", ","), 7.5)

    def charges() -> None:
        y = by + 48
        p.text(12, y, "Detalle de la facturación", 9, bold=True)
        rows = [[k, _ars(a)] for k, a in lines] + [["Subtotal", _ars(base)]] + [[k, _ars(a)] for k, a in taxes]
        rows.append([cur_label, _ars(current)])
        p.table(12, y + 5, [120, 40], rows, size=7.5, row_h=4.8, header=False, aligns="LR")

    draw_shuffled(rng, [header, summary, reads, charges])
    notes = (f"{'business' if business else 'residential'} Argentine natural gas bill, bimonthly; gas_usage = m3 "
             f"de 9300 kcal (read m3 x PCS factor); IVA {iva_pct} %, provincial and municipal taxes"
             f"{', a state subsidy deducted' if len(taxes) > 3 else ''}; due date = the first due date (the second "
             f"due date and its amount with surcharge are distractors); the Factura B number, CUIT and category are "
             f"not the account; summary at the {'top' if summary_top else 'foot'}")
    record = truth("ar_gas", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="ARS", gas_usage=float(m3),
                   gas_usage_unit="m3", meter_number=meter, rate_plan=category, previous_balance=prev,
                   current_charges=current)
    return p.output(), record
