"""The model of the document (sitegen/model.py) and the site's anchors against it.

In: data/ (validated), the model built from it and the site built once per
session. Out: pass/fail: URLs, measure ids and citations have one definition,
and every id of the model is an anchor of the built pages in both languages.
"""
from __future__ import annotations

import copy

import pytest

from helpers import parse
from sitegen.formatting import cite_reference
from sitegen.model import build_model, url

LANG_DIRS = {"vi": "", "en": "en/"}


@pytest.fixture(scope="module")
def document(site_data):
    return build_model(site_data)


def test_url_is_relative_to_the_language_root_or_absolute_with_site_url():
    assert url("vi", "index") == ""
    assert url("en", "text", "iii-5-2") == "text/#iii-5-2"
    assert url("vi", "targets", "iii-3-b-1", "https://example.org/hp/") == "https://example.org/hp/targets/#iii-3-b-1"
    assert url("en", "targets", "iii-3-b-1", "https://example.org/hp") == "https://example.org/hp/en/targets/#iii-3-b-1"


def test_measure_ids_are_unique_and_optional_fields_default(document):
    measures = [m for record in document.targets + document.commitments for m in record.measures]
    assert len({m.id for m in measures}) == len(measures)
    assert all(m.id.startswith(m.owner_id + "-m") for m in measures)
    assert all(isinstance(m.approximate, bool) and isinstance(m.aspirational, bool) for m in measures)


def test_optional_measure_fields_are_read(site_data):
    data = copy.deepcopy(site_data)
    raw = data.by_id()["iii-3-b-1"].raw["measures"][0]
    raw.update(approximate=True, kind="rate-per-year", direction="higher", part_of="iii-3-b-1-m9")
    raw["period"]["inferred"] = {"vi": "lý do", "en": "reason"}
    measure = next(r for r in build_model(data).targets if r.id == "iii-3-b-1").measures[0]
    assert (measure.approximate, measure.aspirational, measure.kind, measure.direction) == (True, False, "rate-per-year", "higher")
    assert measure.part_of == "iii-3-b-1-m9" and measure.equivalent_to is None
    assert dict(measure.period_inferred) == {"vi": "lý do", "en": "reason"}


def test_citation_of_every_node_is_the_formatting_definition(site_data, document):
    raw_nodes = site_data.by_id()
    for node in document.root.walk():
        for lang in ("vi", "en"):
            assert node.cite[lang] == cite_reference(raw_nodes[node.id], site_data.i18n[lang])
    assert document.nodes["iii-5-2-p3"].cite["en"] == "section III.5.2, paragraph 3"


def test_records_follow_document_order_and_carry_their_source(document):
    assert [r.source.parent.id for r in document.targets] == sorted(
        (r.source.parent.id for r in document.targets), key=["iii-3-a", "iii-3-b"].index)
    assert [r.order for r in document.targets] == sorted(r.order for r in document.targets)
    assert all(r.cite == r.source.cite and r.text == r.source.text for r in document.targets + document.commitments)
    assert all(r.url("en") == f"targets/#{r.id}" for r in document.targets)


def test_filter_text_includes_measure_labels_in_the_page_language(document):
    record = next(r for r in document.targets if r.id == "iii-3-b-1")
    labelled = [m for m in record.measures if m.label["en"]]
    assert labelled
    for lang in ("vi", "en"):
        from sitegen.formatting import fold
        assert all(fold(m.label[lang]) in record.search_text(lang) for m in labelled)


def test_every_model_id_is_an_anchor_in_both_languages(built_site, document):
    node_ids = {node.id for node in document.root.walk() if node is not document.root}
    record_ids = {r.id for r in document.targets + document.commitments}
    anchors = {}
    for lang, folder in LANG_DIRS.items():
        text_ids = parse(built_site / folder / "text/index.html").ids
        table_ids = parse(built_site / folder / "targets/index.html").ids
        assert node_ids <= text_ids, (lang, sorted(node_ids - text_ids)[:10])
        assert record_ids <= table_ids, (lang, sorted(record_ids - table_ids)[:10])
        anchors[lang] = (text_ids & node_ids, table_ids & record_ids)
    assert anchors["vi"] == anchors["en"]


def test_build_tables_help_lists_each_subcommand_with_its_one_line_docstring():
    import subprocess
    import sys
    from pathlib import Path
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_tables.py"
    result = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True,
                            env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    for name in ("validate", "build", "check", "fidelity"):
        lines = [line for line in result.stdout.splitlines() if line.strip().startswith(name + " ")]
        assert len(lines) == 1 and len(lines[0].split(None, 1)) == 2, (name, result.stdout)
