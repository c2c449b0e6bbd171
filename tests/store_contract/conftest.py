from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from minimeter.settings import Settings
from minimeter.store import open_store
from tests.store_contract.pg import temp_database, truncate_all


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """One fresh database per test module; tables are emptied before each test."""
    with temp_database("mm_contract") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, settings: Settings) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{settings.home / 'contract.db'}"
    url: str = request.getfixturevalue("pg_url")
    open_store(settings, url).close()  # migrate before the first truncate
    truncate_all(url)
    return url


@pytest.fixture
def make_store(store_url: str, settings: Settings) -> Iterator[Callable[..., Any]]:
    """Open the store under test with settings overrides (e.g. a short lease); closed after the test."""
    opened: list[Any] = []

    def make(**overrides: Any) -> Any:
        s = settings.model_copy(update=overrides)
        st = open_store(s, store_url)
        opened.append(st)
        return st

    yield make
    for st in opened:
        st.close()


@pytest.fixture
def store(make_store: Callable[..., Any]) -> Any:
    return make_store()
