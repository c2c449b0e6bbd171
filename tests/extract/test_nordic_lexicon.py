"""The Nordic lexicons (Swedish, Norwegian Bokmål, Danish): a made-up page printed with the phrasings each
country's electricity, district-heating, water and gas bills use, each field checked by the value its label
names; and what the Nordic bills print that the readers must know in any language (the kronor, company forms,
postcodes, reads under bare column headings, prices in öre)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract import lexicon
from minimeter.extract.provider import provider_guess
from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page
from tests.extract.test_lexicon_breadth import read

ALL_FIELDS = ("customer_name", "service_address", "account_number", "meter_number", "statement_date", "due_date",
              "billing_period_start", "previous_balance", "payments", "current_charges", "total_amount_due",
              "electricity_kwh", "water_usage", "demand_kw")


def test_swedish_phrasings() -> None:
    lines = [
        "Kundnamn: ANNA EXEMPEL",
        "Anläggningsadress: Exempelgatan 12, 123 45 Exempelstad",
        "Kundnummer: 44556677",
        "Mätarnummer: 73512345",
        "Fakturadatum: 2024-02-05",
        "Förfallodag: 28 februari 2024",
        "Period: 1 jan 2024 – 31 jan 2024",
        "Obetalt från föregående faktura: 120,00 kr",
        "Inbetalningar: 120,00 kr",
        "Summa denna faktura: 1 315,00 kr",
        "Belopp att betala: 1 315,00 kr",
        "Elförbrukning: 1 204 kWh",
        "Vattenförbrukning: 14 m³",
        "Uppmätt högsta effekt: 12 kW",
    ]
    assert read(lines, *ALL_FIELDS) == {
        "customer_name": "ANNA EXEMPEL", "service_address": "Exempelgatan 12, 123 45 Exempelstad",
        "account_number": "44556677", "meter_number": "73512345", "statement_date": dt.date(2024, 2, 5),
        "due_date": dt.date(2024, 2, 28), "billing_period_start": dt.date(2024, 1, 1),
        "previous_balance": Decimal("120.00"), "payments": Decimal("120.00"), "current_charges": Decimal("1315.00"),
        "total_amount_due": Decimal("1315.00"), "electricity_kwh": Decimal(1204), "water_usage": Decimal(14),
        "demand_kw": Decimal(12),
    }


def test_swedish_supply_point_and_last_years_usage_are_not_the_account_or_the_reading() -> None:
    # The anläggnings-ID (a supply point), the OCR payment reference and the invoice number are other numbers
    # than the Kundnr; last year's usage is no usage of this bill.
    got = read(["Anläggnings-ID 735999000000000001", "OCR-nummer 71016021801702", "Fakturanummer 924965964",
                "Kundnr 36076184", "Samma månad förra året: 1 302 kWh", "Uppmätt förbrukning: 1 335 kWh",
                "Att betala: 1 562,00 kr"],
               "account_number", "electricity_kwh")
    assert got == {"account_number": "36076184", "electricity_kwh": Decimal(1335)}


def test_swedish_country_cues() -> None:
    cues = lexicon.country_cues("Org.nr 556000-0000 | Bankgiro 123-4567 | Hamngatan 1, 252 21 Helsingborg\n"
                                "Moms 25 %   Elområde SE3")
    assert cues.get("SE", 0) >= 4
    assert max(cues, key=lambda c: cues[c]) == "SE"
    assert lexicon.load().countries["SE"].currency == "SEK"


def _doc(layout: list[str]) -> Document:
    """A page whose layout text is ``layout`` and whose plain text is its cells, one a line."""
    plain = [x.strip() for line in layout for x in line.split("  ") if x.strip()]
    return Document(pages=[Page(number=1, text="\n".join(plain), layout_text="\n".join(layout))], page_count=1)


def test_nordic_company_forms_and_utility_words_name_the_issuer() -> None:
    doc = Document(pages=[Page(number=1, text="Exempelbygdens Elbolag AB\nKundnr 123456\nVerkstad Olsson HB")],
                   page_count=1)
    assert provider_guess(doc) == "Exempelbygdens Elbolag AB"
    assert provider_guess(Document(pages=[Page(number=1, text="Fjordkraft Eksempel AS\nKundenummer 1234")],
                                   page_count=1)) == "Fjordkraft Eksempel AS"
    assert provider_guess(Document(pages=[Page(number=1, text="Eksempel Forsyning A/S\nKundenr. 1234")],
                                   page_count=1)) == "Eksempel Forsyning A/S"


def test_a_heading_alone_on_its_line_labels_the_row_below_cut_at_its_first_bar() -> None:
    # "Anläggning" (anchored: a label only where a cell starts) alone on its line, the premises below it with
    # the supply point and price area after bars; a street whose name starts with an N is still a street.
    lines = ["Anläggning", "Nygatan 9, 852 31 Exempelstad | Anläggnings-ID 735999000000000001 | Elområde SE2",
             "Att betala: 1 562,00 kr"]
    assert read(lines, "service_address") == {"service_address": "Nygatan 9, 852 31 Exempelstad"}
    # A number's caption is still no street.
    assert read(["Anläggning", "Nr 735999000000000001"], "service_address") == {"service_address": None}


def test_a_swedish_postcode_closes_a_mailing_block() -> None:
    from minimeter.extract.addressee import POSTCODE

    assert POSTCODE.search("852 31 Sundsvall") and POSTCODE.search("411 19 Göteborg")
    assert not POSTCODE.search("403 432") and not POSTCODE.search("1 335 kWh") and not POSTCODE.search("123 45")


BILL = [
    "Exempelbygdens Elbolag AB" + " " * 40 + "Faktura",
    "Storgatan 1, 123 45 Exempelby | Org.nr 556000-0000 | Kundservice 0771-00 00 00",
    "",
    " Kundnr            44556677                             Anna Exempel",
    " Fakturanummer     900000001",
    "                                                        Storgatan 7",
    " Fakturadatum      2024-02-05                           123 45 Exempelby",
    " Period            2024-01-01 – 2024-01-31",
    " Elavtal           Rörligt elpris",
    "",
    "Mätarställningar",
    " Mätare       Datum         Föregående    Datum         Nuvarande     Förbrukning",
    " 73512345     2024-01-01       403 432    2024-01-31       404 767      1 335 kWh",
    "",
    " Elöverföring                     1 335 kWh        24,60 öre/kWh          328,41 kr",
    " Nätabonnemang                        1 mån           552,00 kr          552,00 kr",
    " Summa exkl. moms                                                        880,41 kr",
    " Moms 25 %                                                               220,10 kr",
    " Öresavrundning                                                            0,49 kr",
    " Summa denna faktura                                                   1 101,00 kr",
    "",
    " Att betala                 1 101,00 kr",
    " Förfallodatum              2024-02-28",
    " OCR-nummer                 71016021801702",
    " Bankgiro                   123-4567",
]


def test_a_swedish_bill_reads_whole_and_its_reads_confirm_the_usage() -> None:
    out = extract_rules(_doc(BILL))
    bill = out.bill
    assert bill.currency == "SEK"
    assert bill.provider == "Exempelbygdens Elbolag AB"
    assert (bill.account_number, bill.meter_number) == ("44556677", "73512345")
    assert (bill.billing_period_start, bill.billing_period_end) == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert (bill.statement_date, bill.due_date) == (dt.date(2024, 2, 5), dt.date(2024, 2, 28))
    assert bill.total_amount_due == bill.current_charges == Decimal("1101.00")
    assert bill.electricity_kwh == Decimal(1335)
    assert bill.rate_plan == "Rörligt elpris"
    # The reads under the bare "Föregående" / "Nuvarande" headings are the meter's.
    assert [(m.prior_read, m.present_read) for m in bill.meters] == [(Decimal(403432), Decimal(404767))]


def test_a_table_row_priced_in_ore_with_space_grouped_figures_is_a_charge_line() -> None:
    # "1 335 kWh  24,60 öre/kWh  328,41 kr": 1 335 x 0,2460 kr = 328,41 kr; the quantity is one figure.
    from minimeter.validate.printed import PrintedIndex

    lines = PrintedIndex(_doc(BILL)).charge_lines()
    assert [(li.quantity, li.unit, li.rate, li.amount) for li in lines] == [
        (Decimal(1335), "kWh", Decimal("0.246"), Decimal("328.41"))]


def test_norwegian_phrasings() -> None:
    lines = [
        "Kundenavn: KARI EKSEMPEL",
        "Anleggsadresse: Eksempelveien 12, 0150 Oslo",
        "Kundenummer: 44556677",
        "Målernummer: 73512345",
        "Fakturadato: 05.02.2024",
        "Forfallsdato: 28. februar 2024",
        "Periode: 01.01.2024 - 31.01.2024",
        "Ubetalt fra forrige faktura: kr 120,00",
        "Innbetalinger: kr 120,00",
        "Sum denne faktura: kr 1 315,00",
        "Beløp å betale: kr 1 315,00",
        "Strømforbruk: 1 204 kWh",
        "Vannforbruk: 14 m³",
        "Målt effekt: 12 kW",
    ]
    assert read(lines, *ALL_FIELDS) == {
        "customer_name": "KARI EKSEMPEL", "service_address": "Eksempelveien 12, 0150 Oslo",
        "account_number": "44556677", "meter_number": "73512345", "statement_date": dt.date(2024, 2, 5),
        "due_date": dt.date(2024, 2, 28), "billing_period_start": dt.date(2024, 1, 1),
        "previous_balance": Decimal("120.00"), "payments": Decimal("120.00"), "current_charges": Decimal("1315.00"),
        "total_amount_due": Decimal("1315.00"), "electricity_kwh": Decimal(1204), "water_usage": Decimal(14),
        "demand_kw": Decimal(12),
    }


def test_norwegian_metering_point_and_kid_are_not_the_account() -> None:
    got = read(["Målepunkt-ID 707057500000000001", "KID-nummer 002200330044", "Kundenr. 36076184",
                "Samme måned i fjor: 1 302 kWh", "Ditt forbruk: 1 335 kWh", "Å betale: kr 1 562,00"],
               "account_number", "electricity_kwh")
    assert got == {"account_number": "36076184", "electricity_kwh": Decimal(1335)}


def test_danish_phrasings() -> None:
    lines = [
        "Kundenavn: METTE EKSEMPEL",
        "Leveringsadresse: Eksempelvej 12, 8000 Aarhus C",
        "Kundenummer: 44556677",
        "Målernummer: 73512345",
        "Fakturadato: 05.02.2024",
        "Sidste rettidige betalingsdag: 28. februar 2024",
        "Afregningsperiode: 01.01.2024 - 31.01.2024",
        "Ubetalt fra forrige faktura: 120,00 kr.",
        "Indbetalinger: 120,00 kr.",
        "I alt denne faktura: 1.315,00 kr.",
        "Beløb at betale: 1.315,00 kr.",
        "Elforbrug: 1.204 kWh",
        "Vandforbrug: 14 m³",
        "Højeste effekt: 12 kW",
    ]
    assert read(lines, *ALL_FIELDS) == {
        "customer_name": "METTE EKSEMPEL", "service_address": "Eksempelvej 12, 8000 Aarhus C",
        "account_number": "44556677", "meter_number": "73512345", "statement_date": dt.date(2024, 2, 5),
        "due_date": dt.date(2024, 2, 28), "billing_period_start": dt.date(2024, 1, 1),
        "previous_balance": Decimal("120.00"), "payments": Decimal("120.00"), "current_charges": Decimal("1315.00"),
        "total_amount_due": Decimal("1315.00"), "electricity_kwh": Decimal(1204), "water_usage": Decimal(14),
        "demand_kw": Decimal(12),
    }


def test_danish_metering_point_and_company_number_are_not_the_account() -> None:
    got = read(["Målepunkt-ID 571313100000000001", "CVR-nr. 12345678", "Kundenr. 36076184",
                "Samme periode sidste år: 1.302 kWh", "Dit forbrug: 1.335 kWh", "At betale: 1.562,00 kr."],
               "account_number", "electricity_kwh")
    assert got == {"account_number": "36076184", "electricity_kwh": Decimal(1335)}


def _plain(text: str) -> Document:
    return Document(pages=[Page(number=1, text=text)], page_count=1)


def test_the_bills_country_tells_the_krona_and_the_two_krones_apart() -> None:
    se = "Org.nr 556000-0000\nBankgiro 123-4567\nAtt betala 1 315,00 kr\nMoms 25 % 263,00 kr\nElområde SE3"
    no = "Org.nr. 987 654 321 MVA\nKID 0022003300\nÅ betale kr 1 315,00\nNettleie kr 263,00\nPrisområde NO1"
    dk = "CVR-nr. 12345678\nBetalingsservice\nAt betale 1.315,00 kr.\nElafgift 263,00 kr.\nPrisområde DK1"
    assert [extract_rules(_plain(t)).bill.currency for t in (se, no, dk)] == ["SEK", "NOK", "DKK"]
    # The sign alone, with or without its dot, on a page naming no country, confirms none of the three.
    from minimeter.extract import currency

    assert [currency.read(t, None).basis for t in ("At betale 1.315,00 kr.", "Å betale kr. 1 315,00")] == [None, None]


def test_a_nordic_utilitys_letterhead_and_post_box_are_not_the_addressee() -> None:
    # The utility's own address under its name ("Postboks 1, 0150 Oslo", "Box 100, 123 45 Exempelstad") reads
    # like a mailing block: its name says utility (kraft, vatten) and a post box is no premises.
    for head, box in (("Eksempel Kraft AS", "Postboks 1, 0150 Oslo | Org.nr. 987 654 321 MVA"),
                      ("Exempelstads Vatten AB", "Box 100, 123 45 Exempelstad | Org.nr 556000-0001")):
        layout = [head + " " * 40 + "Faktura", box, "",
                  " Kundenummer       5566778                              Ola Nordmann",
                  " Fakturadato       05.02.2024                           Storgata 7",
                  " Forfallsdato      20.02.2024                           0150 Oslo",
                  " Å betale                                                      kr 1 477,00"]
        bill = extract_rules(_doc(layout)).bill
        assert (bill.customer_name, bill.service_address) == ("Ola Nordmann", "Storgata 7, 0150 Oslo"), head
