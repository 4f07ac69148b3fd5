"""Hostile text in data/ is shown literally, never interpreted.

In: an in-memory copy of data/ (`site_data`) whose paragraph `iv-p1` and
Part IV title get text full of Markdown and HTML metacharacters, generated
by hypothesis. The generated full-text page is converted with Python-Markdown
configured like mkdocs.yml (its `markdown_extensions`). Out: pass/fail. The
paragraph and the heading must show the text literally (after whitespace
normalisation), keep exactly their expected attributes and their single
permalink child, and the page as a whole must gain no element id, no
<script> and no javascript: link.
"""
from __future__ import annotations

import copy
import functools
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.render import render_page, render_pages

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH, HEADING = "iv-p1", "iv"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PIECES = [
    "*", "**", "_", "__", "|", "<script>alert(1)</script>", "<script>", "</p>", "<b>", "<!--", "-->",
    "[x](javascript:alert(1))", "[x]: javascript:alert(1)", "![i](x.png)", "<https://example.com>",
    "{#id}", "{ #id .cls onclick=alert(1) }", "{: #x }", "`", "``", "```", "#", "# ", "## ", "- ", "-", "+ ", "1. ",
    "> ", "&amp;", "&lt;", "&#39;", "&", "'", '"', "\\", "\\*", "<", ">", "=", "~~", "^", ":", "*[HTML]: x",
    "¶", "[^1]", "  ", " ", "\n", "\n\n", "\t", "word", "Hải Phòng", "x",
]
hostile_text = (
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)
    | st.text(alphabet="*_|<>[](){}#`&;:!-+.\\'\"= \nax", min_size=1, max_size=40)
).filter(lambda text: text.strip())


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and other tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=1)
def markdown_options() -> tuple[list[str], dict]:
    """The extensions and their settings from mkdocs.yml's markdown_extensions."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names, settings_ = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings_[name] = options
    return names, settings_


def to_html(page_markdown: str) -> str:
    names, options = markdown_options()
    return markdown.Markdown(extensions=names, extension_configs=options).convert(page_markdown)


class Node(HTMLParser):
    """The element with a given id: its attributes, text and descendant elements.

    Text inside the permalink (`a.headerlink`) is left out, since it is the
    template's, not the data's.
    """

    def __init__(self, element_id: str):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.attrs: dict | None = None
        self.descendants: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.depth = 0
        self.in_permalink = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.descendants.append((tag, attrs))
            if tag not in VOID:
                self.depth += 1
                if self.in_permalink or (tag == "a" and attrs.get("class") == "headerlink"):
                    self.in_permalink += 1
        elif attrs.get("id") == self.element_id and self.attrs is None:
            self.attrs, self.depth = attrs, 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1
            if self.in_permalink:
                self.in_permalink -= 1

    def handle_data(self, data):
        if self.depth and not self.in_permalink:
            self.text.append(data)


class PageSummary(HTMLParser):
    """Every id, every script element and every link target of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.scripts = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.scripts += tag == "script"
        for key in ("href", "src", "action", "formaction"):
            if attrs.get(key) is not None:
                self.hrefs.append(attrs[key])


def find(html: str, element_id: str) -> Node:
    node = Node(element_id)
    node.feed(html)
    node.close()
    assert node.attrs is not None, f"#{element_id} is missing from the page"
    return node


def summary(html: str) -> PageSummary:
    parsed = PageSummary()
    parsed.feed(html)
    parsed.close()
    return parsed


def normalise(text: str) -> str:
    return " ".join(text.split())


_baselines: dict[tuple[int, str], PageSummary] = {}


def baseline(site_data, lang: str) -> PageSummary:
    """The unchanged page, parsed once per language."""
    key = (id(site_data), lang)
    if key not in _baselines:
        _baselines[key] = summary(to_html(render_pages(site_data)[f"{lang}/text.md"]))  # the full render, as written
    return _baselines[key]


def assert_only_the_permalink(node: Node, element_id: str):
    """The element holds no element but its permalink (and the revision marker of a corrected node)."""
    chrome = [(tag, attrs) for tag, attrs in node.descendants
              if not (tag == "a" and attrs.get("class") == "hp-rev" and attrs.get("href", "").startswith("../corrections/#c"))]
    assert [tag for tag, _ in chrome] == ["a"], node.descendants
    permalink = chrome[0][1]
    assert permalink.get("class") == "headerlink" and permalink.get("href") == f"#{element_id}", permalink


def check_literal(site_data, lang: str, paragraph: str, title: str) -> None:
    data = copy.deepcopy(site_data)
    nodes = data.by_id()
    nodes[PARAGRAPH].raw[lang] = paragraph
    nodes[HEADING].raw[lang] = title
    html = to_html(render_page(data, lang, "text"))  # only the page the property checks

    para = find(html, PARAGRAPH)
    assert normalise("".join(para.text)) == normalise(paragraph)
    assert set(para.attrs) == {"id", "class", "data-cite"} and para.attrs["class"] == "hp-para"
    assert_only_the_permalink(para, PARAGRAPH)

    heading = find(html, HEADING)
    assert normalise("".join(heading.text)) == normalise(f"{nodes[HEADING].number} {title}")
    assert set(heading.attrs) == {"id", "data-cite"}
    assert_only_the_permalink(heading, HEADING)

    page, before = summary(html), baseline(site_data, lang)
    assert page.ids == before.ids
    assert page.scripts == before.scripts == 0
    assert not [href for href in page.hrefs if "javascript:" in href.replace(" ", "").lower()]


def test_metacharacters_are_shown_literally(site_data):
    # The property runs inside the test so that hypothesis reports only the
    # generated values, not the whole data tree.
    @settings(max_examples=60, deadline=None, database=None)
    @given(lang=st.sampled_from(["en", "vi"]), paragraph=hostile_text, title=hostile_text)
    def property_(lang, paragraph, title):
        check_literal(site_data, lang, paragraph, title)

    property_()


def test_the_listed_metacharacters_in_one_text(site_data):
    every_piece = "# - *a* _b_ | <script>alert(1)</script> [x](javascript:alert(1)) {#id} `c` &amp; '\""
    check_literal(site_data, "en", every_piece, every_piece)
    check_literal(site_data, "vi", "- " + every_piece, "## " + every_piece)
