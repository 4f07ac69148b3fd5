"""Reading tools: side by side, glossary tooltips, citations, link previews, sitemap.

In: the site built once per session (`built_site`), served on 127.0.0.1
(`site_server`) and driven in Debian's Chromium (`page`); the data (`site_data`).
Out: pass/fail. The side-by-side page is checked for alignment by id and for
stacking on a phone; a glossary term shows its explanation when reached with
Tab or hover; a paragraph's Cite action (docs/assets/cite.js) gives the
citation in the page's language; every built HTML page of both languages
carries title, description, Open Graph, Twitter and hreflang tags in its own
language; the sitemap lists the pages of both languages; the link-preview
images exist and are 1200×630.
"""
from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw

from sitegen.formatting import cite_reference
from sitegen.render import page_meta
from sitegen.social_image import card_key, draw_card, load_font, social_cards

from helpers import settle, wait_for_js

LANGS = {"vi": "", "en": "en/"}
LOCALES = {"vi": "vi_VN", "en": "en_GB"}
# site_url of the session's deploy build (conftest.built_site).
SITE_URL = (os.environ.get("SITE_URL") or "https://hp.example/").rstrip("/") + "/"
PHONE = {"width": 375, "height": 740}


# ---------------------------------------------------------------- helpers

class HeadTags(HTMLParser):
    """<html lang>, <title>, <meta> by name/property and hreflang links of one page."""

    def __init__(self):
        super().__init__()
        self.lang, self.title, self.meta, self.alternates = None, "", {}, {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content")
        elif tag == "link" and "alternate" in (attrs.get("rel") or "").split() and attrs.get("hreflang"):
            assert attrs["hreflang"] not in self.alternates, f"duplicate hreflang {attrs['hreflang']}"
            self.alternates[attrs["hreflang"]] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_tags(path: Path) -> HeadTags:
    parser = HeadTags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def language_pages(site: Path, lang: str) -> list[Path]:
    """Every built HTML page of one language (English lives under en/)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("pagefind/"):
            continue
        if (lang == "en") == relative.startswith("en/"):
            pages.append(path)
    return pages


def page_key(site: Path, lang: str, path: Path) -> tuple[str, str]:
    """(page name as in data/i18n, URL path relative to the language root)."""
    relative = path.relative_to(site / LANGS[lang] if LANGS[lang] else site).as_posix()
    if relative == "404.html":
        return "404", ""
    if relative == "index.html":
        return "index", ""
    return relative.removesuffix("/index.html"), relative.removesuffix("index.html")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_chunks(data: bytes) -> list[str]:
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunks.append(kind.decode("ascii"))
        offset += 12 + length
    return chunks


# ---------------------------------------------------------------- side by side

def compare_rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".hp-compare__row:not(.hp-compare__head)",
        """rows => rows.map(row => {
             const cell = side => row.querySelector(`:scope > [lang=${side}]`);
             const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
             return {id: row.id,
                     vi: cell('vi') && {text: cell('vi').textContent.trim(), lang: cell('vi').lang, box: box(cell('vi'))},
                     en: cell('en') && {text: cell('en').textContent.trim(), lang: cell('en').lang, box: box(cell('en'))}};
           })""",
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_side_by_side_rows_align_every_text_node_by_id(page, site_server, site_data, lang):
    page.goto(f"{site_server}/{LANGS[lang]}compare/")
    rows = compare_rows(page)
    ids = [row["id"] for row in rows]
    expected = [node.id for node in site_data.root.walk() if "vi" in node.raw]
    assert len(ids) == len(set(ids)), "an id appears twice"
    assert ids == expected, "every node with text, once, in document order"
    for row in rows:
        assert row["vi"] and row["en"], row["id"]
        assert row["vi"]["text"] and row["en"]["text"], row["id"]
        assert (row["vi"]["lang"], row["en"]["lang"]) == ("vi", "en"), row["id"]
    nodes = site_data.by_id()
    for row in rows:
        assert nodes[row["id"]].raw["vi"] in row["vi"]["text"], row["id"]
        assert nodes[row["id"]].raw["en"] in row["en"]["text"], row["id"]


def test_side_by_side_has_the_same_ids_in_both_languages(page, site_server):
    page.goto(f"{site_server}/compare/")
    vi_ids = [row["id"] for row in compare_rows(page)]
    page.goto(f"{site_server}/en/compare/")
    en_ids = [row["id"] for row in compare_rows(page)]
    assert vi_ids == en_ids and len(vi_ids) > 100


def test_side_by_side_is_two_columns_on_a_desktop_and_stacks_on_a_phone(page, site_server):
    page.goto(f"{site_server}/compare/")
    for row in compare_rows(page):
        assert row["en"]["box"]["left"] >= row["vi"]["box"]["right"], row["id"]
        assert row["en"]["box"]["top"] == pytest.approx(row["vi"]["box"]["top"], abs=1), row["id"]
    page.set_viewport_size(PHONE)
    page.goto(f"{site_server}/en/compare/")
    compare_box = page.evaluate(
        "(() => { const el = document.querySelector('.hp-compare'); return [el.getBoundingClientRect().right, el.scrollWidth, el.clientWidth]; })()")
    assert compare_box[0] <= PHONE["width"] and compare_box[1] <= compare_box[2], "the view fits the phone's width"
    for row in compare_rows(page):
        assert row["en"]["box"]["top"] >= row["vi"]["box"]["bottom"], row["id"]


def test_every_section_links_to_its_rows_side_by_side(page, site_server):
    for lang in LANGS:
        page.goto(f"{site_server}/{LANGS[lang]}text/")
        hrefs = page.eval_on_selector_all(".hp-section-tools a:not(.hp-rev)", "els => els.map(e => e.href)")
        assert len(hrefs) >= 20
        page.goto(f"{site_server}/{LANGS[lang]}compare/")
        row_ids = {row["id"] for row in compare_rows(page)}
        for href in hrefs:
            parts = urlsplit(href)
            assert parts.path == f"/{LANGS[lang]}compare/", href
            assert parts.fragment in row_ids, href


# ---------------------------------------------------------------- glossary tooltips

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_glossary_term_shows_its_explanation_on_keyboard_focus(page, site_server, site_data, lang):
    page.goto(f"{site_server}/{LANGS[lang]}text/")
    settle(page)
    first_term = page.locator("a.hp-term").first
    term_id = first_term.get_attribute("href").rsplit("#", 1)[1]
    title = first_term.get_attribute("title")
    entry = next(t for t in site_data.side["glossary"]["terms"] if t["id"] == term_id)
    explanation = entry["expansion"][lang] if entry.get("abbreviation") else entry["definition"][lang]
    assert title == " ".join(explanation.split()), "explanation in the page's language"
    # Reach it with the keyboard: start from the last focusable element before it and press Tab.
    page.evaluate(
        """() => {
             const term = document.querySelector('a.hp-term');
             const focusable = [...document.querySelectorAll('a[href], button, input, [tabindex]')]
               .filter(el => el.compareDocumentPosition(term) & Node.DOCUMENT_POSITION_FOLLOWING && el.tabIndex >= 0);
             focusable[focusable.length - 1].focus();
           }"""
    )
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.hp-term')"):
            break
    assert page.evaluate("document.activeElement.matches('a.hp-term')"), "Tab reaches the term"
    assert page.evaluate("new URL(document.activeElement.href).hash") == f"#{term_id}"
    tooltip_id = None
    for _ in range(20):
        tooltip_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
        if tooltip_id:
            break
        page.wait_for_timeout(100)
    assert tooltip_id, "the focused term is described by a tooltip"
    tooltip = page.locator(f"[id='{tooltip_id}']")
    assert tooltip.get_attribute("role") == "tooltip"
    assert tooltip.inner_text().strip() == title
    wait_for_js(page, f"document.getElementById('{tooltip_id}').classList.contains('hp-tooltip--active')")
    assert tooltip.is_visible()


def test_a_glossary_term_shows_its_explanation_on_hover(page, site_server):
    page.goto(f"{site_server}/en/text/")
    settle(page)
    term = page.locator("#iii-4-1 a.hp-term").first
    title = term.get_attribute("title")
    term.hover()
    wait_for_js(page, "document.querySelector('#iii-4-1 a.hp-term').getAttribute('aria-describedby')")
    tooltip_id = term.get_attribute("aria-describedby")
    wait_for_js(page, f"document.getElementById('{tooltip_id}').classList.contains('hp-tooltip--active')")
    assert page.locator(f"[id='{tooltip_id}']").inner_text().strip() == title


def test_glossary_links_land_on_their_entry(page, site_server):
    page.goto(f"{site_server}/en/text/")
    href = page.locator("a.hp-term").first.get_attribute("href")
    page.locator("a.hp-term").first.click()
    page.wait_for_url("**/en/glossary/#*")
    assert page.evaluate("location.hash") == "#" + href.rsplit("#", 1)[1]
    assert page.evaluate("document.querySelector(':target') !== null")


# ---------------------------------------------------------------- meta tags and hreflang

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_has_title_description_and_share_tags_in_its_language(built_site, site_data, lang):
    other = "en" if lang == "vi" else "vi"
    site_name = site_data.side["meta"]["site"]["name"]
    pages = language_pages(built_site, lang)
    assert len(pages) >= 7
    for path in pages:
        name, _ = page_key(built_site, lang, path)
        tags = head_tags(path)
        where = path.relative_to(built_site).as_posix()
        assert tags.lang == lang, where
        assert site_name[lang] in tags.title and site_name[other] not in tags.title, where
        # The 404 page is a theme template, not a generated page: it carries the site's description.
        site_description = site_data.side["meta"]["site"]["description"]
        expected = {site_description[lang]} | ({page_meta(site_data, lang, name)["description"]} if name != "404" else set())
        wrong = {site_description[other]} | ({page_meta(site_data, other, name)["description"]} if name != "404" else set())
        description = tags.meta.get("description")
        assert description in expected and description not in wrong, where
        if name != "404":
            assert description == page_meta(site_data, lang, name)["description"], where
        assert tags.meta.get("og:description") == description, where
        assert tags.meta.get("twitter:description") == description, where
        og_title = tags.meta.get("og:title")
        assert og_title and og_title.endswith(site_name[lang]), where
        if name not in ("index", "404"):
            assert og_title.startswith(site_data.i18n[lang][f"page_{name}"]), where
        assert tags.meta.get("twitter:title") == og_title, where
        assert tags.meta.get("og:locale") == LOCALES[lang], where
        assert tags.meta.get("og:locale:alternate") == LOCALES[other], where
        assert tags.meta.get("twitter:card") == "summary_large_image", where
        image_path = urlsplit(tags.meta.get("og:image")).path
        assert image_path == ("/assets/social.png" if lang == "vi" else "/assets/social-en.png"), where
        assert tags.meta.get("twitter:image") == tags.meta.get("og:image"), where


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_has_hreflang_alternates_to_the_same_path(built_site, lang):
    for path in language_pages(built_site, lang):
        name, relative = page_key(built_site, lang, path)
        where = path.relative_to(built_site).as_posix()
        alternates = head_tags(path).alternates
        assert set(alternates) == {"vi", "en", "x-default"}, where
        assert alternates["vi"] == SITE_URL + relative, where
        assert alternates["en"] == SITE_URL + "en/" + relative, where
        assert alternates["x-default"] == alternates["vi"], where
        for href in alternates.values():
            assert urlsplit(href).path.endswith("/"), f"{where}: {href} lacks its trailing slash"


def test_hreflang_alternates_are_seen_by_the_browser(page, site_server):
    page.goto(f"{site_server}/en/targets/")
    alternates = page.eval_on_selector_all(
        "link[rel~=alternate][hreflang]", "els => els.map(e => [e.hreflang, new URL(e.href).pathname])")
    assert sorted(alternates) == [["en", "/en/targets/"], ["vi", "/targets/"], ["x-default", "/targets/"]]


# ---------------------------------------------------------------- sitemap

def test_sitemap_lists_the_pages_of_both_languages(built_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    for lang in LANGS:
        for path in language_pages(built_site, lang):
            name, relative = page_key(built_site, lang, path)
            if name == "404":
                continue
            assert SITE_URL + LANGS[lang] + relative in locations, path.relative_to(built_site).as_posix()


# ---------------------------------------------------------------- social image

@pytest.mark.parametrize("name", ["social.png", "social-en.png"])
def test_social_image_is_in_the_site_and_1200_by_630(built_site, name):
    data = (built_site / "assets" / name).read_bytes()
    assert png_size(data) == (1200, 630)
    assert not {"tIME", "tEXt", "iTXt", "zTXt", "eXIf"} & set(png_chunks(data)), "no metadata that changes per build"


def test_social_images_are_the_same_bytes_every_time_and_differ_by_language(site_data, built_site):
    meta = site_data.side["meta"]
    first, second = social_cards(meta, cache=False), social_cards(meta, cache=False)  # drawn anew
    assert first == second
    assert first["assets/social.png"] != first["assets/social-en.png"]
    for relative, content in first.items():
        assert (built_site / relative).read_bytes() == content


def test_social_image_font_has_every_glyph_of_the_titles(site_data):
    meta = site_data.side["meta"]
    font = load_font("Bold", 40)

    def rendered(character: str) -> bytes:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), character, font=font, fill=255)
        return image.tobytes()

    missing_glyph = rendered("\U0010fffd")
    characters = {c for lang in LANGS for text in (meta["title"][lang], meta["site"]["name"][lang]) for c in text if not c.isspace()}
    assert "ệ" in characters and "Đ" in characters
    lacking = sorted(c for c in characters if rendered(c) == missing_glyph)
    assert lacking == []


def test_social_image_changes_with_the_title(site_data):
    meta = site_data.side["meta"]
    card = draw_card(meta["site"]["name"]["vi"], meta["title"]["vi"])
    other = draw_card(meta["site"]["name"]["vi"], meta["title"]["vi"] + " (sửa đổi)")
    assert card.size == (1200, 630)
    assert card.tobytes() != other.tobytes()
    assert card_key(meta["site"]["name"]["vi"], meta["title"]["vi"]) != card_key(meta["site"]["name"]["vi"], meta["title"]["vi"] + " (sửa đổi)")


# ---------------------------------------------------------------- cite (docs/assets/cite.js)

CITE_EXAMPLES = {
    "vi": ("iii-5-2-p3", "mục III.5.2, đoạn 3"),
    "en": ("iii-5-2-p3", "section III.5.2, paragraph 3"),
}


def open_citation(page, element_id: str, cite_label: str) -> str:
    """Click the element's Cite button and return the text the dialog shows."""
    page.locator(f"[id='{element_id}']").get_by_role("button", name=cite_label, exact=True).click()
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    return dialog.locator("textarea").input_value()


def cited_title(site_data, lang: str) -> str:
    """The work as a citation names it: its title and edition ("… bản 1.1" / "… edition 1.1")."""
    meta = site_data.side["meta"]
    return f'{meta["title"][lang]}, {site_data.i18n[lang]["edition_word"]} {meta["edition"]["number"]}'


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_paragraph_cite_text_in_the_page_language(page, site_server, site_data, lang):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    element_id, reference = CITE_EXAMPLES[lang]
    path = f"/{LANGS[lang]}text/"
    page.goto(site_server + path)
    settle(page)
    text = open_citation(page, element_id, site_data.i18n[lang]["action_cite"])
    title = cited_title(site_data, lang)
    assert text == f"{title}, {reference} — {site_server}{path}#{element_id}"
    assert page.evaluate("navigator.clipboard.readText()") == text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_paragraph_cite_text_matches_its_reference(page, site_server, site_data, lang):
    path = f"/{LANGS[lang]}text/"
    page.goto(site_server + path)
    settle(page)
    title = cited_title(site_data, lang)
    nodes = site_data.by_id()
    paragraphs = [n for n in site_data.root.walk() if n.kind == "paragraph"]
    label = site_data.i18n[lang]["action_cite"]
    for node in paragraphs[::7]:  # a spread of paragraphs across the document
        text = open_citation(page, node.id, label)
        assert text == f"{title}, {cite_reference(nodes[node.id], site_data.i18n[lang])} — {site_server}{path}#{node.id}"
        page.keyboard.press("Escape")
        page.locator("dialog[open]").wait_for(state="detached")
