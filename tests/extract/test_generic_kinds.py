"""Kinds of bills the generic finder reads with no profile: each test is a made-up bill of one kind."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from minimeter.extract.provider import candidates as provider_candidates
from minimeter.extract.ranges import range_connector_rx
from minimeter.extract.rules import extract_rules
from minimeter.extract.vocab import label_rx, names_commodity
from minimeter.readers.base import Document, Page
from tests.helpers import page_doc


def test_period_connectors_come_from_the_lexicon() -> None:
    rx = range_connector_rx()
    for between in (" t/m ", " tot en met ", " to ", " au ", " bis ", " al ", " hingga ", " - ", "  "):
        assert rx.match(between), between
    assert not rx.match(" and ")


def test_a_dutch_range_with_t_m_is_the_period() -> None:
    out = extract_rules(page_doc([
        "Factuurdatum   8 januari 2026",
        "Periode: 01-01-2025 t/m 31-12-2025",
        "Te betalen   € 234,01",
    ]))
    assert out.bill.billing_period_start == dt.date(2025, 1, 1)
    assert out.bill.billing_period_end == dt.date(2025, 12, 31)


def test_hash_in_a_label_stands_for_the_invoice_number_only_inside_the_phrase() -> None:
    assert label_rx("fattura # del").search("Fattura n. 2031/0099 del 17/05/2023")
    assert label_rx("invoice # dated").search("Invoice No. INV-4410 dated 3 May 2024")
    assert not label_rx("fattura # del").search("Fattura del 17/05/2023 n. 12")
    assert label_rx("meter #").search("Meter # 1234")  # a last "#" is the character itself


def test_statement_date_printed_with_the_invoice_number() -> None:
    out = extract_rules(page_doc([
        "BOLLETTA ACQUA                 Fattura n. 2031/000123 del 17/05/2023",
        "Totale da pagare   € 81,80",
        "Da pagare entro il 11/06/2023",
    ]))
    assert out.bill.statement_date == dt.date(2023, 5, 17)


def test_commodity_words_are_whole_words() -> None:
    assert names_commodity("Servizio idrico integrato", "water_usage")
    assert names_commodity("BOLLETTA ACQUA", "water_usage")
    assert not names_commodity("nouveau tarif", "water_usage")  # "eau" inside a word


def test_a_water_only_bill_reads_m3_under_a_label_that_names_no_commodity() -> None:
    out = extract_rules(page_doc([
        "Acquedotto Collina Verde S.r.l.        BOLLETTA ACQUA",
        "Consumo fatturato: 37 m³",
        "Totale da pagare   € 81,80",
    ]))
    assert out.bill.water_usage == Decimal(37)
    assert out.bill.gas_usage is None and out.bill.electricity_kwh is None


def test_a_bill_naming_electricity_keeps_neutral_labels_for_electricity() -> None:
    out = extract_rules(page_doc([
        "Ihre Rechnung für Strom und Erdgas",
        "Gesamtverbrauch     1.190 kWh",
        "Gasverbrauch        38 m3 x 10,8409 = 412 kWh",
        "Rechnungsbetrag     € 120,00",
    ]))
    assert out.bill.electricity_kwh == Decimal(1190)
    assert out.bill.gas_usage != Decimal(1190)


def test_company_forms_in_lower_case_name_the_issuer() -> None:
    doc = page_doc(["Acquedotto Collina Verde S.r.l.", "Servizio idrico integrato", "Totale da pagare € 81,80"])
    names = provider_candidates(doc)
    assert any(n.startswith("Acquedotto Collina Verde") for n in names)


def test_a_dollar_sign_takes_the_currency_of_the_country_the_page_names() -> None:
    from minimeter.extract.currency import by_country, read

    au = "Made-up Energy  ABN 11 222 333 444\nSupply address 4 Some St, Sometown QLD 4999\nGST $1.00\nTotal $11.00"
    assert read(au, None).code == "AUD"
    qc = "Total à payer 120,50 $\nTPS 5 % 5,00 $\nTVQ 9,975 % 9,98 $\nSometown (Québec) G1A 2B3"
    assert read(qc, None).code == "CAD"
    assert by_country("USD", "GST $1.00 Total $11.00") == "USD"  # one cue is a passing mention
    assert by_country("USD", "GST  Australia  Canada") == "USD"  # a tie (2 and 2) decides nothing
    assert by_country("EUR", "ABN 11 222 333 444 GST VIC 3999") == "EUR"  # only a shared sign is resolved
    mx = "Luz del Norte, S.A. de C.V.\nRFC LNO000101AA1\nTotal a pagar $1,234.50\n(1,234.50 PESOS M.N.)\nIVA $10.00"
    assert read(mx, None).code == "MXN"


def test_rupees_take_the_currency_of_the_country_the_page_names() -> None:
    from minimeter.extract.currency import by_country, read

    pk = "Made-up Power Co - NTN 1234567-8\nCHARGES (Rs)\nTV FEE 35\nCURRENT BILL Rs 1,235\nTOTAL Rs 1,235"
    assert read(pk, None).code == "PKR"
    assert by_country("INR", "NTN 1234567-8 Total Rs 500") == "INR"  # one cue is a passing mention


def test_a_water_bills_unitless_read_row_is_water_not_electricity() -> None:
    out = extract_rules(page_doc([
        "Servicio municipal de agua potable",
        "Importe total de la factura   52,10 €",
        "Contador    Lectura anterior    Lectura actual    Consumo (m³)",
        "55501234        1200               1234              34",
    ]))
    assert out.bill.electricity_kwh is None
    assert out.bill.water_usage == Decimal(34)


def test_a_bill_that_prints_no_current_charges_apart_has_its_charge_lines_add_up_to_the_total() -> None:
    lines = [
        "Itens da fatura",
        "Energia Ativa Fornecida TUSD     kWh    300     0,400000     120,00",
        "Energia Ativa Fornecida TE       kWh    300     0,300000      90,00",
        "Contrib. Iluminação Pública                                   15,50",
        "Valor a pagar                                                225,50",
    ]
    out = extract_rules(page_doc(lines))
    assert out.bill.total_amount_due == Decimal("225.50")
    assert out.bill.current_charges == Decimal("225.50")
    # With an earlier balance read, the total is not this bill's charges.
    out = extract_rules(page_doc(["Saldo anterior   40,00", *lines[:-1], "Valor a pagar   265,50"]))
    assert out.bill.current_charges != Decimal("265.50")


def test_plan_labels_name_the_rate_plan() -> None:
    out = extract_rules(page_doc(["Account number   1111 222 333", "Your plan        Made-up Home Saver"]))
    assert out.bill.rate_plan == "Made-up Home Saver"
    out = extract_rules(page_doc(["Contrato   1234567890", "Tarifa / uso     Doméstica general"]))
    assert out.bill.rate_plan == "Doméstica general"


def test_a_reads_table_of_registers_sums_to_the_usage_and_leaves_the_export_register_out() -> None:
    out = extract_rules(page_doc([
        "Your charges",
        " Peak                 300 kWh @ 50.000c/kWh        $150.00",
        " Shoulder             200 kWh @ 30.000c/kWh         $60.00",
        " Off peak             400 kWh @ 20.000c/kWh         $80.00",
        " Controlled load 1    100 kWh @ 20.000c/kWh         $20.00",
        " Solar feed-in         50 kWh @ 5.000c/kWh          -$2.50",
        "Meter readings",
        " Register             Previous reading    Current reading    Usage (kWh)",
        " Peak                        10000              10300               300",
        " Shoulder                    20000              20200               200",
        " Off peak                    30000              30400               400",
        " Controlled load 1           40000              40100               100",
        " Solar export                 5000               5050                50",
        "Total usage: 1,000 kWh",
    ]))
    assert out.bill.electricity_kwh == Decimal(1000)
    assert out.choices["electricity_kwh"].confidence >= 0.9  # the four billed parts add up to it
    assert len(out.bill.meters) == 4


def test_contract_policy_consumer_unit_address_and_previous_invoice_labels() -> None:
    out = extract_rules(page_doc(["Contrato                      5550001112", "Importe total de la factura   52,10 €"]))
    assert out.bill.account_number == "5550001112"
    out = extract_rules(page_doc(["Endereço da unidade consumidora   RUA DAS FLORES 12, CENTRO, 01000-000 CIDADE SP"]))
    assert out.bill.service_address == "RUA DAS FLORES 12, CENTRO, 01000-000 CIDADE SP"
    out = extract_rules(page_doc(["Sommaire du compte",
                              " Solde de la facture précédente            120,00 $",
                              " Paiement reçu le 2024-01-05 - Merci        -120,00 $",
                              " Montant de la facture courante              95,40 $",
                              " Montant à payer                             95,40 $"]))
    assert out.bill.previous_balance == Decimal("120.00")


def test_a_usage_billed_in_tiers_beats_the_last_tier_that_repeats_its_label() -> None:
    out = extract_rules(page_doc([
        " Premiers 1 200 kWh x 6,905 ¢                       82,86 $",
        " Reste de la consommation 800 kWh x 10,652 ¢         85,22 $",
        " Total de la période actuelle                      168,08 $",
        "Consommation : 2 000 kWh",
    ]))
    assert out.bill.electricity_kwh == Decimal(2000)


def test_french_amount_owed_new_charges_and_latest_payment_date_labels() -> None:
    out = extract_rules(page_doc([
        "Date de la facture          4 avril 2025",
        "À payer au plus tard le : 4 mai 2025",
        "Sommaire du compte",
        " Solde de la facture précédente                 100,00 $",
        " Nouveaux frais                                  60,50 $",
        " Montant dû                                     160,50 $",
    ]))
    assert out.bill.due_date == dt.date(2025, 5, 4)
    assert (out.bill.total_amount_due, out.bill.current_charges) == (Decimal("160.50"), Decimal("60.50"))


def test_a_unit_and_street_number_address_is_not_a_date_nor_a_table_header() -> None:
    out = extract_rules(page_doc(["Account number   1111 222 333",
                              "Supply address   Unit 4/19 Made Up Ave, Sometown NSW 2999"]))
    assert out.bill.service_address == "Unit 4/19 Made Up Ave, Sometown NSW 2999"


def test_ambiguous_numeric_dates_take_the_order_that_agrees_with_the_spelled_dates() -> None:
    from minimeter.extract.formats import guess_date_order

    assert guess_date_order("Supply period 5 Feb 2024 to 4 May 2024\nRead dates 05/02/2024 - 04/05/2024") == "DMY"
    assert guess_date_order("Service Mar 1, 2024 to Apr 2, 2024\nReads 03/01/2024 - 04/02/2024") == "MDY"
    assert guess_date_order("Reads 03/01/2024 - 04/02/2024") == "MDY"  # nothing settles it: the default
    assert guess_date_order("Reads 00/01/2024 - 04/02/2024") == "MDY"  # not a date at all: no crash


def test_this_bills_charges_and_the_direct_debit_date() -> None:
    out = extract_rules(page_doc([" Previous bill                       $100.00",
                              " Payment received, thank you        -$100.00",
                              " This bill's charges (incl. GST)     $80.25",
                              " Total to pay                        $80.25"]))
    assert out.bill.current_charges == Decimal("80.25")
    out = extract_rules(page_doc(["Fecha de emisión   05-10-2023", "Se cargará en su cuenta el   22-10-2023",
                              "Importe total de la factura   52,10 €"]))
    assert out.bill.due_date == dt.date(2023, 10, 22)


def test_a_consumption_block_is_a_part_of_the_usage_not_its_rival() -> None:
    out = extract_rules(page_doc([
        "Servicio municipal de agua potable",
        "Contador    Lectura anterior    Lectura actual    Consumo (m³)",
        "55501234         1200               1238              38",
        " Consumo bloque 1: 20 m³ x 0,4512 €/m³               9,02 €",
        " Consumo bloque 2: 18 m³ x 0,9875 €/m³              17,78 €",
        "Importe total de la factura   26,80 €",
    ]))
    assert out.bill.water_usage == Decimal(38)
    assert out.choices["water_usage"].confidence >= 0.9


def test_a_usage_column_is_read_under_its_own_header_cell_not_at_the_rows_start() -> None:
    out = extract_rules(page_doc([
        "Total a pagar   R$ 120,00",
        "Medidor        Posto    Leitura anterior   Leitura atual   Constante   Consumo (kWh)",
        "55501234567    Único              10.000          10.300           1             300",
    ]))
    assert out.bill.electricity_kwh == Decimal(300)
    assert out.choices["electricity_kwh"].confidence >= 0.9  # no rival read from the meter number


def test_a_header_that_repeats_the_usage_label_heads_parts() -> None:
    from minimeter.extract.candidates import Finder

    finder = Finder(page_doc([
        "Tipo Lettura   Data        Consumo kWh   Media GG    Consumo kWh   Media GG    Consumo kWh   Media GG",
        "RILEVATA       31/10/2024        1,941     0,0626          5,158     0,1664         11,305     0,3647",
    ]), None)
    assert not [c for c in finder.labelled("electricity_kwh", "qty", "usage") if c.layout]


def test_two_consumption_blocks_of_the_same_size_are_two_parts() -> None:
    out = extract_rules(page_doc([
        "Servicio municipal de agua potable",
        "Contador    Lectura anterior    Lectura actual    Consumo (m³)",
        "55501234         1200               1247              47",
        " Consumo bloque 1: 20 m³ x 0,4512 €/m³               9,02 €",
        " Consumo bloque 2: 20 m³ x 0,9875 €/m³              19,75 €",
        " Consumo bloque 3: 7 m³ x 1,8730 €/m³               13,11 €",
        "Importe total de la factura   41,88 €",
    ]))
    assert out.bill.water_usage == Decimal(47)
    assert out.choices["water_usage"].confidence >= 0.9


def test_a_french_payment_received_on_a_date() -> None:
    out = extract_rules(page_doc([" Solde de la facture précédente                 120,00 $",
                              " Paiement reçu le 2024-01-05 - Merci           -120,00 $",
                              " Montant de la facture courante                  95,40 $",
                              " Montant à payer                                 95,40 $"]))
    assert out.bill.payments == Decimal("120.00")


def test_a_meters_reads_one_per_dated_row_of_a_reads_table() -> None:
    out = extract_rules(page_doc([
        "Relevé du compteur",
        " Compteur               Date                 Relevé              Type",
        " 7XY12345               2024-11-14                       12 400  Réel",
        " 7XY12345               2025-01-13                       13 150  Réel",
        "Consommation : 750 kWh",
    ]))
    assert out.bill.electricity_kwh == Decimal(750)
    assert [(m.prior_read, m.present_read) for m in out.bill.meters] == [(Decimal(12400), Decimal(13150))]
    # Two different meters' rows are not one meter's reads.
    out = extract_rules(page_doc([
        "Relevé du compteur",
        " Compteur               Date                 Relevé              Type",
        " 7XY12345               2024-11-14                       12 400  Réel",
        " 7XY99999               2025-01-13                       13 150  Réel",
        "Consommation : 750 kWh",
    ]))
    assert out.bill.meters == []


def test_a_bare_usage_grouped_by_spaces_is_one_figure_where_the_bill_groups_so() -> None:
    from minimeter.extract.candidates import Finder

    finder = Finder(Document(pages=[Page(number=1, text="Total 1 234,56 $\nConsommation (kWh) 28 992 30 750")],
                             page_count=1), None)
    assert finder.fmt == "eu"
    assert Decimal(28992) in {c.value for c in finder.labelled("electricity_kwh", "qty", "usage")}
    assert Decimal(28) not in {c.value for c in finder.labelled("electricity_kwh", "qty", "usage")}


def test_a_period_read_forward_settles_the_order_of_ambiguous_dates() -> None:
    from minimeter.extract.formats import guess_date_order

    # Every day is 12 or less: only the period, read day first, runs forward.
    assert guess_date_order("Bill Date 09/09/2031\nBilling Period  08/08/2031 - 07/09/2031 (30 Days)\n"
                            "Pay Before: 03/10/2031") == "DMY"
    assert guess_date_order("Service 09/08/2031 - 10/07/2031\nDue 11/02/2031") == "MDY"
    assert guess_date_order("Period 08/08/31 - 07/09/31") == "DMY"  # two-digit years too
    # Both readings run forward: no vote.
    assert guess_date_order("Period 01/02/2031 - 01/03/2031") == "MDY"


def test_tariff_block_bands_and_billed_quantities_are_not_meter_reads() -> None:
    out = extract_rules(page_doc([
        "Meter Reading",
        "Meter No.     Previous    Current    Usage (kWh)",
        "QX1234567        51200      52150          950",
        "Current Charge Details",
        "Block 1 - 200 kWh              200 kWh x 21.80 sen        43.60",
        "Block 201 - 300 kWh            100 kWh x 33.40 sen        33.40",
        "Block 301 - 600 kWh            300 kWh x 51.60 sen       154.80",
        "Block 601 - 900 kWh            300 kWh x 54.60 sen       163.80",
        "Block 901 kWh and above         50 kWh x 57.10 sen        28.55",
        "Current Charges                                          424.15",
        "Amount Payable   RM424.15",
    ]))
    assert out.bill.electricity_kwh == Decimal(950)
    assert [(m.prior_read, m.present_read) for m in out.bill.meters] == [(Decimal(51200), Decimal(52150))]
    from minimeter.extract.select import read_pairs

    assert {(p.prior, p.present) for p in read_pairs(out.finder)} == {(Decimal(51200), Decimal(52150))}


def test_a_label_printed_in_two_languages_is_one_label() -> None:
    out = extract_rules(page_doc([
        "No. Akaun / Account No.     410000123456",
        "Tarif / Tariff              Tarif B - Perdagangan / Commercial",
        "Alamat Premis / Premises Address: NO 7, JALAN MERANTI 3, TAMAN CONTOH, 12345 KOTA CONTOH",
        "Amaun Perlu Dibayar / Amount Payable   RM88.40",
    ]))
    assert out.bill.account_number == "410000123456"
    assert out.bill.rate_plan == "Tarif B - Perdagangan / Commercial"
    assert out.bill.service_address == "NO 7, JALAN MERANTI 3, TAMAN CONTOH, 12345 KOTA CONTOH"
    assert out.bill.total_amount_due == Decimal("88.40")


def test_an_auto_draft_bill_is_due_on_its_draft_date() -> None:
    # A bill paid by bank draft prints no due date: the draft date is when it is paid. Where a due date is
    # printed as well, the due date wins.
    drafted = ["Account No.   555-12345-67", "Bill Date     01/11/2031", "Draft Date    01/26/2031",
               "AUTO DRAFT - DO NOT PAY", "TOTAL AMOUNT DUE     247.28"]
    assert extract_rules(page_doc(drafted)).bill.due_date == dt.date(2031, 1, 26)
    both = drafted[:2] + ["Due Date      01/27/2031"] + drafted[2:]
    assert extract_rules(page_doc(both)).bill.due_date == dt.date(2031, 1, 27)


def test_a_heading_over_label_value_rows_takes_no_label_cell_as_its_value() -> None:
    lines = [
        "Data de emissão          03/02/2031",
        " Local de consumo",
        "Morada                   Rua das Amostras, 12, 1000-001 Lisboa",
        "CPE                      PT0009999999999999XX",
        "Total a pagar            45,10 €",
    ]
    text = "\n".join(lines)
    plain = "\n".join(" ".join(ln.split()) for ln in lines)  # the content order, single spaces
    out = extract_rules(Document(pages=[Page(number=1, text=plain, layout_text=text)], page_count=1))
    assert out.bill.service_address == "Rua das Amostras, 12, 1000-001 Lisboa"


def test_a_portuguese_summary_with_unpaid_earlier_bills_and_a_direct_debit_date() -> None:
    out = extract_rules(page_doc([
        "Data de emissão          04/03/2031",
        "Conta contrato           400000000017",
        "N.º de cliente           200000003",
        "Tarifário                Plano Exemplo Casa",
        " Resumo da fatura",
        "  Energia                                  20,00 €      Montante a pagar",
        "  Potência                                  6,00 €                      39,50 €",
        "  IVA                                       3,50 €      Débito direto a partir de 21/03/2031",
        "  Total da fatura                          29,50 €",
        "  Valor em dívida de faturas anteriores    10,00 €",
        "  Montante a pagar                         39,50 €",
    ]))
    bill = out.bill
    assert (bill.total_amount_due, bill.current_charges, bill.previous_balance) == (
        Decimal("39.50"), Decimal("29.50"), Decimal("10.00"))
    assert bill.due_date == dt.date(2031, 3, 21)
    assert bill.account_number == "400000000017"
    assert bill.rate_plan == "Plano Exemplo Casa"


def test_a_german_bill_naming_customer_and_contract_accounts_is_the_customers() -> None:
    # "Kundennummer" and "Vertragskonto" side by side: the customer number is the account; printed alone, the
    # contract account still is.
    head = ["Stadtwerke Beispiel GmbH", "Rechnungsdatum   12.01.2031", "Zu zahlender Betrag   116,34 €"]
    both = extract_rules(page_doc(["Kundennummer          412 345 678", "Vertragskonto         7012345678", *head]))
    assert both.bill.account_number == "412 345 678"
    alone = extract_rules(page_doc(["Vertragskonto         7012345678", *head]))
    assert alone.bill.account_number == "7012345678"


def test_a_mexican_bill_names_its_service_number_address_and_arrears() -> None:
    out = extract_rules(page_doc([
        "Luz del Norte, S.A. de C.V.",
        "RFC LNO000101AA1",
        "                                  NO. DE SERVICIO:        123456789012",
        "                                  NO. MEDIDOR:            45XY67",
        "                                  CUENTA: 11AB22C33445566",
        "DIRECCIÓN DEL SERVICIO: CALLE PINO 12, COL. NUEVA, 01000 CIUDAD, EDO.",
        "Energía                       300                $600.00",
        "IVA 16%                                          $96.00",
        "Total del periodo                                $696.00",
        "Adeudo Anterior                                  $500.00",
        "Su Pago                                         -$500.00",
        "Total a pagar         $696.00",
    ]))
    assert out.bill.account_number == "123456789012"
    assert out.bill.previous_balance == Decimal("500.00")
    assert out.bill.service_address is not None and out.bill.service_address.startswith("CALLE PINO 12")


def test_a_pakistani_bill_names_its_reference_number_and_a_sanctioned_load_is_no_demand() -> None:
    lines = [
        "MADE-UP POWER DISTRIBUTION COMPANY LTD",
        "NTN 1234567-8",
        "CONSUMER ID    TARIFF    LOAD    OLD A/C NO    ISSUE DATE    DUE DATE",
        "7654321        A-1(a)    4 kW    123456789     05-MAR-25     15-MAR-25",
        "REFERENCE NO 12 34567 8901234 U",
        "RESIDENTIAL - SANCTIONED LOAD 4 kW",
        "TOTAL UNITS CONSUMED 300",
        "CURRENT BILL     15,000",
    ]
    out = extract_rules(page_doc(lines))
    assert out.bill.account_number is not None and out.bill.account_number.startswith("12 34567 8901234")
    assert out.bill.demand_kw is None
    out = extract_rules(page_doc([*lines, "TOTAL UNITS CONSUMED 300     MDI 2.5 kW"]))
    assert out.bill.demand_kw == Decimal("2.5")


def test_a_caption_of_a_header_grid_takes_the_cell_under_it() -> None:
    from minimeter.extract.candidates import Finder

    text = ("CONSUMER ID      TARIFF      LOAD       OLD A/C NO       ISSUE DATE\n"
            "7654321          B-2(c)      4 kW       123456789        05-MAR-25\n")
    doc = Document(pages=[Page(number=1, text=text.replace("  ", " "), layout_text=text)], page_count=1)
    f = Finder(doc, None)
    layout = next(v for v in f.views if v.layout)
    m = re.search("TARIFF", layout.text)
    assert m is not None
    cell = f._grid_cell(layout, 0, m)
    assert cell is not None and layout.text[cell[0]:cell[1]] == "B-2(c)"
    assert f._grid_cell(layout, 1, re.search("7654321", layout.text) or m) is None  # a row of figures: no grid


def test_a_tariff_numbered_without_letters_is_read_after_its_label() -> None:
    out = extract_rules(page_doc(["Luz del Norte, S.A. de C.V.", "TARIFA:    1C", "NO. MEDIDOR:    45XY67",
                              "Total a pagar   $696.00"]))
    assert out.bill.rate_plan == "1C"


def test_a_name_and_address_block_gives_the_premises_and_payable_within_due_date_is_the_total() -> None:
    out = extract_rules(page_doc([
        "MADE-UP POWER DISTRIBUTION COMPANY LTD",
        "NAME & ADDRESS",
        "JOHN MADEUP SMITH",
        "HOUSE 12 STREET 4 SOMETOWN",
        "CURRENT BILL     15,000",
        "ARREARS          5,000",
        "Payable Within Due Date",
        "Rs 20,000",
        "PAYABLE AFTER DUE DATE 21,500",
    ]))
    assert out.bill.service_address == "HOUSE 12 STREET 4 SOMETOWN"
    assert out.bill.total_amount_due == Decimal("20000")


def test_an_organisation_word_is_known_with_its_accent() -> None:
    names = provider_candidates(page_doc(["Comisión Regional de Energía del Norte", "Total a pagar $100.00"]))
    assert "Comisión Regional de Energía del Norte" in names


def test_a_demand_a_charge_is_billed_on_gives_way_to_the_registered_one() -> None:
    out = extract_rules(page_doc([
        "Account Number 55512345   Bill Date 25-JUN-23   Due Date 06-JUL-23",
        "FIXED CHARGES            MDI 5 kW x 500             2,500",
        "TOTAL UNITS CONSUMED 1,280     MDI 3.8 kW",
    ]))
    assert out.bill.demand_kw == Decimal("3.8")
    # the only demand the bill prints is the one it bills: still read
    out = extract_rules(page_doc([
        "Account Number 55512345   Bill Date 06/25/2023",
        "Demand charge  45.2 kW x $12.50                  565.00",
    ]))
    assert out.bill.demand_kw == Decimal("45.2")



def test_a_demand_history_peak_and_a_power_factor_formula_are_no_demand_charge() -> None:
    from minimeter.extract.candidates import BILLED_DEMAND
    from minimeter.extract.vocab import distractor_hits

    assert BILLED_DEMAND.match(" kW x 500            2,500")  # a rate multiplies it: billed
    assert BILLED_DEMAND.match(" KW @ $12.50")
    assert not BILLED_DEMAND.match(" kW x 90 / 86.2")  # a power-factor ratio's term: the registered demand
    assert distractor_hits("Month  kWh  kW  Days   12-month peak demand ", "usage", "demand_kw")
