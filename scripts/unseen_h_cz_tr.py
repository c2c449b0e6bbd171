"""Set H, two layouts printed from HTML + CSS by headless Chromium: a Czech annual electricity settlement
(vyúčtování: supply + distribution per MWh, DPH 21 %, advances paid deducted) and a Turkish monthly electricity
e-Arşiv invoice (energy + distribution per kWh, consumption tax on the energy, KDV)."""

from __future__ import annotations

import datetime as dt
import random

from unseen_h_html import Sheet, esc, grid, nw, render
from unseen_kit import add_months, digits, iso, money, num, truth

CZ_SELLERS = (
    ("Vltavská energie a.s.", "Na Poříčí 1041/12, 110 00 Praha 1"),
    ("Energie Vysočina s.r.o.", "Havlíčkova 2787/121, 586 01 Jihlava"),
    ("Slezská elektrárenská a.s.", "Nádražní 2956/24, 702 00 Ostrava"),
)
CZ_HOMES = ("Jana Nováková", "Petr Svoboda", "Tomáš Dvořák", "Lucie Černá", "Jiří Procházka", "Zdeňka Kučerová")
CZ_FIRMS = ("Pekařství Kuchař s.r.o.", "Autoservis Horák s.r.o.", "Truhlářství Říha a syn s.r.o.")
CZ_STREETS = ("Husova", "Masarykova", "Palackého", "Školní", "Komenského", "Žižkova", "Lidická")
CZ_TOWNS = (
    "602 00 Brno",
    "301 00 Plzeň",
    "370 01 České Budějovice",
    "779 00 Olomouc",
    "500 02 Hradec Králové",
    "460 01 Liberec",
)
CZ_MONTHS = (
    "ledna",
    "února",
    "března",
    "dubna",
    "května",
    "června",
    "července",
    "srpna",
    "září",
    "října",
    "listopadu",
    "prosince",
)
# distribution rate: (name, two registers, low-rate hours, VT and NT distribution prices in Kč/MWh, breaker)
CZ_RATES = (
    ("D02d", False, 0, 2245.30, 0.0, "3x25 A"),
    ("D25d", True, 8, 2390.10, 206.40, "3x25 A"),
    ("D45d", True, 20, 2517.80, 206.40, "3x32 A"),
    ("C02d", False, 0, 2468.90, 0.0, "3x40 A"),
    ("C25d", True, 8, 2631.20, 219.70, "3x50 A"),
)
CZ_BREAKER = {"3x25 A": 312.0, "3x32 A": 401.0, "3x40 A": 498.0, "3x50 A": 621.0}

_CZ_CSS = """
.top { border-bottom: 0.8mm solid #c0392b; padding-bottom: 2mm; }
.due { border: 0.5mm solid #c0392b; padding: 3mm; }
h4 { color: #c0392b; }
"""


def _cz_date(d: dt.date, style: int) -> str:
    return nw(d.strftime("%d.%m.%Y") if style == 0 else f"{d.day}. {d.month}. {d.year}")


def _kc(v: float) -> str:
    return nw(f"{num(v, style='sp')} Kč")


def _mwh(kwh: int) -> str:
    return num(kwh / 1000, 3, style="sp")


def czech_settlement(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    seller, seller_addr = rng.choice(CZ_SELLERS)
    firm = rng.random() < 0.3
    rate, two, nt_hours, dist_vt, dist_nt, breaker = rng.choice(CZ_RATES[3:] if firm else CZ_RATES[:3])
    months = rng.choice((12, 12, 12, 6))
    start = dt.date(rng.randint(2023, 2025), rng.choice((1, 1, 4, 7, 10)), 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(6, 18))
    due = stmt + dt.timedelta(days=rng.choice((14, 15, 21)))
    yearly = (
        rng.randint(6000, 24000)
        if firm
        else rng.randint(5500, 13000)
        if nt_hours == 20
        else rng.randint(3200, 8500)
        if two
        else rng.randint(1300, 4200)
    )
    kwh = int(yearly * months / 12)
    nt = int(kwh * (rng.uniform(0.55, 0.8) if nt_hours == 20 else rng.uniform(0.3, 0.5))) if two else 0
    vt = kwh - nt
    registers = [("VT", vt)] + ([("NT", nt)] if two else [])
    meter = digits(rng, rng.choice((7, 9)))
    price_vt = round(rng.uniform(2650, 3550), 2)
    price_nt = round(price_vt * rng.uniform(0.78, 0.9), 2)
    product = rng.choice(("Elektřina Standard", "Elektřina Fix 24", "Elektřina Komfort", "Elektřina Klasik"))

    lines: list[tuple[str, str, str, str, float]] = []  # label, quantity, unit, unit price, amount
    for reg, used in registers:
        p = price_vt if reg == "VT" else price_nt
        lines.append((f"Silová elektřina {reg}", _mwh(used), "MWh", num(p, style="sp"), money(used / 1000 * p)))
    lines.append(("Stálý plat za dodávku", str(months), "měs.", num(129.0, style="sp"), money(129.0 * months)))
    for reg, used in registers:
        p = dist_vt if reg == "VT" else dist_nt
        lines.append((f"Cena za distribuci {reg}", _mwh(used), "MWh", num(p, style="sp"), money(used / 1000 * p)))
    lines.append(
        (
            f"Plat za jistič {breaker}",
            str(months),
            "měs.",
            num(CZ_BREAKER[breaker], style="sp"),
            money(CZ_BREAKER[breaker] * months),
        )
    )
    for label, p in (("Systémové služby", 164.39), ("Podpora elektřiny z POZE", 495.00), ("Daň z elektřiny", 28.30)):
        lines.append((label, _mwh(kwh), "MWh", num(p, style="sp"), money(kwh / 1000 * p)))
    lines.append(("Činnost operátora trhu", str(months), "měs.", num(4.11, style="sp"), money(4.11 * months)))
    base = money(sum(line[4] for line in lines))
    dph = money(base * 0.21)
    current = money(base + dph)
    advance = round(current / months * rng.uniform(0.82, 1.12) / 10) * 10
    missed = 1 if rng.random() < 0.15 else 0
    paid = money(advance * (months - missed))
    total = money(current - paid)
    refund = total < 0

    person = rng.choice(CZ_FIRMS if firm else CZ_HOMES)
    street = f"{rng.choice(CZ_STREETS)} {rng.randint(100, 3999)}/{rng.randint(1, 80)}"
    town = rng.choice(CZ_TOWNS)
    address = f"{street}, {town}"
    account = digits(rng, rng.choice((8, 10)))
    ean = "859182400" + digits(rng, 9)
    invoice, vs = digits(rng, 10), digits(rng, 10)
    ds = rng.randrange(2)
    acc_label = rng.choice(("Zákaznické číslo", "Číslo zákazníka", "Číslo smluvního účtu"))
    due_label = rng.choice(("Datum splatnosti", "Splatnost", "Uhraďte do"))
    pay_label = (
        rng.choice(("Přeplatek", "Přeplatek k vrácení"))
        if refund
        else rng.choice(("Nedoplatek k úhradě", "Celkem k úhradě", "K úhradě"))
    )
    cur_label = rng.choice(("Celkem s DPH", "Cena celkem vč. DPH", "Celková cena za dodávku s DPH"))
    kwh_meter = rng.random() < 0.5
    summary_top = rng.random() < 0.5
    s = Sheet(_CZ_CSS)

    def head() -> None:
        s.put(
            12,
            10,
            120,
            f'<div class="top"><div class="xl">{esc(seller)}</div><div class="s">{esc(seller_addr)}'
            f" · IČO {digits(rng, 8)} · DIČ CZ{digits(rng, 8)} · zákaznická linka 840 {digits(rng, 3)} "
            f"{digits(rng, 3)}</div></div>",
        )
        s.put(
            140,
            10,
            58,
            f'<div class="b">Vyúčtování dodávky elektřiny</div><div class="s">faktura – daňový '
            f"doklad č. {invoice}</div><div class=s>Vystaveno {stmt.day}. {CZ_MONTHS[stmt.month - 1]} "
            f"{stmt.year}</div>",
        )

    def customer() -> None:
        s.put(
            118,
            34,
            80,
            f'<div class="frame"><div class="b">{esc(person)}</div><div>{esc(street)}</div>'
            f"<div>{esc(town)}</div></div>",
        )

    def ids() -> None:
        rows = [
            [esc(acc_label), account],
            ["Číslo faktury", invoice],
            ["Variabilní symbol", vs],
            ["Datum vystavení", _cz_date(stmt, ds)],
            ["Datum uskutečnění zdan. plnění", _cz_date(end, ds)],
            ["Zúčtovací období", f"{_cz_date(start, ds)} – {_cz_date(end, ds)}"],
        ]
        s.put(12, 34, 96, grid(rows, cls="rows", head=False, widths=[48, 52]))

    def place() -> None:
        s.put(
            12,
            80,
            186,
            f"<h4>Odběrné místo</h4><div>{esc(address)}</div><div>EAN: {ean} · Produkt: "
            f"{esc(product)} · Distribuční sazba: {rate} · Hlavní jistič: {breaker}</div>",
        )

    sy = 200 if not summary_top else 104

    def summary() -> None:
        rows = [
            ["Cena za dodávku elektřiny bez DPH", _kc(base)],
            ["DPH 21 %", _kc(dph)],
            [esc(cur_label), _kc(current)],
            ["Zaplacené zálohy", _kc(-paid)],
        ]
        tail = (
            f"<div>Přeplatek Vám vrátíme převodem na účet do {_cz_date(due, ds)}.</div>"
            if refund
            else f'<div>{esc(due_label)}: <span class="b">{_cz_date(due, ds)}</span></div><div class="s">Účet '
            f"{digits(rng, 9)}/0300, variabilní symbol {vs}</div>"
        )
        s.put(
            12,
            sy,
            110,
            "<h4>Souhrn vyúčtování</h4>"
            + grid(rows, cls="rows", head=False, aligns="LR")
            + f'<div class="due" style="margin-top:3mm"><div>{esc(pay_label)}</div><div class="xl">'
            f"{_kc(abs(total))}</div>{tail}</div>",
        )

    def advances() -> None:
        rows = [["Záloha", "Splatnost", "Předpis", "Uhrazeno"]]
        for k in range(months):
            when = add_months(start, k) + dt.timedelta(days=14)
            rows.append(
                [f"{k + 1}.", _cz_date(when, ds), _kc(advance), _kc(0 if k == months - 1 and missed else advance)]
            )
        rows.append(["Celkem", "", "", _kc(paid)])
        s.put(130, sy, 68, "<h4>Zálohy</h4>" + grid(rows, aligns="LRRR"))

    def history() -> None:
        rows = [["Období", "Spotřeba (kWh)", "Průměr za den (kWh)"]]
        for k in range(3, 0, -1):
            a = add_months(start, -months * k)
            used = int(kwh * rng.uniform(0.8, 1.2))
            days = (add_months(a, months) - a).days
            rows.append(
                [
                    f"{_cz_date(a, ds)} – {_cz_date(add_months(a, months) - dt.timedelta(days=1), ds)}",
                    num(used, 0, style="sp"),
                    num(used / days, 1, style="sp"),
                ]
            )
        s.put(12, 200 if summary_top else 104, 110, "<h4>Vývoj Vaší spotřeby</h4>" + grid(rows, aligns="LRR"))

    blocks = [head, customer, ids, place, summary, advances, history]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    s.next_page()

    def reads() -> None:
        unit = "kWh" if kwh_meter else "MWh"
        rows = [["Elektroměr", "Tarif", "Počáteční stav", "Datum", "Konečný stav", "Datum", f"Spotřeba ({unit})"]]
        for reg, used in registers:
            old = rng.randint(1000, 90000)
            fmt = (lambda v: num(v, 0, style="sp")) if kwh_meter else _mwh
            rows.append([meter, reg, fmt(old), _cz_date(start, ds), fmt(old + used), _cz_date(end, ds), fmt(used)])
        foot = f'<div>Celková spotřeba za období: <span class="b">{_mwh(kwh)} MWh</span></div>' if two else ""
        s.put(12, 14, 186, "<h4>Odečty elektroměru</h4>" + grid(rows, aligns="LLRLRLR") + foot)

    def detail() -> None:
        rows = [["Položka", "Množství", "Jedn.", "Cena za jedn. bez DPH", "Cena bez DPH (Kč)"]]
        for i, (label, qty, unit, price, amount) in enumerate(lines):
            if i == 0:
                rows.append(['<span class="b">Dodávka elektřiny (neregulovaná část)</span>', "", "", "", ""])
            if label.startswith("Cena za distribuci VT"):
                rows.append(['<span class="b">Distribuce elektřiny (regulovaná část)</span>', "", "", "", ""])
            rows.append([esc(label), qty, unit, price, num(amount, style="sp")])
        rows += [
            ['<span class="b">Celkem bez DPH</span>', "", "", "", num(base, style="sp")],
            [f"DPH 21 % ze základu {num(base, style='sp')}", "", "", "", num(dph, style="sp")],
            [f'<span class="b">{esc(cur_label)}</span>', "", "", "", f'<span class="b">{_kc(current)}</span>'],
        ]
        s.put(12, 50, 186, "<h4>Rozpis vyúčtování</h4>" + grid(rows, aligns="LRLRR", widths=[46, 13, 7, 17, 17]))

    def outlook() -> None:
        nxt = money(round(current / months * 1.05 / 10) * 10)
        last = num(int(kwh * rng.uniform(0.85, 1.15)), 0, style="sp")
        s.put(
            12,
            228,
            186,
            f"<h4>Nový předpis záloh</h4><div>Od {_cz_date(end + dt.timedelta(days=1), ds)} "
            f"činí Vaše měsíční záloha {_kc(nxt)}, splatná vždy k 15. dni měsíce.</div>"
            f'<div class="s">Spotřeba ve stejném období loni: {last} kWh. Průměrná denní spotřeba: '
            f"{num(kwh / ((end - start).days + 1), 1, style='sp')} kWh.</div>",
        )

    blocks = [reads, detail, outlook]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    kind = "business" if firm else "household"
    notes = (
        f"Czech {kind} electricity settlement (vyúčtování) of {months} months, 2 pages, rate {rate}; "
        f"'{cur_label}' (current_charges) minus the advances paid (zálohy) = the amount; no previous balance; "
        + ("overpayment (přeplatek) refunded, no due date; " if refund else "underpayment (nedoplatek); ")
        + f"charges per MWh with 3 decimals, meter reads in {'kWh' if kwh_meter else 'MWh'}; "
        f"{acc_label} is the account; EAN, invoice number and variable symbol are not; summary "
        + ("at the top" if summary_top else "at the foot")
        + " of page 1"
    )
    record = truth(
        "cz_vyuctovani",
        notes,
        provider=seller,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=None if refund else iso(due),
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="CZK",
        electricity_kwh=float(kwh),
        meter_number=meter,
        rate_plan=rate,
        previous_balance=None,
        current_charges=current,
    )
    return render(s, f"{seller}|{account}|{iso(stmt)}|{total}"), record


TR_SELLERS = (
    ("Anadolu Elektrik Perakende Satış A.Ş.", "Kızılırmak Mah. Dumlupınar Bulv. No:3, 06530 Çankaya/Ankara"),
    ("Ege Kıyı Elektrik Perakende A.Ş.", "Adalet Mah. Manas Bulv. No:47, 35530 Bayraklı/İzmir"),
    ("Marmara Işık Enerji Perakende Satış A.Ş.", "Barbaros Mah. Begonya Sok. No:2, 34746 Ataşehir/İstanbul"),
)
TR_HOMES = ("Ayşe Yılmaz", "Mehmet Kaya", "Fatma Demir", "Mustafa Çelik", "Zeynep Şahin", "Emre Öztürk")
TR_FIRMS = ("Öztürk Fırın Gıda Ltd. Şti.", "Kaya Oto Servis San. Tic. Ltd. Şti.", "Güneş Kırtasiye Ltd. Şti.")
TR_PLACES = (
    "Atatürk Mah. Cumhuriyet Cad. No:45 D:3, 35220 Konak/İzmir",
    "Bahçelievler Mah. 7. Sok. No:12 D:8, 06490 Çankaya/Ankara",
    "Kültür Mah. Gazi Bulv. No:101, 16050 Osmangazi/Bursa",
    "Yenidoğan Mah. Barış Sok. No:4 D:2, 34200 Bağcılar/İstanbul",
    "Güzelyalı Mah. Şehit Cengiz Topel Cad. No:88 D:11, 01170 Çukurova/Adana",
)


def _tr_date(d: dt.date, style: int) -> str:
    return nw(d.strftime("%d.%m.%Y") if style == 0 else d.strftime("%d/%m/%Y"))


def _tl(v: float, style: int) -> str:
    text = num(v, style="eu")
    return nw(f"{text} TL" if style == 0 else f"₺{text}")


def turkey_electricity(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    seller, seller_addr = rng.choice(TR_SELLERS)
    firm = rng.random() < 0.3
    end = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    start = add_months(end, -1) + dt.timedelta(days=rng.choice((-1, 0, 1, 2)))
    days = (end - start).days
    stmt = end + dt.timedelta(days=rng.choice((0, 1, 1, 2)))
    due = stmt + dt.timedelta(days=rng.choice((10, 12, 15)))
    three = rng.random() < 0.35
    mult = rng.choice((1, 1, 20, 40)) if firm else 1
    raw = rng.randint(40, 300) if mult > 1 else rng.randint(400, 4000) if firm else rng.randint(90, 480)
    kwh = raw * mult
    plan = ("Ticarethane" if firm else "Mesken") + (" Üç Zamanlı" if three else " Tek Zamanlı")
    kdv_rate = 20 if end >= dt.date(2023, 7, 10) else 18
    energy_price = 2.3920 if firm else 1.4034
    dist_price = 0.9591 if firm else 0.8712
    zones: list[tuple[str, int, int, float]] = []  # zone, raw index units, kWh, price
    if three:
        r1, r2 = int(raw * rng.uniform(0.5, 0.6)), int(raw * rng.uniform(0.15, 0.25))
        zones = [
            ("T1 Gündüz", r1, r1 * mult, round(energy_price, 4)),
            ("T2 Puant", r2, r2 * mult, round(energy_price * 1.55, 4)),
            ("T3 Gece", raw - r1 - r2, (raw - r1 - r2) * mult, round(energy_price * 0.58, 4)),
        ]
    else:
        zones = [("Tek Zaman", raw, kwh, energy_price)]
    lines: list[tuple[str, str, str, float]] = []  # label, quantity, unit price, amount
    for name, _, q, r in zones:
        lines.append((f"Enerji Bedeli {name}", f"{num(q, 0, style='eu')} kWh", num(r, 4, style="eu"), money(q * r)))
    energy = money(sum(a for *_, a in lines))
    lines.append(
        ("Dağıtım Bedeli", f"{num(kwh, 0, style='eu')} kWh", num(dist_price, 4, style="eu"), money(kwh * dist_price))
    )
    etv = money(energy * 0.05)
    lines.append((f"Elektrik Tüketim Vergisi (%5 x {num(energy, style='eu')})", "", "", etv))
    late = 0.0
    story = rng.random()
    prev: float | None = None
    if story < 0.3:  # the last invoice is still open: it is added, with a late payment charge on this one
        prev = money(rng.uniform(0.7, 1.3) * kwh * 2.6)
        late = money(prev * 0.045)
        lines.append(("Gecikme Bedeli", "", "", late))
    base = money(sum(a for *_, a in lines))
    kdv = money(base * kdv_rate / 100)
    current = money(base + kdv)
    total = money(current + (prev or 0))

    person = rng.choice(TR_FIRMS if firm else TR_HOMES)
    address = rng.choice(TR_PLACES)
    account = digits(rng, rng.choice((8, 10)))
    tesisat, meter = digits(rng, 8), digits(rng, 8)
    invoice = f"{seller[:3].upper()}{end.year}{digits(rng, 9)}"
    ettn = "-".join(f"{rng.getrandbits(b * 4):0{b}x}" for b in (8, 4, 4, 4, 12))
    ds, cs = rng.randrange(2), rng.randrange(2)
    acc_label = rng.choice(("Sözleşme Hesap No", "Müşteri No", "Abone No"))
    total_label = rng.choice(("Ödenecek Tutar", "Toplam Ödenecek Tutar", "Ödenecek Toplam"))
    due_label = rng.choice(("Son Ödeme Tarihi", "Son Ödeme", "Son Ödeme Günü"))
    cur_label = rng.choice(("Fatura Tutarı", "Bu Dönem Fatura Tutarı", "Dönem Tutarı"))
    summary_foot = rng.random() < 0.5
    s = Sheet(
        ".hd { border-top: 1.2mm solid #d35400; padding-top: 2mm; } .pay { border: 0.5mm solid #d35400;"
        " padding: 3mm; background: #fdf2e9; }"
    )

    def head() -> None:
        s.put(
            12,
            8,
            120,
            f'<div class="hd"><div class="xl">{esc(seller)}</div><div class="s">{esc(seller_addr)}'
            f" · Vergi Dairesi: Büyük Mükellefler · VKN {digits(rng, 10)} · Çağrı Merkezi 186</div></div>",
        )
        s.put(
            140,
            10,
            58,
            f'<div class="b">ELEKTRİK FATURASI</div><div class="s">e-Arşiv Fatura</div>'
            f'<div class="s">ETTN: {ettn}</div>',
        )

    def customer() -> None:
        s.put(12, 30, 100, f'<div class="s">Sayın</div><div class="b">{esc(person)}</div><div>{esc(address)}</div>')

    def ids() -> None:
        rows = [
            [esc(acc_label), account],
            ["Tesisat No", tesisat],
            ["Fatura No", invoice],
            ["Fatura Tarihi", _tr_date(stmt, ds)],
            ["Tarife", esc(plan)],
            ["Tüketim Dönemi", f"{_tr_date(start, ds)} - {_tr_date(end, ds)}"],
        ]
        s.put(120, 28, 80, grid(rows, cls="rows", head=False, widths=[42, 58]))

    sy = 232 if summary_foot else 66
    body_y = 66 if summary_foot else 108

    def summary() -> None:
        rows = [[esc(cur_label), _tl(current, cs)]]
        if prev is not None:
            rows.append(["Geçmiş Dönem Borcu", _tl(prev, cs)])
        rows.append([f'<span class="b">{esc(total_label)}</span>', f'<span class="b">{_tl(total, cs)}</span>'])
        s.put(12, sy, 100, "<h4>Fatura Özeti</h4>" + grid(rows, cls="rows", head=False, aligns="LR"))
        s.put(
            120,
            sy,
            80,
            f'<div class="pay"><div>{esc(total_label)}</div><div class="xl">{_tl(total, cs)}</div>'
            f'<div>{esc(due_label)}: <span class="b">{_tr_date(due, ds)}</span></div></div>',
        )

    def reads() -> None:
        rows = [["Sayaç No", "Zaman", "İlk Endeks", "Son Endeks", "Çarpan", "Tüketim (kWh)"]]
        for name, r, q, _ in zones:
            old = rng.randint(1_000_000, 99_000_000) / 1000
            rows.append(
                [meter, name, num(old, 3, style="eu"), num(old + r, 3, style="eu"), str(mult), num(q, 0, style="eu")]
            )
        if three:
            rows.append(["", "Toplam", "", "", "", num(kwh, 0, style="eu")])
        s.put(
            12,
            body_y,
            186,
            f"<h4>Sayaç Bilgileri</h4><div class=s>İlk okuma {_tr_date(start, ds)}, son "
            f"okuma {_tr_date(end, ds)}, {days} gün</div>" + grid(rows, aligns="LLRRRR"),
        )

    def charges() -> None:
        rows = [["Kalem", "Miktar", "Birim Fiyat (TL)", "Tutar (TL)"]]
        rows += [[esc(a), b, c, num(d, style="eu")] for a, b, c, d in lines]
        rows += [
            ["Toplam (KDV hariç)", "", "", num(base, style="eu")],
            [f"KDV (%{kdv_rate})", "", "", num(kdv, style="eu")],
            [f'<span class="b">{esc(cur_label)}</span>', "", "", f'<span class="b">{_tl(current, cs)}</span>'],
        ]
        s.put(12, body_y + 42, 186, "<h4>Fatura Detayı</h4>" + grid(rows, aligns="LRRR", widths=[52, 16, 16, 16]))

    def history() -> None:
        rows = [
            ["Dönem", *[f"{add_months(end, -k):%m.%Y}" for k in range(6, 0, -1)]],
            ["kWh", *[num(int(kwh * rng.uniform(0.7, 1.3)), 0, style="eu") for _ in range(6)]],
        ]
        last = num(int(kwh * rng.uniform(0.8, 1.2)), 0, style="eu")
        avg = num(kwh / days, 2, style="eu")
        s.put(
            12,
            190 if summary_foot else 246,
            186,
            "<h4>Tüketim Geçmişi</h4>"
            + grid(rows, aligns="LRRRRRR")
            + f'<div class="s">Günlük ortalama tüketim: {avg} kWh · Geçen yıl aynı dönem: {last} kWh</div>',
        )
        s.put(
            12,
            282,
            186,
            '<div class="s">Faturanızı banka, PTT, internet şubesi veya otomatik ödeme talimatı '
            f"ile ödeyebilirsiniz. IBAN TR{digits(rng, 2)} 0001 {digits(rng, 4)} {digits(rng, 4)} "
            f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}</div>",
        )

    blocks = [head, customer, ids, summary, reads, charges, history]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    notes = (
        f"Turkish {'business (ticarethane)' if firm else 'residential (mesken)'} monthly electricity e-Arşiv "
        f"invoice, 1 page, {'three-time (T1/T2/T3, kWh = their sum)' if three else 'single-time'}; "
        f"energy + distribution per kWh, consumption tax 5 % on the energy, KDV {kdv_rate} %; '{cur_label}' is "
        f"current_charges"
        + (
            "; an open previous invoice added (previous_balance) with a late charge in this one"
            if prev is not None
            else "; no previous balance"
        )
        + f"; kWh = (last - first index) x {mult}; {acc_label} is the account (Tesisat No, invoice number, ETTN "
        "are not); summary " + ("at the foot" if summary_foot else "at the top")
    )
    record = truth(
        "tr_elektrik",
        notes,
        provider=seller,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due),
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="TRY",
        electricity_kwh=float(kwh),
        meter_number=meter,
        rate_plan=plan,
        previous_balance=prev,
        current_charges=current,
    )
    return render(s, f"{seller}|{account}|{iso(stmt)}|{total}"), record
