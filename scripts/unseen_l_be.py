"""Set L, a Belgian annual settlement for electricity and gas (jaarafrekening / décompte annuel) drawn with the
fpdf2 kit over two pages: Dutch or French, energy + distribution + transport + levies per fuel, VAT 6 % (homes) or
21 % (business), the monthly advances paid deducted to give a balance to pay or to be refunded."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import FR_MONTHS, NL_MONTHS, Page, add_months, digits, draw_shuffled, iso, money, num, truth

SUPPLIERS = ("Scheldeland Energie NV", "Ardenne Énergie SA", "Kempen Stroom & Gas BV")
HOMES = ("Jan Peeters", "Marie Dubois", "Sofie Janssens", "Luc Lambert", "An Maes")
FIRMS = ("Bakkerij De Molen BV", "Garage Delvaux SPRL", "Frituur 't Hoekske")
PLACES_NL = ("Kerkstraat {n}, 9000 Gent", "Stationsstraat {n}, 2800 Mechelen", "Molenweg {n}, 3500 Hasselt")
PLACES_FR = ("Rue de la Station {n}, 5000 Namur", "Avenue des Tilleuls {n}, 4000 Liège",
             "Rue du Moulin {n}, 7000 Mons")
L = {
    "nl": {"title": ("Jaarafrekening", "Afrekening elektriciteit en aardgas", "Uw jaarlijkse afrekening"),
           "total": ("Te betalen", "Saldo te betalen", "Totaal te betalen"),
           "refund": ("Wij betalen u terug", "Terug te betalen aan u"),
           "due": ("Te betalen voor", "Vervaldatum", "Uiterste betaaldatum"),
           "cur": ("Totaal jaarverbruik incl. btw", "Totaal afrekening", "Kosten verbruiksperiode"),
           "adv": "Betaalde voorschotten", "acct": "Klantnummer", "ean": "EAN-code", "meter": "Meternummer",
           "period": "Verbruiksperiode", "stmt": "Factuurdatum", "inv": "Factuurnummer", "elec": "Elektriciteit",
           "gas": "Aardgas", "energy": "Energiekost", "dist": "Distributienettarief", "trans": "Transportnettarief",
           "levy": "Heffingen en bijdragen", "fixed": "Vaste vergoeding", "vat": "Btw", "excl": "Totaal excl. btw",
           "old": "Vorige stand", "new": "Nieuwe stand", "use": "Verbruik", "conv": "Omrekeningsfactor",
           "new_adv": "Uw nieuw voorschot vanaf volgende maand", "last": "Verbruik vorig jaar",
           "tariff": "Product", "addr": "Leveringsadres", "page": "Blad"},
    "fr": {"title": ("Décompte annuel", "Facture de régularisation", "Votre décompte annuel"),
           "total": ("Montant à payer", "Solde à payer", "Total à payer"),
           "refund": ("Montant en votre faveur", "Nous vous remboursons"),
           "due": ("À payer avant le", "Date d'échéance", "Échéance"),
           "cur": ("Total de la période TVAC", "Total du décompte", "Coût de la période"),
           "adv": "Acomptes payés", "acct": "Numéro de client", "ean": "Code EAN", "meter": "Numéro de compteur",
           "period": "Période de consommation", "stmt": "Date de facture", "inv": "Numéro de facture",
           "elec": "Électricité", "gas": "Gaz naturel", "energy": "Coût de l'énergie", "dist": "Tarif de distribution",
           "trans": "Tarif de transport", "levy": "Taxes et surcharges", "fixed": "Redevance fixe", "vat": "TVA",
           "excl": "Total HTVA", "old": "Ancien index", "new": "Nouvel index", "use": "Consommation",
           "conv": "Facteur de conversion", "new_adv": "Votre nouvel acompte à partir du mois prochain",
           "last": "Consommation de l'an dernier", "tariff": "Produit", "addr": "Adresse de fourniture",
           "page": "Page"},
}


def _date(d: dt.date, lang: str, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d.%m.%Y")
    return f"{d.day} {(NL_MONTHS if lang == 'nl' else FR_MONTHS)[d.month - 1]} {d.year}"


def _eur(v: float) -> str:
    return f"\u20ac {num(v, style='eu')}" if v >= 0 else f"-\u20ac {num(-v, style='eu')}"


def be_settlement(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    lang = rng.choice(("nl", "fr"))
    t = L[lang]
    provider = rng.choice(SUPPLIERS)
    business = rng.random() < 0.3
    vat_pct = 21 if business else 6
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 12) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(8, 25))
    due = stmt + dt.timedelta(days=rng.choice((15, 20, 30)))
    kwh = rng.randint(1800, 4800) * (3 if business else 1)
    m3 = rng.randint(700, 1900) * (2 if business else 1)
    factor = rng.choice((10.512, 10.734, 11.021, 10.889))
    gas_kwh = round(m3 * factor)
    e_meter, g_meter = digits(rng, 8), digits(rng, 8)
    e_ean, g_ean = "5414" + digits(rng, 14), "5414" + digits(rng, 14)
    e_old, g_old = rng.randint(10000, 80000), rng.randint(2000, 30000)
    product = rng.choice(("Vast Groen 1 jaar", "Variabel Comfort", "Fixe Online 3 ans", "Variable Flex"))

    def fuel(units: int, energy: float, dist: float, trans: float, levy: float, fixed: float) -> list[tuple[str, str,
                                                                                                       float]]:
        return [(t["energy"], f"{num(units, 0, style='eu')} kWh x \u20ac {num(energy, 5, style='eu')}",
                 money(units * energy)),
                (t["fixed"], "12 x \u20ac " + num(fixed, style="eu"), money(12 * fixed)),
                (t["dist"], f"{num(units, 0, style='eu')} kWh x \u20ac {num(dist, 5, style='eu')}",
                 money(units * dist)),
                (t["trans"], f"{num(units, 0, style='eu')} kWh x \u20ac {num(trans, 5, style='eu')}",
                 money(units * trans)),
                (t["levy"], f"{num(units, 0, style='eu')} kWh x \u20ac {num(levy, 5, style='eu')}",
                 money(units * levy))]

    e_lines = fuel(kwh, rng.choice((0.11842, 0.13275, 0.09961)), 0.10412, 0.02287, 0.05013, 4.50)
    g_lines = fuel(gas_kwh, rng.choice((0.04213, 0.05078, 0.03689)), 0.01854, 0.00192, 0.00811, 3.75)
    e_ex, g_ex = money(sum(a for *_, a in e_lines)), money(sum(a for *_, a in g_lines))
    e_vat, g_vat = money(e_ex * vat_pct / 100), money(g_ex * vat_pct / 100)
    current = money(e_ex + e_vat + g_ex + g_vat)
    monthly = money(round(current / 12 * rng.uniform(0.8, 1.15)))
    advances = money(12 * monthly)
    total = money(current - advances)
    person = rng.choice(FIRMS if business else HOMES)
    n = rng.randint(1, 140)
    address = rng.choice(PLACES_NL if lang == "nl" else PLACES_FR).format(n=n)
    account = digits(rng, 9)
    invoice = digits(rng, 10)
    ds = rng.randrange(3)
    title, total_label = rng.choice(t["title"]), rng.choice(t["total"] if total >= 0 else t["refund"])
    due_label, cur_label = rng.choice(t["due"]), rng.choice(t["cur"])
    summary_top = rng.random() < 0.6
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"BTW/TVA BE0{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)}  |  IBAN BE{digits(rng, 2)} "
                       f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}", 7)
        p.text(120, 30, person, 9, bold=True)
        p.text(120, 35, address, 8.5)
        p.text(12, 44, title, 12, bold=True)

    def ids() -> None:
        rows = [[t["acct"], account], [t["inv"], invoice], [t["stmt"], _date(stmt, lang, ds)],
                [t["period"], f"{_date(start, lang, ds)} - {_date(end, lang, ds)}"], [t["tariff"], product],
                [t["addr"], address]]
        p.table(12, 52, [40, 70], rows, size=7.5, row_h=4.8, header=False, aligns="LL")

    sy = 88.0 if summary_top else 220.0

    def summary() -> None:
        p.rect(12, sy, 186, 42, fill=244)
        rows = [(f"{t['elec']} ({t['excl']})", _eur(e_ex)), (f"{t['gas']} ({t['excl']})", _eur(g_ex)),
                (f"{t['vat']} {vat_pct} %", _eur(money(e_vat + g_vat))), (cur_label, _eur(current)),
                (f"{t['adv']} (12 x {_eur(monthly)})", _eur(-advances)),
                (total_label, _eur(abs(total)) if total < 0 else _eur(total))]
        for i, (k, v) in enumerate(rows):
            p.text(15, sy + 3 + i * 5.5, k, 8.5, bold=i == len(rows) - 1)
            p.text(110, sy + 3 + i * 5.5, v, 8.5, bold=i == len(rows) - 1, w=34, align="R")
        if total >= 0:
            p.text(150, sy + 8, due_label, 8.5, bold=True)
            p.text(150, sy + 13, _date(due, lang, ds), 10, bold=True)
        p.text(15, sy + 37, f"{t['new_adv']}: {_eur(money(monthly + rng.choice((5, 10, 15))))}", 7.5)

    def history() -> None:
        y = 145.0 if summary_top else 100.0
        rows = [["", t["elec"] + " (kWh)", t["gas"] + " (kWh)"],
                [t["last"], num(int(kwh * rng.uniform(0.8, 1.2)), 0, style="eu"),
                 num(int(gas_kwh * rng.uniform(0.8, 1.2)), 0, style="eu")],
                [t["use"], num(kwh, 0, style="eu"), num(gas_kwh, 0, style="eu")]]
        p.table(12, y, [60, 45, 45], rows, size=7.5, row_h=4.8, aligns="LRR")

    draw_shuffled(rng, [header, ids, summary, history])
    p.text(12, 285, f"{t['page']} 1/2", 7)
    p.new_page()
    p.text(12, 10, f"{title} - {t['acct']} {account}", 10, bold=True)
    gas_first = rng.random() < 0.3
    rows = [[t["meter"], t["ean"], t["old"], t["new"], t["use"]]]
    e_row = [e_meter, e_ean, num(e_old, 0, style="eu"), num(e_old + kwh, 0, style="eu"),
             f"{num(kwh, 0, style='eu')} kWh"]
    g_row = [g_meter, g_ean, num(g_old, 0, style="eu"), num(g_old + m3, 0, style="eu"),
             f"{num(m3, 0, style='eu')} m\u00b3"]
    rows += [g_row, e_row] if gas_first else [e_row, g_row]
    y = p.table(12, 20, [30, 50, 30, 30, 36], rows, size=7.5, row_h=5, aligns="LLRRR")
    p.text(12, y + 2, f"{t['gas']}: {num(m3, 0, style='eu')} m\u00b3 x {t['conv']} {num(factor, 3, style='eu')} = "
                      f"{num(gas_kwh, 0, style='eu')} kWh", 8)
    y += 10
    for label, lines, ex, vat in ((t["elec"], e_lines, e_ex, e_vat), (t["gas"], g_lines, g_ex, g_vat)):
        p.text(12, y, label, 9.5, bold=True)
        trows = [["", "", "\u20ac"]] + [[k, q, num(a, style="eu")] for k, q, a in lines]
        trows += [[t["excl"], "", num(ex, style="eu")], [f"{t['vat']} {vat_pct} %", "", num(vat, style="eu")]]
        y = p.table(12, y + 5, [70, 80, 30], trows, size=7.5, row_h=4.8, aligns="LLR") + 6
    p.text(12, 285, f"{t['page']} 2/2", 7)
    first = g_meter if gas_first else e_meter
    notes = (f"{'business' if business else 'residential'} Belgian annual settlement in "
             f"{'Dutch' if lang == 'nl' else 'French'}, two pages, electricity + gas; current_charges = the year's "
             f"cost incl. VAT {vat_pct} %; total = current minus the 12 monthly advances (no previous balance); gas "
             f"billed in kWh (m3 x conversion factor); meter table lists {'gas' if gas_first else 'electricity'} "
             "first; EAN codes and the invoice number are not the account; last year's use and the new advance "
             "are distractors")
    if total < 0:
        notes += "; advances exceed the cost: a refund (total negative, no due date)"
    record = truth("be_settlement", notes, provider=provider, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due) if total >= 0 else None,
                   billing_period_start=iso(start), billing_period_end=iso(end), total_amount_due=total,
                   currency="EUR", electricity_kwh=float(kwh), gas_usage=float(gas_kwh), gas_usage_unit="kWh",
                   meter_number=first, rate_plan=product, previous_balance=None, current_charges=current)
    return p.output(), record
