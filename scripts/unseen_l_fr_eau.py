"""Set L, a French water bill drawn with the fpdf2 kit: `1 234,56 €`, distribution de l'eau potable (abonnement +
consommation m³), collecte et traitement des eaux usées (assainissement), organismes publics (redevances de
l'Agence de l'eau: pollution, modernisation des réseaux de collecte, VNF), TVA 5,5 % on water and 10 % on sewerage,
a half-yearly or yearly bill."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import FR_MONTHS, Page, add_months, balance_story, digits, draw_shuffled, iso, money, num, truth

SERVICES = ("Eaux du Val de Loire", "Régie des Eaux de la Métropole", "Syndicat Intercommunal des Eaux du Plateau")
HOMES = ("M. Julien Martin", "Mme Claire Bernard", "M. Thomas Petit", "Mme Élodie Moreau", "M. Karim Haddad")
FIRMS = ("SARL Boulangerie du Marché", "Camping Les Pins", "Hôtel de la Gare SAS")
PLACES = ("{n} rue des Lilas 37000 Tours", "{n} avenue Jean Jaurès 69007 Lyon",
          "{n} chemin des Vignes 34070 Montpellier",
          "{n} place de l'Église 45000 Orléans")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return f"{d.day} {FR_MONTHS[d.month - 1]} {d.year}"
    return d.strftime("%d.%m.%Y")


def _eur(v: float) -> str:
    return f"{num(v, style='sp')} \u20ac" if v >= 0 else f"-{num(-v, style='sp')} \u20ac"


def fr_eau(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(SERVICES)
    business = rng.random() < 0.25
    months = rng.choice((6, 6, 12))
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(5, 20))
    due = stmt + dt.timedelta(days=rng.choice((15, 21, 30)))
    m3 = rng.randint(25, 75) * months // 6 * (4 if business else 1)
    meter = f"{rng.choice(('A', 'B', 'I'))}{digits(rng, 2)}{rng.choice(('LA', 'FA', 'MA'))}{digits(rng, 6)}"
    factor = months / 12
    water = [(f"Abonnement du {_date(start, 0)} au {_date(end, 0)}", money(rng.choice((42.60, 55.80, 61.20)) * factor)),
             (f"Consommation {m3} m\u00b3 x {num(1.4321, 4, style='sp')} \u20ac", money(m3 * 1.4321)),
             (f"Préservation des ressources en eau {m3} m\u00b3 x 0,0870 \u20ac", money(m3 * 0.087)),
             (f"Lutte contre la pollution {m3} m\u00b3 x 0,3300 \u20ac", money(m3 * 0.33))]
    sewer = [(f"Part fixe assainissement {months} mois", money(rng.choice((24.0, 31.5, 36.0)) * factor)),
             (f"Collecte et traitement {m3} m\u00b3 x {num(1.8764, 4, style='sp')} \u20ac", money(m3 * 1.8764)),
             (f"Modernisation des réseaux de collecte {m3} m\u00b3 x 0,1850 \u20ac", money(m3 * 0.185))]
    w_ht, s_ht = money(sum(a for _, a in water)), money(sum(a for _, a in sewer))
    w_tva, s_tva = money(w_ht * 0.055), money(s_ht * 0.10)
    current = money(w_ht + w_tva + s_ht + s_tva)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(1, 90))
    account = f"{digits(rng, 3)} {digits(rng, 3)} {digits(rng, 3)}"
    contract = digits(rng, 10)
    ds = rng.randrange(3)
    total_label = rng.choice(("Montant à payer", "Total à payer", "Montant TTC à régler", "Net à payer"))
    due_label = rng.choice(("À payer avant le", "Date limite de paiement", "Échéance"))
    cur_label = rng.choice(("Montant de la facture TTC", "Total de cette facture", "Montant facturé TTC"))
    acct_label = rng.choice(("Référence client", "N° de compte", "Votre référence"))
    summary_top = rng.random() < 0.6
    mensual = total > 0 and rng.random() < 0.25
    p = Page()
    sy, dy = (48.0, 120.0) if summary_top else (225.0, 50.0)

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"Service client 09 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}  |  "
                       "Urgences 24h/24", 7)
        p.text(120, 24, person, 9, bold=True)
        p.text(120, 29, address, 8)
        p.text(12, 24, f"{acct_label} : {account}", 8.5, bold=True)
        p.text(12, 29, f"N° de contrat : {contract}", 7.5)
        p.text(12, 34, f"Facture du {_date(stmt, ds)}", 8.5)
        p.text(12, 39, f"Adresse de desserte : {address}", 7.5)

    def summary() -> None:
        p.rect(12, sy, 186, 42, fill=244)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Solde de la facture précédente", _eur(prev)))
            if paid:
                rows.append(("Paiements reçus", _eur(-paid)))
        rows += [(cur_label, _eur(current)), (total_label, _eur(total))]
        for i, (k, v) in enumerate(rows):
            p.text(15, sy + 4 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(80, sy + 4 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=34, align="R")
        p.rect(125, sy + 4, 68, 30, line=0.5)
        p.text(128, sy + 7, total_label, 9, bold=True)
        p.text(128, sy + 13, _eur(total), 14, bold=True)
        if mensual:
            p.text(128, sy + 23, f"Prélevé le {_date(due, ds)}", 8.5, bold=True)
        else:
            p.text(128, sy + 23, f"{due_label} {_date(due, ds)}", 8.5, bold=True)
        p.text(15, sy + 35, f"Prix moyen du litre d'eau : {num(current / m3 / 1000, 4, style='sp')} \u20ac", 7)

    def detail() -> None:
        y = dy
        p.text(12, y, f"Relevé de compteur - consommation du {_date(start, ds)} au {_date(end, ds)}", 9, bold=True)
        old = rng.randint(100, 4000)
        rows = [["Compteur", "Ancien index", "Nouvel index", "Consommation"],
                [meter, f"{old} (réel)", f"{old + m3} ({rng.choice(('réel', 'réel', 'estimé'))})", f"{m3} m\u00b3"]]
        y = p.table(12, y + 5, [44, 40, 40, 40], rows, size=7.5, row_h=5, aligns="LRRR")
        p.text(12, y + 1.5, f"Même période l'an dernier : {int(m3 * rng.uniform(0.7, 1.3))} m\u00b3  |  Moyenne : "
                            f"{round(m3 * 1000 / max((end - start).days, 1))} litres par jour", 7)
        y += 8
        for title, lines, ht, tva, pct in (("Distribution de l'eau", water, w_ht, w_tva, "5,5"),
                                           ("Collecte et traitement des eaux usées", sewer, s_ht, s_tva, "10")):
            rows = [[title, "Montant HT", "TVA"]] + [[k, num(a, style="sp"), pct + " %"] for k, a in lines]
            rows += [["Sous-total HT", num(ht, style="sp"), ""], [f"TVA {pct} %", num(tva, style="sp"), ""]]
            y = p.table(12, y, [120, 32, 20], rows, size=7.5, row_h=4.8, aligns="LRR") + 3
        p.text(12, y, f"Total HT {_eur(money(w_ht + s_ht))}  |  Total TVA {_eur(money(w_tva + s_tva))}  |  "
                      f"{cur_label} {_eur(current)}", 8, bold=True)

    draw_shuffled(rng, [header, summary, detail])
    p.text(12, 284, f"Prochaine relève vers le {_date(add_months(end, months), ds)}. En cas de retard, une pénalité "
                    "de 10 \u20ac peut être appliquée.", 6.5)
    notes = (f"{'business' if business else 'residential'} French water + sewerage bill, {months}-month period, "
             "water in m3; TVA 5,5 % on water and 10 % on sewerage; current_charges = the bill TTC; contract number "
             f"and meter are not the account; summary at the {'top' if summary_top else 'foot'}; last year's m3, "
             "litres per day, the price per litre and the next reading date are distractors")
    if mensual:
        notes += "; direct debit bill: due date = the debit date"
    record = truth("fr_eau", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="EUR", water_usage=float(m3),
                   water_usage_unit="m3", meter_number=meter, rate_plan=None, previous_balance=prev,
                   current_charges=current)
    return p.output(), record
