"""The search's relevance suites and its first-search budget, in a real browser (issues 5 and 16).

In: the built site served on 127.0.0.1 (`site_server`), Debian's Chromium,
the suites and bars of scripts/search_suites.py (tests/search_queries.yaml,
the harder tests/search_queries_hard.yaml written blind, tests/search_queries_extra.yaml;
tests/search_bars.yaml) and README.md. Out: pass/fail, and per suite the
hit@1 / hit@3 table per language, diacritics flag and kind, with the misses.

Checked: the suites are well formed (both languages, diacritics flags true,
kinds known, expected ids that exist); each suite meets its bars per language,
diacritics flag and kind, entered into the real search box (search_box.search_many); README's search
section shows the table of those very bars (one place for the figures:
tests/search_bars.yaml); a first search transfers at most 150 KB gzipped.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import search_suites
from bench_search import FIRST_SEARCH_BAR_BYTES, first_search
from search_box import has_diacritics, open_search, result_id, result_path, search, search_many

ROOT = Path(__file__).resolve().parents[1]
TEXT_PAGE = {"vi": "/text/", "en": "/en/text/"}
SUITES = {name: search_suites.load_suite(name) for name in search_suites.SUITE_FILES}
BARS = search_suites.load_bars()


@pytest.mark.parametrize("name", sorted(SUITES))
def test_the_suites_are_well_formed(site_data, name):
    suite = SUITES[name]
    ids = {node.id for node in site_data.nodes()}
    for lang in ("vi", "en"):
        assert len([q for q in suite if q["lang"] == lang]) >= 20, lang
    assert [q["query"] for q in suite if q["diacritics"] != has_diacritics(q["query"])] == []
    assert [q["query"] for q in suite if not set(search_suites.expected_ids(q)) <= ids] == []
    if name != "easy":
        assert {q["kind"] for q in suite} <= search_suites.KINDS
    assert set(BARS[name]) == {"vi", "en"}


def test_the_easy_suite_covers_numbers_and_abbreviations():
    easy = SUITES["easy"]
    numbers = {q["query"].split()[0] for q in easy if q["expected"] == "iii-3-b-18"}
    assert {"32.900", "32900", "32,900"} <= numbers
    typed = " ".join(q["query"] for q in easy).upper()
    assert all(abbreviation in typed for abbreviation in ("PCI", "FDI", "GRDP"))


def test_the_harder_suite_has_every_kind_in_both_languages():
    hard = SUITES["hard"]
    for lang in ("vi", "en"):
        kinds = {q["kind"] for q in hard if q["lang"] == lang}
        assert kinds == search_suites.KINDS - {"word-form" if lang == "vi" else "telex"}, lang
    assert {q["diacritics"] for q in hard if q["lang"] == "vi"} == {True, False}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", sorted(SUITES))
def test_relevance_suite_meets_its_bars(page, site_server, name, lang):
    page.goto(site_server + TEXT_PAGE[lang])
    open_search(page)
    queries = [q for q in SUITES[name] if q["lang"] == lang]
    rows = []
    for query, results in zip(queries, search_many(page, [q["query"] for q in queries]), strict=True):
        assert all(result_path(r).startswith("/en/") == (lang == "en") for r in results), query
        rows.append((query, [result_id(r) for r in results[:3]]))
    table = search_suites.score(rows)
    for (row_lang, group), (hit1, hit3, count) in sorted(table.items()):
        print(f"{name} {row_lang} {group:<13} hit@1 {hit1}/{count}  hit@3 {hit3}/{count}")
    misses = search_suites.misses(rows)
    print("\n".join(misses))
    assert search_suites.shortfalls(table, {lang: BARS[name][lang]}) == [], "\n".join(misses)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_suite_entered_at_once_shows_what_typing_each_query_shows(page, site_server, lang):
    # Every tenth query of the harder suite: numbers, typos, Telex, filler and fallbacks among them.
    sample = [q["query"] for q in SUITES["hard"] if q["lang"] == lang][::10] + ["zzzqqq"]
    page.goto(site_server + TEXT_PAGE[lang])
    open_search(page)
    at_once = search_many(page, sample)
    one_by_one = [search(page, query) for query in sample]
    assert at_once == one_by_one
    assert all(at_once[:-1])


def test_readme_states_the_bars():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert search_suites.readme_table(BARS) in readme


def test_the_issue_16_bars_hold_on_the_harder_suite():
    for lang, groups in BARS["hard"].items():
        for flag in ("with", "without"):
            if flag in groups:
                assert groups[flag][0] >= 90 and groups[flag][1] >= 97, (lang, flag)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_first_search_fits_the_budget(browser, site_server, lang):
    sizes, _ = first_search(browser, site_server, lang)
    total = sum(size for _, size in sizes)
    listing = "\n".join(f"{size:>8} {path}" for path, size in sorted(sizes, key=lambda item: -item[1]))
    assert total <= FIRST_SEARCH_BAR_BYTES, f"{total} bytes gzipped:\n{listing}"
    assert not [path for path, _ in sizes if path.endswith("repair.js")]  # loaded only when a query needs it
