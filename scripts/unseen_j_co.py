"""Set J, a Colombian electricity bill drawn with the fpdf2 kit: COP in whole pesos, estrato with a subsidy or a
solidarity contribution, public lighting and cleaning collected for third parties, an adjustment to the ten and a
payment coupon at the foot."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    ES_MONTHS,
    Page,
    add_months,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    truth,
)

CO_UTILS = (
    ("Electrificadora del Valle Andino S.A. E.S.P.", "NIT 890.301.447-2"),
    ("Energía de la Sabana S.A. E.S.P.", "NIT 900.218.633-5"),
    ("Empresa de Energía del Caribe Norte S.A. E.S.P.", "NIT 802.007.119-8"),
)
CO_HOMES = (
    "MARÍA FERNANDA RESTREPO",
    "JUAN CAMILO OSPINA",
    "LUZ DARY CÁRDENAS",
    "ANDRÉS FELIPE MUÑOZ",
    "CLAUDIA PATRICIA GÓMEZ",
)
CO_SHOPS = ("PANADERÍA LA ESPIGA S.A.S.", "FERRETERÍA EL TORNILLO LTDA", "DROGUERÍA SAN JORGE S.A.S.")
CO_PLACES = (
    ("Cra 45 # 26-{n}", "MEDELLÍN"),
    ("Calle 72 # 11-{n}", "BOGOTÁ D.C."),
    ("Av 6N # 23-{n}", "CALI"),
    ("Calle 84 # 51B-{n}", "BARRANQUILLA"),
    ("Cra 27 # 36-{n}", "BUCARAMANGA"),
)
SUBSIDY = {1: 0.60, 2: 0.50, 3: 0.15}


def _co_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}"
    return f"{d.day:02d}-{ES_MONTHS[d.month - 1][:3].upper()}-{d:%y}"


def _cop(v: float) -> str:
    return f"$ {num(v, 0, style='eu')}"


def colombia_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, nit = rng.choice(CO_UTILS)
    business = rng.random() < 0.3
    estrato = 0 if business else rng.choice((1, 2, 3, 3, 4, 5, 6))
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(29, 32))
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.choice((10, 12, 15)))
    cut = due + dt.timedelta(days=rng.choice((5, 8)))
    factor = rng.choice((1, 10)) if business else 1
    raw = rng.randint(60, 400) if factor > 1 else rng.randint(400, 4000) if business else rng.randint(70, 420)
    kwh = raw * factor
    prior = rng.randint(1000, 60000)
    cu = round(rng.uniform(690, 980), 2)
    energy = money(round(kwh * cu))
    lines: list[tuple[str, str, float]] = [
        ("Consumo de energía", f"{num(kwh, 0, style='eu')} kWh x {num(cu, 2, style='eu')}", energy)
    ]
    subsist = rng.choice((130, 173))
    if estrato in SUBSIDY:
        base = min(kwh, subsist)
        pct = SUBSIDY[estrato]
        lines.append(
            (f"Subsidio estrato {estrato} ({int(pct * 100)}% de {base} kWh)", "", -money(round(base * cu * pct)))
        )
    elif estrato >= 5 or business:
        lines.append(("Contribución de solidaridad 20%", "", money(round(energy * 0.2))))
    lighting = money(round(rng.choice((0.08, 0.1, 0.12)) * energy, -2))
    lines.append(("Alumbrado público (recaudo municipio)", "", lighting))
    if rng.random() < 0.6:
        lines.append(("Servicio de aseo (cobro por cuenta de terceros)", "", money(rng.randint(180, 520) * 100)))
    prev, paid = balance_story(rng, energy * 1.1)
    if prev is not None:
        prev = money(round(prev))
        paid = money(round(paid or 0))
    owed = 0.0 if prev is None else money(prev - (paid or 0))
    if owed > 0:
        lines.append(("Intereses de mora", "", money(round(owed * 0.021))))
    sub = sum(a for _, _, a in lines)
    rem = round(sub) % 10  # the bill rounds what it asks for to the ten
    adjust = money(-rem if rem < 5 else 10 - rem)
    lines.append(("Ajuste a la decena", "", adjust))
    current = money(sub + adjust)
    total = money(current + owed)

    person = rng.choice(CO_SHOPS if business else CO_HOMES)
    street, city = rng.choice(CO_PLACES)
    address = f"{street.format(n=rng.randint(10, 99))}, {city}"
    account = digits(rng, rng.choice((7, 8, 9)))
    meter = digits(rng, rng.choice((8, 10)))
    invoice = digits(rng, 10)
    plan = "Comercial" if business else f"Residencial Estrato {estrato}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Total a pagar", "Valor a pagar", "TOTAL A PAGAR"))
    due_label = rng.choice(("Pague hasta", "Fecha límite de pago", "Pago oportuno hasta"))
    acc_label = rng.choice(("Número de cuenta", "Código de cliente", "NIC", "Contrato No."))
    cur_label = rng.choice(("Total servicios del mes", "Valor facturado del periodo", "Total factura del mes"))
    summary_foot = rng.random() < 0.5
    p = Page("Letter")
    sy, hy = (196, 150) if summary_foot else (58, 196)

    def header() -> None:
        p.text(12, 10, provider, 12, bold=True)
        p.text(12, 16, f"{nit} - Empresa de servicios públicos - Línea de atención 01 8000 {digits(rng, 6)}", 7)
        p.text(140, 10, "FACTURA DE SERVICIOS PÚBLICOS", 8, bold=True)
        p.text(140, 15, f"Factura electrónica No. FE{invoice}", 7)

    def customer() -> None:
        p.text(12, 26, "Suscriptor", 7)
        p.text(12, 30, person, 9, bold=True)
        p.text(12, 35, f"Dirección del predio: {address}", 8)
        p.text(12, 40, f"Clase de servicio: {plan}", 8)
        p.text(12, 45, f"Ruta de lectura {digits(rng, 2)}-{digits(rng, 4)}  Ciclo {rng.randint(1, 20)}", 7)

    def ident() -> None:
        rows = [
            [acc_label, account],
            ["Fecha de expedición", _co_date(stmt, ds)],
            ["Periodo facturado", f"{_co_date(start, ds)} al {_co_date(end, ds)}"],
            ["Días facturados", str((end - start).days)],
            ["Medidor No.", meter],
        ]
        p.table(112, 24, [34, 64], rows, size=7.5, row_h=5, header=False)

    def summary() -> None:
        box_h = 44 if prev is not None else 30
        p.rect(12, sy, 100, box_h)
        p.text(15, sy + 2, "RESUMEN DE SU CUENTA", 9, bold=True)
        y = sy + 8
        if prev is not None:
            p.text(15, y, "Saldo anterior", 8)
            p.text(70, y, _cop(prev), 8, w=38, align="R")
            p.text(15, y + 5, "Pagos recibidos, gracias", 8)
            p.text(70, y + 5, _cop(-(paid or 0)) if paid else _cop(0), 8, w=38, align="R")
            p.text(15, y + 10, "Deuda anterior", 8)
            p.text(70, y + 10, _cop(owed), 8, w=38, align="R")
            y += 15
        p.text(15, y, cur_label, 8)
        p.text(70, y, _cop(current), 8, w=38, align="R")
        p.text(15, y + 7, total_label, 11, bold=True)
        p.text(60, y + 7, _cop(total), 11, bold=True, w=48, align="R")
        p.text(15, y + 13, f"{due_label}: {_co_date(due, ds)}", 8, bold=True)
        p.text(
            14,
            sy + box_h + 2,
            f"Fecha de suspensión: {_co_date(cut, ds)}. Después de la fecha límite se "
            f"cobrarán intereses de mora y reconexión ({_cop(rng.choice((38900, 41200, 45600)))}).",
            7,
        )

    def reads() -> None:
        rows = [
            ["Medidor", "Lectura anterior", "Lectura actual", "Factor", "Consumo kWh"],
            [meter, num(prior, 0, style="eu"), num(prior + raw, 0, style="eu"), str(factor), num(kwh, 0, style="eu")],
        ]
        p.table(112, 56, [24, 22, 22, 10, 20], rows, size=7, row_h=5, aligns="LRRRR")
        p.text(
            112, 68, f"Costo unitario CU: {num(cu, 2, style='eu')} $/kWh   Consumo de subsistencia: {subsist} kWh", 6.5
        )

    def charges() -> None:
        rows = [["Concepto", "Detalle", "Valor"]]
        rows += [[label, detail, _cop(v)] for label, detail, v in lines]
        rows.append([cur_label, "", _cop(current)])
        p.table(112, 76, [54, 24, 20], rows, size=6.5, row_h=5, aligns="LLR")

    def history() -> None:
        rows = [["Mes", "kWh"]]
        for k in range(6, 0, -1):
            m = add_months(start, -k)
            rows.append(
                [f"{ES_MONTHS[m.month - 1][:3].upper()} {m.year}", num(int(kwh * rng.uniform(0.7, 1.3)), 0, style="eu")]
            )
        y = p.table(12, hy, [22, 16], rows, size=7, row_h=4.5, aligns="LR")
        p.text(12, y + 1, f"Promedio 6 meses: {num(int(kwh * rng.uniform(0.9, 1.1)), 0, style='eu')} kWh", 7)
        p.text(60, hy, f"Mismo mes año anterior: {num(int(kwh * rng.uniform(0.8, 1.2)), 0, style='eu')} kWh", 7)

    def coupon() -> None:
        p.hline(10, 206, 248, dash=True)
        p.text(12, 251, "CUPÓN DE PAGO - Presente este desprendible en bancos y puntos autorizados", 7, bold=True)
        p.text(12, 257, f"{acc_label}: {account}   Factura: FE{invoice}", 8)
        p.text(12, 263, f"{total_label}: {_cop(total)}   {due_label}: {_co_date(due, ds)}", 9, bold=True)
        p.text(12, 270, f"(415)77099980{digits(rng, 5)}(8020){invoice}(3900){digits(rng, 10)}(96){stmt:%Y%m%d}", 7)

    draw_shuffled(rng, [header, customer, ident, summary, reads, charges, history, coupon])
    kinds = "business (comercial, solidarity contribution)" if business else f"residential estrato {estrato}"
    notes = (
        f"Colombian electricity bill in whole pesos, {kinds}; the total includes an adjustment to the ten; "
        "a suspension date after the due date and the payment coupon's barcode digits are distractors"
    )
    record = truth(
        "co_energia",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="COP",
        electricity_kwh=float(kwh),
        meter_number=meter,
        rate_plan=plan,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
