"""The lexicon's breadth: each language reads a made-up page printed with the phrasings its countries'
bills use (Latin American Spanish, Brazilian and European Portuguese, Swiss and Belgian French...), one
page per language with several of those labels, each field checked by the value its label names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.candidates import Finder
from tests.helpers import page_doc

# field -> (candidate kind, distractor kind)
KINDS = {
    "total_amount_due": ("money", "money"), "current_charges": ("money", "money"),
    "previous_balance": ("money", "money"), "payments": ("money", "money"),
    "statement_date": ("date", "date"), "due_date": ("date", "date"),
    "billing_period_start": ("date", "date"), "billing_period_end": ("date", "date"),
    "electricity_kwh": ("qty", "usage"), "gas_usage": ("qty", "usage"), "water_usage": ("qty", "usage"),
    "demand_kw": ("qty", "usage"), "account_number": ("id", "identifier"), "meter_number": ("id", "identifier"),
    "customer_name": ("text", None), "service_address": ("text", None),
}


def read(lines: list[str], *fields: str) -> dict[str, object]:
    """The best-scored value of each field on a one-page document of ``lines`` (day-first dates)."""
    finder = Finder(page_doc(lines), None)
    finder.order = "DMY"
    out: dict[str, object] = {}
    for f in fields:
        kind, dkind = KINDS[f]
        cands = finder.labelled(f, kind, dkind)
        out[f] = max(cands, key=lambda c: c.score).value if cands else None
    return out


def test_latin_american_and_spanish_phrasings() -> None:
    lines = [
        "Nombre del cliente: MARIA EJEMPLO",
        "Dirección del predio: CALLE FALSA 123",
        "Nro. de cliente: 4455667788",
        "Medidor Nº: ABC123456",
        "Fecha de facturación: 02/05/2024",
        "Pagar hasta: 20/05/2024",
        "Deuda vencida: 10,00",
        "Pagos realizados: 10,00",
        "Total mes actual: 95,40",
        "Total a cancelar: 95,40",
        "Kwh consumidos: 345",
        "Consumo de agua potable: 18 m3",
        "Demanda facturable: 12 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "previous_balance", "payments", "current_charges", "total_amount_due",
               "electricity_kwh", "water_usage", "demand_kw")
    assert got == {
        "customer_name": "MARIA EJEMPLO", "service_address": "CALLE FALSA 123", "account_number": "4455667788",
        "meter_number": "ABC123456", "statement_date": dt.date(2024, 5, 2), "due_date": dt.date(2024, 5, 20),
        "previous_balance": Decimal("10.00"), "payments": Decimal("10.00"), "current_charges": Decimal("95.40"),
        "total_amount_due": Decimal("95.40"), "electricity_kwh": Decimal(345), "water_usage": Decimal(18),
        "demand_kw": Decimal(12),
    }


def test_brazilian_and_european_portuguese_phrasings() -> None:
    lines = [
        "Nome do titular: JOANA EXEMPLO",
        "Morada de fornecimento: RUA DO EXEMPLO 12",
        "Matrícula: 0099887766",
        "Nº do medidor: XYZ0042",
        "Data da emissão: 03/06/2024",
        "Pagável até: 21/06/2024",
        "Período de fornecimento: 01/05/2024 a 31/05/2024",
        "Saldo da fatura anterior: 80,00",
        "Pagamento recebido: 80,00",
        "Valor desta fatura: 151,30",
        "Importância a pagar: 151,30",
        "Consumo de eletricidade: 212 kWh",
        "Gás consumido: 14 m3",
        "Demanda faturada: 30 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "gas_usage", "demand_kw")
    assert got == {
        "customer_name": "JOANA EXEMPLO", "service_address": "RUA DO EXEMPLO 12", "account_number": "0099887766",
        "meter_number": "XYZ0042", "statement_date": dt.date(2024, 6, 3), "due_date": dt.date(2024, 6, 21),
        "billing_period_start": dt.date(2024, 5, 1), "previous_balance": Decimal("80.00"),
        "payments": Decimal("80.00"), "current_charges": Decimal("151.30"), "total_amount_due": Decimal("151.30"),
        "electricity_kwh": Decimal(212), "gas_usage": Decimal(14), "demand_kw": Decimal(30),
    }


def test_french_belgian_swiss_and_quebec_phrasings() -> None:
    lines = [
        "Nom du titulaire : JEAN EXEMPLE",
        "Adresse de fourniture : 8 RUE DES EXEMPLES",
        "N° d'abonné : 7766554433",
        "Matricule compteur : 1SAG0012345",
        "Date de facturation : 04/03/2024",
        "Payable au plus tard le : 25/03/2024",
        "Période facturée : 01/02/2024 au 29/02/2024",
        "Solde reporté : 42,00",
        "Paiements effectués : 42,00",
        "Total des frais de la période : 88,10",
        "Solde à payer : 88,10",
        "Consommation électrique : 512 kWh",
        "Consommation de gaz naturel : 120 m3",
        "Puissance facturée : 45 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "gas_usage", "demand_kw")
    assert got == {
        "customer_name": "JEAN EXEMPLE", "service_address": "8 RUE DES EXEMPLES", "account_number": "7766554433",
        "meter_number": "1SAG0012345", "statement_date": dt.date(2024, 3, 4), "due_date": dt.date(2024, 3, 25),
        "billing_period_start": dt.date(2024, 2, 1), "previous_balance": Decimal("42.00"),
        "payments": Decimal("42.00"), "current_charges": Decimal("88.10"), "total_amount_due": Decimal("88.10"),
        "electricity_kwh": Decimal(512), "gas_usage": Decimal(120), "demand_kw": Decimal(45),
    }


def test_italian_phrasings() -> None:
    lines = [
        "Nome cliente: MARIO ESEMPIO",
        "Indirizzo dell'utenza: VIA DEGLI ESEMPI 5",
        "Codice utente: 3344556677",
        "Matricola del contatore: ABC00999",
        "Data bolletta: 05/07/2024",
        "Pagamento entro il: 26/07/2024",
        "Periodo di fornitura: dal 01/05/2024 al 30/06/2024",
        "Saldo bollette precedenti: 61,20",
        "Pagamenti effettuati: 61,20",
        "Importo del periodo: 97,75",
        "Importo totale da pagare: 97,75",
        "Energia elettrica consumata: 433 kWh",
        "Consumo idrico: 27 mc",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage")
    assert got == {
        "customer_name": "MARIO ESEMPIO", "service_address": "VIA DEGLI ESEMPI 5", "account_number": "3344556677",
        "meter_number": "ABC00999", "statement_date": dt.date(2024, 7, 5), "due_date": dt.date(2024, 7, 26),
        "billing_period_start": dt.date(2024, 5, 1), "previous_balance": Decimal("61.20"),
        "payments": Decimal("61.20"), "current_charges": Decimal("97.75"), "total_amount_due": Decimal("97.75"),
        "electricity_kwh": Decimal(433), "water_usage": Decimal(27),
    }


def test_german_austrian_and_swiss_phrasings() -> None:
    lines = [
        "Vertragsinhaber: ERIKA MUSTER",
        "Verbrauchsadresse: MUSTERWEG 7",
        "Kundenkontonummer: 2233445566",
        "Gerätenummer: 1ESY1160012345",
        "Ausstellungsdatum: 12.02.2024",
        "Fällig bis: 01.03.2024",
        "Lieferzeitraum: 01.01.2023 bis 31.12.2023",
        "Saldovortrag: 15,00",
        "Bezahlte Teilbeträge: 900,00",
        "Kosten für den Abrechnungszeitraum: 1.020,00",
        "Zu zahlender Gesamtbetrag: 135,00",
        "Verbrauch Strom: 3.480 kWh",
        "Trinkwasserverbrauch: 96 m³",
        "Verrechnete Leistung: 18 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage", "demand_kw")
    assert got == {
        "customer_name": "ERIKA MUSTER", "service_address": "MUSTERWEG 7", "account_number": "2233445566",
        "meter_number": "1ESY1160012345", "statement_date": dt.date(2024, 2, 12), "due_date": dt.date(2024, 3, 1),
        "billing_period_start": dt.date(2023, 1, 1), "previous_balance": Decimal("15.00"),
        "payments": Decimal("900.00"), "current_charges": Decimal("1020.00"), "total_amount_due": Decimal("135.00"),
        "electricity_kwh": Decimal(3480), "water_usage": Decimal(96), "demand_kw": Decimal(18),
    }


def test_dutch_and_flemish_phrasings() -> None:
    lines = [
        "Contracthouder: J. VOORBEELD",
        "Verbruiksadres: VOORBEELDSTRAAT 3",
        "Klantreferentie: 5566778899",
        "Meternr: E0051234567",
        "Datum van de factuur: 08-01-2024",
        "Vervaldag: 22-01-2024",
        "Afrekenperiode: 01-01-2023 t/m 31-12-2023",
        "Saldo vorige factuur: 12,50",
        "Betaalde voorschotfacturen: 1.140,00",
        "Totale kosten incl. btw: 1.203,40",
        "Saldo te betalen: 75,90",
        "Verbruik elektriciteit: 2.750 kWh",
        "Aardgasverbruik: 1.100 m3",
        "Gemeten vermogen: 22 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "gas_usage", "demand_kw")
    assert got == {
        "customer_name": "J. VOORBEELD", "service_address": "VOORBEELDSTRAAT 3", "account_number": "5566778899",
        "meter_number": "E0051234567", "statement_date": dt.date(2024, 1, 8), "due_date": dt.date(2024, 1, 22),
        "billing_period_start": dt.date(2023, 1, 1), "previous_balance": Decimal("12.50"),
        "payments": Decimal("1140.00"), "current_charges": Decimal("1203.40"), "total_amount_due": Decimal("75.90"),
        "electricity_kwh": Decimal(2750), "gas_usage": Decimal(1100), "demand_kw": Decimal(22),
    }


def test_malay_phrasings() -> None:
    lines = [
        "Nama Pemegang Akaun: AHMAD CONTOH",
        "Alamat Bekalan: LOT 12 JALAN CONTOH",
        "No. Akaun Kontrak: 220011223344",
        "No. Siri Meter: TNB0012345",
        "Tarikh Penyata: 09/04/2024",
        "Tarikh Akhir Pembayaran: 30/04/2024",
        "Tempoh Penggunaan: 01/03/2024 - 31/03/2024",
        "Baki Bulan Lepas: RM 20.00",
        "Bayaran Yang Diterima: RM 20.00",
        "Caj Bulan Semasa: RM 143.20",
        "Amaun Yang Perlu Dibayar: RM 143.20",
        "Penggunaan (kWh): 498",
        "Kehendak Maksimum: 35 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "demand_kw")
    assert got == {
        "customer_name": "AHMAD CONTOH", "service_address": "LOT 12 JALAN CONTOH", "account_number": "220011223344",
        "meter_number": "TNB0012345", "statement_date": dt.date(2024, 4, 9), "due_date": dt.date(2024, 4, 30),
        "billing_period_start": dt.date(2024, 3, 1), "previous_balance": Decimal("20.00"),
        "payments": Decimal("20.00"), "current_charges": Decimal("143.20"), "total_amount_due": Decimal("143.20"),
        "electricity_kwh": Decimal(498), "demand_kw": Decimal(35),
    }


def test_catalan_phrasings() -> None:
    lines = [
        "Nom del titular: JORDI EXEMPLE",
        "Domicili de subministrament: CARRER DE L'EXEMPLE 9",
        "Núm. de pòlissa: 6677889900",
        "Núm. comptador: CNT0034567",
        "Data d'expedició: 10/09/2024",
        "Venç el: 30/09/2024",
        "Període del servei: 01/07/2024 - 31/08/2024",
        "Deute pendent: 33,00",
        "Pagaments realitzats: 33,00",
        "Import del període: 120,45",
        "Import total a pagar: 120,45",
        "Consum d'electricitat: 615 kWh",
        "Aigua consumida: 21 m3",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage")
    assert got == {
        "customer_name": "JORDI EXEMPLE", "service_address": "CARRER DE L'EXEMPLE 9", "account_number": "6677889900",
        "meter_number": "CNT0034567", "statement_date": dt.date(2024, 9, 10), "due_date": dt.date(2024, 9, 30),
        "billing_period_start": dt.date(2024, 7, 1), "previous_balance": Decimal("33.00"),
        "payments": Decimal("33.00"), "current_charges": Decimal("120.45"), "total_amount_due": Decimal("120.45"),
        "electricity_kwh": Decimal(615), "water_usage": Decimal(21),
    }


def test_commonwealth_english_phrasings() -> None:
    lines = [
        "Name of Consumer: A K EXAMPLE",
        "Supply Point Address: 14 SAMPLE AVENUE",
        "Consumer Account No: 1029384756",
        "Meter Sr. No: MTR776655",
        "Date of this bill: 06/05/2024",
        "Bill due date: 27/05/2024",
        "Supply period: 01/04/2024 to 30/04/2024",
        "Balance from your last bill: 55.00",
        "Payments made: 55.00",
        "Charges for this billing period: 210.35",
        "Total amount to pay: 210.35",
        "kWh consumed: 402",
        "Kilolitres used: 19 kL",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage")
    assert got == {
        "customer_name": "A K EXAMPLE", "service_address": "14 SAMPLE AVENUE", "account_number": "1029384756",
        "meter_number": "MTR776655", "statement_date": dt.date(2024, 5, 6), "due_date": dt.date(2024, 5, 27),
        "billing_period_start": dt.date(2024, 4, 1), "previous_balance": Decimal("55.00"),
        "payments": Decimal("55.00"), "current_charges": Decimal("210.35"), "total_amount_due": Decimal("210.35"),
        "electricity_kwh": Decimal(402), "water_usage": Decimal(19),
    }


def test_polish_phrasings() -> None:
    lines = [
        "Nabywca: JAN PRZYKŁADOWY",
        "Adres punktu poboru: UL. PRZYKŁADOWA 5",
        "Identyfikator klienta: 4455667788",
        "Numer licznika: 93012345",
        "Data wystawienia: 05.09.2024",
        "Termin płatności: 19 września 2024",
        "Okres rozliczeniowy: od 01.07.2024 do 31.08.2024",
        "Saldo z poprzedniej faktury: 40,00 zł",
        "Wpłaty zaksięgowane: 40,00 zł",
        "Wartość faktury brutto: 1 315,06 zł",
        "Razem do zapłaty: 1 315,06 zł",
        "Razem zużycie: 1 204 kWh",
        "Zużycie wody: 14 m³",
        "Moc pobrana: 12 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage", "demand_kw")
    assert got == {
        "customer_name": "JAN PRZYKŁADOWY", "service_address": "UL. PRZYKŁADOWA 5", "account_number": "4455667788",
        "meter_number": "93012345", "statement_date": dt.date(2024, 9, 5), "due_date": dt.date(2024, 9, 19),
        "billing_period_start": dt.date(2024, 7, 1), "previous_balance": Decimal("40.00"),
        "payments": Decimal("40.00"), "current_charges": Decimal("1315.06"), "total_amount_due": Decimal("1315.06"),
        "electricity_kwh": Decimal(1204), "water_usage": Decimal(14), "demand_kw": Decimal(12),
    }


def test_polish_contracted_power_and_supply_point_code_are_not_readings() -> None:
    # "moc umowna" is a term of the tariff (kW), the PPE code a supply point: neither a demand nor an account.
    got = read(["Grupa taryfowa G12 · moc umowna 14 kW", "Kod PPE: 590543903628197693", "Numer klienta: 2266988392"],
               "demand_kw", "account_number")
    assert got == {"demand_kw": None, "account_number": "2266988392"}


def test_commodity_words_of_each_language() -> None:
    from minimeter.extract.vocab import names_commodity

    assert names_commodity("Servicio de acueducto", "water_usage")
    assert names_commodity("Trinkwasser 96 m³", "water_usage")
    assert names_commodity("Levering aardgas", "gas_usage") and names_commodity("Drinkwater", "water_usage")
    assert names_commodity("La teva factura de la llum", "electricity_kwh")
    assert not names_commodity("Wasserstoff", "water_usage")  # a whole word only
    assert names_commodity("Zużycie wody zimnej", "water_usage") and names_commodity("Paliwo gazowe", "gas_usage")


def test_czech_phrasings() -> None:
    # Dates as Czech bills print them: dotted with a space after each dot, or with the month's genitive.
    lines = [
        "Odběratel: JAN UKÁZKOVÝ",
        "Adresa odběrného místa: HLAVNÍ 12, 602 00 BRNO",
        "Číslo smluvního účtu: 4455667788",
        "Číslo elektroměru: 93012345",
        "Datum vystavení: 9. 4. 2026",
        "Datum splatnosti: 24. dubna 2026",
        "Zúčtovací období: 1. 4. 2025 – 31. 3. 2026",
        "Nedoplatek z minulého období: 40,00 Kč",
        "Zaplacené zálohy: 40,00 Kč",
        "Celkem s DPH: 1 315,06 Kč",
        "Částka k úhradě: 1 315,06 Kč",
        "Celková spotřeba: 1 204 kWh",
        "Spotřeba vody: 14 m3",
        "Naměřený výkon: 12 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments",
               "current_charges", "total_amount_due", "electricity_kwh", "water_usage", "demand_kw")
    assert got == {
        "customer_name": "JAN UKÁZKOVÝ", "service_address": "HLAVNÍ 12, 602 00 BRNO",
        "account_number": "4455667788", "meter_number": "93012345", "statement_date": dt.date(2026, 4, 9),
        "due_date": dt.date(2026, 4, 24), "billing_period_start": dt.date(2025, 4, 1),
        "previous_balance": Decimal("40.00"),
        "payments": Decimal("40.00"), "current_charges": Decimal("1315.06"), "total_amount_due": Decimal("1315.06"),
        "electricity_kwh": Decimal(1204), "water_usage": Decimal(14), "demand_kw": Decimal(12),
    }


def test_czech_other_phrasings_gas_and_customer_number() -> None:
    got = read(["Zákaznické číslo: 51367755", "Č. plynoměru: ABC0042", "Spotřeba plynu: 830 kWh",
                "Vystaveno dne 10. července 2024", "Uhraďte do: 31. 7. 2024"],
               "account_number", "meter_number", "gas_usage", "statement_date", "due_date")
    assert got == {"account_number": "51367755", "meter_number": "ABC0042", "gas_usage": Decimal(830),
                   "statement_date": dt.date(2024, 7, 10), "due_date": dt.date(2024, 7, 31)}


def test_czech_reserved_input_supply_point_and_tax_point_are_not_the_fields() -> None:
    # The reserved input is a term of the connection (kW); the EAN a supply point, the variable symbol a
    # payment reference; the tax point (DUZP) is the period's last day, not the bill's date.
    got = read(["Rezervovaný příkon 14 kW", "EAN: 859182400612794024", "Variabilní symbol 4989455157",
                "Zákaznické číslo 2266988392", "Datum uskutečnění zdan. plnění 31. 3. 2026",
                "Datum vystavení 9. 4. 2026"],
               "demand_kw", "account_number", "statement_date")
    assert got == {"demand_kw": None, "account_number": "2266988392", "statement_date": dt.date(2026, 4, 9)}


def test_czech_months_commodities_and_country() -> None:
    from minimeter.extract import lexicon, parse
    from minimeter.extract.vocab import names_commodity

    # Every month in the nominative, the genitive a date prints and the locative.
    assert [lexicon.load().months[m] for m in ("leden", "ledna", "lednu", "července", "září", "prosince")] == [
        1, 1, 1, 7, 9, 12]
    assert parse.parse_date("5. února 2025", "DMY") == dt.date(2025, 2, 5)
    assert names_commodity("Vodné a stočné", "water_usage") and names_commodity("Zemní plyn", "gas_usage")
    assert names_commodity("Silová elektřina VT", "electricity_kwh")
    cues = lexicon.country_cues("IČO 72332434 · DIČ CZ56814885 · Havlíčkova 12, 586 01 Jihlava")
    assert cues.get("CZ", 0) >= 3 and lexicon.load().countries["CZ"].currency == "CZK"


def test_czech_distribution_rate_by_its_shape() -> None:
    from minimeter.extract.lexicon import rate_plan_shapes

    assert [t for _s, _e, t in rate_plan_shapes("EAN: 8591824 · Distribuční sazba D25d · jistič")] == ["D25d"]
    assert [t for _s, _e, t in rate_plan_shapes("sazba C62d")] == ["C62d"]
    assert not rate_plan_shapes("D123d, CD02d")


def test_slovak_phrasings() -> None:
    lines = [
        "Odberateľ: JÁN PRÍKLADNÝ",
        "Adresa odberného miesta: HLAVNÁ 12, 811 01 BRATISLAVA",
        "Číslo zmluvného účtu: 4455667788",
        "Číslo elektromera: 93012345",
        "Dátum vystavenia: 9. 4. 2026",
        "Dátum splatnosti: 24. apríla 2026",
        "Zúčtovacie obdobie: 1. 4. 2025 – 31. 3. 2026",
        "Nedoplatok z predchádzajúceho obdobia: 40,00 €",
        "Zaplatené preddavky: 40,00 €",
        "Celkom s DPH: 1 315,06 €",
        "Suma k úhrade: 1 315,06 €",
        "Celková spotreba: 1 204 kWh",
        "Spotreba vody: 14 m3",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage")
    assert got == {
        "customer_name": "JÁN PRÍKLADNÝ", "service_address": "HLAVNÁ 12, 811 01 BRATISLAVA",
        "account_number": "4455667788", "meter_number": "93012345", "statement_date": dt.date(2026, 4, 9),
        "due_date": dt.date(2026, 4, 24), "billing_period_start": dt.date(2025, 4, 1),
        "previous_balance": Decimal("40.00"), "payments": Decimal("40.00"), "current_charges": Decimal("1315.06"),
        "total_amount_due": Decimal("1315.06"), "electricity_kwh": Decimal(1204), "water_usage": Decimal(14),
    }


def test_slovak_months_and_country() -> None:
    from minimeter.extract import lexicon, parse

    assert [lexicon.load().months[m] for m in ("január", "januára", "mája", "októbra", "decembri")] == [
        1, 1, 5, 10, 12]
    assert parse.parse_date("15. októbra 2025", "DMY") == dt.date(2025, 10, 15)
    assert lexicon.country_cues("IČO 12345678 · DIČ 2020123456 · IČ DPH SK2020123456").get("SK", 0) >= 3
