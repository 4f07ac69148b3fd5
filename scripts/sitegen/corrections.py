"""The corrections log (data/corrections.yaml): its checks and its views.

In: a loaded `SiteData` (its side file "corrections") and the build date
(SOURCE_DATE_EPOCH, else today). Out: `Problem`s for entries whose ids do not
exist, whose date is later than the build, that are out of date order, or
whose previous wording equals the current one; and, for rendering, the
entries newest first with the current wording beside the previous one.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .document import SiteData
from .yamlload import Problem

FIELD_OF = {"vi": "vi", "en": "en"}


def build_date() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()


def _entries(data: SiteData) -> list:
    side = data.side.get("corrections")
    items = side.get("corrections") if isinstance(side, dict) else None
    return [e for e in items or [] if isinstance(e, dict)]


def _parse(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def correction_problems(data: SiteData, today: dt.date | None = None) -> list[Problem]:
    today = today or build_date()
    nodes = data.by_id()
    problems: list[Problem] = []
    last: dt.date | None = None
    for entry in _entries(data):
        where = entry.file, entry.line
        label = ",".join(str(i) for i in entry.get("ids") or []) or "-"
        date = _parse(entry.get("date"))
        if date is None:
            problems.append(Problem(*where, label, f"date {entry.get('date')!r} is not an ISO date"))
        else:
            if date > today:
                problems.append(Problem(entry.file, entry.line_of("date"), label, f"date {date} is later than the build ({today})"))
            if last is not None and date < last:
                problems.append(Problem(entry.file, entry.line_of("date"), label, f"entry dated {date} comes after one dated {last}: keep the log in date order"))
            last = date
        for node_id in entry.get("ids") or []:
            if node_id not in nodes:
                problems.append(Problem(entry.file, entry.line_of("ids"), label, f"id {node_id!r} does not exist"))
        previous = entry.get("previous") if isinstance(entry.get("previous"), dict) else {}
        field = FIELD_OF.get(entry.get("changed"))
        for node_id, wording in previous.items():
            if node_id not in (entry.get("ids") or []):
                problems.append(Problem(entry.file, previous.line_of(node_id), label, f"previous wording for {node_id!r}, which the entry does not list in ids"))
            node = nodes.get(node_id)
            if field and node is not None and isinstance(wording, str) and _same(wording, node.raw.get(field)):
                problems.append(Problem(entry.file, previous.line_of(node_id), label, f"previous wording of {node_id!r} is the same as the current {field} text"))
    return problems


def _same(a, b) -> bool:
    return isinstance(b, str) and " ".join(a.split()) == " ".join(b.split())


@dataclass(frozen=True)
class Change:
    """One id of one entry, ready to show: before and after."""
    node_id: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    anchor: str
    date: str
    kind: str
    changed: str
    reason: str
    changes: tuple[Change, ...]


def entries_newest_first(data: SiteData, lang: str) -> list[Entry]:
    """The log newest first; each entry's anchor is stable (its position in the log)."""
    nodes = data.by_id()
    out = []
    for index, raw in enumerate(_entries(data), start=1):
        field = FIELD_OF.get(raw["changed"])
        changes = tuple(
            Change(node_id, raw["previous"].get(node_id, ""), nodes[node_id].raw.get(field, "") if field else "")
            for node_id in raw["ids"]
        )
        out.append(Entry(f"c{index}", raw["date"], raw["kind"], raw["changed"], raw["reason"][lang], changes))
    return list(reversed(out))


def marker_map(data: SiteData) -> dict[str, str]:
    """Node id -> anchor of the latest entry that changed it."""
    markers: dict[str, str] = {}
    for index, raw in enumerate(_entries(data), start=1):
        for node_id in raw.get("ids") or []:
            markers[node_id] = f"c{index}"
    return markers


def as_json(data: SiteData) -> list[dict]:
    """The log for the open data, bilingual, in date order."""
    return [
        {"anchor": f"c{i}", "date": e["date"], "ids": list(e["ids"]), "changed": e["changed"], "kind": e["kind"],
         "reason": {"vi": e["reason"]["vi"], "en": e["reason"]["en"]},
         "previous": {k: v for k, v in e["previous"].items()}}
        for i, e in enumerate(_entries(data), start=1)
    ]


def corrections_json(data: SiteData) -> str:
    """The open-data file corrections.json (bilingual, date order), byte-reproducible."""
    import json
    return json.dumps({"edition": dict(data.side["meta"]["edition"]), "corrections": as_json(data)},
                      ensure_ascii=False, indent=2) + "\n"
