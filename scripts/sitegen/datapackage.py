"""The site's one Frictionless Data Package, written with the standard library only.

In: validated data (meta, units, themes), the bilingual tables of
`opendata.tables` (with the site's URLs; `version` hashes them with relative
URLs), SITE_URL or None. Out: {path below the site root's downloads/:
text}: datapackage.json and data/targets.csv, data/commitments.csv,
data/units.csv, data/themes.csv (UTF-8 without BOM, CRLF, comma; cells that
would run as formulas neutralised as in opendata.neutralise).

The descriptor (Data Package v1, tabular) gives every field a Table Schema
type, enums (comparator, kind, direction, period kind, units, themes, groups:
read from common.json and data/, never listed twice), primary keys
(measure_id, unit, theme) and foreign keys (unit -> units, theme -> themes,
equivalent_to/part_of -> measure_id of the same table). Bilingual text:
`title`/`description` are English, `x-title-vi`/`x-description-vi` Vietnamese
(the convention of scripts/sitegen/schemas/), from schemas/published/tables.json;
a bilingual field is two columns <name>_vi and <name>_en marked `x-language`.
`version` is the edition number plus a hash of the tables' content
("1.1+3f9a2c1d": it changes when the data does, not with SITE_URL); `created`
is SOURCE_DATE_EPOCH in ISO 8601 UTC, and left out when that is unset, so the
output never depends on the clock. Validated by tests/test_open_data.py with
the `frictionless` library, which generation does not need.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .document import LANGUAGES

SCHEMAS = Path(__file__).resolve().parent / "schemas"
TABLES_FILE = SCHEMAS / "published" / "tables.json"
COMMON_FILE = SCHEMAS / "common.json"
PACKAGE_NAME = "hai-phong-party-congress-resolution-2025-2030"
LANGUAGE_NAMES = {"vi": {"vi": "tiếng Việt", "en": "Vietnamese"}, "en": {"vi": "tiếng Anh", "en": "English"}}


@lru_cache(maxsize=None)
def published_tables() -> dict:
    """schemas/published/tables.json: the tables described once, in both languages."""
    return json.loads(TABLES_FILE.read_text(encoding="utf-8"))


def _bilingual(target: dict, key: str, text: dict) -> None:
    """title/description in English, x-<key>-vi in Vietnamese."""
    target[key] = text["en"]
    target[f"x-{key}-vi"] = text["vi"]


def _enums(data) -> dict[str, tuple[list, dict | None]]:
    """Allowed values (and their meanings, where common.json gives them) by tables.json enum name."""
    common = json.loads(COMMON_FILE.read_text(encoding="utf-8"))["$defs"]
    measure, period = common["measure"]["properties"], common["period"]["properties"]
    groups = [node.raw["group"] for node in data.nodes() if node.kind == "group" and "group" in node.raw]
    out = {name: (measure[name]["enum"], measure[name].get("x-values")) for name in ("comparator", "kind", "direction")}
    out["period_kind"] = (period["kind"]["enum"], None)
    out["unit"] = (list(data.side["units"]["units"]), None)
    out["theme"] = ([theme["id"] for theme in data.side["themes"]["themes"]], None)
    out["group"] = (list(dict.fromkeys(groups)), None)
    return out


def field_definitions(resource: dict) -> list[dict]:
    """The tables.json fields of a resource (a named field set or its own list)."""
    fields = resource["fields"]
    return published_tables()["field_sets"][fields] if isinstance(fields, str) else fields


def columns(resource: dict, lang: str | None = None) -> list[tuple[str, dict, str | None]]:
    """(column name, definition, language) in order; with `lang`, a bilingual field gives only that
    language's column (the spreadsheets), without it both (the package)."""
    out = []
    for field in field_definitions(resource):
        if field.get("bilingual"):
            for column_lang in ([lang] if lang else LANGUAGES):
                out.append((f"{field['name']}_{column_lang}", field, column_lang))
        else:
            out.append((field["name"], field, None))
    return out


def _field(name: str, field: dict, lang: str | None, enums: dict, site_url: str | None) -> dict:
    out = {"name": name, "type": field["type"]}
    if field["name"] == "url" and site_url:
        out["format"] = "uri"
    title, description = dict(field["title"]), dict(field["description"])
    if lang:
        title = {ui: f"{title[ui]}, {LANGUAGE_NAMES[lang][ui]}" for ui in LANGUAGES}
        out["x-language"] = lang
    _bilingual(out, "title", title)
    _bilingual(out, "description", description)
    constraints = {key: True for key in ("required", "unique") if field.get(key)}
    if "enum" in field:
        values, meanings = enums[field["enum"]]
        constraints["enum"] = list(values)
        if meanings:
            out["x-values"] = meanings
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(resource: dict, enums: dict, site_url: str | None) -> dict:
    schema = {"fields": [_field(name, field, lang, enums, site_url) for name, field, lang in columns(resource)],
              "missingValues": [""], "primaryKey": list(resource["primaryKey"])}
    if isinstance(resource["fields"], str):
        keys = published_tables()["foreign_keys"].get(resource["fields"], [])
        if keys:
            schema["foreignKeys"] = json.loads(json.dumps(keys))
    return schema


def csv_files(tables: dict[str, list[dict]]) -> dict[str, str]:
    """{resource path: CSV text} of the package's resources."""
    from .opendata import write_csv
    return {resource["path"]: write_csv([name for name, _, _ in columns(resource)], tables[resource["name"]])
            for resource in published_tables()["resources"]}


def version(edition: str, stable_files: dict[str, str]) -> str:
    """'<edition>+<8 hex digits>': the hash of the tables with relative URLs (the same whatever SITE_URL)."""
    digest = hashlib.sha256()
    for path in sorted(stable_files):
        digest.update(path.encode("utf-8") + b"\0" + stable_files[path].encode("utf-8") + b"\0")
    return f"{edition}+{digest.hexdigest()[:8]}"


def created() -> str | None:
    """SOURCE_DATE_EPOCH as ISO 8601 UTC ('2026-12-03T13:08:50Z'); None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rights(meta: dict) -> dict:
    """Who holds what, in both languages (also used by the spreadsheets' notes)."""
    licences = meta["licences"]
    text, ours, code = licences["text"], licences["translation_and_data"], licences["code"]
    return {
        "text": {"holder": dict(text["holder"]), "notice": dict(text["notice"]),
                 "statement": {
                     "en": f"The Vietnamese text of the resolution (the text_vi columns) belongs to its issuer, the "
                           f"{text['holder']['en']}, and is not ours to license; every page of the source carries the "
                           f"notice “{text['notice']['vi']}” (“{text['notice']['en']}”, our translation). The English "
                           f"translation and the structured data (every other column) are published under {ours['title']} "
                           f"({ours['id']}).",
                     "vi": f"Văn bản tiếng Việt của Nghị quyết (các cột text_vi) thuộc về cơ quan ban hành, "
                           f"{text['holder']['vi']}; chúng tôi không có quyền cấp phép cho văn bản này. Mỗi trang của "
                           f"văn bản nguồn ghi: “{text['notice']['vi']}”. Bản dịch tiếng Anh và dữ liệu có cấu trúc "
                           f"(các cột còn lại) được công bố theo giấy phép {ours['title']} ({ours['id']})."}},
        "translation_and_data": {"id": ours["id"], "title": ours["title"], "url": ours["url"], "holder": dict(ours["holder"])},
        "code": {"id": code["id"], "title": code["title"], "url": code["url"], "file": code["file"]},
    }


def descriptor(data, files: dict[str, str], package_version: str, site_url: str | None) -> dict:
    meta = data.side["meta"]
    enums = _enums(data)
    licence = meta["licences"]["translation_and_data"]
    package: dict = {"profile": "tabular-data-package", "name": PACKAGE_NAME}
    if site_url:
        package["id"] = site_url.rstrip("/") + "/downloads/datapackage.json"
        package["homepage"] = site_url.rstrip("/") + "/"
    _bilingual(package, "title", meta["title"])
    _bilingual(package, "description", {
        "en": f"The 29 targets and the quantified commitments of the {meta['title']['en']}, one row per measure, "
              "Vietnamese and English side by side, with their units and themes. " + meta["authority"]["en"] +
              " Field titles and descriptions: title/description in English, x-title-vi/x-description-vi in Vietnamese.",
        "vi": f"29 chỉ tiêu và các cam kết định lượng của {meta['title']['vi']}, mỗi thước đo một dòng, tiếng Việt "
              "và tiếng Anh ở hai cột cạnh nhau, cùng đơn vị và chủ đề. " + meta["authority"]["vi"] +
              " Tên và mô tả trường: title/description bằng tiếng Anh, x-title-vi/x-description-vi bằng tiếng Việt."})
    package["version"] = package_version
    stamp = created()
    if stamp:
        package["created"] = stamp
    package["x-edition"] = dict(meta["edition"])
    package["x-languages"] = list(LANGUAGES)
    package["keywords"] = ["Hai Phong", "Hải Phòng", "resolution", "nghị quyết", "targets", "chỉ tiêu", "2025-2030"]
    package["licenses"] = [{"name": licence["id"], "path": licence["url"], "title": licence["title"]}]
    package["x-rights"] = rights(meta)
    holder = meta["licences"]["text"]["holder"]
    source = {"title": f"{meta['title']['vi']} — {holder['vi']} ({meta['title']['en']}, issued by the {holder['en']})"}
    _bilingual(source, "description", meta["source"]["description"])
    package["sources"] = [source]
    package["resources"] = []
    for resource in published_tables()["resources"]:
        content = files[resource["path"]].encode("utf-8")
        entry = {"name": resource["name"], "path": resource["path"], "profile": "tabular-data-resource"}
        _bilingual(entry, "title", resource["title"])
        _bilingual(entry, "description", resource["description"])
        entry.update({"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(content),
                      "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                      "schema": table_schema(resource, enums, site_url)})
        package["resources"].append(entry)
    return package


def package_files(data, tables: dict[str, list[dict]], package_version: str, site_url: str | None) -> dict[str, str]:
    """datapackage.json and its CSV resources, paths relative to the site root's downloads/;
    `package_version` from `version` (computed on the tables with relative URLs)."""
    files = csv_files(tables)
    document = descriptor(data, files, package_version, site_url)
    return {"datapackage.json": json.dumps(document, ensure_ascii=False, indent=2) + "\n", **files}
