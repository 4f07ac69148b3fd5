"""Every page works under its Content-Security-Policy, in both languages.

In: the session's built site in Chromium; a listener added before any page
script records every `securitypolicyviolation`. Out: pass/fail on issue
11.7: the policy meta comes before the first script, and loading every kind
of page, searching, filtering the targets, citing and copying raise none.
"""
from __future__ import annotations

import re

import pytest

from helpers import VIEWPORT, goto

LANGS = {"vi": "", "en": "en/"}
# The 404 pages: tests/test_not_found_subpath.py serves them under a sub-path.
PAGES = ["", "text/", "targets/", "compare/", "glossary/", "about/", "corrections/"]
RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_the_policy_comes_before_the_first_script_on_every_page(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        policy = head.find('http-equiv="Content-Security-Policy"')
        assert 0 < policy < head.find("<script"), page
        content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', head).group(1)
        assert "'unsafe-inline'" not in content.split("script-src")[1].split(";")[0]
        assert "object-src 'none'" in content and "'wasm-unsafe-eval'" in content
        markup = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", markup), f"inline handler in {page}"
    assert "Content-Security-Policy: default-src 'self'" in (built_site / "_headers").read_text(encoding="utf-8")


def new_recording_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("lang", LANGS)
def test_no_policy_violation_on_any_page_or_action(browser, site_server, lang):
    context, page, errors = new_recording_page(browser)
    prefix = LANGS[lang]
    try:
        for path in PAGES:
            goto(page, f"{site_server}/{prefix}{path}")
            assert violations(page) == [], path
        # Search: open, type, results shown.
        goto(page, f"{site_server}/{prefix}targets/")
        page.click("[data-hp-search-open]")
        page.fill("#hp-search-input", "GRDP")
        page.wait_for_selector("#hp-search-results li a", timeout=15000)
        page.click("[data-hp-search-close]")
        page.wait_for_selector("#hp-search-dialog:not([open])", state="attached")
        # The targets filter.
        page.fill("#hp-filter-input", "32900")
        page.wait_for_timeout(300)
        # Cite and copy link on a target row and on a paragraph.
        page.locator("#iii-3-b-18 .hp-cite-btn--cite").click()
        page.wait_for_selector("dialog.hp-cite-dialog[open]")
        page.keyboard.press("Escape")
        page.locator("#iii-3-b-18 .hp-cite-btn--link").click()
        goto(page, f"{site_server}/{prefix}text/#iii-5-2-p3")
        page.locator("#iii-5-2-p3 .hp-cite-btn--cite").click()
        page.wait_for_selector("dialog.hp-cite-dialog[open]")
        assert violations(page) == []
        assert errors == []
    finally:
        context.close()
