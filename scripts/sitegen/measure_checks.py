"""Checks of measures that a JSON Schema cannot express.

In: a loaded `SiteData`. Out: a list of `Problem`s (`data/FILE:LINE: id: message`)
for: measure ids that do not start with their owner's id or repeat;
`equivalent_to` / `part_of` links that do not resolve to another measure of the
same owner; numbers in the fields that the sentence does not state (period
years are exempt only where `period.inferred` says why); `aspirational` without
"phấn đấu" and `approximate` without "khoảng" in the Vietnamese sentence.
The other direction (every number of a sentence is in its fields) lives in
validate.py.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .document import LANGUAGES, SiteData
from .numbers import canonical, numbers_in
from .yamlload import LineDict, Problem

LINKS = ("equivalent_to", "part_of")
# The Vietnamese word a flag stands for; the flag must not be set without it.
FLAG_WORDS = {"aspirational": "phấn đấu", "approximate": "khoảng"}


@dataclass
class Owner:
    """A target or commitment: its id, its measures and the sentence that states them."""
    id: str
    raw: LineDict
    texts: dict


def owners(data: SiteData) -> list[Owner]:
    found = []
    for node in data.nodes():
        if node.raw.get("kind") == "target" and isinstance(node.raw.get("measures"), list):
            found.append(Owner(node.id, node.raw, {lang: node.raw.get(lang) for lang in LANGUAGES}))
    nodes = data.by_id()
    side = data.side.get("commitments")
    for item in (side.get("commitments") or []) if isinstance(side, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("measures"), list):
            source = nodes.get(item.get("source"))
            texts = {lang: source.raw.get(lang) if source else None for lang in LANGUAGES}
            found.append(Owner(item["id"], item, texts))
    return found


def stated_numbers(measure: dict) -> Counter:
    """The numbers a measure's fields claim the sentence states."""
    found: Counter = Counter()
    for key in ("value", "min", "max", "stretch", "out_of"):
        if isinstance(measure.get(key), (int, float)) and not isinstance(measure.get(key), bool):
            found[canonical(measure[key])] += 1
    period = measure.get("period")
    if isinstance(period, dict) and "inferred" not in period:
        for key in ("from", "to", "year"):
            if isinstance(period.get(key), int):
                found[canonical(period[key])] += 1
    return found


def _measures(owner: Owner):
    return [m for m in owner.raw["measures"] if isinstance(m, LineDict)]


def id_and_link_problems(all_owners: list[Owner]) -> list[Problem]:
    problems, seen = [], {}
    for owner in all_owners:
        for measure in _measures(owner):
            mid = measure.get("id")
            if not isinstance(mid, str):
                continue  # the schema reports it
            if not mid.startswith(owner.id + "-m"):
                problems.append(Problem(measure.file, measure.line_of("id"), owner.id, f"measure id {mid!r} must start with {owner.id}-m"))
            if mid in seen:
                problems.append(Problem(measure.file, measure.line_of("id"), owner.id, f"duplicate measure id {mid!r}"))
            seen[mid] = owner.id
    for owner in all_owners:
        for measure in _measures(owner):
            for key in LINKS:
                target = measure.get(key)
                if target is None:
                    continue
                if target == measure.get("id"):
                    problems.append(Problem(measure.file, measure.line_of(key), owner.id, f"{key} refers to the measure itself"))
                elif seen.get(target) != owner.id:
                    problems.append(Problem(measure.file, measure.line_of(key), owner.id, f"{key} {target!r} is not a measure of {owner.id}"))
    return problems


def sentence_problems(all_owners: list[Owner]) -> list[Problem]:
    problems = []
    for owner in all_owners:
        for lang in LANGUAGES:
            text = owner.texts.get(lang)
            if not isinstance(text, str):
                continue
            in_text = set(numbers_in(text, lang))
            for measure in _measures(owner):
                extra = sorted({str(v) for v in stated_numbers(measure) if v not in in_text})
                if extra:
                    problems.append(Problem(measure.file, measure.line, owner.id,
                                            f"{measure.get('id', 'measure')}: numbers in the fields that the {lang} sentence does not state: "
                                            + ", ".join(extra) + " (a period the text does not state needs period.inferred)"))
        vi_text = (owner.texts.get("vi") or "").lower()
        for measure in _measures(owner):
            for flag, word in FLAG_WORDS.items():
                if measure.get(flag) is True and word not in vi_text:
                    problems.append(Problem(measure.file, measure.line_of(flag), owner.id,
                                            f"{measure.get('id', 'measure')}: {flag} but the sentence does not say {word!r}"))
    return problems


def measure_problems(data: SiteData) -> list[Problem]:
    all_owners = owners(data)
    return id_and_link_problems(all_owners) + sentence_problems(all_owners)
