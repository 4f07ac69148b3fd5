"""The content-addressed cache of build outputs (scripts/sitegen/cache.py).

In: a temporary cache folder. Out: pass/fail: a hit returns what was stored
without making it again, a different key makes anew, `use=False` always
makes and stores nothing, and only the newest entries are kept.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitegen import cache


def test_a_hit_is_read_a_miss_is_made_and_stored(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_ROOT", tmp_path)
    made = []

    def make(content: bytes):
        return lambda: made.append(content) or content

    key = cache.digest("html", b"font")
    assert cache.cached("pdf", key, ".pdf", make(b"one")) == b"one"
    assert cache.cached("pdf", key, ".pdf", make(b"two")) == b"one"  # read, not made
    assert made == [b"one"]
    assert cache.cached("pdf", cache.digest("html", b"other font"), ".pdf", make(b"three")) == b"three"
    assert cache.cached("pdf", key, ".pdf", make(b"four"), use=False) == b"four"
    assert made == [b"one", b"three", b"four"]
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(
        [f"{key}.pdf", f"{cache.digest('html', b'other font')}.pdf"])  # no temporary file left


def test_parts_are_delimited():
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("a") == cache.digest(b"a")


def test_only_the_newest_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_ROOT", tmp_path)
    for index in range(5):
        cache.cached("social", f"k{index}", ".png", lambda: b"x", keep=3)
        os.utime(tmp_path / "social" / f"k{index}.png", (1000 + index, 1000 + index))
    cache.prune(tmp_path / "social", ".png", keep=3)
    assert sorted(p.name for p in (tmp_path / "social").iterdir()) == ["k2.png", "k3.png", "k4.png"]


def test_processes_making_the_same_output_make_it_once(tmp_path):
    """Two processes asking at once for one missing output: one makes it, the other reads it."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    program = (f"import sys, time; sys.path.insert(0, {str(scripts)!r})\n"
               "from pathlib import Path\n"
               "from sitegen import cache\n"
               f"cache.CACHE_ROOT = Path({str(tmp_path)!r})\n"
               f"log = Path({str(tmp_path / 'made.log')!r})\n"
               "def make():\n"
               "    with log.open('a') as out: out.write('made\\n')\n"
               "    time.sleep(1)\n"
               "    return b'pdf'\n"
               "print(cache.cached('pdf', 'k', '.pdf', make).decode())\n")
    runs = [subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=60)[0].strip() for run in runs]
    assert outputs == ["pdf", "pdf"]
    assert (tmp_path / "made.log").read_text().splitlines() == ["made"]
