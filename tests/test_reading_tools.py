"""Reading tools: side by side, glossary tooltips, citations.

In: the site built once per session (`built_site`), served on 127.0.0.1
(`site_server`) and driven in Debian's Chromium (`page`); the data (`site_data`).
Out: pass/fail. The side-by-side page is checked for alignment by id and for
stacking on a phone; a glossary term shows its explanation when reached with
Tab or hover; a paragraph's Cite action (docs/assets/cite.js) gives the
citation in the page's language. (Link previews, hreflang, the sitemap and the
social images: tests/test_link_previews.py.)
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sitegen.formatting import cite_reference

from helpers import settle, wait_for_js

LANGS = {"vi": "", "en": "en/"}
PHONE = {"width": 375, "height": 740}


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
