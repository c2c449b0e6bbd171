"""Set O, a Belgian (Flemish) monthly advance invoice ("voorschotfactuur") for electricity and, on most, natural
gas, drawn with the fpdf2 kit on A4: no meter reads and no consumption, a round monthly advance per energy
including VAT split into the amount excl. btw and the btw, the estimated yearly use and yearly cost the advance is
based on, the month of the next annual settlement, an unpaid earlier invoice added on some, a direct debit date
or a transfer with the structured communication (+++ ... +++) and the 18-digit EAN codes as distractors."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import NL_MONTHS, Page, days_in_month, digits, draw_shuffled, iso, money, num, truth

SUPPLIERS = ("Scheldestroom Energie NV", "Kempen Energie BV", "Vlaamse Energiecoöperatie CV",
             "Polderlicht Energie NV")
PEOPLE = ("Dhr. Pieter Janssens", "Mevr. An Peeters", "Fam. Vermeulen", "Dhr. Koen Maes", "Mevr. Els De Smet")
FIRMS = ("Bakkerij Wouters BV", "Garage Claes & Zonen", "Kapsalon Lotte")
PLACES = ("Kerkstraat {n}, 2000 Antwerpen", "Stationsstraat {n}, 9000 Gent", "Diestsesteenweg {n}, 3010 Leuven",
          "Markt {n}, 8400 Oostende", "Grote Baan {n}, 3530 Houthalen")
PRODUCTS = ("Groen Vast 1 jaar", "Energie Variabel Online", "Vast 3 jaar Comfort", "Zon & Wind Variabel")


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d.%m.%Y")
    return f"{d.day} {NL_MONTHS[d.month - 1]} {d.year}"


def _eur(v: float) -> str:
    return f"€ -{num(-v, style='eu')}" if v < 0 else f"€ {num(v, style='eu')}"


def _ean(rng: random.Random) -> str:
    return "54" + digits(rng, 16)


def be_voorschot(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    supplier = rng.choice(SUPPLIERS)
    business = rng.random() < 0.25
    year, month = rng.randint(2023, 2025), rng.randint(1, 12)
    start = dt.date(year, month, 1)
    end = dt.date(year, month, days_in_month(year, month))
    stmt = start + dt.timedelta(days=rng.randint(0, 4))
    due = stmt + dt.timedelta(days=rng.choice((12, 15, 20)))
    ds = rng.randrange(3)
    vat_pct = 21 if business else 6
    gas = rng.random() < 0.75
    # an advance is a round sum incl. VAT; the invoice splits it back into excl. btw + btw
    elec_incl = float(rng.randrange(40, 220 if business else 130, 5))
    gas_incl = float(rng.randrange(45, 260 if business else 160, 5)) if gas else 0.0
    elec_ex = money(elec_incl / (1 + vat_pct / 100))
    gas_ex = money(gas_incl / (1 + vat_pct / 100)) if gas else 0.0
    current = money(elec_incl + gas_incl)
    vat = money(current - elec_ex - gas_ex)
    open_prev = rng.random() < 0.3
    prev = money(current * rng.choice((1.0, 1.0, 0.5))) if open_prev else None
    total = money((prev or 0) + current)
    year_kwh = int(elec_incl * 12 / 0.33 / 10) * 10
    year_gas = int(gas_incl * 12 / 0.11 / 10) * 10
    year_cost = money(current * 12)
    person = rng.choice(FIRMS if business else PEOPLE)
    address = rng.choice(PLACES).format(n=rng.randint(1, 180))
    account = digits(rng, 10)
    invoice = "5" + digits(rng, 9)
    product = rng.choice(PRODUCTS)
    debit = rng.random() < 0.5
    ogm = f"+++{digits(rng, 3)}/{digits(rng, 4)}/{digits(rng, 5)}+++"
    total_label = rng.choice(("Totaal te betalen", "Te betalen", "Te betalen bedrag"))
    cur_label = rng.choice(("Totaal voorschot", "Voorschot deze maand", "Bedrag van deze factuur"))
    settle = dt.date(year + (1 if month >= 6 else 0), (month + 5) % 12 + 1, 1)
    month_name = f"{NL_MONTHS[month - 1]} {year}"
    p = Page()

    def head() -> None:
        p.text(14, 10, supplier, 14, bold=True)
        p.text(14, 16.5, f"Klantendienst 078 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}  |  "
               f"Ondernemingsnr. BE 0{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)}", 7)
        p.text(120, 28, person, 9.5, bold=True)
        p.text(120, 33, address, 9)

    def ids() -> None:
        p.text(14, 44, "VOORSCHOTFACTUUR", 13, bold=True)
        rows = [["Factuurdatum", _date(stmt, ds)], ["Factuurnummer", invoice], ["Klantnummer", account],
                ["Periode", f"{_date(start, ds)} - {_date(end, ds)}"], ["Tariefformule", product]]
        p.table(14, 51, [34, 60], rows, size=8, row_h=5, header=False)

    def advance() -> None:
        p.text(14, 84, f"Uw maandelijks voorschot voor {month_name}", 10, bold=True)
        rows = [["Omschrijving", "Excl. btw", f"Btw {vat_pct} %", "Incl. btw"],
                ["Voorschot elektriciteit", _eur(elec_ex), _eur(money(elec_incl - elec_ex)), _eur(elec_incl)]]
        if gas:
            rows.append(["Voorschot aardgas", _eur(gas_ex), _eur(money(gas_incl - gas_ex)), _eur(gas_incl)])
        rows.append([cur_label, _eur(money(elec_ex + gas_ex)), _eur(vat), _eur(current)])
        p.table(14, 90, [70, 32, 32, 32], rows, size=8, row_h=5.2, aligns="LRRR")

    def pay() -> None:
        p.rect(14, 120, 182, 34, fill=244)
        p.text(17, 123, "Overzicht", 10, bold=True)
        rows: list[tuple[str, str]] = []
        if prev is not None:
            rows.append(("Openstaand saldo vorige factuur", _eur(prev)))
        rows.append((cur_label, _eur(current)))
        rows.append((total_label, _eur(total)))
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(17, 129 + i * 5, k, 9, bold=last)
            p.text(80, 129 + i * 5, v, 9, bold=last, w=30, align="R")
        if debit:
            p.text(120, 129, "Betaling via domiciliëring:", 8.5, bold=True)
            p.text(120, 134, f"wij debiteren {_eur(total)} op {_date(due, ds)}", 8.5)
            p.text(120, 139, f"van rekening BE{digits(rng, 2)} XXXX XXXX {digits(rng, 4)}", 8)
        else:
            p.text(120, 129, f"Te betalen vóór {_date(due, ds)}", 8.5, bold=True)
            p.text(120, 134, f"op BE{digits(rng, 2)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}", 8)
            p.text(120, 139, f"met mededeling {ogm}", 8)

    def basis() -> None:
        p.text(14, 162, "Waarop is uw voorschot gebaseerd?", 9.5, bold=True)
        lines = [f"Geschat jaarverbruik elektriciteit: {num(year_kwh, 0, style='eu')} kWh "
                 f"(EAN {_ean(rng)})"]
        if gas:
            lines.append(f"Geschat jaarverbruik aardgas: {num(year_gas, 0, style='eu')} kWh (EAN {_ean(rng)})")
        lines.append(f"Geschatte jaarkost: {_eur(year_cost)} incl. btw, verdeeld over 12 voorschotten")
        lines.append(f"Uw volgende jaarafrekening ontvangt u in {NL_MONTHS[settle.month - 1]} {settle.year}.")
        lines.append("Dit is geen afrekening: uw werkelijke verbruik wordt verrekend op de jaarafrekening.")
        for i, s in enumerate(lines):
            p.text(14, 168 + i * 4.8, s, 8)

    draw_shuffled(rng, [head, ids, advance, pay, basis])
    p.text(14, 280, f"Leveringsadres: {address}  |  {supplier}  |  Pagina 1/1", 7)
    notes = (f"{'business' if business else 'residential'} Belgian monthly voorschotfactuur, an advance bill "
             f"issued inside its month: no reads, no kWh; current_charges = '{cur_label}' incl. btw "
             f"{vat_pct} %" + ("; gas advance too" if gas else "; electricity only")
             + ("; an unpaid earlier invoice added (previous_balance)" if open_prev else "")
             + "; the estimated yearly use and cost, the EAN codes, invoice number and "
             + ("the direct debit date as due date" if debit else "the structured communication") + " as traps")
    record = truth("be_voorschot", notes, provider=supplier, account_number=account, service_address=address,
                   statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start),
                   billing_period_end=iso(end), total_amount_due=total, currency="EUR", rate_plan=product,
                   previous_balance=prev, current_charges=current)
    return p.output(), record
