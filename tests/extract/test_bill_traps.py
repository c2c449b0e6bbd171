"""The general traps of real bills, each a small made-up page in two or three languages, read by the rules
and then validated: the right value is read, or the field is left out and the bill sent to review, never
a wrong value in a SUCCEEDED bill."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.settings import Settings
from minimeter.validate import finalize


def _read(lines: list[str]) -> tuple[BillNormalized, str]:
    """The bill the rules read from a page of ``lines``, and the status validation gives it."""
    text = "\n".join(lines)
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    out = extract_rules(doc)
    res = finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    return out.bill, res.status


def _period(bill: BillNormalized) -> tuple[dt.date | None, dt.date | None]:
    return bill.billing_period_start, bill.billing_period_end


def test_a_period_printed_only_as_the_reading_dates_is_read_from_the_read_labels() -> None:
    pages = [
        ["Fecha de factura: 20/06/2025", "Total a pagar 88,10 €", "Lectura anterior (19/05/2025): 10000",
         "Lectura actual (17/06/2025): 10900", "Consumo 900 kWh"],
        ["Data de emissão: 20/06/2025", "Total a pagar R$ 88,10", "Leitura anterior 19/05/2025",
         "Leitura atual 17/06/2025", "Consumo 900 kWh"],
        ["Date de facture : 20/06/2025", "Montant à payer 88,10 €", "Ancien index relevé le 19/05/2025 : 10000",
         "Nouvel index relevé le 17/06/2025 : 10900", "Consommation 900 kWh"],
        ["Rechnungsdatum 20.06.2025", "Rechnungsbetrag 88,10 €", "Zählerstand alt 10000 am 19.05.2025",
         "Zählerstand neu 10900 am 17.06.2025", "Verbrauch 900 kWh"],
        ["Factuurdatum 20-06-2025", "Te betalen € 88,10", "Beginstand 19-05-2025 10000", "Eindstand 17-06-2025 10900",
         "Verbruik 900 kWh"],
        ["Account Number 12345678", "Statement Date: 06/20/2025", "Total Amount Due $88.10",
         "Meter 5551  Previous read 05/19/2025 10000  Current read 06/17/2025 10900  Usage 900 kWh"],
    ]
    for lines in pages:
        bill, _status = _read(lines)
        assert _period(bill) == (dt.date(2025, 5, 19), dt.date(2025, 6, 17)), lines[0]


def test_one_labelled_date_is_never_both_ends_of_the_period() -> None:
    # Words one per line and no layout: the one date after a start label is not the end too.
    words = [w for line in ["Date de facture : 20/06/2025", "Période du 19/05/2025 au 17/06/2025 (29 jours)",
                            "Montant à payer 88,10 €"] for w in line.split()]
    bill, status = _read(words)
    assert bill.billing_period_end is None or bill.billing_period_end > (bill.billing_period_start or dt.date.min)
    assert status == "NEEDS_REVIEW"


def test_a_direct_debit_date_stands_in_for_the_due_date_and_a_printed_due_date_wins() -> None:
    debit = {
        "fr": (["Date de facture : 20/06/2025", "Montant à payer 88,10 €"], "Prélèvement le 10/07/2025",
               "Date d'échéance : 05/07/2025"),
        "pt": (["Data de emissão: 20/06/2025", "Total a pagar R$ 88,10"], "Débito automático em 10/07/2025",
               "Vencimento 05/07/2025"),
        "it": (["Data emissione 20/06/2025", "Totale da pagare € 88,10"], "Addebito su c/c il 10/07/2025",
               "Scadenza 05/07/2025"),
        "nl": (["Factuurdatum 20-06-2025", "Te betalen € 88,10"], "Incassodatum 10-07-2025", "Vervaldatum 05-07-2025"),
        "ms": (["Tarikh bil: 20/06/2025", "Jumlah perlu dibayar RM 88.10"], "Tarikh debit langsung: 10/07/2025",
               "Tarikh akhir bayaran: 05/07/2025"),
        "de": (["Rechnungsdatum 20.06.2025", "Rechnungsbetrag 88,10 €"], "Lastschrift am 10.07.2025",
               "Zahlbar bis 05.07.2025"),
        "en": (["Statement Date: 06/20/2025", "Amount Due $88.10"], "Auto-draft date: 07/10/2025",
               "Due Date: 07/05/2025"),
    }
    for lang, (head, debit_line, due_line) in debit.items():
        bill, _status = _read([*head, debit_line])
        assert bill.due_date == dt.date(2025, 7, 10), lang
        bill, _status = _read([*head, debit_line, due_line])
        assert bill.due_date == dt.date(2025, 7, 5), lang


def _failed(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    out = extract_rules(doc)
    res = finalize(ExtractionResult(bill=out.bill, evidence=out.evidence, extractor="rules"), doc, Settings())
    return [c.rule for c in res.checks if c.passed is False]


def test_an_amount_to_pay_after_the_due_date_is_not_the_amount_due() -> None:
    late = {
        "pt": (["Data de emissão: 20/06/2025", "Período: 19/05/2025 a 17/06/2025"],
               "Total a pagar após o vencimento R$ 92,50", "Total a pagar R$ 88,10"),
        "es": (["Fecha de factura: 20/06/2025", "Periodo: 19/05/2025 - 17/06/2025"],
               "Total a pagar después del vencimiento 92,50 €", "Total a pagar 88,10 €"),
        "fr": (["Date de facture : 20/06/2025", "Période du 19/05/2025 au 17/06/2025"],
               "Montant à payer après échéance 92,50 €", "Montant à payer 88,10 €"),
        "it": (["Data emissione 20/06/2025", "Periodo dal 19/05/2025 al 17/06/2025"],
               "Totale da pagare dopo la scadenza € 92,50", "Totale da pagare € 88,10"),
        "nl": (["Factuurdatum 20-06-2025", "Periode 19-05-2025 t/m 17-06-2025"],
               "Te betalen na de vervaldatum € 92,50", "Te betalen € 88,10"),
        "ms": (["Tarikh bil: 20/06/2025", "Tempoh bil: 19/05/2025 - 17/06/2025"],
               "Jumlah perlu dibayar selepas tarikh akhir RM 92.50", "Jumlah perlu dibayar RM 88.10"),
        "de": (["Rechnungsdatum 20.06.2025", "Zeitraum 19.05.2025 - 17.06.2025"],
               "Zahlbetrag nach Fälligkeit 92,50 €", "Zahlbetrag 88,10 €"),
        "en": (["Bill Date 20/06/2025", "Bill Period 19/05/2025 to 17/06/2025"],
               "Amount payable after the due date Rs. 92.50", "Net Amount Payable Rs. 88.10"),
    }
    for lang, (head, after, due) in late.items():
        for lines in ([*head, after, due], [*head, due, after]):
            bill, _status = _read(lines)
            assert str(bill.total_amount_due) == "88.10", lang
        # Printed alone, the late amount is no amount due a person need not check.
        bill, status = _read([*head, after])
        assert bill.total_amount_due is None or (status == "NEEDS_REVIEW" and
                                                 "total_not_distractor" in _failed([*head, after])), lang


def test_an_ambiguous_numeric_date_is_read_day_first_on_a_bill_of_a_day_first_currency() -> None:
    # "08/01/2025" alone settles nothing; the bill's euros, rupees or decimal commas do.
    for lines in (["Date de facture : 08/01/2025", "Période : 04/12 au 03/01", "Montant à payer 88,10 €"],
                  ["Invoice date 08/01/2025", "Period 04/12 - 03/01", "Amount payable Rs. 88.10"],
                  ["Data emissione 08/01/2025", "Totale da pagare 88,10"]):
        bill, _status = _read(lines)
        assert bill.statement_date == dt.date(2025, 1, 8), lines[0]
        if "Period" in lines[1] or "Période" in lines[1]:  # the yearless period across the year end, too
            assert _period(bill) == (dt.date(2024, 12, 4), dt.date(2025, 1, 3)), lines[0]
    # A dollar bill keeps the month first.
    bill, _status = _read(["Statement Date: 08/01/2025", "Total Amount Due $88.10"])
    assert bill.statement_date == dt.date(2025, 8, 1)


def test_apostrophe_and_space_thousands_and_credits_printed_cr_or_with_a_trailing_minus() -> None:
    period = ["Rechnungsdatum 20.06.2025", "Zeitraum 19.05.2025 - 17.06.2025"]
    for line, total in (("Total zu bezahlen CHF 1'234.50", "1234.50"), ("Zu bezahlen CHF 1’234.50", "1234.50"),
                        ("Rechnungsbetrag 1 234,56 €", "1234.56"), ("Rechnungsbetrag 12,30-", "-12.30")):
        bill, _status = _read([*period, line])
        assert str(bill.total_amount_due) == total, line
    fr = ["Date de facture : 20/06/2025", "Période du 19/05/2025 au 17/06/2025"]
    for line, total in (("Montant à payer 1\u202f234,56 €", "1234.56"), ("Montant à payer CHF 1'234.50", "1234.50")):
        bill, _status = _read([*fr, line])
        assert str(bill.total_amount_due) == total, line
    bill, _status = _read(["Fecha de factura: 20/06/2025", "Total factura 12,30- €"])
    assert str(bill.total_amount_due) == "-12.30"
    # A credit balance in a summary block that adds up: every line a role, the total a credit.
    bill, status = _read([
        "Account Number 12345678", "Statement Date: 06/20/2025", "Due Date: 07/10/2025",
        "Service 05/19/2025 - 06/17/2025 (29 days)", "Meter 5551  Prior Read 10000  Present Read 10900  Usage 900 kWh",
        "Previous Balance 100.00", "Payment Received 100.00 CR", "Current Charges 47.70", "Credit Adjustment 60.00 CR",
        "Total Amount Due 12.30 CR"])
    assert str(bill.total_amount_due) == "-12.30" and str(bill.payments) == "100.00" and status == "SUCCEEDED"


def test_a_budget_plans_fixed_amount_is_the_amount_due_but_never_the_periods_charges() -> None:
    plans = [
        ["Date de facture : 20/06/2025", "Période du 19/05/2025 au 17/06/2025", "Mensualité 120,00 €",
         "Montant à payer 120,00 €"],
        ["Fecha de factura: 20/06/2025", "Periodo: 19/05/2025 - 17/06/2025", "Cuota fija mensual 120,00 €",
         "Total a pagar 120,00 €"],
        ["Factuurdatum 20-06-2025", "Periode 19-05-2025 t/m 17-06-2025", "Termijnbedrag € 120,00",
         "Te betalen € 120,00"],
        ["Statement Date: 06/20/2025", "Service 05/19/2025 - 06/17/2025", "Equal Payment Plan amount $120.00",
         "Total Amount Due $120.00"],
    ]
    for lines in plans:
        bill, status = _read(lines)
        assert str(bill.total_amount_due) == "120.00", lines[2]
        assert bill.current_charges is None and not bill.line_items, lines[2]  # the instalment is no charge
        assert status == "NEEDS_REVIEW"
    # The period's own charges, printed beside the instalment, stay the current charges.
    bill, _status = _read(["Statement Date: 06/20/2025", "Service 05/19/2025 - 06/17/2025",
                           "Current charges this period $143.27", "Budget Billing amount $120.00",
                           "Amount Due $120.00"])
    assert str(bill.current_charges) == "143.27" and str(bill.total_amount_due) == "120.00"


_HEAD = ["Account Number 12345678", "Springfield, IL 62704", "Statement Date: 06/20/2025", "Due Date: 07/10/2025",
         "Service 05/19/2025 - 06/17/2025 (29 days)"]


def test_the_usage_is_the_kwh_the_charges_are_billed_on_net_of_an_export_or_with_losses_added() -> None:
    # No reads: of two labelled figures, the one the energy charge multiplies.
    bill, status = _read([*_HEAD, "Total kWh used 900", "kWh generated 300", "Net kWh billed 600",
                          "Energy charge 600 kWh x $0.10 = $60.00", "Customer charge $10.00",
                          "Current Charges $70.00", "Total Amount Due $70.00"])
    assert str(bill.electricity_kwh) == "600"
    # Reads that give the metered figure, the charges billed on the figure with losses added: the billed one,
    # sent to review (the reads do not explain it).
    bill, status = _read([*_HEAD, "Meter 5551  Prior Read 10000  Present Read 11000  Usage 1,000 kWh",
                          "Line losses 3%  30 kWh", "Billed kWh 1,030", "Energy charge 1,030 kWh x $0.10 = $103.00",
                          "Customer charge $10.00", "Current Charges $113.00", "Total Amount Due $113.00"])
    assert str(bill.electricity_kwh) == "1030" and status == "NEEDS_REVIEW"
    # Net metering printed as labels: the net consumption, not the import or the export.
    for lines in (["Data de emissão: 20/06/2025", "Período: 19/05/2025 a 17/06/2025", "Consumo medido 900 kWh",
                   "Energia injetada 300 kWh", "Consumo faturado 600 kWh", "Total a pagar R$ 60,00"],
                  ["Factuurdatum 20-06-2025", "Periode 19-05-2025 t/m 17-06-2025", "Levering 900 kWh",
                   "Teruglevering 300 kWh", "Netto verbruik 600 kWh", "Te betalen € 60,00"]):
        bill, status = _read(lines)
        assert str(bill.electricity_kwh) == "600" and status == "NEEDS_REVIEW", lines[0]


def test_the_demand_is_the_registered_kw_not_the_kva_nor_the_contracted_power() -> None:
    cases = [
        (["Statement Date: 06/20/2025", "Total Amount Due $880.10", "Billing demand 130 kVA", "Actual demand 108 kW"],
         "108"),
        (["Bill Date 20/06/2025", "Net Amount Payable Rs. 88,000.00", "Contract Demand 150 kVA",
          "Recorded Maximum Demand 112 kVA", "Maximum Demand (kW) 101"], "101"),
        (["Bill Date 20/06/2025", "Sanctioned Load 50 kW", "Maximum Demand 38.5 kW",
          "Net Amount Payable Rs. 8,000.00"], "38.5"),
        (["Fecha de factura: 20/06/2025", "Potencia contratada P1: 15 kW", "Potencia máxima demandada P1: 11,2 kW",
          "Total a pagar 880,10 €"], "11.2"),
        (["Data emissione 20/06/2025", "Potenza impegnata 6 kW", "Potenza massima prelevata 4,8 kW",
          "Totale da pagare € 88,10"], "4.8"),
        (["Data de emissão: 20/06/2025", "Demanda contratada 75 kW", "Demanda medida 62 kW",
          "Total a pagar R$ 880,10"], "62"),
        (["Rechnungsdatum 20.06.2025", "Vereinbarte Leistung 100 kW", "Gemessene Höchstleistung 82 kW",
          "Rechnungsbetrag 880,10 €"], "82"),
    ]
    for lines, kw in cases:
        bill, _status = _read(lines)
        assert str(bill.demand_kw) == kw, lines[1]
    # A subscribed power in kVA alone is no demand.
    bill, _status = _read(["Date de facture : 20/06/2025", "Puissance souscrite 9 kVA", "Montant à payer 88,10 €"])
    assert bill.demand_kw is None


def test_arrears_folded_into_the_amount_due_and_a_previous_balance_repeated_to_the_cent() -> None:
    reads = "Meter 5551  Prior Read 10000  Present Read 10900  Usage 900 kWh"
    bill, status = _read([*_HEAD, reads, "Arrears $150.00", "Current charges $90.00", "Total Amount Due $240.00"])
    assert (str(bill.previous_balance), str(bill.current_charges), str(bill.total_amount_due)) == (
        "150.00", "90.00", "240.00") and status == "SUCCEEDED"
    # Two previous-balance lines a cent apart: the one the balance adds up with.
    bill, status = _read([*_HEAD, reads, "Balance from last bill $150.01", "Payments $0.00", "Previous balance $150.00",
                          "Current charges $90.00", "Total Amount Due $240.00"])
    assert str(bill.previous_balance) == "150.00" and str(bill.total_amount_due) == "240.00"
    for lines in (["Tarikh bil: 20/06/2025", "Tempoh bil: 19/05/2025 - 17/06/2025 (30 hari)",
                   "Bacaan lama 10000  Bacaan baru 10900  Penggunaan 900 kWh", "Tunggakan RM 150.00",
                   "Caj semasa RM 90.00", "Jumlah perlu dibayar RM 240.00"],
                  ["Data emissione 20/06/2025", "Periodo dal 19/05/2025 al 17/06/2025 (30 giorni)",
                   "Lettura precedente 10000  Lettura attuale 10900  Consumo 900 kWh",
                   "Importo bollette precedenti non pagate € 150,00", "Importo bolletta € 90,00",
                   "Totale da pagare € 240,00"],
                  ["Bill Date 20/06/2025", "Bill Period 19/05/2025 to 17/06/2025 (30 days)",
                   "Previous reading 10000  Present reading 10900  Units 900", "Current Bill Amount Rs. 900.00",
                   "Arrears Rs. 1,500.00", "Net Amount Payable Rs. 2,400.00"]):
        bill, _status = _read(lines)
        total = bill.total_amount_due
        assert total is not None and bill.previous_balance is not None and bill.current_charges is not None
        assert bill.previous_balance + bill.current_charges == total, lines[0]


def test_a_period_printed_without_years_takes_them_from_the_statement_date_across_a_year_end() -> None:
    june = (dt.date(2025, 5, 19), dt.date(2025, 6, 17))
    winter = (dt.date(2024, 12, 4), dt.date(2025, 1, 3))
    cases = [
        (["Bill date 20 June 2025", "Billing period 19 May to 17 June", "Amount due £88.10"], june),
        (["Date de facture : 20/06/2025", "Période du 19 mai au 17 juin", "Montant à payer 88,10 €"], june),
        (["Date de facture : 8 janvier 2025", "Consommation du 4 déc. au 3 janv.", "Montant à payer 88,10 €"], winter),
        (["Fecha de factura: 20/06/2025", "Periodo de facturación: del 19 de mayo al 17 de junio",
          "Total a pagar 88,10 €"], june),
        (["Emitida el 8 de enero de 2025", "Periodo: 4 dic - 3 ene", "Total a pagar 88,10 €"], winter),
        (["Data de emissão: 20/06/2025", "Período: 19 mai a 17 jun", "Total a pagar R$ 88,10"], june),
        (["Data emissione 20/06/2025", "Periodo dal 19 maggio al 17 giugno", "Totale da pagare € 88,10"], june),
        (["Rechnungsdatum 20.06.2025", "Zeitraum 19. Mai bis 17. Juni", "Rechnungsbetrag 88,10 €"], june),
        (["Rechnungsdatum 08.01.2025", "Abrechnungszeitraum 04.12. - 03.01.", "Rechnungsbetrag 88,10 €"], winter),
        (["Factuurdatum 8 januari 2025", "Periode 4 december t/m 3 januari", "Te betalen € 88,10"], winter),
        (["Tarikh bil: 20/06/2025", "Tempoh bil: 19 Mei hingga 17 Jun", "Jumlah perlu dibayar RM 88.10"], june),
        (["Bill Date 08-Jan-2025", "Bill Period 04-Dec to 03-Jan", "Net Amount Payable Rs. 88.10"], winter),
        (["Statement Date: Jan 5, 2025", "Service from Dec 4 to Jan 3", "Total Amount Due $88.10"], winter),
    ]
    for lines, period in cases:
        bill, _status = _read(lines)
        assert _period(bill) == period, lines[1]


def test_abbreviated_labels_are_read_as_their_words() -> None:
    """US bills shorten the words of their labels ("Acct No", "Prev Bal", "Pymts Rcvd", "Curr Chgs",
    "Total Amt Due"): the lexicon's [abbreviations] read them as the labels they shorten."""
    bill, _status = _read([
        "Lakeside Public Power District",
        "Acct No: 44-1029-887            Stmt Date: 03/04/2031",
        "Svc Addr: 18 Birch Hollow Rd, Fairview",
        "Prev Bal                          $71.20",
        "Pymts Rcvd                       -$71.20",
        "Curr Chgs                         $64.85",
        "Total Amt Due                     $64.85",
        "Due By: 03/25/2031",
    ])
    assert bill.account_number == "44-1029-887"
    assert bill.statement_date == dt.date(2031, 3, 4)
    assert bill.previous_balance == Decimal("71.20")
    assert bill.current_charges == Decimal("64.85")
    assert bill.total_amount_due == Decimal("64.85")
    assert bill.service_address is not None and bill.service_address.startswith("18 Birch Hollow Rd")


def test_a_one_word_label_is_never_shortened() -> None:
    from minimeter.extract.vocab import label_rx

    assert label_rx("previous balance").search("PREV. BAL. 12.00")
    assert not label_rx("balance").search("bal 12.00")


def test_a_text_layer_of_one_word_a_line_is_read_with_its_rows_rejoined() -> None:
    from minimeter.extract.rejoin import rejoined

    pages = {
        "en": ["Account Number 12345678", "Statement Date: 06/20/2025", "Due Date: 07/10/2025",
               "Service 05/19/2025 - 06/17/2025 (29 days)", "Prior Read 10000  Present Read 10900  Usage 900 kWh",
               "Previous Balance $60.00", "Payment Received -$60.00", "Current Charges $90.00",
               "Total Amount Due $90.00", "Last year same month 1,020 kWh", "Amount due after 07/10/2025 $94.50"],
        "fr": ["Date de facture : 20/06/2025", "Période du 19 mai au 17 juin 2025 (29 jours)",
               "Ancien index 10000  Nouvel index 10900  Consommation 900 kWh", "Solde précédent 60,00 €",
               "Paiement reçu -60,00 €", "Montant de la facture 90,00 €", "Montant à payer 90,00 €",
               "Consommation l'an dernier 1 020 kWh"],
        "it": ["Data emissione 20/06/2025", "Periodo dal 19/05/2025 al 17/06/2025",
               "Lettura precedente 10000  Lettura attuale 10900  Consumo 900 kWh", "Totale da pagare € 90,00",
               "Consumo anno precedente 1.020 kWh"],
    }
    for lang, lines in pages.items():
        words = "\n".join(w for line in lines for w in line.split())
        again = rejoined(words)
        assert again is not None and len(again) == len(words), lang  # same characters, same offsets
        for layout in (None, words):
            doc = Document(pages=[Page(number=1, text=words, layout_text=layout)], page_count=1)
            out = extract_rules(doc)
            bill = out.bill
            assert str(bill.total_amount_due) == "90.00" and str(bill.electricity_kwh) == "900", lang
            assert _period(bill) == (dt.date(2025, 5, 19), dt.date(2025, 6, 17)), lang
            span = out.evidence["total_amount_due"].span
            assert span is not None and words[span.start:span.end].split() == span.text.split()
    # A page that keeps its rows is left as it is.
    assert rejoined("\n".join(pages["en"])) is None
    # A header row above its values is no row of labels each followed by its value: its breaks stay.
    grid = ["Due Date", "Bill Date", "Total Due", "April 15, 2024", "April 1, 2024", "$88.10", *pages["en"][:3]]
    words = "\n".join(w for line in grid for w in line.split())
    assert (rejoined(words) or "").startswith("Due\nDate\nBill\nDate\nTotal\nDue\nApril\n15,")


def test_a_unit_price_beside_the_reads_is_no_meter_multiplier() -> None:
    # "900 kWh x 0,100000 €/kWh  90,00 €": the reads' difference times the price is the charge, not the usage.
    bill, _status = _read(["Nº de contrato 12345678", "Fecha de factura: 08/01/2025",
                           "Lectura anterior 10000  Lectura actual 10900  Consumo 900 kWh",
                           "Periodo: 04/12 - 03/01 (30 días)", "Energía 900 kWh x 0,100000 €/kWh 90,00 €",
                           "Total a pagar 90,00 €"])
    assert str(bill.electricity_kwh) == "900" and not any(m.multiplier for m in bill.meters)
    bill, _status = _read([*_HEAD, "Meter 5551  Prior Read 10000  Present Read 10900",
                           "Energy 900 kWh @ $0.10 = $90.00", "Total Amount Due $90.00"])
    assert str(bill.electricity_kwh) == "900"
    # A meter's own multiplier still scales the reads.
    bill, _status = _read([*_HEAD, "Meter 5551  Prior Read 10000  Present Read 10900  Multiplier 40  Usage 36,000 kWh",
                           "Total Amount Due $3,600.00"])
    assert str(bill.electricity_kwh) == "36000"
