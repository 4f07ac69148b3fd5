"""Share through the phone's own share sheet (Web Share API), in a real browser.

In: the built site served on 127.0.0.1, Chromium with `navigator.share`
stubbed by an init script (desktop Chromium on Linux has no share sheet).
Out: pass/fail. With the API, every section, paragraph and target carries a
"Chia sẻ" / "Share" button that hands the share sheet the place's title, its
citation and its URL, and no request leaves the host; without it, no share
button appears and copy link stays as it is.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpers import goto

STUB = """
window.__shared = [];
Object.defineProperty(navigator, "share", {configurable: true, value: (data) => {
  window.__shared.push(data);
  return Promise.resolve();
}});
"""
LABEL = {"vi": "Chia sẻ", "en": "Share"}
PREFIX = {"vi": "", "en": "/en"}
# (page, element id, reference as the page cites it)
PLACES = {
    "vi": [("text", "iii-5-2-p3", "mục III.5.2, đoạn 3"), ("text", "iii-5-2", "mục III.5.2"),
           ("targets", "iii-3-b-18", "mục III.3.b, chỉ tiêu (18)")],
    "en": [("text", "iii-5-2-p3", "section III.5.2, paragraph 3"), ("text", "iii-5-2", "section III.5.2"),
           ("targets", "iii-3-b-18", "section III.3.b, target (18)")],
}


def share_button(page, element_id: str):
    return page.locator(f'button[data-hp-action="share"][data-hp-for="{element_id}"]')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_share_hands_the_share_sheet_title_citation_and_url(browser, site_server, site_data, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.add_init_script(STUB)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    meta = site_data.side["meta"]
    title = f'{meta["title"][lang]}, {site_data.i18n[lang]["edition_word"]} {meta["edition"]["number"]}'
    try:
        for name, element_id, reference in PLACES[lang]:
            path = f"{PREFIX[lang]}/{name}/"
            goto(page, f"{site_server}{path}")
            kinds = page.eval_on_selector_all("[data-cite][id]", "els => els.length")
            shares = page.eval_on_selector_all('button[data-hp-action="share"]', "els => els.length")
            assert shares == kinds > 0, "every citable place has a share button"
            button = share_button(page, element_id)
            assert button.get_attribute("title") == LABEL[lang]
            button.scroll_into_view_if_needed()
            button.click()
            shared = page.evaluate("window.__shared.pop()")
            assert shared == {"title": f"{title}, {reference}", "text": f"{title}, {reference}",
                              "url": f"{site_server}{path}#{element_id}"}
        host = urlsplit(site_server).netloc
        assert [url for url in requests if urlsplit(url).netloc != host and urlsplit(url).scheme in ("http", "https")] == []
    finally:
        context.close()


def test_without_the_api_there_is_no_share_button_and_copy_link_stays(page, site_server):
    goto(page, f"{site_server}/text/")
    assert page.evaluate("typeof navigator.share") == "undefined"
    assert page.locator('button[data-hp-action="share"]').count() == 0
    assert page.locator('button[data-hp-action="link"][data-hp-for="iii-5-2-p3"]').count() == 1
