"""The built site: strict build, both languages, every id, no outside hosts.

In: the site built once per session by the `built_site` fixture (the strict
MkDocs build with the validation block). Out: pass/fail.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import DEPLOY_URL
from helpers import parse

ROOT = Path(__file__).resolve().parents[1]


def html_pages(site: Path, prefix: str = "") -> set[str]:
    base = site / prefix if prefix else site
    return {p.relative_to(base).as_posix() for p in base.rglob("*.html")
            if prefix or not p.relative_to(site).as_posix().startswith("en/")}


def test_same_pages_in_both_languages(built_site):
    vi, en = html_pages(built_site), html_pages(built_site, "en")
    assert vi == en
    assert {"index.html", "text/index.html", "targets/index.html", "glossary/index.html",
            "about/index.html", "compare/index.html", "404.html"} <= vi


def test_html_lang_and_titles(built_site):
    for lang, prefix in (("vi", ""), ("en", "en/")):
        for page in html_pages(built_site):
            assert parse(built_site / prefix / page).html_lang == lang, (prefix, page)
    assert "<title>Toàn văn - " in (built_site / "text/index.html").read_text(encoding="utf-8")
    assert "<title>Full text - " in (built_site / "en/text/index.html").read_text(encoding="utf-8")


def test_every_id_from_data_is_on_its_page_in_both_languages(built_site, site_data):
    commitments = [c["id"] for c in site_data.side["commitments"]["commitments"]]
    glossary = [t["id"] for t in site_data.side["glossary"]["terms"]]
    text_ids = [n.id for n in site_data.nodes() if n.kind != "document"]
    targets = [n.id for n in site_data.nodes() if n.kind == "target"]
    for prefix in ("", "en/"):
        text = parse(built_site / prefix / "text/index.html").ids
        compare = parse(built_site / prefix / "compare/index.html").ids
        table = parse(built_site / prefix / "targets/index.html").ids
        assert set(text_ids) <= text, set(text_ids) - text
        assert {i for i in text_ids if i != "preamble"} <= compare
        assert set(targets) | set(commitments) <= table
        assert set(glossary) <= parse(built_site / prefix / "glossary/index.html").ids


def test_not_found_page_per_language(built_site):
    vi = (built_site / "404.html").read_text(encoding="utf-8")
    en = (built_site / "en/404.html").read_text(encoding="utf-8")
    assert 'lang="vi"' in vi and "Không tìm thấy trang" in vi
    assert 'lang="en"' in en and "Page not found" in en


def test_internal_links_and_fragments_resolve(built_site):
    pages = list(built_site.rglob("*.html"))
    ids = {p: parse(p).ids for p in pages}
    broken = []
    for page in pages:
        if page.name == "404.html":
            continue
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, parse(target).ids):
                broken.append(f"{page.relative_to(built_site)} -> {href} (no such id)")
    assert broken == []


def test_no_resource_from_another_host(built_site):
    outside = []
    for page in built_site.rglob("*.html"):
        for resource in parse(page).resources:
            parts = urlsplit(resource)
            # The deploy build's own address (conftest.DEPLOY_URL) is this site, not another host.
            if parts.netloc and parts.hostname not in ("127.0.0.1", "localhost", urlsplit(DEPLOY_URL).hostname):
                outside.append(f"{page.relative_to(built_site)}: {resource}")
    assert outside == []
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_generated_pages_are_not_committed():
    tracked = subprocess.run(["git", "ls-files", "docs/vi", "docs/en"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == ""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "docs/vi/" in ignored and "docs/en/" in ignored


def test_permalinks_and_numbers_as_the_document_shows_them(built_site):
    text = (built_site / "en/text/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p id="iii-5-2-p3"[^>]*>.*?<a class="headerlink" href="#iii-5-2-p3"', text, re.S)
    for shown in ('<span class="hp-num">(18)</span>', "5.2.", "III.", "a)"):
        assert shown in text, shown
