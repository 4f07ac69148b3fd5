"""Dark mode in a real browser: it follows the device, remembers the reader's
choice, never paints the wrong scheme first, and every state passes axe.

In: the built site on 127.0.0.1 (`site_server`), Debian's Chromium with the
device's colour scheme set per context or page (light or dark), axe-core from npm.
Out: pass/fail for
  * the scheme on a first visit matching the device, already before any
    external script has run (all .js requests blocked), so the first paint
    has it;
  * the header toggle (follow the device → light → dark → follow) kept across
    a reload and across pages, and applied before the first paint too;
  * zero axe violations with the search dialog showing results, the cite
    dialog open, a glossary tooltip shown and a permalinked target row
    highlighted (each state checked on its own; test_accessibility checks
    the pages whole), in both schemes and both languages.
"""
from __future__ import annotations

import pytest

from helpers import SCHEME_OF, VIEWPORT, axe_violations, settle

BODY_SCHEME = "document.body.getAttribute('data-md-color-scheme')"
# Records the scheme the body has when the HTML has been parsed, before any
# deferred work; with external scripts blocked it is what the first paint had.
RECORD_AT_PARSE = """document.addEventListener('DOMContentLoaded', () => {
  window.__hpSchemeAtParse = document.body.getAttribute('data-md-color-scheme');
  window.__hpBackground = getComputedStyle(document.body).backgroundColor;
});"""


def new_page(browser, scheme: str, block_scripts: bool = False):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.add_init_script(RECORD_AT_PARSE)
    if block_scripts:
        context.route("**/*.js", lambda route: route.abort())
    return context, context.new_page()


def dark_background(rgb: str) -> bool:
    red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return (red + green + blue) / 3 < 80


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "en/compare/"])
def test_first_paint_follows_the_device_without_any_external_script(browser, site_server, scheme, path):
    context, page = new_page(browser, scheme, block_scripts=True)
    try:
        page.goto(f"{site_server}/{path}")
        assert page.evaluate("window.__hpSchemeAtParse") == SCHEME_OF[scheme]
        assert dark_background(page.evaluate("window.__hpBackground")) == (scheme == "dark")
    finally:
        context.close()


def toggle(page) -> None:
    page.locator("form[data-md-component=palette] label:not([hidden])").click()


def test_toggle_cycles_and_the_choice_survives_reload_and_other_pages(browser, site_server):
    context, page = new_page(browser, "light")
    try:
        page.goto(f"{site_server}/text/")
        settle(page)
        assert page.evaluate(BODY_SCHEME) == "default"  # follows the (light) device
        toggle(page)  # → light, chosen
        assert page.evaluate(BODY_SCHEME) == "default"
        toggle(page)  # → dark, chosen
        assert page.evaluate(BODY_SCHEME) == "slate"
        page.reload()
        assert page.evaluate("window.__hpSchemeAtParse") == "slate"
        page.goto(f"{site_server}/en/targets/")
        assert page.evaluate("window.__hpSchemeAtParse") == "slate"
        settle(page)
        toggle(page)  # → follow the device again
        assert page.evaluate(BODY_SCHEME) == "default"
        page.reload()
        assert page.evaluate("window.__hpSchemeAtParse") == "default"
    finally:
        context.close()


def test_stored_choice_is_applied_before_any_external_script(browser, site_server):
    context, page = new_page(browser, "dark")
    try:
        page.goto(f"{site_server}/about/")
        settle(page)
        toggle(page)  # follow the (dark) device → light, chosen
        assert page.evaluate(BODY_SCHEME) == "default"
        context.route("**/*.js", lambda route: route.abort())
        page.reload()
        assert page.evaluate("window.__hpSchemeAtParse") == "default"
        assert not dark_background(page.evaluate("window.__hpBackground"))
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_dialogs_tooltips_and_highlights_pass_axe(page, site_server, scheme, prefix):
    page.emulate_media(color_scheme=scheme)  # the device's setting, before the page loads
    # A permalinked target row, highlighted (test_accessibility checks the page whole in both schemes).
    page.goto(f"{site_server}/{prefix}targets/#iii-3-b-1")
    settle(page)
    assert page.evaluate(BODY_SCHEME) == SCHEME_OF[scheme]
    assert page.locator("#iii-3-b-1.hp-row--highlight").count() == 1
    assert axe_violations(page, within=["#iii-3-b-1"]) == []
    # The cite dialog.
    page.locator("#iii-3-b-1 .hp-cite-btn--cite").click()
    page.wait_for_selector("dialog.hp-cite-dialog[open]")
    assert axe_violations(page, within=["dialog.hp-cite-dialog"]) == []
    page.keyboard.press("Escape")
    # The search dialog with results and marked words.
    page.locator("[data-hp-search-open]").click()
    page.locator("#hp-search-input").fill("GRDP")
    page.wait_for_selector("#hp-search-results li mark", timeout=10000)
    assert axe_violations(page, within=["#hp-search-dialog"]) == []
    page.keyboard.press("Escape")
    # A glossary tooltip over the full text (checked whole by test_accessibility), and a paragraph permalink.
    page.goto(f"{site_server}/{prefix}text/#iii-5-2-p3")
    settle(page)
    page.locator("a.hp-term").first.focus()
    page.wait_for_selector(".hp-tooltip:not([hidden])")
    assert axe_violations(page, within=[".hp-tooltip", "#iii-5-2-p3"]) == []
