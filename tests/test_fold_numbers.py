"""Python's folding, number reading and English stems against the table the JS is checked on.

In: tests/fold_number_cases.json (also read by tests/js/words.test.js).
Out: pass/fail: render.fold, sitegen/numbers.parse_number and
sitegen/search_terms.stem give the table's values, so the browser
(docs/assets/words.js) and the build (its checks of data/search-terms.yaml) agree.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from sitegen.numbers import parse_number
from sitegen.render import fold
from sitegen.search_terms import stem

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "fold_number_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text, folded", CASES["fold"])
def test_fold_matches_the_shared_table(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("case", CASES["numbers"], ids=lambda case: case["token"])
def test_numbers_match_the_shared_table(case):
    assert parse_number(case["token"], "vi") == Decimal(case["vi"])
    assert parse_number(case["token"], "en") == Decimal(case["en"])


@pytest.mark.parametrize("word, stemmed", CASES["stems"])
def test_stems_match_the_shared_table(word, stemmed):
    assert stem(word, "en") == stemmed
    assert stem(word, "vi") == word


def test_the_js_side_passes_on_the_same_table():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required for the JS unit tests")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
