"""A usage label names gas by "gas"/"gaz" inside a word or by a gas word of a lexicon: one rule for the
candidates' gas label and the choice of gas billed in kWh."""

from __future__ import annotations

from minimeter.extract.vocab import names_gas


def test_a_label_names_gas_inside_a_word_or_by_a_lexicon_word() -> None:
    assert names_gas("Gasverbrauch")
    assert names_gas("Consommation de gaz")
    assert names_gas("Spotřeba plynu")
    assert not names_gas("Spotřeba elektřiny")
    assert not names_gas("Electricity used")
