"""Targets page, downloads and chart, checked against data/ without a browser.

In: the YAML source files read directly (data/resolution/iii-3.yaml and
data/commitments.yaml, so that the checks do not go through the site's own
loader), the validated data (fixture `site_data`) and the generator
(sitegen.render, sitegen.opendata, sitegen.chart).
Out: the generated table has each target and commitment exactly once, with
numbers in each locale's convention; the CSV (UTF-8 with BOM) and the JSON
(valid against the published schema) carry exactly the values of data/; the
GRDP chart is an accessible SVG with one bar per measure of target iii-3-b-1.
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from babel.numbers import format_decimal

from sitegen import chart, opendata
from sitegen.render import LanguageView, render_pages

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "scripts" / "sitegen" / "schemas" / "published" / "targets.schema.json"
LANGS = ("vi", "en")
NUMBER_FIELDS = ("value", "min", "max", "stretch", "out_of")
SVG = "{http://www.w3.org/2000/svg}"


# ---------------------------------------------------------------- the source, read directly

def _read_yaml(relative: str):
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def source_records() -> dict[str, list[dict]]:
    """{id: measures} for the 29 targets (document order), then the commitments."""
    point = _read_yaml("data/resolution/iii-3.yaml")
    records = {target["id"]: target["measures"] for group in point["children"] for target in group["children"]}
    for item in _read_yaml("data/commitments.yaml")["commitments"]:
        records[item["id"]] = item["measures"]
    return records


def target_ids() -> list[str]:
    point = _read_yaml("data/resolution/iii-3.yaml")
    return [target["id"] for group in point["children"] for target in group["children"]]


def expected_measure(measure: dict, lang: str) -> dict:
    """The values a download must carry for one measure of data/."""
    period = measure["period"]
    return {
        "label": measure["label"][lang] if "label" in measure else None,
        "comparator": measure["comparator"],
        "unit": measure.get("unit"),
        **{key: None if measure.get(key) is None else float(measure[key]) for key in NUMBER_FIELDS},
        "period": {key: period.get(key) for key in ("kind", "from", "to", "year")},
    }


# ---------------------------------------------------------------- the generated table

class RowParser(HTMLParser):
    """Collects table rows (tr.hp-row) from the generated page: id, table id, cell texts by class."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.table_id = None
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.table_id = attrs.get("id")
        elif tag == "tr" and "hp-row" in (attrs.get("class") or "").split():
            self.row = {"id": attrs["id"], "table": self.table_id, "cells": {}, "attrs": attrs}
            self.rows.append(self.row)
        elif tag == "td" and self.row is not None:
            self.cell = attrs.get("class", "")
            self.row["cells"][self.cell] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.row is not None and self.cell is not None:
            self.row["cells"][self.cell] += data


@pytest.fixture(scope="module")
def pages(site_data):
    return render_pages(site_data)


def table_rows(pages, lang) -> list[dict]:
    parser = RowParser()
    parser.feed(pages[f"{lang}/targets.md"])
    return parser.rows


@pytest.mark.parametrize("lang", LANGS)
def test_every_target_and_commitment_is_one_row(pages, lang):
    rows = table_rows(pages, lang)
    ids = [row["id"] for row in rows]
    expected = list(source_records())
    assert Counter(ids) == Counter(expected) and max(Counter(ids).values()) == 1
    assert ids == expected, "rows follow the document order"
    targets = [row["id"] for row in rows if row["table"] == "targets-table"]
    assert targets == target_ids() and len(targets) == 29
    assert {row["table"] for row in rows} == {"targets-table", "commitments-table"}


@pytest.mark.parametrize("lang, value, shown, not_shown", [
    ("vi", 11247, "11.247", "11,247"),
    ("en", 11247, "11,247", "11.247"),
    ("vi", 2.4, "2,4", "2.4"),
    ("en", 2.4, "2.4", "2,4"),
])
def test_numbers_are_formatted_per_locale(pages, lang, value, shown, not_shown):
    holders = [record_id for record_id, measures in source_records().items()
               if any(measure.get("value") == value for measure in measures)]
    assert len(holders) == 1, holders
    row = next(row for row in table_rows(pages, lang) if row["id"] == holders[0])
    cell = row["cells"]["hp-col-value"]
    assert shown in cell and not_shown not in cell


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_of_data_is_in_its_row(pages, lang):
    """Each value, bound, stretch and denominator shows in the row's value cell, Babel-formatted."""
    rows = {row["id"]: row for row in table_rows(pages, lang)}
    for record_id, measures in source_records().items():
        cell = rows[record_id]["cells"]["hp-col-value"]
        for measure in measures:
            for key in NUMBER_FIELDS:
                if key in measure:
                    assert format_decimal(measure[key], locale=lang) in cell, (record_id, key, cell)


# ---------------------------------------------------------------- CSV

def csv_measures(text: str) -> dict[str, list[dict]]:
    def number(cell):
        return None if cell == "" else float(cell)

    def integer(cell):
        return None if cell == "" else int(cell)

    out: dict[str, list[dict]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out.setdefault(row["id"], []).append({
            "label": row["measure"] or None,
            "comparator": row["comparator"],
            "unit": row["unit"] or None,
            **{key: number(row[key]) for key in NUMBER_FIELDS},
            "period": {"kind": row["period_kind"], "from": integer(row["period_from"]),
                       "to": integer(row["period_to"]), "year": integer(row["period_year"])},
        })
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_csv_has_bom_and_round_trips_to_data(site_data, lang):
    text = opendata.downloads(site_data, lang)["targets.csv"]
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    body = text[1:]
    assert not body.startswith("\ufeff")
    parsed = csv_measures(body)
    expected = {record_id: [expected_measure(m, lang) for m in measures]
                for record_id, measures in source_records().items()}
    assert list(parsed) == list(expected)
    for record_id in expected:
        assert parsed[record_id] == expected[record_id], record_id


# ---------------------------------------------------------------- JSON

def json_measures(document: dict) -> dict[str, list[dict]]:
    return {
        record["id"]: [{
            "label": m["label"], "comparator": m["comparator"], "unit": m["unit"],
            **{key: None if m[key] is None else float(m[key]) for key in NUMBER_FIELDS},
            "period": {key: m["period"].get(key) for key in ("kind", "from", "to", "year")},
        } for m in record["measures"]]
        for record in document["records"]
    }


@pytest.fixture(scope="module")
def schema():
    loaded = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


@pytest.mark.parametrize("lang", LANGS)
def test_json_follows_schema_and_carries_the_values_of_data(site_data, schema, lang):
    files = opendata.downloads(site_data, lang)
    document = json.loads(files["targets.json"])
    jsonschema.Draft202012Validator(schema).validate(document)
    assert json.loads(files["targets.schema.json"]) == schema
    assert document["language"] == lang
    assert document["title"] == _read_yaml("data/meta.yaml")["title"][lang]
    expected = {record_id: [expected_measure(m, lang) for m in measures]
                for record_id, measures in source_records().items()}
    assert json_measures(document) == expected
    kinds = Counter(record["kind"] for record in document["records"])
    assert kinds["target"] == 29 and kinds["commitment"] == len(_read_yaml("data/commitments.yaml")["commitments"])


def test_schema_rejects_a_number_written_as_text(site_data, schema):
    document = json.loads(opendata.downloads(site_data, "vi")["targets.json"])
    document["records"][0]["measures"][0]["value"] = "3"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


# ---------------------------------------------------------------- chart

@pytest.mark.parametrize("lang, shown", [("vi", "15,2%"), ("en", "15.2%")])
def test_grdp_chart_is_an_accessible_svg_with_one_bar_per_measure(site_data, lang, shown):
    svg = ET.fromstring(chart.grdp_chart_svg(site_data, lang, LanguageView(site_data, lang)))
    assert svg.tag == SVG + "svg" and svg.get("role") == "img"
    title, desc = svg.find(SVG + "title"), svg.find(SVG + "desc")
    assert title is not None and title.text.strip() and desc is not None and desc.text.strip()
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]

    point = _read_yaml("data/resolution/iii-3.yaml")
    grdp = next(t for g in point["children"] for t in g["children"] if t["id"] == "iii-3-b-1")
    assert [m["value"] for m in grdp["measures"]] == [13, 15.2, 10.9, 2, 8]

    bars = svg.findall(f".//{SVG}rect")
    assert len(bars) == len(grdp["measures"]) == 5
    widths = [float(bar.get("width")) for bar in bars]
    longest = max(widths)
    for width, value in zip(widths, [13, 15.2, 10.9, 2, 8]):
        assert width / longest == pytest.approx(value / 15.2, abs=0.005)
    labels = [text.text for text in svg.iter(SVG + "text") if text.get("class") == "hp-chart-value"]
    assert shown in labels and len(labels) == 5
    for row in chart.grdp_chart_rows(site_data, lang, LanguageView(site_data, lang)):
        assert row["label"] in desc.text and row["display"] in desc.text
