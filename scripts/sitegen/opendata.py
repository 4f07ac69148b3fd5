"""Open-data downloads of the targets and commitments, and of the full text.

In: validated data and a language. Out: file name -> content for
docs/<lang>/downloads/: targets.csv (UTF-8 with BOM, one row per measure, so
Excel opens Vietnamese correctly), targets.json (following
targets.schema.json, also written) and resolution.json (the bilingual tree).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .corrections import corrections_json
from .formatting import Formatter

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "published" / "targets.schema.json"
CSV_COLUMNS = (
    "id", "kind", "group", "number", "label", "theme", "source", "measure_id", "measure", "comparator",
    "measure_kind", "direction", "approximate", "aspirational", "equivalent_to", "part_of",
    "value", "min", "max", "unit", "unit_text", "period_kind", "period_from", "period_to",
    "period_year", "period_inferred", "stretch", "out_of", "value_text", "period_text", "text", "url",
)


def _site_path(lang: str, page: str, fragment: str) -> str:
    prefix = "/" if lang == "vi" else f"/{lang}/"
    return f"{prefix}{page}/#{fragment}"


def _measure_record(measure: dict, lang: str, fmt: Formatter, units: dict) -> dict:
    period = measure["period"]
    unit = measure.get("unit")
    affixes = units[unit][lang] if unit else {}
    return {
        "id": measure["id"], "kind": measure.get("kind"), "direction": measure.get("direction"),
        "approximate": bool(measure.get("approximate")), "aspirational": bool(measure.get("aspirational")),
        "equivalent_to": measure.get("equivalent_to"), "part_of": measure.get("part_of"),
        "period_inferred": period["inferred"][lang] if "inferred" in period else None,
        "label": measure["label"][lang] if "label" in measure else None,
        "comparator": measure["comparator"],
        "value": measure.get("value"),
        "min": measure.get("min"),
        "max": measure.get("max"),
        "unit": unit,
        "unit_text": (affixes.get("before", "") + "…" + affixes.get("after", "")).strip() if unit else None,
        "period": {key: period[key] for key in ("kind", "from", "to", "year") if key in period},
        "stretch": measure.get("stretch"),
        "out_of": measure.get("out_of"),
        "value_text": fmt.value(measure),
        "period_text": fmt.period(period, measure.get("kind")),
    }


def target_records(data, lang: str) -> list[dict]:
    """The targets, then the commitments, as language-specific records."""
    fmt = Formatter(lang, data.i18n[lang], data.side["units"]["units"])
    units = data.side["units"]["units"]
    themes = {t["id"]: t[lang] for t in data.side["themes"]["themes"]}
    nodes = data.by_id()
    records = []
    for group_id in ("iii-3-a", "iii-3-b"):
        group = nodes[group_id]
        for target in group.children:
            raw = target.raw
            records.append({
                "id": target.id, "kind": "target", "group": group.raw["group"], "number": target.number,
                "label": raw["label"][lang], "theme": raw["theme"], "theme_text": themes[raw["theme"]],
                "source": target.id, "text": raw[lang], "url": _site_path(lang, "targets", target.id),
                "measures": [_measure_record(m, lang, fmt, units) for m in raw["measures"]],
            })
    for item in data.side["commitments"]["commitments"]:
        source = nodes[item["source"]]
        records.append({
            "id": item["id"], "kind": "commitment", "group": None, "number": None,
            "label": item["label"][lang], "theme": item["theme"], "theme_text": themes[item["theme"]],
            "source": item["source"], "text": source.raw[lang], "url": _site_path(lang, "targets", item["id"]),
            "measures": [_measure_record(m, lang, fmt, units) for m in item["measures"]],
        })
    return records


def targets_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        for measure in record["measures"]:
            period = measure["period"]
            writer.writerow({
                "id": record["id"], "kind": record["kind"], "group": record["group"] or "",
                "number": record["number"] or "", "label": record["label"], "theme": record["theme"],
                "source": record["source"], "measure_id": measure["id"], "measure": measure["label"] or "",
                "measure_kind": measure["kind"] or "", "direction": measure["direction"] or "",
                "approximate": str(measure["approximate"]).lower(), "aspirational": str(measure["aspirational"]).lower(),
                "equivalent_to": measure["equivalent_to"] or "", "part_of": measure["part_of"] or "",
                "comparator": measure["comparator"],
                **{key: "" if measure[key] is None else measure[key] for key in ("value", "min", "max", "stretch", "out_of")},
                "unit": measure["unit"] or "", "unit_text": measure["unit_text"] or "",
                "period_kind": period["kind"], "period_from": period.get("from", ""),
                "period_to": period.get("to", ""), "period_year": period.get("year", ""),
                "period_inferred": measure["period_inferred"] or "",
                "value_text": measure["value_text"], "period_text": measure["period_text"],
                "text": record["text"], "url": record["url"],
            })
    return "\ufeff" + buffer.getvalue()


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


def downloads(data, lang: str) -> dict[str, str]:
    records = target_records(data, lang)
    return {
        "targets.csv": targets_csv(records),
        "targets.json": targets_json(data, lang, records),
        "targets.schema.json": SCHEMA_FILE.read_text(encoding="utf-8"),
        "resolution.json": resolution_json(data),
        "corrections.json": corrections_json(data),
    }
