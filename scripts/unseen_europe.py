"""Two European layouts: a Dutch electricity + gas invoice and an Italian two-column water bill."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import IT_MONTHS, NL_MONTHS, Page, add_months, balance_story, digits, iso, money, num, truth

NL_PROVIDERS = ("Polderstroom Energie B.V.", "Lage Landen Energie N.V.", "Dijkwacht Energie B.V.")
NL_PEOPLE = ("J. de Vries", "M. Jansen-Bakker", "S. van den Berg", "A. El Amrani", "P. Visser", "L. Smit")
NL_STREETS = ("Lindelaan", "Kerkstraat", "Molenweg", "Prinsengracht", "Dorpsstraat", "Vondellaan")
NL_TOWNS = (("3581 KT", "Utrecht"), ("9712 HV", "Groningen"), ("2311 EZ", "Leiden"), ("5611 AB", "Eindhoven"),
            ("8011 CW", "Zwolle"))
NL_PRODUCTS = ("Stroom & Gas Vast 3 jaar", "Groene Stroom Variabel", "Modelcontract Variabel", "Vast 1 jaar")


def _nl_date(d: dt.date, long: bool) -> str:
    return f"{d.day} {NL_MONTHS[d.month - 1]} {d.year}" if long else d.strftime("%d-%m-%Y")


def _eur(v: float) -> str:
    return f"€ {num(v, style='eu')}"


def dutch_energy(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    yearly = rng.random() < 0.4
    provider = rng.choice(NL_PROVIDERS)
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    end = add_months(start, 12 if yearly else 1) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(3, 12))
    due = stmt + dt.timedelta(days=14)
    months = 12 if yearly else 1
    winter = start.month in (10, 11, 12, 1, 2, 3)
    low = rng.randint(90, 170) * months
    normal = rng.randint(110, 220) * months
    solar = rng.randint(60, 120) * months if rng.random() < 0.3 else 0
    kwh = low + normal - solar
    gas = rng.randint(60, 190) * months if (winter and not yearly) else rng.randint(25, 150) * months
    r_kwh, r_gas = rng.uniform(0.26, 0.34), rng.uniform(1.15, 1.45)
    lines = [
        ("Leveringskosten elektriciteit", f"{num(kwh, 0, style='eu')} kWh x € {num(r_kwh, 5, style='eu')}",
         money(kwh * r_kwh)),
        ("Vaste leveringskosten", f"{months} mnd", money(6.25 * months)),
        ("Netbeheerkosten elektriciteit", f"{months} mnd", money(rng.uniform(33, 40) * months)),
        ("Energiebelasting elektriciteit", f"{num(kwh, 0, style='eu')} kWh x € 0,10880", money(kwh * 0.1088)),
        ("Leveringskosten gas", f"{num(gas, 0, style='eu')} m³ x € {num(r_gas, 5, style='eu')}",
         money(gas * r_gas)),
        ("Netbeheerkosten gas", f"{months} mnd", money(rng.uniform(18, 22) * months)),
        ("Energiebelasting gas", f"{num(gas, 0, style='eu')} m³ x € 0,58301", money(gas * 0.58301)),
        ("Vermindering energiebelasting", f"{months} mnd", money(-521.09 / 12 * months)),
    ]
    excl = money(sum(a for _, _, a in lines))
    vat = money(excl * 0.21)
    current = money(excl + vat)
    prev: float | None
    paid: float | None
    if yearly:
        prev, paid = None, money(current * rng.uniform(0.8, 0.97))
    else:
        prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person, street = rng.choice(NL_PEOPLE), f"{rng.choice(NL_STREETS)} {rng.randint(1, 180)}"
    postcode, town = rng.choice(NL_TOWNS)
    address = f"{street}, {postcode} {town}"
    account, contract = f"{digits(rng, 4)} {digits(rng, 4)}", digits(rng, 9)
    e_meter, g_meter = f"E{digits(rng, 4)} {digits(rng, 4)}", f"G{digits(rng, 4)} {digits(rng, 4)}"
    product = rng.choice(NL_PRODUCTS)
    long_dates = rng.random() < 0.5

    p = Page()
    p.text(15, 12, provider, 14, bold=True)
    p.text(15, 19, "Postbus 4410, 3006 AK Rotterdam  |  klantenservice 088 - 123 45 67", 7)
    p.text(15, 34, person, 9)
    p.text(15, 39, street, 9)
    p.text(15, 44, f"{postcode}  {town.upper()}", 9)
    p.text(120, 30, "Jaarafrekening" if yearly else "Factuur", 15, bold=True)
    info = [("Klantnummer", account), ("Contractnummer", contract), ("Factuurnummer", digits(rng, 10)),
            ("Factuurdatum", _nl_date(stmt, long_dates)), ("Vervaldatum", _nl_date(due, long_dates))]
    for i, (k, v) in enumerate(info):
        p.text(120, 40 + i * 5, k, 8)
        p.text(155, 40 + i * 5, v, 8)
    p.text(15, 70, f"Periode: {_nl_date(start, False)} t/m {_nl_date(end, False)}", 9, bold=True)
    p.text(15, 76, f"Leveringsadres: {address}", 8)
    p.text(15, 81, f"Product: {product}   |   Aansluiting elektriciteit 3x25A   |   EAN 8716{digits(rng, 14)}", 8)
    p.text(15, 91, "Verbruik", 11, bold=True)
    e_begin_n, e_begin_l = rng.randint(10000, 60000), rng.randint(10000, 60000)
    rows = [["Meter", "Telwerk", "Beginstand", "Eindstand", "Verbruik"],
            [e_meter, "Normaal (T2)", num(e_begin_n, 0, style="eu"), num(e_begin_n + normal, 0, style="eu"),
             f"{num(normal, 0, style='eu')} kWh"],
            [e_meter, "Dal (T1)", num(e_begin_l, 0, style="eu"), num(e_begin_l + low, 0, style="eu"),
             f"{num(low, 0, style='eu')} kWh"]]
    if solar:
        s_begin = rng.randint(2000, 9000)
        rows.append([e_meter, "Teruglevering", num(s_begin, 0, style="eu"), num(s_begin + solar, 0, style="eu"),
                     f"-{num(solar, 0, style='eu')} kWh"])
    g_begin = rng.randint(3000, 20000)
    rows.append([g_meter, "Gas", num(g_begin, 0, style="eu"), num(g_begin + gas, 0, style="eu"),
                 f"{num(gas, 0, style='eu')} m³"])
    y = p.table(15, 97, [32, 32, 30, 30, 36], rows, aligns="LLRRR")
    label = "Totaal netto verbruik elektriciteit" if solar else "Totaal verbruik elektriciteit"
    p.text(15, y + 2, f"{label}: {num(kwh, 0, style='eu')} kWh    Gas: {num(gas, 0, style='eu')} m³", 8, bold=True)
    p.text(15, y + 12, "Kosten deze periode", 11, bold=True)
    crow = [["Omschrijving", "Berekening", "Bedrag"]] + [[d, c, _eur(a)] for d, c, a in lines]
    crow += [["Subtotaal excl. BTW", "", _eur(excl)], ["BTW 21%", "", _eur(vat)],
             ["Totaal kosten deze periode incl. BTW", "", _eur(current)]]
    p.table(15, y + 18, [70, 62, 28], crow, row_h=4.6, aligns="LLR")
    p.text(15, 218, f"Uw nieuwe termijnbedrag per {_nl_date(add_months(end, 1).replace(day=1), True)}: "
           f"{_eur(rng.randint(90, 260))} per maand. Vorig jaar gemiddeld "
           f"{num(kwh / months * rng.uniform(0.85, 1.15), 0, style='eu')} kWh per maand.", 7)
    # The summary block sits at the foot of the page, after all the detail above.
    p.rect(100, 228, 95, 48, fill=245)
    p.text(103, 230, "Overzicht", 10, bold=True)
    summary: list[tuple[str, str]] = []
    if prev is not None:
        summary.append(("Vorig saldo", _eur(prev)))
    if paid is not None:
        summary.append(("Betaalde termijnbedragen" if yearly else "Betaald", _eur(-paid)))
    summary += [("Nieuwe kosten (excl. BTW)", _eur(excl)), ("BTW 21%", _eur(vat))]
    # Some templates write the label column, then the amount column: in text order they are apart.
    by_column = rng.random() < 0.5
    for i, (k, v) in enumerate(summary):
        p.text(103, 237 + i * 5.5, k, 9)
        if not by_column:
            p.text(160, 237 + i * 5.5, v, 9, w=32, align="R")
    for i, (_, v) in enumerate(summary if by_column else []):
        p.text(160, 237 + i * 5.5, v, 9, w=32, align="R")
    p.hline(103, 192, 264)
    p.text(103, 266, rng.choice(("Totaal te betalen", "Te betalen")), 11, bold=True)
    p.text(150, 266, _eur(total), 11, bold=True, w=42, align="R")
    p.text(15, 240, f"Te betalen vóór {_nl_date(due, long_dates)}", 8)
    p.text(15, 245, "Wij schrijven het bedrag af van uw rekening.", 7)
    notes = ("Dutch invoice; summary block at the bottom (Nieuwe kosten excl. BTW); kWh = Normaal + Dal"
             + (" - Teruglevering" if solar else "") + "; current_charges = incl. BTW total of the charges table")
    if yearly:
        notes += "; yearly bill: advances paid (Betaalde termijnbedragen) shown, no previous balance"
    return p.output(), truth(
        "nl_energie", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="EUR", electricity_kwh=kwh, gas_usage=gas, gas_usage_unit="m3",
        meter_number=e_meter, rate_plan=product, previous_balance=prev, current_charges=current)


IT_PROVIDERS = ("Acquedotto del Monte Verde S.p.A.", "Servizio Idrico Valle Serena S.r.l.",
                "Acque Colline del Sole S.p.A.")
IT_PEOPLE = ("Rossi Maria", "Bianchi Giuseppe", "Esposito Anna", "Ferrari Luca", "Romano Chiara", "Galli Paolo")
IT_STREETS = ("Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele", "Via dei Mille", "Piazza Dante")
IT_TOWNS = (("50123", "Firenze", "FI"), ("40121", "Bologna", "BO"), ("06121", "Perugia", "PG"),
            ("53100", "Siena", "SI"))
IT_USES = ("Uso domestico residente", "Uso domestico non residente", "Uso commerciale")


def _it_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def italian_water(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(IT_PROVIDERS)
    span = rng.choice((2, 3, 4))
    start = dt.date(rng.randint(2023, 2025), rng.choice((1, 3, 5, 7, 9)), 1)
    end = add_months(start, span) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(8, 20))
    due = stmt + dt.timedelta(days=rng.choice((20, 25, 30)))
    use = rng.choice(IT_USES)
    m3 = rng.randint(9, 30) * span
    prior = rng.randint(200, 3000)
    base = min(m3, 20 * span)
    extra = m3 - base
    r_base, r_extra = rng.uniform(1.1, 1.5), rng.uniform(2.0, 2.8)
    lines = [("Quota fissa", f"{span} mesi", money(rng.uniform(4, 7) * span)),
             ("Acquedotto tariffa base", f"{base} m³ x {num(r_base, 4, style='eu')}", money(base * r_base))]
    if extra:
        lines.append(("Acquedotto 1a eccedenza", f"{extra} m³ x {num(r_extra, 4, style='eu')}",
                      money(extra * r_extra)))
    r_f, r_d = rng.uniform(0.35, 0.55), rng.uniform(0.9, 1.3)
    lines += [("Fognatura", f"{m3} m³ x {num(r_f, 4, style='eu')}", money(m3 * r_f)),
              ("Depurazione", f"{m3} m³ x {num(r_d, 4, style='eu')}", money(m3 * r_d)),
              ("Componenti perequative UI1-UI4", f"{m3} m³ x 0,0160", money(m3 * 0.016))]
    net = money(sum(a for _, _, a in lines))
    vat = money(net * 0.10)
    current = money(net + vat)
    unpaid = money(current * rng.uniform(0.8, 1.2)) if rng.random() < 0.3 else None
    total = money(current + (unpaid or 0))
    person = rng.choice(IT_PEOPLE)
    cap, town, prov = rng.choice(IT_TOWNS)
    address = f"{rng.choice(IT_STREETS)} {rng.randint(1, 120)}, {cap} {town} ({prov})"
    account, utenza, meter = digits(rng, 8), digits(rng, 10), f"{rng.choice('ABZ')}{digits(rng, 2)}-{digits(rng, 6)}"

    p = Page()
    p.text(12, 10, provider, 13, bold=True)
    p.text(12, 16, "Servizio idrico integrato  -  Numero verde 800 123 456", 7)
    p.text(120, 10, "BOLLETTA ACQUA", 12, bold=True)
    p.text(120, 16, f"Fattura n. {stmt.year}/{digits(rng, 6)} del {_it_date(stmt)}", 8)
    kind = rng.choice(("effettiva", "stimata"))
    due_label = rng.choice(("Scadenza", "Scadenza", "Da pagare entro il"))

    def left_column() -> None:
        # Left column: the customer box and the readings.
        p.rect(10, 26, 92, 48)
        left = [("Intestatario", person), ("Indirizzo di fornitura", address), ("Codice cliente", account),
                ("Codice utenza", utenza), ("Tipologia d'uso", use), ("Matricola contatore", meter)]
        for i, (k, v) in enumerate(left):
            p.text(12, 28 + i * 7.5, k, 6.5)
            p.text(12, 31.2 + i * 7.5, v, 8.5, bold=k in ("Intestatario", "Codice cliente"))
        p.text(12, 80, "Letture e consumi", 10, bold=True)
        rows = [["", "Data", "Lettura", "Tipo"],
                ["Lettura precedente", _it_date(start - dt.timedelta(days=1)), str(prior), "effettiva"],
                ["Lettura attuale", _it_date(end), str(prior + m3), kind]]
        y = p.table(10, 86, [32, 22, 20, 18], rows, aligns="LLRL")
        p.text(12, y + 3, f"Consumo fatturato: {m3} m³", 9, bold=True)
        days = (end - start).days + 1
        p.text(12, y + 9, f"Consumo medio giornaliero: {num(m3 / days, 3, style='eu')} m³ ({days} giorni)", 7.5)
        p.text(12, y + 14, f"Periodo di fatturazione: dal {_it_date(start)} al {_it_date(end)}", 8)

    def right_column() -> None:
        # Right column: the amounts.
        p.rect(108, 26, 92, 22, fill=235)
        p.text(111, 28, "Totale da pagare", 10, bold=True)
        p.text(150, 35, f"€ {num(total, style='eu')}", 15, bold=True, w=47, align="R")
        p.text(111, 42, f"{due_label} {_it_date(due)}", 9, bold=True)
        p.text(110, 53, "Dettaglio importi", 10, bold=True)
        rows = [["Voce", "Quantità", "Importo €"]] + [[d, q, num(a, style="eu")] for d, q, a in lines]
        rows += [["Totale imponibile", "", num(net, style="eu")], ["IVA 10%", "", num(vat, style="eu")],
                 ["Totale bolletta", "", num(current, style="eu")]]
        if unpaid is not None:
            rows.append(["Bollette precedenti non pagate", "", num(unpaid, style="eu")])
        rows.append(["Totale da pagare", "", num(total, style="eu")])
        p.table(108, 59, [44, 28, 20], rows, size=7, row_h=4.6, aligns="LLR")

    # The right column (the amounts) comes first in the content stream on some bills.
    order = [right_column, left_column] if rng.random() < 0.5 else [left_column, right_column]
    for draw in order:
        draw()

    # Bottom, full width: twelve months of history, a distractor of m3 figures and month names.
    p.text(10, 150, "Storico consumi degli ultimi 12 mesi (m³)", 9, bold=True)
    hist_start = add_months(start, -12)
    heads, vals = [], []
    for i in range(12):
        d = add_months(hist_start, i)
        heads.append(f"{IT_MONTHS[d.month - 1][:3]} {str(d.year)[2:]}")
        vals.append(str(max(3, round(m3 / span * rng.uniform(0.7, 1.3)))))
    p.table(10, 156, [15.8] * 12, [heads, vals], size=7, aligns="C" * 12)
    p.text(10, 172, "Il pagamento può essere effettuato tramite domiciliazione bancaria, PagoPA o presso gli uffici"
           " postali.", 7)
    p.text(10, 177, "Deposito cauzionale versato: € 25,00 (non incluso nel totale).", 7)
    notes = "Italian water bill in two columns; 12-month consumption history is a distractor"
    if unpaid is not None:
        notes += "; unpaid previous bills (Bollette precedenti non pagate) added to the total"
    return p.output(), truth(
        "it_acqua", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="EUR", water_usage=m3, water_usage_unit="m3", meter_number=meter,
        rate_plan=use, previous_balance=unpaid, current_charges=current)
