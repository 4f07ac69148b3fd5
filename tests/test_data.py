"""The resolution's data: valid, faithful to the source, fully translated.

In: data/ and data/source/. Out: pass/fail on the issue's promises:
the Vietnamese equals the source word for word, every node is translated
with the same numbers, targets carry structured fields holding every number
of their sentence, and any sentence can be found by its number.
"""
from __future__ import annotations

import copy

import pytest

from sitegen.fidelity import compare_with_source, first_difference, normalise
from sitegen.numbers import numbers_in
from sitegen.validate import field_numbers

EXPECTED_IDS = ["preamble", "preamble-p1", "quyet-nghi", "i", "i-p1", "ii-p4", "iii-1-p6", "iii-2-p1",
                "iii-3-a", "iii-3-a-7", "iii-3-b", "iii-3-b-22", "iii-4-5", "iii-5-p1", "iii-5-2-p3",
                "iii-5-11-p1", "iv-p1", "v-p1", "vi-p1", "vii-p1", "viii-p2"]


def test_data_is_valid(site_data):
    assert site_data.root is not None


def test_vietnamese_matches_source_word_for_word(site_data):
    assert compare_with_source(site_data) is None


def test_fidelity_names_the_first_differing_words(site_data):
    data = copy.deepcopy(site_data)
    node = data.by_id()["iii-3-b-18"]
    node.raw["vi"] = node.raw["vi"].replace("32.900", "32.000")
    message = compare_with_source(data)
    assert message is not None and "32.000" in message and "32.900" in message


def test_tone_placement_and_nfc_are_normalised():
    assert normalise("hoá thuỷ khoẻ") == normalise("hóa thủy khỏe")
    assert normalise("e\u0302\u0301") == normalise("ế")
    assert first_difference(["a", "b"], ["a", "c"]).startswith("first difference at word 2")


def test_tree_mirrors_the_document(site_data):
    ids = site_data.by_id()
    for node_id in EXPECTED_IDS:
        assert node_id in ids, node_id
    parts = [n.id for n in site_data.root.children if n.kind == "part"]
    assert parts == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    assert [n.id for n in ids["iii"].children] == [f"iii-{k}" for k in range(1, 6)]
    assert len(ids["iii-3-a"].children) == 7 and len(ids["iii-3-b"].children) == 22
    assert [n.id for n in ids["iii-5"].children if n.kind == "task"] == [f"iii-5-{k}" for k in range(1, 12)]
    assert [n.kind for n in ids["iii-1"].children] == ["item"] * 6


def test_every_node_is_translated_in_full(site_data):
    for node in site_data.nodes():
        vi, en = node.raw.get("vi"), node.raw.get("en")
        if vi is None:
            continue
        assert en and en.strip(), node.id
        assert numbers_in(vi, "vi") == numbers_in(en, "en"), node.id
        if len(vi) > 120:
            # A dropped clause shows as a much shorter English paragraph.
            assert 0.7 < len(en) / len(vi) < 1.6, (node.id, len(vi), len(en))


def test_every_target_number_is_in_its_fields(site_data):
    targets = [n for n in site_data.nodes() if n.kind == "target"]
    assert len(targets) == 29
    for target in targets:
        stated = set(field_numbers(target.raw["measures"]))
        for lang in ("vi", "en"):
            assert set(numbers_in(target.raw[lang], lang)) <= stated, (target.id, lang)


def test_grdp_target_has_overall_and_four_sector_rates(site_data):
    measures = site_data.by_id()["iii-3-b-1"].raw["measures"]
    values = [m["value"] for m in measures]
    assert values == [13, 15.2, 10.9, 2, 8]
    assert measures[0]["comparator"] == "at-least" and measures[0]["stretch"] == 14
    assert all(m["period"] == {"kind": "annual-average", "from": 2026, "to": 2030} for m in measures)


def test_groups_and_themes(site_data):
    ids = site_data.by_id()
    assert ids["iii-3-a"].raw["group"] == "party-building"
    assert ids["iii-3-b"].raw["group"] == "socio-economic"
    themes = {t["id"] for t in site_data.side["themes"]["themes"]}
    assert {n.raw["theme"] for n in site_data.nodes() if n.kind == "target"} <= themes


def test_metadata_states_authority_and_congress_facts(site_data):
    meta = site_data.side["meta"]
    assert "authoritative" in meta["authority"]["en"] and "unofficial" in meta["authority"]["en"]
    assert meta["congress"]["opened"] == "2025-09-26" and meta["congress"]["closed"] == "2025-09-27"


def test_glossary_has_every_required_abbreviation(site_data):
    terms = {t["term"]["vi"] for t in site_data.side["glossary"]["terms"]}
    for abbreviation in ["GRDP", "IIP", "TFP", "DTI", "PCI", "PAR Index", "PGI", "FDI", "DDI", "ESG", "TOD",
                         "R&D", "AI", "Covid-19", "5G"]:
        assert any(abbreviation in term for term in terms), abbreviation
    assert any("FTA" in term for term in terms)


@pytest.mark.parametrize("text, lang, expected", [
    ("11.247 USD và 2,4 triệu", "vi", ["11247", "2.4"]),
    ("USD 11,247 and 2.4 million", "en", ["11247", "2.4"]),
    ("ngày 14/4/2025", "vi", ["2025-04-14"]),
    ("on 14 April 2025", "en", ["2025-04-14"]),
    ("Đại hội XIV, khóa XVI, lần thứ I", "vi", ["14", "16", "1"]),
    ("36,5 m2 và 226/2025/QH15", "vi", ["36.5", "226", "2025"]),
])
def test_numbers_are_read_in_each_convention(text, lang, expected):
    assert sorted(str(v) for v in numbers_in(text, lang).elements()) == sorted(expected)
