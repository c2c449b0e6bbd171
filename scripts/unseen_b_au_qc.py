"""Set B, two dollar layouts: an Australian quarterly electricity tax invoice and a Québec French electricity bill."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
    FR_MONTHS,
    Page,
    add_months,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    signed,
    truth,
)

AU_PROVIDERS = ("Southern Cross Energy", "Wattlebird Power Pty Ltd", "Coral Coast Electricity")
AU_PEOPLE = ("Ms Chloe Nguyen", "Mr Daniel O'Brien", "Priya & Sam Raman", "Mr Lachlan Murray", "Ms Aroha Tane",
             "Jade Kowalski")
AU_STREETS = ("Banksia Cres", "Jacaranda St", "Waratah Ave", "Bottlebrush Ct", "Kookaburra Way", "Grevillea Rd")
AU_TOWNS = ("Kellyville NSW 2155", "Mount Gravatt QLD 4122", "Brunswick VIC 3056", "Morphett Vale SA 5162",
            "Belconnen ACT 2617")


def _au_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def _aud(v: float) -> str:
    return signed(v, "$")


def _au_usage(rng: random.Random, days: int) -> tuple[bool, list[tuple[str, int, float]], int, int]:
    """(time of use?, import registers as (name, kWh, $/kWh), controlled load kWh, solar export kWh)."""
    tou = rng.random() < 0.6
    if tou:
        regs = [("Peak", rng.randint(3, 9) * days, rng.uniform(0.42, 0.58)),
                ("Shoulder", rng.randint(3, 8) * days, rng.uniform(0.28, 0.36)),
                ("Off peak", rng.randint(4, 10) * days, rng.uniform(0.19, 0.26))]
    else:
        regs = [("General usage", rng.randint(8, 20) * days, rng.uniform(0.28, 0.36))]
    regs = [(n, q + rng.randint(0, days - 1), round(r, 5)) for n, q, r in regs]
    cl = rng.randint(2, 6) * days + rng.randint(0, 9) if rng.random() < 0.6 else 0
    solar = rng.randint(3, 12) * days + rng.randint(0, 9) if rng.random() < 0.3 else 0
    return tou, regs, cl, solar


def australian_energy(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(AU_PROVIDERS)
    days = rng.randint(89, 92) if rng.random() < 0.75 else rng.randint(28, 31)
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=days - 1)
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.choice((14, 18, 21)))
    tou, regs, cl, solar = _au_usage(rng, days)
    kwh = sum(q for _, q, _ in regs) + cl
    cents = rng.random() < 0.5

    def rate(r: float) -> str:
        return f"{num(r * 100, 3)}c/kWh" if cents else f"${r:.5f} per kWh"

    lines: list[tuple[str, str, float, bool]] = []  # (description, quantity x rate, amount ex GST, GST applies)
    for name, q, r in regs:
        lines.append((name, f"{num(q, 0)} kWh @ {rate(r)}", money(q * r), True))
    r_cl = round(rng.uniform(0.15, 0.22), 5)
    if cl:
        lines.append(("Controlled load 1", f"{num(cl, 0)} kWh @ {rate(r_cl)}", money(cl * r_cl), True))
    r_sup = round(rng.uniform(0.95, 1.35), 4)
    lines.append(("Daily supply charge", f"{days} days @ ${r_sup:.4f}/day", money(days * r_sup), True))
    if cl:
        r_cls = round(rng.uniform(0.02, 0.09), 4)
        lines.append(("Controlled load supply charge", f"{days} days @ ${r_cls:.4f}/day", money(days * r_cls), True))
    if solar:
        r_fit = round(rng.uniform(0.04, 0.08), 4)
        lines.append(("Solar feed-in credit", f"{num(solar, 0)} kWh @ {rate(r_fit)}", money(-solar * r_fit), False))
    if rng.random() < 0.25:
        lines.append(("Energy Bill Relief Fund rebate", "", money(-rng.choice((75.0, 87.5, 125.0))), False))
    gst = money(sum(a for _, _, a, taxed in lines if taxed) * 0.10)
    current = money(sum(a for _, _, a, _ in lines) + gst)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)

    person = rng.choice(AU_PEOPLE)
    street = f"{rng.randint(1, 240)} {rng.choice(AU_STREETS)}"
    if rng.random() < 0.3:
        street = f"Unit {rng.randint(1, 12)}/{street}"
    town = rng.choice(AU_TOWNS)
    address = f"{street}, {town}"
    postal = rng.random() < 0.25  # bills mailed to a PO box: the supply address is the only street address
    account = f"{digits(rng, 4)} {digits(rng, 3)} {digits(rng, 3)}"
    meter = f"{rng.choice(('E', 'M', '0'))}{digits(rng, 7)}"
    nmi = f"{rng.choice(('41', '43', '61', '31'))}{digits(rng, 8)}"
    plan = rng.choice(("Residential Time of Use", "Flexible Pricing Home") if tou else
                      ("Residential Single Rate", "Anytime Home Saver"))
    ds = rng.randrange(3)
    total_label = rng.choice(("Total amount due", "Amount due", "Total to pay"))
    due_label = rng.choice(("Pay by", "Due date", "Please pay by"))
    stmt_label = rng.choice(("Issue date", "Date of issue", "Bill issued"))
    period_label = rng.choice(("Billing period", "Supply period", "Bill period"))
    addr_label = rng.choice(("Supply address", "Property address", "Service address"))
    new_label = rng.choice(("New charges", "Total new charges", "This bill's charges"))
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 15, bold=True)
        p.text(12, 17, f"ABN {digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)} {digits(rng, 3)}   |   "
               "Faults 13 19 09   |   Enquiries 13 24 68", 7)
        p.text(150, 11, "Tax invoice", 12, bold=True)
        p.text(12, 30, person, 9)
        if postal:
            p.text(12, 35, f"PO Box {rng.randint(100, 999)}", 9)
            p.text(12, 40, town.upper(), 9)
        else:
            p.text(12, 35, street, 9)
            p.text(12, 40, town.upper(), 9)

    def due_box() -> None:
        p.rect(122, 26, 78, 30, fill=232, line=0.5)
        p.text(125, 28, total_label, 10, bold=True)
        p.text(125, 35, _aud(total), 17, bold=True, w=72, align="R")
        p.text(125, 47, f"{due_label} {_au_date(due, ds)}", 9, bold=True)

    def details() -> None:
        info = [("Account number", account), ("Invoice number", digits(rng, 11)), (stmt_label, _au_date(stmt, ds)),
                (period_label, f"{_au_date(start, ds)} to {_au_date(end, ds)} ({days} days)"),
                (addr_label, address), ("NMI", nmi), ("Your plan", plan)]
        for i, (k, v) in enumerate(info):
            p.text(12, 52 + i * 4.6, k, 7.5, bold=True)
            p.text(45, 52 + i * 4.6, v, 7.5)

    def summary() -> None:
        p.text(12, 88, "Account summary", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append((rng.choice(("Previous bill", "Opening balance")), _aud(prev)))
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(20, 60))
                rows.append((f"Payment received {when.day} {EN_MONTHS[when.month - 1][:3]}, thank you", _aud(-paid)))
            rows.append(("Overdue amount" if not paid else "Balance carried forward", _aud(money(prev - (paid or 0)))))
        rows += [(f"{new_label} (incl. GST)", _aud(current)), (total_label, _aud(total))]
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(14, 94 + i * 4.8, k, 8.5, bold=last)
            p.text(80, 94 + i * 4.8, v, 8.5, bold=last, w=30, align="R")
        p.rect(122, 88, 78, 28)
        p.text(125, 90, "Your average daily usage", 8, bold=True)
        p.text(125, 96, f"This bill: {num(kwh / days, 2)} kWh", 8)
        p.text(125, 101, f"Same time last year: {num(kwh / days * rng.uniform(0.8, 1.2), 2)} kWh", 8)
        p.text(125, 106, f"Average daily cost: {_aud(money(current / days))}", 8)
        p.text(125, 111, f"Greenhouse gas: {num(kwh * 0.00079, 2)} tonnes", 7)

    def charges() -> None:
        p.text(12, 124, "Your charges", 10, bold=True)
        rows = [["Description", "Quantity and rate", "Amount (ex GST)"]]
        rows += [[d, q, _aud(a)] for d, q, a, _ in lines]
        rows += [["GST", "10% of taxable charges", _aud(gst)], [f"{new_label} (incl. GST)", "", _aud(current)]]
        y = p.table(12, 130, [62, 82, 32], rows, size=7.5, row_h=4.8, aligns="LLR")
        p.text(12, y + 1.5, f"The total GST payable on this bill is {_aud(gst)}. Credits and rebates are GST free.",
               6.5)

    def meters() -> None:
        y0 = 196
        p.text(12, y0, "Meter readings", 10, bold=True)
        p.text(12, y0 + 5, f"Meter {meter}   Read dates {_au_date(start, 1)} - {_au_date(end, 1)}   "
               f"Next scheduled read on or about {_au_date(end + dt.timedelta(days=days), 0)}", 7)
        rows = [["Register", "Previous reading", "Current reading", "Usage (kWh)", "Read type"]]
        kinds = ("Actual", "Actual", "Actual", "Estimate")
        for name, q in [(n, q) for n, q, _ in regs] + ([("Controlled load 1", cl)] if cl else []) + (
                [("Solar export", solar)] if solar else []):
            before = rng.randint(10000, 90000)
            rows.append([name, str(before), str(before + q), num(q, 0), rng.choice(kinds)])
        y = p.table(12, y0 + 10, [46, 34, 34, 30, 24], rows, size=7.5, aligns="LRRRL")
        p.text(12, y + 1.5, f"Total usage: {num(kwh, 0)} kWh" + (" (solar export is credited above, not deducted)"
                                                                   if solar else ""), 8, bold=True)

    def history() -> None:
        y0 = 244
        p.text(12, y0, "Your usage history (average kWh per day)", 8, bold=True)
        heads, vals = [], []
        for i in range(5, 0, -1):
            d = add_months(start, -3 * i)
            heads.append(f"{EN_MONTHS[d.month - 1][:3]} {d.year}")
            vals.append(num(kwh / days * rng.uniform(0.7, 1.3), 1))
        p.table(12, y0 + 4, [24] * 5, [heads, vals], size=7, row_h=4.5, aligns="CCCCC")

    def slip() -> None:
        p.hline(8, 202, 262, dash=True)
        p.text(12, 264, "Payment slip", 9, bold=True)
        p.text(12, 270, f"Biller code {digits(rng, 6)}   Ref {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 3)}", 8)
        p.text(12, 276, "Pay by direct debit, BPAY, Centrepay or at any post office.", 7)
        p.text(12, 281, "A late payment fee of $12.00 may apply if not paid by the due date.", 7)
        p.text(125, 266, f"Account {account}", 8)
        p.text(125, 272, f"{total_label} {_aud(total)}", 9, bold=True)
        p.text(125, 278, f"{due_label} {_au_date(due, ds)}", 8)

    draw_shuffled(rng, [header, due_box, details, summary, charges, meters, history, slip])
    notes = ("Australian electricity tax invoice; usage = " + (" + ".join(n for n, _, _ in regs))
             + (" + controlled load" if cl else "") + ", printed as Total usage; charges ex GST, GST 10% added"
             + ("; solar export credited at the feed-in rate, not netted from usage" if solar else "")
             + "; daily supply charge per day; average daily usage/cost and history are distractors"
             + ("; mailed to a PO box" if postal else ""))
    return p.output(), truth(
        "au_energy", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="AUD", electricity_kwh=kwh, meter_number=meter, rate_plan=plan,
        previous_balance=prev, current_charges=current)


QC_PROVIDERS = ("Hydro-Laurentides", "Énergie Saint-Laurent", "Électricité Boréale inc.")
QC_HOMES = ("Mme Geneviève Tremblay", "M. Louis-Philippe Gagnon", "Mme Nathalie Côté", "M. Mathieu Bouchard")
QC_SHOPS = ("Boulangerie Chez Éloïse inc.", "Garage Roy et Fils ltée", "Clinique dentaire du Parc")
QC_STREETS = ("rue des Érables", "boulevard Saint-Joseph", "avenue du Parc", "rue Principale", "chemin du Lac",
              "rue Notre-Dame Est")
QC_TOWNS = ("Sherbrooke (Québec) J1H 2K3", "Trois-Rivières (Québec) G9A 5H7", "Rimouski (Québec) G5L 3B2",
            "Laval (Québec) H7N 4Z1", "Saguenay (Québec) G7H 1A4")


def _qc_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.isoformat()
    if style == 1:
        return f"{d.day} {FR_MONTHS[d.month - 1]} {d.year}"
    return d.strftime("%d/%m/%Y")


def _cad(v: float) -> str:
    return f"{num(v, style='sp')} $"


def quebec_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(QC_PROVIDERS)
    business = rng.random() < 0.35
    days = rng.randint(29, 32) if business else rng.randint(59, 63)
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=days - 1)
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.choice((21, 25, 30)))
    winter = end.month in (11, 12, 1, 2, 3, 4)
    lines: list[tuple[str, float]] = []
    demand: float | None = None
    if business:
        kwh = rng.randint(300, 1500) * days
        tier = 15090
        demand = round(kwh / (days * 24) / rng.uniform(0.35, 0.6), 1)
        rate_plan = "Tarif G - Petite puissance"
        lines.append((f"Redevance d'abonnement {days} jours x 0,46222 $", money(days * 0.46222)))
        first = min(kwh, tier)
        lines.append((f"Premiers {num(first, 0, style='sp')} kWh x 11,933 ¢", money(first * 0.11933)))
        if kwh > tier:
            lines.append((f"Reste {num(kwh - tier, 0, style='sp')} kWh x 9,184 ¢", money((kwh - tier) * 0.09184)))
        if demand > 50:
            over = round(demand - 50, 1)
            lines.append((f"Prime de puissance au-delà de 50 kW : {num(over, 1, style='sp')} kW x 18,760 $",
                          money(over * 18.76)))
    else:
        kwh = rng.randint(70 if winter else 25, 140 if winter else 60) * days + rng.randint(0, days)
        tier = 40 * days
        rate_plan = rng.choice(("Tarif D", "Tarif D - Domestique"))
        lines.append((f"Redevance d'abonnement {days} jours x 0,46154 $", money(days * 0.46154)))
        first = min(kwh, tier)
        lines.append((f"Premiers {num(first, 0, style='sp')} kWh x 6,905 ¢", money(first * 0.06905)))
        if kwh > tier:
            lines.append((f"Reste de la consommation {num(kwh - tier, 0, style='sp')} kWh x 10,652 ¢",
                          money((kwh - tier) * 0.10652)))
    sub = money(sum(a for _, a in lines))
    tps, tvq = money(sub * 0.05), money(sub * 0.09975)
    current = money(sub + tps + tvq)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)

    person = rng.choice(QC_SHOPS if business else QC_HOMES)
    no = rng.randint(10, 4999)
    apt = f", app. {rng.randint(1, 12)}" if not business and rng.random() < 0.3 else ""
    street, town = f"{no}, {rng.choice(QC_STREETS)}{apt}", rng.choice(QC_TOWNS)
    address = f"{street}, {town}"
    account = f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}"
    client = f"{digits(rng, 4)} {digits(rng, 5)} {digits(rng, 1)}"
    meter = f"{rng.randint(1, 9)}{rng.choice(('BT', 'GL', 'MQ'))}{digits(rng, 5)}"
    ds = rng.randrange(3)
    total_label = rng.choice(("Montant à payer", "Total à payer", "Montant dû"))
    due_text = rng.choice(("Date d'échéance", "À payer au plus tard le", "Échéance"))
    period_text = rng.choice(("Période de consommation", "Période de facturation"))
    current_label = rng.choice(("Total de la période actuelle", "Montant de la facture courante",
                                "Nouveaux frais"))
    prev_reading = rng.randint(10000, 90000)
    p = Page(fmt="Letter")

    def header() -> None:
        p.text(12, 10, provider, 15, bold=True)
        p.text(12, 17, "Service à la clientèle 1 888 555-0142   |   Pannes 1 800 555-0199", 7)
        p.text(12, 30, person, 9)
        p.text(12, 35, street, 9)
        p.text(12, 40, town, 9)
        p.text(140, 11, "Facture d'électricité", 11, bold=True)

    def due_box() -> None:
        p.rect(130, 24, 74, 30, fill=230, line=0.5)
        p.text(133, 26, total_label, 10, bold=True)
        p.text(133, 33, _cad(total), 17, bold=True, w=68, align="R")
        p.text(133, 45, f"{due_text} : {_qc_date(due, ds)}", 8.5, bold=True)

    def identity() -> None:
        rows = [("Numéro de compte", account), ("Numéro de client", client),
                ("Date de la facture", _qc_date(stmt, ds)),
                (period_text, f"du {_qc_date(start, ds)} au {_qc_date(end, ds)} ({days} jours)"),
                ("Adresse de consommation", address), ("Tarif", rate_plan)]
        for i, (k, v) in enumerate(rows):
            p.text(12, 52 + i * 4.6, k, 7.5, bold=True)
            p.text(52, 52 + i * 4.6, v, 7.5)

    def account_summary() -> None:
        p.text(12, 84, "Sommaire du compte", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Solde de la facture précédente", _cad(prev)))
            if paid:
                rows.append((f"Paiement reçu le {_qc_date(stmt - dt.timedelta(days=rng.randint(15, 40)), ds)}"
                             " - Merci", _cad(-paid)))
            rows.append(("Solde antérieur dû" if not paid else "Solde reporté", _cad(money(prev - (paid or 0)))))
        rows += [(current_label, _cad(current)), (total_label, _cad(total))]
        for i, (k, v) in enumerate(rows):
            p.text(14, 90 + i * 4.8, k, 8.5, bold=i == len(rows) - 1)
            p.text(90, 90 + i * 4.8, v, 8.5, bold=i == len(rows) - 1, w=32, align="R")
        if prev is not None and not paid:
            p.text(14, 92 + len(rows) * 4.8, "Votre solde antérieur est en souffrance : des frais d'intérêt de "
                   "1,22 % par mois pourraient s'appliquer.", 6.5)

    def detail() -> None:
        p.text(12, 122, "Détail de la facture", 10, bold=True)
        rows = [["Description", "Montant"]] + [[d, _cad(a)] for d, a in lines]
        rows += [["Sous-total", _cad(sub)], [f"TPS 5 % ({digits(rng, 9)} RT0001)", _cad(tps)],
                 [f"TVQ 9,975 % ({digits(rng, 10)} TQ0001)", _cad(tvq)], [current_label, _cad(current)]]
        p.table(12, 128, [140, 34], rows, size=7.5, row_h=4.8, aligns="LR")

    def reading() -> None:
        y0 = 186
        p.text(12, y0, "Relevé du compteur", 10, bold=True)
        rows = [["Compteur", "Date", "Relevé", "Type"],
                [meter, _qc_date(start, 0), num(prev_reading, 0, style="sp"), "Réel"],
                [meter, _qc_date(end, 0), num(prev_reading + kwh, 0, style="sp"),
                 rng.choice(("Réel", "Réel", "Estimé"))]]
        y = p.table(12, y0 + 5, [34, 30, 30, 22], rows, size=7.5, aligns="LLRL")
        p.text(12, y + 1.5, f"Consommation : {num(kwh, 0, style='sp')} kWh", 8.5, bold=True)
        if demand is not None:
            p.text(80, y + 1.5, f"Puissance à facturer : {num(demand, 1, style='sp')} kW", 8.5, bold=True)

    def compare() -> None:
        y0 = 214
        p.text(12, y0, "Votre consommation comparée", 9, bold=True)
        last = round(kwh * rng.uniform(0.8, 1.2))
        rows = [["", "Période actuelle", "Même période l'an dernier"],
                ["Nombre de jours", str(days), str(days + rng.choice((-1, 0, 1)))],
                ["Consommation (kWh)", num(kwh, 0, style="sp"), num(last, 0, style="sp")],
                ["Moyenne par jour (kWh)", num(kwh / days, 1, style="sp"), num(last / days, 1, style="sp")],
                ["Température moyenne", f"{rng.randint(-14, 4) if winter else rng.randint(8, 22)} °C",
                 f"{rng.randint(-14, 4) if winter else rng.randint(8, 22)} °C"]]
        p.table(12, y0 + 5, [44, 36, 46], rows, size=7.5, row_h=4.6, aligns="LRR")
        p.text(12, y0 + 31, f"Coût moyen par jour : {_cad(money(current / days))}.   Prochaine lecture prévue vers le "
               f"{_qc_date(end + dt.timedelta(days=days), ds)}.", 7)
        if rng.random() < 0.5:
            p.text(12, y0 + 36, f"Mode de versements égaux : vos versements seraient d'environ "
                   f"{_cad(money(current / days * 30.4 // 1))} par mois.", 7)

    def stub() -> None:
        p.hline(8, 208, 256, dash=True)
        p.text(12, 258, "Talon de paiement - Veuillez joindre ce talon à votre paiement", 7)
        p.text(12, 264, provider, 9, bold=True)
        p.text(12, 270, f"Numéro de compte {account}", 8)
        p.text(130, 262, f"{total_label} : {_cad(total)}", 9, bold=True)
        p.text(130, 268, f"{due_text} : {_qc_date(due, ds)}", 8)
        p.text(130, 274, "Montant versé : ____________ $", 8)

    draw_shuffled(rng, [header, due_box, identity, account_summary, detail, reading, compare, stub])
    notes = ("Québec French electricity bill; amounts '1 234,56 $'; energy rates in cents (¢); TPS 5 % + TVQ 9,975 %"
             " added to the subtotal; days printed inclusive; last-year comparison, average cost per day and the"
             " equal-payment estimate are distractors; Numéro de compte is the account, Numéro de client is not")
    if demand is not None:
        notes += "; commercial Tarif G: demand = Puissance à facturer" + (
            " (the Prime de puissance line bills only the kW above 50)" if demand > 50 else " (below 50 kW: no charge)")
    return p.output(), truth(
        "qc_electricite", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="CAD", electricity_kwh=kwh, demand_kw=demand, meter_number=meter,
        rate_plan=rate_plan, previous_balance=prev, current_charges=current)
