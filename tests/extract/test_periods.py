"""Billing periods read as ranges: stacked over two lines, weak labels, repeats and year-long windows."""

from __future__ import annotations

import datetime as dt

from minimeter.extract.rules import extract_rules
from minimeter.readers.base import Document, Page


def _doc(plain: list[str], layout: list[str] | None = None) -> Document:
    lt = "\n".join(layout if layout is not None else plain)
    return Document(pages=[Page(number=1, text="\n".join(plain), layout_text=lt)], page_count=1)


def test_a_period_stacked_over_two_lines_of_one_cell() -> None:
    # A summary box per service: "dal <start>" with "al <end>" right below it, the amount beside.
    layout = ["Esempio Energia                      Fattura del 02/05/2031",
              "   Gas                                       Energia Elettrica",
              "   dal 01/03/2031                            dal 01/03/2031",
              "   al 30/04/2031            48,10 €          al 30/04/2031            21,00 €",
              "                               Totale da pagare: 69,10 €"]
    plain = ["Esempio Energia", "Fattura del 02/05/2031", "Gas", "dal 01/03/2031", "al 30/04/2031 48,10 €",
             "Energia Elettrica", "dal 01/03/2031", "al 30/04/2031 21,00 €", "Totale da pagare: 69,10 €"]
    out = extract_rules(_doc(plain, layout))
    assert out.bill.billing_period_start == dt.date(2031, 3, 1)
    assert out.bill.billing_period_end == dt.date(2031, 4, 30)


def test_a_range_wrapped_after_its_connector_in_a_narrow_cell() -> None:
    # A two-column header whose value cell wrapped the period: the connector ends the first date's line, the
    # second date opens the same column on the next line; an unrelated date below it at another column is not.
    layout = ["Esempio Energia                    Data wystawienia    05.09.2031",
              "Anna Przykład                      Okres               01.07.2031 –",
              "ul. Przykładowa 1                  rozliczeniowy       31.08.2031",
              "                                   Termin płatności    19.09.2031",
              "Do zapłaty: 69,10 zł"]
    plain = ["Esempio Energia", "Data wystawienia 05.09.2031", "Anna Przykład", "ul. Przykładowa 1", "Okres",
             "rozliczeniowy", "01.07.2031 –", "31.08.2031", "Termin płatności 19.09.2031", "Do zapłaty: 69,10 zł"]
    out = extract_rules(_doc(plain, layout))
    assert (out.bill.billing_period_start, out.bill.billing_period_end) == (dt.date(2031, 7, 1),
                                                                            dt.date(2031, 8, 31))
    from minimeter.extract.candidates import Finder
    from minimeter.extract.dates import stacked_ranges

    shifted = ["Okres    01.07.2031 –", "Data       31.08.2031"]  # the date below stands in another column
    assert stacked_ranges(Finder(_doc(shifted), None)) == []


def test_a_range_already_billed_or_a_year_long_is_not_the_period() -> None:
    lines = ["Esempio Energia", "Fattura del 02/05/2031", "Periodo di fatturazione:", "dal 01/03/2031",
             "al 30/04/2031", "Di cui già fatturati in acconto 12 Smc dal 01/03/2031 al 31/03/2031 pari a 9,10 €.",
             "Consumo annuo dal 01/04/2030 al 31/03/2031 431 Smc", "Totale da pagare: 69,10 €"]
    out = extract_rules(_doc(lines))
    assert (out.bill.billing_period_start, out.bill.billing_period_end) == (dt.date(2031, 3, 1),
                                                                            dt.date(2031, 4, 30))


def test_a_weak_period_word_labels_only_the_date_right_after_it() -> None:
    # "from" in a sentence above labels nothing: two dates of a table row below it stay an unlabelled pair.
    from minimeter.extract.candidates import Finder

    def score(lines: list[str]) -> float:
        finder = Finder(_doc(lines), None)
        return max(a.score for a, _b in finder.ranges())

    decoy = score(["Credits moved from the old account are shown below", "10/01/2030 10/31/2030  3,000 kW"])
    labelled = score(["Usage from 10/01/2030 to 10/31/2030  3,000 kW"])
    assert decoy <= 0.6 < labelled


def test_a_range_whose_printed_day_count_agrees_is_a_period_whatever_its_length() -> None:
    # Two services, each with its reading period and its day count: the first is a 66-day estimated read,
    # the second a 36-day one. A printed count that agrees makes both periods; the first listed wins.
    lines = ["Example Metro Council", "Date 2030/11/09", "Electricity",
             "(Reading period = 2030/09/02 to 2030/11/07 = 66  days)", "Consumption: 50.500 kWh",
             "Water", "(Reading period = 2030/09/20 to 2030/10/26 = 36  days)", "Consumption: 312.000 KL",
             "Total Due   1,234.50"]
    out = extract_rules(_doc(lines))
    assert (out.bill.billing_period_start, out.bill.billing_period_end) == (dt.date(2030, 9, 2),
                                                                            dt.date(2030, 11, 7))


def test_range_openers_are_lexicon_data() -> None:
    from minimeter.extract import lexicon

    lex = lexicon.load()
    assert {"from", "dal", "du", "von"} <= set(lex.range_openers)
    assert not any(ch.isdigit() for w in lex.range_openers for ch in w)
