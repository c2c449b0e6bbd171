"""Turkish bills: the lexicon's phrasings (electricity, natural gas and water), the Turkish i in its four forms
(i, I, İ, ı) in labels, distractors and month names, figures grouped "12.345,678", and registers behind one
multiplier (T1 / T2 / T3 rows of a meter read through a current transformer)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract import parse
from minimeter.extract.candidates import Finder
from minimeter.extract.rules import extract_rules
from minimeter.extract.vocab import label_rx, strip_accents
from minimeter.readers.base import Document, Page
from tests.extract.test_lexicon_breadth import read
from tests.helpers import page_doc


def test_turkish_phrasings() -> None:
    lines = [
        "Abone Adı Soyadı: AYŞE ÖRNEK",
        "Tesisat Adresi: ÖRNEK MAH. DENEME SOK. NO:5",
        "Sözleşme Hesap No: 4455667788",
        "Sayaç No: 93012345",
        "Fatura Tarihi: 05.09.2024",
        "Son Ödeme Tarihi: 19 Eylül 2024",
        "Tüketim Dönemi: 01.08.2024 - 31.08.2024",
        "Geçmiş Dönem Borcu: 40,00 TL",
        "Yapılan Ödemeler: 40,00 TL",
        "Bu Dönem Fatura Tutarı: 1.315,06 TL",
        "Ödenecek Tutar: 1.315,06 TL",
        "Toplam Tüketim: 1.204 kWh",
        "Su Tüketimi: 14 m³",
        "Maksimum Demant: 12 kW",
    ]
    got = read(lines, "customer_name", "service_address", "account_number", "meter_number", "statement_date",
               "due_date", "billing_period_start", "previous_balance", "payments", "current_charges",
               "total_amount_due", "electricity_kwh", "water_usage", "demand_kw")
    assert got == {
        "customer_name": "AYŞE ÖRNEK", "service_address": "ÖRNEK MAH. DENEME SOK. NO:5",
        "account_number": "4455667788", "meter_number": "93012345", "statement_date": dt.date(2024, 9, 5),
        "due_date": dt.date(2024, 9, 19), "billing_period_start": dt.date(2024, 8, 1),
        "previous_balance": Decimal("40.00"), "payments": Decimal("40.00"), "current_charges": Decimal("1315.06"),
        "total_amount_due": Decimal("1315.06"), "electricity_kwh": Decimal(1204), "water_usage": Decimal(14),
        "demand_kw": Decimal(12),
    }


def test_turkish_gas_and_customer_numbers() -> None:
    got = read(["Abone No: 2266988392", "Doğalgaz Tüketimi: 96 m³", "Son Ödeme Günü: 12/06/2025"],
               "account_number", "gas_usage", "due_date")
    assert got == {"account_number": "2266988392", "gas_usage": Decimal(96), "due_date": dt.date(2025, 6, 12)}


def test_installed_power_and_tax_numbers_are_no_readings_or_accounts() -> None:
    # "Kurulu güç" (installed power) is a term of the tariff; the VKN a tax number, the ETTN the e-invoice's id.
    got = read(["Tarife Mesken · Kurulu Güç 14 kW", "VKN 4920051597", "Müşteri No: 2266988392"],
               "demand_kw", "account_number")
    assert got == {"demand_kw": None, "account_number": "2266988392"}


def test_a_label_matches_whatever_the_case_of_its_turkish_i() -> None:
    for printed in ("İlk Okuma", "İLK OKUMA", "ilk okuma", "ILK OKUMA", "Ilk okuma"):
        assert label_rx("ilk okuma").search(printed), printed
    for printed in ("SAYIN", "Sayın", "Sayin"):
        assert label_rx("sayın").search(printed), printed
    assert label_rx("son ödeme tarihi").search("SON ÖDEME TARİHİ")
    assert not label_rx("ilk okuma").search("Kilk okuma")  # still no letter right before a label


def test_accents_are_stripped_one_letter_for_one() -> None:
    # (Offsets into the stripped text are offsets into the page: the dotted capital İ stays one letter.)
    for text in ("GEÇEN YIL", "Geçen yıl", "İLK ENDEKS"):
        assert len(strip_accents(text)) == len(text)
    assert strip_accents("GEÇEN YIL") == strip_accents("geçen yıl") == "gecen yil"
    assert strip_accents("İlk") == "ilk"


def test_turkish_month_names_in_any_case() -> None:
    for text, want in (("28 Mayıs 2025", dt.date(2025, 5, 28)), ("28 MAYIS 2025", dt.date(2025, 5, 28)),
                       ("3 NİSAN 2025", dt.date(2025, 4, 3)), ("1 Şubat 2024", dt.date(2024, 2, 1)),
                       ("1 Subat 2024", dt.date(2024, 2, 1)), ("30 ARALIK 2023", dt.date(2023, 12, 30))):
        got = parse.find_dates(text, "DMY")
        assert [m.value for m in got] == [want], text


def test_a_dot_grouped_figure_with_a_decimal_comma_is_one_number() -> None:
    finder = Finder(page_doc(["İlk Endeks   Son Endeks", "12.345,678   12.400,678"]), None)
    view = finder.views[0]
    assert [v for v, _s, _e in finder.numbers(view)] == [Decimal("12345.678"), Decimal("12400.678")]


REGISTERS = [
    "Örnek Enerji Perakende A.Ş.",
    "Fatura Tarihi 28/05/2025",
    "Tüketim Dönemi 30/04/2025 - 28/05/2025",
    "Ödenecek Tutar   ₺10.000,00",
    "Sayaç No   Zaman       İlk Endeks    Son Endeks    Çarpan    Tüketim (kWh)",
    "70000001   T1 Gündüz   10.000,250    10.125,250    40        5.000",
    "70000001   T2 Puant    2.000,500     2.048,500     40        1.920",
    "70000001   T3 Gece     30.000,100    30.061,100    40        2.440",
    "           Toplam                                            9.360",
]


def test_registers_behind_one_multiplier_add_up_to_the_usage() -> None:
    # Each row prints its difference x 40; the meter's usage is the sum of the three, also x 40.
    out = extract_rules(page_doc(REGISTERS))
    assert out.bill.electricity_kwh == Decimal("9360")
    assert sorted((m.prior_read, m.present_read, m.multiplier) for m in out.bill.meters) == [
        (Decimal("2000.500"), Decimal("2048.500"), Decimal(40)),
        (Decimal("10000.250"), Decimal("10125.250"), Decimal(40)),
        (Decimal("30000.100"), Decimal("30061.100"), Decimal(40)),
    ]


def test_rows_with_different_multipliers_are_not_summed_behind_one() -> None:
    rows = [*REGISTERS[:6], "70000002   T2 Puant    2.000,500     2.048,500     80        3.840",
            "           Toplam                                            8.840"]
    out = extract_rules(page_doc(rows))
    assert out.bill.electricity_kwh != Decimal("8840")


def test_a_turkish_company_form_and_energy_word_name_the_issuer() -> None:
    from minimeter.extract.provider import provider_guess
    from minimeter.readers.base import Document, Page

    text = ("Örnek Işık Enerji Perakende Satış A.Ş.          e-Arşiv Fatura\n"
            "Sayın\nDeneme Kırtasiye Ltd. Şti.\nÖrnek Mah. Deneme Cad. No:4 D:2, 34000 Merkez/İstanbul")
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    # (A name's first word may start with an accented capital: "Örnek", not "Işık Enerji ...".)
    assert (provider_guess(doc) or "").startswith("Örnek Işık Enerji Perakende Satış A.Ş")


def test_a_street_with_its_house_number_after_no_and_its_town_after_a_comma() -> None:
    from minimeter.extract.addressee import STREET

    assert STREET.match("Örnek Mah. Deneme Cad. No:45 D:3, 35220 Konak/İzmir")
    assert STREET.match("Calle Ejemplo No. 23, Barrio Centro")
    assert not STREET.match("Fatura No: 4512") and not STREET.match("Örnek Mah. Deneme Cad. No:45 D:3")
    lines = ["Örnek Elektrik Perakende Satış A.Ş.", "",
             "Sayın                                   Müşteri No    4400012345", "Deneme Kırtasiye Ltd. Şti.",
             "Örnek Mah. Deneme Cad. No:45 D:3, 35220 Konak/İzmir", "", "Ödenecek Tutar   200,00 TL"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.service_address == "Örnek Mah. Deneme Cad. No:45 D:3, 35220 Konak/İzmir"


def test_a_postcode_closing_the_street_line_and_a_long_company_name() -> None:
    # Five digits after the comma are the postcode (the town on the next line); a business's name closed by
    # its company form runs to seven words.
    lines = ["Örnek Elektrik Perakende Satış A.Ş.", "",
             "Sayın                                   Müşteri No    4400012345",
             "Deneme Oto Servis San. Tic. Ltd. Şti.", "Örnek Mah. Deneme Cad. No:88 D:11, 01170",
             "Merkez/Adana", "", "Ödenecek Tutar   200,00 TL"]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.customer_name == "Deneme Oto Servis San. Tic. Ltd. Şti."
    assert (bill.service_address or "").startswith("Örnek Mah. Deneme Cad. No:88 D:11, 01170")


def test_turkish_time_of_use_registers_printed_in_a_row() -> None:
    from minimeter.extract.registers import register_rows

    def view(*rows: str):  # type: ignore[no-untyped-def]
        text = "\n".join(["                         T1 Gündüz       T2 Puant        T3 Gece", *rows])
        return Finder(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1), None).views[-1]

    # The active energy's three periods add up; the inductive reactive row is no usage.
    energy = view("  Aktif Tüketim          1.200 kWh       300 kWh         500 kWh",
                  "  Endüktif Tüketim       12 kWh          5 kWh           3 kWh")
    assert [r[0] for r in register_rows(energy, "electricity_kwh", "eu")] == [Decimal(2000)]
    # The demand is the largest measured power, not the contracted one.
    power = view("  Sözleşme Demantı       15 kW           15 kW           15 kW",
                 "  Maksimum Demant        7 kW            9 kW            8 kW")
    assert [r[0] for r in register_rows(power, "demand_kw", "eu")] == [Decimal(9)]


def test_turkish_gas_and_water_utilities_name_themselves() -> None:
    from minimeter.extract.provider import provider_guess

    gas = page_doc(["ÖRNEK GAZ DAĞITIM A.Ş.", "DOĞALGAZ FATURASI", "Abone No: 1234567890"])
    water = page_doc(["ÖRNEK SU VE KANALİZASYON İDARESİ", "SU FATURASI", "ABONE NO: 998877"])
    assert provider_guess(gas) == "ÖRNEK GAZ DAĞITIM A.Ş"
    assert provider_guess(water) == "ÖRNEK SU VE KANALİZASYON İDARESİ"


def test_an_amount_closing_a_line_is_no_street_under_a_name() -> None:
    # "TOPLAM TUTAR   675,00" ends in a figure as "Musterweg 12" does, but its decimals make it an amount: the
    # charge line above it is no addressee.
    from minimeter.extract.addressee import _MAIL_LINE

    assert not _MAIL_LINE.match("TOPLAM TUTAR                         675,00")
    assert _MAIL_LINE.match("Musterweg 12, 80331 München") and _MAIL_LINE.match("Musterweg 12")
    lines = ["ÖRNEK SU VE KANALİZASYON İDARESİ", "FATURA TARİHİ: 12.04.2025",
             "Su Bedeli          18 m³ x 25,00     450,00", "Atıksu Bedeli      18 m³ x 12,50     225,00",
             "TOPLAM TUTAR                         675,00", "ÖDENECEK TUTAR                       675,00 TL"]
    assert extract_rules(page_doc(lines)).bill.customer_name is None


def test_turkish_periods_joined_by_ile_ila_or_a_dash_with_month_names_in_capitals() -> None:
    head = ["Örnek Elektrik A.Ş.", "Fatura Tarihi: 02.05.2025", "Ödenecek Tutar: 250,00 TL",
            "Toplam Tüketim: 120 kWh"]
    for period in ("Fatura Dönemi: 01.04.2025 ile 30.04.2025 arası", "OKUMA DÖNEMİ  01/04/2025 ila 30/04/2025",
                   "TÜKETİM DÖNEMİ: 01 NİSAN 2025 - 30 NİSAN 2025"):
        bill = extract_rules(page_doc([*head, period])).bill
        assert (bill.billing_period_start, bill.billing_period_end) == (dt.date(2025, 4, 1), dt.date(2025, 4, 30))
