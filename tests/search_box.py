"""The search box as the browser tests drive it (tests/test_search*.py).

In: a Playwright page of the built site. Out: the search dialog opened (by
click or key), a query typed into the real box and, once the dialog says the
query's results are shown, each result as {href, number, snippet, text,
other} (other: in the glossary/about group after the text), best first; a
result's id and path; whether a query has Vietnamese diacritics.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from helpers import wait_for_js


def has_diacritics(text: str) -> bool:
    """True when the text has any Vietnamese mark (đ included), like the suite's flag says."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "đ" in text.lower() or any(unicodedata.combining(c) for c in decomposed)


def open_search(page, how: str = "click") -> None:
    # The button is shown by the same script that listens for "/" and "s": once visible, keys work.
    page.wait_for_selector("[data-hp-search-open]", state="visible")
    if how == "click":
        page.click("[data-hp-search-open]")
    else:
        page.keyboard.press(how)
    page.wait_for_selector("#hp-search-dialog[open]")


def search(page, query: str) -> list[dict]:
    """Type `query` into the open search box; return the shown results, best first."""
    page.fill("#hp-search-input", query)
    try:
        wait_for_js(page, "q => document.getElementById('hp-search-dialog').getAttribute('data-hp-query') === q",
                    arg=query, timeout=15)
    except Exception as error:
        state = page.evaluate("""() => ({box: document.getElementById('hp-search-input').value,
                                          shown: document.getElementById('hp-search-dialog').getAttribute('data-hp-query'),
                                          status: document.getElementById('hp-search-status').textContent})""")
        raise AssertionError(f"no results shown for {query!r}: {state}; requests: "
                             f"{[u for u in page.requests if 'search' in u or 'pagefind' in u]}") from error
    return page.eval_on_selector_all(
        "#hp-search-results a",
        """links => links.map(a => ({href: a.href,
                                     number: (a.querySelector('.hp-search__num') || {}).textContent || '',
                                     snippet: (a.querySelector('.hp-search__snippet') || {}).innerHTML || '',
                                     text: a.textContent,
                                     other: Boolean(a.closest('.hp-search__group'))}))""")


def result_id(result: dict) -> str:
    return urlsplit(result["href"]).fragment


def result_path(result: dict) -> str:
    return urlsplit(result["href"]).path
