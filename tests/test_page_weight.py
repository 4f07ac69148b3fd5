"""Page-weight budget of every page, measured in Chromium.

In: the built site (`built_site`), served on 127.0.0.1 (`site_server`), and
a fresh browser page (`page`). Out: pass/fail. The first view of every page
in both languages must transfer at most 100 KB gzipped, counting every response
(HTML, CSS, JS, fonts, images) except the on-demand search index under
/pagefind/; the gzipped size is computed here with gzip level 6 because the
test server does not compress. No request may leave the host, and nothing
unused (lunr, the search worker, source maps) is fetched or
published.
"""
from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest

from helpers import goto

BUDGET_BYTES = 100 * 1024
UNUSED_MARKERS = ("lunr", "workers/search", "search_index.json", ".map")


def first_view(page, url: str) -> list[tuple[str, int]]:
    """Load `url` and return (path, gzipped size) for every response of the first view."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    goto(page, url)
    sizes = []
    for response in responses:
        if 300 <= response.status < 400:
            continue  # a redirect carries no body of its own
        sizes.append((urlsplit(response.url).path, len(gzip.compress(response.body(), compresslevel=6))))
    return sizes


def breakdown(sizes: list[tuple[str, int]]) -> str:
    return "\n".join(f"{size:>8} {path}" for path, size in sorted(sizes, key=lambda item: -item[1]))


PAGES = ["", "text/", "targets/", "compare/", "glossary/", "about/", "corrections/", "404.html"]


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_first_view_fits_the_budget(site_server, page, prefix, path):
    sizes = first_view(page, f"{site_server}/{prefix}{path}")
    counted = [(path, size) for path, size in sizes if not path.startswith("/pagefind/")]
    paths = [path for path, _ in counted]
    assert f"/{prefix}{path}" in paths and any(path.endswith(".css") for path in paths) and any(path.endswith(".js") for path in paths)
    total = sum(size for _, size in counted)
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped > {BUDGET_BYTES}:\n{breakdown(counted)}"


def test_no_request_leaves_the_host_and_nothing_unused_is_fetched(site_server, page):
    goto(page, f"{site_server}/text/")
    host = urlsplit(site_server).netloc
    requests = [url for url in page.requests if urlsplit(url).scheme not in ("data", "blob")]
    assert requests
    assert [url for url in requests if urlsplit(url).netloc != host] == []
    assert [url for url in requests if any(marker in url for marker in UNUSED_MARKERS)] == []


def test_no_source_maps_or_lunr_files_are_published(built_site):
    published = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")]
    assert [name for name in published if name.endswith(".map")] == []
    assert [name for name in published if "lunr" in name or "workers/search" in name] == []
    # Dark mode needs Material's palette CSS: it is published, once per language root.
    assert len([name for name in published if name.startswith(("assets/stylesheets/palette.", "en/assets/stylesheets/palette."))]) >= 1
