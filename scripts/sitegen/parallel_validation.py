"""Validation on a second core while the pages are generated in memory.

In: the loaded data (SiteData) and the problems found while loading it.
Out: `PendingValidation(data, load_problems)`, a handle whose `problems()` is exactly what
`validate.validate(data, load_problems)` returns. Where the system can fork,
the checks run in a forked child (it inherits the data: nothing is copied on
the way in, only the problems come back, pickled) while the build renders the
pages in memory; elsewhere `problems()` runs them in the calling process.

Nothing may be written, and nothing drawn, before the verdict is in: callers
write the rendered files only after `problems()` returned none, and call
`require_valid()` before any costly drawing (the PDF editions), which raises
`InvalidData` with the problems. A rendering that fails on data the checks
reject is reported as those problems, never as a traceback.
"""
from __future__ import annotations

import os
import pickle

from .validate import validate
from .yamlload import Problem


class InvalidData(Exception):
    """data/ has problems: each one printed as `file:line: id: message`."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class PendingValidation:
    """`validate(data, load_problems)`, running in a forked child where possible."""

    def __init__(self, data, load_problems: list[Problem], fork: bool = True):
        self._data, self._load_problems = data, list(load_problems)
        self._verdict: list[Problem] | None = None
        self._child: tuple[int, int] | None = None
        if fork and hasattr(os, "fork"):
            self._child = self._fork()

    def _fork(self) -> tuple[int, int] | None:
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the child: check, send the problems, leave without running the parent's exit code
            status = 0
            try:
                os.close(reader)
                payload = pickle.dumps(validate(self._data, self._load_problems))
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:  # the parent then checks in its own process, and reports properly
                status = 1
            os._exit(status)
        os.close(writer)
        return pid, reader

    def problems(self) -> list[Problem]:
        """Every problem, sorted (waits for the child); the same list on every call."""
        if self._verdict is None:
            self._verdict = self._from_child() if self._child else None
            if self._verdict is None:  # no fork, or the child failed: check here
                self._verdict = validate(self._data, self._load_problems)
        return self._verdict

    def _from_child(self) -> list[Problem] | None:
        pid, reader = self._child
        self._child = None
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not payload:
            return None
        return pickle.loads(payload)

    def require_valid(self) -> None:
        """Return when the data passed every check; raise InvalidData otherwise."""
        found = self.problems()
        if found:
            raise InvalidData(found)
