"""A worker process for kill tests: the real Worker with the fake extractor registered."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from minimeter.extract import base as extractors
from minimeter.settings import load_settings
from minimeter.store.sqlite import SQLiteStore
from minimeter.worker import Worker
from tests.helpers import FakeExtractor


class SlowFake(FakeExtractor):
    def extract(self, doc, ctx):  # type: ignore[no-untyped-def]
        time.sleep(0.25)  # a window for SIGKILL to land mid-extraction
        return super().extract(doc, ctx)


def main(home: str, until_empty: str) -> None:
    extractors.register("fake", SlowFake)
    settings = load_settings(Path(home), extractor="fake", lease_seconds=1.5, max_attempts=50)
    store = SQLiteStore(settings.db_path, settings)
    worker = Worker(settings, store)
    if until_empty == "1":
        while worker.run_one() is not None or any(j.status == "RUNNING" for j in store.list_jobs("RUNNING")):
            time.sleep(0.05)
        return
    worker.run(threading.Event(), idle=0.05)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
