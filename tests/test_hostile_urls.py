"""No address, however hostile or malformed, makes a page's scripts throw or inject.

In: the session's built site in Chromium; every kind of page opened with a
list of hostile query strings and fragments. Out: pass/fail on issue 11.5:
no page error, no element or script that the page did not have, and the
page still works (its search button is shown, so its scripts ran).
"""
from __future__ import annotations

import pytest

from helpers import goto

PAGES = ["", "text/", "targets/", "compare/", "glossary/", "about/", "corrections/", "en/text/", "en/targets/"]
HOSTILE = [
    "?highlight=GRDP#%",
    "#%E0%A4%A",
    "?highlight=%#iii-5-2",
    "?highlight=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E#iii-3-b-18",
    "#%3Cimg%20src=x%20onerror=alert(1)%3E",
    "#\"><script>window.__pwned=1</script>",
    "?highlight=" + "a" * 5000 + "#" + "b" * 5000,
    "?highlight=%uD800#%uDC00",
    "#iii-5-2-p3?x=1#y",
    "?highlight[]=1&highlight=2#",
    "#javascript:alert(1)",
    "?highlight=.*+?^${}()|[]\\#.*",
]
COUNT = "() => ({elements: document.querySelectorAll('*').length, pwned: !!window.__pwned, " \
        "injected: document.querySelectorAll('img[src=x], [onerror]').length})"


@pytest.mark.parametrize("path", PAGES)
def test_hostile_addresses_neither_throw_nor_inject(page, site_server, path):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    goto(page, f"{site_server}/{path}")
    clean = page.evaluate(COUNT)
    for suffix in HOSTILE:
        goto(page, f"{site_server}/{path}{suffix}")
        page.wait_for_selector("[data-hp-search-open]", state="visible")
        state = page.evaluate(COUNT)
        assert not state["pwned"] and state["injected"] == 0, suffix
        assert errors == [], f"{suffix}: {errors}"
        # Only our own marks of a highlighted search may add elements.
        assert state["elements"] - page.evaluate("document.querySelectorAll('mark.hp-highlight').length") \
            <= clean["elements"] + 2, suffix
