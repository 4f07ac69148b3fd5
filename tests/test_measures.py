"""Measures say what their sentence says: regression tests for issue 13.

In: the real data/ and, for the checks, copies of data/ with one deliberate
defect each (broken fixtures, as in test_validation_errors.py). Out: the
faults the issue lists stay fixed, and each new validation rule reports its
defect as `data/FILE:LINE: id: message`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit, problems_of
from sitegen.document import load_site_data
from sitegen.formatting import Formatter
from sitegen.validate import validate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data():
    loaded, problems = load_site_data(ROOT / "data")
    assert not validate(loaded, problems)
    return loaded


def all_measures(data) -> dict[str, dict]:
    found = {}
    for node in data.nodes():
        if node.raw.get("kind") == "target":
            found.update({m["id"]: m for m in node.raw["measures"]})
    for item in data.side["commitments"]["commitments"]:
        found.update({m["id"]: m for m in item["measures"]})
    return found


def fmt(data, lang):
    return Formatter(lang, data.i18n[lang], data.side["units"]["units"])


def test_no_measure_says_exactly(data):
    measures = all_measures(data)
    assert len(measures) == 67
    assert not [mid for mid, m in measures.items() if m["comparator"] in ("exactly", "above")]
    assert sum(m["comparator"] == "reach" for m in measures.values()) == 30


def test_fdi_and_ddi_are_approximate_parts_of_the_total(data):
    measures = all_measures(data)
    for mid in ("iii-5-4-c2-m2", "iii-5-4-c2-m3"):
        assert measures[mid]["approximate"] is True and measures[mid]["part_of"] == "iii-5-4-c2-m1"
    assert fmt(data, "vi").value(measures["iii-5-4-c2-m2"]) == "phấn đấu: khoảng 4–5 tỷ USD/năm"
    assert fmt(data, "en").value(measures["iii-5-4-c2-m2"]) == "strive for: about USD 4–5 billion a year"


def test_strive_for_is_recorded_where_it_governs_the_target(data):
    measures = all_measures(data)
    aspirational = {mid.rsplit("-m", 1)[0] for mid, m in measures.items() if m.get("aspirational")}
    assert aspirational == {"iii-3-a-1", "iii-3-b-7", "iii-3-b-14", "iii-5-2-c1", "iii-5-2-c6", "iii-5-4-c1",
                            "iii-5-4-c2", "iii-5-5-c1", "iii-5-5-c2", "iii-5-8-c1"}
    assert fmt(data, "vi").value(measures["iii-3-a-1-m1"]) == "phấn đấu: từ 3% trở lên"


def test_b14_is_two_targets_stated_twice(data):
    measures = all_measures(data)
    assert measures["iii-3-b-14-m2"]["equivalent_to"] == "iii-3-b-14-m1"
    assert measures["iii-3-b-14-m4"]["equivalent_to"] == "iii-3-b-14-m3"
    independent = [mid for mid in measures if mid.startswith("iii-3-b-14-") and "equivalent_to" not in measures[mid]]
    assert independent == ["iii-3-b-14-m1", "iii-3-b-14-m3"]


def test_hdi_period_reads_as_a_level_and_totals_as_totals(data):
    measures = all_measures(data)
    en, vi = fmt(data, "en"), fmt(data, "vi")
    hdi, housing = measures["iii-3-b-17-m1"], measures["iii-3-b-18-m1"]
    assert en.period(hdi["period"], hdi["kind"]) == "in the 2026–2030 period"
    assert en.period(housing["period"], housing["kind"]) == "in total over 2026–2030"
    assert vi.period(housing["period"], housing["kind"]) == "cả giai đoạn 2026–2030"


def test_unstated_periods_are_flagged_as_inferred(data):
    measures = all_measures(data)
    inferred = sorted(mid for mid, m in measures.items() if "inferred" in m["period"])
    assert inferred == sorted(["iii-3-a-2-m1", "iii-3-a-6-m1", "iii-3-a-6-m2", "iii-3-a-7-m1", "iii-3-b-19-m2",
                               "iii-3-b-21-m1", "iii-3-b-22-m1", "iii-3-b-22-m2", "iii-5-2-c5-m1",
                               "iii-5-8-c2-m1", "iii-5-8-c2-m2"])
    assert fmt(data, "en").period(measures["iii-3-b-22-m1"]["period"]) == "over the 2025–2030 term (inferred)"


def test_directions_and_parts(data):
    measures = all_measures(data)
    assert measures["iii-5-4-c1-m2"]["direction"] == "lower"
    assert measures["iii-5-9-c1-m1"]["direction"] == "zero" and "value" not in measures["iii-5-9-c1-m1"]
    assert all(measures[f"iii-3-b-13-m{n}"]["direction"] == "lower" for n in range(1, 5))
    assert all(measures[f"iii-3-b-1-m{n}"]["part_of"] == "iii-3-b-1-m1" for n in range(2, 6))
    assert measures["iii-3-b-5-m2"]["part_of"] == "iii-3-b-5-m1"


def test_labels_and_theme_name(data):
    measures = all_measures(data)
    assert "địa phương, đơn vị" in measures["iii-3-a-6-m2"]["label"]["vi"]
    assert "giá trị" in measures["iii-3-b-4-m3"]["label"]["vi"] and "value" in measures["iii-3-b-4-m3"]["label"]["en"]
    growth = next(t for t in data.side["themes"]["themes"] if t["id"] == "growth")
    assert growth["en"] == "Growth and economic structure"


# ---------------------------------------------------------------- broken fixtures

def test_a_field_number_the_sentence_lacks_is_reported(data_copy):
    edit(data_copy / "resolution" / "iii-3.yaml", "value: 57\n", "value: 57\n            stretch: 60\n")
    found = problems_of(data_copy)
    assert any("iii-3-b-10: iii-3-b-10-m1: numbers in the fields that the vi sentence does not state: 60" in p for p in found), found


def test_an_unflagged_invented_period_is_reported(data_copy):
    path = data_copy / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: iii-5-2-c5-m1")
    head, tail = text[:start], text[start:]
    end = tail.index("\n", tail.index("period:"))
    tail = "id: iii-5-2-c5-m1" + tail[len("id: iii-5-2-c5-m1"):tail.index("period:")] + "period: {kind: by, year: 2031}" + tail[end:]
    path.write_text(head + tail, encoding="utf-8")
    found = problems_of(data_copy)
    assert any("iii-5-2-c5: iii-5-2-c5-m1: numbers in the fields that the vi sentence does not state: 2031" in p for p in found), found


def test_exactly_is_rejected(data_copy):
    edit(data_copy / "resolution" / "iii-3.yaml", "comparator: reach", "comparator: exactly")
    assert any("'exactly' is not one of" in p for p in problems_of(data_copy))


def test_about_needs_approximate(data_copy):
    path = data_copy / "resolution" / "iii-3.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: iii-3-b-11-m1")
    flag = text.index("approximate: true\n", start)
    line_start = text.rindex("\n", 0, flag) + 1
    path.write_text(text[:line_start] + text[flag + len("approximate: true\n"):], encoding="utf-8")
    assert any("iii-3-b-11-m1: 'approximate' is missing" in p for p in problems_of(data_copy))


def test_a_flag_the_sentence_does_not_support_is_reported(data_copy):
    edit(data_copy / "resolution" / "iii-3.yaml", "unit: million-tonnes\n", "unit: million-tonnes\n            approximate: true\n")
    assert any("iii-3-b-8-m1: approximate but the sentence does not say 'khoảng'" in p for p in problems_of(data_copy))


def test_a_dangling_link_is_reported(data_copy):
    edit(data_copy / "resolution" / "iii-3.yaml", "equivalent_to: iii-3-b-14-m1", "equivalent_to: iii-3-b-14-m9")
    assert any("equivalent_to 'iii-3-b-14-m9' is not a measure of iii-3-b-14" in p for p in problems_of(data_copy))


def test_duplicate_and_misplaced_measure_ids_are_reported(data_copy):
    edit(data_copy / "resolution" / "iii-3.yaml", "id: iii-3-b-22-m2", "id: iii-3-b-22-m1")
    edit(data_copy / "commitments.yaml", "id: iii-5-2-c3-m1", "id: iii-5-2-c4-m1")
    found = problems_of(data_copy)
    assert any("duplicate measure id 'iii-3-b-22-m1'" in p for p in found), found
    assert any("measure id 'iii-5-2-c4-m1' must start with iii-5-2-c3-m" in p for p in found), found
