"""Accessibility in a real browser: axe-core on every kind of page, keyboard only.

In: the built site on 127.0.0.1, axe-core from npm (node_modules/axe-core),
Debian's Chromium. Out: zero WCAG 2.1 A/AA violations on every kind of page
in both languages (including search open and a filtered target table), and
in both colour schemes (the device's light and dark settings), and
a keyboard path skip link → search → language switch → target filter →
permalink where every step is reachable and visibly focused.
"""
from __future__ import annotations

import pytest

from helpers import SCHEME_OF, VIEWPORT, axe_violations, in_scheme, settle, transitions_done

PAGES = ["", "text/", "targets/", "compare/", "glossary/", "about/", "corrections/", "404.html"]


SCHEMES = ["light", "dark"]


@pytest.fixture
def schemed_page(browser, request):
    """A fresh page whose device prefers the colour scheme `request.param`."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme=request.param)
    yield context.new_page()
    context.close()


def expect_scheme(page, scheme: str) -> None:
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEME_OF[scheme]


def violations_in_both_schemes(page) -> dict[str, list[str]]:
    """axe on the page as loaded (Playwright's device prefers light), then with the device switched to dark:
    the site follows the device at once (Material's palette watches the media query)."""
    expect_scheme(page, "light")
    found = {"light": axe_violations(page)}
    in_scheme(page, "dark")
    found["dark"] = axe_violations(page)
    return found


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations_in_either_scheme(page, site_server, prefix, path):
    page.goto(f"{site_server}/{prefix}{path}")
    settle(page)
    assert violations_in_both_schemes(page) == {"light": [], "dark": []}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_wcag_violations_with_filtered_targets(page, site_server, prefix):
    page.goto(f"{site_server}/{prefix}targets/")
    settle(page)
    box = page.locator("#hp-filter-input")
    if not box.is_visible():
        pytest.fail("the target filter is not shown")
    box.fill("GRDP")
    page.wait_for_timeout(200)
    assert violations_in_both_schemes(page) == {"light": [], "dark": []}


@pytest.mark.parametrize("schemed_page", SCHEMES, indirect=True)
def test_the_page_opens_in_the_device_scheme(schemed_page, site_server, request):
    schemed_page.goto(f"{site_server}/text/")
    expect_scheme(schemed_page, request.node.callspec.params["schemed_page"])


FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), cls: el.className && el.className.baseVal === undefined ? el.className : "",
    id: el.id, href: el.getAttribute("href") || "", lang: el.getAttribute("data-hp-lang") || "",
    search: el.hasAttribute("data-hp-search-open"), inDialog: !!el.closest("dialog[open]"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    shown: box.width > 0 && box.height > 0 && style.visibility !== "hidden" && parseFloat(style.opacity) > 0,
  };
}"""


def tab_until(page, predicate, key="Tab", limit=200):
    """Press Tab (or Shift+Tab) until the focused element satisfies predicate; return its info."""
    for _ in range(limit):
        page.keyboard.press(key)
        info = page.evaluate(FOCUS_INFO)
        if info and predicate(info):
            return info
    raise AssertionError(f"not reachable with {key} within {limit} presses")


def assert_visible_focus(page):
    transitions_done(page)  # Material fades some focus rings in
    info = page.evaluate(FOCUS_INFO)
    assert info["shown"], info
    assert info["outline"] or info["shadow"], f"focus is not visible: {info}"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_keyboard_only_path(page, site_server, prefix):
    page.goto(f"{site_server}/{prefix}targets/")
    settle(page)
    # 1. The skip link is the first stop.
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUS_INFO)
    assert skip and "md-skip" in skip["cls"], skip
    assert_visible_focus(page)
    # 2. Search: reachable, opens with Enter, closes with Escape, focus returns.
    tab_until(page, lambda i: i["search"])
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog[open]")
    assert page.evaluate(FOCUS_INFO)["inDialog"]
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog[open]", state="detached", timeout=2000) if page.locator("dialog[open]").count() else None
    assert page.evaluate(FOCUS_INFO)["search"]
    # 3. Language switch: the other language's link is reachable and visibly focused.
    other = "vi" if prefix else "en"
    tab_until(page, lambda i: i["lang"] == other, key="Shift+Tab")
    assert_visible_focus(page)
    # 4. Target filter.
    tab_until(page, lambda i: i["id"] == "hp-filter-input")
    assert_visible_focus(page)
    page.keyboard.type("GRDP")
    assert page.locator("#iii-3-b-1").is_visible() and not page.locator("#iii-3-b-18").is_visible()
    # 5. A permalink (a row's copy-link action or a ¶ link) is reachable and visibly focused.
    tab_until(page, lambda i: i["href"].startswith("#iii-3") or "hp-cite-btn--link" in (i["cls"] or ""))
    assert_visible_focus(page)
