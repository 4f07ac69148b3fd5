"""Link previews: title, description, Open Graph and Twitter tags, hreflang, the sitemap and the social images.

In: the site built once per session (`built_site`), served on 127.0.0.1
(`site_server`) and driven in Debian's Chromium (`page`); the data (`site_data`).
Out: pass/fail. Every built HTML page of both languages carries title,
description, Open Graph, Twitter and hreflang tags in its own language; the
sitemap lists the pages of both languages; the link-preview images exist, are
1200×630, carry no per-build metadata, are drawn the same every time and have
every glyph of the titles.
"""
from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw

from conftest import DEPLOY_URL as SITE_URL  # the session's deploy build's address
from sitegen.render import page_meta
from sitegen.social_image import card_key, draw_card, load_font, social_cards

LANGS = {"vi": "", "en": "en/"}
LOCALES = {"vi": "vi_VN", "en": "en_GB"}


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
