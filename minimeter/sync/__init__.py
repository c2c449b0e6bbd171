"""Sync: outbox -> Postgres, BigQuery, Cloud Storage. See ``base.py`` for the target contract
and ``runner.py`` for the loop that moves each target's watermark."""
