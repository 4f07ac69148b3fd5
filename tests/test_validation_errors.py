"""Validation reports every problem at once as `data/FILE:LINE: id: message`.

In: a copy of data/ with one deliberate defect per test (a small broken
fixture made by editing the copy). Out: the exact message, file and line,
and a non-zero exit from `scripts/build_tables.py validate`.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import edit, problems_of

ROOT = Path(__file__).resolve().parents[1]


def test_real_data_has_no_problems():
    assert problems_of(ROOT / "data") == []


def test_missing_en(data_copy):
    path = data_copy / "resolution" / "iii-2.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: iii-2-p1")
    en_at = text.index("    en:", start)
    path.write_text(text[:en_at], encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert f"data/resolution/iii-2.yaml:{line}: iii-2-p1: 'en' is missing" in problems_of(data_copy)


def test_duplicated_id(data_copy):
    line = edit(data_copy / "resolution" / "iv.yaml", "- id: iv-p1", "- id: iii-5-2-p3")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/resolution/iv.yaml:{line}: iii-5-2-p3: duplicate id (first used at data/resolution/iii-5-2.yaml:")
               for p in found), found


def test_wrong_type(data_copy):
    line = edit(data_copy / "resolution" / "iii-3.yaml", "        value: 11247", "        value: eleven")
    found = problems_of(data_copy)
    assert f"data/resolution/iii-3.yaml:{line}: iii-3-b-2-m1: 0.value: 'eleven' is not of type 'number'" in found, found


def test_unknown_key(data_copy):
    line = edit(data_copy / "resolution" / "v.yaml", "kind: part\n", "kind: part\ncolour: red\n") + 1
    assert f"data/resolution/v.yaml:{line}: v: unknown key 'colour'" in problems_of(data_copy)


def test_broken_yaml_names_file_and_line(data_copy):
    line = edit(data_copy / "resolution" / "vi.yaml", "kind: part\n", "kind: [part\n")
    found = problems_of(data_copy)
    reported = [int(p.split(":")[1]) for p in found if p.startswith("data/resolution/vi.yaml:") and "YAML syntax error" in p]
    assert reported and all(line <= at <= line + 1 for at in reported), found  # the parser stops on the next line
    assert all("Traceback" not in p for p in found)


def test_number_differs_between_vi_and_en(data_copy):
    path = data_copy / "resolution" / "iii-3.yaml"
    text = path.read_text(encoding="utf-8")
    node_at = text.index("id: iii-3-b-18")
    en_line = text[: text.index("\n        en:", node_at) + 1].count("\n") + 1
    path.write_text(text.replace("32,900", "32,800"), encoding="utf-8")
    found = problems_of(data_copy)
    prefix = f"data/resolution/iii-3.yaml:{en_line}: iii-3-b-18: text: "
    assert prefix + "numbers in vi missing from en: 32900" in found, found
    assert prefix + "numbers in en not in vi: 32800" in found, found


def test_target_number_missing_from_fields(data_copy):
    edit(data_copy / "resolution" / "iii-3.yaml", "value: 32900", "value: 32000")
    found = problems_of(data_copy)
    assert any(": iii-3-b-18: numbers of the vi sentence missing from its fields: 32900" in p for p in found), found


def test_id_breaking_the_numbering(data_copy):
    edit(data_copy / "resolution" / "iii-4.yaml", "id: iii-4-2", "id: iii-4-two")
    assert any(": iii-4-two: id does not follow the document's numbering: expected 'iii-4-2'" in p
               for p in problems_of(data_copy))


def test_every_problem_reported_at_once_and_cli_fails(data_copy):
    edit(data_copy / "resolution" / "v.yaml", "kind: part\n", "kind: part\ncolour: red\n")
    edit(data_copy / "resolution" / "iii-3.yaml", "value: 32900", "value: 32000")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_tables.py"), "--data", str(data_copy), "validate"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "unknown key 'colour'" in result.stderr and "missing from its fields: 32900" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_refuses_invalid_data(data_copy, tmp_path):
    edit(data_copy / "resolution" / "v.yaml", "kind: part\n", "kind: part\ncolour: red\n")
    docs = tmp_path / "docs"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_tables.py"), "--data", str(data_copy),
                             "--docs", str(docs), "build"], capture_output=True, text=True)
    assert result.returncode == 1 and not docs.exists()


def test_a_number_of_the_tasks_left_out_of_the_commitments(data_copy):
    """Every number of Part III.5 is a commitment or listed as not a target."""
    edit(data_copy / "commitments.yaml", "value: 36.5", "value: 36")
    found = problems_of(data_copy)
    assert any(": iii-5-5-p1: numbers neither in data/commitments.yaml nor listed there as not targets: 36.5" in p
               for p in found), found


# -- the search's concept map (data/search-terms.yaml, sitegen/search_terms.py) --

def test_a_concept_whose_words_of_the_text_are_not_in_the_text(data_copy):
    line = edit(data_copy / "search-terms.yaml", "text: [giao thông công cộng]}", "text: [giao thông tàu bay]}")
    assert (f"data/search-terms.yaml:{line}: public-transport: text phrase 'giao thông tàu bay' "
            "does not occur in the vi text") in problems_of(data_copy)


def test_an_everyday_word_that_the_text_has_is_never_remapped(data_copy):
    line = edit(data_copy / "search-terms.yaml", "vi: {everyday: [xe buýt, xe bus,", "vi: {everyday: [xe buýt, giao thông, xe bus,")
    found = problems_of(data_copy)
    assert (f"data/search-terms.yaml:{line}: public-transport: everyday phrase 'giao thông' occurs in the vi text: "
            "an exact match must not be remapped") in found
    edit(data_copy / "search-terms.yaml", "en: {everyday: [bus, buses,", "en: {everyday: [bus, buses, transports,")
    found = problems_of(data_copy)  # compared as English stems: "transports" is "transport"
    assert any(": public-transport: everyday phrase 'transports' occurs in the en text" in p for p in found), found


def test_an_everyday_phrase_claimed_by_two_concepts(data_copy):
    line = edit(data_copy / "search-terms.yaml", "vi: {everyday: [phi trường,", "vi: {everyday: [xe buýt, phi trường,")
    assert (f"data/search-terms.yaml:{line}: airport: everyday phrase 'xe buýt' is also in concept 'public-transport'"
            in problems_of(data_copy))


def test_a_synonym_that_the_text_does_not_have(data_copy):
    line = edit(data_copy / "search-terms.yaml", "vi: [cảng hàng không, sân bay]", "vi: [cảng hàng không, phi trường]")
    assert f"data/search-terms.yaml:{line}: airport: synonym 'phi trường' does not occur in the vi text" in problems_of(data_copy)
