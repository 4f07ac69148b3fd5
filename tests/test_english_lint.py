"""English lint: each pattern caught on a small fixture, and the real data clean.

In: short vi/en pairs, a copy of data/ with one Part heading broken, and the
wordings the corrections log replaced (each must fail the lint).
Out: the lint's messages (`data/FILE:LINE: id: English lint: …`).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import edit

from sitegen.document import load_site_data
from sitegen.english_lint import english_lint_problems, part_heading_problem, text_problems

ROOT = Path(__file__).resolve().parents[1]


# (Vietnamese, English, the message's needle, or None when the pair is clean)
PAIRS = [
    # "in all fields" without "tất cả"
    ("kết quả trên các lĩnh vực", "results in all fields", "in all fields"),
    ("trên tất cả các lĩnh vực", "in all fields", None),
    ("trên các lĩnh vực", "results across all fields", "across all fields"),
    ("trên các lĩnh vực", "results across fields", None),
    # "political mettle" without "chính trị"; "mettle" only for "bản lĩnh"
    ("có bản lĩnh, trí tuệ", "political mettle and intellect", "political mettle"),
    ("bản lĩnh chính trị vững vàng", "firm political mettle", None),
    ("truyền thống yêu nước, khí phách của người Hải Phòng", "the mettle of the people of Hai Phong", "“mettle”"),
    ("doanh nhân bản lĩnh, trách nhiệm", "entrepreneurs with mettle and responsibility", None),
    # "by 2030" for "vào năm 2030"; one "đến năm" does not excuse a second "by"
    ("đạt 55% vào năm 2030", "reaches 55% by 2030", "by 2030"),
    ("đạt 55% đến năm 2030", "reaches 55% by 2030", None),
    ("đến năm 2030 đạt A; đạt B vào năm 2030", "by 2030 reach A; reach B by 2030", "by 2030"),
    # "in 2030" for "đến năm 2030"; a range is not a year
    ("đạt trên 35% đến năm 2030", "reaches more than 35% in 2030", "in 2030"),
    ("đạt 55% vào năm 2030", "reaches 55% in 2030", None),
    ("thành lập trong năm 2025", "established in 2025", None),
    ("đến năm 2030 đạt A; năm 2030 đạt B", "A by 2030; B in 2030", None),
    ("đến năm 2030 đạt A; năm 2030 đạt B", "A in 2030; B in 2030", "in 2030"),
    ("đến năm 2030, giai đoạn 2026 - 2030", "by 2030, in 2026–2030", None),
    # two numerals side by side
    ("2 mục tiêu 100 năm", "the 2 100-year goals", "'2 100'"),
    ("2 mục tiêu 100 năm", "the two 100-year goals", None),
    ("11.247 USD", "USD 11,247", None),
    # "per 1"
    ("230 triệu đồng trên 01 ha", "VND 230 million per 1 ha", "per 1"),
    ("230 triệu đồng trên 01 ha", "VND 230 million from 1 ha", None),
    ("trên 1.000 dân", "per 1,000 inhabitants", None),
    # "per capita" and "per person" in one text
    ("bình quân đầu người đạt 36,5 m2 sàn/người", "per capita to reach 36.5 m² per person", "per capita"),
    ("bình quân đầu người đạt 36,5 m2 sàn/người", "per capita to reach 36.5 m²", None),
    # coinages
    ("thông minh hóa và xanh hóa", "smartisation and greening", "smartisation"),
    ("thông minh hóa", "smart-isation", "smart-isation"),
    ("thông minh hóa và xanh hóa", "smart transformation and greening", None),
]


@pytest.mark.parametrize("vi, en, needle", PAIRS)
def test_each_pattern_is_caught_and_the_clean_wording_passes(vi, en, needle):
    messages = text_problems(vi, en)
    if needle is None:
        assert messages == []
    else:
        assert any(needle in m for m in messages), messages


def test_participle_part_heading(data_copy):
    path = data_copy / "resolution" / "iv.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("\nen:")].count("\n") + 2
    edit(path, "To unanimously approve the report", "Unanimously approving the report")
    data, _ = load_site_data(data_copy)
    found = [str(p) for p in english_lint_problems(data)]
    assert any(p.startswith(f"data/resolution/iv.yaml:{line}: iv: English lint: a Part heading") for p in found), found


def test_real_data_is_clean():
    data, _ = load_site_data(ROOT / "data")
    assert [str(p) for p in english_lint_problems(data)] == []


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
