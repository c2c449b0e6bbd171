from __future__ import annotations

from minimeter.extract import units


def test_a_unit_names_a_commodity_only_when_it_measures_one() -> None:
    assert units.named_by_units("Total 412 kWh") == {"electricity_kwh"}
    assert units.named_by_units("Verbrauch 52 m3") == set()  # gas or water: the words decide
    assert units.named_by_units("41 therms and 3,200 gallons") == {"gas_usage", "water_usage"}


def test_what_a_quantity_may_be_billed_in_follows_what_its_unit_measures() -> None:
    # Gas converted by its calorific value is billed in kWh, though kWh alone names electricity.
    assert {"kwh", "therms", "smc", "m3"} <= units.BILLED_IN["gas_usage"]
    assert units.BILLED_IN["electricity_kwh"] == {"kwh", "mwh"}
    assert "kwh" not in units.BILLED_IN["water_usage"] and "kl" in units.BILLED_IN["water_usage"]
