"""Render validated data/ into the site's Markdown pages and downloads.

In: a validated `SiteData`. Out: a mapping of relative path -> file content
under docs/ (docs/vi/*.md, docs/en/*.md, per-language downloads), written
only where the content changed. One jinja2 template per kind of page, shared
by both languages; every value is escaped on the way in, and StrictUndefined
makes a missing value fail the build.
"""
from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import chart, opendata
from .glossary_marks import GlossaryMarker
from .document import LANGUAGES, SiteData
from .formatting import Formatter, cite_reference, date, number

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
PAGES = ("index", "text", "targets", "compare", "glossary", "about")
# Characters Python-Markdown would otherwise read as syntax inside a heading:
# exactly its backslash-escapable set (Markdown.ESCAPED_CHARS), since a
# backslash before any other character (| : ~ ^ =) is shown as written.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d, for diacritic-free matching."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def heading_text(value: str) -> Markup:
    """Escape a title for a Markdown heading: literal text, no syntax, one line."""
    return Markup(MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(" ".join(value.split())))))


def page_url(page: str) -> str:
    """Directory URL of a page relative to its language root."""
    return "" if page == "index" else f"{page}/"


def relative_link(from_page: str, to_page: str, fragment: str = "") -> str:
    start = "/" + page_url(from_page)
    target = "/" + page_url(to_page)
    rel = posixpath.relpath(target, start)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["heading"] = heading_text
    return env


class LanguageView:
    """Everything a template needs for one language."""

    def __init__(self, data: SiteData, lang: str):
        self.data = data
        self.lang = lang
        self.t = dict(data.i18n[lang])
        self.meta = data.side["meta"]
        self.units = data.side["units"]["units"]
        self.themes = {t["id"]: t[lang] for t in data.side["themes"]["themes"]}
        self.format = Formatter(lang, self.t, self.units)
        self.nodes = data.by_id()
        self.marker = GlossaryMarker(data.side["glossary"]["terms"], lang)

    # -- shortcuts used by templates
    def text(self, node) -> str:
        return node.raw[self.lang]

    def marked_text(self, node, page: str) -> Markup:
        """The node's text, escaped, with glossary terms linked to the glossary page."""
        return self.marker.mark(node.raw[self.lang], relative_link(page, "glossary"))

    def cite(self, node) -> str:
        return cite_reference(node, self.t)

    def number(self, value) -> str:
        return number(value, self.lang)

    def date(self, iso: str) -> str:
        return date(iso, self.lang)

    def groups(self):
        return [self.nodes["iii-3-a"], self.nodes["iii-3-b"]]

    def used_themes(self):
        used = {n.raw["theme"] for g in self.groups() for n in g.children}
        used |= {c["theme"] for c in self.data.side["commitments"]["commitments"]}
        return [{"id": key, "name": name} for key, name in self.themes.items() if key in used]

    def glossary(self):
        return sorted(self.data.side["glossary"]["terms"], key=lambda term: fold(term["term"][self.lang]))

    def home_intro(self) -> str:
        congress = self.meta["congress"]
        return self.t["home_intro"].format(
            congress=congress["name"][self.lang], opened=self.date(congress["opened"]),
            closed=self.date(congress["closed"]), venue=congress["venue"][self.lang],
            delegates=self.number(congress["delegates"]),
            targets=self.number(sum(len(g.children) for g in self.groups())),
            end=congress["term"]["to"],
        )

    def _record(self, record_id, number, order, raw, text, source, cite) -> dict:
        measures = [
            {"label": m["label"][self.lang] if "label" in m else "", "value": self.format.value(m)}
            for m in raw["measures"]
        ]
        periods = list(dict.fromkeys(self.format.period(m["period"]) for m in raw["measures"]))
        first = raw["measures"][0]
        years = [m["period"].get("year", m["period"].get("to", 9999)) for m in raw["measures"]]
        label = raw["label"][self.lang]
        return {
            "id": record_id, "number": number, "order": order, "label": label,
            "text": text, "source": source, "cite": cite, "theme": raw["theme"],
            "theme_name": self.themes[raw["theme"]], "measures": measures, "periods": periods,
            "headline": measures[0]["value"],
            "sort_value": first.get("value", first.get("min", 0)),
            "sort_deadline": min(years),
            "search": fold(" ".join([number or "", label, text, self.themes[raw["theme"]], *[m["value"] for m in measures], *periods])),
        }

    def target_records(self, group) -> list[dict]:
        offset = 0 if group.id == "iii-3-a" else 100
        return [
            self._record(n.id, n.number, offset + int(n.id.rsplit("-", 1)[1]), n.raw, n.raw[self.lang], n.id, self.cite(n))
            for n in group.children
        ]

    def commitment_records(self) -> list[dict]:
        records = []
        for order, item in enumerate(self.data.side["commitments"]["commitments"], start=1):
            source = self.nodes[item["source"]]
            records.append(self._record(
                item["id"], source.parent.number.rstrip("."), order, item, source.raw[self.lang],
                source.id, self.cite(source),
            ))
        return records


def page_contexts(data: SiteData, lang: str) -> dict[str, dict]:
    view = LanguageView(data, lang)
    common = {
        "lang": lang,
        "other": next(other for other in LANGUAGES if other != lang),
        "t": view.t,
        "v": view,
        "meta": view.meta,
        "root": data.root,
        "link": relative_link,
        "theme_name": view.themes,
    }
    contexts = {page: dict(common, page=page) for page in PAGES}
    contexts["targets"]["chart_svg"] = Markup(chart.grdp_chart_svg(data, lang, view))
    contexts["targets"]["chart_rows"] = chart.grdp_chart_rows(data, lang, view)
    return contexts


def render_pages(data: SiteData) -> dict[str, str]:
    """Every generated file as {path relative to docs/: content}."""
    env = make_environment()
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        for page, context in page_contexts(data, lang).items():
            out[f"{lang}/{page}.md"] = env.get_template(f"{page}.md.j2").render(context)
        for name, content in opendata.downloads(data, lang).items():
            out[f"{lang}/downloads/{name}"] = content
    return out


def render_fragment(data: SiteData, lang: str, node_id: str) -> str:
    """One section of the full text, or one group's target rows, as generated."""
    env = make_environment()
    contexts = page_contexts(data, lang)
    context = contexts["text"]
    view = context["v"]
    node = view.nodes[node_id]
    if node.kind == "group":
        module = env.get_template("targets.md.j2").make_module(contexts["targets"])
        return str(module.rows(view.target_records(node)))
    module = env.get_template("_macros.j2").make_module(context)
    wrapper = type("Wrapper", (), {"children": [node]})()
    return str(module.tree(wrapper, 2, "text"))


def page_meta(data: SiteData, lang: str, page: str) -> dict:
    """Navigation title and meta description of a page, used by the MkDocs hook."""
    t = data.i18n[lang]
    if page == "index":
        return {"nav_title": t["page_home"], "description": data.side["meta"]["site"]["description"][lang]}
    return {"nav_title": t[f"page_{page}"], "description": t[f"description_{page}"]}


def write_site(data: SiteData, docs_dir: Path) -> list[Path]:
    """Write generated files whose content changed; return those paths."""
    changed = []
    for relative, content in render_pages(data).items():
        path = docs_dir / relative
        encoded = content.encode("utf-8")
        if path.exists() and path.read_bytes() == encoded:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encoded)
        changed.append(path)
    return changed


def stale_files(data: SiteData, docs_dir: Path) -> list[Path]:
    """Generated files on disk that differ from (or are missing against) a fresh render."""
    stale = []
    for relative, content in render_pages(data).items():
        path = docs_dir / relative
        if not path.exists() or path.read_bytes() != content.encode("utf-8"):
            stale.append(path)
    return stale
