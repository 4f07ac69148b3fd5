"""The search relevance suites, their scores and their bars (tests/test_search.py, scripts/bench_search.py).

In: tests/search_queries.yaml (the easy suite: exact keyword lookups),
tests/search_queries_hard.yaml (the harder suite of issue 16, written blind:
questions, synonyms, word forms, Telex/VNI, typos, abbreviations, percent,
numbers; each query has a `kind`), tests/search_queries_extra.yaml (more of
those kinds, by the ranking's author), tests/search_bars.yaml (the bars), and,
per query, the ids of the first results the search box showed.
Out: hit@1 / hit@3 per suite, language, diacritics flag and kind; the misses;
the bars a table falls short of; and the table README's search section shows,
rendered from the bars, so that README and the tests state the same figures.
"""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SUITE_FILES = {"easy": ROOT / "tests" / "search_queries.yaml", "hard": ROOT / "tests" / "search_queries_hard.yaml",
               "extra": ROOT / "tests" / "search_queries_extra.yaml"}
KINDS = {"question", "synonym", "word-form", "telex", "typo", "abbreviation", "percent", "number"}
BARS_FILE = ROOT / "tests" / "search_bars.yaml"
LANGS = ("vi", "en")
FLAGS = {"with": True, "without": False}


def load_suite(name: str) -> list[dict]:
    queries = yaml.safe_load(SUITE_FILES[name].read_text(encoding="utf-8"))["queries"]
    for query in queries:
        query.setdefault("kind", "all")
    return queries


def load_bars() -> dict:
    return yaml.safe_load(BARS_FILE.read_text(encoding="utf-8"))


def expected_ids(query: dict) -> list[str]:
    expected = query["expected"]
    return list(expected) if isinstance(expected, list) else [expected]


def hits(query: dict, ids: list[str]) -> tuple[bool, bool]:
    """(hit@1, hit@3) for the ids shown, best first."""
    wanted = expected_ids(query)
    return bool(ids[:1]) and ids[0] in wanted, any(i in wanted for i in ids[:3])


def score(rows: list[tuple[dict, list[str]]]) -> dict:
    """{(lang, group): [hit@1, hit@3, count]}; a group is "with", "without" (diacritics) or a kind."""
    table: dict = {}
    for query, ids in rows:
        first, top3 = hits(query, ids)
        groups = ["with" if query["diacritics"] else "without"]
        if query["kind"] != "all":
            groups.append(query["kind"])
        for group in groups:
            cell = table.setdefault((query["lang"], group), [0, 0, 0])
            cell[0] += first
            cell[1] += top3
            cell[2] += 1
    return table


def misses(rows: list[tuple[dict, list[str]]]) -> list[str]:
    return [f"[{q['lang']} {q['kind']}] {q['query']!r}: expected {q['expected']}, got {ids}"
            for q, ids in rows if not hits(q, ids)[0]]


def percent(hit: int, count: int) -> int:
    """A share as a whole percent, rounded down (the bar a measure meets)."""
    return 100 * hit // count


def shortfalls(table: dict, bars: dict) -> list[str]:
    """Each cell of a language's bars that the measured table falls short of."""
    problems = []
    for lang, groups in bars.items():
        for group, (bar1, bar3) in groups.items():
            hit1, hit3, count = table.get((lang, group), (0, 0, 0))
            if not count:
                problems.append(f"{lang} {group}: no query")
            elif percent(hit1, count) < bar1 or percent(hit3, count) < bar3:
                problems.append(f"{lang} {group}: hit@1 {hit1}/{count}, hit@3 {hit3}/{count}; bars {bar1} % / {bar3} %")
    return problems


def measured_bars(table: dict, kinds: bool = True) -> dict:
    """The bars a table meets exactly, in the shape of tests/search_bars.yaml (to update it):
    per language, with and without diacritics, then (if `kinds`) per kind of query."""
    bars: dict = {}
    order = ["with", "without"] + sorted(KINDS)
    for (lang, group), (hit1, hit3, count) in sorted(table.items(), key=lambda item: (LANGS.index(item[0][0]), order.index(item[0][1]))):
        if kinds or group in FLAGS:
            bars.setdefault(lang, {})[group] = [percent(hit1, count), percent(hit3, count)]
    return bars


def _cell(bars: dict, lang: str, group: str) -> str:
    pair = bars.get(lang, {}).get(group)
    return f"{pair[0]} % / {pair[1]} %" if pair else "—"


def readme_table(bars: dict) -> str:
    """README's table of the bars: one row per suite and group, hit@1 / hit@3 per language."""
    lines = ["| suite, queries | vi hit@1 / hit@3 | en hit@1 / hit@3 |", "| --- | --- | --- |"]
    for suite, by_lang in bars.items():
        groups = list(dict.fromkeys(group for lang in LANGS for group in by_lang.get(lang, {})))
        for group in groups:
            label = {"with": "with diacritics", "without": "without diacritics"}.get(group, group)
            lines.append(f"| {suite}, {label} | {_cell(by_lang, 'vi', group)} | {_cell(by_lang, 'en', group)} |")
    return "\n".join(lines)
