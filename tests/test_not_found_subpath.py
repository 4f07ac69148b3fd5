"""The 404 pages work at any depth under a sub-folder, in their language.

In: a deploy build with SITE_URL under /nq/ (the address of a loopback server
chosen first), served under /nq/ by a host that answers a missing path with
its language's 404 page. Out: pass/fail on issue 10.4: /nq/a/b/c/ and
/nq/en/a/b/c/ answer 404 in Vietnamese and English with their stylesheet
applied, and every link, stylesheet and script on them resolves.
"""
from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

from conftest import build_once
from helpers import CHECKOUT_BUILDS, goto, static_server

# One worker runs every test that builds this checkout (see conftest.CHECKOUT_BUILDS).
pytestmark = pytest.mark.xdist_group(CHECKOUT_BUILDS)
REFERENCES = """() => [...document.querySelectorAll('a[href], link[rel=stylesheet][href], script[src]')]
  .map(el => el.href || el.src)"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def subfolder_site(tmp_path_factory):
    port = free_port()
    site_dir, _ = build_once(tmp_path_factory, f"subfolder-{port}", dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/nq/"))
    with static_server(site_dir, sub_path="/nq", port=port, not_found_pages=True) as base:
        yield base


@pytest.mark.parametrize("path, lang", [("/a/b/c/", "vi"), ("/en/a/b/c/", "en"), ("/x", "vi"), ("/en/text/nope/deeper/", "en")])
def test_not_found_pages_under_a_subfolder(page, subfolder_site, path, lang):
    response = goto(page, subfolder_site + path)
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    # Styled: Material's stylesheet applied (the header is fixed/sticky, not static).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    host = urlsplit(subfolder_site).netloc
    references = sorted(set(page.evaluate(REFERENCES)))
    assert len(references) > 5
    broken = []
    for url in references:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            continue
        assert parts.netloc == host, url  # nothing leaves the host
        assert parts.path.startswith("/nq/"), url  # nothing escapes the sub-folder
        if page.request.get(url.split("#")[0]).status != 200:
            broken.append(url)
    assert broken == []
