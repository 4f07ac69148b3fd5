"""English lint: each pattern caught on a small fixture, and the real data clean.

In: short vi/en pairs, a copy of data/ with one Part heading broken, and the
wordings the corrections log replaced (each must fail the lint).
Out: the lint's messages (`data/FILE:LINE: id: English lint: …`).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from sitegen.document import load_site_data
from sitegen.english_lint import english_lint_problems, part_heading_problem, text_problems

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


def test_all_fields_in_any_wording_needs_tat_ca():
    assert any("across all fields" in m for m in text_problems("trên các lĩnh vực", "results across all fields"))
    assert text_problems("trên các lĩnh vực", "results across fields") == []


def test_mettle_is_kept_for_ban_linh():
    # "khí phách" is not "bản lĩnh": the old wording of ii-p2.
    assert any("“mettle”" in m for m in text_problems("truyền thống yêu nước, khí phách của người Hải Phòng", "the mettle of the people of Hai Phong"))
    assert text_problems("doanh nhân bản lĩnh, trách nhiệm", "entrepreneurs with mettle and responsibility") == []


def test_in_year_for_den_nam():
    assert any("in 2030" in m for m in text_problems("đạt trên 35% đến năm 2030", "reaches more than 35% in 2030"))
    assert text_problems("đạt 55% vào năm 2030", "reaches 55% in 2030") == []
    assert text_problems("thành lập trong năm 2025", "established in 2025") == []
    # One "năm 2030" beside one "đến năm 2030" allows exactly one "in 2030".
    assert text_problems("đến năm 2030 đạt A; năm 2030 đạt B", "A by 2030; B in 2030") == []
    assert any("in 2030" in m for m in text_problems("đến năm 2030 đạt A; năm 2030 đạt B", "A in 2030; B in 2030"))
    # A range is not a year.
    assert text_problems("đến năm 2030, giai đoạn 2026 - 2030", "by 2030, in 2026–2030") == []


def test_per_one():
    assert any("per 1" in m for m in text_problems("230 triệu đồng trên 01 ha", "VND 230 million per 1 ha"))
    assert text_problems("230 triệu đồng trên 01 ha", "VND 230 million from 1 ha") == []
    assert text_problems("trên 1.000 dân", "per 1,000 inhabitants") == []


def test_per_capita_and_per_person():
    assert any("per capita" in m for m in text_problems("bình quân đầu người đạt 36,5 m2 sàn/người", "per capita to reach 36.5 m² per person"))
    assert text_problems("bình quân đầu người đạt 36,5 m2 sàn/người", "per capita to reach 36.5 m²") == []


def test_smartisation_coinage():
    assert any("smartisation" in m for m in text_problems("thông minh hóa và xanh hóa", "smartisation and greening"))
    assert any("smart-isation" in m for m in text_problems("thông minh hóa", "smart-isation"))
    assert text_problems("thông minh hóa và xanh hóa", "smart transformation and greening") == []


def test_old_wordings_in_the_corrections_log_are_caught():
    """Every wording the log replaced for one of these patterns fails the lint against today's Vietnamese."""
    data, _ = load_site_data(ROOT / "data")
    nodes = data.by_id()
    log = yaml.safe_load((ROOT / "data" / "corrections.yaml").read_text(encoding="utf-8"))["corrections"]
    previous = {(e["date"], i): w for e in log for i, w in e["previous"].items()}
    cases = [
        ("2026-12-02", "ii-p1", "in all fields"),
        ("2026-12-02", "iii-4-1", "in all fields"),
        ("2026-12-02", "iii-2-p1", "political mettle"),
        ("2026-12-02", "iii-4-5", "political mettle"),
        ("2026-12-02", "iii-5-1-p1", "political mettle"),
        ("2026-12-02", "iii-5-10-p2", "by 2030"),
        ("2026-12-02", "iii-5-2-p1", "smartisation"),
        ("2026-12-02", "iii-5-5-p1", "per capita"),
        ("2026-12-02", "iii-5-5-p1", "by 2030"),
        ("2026-12-02", "viii-p2", "'2 100'"),
        ("2026-12-03", "iii-5-2-p4", "per 1"),
        ("2026-12-03", "ii-p2", "“mettle”"),
    ]
    for date, node_id, needle in cases:
        messages = text_problems(nodes[node_id].raw["vi"], previous[(date, node_id)])
        assert any(needle in m for m in messages), (date, node_id, needle, messages)
    for node_id in ("i", "ii", "iii", "iv", "v"):
        assert part_heading_problem(previous[("2026-12-02", node_id)]), node_id
        assert part_heading_problem(nodes[node_id].raw["en"]) is None, node_id
