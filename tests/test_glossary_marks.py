"""Glossary terms marked in place: matching rules, escaping, text untouched.

In: small hand-made glossaries and the real data/. Out: assertions on the
Markup returned by `sitegen.glossary_marks.mark_terms` and on the generated
text pages.
"""
from __future__ import annotations

import html
import re

import pytest
from markupsafe import Markup

from sitegen.glossary_marks import mark_terms
from sitegen.render import render_pages

TAG = re.compile(r"<[^>]+>")
TERM_LINK = re.compile(r'<a class="hp-term" href="([^"]*)" title="([^"]*)">(.*?)</a>')


def term(term_id, vi, en, abbreviation=False):
    return {
        "id": term_id, "abbreviation": abbreviation,
        "term": {"vi": vi[0], "en": en[0]},
        "expansion": {"vi": f"{term_id} vi", "en": f"{term_id} en"},
        "definition": {"vi": f"Định nghĩa {term_id}.", "en": f"Definition of {term_id}."},
        "match": {"vi": vi, "en": en},
    }


GLOSSARY = [
    term("ai", ["trí tuệ nhân tạo", "AI"], ["artificial intelligence", "AI"], abbreviation=True),
    term("rural", ["nông thôn mới"], ["new-style rural area"]),
    term("rural-advanced", ["nông thôn mới nâng cao"], ["advanced new-style rural area"]),
    term("rd", ["R&D"], ["R&D"], abbreviation=True),
    term("special-zone", ["đặc khu"], ["special zones", "special zone"]),
]


def plain(markup: Markup) -> str:
    return html.unescape(TAG.sub("", str(markup)))


def marked_terms(markup: Markup) -> list[tuple[str, str]]:
    return [(href.rsplit("#", 1)[1], html.unescape(text)) for href, _, text in TERM_LINK.findall(str(markup))]


def test_a_term_is_linked_to_its_entry_with_its_explanation():
    out = mark_terms("Ứng dụng AI trong quản lý.", "vi", GLOSSARY, "../glossary/")
    links = TERM_LINK.findall(str(out))
    assert links == [("../glossary/#ai", "ai vi", "AI")]
    assert plain(out) == "Ứng dụng AI trong quản lý."


def test_explanation_is_in_the_page_language():
    out = mark_terms("Use AI well.", "en", GLOSSARY)
    assert 'title="ai en"' in str(out)
    out = mark_terms("two special zones", "en", GLOSSARY)
    assert 'title="Definition of special-zone."' in str(out)


def test_a_term_is_marked_once_per_paragraph():
    text = "AI, AI và trí tuệ nhân tạo; đặc khu và đặc khu."
    assert marked_terms(mark_terms(text, "vi", GLOSSARY)) == [("ai", "AI"), ("special-zone", "đặc khu")]


def test_longest_match_wins_across_entries():
    text = "Xây dựng nông thôn mới nâng cao, rồi nông thôn mới."
    assert marked_terms(mark_terms(text, "vi", GLOSSARY)) == [
        ("rural-advanced", "nông thôn mới nâng cao"), ("rural", "nông thôn mới"),
    ]
    assert marked_terms(mark_terms("two special zones", "en", GLOSSARY)) == [("special-zone", "special zones")]


def test_a_repeated_long_term_does_not_mark_a_shorter_one_inside_it():
    text = "nông thôn mới nâng cao và nông thôn mới nâng cao"
    assert marked_terms(mark_terms(text, "vi", GLOSSARY)) == [("rural-advanced", "nông thôn mới nâng cao")]


@pytest.mark.parametrize("text", ["GIAI ĐOẠN", "TRAI", "AIR", "MAI", "ĐẠI", "AIđ", "ÀAI", "chai", "ai"])
def test_no_match_inside_words(text):
    assert marked_terms(mark_terms(text, "vi", GLOSSARY)) == []
    assert str(mark_terms(text, "vi", GLOSSARY)) == html.escape(text, quote=True)


@pytest.mark.parametrize("text", ["(AI)", "AI.", "AI-", "“AI”", "AI 2030"])
def test_match_next_to_punctuation_and_digits_after_a_space(text):
    assert marked_terms(mark_terms(text, "vi", GLOSSARY)) == [("ai", "AI")]


def test_match_is_case_sensitive():
    assert marked_terms(mark_terms("Nông thôn mới", "vi", GLOSSARY)) == []
    assert marked_terms(mark_terms("Artificial Intelligence", "en", GLOSSARY)) == []


def test_hostile_text_stays_escaped():
    text = '<script>alert("AI")</script> R&D &amp; <a href="x">AI</a> \'" {#id}'
    out = mark_terms(text, "en", GLOSSARY)
    assert "<script>" not in str(out) and '<a href="x">' not in str(out)
    assert "R&amp;D" in str(out) and "&amp;amp;" in str(out)
    assert plain(out) == text
    assert marked_terms(out) == [("ai", "AI"), ("rd", "R&D")]


def test_hostile_glossary_is_escaped_too():
    evil = term("x", ['"><b>'], ['"><b>'])
    evil["definition"]["vi"] = '"><script>alert(1)</script>'
    out = str(mark_terms('a "><b> b', "vi", [evil]))
    assert "<script>" not in out and "<b>" not in out
    assert plain(Markup(out)) == 'a "><b> b'


def test_empty_glossary_only_escapes():
    assert str(mark_terms("a < b & AI", "vi", [])) == "a &lt; b &amp; AI"


def paragraphs(page: str) -> dict[str, str]:
    """Text content of every generated <p id=…> of the text page, number, revision marker and permalink removed."""
    found = {}
    for node_id, inner in re.findall(r'<p id="([^"]+)" class="hp-para[^"]*"[^>]*>(.*?)</p>', page):
        inner = re.sub(r'^<span class="hp-num">.*?</span> ', "", inner)
        inner = re.sub(r'( <a class="hp-rev"[^>]*></a>)? <a class="headerlink".*$', "", inner)
        found[node_id] = html.unescape(TAG.sub("", inner))
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_generated_text_equals_the_data_text(site_data, lang):
    page = render_pages(site_data)[f"{lang}/text.md"]
    found = paragraphs(page)
    nodes = site_data.by_id()
    expected = {n.id for n in site_data.root.walk() if n.kind in ("paragraph", "item", "target", "breakthrough")}
    assert set(found) == expected
    for node_id, text in found.items():
        assert text == nodes[node_id].raw[lang], node_id


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_real_glossary_is_used_in_the_text(site_data, lang):
    page = render_pages(site_data)[f"{lang}/text.md"]
    ids = {href.rsplit("#", 1)[1] for href, _, _ in TERM_LINK.findall(page)}
    glossary_ids = {t["id"] for t in site_data.side["glossary"]["terms"]}
    assert ids <= glossary_ids
    assert {"grdp", "pci", "skilful-mass-mobilisation", "special-zone"} <= ids
    for href, _, _ in TERM_LINK.findall(page):
        assert href.startswith("../glossary/#")
