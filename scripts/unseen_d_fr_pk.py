"""Set D, two layouts billed once a period by a distributor: a French electricity bill (Base or Heures Pleines /
Heures Creuses, TVA 5,5 % and 20 % on printed bases, a périodique bill or a yearly régularisation that subtracts the
monthly instalments already paid) and a Pakistani distribution-company bill (whole rupees, payable within and after
the due date, a 12-month history grid)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import EN_MONTHS, FR_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, money, num, truth

FR_SUPPLIERS = ("Énergies du Val de Loire SA", "Lumière Rhône-Alpes Fourniture", "Électricité Côte d'Opale SAS")
FR_PEOPLE = ("M. Julien Moreau", "Mme Claire Dubois", "M. et Mme Lefèvre", "Mme Nathalie Garnier-Roux",
             "Boulangerie Les Deux Épis SARL", "M. Karim Benali")
FR_STREETS = ("12 rue des Lilas", "3 bis avenue Jean Jaurès", "45 boulevard Voltaire", "7 impasse du Moulin",
              "18 place de la République", "101 chemin des Vignes")
FR_TOWNS = ("37000 Tours", "69003 Lyon", "62200 Boulogne-sur-Mer", "44000 Nantes", "21000 Dijon",
            "13090 Aix-en-Provence")
FR_ABO = {3: 9.69, 6: 12.68, 9: 15.89, 12: 19.16}  # € HT par mois, by puissance souscrite (kVA)


def _fr_date(d: dt.date, long: bool) -> str:
    if not long:
        return d.strftime("%d/%m/%Y")
    return f"{'1er' if d.day == 1 else d.day} {FR_MONTHS[d.month - 1]} {d.year}"


def _eur(v: float) -> str:
    return f"{num(v, style='sp')} €"


def fr_electricite(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(FR_SUPPLIERS)
    regul = rng.random() < 0.4
    months = 12 if regul else 2
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.choice((1, 1, rng.randint(2, 28))))
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(3, 9))
    due = stmt + dt.timedelta(days=rng.choice((10, 14, 15)))
    hphc = rng.random() < 0.5
    kva = rng.choice((6, 6, 9, 12) if hphc else (3, 6, 6, 9))
    per_month = rng.randint(140, 420)
    regs = [("HP", round(per_month * months * 0.62)), ("HC", round(per_month * months * 0.38))] if hphc else \
        [("Base", per_month * months)]
    kwh = sum(q for _, q in regs)
    prices = {"HP": round(rng.uniform(0.255, 0.275), 4), "HC": round(rng.uniform(0.195, 0.212), 4),
              "Base": round(rng.uniform(0.245, 0.262), 4)}
    abo = money(months * FR_ABO[kva])
    conso = [(f"Consommation {'Heures Pleines' if n == 'HP' else 'Heures Creuses' if n == 'HC' else 'Base'}",
              f"{num(q, 0, style='sp')} kWh x {num(prices[n], 4, style='sp')} €", money(q * prices[n]))
             for n, q in regs]
    c_ht = money(sum(a for *_, a in conso))
    accise_rate = rng.choice((0.021, 0.0225))
    accise = money(kwh * accise_rate)
    part_fixe = money(abo * rng.uniform(0.18, 0.24))
    cta = money(part_fixe * 0.2193)
    b55, b20 = money(abo + cta), money(c_ht + accise)
    t55, t20 = money(b55 * 0.055), money(b20 * 0.2)
    ht = money(b55 + b20)
    current = money(ht + t55 + t20)
    prev: float | None = None
    paid = 0.0
    if regul:  # the year's instalments (mensualités) already paid are subtracted from the TTC amount
        n_inst = rng.choice((10, 11))
        inst = float(round(current / 12 * rng.uniform(0.85, 1.3)))
        paid = money(n_inst * inst)
        total = money(current - paid)
    else:
        prev, pay = balance_story(rng, current)
        paid = pay or 0.0
        total = money((prev or 0) - paid + current)
    owe = total > 0
    long = rng.random() < 0.5
    direct = rng.random() < 0.6
    person = rng.choice(FR_PEOPLE)
    street, town = rng.choice(FR_STREETS), rng.choice(FR_TOWNS)
    address = f"{street}, {town}"
    account = digits(rng, 10) if rng.random() < 0.5 else " ".join(digits(rng, 3) for _ in range(4))
    acct_label = rng.choice(("Référence client", "N° de compte client", "Votre référence client"))
    pdl = digits(rng, 14)
    meter = digits(rng, 12)
    offer = rng.choice(("Tarif Bleu Résidentiel", "Offre Sérénité Fixe 2 ans", "Électricité Verte Indexée"))
    total_label = rng.choice(("Total à payer", "Montant à payer", "Reste à payer")) if owe else \
        rng.choice(("Montant en votre faveur", "Solde en votre faveur"))
    foot = rng.random() < 0.5
    title = "Facture de régularisation" if regul else rng.choice(("Facture", "Votre facture d'électricité"))
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"Service clients 09 70 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}  |  Dépannage "
               f"09 72 67 50 {digits(rng, 2)}  |  SIRET {digits(rng, 14)}", 6.3)
        p.text(12, 24, title, 12, bold=True)
        p.text(118, 30, person, 9)
        p.text(118, 35, street, 9)
        p.text(118, 40, town, 9)

    def refs() -> None:
        rows = [[acct_label, account], ["N° de facture", f"{digits(rng, 2)}{digits(rng, 8)}"],
                ["Date de facture", _fr_date(stmt, long)],
                ["Période", f"du {_fr_date(start, False)} au {_fr_date(end, False)}"],
                ["Point de livraison (PDL)", pdl]]
        p.table(10, 30, [36, 60], rows, size=6.8, row_h=4.6, header=False, aligns="LL")
        p.text(12, 56, f"Adresse de consommation : {address}   -   Offre : {offer}   -   Puissance souscrite : {kva}"
               f" kVA   -   Option {'Heures Pleines / Heures Creuses' if hphc else 'Base'}", 6.5)

    def summary(y0: float) -> None:
        p.text(12, y0, rng.choice(("Votre facture en bref", "Synthèse de votre facture")), 10, bold=True)
        rows = [["Électricité (abonnement et consommation)", _eur(money(abo + c_ht))],
                ["Taxes et contributions (accise, CTA)", _eur(money(accise + cta))], ["TVA", _eur(money(t55 + t20))],
                ["Montant TTC", _eur(current)]]
        if regul:
            rows.append([f"Mensualités déjà réglées ({n_inst} x {_eur(inst)})", _eur(-paid)])
        elif prev is not None:
            rows.append(["Solde de votre facture précédente", _eur(prev)])
            if paid:
                rows.append(["Votre paiement, merci", _eur(-paid)])
        rows.append([total_label, _eur(abs(total))])
        p.table(10, y0 + 5, [86, 30], rows, size=7.3, row_h=4.6, header=False, aligns="LR")
        p.rect(132, y0 + 5, 68, 22, fill=238)
        p.text(135, y0 + 7, total_label, 9, bold=True)
        p.text(135, y0 + 12.5, _eur(abs(total)), 13, bold=True, w=62, align="R")
        if not owe:
            how = "Remboursé par virement sous 15 jours."
        elif direct:
            how = f"prélevé le {_fr_date(due, long)}"
        else:
            how = f"à payer avant le {_fr_date(due, long)}"
        p.text(135, y0 + 20, how, 6.8 if not owe else 5.6, bold=owe)

    def index() -> None:
        y0 = 102
        p.text(12, y0, "Vos relevés et votre consommation", 9, bold=True)
        rows = [["Compteur", "Cadran", f"Index ancien ({_fr_date(start, False)})",
                 f"Index nouveau ({_fr_date(end, False)})", "Type", "kWh"]]
        kind = rng.choice(("relevé", "relevé", "estimé", "auto-relevé"))  # one read of the meter, all registers
        for n, q in regs:
            a = rng.randint(5000, 90000)
            rows.append([meter, n, str(a), str(a + q), kind, str(q)])
        y = p.table(10, y0 + 4, [28, 18, 42, 42, 24, 22], rows, size=6.8, row_h=4.5, aligns="LLRRLR")
        p.text(12, y + 1.5, f"Consommation totale : {num(kwh, 0, style='sp')} kWh sur la période"
               f"{' (HP + HC)' if hphc else ''}   -   Consommation de l'an dernier à la même période : "
               f"{num(round(kwh * rng.uniform(0.8, 1.2)), 0, style='sp')} kWh", 6.5)

    def detail() -> None:
        y0 = 138
        p.text(12, y0, "Détail de votre facture", 9, bold=True)
        rows = [["Libellé", "Calcul", "Montant HT", "TVA"],
                [f"Abonnement {kva} kVA du {_fr_date(start, False)} au {_fr_date(end, False)}",
                 f"{months} mois x {num(FR_ABO[kva], 2, style='sp')} €", _eur(abo), "5,5 %"]]
        rows += [[d, c, _eur(a), "20 %"] for d, c, a in conso]
        rows += [["Accise sur l'électricité", f"{num(kwh, 0, style='sp')} kWh x {num(accise_rate, 5, style='sp')} €",
                  _eur(accise), "20 %"],
                 ["Contribution tarifaire d'acheminement (CTA)", f"21,93 % x {_eur(part_fixe)}", _eur(cta), "5,5 %"],
                 ["Montant HT", "", _eur(ht), ""]]
        y = p.table(10, y0 + 4, [74, 56, 28, 16], rows, size=6.6, row_h=4.4, aligns="LLRR")
        p.text(12, y + 1, f"dont acheminement (TURPE) : {_eur(money(part_fixe + kwh * 0.0447))} HT, inclus dans les"
               " montants ci-dessus", 6)
        rows = [["TVA", "Base", "Montant"], ["5,5 %", _eur(b55), _eur(t55)], ["20 %", _eur(b20), _eur(t20)],
                ["Montant TTC", "", _eur(current)]]
        p.table(10, y + 6, [26, 30, 30], rows, size=6.6, row_h=4.4, aligns="LRR")

    def plan() -> None:  # the next instalments (a distractor) or the consumption history
        y0 = 206
        first = add_months(due, 1).replace(day=rng.choice((5, 10)))
        if regul:
            amount = float(round(current / months * 1.03))
            rows = [["Date", "Montant"]] + [[_fr_date(add_months(first, i), False), _eur(amount)] for i in range(6)]
        else:
            past = [add_months(start, -2 * i) for i in range(5, 0, -1)]
            rows = [["Période", "kWh"]] + [[f"{FR_MONTHS[d.month - 1][:4]}. {d.year}",
                                            str(round(kwh * rng.uniform(0.7, 1.3)))] for d in past]
        p.text(112, y0, "Votre nouvel échéancier" if regul else "Historique de vos consommations", 8, bold=True)
        p.table(112, y0 + 4, [30, 26], rows, size=6.3, row_h=4, aligns="LR")

    slot_a, slot_f = (244, 62) if foot else (62, 244)
    draw_shuffled(rng, [header, refs, lambda: summary(slot_a), index, detail, plan,
                        lambda: p.text(12, slot_f + 6, "Le médiateur national de l'énergie : www.energie-mediateur.fr"
                                       f"  -  Électricité d'origine renouvelable : {rng.randint(20, 100)} %", 6)])
    notes = ("French electricity bill; '1 234,56 €'; kWh = sum of the index differences"
             f"{' (Heures Pleines + Heures Creuses)' if hphc else ' (Base)'}; abonnement kVA is contracted power, not"
             " demand; TVA 5,5 % on abonnement + CTA and 20 % on consumption + accise (printed bases);"
             " current_charges = Montant TTC; PDL (14 digits), N° de facture and the meter are distractors; the account"
             " is the client reference; TURPE is informational (included)")
    if regul:
        notes += ("; facture de régularisation over 12 months: the monthly instalments (advances) already paid are "
                  "subtracted, no previous balance; the new échéancier is a distractor")
    elif prev is not None:
        notes += "; previous balance and payment shown: total = previous - payment + current"
    if not owe:
        notes += "; amount in the customer's favour: total negative, printed unsigned, no due date"
    elif direct:
        notes += "; due_date is the direct-debit (prélevé le) date"
    if foot:
        notes += "; summary block at the foot"
    return p.output(), truth(
        "fr_electricite", notes, provider=provider, account_number=account, service_address=address,
        statement_date=stmt.isoformat(), due_date=due.isoformat() if owe else None,
        billing_period_start=start.isoformat(), billing_period_end=end.isoformat(), total_amount_due=total,
        currency="EUR", electricity_kwh=kwh, meter_number=meter, rate_plan=offer, previous_balance=prev,
        current_charges=current)


PK_DISCOS = (("SUTLEJ ELECTRIC SUPPLY COMPANY", "SESCO"), ("MARGALLA POWER DISTRIBUTION COMPANY LTD", "MPDC"),
             ("INDUS DELTA ELECTRIC SUPPLY CORPORATION", "IDESCO"))
PK_HOMES = ("MUHAMMAD ASLAM S/O GHULAM RASOOL", "NASREEN BIBI W/O TARIQ MEHMOOD", "ABDUL WAHEED KHAN",
            "SYED FAISAL ALI SHAH", "RUKHSANA PARVEEN D/O ALLAH DITTA")
PK_SHOPS = ("M/S AL-REHMAN GENERAL STORE", "M/S MADINA CLOTH HOUSE", "M/S NEW STAR BAKERS & SWEETS")
PK_PLACES = ("H NO 45 ST 7 MOHALLAH ISLAMABAD", "PLOT 112 BLOCK C SATELLITE TOWN", "SHOP 9 MAIN BAZAR",
             "HOUSE 3-B GULSHAN COLONY", "VILLAGE CHAK 214 RB")
PK_TOWNS = ("SAHIWAL", "RAWALPINDI", "HYDERABAD", "SARGODHA", "OKARA")
PK_SLABS = ((100, 22.44), (200, 28.91), (300, 33.10), (400, 37.99), (500, 40.22), (600, 41.62), (700, 42.76),
            (10**6, 47.69))  # (units up to, Rs/unit): the whole month is billed at its slab's rate


def _pk_date(d: dt.date, style: int) -> str:
    return f"{d.day:02d}-{EN_MONTHS[d.month - 1][:3].upper()}-{d.strftime('%y')}" if style == 0 else \
        f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def _rs(v: float) -> str:
    return num(v, 0)


def pk_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, short = rng.choice(PK_DISCOS)
    shop = rng.random() < 0.45
    tou = rng.random() < (0.6 if shop else 0.25)
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(3, 27))
    start = add_months(end, -1)
    stmt = end + dt.timedelta(days=rng.randint(2, 5))
    due = stmt + dt.timedelta(days=rng.randint(9, 12))
    mf = rng.choice((1, 20, 40)) if shop else 1  # commercial meters on current transformers
    load = rng.choice((8, 10, 15, 20)) if shop else rng.choice((1, 2, 3, 4, 5, 7))
    if tou:
        tariff = "A-2(c)" if shop else "A-1(b)"
        size = 3 if shop else 1
        regs = [(n, q - q % mf) for n, q in (("PEAK", rng.randint(20, 160) * size),
                                             ("OFF-PEAK", rng.randint(120, 700) * size))]
        rates = {"PEAK": 61.97 if shop else 47.58, "OFF-PEAK": 55.64 if shop else 41.26}
    else:
        tariff = "A-2(a)" if shop else "A-1(a)"
        regs = [("UNITS", rng.randint(70, 900) // mf * mf)]
        rates = {"UNITS": 58.91 if shop else next(r for top, r in PK_SLABS if regs[0][1] <= top)}
    units = sum(q for _, q in regs)
    mdi = round(rng.uniform(0.35, 0.8) * load, 1) if tou else None
    lines = [("COST OF ELECTRICITY", " + ".join(f"{num(q, 0)} x {rates[n]:.2f}" for n, q in regs),
              float(round(sum(q * rates[n] for n, q in regs))))]
    if shop and mdi is not None:
        lines.append(("FIXED CHARGES", f"MDI {max(5, round(mdi))} kW x 500", float(max(5, round(mdi)) * 500)))
    lines.append(("F.C SURCHARGE", f"{num(units, 0)} x 3.23", float(round(units * 3.23))))
    if rng.random() < 0.5:
        qta = rng.choice((1.18, 2.36, -0.94))
        lines.append(("QTR TARIFF ADJ/DMC", f"{num(units, 0)} x {qta:.2f}", float(round(units * qta))))
    fpa = rng.choice((-1.35, -0.52, 0.28, 1.76, 3.41))
    lines.append(("FUEL PRICE ADJUSTMENT (FPA)", f"{num(units, 0)} x {fpa:.2f}", float(round(units * fpa))))
    energy = sum(a for *_, a in lines)
    lines.append(("ELECTRICITY DUTY", "1.5%", float(round(lines[0][2] * 0.015))))
    lines.append(("GST", f"18% of {_rs(energy)}", float(round(energy * 0.18))))
    lines.append(("TV FEE", "", 60.0 if shop else 35.0))
    current = float(sum(a for *_, a in lines))
    prev, paid = balance_story(rng, current)
    prev = float(round(prev)) if prev is not None else None
    paid = float(round(paid)) if paid else 0.0
    arrears = prev - paid if prev is not None and prev > paid else None
    total = current + (arrears or 0)
    lps = float(round(current * 0.1))
    ds = rng.randrange(2)

    person = rng.choice(PK_SHOPS if shop else PK_HOMES)
    address = f"{rng.choice(PK_PLACES)} {rng.choice(PK_TOWNS)}"
    ref = f"{digits(rng, 2)} {digits(rng, 5)} {digits(rng, 7)}"
    suffix = rng.choice(("", " U", " R"))
    consumer, meter = digits(rng, 7), f"{rng.choice(('SE', 'MP', 'ID', ''))}{digits(rng, 8)}"
    reads = [(n, rng.randint(1000, 90000), q) for n, q in regs]
    hist_start = add_months(end, -12)
    history = [(add_months(hist_start, i), round(units * rng.uniform(0.55, 1.4))) for i in range(12)]
    within_label = rng.choice(("PAYABLE WITHIN DUE DATE", "Payable Within Due Date", "AMOUNT PAYABLE WITHIN DUE DATE"))
    p = Page()

    def header() -> None:
        p.text(10, 8, provider, 12, bold=True)
        p.text(10, 14, f"{short}  -  ELECTRICITY CONSUMER BILL  -  HELPLINE 118  -  NTN {digits(rng, 7)}-"
               f"{digits(rng, 1)}", 6.5)
        p.text(160, 8, f"BILL MONTH {EN_MONTHS[end.month - 1][:3].upper()} {end.strftime('%y')}", 9, bold=True)

    def boxes() -> None:
        rows = [["CONSUMER ID", "TARIFF", "LOAD", "OLD A/C NO", "READING DATE", "ISSUE DATE", "DUE DATE"],
                [consumer, tariff, f"{load} kW", digits(rng, 9), _pk_date(end, ds), _pk_date(stmt, ds),
                 _pk_date(due, ds)]]
        p.table(10, 20, [24, 18, 16, 24, 30, 30, 30], rows, size=6.6, row_h=5, aligns="LLLLLLL")
        p.text(10, 32, f"REFERENCE NO  {ref}{suffix}", 9, bold=True)
        p.text(110, 32, f"DIVISION {rng.choice(PK_TOWNS)}-{rng.randint(1, 3)}   SUB DIV {rng.randint(1, 6)}   "
               f"FEEDER {rng.randint(10, 99)}", 6.5)

    def name_box() -> None:
        p.text(10, 40, "NAME & ADDRESS", 6.5, bold=True)
        p.text(10, 44, person, 8)
        p.text(10, 48.5, address, 8)
        p.text(10, 53, f"{'COMMERCIAL' if shop else 'RESIDENTIAL'}  -  SANCTIONED LOAD {load} kW", 6.5)

    def reading() -> None:
        y0 = 62
        p.text(10, y0, "METER READING", 8, bold=True)
        rows = [["METER NO", "", "PREVIOUS", "PRESENT", "MF", "UNITS", "STATUS"]]
        status = rng.choice(("OK", "OK", "OK", "ESTIMATED"))
        for n, a, q in reads:
            rows.append([meter, n, str(a), str(a + q // mf), str(mf), num(q, 0), status])
        y = p.table(10, y0 + 4, [24, 16, 18, 18, 8, 16, 16], rows, size=6.6, row_h=4.6, aligns="LLRRRRL")
        p.text(10, y + 1.5, f"PREVIOUS READING DATE {_pk_date(start, ds)}   PRESENT READING DATE {_pk_date(end, ds)}   "
               f"DAYS {(end - start).days}", 6.5)
        p.text(10, y + 6, f"TOTAL UNITS CONSUMED {num(units, 0)}" + (f"    MDI {mdi} kW" if mdi is not None else ""),
               7.5, bold=True)

    def charges() -> None:
        y0 = 62
        p.text(148, y0, "CHARGES (Rs)", 8, bold=True)
        rows = [["", "", "Rs"]] + [[d, c, _rs(a)] for d, c, a in lines] + [["CURRENT BILL", "", _rs(current)]]
        if arrears is not None:
            rows.append(["ARREARS", "", _rs(arrears)])
        rows.append(["TOTAL", "", _rs(total)])
        p.table(126, y0 + 4, [34, 34, 12], rows, size=5.8, row_h=4.4, aligns="LLR")

    def history_grid() -> None:
        y0 = 130
        p.text(10, y0, "BILLING HISTORY", 8, bold=True)
        rows = [["MONTH", "UNITS", "BILL", "PAYMENT"]]
        for i, (m, q) in enumerate(history):
            bill = round(q * rates[regs[-1][0]] * 1.3)
            pay = bill
            if i == 11 and prev is not None:  # last month's bill and what was paid of it (the arrears story)
                bill, pay = int(prev), int(paid)
            rows.append([f"{EN_MONTHS[m.month - 1][:3].upper()}{m.strftime('%y')}", str(q), _rs(bill), _rs(pay)])
        p.table(10, y0 + 4, [22, 18, 22, 22], rows, size=6.3, row_h=4.2, aligns="LRRR")

    def payable() -> None:
        y0 = 200
        p.rect(110, y0, 90, 30, fill=236)
        p.text(113, y0 + 3, within_label, 8, bold=True)
        p.text(113, y0 + 8, f"Rs {_rs(total)}", 13, bold=True)
        p.text(113, y0 + 16, f"L.P. SURCHARGE {_rs(lps)}", 7)
        p.text(113, y0 + 21, f"PAYABLE AFTER DUE DATE {_rs(total + lps)}", 8, bold=True)
        p.text(10, y0 + 3, "Bills may be paid at any bank branch, post office or by mobile banking using the", 6.3)
        p.text(10, y0 + 7, "reference number. Supply is disconnected if the bill stays unpaid after the due date.", 6.3)

    def stub() -> None:  # the bank copy cut off at the foot repeats the key figures
        y0 = 250
        p.hline(8, 202, y0 - 3, dash=True)
        p.text(10, y0, f"BANK COPY  -  {short}  -  REFERENCE NO {ref}{suffix}", 7, bold=True)
        rows = [["BILL MONTH", "DUE DATE", "WITHIN DUE DATE", "AFTER DUE DATE"],
                [f"{EN_MONTHS[end.month - 1][:3].upper()} {end.strftime('%y')}", _pk_date(due, ds), _rs(total),
                 _rs(total + lps)]]
        p.table(10, y0 + 4, [30, 30, 40, 40], rows, size=6.8, row_h=5, aligns="LLRR")

    draw_shuffled(rng, [header, boxes, name_box, reading, charges, history_grid, payable, stub])
    notes = ("Pakistani distribution-company electricity bill; whole rupees; Reference No (14 digits with spaces) is"
             " the account (Consumer ID, old account number and meter are not); billing period = previous to present"
             " reading date; current_charges = CURRENT BILL (cost of electricity, FC surcharge, FPA, electricity duty,"
             " GST, TV fee); the payable after due date (with the late payment surcharge) is a distractor for the"
             " total; the 12-month history grid and the bank copy repeat figures")
    if tou:
        notes += "; units = PEAK + OFF-PEAK; demand_kw = MDI"
    if mf > 1:
        notes += f"; meter multiplier {mf}: units = (present - previous) x MF"
    if fpa < 0:
        notes += "; negative fuel price adjustment"
    notes += "; arrears added to the total, previous_balance = arrears" if arrears is not None else \
        "; no arrears printed"
    return p.output(), truth(
        "pk_electricity", notes, provider=provider, account_number=ref, service_address=address,
        statement_date=stmt.isoformat(), due_date=due.isoformat(), billing_period_start=start.isoformat(),
        billing_period_end=end.isoformat(), total_amount_due=total, currency="PKR", electricity_kwh=units,
        demand_kw=mdi, meter_number=meter, rate_plan=tariff, previous_balance=arrears, current_charges=current)
