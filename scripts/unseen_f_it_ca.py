"""Set F, two HTML layouts: an Italian dual-fuel bolletta (luce kWh in fasce F1/F2/F3 + gas Smc with coefficient C)
and an Ontario time-of-use electricity bill (TOU, Ultra-Low Overnight or tiered, HST and the Ontario Electricity
Rebate), both printed by headless Chromium."""

from __future__ import annotations

import datetime as dt
import random

from unseen_html import document, esc, html_to_pdf, ordered, rows, story
from unseen_kit import EN_MONTHS, IT_MONTHS, add_months, days_in_month, digits, iso, money, num, truth

IT_SELLERS = ("Energia Adriatica S.p.A.", "Luce e Gas del Tirreno S.r.l.", "Servizi Energetici Padani S.p.A.")
IT_HOMES = ("ROSSI GIULIA", "BIANCHI MARCO", "ESPOSITO ANNA MARIA", "DE LUCA FRANCESCO", "RICCI ELENA")
IT_SHOPS = ("PANIFICIO SAN ROCCO S.N.C.", "STUDIO TECNICO FERRARI S.R.L.", "BAR DEL CORSO DI MORETTI LUCA")
IT_STREETS = ("Via Garibaldi", "Corso Vittorio Emanuele II", "Via dei Mille", "Viale della Repubblica",
              "Piazza San Francesco", "Via Roma")
IT_TOWNS = ("64100 Teramo TE", "40127 Bologna BO", "80129 Napoli NA", "37122 Verona VR", "06121 Perugia PG")
IT_OFFERS = ("Offerta Casa Fissa 12", "Placet Variabile Luce e Gas", "Doppia Energia Web", "Business Flex Duo")


def _it_date(d: dt.date, style: int) -> str:
    return f"{d:%d/%m/%Y}" if style == 0 else f"{d.day} {IT_MONTHS[d.month - 1]} {d.year}"


def _eur(v: float, style: int) -> str:
    return f"{num(v, style='eu')} €" if style == 0 else f"€ {num(v, style='eu')}"


def italian_dual(rng: random.Random, balance: str | None = None) -> tuple[bytes, dict[str, object]]:
    seller = rng.choice(IT_SELLERS)
    business = rng.random() < 0.3
    months = rng.choice((1, 2, 2))  # most Italian households are billed every two months
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
    last = add_months(start, months - 1)
    end = last.replace(day=days_in_month(last.year, last.month))
    stmt = end + dt.timedelta(days=rng.randint(6, 16))
    due = stmt + dt.timedelta(days=rng.randint(18, 24))
    ds, ms = rng.randrange(2), rng.randrange(2)
    d, e = (lambda x: _it_date(x, ds)), (lambda v: _eur(v, ms))
    scale = months * (3 if business else 1)
    fasce = [rng.randint(60, 190) * scale, rng.randint(40, 120) * scale, rng.randint(50, 160) * scale]
    kwh = sum(fasce)
    coeff = round(rng.uniform(1.012, 1.046), 6)
    mc = rng.randint(15, 140) * months * (2 if business else 1)
    smc = money(mc * coeff)
    kw = rng.choice((15.0, 20.0, 30.0)) if business else rng.choice((3.0, 4.5, 6.0))
    vat = 22 if business else 10
    luce = [("Spesa per la materia energia", money(kwh * rng.uniform(0.11, 0.16))),
            ("Spesa per il trasporto e la gestione del contatore",
             money(months * 2.31 + kw * months * 1.85 + kwh * 0.0093)),
            ("Spesa per oneri di sistema", money(kwh * rng.uniform(0.025, 0.041))),
            ("Accise", money(kwh * 0.0227))]
    gas = [("Spesa per la materia gas naturale", money(smc * rng.uniform(0.38, 0.61))),
           ("Spesa per il trasporto e la gestione del contatore", money(months * 4.92 + smc * 0.1021)),
           ("Spesa per oneri di sistema", money(smc * rng.uniform(0.01, 0.04))),
           ("Accise e addizionale regionale", money(smc * 0.1953))]
    base_l, base_g = money(sum(a for _, a in luce)), money(sum(a for _, a in gas))
    iva_l, iva_g = money(base_l * vat / 100), money(base_g * vat / 100)
    rai = 9.0 * months if not business and rng.random() < 0.5 else 0.0
    tot_l, tot_g = money(base_l + iva_l), money(base_g + iva_g)
    current = money(tot_l + tot_g + rai)
    kind, prev, paid = story(rng, current, balance)
    total = money((prev or 0) - (paid or 0) + current)

    person = rng.choice(IT_SHOPS if business else IT_HOMES)
    address = f"{rng.choice(IT_STREETS)} {rng.randint(1, 180)}, {rng.choice(IT_TOWNS)}"
    acct_label = rng.choice(("Codice cliente", "Numero cliente", "Codice contratto", "Numero contratto"))
    account = digits(rng, rng.choice((9, 10)))
    pod, pdr = f"IT001E{digits(rng, 8)}", digits(rng, 14)
    invoice = f"{stmt.year}/{digits(rng, 10)}"
    fiscal = (f"P.IVA {digits(rng, 11)}" if business else
              "Codice fiscale " + "".join(rng.choice("BCDFGLMNPRSTVZ") for _ in range(6)) + digits(rng, 2) +
              rng.choice("ABCDEHLMPRST") + digits(rng, 2) + rng.choice("ADFHLM") + digits(rng, 3) +
              rng.choice("ABCXYZ"))
    meter_l, meter_g = digits(rng, 8), f"PA{digits(rng, 9)}"
    offer = IT_OFFERS[3] if business else rng.choice(IT_OFFERS[:3])
    total_label = rng.choice(("Totale da pagare", "Importo da pagare", "Totale bolletta da pagare"))
    due_label = rng.choice(("Scadenza", "Da pagare entro", "Data di scadenza"))
    period_label = rng.choice(("Periodo di fornitura", "Periodo di fatturazione", "Periodo di riferimento"))
    read_kind = rng.choice(("rilevata", "rilevata", "stimata"))
    prior_f = [rng.randint(4000, 60000) for _ in fasce]
    prior_g = rng.randint(800, 9000)

    head = (f'<div class="cols"><div><h1>{esc(seller)}</h1><p class="small">Servizio clienti 800 {digits(rng, 3)}'
            f' {digits(rng, 3)} &middot; Pronto intervento gas 800 {digits(rng, 6)}</p></div>'
            f'<div><p class="b">{esc(person)}</p><p>{esc(address)}</p><p class="small">{esc(fiscal)}</p></div></div>')
    pairs = [(rng.choice(("Bolletta n.", "Fattura n.", "Numero fattura")), esc(invoice)),
             (rng.choice(("Emessa il", "Data emissione", "Data di emissione")), d(stmt)),
             (acct_label, f'<span class="b nw">{account}</span>'),
             (period_label, f'<span class="nw">{d(start)} - {d(end)}</span>'), ("POD", pod), ("PDR", pdr),
             ("Offerta", esc(offer)), ("Potenza impegnata", f"{num(kw, 1, style='eu')} kW")]
    if rng.random() < 0.5:  # a table of label / value pairs, or a CSS grid of them
        ident = rows([[*pairs[i], *pairs[i + 1]] for i in range(0, len(pairs), 2)], head=False)
    else:
        ident = ('<div style="display:grid; grid-template-columns:32mm 1fr 36mm 1fr; gap:0.8mm 2mm;'
                 ' border:0.3mm solid #999; padding:1.5mm">' +
                 "".join(f'<div class="small">{k}</div><div>{v}</div>' for k, v in pairs) + "</div>")
    pay = [f'<h2>{"Sintesi degli importi" if rng.random() < 0.5 else "Riepilogo importi"}</h2>']
    summary = [["Totale bolletta luce", e(tot_l)], ["Totale bolletta gas", e(tot_g)]]
    if rai:
        summary.append([f"Canone di abbonamento alla televisione ({months} {'mese' if months == 1 else 'mesi'})",
                        e(rai)])
    summary.append(["Totale bolletta (periodo)", e(current)])
    if prev is not None:
        if prev < 0:
            summary.append(["Credito da bollette precedenti", e(prev)])
        else:
            summary.append(["Saldo bollette precedenti", e(prev)])
            if paid:
                summary.append([f"Pagamenti ricevuti al {d(stmt - dt.timedelta(days=rng.randint(3, 10)))}", e(-paid)])
    pay.append(rows(summary + [[f"<b>{total_label}</b>", f"<b>{e(total)}</b>"]], head=False, aligns="LR"))
    pay.append(f'<div class="box shade"><span class="big">{total_label} {e(total)}</span><br>'
               f'<span class="b">{due_label} {d(due)}</span></div>')
    if kind == "unpaid":
        pay.append("<p class='small'>Risultano non pagate bollette precedenti: l'importo e' compreso nel totale.</p>")
    reads = ["<h2>Letture e consumi luce</h2>", rows(
        [["Fascia", "Lettura precedente", "Lettura attuale", "Consumo kWh"]] +
        [[f"F{i + 1}", num(prior_f[i], 0, style="eu"), num(prior_f[i] + f, 0, style="eu"), num(f, 0, style="eu")]
         for i, f in enumerate(fasce)] +
        [["<b>Consumo fatturato</b>", "", "", f"<b>{num(kwh, 0, style='eu')} kWh</b>"]], aligns="LRRR"),
        f"<p class='small'>Matricola contatore {meter_l} &middot; lettura {read_kind} del {d(end)}</p>",
        "<h2>Letture e consumi gas</h2>", rows(
            [["Lettura precedente (mc)", "Lettura attuale (mc)", "Consumo mc", "Coefficiente C", "Consumo Smc"],
             [num(prior_g, 0, style="eu"), num(prior_g + mc, 0, style="eu"), num(mc, 0, style="eu"),
              num(coeff, 6, style="eu"), f"{num(smc, style='eu')} Smc"]], aligns="RRRRR"),
        f"<p class='small'>Matricola contatore gas {meter_g} &middot; lettura {read_kind}</p>"]
    detail = ["<h2>Dettaglio luce</h2>", rows(
        [["Voce", "Importo"]] + [[n, e(a)] for n, a in luce] +
        [[f"IVA {vat}% su {e(base_l)}", e(iva_l)], ["<b>Totale bolletta luce</b>", f"<b>{e(tot_l)}</b>"]],
        aligns="LR"), "<h2>Dettaglio gas</h2>", rows(
        [["Voce", "Importo"]] + [[n, e(a)] for n, a in gas] +
        [[f"IVA {vat}% su {e(base_g)}", e(iva_g)], ["<b>Totale bolletta gas</b>", f"<b>{e(tot_g)}</b>"]],
        aligns="LR")]
    hist_months = [add_months(start, -i) for i in range(12, 0, -1)]
    hist = [round(kwh / months * rng.uniform(0.6, 1.4)) for _ in hist_months]
    history = ["<h3>I tuoi consumi degli ultimi 12 mesi</h3>", rows(
        [[f"{IT_MONTHS[m.month - 1][:3]} {m:%y}" for m in hist_months], [num(h, 0, style="eu") for h in hist]],
        aligns="R" * 12),
        f"<p>Consumo annuo luce: {num(sum(hist), 0, style='eu')} kWh &middot; consumo annuo gas: "
        f"{num(round(mc / months * 12 * coeff * rng.uniform(0.8, 1.2)), 0, style='eu')} Smc</p>"]
    notice = ("<p class='small'>La bolletta e' pagata con addebito diretto SEPA sul conto indicato; in caso di"
              " ritardo si applicano gli interessi di mora previsti dalle condizioni generali.</p>")
    two_pages = rng.random() < 0.5
    top = rng.random() < 0.5
    blocks = [("head", head), ("ident", ident), ("pay", "".join(pay)), ("reads", "".join(reads)),
              ("history", "".join(history)), ("notice", notice)]
    if not two_pages:
        blocks.append(("detail", "".join(detail)))
    body = ordered(rng, blocks, ["head", "ident", "pay"] if top else ["head", "ident"],
                   [] if top else ["pay"])
    if two_pages:
        body += f'<div class="page2"><h1>Elementi di dettaglio</h1><p>{esc(person)} &middot; {acct_label} {account}'
        body += f"</p>{''.join(detail)}</div>"
    notes = ("Italian dual-fuel bolletta (HTML printed by Chromium): electricity in fasce F1/F2/F3 (sum = consumo"
             " fatturato kWh), gas mc x coefficiente C = Smc; the account is the " + acct_label + "; POD, PDR,"
             " bolletta number and " + ("P.IVA" if business else "codice fiscale") + " are distractors;"
             " potenza impegnata kW is not a demand; IVA " + str(vat) + "% on printed bases; current_charges ="
             " totale bolletta of the period; 12-month history and consumo annuo are distractors; meter_number is"
             " the electricity meter")
    notes += "; amounts summary at the top" if top else "; amounts summary at the foot"
    notes += "; details on page 2" if two_pages else ""
    notes += "; canone RAI added as a separate line" if rai else ""
    notes += {"none": "", "paid": "; previous bills paid", "partial": "; previous bill part paid",
              "unpaid": "; previous bill unpaid (added to the total)",
              "credit": "; a credit from earlier bills deducted"}[kind]
    pdf = html_to_pdf(document(body, css=".stack table { margin-bottom: 1mm; }"))
    return pdf, truth(
        "it_luce_gas", notes, provider=seller, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="EUR", electricity_kwh=kwh, gas_usage=smc, gas_usage_unit="Smc",
        meter_number=meter_l, rate_plan=offer, previous_balance=prev, current_charges=current)


CA_LDCS = ("Lakeshore Hydro Inc.", "Grand River Power Distribution Corp.", "Muskoka Valley Hydro Ltd.")
CA_HOMES = ("Emily Tremblay", "Raj & Sunita Patel", "Michael O'Connor", "Nadia Haddad", "Chen Wei")
CA_SHOPS = ("Maple Leaf Variety Ltd.", "Northern Lights Dental Clinic", "Brewster Auto Body Inc.")
CA_STREETS = ("Queen St W", "Maple Grove Dr", "Lakeshore Rd E", "Huron St", "Concession Rd 4", "Birchwood Cres")
CA_TOWNS = ("Oakville ON L6J 2X4", "Barrie ON L4M 3B2", "Kitchener ON N2H 5Z9", "Huntsville ON P1H 1K8")


def _ca_date(d: dt.date, style: int) -> str:
    return d.isoformat() if style == 0 else f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def _cad(v: float, cr: bool) -> str:
    if v < 0:
        return f"${num(-v)} CR" if cr else f"-${num(-v)}"
    return f"${num(v)}"


def ontario_tou(rng: random.Random, balance: str | None = None) -> tuple[bytes, dict[str, object]]:
    ldc = rng.choice(CA_LDCS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = start + dt.timedelta(days=rng.randint(28, 33))
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    due = stmt + dt.timedelta(days=rng.randint(16, 21))
    ds, cr = rng.randrange(2), rng.random() < 0.5
    d, c = (lambda x: _ca_date(x, ds)), (lambda v: _cad(v, cr))
    plan = rng.choice(("Time-of-Use", "Time-of-Use", "Ultra-Low Overnight", "Tiered"))
    metered = rng.randint(1500, 5200) if business else rng.randint(380, 1400)
    if plan == "Time-of-Use":
        off = round(metered * rng.uniform(0.6, 0.68))
        mid = round(metered * rng.uniform(0.15, 0.2))
        regs = [("Off-Peak", off, 7.6), ("Mid-Peak", mid, 12.2), ("On-Peak", metered - off - mid, 15.8)]
    elif plan == "Ultra-Low Overnight":
        ulo = round(metered * rng.uniform(0.25, 0.35))
        wk = round(metered * rng.uniform(0.2, 0.3))
        mid = round(metered * rng.uniform(0.25, 0.3))
        regs = [("Ultra-Low Overnight", ulo, 2.8), ("Weekend Off-Peak", wk, 7.6), ("Mid-Peak", mid, 12.2),
                ("On-Peak", metered - ulo - wk - mid, 28.4)]
    else:
        cap = 750 if business else rng.choice((600, 1000))
        regs = [(f"Tier 1 (first {num(cap, 0)} kWh)", min(metered, cap), 9.3)]
        if metered > cap:
            regs.append(("Tier 2", metered - cap, 11.0))
    lf = rng.random() < 0.5
    factor = rng.choice((1.0341, 1.0452, 1.0387))
    billed = money(metered * factor) if lf else float(metered)
    energy = [(f"{n} {num(k, 0)} kWh @ {cents}¢/kWh", money(k * cents / 100)) for n, k, cents in regs]
    fixed = rng.choice((34.12, 41.57, 29.88)) if not business else 48.20
    kwh_txt = num(billed, 2) if lf else num(billed, 0)
    delivery = [("Delivery - monthly service charge", fixed),
                (f"Delivery - distribution and transmission {kwh_txt} kWh @ $0.0{rng.randint(211, 398)}",
                 0.0)]
    rate = float(delivery[1][0].rsplit("$", 1)[1])
    delivery[1] = (delivery[1][0], money(billed * rate))
    regulatory = [(f"Regulatory - wholesale market service {kwh_txt} kWh @ $0.0057", money(billed * 0.0057)),
                  ("Regulatory - standard supply service admin charge", 0.25)]
    sub = money(sum(a for _, a in energy + delivery + regulatory))
    hst = money(sub * 0.13)
    oer = -money(sub * 0.131)
    current = money(sub + hst + oer)
    kind, prev, paid = story(rng, current, balance)
    forward = money((prev or 0) - (paid or 0))
    total = money(forward + current)

    person = rng.choice(CA_SHOPS if business else CA_HOMES)
    address = f"{rng.randint(2, 9800)} {rng.choice(CA_STREETS)}, {rng.choice(CA_TOWNS)}"
    account = f"{digits(rng, 7)}-{digits(rng, 2)}" if rng.random() < 0.5 else \
        f"{digits(rng, 2)}-{digits(rng, 4)}-{digits(rng, 4)}"
    meter = rng.choice(("J", "K", "M")) + digits(rng, 7)
    rate_class = "General Service < 50 kW" if business else "Residential"
    total_label = rng.choice(("Amount Due", "Total Amount Due", "Amount Due"))
    due_label = rng.choice(("Due Date", "Please pay by", "Payment Due Date"))
    prior = rng.randint(10000, 90000)
    acct_label = rng.choice(("Account Number", "Account No.", "Account #"))
    date_label = rng.choice(("Bill Date", "Statement Date", "Bill Issue Date"))
    period_label = rng.choice(("Billing Period", "Service Period", "Billing period"))

    # the amount-due box is positioned over the right of the header, which keeps that room free for it
    head = (f'<div style="padding-right:70mm; min-height:34mm"><h1>{esc(ldc)}</h1><p class="small">Customer Care'
            f" 1-866-555-{digits(rng, 4)} &middot; Power outages 1-866-555-{digits(rng, 4)} &middot; HST Reg. No."
            f' {digits(rng, 9)}RT0001</p><p class="b" style="margin-top:4mm">{esc(person)}</p><p>{esc(address)}</p>'
            "</div>")
    ident = rows([[acct_label, f'<span class="b nw">{account}</span>', date_label, d(stmt)],
                  ["Service Address", esc(address), period_label,
                   f'<span class="nw">{d(start)} to {d(end)}</span>'],
                  ["Rate Class", rate_class, "Price Plan", plan],
                  ["Meter Number", meter, "Days in period", str((end - start).days)]], head=False)
    summary = ["<h2>Account Summary</h2>"]
    srows: list[list[str]] = []
    if prev is not None:
        srows.append(["Previous Balance", c(prev)])
        if paid:
            srows.append([f"Payment Received {d(stmt - dt.timedelta(days=rng.randint(6, 20)))} - Thank you",
                          c(-paid)])
        srows.append(["Balance Forward", c(forward)])
    srows += [["Current Charges", c(current)], [f"<b>{total_label}</b>", f"<b>{c(total)}</b>"]]
    summary.append(rows(srows, head=False, aligns="LR"))
    dueline = (f"{due_label} {d(due)}" if total > 0 else "Credit balance - no payment required")
    paybox = (f'<div class="box shade" style="position:absolute; top:{rng.choice((0, 4))}mm; right:0; width:64mm">'
              f'<p class="b">{total_label}</p><p class="big">{c(total)}</p><p class="b">{dueline}</p></div>')
    use = ["<h2>Your Electricity Usage</h2>", rows(
        [["Meter", "Previous Read", "Current Read", "Metered kWh"],
         [meter, f"{num(prior, 0)} ({d(start)})", f"{num(prior + metered, 0)} ({d(end)})", num(metered, 0)]],
        aligns="LRRR")]
    if lf:
        use.append(f"<p>Loss factor {factor} &middot; <b>Adjusted kWh {num(billed, 2)}</b> (metered kWh x loss"
                   " factor; delivery and regulatory charges apply to it)</p>")
    use.append(rows([["Period", "kWh"]] + [[n, num(k, 0)] for n, k, _ in regs], aligns="LR"))
    charges = ["<h2>Your Charges</h2>", rows(
        [["Electricity", ""]] + [[f"&nbsp;&nbsp;{n}", c(a)] for n, a in energy] + [["Delivery", ""]] +
        [[f"&nbsp;&nbsp;{n}", c(a)] for n, a in delivery] + [["Regulatory Charges", ""]] +
        [[f"&nbsp;&nbsp;{n}", c(a)] for n, a in regulatory] +
        [["Subtotal", c(sub)], ["HST 13%", c(hst)], ["Ontario Electricity Rebate", c(oer)],
         ["<b>Total Current Charges</b>", f"<b>{c(current)}</b>"]],
        head=False, aligns="LR")]
    hist = [(add_months(start, -i), round(metered * rng.uniform(0.6, 1.4))) for i in range(12, 0, -1)]
    history = ["<h3>Your monthly usage (kWh)</h3>", rows(
        [[f"{EN_MONTHS[m.month - 1][:3]}" for m, _ in hist], [num(k, 0) for _, k in hist]], aligns="R" * 12),
        f"<p>Average daily usage this period: {num(metered / (end - start).days, 1)} kWh &middot; same period last"
        f" year: {num(round(metered * rng.uniform(0.8, 1.2)), 0)} kWh</p>"]
    notice = ("<p class='small'>The Ontario Electricity Rebate is provided by the Province of Ontario. A late payment"
              " charge of 1.5% per month applies to balances unpaid after the due date.</p>")
    top = rng.random() < 0.5
    two_pages = rng.random() < 0.4
    blocks = [("head", head), ("ident", ident), ("summary", "".join(summary)), ("use", "".join(use)),
              ("history", "".join(history)), ("notice", notice)]
    if not two_pages:
        blocks.append(("charges", "".join(charges)))
    body = '<div style="position:relative">' + ordered(
        rng, blocks, ["head", "ident", "summary"] if top else ["head", "ident"], [] if top else ["summary"])
    body += paybox + "</div>"
    if two_pages:
        body += f'<div class="page2"><p>{acct_label} {account}</p>{"".join(charges)}</div>'
    notes = ("Ontario electricity bill (HTML printed by Chromium, Letter): " + plan + " price plan, the kWh by period"
             " sum to the metered kWh; Electricity, Delivery and Regulatory charges, HST 13% then the Ontario"
             " Electricity Rebate (a negative line); Account Number (with dashes) is the account, the meter number"
             " is listed; an absolutely positioned amount-due box (printed after the page's flowing text);"
             " 12-month history and last year's kWh are distractors")
    if lf:
        notes += ("; a loss factor: electricity_kwh is the Adjusted kWh (metered x loss factor) that delivery and"
                  " regulatory charges multiply, not the metered kWh")
    notes += "; credits written with CR" if cr else "; credits written with a minus sign"
    notes += "; account summary at the top" if top else "; account summary at the foot"
    notes += "; charges on page 2" if two_pages else ""
    notes += "; a credit balance carried forward" if kind == "credit" else ""
    pdf = html_to_pdf(document(body, size="Letter"))
    return pdf, truth(
        "ca_on_tou", notes, provider=ldc, account_number=account, service_address=address,
        statement_date=iso(stmt), due_date=iso(due) if total > 0 else None, billing_period_start=iso(start),
        billing_period_end=iso(end), total_amount_due=total, currency="CAD", electricity_kwh=billed,
        meter_number=meter, rate_plan=plan, previous_balance=prev, current_charges=current)
