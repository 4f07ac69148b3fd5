"""The page lent to the browser tests keeps nothing of the test before (conftest.ReusedPage).

In: the session's built site in Chromium, a ReusedPage of its own. Out:
pass/fail: after a test that stored data, was granted the clipboard, switched
the device to dark and to print, resized the viewport, added listeners and a
route, the next borrower finds none of it, on about:blank, with every request
of its own recorded and none served from the cache.
"""
from __future__ import annotations

from conftest import ReusedPage
from helpers import VIEWPORT, goto

STATE = """() => ({stored: localStorage.getItem('hp-test') || sessionStorage.getItem('hp-test'),
                  dark: matchMedia('(prefers-color-scheme: dark)').matches,
                  print: matchMedia('print').matches,
                  width: innerWidth, height: innerHeight})"""


def test_a_borrower_finds_nothing_of_the_one_before(browser, site_server):
    holder = ReusedPage(browser)
    try:
        page = holder.lend()
        heard = []
        page.on("console", lambda message: heard.append(message.text))
        goto(page, f"{site_server}/glossary/")  # its stylesheets could now be cached
        page.route("**/*.css", lambda route: route.abort())
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
        # Each stylesheet came whole over the network (a cache revalidation transfers only headers).
        sizes = page.evaluate("() => performance.getEntriesByType('resource').filter(r => r.name.endsWith('.css'))"
                              ".map(r => [r.transferSize, r.encodedBodySize])")
        assert sizes and all(transferred > body > 0 for transferred, body in sizes), sizes
        holder.give_back()
    finally:
        holder.close()
