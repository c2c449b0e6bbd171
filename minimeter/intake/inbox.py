"""The inbox folder: which files are ready, and taking them in.

A file is taken only once its size and mtime have stayed the same for ``stable_seconds`` and
it is not empty; temp and hidden names written by browsers and sync tools are ignored until
they are renamed into place. Taking a file means: hash, archive (content-addressed), enqueue
(the same bytes again are one job), then move the file to ``inbox/processed/``. Content that no
reader takes (see ``minimeter.readers.dispatch``) is not archived: only its job is recorded, with
the reason. A file that cannot be taken after several tries, a refused one, a symbolic link or a
special file goes to ``inbox/failed/`` with a ``.reason.txt`` beside it.
Nothing is ever deleted. Sub-folders of the inbox name a tenant (e.g. one per customer), which
the job store uses to share the workers fairly.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.errors import IntakeError, MinimeterError
from minimeter.intake.archive import archive_file, hash_file, safe_ext
from minimeter.readers.dispatch import read_head, refusal

if TYPE_CHECKING:
    from minimeter.settings import Settings
    from minimeter.store.base import Job, JobStore

log = logging.getLogger(__name__)

PROCESSED, FAILED = "processed", "failed"
IGNORED_PATTERNS = (
    "*.part", "*.partial", "*.crdownload", "*.tmp", "*.download", "~syncthing~*", ".syncthing.*", ".*",
    "~$*", "*.reason.txt", "Thumbs.db", "desktop.ini",
)
NOT_REGULAR = "symbolic links and special files are not taken; copy the real file in"
MAX_TAKE_FAILURES = 5
EMPTY_GRACE_SECONDS = 300.0


def display_name(name: str) -> str:
    """A file name as text every store can hold: bytes that are not UTF-8 (POSIX allows them,
    Python keeps them as lone surrogates) become U+FFFD. The name is metadata only."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_ignored(name: str) -> bool:
    """Temp, partial and hidden names: not ours until renamed into place."""
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(name.lower(), p) for p in IGNORED_PATTERNS)


def files_in(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The regular files under ``folder`` (ignored names left out), and the entries refused with
    why, by the inbox's rule: a symbolic link (to a file or a folder) could point anywhere on the
    machine and a pipe or device would block, so neither is read. ``folder`` itself may be a link:
    the user named it."""
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        for d in list(dirnames):
            if (base / d).is_symlink():
                dirnames.remove(d)  # os.walk does not descend into it; say so rather than skip silently
                if not is_ignored(d):
                    refused.append((base / d, NOT_REGULAR))
        for name in filenames:
            if is_ignored(name):
                continue
            path = base / name
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue  # vanished while listing: nothing to take
            if stat.S_ISREG(mode):
                files.append(path)
            else:
                refused.append((path, NOT_REGULAR))
        dirnames.sort()
    return sorted(files), refused


@dataclass
class IntakeResult:
    path: Path
    job: Job | None
    created: bool
    error: str | None = None


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float
    failures: int = 0
    retry_at: float = 0.0


@dataclass
class Inbox:
    settings: Settings
    store: JobStore
    clock: object = field(default=time.monotonic)
    _seen: dict[Path, _Seen] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.settings.inbox_dir

    # --- discovery --------------------------------------------------------------------
    def candidates(self) -> list[Path]:
        """Files in the inbox (one level of tenant sub-folders), minus ignored names and our folders."""
        out: list[Path] = []
        root = self.root
        try:
            entries = list(os.scandir(root))
        except OSError as exc:
            log.warning("cannot list the inbox %s: %s", root, exc)
            return out
        for entry in entries:
            if is_ignored(entry.name) or entry.name in (PROCESSED, FAILED):
                continue
            if entry.is_dir(follow_symlinks=False):
                try:
                    out += [Path(e.path) for e in os.scandir(entry.path)
                            if not is_ignored(e.name) and not e.is_dir(follow_symlinks=False)]
                except OSError:
                    continue
            else:
                out.append(Path(entry.path))
        return sorted(out)

    def pending(self) -> int:
        """Files seen but not yet stable (the watcher rescans soon while this is non-zero)."""
        return len(self._seen)

    def scan(self) -> list[IntakeResult]:
        """One pass: take every file that is stable now. Events are hints; this is the truth."""
        now = self.clock()  # type: ignore[operator]
        results: list[IntakeResult] = []
        present = set()
        for path in self.candidates():
            present.add(path)
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue  # vanished between listing and looking: nothing to do
            except OSError as exc:
                log.warning("cannot stat %s: %s", path.name, exc)
                continue
            seen = self._seen.get(path)
            if seen is None or (seen.size, seen.mtime_ns) != (st.st_size, st.st_mtime_ns):
                self._seen[path] = _Seen(st.st_size, st.st_mtime_ns, now, seen.failures if seen else 0)
                continue
            if now < seen.retry_at or now - seen.since < self.settings.stable_seconds:
                continue
            if st.st_size == 0 and stat.S_ISREG(st.st_mode) and now - seen.since < EMPTY_GRACE_SECONDS:
                continue  # often a placeholder the copier fills later; give it time
            results.append(self._take_tracked(path, st, seen, now))
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return results

    def _take_tracked(self, path: Path, st: os.stat_result, seen: _Seen, now: float) -> IntakeResult:
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            # A link could point anywhere on the machine; MiniMeter only takes real files.
            self._seen.pop(path, None)
            return self._reject(path, NOT_REGULAR)
        try:
            result = self.take(path, tenant=self._tenant(path))
            self._seen.pop(path, None)
            return result
        except MinimeterError as exc:
            seen.failures += 1
            if seen.failures >= MAX_TAKE_FAILURES or not exc.retryable:
                self._seen.pop(path, None)
                return self._reject(path, exc.one_line())
            seen.retry_at = now + min(2.0**seen.failures, 60.0)
            log.info("will retry %s: %s", path.name, exc.message)
            return IntakeResult(path, None, False, exc.one_line())

    def _tenant(self, path: Path) -> str | None:
        parent = path.parent
        return parent.name if parent != self.root else None

    # --- taking -----------------------------------------------------------------------
    def take(self, path: Path, *, tenant: str | None = None, move: bool = True, force: bool = False) -> IntakeResult:
        """Archive ``path`` and enqueue it (or record a duplicate); then move it to processed/.

        Content no reader takes (random bytes, a text file named ``.pdf``, an empty file) is
        never archived: its job is recorded FAILED with its hash, size and the one-line reason,
        the result carries that reason as ``error`` and the file goes to failed/ (when moving).
        ``force`` queues known bytes again and drops their cached extractions, so the job is
        really extracted again (the earlier bill versions stay as history)."""
        try:
            sha, size = hash_file(path)
        except FileNotFoundError:
            raise IntakeError("the file vanished before it could be read", retryable=False) from None
        except OSError as exc:
            raise IntakeError(f"cannot read the file: {exc.strerror}", hint="check its permissions",
                              retryable=True) from exc
        name = display_name(path.name)
        job = self.store.job_by_sha(sha)
        if force:
            self.store.cache_drop(sha)
        if job is not None and not force and job.archive_path:
            job, created = self.store.enqueue(sha, name, size, job.archive_path, job.ext)
        else:
            # New bytes, a forced run, or bytes refused before (asked again: a reader may have been
            # installed since; if one takes them now they are archived and `retry` finds them).
            head = self._head(path)
            reason = refusal(head)
            if reason is not None:
                job, created = self.store.enqueue(sha, name, size, "", safe_ext(path.name, head),
                                                  tenant=display_name(tenant) if tenant else None, refused=reason)
                return self._refused(path, job, created, reason, move)
            archived = archive_file(path, self.settings.archive_dir, expected_sha256=sha)
            job, created = self.store.enqueue(sha, name, size, str(archived.path), archived.ext,
                                              force=force, tenant=display_name(tenant) if tenant else None)
        if move:
            try:
                self._move(path, PROCESSED)
            except FileNotFoundError:
                # Archived and queued, then removed by its owner: taken all the same.
                log.info("%s vanished after it was archived", path.name)
        return IntakeResult(path, job, created)

    @staticmethod
    def _head(path: Path) -> bytes:
        try:
            return read_head(path)
        except FileNotFoundError:
            raise IntakeError("the file vanished before it could be read", retryable=False) from None
        except OSError as exc:
            raise IntakeError(f"cannot read the file: {exc.strerror}", hint="check its permissions",
                              retryable=True) from exc

    def _refused(self, path: Path, job: Job, created: bool, reason: str, move: bool) -> IntakeResult:
        if move:
            self._reject(path, reason)
        else:
            log.warning("not a bill: %s: %s", path.name, reason)
        return IntakeResult(path, job, created, reason)

    def _reject(self, path: Path, reason: str) -> IntakeResult:
        log.warning("not taken: %s: %s", path.name, reason)
        try:
            dest = self._move(path, FAILED)
            dest.with_name(dest.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        except FileNotFoundError:
            pass  # it vanished: there is nothing left to move, the reason is in the log
        except OSError as exc:
            log.error("could not move %s to failed/: %s", path.name, exc)
        return IntakeResult(path, None, False, reason)

    def _move(self, path: Path, folder: str) -> Path:
        dest_dir = self.root / folder
        dest_dir.mkdir(exist_ok=True, mode=0o700)
        name = path.name.replace(os.sep, "_")
        dest = dest_dir / name
        n = 1
        while dest.exists() or dest.is_symlink():
            n += 1
            dest = dest_dir / f"{Path(name).stem} ({n}){Path(name).suffix}"
        try:
            path.replace(dest)
        except OSError:
            shutil.move(str(path), str(dest))
        return dest
