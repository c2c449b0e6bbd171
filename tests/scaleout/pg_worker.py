"""A worker process for the scale-out tests: the real Worker on the real registry, against Postgres.

``python -m tests.scaleout.pg_worker URL HOME MODE DELAY LEASE``: MODE ``drain`` works until
nothing is left to do (idle waits use the store's LISTEN/NOTIFY), ``serve`` runs
``minimeter.worker.serve_forever`` (stops on SIGTERM after finishing its job). DELAY seconds
of extraction per job widen the window a SIGKILL can land in.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from minimeter.extract import base as extractors
from minimeter.settings import load_settings
from minimeter.store import open_store
from minimeter.worker import Worker, serve_forever
from tests.helpers import FakeExtractor


class DelayedFake(FakeExtractor):
    delay = 0.0

    def extract(self, doc, ctx):  # type: ignore[no-untyped-def]
        if self.delay:
            time.sleep(self.delay)
        return super().extract(doc, ctx)


def main(url: str, home: str, mode: str, delay: str, lease: str) -> None:
    DelayedFake.delay = float(delay)
    extractors.register("fake", DelayedFake)
    settings = load_settings(Path(home), extractor="fake", lease_seconds=float(lease), max_attempts=50,
                             retry_backoff_seconds=0.1)
    if mode == "serve":
        serve_forever(settings, url)
        return
    store = open_store(settings, url)
    worker = Worker(settings, store)
    print("ready", flush=True)
    while True:
        if worker.run_one() is not None:
            continue
        counts = store.counts()
        if not (counts["PENDING"] or counts["RUNNING"] or counts["FAILED"]):
            break
        store.wait_for_work(0.2)  # type: ignore[attr-defined]
    store.close()


if __name__ == "__main__":
    main(*sys.argv[1:6])
