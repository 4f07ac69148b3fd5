"""The open data: issue 13's download faults stay fixed.

In: the real data/ (fixture `site_data`), copies of it with one deliberate
defect or hostile value, the downloads as `sitegen.opendata.downloads`
writes them, and the site built once per session (fixture `built_site`).
Out: every row carries its stable measure_id, the same in both languages;
the Data Package validates with the `frictionless` library (and catches a
broken foreign key); the bilingual CSV pairs vi and en by column, not by
position; the spreadsheets hold numbers as numbers and are byte-identical
across writes; no CSV cell reads as a formula or as a negative "(18)"; URLs
are absolute under SITE_URL and relative to their file without it; units,
licences and the rights statement come from data/ and are validated.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import posixpath
import re
import zipfile
from pathlib import Path

import frictionless
import openpyxl
import pytest

from sitegen import datapackage, opendata, spreadsheet
from sitegen.model import build_model
from sitegen.render import render_page
from helpers import problems_of  # with conftest.py's `data_copy`: broken copies of data/

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://hp.example/nghi-quyet/"
EPOCH = 1796303457  # 2026-12-03T13:10:57Z
LANGS = ("vi", "en")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
PACKAGE_CSVS = ("data/targets.csv", "data/commitments.csv", "data/units.csv", "data/themes.csv")


@pytest.fixture(scope="module", autouse=True)
def fixed_environment():
    """A known build time and no SITE_URL, set before the module's downloads are made."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        patch.delenv("SITE_URL", raising=False)
        yield


@pytest.fixture(scope="module")
def relative(site_data):
    return {lang: opendata.downloads(site_data, lang, "") for lang in LANGS}


@pytest.fixture(scope="module")
def deployed(site_data):
    return {lang: opendata.downloads(site_data, lang, SITE) for lang in LANGS}


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def write_package(files: dict, folder: Path) -> Path:
    for name in ["datapackage.json", *PACKAGE_CSVS]:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8", newline="")
    return folder / "datapackage.json"


def sheet_rows(content: bytes, lang: str, name: str) -> list[dict]:
    """One table's sheet of a workbook as dicts keyed by field name; checks its column titles."""
    resource = next(r for r in datapackage.published_tables()["resources"] if r["name"] == name)
    fields = datapackage.columns(resource, lang)
    values = list(openpyxl.load_workbook(io.BytesIO(content))[resource["sheet"][lang]].iter_rows(values_only=True))
    assert list(values[0]) == [field["title"][lang] for _, field, _ in fields]
    return [dict(zip([column for column, _, _ in fields], row)) for row in values[1:]]


# ---------------------------------------------------------------- measure ids

def test_every_row_carries_its_measure_id_the_same_in_both_languages(site_data, relative):
    document = build_model(site_data)
    expected = [m.id for r in document.targets + document.commitments for m in r.measures]
    assert len(expected) == len(set(expected)) == 67
    for lang in LANGS:
        files = relative[lang]
        assert [row["measure_id"] for row in rows_of(files["targets.csv"])] == expected
        records = json.loads(files["targets.json"])["records"]
        assert [m["id"] for r in records for m in r["measures"]] == expected
        sheets = [sheet_rows(files["targets.xlsx"], lang, name) for name in ("targets", "commitments")]
        assert [row["measure_id"] for rows in sheets for row in rows] == expected
    package = rows_of(relative["vi"]["data/targets.csv"]) + rows_of(relative["vi"]["data/commitments.csv"])
    assert [row["measure_id"] for row in package] == expected


# ---------------------------------------------------------------- the Data Package

@pytest.mark.parametrize("site_url", ["", SITE])
def test_the_package_validates_with_frictionless(site_data, tmp_path, site_url):
    files = opendata.downloads(site_data, "vi", site_url)
    report = frictionless.validate(str(write_package(files, tmp_path)))
    assert report.valid, report.flatten(["type", "note"])[:10]
    assert "datapackage.json" not in opendata.downloads(site_data, "en", site_url)


def test_frictionless_would_catch_a_broken_foreign_key(relative, tmp_path):
    files = dict(relative["vi"])
    files["data/targets.csv"] = files["data/targets.csv"].replace(",percent,", ",per-cent,", 1)
    package = json.loads(files["datapackage.json"])
    for resource in package["resources"]:
        resource.pop("hash"), resource.pop("bytes")
    files["datapackage.json"] = json.dumps(package, ensure_ascii=False)
    report = frictionless.validate(str(write_package(files, tmp_path)))
    assert not report.valid
    assert {"foreign-key", "constraint-error"} & {error[0] for error in report.flatten(["type"])}


def test_package_metadata_version_created_licences_and_sources(site_data, relative, deployed, monkeypatch):
    package = json.loads(relative["vi"]["datapackage.json"])
    edition = site_data.side["meta"]["edition"]["number"]
    assert re.fullmatch(re.escape(edition) + r"\+[0-9a-f]{8}", package["version"])
    assert json.loads(deployed["vi"]["datapackage.json"])["version"] == package["version"]
    assert package["created"] == "2026-12-03T13:10:57Z"
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International"}]
    assert "Office of the Hai Phong municipal Party Committee" in package["sources"][0]["title"]
    assert "Văn phòng Thành ủy Hải Phòng" in package["sources"][0]["title"]
    assert package["x-rights"]["text"]["notice"]["vi"] == source_footer()
    assert "not ours to license" in package["x-rights"]["text"]["statement"]["en"]
    assert package["x-rights"]["code"]["id"] == "MIT"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    unset = opendata.downloads(site_data, "vi", "")
    assert "created" not in json.loads(unset["datapackage.json"])
    assert unset == opendata.downloads(site_data, "vi", "")  # no clock anywhere


def test_version_changes_when_the_data_does(site_data, relative):
    changed = copy.deepcopy(site_data)
    changed.by_id()["iii-3-b-18"].raw["measures"][0]["value"] = 33000
    package = json.loads(opendata.downloads(changed, "vi", "")["datapackage.json"])
    assert package["version"] != json.loads(relative["vi"]["datapackage.json"])["version"]


def test_every_field_is_described_in_both_languages_with_enums_and_keys(site_data, relative):
    package = json.loads(relative["vi"]["datapackage.json"])
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == ["targets", "commitments", "units", "themes"]
    for resource in resources.values():
        for key in ("title", "x-title-vi", "description", "x-description-vi"):
            assert resource[key].strip(), (resource["name"], key)
        for field in resource["schema"]["fields"]:
            for key in ("title", "x-title-vi", "description", "x-description-vi"):
                assert field[key].strip(), (resource["name"], field["name"], key)
    fields = {f["name"]: f for f in resources["targets"]["schema"]["fields"]}
    common = json.loads((ROOT / "scripts/sitegen/schemas/common.json").read_text(encoding="utf-8"))["$defs"]
    assert fields["comparator"]["constraints"]["enum"] == common["measure"]["properties"]["comparator"]["enum"]
    assert set(fields["comparator"]["x-values"]) == set(fields["comparator"]["constraints"]["enum"])
    assert fields["period_kind"]["constraints"]["enum"] == common["period"]["properties"]["kind"]["enum"]
    assert fields["kind"]["constraints"]["enum"] and fields["direction"]["constraints"]["enum"]
    assert fields["unit"]["constraints"]["enum"] == list(site_data.side["units"]["units"])
    assert fields["theme"]["constraints"]["enum"] == [t["id"] for t in site_data.side["themes"]["themes"]]
    assert fields["number"]["type"] == "integer" and fields["value"]["type"] == "number"
    assert fields["label_vi"]["x-language"] == "vi" and fields["label_en"]["x-language"] == "en"
    schema = resources["targets"]["schema"]
    assert schema["primaryKey"] == ["measure_id"]
    assert {(k["fields"][0], k["reference"]["resource"], k["reference"]["fields"][0]) for k in schema["foreignKeys"]} == {
        ("unit", "units", "unit"), ("theme", "themes", "theme"), ("equivalent_to", "", "measure_id"), ("part_of", "", "measure_id")}
    assert resources["units"]["schema"]["primaryKey"] == ["unit"] and resources["themes"]["schema"]["primaryKey"] == ["theme"]


def test_one_bilingual_csv_pairs_the_languages_by_column(site_data, relative):
    header = relative["vi"]["data/targets.csv"].splitlines()[0].split(",")
    for name in ("reference", "label", "measure_label", "value_text", "period_text", "text", "url"):
        assert header.index(f"{name}_en") == header.index(f"{name}_vi") + 1, name
    document = build_model(site_data)
    measures = {m.id: (r, m) for r in document.targets + document.commitments for m in r.measures}
    for row in rows_of(relative["vi"]["data/targets.csv"]) + rows_of(relative["vi"]["data/commitments.csv"]):
        record, measure = measures[row["measure_id"]]
        for lang in LANGS:
            assert row[f"label_{lang}"] == record.label[lang]
            assert row[f"value_text_{lang}"] == measure.value[lang]
            assert row[f"text_{lang}"] == record.text[lang]
    units = {row["unit"]: row for row in rows_of(relative["vi"]["data/units.csv"])}
    assert units["percent"]["name_vi"] == "phần trăm" and units["percent"]["name_en"] == "percent"
    assert float(units["usd-billion"]["scale"]) == 1e9 and units["usd-billion"]["base"] == "USD"


def typed(value: str, field_type: str):
    if value == "":
        return None
    return {"integer": int, "number": lambda v: float(v) if re.search(r"[.eE]", v) else int(v),
            "boolean": lambda v: {"true": True, "false": False}[v]}.get(field_type, str)(value)


def test_the_package_csv_round_trips_to_the_records(site_data, relative):
    document = build_model(site_data)
    expected = opendata.tables(site_data, document, None, opendata.PACKAGE_FOLDER + "data/")
    package = json.loads(relative["vi"]["datapackage.json"])
    for resource in package["resources"]:
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        read = [{k: typed(v, types[k]) for k, v in row.items()} for row in rows_of(relative["vi"][resource["path"]])]
        assert list(read[0]) == list(types)
        assert read == [{k: opendata.neutralise(v) for k, v in row.items()} for row in expected[resource["name"]]]


# ---------------------------------------------------------------- spreadsheets

@pytest.mark.parametrize("lang", LANGS)
def test_the_workbook_holds_numbers_as_numbers(site_data, relative, lang):
    content = relative[lang]["targets.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheets = [r["sheet"][lang] for r in datapackage.published_tables()["resources"]] + [datapackage.published_tables()["workbook"]["notes"][lang]]
    assert book.sheetnames == sheets
    rows = {row["measure_id"]: row for row in sheet_rows(content, lang, "targets")}
    assert rows["iii-3-b-18-m1"]["value"] == 32900 and type(rows["iii-3-b-18-m1"]["value"]) is int
    assert rows["iii-3-b-1-m2"]["value"] == 15.2 and type(rows["iii-3-b-1-m2"]["value"]) is float
    assert rows["iii-3-b-18-m1"]["number"] == 18 and rows["iii-3-b-18-m1"]["period_from"] == 2026
    for row in rows.values():
        for key in ("value", "min", "max", "stretch", "out_of", "number", "period_year", "period_from", "period_to"):
            assert row[key] is None or type(row[key]) in (int, float), (row["measure_id"], key, row[key])
        assert type(row["approximate"]) is bool
    units = {row["unit"]: row for row in sheet_rows(content, lang, "units")}
    assert units["vnd-million-billion"]["scale"] == 10 ** 15
    notes = " ".join(str(v) for row in book[sheets[-1]].iter_rows(values_only=True) for v in row if v)
    for fact in ("CC-BY-4.0", "MIT", "Văn phòng Thành ủy Hải Phòng" if lang == "vi" else "Office of the Hai Phong",
                 source_footer(), site_data.side["meta"]["edition"]["number"]):
        assert fact in notes, fact


def test_the_workbook_bytes_are_deterministic(site_data, relative, monkeypatch):
    monkeypatch.setattr(spreadsheet, "cached", lambda kind, key, suffix, make, **_: make())  # made anew every time
    again = opendata.downloads(site_data, "vi", "")["targets.xlsx"]
    assert again == relative["vi"]["targets.xlsx"]
    archive = zipfile.ZipFile(io.BytesIO(again))
    assert {info.date_time for info in archive.infolist()} == {(2026, 12, 3, 13, 10, 56)}
    core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2026-12-03T13:10:57Z") == 2, core
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    first, second = (opendata.downloads(site_data, "en", "")["targets.xlsx"] for _ in range(2))
    assert first == second
    edition = site_data.side["meta"]["edition"]["date"]
    assert zipfile.ZipFile(io.BytesIO(first)).infolist()[0].date_time[:3] == tuple(int(p) for p in edition.split("-"))


# ---------------------------------------------------------------- what spreadsheets would misread

def all_csv_cells(files: dict):
    for name, text in files.items():
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
                yield from ((name, cell) for cell in row)


@pytest.mark.parametrize("lang", LANGS)
def test_no_cell_reads_as_a_formula_or_a_negative_number(relative, lang):
    for name, cell in all_csv_cells(relative[lang]):
        assert not cell.startswith(FORMULA), (name, cell)
        assert not re.fullmatch(r"\(\d+\)", cell), (name, cell)  # "(18)" is -18 to Excel
    numbers = {row["measure_id"]: row["number"] for row in rows_of(relative[lang]["targets.csv"])}
    assert numbers["iii-3-b-18-m1"] == "18" and numbers["iii-5-2-c1-m1"] == ""
    references = {row["measure_id"]: row["reference"] for row in rows_of(relative[lang]["targets.csv"])}
    assert references["iii-3-b-18-m1"] == ("mục III.3.b, chỉ tiêu (18)" if lang == "vi" else "section III.3.b, target (18)")


def test_formula_like_text_is_neutralised_in_csv_and_kept_as_text_in_xlsx(site_data):
    hostile = copy.deepcopy(site_data)
    commitment = hostile.side["commitments"]["commitments"][0]
    commitment["label"]["vi"] = '=HYPERLINK("http://evil.example","x")'
    commitment["label"]["en"] = "@SUM(1+1)"
    files = opendata.downloads(hostile, "vi", "")
    bad = [(n, c) for n, c in all_csv_cells(files) if c.startswith(FORMULA)]
    assert bad == []
    row = rows_of(files["data/commitments.csv"])[0]
    assert row["label_vi"] == "'" + commitment["label"]["vi"] and row["label_en"] == "'@SUM(1+1)"
    sheet = openpyxl.load_workbook(io.BytesIO(files["targets.xlsx"]))["Cam kết"]
    column = [c.value for c in sheet[1]].index("Tên chỉ tiêu hoặc cam kết") + 1
    label = sheet.cell(row=2, column=column)
    assert label.value == commitment["label"]["vi"] and label.data_type == "s"
    assert opendata.neutralise("-5") == "'-5" and opendata.neutralise(-5) == -5 and opendata.neutralise("5") == "5"


# ---------------------------------------------------------------- URLs

def url_cells(files: dict) -> list[tuple[str, str, str]]:
    out = []
    for name, text in files.items():
        if name.endswith(".csv"):
            out += [(name, key, value) for row in rows_of(text) for key, value in row.items() if key.startswith("url")]
    for record in json.loads(files["targets.json"])["records"]:
        out.append(("targets.json", "url", record["url"]))
    return out


def test_urls_are_absolute_under_site_url(deployed):
    for lang in LANGS:
        cells = url_cells(deployed[lang])
        assert cells
        for name, key, value in cells:
            owner_lang = key.rsplit("_", 1)[1] if "_" in key else lang
            prefix = SITE + ("" if owner_lang == "vi" else "en/") + "targets/#"
            assert value.startswith(prefix), (name, key, value)
    package = json.loads(deployed["vi"]["datapackage.json"])
    assert package["homepage"] == SITE and package["id"] == SITE + "downloads/datapackage.json"


def test_without_site_url_urls_are_relative_to_their_file(relative):
    for lang in LANGS:
        for name, key, value in url_cells(relative[lang]):
            assert not value.startswith(("/", "http")), (name, value)
            folder = opendata.downloads_folder(lang) + posixpath.dirname(name)
            owner_lang = key.rsplit("_", 1)[1] if "_" in key else lang
            path, anchor = value.split("#")
            assert posixpath.normpath(posixpath.join(folder, path)) == ("en/" if owner_lang == "en" else "") + "targets", value
            assert re.fullmatch(r"iii-[0-9a-z-]+", anchor)
    assert rows_of(relative["vi"]["data/targets.csv"])[0]["url_en"] == "../../en/targets/#iii-3-a-1"
    assert rows_of(relative["en"]["targets.csv"])[0]["url"] == "../targets/#iii-3-a-1"


def test_opendata_builds_no_url_of_its_own():
    source = (ROOT / "scripts/sitegen/opendata.py").read_text(encoding="utf-8")
    assert not hasattr(opendata, "_site_path") and "site_path" not in source
    assert 'f"/{lang}/"' not in source


# ---------------------------------------------------------------- units, licences, rights

def source_footer() -> str:
    text = (ROOT / "data/source/nghi-quyet-dai-hoi-dang-bo-hai-phong-lan-thu-i.txt").read_text(encoding="utf-8")
    return next(line.strip() for line in text.splitlines() if line.startswith("Tài liệu này thuộc sở hữu của các cơ quan Đảng"))


def test_the_notice_quoted_is_the_source_footer_word_for_word(site_data):
    assert site_data.side["meta"]["licences"]["text"]["notice"]["vi"] == source_footer()


def test_a_unit_without_its_names_or_scale_is_reported(data_copy):
    path = data_copy / "units.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: {vi: hộ, en: households}\n", "").replace("    scale: 1000000\n    base: tonne\n", "    base: tonne\n"), encoding="utf-8")
    found = problems_of(data_copy)
    assert any(p.startswith("data/units.yaml:") and "'name' is missing" in p for p in found), found
    assert any(p.startswith("data/units.yaml:") and "'scale' is missing" in p for p in found), found


def test_meta_without_licences_is_reported(data_copy):
    path = data_copy / "meta.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("licences:")], encoding="utf-8")
    assert any(p.startswith("data/meta.yaml:") and "'licences' is missing" in p for p in problems_of(data_copy))


def test_license_file_names_mit_cc_by_and_the_issuer():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Creative Commons Attribution 4.0" in text and "CC BY 4.0" in text
    assert "not ours to license" in text and "Office of the Hai Phong municipal Party Committee" in text
    assert " ".join(source_footer().split()) in " ".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
def test_about_page_states_the_rights_and_the_open_data(site_data, lang):
    page = render_page(site_data, lang, "about")
    licences = site_data.side["meta"]["licences"]
    assert f'<blockquote class="hp-licence-notice" lang="vi"><p>{source_footer()}</p></blockquote>' in page
    assert licences["text"]["holder"][lang] in page
    assert f'<a href="{licences["translation_and_data"]["url"]}" rel="license">' in page
    assert licences["code"]["url"] in page and "LICENSE" in page
    package = "../downloads/datapackage.json" if lang == "vi" else "../../downloads/datapackage.json"
    assert f'href="{package}"' in page and 'href="../downloads/targets.xlsx"' in page
    assert ".xlsx" in site_data.i18n[lang]["about_data_excel"] and "OWASP" in site_data.i18n[lang]["about_data_safety"]


def test_the_filter_text_has_unit_names_in_each_language(site_data):
    record = next(r for r in build_model(site_data).targets if r.id == "iii-3-a-1")
    assert "percent" in record.search_text("en") and "phan tram" in record.search_text("vi")


# ---------------------------------------------------------------- the built site

def test_the_built_site_has_one_package_that_validates(built_site):
    package = built_site / "downloads" / "datapackage.json"
    assert package.exists() and not (built_site / "en" / "downloads" / "datapackage.json").exists()
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "note"])[:10]
    for lang_root in (built_site, built_site / "en"):
        assert zipfile.is_zipfile(lang_root / "downloads" / "targets.xlsx")
    described = json.loads(package.read_text(encoding="utf-8"))
    assert described["homepage"].startswith("https://") and described["created"].endswith("Z")
