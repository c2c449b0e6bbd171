"""Set C, two European layouts with the summary at the foot: a German Stadtwerke annual statement (electricity and
water, advance payments subtracted, two pages) and a Portuguese (Portugal) monthly electricity bill."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
    DE_MONTHS,
    PT_MONTHS,
    Page,
    add_months,
    balance_story,
    digits,
    draw_shuffled,
    iso,
    money,
    num,
    truth,
)

DE_WORKS = (("Stadtwerke Talheim GmbH", "74388 Talheim"), ("Stadtwerke Ebersfeld AG", "36219 Ebersfeld"),
            ("Gemeindewerke Lindenau GmbH", "04177 Lindenau"))
DE_PEOPLE = ("Herrn Thomas Müller", "Frau Sabine Keller", "Familie Özdemir", "Herrn Dr. Jan Becker",
             "Frau Anja Schröder-Lang", "Bäckerei Hofmann GmbH")
DE_STREETS = ("Ahornweg", "Hauptstraße", "Am Mühlbach", "Lindenstraße", "Schillerplatz", "Gartenstraße")
DE_PLANS = ("Grundversorgung Strom", "Ökostrom Regional 24", "Strom Basis Fix")


def _de_date(d: dt.date, long: bool = False) -> str:
    return f"{d.day}. {DE_MONTHS[d.month - 1]} {d.year}" if long else d.strftime("%d.%m.%Y")


def _eur(v: float) -> str:
    return f"{num(v, style='eu')} €"


def _de_power(rng: random.Random, start: dt.date, end: dt.date, kwh: int) -> list[tuple[str, str, float]]:
    """Electricity price lines; a price change splits the energy into two time shares that add up to ``kwh``."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    r1 = round(rng.uniform(28.5, 36.5), 2)
    lines: list[tuple[str, str, float]] = []
    if rng.random() < 0.5 and months >= 6:
        cut = add_months(start, rng.randint(3, months - 2)).replace(day=1)
        share = round(kwh * (cut - start).days / ((end - start).days + 1))
        r2 = round(r1 + rng.choice((-2.4, -1.55, 1.2, 2.05)), 2)
        parts = [(start, cut - dt.timedelta(days=1), share, r1), (cut, end, kwh - share, r2)]
    else:
        parts = [(start, end, kwh, r1)]
    for a, b, q, r in parts:
        lines.append((f"Arbeitspreis {_de_date(a)} - {_de_date(b)}", f"{num(q, 0, style='eu')} kWh x "
                      f"{num(r, 2, style='eu')} ct/kWh", money(q * r / 100)))
    fee = round(rng.uniform(9.5, 14.5), 2)
    lines.append(("Grundpreis", f"{months} Monate x {num(fee, 2, style='eu')} €", money(months * fee)))
    lines.append(("Messstellenbetrieb", f"{months} Monate x 1,67 €", money(months * 1.67)))
    return lines


def german_annual(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, town = rng.choice(DE_WORKS)
    year = rng.randint(2023, 2025)
    moved = rng.random() < 0.2
    if moved:  # moved in during the year: the statement runs from the move-in day to the year's end
        start, end = dt.date(year, rng.randint(2, 7), rng.randint(1, 28)), dt.date(year, 12, 31)
    else:
        start = dt.date(year, rng.choice((1, 1, 4, 7, 10)), 1)
        end = add_months(start, 12) - dt.timedelta(days=1)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    stmt = end + dt.timedelta(days=rng.randint(10, 30))
    pay = stmt + dt.timedelta(days=14)
    ht_nt = rng.random() < 0.3
    kwh_parts = [rng.randint(110, 420) * months]
    if ht_nt:
        kwh_parts.append(rng.randint(40, 160) * months)
    kwh = sum(kwh_parts)
    m3 = rng.randint(3, 15) * months
    power = _de_power(rng, start, end, kwh)
    water = [("Verbrauchspreis Trinkwasser", f"{m3} m³ x 2,15 €/m³", money(m3 * 2.15)),
             ("Grundpreis Wasserzähler Q3=4", f"{months} Monate x 4,20 €", money(months * 4.2))]
    sewer = rng.random() < 0.6
    p_net, w_net = money(sum(a for *_, a in power)), money(sum(a for *_, a in water))
    p_vat, w_vat = money(p_net * 0.19), money(w_net * 0.07)
    s_fee = money(m3 * 2.87) if sewer else 0.0
    gross = money(p_net + p_vat + w_net + w_vat + s_fee)
    n_adv = months - rng.choice((0, 1))
    advance = float(round(gross / months * rng.uniform(0.82, 1.12)))
    paid = money(n_adv * advance)
    result = money(gross - paid)
    new_adv = float(round(gross / months * rng.uniform(1.0, 1.08)))

    person = rng.choice(DE_PEOPLE)
    street = f"{rng.choice(DE_STREETS)} {rng.randint(1, 80)}{rng.choice(('', '', 'a', 'b'))}"
    address = f"{street}, {town}"
    customer, contract = f"{digits(rng, 3)} {digits(rng, 3)} {digits(rng, 3)}", digits(rng, 10)
    meter, w_meter = f"1ESY{digits(rng, 10)}", f"{digits(rng, 2)}-{digits(rng, 6)}"
    plan = rng.choice(DE_PLANS)
    long = rng.random() < 0.4
    owe = result >= 0
    total_label = rng.choice(("Nachzahlung", "Zu zahlender Betrag", "Ihre Nachzahlung")) if owe else \
        rng.choice(("Guthaben", "Ihr Guthaben"))
    p = Page()

    def letterhead() -> None:
        p.text(15, 10, provider, 14, bold=True)
        p.text(15, 17, f"{provider}, Postfach {rng.randint(100, 999)}, {town}", 6)
        p.text(15, 30, person, 9)
        p.text(15, 35, street, 9)
        p.text(15, 40, town, 9)
        rows = [["Kundennummer", customer], ["Vertragskonto", contract],
                ["Rechnungsnummer", f"{start.year + 1}{digits(rng, 8)}"], ["Rechnungsdatum", _de_date(stmt, long)],
                ["Ihr Tarif", plan]]
        p.table(120, 28, [32, 44], rows, size=7, row_h=4.6, header=False, aligns="LL")

    def letter() -> None:
        title = "Verbrauchsabrechnung Strom und Wasser (Einzug)" if moved else \
            f"Jahresabrechnung Strom und Wasser {end.year}"
        p.text(15, 60, title, 12, bold=True)
        p.text(15, 68, f"Abrechnungszeitraum: {_de_date(start)} - {_de_date(end)}", 9, bold=True)
        p.text(15, 74, f"Lieferstelle: {address}   Marktlokation {digits(rng, 11)}", 7.5)
        p.text(15, 82, f"{'Sehr geehrte Damen und Herren' if 'GmbH' in person else 'Guten Tag'}, wir haben Ihren"
               " Verbrauch abgelesen und die Abrechnung erstellt. Die Einzelheiten finden Sie auf Seite 2.", 7.5)

    def counters() -> None:
        p.text(15, 92, "Zählerstände", 10, bold=True)
        rows = [["Zähler-Nr.", "Zählwerk", "Ablesung alt", "Stand alt", "Ablesung neu", "Stand neu", "Faktor",
                 "Verbrauch", "Ableseart"]]
        names = ["HT", "NT"] if ht_nt else ["Strom"]
        for name, q in zip(names, kwh_parts, strict=True):
            a = rng.randint(10000, 80000)
            rows.append([meter, name, _de_date(start - dt.timedelta(days=1)), num(a, 0, style="eu"), _de_date(end),
                         num(a + q, 0, style="eu"), "1", f"{num(q, 0, style='eu')} kWh",
                         rng.choice(("Kunde", "Netzbetreiber", "geschätzt"))])
        w = rng.randint(100, 3000)
        rows.append([w_meter, "Wasser", _de_date(start - dt.timedelta(days=1)), str(w), _de_date(end), str(w + m3), "1",
                     f"{m3} m³", rng.choice(("Kunde", "Ableser"))])
        y = p.table(12, 97, [30, 16, 22, 18, 22, 18, 12, 22, 26], rows, size=6.5, row_h=4.8, aligns="LLLRLRRRL")
        p.text(15, y + 2, f"Stromverbrauch gesamt: {num(kwh, 0, style='eu')} kWh   (Vorjahr: "
               f"{num(round(kwh * rng.uniform(0.85, 1.15)), 0, style='eu')} kWh)   Wasserverbrauch: {m3} m³", 7.5)

    def overview() -> None:
        # "Ihre Abrechnung im Überblick": the summary block at the foot of page 1.
        y0 = 200
        p.text(15, y0, "Ihre Abrechnung im Überblick", 10, bold=True)
        rows = [["Sparte", "Netto", "Umsatzsteuer", "Brutto"],
                ["Strom", _eur(p_net), f"19 %: {_eur(p_vat)}", _eur(money(p_net + p_vat))],
                ["Trinkwasser", _eur(w_net), f"7 %: {_eur(w_vat)}", _eur(money(w_net + w_vat))]]
        if sewer:
            rows.append(["Schmutzwassergebühr", _eur(s_fee), "nicht steuerbar", _eur(s_fee)])
        rows += [["Gesamtbetrag", "", "", _eur(gross)],
                 [f"abzüglich geleistete Abschläge ({n_adv} x {_eur(advance)})", "", "", _eur(-paid)],
                 [total_label, "", "", _eur(abs(result))]]
        y = p.table(12, y0 + 5, [86, 30, 34, 36], rows, size=7.5, row_h=5, aligns="LRRR")
        if owe:
            how = rng.choice((f"Den Betrag buchen wir am {_de_date(pay, long)} von Ihrem Konto ab.",
                              f"Bitte überweisen Sie den Betrag bis zum {_de_date(pay, long)}."))
        else:
            how = f"Das Guthaben erstatten wir bis zum {_de_date(pay, long)} auf Ihr Konto."
        p.text(15, y + 2, how, 8, bold=True)
        p.text(15, y + 8, f"Ihr neuer monatlicher Abschlag ab {_de_date(add_months(pay, 1).replace(day=15))}: "
               f"{_eur(new_adv)}", 8)

    draw_shuffled(rng, [letterhead, letter, counters, overview])
    p.new_page()

    def power_detail() -> None:
        p.text(15, 12, "Seite 2 - Strom", 10, bold=True)
        rows = [["Position", "Berechnung", "Betrag netto"]] + [[d, c, _eur(a)] for d, c, a in power]
        rows += [["Summe Strom netto", "", _eur(p_net)], ["Umsatzsteuer 19 %", "", _eur(p_vat)]]
        p.table(12, 17, [66, 82, 38], rows, size=7, row_h=4.8, aligns="LLR")

    def water_detail() -> None:
        p.text(15, 66, "Trinkwasser und Abwasser", 10, bold=True)
        rows = [["Position", "Berechnung", "Betrag"]] + [[d, c, _eur(a)] for d, c, a in water]
        rows += [["Summe Trinkwasser netto", "", _eur(w_net)], ["Umsatzsteuer 7 %", "", _eur(w_vat)]]
        if sewer:
            rows.append(["Schmutzwassergebühr der Gemeinde", f"{m3} m³ x 2,87 €/m³", _eur(s_fee)])
        p.table(12, 71, [66, 82, 38], rows, size=7, row_h=4.8, aligns="LLR")

    def plan_table() -> None:
        p.text(15, 112, "Ihr neuer Abschlagsplan", 10, bold=True)
        rows = [["Fälligkeit", "Betrag"]]
        first = add_months(pay, 1).replace(day=15)
        rows += [[_de_date(add_months(first, i)), _eur(new_adv)] for i in range(11)]
        p.table(12, 117, [30, 26], rows, size=7, row_h=4.4, aligns="LR")

    def labelling() -> None:
        p.text(100, 112, "Stromkennzeichnung", 10, bold=True)
        share = rng.randint(45, 100)
        rows = [["Energieträger", "Anteil"], ["Erneuerbare Energien", f"{share} %"],
                ["Erdgas", f"{(100 - share) // 2} %"], ["Kohle", f"{100 - share - (100 - share) // 2} %"]]
        p.table(100, 117, [50, 20], rows, size=7, row_h=4.4, aligns="LR")
        p.text(100, 142, f"CO2-Emissionen: {rng.randint(80, 420)} g/kWh, radioaktiver Abfall 0,0000 g/kWh", 6.5)
        p.text(100, 147, "Durchschnitt Deutschland: 381 g/kWh", 6.5)

    draw_shuffled(rng, [power_detail, water_detail, plan_table, labelling])
    notes = ("German Stadtwerke annual statement for electricity and water, 2 pages; summary at the foot of page 1;"
             " Gesamtbetrag brutto (current_charges) minus the advances paid (Abschläge) = the amount; no previous"
             " balance; electricity 19 % and water 7 % VAT, sewage fee without VAT; ct/kWh prices")
    if len(power) > 3:
        notes += "; a price change splits the kWh into two time shares"
    if ht_nt:
        notes += "; kWh = HT + NT"
    notes += ("; Nachzahlung (amount to pay)" if owe else
              "; Guthaben: a credit, total negative, no due date (only a refund date)")
    notes += "; the new advance plan, last year's kWh and the fuel mix are distractors; Kundennummer is the account"
    return p.output(), truth(
        "de_jahresabrechnung", notes, provider=provider, account_number=customer, service_address=address,
        statement_date=iso(stmt), due_date=iso(pay) if owe else None, billing_period_start=iso(start),
        billing_period_end=iso(end), total_amount_due=result, currency="EUR", electricity_kwh=kwh, water_usage=m3,
        water_usage_unit="m3", meter_number=meter, rate_plan=plan, previous_balance=None, current_charges=gross)


PT_PROVIDERS = ("Luz do Atlântico Comercializadora, S.A.", "Energia Lusitana, S.A.", "Tejo Energia Comercial, Lda.")
PT_PEOPLE = ("Maria João Carvalho Silva", "António Manuel Pereira", "Ana Rita Sousa Costa", "Rui Miguel Fernandes",
             "Café Pastelaria O Moinho, Lda.", "Joana Marques Ribeiro")
PT_STREETS = ("Rua de Santa Catarina", "Avenida da Liberdade", "Rua do Carmo", "Travessa da Fonte",
              "Rua Dr. António José de Almeida", "Largo do Rossio")
PT_TOWNS = ("4000-447 Porto", "1250-096 Lisboa", "3000-150 Coimbra", "8000-311 Faro", "4700-322 Braga")
PT_CYCLES = (("Simples", (("Simples", 0.155, 0.19),)),
             ("Bi-horário (ciclo diário)", (("Vazio", 0.095, 0.11), ("Fora de vazio", 0.18, 0.21))),
             ("Tri-horário (ciclo semanal)", (("Ponta", 0.23, 0.27), ("Cheias", 0.16, 0.19), ("Vazio", 0.095, 0.11))))


def _pt_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d-%m-%Y")
    return f"{d.day} {PT_MONTHS[d.month - 1][:3]} {d.year}"


def _eur_sp(v: float) -> str:
    return f"{num(v, style='sp')} €"


def portuguese_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(PT_PROVIDERS)
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    end = add_months(start, 1) - dt.timedelta(days=1)
    days = (end - start).days + 1
    stmt = end + dt.timedelta(days=rng.randint(1, 5))
    due = stmt + dt.timedelta(days=rng.randint(15, 20))
    direct = rng.random() < 0.5
    cycle, regs_def = rng.choice(PT_CYCLES)
    kva = rng.choice((3.45, 4.6, 5.75, 6.9, 10.35))
    regs = [(name, rng.randint(40, 260), round(rng.uniform(lo, hi), 4)) for name, lo, hi in regs_def]
    kwh = sum(q for _, q, _ in regs)
    r_pot = round(rng.uniform(0.18, 0.55) * kva / 6.9 + 0.1, 4)
    pot = money(days * r_pot)
    energy_lines = [(f"Energia {n}", f"{q} kWh x {num(r, 4, style='sp')} €", money(q * r)) for n, q, r in regs]
    energy = money(sum(a for *_, a in energy_lines))
    iec, cav, dgeg = money(kwh * 0.001), 2.85, 0.07
    # IVA 6 % on the power term (up to 6,9 kVA), the audiovisual fee and the first 100 kWh per 30 days of energy.
    reduced = min(kwh, round(100 * days / 30))
    b6 = money((pot if kva <= 6.9 else 0) + cav + energy * reduced / kwh)
    net = money(pot + energy + iec + cav + dgeg)
    b23 = money(net - b6)
    v6, v23 = money(b6 * 0.06), money(b23 * 0.23)
    current = money(net + v6 + v23)
    prev, paid = balance_story(rng, current)
    owed = money(prev - (paid or 0)) if prev is not None and (paid or 0) < prev else None
    total = money(current + (owed or 0))

    person = rng.choice(PT_PEOPLE)
    floor = rng.choice(("", "", f", {rng.randint(1, 6)}.º Esq.", f", {rng.randint(1, 6)}.º Dto."))
    street, town = f"{rng.choice(PT_STREETS)}, {rng.randint(1, 250)}{floor}", rng.choice(PT_TOWNS)
    address = f"{street}, {town}"
    contract, client = digits(rng, 12), digits(rng, 9)
    meter = digits(rng, rng.choice((8, 10)))
    offer = rng.choice(("Plano Casa Simples", "Tarifa Eco Lar", "Energia Verde Casa"))
    ds = rng.randrange(3)
    total_label = rng.choice(("Valor a pagar", "Total a pagar", "Montante a pagar"))
    due_label = "Débito direto a partir de" if direct else rng.choice(("Data limite de pagamento", "Pagar até"))
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 13, bold=True)
        p.text(12, 16, f"NIPC {digits(rng, 9)}  |  Linha de apoio 808 100 {digits(rng, 3)}  |  Avarias 800 506 506",
               6.5)
        p.text(140, 10, "Fatura de eletricidade", 11, bold=True)
        p.text(118, 26, person, 9)
        p.text(118, 31, street, 9)
        p.text(118, 36, town, 9)

    def identification() -> None:
        rows = [["Fatura n.º", f"FT {stmt.year}/{digits(rng, 7)}"], ["Data de emissão", _pt_date(stmt, ds)],
                ["Período de faturação", f"de {_pt_date(start, ds)} a {_pt_date(end, ds)} ({days} dias)"],
                ["Conta contrato", contract], ["N.º de cliente", client], ["NIF", f"2{digits(rng, 8)}"]]
        p.table(10, 24, [34, 66], rows, size=7, row_h=4.6, header=False, aligns="LL")

    def installation() -> None:
        p.text(12, 56, "Local de consumo", 8.5, bold=True)
        rows = [["Morada", address], ["CPE", f"PT0002{digits(rng, 12)}{rng.choice(('AB', 'JK', 'TZ'))}"],
                ["Potência contratada", f"{num(kva, 2, style='sp')} kVA"], ["Opção horária", cycle],
                ["Tarifário", offer]]
        p.table(10, 60, [34, 156], rows, size=7, row_h=4.6, header=False, aligns="LL")

    def readings() -> None:
        p.text(12, 88, "Leituras e consumos", 8.5, bold=True)
        rows = [["Contador", "Período horário", f"Leitura de {_pt_date(start, 0)}", f"Leitura de {_pt_date(end, 0)}",
                 "Tipo", "Consumo (kWh)"]]
        for name, q, _ in regs:
            a = rng.randint(1000, 60000)
            rows.append([meter, name, str(a), str(a + q), rng.choice(("Real", "Real", "Estimada", "Comunicada")),
                         str(q)])
        y = p.table(10, 92, [26, 34, 34, 34, 26, 30], rows, size=7, row_h=4.6, aligns="LLRRLR")
        p.text(12, y + 1.5, f"Consumo total: {kwh} kWh   -   Consumo médio diário: {num(kwh / days, 1, style='sp')} kWh"
               f"   -   Próxima leitura entre {(end + dt.timedelta(days=27)).strftime('%d/%m')} e "
               f"{(end + dt.timedelta(days=31)).strftime('%d/%m')}", 7)

    def detail() -> None:
        p.text(12, 120, "Detalhe da fatura", 8.5, bold=True)
        rows = [["Descrição", "Cálculo", "Valor"],
                [f"Potência {num(kva, 2, style='sp')} kVA", f"{days} dias x {num(r_pot, 4, style='sp')} €/dia",
                 _eur_sp(pot)]]
        rows += [[d, c, _eur_sp(a)] for d, c, a in energy_lines]
        rows += [["Imposto Especial de Consumo (IEC)", f"{kwh} kWh x 0,0010 €", _eur_sp(iec)],
                 ["Contribuição Audiovisual (CAV)", "", _eur_sp(cav)], ["Taxa de Exploração DGEG", "", _eur_sp(dgeg)]]
        y = p.table(10, 124, [70, 76, 30], rows, size=7, row_h=4.6, aligns="LLR")
        rows = [["IVA", "Base", "Valor"], ["6 %", _eur_sp(b6), _eur_sp(v6)], ["23 %", _eur_sp(b23), _eur_sp(v23)]]
        p.table(10, y + 3, [20, 30, 30], rows, size=7, row_h=4.6, aligns="LRR")

    def history() -> None:
        p.text(112, 180, "Histórico de consumos (kWh)", 7.5, bold=True)
        rows = [[f"{PT_MONTHS[add_months(start, -i).month - 1][:3]} {add_months(start, -i).year}",
                 str(round(kwh * rng.uniform(0.7, 1.3)))] for i in range(6, 0, -1)]
        p.table(112, 184, [26, 18], [["Mês", "kWh"], *rows], size=6.5, row_h=4, aligns="LR")

    def summary() -> None:
        # "Resumo da fatura" at the foot: energy, power, taxes and VAT, then what is owed.
        y0 = 222
        p.hline(10, 200, y0 - 3)
        p.text(12, y0, "Resumo da fatura", 10, bold=True)
        rows = [("Energia", _eur_sp(energy)), ("Potência", _eur_sp(pot)),
                ("Taxas e impostos (IEC, CAV, DGEG)", _eur_sp(money(iec + cav + dgeg))),
                ("IVA", _eur_sp(money(v6 + v23))), ("Total da fatura", _eur_sp(current))]
        if owed is not None:
            rows.append(("Valor em dívida de faturas anteriores", _eur_sp(owed)))
        rows.append((total_label, _eur_sp(total)))
        for i, (k, v) in enumerate(rows):
            last = i == len(rows) - 1
            p.text(14, y0 + 6 + i * 4.8, k, 8, bold=last)
            p.text(80, y0 + 6 + i * 4.8, v, 8, bold=last, w=30, align="R")
        p.rect(122, y0 + 3, 78, 36, fill=236)
        p.text(125, y0 + 5, total_label, 9, bold=True)
        p.text(125, y0 + 11, _eur_sp(total), 14, bold=True, w=72, align="R")
        p.text(125, y0 + 20, f"{due_label} {_pt_date(due, ds)}", 8, bold=True)
        p.text(125, y0 + 26, f"Multibanco: Entidade {digits(rng, 5)}  Ref. {digits(rng, 3)} {digits(rng, 3)} "
               f"{digits(rng, 3)}", 7)
        p.text(125, y0 + 31, f"Montante {_eur_sp(total)}", 7)
        if prev is not None and paid:
            p.text(14, y0 + 8 + len(rows) * 4.8, f"Recebemos o seu pagamento de {_eur_sp(paid)}. Obrigado.", 6.5)

    draw_shuffled(rng, [header, identification, installation, readings, detail, history, summary])
    notes = ("Portuguese (Portugal) electricity bill; '1 234,56 €'; summary block (Resumo da fatura) at the foot, whose"
             " Energia line is not the total; kWh = sum of the time-of-use registers (Consumo total); IVA 6 % and 23 %"
             " on printed bases; contracted power in kVA is not demand; CPE, NIF and Multibanco reference are"
             " distractor identifiers; Conta contrato is the account")
    if owed is not None:
        notes += "; unpaid earlier bills (Valor em dívida) added to the total, previous_balance = that amount"
    if direct:
        notes += "; due_date is the direct-debit date"
    return p.output(), truth(
        "pt_eletricidade", notes, provider=provider, account_number=contract, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="EUR", electricity_kwh=kwh, meter_number=meter, rate_plan=offer,
        previous_balance=owed, current_charges=current)
