"""The bill's currency and what confirms it: a sign several currencies print is a guess until the page
names a country or a utility, and validation holds a bill on a guess."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.currency import confirmation, read
from minimeter.extract.profiles import get
from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence
from minimeter.validate.currency import currency_confirmed


def test_a_bare_dollar_sign_is_read_as_usd_but_left_unconfirmed() -> None:
    r = read("Amount due $ 44.89\nCurrent charges $ 44.89", None)
    assert r.code == "USD" and r.basis is None


def test_a_state_and_zip_confirms_us_dollars() -> None:
    r = read("Service at 12 Elm St, Springfield, IL 62704-1234\nAmount due $ 44.89", None)
    assert r.code == "USD" and r.basis is not None and "country" in r.basis


def test_a_country_of_the_signs_family_with_more_cues_takes_the_sign() -> None:
    nz = "GST No 123-456-789\nICP 0001234567AB123\nAmount due $ 120.50"
    assert read(nz, None).code == "NZD" and read(nz, None).basis
    # one cue of each of two countries of the family confirms neither
    assert confirmation("GST 12.00 Dallas, TX 75201 Total $ 1.00", "USD", None) is None


def test_an_own_sign_or_code_confirms_what_the_shared_one_cannot() -> None:
    assert read("Amount due NZ$ 120.50", None).code == "NZD"
    assert confirmation("All amounts in USD. Total $ 12.00", "USD", None) is not None
    assert confirmation("Total 12,30 €", "EUR", None) is not None
    assert confirmation("Total 123,45 kr", "SEK", None) is None  # "kr": Swedish, Norwegian, Danish...


def test_a_profile_of_the_family_confirms_its_currency_and_a_wrong_one_is_not_confirmed() -> None:
    hq = get("hydro_quebec")
    assert hq is not None
    assert confirmation("Montant $ 120.00", hq.currency, hq) is not None
    assert confirmation("Montant $ 120.00", "USD", None) is None


def _bill(text: str, code: str, source: str = "rules") -> tuple[BillNormalized, ExtractionResult, Document]:
    bill = BillNormalized(total_amount_due=Decimal("44.89"), currency=code, statement_date=dt.date(2024, 3, 1))
    ev = {"currency": FieldEvidence(value=code, confidence=0.6, source=source)}
    result = ExtractionResult(bill=bill, evidence=ev, extractor="rules")
    return bill, result, Document(pages=[Page(number=1, text=text)])


def test_validation_holds_a_bill_on_an_unconfirmed_currency_and_passes_a_confirmed_one() -> None:
    bill, result, doc = _bill("Amount due $ 44.89", "USD")
    check = currency_confirmed(bill, result=result, doc=doc)
    assert check.passed is False and check.fields == ["currency"]
    bill, result, doc = _bill("Springfield, IL 62704\nAmount due $ 44.89", "USD")
    assert currency_confirmed(bill, result=result, doc=doc).passed is True
    bill, result, doc = _bill("Amount due $ 44.89", "NZD", source="human")
    assert currency_confirmed(bill, result=result, doc=doc).passed is True  # a reviewer settled it


def test_a_rival_of_the_family_printed_by_its_own_sign_blocks_a_cue_or_profile_confirmation() -> None:
    # One US state-and-ZIP line does not make dollars printed as "NZ$" American, whoever read them as USD.
    page = "Amount due NZ$ 120.50\nRemit to PO Box 9, Springfield, IL 62704"
    assert read(page, None).code == "NZD"
    assert confirmation(page, "USD", None) is None
    assert confirmation(page, "NZD", None) is not None
    assert confirmation("Remit to PO Box 9, Springfield, IL 62704\nAmount due $ 120.50", "USD", None)


def test_a_chilean_rut_as_printed_is_a_cue_of_chilean_pesos() -> None:
    # the word RUT alone is one cue; the number's own shape (points, a check digit after a dash) is another
    cl = "RUT 76.123.456-7  Giro: distribución\nTotal a pagar $ 41.230"
    assert read(cl, None).code == "CLP"
    # an Argentine CUIT is no RUT shape
    assert read("CUIT 30-12345678-9\nTotal a pagar $ 41.230", None).code != "CLP"


def test_the_taka_and_the_dirham_are_read_by_their_own_signs() -> None:
    # Bangladesh prints "Tk" / "Tk." / "BDT" before a lakh-grouped figure, Morocco "DH" / "DHS" after its figure
    assert read("Total Payable Tk 1,23,456.00\nCurrent Bill Tk. 540.00", None).code == "BDT"
    assert read("Net à payer 4 751,32 DH\nSous-total eau TTC 1 065,29 DHS", None).code == "MAD"
    # a token of letters stands alone: the "dh" of a word is no dirham
    assert read("Width 12.50 Bandwidth 40.00", None).code != "MAD"
