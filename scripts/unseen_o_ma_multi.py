"""Set O, a Moroccan multi-service bill (electricity, drinking water and sanitation on one client reference) from
a regional distribution utility, in French, drawn with the fpdf2 kit on A4: dirhams (`1 234,56 DH`), electricity
in progressive tranches with a per-tranche price, the TPPAN (audiovisual levy) and TVA 14 % on electricity, water
in tranches per m³ with TVA 7 %, sanitation per m³ with TVA 10 %, a meter rental per service, one subtotal per
service, unpaid earlier bills ("Impayés antérieurs") on some, a cut-off date after the due date, and the two
service contract numbers beside the client reference as distractors."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import FR_MONTHS, Page, digits, draw_shuffled, iso, money, num, truth

UTILITIES = ("Régie Autonome de Distribution du Souss (RADS)", "Atlas Distribution Eau et Électricité SA",
             "Régie de Distribution du Tensift", "Société de Distribution de l'Oriental")
HOMES = ("M. Youssef El Amrani", "Mme Fatima Zahra Bennani", "M. Hassan Ouazzani", "Mme Khadija Alaoui",
         "M. Mehdi Tazi")
FIRMS = ("Café Les Palmiers SARL", "Boulangerie Al Baraka", "Pharmacie Ennour")
PLACES = ("{n} Rue Ibn Battouta, Agadir", "Résidence Al Manar Imm {n} Apt 4, Marrakech",
          "{n} Avenue Mohammed V, Oujda", "{n} Lotissement Al Qods, Inezgane", "{n} Derb Sidi Bouloukat, Marrakech")
# domestic progressive electricity tranches (upper kWh bound, DH/kWh HT) and water tranches (upper m³, DH/m³ HT)
ELEC = ((100, 0.9010), (150, 1.0732), (210, 1.0732), (310, 1.1676), (510, 1.3817), (10**9, 1.5958))
WATER = ((6, 2.37), (12, 7.40), (20, 7.72), (35, 11.28), (10**9, 11.64))


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d-%m-%Y")
    return ("1er" if d.day == 1 else str(d.day)) + f" {FR_MONTHS[d.month - 1]} {d.year}"


def _dh(v: float, suffix: str) -> str:
    return f"{num(v, style='sp')} {suffix}"


def _tranches(qty: int, bands: tuple[tuple[int, float], ...]) -> list[tuple[int, int, float]]:
    """(low, quantity, price) of each band a progressive tariff bills ``qty`` in."""
    out, low = [], 0
    for top, price in bands:
        if qty <= low:
            break
        part = min(qty, top) - low
        out.append((low, part, price))
        low = top
    return out


def ma_multi(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    utility = rng.choice(UTILITIES)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(2, 26))
    days = rng.randint(29, 33)
    end = start + dt.timedelta(days=days)
    stmt = end + dt.timedelta(days=rng.randint(3, 9))
    due = stmt + dt.timedelta(days=rng.choice((10, 15)))
    cut = due + dt.timedelta(days=rng.choice((10, 15)))
    ds = rng.randrange(3)
    suffix = rng.choice(("DH", "DH", "DHS", "MAD"))
    kwh = rng.randint(250, 2200) if business else rng.randint(60, 480)
    m3 = rng.randint(20, 90) if business else rng.randint(4, 32)
    elec_lines: list[tuple[str, float]] = []
    if business:
        elec_lines.append((f"Consommation {num(kwh, 0, style='sp')} kWh x 1,4683", money(kwh * 1.4683)))
    else:
        for low, part, price in _tranches(kwh, ELEC):
            label = f"Tranche {low + 1}-{low + part} kWh" if part else ""
            elec_lines.append((f"{label} : {part} kWh x {num(price, 4, style='sp')}", money(part * price)))
    elec_lines.append(("Location et entretien compteur", 8.40))
    tppan = money(kwh * 0.10 if business else (0.0 if kwh <= 100 else kwh * 0.10))
    elec_ht = money(sum(a for _, a in elec_lines))
    elec_tva = money(elec_ht * 0.14)
    elec_ttc = money(elec_ht + elec_tva + tppan)
    water_lines: list[tuple[str, float]] = []
    if business:
        water_lines.append((f"Consommation {m3} m³ x 11,6400", money(m3 * 11.64)))
    else:
        for low, part, price in _tranches(m3, WATER):
            water_lines.append((f"Tranche {low + 1}-{low + part} m³ : {part} m³ x {num(price, 2, style='sp')}",
                                money(part * price)))
    water_lines.append(("Location et entretien compteur", 6.20))
    water_ht = money(sum(a for _, a in water_lines))
    water_tva = money(water_ht * 0.07)
    water_ttc = money(water_ht + water_tva)
    san_ht = money(m3 * (3.10 if business else 1.14) + 3.50)
    san_tva = money(san_ht * 0.10)
    san_ttc = money(san_ht + san_tva)
    current = money(elec_ttc + water_ttc + san_ttc)
    unpaid = rng.random() < 0.3
    prev = money(current * rng.uniform(0.7, 1.4)) if unpaid else None
    total = money((prev or 0) + current)
    person = rng.choice(FIRMS if business else HOMES)
    address = rng.choice(PLACES).format(n=rng.randint(3, 240))
    account = digits(rng, 8)
    contract_e, contract_w = digits(rng, 7), digits(rng, 7)
    meter_e = f"{rng.choice(('CE', 'EL'))}{digits(rng, 8)}"
    meter_w = f"{rng.choice(('CP', 'EA'))}{digits(rng, 7)}"
    rate_plan = "BT Patenté" if business else rng.choice(("BT Domestique", "Basse Tension Usage Domestique"))
    e_old, w_old = rng.randint(2000, 90000), rng.randint(100, 9000)
    total_label = rng.choice(("Net à payer", "Montant à payer", "Total à payer"))
    cur_label = rng.choice(("Montant de la facture", "Total facture du mois", "Total de la présente facture"))
    due_label = rng.choice(("Date limite de paiement", "À payer avant le", "Échéance"))
    p = Page()

    def head() -> None:
        p.text(14, 10, utility, 13, bold=True)
        p.text(14, 16.5, f"Centre de relation client 080 200 {digits(rng, 4)}  |  ICE {digits(rng, 15)}", 7)
        p.text(120, 26, person, 9.5, bold=True)
        p.text(120, 31, address, 8.5)

    def ids() -> None:
        p.text(14, 26, "FACTURE EAU - ÉLECTRICITÉ - ASSAINISSEMENT", 10, bold=True)
        rows = [["Référence client", account], ["Date d'émission", _date(stmt, ds)],
                ["N° facture", f"F{digits(rng, 10)}"], ["Tarif électricité", rate_plan],
                ["Période", f"du {_date(start, ds)} au {_date(end, ds)}"]]
        p.table(14, 32, [34, 62], rows, size=7.5, row_h=4.8, header=False)

    def meters() -> None:
        p.text(14, 62, "Relevés des compteurs", 9.5, bold=True)
        rows = [["Service", "N° contrat", "N° compteur", "Ancien index", "Nouvel index", "Consommation"],
                ["Électricité", contract_e, meter_e, str(e_old), str(e_old + kwh), f"{kwh} kWh"],
                ["Eau potable", contract_w, meter_w, str(w_old), str(w_old + m3), f"{m3} m³"]]
        p.table(14, 67, [26, 24, 28, 26, 26, 30], rows, size=7.5, row_h=4.8, aligns="LLLRRR")

    def detail() -> None:
        y = 88.0
        p.text(14, y, "Détail de la facture", 9.5, bold=True)
        rows = [["Électricité", ""]] + [[k, _dh(a, suffix)] for k, a in elec_lines]
        if tppan:
            rows.append(["TPPAN (0,10 DH/kWh)", _dh(tppan, suffix)])
        rows += [[f"TVA 14 % sur {_dh(elec_ht, suffix)}", _dh(elec_tva, suffix)],
                 ["Sous-total électricité TTC", _dh(elec_ttc, suffix)],
                 ["Eau potable", ""]] + [[k, _dh(a, suffix)] for k, a in water_lines]
        rows += [[f"TVA 7 % sur {_dh(water_ht, suffix)}", _dh(water_tva, suffix)],
                 ["Sous-total eau TTC", _dh(water_ttc, suffix)],
                 ["Assainissement", ""],
                 [f"Redevance assainissement {m3} m³ + part fixe", _dh(san_ht, suffix)],
                 [f"TVA 10 % sur {_dh(san_ht, suffix)}", _dh(san_tva, suffix)],
                 ["Sous-total assainissement TTC", _dh(san_ttc, suffix)],
                 [cur_label, _dh(current, suffix)]]
        p.table(14, y + 5, [120, 40], rows, size=7.2, row_h=4.3, header=False, aligns="LR")

    def summary() -> None:
        y = 228.0 if rng.random() < 0.5 else 222.0
        p.rect(14, y, 182, 30, fill=244)
        rows: list[tuple[str, str]] = [(cur_label, _dh(current, suffix))]
        if prev is not None:
            rows.append(("Impayés antérieurs", _dh(prev, suffix)))
        rows.append((total_label, _dh(total, suffix)))
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(17, y + 3 + i * 5.5, k, 9, bold=last)
            p.text(80, y + 3 + i * 5.5, v, 9, bold=last, w=34, align="R")
        p.text(125, y + 3, f"{due_label} : {_date(due, ds)}", 8.5, bold=True)
        p.text(125, y + 9, f"Coupure possible à partir du {_date(cut, ds)}", 7.5)
        p.text(125, y + 14, "Paiement en agence, par GAB ou en ligne", 7.5)

    draw_shuffled(rng, [head, ids, meters, detail, summary])
    p.text(14, 284, f"{utility}  |  Consommation moyenne {num(kwh / days, 1, style='sp')} kWh/jour", 6.5)
    notes = (f"{'business (patenté)' if business else 'residential'} Moroccan multi-service bill (electricity, "
             "water, sanitation) in French, dirhams with a space thousands separator and decimal comma; "
             + ("flat electricity and water prices" if business else "progressive tranches")
             + "; TPPAN + TVA 14 % on electricity, TVA 7 % water, TVA 10 % sanitation; "
             f"current_charges = '{cur_label}'"
             + ("; unpaid earlier bills added (previous_balance)" if unpaid else "")
             + "; meter_number = the electricity meter (listed first); the two contract numbers, the invoice "
             "number, the cut-off date and the daily average are distractors")
    record = truth("ma_multi", notes, provider=utility, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="MAD", electricity_kwh=float(kwh),
                   water_usage=float(m3), water_usage_unit="m3", meter_number=meter_e, rate_plan=rate_plan,
                   previous_balance=prev, current_charges=current)
    return p.output(), record
