"""An unknown utility's name from what the bill prints about its issuer."""

from __future__ import annotations

from minimeter.extract.provider import provider_guess
from minimeter.readers.base import Document, Page


def _doc(*pages: str) -> Document:
    return Document(pages=[Page(number=i + 1, text=t) for i, t in enumerate(pages)], page_count=len(pages))


def test_legal_name_with_a_utility_word_beats_the_customers_company() -> None:
    doc = _doc("Titular: TALLERES OLMEDO SL\nComercializadora: Aguas y Luz del Norte, S.A.\n"
               "Aguas y Luz del Norte, S.A. - Registro Mercantil", "www.aguasyluz.es")
    assert provider_guess(doc) == "Aguas y Luz del Norte, S.A"


def test_a_legal_name_linked_by_a_plural_article() -> None:
    # "de los", "de las": Spanish names link their words with plural articles too.
    doc = _doc("Luz de los Valles Ejemplo S.A.\nRUC 20000000001 | Fonocliente 0800 00000\nCLIENTE DE PRUEBA")
    assert provider_guess(doc) == "Luz de los Valles Ejemplo S.A"


def test_public_body() -> None:
    assert provider_guess(_doc("VAT NO: CITY OF SPRINGFIELD: 4760117194\nP O BOX 5000")) == "City Of Springfield"


def test_domain_spelled_by_the_text() -> None:
    filler = "\n".join(f"Reading {i}: 12{i}45" for i in range(10))
    doc = _doc(f"Questions? 0800 123 456 or www.northwindpower.com\n{filler}\nPay Northwind Power by direct debit")
    assert provider_guess(doc) == "Northwind Power"


def test_headings_taglines_and_mail_hosts_are_not_issuers() -> None:
    doc = _doc("Your Energy Bill\nAn Exelon Company\nMITCHELL JOHNSON\nmitchell@gmail.com")
    assert provider_guess(doc) is None


def test_regulators_are_not_issuers() -> None:
    doc = _doc("Reclami: www.arera.it www.arera.it www.arera.it\nFORNITORE ENERGIA S.p.A.")
    assert provider_guess(doc) == "FORNITORE ENERGIA S.p.A"


def test_the_letterhead_is_the_pages_top_row_as_seen_not_the_content_order() -> None:
    items = "\n".join(f"Charge {i}  1{i}.00" for i in range(9))  # drawn first, printed lower on the page
    plain = f"Your charges\n{items}\nMade-up Sky Energy\nABN 11 222 333 444\nTax invoice"
    layout = "Made-up Sky Energy                              Tax invoice\nABN 11 222 333 444  |  Faults 13 00"
    doc = Document(pages=[Page(number=1, text=plain, layout_text=layout)], page_count=1)
    assert provider_guess(doc) == "Made-up Sky Energy"


def test_an_accented_utility_word_and_two_linking_words_in_a_legal_name() -> None:
    assert provider_guess(_doc("Énergie Rivière-Claire\nService à la clientèle")) == "Énergie Rivière-Claire"
    legal = _doc("Titular: Ana Ruiz\nCanal de Aguas de la Sierra, S.L.")
    assert provider_guess(legal) == "Canal de Aguas de la Sierra, S.L"


def test_a_malay_company_form_and_utility_words_name_the_issuer() -> None:
    doc = _doc("Ringkasan Bil / Bill Summary\nAmaun Perlu Dibayar  RM12.00\nTenaga Bukit Damai Berhad\n"
               "BIL ELEKTRIK")
    assert provider_guess(doc) == "Tenaga Bukit Damai Berhad"
    assert provider_guess(_doc("Kuasa Lembah Sdn. Bhd.\nNo. Akaun 123456")) == "Kuasa Lembah Sdn. Bhd"


def test_a_company_form_printed_before_the_name_and_indonesian_utility_words() -> None:
    # Indonesian forms come first ("PT ...", "CV ...") with the state-owned mark after; the customer's own
    # CV business is no utility and ranks below the letterhead's electricity company.
    doc = _doc("PT Listrik Lembah Hijau (Persero)\nREKENING LISTRIK\nNama  CV SINAR TERANG\nID Pelanggan 123")
    assert provider_guess(doc) == "PT Listrik Lembah Hijau (Persero)"
    assert provider_guess(_doc("Pelanggan: CV SINAR TERANG\nPerumda Air Minum Tirta Contoh")) == (
        "Perumda Air Minum Tirta Contoh")


def test_the_distributor_a_retail_bill_names_in_its_charges_is_not_the_issuer() -> None:
    # A retailer passes the wires company's charges through and names it more often than itself.
    doc = _doc("Sample Prairie Energy LP\nYour TDU: Made-up Wires Co.\n"
               "TDU DELIVERY CHARGES (Made-up Wires Co.)\nTDU Customer Charge $4.00\n"
               "Delivery charges are billed by Made-up Wires Co. to us at cost.")
    assert provider_guess(doc) == "Sample Prairie Energy LP"
    it = _doc("Distributore: RETI GAS ESEMPIO S.P.A.\nDistributore: RETI GAS ESEMPIO S.P.A.")
    assert provider_guess(it) is None


def test_a_label_or_a_sentence_in_the_letterhead_rows_is_not_a_name() -> None:
    assert provider_guess(_doc("Codice Autolettura Gas\n12345")) is None
    assert provider_guess(_doc("sul sito o attraverso l'app Esempio Gas\nwww.esempio.it")) != (
        "sul sito o attraverso l'app Esempio Gas")


def test_a_french_supplier_without_a_company_form_and_not_the_energy_ombudsman() -> None:
    # "Le médiateur national de l'énergie" prints its web address on every French bill: an ombudsman, not the
    # issuer; the letterhead names the supplier ("... Fourniture") with no company form.
    doc = _doc("Ruisseau Clair Fourniture\nService clients 01 23 45 67 89\nFacture\n"
               "Le médiateur national de l'énergie : www.energie-mediateur.fr")
    assert provider_guess(doc) == "Ruisseau Clair Fourniture"
    assert provider_guess(_doc("Facture\nLe médiateur national de l'énergie : www.energie-mediateur.fr")) is None


def test_a_utilitys_letterhead_taken_for_the_addressee_is_still_the_issuer() -> None:
    page = Page(number=1, text="Brookfield Energy Supply Ltd\nPO Box 1, Sometown\nMrs A Example\n",
                layout_text=" Brookfield Energy Supply Ltd                 Your energy bill\n PO Box 1, Sometown\n"
                            " Mrs A Example")
    doc = Document(pages=[page], page_count=1)
    assert provider_guess(doc, customer="Brookfield Energy Supply Ltd") == "Brookfield Energy Supply Ltd"


def test_a_sanitation_company_in_the_letterhead_is_a_utility() -> None:
    """A water and sewage company names itself by sanitation ("Companhia de Saneamento ...") rather than water."""
    doc = _doc("Companhia de Saneamento do Vale Exemplo - SANEX            CONTA DE ÁGUA E ESGOTO\n"
               "CNPJ 00.000.000/0001-00\nCliente MARIA EXEMPLO")
    assert provider_guess(doc) == "Companhia de Saneamento do Vale Exemplo"


def test_the_english_as_after_a_capitalised_phrase_is_no_norwegian_company_form() -> None:
    """"AS" closes a Norwegian company's name; followed by a word it is the English "as"."""
    from minimeter.extract.provider import candidates

    as_word = candidates(_doc("ACME CITY UTILITIES\nELECTRIC SERVICE AS BILLED\nTotal 12.00"))
    assert "ELECTRIC SERVICE AS" not in as_word
    assert "Eksempel Kraft AS" in candidates(_doc("Eksempel Kraft AS\nPostboks 1, 0101 Oslo"))


def test_a_company_form_glued_to_a_code_is_a_rate_name_not_a_company() -> None:
    # "LP-2" is a rate schedule ("Large Power Service LP-2"), not a limited partnership
    doc = _doc("Cottonwood Valley Public Power District\nOffice 555-123-4567\n"
               "Rate Large Power Service LP-2\nRate Large Power Service LP-2")
    assert provider_guess(doc) == "Cottonwood Valley Public Power District"


def test_a_public_utility_board_heads_the_letterhead_and_a_tariff_row_does_not() -> None:
    # a French "Régie" and a US "Board of Public Works" name their issuer without a company form; a tariff row
    # ("Tarif électricité  BT Domestique") is a label with a commodity word, not a name
    regie = _doc("Tarif électricité  BT Domestique\nRégie de Distribution du Tensift\nRéférence client 11250670")
    assert provider_guess(regie) == "Régie de Distribution du Tensift"
    board = _doc("Elk Creek Board of Public Works - Electric\nAccount Number 123456-001")
    assert provider_guess(board) == "Elk Creek Board of Public Works"


def test_a_utility_letterhead_printed_again_on_the_stub_beats_a_customers_company_printed_as_often() -> None:
    # the customer's "... Cooperative" is on the address block and the stub; so is the district's name
    doc = _doc("Prairie Bend Public Power District\nOffice 555-123-4567\nHeartland Grain Cooperative\n"
               "PO Box 604\nMarshall, MN 56258\nTotal Amount Due $1,234.00\n"
               "Prairie Bend Public Power District   Account Number 137844-012\nHeartland Grain Cooperative")
    assert provider_guess(doc) == "Prairie Bend Public Power District"
