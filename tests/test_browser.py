"""What a person does in a real browser: follow a deep link, switch language.

In: the built site served on 127.0.0.1, Debian's Chromium through Playwright.
Out: the fragment survives the language switch, the element is in view, the
switcher keeps trailing slashes, and no request leaves the host or fails.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from helpers import in_viewport, settle


def open_language_menu_and_pick(page, code: str) -> None:
    link = page.locator(f"a[data-hp-lang='{code}']").first
    page.locator(".hp-lang .md-header__button").first.hover()
    link.click()


def test_switching_language_keeps_the_place(page, site_server):
    page.goto(f"{site_server}/text/#iii-5-2-p3")
    settle(page)
    assert in_viewport(page, "iii-5-2-p3")
    open_language_menu_and_pick(page, "en")
    page.wait_for_url("**/en/text/#iii-5-2-p3")
    settle(page)
    assert urlsplit(page.url).path == "/en/text/" and urlsplit(page.url).fragment == "iii-5-2-p3"
    assert page.locator("html").get_attribute("lang") == "en"
    assert in_viewport(page, "iii-5-2-p3")
    open_language_menu_and_pick(page, "vi")
    page.wait_for_url("**/text/#iii-5-2-p3")
    assert urlsplit(page.url).path == "/text/"
    assert in_viewport(page, "iii-5-2-p3")


def test_switcher_links_keep_the_trailing_slash(page, site_server):
    page.goto(f"{site_server}/en/targets/")
    hrefs = page.eval_on_selector_all("a[data-hp-lang]", "els => els.map(e => new URL(e.href).pathname)")
    assert hrefs == ["/targets/", "/en/targets/"]


def test_no_request_leaves_the_host_and_none_fails(page, site_server):
    failures = []
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    for path in ("/", "/text/", "/targets/", "/en/", "/en/glossary/", "/en/compare/"):
        page.goto(site_server + path)
        settle(page)
    hosts = {urlsplit(url).hostname for url in page.requests if urlsplit(url).scheme in ("http", "https")}
    assert hosts == {"127.0.0.1"}
    assert failures == []
    assert not [u for u in page.requests if u.endswith("sitemap.xml")]
