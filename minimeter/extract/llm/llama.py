"""Local GGUF models through llama-cpp-python (``ModelBackend``, see ``base.py``).

* The model is loaded once per process (``get_backend`` keeps one per file and settings) and its
  sha256 is verified before the first load (remembered by path+size+mtime, see ``minimeter.models``).
* Replies are constrained by a grammar built from the JSON schema (llama.cpp's converter: strings
  bounded by ``maxLength``, numbers at most 16 digits, and whitespace limited to one optional
  space between tokens, so a small model cannot run away in blanks).
* Temperature 0 (greedy), so a bill gives the same answer every time.
* Weights stay in plain CPU buffers (``use_extra_bufts`` off, see ``_plain_buffers``): on a CPU with
  AMX, the llama.cpp this project pins repacks Q4_0/Q4_1 weights into AMX buffers whose matrix
  products are wrong (fixed upstream after that release), and the default model answers garbage.
* The fixed prompt prefix (system text + instructions) stays evaluated in llama.cpp's KV cache:
  llama-cpp-python reuses the longest common token prefix with the previous call. No
  ``LlamaRAMCache``: each state it keeps carries a copy of the whole logits buffer (about
  100 MB for a 49k vocabulary) that its capacity does not count, so memory grew by gigabytes
  over a backlog; every prompt here shares one prefix, which the KV cache already reuses.
* ``finish_reason == "length"`` raises ExtractionError: a cut reply is never returned.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ExtractionError, ModelError
from minimeter.extract.llm.base import Completion, check_finish, parse_json_object

if TYPE_CHECKING:
    from minimeter.settings import Settings

log = logging.getLogger(__name__)

# Models still loaded when the interpreter exits are freed here, while llama.cpp's module globals
# are still alive; left to the garbage collector, Llama.__del__ runs after they are torn down
# and prints an "Exception ignored" traceback at every exit.
_LOADED: weakref.WeakSet[Any] = weakref.WeakSet()


@atexit.register
def _close_loaded() -> None:
    for llm in list(_LOADED):
        with contextlib.suppress(Exception):  # exiting anyway; nothing useful to report
            llm.close()


_BACKENDS: dict[tuple[str, int, int, bool], LlamaBackend] = {}
_LOCK = threading.Lock()
_LOG_CALLBACKS: list[Any] = []  # the ctypes callback must outlive every model, or llama.cpp calls freed memory


def _route_llama_logs() -> None:
    """Send llama.cpp's own messages to MiniMeter's log (DEBUG) instead of stderr.

    llama-cpp-python maps llama.cpp's log levels with an older enum, so with ``verbose=False``
    warnings such as "n_ctx_per_seq < n_ctx_train" still reach stderr: a stray line under the
    CLI's tables and drawn over the TUI. Installed once, before the first model loads.
    """
    if _LOG_CALLBACKS:
        return
    import ctypes

    import llama_cpp

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]  # (llama_cpp's ctypes decorator)
    def _to_log(level: int, text: bytes, user_data: Any) -> None:
        with contextlib.suppress(Exception):  # an exception cannot cross back into C
            log.debug("llama.cpp: %s", text.decode("utf-8", "replace").rstrip())

    llama_cpp.llama_log_set(_to_log, ctypes.c_void_p(0))
    _LOG_CALLBACKS.append(_to_log)


_PARAMS_LOCK = threading.Lock()


@contextlib.contextmanager
def _plain_buffers(extra: bool) -> Iterator[None]:
    """While ``Llama(...)`` loads, its model parameters say whether llama.cpp may move weights into
    CPU-specific "extra" buffers (AMX, repacked layouts). ``Llama`` has no argument for it and fills
    its parameters from ``llama_model_default_params`` inside the constructor, so that function is
    wrapped for the duration of the load."""
    import llama_cpp.llama_cpp as lc

    with _PARAMS_LOCK:
        default = lc.llama_model_default_params

        def params() -> Any:
            p = default()
            p.use_extra_bufts = extra
            return p

        lc.llama_model_default_params = params
        try:
            yield
        finally:
            lc.llama_model_default_params = default


def grammar_text(schema: dict[str, Any]) -> str:
    """GBNF for ``schema`` (llama.cpp's JSON-schema converter, shipped with llama-cpp-python)."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    return str(json_schema_to_gbnf(json.dumps(schema), prop_order=list(schema.get("properties", {}))))


class LlamaBackend:
    name = "llama"
    # The gap prompt's version: the ``local`` extractor's cache identity reads it from the backend.
    prompt_version = "gaps-llm-2"

    def __init__(self, path: Path, *, sha256: str | None = None, expected_sha256: str | None = None,
                 threads: int = 2, context: int = 4096, settings: Settings | None = None,
                 model_id: str | None = None, extra_buffers: bool = False) -> None:
        self.path = Path(path)
        self.threads = max(1, threads)
        self.context = context
        self.model_id = model_id or self.path.name
        self.extra_buffers = extra_buffers
        # Part of the cache identity: replies read with AMX buffers may be garbage (see the module doc).
        self.runtime = "extra-buffers" if extra_buffers else "plain-buffers"
        self._expected = expected_sha256
        self._settings = settings
        self.sha256: str | None = sha256
        self._llm: Any = None
        self._grammars: dict[str, Any] = {}
        self._lock = threading.Lock()  # one llama context cannot serve two threads at once

    # -- loading -------------------------------------------------------------------------
    def load(self) -> Any:
        if self._llm is not None:
            return self._llm
        from minimeter import models

        self.sha256 = models.verify(self.path, self._expected, self._settings)
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelError("llama-cpp-python is not installed", hint="pip install llama-cpp-python") from exc
        _route_llama_logs()
        t0 = time.perf_counter()
        try:
            with _plain_buffers(self.extra_buffers):
                llm = Llama(model_path=str(self.path), n_ctx=self.context, n_threads=self.threads,
                            n_threads_batch=self.threads, n_batch=512, seed=0, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"cannot load model {self.path.name}: {exc}",
                             hint="the file may not be a GGUF this llama.cpp supports") from exc
        log.info("loaded %s in %.1fs (%d threads, n_ctx=%d)", self.path.name, time.perf_counter() - t0,
                 self.threads, self.context)
        self._llm = llm
        _LOADED.add(llm)
        return llm

    def count_tokens(self, text: str) -> int:
        return len(self.load().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _grammar(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        g = self._grammars.get(key)
        if g is None:
            from llama_cpp.llama_grammar import LlamaGrammar

            g = LlamaGrammar.from_string(grammar_text(schema), verbose=False)
            if len(self._grammars) > 64:  # gap requests vary by field set; keep the map small
                self._grammars.clear()
            self._grammars[key] = g
        return g

    # -- the seam ------------------------------------------------------------------------
    def complete(self, system: str, user: str, schema: dict[str, Any], max_tokens: int) -> Completion:
        with self._lock:
            llm = self.load()
            grammar = self._grammar(schema)
            messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
            perf = _Perf(llm)
            t0 = time.perf_counter()
            try:
                out = llm.create_chat_completion(messages=messages, grammar=grammar, temperature=0.0,
                                                 max_tokens=max_tokens, seed=0)
            except ValueError as exc:  # "Requested tokens (N) exceed context window of M"
                raise ExtractionError(f"prompt does not fit the model's context: {exc}",
                                      hint="raise model_context or send less text", retryable=False) from exc
            wall = time.perf_counter() - t0
            p_sec, g_sec = perf.read(wall)
        choice = out["choices"][0]
        text = choice["message"].get("content") or ""
        check_finish(choice.get("finish_reason"), max_tokens, "local model")
        usage = out.get("usage") or {}
        return Completion(
            data=parse_json_object(text, "local model"), text=text,
            tokens_prompt=int(usage.get("prompt_tokens", 0)), tokens_completion=int(usage.get("completion_tokens", 0)),
            seconds_prompt=p_sec, seconds_generate=g_sec, finish_reason=choice.get("finish_reason") or "stop",
            extra={"prompt_tokens_evaluated": perf.n_prompt_eval},
        )


class _Perf:
    """Prompt vs generation seconds from llama.cpp's own counters (wall time when unavailable)."""

    def __init__(self, llm: Any) -> None:
        self.ctx = None
        self.n_prompt_eval = -1
        try:
            import llama_cpp

            self.ctx = llm._ctx.ctx
            llama_cpp.llama_perf_context_reset(self.ctx)
        except Exception:  # counters are a nicety; the completion must not depend on them
            self.ctx = None

    def read(self, wall: float) -> tuple[float, float]:
        if self.ctx is None:
            return 0.0, wall
        try:
            import llama_cpp

            d = llama_cpp.llama_perf_context(self.ctx)
            self.n_prompt_eval = int(d.n_p_eval)
            p = d.t_p_eval_ms / 1000.0
            return p, max(0.0, wall - p)
        except Exception:
            return 0.0, wall


def get_backend(settings: Settings) -> LlamaBackend | None:
    """The process-wide backend for the configured model; None when no model is installed."""
    from minimeter import models

    resolved = models.resolve_model(settings)
    if resolved is None:
        return None
    key = (str(resolved.path.resolve()), settings.model_threads, settings.model_context,
           settings.model_extra_buffers)
    with _LOCK:
        b = _BACKENDS.get(key)
        if b is None:
            b = LlamaBackend(resolved.path, expected_sha256=resolved.expected_sha256, threads=settings.model_threads,
                             context=settings.model_context, settings=settings, model_id=resolved.name,
                             extra_buffers=settings.model_extra_buffers)
            b.load()
            _BACKENDS[key] = b
        return b
