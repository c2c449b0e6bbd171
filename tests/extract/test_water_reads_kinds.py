"""Kinds of bills read with no profile, from a water and sewage bill whose reads table prints each read's date
(`Leitura anterior  Data  Leitura atual  Data  Consumo m³  Dias`) beside a water-quality table, and the
phrasings of Brazilian water bills and Colombian electricity bills. All values are made up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page
from tests.extract.test_lexicon_breadth import read
from tests.helpers import page_doc

# The layout text: a reads table, then a band table with a water-quality table beside it (its figures sit
# under "Analisado  Conforme", below a line that speaks of reads).
LAYOUT = [
    "Companhia Exemplo de Saneamento S.A.                      CONTA DE ÁGUA E ESGOTO",
    "",
    " Cliente                MARIA EXEMPLO",
    " Inscrição              1234567-8",
    " Categoria              Residencial Normal",
    "",
    " Hidrômetro   Leitura anterior  Data        Leitura atual    Data        Consumo m³   Dias   Emissão: 08-05-2031",
    " X99Z000111             5120   03-04-2031            5147   05-05-2031            27     32",
    "",
    " Faixa de consumo    m³ faturados    Valor R$          Parâmetro        Exigido          Analisado  Conforme",
    " 0 a 10 m³                      10       40,00          Cloro residual   0,2 a 5,0 mg/L       48      49",
    " 11 a 20 m³                     10       60,00          Turbidez         até 5,0 uT           36      31",
    " 21 a 30 m³                      7       56,00",
    " Água                                                 R$ 156,00",
    "",
    "  Débito anterior                                     R$ 80,00",
    "  Pagamento recebido                                  R$ 80,00",
    "  Total da conta do mês                               R$ 156,00",
    "  Valor a pagar                                       R$ 156,00",
    "  Vencimento: 20-05-2031",
]
# The plain text keeps the content order: the quality table's rows run into the lines below the reads.
PLAIN = [
    "Hidrômetro Leitura anterior Data Leitura atual Data Consumo m³ Dias",
    "X99Z000111 5120 03-04-2031 5147 05-05-2031 27 32",
    "Emissão: 08-05-2031",
    "Próxima leitura: 04-06-2031",
    "Parâmetro Exigido Analisado Conforme",
    "Cloro residual 0,2 a 5,0 mg/L 48 49",
    "Turbidez até 5,0 uT 36 31",
    "Faixa de consumo m³ faturados Valor R$",
    "0 a 10 m³ 10 40,00",
    "11 a 20 m³ 10 60,00",
    "21 a 30 m³ 7 56,00",
    "Água R$ 156,00",
    "Companhia Exemplo de Saneamento S.A.",
    "Cliente MARIA EXEMPLO",
    "Inscrição 1234567-8",
    "Categoria Residencial Normal",
    "Débito anterior R$ 80,00",
    "Pagamento recebido R$ 80,00",
    "Total da conta do mês R$ 156,00",
    "Valor a pagar R$ 156,00",
    "Vencimento: 20-05-2031",
]


def _doc() -> Document:
    return Document(pages=[Page(number=1, text="\n".join(PLAIN), layout_text="\n".join(LAYOUT))], page_count=1)


def test_the_period_is_the_two_dates_of_the_reads_row() -> None:
    bill = extract_rules(_doc()).bill
    assert bill.billing_period_start == dt.date(2031, 4, 3)
    assert bill.billing_period_end == dt.date(2031, 5, 5)


def test_a_reads_row_with_one_date_or_none_gives_no_period() -> None:
    from minimeter.extract.candidates import Finder
    from minimeter.extract.dates import read_row_ranges

    for row in ("X99Z000111  5120  5147  27", "X99Z000111  5120  5147  05-05-2031  27",
                "X99Z000111  5120  03-04-2031  5147  03-04-2032  27"):  # (a year apart: no bill's period)
        lines = ["Hidrômetro  Leitura anterior  Leitura atual  Consumo m³", row]
        assert read_row_ranges(Finder(page_doc(lines), None)) == []


def test_the_usage_and_day_count_after_the_reads_are_no_second_pair_of_reads() -> None:
    from minimeter.extract.candidates import Finder
    from minimeter.extract.select import read_pairs

    lines = ["Hidrômetro  Leitura anterior  Leitura atual  Consumo m³  Dias", "X99Z000111  5120  5147  27  32"]
    pairs = {(p.prior, p.present) for p in read_pairs(Finder(page_doc(lines), None))}
    assert pairs == {(Decimal(5120), Decimal(5147))}


def test_figures_under_another_tables_headings_are_no_reads() -> None:
    """The quality table's "48  49" (a difference of 1, times the "10" of a band) is no meter's reads, in the
    layout text where its headings stand over it, nor in the plain text that runs it below the reads."""
    from minimeter.extract.candidates import Finder
    from minimeter.extract.select import read_pairs

    pairs = {(p.prior, p.present) for p in read_pairs(Finder(_doc(), None))}
    assert pairs == {(Decimal(5120), Decimal(5147))}
    bill = extract_rules(_doc()).bill
    assert bill.water_usage == Decimal(27)
    assert [(m.prior_read, m.present_read) for m in bill.meters] == [(Decimal(5120), Decimal(5147))]


def test_a_second_meters_row_keeps_the_headings_above_the_first() -> None:
    from minimeter.extract.candidates import Finder
    from minimeter.extract.select import read_pairs

    lines = [
        "Meter       Previous Read   Present Read   Usage",
        "A1             1200           1300          100",
        "B2             2200           2350          150",
    ]
    doc = Document(pages=[Page(number=1, text="\n".join(lines), layout_text="\n".join(lines))], page_count=1)
    pairs = {(p.prior, p.present) for p in read_pairs(Finder(doc, None)) if p.view.layout}
    assert {(Decimal(1200), Decimal(1300)), (Decimal(2200), Decimal(2350))} <= pairs


def test_brazilian_water_bill_phrasings() -> None:
    bill = extract_rules(_doc()).bill
    assert bill.account_number == "1234567-8"
    assert bill.meter_number == "X99Z000111"
    assert bill.rate_plan == "Residencial Normal"
    assert bill.previous_balance == Decimal("80.00")
    assert bill.current_charges == Decimal("156.00")
    assert bill.total_amount_due == Decimal("156.00")
    got = read(["RGI 7654321-0", "Código do imóvel: 1122334-5", "Emissão: 12-05-2031",
                "Débito anterior R$ 12,30", "Total dos serviços R$ 98,70", "Nº do hidrômetro: Y12345678"],
               "statement_date", "previous_balance", "current_charges", "meter_number")
    assert got == {"statement_date": dt.date(2031, 5, 12), "previous_balance": Decimal("12.30"),
                   "current_charges": Decimal("98.70"), "meter_number": "Y12345678"}
    assert read(["RGI  7654321-0"], "account_number") == {"account_number": "7654321-0"}
    assert read(["Código do imóvel: 1122334-5"], "account_number") == {"account_number": "1122334-5"}


def test_colombian_electricity_bill_phrasings() -> None:
    got = read(["NIC                      56406270",
                "Pago oportuno hasta: 25/05/2031",
                "Total factura del mes      $ 240.240"],
               "account_number", "due_date", "current_charges")
    assert got == {"account_number": "56406270", "due_date": dt.date(2031, 5, 25),
                   "current_charges": Decimal("240240")}
    assert read(["Valor facturado del periodo   $ 1.577.760"], "current_charges") == {
        "current_charges": Decimal("1577760")}
    assert read(["Total servicios del mes   $ 208.830"], "current_charges") == {"current_charges": Decimal("208830")}
    lines = ["Clase de servicio: Residencial Estrato 3", "Total a pagar $ 12.340"]
    assert extract_rules(page_doc(lines)).bill.rate_plan == "Residencial Estrato 3"


def test_a_total_label_after_the_earlier_balance_and_payment_is_the_current_charges() -> None:
    """"Valor da fatura" (a total's label) after the debt carried and the payment does not check them: it is
    this bill's own total, which the amount due, printed further left, adds to the debt."""
    from minimeter.extract import blocks
    from minimeter.extract.candidates import Candidate, Finder

    lines = [
        " Água                                                 R$ 300,00",
        " Esgoto (100% do valor da água)                       R$ 300,00",
        " Multa por atraso (2%) e juros de mora                 R$ 20,50",
        " Valor da fatura                                      R$ 620,50",
        "",
        "",
        "",
        "  Débito anterior                                     R$ 700,00",
        "  Pagamento recebido                                    R$ 0,00",
        "  Valor da fatura                                     R$ 620,50",
        "  VALOR TOTAL                                  R$ 1.320,50",
    ]
    finder = Finder(page_doc(lines), None)
    finder.fmt = "eu"
    found = blocks.find_blocks(finder)
    summary = next(b for b in found if b.role("previous") is not None)
    assert [r.role for r in summary.rows] == ["previous", "payments", "current"]
    cands: dict[str, list[Candidate]] = {}
    assert blocks.support(found, cands) is summary
    assert max(cands["total_amount_due"], key=lambda c: c.score).value == Decimal("1320.50")
    assert [c.value for c in cands["current_charges"]] == [Decimal("620.50")]
    bill = extract_rules(page_doc(lines)).bill
    assert (bill.total_amount_due, bill.current_charges) == (Decimal("1320.50"), Decimal("620.50"))
