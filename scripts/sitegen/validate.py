"""Validation of data/ before anything renders.

In: a loaded `SiteData` (and the problems from loading it). Out: a sorted list
of `Problem`s, each `data/FILE:LINE: id: message`. First every file is checked
against its JSON Schema (schemas/*.json), then the rules a schema cannot
express: the id scheme, unique ids, numbers that agree between vi and en,
targets whose sentence numbers all sit in their fields, references between
files, the coverage of every number in Part III.5, the glossary and meta
against the text (side_checks.py), the search's concept map
(search_terms.py), and the Vietnamese word for word against data/source/
(fidelity.py).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .corrections import correction_problems
from .english_lint import english_lint_problems
from .document import LANGUAGES, Node, SiteData
from .fidelity import fidelity_problems
from .measure_checks import measure_problems
from .search_terms import search_terms_problems
from .side_checks import glossary_problems, meta_problems
from .numbers import canonical, compare_numbers, numbers_in, roman_to_int
from .yamlload import LineDict, LineList, Problem

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
FILE_SCHEMAS = {
    "meta": "meta", "themes": "themes", "units": "units",
    "glossary": "glossary", "commitments": "commitments", "corrections": "corrections",
    "search-terms": "search-terms",
}
GROUP_KEYS = {"iii-3-a": "party-building", "iii-3-b": "socio-economic"}


@lru_cache(maxsize=None)
def _validators() -> dict[str, Draft202012Validator]:
    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.json")}
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}


# ---------------------------------------------------------------- schema

def _locate(data, path) -> tuple[str, int, str]:
    """Walk a jsonschema error path; return (file, line, nearest id)."""
    current, file, line, node_id = data, getattr(data, "file", "?"), getattr(data, "line", 1), "-"
    if isinstance(current, dict) and isinstance(current.get("id"), str):
        node_id = current["id"]
    for key in path:
        if isinstance(current, LineDict):
            line = current.line_of(key)
        elif isinstance(current, LineList) and isinstance(key, int) and key < len(current):
            item = current[key]
            line = getattr(item, "line", line)
        try:
            current = current[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(current, (LineDict, LineList)):
            file = current.file
            if isinstance(current, dict) and isinstance(current.get("id"), str):
                node_id = current["id"]
    return file, line, node_id


def _friendly(error) -> str:
    if error.instance is None and error.validator != "required":
        return "is empty (null)"  # `en:` with nothing after it; one message, not jsonschema's
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "pattern" and error.validator_value == "\\S":
        return "is empty"
    if error.validator == "not" and isinstance(error.instance, str):
        return f"placeholder text {error.instance!r} is not allowed"
    return error.message


def schema_problems(name: str, data) -> list[Problem]:
    problems = []
    validator = _validators()[name]
    for error in validator.iter_errors(data):
        # Report the deepest, most specific errors of a branch.
        leaves = [error]
        if error.context:
            leaves = sorted(error.context, key=lambda e: -len(e.absolute_path))[:1]
        for leaf in leaves:
            path = list(leaf.absolute_path)
            file, line, node_id = _locate(data, path)
            if leaf.validator == "additionalProperties" and isinstance(leaf.instance, LineDict):
                allowed = set(leaf.schema.get("properties", {}))
                for key in leaf.instance:
                    if key not in allowed:
                        problems.append(Problem(file, leaf.instance.line_of(key), node_id, f"unknown key {key!r}"))
                continue
            field = ".".join(str(p) for p in path[-2:]) if path else ""
            prefix = f"{field}: " if field and leaf.validator not in ("required",) else ""
            problems.append(Problem(file, line, node_id, prefix + _friendly(leaf)))
    return problems


def _node_schema_problems(data: SiteData) -> list[Problem]:
    problems = []
    for label, raw in data.raw_files.items():
        if label.startswith("data/resolution/") and isinstance(raw, dict):
            problems.extend(schema_problems("node", raw))
    return problems


# ---------------------------------------------------------------- ids

def expected_id(node: Node, paragraph_index: int) -> str | None:
    """The id the document's numbering gives this node, or None if free."""
    parent = node.parent
    number = node.number or ""
    if node.kind in ("document", "preamble"):
        return node.kind
    if node.kind == "part":
        return number.rstrip(".").lower()
    if node.kind in ("paragraph", "item"):
        return f"{parent.id}-p{paragraph_index}"
    if node.kind in ("point", "task"):
        return f"{parent.id}-{number.rstrip('.').split('.')[-1]}"
    if node.kind == "group":
        return f"{parent.id}-{number.rstrip(')')}"
    if node.kind in ("target", "breakthrough"):
        return f"{parent.id}-{number.strip('()')}"
    return None


def _number_value(node: Node) -> int | None:
    digits = re.findall(r"\d+|[IVX]+|[a-z]", node.number or "")
    if not digits:
        return None
    last = digits[-1]
    if last.isdigit():
        return int(last)
    if re.fullmatch(r"[IVX]+", last):
        return roman_to_int(last)
    return ord(last) - ord("a") + 1


def id_problems(data: SiteData) -> list[Problem]:
    problems = []
    seen: dict[str, Node] = {}
    for node in data.nodes():
        node_id = node.raw.get("id")
        if not isinstance(node_id, str) or not isinstance(node.raw.get("kind"), str):
            continue  # the schema reports it
        if node_id in seen:
            first = seen[node_id]
            problems.append(Problem(node.file, node.line, node_id, f"duplicate id (first used at {first.file}:{first.line})"))
        else:
            seen[node_id] = node
        counter = 0
        numbered: Counter = Counter()
        for child in node.children:
            if not isinstance(child.raw.get("kind"), str):
                continue
            if child.kind in ("paragraph", "item"):
                counter += 1
                want = expected_id(child, counter)
            else:
                want = expected_id(child, 0)
                value = _number_value(child)
                if child.kind in ("point", "task", "group", "target", "breakthrough", "part"):
                    numbered[child.kind] += 1
                    if value != numbered[child.kind]:
                        problems.append(Problem(child.file, child.line, child.raw.get("id", "-"),
                                                f"number {child.number!r} breaks the sequence (expected item {numbered[child.kind]})"))
            if want is not None and child.raw.get("id") != want:
                problems.append(Problem(child.file, child.line, child.raw.get("id", "-"),
                                        f"id does not follow the document's numbering: expected {want!r}"))
    return problems


# ---------------------------------------------------------------- numbers

def _bilingual_pairs(node: Node):
    """(where, vi, en) for every bilingual text a node carries."""
    raw = node.raw
    if isinstance(raw.get("vi"), str) and isinstance(raw.get("en"), str):
        yield raw.line_of("en"), "text", raw["vi"], raw["en"]
    label = raw.get("label")
    if isinstance(label, dict) and isinstance(label.get("vi"), str) and isinstance(label.get("en"), str):
        yield raw.line_of("label"), "label", label["vi"], label["en"]
    for measure in raw.get("measures") or []:
        mlabel = measure.get("label") if isinstance(measure, dict) else None
        if isinstance(mlabel, dict) and isinstance(mlabel.get("vi"), str) and isinstance(mlabel.get("en"), str):
            yield measure.line, "measure label", mlabel["vi"], mlabel["en"]


def number_agreement_problems(data: SiteData) -> list[Problem]:
    problems = []
    for node in data.nodes():
        for line, where, vi, en in _bilingual_pairs(node):
            if not vi.strip() or not en.strip():
                continue
            for message in compare_numbers(vi, en):
                problems.append(Problem(node.file, line, node.id, f"{where}: {message}"))
    return problems


def field_numbers(measures) -> Counter:
    """Every number stated by a list of measures (values, bounds, years)."""
    found: Counter = Counter()
    for measure in measures or []:
        if not isinstance(measure, dict):
            continue
        for key in ("value", "min", "max", "stretch", "out_of"):
            if isinstance(measure.get(key), (int, float)):
                found[canonical(measure[key])] += 1
        period = measure.get("period")
        if isinstance(period, dict):
            for key in ("from", "to", "year"):
                if isinstance(period.get(key), int):
                    found[canonical(period[key])] += 1
    return found


def target_field_problems(data: SiteData) -> list[Problem]:
    problems = []
    themes = {t.get("id") for t in data.side.get("themes", {}).get("themes", []) if isinstance(t, dict)}
    units = set(data.side.get("units", {}).get("units", {}) or {})
    for node in data.nodes():
        if node.raw.get("kind") != "target":
            continue
        measures = node.raw.get("measures")
        if not isinstance(measures, list):
            continue
        problems.extend(_reference_problems(node.raw, node.id, themes, units))
        stated = set(field_numbers(measures))
        for lang in LANGUAGES:
            text = node.raw.get(lang)
            if not isinstance(text, str):
                continue
            missing = [v for v in numbers_in(text, lang) if v not in stated]
            if missing:
                problems.append(Problem(node.file, node.raw.line_of(lang), node.id,
                                        f"numbers of the {lang} sentence missing from its fields: "
                                        + ", ".join(str(v) for v in missing)))
        group = node.parent.id if node.parent else None
        if group not in GROUP_KEYS:
            problems.append(Problem(node.file, node.line, node.id, "a target must sit in group iii-3-a or iii-3-b"))
    for node in data.nodes():
        if node.raw.get("kind") == "group" and GROUP_KEYS.get(node.id) not in (None, node.raw.get("group")):
            problems.append(Problem(node.file, node.raw.line_of("group"), node.id,
                                    f"group key must be {GROUP_KEYS[node.id]!r}"))
    return problems


def _reference_problems(raw: LineDict, owner: str, themes: set, units: set) -> list[Problem]:
    problems = []
    if raw.get("theme") not in themes:
        problems.append(Problem(raw.file, raw.line_of("theme"), owner, f"unknown theme {raw.get('theme')!r} (see data/themes.yaml)"))
    for measure in raw.get("measures") or []:
        if not isinstance(measure, dict):
            continue
        if "unit" in measure and measure["unit"] not in units:
            problems.append(Problem(raw.file, measure.line_of("unit"), owner, f"unknown unit {measure['unit']!r} (see data/units.yaml)"))
        if isinstance(measure.get("min"), (int, float)) and isinstance(measure.get("max"), (int, float)) and measure["min"] >= measure["max"]:
            problems.append(Problem(raw.file, measure.line_of("min"), owner, "min must be below max"))
        period = measure.get("period") or {}
        if isinstance(period.get("from"), int) and isinstance(period.get("to"), int) and period["from"] > period["to"]:
            problems.append(Problem(raw.file, measure.line_of("period"), owner, "period starts after it ends"))
    if len(raw.get("measures") or []) > 1:
        for measure in raw["measures"]:
            if isinstance(measure, dict) and "label" not in measure:
                problems.append(Problem(raw.file, measure.line, owner, "a measure needs a label when there are several"))
    return problems


# ---------------------------------------------------------------- commitments

def _task_of(node: Node) -> Node | None:
    for candidate in [node, *node.ancestors()]:
        if candidate.kind == "task":
            return candidate
    return None


def commitment_problems(data: SiteData) -> list[Problem]:
    side = data.side.get("commitments")
    if not isinstance(side, dict):
        return []
    nodes = data.by_id()
    themes = {t.get("id") for t in data.side.get("themes", {}).get("themes", []) if isinstance(t, dict)}
    units = set(data.side.get("units", {}).get("units", {}) or {})
    problems = []
    covered: dict[str, Counter] = {}
    seen_ids: set[str] = set()
    for item in side.get("commitments") or []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        cid, source = item["id"], nodes.get(item.get("source"))
        if cid in seen_ids or cid in nodes:
            problems.append(Problem(item.file, item.line, cid, "duplicate id"))
        seen_ids.add(cid)
        if source is None or source.kind not in ("paragraph",) or not source.id.startswith("iii-5-"):
            problems.append(Problem(item.file, item.line_of("source"), cid, f"source {item.get('source')!r} is not a paragraph of Part III.5"))
        elif _task_of(source) is None:
            problems.append(Problem(item.file, item.line_of("source"), cid, f"source {item.get('source')!r} is not a paragraph of a task of Part III.5"))
        elif not cid.startswith(_task_of(source).id + "-c"):
            problems.append(Problem(item.file, item.line, cid, f"id must start with {_task_of(source).id}-c"))
        problems.extend(_reference_problems(item, cid, themes, units))
        if source is not None:
            covered.setdefault(source.id, Counter()).update(field_numbers(item.get("measures")))
    for entry in side.get("not_targets") or []:
        if not isinstance(entry, dict):
            continue
        source = nodes.get(entry.get("source"))
        if source is None or not source.id.startswith("iii-5"):
            problems.append(Problem(entry.file, entry.line_of("source"), str(entry.get("source")), "source is not a node of Part III.5"))
            continue
        for written in entry.get("numbers") or []:
            if isinstance(written, str):
                covered.setdefault(source.id, Counter()).update(_numbers_as_written(written))
    point = nodes.get("iii-5")
    if point is not None:
        for node in point.walk():
            text = node.raw.get("vi")
            if not isinstance(text, str):
                continue
            have = covered.get(node.id, Counter())
            missing = [value for value in numbers_in(text, "vi") if value not in have]
            if missing:
                problems.append(Problem(node.file, node.raw.line_of("vi"), node.id,
                                        "numbers neither in data/commitments.yaml nor listed there as not targets: "
                                        + ", ".join(str(v) for v in missing)))
    return problems


def _numbers_as_written(written: str) -> Counter:
    if re.fullmatch(r"[IVXLC]+", written):
        return Counter({canonical(roman_to_int(written)): 1})
    found = numbers_in(written, "vi")
    # A code such as 226/2025/QH15 also covers the digits glued to its letters.
    for digits in re.findall(r"(?<=[A-Za-z])\d+", written):
        found[canonical(int(digits))] += 1
    return found


# ---------------------------------------------------------------- i18n

def i18n_problems(data: SiteData) -> list[Problem]:
    problems = []
    for lang, strings in data.i18n.items():
        problems.extend(schema_problems("i18n", strings))
    if len(data.i18n) == 2:
        vi, en = data.i18n["vi"], data.i18n["en"]
        for key in sorted(set(vi) ^ set(en)):
            holder = vi if key in vi else en
            other = "en" if key in vi else "vi"
            problems.append(Problem(holder.file, holder.line_of(key), key, f"interface string missing from the {other} file"))
    return problems


# ---------------------------------------------------------------- entry

def validate(data: SiteData, load_problems: list[Problem]) -> list[Problem]:
    """Run every check; return all problems, sorted and de-duplicated."""
    problems = list(load_problems)
    problems += _node_schema_problems(data)
    for name, schema in FILE_SCHEMAS.items():
        if name in data.side:
            problems += schema_problems(schema, data.side[name])
    problems += i18n_problems(data)
    # A file that did not load stops only the checks that depend on it.
    unloaded = {label for label, raw in data.raw_files.items() if raw is None}
    tree_whole = not any(label.startswith("data/resolution/") for label in unloaded)
    side_whole = not unloaded & {"data/themes.yaml", "data/units.yaml", "data/commitments.yaml"}
    if data.root is not None:
        problems += number_agreement_problems(data)
        if tree_whole:
            problems += id_problems(data)
            problems += glossary_problems(data)
            problems += meta_problems(data)
            problems += search_terms_problems(data)
            problems += fidelity_problems(data)
            problems += correction_problems(data)
            problems += english_lint_problems(data)
        if tree_whole and side_whole:
            problems += target_field_problems(data)
            problems += commitment_problems(data)
            problems += measure_problems(data)
    return sorted(set(problems))
