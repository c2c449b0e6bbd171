from __future__ import annotations

from pathlib import Path

import pytest

from minimeter.extract.profiles import GENERIC_CONTEXT, detect, get, load_profiles

REALBILLS = Path(__file__).resolve().parents[2] / ".." / "shared" / "realbills"


def test_at_least_thirty_profiles_load_with_valid_fields() -> None:
    profiles = load_profiles()
    assert len(profiles) >= 30
    ids = [p.id for p in profiles]
    assert len(ids) == len(set(ids))
    for p in profiles:
        assert len(p.currency) == 3 and p.currency.isupper()
        assert p.date_order in {"MDY", "DMY", "YMD"}
        assert p.number_format in {"us", "eu", "ch", "in"}
    assert {p.country for p in profiles} >= {"US", "CH", "BR", "IN", "FR", "DE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Questions? visit coned.com or call Con Edison", "coned"),
        ("PG&E Energy Statement  www.pge.com/MyEnergy", "pge"),
        ("Services Industriels de Genève - www.sig-ge.ch", "sig"),
        ("Conta de Energia Elétrica  www.cpfl.com.br", "cpfl"),
        ("Pacific Power  pacificpower.net", "pacific_power"),
    ],
)
def test_detect_by_names_and_keywords(text: str, expected: str) -> None:
    p = detect(text)
    assert p is not None and p.id == expected


def test_unknown_utility_and_short_alias_inside_words() -> None:
    assert detect("Example Power & Light\nTotal Amount Due: $12.00") is None
    # "sig" inside "design"/"signature" must not name SIG; "aps" inside "perhaps" must not name APS.
    assert detect("design signature perhaps maps") is None


def test_context_names_the_utility_and_its_conventions() -> None:
    p = get("coned")
    assert p is not None
    ctx = p.context()
    assert "Con Edison" in ctx and "USD" in ctx and "MM/DD/YYYY" in ctx and "Total amount due" in ctx
    sig = get("sig")
    assert sig is not None and "CHF" in sig.context() and "1'234.50" in sig.context()
    assert "unknown" in GENERIC_CONTEXT


@pytest.mark.skipif(not REALBILLS.is_dir(), reason="../shared/realbills not present")
def test_detects_the_real_bills_utilities() -> None:
    from pypdf import PdfReader

    expected = {"gn_atmos_gas.pdf": "atmos", "landingai_electric3.pdf": "coned", "saas_fatura_cpfl.pdf": "cpfl",
                "sig_facture_2025-02.pdf": "sig", "gn_pacific_power.pdf": "pacific_power"}
    for name, pid in expected.items():
        text = "\n".join(pg.extract_text() or "" for pg in PdfReader(str(REALBILLS / name)).pages)
        p = detect(text)
        assert p is not None and p.id == pid, name


def test_detection_survives_lost_accents() -> None:
    from minimeter.extract.profiles import detect

    p = detect("Stadtwerke Munchen GmbH - 80287 Munchen\nRechnungsbetrag 481,58 EUR")
    assert p is not None and p.id == "swm"


def test_a_passing_mention_does_not_claim_the_bill() -> None:
    # The identity area (letterhead, stub, legal footer) names a listed utility with no profile; a
    # distributor named in a notice further down must not set the profile (and its currency).
    body = "\n".join(f"line {i} of the bill body" for i in range(40))
    text = ("Repsol\nLa teva factura de la llum\nTOTAL FACTURA 517,03 €\n" + body
            + "\nAvís: en cas d'avaria truqui a Iberdrola Distribución\n" + body
            + "\nRepsol Comercializadora de Electricidad y Gas, S.L.U. NIF B39540760")
    assert detect(text) is None
    from minimeter.extract.profiles import identify

    u = identify(text)
    assert u is not None and u.profile is None and u.currency == "EUR"
    # The same mention on a bill whose letterhead names the profiled utility still finds it.
    assert detect("Iberdrola Clientes\nwww.iberdrola.es\n" + body) is not None


def test_identity_zones_weigh_where_a_name_is_printed() -> None:
    from minimeter.extract.profiles import identity_zones

    text = "ACME Power\nStatement\n" + "\n".join(f"row {i}" for i in range(30)) + "\nPlease return this portion" \
           "\nACME Power PO Box 1\n\fpage two\nACME Power Inc., registered office: 1 Main St"
    z = identity_zones(text)
    assert z["letterhead"].startswith("ACME Power")
    assert "PO Box 1" in z["stub"]
    assert "registered office" in z["legal"]


def test_the_printed_currency_wins_over_the_profile_default() -> None:
    from minimeter.extract.currency import read

    coned = get("coned")
    assert coned is not None
    assert read("Total due R 1,034.00\nDeposit R 9,699.94", coned).code == "ZAR"
    assert read("Total due $ 44.89", coned).code == "USD"
    hq = get("hydro_quebec")
    assert hq is not None and read("Montant $ 120.00", hq).code == hq.currency  # "$" keeps CAD
    assert read("no figures here", coned).code == "USD"
    assert read("Totale da pagare: 212,80 €", None).code == "EUR"
