"""The addressee block in the orders most of Europe and Latin America print it: the house number after the
street, places parted by a spaced dash, no postcode; and a customer that is a company by its legal form."""

from __future__ import annotations

from minimeter.extract.addressee import looks_like_name, mailing_block
from minimeter.extract.candidates import Finder
from minimeter.readers.base import Document, Page


def _block(lines: list[str]) -> tuple[str | None, str | None]:
    text = "\n".join(lines)
    finder = Finder(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1), None)
    block = mailing_block(finder, None)
    if block is None:
        return None, None
    return block.name.value, block.address.value if block.address else None


def test_a_street_then_its_number_then_places_parted_by_dashes_is_one_address() -> None:
    name, address = _block(["Distribuidora del Sur S.A.", "CUIT 30-11111111-1", "",
                            "                                    PEREZ JUAN CARLOS",
                            "                                    CALLE MITRE 1234 - SAN MARTIN - MENDOZA",
                            "                                    Categoría: R1  |  N° de cliente 11-222"])
    assert name == "PEREZ JUAN CARLOS"
    assert address == "CALLE MITRE 1234 - SAN MARTIN - MENDOZA"


def test_the_same_order_with_commas() -> None:
    _name, address = _block(["Empresa Eléctrica del Valle", "", "GOMEZ ROSA", "Av. Bolívar 85, Cuenca, Azuay", ""])
    assert address == "Av. Bolívar 85, Cuenca, Azuay"


def test_a_company_by_its_legal_form_is_a_customer_but_a_utility_with_one_is_not() -> None:
    assert looks_like_name("TALLER EL MOTOR SA", None)
    assert looks_like_name("BODEGA SANTA ROSA E.I.R.L.", None)
    assert looks_like_name("Müller Metallbau GmbH", None)
    assert not looks_like_name("Gas del Litoral S.A.", None)
    assert not looks_like_name("Compañía de Electricidad SAC", None)


def test_a_street_and_number_alone_is_not_a_whole_address() -> None:
    # no postcode and only one place after it: not enough to be sure it is an address on its own
    _name, address = _block(["Acme", "", "GOMEZ ROSA", "Av. Bolívar 85", "Ruta 12 | Sector 3"])
    assert address is None


def test_a_street_pattern_stays_linear_on_a_long_line_of_numbered_words() -> None:
    # Words that read as both a street's and a door's ("no1") used to be split every way before failing: a
    # cubic search on one long line. The street printed with its "No:" and door still reads.
    import time

    from minimeter.extract.addressee import STREET

    start = time.perf_counter()
    assert not STREET.match("Abc " + "no1 " * 3000)
    assert time.perf_counter() - start < 0.5
    assert STREET.match("Cumhuriyet Cad. No:45 D:3, 35220 Konak/Izmir")
