"""Print stylesheet, checked in Chromium with print media emulated.

In: the built site served on 127.0.0.1 (`site_server`) and a fresh page
(`page`). Out: pass/fail. In both languages the full text prints without
header, navigation, sidebars, footer, search or language switcher; each
paragraph shows its id as a citation label, and link addresses are written
out.
"""
from __future__ import annotations

import pytest

from helpers import goto

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".hp-lang",
                   ".hp-section-tools", ".headerlink"]

DISPLAY = "(selector) => [...document.querySelectorAll(selector)].map(e => getComputedStyle(e).display)"
PSEUDO = """([selector, pseudo]) => {
  const element = document.querySelector(selector);
  const style = getComputedStyle(element, pseudo);
  return {content: style.content, display: style.display, visible: element.getClientRects().length > 0};
}"""


def open_for_print(page, url: str):
    page.emulate_media(media="print")
    goto(page, url)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_full_text_prints_without_interface(page, site_server, prefix):
    open_for_print(page, f"{site_server}{prefix}/text/")
    for selector in HIDDEN_IN_PRINT:
        displays = page.evaluate(DISPLAY, selector)
        assert displays, f"{selector} is not on the page"
        assert set(displays) == {"none"}, (selector, displays)
    assert page.locator("#iv-p1").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()  # the check above is about print, not a hidden header


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_ids_print_as_citation_labels(page, site_server, prefix):
    open_for_print(page, f"{site_server}{prefix}/text/")
    label = page.evaluate(PSEUDO, ["#iii-5-2-p3", "::before"])
    assert label == {"content": '"#iii-5-2-p3"', "display": "block", "visible": True}
    heading = page.evaluate(PSEUDO, ["h2#iv", "::after"])
    assert heading["content"] == '"#iv"' and heading["display"] != "none"
    page.emulate_media(media="screen")
    assert page.evaluate(PSEUDO, ["#iii-5-2-p3", "::before"])["content"] in ("none", "normal")


def test_link_addresses_print_after_links(page, site_server):
    open_for_print(page, f"{site_server}/en/about/")
    links = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href]:not(.headerlink)')]
      .filter(a => !a.getAttribute('href').startsWith('#'))
      .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert links
    for href, content in links:
        assert content == '" (" attr(href) ")"' or content == f'" ({href})"', (href, content)
