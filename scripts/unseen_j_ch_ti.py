"""Set J, a Swiss-Italian (Ticino) multi-utility bill drawn with the fpdf2 kit: electricity in two tariff windows,
drinking water and sewage on one account, CHF with apostrophe thousands, VAT 8.1 % on electricity and 2.6 % on
water, and a QR-bill payment part at the foot."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    IT_MONTHS,
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

TI_UTILS = (
    ("Aziende Municipali del Ceresio", "Via Pretorio 12, 6900 Lugano"),
    ("Servizi Industriali del Mendrisiotto SA", "Via Municipio 3, 6850 Mendrisio"),
    ("Azienda Multiservizi Locarnese", "Piazza Grande 21, 6600 Locarno"),
)
TI_HOMES = (
    "Sig. Marco Bernasconi",
    "Sig.ra Giulia Pedrazzini",
    "Famiglia Rezzonico",
    "Sig. Luca Cattaneo",
    "Sig.ra Elena Guidotti",
)
TI_FIRMS = ("Grotto Al Sasso Sagl", "Falegnameria Ferrari SA", "Studio Medico Dr. Bianchi")
TI_STREETS = ("Via San Gottardo", "Via Cantonale", "Via Ciseri", "Via Vela", "Viale Stazione", "Via ai Ronchi")
TI_TOWNS = ("6900 Lugano", "6850 Mendrisio", "6600 Locarno", "6500 Bellinzona", "6830 Chiasso", "6612 Ascona")


def _ti_date(d: dt.date, style: int) -> str:
    return d.strftime("%d.%m.%Y") if style == 0 else f"{d.day} {IT_MONTHS[d.month - 1]} {d.year}"


def _chf(v: float) -> str:
    return num(v).replace(",", "'")


def ticino_multi(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, provider_addr = rng.choice(TI_UTILS)
    business = rng.random() < 0.3
    months = rng.choice((2, 3, 3))
    start = dt.date(rng.randint(2023, 2025), rng.choice((1, 4, 7, 10)), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(5, 15))
    due = stmt + dt.timedelta(days=30)
    plan = (
        rng.choice(("Tariffa Commerciale C2", "Tariffa Artigianato C1"))
        if business
        else rng.choice(("Tariffa Domestica D1", "Tariffa Domestica D2", "Tariffa Domestica D3"))
    )
    scale = months * (rng.randint(600, 2400) if business else rng.randint(150, 480))
    high = int(scale * rng.uniform(0.55, 0.7))
    low = scale - high
    kwh = high + low
    e_meter, w_meter = digits(rng, 8), f"A{digits(rng, 7)}"
    e_reads = []
    for name, used in (("Tariffa alta (AT)", high), ("Tariffa bassa (BT)", low)):
        old = rng.randint(2000, 80000)
        e_reads.append((name, old, old + used, used))
    m3 = months * rng.randint(8, 30 if not business else 60)
    w_old = rng.randint(100, 5000)
    at, bt = round(rng.uniform(0.14, 0.19), 4), round(rng.uniform(0.09, 0.13), 4)
    net_at, net_bt = round(rng.uniform(0.08, 0.11), 4), round(rng.uniform(0.045, 0.07), 4)
    elec = [
        ("Energia tariffa alta", f"{num(high, 0).replace(',', chr(39))} kWh", f"{at:.4f}", money(high * at)),
        ("Energia tariffa bassa", f"{num(low, 0).replace(',', chr(39))} kWh", f"{bt:.4f}", money(low * bt)),
        ("Utilizzazione rete tariffa alta", f"{high} kWh", f"{net_at:.4f}", money(high * net_at)),
        ("Utilizzazione rete tariffa bassa", f"{low} kWh", f"{net_bt:.4f}", money(low * net_bt)),
        ("Tassa base contatore", f"{months} mesi", "7.50", money(7.5 * months)),
        ("Supplemento rete (art. 35 LEne)", f"{kwh} kWh", "0.0230", money(kwh * 0.023)),
        ("Tributi e prestazioni enti pubblici", f"{kwh} kWh", "0.0105", money(kwh * 0.0105)),
    ]
    e_net = money(sum(line[3] for line in elec))
    e_vat = money(e_net * 0.081)
    water = [
        ("Acqua potabile", f"{m3} m³", "1.6500", money(m3 * 1.65)),
        ("Tassa base acqua", f"{months} mesi", "9.00", money(9 * months)),
    ]
    w_net = money(sum(line[3] for line in water))
    w_vat = money(w_net * 0.026)
    sewer = [
        ("Tassa uso canalizzazioni", f"{m3} m³", "1.2000", money(m3 * 1.2)),
        ("Tassa depurazione acque", f"{m3} m³", "0.8500", money(m3 * 0.85)),
    ]
    s_net = money(sum(line[3] for line in sewer))
    current = money(e_net + e_vat + w_net + w_vat + s_net)
    prev, paid = balance_story(rng, current)
    owed = 0.0 if prev is None else money(prev - (paid or 0))
    total = money(current + owed)

    person = rng.choice(TI_FIRMS if business else TI_HOMES)
    street = f"{rng.choice(TI_STREETS)} {rng.randint(1, 90)}"
    town = rng.choice(TI_TOWNS)
    address = f"{street}, {town}"
    account = f"{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)}" if rng.random() < 0.5 else digits(rng, 9)
    invoice = digits(rng, 10)
    ds = rng.randrange(2)
    total_label = rng.choice(("Totale da pagare", "Importo da pagare", "Totale fattura"))
    due_label = rng.choice(("Scadenza", "Pagabile entro il", "Termine di pagamento"))
    acc_label = rng.choice(("Numero cliente", "N. cliente", "Conto contrattuale"))
    cur_label = rng.choice(("Totale periodo", "Importo fatturato", "Totale prestazioni"))
    summary_top = rng.random() < 0.5
    p = Page("A4")
    ty = 112 if summary_top else 84

    def header() -> None:
        p.text(12, 10, provider, 12, bold=True)
        p.text(12, 16, f"{provider_addr} - IVA CHE-{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)} IVA", 7)

    def addressee() -> None:
        p.text(120, 26, person, 9, bold=True)
        p.text(120, 31, street, 9)
        p.text(120, 36, town, 9)

    def ident() -> None:
        rows = [
            [acc_label, account],
            ["Fattura n.", invoice],
            ["Data fattura", _ti_date(stmt, ds)],
            ["Periodo di fatturazione", f"dal {_ti_date(start, ds)} al {_ti_date(end, ds)}"],
            ["Luogo di fornitura", address],
            ["Prodotto", plan],
        ]
        p.table(12, 26, [34, 66], rows, size=7.5, row_h=5, header=False)

    def summary() -> None:
        y0 = 62 if summary_top else 172
        rows = [
            ["Elettricità (IVA incl.)", _chf(money(e_net + e_vat))],
            ["Acqua potabile (IVA incl.)", _chf(money(w_net + w_vat))],
            ["Canalizzazione e depurazione", _chf(s_net)],
            [cur_label, _chf(current)],
        ]
        if prev is not None:
            rows += [["Saldo precedente", _chf(prev)], ["Pagamenti registrati", _chf(-(paid or 0))]]
        y = p.table(12, y0, [70, 30], rows, size=8, row_h=5, header=False, aligns="LR")
        p.text(12, y + 2, f"{total_label} CHF", 10.5, bold=True)
        p.text(72, y + 2, _chf(total), 10.5, bold=True, w=40, align="R")
        p.text(12, y + 8, f"{due_label}: {_ti_date(due, ds)}", 8.5, bold=True)
        later = _ti_date(due + dt.timedelta(days=20), ds)
        p.text(12, y + 13, f"Dopo il {later} verranno addebitate spese di sollecito di CHF 20.00.", 6.5)

    def meters() -> None:
        rows = [["Contatore", "Registro", "Lett. prec.", "Lett. att.", "Consumo"]]
        rows += [[e_meter, name, str(old), str(new), f"{used} kWh"] for name, old, new, used in e_reads]
        rows.append([w_meter, "Acqua", str(w_old), str(w_old + m3), f"{m3} m³"])
        y = p.table(116, 44, [17, 24, 15, 16, 14], rows, size=6.5, row_h=4.5, aligns="LLRRR")
        p.text(116, y + 1, f"Consumo elettrico totale: {kwh} kWh", 7.5, bold=True)

    def detail() -> None:
        rows = [["Prestazione", "Quantità", "Prezzo CHF", "Importo CHF"]]
        for title, group, net, rate, vat in (
            ("Elettricità", elec, e_net, "8.1", e_vat),
            ("Acqua potabile", water, w_net, "2.6", w_vat),
        ):
            rows.append([title, "", "", ""])
            rows += [[label, qty, price, _chf(v)] for label, qty, price, v in group]
            rows.append([f"IVA {rate}% su {_chf(net)}", "", "", _chf(vat)])
        rows.append(["Canalizzazione (esente IVA)", "", "", ""])
        rows += [[label, qty, price, _chf(v)] for label, qty, price, v in sewer]
        rows.append([cur_label, "", "", _chf(current)])
        p.table(12, ty, [78, 34, 28, 30], rows, size=7, row_h=4.6, aligns="LRRR")

    def history() -> None:
        last = num(int(kwh * rng.uniform(0.8, 1.2)), 0).replace(",", "'")
        p.text(120, 88 if summary_top else 70, f"Stesso periodo anno precedente: {last} kWh", 7)
        p.text(120, 92 if summary_top else 74, f"Media giornaliera: {kwh / (end - start).days:.1f} kWh", 7)

    def qr_part() -> None:
        p.hline(0, 210, 236, dash=True)
        p.text(5, 239, "Ricevuta", 10, bold=True)
        p.text(5, 246, "Conto / Pagabile a", 6, bold=True)
        iban = f"CH{digits(rng, 2)} 3000 {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 1)}"
        p.text(5, 250, iban, 7)
        p.text(5, 254, provider, 7)
        p.text(5, 266, "Valuta   Importo", 6, bold=True)
        qr_amount = num(total).replace(",", " ")
        p.text(5, 270, f"CHF      {qr_amount}", 8)
        p.text(67, 239, "Sezione pagamento", 10, bold=True)
        p.rect(67, 247, 46, 46)
        p.text(118, 246, "Riferimento", 6, bold=True)
        ref = digits(rng, 27)
        p.text(118, 250, " ".join([ref[:2]] + [ref[i : i + 5] for i in range(2, 27, 5)]), 7)
        p.text(118, 256, "Informazioni supplementari", 6, bold=True)
        p.text(118, 260, f"Fattura {invoice} / {acc_label} {account}", 7)
        p.text(118, 270, f"Importo CHF {qr_amount}", 8)

    draw_shuffled(rng, [header, addressee, ident, summary, meters, detail, history, qr_part])
    kind = "business" if business else "residential"
    notes = (
        f"Swiss-Italian multi-utility bill ({kind}), electricity in two tariff windows (kWh = their sum), "
        "water and sewage on one account; two VAT rates (8.1 % electricity, 2.6 % water, sewage exempt); "
        "the QR-bill amount is printed with a space, the reference and the same period last year are "
        "distractors"
    )
    if total <= 0:
        raise ValueError("a Ticino bill always asks for an amount")
    record = truth(
        "ch_ti_multi",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due),
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="CHF",
        electricity_kwh=float(kwh),
        water_usage=float(m3),
        water_usage_unit="m3",
        meter_number=e_meter,
        rate_plan=plan,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
