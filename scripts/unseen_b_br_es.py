"""Set B, two Iberian-language layouts: a Brazilian electricity "fatura" (DANF3E) and a table-heavy Spanish water
bill."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import ES_MONTHS, Page, add_months, digits, draw_shuffled, iso, money, num, truth

BR_PROVIDERS = ("Luz do Cerrado Distribuidora S.A.", "Companhia de Eletricidade Serra Verde",
                "Elétrica Litoral Sul S.A.")
BR_HOMES = ("MARIA APARECIDA DOS SANTOS", "JOSÉ CARLOS PEREIRA", "ANA LUÍZA FERREIRA LIMA",
            "FRANCISCO DAS CHAGAS SOUZA")
BR_SHOPS = ("PADARIA BOM JESUS LTDA", "MERCADINHO SÃO JORGE ME", "OFICINA IRMÃOS ROCHA LTDA")
BR_STREETS = ("RUA DAS PALMEIRAS", "AV. BRASIL", "RUA SETE DE SETEMBRO", "RUA DOM PEDRO II", "TRAVESSA DAS FLORES",
              "AV. GETÚLIO VARGAS")
BR_BAIRROS = ("CENTRO", "JARDIM AMÉRICA", "VILA NOVA", "SÃO BENEDITO", "PARQUE DAS ÁRVORES")
BR_TOWNS = ("13560-000 SÃO CARLOS SP", "38400-000 UBERLÂNDIA MG", "74000-000 GOIÂNIA GO",
            "88000-000 FLORIANÓPOLIS SC", "64000-000 TERESINA PI")
BR_MON = ("JAN", "FEV", "MAR", "ABR", "MAI", "JUN", "JUL", "AGO", "SET", "OUT", "NOV", "DEZ")
BR_FLAGS = (("Verde", 0.0), ("Verde", 0.0), ("Amarela", 0.01885), ("Vermelha P1", 0.04463))


def _brl(v: float) -> str:
    return f"R$ {num(v, style='eu')}"


def _br_usage(rng: random.Random, shop: bool) -> tuple[list[tuple[str, int, int]], int, str]:
    """Registers as (posto, prior read, present read), the multiplier and the classification."""
    if shop:
        mult = rng.choice((1, 1, 40))
        per = rng.randint(600, 3000) // mult or 1
        regs = [("Único", rng.randint(1000, 60000), 0)]
        regs = [(n, a, a + per + rng.randint(0, 20)) for n, a, _ in regs]
        return regs, mult, "B3 Comercial Convencional - Trifásico"
    if rng.random() < 0.3:
        regs = [(posto, a, a + rng.randint(lo, hi)) for posto, lo, hi in
                (("Ponta", 20, 60), ("Intermediário", 15, 45), ("Fora Ponta", 120, 380))
                for a in [rng.randint(1000, 40000)]]
        return regs, 1, "B1 Residencial Tarifa Branca - Bifásico"
    a = rng.randint(1000, 60000)
    phase = rng.choice(("Monofásico", "Bifásico"))
    return [("Único", a, a + rng.randint(90, 620))], 1, f"B1 Residencial Convencional - {phase}"


def brazilian_energy(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(BR_PROVIDERS)
    shop = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(28, 33)
    end = start + dt.timedelta(days=days)  # read to read: the bill counts the days between the two reads
    stmt = end + dt.timedelta(days=rng.randint(0, 2))
    shown = stmt + dt.timedelta(days=rng.randint(2, 4))
    due = stmt + dt.timedelta(days=rng.randint(10, 20))
    regs, mult, klass = _br_usage(rng, shop)
    kwh_by = [(posto, (b - a) * mult) for posto, a, b in regs]
    kwh = sum(q for _, q in kwh_by)
    flag, r_flag = rng.choice(BR_FLAGS)
    qty3 = rng.random() < 0.5  # some distributors print quantities with three decimals

    def qty(q: int) -> str:
        return num(q, 3, style="eu") if qty3 else num(q, 0, style="eu")

    items: list[tuple[str, str, str, str, float]] = []  # (description, unit, quantity, unit price, amount)
    for posto, q in kwh_by:
        suffix = "" if posto == "Único" else f" {posto}"
        for part, lo, hi in (("TUSD", 0.38, 0.55), ("TE", 0.28, 0.36)):
            r = round(rng.uniform(lo, hi), 6)
            items.append((f"Energia Ativa Fornecida {part}{suffix}", "kWh", qty(q), num(r, 6, style="eu"),
                          money(q * r)))
    if r_flag:
        items.append((f"Adicional Bandeira {flag}", "kWh", qty(kwh), num(r_flag, 6, style="eu"),
                      money(kwh * r_flag)))
    energy = money(sum(i[4] for i in items))
    late_ref = add_months(start, -1)
    if rng.random() < 0.25:
        base = money(energy * rng.uniform(0.8, 1.2))
        ref = f"{BR_MON[late_ref.month - 1]}/{late_ref.year}"
        items.append((f"Multa por atraso - Ref. {ref}", "", "", "", money(base * 0.02)))
        items.append((f"Juros de mora - Ref. {ref}", "", "", "", money(base * 0.01 * rng.randint(5, 25) / 30)))
    if rng.random() < 0.15:
        items.append(("Compensação DIC/FIC (indicador de continuidade)", "", "", "", -money(rng.uniform(1.5, 9))))
    cip = money(rng.uniform(8, 35))
    items.append(("Contrib. Iluminação Pública Municipal", "", "", "", cip))
    total = money(sum(i[4] for i in items))
    icms_rate = rng.choice((17, 18, 20, 25))
    taxes = [("ICMS", energy, icms_rate, money(energy * icms_rate / 100)),
             ("PIS/PASEP", energy, 0.95, money(energy * 0.0095)), ("COFINS", energy, 4.37, money(energy * 0.0437))]

    person = rng.choice(BR_SHOPS if shop else BR_HOMES)
    compl = rng.choice(("", "", f" APTO {rng.randint(11, 94)}", " CASA 2", f" SALA {rng.randint(1, 9)}"))
    street, bairro, town = f"{rng.choice(BR_STREETS)} {rng.randint(10, 2999)}{compl}", rng.choice(BR_BAIRROS), \
        rng.choice(BR_TOWNS)
    address = f"{street}, {bairro}, {town}"
    client = digits(rng, rng.choice((8, 9, 10)))
    install = digits(rng, 10)
    meter = digits(rng, rng.choice((8, 11)))
    ref_month = f"{BR_MON[end.month - 1]}/{end.year}"
    client_label = rng.choice(("Código do Cliente", "Seu Código", "Nº do Cliente"))
    total_label = rng.choice(("Total a pagar", "Valor a pagar", "Total a Pagar (R$)"))
    due_label = rng.choice(("Vencimento", "Data de Vencimento"))
    owed = money(total * rng.uniform(0.8, 1.25)) if rng.random() < 0.25 else None
    p = Page()

    def header() -> None:
        p.text(12, 9, provider, 13, bold=True)
        p.text(12, 15, f"CNPJ {digits(rng, 2)}.{digits(rng, 3)}.{digits(rng, 3)}/0001-{digits(rng, 2)}   "
               f"Inscrição Estadual {digits(rng, 9)}   Atendimento 0800 701 0102", 6.5)
        p.text(118, 9, "DOCUMENTO AUXILIAR DA NOTA FISCAL", 8, bold=True)
        p.text(118, 13, "DE ENERGIA ELÉTRICA ELETRÔNICA", 8, bold=True)
        p.text(118, 18, f"Nº {digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)}  Série 001", 7.5)
        p.text(118, 22, f"Data de emissão: {stmt.strftime('%d/%m/%Y')}", 7.5)
        p.text(118, 26, f"Data de apresentação: {shown.strftime('%d/%m/%Y')}", 7.5)

    def customer() -> None:
        p.rect(10, 30, 100, 26)
        p.text(12, 31, person, 8.5, bold=True)
        p.text(12, 36, street, 8)
        p.text(12, 40.5, bairro, 8)
        p.text(12, 45, town, 8)
        p.text(12, 50, f"CPF/CNPJ: ***.{digits(rng, 3)}.{digits(rng, 3)}-**", 7)

    def grid() -> None:
        # A strip of labelled boxes: labels on one row, values on the row below.
        cells = [(client_label, client), ("Referência", ref_month), (due_label, due.strftime("%d/%m/%Y")),
                 (total_label, _brl(total))]
        for i, (k, v) in enumerate(cells):
            p.rect(114 + i * 22, 32, 22, 16, fill=238 if i == 3 else None)
            p.text(115 + i * 22, 33.5, k, 5.5, bold=True)
            p.text(115 + i * 22, 40, v, 7 if i < 3 else 7.5, bold=i == 3)

    def unit() -> None:
        rows = [("Classificação", klass), ("Endereço da unidade consumidora", address),
                ("Nº da Instalação", install), ("Nº do Medidor", meter),
                ("Período de leitura", f"{start.strftime('%d/%m/%Y')} a {end.strftime('%d/%m/%Y')}  ({days} dias)"),
                ("Próxima leitura prevista", (end + dt.timedelta(days=rng.randint(29, 32))).strftime("%d/%m/%Y"))]
        for i, (k, v) in enumerate(rows):
            p.text(12, 60 + i * 4.3, k, 7, bold=True)
            p.text(58, 60 + i * 4.3, v, 7)

    def readings() -> None:
        p.text(12, 88, "Leituras", 9, bold=True)
        rows = [["Medidor", "Posto", "Leitura anterior", "Leitura atual", "Constante", "Consumo (kWh)"]]
        for posto, a, b in regs:
            rows.append([meter, posto, num(a, 0, style="eu"), num(b, 0, style="eu"), str(mult),
                         num((b - a) * mult, 0, style="eu")])
        y = p.table(10, 93, [28, 26, 28, 28, 20, 28], rows, size=7, row_h=4.6, aligns="LLRRRR")
        p.text(12, y + 1.5, f"Consumo (kWh) faturado: {num(kwh, 0, style='eu')}    Bandeira tarifária vigente: {flag}",
               7.5, bold=True)

    def invoice_items() -> None:
        p.text(12, 122, "Itens da fatura", 9, bold=True)
        rows = [["Descrição", "Unid.", "Quant.", "Preço unit. (R$) c/ tributos", "Valor (R$)"]]
        rows += [[d, u, q, r, num(a, style="eu")] for d, u, q, r, a in items]
        rows.append([total_label, "", "", "", num(total, style="eu")])
        p.table(10, 127, [76, 12, 22, 40, 26], rows, size=6.8, row_h=4.4, aligns="LLRRR")

    def tributes() -> None:
        y0 = 190
        p.text(12, y0, "Tributos (inclusos no preço - Lei 12.741/2012)", 8, bold=True)
        rows = [["Tributo", "Base de cálculo (R$)", "Alíquota (%)", "Valor (R$)"]]
        rows += [[t, num(b, style="eu"), num(r, 2, style="eu"), num(v, style="eu")] for t, b, r, v in taxes]
        p.table(10, y0 + 4, [26, 34, 24, 24], rows, size=6.8, row_h=4.4, aligns="LRRR")

    def history() -> None:
        p.text(122, 190, "Histórico de consumo", 8, bold=True)
        rows = [["Mês/Ano", "kWh", "Dias"]]
        for i in range(1, 7):
            d = add_months(end, -i)
            rows.append([f"{BR_MON[d.month - 1]}/{str(d.year)[2:]}", num(round(kwh * rng.uniform(0.7, 1.3)), 0,
                                                                          style="eu"), str(rng.randint(28, 33))])
        p.table(120, 194, [24, 22, 14], rows, size=6.8, row_h=4.2, aligns="LRR")
        p.text(122, 225, f"Média dos últimos 12 meses: {num(round(kwh * rng.uniform(0.85, 1.15)), 0, style='eu')} kWh",
               6.5)

    def notices() -> None:
        p.rect(10, 232, 190, 16)
        if owed is not None:
            ref = add_months(end, -2)
            p.text(12, 234, f"AVISO: consta em nosso sistema a fatura de {BR_MON[ref.month - 1]}/{ref.year} no valor"
                   f" de {_brl(owed)}, em aberto. Se já foi paga, desconsidere este aviso.", 6.8, bold=True)
        p.text(12, 239, "Pague com PIX ou débito automático. Após o vencimento incidirão multa de 2% e juros de 1% ao"
               " mês.", 6.5)
        p.text(12, 243, f"Bandeira {flag}: veja em nosso site como economizar energia.", 6.5)

    def stub() -> None:
        p.hline(8, 202, 256, dash=True)
        p.text(12, 259, provider, 8, bold=True)
        p.text(12, 264, f"{client_label}: {client}   Referência: {ref_month}", 7.5)
        p.text(120, 259, f"{total_label}: {_brl(total)}", 9, bold=True)
        p.text(120, 265, f"{due_label}: {due.strftime('%d/%m/%Y')}", 8)
        p.text(12, 274, f"{digits(rng, 11)}-{digits(rng, 1)} {digits(rng, 11)}-{digits(rng, 1)} "
               f"{digits(rng, 11)}-{digits(rng, 1)}", 9, font="Courier")

    draw_shuffled(rng, [header, customer, grid, unit, readings, invoice_items, tributes, history, notices, stub])
    notes = ("Brazilian DANF3E electricity bill; R$ 1.234,56; kWh = (Leitura atual - anterior) x Constante"
             + (" summed over the Tarifa Branca postos" if len(regs) > 1 else "")
             + "; the period runs read to read and the printed day count is end - start; taxes (ICMS, PIS, COFINS)"
             " are included in the prices and their table is not added; Total a pagar = sum of the items")
    if owed is not None:
        notes += "; an unpaid earlier fatura is announced in a notice but NOT in the total (previous_balance null)"
    if any(d.startswith("Multa") for d, *_ in items):
        notes += "; late fees of the previous month are items of this bill"
    return p.output(), truth(
        "br_fatura", notes, provider=provider, account_number=client, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="BRL", electricity_kwh=kwh, meter_number=meter, rate_plan=klass,
        previous_balance=None, current_charges=total)


ES_PROVIDERS = ("Aguas del Valle del Tajo, S.A.", "Empresa Municipal de Aguas de Sierra Alta, S.A.",
                "Canal de Aguas de la Vega, S.L.")
ES_PEOPLE = ("María del Carmen López García", "José Antonio Martínez Ruiz", "Lucía Fernández Navarro",
             "Comunidad de Propietarios Calle Mayor 14", "Javier Sánchez Moreno", "Bar Restaurante El Olivo S.L.")
ES_STREETS = ("C/ Mayor", "Avda. de la Constitución", "C/ Real", "Plaza de España", "C/ San Isidro",
              "Paseo de la Estación")
ES_TOWNS = ("28801 Alcalá de Henares (Madrid)", "45600 Talavera de la Reina (Toledo)", "18001 Granada",
            "30001 Murcia", "10600 Plasencia (Cáceres)")


def _es_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d-%m-%Y")
    return f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}"


def _eur(v: float) -> str:
    return f"{num(v, style='eu')} €"


def _es_blocks(m3: int, months: int) -> list[tuple[str, int, float]]:
    """The consumption in tariff blocks per month of the period (block 1 up to 10 m³ a month, 2 up to 20)."""
    out, left = [], m3
    for n, (size, rate) in enumerate(((10 * months, 0.4512), (10 * months, 0.9875), (10**6, 1.8730)), start=1):
        take = min(left, size)
        if take <= 0:
            break
        out.append((f"Consumo bloque {n}", take, rate))
        left -= take
    return out


def spanish_water(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider = rng.choice(ES_PROVIDERS)
    months = rng.choice((2, 3, 3))
    start = dt.date(rng.randint(2023, 2025), rng.choice((1, 4, 7, 10) if months == 3 else (1, 3, 5, 7, 9, 11)), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    days = (end - start).days + 1
    stmt = end + dt.timedelta(days=rng.randint(5, 15))
    direct = rng.random() < 0.6
    due = stmt + dt.timedelta(days=rng.randint(10, 20) if direct else 30)
    m3 = rng.randint(6, 28) * months + rng.randint(0, 3)
    prior = rng.randint(100, 4000)
    unit = rng.choice(("m³", "m3"))
    sections: list[tuple[str, list[tuple[str, float, int]]]] = []  # (section, [(concept, amount, VAT %)])
    r_fix = round(rng.uniform(4.5, 7.5), 4)
    supply = [("Cuota de servicio", f"{months} meses x {num(r_fix, 4, style='eu')} €", money(months * r_fix))]
    supply += [(b, f"{q} {unit} x {num(r, 4, style='eu')} €/{unit}", money(q * r))
               for b, q, r in _es_blocks(m3, months)]
    r_alc, r_dep = round(rng.uniform(0.25, 0.45), 4), round(rng.uniform(0.45, 0.65), 4)
    sections.append(("ABASTECIMIENTO", [(f"{c}: {q}", a, 10) for c, q, a in supply]))
    sections.append(("ALCANTARILLADO", [(f"Cuota de servicio: {months} meses x 2,1000 €", money(months * 2.1), 10),
                                        (f"Consumo: {m3} {unit} x {num(r_alc, 4, style='eu')} €", money(m3 * r_alc),
                                         10)]))
    sections.append(("DEPURACIÓN", [(f"Consumo: {m3} {unit} x {num(r_dep, 4, style='eu')} €", money(m3 * r_dep), 10)]))
    sections.append(("CANON DE SANEAMIENTO (Comunidad Autónoma)",
                     [(f"Cuota fija: {months} meses x 1,5000 €", money(months * 1.5), 10),
                      (f"Cuota variable: {m3} {unit} x 0,4250 €", money(m3 * 0.425), 10)]))
    sections.append(("CONSERVACIÓN DE CONTADOR", [(f"{months} meses x 0,8500 €", money(months * 0.85), 21)]))
    if rng.random() < 0.5:
        sections.append(("TASA MUNICIPAL DE RECOGIDA DE RESIDUOS", [("Cuota trimestral vivienda" if months == 3 else
                                                                     "Cuota bimestral vivienda",
                                                                     money(rng.uniform(14, 32)), 0)]))
    bases = {rate: money(sum(a for _, lines in sections for _, a, r in lines if r == rate)) for rate in (10, 21, 0)}
    vats = {rate: money(bases[rate] * rate / 100) for rate in (10, 21)}
    current = money(sum(bases.values()) + sum(vats.values()))
    pending = money(current * rng.uniform(0.7, 1.2)) if rng.random() < 0.25 else None
    total = money(current + (pending or 0))

    person = rng.choice(ES_PEOPLE)
    floor = rng.choice(("", f", {rng.randint(1, 8)}º {rng.choice('ABCD')}", ", bajo"))
    street, town = f"{rng.choice(ES_STREETS)} {rng.randint(1, 120)}{floor}", rng.choice(ES_TOWNS)
    address = f"{street}, {town}"
    contract = digits(rng, 10)
    meter = f"{rng.choice(('C', 'ZR', '18'))}{digits(rng, 7)}"
    use = rng.choice(("Doméstica general", "Doméstica familia numerosa", "Comercial"))
    ds = rng.randrange(3)
    total_label = rng.choice(("IMPORTE TOTAL", "TOTAL FACTURA", "Importe total de la factura"))
    contract_label = rng.choice(("Nº de contrato", "Póliza nº", "Contrato"))
    due_label = (rng.choice(("Fecha de cargo en cuenta", "Se cargará en su cuenta el")) if direct else
                 rng.choice(("Fecha límite de pago", "Pagar antes del")))
    p = Page()

    def header() -> None:
        p.text(12, 10, provider, 12.5, bold=True)
        p.text(12, 16, f"CIF A{digits(rng, 8)}  -  Atención al cliente 900 100 {digits(rng, 3)}  -  Averías 24 h "
               f"900 200 {digits(rng, 3)}", 6.5)
        p.text(140, 10, "FACTURA DE AGUA", 12, bold=True)

    def postal() -> None:
        p.text(118, 28, person, 9)
        p.text(118, 33, street, 9)
        p.text(118, 38, town, 9)

    def invoice_data() -> None:
        p.text(12, 26, "DATOS DE LA FACTURA", 8.5, bold=True)
        rows = [["Nº de factura", f"{stmt.year}/A{digits(rng, 7)}"], ["Fecha de emisión", _es_date(stmt, ds)],
                ["Periodo de facturación", f"del {_es_date(start, ds)} al {_es_date(end, ds)}"],
                ["Días facturados", str(days)], [due_label, _es_date(due, ds)]]
        p.table(10, 30, [40, 58], rows, size=7, row_h=4.6, header=False, aligns="LL")

    def supply_data() -> None:
        p.text(12, 58, "DATOS DEL SUMINISTRO", 8.5, bold=True)
        rows = [["Titular", person], [contract_label, contract], ["Dirección de suministro", address],
                ["Tarifa / uso", use],
                ["Referencia catastral", f"{digits(rng, 7)}VK{digits(rng, 4)}S0001{digits(rng, 2)}"],
                ["Nº de personas empadronadas", str(rng.randint(1, 6))]]
        p.table(10, 62, [40, 150], rows, size=7, row_h=4.6, header=False, aligns="LL")

    def readings() -> None:
        p.text(12, 94, "LECTURAS Y CONSUMOS", 8.5, bold=True)
        rows = [["Contador", "Calibre", "Fecha lect. anterior", "Lectura anterior", "Fecha lect. actual",
                 "Lectura actual", f"Consumo ({unit})", "Tipo"],
                [meter, rng.choice(("13 mm", "15 mm", "20 mm")), _es_date(start - dt.timedelta(days=1), 0), str(prior),
                 _es_date(end, 0), str(prior + m3), str(m3), rng.choice(("Real", "Real", "Estimada"))]]
        y = p.table(10, 98, [20, 15, 29, 25, 27, 24, 24, 16], rows, size=6.5, row_h=4.8, aligns="LLLRLRRL")
        p.text(12, y + 1.5, f"Consumo medio diario: {num(m3 / days, 2, style='eu')} {unit}/día   -   Mismo periodo del"
               f" año anterior: {max(1, round(m3 * rng.uniform(0.75, 1.25)))} {unit}", 7)

    def detail() -> None:
        p.text(12, 118, "DETALLE DE LA FACTURA", 8.5, bold=True)
        rows = [["Concepto", "IVA", "Importe"]]
        for title, lines in sections:
            rows.append([title, "", ""])
            rows += [[f"   {c}", f"{r}%" if r else "Exento", _eur(a)] for c, a, r in lines]
        y = p.table(10, 122, [140, 18, 32], rows, size=6.8, row_h=4.2, aligns="LCR")
        rows = [["Base imponible", "Tipo", "Cuota"],
                [_eur(bases[10]), "IVA 10%", _eur(vats[10])], [_eur(bases[21]), "IVA 21%", _eur(vats[21])]]
        if bases[0]:
            rows.append([_eur(bases[0]), "No sujeto", _eur(0.0)])
        y = p.table(10, y + 3, [40, 30, 30], rows, size=6.8, row_h=4.4, aligns="RLR")
        p.rect(120, y - 9, 80, 9, fill=232)
        p.text(122, y - 7, total_label, 9, bold=True)
        p.text(160, y - 7, _eur(current), 9.5, bold=True, w=38, align="R")
        if pending is not None:
            p.text(122, y + 1, "Recibos anteriores pendientes de pago", 7.5)
            p.text(160, y + 1, _eur(pending), 7.5, w=38, align="R")
            p.text(122, y + 6, "TOTAL A PAGAR", 9, bold=True)
            p.text(160, y + 6, _eur(total), 9.5, bold=True, w=38, align="R")

    def history() -> None:
        p.text(12, 252, f"Histórico de consumos ({unit})", 7.5, bold=True)
        heads, vals = [], []
        for i in range(6, 0, -1):
            d = add_months(start, -months * i)
            heads.append(f"{ES_MONTHS[d.month - 1][:3]}-{str(d.year)[2:]}")
            vals.append(str(max(1, round(m3 * rng.uniform(0.7, 1.3)))))
        p.table(10, 256, [18] * 6, [heads, vals], size=6.5, row_h=4.2, aligns="C" * 6)

    def payment() -> None:
        p.rect(122, 250, 78, 22)
        if direct:
            p.text(124, 252, f"Domiciliada en ES{digits(rng, 2)} **** **** **** **** {digits(rng, 4)}", 7)
        else:
            p.text(124, 252, "Pague en cualquier oficina bancaria con el código de barras.", 7)
        p.text(124, 258, f"{due_label}: {_es_date(due, ds)}", 7.5, bold=True)
        p.text(124, 264, f"Importe: {_eur(total)}", 8.5, bold=True)
        p.text(12, 280, f"90507{digits(rng, 12)}{digits(rng, 12)}", 8, font="Courier")

    draw_shuffled(rng, [header, postal, invoice_data, supply_data, readings, detail, history, payment])
    notes = ("Spanish water bill, table-heavy; m³ = Lectura actual - anterior; consumption billed in blocks; sections"
             " Abastecimiento / Alcantarillado / Depuración / Canon / Contador (IVA 21%) / Tasa de residuos (no"
             " sujeta); IVA 10% and 21% bases; period inclusive (Días facturados); average daily use, last year and"
             " the history table are distractors")
    notes += "; due_date is the direct-debit date (Fecha de cargo)" if direct else "; due_date = Fecha límite de pago"
    if pending is not None:
        notes += "; pending earlier receipts added to the total (previous_balance), current_charges = the bill total"
    return p.output(), truth(
        "es_agua", notes, provider=provider, account_number=contract, service_address=address,
        statement_date=iso(stmt), due_date=iso(due), billing_period_start=iso(start), billing_period_end=iso(end),
        total_amount_due=total, currency="EUR", water_usage=m3, water_usage_unit="m3", meter_number=meter,
        rate_plan=use, previous_balance=pending, current_charges=current)
