"""Extractors: a ``Document`` in, an ``ExtractionResult`` out. See ``base.py`` for the contract."""
