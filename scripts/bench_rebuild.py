#!/usr/bin/env python3
"""Rebuild speed for `make bench`: figures to read, not a pass/fail test.

In: the repository, copied to a temporary folder (the working tree is never
touched). Out, printed against their budgets (issue 17):
  (a) a full build (`scripts/build_site.py`: validation, generation, the
      strict MkDocs build, search index, social images, minification, CSP;
      the PDF editions come from their content-hash cache, warmed by a first
      build, so they are excepted) against a bare `mkdocs build` of the same
      generated pages (same theme, plugins and overrides, with a hook that
      only sets the per-language strings: no validation, generation or
      post-build), best of N each, and their ratio (budget ≤ 2×);
  (b) `mkdocs serve`: the seconds from an edit of data/ (one English word of
      iii-5-2-p3) to /en/text/ served with the change (budget ≤ 2 s), for
      each of N edits, and their median; and, for information, to the search
      index that holds the change (Pagefind runs on a thread under serve,
      after the pages are served).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import commit_epoch, copy_project

ROOT = Path(__file__).resolve().parents[1]
BARE_HOOK = '''"""Benchmark only: the per-language strings of the real hook, nothing else."""
import mkdocs_hooks as full
from mkdocs.plugins import event_priority
from sitegen.document import DATA_DIR, load_site_data


@event_priority(-110)
def on_config(config):
    if "data" not in full._state:  # load once, never validate: a bare build
        full._state["data"], _ = load_site_data(DATA_DIR)
        full._state["data_fingerprint"] = full._data_fingerprint()
    return full.on_config(config)


on_page_markdown = full.on_page_markdown
on_page_content = full.on_page_content
'''
EDITED_FILE = Path("data/resolution/iii-5-2.yaml")
EDITED_WORDS = "Develop marine, heritage and cultural tourism"


def environment() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=commit_epoch())


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=environment(), check=True, capture_output=True)
    return time.perf_counter() - start


def build_ratio(project: Path, repeat: int) -> tuple[float, float]:
    """(best full build, best bare mkdocs build) in seconds."""
    python = sys.executable
    timed([python, "scripts/build_site.py", str(project / "site-warm")], project)  # warms the PDF cache
    full = min(timed([python, "scripts/build_site.py", str(project / f"site-{n}")], project) for n in range(repeat))
    (project / "scripts" / "bench_bare_hook.py").write_text(BARE_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    bare_config = project / "mkdocs-bare.yml"
    bare_config.write_text(config.replace("scripts/mkdocs_hooks.py", "scripts/bench_bare_hook.py"), encoding="utf-8")
    subprocess.run([python, "scripts/build_tables.py", "build"], cwd=project, env=environment(), check=True, capture_output=True)
    bare = min(timed([python, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(bare_config),
                      "--site-dir", str(project / f"bare-{n}")], project) for n in range(repeat))
    return full, bare


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, limit: float) -> float | None:
    """Seconds until `url` serves a page containing `needle` (None past `limit`)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def wait_for_change(url: str, before: str, start: float, limit: float) -> float | None:
    """Seconds from `start` until `url` serves something other than `before` (None past `limit`)."""
    while time.perf_counter() - start < limit:
        now = fetch(url)
        if now and now != before:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def serve_latencies(project: Path, edits: int) -> tuple[list[float | None], list[float | None]]:
    """(edit → changed page served, edit → search index with the change served), per edit."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/en/text/"
    index = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"  # names each language's index hash
    latencies: list[float | None] = []
    indexed: list[float | None] = []
    try:
        if wait_for(page, EDITED_WORDS, 120) is None:
            raise RuntimeError("mkdocs serve did not serve /en/text/ within 120 s")
        path = project / EDITED_FILE
        original = path.read_text(encoding="utf-8")
        for edit in range(edits):
            marker = "Develop " + "seaside" * (edit + 1)  # an English word only: no number, no Vietnamese
            time.sleep(1.5)  # let the watcher settle after the previous rebuild
            before = fetch(index)
            start = time.perf_counter()
            path.write_text(original.replace("Develop marine", marker + " marine", 1), encoding="utf-8")
            latencies.append(wait_for(page, marker, 30))
            indexed.append(wait_for_change(index, before, start, 30))
        path.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return latencies, indexed


def shown(seconds: list[float | None]) -> str:
    return ", ".join("timeout" if s is None else f"{s:.2f} s" for s in seconds)


def median_of(seconds: list[float | None]) -> float | None:
    """The median, or None when any measurement timed out."""
    return None if None in seconds else statistics.median(seconds)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="builds per figure; the best is kept (default 2)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed under mkdocs serve (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hp-rebuild-") as scratch:
        project = copy_project(Path(scratch) / "project")
        full, bare = build_ratio(project, args.repeat)
        print("\nRebuild speed (best of runs; PDF editions from their cache)")
        print(f"  full build (scripts/build_site.py)   {full:6.2f} s")
        print(f"  bare mkdocs build, same pages        {bare:6.2f} s")
        print(f"  ratio {full / bare:.2f}× (budget ≤ 2×): {'within' if full <= 2 * bare else 'OVER'}")
        latencies, indexed = serve_latencies(project, args.edits)
        median = median_of(latencies)
        verdict = "within" if median is not None and median <= 2 else "OVER"
        print(f"  mkdocs serve, edit of data/ → page served: {shown(latencies)}; median "
              f"{'n/a' if median is None else f'{median:.2f} s'} (budget ≤ 2 s): {verdict}")
        index_median = median_of(indexed)
        print(f"  mkdocs serve, edit of data/ → search index served: {shown(indexed)}; median "
              f"{'n/a' if index_median is None else f'{index_median:.2f} s'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
