"""The local backend with the real default model: grammar-constrained replies, truncation, prompt cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from minimeter.errors import ExtractionError, ModelError
from minimeter.extract.llm import gaps
from minimeter.extract.llm.llama import LlamaBackend, grammar_text
from minimeter.settings import load_settings

WINDOW = "ACCOUNT SUMMARY\nPrevious balance $80.00\nPayment received 01/15/2024 -$80.00\nTotal Amount Due $45.10\n" \
         "Please pay by 02/27/2024. Meter read 02/04/2024."


def _request() -> gaps.GapRequest:
    return gaps.GapRequest(
        fields={"total_amount_due": "the total amount due now, a number like 123.45",
                "due_date": "the payment due date", "account_number": "the customer's account number",
                "service_address": "the service address"},
        windows=[WINDOW],
        provider_context="This is a utility bill from an unknown provider.",
        candidates={"total_amount_due": ["80.00", "45.10"], "due_date": ["02/04/2024", "02/27/2024"]},
    )


def test_schema_is_bounded_and_grammar_has_no_unbounded_whitespace() -> None:
    schema = gaps.schema_for(_request())
    assert schema["properties"]["total_amount_due"] == {"enum": ["80.00", "45.10", None]}
    # no identifier-shaped text in the window: the only possible answer is null
    assert schema["properties"]["account_number"] == {"enum": [None]}
    assert schema["properties"]["service_address"]["anyOf"][0]["maxLength"] == 80
    assert set(schema["required"]) == {"total_amount_due", "due_date", "account_number", "service_address"}
    g = grammar_text(schema)
    assert re.search(r'^space ::= " "\?$', g, re.M), g
    assert "[ \\t\\n]" not in g  # no free-form whitespace rule
    # strings are a fixed nest of optional chars (bounded), never char* / char+
    assert not re.search(r"char\s*[*+]", g)
    assert gaps.max_tokens_for(schema) >= 80 + len("service_address")


def test_fields_without_candidates_choose_among_strings_in_the_windows() -> None:
    w = ["Account No. 1234-5678-90  Due Date: Feb 27, 2024  Total $1,234.50  Used 512 kWh on 02/04/2024",
         "Montant 1'234,55 CHF au 27.02.2024"]
    assert gaps.spans_in_windows("account_number", w) == ["1234-5678-90"]
    assert gaps.spans_in_windows("due_date", w) == ["Feb 27, 2024", "02/04/2024", "27.02.2024"]
    assert gaps.spans_in_windows("total_amount_due", w) == ["$1,234.50", "1'234,55"]
    assert "512" in (gaps.spans_in_windows("electricity_kwh", w) or [])
    assert "2024" not in (gaps.spans_in_windows("electricity_kwh", w) or [])  # a date's year is no usage
    assert gaps.spans_in_windows("service_address", w) is None


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> LlamaBackend:
    home = tmp_path_factory.mktemp("mm")
    settings = load_settings(home, model_context=1024)
    b = gaps.default_backend(settings)
    if b is None:
        pytest.skip("the default model package is not installed")
    return b  # type: ignore[return-value]


@pytest.mark.model
def test_gap_answer_follows_the_grammar(backend: LlamaBackend) -> None:
    ans = gaps.fill_gaps(backend, _request())
    assert set(ans.values) == {"total_amount_due", "due_date", "account_number", "service_address"}
    assert ans.values["total_amount_due"] in ("80.00", "45.10", None)
    assert ans.values["due_date"] in ("02/04/2024", "02/27/2024", None)
    assert ans.values["account_number"] is None
    addr = ans.values["service_address"]
    assert addr is None or (isinstance(addr, str) and len(addr) <= 80)
    assert ans.model_sha256 == backend.sha256 and len(backend.sha256 or "") == 64
    assert ans.prompt_version == gaps.PROMPT_VERSION
    assert ans.tokens_prompt > 50 and 0 < ans.tokens_completion <= gaps.max_tokens_for(gaps.schema_for(_request()))


@pytest.mark.model
def test_fixed_prefix_stays_in_the_prompt_cache(backend: LlamaBackend) -> None:
    gaps.fill_gaps(backend, _request())
    other = _request()
    other.windows = ["Amount due 12.00 by 03/01/2024."]
    comp = backend.complete(gaps.SYSTEM, gaps.build_prompt(other), gaps.schema_for(other), 80)
    evaluated = comp.extra["prompt_tokens_evaluated"]
    # only the variable tail is evaluated again, not the system text and instructions
    assert 0 < evaluated < comp.tokens_prompt - 80, (evaluated, comp.tokens_prompt)


@pytest.mark.model
def test_reply_cut_at_max_tokens_raises(backend: LlamaBackend) -> None:
    with pytest.raises(ExtractionError, match="cut at max_tokens=5"):
        gaps.fill_gaps(backend, _request(), max_tokens=5)
    # the backend still works afterwards
    assert gaps.fill_gaps(backend, _request()).values.keys() == set(_request().fields)


@pytest.mark.model
def test_wrong_checksum_refuses_to_load(tmp_path: Path, backend: LlamaBackend) -> None:
    b = LlamaBackend(backend.path, expected_sha256="0" * 64, settings=load_settings(tmp_path))
    with pytest.raises(ModelError, match="expected 000000000000"):
        b.load()


def test_the_model_loads_without_cpu_specific_weight_buffers(tmp_path: Path) -> None:
    # On a CPU with AMX the pinned llama.cpp repacks Q4_0/Q4_1 weights into AMX buffers whose products
    # are wrong: the default model then answers every field with the same digits or date.
    import llama_cpp.llama_cpp as lc

    from minimeter.extract.llm.llama import _plain_buffers

    default = lc.llama_model_default_params
    with _plain_buffers(False):
        assert lc.llama_model_default_params().use_extra_bufts is False
    assert lc.llama_model_default_params is default and default().use_extra_bufts is True
    assert load_settings(tmp_path).model_extra_buffers is False


MADE_UP_BILL = "\n".join([
    "Example Power & Light", "PO Box 100, Springfield", "Account Number: 1234567890",
    "Service address: 12 Elm Street, Springfield", "Statement date: 02/05/2024", "Due date: 02/27/2024",
    "Service period: 01/04/2024 to 02/03/2024", "Previous balance $80.00", "Payment received -$80.00",
    "Current charges $45.10", "Total Amount Due: $45.10", "Meter 55501 Energy used: 512 kWh",
    "Rate: Residential Service R1"]) + "\n"


@pytest.mark.model
def test_the_default_model_copies_a_made_up_bills_identifiers(backend: LlamaBackend) -> None:
    # A model whose arithmetic is broken (see above) still follows the grammar, so only the content
    # shows it: with AMX buffers every string was one made-up token and every number the same.
    from minimeter.extract.llm import whole

    schema = whole.bill_schema()
    prompt = f"{whole.INSTRUCTIONS}\nAbout this bill: {whole.GENERIC}\n\nBill text:\n{MADE_UP_BILL}"
    comp = backend.complete(whole.SYSTEM, prompt, schema, whole.max_tokens_for(schema))
    assert comp.data["account_number"] == "1234567890", comp.text
    assert "Elm Street" in str(comp.data["service_address"]), comp.text


def test_missing_model_file_is_a_model_error(tmp_path: Path) -> None:
    s = load_settings(tmp_path, model_path=tmp_path / "nope.gguf")
    with pytest.raises(ModelError, match="does not exist"):
        gaps.default_backend(s)


def test_backend_names_the_gap_prompt_version() -> None:
    assert LlamaBackend.prompt_version == gaps.PROMPT_VERSION


@pytest.mark.model
def test_llm_only_extractor_marks_every_value_as_model_and_grounds_it(backend: LlamaBackend, tmp_path: Path) -> None:
    from minimeter.extract.base import ExtractionContext, create
    from minimeter.readers.base import Document, Page

    text = "Example Power & Light\nAccount Number: 1234567890\nTotal Amount Due: $45.10\nEnergy used: 512 kWh\n"
    ex = create("llm", load_settings(tmp_path, model_context=2048))
    doc = Document(pages=[Page(number=1, text=text)], page_count=1)
    res = ex.extract(doc, ExtractionContext())
    assert res.extractor == "llm" and res.model_sha256 == backend.sha256 and res.prompt_version
    assert res.tokens_prompt > 0 and "model_prompt" in res.timings and "model_generate" in res.timings
    assert res.evidence, "the model gave no value at all"
    for name, ev in res.evidence.items():
        assert ev.source == "model" and getattr(res.bill, name) is not None
        if ev.grounded:
            assert ev.span is not None and ev.span.text.lower() in text.lower()
        else:
            assert ev.confidence < 0.5
    assert ex.cache_identity() == {"model": backend.model_id, "model_sha256": backend.sha256,
                                   "prompt_version": res.prompt_version, "runtime": "plain-buffers"}


def test_reply_parsing_accepts_raw_newlines_in_strings_and_refuses_non_objects() -> None:
    from minimeter.extract.llm.base import parse_json_object

    assert parse_json_object('{"service_address": "1 Main St\n Springfield"}', "m") == {
        "service_address": "1 Main St\n Springfield"}
    with pytest.raises(ExtractionError, match="not a JSON object"):
        parse_json_object("[1, 2]", "m")
    with pytest.raises(ExtractionError, match="not valid JSON"):
        parse_json_object('{"a": "unterminated', "m")


@pytest.mark.model
def test_llama_cpp_prints_nothing_on_stderr(tmp_path: Path) -> None:
    """llama.cpp's own warnings go to MiniMeter's log, never to the terminal (they land under the
    CLI's tables and over the TUI)."""
    import subprocess
    import sys

    code = (
        "from pathlib import Path\n"
        "from minimeter.settings import load_settings\n"
        "from minimeter.extract.llm import gaps\n"
        f"s = load_settings(Path({str(tmp_path)!r}), model_context=1024)\n"
        "b = gaps.default_backend(s)\n"
        "b.complete('Answer in JSON.', 'Total due $4.10', "
        "{'type': 'object', 'properties': {'t': {'enum': ['4.10', None]}}, 'required': ['t']}, 16)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr == ""
