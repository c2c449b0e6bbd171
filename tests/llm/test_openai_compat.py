"""The OpenAI-compatible path through the real `openai` client against llama-cpp-python's own server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from minimeter.errors import ExtractionError
from minimeter.extract.base import ExtractionContext, create
from minimeter.extract.llm import gaps
from minimeter.extract.llm.openai_compat import OpenAICompatBackend
from minimeter.readers.base import Document, Page
from minimeter.settings import load_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from minimeter import models

    resolved = models.resolve_model(load_settings(tmp_path_factory.mktemp("mm")))
    if resolved is None:
        pytest.skip("the default model package is not installed")
    port = _free_port()
    log = tmp_path_factory.mktemp("srv") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(resolved.path), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--model_alias", "smol"],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(base + "/models", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not start: {log.read_text()[-800:]}")
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _settings(home: Path, url: str):  # type: ignore[no-untyped-def]
    return load_settings(home, openai_base_url=url, openai_model="smol")


def test_gap_request_through_the_server_follows_the_schema(server: str, tmp_path: Path) -> None:
    backend = OpenAICompatBackend(_settings(tmp_path, server))
    req = gaps.GapRequest(fields={"total_amount_due": "the total amount due now"},
                          windows=["Previous balance 80.00\nTotal Amount Due 45.10"],
                          provider_context="This is a utility bill from an unknown provider.",
                          candidates={"total_amount_due": ["80.00", "45.10"]})
    ans = gaps.fill_gaps(backend, req)
    assert ans.values["total_amount_due"] in ("80.00", "45.10", None)
    assert ans.tokens_prompt > 20 and ans.tokens_completion > 0
    with pytest.raises(ExtractionError, match="cut at max_tokens=3"):
        gaps.fill_gaps(backend, req, max_tokens=3)


def test_openai_extractor_returns_a_bill(server: str, tmp_path: Path) -> None:
    ex = create("openai", _settings(tmp_path, server))
    ex.max_tokens = 320  # type: ignore[attr-defined]  # keeps the tiny model's run short
    doc = Document(pages=[Page(number=1, text="Example Power\nTotal Amount Due: $45.10\nEnergy used 512 kWh")],
                   page_count=1)
    try:
        res = ex.extract(doc, ExtractionContext())
    except ExtractionError as exc:  # a tiny model may run to max_tokens; that must be refused, not stored
        assert "cut at max_tokens" in exc.message
        return
    assert res.extractor == "openai" and res.tokens_completion > 0
    for name, ev in res.evidence.items():
        assert ev.source == "model"
        if ev.grounded:
            assert ev.span is not None and ev.span.text, name
    if res.bill.total_amount_due is not None:
        assert isinstance(res.bill.total_amount_due, Decimal)


def test_unreachable_endpoint_is_a_retryable_extraction_error(tmp_path: Path) -> None:
    backend = OpenAICompatBackend(_settings(tmp_path, f"http://127.0.0.1:{_free_port()}/v1"))
    with pytest.raises(ExtractionError, match="unreachable") as info:
        backend.complete("s", "u", {"type": "object", "properties": {}}, 8)
    assert info.value.retryable
