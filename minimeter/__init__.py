"""MiniMeter: local-first utility bill extraction.

The package is divided by pipeline stage: ``intake`` (inbox, archive), ``readers``
(file -> text), ``extract`` (text -> fields), ``validate`` (the bill's own arithmetic),
``store`` (jobs and results), ``sync`` and ``reports`` (results out). ``cli`` and ``tui``
are the only front ends; nothing in the core imports them.
"""

__version__ = "0.1.0"
