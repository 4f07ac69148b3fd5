"""A default build writes no localhost address and no double-escaped heading.

In: the session's build with SITE_URL unset, as in `make build` (conftest's
`default_build`), and its deploy build. Out:
pass/fail on issue 10.4 and issue 11.2: no 127.0.0.1 anywhere, no canonical,
og:url, og:image or hreflang without an address, no sitemap, and the
contents sidebar shows "city's", never "city&#39;s".
"""
from __future__ import annotations

import re

import pytest

from helpers import CHECKOUT_BUILDS

# One worker runs every test that builds this checkout (see conftest.CHECKOUT_BUILDS).
pytestmark = pytest.mark.xdist_group(CHECKOUT_BUILDS)


def test_the_build_says_once_that_addresses_were_left_out(default_build):
    assert default_build[1].count("SITE_URL is not set") == 1, default_build[1][-3000:]


def test_no_build_writes_a_localhost_address(default_site, built_site):
    for path in [*default_site.rglob("*"), *built_site.rglob("*")]:
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".js"):
            assert "127.0.0.1" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_without_site_url_absolute_links_are_left_out(default_site, built_site):
    assert not list(default_site.rglob("sitemap.xml*")) and (built_site / "sitemap.xml").is_file()
    for page in ("index.html", "en/index.html", "en/text/index.html", "404.html", "en/404.html"):
        html = (default_site / page).read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html and 'property="og:url"' not in html, page
        assert "hreflang=" not in html.split("</head>")[0] and 'property="og:image"' not in html, page


def test_headings_with_an_apostrophe_are_escaped_once(built_site):
    html = (built_site / "en" / "text" / "index.html").read_text(encoding="utf-8")
    assert "&amp;#39;" not in html and "&amp;#x27;" not in html
    sidebar = re.findall(r'class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">(.*?)</span>', html, re.S)
    assert any("city&#39;s" in s or "city's" in s for s in sidebar), sidebar[:5]
