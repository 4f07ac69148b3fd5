"""English lint: each pattern caught on a small fixture, and the real data clean.

In: short vi/en pairs, and a copy of data/ with one Part heading broken.
Out: the lint's messages (`data/FILE:LINE: id: English lint: …`).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.document import load_site_data
from sitegen.english_lint import english_lint_problems, text_problems

ROOT = Path(__file__).resolve().parents[1]


def test_in_all_fields_needs_tat_ca():
    assert any("in all fields" in m for m in text_problems("kết quả trên các lĩnh vực", "results in all fields"))
    assert text_problems("trên tất cả các lĩnh vực", "in all fields") == []


def test_political_mettle_needs_chinh_tri():
    assert any("political mettle" in m for m in text_problems("có bản lĩnh, trí tuệ", "political mettle and intellect"))
    assert text_problems("bản lĩnh chính trị vững vàng", "firm political mettle") == []


def test_by_year_for_vao_nam():
    assert any("by 2030" in m for m in text_problems("đạt 55% vào năm 2030", "reaches 55% by 2030"))
    assert text_problems("đạt 55% đến năm 2030", "reaches 55% by 2030") == []
    # One "đến năm" does not excuse a second "by" that stands for "vào năm".
    mixed = text_problems("đến năm 2030 đạt A; đạt B vào năm 2030", "by 2030 reach A; reach B by 2030")
    assert any("by 2030" in m for m in mixed)


def test_numerals_side_by_side():
    assert any("'2 100'" in m for m in text_problems("2 mục tiêu 100 năm", "the 2 100-year goals"))
    assert text_problems("2 mục tiêu 100 năm", "the two 100-year goals") == []
    assert text_problems("11.247 USD", "USD 11,247") == []


def test_participle_part_heading(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    path = data_dir / "resolution" / "iv.yaml"
    text = path.read_text(encoding="utf-8")
    assert "To unanimously approve the report" in text
    path.write_text(text.replace("To unanimously approve the report", "Unanimously approving the report"), encoding="utf-8")
    line = text[: text.index("\nen:")].count("\n") + 2
    data, _ = load_site_data(data_dir)
    found = [str(p) for p in english_lint_problems(data)]
    assert any(p.startswith(f"data/resolution/iv.yaml:{line}: iv: English lint: a Part heading") for p in found), found


def test_real_data_is_clean():
    data, _ = load_site_data(ROOT / "data")
    assert [str(p) for p in english_lint_problems(data)] == []
