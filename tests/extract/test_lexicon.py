from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from minimeter.extract import lexicon, vocab
from minimeter.extract.candidates import Finder
from minimeter.extract.lexicon import LexiconError, load, load_files
from minimeter.extract.profiles import _parse
from minimeter.readers.base import Document, Page

LANGUAGES = ("en", "es", "ca", "pt", "fr", "it", "de", "nl", "ms", "id", "pl", "tr", "sv", "nb", "da", "cs", "sk")


def write(tmp_path: Path, name: str, body: str) -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_every_language_loads_once_and_keeps_the_vocab_interface() -> None:
    lex = load()
    assert load() is lex  # cached: read once per process
    files = {p.stem for p in lexicon.LEXICON_DIR.glob("*.toml")}
    assert set(LANGUAGES) <= files
    assert sum(len(v) for v in lex.labels.values()) >= 412  # today's vocabulary moved here, and more
    # The functions and tables the finder imports still work with the same signatures.
    assert ("total amount due", 1.0) in vocab.LABELS["total_amount_due"]
    assert vocab.LABELS["gas_therms"] == vocab.LABELS["gas_usage"]
    assert vocab.anchored("date") and not vocab.anchored("due date")
    assert vocab.label_rx("fällig am").search("Fallig am 12.03.2024")  # accents lost in the text
    assert vocab.any_label_rx().match("Net Payable:")
    assert ("net payable", 1.0) in vocab.labels_for("total_amount_due", None)
    assert vocab.distractor_hits("Last year 120 kWh", "usage") == ["last year"]
    assert lex.months["desembre"] == 12 and lex.months["ogos"] == 8 and lex.months["mrt"] == 3
    assert lex.units["k W h"] == "kWh"


def test_unknown_field_is_an_error_naming_the_file_and_entry(tmp_path: Path) -> None:
    p = write(tmp_path, "xx.toml", '[labels]\ntotal_amount_dew = ["amount due"]\n')
    with pytest.raises(LexiconError, match=r"xx\.toml: labels\.total_amount_dew: unknown field"):
        load_files([p])


def test_duplicate_label_is_an_error(tmp_path: Path) -> None:
    p = write(tmp_path, "xx.toml", '[labels]\ndue_date = ["due date", ["Due  Date", 0.9]]\n')
    with pytest.raises(LexiconError, match=r"xx\.toml: labels\.due_date: duplicate label 'Due  Date'"):
        load_files([p])


def test_conflicting_weights_across_files_are_an_error(tmp_path: Path) -> None:
    a = write(tmp_path, "aa.toml", '[labels]\ntotal_amount_due = [["total a pagar", 1.0]]\n')
    b = write(tmp_path, "bb.toml", '[labels]\ntotal_amount_due = [["total a pagar", 0.8]]\n')
    with pytest.raises(LexiconError, match=r"bb\.toml: labels\.total_amount_due: 'total a pagar' has weight 0\.8, "
                                           r"but aa\.toml gives it 1\.0"):
        load_files([a, b])
    # The same label with the same weight in two languages is one entry, not an error.
    c = write(tmp_path, "cc.toml", '[labels]\ntotal_amount_due = ["total a pagar"]\n')
    assert load_files([a, c]).labels["total_amount_due"] == (("total a pagar", 1.0),)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[distractors]\nusag = ["average"]\n', r"distractors\.usag: unknown kind"),
        ('[distractors]\nusage = ["average", "Average"]\n', r"distractors\.usage: duplicate word 'Average'"),
        ('[labels]\ndue_date = [["due date", 2.5]]\n', r"labels\.due_date: 'due date': weight 2\.5 is outside"),
        ('[labels]\ndue_date = [["due date"]]\n', r"labels\.due_date: \['due date'\]: expected"),
        ('months = [["jan"]]\n', r"months: expected 12 lists"),
        ("rate_shapes = ['Rate (']\n", r"rate_shapes: 'Rate \(' is not a valid pattern"),
        ('colour = "blue"\n', r"colour: unknown section"),
        ('range_connectors = ["to", "2"]\n', r"range_connectors: '2' holds a digit"),
        ('[roles]\nadjustmen = ["interest"]\n', r"roles\.adjustmen: unknown role"),
        ('[roles]\nadjustments = ["interest", "Interest"]\n', r"roles\.adjustments: duplicate label 'Interest'"),
        ('[roles]\nadjustments = [["interest", 0]]\n', r"roles\.adjustments: 'interest': weight 0\.0 is outside"),
        ('[spans]\n1 = ["monthly"]\n', r"spans\.1: expected a number of months from 2 to 24"),
        ('[abbreviations]\namount = ["mt"]\n', r"abbreviations\.amount: 'mt' must be a shorter word starting with 'a'"),
        ('[abbreviations]\nbal = ["balance"]\n', r"abbreviations\.bal: 'balance' must be a shorter word"),
        ('[abbreviations]\nnumber = ["no"]\nnote = ["no"]\n', r"abbreviations\.note: 'no' already abbreviates"),
        ('[abbreviations]\n"due date" = ["dd"]\n', r"abbreviations\.due date: expected one word of letters"),
        ('[spans]\nyear = ["annual"]\n', r"spans\.year: expected a number of months"),
        ('[spans]\n2 = ["bimestral"]\n3 = ["Bimestral"]\n', r"spans\.3: 'Bimestral' already names a span of 2"),
        ('[currencies.XPH]\nbefore = ["₱"]\nmisread = ["Pp"]\n', r"currencies\.XPH\.misread: each entry is one"),
        ('[currencies.XPH]\nbefore = ["PHP"]\nmisread = ["P"]\n', r"currencies\.XPH\.misread: needs a one-character"),
        ('[currencies.XDL]\nbefore = ["X$"]\nshared = ["XDM"]\nambiguous = ["$"]\n',
         r"currencies\.XDL\.ambiguous: '\$' is not one of its"),
        ('[currencies.XDL]\nbefore = ["X$"]\nambiguous = ["X$"]\n',
         r"currencies\.XDL\.ambiguous: no `shared` currency"),
    ],
)
def test_other_invalid_entries_name_file_and_entry(tmp_path: Path, body: str, message: str) -> None:
    p = write(tmp_path, "xx.toml", body)
    with pytest.raises(LexiconError, match=rf"xx\.toml: {message}"):
        load_files([p])


def test_a_profile_extends_the_lexicon_and_is_validated_the_same_way(tmp_path: Path) -> None:
    ext = load().extend({"total_amount_due": ["Montant net à régler", ["Reste dû", 0.8]]},
                        {"usage": ["cumul annuel"]}, source="acme.toml")
    assert ("montant net à régler", lexicon.PROFILE_WEIGHT) in ext.labels["total_amount_due"]
    assert ("reste dû", 0.8) in ext.labels["total_amount_due"]
    assert "cumul annuel" in ext.distractors["usage"]
    assert "cumul annuel" not in load().distractors["usage"]  # the shared lexicon is untouched

    base = 'id = "acme"\nname = "Acme Power"\n'
    good = write(tmp_path, "acme.toml", base + '[labels]\ntotal_amount_due = ["Reste dû", ["Solde", 0.7]]\n'
                                               '[distractors]\nusage = ["cumul annuel"]\n')
    prof = _parse(good)
    assert prof.weighted_labels("total_amount_due") == (("Reste dû", 1.1), ("Solde", 0.7))
    assert ("Solde", 0.7) in vocab.labels_for("total_amount_due", prof)
    assert vocab.distractor_hits("Cumul annuel 4 200 kWh", "usage", profile=prof) == ["cumul annuel"]
    bad = write(tmp_path, "bad.toml", base + '[labels]\ntotal_amount = ["Reste dû"]\n')
    with pytest.raises(LexiconError, match=r"bad\.toml: labels\.total_amount: unknown field"):
        _parse(bad)
    dup = write(tmp_path, "dup.toml", base + '[labels]\ndue_date = ["Échéance", "échéance"]\n')
    with pytest.raises(LexiconError, match=r"dup\.toml: labels\.due_date: duplicate label"):
        _parse(dup)


def test_every_shipped_profile_validates() -> None:
    from minimeter.extract.profiles import PROFILE_DIR

    for p in sorted(PROFILE_DIR.glob("[!_]*.toml")):
        _parse(p)  # raises LexiconError naming the file on an invalid entry


def test_a_fields_own_distractor_word_does_not_count_against_it() -> None:
    # "meter" speaks against an account number, not against the meter number its own label names.
    assert vocab.distractor_hits("Meter Number: ", "identifier") == []
    assert vocab.distractor_hits("Meter Number: ", "identifier", "meter_number") == []
    assert vocab.distractor_hits("Meter Number: ", "identifier", "account_number") == ["meter"]
    # Two fields named on the line: the second number after "Meter No" is no account number.
    assert "meter" in vocab.distractor_hits("Account No 1234  Meter No ", "identifier")
    assert vocab.distractor_hits("Meter 4567", "identifier") == []  # "meter" is itself a meter label
    assert vocab.distractor_hits("Référence client ", "identifier") == []


# One small bill per language: the total, the due date, the period and the usage, each by its label.
BILLS = {
    "en": ("Net Payable  1,234.50\nDue Date  15/05/2024\nBilling Period  01/04/2024 to 30/04/2024\n"
           "Units Consumed  345 kWh\n", "in", "DMY"),
    "es": ("Total a pagar: 1.234,50 €\nFecha de vencimiento: 15/05/2024\n"
           "Periodo de facturación: 01/04/2024 - 30/04/2024\nConsumo total: 345 kWh\n", "eu", "DMY"),
    "ca": ("Import a pagar: 1.234,50 €\nData de venciment: 15/05/2024\n"
           "Període de facturació: 01/04/2024 - 30/04/2024\nConsum total: 345 kWh\n", "eu", "DMY"),
    "pt": ("Valor a pagar: R$ 1.234,50\nData de vencimento: 15/05/2024\n"
           "Período de faturamento: 01/04/2024 - 30/04/2024\nConsumo faturado: 345 kWh\n", "eu", "DMY"),
    "fr": ("Montant à régler : 1 234,50 €\nDate limite de paiement : 15/05/2024\n"
           "Période de facturation : 01/04/2024 - 30/04/2024\nConsommation facturée : 345 kWh\n", "eu", "DMY"),
    "it": ("Totale da pagare: 1.234,50 €\nData di scadenza: 15/05/2024\n"
           "Periodo di fatturazione: 01/04/2024 - 30/04/2024\nEnergia consumata: 345 kWh\n", "eu", "DMY"),
    "de": ("Zahlbetrag: 1.234,50 €\nFällig am: 15.05.2024\nAbrechnungszeitraum: 01.04.2024 - 30.04.2024\n"
           "Stromverbrauch: 345 kWh\n", "eu", "DMY"),
    "nl": ("Totaal te betalen: € 1.234,50\nVervaldatum: 15-05-2024\nFactuurperiode: 01-04-2024 - 30-04-2024\n"
           "Elektriciteitsverbruik: 345 kWh\n", "eu", "DMY"),
    "ms": ("Jumlah perlu dibayar: RM 1,234.50\nTarikh akhir bayaran: 15/05/2024\n"
           "Tempoh bil: 01/04/2024 - 30/04/2024\nPenggunaan kWh: 345 kWh\n", "us", "DMY"),
    "id": ("Total Tagihan: Rp 1.234,50\nJatuh Tempo: 15 Mei 2024\n"
           "Periode Pemakaian: 1 April 2024 s/d 30 April 2024\nPemakaian kWh: 345 kWh\n", "eu", "DMY"),
    "pl": ("Kwota do zapłaty: 1 234,50 zł\nTermin płatności: 15 maja 2024\n"
           "Okres rozliczeniowy: od 01.04.2024 do 30.04.2024\nZużycie energii: 345 kWh\n", "eu", "DMY"),
    "tr": ("ÖDENECEK TUTAR: 1.234,50 TL\nSON ÖDEME TARİHİ: 15 Mayıs 2024\n"
           "Tüketim Dönemi: 01.04.2024 - 30.04.2024\nToplam Tüketim: 345 kWh\n", "eu", "DMY"),
    "sv": ("Att betala: 1 234,50 kr\nFörfallodag: 2024-05-15\nPeriod: 2024-04-01 - 2024-04-30\n"
           "Förbrukning: 345 kWh\n", "eu", "YMD"),
    "nb": ("Å betale: kr 1 234,50\nForfallsdato: 15.05.2024\nPeriode: 01.04.2024 - 30.04.2024\n"
           "Forbruk: 345 kWh\n", "eu", "DMY"),
    "da": ("Beløb at betale: 1.234,50 kr.\nBetalingsfrist: 15.05.2024\nAfregningsperiode: 01.04.2024 - 30.04.2024\n"
           "Forbrug: 345 kWh\n", "eu", "DMY"),
    "cs": ("Částka k úhradě: 1 234,50 Kč\nDatum splatnosti: 15.05.2024\nZúčtovací období: 01.04.2024 - 30.04.2024\n"
           "Spotřeba: 345 kWh\n", "eu", "DMY"),
    "sk": ("Suma na úhradu: 1 234,50 €\nDátum splatnosti: 15.05.2024\nZúčtovacie obdobie: 01.04.2024 - 30.04.2024\n"
           "Spotreba: 345 kWh\n", "eu", "DMY"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_finds_total_due_period_and_usage(lang: str) -> None:
    text, _fmt, _order = BILLS[lang]
    finder = Finder(Document(pages=[Page(number=1, text=text)]), None)
    finder.order = "DMY"

    def best(fname: str, kind: str, dkind: str) -> object:
        cands = finder.labelled(fname, kind, dkind)
        assert cands, f"{lang}: no {fname} label found"
        return max(cands, key=lambda c: c.score).value

    assert best("total_amount_due", "money", "money") == Decimal("1234.50")
    assert best("due_date", "date", "date") == dt.date(2024, 5, 15)
    assert best("billing_period_start", "date", "date") == dt.date(2024, 4, 1)
    assert best("electricity_kwh", "qty", "usage") == Decimal(345)


def test_rate_names_are_recognised_by_shape() -> None:
    text = ("Schedule GS-3 Secondary\nRate R-1  Residential\nPeaje de acceso: Tarifa 2.0TD\n"
            "Convencional B1 Residencial - Bifásico\nRate 12.50 per kWh\n")
    found = [t for _s, _e, t in lexicon.rate_plan_shapes(text)]
    assert "Schedule GS-3 Secondary" in found
    assert "Rate R-1" in found
    assert "Tarifa 2.0TD" in found
    assert "Convencional B1 Residencial" in found
    assert not any("12" in t for t in found)  # a price, not a rate name
    for s, e, t in lexicon.rate_plan_shapes(text):
        assert text[s:e].strip() == t


def test_a_physical_address_and_an_instrument_serial_are_labels() -> None:
    # A municipal account prints the premises as "Physical Address" beside a postal address; Italian gas and
    # power bills print the meter as "Matricola Strumento".
    layout = ["P O BOX 1234                 Physical Address        17 EXAMPLE LANE",
              "SAMPLETOWN                   Township                RIVERSIDE",
              "Matricola Strumento:         ABCD00123456"]
    finder = Finder(Document(pages=[Page(number=1, text="\n".join(layout), layout_text="\n".join(layout))]), None)
    address = max(finder.labelled("service_address", "text", None), key=lambda c: c.score)
    assert address.value == "17 EXAMPLE LANE" and address.score >= 0.8
    meter = max(finder.labelled("meter_number", "id", "identifier"), key=lambda c: c.score)
    assert meter.value == "ABCD00123456" and meter.score >= 0.9


def test_an_already_billed_period_is_a_date_distractor() -> None:
    from minimeter.extract.vocab import distractor_hits

    assert distractor_hits("Di cui già fatturati in acconto 12 Smc dal", "date")
    assert distractor_hits("Usage already billed from", "date")
    assert not distractor_hits("Periodo di fatturazione: dal", "date")
def test_countries_merge_across_files_and_are_validated(tmp_path: Path) -> None:
    a = write(tmp_path, "aa.toml", '[countries.CA]\ncurrency = "CAD"\nwords = ["GST"]\n')
    b = write(tmp_path, "bb.toml", '[countries.CA]\ncurrency = "CAD"\nwords = ["TVQ", "GST"]\n')
    assert load_files([a, b]).countries["CA"].words == ("GST", "TVQ")
    c = write(tmp_path, "cc.toml", '[countries.CA]\ncurrency = "USD"\n')
    with pytest.raises(LexiconError, match=r"cc\.toml: countries\.CA: currency USD, but aa\.toml gives CAD"):
        load_files([a, c])
    for body, msg in (('[countries.CA]\ncurrency = "dollar"\n', "ISO 4217"),
                      ('[countries.Canada]\ncurrency = "CAD"\n', "ISO 3166"),
                      ('[countries.CA]\ncurrency = "CAD"\ncue = ["GST"]\n', "cue: unknown key"),
                      ('[countries.CA]\ncurrency = "CAD"\nshapes = ["(unclosed"]\n', "not a valid pattern")):
        with pytest.raises(LexiconError, match=msg):
            load_files([write(tmp_path, "dd.toml", body)])


def test_country_cues_count_distinct_whole_words_and_shapes() -> None:
    cues = lexicon.country_cues("ABN 11 222 333 444   GST included   GST 10%   Unit 4/12 Made Up St, Sometown VIC 3999")
    assert cues["AU"] == 3 and cues["CA"] == 1  # GST twice is one cue; "VIC 3999" is a state and postcode
    assert "AU" not in lexicon.country_cues("THE NMIX PLAN")  # whole words only


def test_a_label_wrapped_over_two_lines_of_its_column_is_one_label() -> None:
    # "Dirección de / Suministro:" in a narrow label column; the value beside the first line (layout text) or
    # below the second (a plain text layer in content order).
    layout = [" Titular:          Ejemplo Comercial SL", " Dirección  de     CL EJEMPLO 12 BJ",
              " Suministro:       28001 MADRID (MADRID)", " Tipo:             Mercado libre"]
    plain = ["Titular: Ejemplo Comercial SL", "Dirección de ", "Suministro:", "CL EJEMPLO 12 BJ",
             "28001 MADRID (MADRID)", "Tipo: Mercado libre"]
    for view in (layout, plain):
        text = "\n".join(view)
        finder = Finder(Document(pages=[Page(number=1, text=text, layout_text=text)]), None)
        found = finder.labelled("service_address", "text", None)
        assert found and max(found, key=lambda c: c.score).value == "CL EJEMPLO 12 BJ", view
    # A label complete on its first line is not joined with the line below.
    text = "Due date:\nPlease pay by: 05/06/2031"
    finder = Finder(Document(pages=[Page(number=1, text=text, layout_text=text)]), None)
    assert not finder._wrapped(0)


def test_a_one_word_label_is_not_the_first_part_of_a_wrapped_one() -> None:
    # "Date" is a label on its own: "Date" over "Due:" is a date label and a due-date label, not "date due".
    text = "Date          05/06/2031\nDue:          05/27/2031"
    finder = Finder(Document(pages=[Page(number=1, text=text, layout_text=text)]), None)
    assert not finder._wrapped(0)


def test_a_weak_one_word_label_over_the_rest_of_a_stronger_one_is_wrapped() -> None:
    # "Tanggal" (some date) over a line holding only "Cetak": the column wraps "Tanggal Cetak", the print date.
    text = " Tanggal       4 Agustus 2031          Periode   25 Juni 2031 s/d 24 Juli 2031\n Cetak\n"
    finder = Finder(Document(pages=[Page(number=1, text=text, layout_text=text)]), None)
    assert [(w.field, w.phrase) for w in finder._wrapped(0)] == [("statement_date", "tanggal cetak")]
    best = max(finder.labelled("statement_date", "date", "date"), key=lambda c: c.score)
    assert best.value == dt.date(2031, 8, 4) and best.score >= 0.8


def test_summary_roles_load_and_conflicting_weights_are_an_error(tmp_path: Path) -> None:
    assert ("interest on arrears", 1.0) in load().roles["adjustments"]
    a = write(tmp_path, "aa.toml", '[roles]\nadjustments = [["late charge", 0.8]]\n')
    b = write(tmp_path, "bb.toml", '[roles]\nadjustments = [["late charge", 0.9]]\n')
    with pytest.raises(LexiconError, match=r"bb\.toml: roles\.adjustments: 'late charge' has weight 0\.9, but "
                                           r"aa\.toml gives it 0\.8"):
        load_files([a, b])
    # A role label is no field label: the finder never looks for it.
    assert "adjustments" not in load().labels


def test_the_span_a_bill_names_comes_from_the_lexicon(tmp_path: Path) -> None:
    from minimeter.validate.corroborate import stated_months

    spans = load().spans
    assert "quarterly" in spans[3] and "jahresabrechnung" in spans[12] and "bimestral" in spans[2]
    assert stated_months("Facture  TRIMESTRIELLE du 1er trimestre") == {3}
    assert stated_months("Periode: 12 mois. Consumo de 2 meses") == {12, 2}
    # Whole words only: a word that merely contains one ("bimestralidade"), or a count of days, names no span.
    assert stated_months("bimestralidade; 30 dias; 7 months ago") == set()
    # Two files add to one span; the count word is shared.
    a = write(tmp_path, "aa.toml", '[spans]\n3 = ["quarterly"]\nmonths = ["months"]\n')
    b = write(tmp_path, "bb.toml", '[spans]\n3 = ["kwartaal"]\nmonths = ["maanden", "months"]\n')
    lex = load_files([a, b])
    assert lex.spans[3] == ("quarterly", "kwartaal") and lex.month_words == ("months", "maanden")


def test_currencies_are_validated_and_a_token_names_one_currency(tmp_path: Path) -> None:
    a = write(tmp_path, "aa.toml", '[currencies.PLN]\nafter = ["zł"]\n')
    b = write(tmp_path, "bb.toml", '[currencies.PLN]\nafter = ["PLN", "zł"]\n[currencies.USD]\nbefore = ["$"]\n'
                                   'shared = ["CAD"]\n')
    lex = load_files([a, b])
    assert lex.currencies["PLN"].after == ("zł", "PLN") and lex.currencies["USD"].shared == ("CAD",)
    for body, msg in (('[currencies.PLN]\nafter = ["$"]\n[currencies.USD]\nbefore = ["$"]\n', "already names PLN"),
                      ('[currencies.zloty]\nafter = ["zł"]\n', "ISO 4217"),
                      ('[currencies.PLN]\nsign = ["zł"]\n', "sign: unknown key"),
                      ('[currencies.PLN]\nafter = ["zł 1"]\n', "without digits"),
                      ('[currencies.USD]\nbefore = ["$"]\nshared = ["dollar"]\n', "not an ISO 4217 code")):
        with pytest.raises(LexiconError, match=msg):
            load_files([write(tmp_path, "dd.toml", body)])
    # The shipped table: every sign the money pattern reads maps to one code.
    assert load().currencies["EUR"].after[0] == "€"


def test_a_month_abbreviation_two_languages_share_stays_a_date_without_a_year() -> None:
    # "Mar" is March in English and Indonesian alike, no common word: "Billing Period: Feb 27 - Mar 28" is a period.
    assert "mar" not in load().ambiguous_months
    assert "des" in load().ambiguous_months  # (a French and Spanish word: a month only with its year)


def test_a_label_is_looked_for_only_on_a_page_that_holds_its_first_word() -> None:
    # The prefilter is safe: it only skips a label whose regex could not match.
    forms = vocab.first_word_forms("previous balance") or ()
    assert "previous" in forms and all(f in "previous" for f in forms)  # its short forms ("prev") too
    assert vocab.first_word_forms("Straße") is None  # "ß" is also matched as "ss" or "B"
    for phrase, text in (("fällig am", "Fallig am 12.03.2024"), ("previous balance", "Prev. Bal.  $12.00"),
                         ("échéance", "ECHEANCE 12/03")):
        forms = vocab.first_word_forms(phrase) or ()
        assert vocab.label_rx(phrase).search(text) and any(f in vocab.strip_accents(text) for f in forms), phrase


def test_a_count_of_months_that_looks_back_names_no_span() -> None:
    """A usage history's heading counts months too ("ultimi 12 mesi"); it must not let a year-long period
    pass as the span the bill names."""
    from minimeter.validate.corroborate import stated_months

    assert stated_months("Consumi degli ultimi 12 mesi") == set()
    assert stated_months("Your usage over the last 12 months") == set()
    assert stated_months("Konsumsi 12 bulan terakhir") == set()
    assert stated_months("12 months history\nBilling period: 2 months") == {2}
    assert stated_months("Periode: 12 mois") == {12}
    assert load().past_words and "ultimi" in load().past_words
