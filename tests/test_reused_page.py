"""The page lent to the browser tests keeps nothing of the test before (conftest.ReusedPage).

In: the session's built site in Chromium, a ReusedPage of its own. Out:
pass/fail: after a test that stored data, was granted the clipboard, switched
the device to dark and to print, resized the viewport and added listeners,
the next borrower finds none of it, on about:blank, with every request of its
own recorded and none served from the cache (which, within the test before,
did answer a second load of the same page); after one that added a route, the
next one's requests are not routed. (A route turns Playwright's cache off
while it lasts, so the cache is proved on a borrow without one.)
"""
from __future__ import annotations

from conftest import ReusedPage
from helpers import VIEWPORT, goto

STATE = """() => ({stored: localStorage.getItem('hp-test') || sessionStorage.getItem('hp-test'),
                  dark: matchMedia('(prefers-color-scheme: dark)').matches,
                  print: matchMedia('print').matches,
                  width: innerWidth, height: innerHeight})"""

# [bytes over the network, body size] of each stylesheet the page loaded.
CSS_SIZES = "() => performance.getEntriesByType('resource').filter(r => r.name.endsWith('.css'))" \
            ".map(r => [r.transferSize, r.encodedBodySize])"


def came_whole(transferred: int, body: int) -> bool:
    """Headers and a body over the network: more bytes transferred than the body holds. A copy
    from the cache transfers nothing, a revalidated one headers only (Chromium then reports
    its body as 0 or as the cached size)."""
    return transferred > body > 0


def test_a_borrower_finds_nothing_of_the_one_before(browser, site_server):
    holder = ReusedPage(browser)
    try:
        page = holder.lend()
        heard = []
        page.on("console", lambda message: heard.append(message.text))
        goto(page, f"{site_server}/glossary/")
        goto(page, f"{site_server}/glossary/")  # within a test, the cache works as in any browser
        sizes = page.evaluate(CSS_SIZES)
        assert sizes and not any(came_whole(*size) for size in sizes), sizes
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
        page.emulate_media(color_scheme="dark", media="print")
        page.set_viewport_size({"width": 400, "height": 700})
        page.evaluate("() => { localStorage.setItem('hp-test', '1'); sessionStorage.setItem('hp-test', '1'); }")
        first = page
        holder.give_back()

        page = holder.lend()
        assert page is first  # the same page, lent again
        assert page.url == "about:blank" and page.requests == []
        goto(page, f"{site_server}/glossary/")
        assert page.evaluate(STATE) == {"stored": None, "dark": False, "print": False, **VIEWPORT}
        assert page.evaluate("() => navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
        page.evaluate("() => console.log('after')")
        page.wait_for_timeout(100)
        assert heard == []  # the first borrower's listener is gone
        css = [url for url in page.requests if url.endswith(".css")]
        assert css  # requested again: no route aborts them, and no cache answers them
        # Each stylesheet came whole over the network.
        sizes = page.evaluate(CSS_SIZES)
        assert sizes and all(came_whole(*size) for size in sizes), sizes
        page.route("**/*.css", lambda route: route.abort())
        holder.give_back()

        page = holder.lend()
        goto(page, f"{site_server}/glossary/")
        sizes = page.evaluate(CSS_SIZES)
        assert sizes and all(came_whole(*size) for size in sizes), sizes  # the route is gone
        holder.give_back()
    finally:
        holder.close()
