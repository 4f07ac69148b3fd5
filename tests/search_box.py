"""The search box as the browser tests drive it (tests/test_search*.py).

In: a Playwright page of the built site. Out: the search dialog opened (by
click or key), a query typed into the real box and, once the dialog says the
query's results are shown, each result as {href, number, snippet, text,
other} (other: in the glossary/about group after the text), best first; a
result's id and path; whether a query has Vietnamese diacritics.
`search_many` enters a whole suite into the same box inside the page, one
query after another, and reads the same results: the relevance suites hold
hundreds of queries, and one DevTools round trip per suite, rather than
several per query, is what makes them affordable.
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
    return page.eval_on_selector_all("#hp-search-results a", f"links => links.map({RESULT_JS})")


# One shown result, as both search() and search_many() read it.
RESULT_JS = """a => ({href: a.href,
                      number: (a.querySelector('.hp-search__num') || {}).textContent || '',
                      snippet: (a.querySelector('.hp-search__snippet') || {}).innerHTML || '',
                      text: a.textContent,
                      other: Boolean(a.closest('.hp-search__group'))})"""

# Each query: the box emptied, then given the query, each time with the input event the
# browser fires when a person types (the dialog listens to nothing else); then, once the
# dialog says that query's results are shown, the results as shown.
SEARCH_MANY_JS = f"""async queries => {{
  const input = document.getElementById('hp-search-input');
  const dialog = document.getElementById('hp-search-dialog');
  const shown = query => new Promise((resolve, reject) => {{
    if (dialog.getAttribute('data-hp-query') === query) return resolve();
    const timer = setTimeout(() => {{ watcher.disconnect(); reject(new Error('no results shown for ' + JSON.stringify(query))); }}, 15000);
    const watcher = new MutationObserver(() => {{
      if (dialog.getAttribute('data-hp-query') === query) {{ clearTimeout(timer); watcher.disconnect(); resolve(); }}
    }});
    watcher.observe(dialog, {{attributes: true, attributeFilter: ['data-hp-query']}});
  }});
  const enter = text => {{
    input.value = text;
    input.dispatchEvent(new InputEvent('input', {{bubbles: true, inputType: 'insertText', data: text}}));
  }};
  const answers = [];
  for (const query of queries) {{
    enter('');
    enter(query);
    await shown(query);
    answers.push([...document.querySelectorAll('#hp-search-results a')].map({RESULT_JS}));
  }}
  return answers;
}}"""


def search_many(page, queries: list[str]) -> list[list[dict]]:
    """Enter each query into the open search box in turn; return each one's shown results, best first."""
    return page.evaluate(SEARCH_MANY_JS, queries)


def result_id(result: dict) -> str:
    return urlsplit(result["href"]).fragment


def result_path(result: dict) -> str:
    return urlsplit(result["href"]).path
