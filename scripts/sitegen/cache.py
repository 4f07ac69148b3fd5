"""A content-addressed cache of build outputs, in .cache/<kind>/.

In: a kind of output ("pdf", "social"), the hash of everything one output is
made from (`digest`), and the function that makes it. Out: its bytes, read
from .cache/<kind>/<hash><suffix> when an earlier build made the same thing,
otherwise made, stored atomically (a reader never sees half a file) and the
oldest entries pruned. Equal inputs give equal bytes, so a hit is exactly
what making it again would give. Processes making the same output at once
(parallel builds, test workers) make it once: the others wait for it. A
read-only checkout builds without a cache.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from pathlib import Path
from typing import Callable

from .document import ROOT

CACHE_ROOT = ROOT / ".cache"
KEEP = 24  # newest entries kept per kind


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each delimited, so ("ab", "c") and ("a", "bc") differ."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()


def file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def cached(kind: str, key: str, suffix: str, make: Callable[[], bytes], use: bool = True,
           keep: int = KEEP) -> bytes:
    """The output stored under `key`, or `make()` stored there (`use=False`: always make)."""
    folder = CACHE_ROOT / kind
    path = folder / f"{key}{suffix}"
    if not use:
        return make()
    with _making(folder, key):  # another process making the same output: wait, then read it
        try:
            return path.read_bytes()
        except OSError:
            pass  # not cached (or removed meanwhile): make it
        content = make()
        try:
            partial = path.with_name(f"{key}.{os.getpid()}.tmp")
            partial.write_bytes(content)
            partial.replace(path)
            prune(folder, suffix, keep)
        except OSError:
            pass  # a read-only checkout builds without a cache
    return content


@contextlib.contextmanager
def _making(folder: Path, key: str):
    """An exclusive lock on one key, across processes (none where the cache cannot be written)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / f"{key}.lock", "a", encoding="utf-8")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            # A process still waiting on the removed file then finds the output made
            # (or, at worst, makes it once more): never a wrong result.
            with contextlib.suppress(OSError):
                (folder / f"{key}.lock").unlink()


def prune(folder: Path, suffix: str, keep: int = KEEP) -> None:
    """Remove all but the `keep` newest entries of one kind."""
    entries = []
    for path in folder.glob(f"*{suffix}"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue  # pruned by another build meanwhile
    for _, old in sorted(entries, reverse=True)[keep:]:
        old.unlink(missing_ok=True)
