"""Set E, two layouts: a Texas retail electric provider bill (TDU delivery charges passed through) and a Swiss
electricity bill in German or French (quarterly with reads, monthly, or an advance bill without reads) with a
QR-bill payment part at the foot."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from unseen_kit import (
    DE_MONTHS,
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

TX_REPS = ("Bluebonnet Power Retail, LLC", "Pecan Valley Electric Supply", "Lone Mesa Energy Services LP")
TX_TDUS = (("Gulf Prairie Wires Co.", 4.39, 3.21, 0.04588), ("North Plains Delivery LLC", 3.42, 3.52, 0.04122),
           ("Coastal Bend Transmission & Distribution", 4.79, 2.88, 0.05236))
TX_HOMES = ("MARIA DELGADO", "JAMES & KAREN HOLLOWAY", "DEREK NGUYEN", "PRIYA RAMAN", "LATOYA BROOKS")
TX_SHOPS = ("BIG SKY TACO LLC", "HILL COUNTRY DENTAL PLLC", "REYES AUTO REPAIR")
TX_STREETS = ("OAK BEND DR", "RANCH ROAD 620", "W ALABAMA ST", "BLUEBONNET LN", "MESQUITE TRL", "ELM CREEK BLVD")
TX_TOWNS = ("HOUSTON, TX 77070", "KATY, TX 77494", "ARLINGTON, TX 76012", "ROUND ROCK, TX 78664", "PLANO, TX 75023")
TX_PLANS = ("Bluebonnet Saver 12", "Lone Star Fixed 24", "Simple Rate 12", "Business Secure 36")


def _tx_date(d: dt.date, style: int) -> str:
    return d.strftime("%m/%d/%y") if style == 0 else f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def _usd(v: float) -> str:
    return signed(v, "$")


def texas_retail(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(TX_REPS)
    tdu, cust_fee, meter_fee, deliv = rng.choice(TX_TDUS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(1, 3))
    due = stmt + dt.timedelta(days=rng.randint(16, 21))
    mult = rng.choice((1, 1, 20)) if business else 1
    kwh = (rng.randint(60, 400) * mult) if mult > 1 else rng.randint(1500, 9000) if business else rng.randint(450, 2800)
    cents = round(rng.uniform(11.2, 17.4), 1)
    base = rng.choice((0.0, 4.95, 9.95))
    energy = [(f"Energy Charge {num(kwh, 0)} kWh @ {cents}¢ per kWh", money(kwh * cents / 100))]
    if base:
        energy.append(("Base Charge", base))
    credit = not business and rng.random() < 0.4 and kwh >= 1000
    if credit:
        energy.append(("Usage Credit (1,000 kWh or more)", -30.0))
    tdu_lines = [("TDU Customer Charge", cust_fee), ("TDU Metering Charge", meter_fee),
                 (f"TDU Delivery Charge {num(kwh, 0)} kWh @ ${deliv:.5f}", money(kwh * deliv))]
    sub = money(sum(a for _, a in energy + tdu_lines))
    fees = [("PUC Assessment 0.1667%", money(sub * 0.001667)), ("Gross Receipts Tax Reimbursement 1.997%",
                                                                  money(sub * 0.01997))]
    taxable = money(sub + sum(a for _, a in fees))
    taxes: list[tuple[str, float]] = []
    if business:
        taxes = [(f"State Sales Tax 6.25% on {_usd(taxable)}", money(taxable * 0.0625)),
                 (f"Local Sales Tax 2.00% on {_usd(taxable)}", money(taxable * 0.02))]
    elif rng.random() < 0.5:
        taxes = [(f"City Sales Tax 1.00% on {_usd(taxable)}", money(taxable * 0.01))]
    current = money(taxable + sum(a for _, a in taxes))
    story = rng.random()
    if story < 0.15:  # paid too much last month: a credit carried forward
        prev, paid = money(current * rng.uniform(0.8, 1.2)), 0.0
        paid = money(prev + rng.choice((25.0, 40.0, 60.0)))
    else:
        prev, paid = balance_story(rng, current)
    forward = money((prev or 0) - (paid or 0))
    total = money(forward + current)

    person = rng.choice(TX_SHOPS if business else TX_HOMES)
    street, town = f"{rng.randint(100, 24999)} {rng.choice(TX_STREETS)}", rng.choice(TX_TOWNS)
    address = f"{street}, {town}"
    account = digits(rng, rng.choice((9, 10)))
    esi = f"10{digits(rng, 15)}" if rng.random() < 0.7 else f"1008901{digits(rng, 15)}"
    invoice, meter = digits(rng, 11), f"{digits(rng, 9)}LG"
    plan = TX_PLANS[3] if business else rng.choice(TX_PLANS[:3])
    ds = rng.randrange(2)
    total_label = rng.choice(("Amount Due", "Total Amount Due", "Amount Due"))
    pay_label = rng.choice(("Please pay by", "Please Pay By", "Payment Due Date"))
    prior = rng.randint(10000, 95000)
    p = Page(fmt="Letter")

    def header() -> None:
        p.text(12, 10, provider, 14, bold=True)
        p.text(12, 17, f"PUCT Certificate No. {rng.randint(10001, 10299)}   Customer Care 1-888-555-{digits(rng, 4)}"
               "   Outages: call your TDU", 6.5)
        p.text(150, 10, "Electricity Facts & Bill", 9, bold=True)
        p.text(12, 26, person, 9, bold=True)
        p.text(12, 30.5, street, 8.5)
        p.text(12, 35, town, 8.5)

    def ids() -> None:
        rows = [["Account Number", account], ["Invoice Number", invoice], ["Statement Date", _tx_date(stmt, ds)],
                ["ESI ID", esi], ["Plan", plan],
                ["Contract Expires", _tx_date(add_months(start, rng.randint(2, 30)).replace(day=1), ds)]]
        p.table(122, 22, [32, 54], rows, size=7, row_h=4.6, header=False, aligns="LL")

    def service() -> None:
        p.text(12, 52, f"Service Address: {address}", 8)
        p.text(12, 57, f"Service Period: {_tx_date(start, ds)} - {_tx_date(end, ds)} ({(end - start).days} days)"
               f"   Your TDU: {tdu}", 8)

    summary_foot = rng.random() < 0.5
    sy = 214.0 if summary_foot else 64.0

    def summary() -> None:
        p.rect(10, sy, 98, 44 if prev is not None else 26, fill=244)
        p.text(13, sy + 2, "Account Summary", 9.5, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows += [("Previous Balance", _usd(prev))]
            if paid:
                when = stmt - dt.timedelta(days=rng.randint(8, 25))
                rows.append((f"Payment Received {when:%m/%d} - Thank You", _usd(-paid)))
            rows.append(("Balance Forward" if forward >= 0 else "Credit Balance Forward", _usd(forward)))
        rows += [("Current Charges", _usd(current)), (total_label, _usd(total))]
        for i, (k, v) in enumerate(rows):
            bold = i == len(rows) - 1
            p.text(13, sy + 8 + i * 5.2, k, 8, bold=bold)
            p.text(72, sy + 8 + i * 5.2, v, 8, bold=bold, w=32, align="R")
        p.text(120, sy + 4, total_label, 10, bold=True)
        p.text(120, sy + 10, _usd(total) if total > 0 else f"{_usd(total)} (credit - do not pay)", 16, bold=True)
        if total > 0:
            p.text(120, sy + 19, f"{pay_label} {_tx_date(due, ds)}", 9, bold=True)
            p.text(120, sy + 24, f"A late fee of 5% of the past-due balance applies after {_tx_date(due, ds)}.", 6.5)

    cy = 120.0 if summary_foot else 112.0

    def charges() -> None:
        y0 = 64.0 if summary_foot else cy
        p.text(12, y0, "Current Charges Detail", 9.5, bold=True)
        rows = [["Description", "Amount"], ["ENERGY CHARGES", ""]] + [[f"  {d}", _usd(a)] for d, a in energy]
        rows += [[f"TDU DELIVERY CHARGES ({tdu})", ""]] + [[f"  {d}", _usd(a)] for d, a in tdu_lines]
        rows += [["TAXES AND FEES", ""]] + [[f"  {d}", _usd(a)] for d, a in fees + taxes]
        if not taxes:
            rows.append(["  Sales Tax (residential exempt)", "$0.00"])
        rows.append(["Total Current Charges", _usd(current)])
        p.table(10, y0 + 4, [92, 24], rows, size=6.8, row_h=4.1, aligns="LR")

    def reads() -> None:
        y0 = 64.0 if summary_foot else cy
        p.text(132, y0, "Meter Reads", 9.5, bold=True)
        rows = [["", "Meter " + meter], ["Previous Read", f"{prior} ({start:%m/%d})"],
                ["Current Read", f"{prior + kwh // mult} ({end:%m/%d})"], ["Multiplier", str(mult)],
                ["Usage (kWh)", num(kwh, 0)], ["Read Type", rng.choice(("Actual", "Actual", "Estimated"))]]
        p.table(130, y0 + 4, [30, 42], rows, size=6.8, row_h=4.6, aligns="LR")
        avg = money(current / kwh * 100)
        p.text(130, y0 + 34, f"Average price this period: {num(avg, 1)}¢ per kWh", 6.8)
        p.text(130, y0 + 38, f"Average daily use: {num(kwh / (end - start).days, 1)} kWh", 6.8)

    def history() -> None:
        y0 = 174.0 if summary_foot else 220.0
        p.text(12, y0, "Your 12-Month Usage (kWh)", 8.5, bold=True)
        heads, vals = [], []
        for i in range(12, 0, -1):
            d = add_months(start, -i)
            heads.append(f"{EN_MONTHS[d.month - 1][:3]}")
            vals.append(num(round(kwh * rng.uniform(0.55, 1.5)), 0))
        p.table(10, y0 + 4, [16] * 12, [heads, vals], size=6.3, row_h=4.2, aligns="C" * 12)
        p.text(12, y0 + 14, f"12-month total: {num(sum(int(v.replace(',', '')) for v in vals), 0)} kWh", 6.5)

    def messages() -> None:
        y0 = 196.0 if summary_foot else 200.0
        p.text(12, y0, "Important Messages", 8, bold=True)
        p.text(12, y0 + 4, "Your Electricity Facts Label, Terms of Service and Your Rights as a Customer are"
               " online.", 6.5)
        p.text(12, y0 + 7.5, f"TDU delivery charges are set by the PUCT and billed by {tdu} to us at cost.", 6.5)

    blocks = [header, ids, service, summary, charges, reads, history, messages]
    draw_shuffled(rng, blocks)
    notes = ("Texas retail electric provider bill (Letter); energy charge in cents per kWh, base charge, TDU delivery"
             " charges passed through (customer, metering, per-kWh delivery); PUC assessment and gross receipts"
             " reimbursement; ESI ID and invoice number are distractors, Account Number is the account; average"
             " price per kWh, average daily use, 12-month usage and contract expiry are distractors")
    notes += "; account summary at the foot" if summary_foot else "; account summary at the top"
    if credit:
        notes += "; a usage credit (negative line) at 1,000 kWh or more"
    if taxes:
        notes += "; sales tax on a printed base"
    if mult > 1:
        notes += f"; commercial meter with multiplier {mult}: usage = (current - previous) x {mult}"
    if total <= 0:
        notes += "; a credit balance: total negative, printed with a minus sign, no amount to pay"
    return p.output(), truth(
        "us_tx_retail", notes, provider=provider, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due) if total > 0 else None, billing_period_start=iso(start),
        billing_period_end=iso(end), total_amount_due=total, currency="USD", electricity_kwh=kwh,
        meter_number=meter, rate_plan=plan, previous_balance=prev, current_charges=current)


CH_WORKS = {"de": (("Elektrizitätswerk Mattenbach AG", "8607 Mattenbach"),
                   ("EW Seeland-Ost Genossenschaft", "3232 Ins-Ost")),
            "fr": (("Services Industriels de Vauron SA", "1580 Vauron"),
                   ("Énergie du Jorat Sàrl", "1083 Mézières-Est"))}
CH_PEOPLE = {"de": ("Herr Reto Brunner", "Frau Claudia Meier-Huber", "Familie Gashi", "Schreinerei Kälin GmbH"),
             "fr": ("Monsieur Laurent Chappuis", "Madame Nathalie Rochat", "Famille Da Silva", "Boulangerie Favre SA")}
CH_STREETS = {"de": ("Dorfstrasse", "Bahnhofstrasse", "Im Rebberg", "Seestrasse"),
              "fr": ("Rue du Lac", "Chemin des Vignes", "Route de Berne", "Avenue de la Gare")}
CH_PLANS = {"de": ("Naturstrom Basis", "Doppeltarif HT/NT", "Gewerbe Standard"),
            "fr": ("Électricité Nature", "Tarif double HP/HC", "Pro Standard")}
L = {"de": dict(acct="Kundennummer", inv="Rechnungsnummer", date="Rechnungsdatum", mp="Messpunkt",
                meter="Zählernummer", period="Abrechnungsperiode", due="Zahlbar bis", total="Rechnungsbetrag",
                energy="Energie", net="Netznutzung", levy="Abgaben und Leistungen", vat="MWST 8.1 % auf",
                round="Rundungsdifferenz", plan="Produkt", base="Grundpreis Netz", q="Quartalsrechnung",
                m="Monatsrechnung", a="Akontorechnung", sub="Total exkl. MWST", gross="Total inkl. MWST",
                ht="Hochtarif (HT)", nt="Niedertarif (NT)", open="Offener Betrag Rechnung", cr="Guthaben Vorperiode"),
     "fr": dict(acct="No client", inv="No facture", date="Date de facture", mp="Point de mesure",
                meter="No compteur", period="Période de facturation", due="Payable jusqu'au", total="Montant à payer",
                energy="Énergie", net="Utilisation du réseau", levy="Taxes et redevances", vat="TVA 8.1 % sur",
                round="Arrondi", plan="Produit", base="Taxe de base réseau", q="Facture trimestrielle",
                m="Facture mensuelle", a="Facture d'acompte", sub="Total hors TVA", gross="Total TVA incl.",
                ht="Heures pleines (HP)", nt="Heures creuses (HC)", open="Solde impayé facture",
                cr="Avoir période précédente")}


def _chf(v: float, apo: str = "'") -> str:
    return ("-" if v < 0 else "") + num(abs(v)).replace(",", apo)


def _ch_date(d: dt.date, lang: str, long: bool) -> str:
    if not long:
        return d.strftime("%d.%m.%Y")
    if lang == "de":
        return f"{d.day}. {DE_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {FR_MONTHS[d.month - 1]} {d.year}"


def _five_rappen(v: float) -> float:
    return float((Decimal(str(v)) * 20).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 20)


def swiss_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    lang = rng.choice(("de", "fr"))
    t = L[lang]
    provider, town = rng.choice(CH_WORKS[lang])
    kind = rng.choice(("q", "q", "q", "m", "a", "a"))
    months = 1 if kind == "m" else 3
    start = dt.date(rng.randint(2024, 2025), rng.choice((1, 4, 7, 10)) if months == 3 else rng.randint(1, 12), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = start + dt.timedelta(days=rng.randint(5, 20)) if kind == "a" else end + dt.timedelta(days=rng.randint(6, 18))
    due = stmt + dt.timedelta(days=30)
    two = rng.random() < 0.6
    kwh_parts = [rng.randint(120, 420) * months] + ([rng.randint(60, 260) * months] if two else [])
    kwh = sum(kwh_parts)
    apo = rng.choice(("'", "'", "’"))
    rp = lambda q, r: f"{num(q, 0).replace(',', apo)} kWh x {r:.2f} Rp./kWh"  # noqa: E731
    lines: list[tuple[str, str, str, float]] = []  # (group, text, calc, amount)
    if kind == "a":
        monthly = float(rng.choice((60, 75, 90, 105, 140, 185)))  # the advance is a round sum per month
        net = money(monthly * months)
        lines.append((t["a"], f"{t['a']} {start:%m.%Y} - {end:%m.%Y}", f"{months} x {_chf(monthly, apo)}", net))
    else:
        names = [t["ht"], t["nt"]] if two else [t["energy"]]
        for name, q, r in zip(names, kwh_parts, (rng.uniform(14, 19), rng.uniform(10, 13.5)), strict=False):
            lines.append((t["energy"], f"{t['energy']} {name}", rp(q, round(r, 2)), money(q * round(r, 2) / 100)))
        for name, q, r in zip(names, kwh_parts, (rng.uniform(9, 12), rng.uniform(5, 7)), strict=False):
            lines.append((t["net"], f"{t['net']} {name}", rp(q, round(r, 2)), money(q * round(r, 2) / 100)))
        fee = rng.choice((5.0, 7.5, 9.0))
        lines.append((t["net"], t["base"], f"{months} x {_chf(fee)}", money(months * fee)))
        kev, res = ("Netzzuschlag (KEV)", "Stromreserve") if lang == "de" else ("Supplément réseau (RPC)",
                                                                               "Réserve d'électricité")
        lines.append((t["levy"], kev, rp(kwh, 2.3), money(kwh * 0.023)))
        lines.append((t["levy"], res, rp(kwh, 1.2), money(kwh * 0.012)))
        lines.append((t["levy"], f"Gemeindeabgabe {town.split()[1]}" if lang == "de" else f"Redevance communale "
                      f"{town.split()[1]}", rp(kwh, 0.9), money(kwh * 0.009)))
    sub = money(sum(a for *_, a in lines))
    vat = money(sub * 0.081)
    gross = money(sub + vat)
    story = rng.random()
    prev = None
    if story < 0.3:  # an earlier invoice still open is carried onto this one
        prev = money(gross * rng.uniform(0.7, 1.2))
    elif story < 0.45 and kind != "a":  # a credit left by the last final bill is deducted
        prev = -money(rng.uniform(20, 90))
    exact = money(gross + (prev or 0))
    total = _five_rappen(exact)

    person = rng.choice(CH_PEOPLE[lang])
    street = f"{rng.choice(CH_STREETS[lang])} {rng.randint(1, 90)}"
    address = f"{street}, {town}"
    customer, invoice = digits(rng, 7), f"{digits(rng, 3)}.{digits(rng, 6)}"
    mp, meter = f"CH10{digits(rng, 9)}0000000000000{digits(rng, 7)}", digits(rng, 8)
    plan = CH_PLANS[lang][2 if "GmbH" in person or "SA" in person else rng.randrange(2)]
    long = rng.random() < 0.3
    ref = digits(rng, 27)
    iban = f"CH{digits(rng, 2)} 3000 0{digits(rng, 3)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 1)}"
    title = {"q": t["q"], "m": t["m"], "a": t["a"]}[kind]
    p = Page()

    def letterhead() -> None:
        p.text(15, 10, provider, 13, bold=True)
        p.text(15, 16, f"{town}  |  MWST-Nr. / No TVA CHE-{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)} MWST", 6.5)
        p.text(120, 34, person, 9)
        p.text(120, 38.5, street, 9)
        p.text(120, 43, town, 9)

    def ids() -> None:
        rows = [[t["acct"], customer], [t["inv"], invoice], [t["date"], _ch_date(stmt, lang, long)],
                [t["plan"], plan], [t["mp"], mp]]
        p.table(12, 26, [30, 70], rows, size=6.8, row_h=4.4, header=False, aligns="LL")

    def heading() -> None:
        p.text(15, 56, title, 12, bold=True)
        p.text(15, 63, f"{t['period']}: {_ch_date(start, lang, False)} - {_ch_date(end, lang, False)}", 8.5)
        p.text(15, 68, f"{'Verbrauchsort' if lang == 'de' else 'Lieu de consommation'}: {address}", 8)

    def reads() -> None:
        if kind == "a":
            p.text(15, 76, ("Akontorechnung ohne Zählerstände; Basis: Verbrauch Vorjahr "
                            if lang == "de" else "Acompte sans relevé; base : consommation de l'an dernier ")
                   + f"{num(kwh * 4, 0).replace(',', apo)} kWh", 7.5)
            return
        rows = [[t["meter"], "Tarif", "Stand alt / ancien", "Stand neu / nouveau", "kWh"]]
        for name, q in zip(["HT", "NT"] if two else ["ET"], kwh_parts, strict=False):
            a = rng.randint(1000, 60000)
            rows.append([meter, name, num(a, 0).replace(",", apo), num(a + q, 0).replace(",", apo),
                         num(q, 0).replace(",", apo)])
        rows.append(["Total", "", "", "", num(kwh, 0).replace(",", apo)])
        p.table(12, 76, [34, 16, 34, 34, 24], rows, size=7, row_h=4.6, aligns="LLRRR")

    def detail() -> None:
        y0 = 104.0
        rows = [[("Bezeichnung" if lang == "de" else "Désignation"), ("Menge / Ansatz" if lang == "de" else
                                                                        "Quantité / prix"), "CHF"]]
        group = ""
        for g, text, calc, a in lines:
            if g != group:
                rows.append([g, "", ""])
                group = g
            rows.append([f"  {text}", calc, _chf(a, apo)])
        rows += [[t["sub"], "", _chf(sub, apo)], [f"{t['vat']} CHF {_chf(sub, apo)}", "", _chf(vat, apo)],
                 [t["gross"], "", _chf(gross, apo)]]
        if prev is not None:
            rows.append([t["open"] + f" {digits(rng, 3)}.{digits(rng, 6)}" if prev > 0 else t["cr"], "",
                         _chf(prev, apo)])
        if total != exact:
            rows.append([t["round"], "", _chf(money(total - exact), apo)])
        rows.append([t["total"], "", _chf(total, apo)])
        p.table(12, y0, [96, 56, 34], rows, size=6.8, row_h=4.2, aligns="LLR")
        p.text(15, y0 + 4.2 * len(rows) + 2, f"{t['due']} {_ch_date(due, lang, long)}", 8.5, bold=True)

    def qr_bill() -> None:
        y0 = 192.0
        p.hline(0, 210, y0, dash=True)
        p.text(5, y0 + 3, "Empfangsschein" if lang == "de" else "Récépissé", 9, bold=True)
        p.text(67, y0 + 3, "Zahlteil" if lang == "de" else "Section paiement", 9, bold=True)
        p.rect(67, y0 + 12, 46, 46)
        p.text(80, y0 + 33, "Swiss QR Code", 7)
        for x in (5, 118):
            p.text(x, y0 + 10, "Konto / Zahlbar an" if lang == "de" else "Compte / Payable à", 6, bold=True)
            p.text(x, y0 + 13.5, iban, 7)
            p.text(x, y0 + 17, provider, 7)
            p.text(x, y0 + 23, "Referenz" if lang == "de" else "Référence", 6, bold=True)
            p.text(x, y0 + 26.5, " ".join([ref[:2]] + [ref[i:i + 5] for i in range(2, 27, 5)]), 7)
            p.text(x, y0 + 32, "Zahlbar durch" if lang == "de" else "Payable par", 6, bold=True)
            p.text(x, y0 + 35.5, person, 7)
        p.text(5, y0 + 62, "Währung   Betrag" if lang == "de" else "Monnaie   Montant", 6, bold=True)
        p.text(5, y0 + 66, f"CHF        {num(total).replace(',', ' ')}", 8)
        p.text(67, y0 + 62, "Währung   Betrag" if lang == "de" else "Monnaie   Montant", 6, bold=True)
        p.text(67, y0 + 66, f"CHF        {num(total).replace(',', ' ')}", 9)

    blocks = [letterhead, ids, heading, reads, detail] + ([qr_bill] if total > 0 else [])
    draw_shuffled(rng, blocks)
    notes = (f"Swiss electricity bill in {'German' if lang == 'de' else 'French'}; CHF with apostrophe thousands;"
             " dd.mm.yyyy; Rp./kWh prices (centimes); energy, network use and levies (KEV, reserve, municipal fee);"
             " MWST/TVA 8.1 % on a printed base; the payable amount is rounded to 5 Rappen, current_charges is the"
             " total incl. VAT before rounding; the Messpunkt/point de mesure, invoice number and the 27-digit QR"
             " reference are distractors, Kundennummer/No client is the account")
    if kind == "a":
        notes += ("; an advance bill (Akonto/acompte) issued inside its quarter: no reads, no kWh (last year's kWh"
                  " is a distractor)")
    else:
        notes += "; quarterly bill with reads" if kind == "q" else "; monthly bill with reads"
        notes += "; kWh = HT + NT" if two else ""
    if prev is not None:
        notes += "; an unpaid earlier invoice added" if prev > 0 else "; a credit from the previous period deducted"
    if total > 0:
        notes += "; QR-bill payment part at the foot repeats the amount with a space as thousands separator"
    return p.output(), truth(
        "ch_strom", notes, provider=provider, account_number=customer, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="CHF", electricity_kwh=None if kind == "a" else kwh,
        meter_number=None if kind == "a" else meter, rate_plan=plan, previous_balance=prev, current_charges=gross)
