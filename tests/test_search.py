"""Site search in a real browser (issues 5 and 16): how it behaves.

In: the site built once per session (`built_site`, with its Pagefind index),
served on 127.0.0.1 (`site_server`), Debian's Chromium (`page`). Out:
pass/fail. The relevance suites and their bars are tests/test_search_relevance.py.

Checked: results only in the page's language; nothing under /pagefind/ (nor
the search module) requested before search opens; the keyboard flow ("/", "s"
and the button open, arrows move between the box and the results, Enter
follows, Esc closes, the focus comes back); a modal dialog labelled for screen
readers, with a live result count, in the page's language, and no WCAG 2.1
A/AA violation with results shown; each result shows its number and a snippet
and links to the deepest id; the text's results come first and the glossary's
form their own labelled group, only for the query's rarest word; when nothing
matches, the closest passages or the parts of the text, with a line saying
so, never a bare "no results"; the words are marked on arrival, concept words
and Telex included; "32.900", "32,900" and "32900" all find target (18); the
index holds only the indexed pages, per language, and one WebAssembly; and
the search works when the site is served under a sub-path.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import yaml

from helpers import VIEWPORT, axe_violations, goto, static_server, wait_for_js
from search_box import open_search, result_id, result_path, search

ROOT = Path(__file__).resolve().parents[1]
I18N = {lang: yaml.safe_load((ROOT / "data" / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
        for lang in ("vi", "en")}
TEXT_PAGE = {"vi": "/text/", "en": "/en/text/"}


@pytest.fixture(scope="module")
def search_pages(browser, site_server):
    """The full text in each language with the search dialog open, shared by the tests that
    only type a query and read what is shown (each search replaces the previous results)."""
    context = browser.new_context(viewport=VIEWPORT)
    pages = {}
    for lang, path in TEXT_PAGE.items():
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request, page=page: page.requests.append(request.url))
        page.goto(site_server + path)
        open_search(page)
        pages[lang] = page
    yield pages
    context.close()


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("query", ["32.900", "32,900", "32900"])
def test_a_number_in_any_convention_finds_target_18(search_pages, lang, query):
    results = search(search_pages[lang], query)
    assert result_id(results[0]) == "iii-3-b-18"
    assert results[0]["number"] == "(18)"
    assert "<mark>32" in results[0]["snippet"]


# ---------------------------------------------------------------------------
# Language, loading, the index
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, query", [("vi", "xa hoi"), ("vi", "GRDP"), ("en", "social"), ("en", "GRDP")])
def test_results_are_only_in_the_page_language(page, site_server, lang, query):
    page.goto(site_server + ("/" if lang == "vi" else "/en/"))
    open_search(page)
    results = search(page, query)
    assert len(results) >= 3
    assert all(result_path(r).startswith("/en/") == (lang == "en") for r in results)
    other = "en" if lang == "vi" else "vi"
    fetched = [urlsplit(url).path for url in page.requests if "/pagefind/" in url]
    assert any(f"/{lang}_" in path or f".{lang}_" in path for path in fetched)
    assert not [path for path in fetched if f"/{other}_" in path or f".{other}_" in path]


@pytest.mark.parametrize("path", ["/", "/text/", "/targets/", "/en/", "/en/text/", "/en/glossary/"])
def test_nothing_for_search_is_requested_before_search_opens(page, site_server, path):
    goto(page, site_server + path)
    page.mouse.wheel(0, 2000)
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert [u for u in page.requests if "/pagefind/" in u or "search-dialog" in u] == []
    open_search(page)
    search(page, "GRDP")
    assert [u for u in page.requests if "/pagefind/pagefind.js" in u]


def test_the_index_holds_the_text_glossary_and_about_page_per_language(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"vi", "en"}
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {"vi": 3, "en": 3}
    for unused in ("pagefind-ui.js", "pagefind-highlight.js", "pagefind-worker.js"):
        assert not (built_site / "pagefind" / unused).exists(), unused
    # the browser lists pages and matches words itself: one language-neutral WebAssembly
    assert [path.name for path in (built_site / "pagefind").glob("wasm.*")] == ["wasm.unknown.pagefind"]
    assert {info["wasm"] for info in entry["languages"].values()} == {None}
    for lang, prefix in (("vi", ""), ("en", "en/")):
        text = (built_site / prefix / "text" / "index.html").read_text(encoding="utf-8")
        targets = (built_site / prefix / "targets" / "index.html").read_text(encoding="utf-8")
        assert text.count("data-pagefind-body") == 1 and "data-pagefind-body" not in targets


# ---------------------------------------------------------------------------
# What a result shows, where it leads, the words marked on arrival
# ---------------------------------------------------------------------------

def test_results_show_the_number_and_a_snippet_and_link_to_the_deepest_id(page, site_server):
    page.goto(site_server + "/text/")
    open_search(page)
    first = search(page, "nha o xa hoi")[0]
    assert result_id(first) == "iii-3-b-18" and first["number"] == "(18)"
    assert "<mark>nhà</mark>" in first["snippet"] and "<mark>hội</mark>" in first["snippet"]
    assert parse_qs(urlsplit(first["href"]).query)["highlight"] == ["nha o xa hoi"]
    task = search(page, "ha tang giao thong")[0]
    assert result_id(task) == "iii-5-6" and task["number"] == "5.6"
    paragraph = search(page, "khong con ho ngheo")[0]
    assert result_id(paragraph) == "iii-5-9-p1" and paragraph["number"] == "mục III.5.9, đoạn 1"
    page.goto(site_server + "/en/text/")
    open_search(page)
    paragraph = search(page, "drug-free city")[0]
    assert result_id(paragraph) == "iii-5-11-p1" and paragraph["number"] == "section III.5.11, paragraph 1"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_never_a_bare_no_results(search_pages, lang):
    page = search_pages[lang]
    query = "nghheoo" if lang == "vi" else "povertyyy"  # two letters more than "nghèo", "poverty"
    closest = search(page, query)
    assert result_id(closest[0]) == "iii-5-9-p1"
    assert page.inner_text("#hp-search-status") == I18N[lang]["search_closest"].replace("{query}", query)
    parts = search(page, "zzzqqq")
    assert [result_id(r) for r in parts] == ["preamble", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][:len(parts)]
    assert len(parts) >= 5
    assert page.inner_text("#hp-search-status") == I18N[lang]["search_outline"].replace("{query}", "zzzqqq")


@pytest.mark.parametrize("lang, query, glossary", [("vi", "GRDP", "grdp"), ("en", "GRDP", "grdp"),
                                                   ("vi", "nhà ở xã hội", "social-housing"), ("en", "HDI", "human-development-index")])
def test_the_text_comes_first_and_the_glossary_is_a_labelled_group(search_pages, lang, query, glossary):
    page = search_pages[lang]
    results = search(page, query)
    groups = [r["other"] for r in results]
    assert groups[0] is False and groups == sorted(groups)  # every text result before the group
    assert all(result_path(r).endswith("/text/") for r in results if not r["other"])
    assert glossary in [result_id(r) for r in results if r["other"]]
    label = page.locator(".hp-search__group-label")
    assert label.text_content() == I18N[lang]["search_others"]
    assert page.get_attribute(".hp-search__group ul", "aria-labelledby") == label.get_attribute("id")


@pytest.mark.parametrize("lang, query", [("vi", "bao giờ"), ("en", "development")])
def test_a_glossary_entry_that_merely_holds_a_common_word_is_not_shown(search_pages, lang, query):
    results = search(search_pages[lang], query)
    assert results and not [r for r in results if r["other"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_words_are_marked_on_arrival(page, site_server, lang):
    query = "nha o xa hoi" if lang == "vi" else "social housing"
    page.goto(f"{site_server}{TEXT_PAGE[lang]}?highlight={quote(query)}#iii-3-b-18")
    page.wait_for_selector("#iii-3-b-18 mark.hp-highlight")
    marked = page.eval_on_selector_all("#iii-3-b-18 mark.hp-highlight", "ms => ms.map(m => m.textContent)")
    assert marked == (["nhà", "ở", "xã", "hội"] if lang == "vi" else ["social", "housing"])
    assert page.locator("mark.hp-highlight").count() == len(marked)  # only in the element linked to
    assert "highlight" not in page.url and urlsplit(page.url).fragment == "iii-3-b-18"


@pytest.mark.parametrize("query, target, words", [
    ("xe buýt", "iii-5-6-p1", {"giao", "thông", "công", "cộng"}),       # the concept map's words
    ("nhaf owr xax hooij", "iii-3-b-18", {"nhà", "ở", "xã", "hội"}),     # Telex leftovers
    ("pensions", "iii-3-b-16", {"social", "insurance"}),
])
def test_concept_and_telex_words_are_marked_on_arrival(page, site_server, query, target, words):
    prefix = "/en" if query == "pensions" else ""
    page.goto(f"{site_server}{prefix}/text/?highlight={quote(query)}#{target}")
    page.wait_for_selector(f"#{target} mark.hp-highlight")
    marked = page.eval_on_selector_all(f"#{target} mark.hp-highlight", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert words <= set(marked)  # ("thông" also marks "thống": folded alike, as typed without diacritics)


def test_a_result_on_the_same_page_marks_its_words_without_a_reload(page, site_server):
    goto(page, site_server + "/text/")
    page.evaluate("window.hpStayed = true")
    for query, target, words in (("khong con ho ngheo", "iii-5-9-p1", ["không", "còn", "hộ", "nghèo"]),
                                 ("ma tuy", "iii-5-11-p1", ["ma", "túy"])):
        open_search(page, "/")
        page.keyboard.type(query)
        wait_for_js(page, f"document.getElementById('hp-search-dialog').getAttribute('data-hp-query') === '{query}'")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/text/#{target}")
        marked = page.eval_on_selector_all("mark.hp-highlight", "ms => ms.map(m => [m.closest('[id]').id, m.textContent])")
        assert {where for where, _ in marked} == {target}  # the marks of the previous search are gone
        assert {word for _, word in marked} == set(words)
    assert page.evaluate("window.hpStayed === true")


# ---------------------------------------------------------------------------
# Keyboard and screen readers
# ---------------------------------------------------------------------------

def focused(page) -> str:
    """What has the focus: the search box, the n-th result ("result 0"), or the element's tag."""
    return page.evaluate("""() => {
      const el = document.activeElement;
      if (el.id === 'hp-search-input') return 'box';
      const links = [...document.querySelectorAll('#hp-search-results a')];
      return links.includes(el) ? 'result ' + links.indexOf(el) : el.tagName + (el.hasAttribute('data-hp-search-open') ? ' opener' : '');
    }""")


def test_keyboard_flow(page, site_server):
    goto(page, site_server + "/targets/")
    for key in ("/", "s"):
        open_search(page, key)
        assert focused(page) == "box"
        page.keyboard.press("Escape")
        page.wait_for_selector("#hp-search-dialog:not([open])", state="attached")
        wait_for_js(page, "document.activeElement.hasAttribute('data-hp-search-open')")
    page.locator("[data-hp-search-open]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#hp-search-dialog[open]")
    assert focused(page) == "box"
    page.keyboard.type("tang truong grdp")
    wait_for_js(page, "document.getElementById('hp-search-dialog').getAttribute('data-hp-query') === 'tang truong grdp'")
    steps = []
    for key in ("ArrowDown", "ArrowDown", "ArrowUp", "ArrowUp", "ArrowDown"):
        page.keyboard.press(key)
        steps.append(focused(page))
    assert steps == ["result 0", "result 1", "result 0", "box", "result 0"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/text/?highlight=tang+truong+grdp#iii-3-b-1")
    page.wait_for_selector("#iii-3-b-1 mark.hp-highlight")
    assert urlsplit(page.url).query == ""  # ?highlight= is dropped once used
    # Enter in the box follows the first result
    goto(page, site_server + "/en/")
    open_search(page, "/")
    page.keyboard.type("social housing")
    wait_for_js(page, "document.getElementById('hp-search-dialog').getAttribute('data-hp-query') === 'social housing'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/text/?highlight=social+housing#iii-3-b-18")
    # typing "s" or "/" in a text field types it, it does not open search
    goto(page, site_server + "/targets/")
    page.focus("#hp-filter-input")
    page.keyboard.type("s/")
    assert page.input_value("#hp-filter-input") == "s/"
    assert not page.evaluate("document.getElementById('hp-search-dialog').open")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_labelled_for_screen_readers_in_the_page_language(page, site_server, lang):
    strings = I18N[lang]
    page.goto(site_server + ("/" if lang == "vi" else "/en/"))
    opener = page.locator("[data-hp-search-open]")
    assert opener.is_visible() and opener.get_attribute("aria-label") == strings["search_open"]
    assert opener.get_attribute("aria-haspopup") == "dialog"
    open_search(page)
    assert page.evaluate("document.getElementById('hp-search-dialog').matches('dialog:modal')")
    dialog = page.locator("#hp-search-dialog")
    assert page.inner_text("#" + dialog.get_attribute("aria-labelledby")) == strings["search_title"]
    assert page.inner_text("label[for=hp-search-input]") == strings["search_label"]
    box = page.locator("#hp-search-input")
    assert page.inner_text("#" + box.get_attribute("aria-describedby")) == strings["search_help"]
    assert page.get_attribute("#hp-search-results", "aria-label") == strings["search_results_label"]
    status = page.locator("#hp-search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    search(page, "GRDP")
    count = len(page.query_selector_all("#hp-search-results a"))
    total = int("".join(ch for ch in status.inner_text() if ch.isdigit()))
    assert count >= 3 and total >= count
    assert status.inner_text() == strings["search_count_other"].replace("{n}", str(total))
    assert page.get_attribute("[data-hp-search-close]", "aria-label") == strings["search_close"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_wcag_violations_with_search_open(page, site_server, prefix):
    page.goto(f"{site_server}/{prefix}text/")
    open_search(page)
    search(page, "GRDP")
    assert axe_violations(page) == []


# ---------------------------------------------------------------------------
# Under a sub-path
# ---------------------------------------------------------------------------

@pytest.fixture
def sub_path_server(built_site):
    """The site under /sub/ only, like a project page on a shared host."""
    with static_server(built_site, "/sub") as base_url:
        yield base_url


def test_search_works_under_a_sub_path(page, sub_path_server):
    failures = []
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    page.goto(sub_path_server + "/en/glossary/")
    open_search(page)
    results = search(page, "social housing")
    assert result_id(results[0]) == "iii-3-b-18"
    assert result_path(results[0]) == "/sub/en/text/"
    assert [u for u in page.requests if "/pagefind/" in u and "/sub/pagefind/" not in u] == []
    assert failures == []
