"""Hostile interface strings and site name never become markup.

In: a clone of the current commit whose data/i18n/*.yaml values and
data/meta.yaml site name and description all end in a string that tries to
close an attribute and open an element. Out: pass/fail: the strict build
succeeds and no page carries the injected element or attribute (MkDocs'
theme templates do not autoescape, so the hook and overrides must).
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from test_fresh_clone import clone, run

HOSTILE = "\" data-pwned=\"1' data-pwned='1 ><i id=\"pwned\">x</i><script>pwned()</script>"


class Injected(HTMLParser):
    """Collects every trace of the hostile string that became markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if "data-pwned" in names or ("id", "pwned") in attrs:
            self.found.append(f"<{tag} {attrs}>")
        self.in_script = tag == "script" and "src" not in names

    def handle_data(self, data):
        if self.in_script and data.strip() == "pwned()":
            self.found.append("script body: " + data[:80])

    def handle_endtag(self, tag):
        self.in_script = False


def poison(repo: Path) -> None:
    for lang in ("vi", "en"):
        path = repo / "data" / "i18n" / f"{lang}.yaml"
        strings = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned = {key: f"{value}{HOSTILE}" for key, value in strings.items()}
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True), encoding="utf-8")
    meta_path = repo / "data" / "meta.yaml"
    text = meta_path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text)
    for field in ("name", "description"):
        for lang in ("vi", "en"):
            old = meta["site"][field][lang]
            meta["site"][field][lang] = old + HOSTILE
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_hostile_interface_strings_and_site_name_stay_text(tmp_path):
    repo = clone(tmp_path)
    poison(repo)
    built = run(repo, "scripts/build_site.py")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    pages = sorted((repo / "site").rglob("*.html"))
    assert len(pages) > 10
    found = {}
    for page in pages:
        parser = Injected()
        html = page.read_text(encoding="utf-8")
        parser.feed(html)
        if parser.found:
            found[page.relative_to(repo / "site").as_posix()] = parser.found[:3]
    assert found == {}
    home = (repo / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert "&lt;i id=" in home  # the string is shown, as text
    # JSON for the scripts carries the raw text, escaped once by tojson, never as HTML entities.
    blocks = re.findall(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', home, re.S)
    values = [v for block in blocks for v in json.loads(block).values() if isinstance(v, str) and "pwned" in v]
    assert values and all(v.endswith(HOSTILE) for v in values), values[:2]
