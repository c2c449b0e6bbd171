"""Set J, a Brazilian water and sewage bill drawn with the fpdf2 kit, table-heavy: reads, m³ consumption bands with
a minimum per dwelling, sewage as a percentage of water, a water-quality table, the history and a payment slip."""

from __future__ import annotations

import datetime as dt
import random

from unseen_kit import (
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

BR_UTILS = (
    ("Companhia de Saneamento do Vale do Paraíba - SANEVALE", "CNPJ 12.345.678/0001-90"),
    ("Águas do Planalto Central S.A.", "CNPJ 08.442.117/0001-35"),
    ("Serviço Autônomo de Água e Esgoto de Rio Claro Novo - SAAE", "CNPJ 45.118.902/0001-07"),
)
BR_HOMES = (
    "ANA PAULA DE OLIVEIRA",
    "JOSÉ CARLOS DA SILVA",
    "MARIA APARECIDA SOUZA",
    "FRANCISCO DAS CHAGAS LIMA",
    "LUCIANA FERREIRA COSTA",
)
BR_SHOPS = ("PADARIA PÃO DOURADO LTDA", "LAVANDERIA BOLHA AZUL ME", "RESTAURANTE SABOR MINEIRO EIRELI")
BR_STREETS = ("Rua das Palmeiras", "Av. Brasil", "Rua Sete de Setembro", "Rua Tiradentes", "Av. Getúlio Vargas")
BR_TOWNS = (
    "Centro - Taubaté/SP",
    "Jardim América - Anápolis/GO",
    "Vila Nova - Rio Claro/SP",
    "Boa Vista - Caçapava/SP",
)
# consumption bands in m³ (from, to) with the water price per m³; the first band is charged as a minimum
BR_BANDS = ((0, 10), (10, 20), (20, 30), (30, 50), (50, 10**6))
BR_PRICES = {
    "Residencial Normal": (4.38, 6.12, 7.95, 10.41, 13.07),
    "Residencial Social": (1.64, 2.85, 6.40, 10.41, 13.07),
    "Comercial": (8.02, 10.27, 12.66, 15.30, 18.12),
}


def _br_date(d: dt.date, style: int) -> str:
    return d.strftime("%d/%m/%Y") if style == 0 else d.strftime("%d-%m-%Y")


def _brl(v: float) -> str:
    return f"R$ {num(v, style='eu')}"


def brazil_water(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    provider, cnpj = rng.choice(BR_UTILS)
    business = rng.random() < 0.3
    category = (
        "Comercial" if business else rng.choice(("Residencial Normal", "Residencial Normal", "Residencial Social"))
    )
    units = rng.choice((1, 1, 1, 2, 4)) if not business else 1
    prior_read = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(28, 33)
    read = prior_read + dt.timedelta(days=days)
    stmt = read + dt.timedelta(days=rng.randint(1, 4))
    due = stmt + dt.timedelta(days=rng.choice((10, 15, 20)))
    used = rng.randint(4, 90) if business else rng.randint(3, 26) * units
    prior = rng.randint(100, 9000)
    prices = BR_PRICES[category]
    band_rows: list[tuple[str, int, float, float]] = []
    for (lo, hi), price in zip(BR_BANDS, prices, strict=True):
        lo_u, hi_u = lo * units, hi * units
        # the first band is a minimum: 10 m³ per dwelling billed even when less is used
        take = hi_u if lo == 0 else max(0, min(used, hi_u) - lo_u)
        if take <= 0:
            continue
        label = f"{lo + 1 if lo else 0} a {hi} m³" if hi < 10**6 else f"acima de {lo} m³"
        band_rows.append((label, take, price, money(take * price)))
    water = money(sum(v for *_, v in band_rows))
    sewer_pct = rng.choice((80, 100))
    sewer = money(water * sewer_pct / 100)
    items: list[tuple[str, float]] = [("Água", water), (f"Esgoto ({sewer_pct}% do valor da água)", sewer)]
    if rng.random() < 0.4:
        items.append(("Taxa de coleta de lixo", money(rng.choice((18.50, 22.35, 27.90)))))
    if rng.random() < 0.25:
        n = rng.randint(2, 6)
        items.append((f"Parcelamento de débito - parcela {rng.randint(1, n - 1)}/{n}", money(rng.uniform(20, 90))))
    prev, paid = balance_story(rng, water + sewer)
    owed = 0.0 if prev is None else money(prev - (paid or 0))
    if owed > 0:
        items.append(("Multa por atraso (2%) e juros de mora", money(owed * 0.02 + owed * 0.01)))
    current = money(sum(v for _, v in items))
    total = money(current + owed)

    person = rng.choice(BR_SHOPS if business else BR_HOMES)
    address = f"{rng.choice(BR_STREETS)}, {rng.randint(10, 2999)} - {rng.choice(BR_TOWNS)}"
    account = f"{digits(rng, rng.choice((6, 7, 8)))}-{rng.randint(0, 9)}"
    meter = f"{rng.choice('ABYK')}{rng.randint(10, 24)}{rng.choice('SLN')}{digits(rng, 6)}"
    ds = rng.randrange(2)
    total_label = rng.choice(("Valor a pagar", "Total a pagar", "VALOR TOTAL"))
    due_label = rng.choice(("Vencimento", "Data de vencimento", "Pagável até"))
    acc_label = rng.choice(("Matrícula", "Código do imóvel", "Inscrição", "RGI"))
    cur_label = rng.choice(("Total da conta do mês", "Valor da fatura", "Total dos serviços"))
    summary_foot = rng.random() < 0.5
    p = Page("A4")
    sy, ty = (206, 68) if summary_foot else (68, 112)

    def header() -> None:
        p.text(12, 10, provider, 10.5, bold=True)
        p.text(12, 15.5, f"{cnpj} - Atendimento 0800 {digits(rng, 3)} {digits(rng, 4)}", 7)
        p.text(150, 10, "CONTA DE ÁGUA E ESGOTO", 9, bold=True)
        p.text(150, 15, f"Nº da conta {digits(rng, 9)}", 7)

    def customer() -> None:
        rows = [
            ["Cliente", person],
            ["Endereço do imóvel", address],
            [acc_label, account],
            ["Categoria", category],
            ["Economias", str(units)],
            ["Referência", f"{read.month:02d}/{read.year}"],
        ]
        p.table(12, 22, [32, 110], rows, size=7.5, row_h=5, header=False)

    def reads() -> None:
        rows = [
            ["Hidrômetro", "Leitura anterior", "Data", "Leitura atual", "Data", "Consumo m³", "Dias"],
            [meter, str(prior), _br_date(prior_read, ds), str(prior + used), _br_date(read, ds), str(used), str(days)],
        ]
        p.table(12, 54, [24, 22, 20, 22, 20, 20, 10], rows, size=7, row_h=5, aligns="LRLRLRR")
        p.text(158, 54, f"Emissão: {_br_date(stmt, ds)}", 7.5)
        p.text(158, 59, f"Próxima leitura: {_br_date(read + dt.timedelta(days=30), ds)}", 7)

    def bands() -> None:
        rows = [["Faixa de consumo", "m³ faturados", "Tarifa R$/m³", "Valor R$"]]
        rows += [
            [label, str(take), num(price, 2, style="eu"), num(v, style="eu")] for label, take, price, v in band_rows
        ]
        y = p.table(12, ty, [44, 24, 24, 24], rows, size=7, row_h=5, aligns="LRRR")
        rows = [["Serviço", "Valor"]] + [[label, _brl(v)] for label, v in items] + [[cur_label, _brl(current)]]
        p.table(12, y + 3, [80, 36], rows, size=7.5, row_h=5, aligns="LR")

    def quality() -> None:
        rows = [["Parâmetro", "Exigido", "Analisado", "Conforme"]]
        for name, need in (
            ("Cloro residual", "0,2 a 5,0 mg/L"),
            ("Turbidez", "até 5,0 uT"),
            ("Cor", "até 15 uH"),
            ("Coliformes totais", "ausência"),
        ):
            rows.append([name, need, str(rng.randint(20, 60)), str(rng.randint(18, 60))])
        p.table(135, 68 if summary_foot else 112, [24, 22, 12, 12], rows, size=6, row_h=4.5, aligns="LLRR")

    def history() -> None:
        rows = [["Mês", "m³"]]
        for k in range(6, 0, -1):
            m = add_months(read, -k)
            rows.append([f"{m.month:02d}/{m.year}", str(max(1, int(used * rng.uniform(0.6, 1.4))))])
        y = p.table(135, 112 if summary_foot else 150, [24, 14], rows, size=6.5, row_h=4.5, aligns="LR")
        p.text(135, y + 1, f"Média: {max(1, int(used * rng.uniform(0.85, 1.15)))} m³", 6.5)

    def summary() -> None:
        p.rect(12, sy, 116, 36 if prev is not None else 22)
        y = sy + 3
        if prev is not None:
            p.text(15, y, "Débito anterior", 8)
            p.text(80, y, _brl(prev), 8, w=44, align="R")
            p.text(15, y + 5, "Pagamento recebido", 8)
            p.text(80, y + 5, _brl(paid or 0), 8, w=44, align="R")
            y += 10
        p.text(15, y, cur_label, 8)
        p.text(80, y, _brl(current), 8, w=44, align="R")
        p.text(15, y + 7, total_label, 11, bold=True)
        p.text(70, y + 7, _brl(total), 11, bold=True, w=54, align="R")
        p.text(15, y + 13, f"{due_label}: {_br_date(due, ds)}", 8.5, bold=True)

    def slip() -> None:
        p.hline(8, 202, 250, dash=True)
        p.text(12, 253, "Após o vencimento: multa de 2% e juros de 1% ao mês, cobrados na próxima conta.", 7)
        p.text(
            12,
            259,
            f"{acc_label} {account}   {due_label} {_br_date(due, ds)}   {total_label} {_brl(total)}",
            8.5,
            bold=True,
        )
        line = " ".join(digits(rng, 11) + "-" + str(rng.randint(0, 9)) for _ in range(4))
        p.text(12, 266, line, 8)
        p.text(12, 272, "Débito automático: informe o código " + digits(rng, 8) + " ao seu banco.", 6.5)

    draw_shuffled(rng, [header, customer, reads, bands, quality, history, summary, slip])
    notes = (
        f"Brazilian water and sewage bill, {category.lower()} with {units} dwelling(s); water in m³ bands with a "
        f"minimum of 10 m³ per dwelling, sewage {sewer_pct}% of water; the next read date, the water-quality "
        "table, the history and the payment slip's digits are distractors"
    )
    record = truth(
        "br_agua_esgoto",
        notes,
        provider=provider,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due),
        billing_period_start=iso(prior_read),
        billing_period_end=iso(read),
        total_amount_due=total,
        currency="BRL",
        water_usage=float(used),
        water_usage_unit="m3",
        meter_number=meter,
        rate_plan=category,
        previous_balance=prev,
        current_charges=current,
    )
    return p.output(), record
