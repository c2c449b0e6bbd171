"""A long-lived sandboxed reader process, reused across files.

Starting a Python child per file costs ~0.2 s, more than reading a typical bill. This keeps
one child per worker thread, with the same protection as a one-shot sandbox: an address-space
limit set once, a wall-clock limit per file (a child that overruns is killed and replaced), and
a fresh child after ``RECYCLE_AFTER`` files so that slow leaks cannot add up. Requests and
replies are JSON lines over pipes; the child's own stdout is redirected so that a chatty library
cannot corrupt the protocol.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import NoTextError, ReadError
from minimeter.readers.base import Document, ReadOptions
from minimeter.readers.dispatch import read_in_process

if TYPE_CHECKING:
    from minimeter.settings import Settings

RECYCLE_AFTER = 200


def _limits(memory_mb: int) -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.setsid()


def _error_from(payload: dict[str, Any]) -> ReadError:
    cls = NoTextError if payload.get("kind") == "NoTextError" else ReadError
    return cls(payload["error"], hint=payload.get("hint"))


class _Child:
    def __init__(self, memory_mb: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "minimeter.readers.pool"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _limits(memory_mb),
            env={**os.environ, "PYTHONHASHSEED": "0", "OMP_THREAD_LIMIT": "1"},
        )
        self.served = 0
        self._buf = b""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()

    def request(self, path: Path, options: ReadOptions, timeout: float) -> dict[str, Any] | None:
        """The child's reply, or None when it died or overran ``timeout`` (then it is killed)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        line = json.dumps({"path": str(path), "options": options.model_dump()}) + "\n"
        # The clock starts before the request is sent: on a loaded machine this process may be descheduled
        # between the write and the next line while the child already answers.
        deadline = time.monotonic() + timeout
        try:
            self.proc.stdin.write(line.encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            return None
        self.served += 1
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None  # the child died (memory limit, crash)
            self._buf += chunk
        if time.monotonic() > deadline:
            # A reply that arrived while the wait overslept its deadline is still an overrun.
            self.kill()
            raise TimeoutError
        reply, _, self._buf = self._buf.partition(b"\n")
        return dict(json.loads(reply))


class ReaderPool:
    """One reader child per thread. ``read`` has ``sandbox.read_document``'s contract."""

    def __init__(self, settings: Settings) -> None:
        self.memory_mb = settings.read_memory_mb
        self.timeout = settings.read_timeout_seconds
        self._local = threading.local()

    def _child(self) -> _Child:
        child: _Child | None = getattr(self._local, "child", None)
        if child is None or not child.alive() or child.served >= RECYCLE_AFTER:
            if child is not None:
                child.kill()
            child = _Child(self.memory_mb)
            self._local.child = child
        return child

    def read(self, path: Path, options: ReadOptions) -> Document:
        child = self._child()
        try:
            reply = child.request(path.resolve(), options, self.timeout)
        except TimeoutError:
            self._local.child = None
            raise ReadError(
                f"reading the file took longer than {self.timeout:.0f} s and was stopped",
                hint="the file may be malformed; re-save it as a new PDF",
            ) from None
        if reply is None:
            child.kill()
            self._local.child = None
            raise ReadError(
                "reading the file used too much memory or crashed the reader and was stopped",
                hint="the file may be a decompression bomb or malformed; re-save it as a new PDF",
            )
        if "error" in reply:
            raise _error_from(reply)
        return Document.model_validate(reply["document"])

    def close(self) -> None:
        child = getattr(self._local, "child", None)
        if child is not None:
            child.kill()
            self._local.child = None


def _serve() -> int:
    """Child loop: one JSON request per line in, one JSON reply per line out."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # anything a library prints must not reach the protocol
    for line in sys.stdin:
        req = json.loads(line)
        try:
            doc = read_in_process(Path(req["path"]), ReadOptions.model_validate(req["options"]))
            reply: dict[str, Any] = {"document": doc.model_dump(mode="json")}
        except ReadError as exc:
            reply = {"error": exc.message, "hint": exc.hint, "kind": type(exc).__name__}
        except MemoryError:
            reply = {"error": "reading the file used too much memory and was stopped",
                     "hint": "the file may be a decompression bomb; re-save it as a new PDF"}
        except Exception as exc:
            reply = {"error": f"the file could not be read ({type(exc).__name__})", "hint": "re-save it as a new PDF"}
        out.write(json.dumps(reply) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
