"""Time-of-use register rows: the sum of the periods' kWh, the peak of the registered powers."""

from __future__ import annotations

from decimal import Decimal

from minimeter.extract.candidates import Finder
from minimeter.extract.registers import register_rows
from minimeter.readers.base import Document, Page


def _view(lines: list[str]):  # type: ignore[no-untyped-def]
    text = "\n".join(lines)
    finder = Finder(Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1), None)
    return finder, finder.views[-1]


TOU = [
    "                              Period1         Period2         Period3",
    "  Active - Consumption        0,00 kWh        427,80 kWh      1.327,34 kWh",
    "  Reactive - Consumption      0,00 kVArh      0,00 kVArh      0,00 kVArh",
    "  Registered power            0 W             7191 W          7053 W",
    "  Contracted power            22 kW           22 kW           30 kW",
]


def test_energy_registers_sum_and_power_peak() -> None:
    finder, view = _view(TOU)
    (kwh,) = register_rows(view, "electricity_kwh", "eu")
    assert kwh[0] == Decimal("1755.14") and kwh[3] == "kWh"
    assert view.text[kwh[1]:kwh[2]].startswith("0,00 kWh") and view.text[kwh[1]:kwh[2]].endswith("1.327,34 kWh")
    (kw,) = register_rows(view, "demand_kw", "eu")  # registered, not the contracted 30 kW
    assert kw[0] == Decimal("7.191")


def test_a_usage_history_under_month_headings_is_not_registers() -> None:
    _finder, view = _view([
        "  Usage history     Jan 24       Feb 24       Mar 24",
        "  Energy            310 kWh      290 kWh      305 kWh",
    ])
    assert register_rows(view, "electricity_kwh", "us") == []


def test_without_period_headings_a_row_is_not_registers() -> None:
    _finder, view = _view(["  Energy used      310 kWh      290 kWh"])
    assert register_rows(view, "electricity_kwh", "us") == []


def test_the_finder_prefers_the_sum_over_one_register() -> None:
    finder, _view_ = _view(["Consumption summary", *TOU])
    best = max(finder.labelled("electricity_kwh", "qty", "usage"), key=lambda c: c.score)
    assert best.value == Decimal("1755.14") and best.why == "registers"


def test_the_charge_billed_on_the_sum_of_the_parts_is_the_bills_energy() -> None:
    from minimeter.extract.registers import billed_total

    _finder, view = _view([
        "Generation On-Peak          4,000 kWh x $0.08533        $341.32",
        "Generation Off-Peak        32,480 kWh x $0.04712      $1,530.44",
        "Generation Mid-Peak        18,400 kWh x $0.07983      $1,468.88",
        "Distribution Energy        54,880 kWh x $0.0342       $1,876.90",
    ])
    got = billed_total(view, "us")
    assert got is not None and got[0] == Decimal("54880") and view.text[got[1]:got[2]] == "54,880"
    _finder, view = _view(["Energy On-Peak   4,000 kWh x $0.08", "Energy Off-Peak  32,480 kWh x $0.04"])
    assert billed_total(view, "us") is None  # parts only: no line is billed on their sum


def test_a_tiers_number_before_its_kwh_is_no_thousands_group() -> None:
    # "Tier 2 984 kWh @ ..." on a US-format bill: tier 2's 984 kWh (a space never groups US thousands), so the
    # delivery line's 1,734 kWh is the sum of the tiers.
    from minimeter.extract.registers import billed_total

    _finder, view = _view([
        "Tier 1 (first 750 kWh) 750 kWh @ 9.3¢/kWh            $69.75",
        "Tier 2 984 kWh @ 11.0¢/kWh                           $108.24",
        "Delivery - distribution 1,734 kWh @ $0.0372          $64.50",
    ])
    got = billed_total(view, "us")
    assert got is not None and got[0] == Decimal("1734")


def test_an_adjusted_kwh_label_names_the_usage_the_charges_are_billed_on() -> None:
    # Metered kWh x a loss factor: "Adjusted kWh 4,247.24", printed with the unit before the figure.
    finder, _view_ = _view(["Loss factor 1.0387 · Adjusted kWh 4,247.24 (metered kWh x loss factor)"])
    best = max(finder.labelled("electricity_kwh", "qty", "usage"), key=lambda c: c.score)
    assert best.value == Decimal("4247.24") and best.score >= 0.9
