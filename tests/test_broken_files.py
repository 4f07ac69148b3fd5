"""Broken data files are reported, never crash, and cause no follow-on noise.

In: a copy of data/ with one kind of broken file per case (YAML syntax error
in a resolution file, a side file and the root; cp1258 bytes; `en:` null;
a commitment whose source is not a task paragraph). Out: pass/fail: every
line has the `data/FILE:LINE: id: message` shape, the real error is there,
and nothing that only follows from it.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHAPE = re.compile(r"^data/[\w./-]+:\d+: [^:\s]+: \S.*$")
NOISE = ("unknown theme", "not included", "breaks the sequence", "does not occur", "fidelity")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _null_en(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("    en:")
    end = text.find("\n  - ", start)
    path.write_text(text[:start] + "    en: null\n" + (text[end + 1:] if end > 0 else ""), encoding="utf-8")


CASES = {
    "resolution syntax": (lambda d: _replace(d / "resolution/iii-3.yaml", "kind:", "kind: ["),
                          "data/resolution/iii-3.yaml:4: -: YAML syntax error"),
    "side file syntax": (lambda d: (d / "themes.yaml").write_text(
        (d / "themes.yaml").read_text(encoding="utf-8") + "\n  - : [\n", encoding="utf-8"),
                         "data/themes.yaml:35: -: YAML syntax error"),
    "root syntax": (lambda d: _replace(d / "resolution/document.yaml", "", "{"),
                    "data/resolution/document.yaml:3: -: YAML syntax error"),
    "not utf-8": (lambda d: (d / "resolution/iv.yaml").write_bytes(
        (d / "resolution/iv.yaml").read_text(encoding="utf-8").encode("cp1258", errors="replace")),
                  "data/resolution/iv.yaml:6: -: not UTF-8 (byte 0xcd at line 6)"),
    "en null": (lambda d: _null_en(d / "resolution/iv.yaml"), "data/resolution/iv.yaml:20: iv-p1: 0.en: is empty (null)"),
    "commitment source": (lambda d: _replace(d / "commitments.yaml", "source: iii-5-2-p1", "source: iii-5-p1"),
                          "iii-5-2-c1: source 'iii-5-p1' is not a paragraph of a task of Part III.5"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_broken_file_is_reported_in_shape(tmp_path, case):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    mutate, expected = CASES[case]
    mutate(data_dir)
    result = subprocess.run([sys.executable, "scripts/build_tables.py", "--data", str(data_dir), "validate"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode == 1, lines
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    problems = [line for line in lines if line.startswith("data/")]
    assert problems and all(SHAPE.match(line) for line in problems), lines
    assert any(expected in line for line in problems), problems
    if case not in ("commitment source", "en null"):  # those files parsed: their checks still run
        assert not [line for line in problems if any(n in line for n in NOISE)], problems
