"""Worker processes against a throwaway Postgres database, and the checks every scale-out test makes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from minimeter.store.postgres import conninfo
from tests.scaleout.corpus import Original
from tests.store_contract.pg import temp_database

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_url() -> Iterator[str]:
    with temp_database("mm_scale") as url:
        yield url


class Workers:
    """Worker child processes (``tests.scaleout.pg_worker``), each logging to its own file."""

    def __init__(self, url: str, home: Path, logs: Path) -> None:
        self.url, self.home, self.logs = url, home, logs
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, mode: str = "drain", delay: float = 0.0, lease: float = 30.0) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker-{len(self.procs)}.log").open("wb")
        env = {**os.environ, "PYTHONPATH": str(REPO), "MINIMETER_HOME": str(self.home)}
        proc = subprocess.Popen([sys.executable, "-m", "tests.scaleout.pg_worker", self.url, str(self.home), mode,
                                 str(delay), str(lease)], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs.append(proc)
        return proc

    def wait_all(self, timeout: float) -> None:
        for p in self.procs:
            p.wait(timeout)

    def stop_all(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)


@pytest.fixture
def workers(pg_url: str, tmp_path: Path) -> Iterator[Workers]:
    logs = tmp_path / "logs"
    logs.mkdir()
    w = Workers(pg_url, tmp_path / "home", logs)
    yield w
    w.stop_all()


def sql(url: str, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def assert_each_done_exactly_once(url: str, jobs: dict[int, Original]) -> None:
    """Every job finished, with exactly one bill version carrying its own file's data, sent once."""
    n = len(jobs)
    status = dict(sql(url, "SELECT status, count(*) FROM jobs GROUP BY status"))
    odd = sql(url, "SELECT id, status, attempts, last_error FROM jobs "
                   "WHERE status NOT IN ('SUCCEEDED', 'NEEDS_REVIEW')")
    assert not odd and sum(status.values()) == n, (status, odd[:5])
    per_job = dict(sql(url, "SELECT job_id, count(*) FROM bills GROUP BY job_id"))
    assert len(per_job) == n and set(per_job.values()) == {1}, {k: v for k, v in per_job.items() if v != 1}
    accounts = dict(sql(url, "SELECT j.id, b.account_number FROM jobs j JOIN bills b ON b.id = j.current_bill_id"))
    wrong = [jid for jid, o in jobs.items() if accounts.get(jid) != o.account]
    assert not wrong, f"{len(wrong)} jobs carry another file's result, e.g. {wrong[:5]}"
    (rows, distinct), = sql(url, "SELECT count(*), count(DISTINCT bill_id) FROM outbox")
    assert rows == distinct == n
