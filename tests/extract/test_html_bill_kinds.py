"""Kinds of bills printed from HTML (CSS tables and grids), read with no profile: an Italian dual-fuel bill
whose reads table speaks Italian, an addressee block with a company form and a tax number under it, a due date
with no "il", a history headed by a count of months, and a budget-billing account summary. All values are made up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.validate.corroborate import usage_confirmed
from tests.helpers import page_doc

IT_BILL = [
    "Esempio Energia S.p.A.                                          FORNO ESEMPIO S.N.C.",
    "                                                                Via Esempio 12, 00100 Roma RM",
    "Servizio clienti 800 000 000                                    P.IVA 00000000000",
    " Codice cliente        1234567890                             Emessa il                   12/11/2031",
    " Fattura n.            2031/0000000001                        Periodo di fornitura        01/10/2031 - 31/10/2031",
    "Consumo annuo luce: 4.615 kWh · consumo annuo gas: 735 Smc",
    "Letture e consumi luce",
    " Fascia                 Lettura precedente              Lettura attuale            Consumo kWh",
    " F1                                 20.480                      20.658                        178",
    " F2                                 41.342                      41.449                        107",
    " F3                                 18.955                      19.047                         92",
    " Consumo fatturato                                                                        377 kWh",
    "Letture e consumi gas",
    "    Lettura precedente (mc)         Lettura attuale (mc)      Consumo mc     Coefficiente C       Consumo Smc",
    "                      4.159                       4.215              56           1,035669          58,00 Smc",
    "Sintesi degli importi",
    " Totale bolletta luce                                                                    € 86,01",
    " Totale bolletta gas                                                                     € 63,76",
    " Totale bolletta (periodo)                                                              € 149,77",
    " Totale bolletta da pagare                                                              € 149,77",
    "  Totale bolletta da pagare € 149,77",
    "  Da pagare entro 03/12/2031",
]


def test_an_italian_reads_table_gives_the_registers_and_the_gas_conversion() -> None:
    """The lexicon's read labels ("Lettura precedente / attuale") make a row of two figures a meter's reads in
    any language: the fasce add up to the kWh billed, mc x coefficient C is the Smc."""
    doc = page_doc(IT_BILL)
    bill = extract_rules(doc).bill
    assert bill.electricity_kwh == Decimal("377")
    assert bill.gas_usage == Decimal("58.00")
    assert {(m.prior_read, m.present_read) for m in bill.meters} >= {
        (Decimal("20480"), Decimal("20658")), (Decimal("4159"), Decimal("4215"))}
    check = usage_confirmed(bill, None, doc)
    assert check.passed, check.message


def test_a_years_consumption_is_no_rival_of_the_period_usage() -> None:
    """"Consumo annuo luce: 4.615 kWh" is a year's total: the reads' 377 kWh keeps a high confidence."""
    evidence = extract_rules(page_doc(IT_BILL)).evidence
    assert evidence["electricity_kwh"].confidence >= 0.8


def test_da_pagare_entro_is_the_due_date() -> None:
    assert extract_rules(page_doc(IT_BILL)).bill.due_date == dt.date(2031, 12, 3)


def test_an_addressee_with_a_dotted_company_form_and_a_tax_number_under_the_address() -> None:
    """"FORNO ESEMPIO S.N.C." is a name (its dot is the company form's), and a street line carrying its own
    postcode is the whole address: the P.IVA line under it is not part of it."""
    bill = extract_rules(page_doc(IT_BILL)).bill
    assert bill.service_address == "Via Esempio 12, 00100 Roma RM"


def test_an_amount_line_is_no_street() -> None:
    """"Totale da pagare 149,77 €" ends in a number as "Via Roma 41" does; an amount with its currency is
    no street, so no addressee block is read from the amount box."""
    lines = [
        "Esempio Energia S.p.A.",
        "Codice cliente 1234567890",
        "  Importo dovuto",
        "  Totale da pagare 149,77 €",
        "  Scadenza 3 dicembre 2031",
    ]
    bill = extract_rules(page_doc(lines)).bill
    assert bill.service_address is None or "149" not in bill.service_address


US_BUDGET = [
    "Example Gas Company",
    "  Account Summary                                    Service Period    Feb 1, 2031 - Mar 1, 2031 (28 days)",
    "    Account Number                         111-222-3333",
    "    Statement Date                          Mar 3, 2031",
    "    Previous Balance                             $92.36",
    "    Balance Forward                              $92.36",
    "    Current Budget Amount                       $110.00",
    "    Amount Due                                  $202.36",
    "    Please pay by                          Mar 22, 2031",
    "You are on Budget Billing. Actual gas charges this period $191.83.",
    "Meter Reading",
    "              Previous                      Present                CCF Used       BTU Factor       Therms",
    "          1,350 Actual                 1,522 Actual                     172           1.0758          185",
    "Current Gas Charges",
    " Customer Charge                                 $22.00",
    " Distribution Charge 185 therms x $0.31770       $58.77",
    " Gas Supply Charge (PGA) 185 therms x $0.60035  $111.06",
    " Total Gas Charges                              $191.83",
    "Therms Used - last 13 months",
    " Feb 30                                             201",
    " Mar 30                                             274",
]


def test_a_budget_plans_instalment_is_the_current_charges_the_amount_due_builds_on() -> None:
    """The account summary bills the plan's fixed amount; the actual charges printed beside it are not what
    the amount due counts (previous 92.36 + 110.00 = 202.36)."""
    bill = extract_rules(page_doc(US_BUDGET)).bill
    assert bill.total_amount_due == Decimal("202.36")
    assert bill.current_charges == Decimal("110.00")


def test_a_usage_label_with_a_count_of_months_heads_a_history() -> None:
    """"Therms Used - last 13 months" heads monthly figures: neither the 13 nor the first month's day is a
    rival of the therms billed."""
    evidence = extract_rules(page_doc(US_BUDGET)).evidence
    ev = evidence.get("gas_usage") or evidence.get("gas_therms")
    assert ev is not None and ev.value == "185"
    assert ev.confidence >= 0.8, ev.note
