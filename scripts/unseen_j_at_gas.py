"""Set J, an Austrian gas annual statement (Jahresabrechnung Erdgas) printed from HTML + CSS by headless Chromium:
two pages, gas m³ x Brennwert x Zustandszahl = kWh, an energy part (supplier) and a network part (operator),
Erdgasabgabe and, in Vienna, Gebrauchsabgabe, USt 20 %, the year's Teilbeträge deducted (a Nachzahlung or a
Guthaben) and the new Teilbetrag schedule."""

from __future__ import annotations

import datetime as dt
import random

from unseen_g_html import Doc, esc, nowrap, render, table
from unseen_kit import (
    DE_MONTHS,
    add_months,
    digits,
    iso,
    money,
    num,
    truth,
)

# the supplier is chosen freely (the gas market is open); the network operator is the one of the place
AT_SUPPLIERS = ("Alpenland Erdgas Vertrieb GmbH", "Donauwerke Energievertrieb GmbH", "Wienerwald Energie AG")
AT_HOMES = ("Herr Florian Huber", "Frau Katharina Gruber", "Herr Lukas Wimmer", "Frau Anna Pichler", "Familie Steiner")
AT_FIRMS = ("Bäckerei Moser GmbH", "Gasthaus Zum Goldenen Hirschen KG", "Tischlerei Brandstätter e.U.")
AT_PLACES = (
    ("Mariahilfer Straße", "1060 Wien", "Gasnetz Wien-Umland GmbH"),
    ("Landstraßer Hauptstraße", "1030 Wien", "Gasnetz Wien-Umland GmbH"),
    ("Linzer Gasse", "5020 Salzburg", "Ostalpen Gasnetz GmbH"),
    ("Herrengasse", "8010 Graz", "Ostalpen Gasnetz GmbH"),
    ("Hauptplatz", "3100 St. Pölten", "Netz Donauraum GmbH"),
    ("Bahnhofstraße", "4020 Linz", "Netz Donauraum GmbH"),
)
PRODUCTS = ("Erdgas Fix 12", "Gas Klassik", "Optima Gas Float", "ÖkoGas Privat")

_CSS = """
body { font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 8.6pt; }
.logo { font-size: 17pt; font-weight: bold; color: #7a1c1c; }
h3 { font-size: 10pt; margin: 0 0 1.5mm 0; color: #7a1c1c; border-bottom: 0.3mm solid #7a1c1c; }
.sum td { padding: 1mm 1.5mm; }
.tot { border-top: 0.5mm solid #222; font-weight: bold; font-size: 10.5pt; }
"""


def _at_date(d: dt.date, style: int) -> str:
    return nowrap(d.strftime("%d.%m.%Y") if style == 0 else f"{d.day}. {DE_MONTHS[d.month - 1]} {d.year}")


def _eur(v: float) -> str:
    return nowrap(f"€ {num(v, style='eu')}")


def _de(v: float, decimals: int = 2) -> str:
    return num(v, decimals, style="eu")


def austria_gas(rng: random.Random) -> tuple[bytes, dict[str, object]]:
    supplier = rng.choice(AT_SUPPLIERS)
    business = rng.random() < 0.3
    start = dt.date(rng.randint(2023, 2024), rng.randint(1, 12), 1)
    end = add_months(start, 12) - dt.timedelta(days=1)
    stmt = end + dt.timedelta(days=rng.randint(8, 25))
    due = stmt + dt.timedelta(days=14)
    days = (end - start).days + 1
    m3 = rng.randint(2500, 9000) if business else rng.randint(400, 2200)
    brennwert = round(rng.uniform(11.05, 11.35), 4)
    zustand = round(rng.uniform(0.93, 0.97), 4)
    kwh = round(m3 * brennwert * zustand)
    old = rng.randint(1000, 60000)
    meter = digits(rng, 8)
    zp = f"AT{digits(rng, 6)}{'0' * 10}{digits(rng, 15)}"
    street, town, operator = rng.choice(AT_PLACES)
    vienna = town.endswith("Wien")
    grund, arbeit = rng.choice((3.90, 4.90, 5.50)), round(rng.uniform(6.2, 11.9), 3)
    net_work, net_fix, meter_fee = round(rng.uniform(1.55, 2.35), 3), rng.choice((3.20, 4.10)), rng.choice((1.10, 1.45))
    energy = [
        ("Grundpreis", "12 Monate", f"{_de(grund)} €/Monat", money(grund * 12)),
        ("Energiepreis", f"{_de(kwh, 0)} kWh", f"{_de(arbeit, 3)} Cent/kWh", money(kwh * arbeit / 100)),
    ]
    network = [
        (
            "Netznutzungsentgelt Arbeitspreis",
            f"{_de(kwh, 0)} kWh",
            f"{_de(net_work, 3)} Cent/kWh",
            money(kwh * net_work / 100),
        ),
        ("Netznutzungsentgelt Pauschale", "12 Monate", f"{_de(net_fix)} €/Monat", money(net_fix * 12)),
        ("Messentgelt", "12 Monate", f"{_de(meter_fee)} €/Monat", money(meter_fee * 12)),
        ("Netzverlustentgelt", f"{_de(kwh, 0)} kWh", "0,086 Cent/kWh", money(kwh * 0.00086)),
    ]
    e_sum, n_sum = money(sum(r[3] for r in energy)), money(sum(r[3] for r in network))
    levies = [("Erdgasabgabe", f"{_de(m3, 0)} m³", "0,066 €/m³", money(m3 * 0.066))]
    if vienna:
        levies.append(("Gebrauchsabgabe 6 %", "", f"von {_de(e_sum + n_sum)} €", money((e_sum + n_sum) * 0.06)))
    netto = money(e_sum + n_sum + sum(r[3] for r in levies))
    ust = money(netto * 0.2)
    current = money(netto + ust)
    n_adv = rng.choice((10, 11, 12))
    advance = money(round(current / 12 * rng.uniform(0.8, 1.25)))
    paid = money(advance * n_adv)
    total = money(current - paid)
    new_adv = money(round(current / 11 * 1.05))

    person = rng.choice(AT_FIRMS if business else AT_HOMES)
    house = f"{rng.randint(1, 160)}" + (f"/{rng.randint(1, 30)}" if rng.random() < 0.6 else "")
    address = f"{street} {house}, {town}"
    account = digits(rng, rng.choice((9, 10)))
    invoice = f"{stmt.year}{digits(rng, 8)}"
    product = rng.choice(PRODUCTS)
    ds = rng.randrange(2)
    acc_label = rng.choice(("Kundennummer", "Vertragskonto", "Kundenkonto"))
    cur_label = rng.choice(("Gesamtbetrag brutto", "Rechnungsbetrag brutto", "Summe Jahresabrechnung"))
    due_label = rng.choice(("Fällig am", "Zahlbar bis", "Fälligkeit"))
    where = rng.choice(("p1_top", "p1_foot", "p2_foot"))
    d = Doc(_CSS)

    def summary_html() -> str:
        rows = [
            [f"{esc(cur_label)} ({_at_date(start, ds)} – {_at_date(end, ds)})", _eur(current)],
            [f"abzüglich {n_adv} geleistete Teilbeträge à {_eur(advance)}", _eur(-paid)],
        ]
        if total > 0:
            rows.append(
                [
                    f'<span class="b">{rng.choice(("Nachzahlung", "Offener Betrag", "Zu zahlender Betrag"))}</span>',
                    f'<span class="b">{_eur(total)}</span>',
                ]
            )
            tail = (
                f"<div>{due_label}: <span class=b>{_at_date(due, ds)}</span>. Bei Zahlungsverzug nach dem "
                f"{_at_date(due + dt.timedelta(days=14), ds)} verrechnen wir Mahnspesen von {_eur(3.5)}.</div>"
            )
        else:
            rows.append(['<span class="b">Guthaben</span>', f'<span class="b">{_eur(-total)}</span>'])
            tail = "<div>Das Guthaben wird Ihrem Konto innerhalb von 14 Tagen gutgeschrieben (Gutschrift).</div>"
        return (
            "<h3>Ihre Jahresabrechnung auf einen Blick</h3>"
            + table(rows, cls="sum rule", head=False, aligns="LR", widths=[72, 28])
            + tail
        )

    def header() -> None:
        d.block(
            14,
            10,
            110,
            f'<div class="logo">{esc(supplier)}</div><div class="small">Energielieferant · '
            f"UID ATU{digits(rng, 8)} · Servicehotline 0800 {digits(rng, 3)} {digits(rng, 3)}</div>",
        )

    def customer() -> None:
        d.block(
            14,
            34,
            90,
            f'<div class="small">Rechnungsempfänger</div><div class="b">{esc(person)}</div>'
            f"<div>{esc(street)} {house}</div><div>{esc(town)}</div>",
        )

    def ident() -> None:
        rows = [
            ["Jahresabrechnung Erdgas", ""],
            ["Rechnungsnummer", invoice],
            [esc(acc_label), account],
            ["Rechnungsdatum", _at_date(stmt, ds)],
            ["Abrechnungszeitraum", f"{_at_date(start, ds)} – {_at_date(end, ds)}"],
            ["Produkt", esc(product)],
        ]
        d.block(122, 12, 76, table(rows, cls="rule", head=False, widths=[45, 55]))

    def point() -> None:
        d.block(
            14,
            62,
            184,
            f"<div>Anlagenadresse: <span class=nw>{esc(address)}</span></div>"
            f"<div>Zählpunkt: {zp} · Netzbetreiber: {esc(operator)}</div>",
        )

    def compare() -> None:
        last = _de(round(kwh * rng.uniform(0.8, 1.2)), 0)
        y = 150 if where == "p1_top" else 82
        d.block(
            14,
            y,
            184,
            "<h3>Verbrauchsvergleich</h3>"
            + table(
                [
                    ["Zeitraum", "Verbrauch kWh", "pro Tag kWh"],
                    ["Aktueller Zeitraum", _de(kwh, 0), _de(kwh / days, 1)],
                    ["Vorjahreszeitraum", last, "–"],
                ],
                aligns="LRR",
            ),
        )

    def schedule() -> None:
        y = 190 if where == "p1_top" else 122
        first = add_months(due.replace(day=15), 1)
        rows = [["Fälligkeit", "Teilbetrag"]] + [
            [_at_date(add_months(first, k), ds), _eur(new_adv)] for k in range(0, 11, 2)
        ]
        d.block(
            14,
            y,
            90,
            "<h3>Ihre neuen Teilbeträge</h3>"
            + table(rows, aligns="LR")
            + f'<div class="small">monatlich {_eur(new_adv)}, 11 Teilbeträge (Auszug)</div>',
        )

    def summary_p1() -> None:
        if where == "p1_top":
            d.block(14, 82, 184, summary_html(), cls="box")
        elif where == "p1_foot":
            d.block(14, 220, 184, summary_html(), cls="box")

    blocks = [header, customer, ident, point, compare, schedule, summary_p1]
    rng.shuffle(blocks)
    for draw in blocks:
        draw()
    if where == "p2_foot":
        d.block(
            14, 232, 184, '<div class="small">Die Zusammenfassung Ihrer Jahresabrechnung finden Sie auf Seite 2.</div>'
        )

    d.new_page()

    def reads() -> None:
        rows = [
            [
                "Zähler-Nr.",
                "Ablesedatum alt",
                "Stand alt m³",
                "Ablesedatum neu",
                "Stand neu m³",
                "Verbrauch m³",
                "Brennwert kWh/m³",
                "Zustandszahl",
                "kWh",
            ],
            [
                meter,
                _at_date(start, ds),
                _de(old, 0),
                _at_date(end, ds),
                _de(old + m3, 0),
                _de(m3, 0),
                _de(brennwert, 4),
                _de(zustand, 4),
                _de(kwh, 0),
            ],
        ]
        d.block(
            14,
            14,
            184,
            "<h3>Zählerstände und Umrechnung</h3>"
            + table(rows, aligns="LLRLRRRRR")
            + f'<div class="small">{_de(m3, 0)} m³ × {_de(brennwert, 4)} × {_de(zustand, 4)} = {_de(kwh, 0)} kWh'
            "</div>",
        )

    def details() -> None:
        rows = [["Position", "Menge", "Preis", "Betrag €"]]
        rows.append([f'<span class="b">Energie ({esc(supplier)})</span>', "", "", ""])
        rows += [[esc(a), b, c, _de(v)] for a, b, c, v in energy]
        rows.append(["Summe Energie", "", "", _de(e_sum)])
        rows.append([f'<span class="b">Netz ({esc(operator)})</span>', "", "", ""])
        rows += [[esc(a), b, c, _de(v)] for a, b, c, v in network]
        rows.append(["Summe Netz", "", "", _de(n_sum)])
        rows.append(['<span class="b">Steuern und Abgaben</span>', "", "", ""])
        rows += [[esc(a), b, c, _de(v)] for a, b, c, v in levies]
        rows.append(["Summe netto", "", "", _de(netto)])
        rows.append([f"Umsatzsteuer 20 % von {_de(netto)}", "", "", _de(ust)])
        rows.append([f'<span class="b">{esc(cur_label)}</span>', "", "", f'<span class="b">{_de(current)}</span>'])
        d.block(14, 48, 184, "<h3>Rechnungsdetails</h3>" + table(rows, aligns="LRRR", widths=[50, 17, 18, 15]))

    blocks2 = [reads, details]
    rng.shuffle(blocks2)
    for draw in blocks2:
        draw()
    if where == "p2_foot":
        d.block(14, 205, 184, summary_html(), cls="box")

    kind = "business" if business else "residential"
    story = "a Nachzahlung" if total > 0 else "a Guthaben (credit, printed unsigned)"
    notes = (
        f"Austrian gas annual statement ({kind}), two pages, summary {where.replace('_', ' ')}; gas m³ x "
        f"Brennwert x Zustandszahl = kWh; the year's paid advances (Teilbeträge) are deducted from the "
        f"gross, leaving {story}; the new Teilbetrag schedule, the dunning date and last year's use are "
        "distractors"
    )
    record = truth(
        "at_gas_jahres",
        notes,
        provider=supplier,
        account_number=account,
        service_address=address,
        statement_date=iso(stmt),
        due_date=iso(due) if total > 0 else None,
        billing_period_start=iso(start),
        billing_period_end=iso(end),
        total_amount_due=total,
        currency="EUR",
        gas_usage=float(kwh),
        gas_usage_unit="kWh",
        meter_number=meter,
        rate_plan=product,
        previous_balance=None,
        current_charges=current,
    )
    return render(d, f"j-at-{invoice}-{account}-{total}"), record
