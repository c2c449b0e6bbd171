from __future__ import annotations

import pytest

from minimeter.errors import ReadError
from minimeter.readers.base import ReadOptions
from minimeter.readers.pool import ReaderPool
from tests.helpers import bill_lines, make_pdf


def test_pool_reuses_one_child_and_replaces_an_overrunning_one(settings, tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", bill_lines(total="42.00"))
    pool = ReaderPool(settings)
    try:
        first = pool.read(pdf, ReadOptions())
        pid = pool._local.child.proc.pid
        assert "42.00" in first.text
        assert "42.00" in pool.read(pdf, ReadOptions()).text
        assert pool._local.child.proc.pid == pid  # reused, not respawned
        pool.timeout = 0.0001
        with pytest.raises(ReadError, match="longer than"):
            pool.read(pdf, ReadOptions())
        pool.timeout = 30
        assert "42.00" in pool.read(pdf, ReadOptions()).text  # a fresh child took over
        assert pool._local.child.proc.pid != pid
    finally:
        pool.close()


def test_child_killed_by_its_memory_limit_becomes_a_read_error(settings, tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", bill_lines())
    settings.read_memory_mb = 40  # too small for the interpreter and pypdf: the child dies
    pool = ReaderPool(settings)
    try:
        with pytest.raises(ReadError, match="memory"):
            pool.read(pdf, ReadOptions())
    finally:
        pool.close()
