"""Open-data downloads: the tables, per language and bilingual, read from the model.

In: validated data, its `model.Document`, a language and the site's address
(SITE_URL, or None). Out: file name -> content (str, or bytes for .xlsx) for
docs/<lang>/downloads/ of that language:
- targets.csv (UTF-8 with BOM, one row per measure, that language's text),
  targets.json (following targets.schema.json, also written), targets.xlsx
  (spreadsheet.py), resolution.json (the bilingual tree), corrections.json;
- for Vietnamese, whose folder is the site root's downloads/, the one Data
  Package of the site as well (datapackage.py): datapackage.json and the
  bilingual tables data/targets.csv, data/commitments.csv, data/units.csv,
  data/themes.csv. The English pages link to it there.

Every row carries its stable `measure_id`, identical in both languages.
URLs come from `model.url`: absolute under SITE_URL, else relative to the
folder of the file they are in (never root-relative). CSV cells that a
spreadsheet would run as a formula are neutralised as OWASP advises (see
`neutralise`); a target's number is a plain integer (18, not "(18)", which
spreadsheets read as -18), the printed form is inside the `reference` text.
"""
from __future__ import annotations

import csv
import io
import json
import os
import posixpath
from pathlib import Path

from . import datapackage, spreadsheet
from .corrections import corrections_json
from .document import LANGUAGES
from .model import DEFAULT_LANG, PAGE_OF_RECORDS, Document, Measure, Record, build_model, language_prefix, url

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "published" / "targets.schema.json"
CSV_COLUMNS = (
    "id", "kind", "group", "number", "reference", "label", "theme", "source", "measure_id", "measure", "comparator",
    "measure_kind", "direction", "approximate", "aspirational", "equivalent_to", "part_of",
    "value", "min", "max", "unit", "unit_text", "period_kind", "period_from", "period_to",
    "period_year", "period_inferred", "stretch", "out_of", "value_text", "period_text", "text", "url",
)
NUMBER_KEYS = ("value", "min", "max", "stretch", "out_of")
# OWASP "CSV Injection": a cell beginning with one of these is run as a formula by
# spreadsheets (the full-width forms too, which some convert).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PACKAGE_FOLDER = "downloads/"        # below the site root: the vi language root's downloads


# -- the site's address and URLs ----------------------------------------------

def site_url_from_environment() -> str | None:
    """SITE_URL, as mkdocs.yml reads it; None when unset or blank."""
    return os.environ.get("SITE_URL", "").strip() or None


def downloads_folder(lang: str) -> str:
    """The folder of a language's downloads below the site root ('downloads/', 'en/downloads/')."""
    return language_prefix(lang) + "downloads/"


def download_url(lang: str, page: str, anchor: str, site_url: str | None, folder: str) -> str:
    """`model.url` for a file in `folder` (below the site root): absolute with `site_url`,
    else relative to that folder ('../targets/#iii-3-b-18'), never root-relative."""
    if site_url:
        return url(lang, page, anchor, site_url)
    target = "/" + language_prefix(lang) + url(lang, page)
    relative = posixpath.relpath(target, "/" + folder)
    return ("./" if relative == "." else relative + "/") + (f"#{anchor}" if anchor else "")


# -- CSV ---------------------------------------------------------------------------

def neutralise(value):
    """A text cell a spreadsheet would run as a formula, with a leading apostrophe (OWASP's advice:
    the apostrophe makes Excel and LibreOffice take the cell as text). Other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell(value) -> str:
    """One CSV cell: '' for None, true/false, numbers as Python writes them (dot decimal), safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(neutralise(value))


def write_csv(columns, rows, bom: bool = False) -> str:
    """RFC 4180 CSV (CRLF, minimal quoting) of `rows` (dicts) in `columns` order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[column]) for column in columns])
    return ("\ufeff" if bom else "") + buffer.getvalue()


# -- one language: targets.json and targets.csv -------------------------------------

def _groups(data) -> dict[str, str]:
    """Target group node id -> group name ('iii-3-a' -> 'party-building')."""
    return {node.id: node.raw["group"] for node in data.nodes() if node.kind == "group" and "group" in node.raw}


def target_number(record: Record) -> int | None:
    """The target's number as an integer (18 for '(18)'); None for a commitment."""
    return int(record.number.strip("()")) if record.kind == "target" else None


def _measure_record(measure: Measure, lang: str, units: dict) -> dict:
    raw, period = measure.raw, measure.raw["period"]
    unit = raw.get("unit")
    affixes = units[unit][lang] if unit else {}
    return {
        "id": measure.id, "kind": measure.kind, "direction": measure.direction,
        "approximate": measure.approximate, "aspirational": measure.aspirational,
        "equivalent_to": measure.equivalent_to, "part_of": measure.part_of,
        "period_inferred": measure.period_inferred[lang] if measure.period_inferred else None,
        "label": measure.label[lang] or None,
        "comparator": raw["comparator"],
        **{key: raw.get(key) for key in ("value", "min", "max")},
        "unit": unit,
        "unit_text": (affixes.get("before", "") + "…" + affixes.get("after", "")).strip() if unit else None,
        "period": {key: period[key] for key in ("kind", "from", "to", "year") if key in period},
        **{key: raw.get(key) for key in ("stretch", "out_of")},
        "value_text": measure.value[lang],
        "period_text": measure.period[lang],
    }


def target_records(data, lang: str, document: Document | None = None, site_url: str | None = None) -> list[dict]:
    """The targets, then the commitments, as records in one language (targets.json)."""
    document = document or build_model(data)
    units = data.side["units"]["units"]
    groups = _groups(data)
    folder = downloads_folder(lang)
    return [{
        "id": record.id, "kind": record.kind,
        "group": groups.get(record.source.parent.id) if record.kind == "target" else None,
        "number": record.number if record.kind == "target" else None,
        "label": record.label[lang], "theme": record.theme, "theme_text": record.theme_name[lang],
        "source": record.source.id, "text": record.text[lang],
        "url": download_url(lang, PAGE_OF_RECORDS, record.id, site_url, folder),
        "measures": [_measure_record(m, lang, units) for m in record.measures],
    } for record in document.targets + document.commitments]


def targets_csv(records: list[dict], references: dict[str, str]) -> str:
    """One row per measure of `records`; `references` gives each record's printed reference."""
    rows = []
    for record in records:
        for measure in record["measures"]:
            period = measure["period"]
            rows.append({
                "id": record["id"], "kind": record["kind"], "group": record["group"],
                "number": int(record["number"].strip("()")) if record["number"] else None,
                "reference": references[record["id"]], "label": record["label"], "theme": record["theme"],
                "source": record["source"], "measure_id": measure["id"], "measure": measure["label"],
                "comparator": measure["comparator"], "measure_kind": measure["kind"],
                "direction": measure["direction"], "approximate": measure["approximate"],
                "aspirational": measure["aspirational"], "equivalent_to": measure["equivalent_to"],
                "part_of": measure["part_of"], **{key: measure[key] for key in NUMBER_KEYS},
                "unit": measure["unit"], "unit_text": measure["unit_text"], "period_kind": period["kind"],
                "period_from": period.get("from"), "period_to": period.get("to"), "period_year": period.get("year"),
                "period_inferred": measure["period_inferred"], "value_text": measure["value_text"],
                "period_text": measure["period_text"], "text": record["text"], "url": record["url"],
            })
    return write_csv(CSV_COLUMNS, rows, bom=True)


def targets_json(data, lang: str, records: list[dict]) -> str:
    meta = data.side["meta"]
    document = {
        "$schema": "targets.schema.json",
        "language": lang,
        "title": meta["title"][lang],
        "authority": meta["authority"][lang],
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def resolution_json(data) -> str:
    def node_dict(node):
        out = {"id": node.id, "kind": node.kind}
        for key in ("number", "vi", "en"):
            if key in node.raw:
                out[key] = node.raw[key]
        if node.children:
            out["children"] = [node_dict(child) for child in node.children]
        return out
    meta = data.side["meta"]
    return json.dumps({"title": dict(meta["title"]), "authority": dict(meta["authority"]),
                       "document": node_dict(data.root)}, ensure_ascii=False, indent=2) + "\n"


# -- the bilingual tables (Data Package and spreadsheets) ----------------------------

def measure_rows(data, records, site_url: str | None, folder: str) -> list[dict]:
    """One row per measure, Vietnamese and English side by side (the package's field order)."""
    groups = _groups(data)
    rows = []
    for record in records:
        for measure in record.measures:
            raw, period = measure.raw, measure.raw["period"]
            row = {
                "measure_id": measure.id, "owner_id": record.id,
                "group": groups.get(record.source.parent.id) if record.kind == "target" else None,
                "number": target_number(record), "source": record.source.id,
                **_both("reference", lambda lang: record.cite[lang]),
                **_both("label", lambda lang: record.label[lang]),
                "theme": record.theme,
                **_both("measure_label", lambda lang: measure.label[lang] or None),
                "comparator": raw["comparator"], "kind": measure.kind, "direction": measure.direction,
                "approximate": measure.approximate, "aspirational": measure.aspirational,
                **{key: raw.get(key) for key in NUMBER_KEYS},
                "unit": raw.get("unit"), "period_kind": period["kind"], "period_from": period.get("from"),
                "period_to": period.get("to"), "period_year": period.get("year"),
                **_both("period_inferred", lambda lang: measure.period_inferred[lang] if measure.period_inferred else None),
                "equivalent_to": measure.equivalent_to, "part_of": measure.part_of,
                **_both("value_text", lambda lang: measure.value[lang]),
                **_both("period_text", lambda lang: measure.period[lang]),
                **_both("text", lambda lang: record.text[lang]),
                **_both("url", lambda lang: download_url(lang, PAGE_OF_RECORDS, record.id, site_url, folder)),
            }
            rows.append(row)
    return rows


def _both(name: str, value_of) -> dict:
    return {f"{name}_{lang}": value_of(lang) for lang in LANGUAGES}


def unit_rows(data) -> list[dict]:
    return [{"unit": key, **_both("name", lambda lang: unit["name"][lang]), "scale": unit["scale"], "base": unit["base"],
             **_both("before", lambda lang: unit[lang].get("before")), **_both("after", lambda lang: unit[lang].get("after"))}
            for key, unit in data.side["units"]["units"].items()]


def theme_rows(data) -> list[dict]:
    return [{"theme": theme["id"], **_both("name", lambda lang: theme[lang])} for theme in data.side["themes"]["themes"]]


def tables(data, document: Document, site_url: str | None, folder: str) -> dict[str, list[dict]]:
    """The package's four tables as rows of typed values (str, int, float, bool, None)."""
    return {
        "targets": measure_rows(data, document.targets, site_url, folder),
        "commitments": measure_rows(data, document.commitments, site_url, folder),
        "units": unit_rows(data),
        "themes": theme_rows(data),
    }


# -- everything for one language -------------------------------------------------------

def downloads(data, lang: str, site_url: str | None = None, document: Document | None = None) -> dict[str, str | bytes]:
    """The files of docs/<lang>/downloads/ (see the module docstring); `site_url` defaults to SITE_URL."""
    site_url = site_url if site_url is not None else site_url_from_environment()
    document = document or build_model(data)
    records = target_records(data, lang, document, site_url)
    references = {record.id: record.cite[lang] for record in document.targets + document.commitments}
    folder = downloads_folder(lang)
    stable_tables = tables(data, document, None, PACKAGE_FOLDER + "data/")
    package_version = datapackage.version(data.side["meta"]["edition"]["number"], datapackage.csv_files(stable_tables))
    files: dict[str, str | bytes] = {
        "targets.csv": targets_csv(records, references),
        "targets.json": targets_json(data, lang, records),
        "targets.schema.json": SCHEMA_FILE.read_text(encoding="utf-8"),
        "resolution.json": resolution_json(data),
        "corrections.json": corrections_json(data),
        "targets.xlsx": spreadsheet.workbook(data, lang, tables(data, document, site_url, folder), site_url, package_version),
    }
    if lang == DEFAULT_LANG:
        package_tables = tables(data, document, site_url, PACKAGE_FOLDER + "data/")
        files.update(datapackage.package_files(data, package_tables, package_version, site_url))
    return files
