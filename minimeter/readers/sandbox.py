"""Run a reader in a child process with a wall-clock, CPU and memory limit.

pypdf has had denial-of-service bugs (decompression bombs, reference loops); a bill must
never take the worker down with it. Which reader reads a file is decided in the child by
``minimeter.readers.dispatch`` (the reader plugins' ``sniff``). The child prints the ``Document`` as JSON on stdout, or
a one-line ``ReadError`` as JSON with ``"error"``; anything else (killed, crashed, out of
memory) becomes a ``ReadError`` here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import NoTextError, ReadError
from minimeter.readers.base import Document, ReadOptions
from minimeter.readers.dispatch import read_in_process
from minimeter.readers.pool import ReaderPool

if TYPE_CHECKING:
    from minimeter.settings import Settings

def _limit(memory_mb: int, cpu_seconds: int) -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.setsid()


_pools: dict[tuple[int, float], ReaderPool] = {}


def close_pools() -> None:
    """Stop this thread's long-lived reader children; new ones start on demand. A child loads the
    reader plugins once, so one installed after it started is seen only by its successor."""
    for pool in _pools.values():
        pool.close()


def read_document(path: Path, settings: Settings, options: ReadOptions | None = None, *,
                  one_shot: bool = False) -> Document:
    """Read ``path`` in a sandboxed child; raise ``ReadError`` with a human reason on failure.

    By default a long-lived child from ``ReaderPool`` does the reading (same limits, no process
    start per file); ``one_shot`` starts a fresh child for this file only.
    """
    options = options or ReadOptions()
    size = path.stat().st_size
    if size == 0:
        raise ReadError("the file is empty (0 bytes)", hint="drop the complete file again")
    if size > settings.max_file_mb * 1024 * 1024:
        raise ReadError(
            f"the file is {size / 1e6:.0f} MB, over the {settings.max_file_mb} MB limit",
            hint="raise max_file_mb in config.toml if this really is a bill",
        )
    if not one_shot:
        key = (settings.read_memory_mb, settings.read_timeout_seconds)
        if key not in _pools:
            _pools[key] = ReaderPool(settings)
        return _pools[key].read(path, options)
    timeout = settings.read_timeout_seconds
    cmd = [sys.executable, "-m", "minimeter.readers.sandbox", str(path), options.model_dump_json()]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            timeout=timeout,
            preexec_fn=lambda: _limit(settings.read_memory_mb, int(timeout) + 5),
            env={**os.environ, "PYTHONHASHSEED": "0", "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ReadError(
            f"reading the file took longer than {timeout:.0f} s and was stopped",
            hint="the file may be malformed; re-save it as a new PDF",
        ) from None
    out = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode == 0 and out:
        payload = json.loads(out)
        if "error" in payload:
            cls = NoTextError if payload.get("kind") == "NoTextError" else ReadError
            raise cls(payload["error"], hint=payload.get("hint"))
        return Document.model_validate(payload)
    if proc.returncode < 0 or b"MemoryError" in proc.stderr:
        raise ReadError(
            "reading the file used too much memory or CPU and was stopped",
            hint="the file may be a decompression bomb or malformed; re-save it as a new PDF",
        )
    raise ReadError("the file could not be read (the reader crashed)", hint="re-save it as a new PDF")


def _child_main(argv: list[str]) -> int:
    path, opts = Path(argv[1]), ReadOptions.model_validate_json(argv[2])
    try:
        doc = read_in_process(path, opts)
        sys.stdout.write(doc.model_dump_json())
    except ReadError as exc:
        sys.stdout.write(json.dumps({"error": exc.message, "hint": exc.hint, "kind": type(exc).__name__}))
    except MemoryError:
        sys.stdout.write(json.dumps({"error": "reading the file used too much memory and was stopped",
                                     "hint": "the file may be a decompression bomb; re-save it as a new PDF"}))
    except Exception as exc:
        sys.stdout.write(json.dumps({"error": f"the file could not be read ({type(exc).__name__})",
                                     "hint": "re-save it as a new PDF"}))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv))
