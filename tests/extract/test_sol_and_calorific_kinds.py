"""Kinds of Latin American bills (made-up): the sol sign, a period wrapped after its connector, a gas bill
that names its commodity only by the calorific value its volume is billed at."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.extract.parse import currencies_in, parse_money
from minimeter.extract.ranges import _wrapped_after_connector
from minimeter.extract.rules import extract_rules
from tests.helpers import page_doc


def _sol_bill() -> list[str]:
    return ["Empresa Ejemplo de Luz S.A.",
            "CLIENTE DE PRUEBA" + " " * 40 + "N° de suministro    1234567",
            "CALLE FALSA 123 - CIUDAD" + " " * 33 + "Fecha de emisión    12 de marzo de 2031",
            "",
            "Periodo de consumo: 9 de febrero de 2031 al",
            "10 de marzo de 2031",
            " Medidor    Lectura anterior  Lectura actual  Factor  Consumo kWh",
            " 98765432             10100           10400       1             300",
            "Detalle de importes",
            " Cargo fijo                                  S/ 4.00",
            " Consumo de energía 300 kWh x S/ 0.5000      S/ 150.00",
            " IGV 18 %                                    S/ 27.72",
            " Redondeo                                    S/ -0.02",
            " Importe del mes                             S/ 181.70",
            "",
            " Deuda anterior                              S/ 50.00",
            " Pago recibido                               S/ -50.00",
            " Importe del mes                             S/ 181.70",
            " Total a pagar                               S/ 181.70      Vence: 21 de marzo de 2031"]


def test_the_sol_sign_is_a_currency() -> None:
    assert parse_money("S/ -0.02") == Decimal("-0.02")
    assert currencies_in("S/ 150.00 and S/. 12.00") == {"PEN": 2}
    out = extract_rules(page_doc(_sol_bill()))
    assert out.bill.currency == "PEN"
    assert out.bill.total_amount_due == Decimal("181.70")
    assert out.bill.current_charges == Decimal("181.70")  # "Importe del mes" beside the debt carried over
    assert out.bill.account_number == "1234567"  # the supply number
    assert out.bill.due_date == dt.date(2031, 3, 21)  # "Vence:"
    bare = [x.replace("N° de suministro", "Suministro      ") for x in _sol_bill()]
    assert extract_rules(page_doc(bare)).bill.account_number == "1234567"  # where a cell starts


def test_a_period_wrapped_after_its_connector_is_one_range() -> None:
    out = extract_rules(page_doc(_sol_bill()))
    assert out.bill.billing_period_start == dt.date(2031, 2, 9)
    assert out.bill.billing_period_end == dt.date(2031, 3, 10)
    assert _wrapped_after_connector(" al\n")
    assert not _wrapped_after_connector("\n")  # two cells, one under the other
    assert not _wrapped_after_connector(" al\nMes ")  # a word before the second date: not its continuation


def _calorific_bill(unit_cell: str) -> list[str]:
    return ["Distribuidora Ejemplo del Norte S.A.",
            "CUIT 30-00000000-0  |  IVA Responsable Inscripto",
            " " * 40 + "Categoría: R1  |  Cuenta N° 11-222333-44",
            "Período de consumo: 10/01/2031 al 11/03/2031 (60 días)",
            " Medidor      Lectura anterior   Lectura actual   m³ leídos   Factor PCS   " + unit_cell,
            " 55554444               1000             1200          200      1,0200          204",
            "Consumo facturado: 204 m³ de 9300 kcal",
            "Detalle de la facturación",
            " Cargo fijo                                        $ 1.000,00",
            " Cargo variable 204 m³ x $ 100,0000                $ 20.400,00",
            " Subtotal período                                  $ 21.400,00",
            "  Factura B N° 0001-00001234   Emisión 15/03/2031",
            "  Saldo anterior                                   $ 5.000,00",
            "  Su pago - gracias                                -$ 5.000,00",
            "  Subtotal período                                 $ 21.400,00",
            "  Total a abonar                                   $ 21.400,00"]


def test_a_volume_billed_at_a_calorific_value_is_gas_not_electricity() -> None:
    # No word of the bill names gas, but a volume billed "de 9300 kcal" is one: the reads row is no kWh.
    out = extract_rules(page_doc(_calorific_bill("m³ 9300 kcal")))
    assert out.bill.electricity_kwh is None
    assert out.bill.gas_usage == Decimal("204")
    assert out.bill.current_charges == Decimal("21400.00")  # "Subtotal período"
    assert out.bill.account_number == "11-222333-44"  # "Cuenta N°"
    assert out.bill.statement_date == dt.date(2031, 3, 15)  # "Emisión"
