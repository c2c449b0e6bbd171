"""Whole amounts in dot-grouped thousands ("Rp 247.106"), and an Indonesian bill read by its own words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.formats import guess_number_format
from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc


def test_a_whole_amount_with_its_sign_and_one_dot_group_is_thousands() -> None:
    # No currency prints three decimals: "Rp 247.106" is 247 106 rupiah, even with no decimal comma anywhere.
    assert guess_number_format("Tagihan  Rp 247.106\nBeban  Rp 14.300\n") == "eu"
    # A rate per unit keeps its three decimals, and cents still say "us".
    assert guess_number_format("Supply  $1.234/therm\nRate $0.057 per kWh\nTotal  $12.34\n") == "us"


def test_an_indonesian_bill_with_whole_rupiah_adds_up() -> None:
    doc = page_doc([
        "PT Listrik Contoh Jaya (Persero)                 REKENING LISTRIK PASCABAYAR",
        "ID Pelanggan     512345678901                    No. Meter        12345678901",
        "Tanggal Cetak    05-07-2031                      Periode          27-05-2031 s/d 26-06-2031",
        "Tunggakan                       Rp 76.218",
        "Tagihan Bulan Ini               Rp 247.106",
        "Total Tagihan                   Rp 323.324",
        "Jatuh Tempo                     20-07-2031",
    ])
    bill = extract_rules(doc).bill
    assert bill.total_amount_due == Decimal(323324)
    assert bill.current_charges == Decimal(247106)
    assert bill.previous_balance == Decimal(76218)
    assert bill.account_number == "512345678901"
    assert (bill.billing_period_start, bill.billing_period_end) == (dt.date(2031, 5, 27), dt.date(2031, 6, 26))
    assert bill.due_date == dt.date(2031, 7, 20)
    assert bill.statement_date == dt.date(2031, 7, 5)
    assert bill.currency == "IDR"
    assert bill.provider == "PT Listrik Contoh Jaya (Persero)"
