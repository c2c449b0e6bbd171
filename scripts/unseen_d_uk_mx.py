"""Set D, two layouts with an account balance that runs across bills: a UK dual-fuel bill (gas read in m³ or
hundreds of cubic feet and converted to kWh by the printed formula, p/day standing charges, VAT 5 %, a balance that
may be in credit with nothing to pay) and a Mexican bimonthly electricity bill in Spanish (consumption blocks
Básico / Intermedio / Excedente, IVA 16 %, DAP, adeudo anterior / su pago, a consumption bar chart)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    EN_MONTHS,
    ES_MONTHS,
    Page,
    add_months,
    balance_story,
    digits,
    draw_shuffled,
    money,
    num,
    signed,
    truth,
)

UK_SUPPLIERS = (("Northway Energy Ltd", "PO Box 4410, Leeds LS1 9QQ"),
                ("Thistle Power & Gas", "Freepost TPG, Perth PH2 0XX"),
                ("Harbourside Energy Supply Ltd", "PO Box 77, Bristol BS99 3EZ"))
UK_HOMES = ("Mr David Hughes", "Mrs Priya Shah", "Ms Eilidh MacLeod", "Mr & Mrs O'Connor", "Dr Samuel Adeyemi",
            "Miss Charlotte Bennett")
UK_FIRMS = ("The Copper Kettle Cafe Ltd", "Greenfield Dental Practice", "Ashby Print & Copy Ltd")
UK_STREETS = ("14 Laburnum Grove", "Flat 3, 27 Station Road", "9 Kestrel Close", "112 Victoria Street",
              "The Old Forge, Mill Lane", "58 Queensway")
UK_TOWNS = (("Harrogate", "HG1 4TZ"), ("Swindon", "SN2 7HL"), ("Dundee", "DD3 8QR"), ("Norwich", "NR5 0BX"),
            ("Cardiff", "CF14 6PN"), ("Preston", "PR1 5UD"))
UK_TARIFFS = ("Standard Variable", "Fixed Saver Mar 2026", "Simple Fixed 12M v4", "Flexible Online")


def _uk_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    if style == 1:
        return d.strftime("%d/%m/%Y")
    return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"


def _gbp(v: float, credit_word: str = "") -> str:
    """Pounds as UK bills print them; a credit is unsigned with a word (CR / in credit) or signed."""
    if v < 0:
        return f"£{num(-v)} {credit_word}" if credit_word else f"-£{num(-v)}"
    return f"£{num(v)}"


def _p(v: float, decimals: int = 2) -> str:
    return f"{num(v, decimals)}p"


def _balance(rng: random.Random, current: float, days: int) -> tuple[str, float | None, float]:
    """(how the customer pays, previous balance, payments): pay on receipt, a variable Direct Debit that takes the
    whole balance, or a fixed monthly Direct Debit that usually keeps the account in credit."""
    how = rng.choice(("receipt", "variable", "fixed", "fixed"))
    if how == "fixed":
        months = max(1, round(days / 30.4))
        instalment = float(round(current / months * rng.uniform(1.05, 1.35)))
        carried = money(-rng.uniform(5, 160)) if rng.random() < 0.7 else money(rng.uniform(5, 60))
        return how, carried, money(instalment * months)
    prev, paid = balance_story(rng, current)
    if how == "variable" and prev is not None:
        paid = prev  # a variable Direct Debit collected the whole of the last bill
    return how, prev, paid or 0.0


def uk_dual_fuel(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, box = rng.choice(UK_SUPPLIERS)
    firm = rng.random() < 0.25
    quarterly = rng.random() < 0.4
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 3 if quarterly else 1) - dt.timedelta(days=1)
    days = (end - start).days + 1
    stmt = end + dt.timedelta(days=rng.randint(2, 6))
    e7 = not firm and rng.random() < 0.3
    scale = 3 if quarterly else 1
    regs = [("Day", rng.randint(120, 320) * scale), ("Night", rng.randint(60, 220) * scale)] if e7 else \
        [("Single rate", rng.randint(140, 480) * scale * (3 if firm else 1))]
    kwh = sum(q for _, q in regs)
    rates = {"Day": round(rng.uniform(26, 31), 2), "Night": round(rng.uniform(12, 16), 2),
             "Single rate": round(rng.uniform(22, 28.5), 2)}
    e_sc = round(rng.uniform(45, 62), 2)
    e_lines = [(f"Standing charge {days} days x {_p(e_sc)} per day", money(days * e_sc / 100))]
    e_lines += [(f"{'Electricity' if n == 'Single rate' else n + ' units'} {num(q, 0)} kWh x {_p(rates[n], 3)} per kWh",
                 money(q * rates[n] / 100)) for n, q in regs]
    e_net = money(sum(a for _, a in e_lines))
    e_vat = money(e_net * 0.05)
    imperial = rng.random() < 0.35
    units = rng.randint(15, 90) * scale if imperial else rng.randint(40, 260) * scale
    m3 = units * 2.83 if imperial else float(units)
    cv = round(rng.uniform(38.6, 40.4), 1)
    g_kwh = round(m3 * 1.02264 * cv / 3.6)
    g_sc, g_rate = round(rng.uniform(28, 33.5), 2), round(rng.uniform(5.4, 7.6), 3)
    g_lines = [(f"Standing charge {days} days x {_p(g_sc)} per day", money(days * g_sc / 100)),
               (f"Gas {num(g_kwh, 0)} kWh x {_p(g_rate, 3)} per kWh", money(g_kwh * g_rate / 100))]
    g_net = money(sum(a for _, a in g_lines))
    g_vat = money(g_net * 0.05)
    e_tot, g_tot = money(e_net + e_vat), money(g_net + g_vat)
    current = money(e_tot + g_tot)
    how, prev, paid = _balance(rng, current, days)
    total = money((prev or 0) - paid + current)
    in_credit = total < 0
    ds = rng.randrange(3)
    due = stmt + dt.timedelta(days=rng.choice((10, 14, 14, 21)))

    person = rng.choice(UK_FIRMS if firm else UK_HOMES)
    street = rng.choice(UK_STREETS)
    town, postcode = rng.choice(UK_TOWNS)
    address = f"{street}, {town} {postcode}"
    account = f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}"
    e_meter = f"{rng.randint(10, 24)}{rng.choice('KLMPU')}{digits(rng, 7)}"
    g_meter = f"G4A{digits(rng, 5)}{rng.randint(10, 24)}"
    mpan = f"{digits(rng, 2)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 3)}"
    mprn = digits(rng, rng.choice((8, 10)))
    tariff = rng.choice(UK_TARIFFS)
    cr = rng.choice(("CR", "in credit"))
    acct_label = rng.choice(("Account number", "Your account number", "Customer account no."))
    e_kinds = (rng.choice("AAE"), rng.choice("AAE"))  # (previous, latest): one read of the meter, all registers
    e_reads = [(n, rng.randint(2000, 60000), q) for n, q in regs]
    g_prior = rng.randint(300, 9000)
    g_kinds = (rng.choice("AAE"), rng.choice("AAE"))
    foot = rng.random() < 0.5
    p = Page()

    def header() -> None:
        p.text(12, 9, provider, 14, bold=True)
        p.text(12, 16, f"{box}  |  Customer service 0330 {digits(rng, 3)} {digits(rng, 4)}  |  Gas emergency "
               "0800 111 999", 6.5)
        p.text(150, 9, "Your energy bill", 11, bold=True)
        p.text(12, 28, person, 9)
        p.text(12, 33, street, 9)
        p.text(12, 38, town, 9)
        p.text(12, 43, postcode, 9)

    def facts() -> None:
        rows = [[acct_label, account], ["Bill date", _uk_date(stmt, ds)], ["Bill number", digits(rng, 9)],
                ["Bill period", f"{_uk_date(start, ds)} to {_uk_date(end, ds)}"],
                ["Supply address", address if rng.random() < 0.5 else "As above"]]
        p.table(112, 26, [30, 62], rows, size=6.8, row_h=4.6, header=False, aligns="LL")
        if rows[4][1] == "As above":
            p.text(12, 48, f"Supply address: {address}", 6.5)

    def headline() -> None:
        p.rect(10, 56, 190, 17, fill=238)
        if in_credit:
            p.text(14, 58.5, "Your account balance", 10, bold=True)
            p.text(14, 65, f"You're in credit by £{num(-total)} - there's nothing to pay.", 9)
            p.text(140, 59, _gbp(total, cr), 15, bold=True, w=56, align="R")
        else:
            p.text(14, 58.5, rng.choice(("Amount to pay", "Total amount due", "Your account balance")), 10, bold=True)
            if how == "receipt":
                p.text(14, 65, f"Please pay by {_uk_date(due, ds)}.", 9)
            else:
                p.text(14, 65, f"We'll collect this by Direct Debit on or after {_uk_date(due, ds)}.", 9)
            p.text(140, 59, _gbp(total), 15, bold=True, w=56, align="R")
        if how == "fixed":
            p.text(14, 69.5, f"Your Direct Debit of £{num(paid / max(1, round(days / 30.4)))} a month stays the same.",
                   7)

    def summary(y0: float) -> None:
        p.text(12, y0, rng.choice(("Your account summary", "Your bill at a glance")), 10, bold=True)
        rows = [["", "Amount"]]
        if prev is not None:
            rows.append(["Balance from your last bill", _gbp(prev, cr)])
            if paid:
                rows.append(["Direct Debit payments received" if how != "receipt" else "Payments received - thank you",
                             _gbp(-paid)])
        rows += [["Electricity charges (incl. VAT)", _gbp(e_tot)], ["Gas charges (incl. VAT)", _gbp(g_tot)],
                 ["Total charges this period", _gbp(current)],
                 ["Your account balance" if in_credit or prev is not None else "Amount to pay", _gbp(total, cr)]]
        p.table(10, y0 + 5, [70, 32], rows, size=7.2, row_h=4.4, aligns="LR")

    def extras(y0: float) -> None:
        p.text(12, y0, "Your tariff", 9, bold=True)
        e_rates = " / ".join(_p(rates[n], 3) for n, _ in regs)
        rows = [["Tariff", tariff], ["Electricity unit rate", f"{e_rates} per kWh"],
                ["Electricity standing charge", f"{_p(e_sc)} per day"], ["Gas unit rate", f"{_p(g_rate, 3)} per kWh"],
                ["Gas standing charge", f"{_p(g_sc)} per day"], ["Exit fees", rng.choice(("None", "£75.00 per fuel"))]]
        p.table(10, y0 + 4, [40, 52], rows, size=6.5, row_h=4.2, header=False, aligns="LL")
        p.text(110, y0, "How your use compares", 9, bold=True)
        last = (round(kwh * rng.uniform(0.8, 1.2)), round(g_kwh * rng.uniform(0.8, 1.25)))
        p.text(110, y0 + 6, f"Same period last year: {num(last[0], 0)} kWh electricity, {num(last[1], 0)} kWh gas", 6.8)
        p.text(110, y0 + 11, f"Estimated annual use: {num(round(kwh * 365 / days * 1.04), 0)} kWh electricity, "
               f"{num(round(g_kwh * 365 / days * 0.97), 0)} kWh gas", 6.8)
        p.text(110, y0 + 16, "Tariff comparison rate (TCR): "
               f"{_p(rates[regs[0][0]] + rng.uniform(1, 4), 2)} per kWh", 6.8)

    def electricity() -> None:
        y0 = 118
        p.text(12, y0, "Electricity", 10, bold=True)
        p.text(50, y0 + 0.8, f"MPAN {mpan}   Meter {e_meter}", 7)
        rows = [["Register", f"Previous reading {_uk_date(start, 1)}", f"Latest reading {_uk_date(end, 1)}",
                 "Units used (kWh)"]]
        rows += [[n, f"{a} ({e_kinds[0]})", f"{a + q} ({e_kinds[1]})", num(q, 0)] for n, a, q in e_reads]
        p.table(10, y0 + 5, [34, 50, 50, 30], rows, size=6.8, row_h=4.4, aligns="LRRR")
        rows = [["Electricity charges", "£"]] + [[d, num(a)] for d, a in e_lines]
        rows += [["Total before VAT", num(e_net)], [f"VAT at 5% on £{num(e_net)}", num(e_vat)],
                 ["Total electricity charges", num(e_tot)]]
        p.table(10, y0 + 25, [110, 26], rows, size=6.8, row_h=4.4, aligns="LR")
        p.text(150, y0 + 27, "(A) actual reading", 6.3)
        p.text(150, y0 + 31, "(E) estimated reading", 6.3)

    def gas() -> None:
        y0 = 176
        p.text(12, y0, "Gas", 10, bold=True)
        p.text(50, y0 + 0.8, f"MPRN {mprn}   Meter {g_meter}", 7)
        unit = "hundreds of cubic feet" if imperial else "cubic metres (m³)"
        rows = [["Meter", f"Previous reading {_uk_date(start, 1)}", f"Latest reading {_uk_date(end, 1)}",
                 f"Units ({'ft³ x 100' if imperial else 'm³'})"],
                [g_meter, f"{g_prior} ({g_kinds[0]})", f"{g_prior + units} ({g_kinds[1]})", str(units)]]
        p.table(10, y0 + 5, [34, 50, 50, 30], rows, size=6.8, row_h=4.4, aligns="LRRR")
        step = f"{units} x 2.83 = {num(m3, 2)} m³, x " if imperial else f"{units} m³ x "
        p.text(12, y0 + 15.5, f"Your meter measures {unit}. We convert it to kWh: {step}1.02264 (volume correction) "
               f"x {num(cv, 1)} (calorific value) / 3.6 = {num(g_kwh, 0)} kWh", 6.3)
        rows = [["Gas charges", "£"]] + [[d, num(a)] for d, a in g_lines]
        rows += [["Total before VAT", num(g_net)], [f"VAT at 5% on £{num(g_net)}", num(g_vat)],
                 ["Total gas charges", num(g_tot)]]
        p.table(10, y0 + 20, [110, 26], rows, size=6.8, row_h=4.4, aligns="LR")

    def payment() -> None:
        y0 = 206
        if how == "receipt":
            text = ["Ways to pay: online, by phone,", "or at any PayPoint with this bill.",
                    "Pay by Direct Debit and save £5.00 a year."]
        else:
            text = [f"Direct Debit from account ending {digits(rng, 2)},", f"sort code xx-xx-{digits(rng, 2)}.",
                    "Protected by the Direct Debit Guarantee."]
        for i, line in enumerate(text):
            p.text(150, y0 + i * 4, line, 5.5)

    slot_a, slot_f = (242, 78) if foot else (78, 242)
    draw_shuffled(rng, [header, facts, headline, lambda: summary(slot_a), lambda: extras(slot_f), electricity, gas,
                        payment])
    notes = ("UK dual-fuel bill (gas and electricity); GBP; electricity_kwh is the electricity kWh; gas_usage is the"
             " gas kWh the gas charge multiplies (meter units converted by the printed formula x 1.02264 x CV / 3.6"
             f"{', imperial meter in hundreds of cubic feet x 2.83' if imperial else ', metric meter in m3'}); "
             "current_charges = electricity + gas including VAT 5 %; standing charges in p/day, unit rates in p/kWh; "
             "MPAN, MPRN and the bill number are distractors for the account; meter_number is the electricity meter")
    if e7:
        notes += "; Economy 7: kWh = Day + Night"
    if foot:
        notes += "; account summary at the foot"
    if in_credit:
        notes += "; in credit: total negative (printed unsigned with CR / in credit), nothing to pay, no due date"
    elif how != "receipt":
        notes += "; due_date is the Direct Debit collection date"
    if prev is not None and prev < 0:
        notes += "; previous balance was a credit (negative)"
    notes += "; last year's use, estimated annual use and the TCR are distractors"
    return p.output(), truth(
        "uk_dual_fuel", notes, provider=provider, account_number=account, service_address=address,
        statement_date=stmt.isoformat(), due_date=None if in_credit else due.isoformat(),
        billing_period_start=start.isoformat(), billing_period_end=end.isoformat(), total_amount_due=total,
        currency="GBP", electricity_kwh=kwh, gas_usage=g_kwh, gas_usage_unit="kWh", meter_number=e_meter,
        rate_plan=tariff, previous_balance=prev, current_charges=current)


MX_SUPPLIERS = ("Suministro Eléctrico del Pacífico, S.A. de C.V.", "Comisión Estatal de Energía del Bajío",
                "Electricidad Peninsular Suministradora, S.A. de C.V.")
MX_HOMES = ("MARIA GUADALUPE HERNANDEZ LOPEZ", "JOSE LUIS RAMIREZ SOTO", "ANA KAREN MARTINEZ RUIZ",
            "FRANCISCO JAVIER GOMEZ DIAZ")
MX_SHOPS = ("ABARROTES LA ESPERANZA", "TALLER MECANICO HERMANOS CRUZ", "PAPELERIA EL ESTUDIANTE")
MX_STREETS = ("CALLE ROBLE 245", "AV. HIDALGO 1020 INT 3", "PRIV. LAS PALMAS 17", "CALLE 21 NO. 388 X 14 Y 16",
              "BLVD. DE LOS AZAHARES 56")
MX_AREAS = (("COL. JARDINES DEL VALLE", "45138 ZAPOPAN, JAL."), ("FRACC. LAS FUENTES", "80020 CULIACAN, SIN."),
            ("COL. CENTRO", "97000 MERIDA, YUC."), ("COL. DEL PRADO", "64410 MONTERREY, N.L."))
MX_TARIFFS = {"1": ((150, 1.08), (130, 1.31), (10**6, 3.84)), "1C": ((300, 0.93), (600, 1.12), (10**6, 3.84)),
              "DAC": ((10**6, 6.21),), "PDBT": ((10**6, 4.86),)}  # bimonthly blocks (kWh in block, $/kWh)
MX_BLOCK_NAMES = ("Básico", "Intermedio", "Excedente")


def _mx_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.day:02d} {ES_MONTHS[d.month - 1][:3].upper()} {d.strftime('%y')}"
    return d.strftime("%d/%m/%Y")


def _mxn(v: float) -> str:
    return signed(v, "$")


def mx_cfe_bimestral(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(MX_SUPPLIERS)
    shop = rng.random() < 0.25
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    start = add_months(end, -2)
    stmt = end + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.randint(10, 14))
    cut = due + dt.timedelta(days=rng.randint(1, 3))
    tariff = "PDBT" if shop else rng.choice(("1", "1", "1C", "DAC"))
    kwh = rng.randint(400, 1400) if tariff in ("DAC", "PDBT") else rng.randint(160, 1100 if tariff == "1C" else 700)
    blocks: list[tuple[str, int, float]] = []
    left = kwh
    for i, (size, price) in enumerate(MX_TARIFFS[tariff]):
        take = min(left, size)
        if take > 0:
            name = "Consumo" if len(MX_TARIFFS[tariff]) == 1 else MX_BLOCK_NAMES[i]
            blocks.append((name, take, price))
        left -= take
    energy = money(sum(money(q * r) for _, q, r in blocks))
    supply = rng.choice((235.90, 241.12)) if tariff in ("DAC", "PDBT") else 0.0
    sub = money(energy + supply)
    iva = money(sub * 0.16)
    dap = money(energy * rng.choice((0.05, 0.06, 0.08)))
    current = money(sub + iva + dap)
    prev, paid = balance_story(rng, current)
    total = money((prev or 0) - (paid or 0) + current)
    ds = rng.randrange(2)
    mult = 1
    prior = rng.randint(10000, 90000)
    kind = rng.choice(("", "", "", " (estimada)"))
    person = rng.choice(MX_SHOPS if shop else MX_HOMES)
    street, (area, town) = rng.choice(MX_STREETS), rng.choice(MX_AREAS)
    address = f"{street}, {area}, {town}"
    service, meter = digits(rng, 12), f"{digits(rng, 2)}{rng.choice('ABCDXK')}{rng.choice('LMTV')}{digits(rng, 2)}"
    history = [(add_months(start, -2 * i), round(kwh * rng.uniform(0.6, 1.35))) for i in range(6, 0, -1)]
    foot = rng.random() < 0.4
    total_label = rng.choice(("TOTAL A PAGAR:", "Total a pagar", "TOTAL A PAGAR"))
    p = Page("Letter")

    def header() -> None:
        p.text(12, 10, provider, 12, bold=True)
        p.text(12, 16, f"RFC {rng.choice(('SEP', 'CEB', 'EPS'))}{digits(rng, 6)}{rng.choice(('AB1', 'K27', 'Q90'))}"
               "  -  Atención a clientes 071", 6.5)
        p.text(12, 26, person, 9, bold=True)
        p.text(12, 31, street, 8)
        p.text(12, 35.5, area, 8)
        p.text(12, 40, town, 8)

    def ids() -> None:
        rows = [["NO. DE SERVICIO:", service], ["TARIFA:", tariff], ["NO. MEDIDOR:", meter],
                ["FECHA DE EMISIÓN:", _mx_date(stmt, ds)],
                ["PERIODO FACTURADO:", f"{_mx_date(start, ds)} - {_mx_date(end, ds)}"],
                ["MULTIPLICADOR:", str(mult)]]
        p.table(112, 24, [36, 56], rows, size=6.8, row_h=4.6, header=False, aligns="LL")
        p.text(12, 48, f"RMU: {digits(rng, 5)} {digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 2)} XAXX010101000 "
               f"{digits(rng, 3)}", 6)
        p.text(12, 53, f"DIRECCIÓN DEL SERVICIO: {address}", 6.3)
        p.text(112, 47.5, f"CUENTA: {digits(rng, 2)}DT{digits(rng, 2)}A{digits(rng, 8)}", 6)

    def pay_box() -> None:  # the amount to pay sits under the address block, or at the foot on some bills
        y0 = 236 if foot else 60
        p.rect(12, y0, 190, 20, fill=236)
        p.text(15, y0 + 2.5, total_label, 10, bold=True)
        p.text(60, y0 + 1.5, _mxn(total), 15, bold=True)
        p.text(15, y0 + 10, f"({num(total)} PESOS M.N.)", 6.5)
        p.text(120, y0 + 2.5, f"Fecha límite de pago: {_mx_date(due, ds)}", 8.5, bold=True)
        p.text(120, y0 + 8.5, f"Corte a partir de: {_mx_date(cut, ds)}", 8)
        p.text(120, y0 + 14, "Páguese antes de la fecha límite para evitar la suspensión.", 6)

    def reading() -> None:
        y0 = 88
        p.text(12, y0, "Lecturas", 9, bold=True)
        rows = [["Medidor", "Lectura actual", "Lectura anterior", "Total periodo (kWh)", "Días"],
                [meter, f"{prior + kwh}{kind}", str(prior), num(kwh, 0), str((end - start).days)]]
        p.table(10, y0 + 4, [28, 32, 32, 34, 16], rows, size=6.8, row_h=4.8, aligns="LRRRR")

    def energy_table() -> None:
        y0 = 110
        p.text(12, y0, "Concepto", 9, bold=True)
        rows = [["Concepto", "Medido (kWh)", "Precio ($/kWh)", "Subtotal"]]
        rows += [[n, num(q, 0), f"{r:.3f}", _mxn(money(q * r))] for n, q, r in blocks]
        rows.append(["Energía", num(kwh, 0), "", _mxn(energy)])
        if supply:
            rows.append(["Suministro", "", "", _mxn(supply)])
        rows += [["IVA 16%", "", "", _mxn(iva)], ["Fac. del Periodo", "", "", _mxn(money(sub + iva))],
                 ["DAP", "", "", _mxn(dap)]]
        if prev is not None:
            rows += [["Total del periodo", "", "", _mxn(current)], ["Adeudo Anterior", "", "", _mxn(prev)]]
            if paid:
                rows.append(["Su Pago", "", "", _mxn(-paid)])
        rows.append(["Total", "", "", _mxn(total)])
        p.table(10, y0 + 4, [40, 26, 26, 28], rows, size=6.8, row_h=4.5, aligns="LRRR")

    def subsidy() -> None:
        y0 = 110
        cost = money(energy * rng.uniform(1.6, 2.4)) if tariff in ("1", "1C") else energy
        p.text(134, y0, "Costo de producción", 7.5, bold=True)
        rows = [["Costo de producción", _mxn(cost)], ["Aportación gubernamental", _mxn(money(cost - energy))],
                ["Importe facturado", _mxn(energy)]]
        p.table(134, y0 + 4, [42, 26], rows, size=6.3, row_h=4.4, header=False, aligns="LR")
        p.text(134, y0 + 20, "DAP: derecho de alumbrado público, cobrado por cuenta del municipio", 5.2)

    def chart() -> None:
        y0 = 182
        p.text(12, y0, "Consumo histórico (kWh)", 8.5, bold=True)
        points = [*history, (start, kwh)]
        top = max(q for _, q in points)
        for i, (d, q) in enumerate(points):
            h = 34 * q / top
            x = 16 + i * 17
            p.rect(x, y0 + 44 - h, 12, h, fill=200, line=0.1)
            p.text(x - 2, y0 + 41 - h, str(q), 6, w=16, align="C")
            p.text(x - 4, y0 + 46, f"{ES_MONTHS[d.month - 1][:3].upper()} {d.strftime('%y')}", 5.5, w=20, align="C")
        p.text(140, y0 + 8, f"Promedio diario: {num(kwh / (end - start).days, 2)} kWh", 7)
        p.text(140, y0 + 13, f"Mismo periodo año anterior: {num(history[0][1], 0)} kWh", 7)

    draw_shuffled(rng, [header, ids, pay_box, reading, energy_table, subsidy, chart])
    notes = ("Mexican bimonthly electricity bill in Spanish; MXN; No. de servicio is the account (medidor, RMU and"
             f" cuenta are not); tariff {tariff}; kWh = sum of the blocks = lectura actual - anterior; current_charges"
             " = energía + suministro + IVA 16 % + DAP (Fac. del Periodo is before DAP); 'Corte a partir de' is a"
             " distractor date; the production cost / government contribution and the consumption history bar chart"
             " are distractors")
    if supply:
        notes += "; fixed Suministro charge"
    if prev is not None:
        notes += "; Adeudo Anterior and Su Pago in the concept table: total = previous - payment + current"
    if kind:
        notes += "; estimated reading"
    if foot:
        notes += "; the amount to pay and dates at the foot"
    return p.output(), truth(
        "mx_cfe_bimestral", notes, provider=provider, account_number=service, service_address=address,
        statement_date=stmt.isoformat(), due_date=due.isoformat(), billing_period_start=start.isoformat(),
        billing_period_end=end.isoformat(), total_amount_due=total, currency="MXN", electricity_kwh=kwh,
        meter_number=meter, rate_plan=tariff, previous_balance=prev, current_charges=current)
