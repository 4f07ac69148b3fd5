"""The built Corrections page, revision markers and corrections.json.

In: the strict MkDocs build (session `built_site`). Out: both languages have
the page with every entry newest first, before and after shown; every
marker on the full text and the side-by-side page links to an entry that
names the marked node; the open data carries the log; citations carry the edition.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from sitegen.corrections import entries_newest_first

LANG_ROOT = {"vi": "", "en": "en/"}


class Markers(HTMLParser):
    """Collects (node id, marker href) for every .hp-rev link inside an element with an id."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "hp-rev" in (attrs.get("class") or "").split():
            owner = next((i for i in reversed(self.stack) if i), None)
            self.found.append((owner, attrs["href"]))
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.stack.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.stack.pop()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_corrections_page_newest_first_with_before_and_after(built_site, site_data, lang):
    html = (built_site / LANG_ROOT[lang] / "corrections" / "index.html").read_text(encoding="utf-8")
    entries = entries_newest_first(site_data, lang)
    anchors = re.findall(r'<section class="hp-correction" id="(c\d+)"', html)
    assert anchors == [e.anchor for e in entries]
    assert site_data.i18n[lang]["title_corrections"] in html
    first = entries[-1]  # the oldest entry sits last
    section = html[html.index(f'id="{first.anchor}"'):]
    assert "<del" in section and "<ins" in section
    change = first.changes[0]
    assert change.before.split()[0] in section
    assert f'../text/#{change.node_id}"' in section


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", ["text", "compare"])
def test_markers_link_to_entries_that_name_the_node(built_site, site_data, lang, page):
    by_anchor = {e.anchor: {c.node_id for c in e.changes} for e in entries_newest_first(site_data, lang)}
    parser = Markers()
    parser.feed((built_site / LANG_ROOT[lang] / page / "index.html").read_text(encoding="utf-8"))
    marked = set()
    for owner, href in parser.found:
        assert href.startswith("../corrections/#"), href
        anchor = href.split("#", 1)[1]
        assert anchor in by_anchor, href
        marked.add(owner)
        if page == "compare":
            assert owner in by_anchor[anchor], (owner, href)
    assert "iii-5-3-p1" in marked
    if page == "compare":
        assert marked == set().union(*by_anchor.values())


def test_open_data_carries_the_log(built_site, site_data):
    for lang in ("vi", "en"):
        log = json.loads((built_site / LANG_ROOT[lang] / "downloads" / "corrections.json").read_text(encoding="utf-8"))
        assert log["edition"] == {"number": "1.2", "date": "2026-12-03"}
        ids = {i for entry in log["corrections"] for i in entry["ids"]}
        assert "iii-5-3-p1" in ids
        entry = next(e for e in log["corrections"] if "iii-5-3-p1" in e["ids"])
        assert "one of the most important driving forces" in " ".join(entry["previous"]["iii-5-3-p1"].split())


def test_edition_in_citation_title_and_about(built_site, site_data):
    number = re.escape(site_data.side["meta"]["edition"]["number"])
    assert number == r"1\.2"
    vi = (built_site / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'hp:citation-title" content="[^"]*, bản {number}"', vi)
    assert re.search(rf'hp:citation-title" content="[^"]*, edition {number}"', en)
    assert "Edition 1.2" in (built_site / "en" / "about" / "index.html").read_text(encoding="utf-8")
