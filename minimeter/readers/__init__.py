"""Readers: a file in, a ``Document`` (text per page) out. See ``base.py`` for the contract."""
