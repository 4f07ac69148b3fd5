"""Render validated data/ into the site's Markdown pages and downloads.

In: a validated `SiteData`. Out: a mapping of relative path -> file content
under docs/ (docs/vi/*.md, docs/en/*.md, per-language downloads), written
only where the content changed. One jinja2 template per kind of page, shared
by both languages; every value is escaped on the way in, and StrictUndefined
makes a missing value fail the build.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import chart, corrections, opendata, pdf_edition
from .glossary_marks import GlossaryMarker
from .document import LANGUAGES, SiteData
from .formatting import Formatter, cited_title, date, fold, number
from .model import Document, Record, build_model, page_url

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
PAGES = ("index", "text", "targets", "compare", "glossary", "about", "corrections")
# Characters Python-Markdown would otherwise read as syntax inside a heading:
# exactly its backslash-escapable set (Markdown.ESCAPED_CHARS), since a
# backslash before any other character (| : ~ ^ =) is shown as written.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def heading_text(value: str) -> Markup:
    """Escape a title for a Markdown heading: literal text, no syntax, one line."""
    # Quotes stay literal: they are safe in text, and an entity (&#39;) would be
    # escaped a second time in the contents sidebar.
    text = " ".join(value.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(MARKDOWN_SPECIALS.sub(r"\\\1", text))


def relative_link(from_page: str, to_page: str, fragment: str = "") -> str:
    start = "/" + page_url(from_page)
    target = "/" + page_url(to_page)
    rel = posixpath.relpath(target, start)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=None)  # compiled templates are kept; auto_reload still sees edits
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


@dataclass(frozen=True)
class MeasureView:
    label: str
    value: str


@dataclass(frozen=True)
class RecordView:
    """One row of a targets table in one language, read from a `model.Record`."""

    id: str
    number: str
    order: int
    label: str
    text: str
    source: str
    cite: str
    theme: str
    theme_name: str
    measures: list[MeasureView]
    periods: list[str]
    headline: str
    sort_value: float
    sort_deadline: int
    search: str

    @classmethod
    def of(cls, record: Record, lang: str) -> "RecordView":
        measures = [MeasureView(m.label[lang], m.value[lang]) for m in record.measures]
        return cls(
            id=record.id, number=record.number, order=record.order, label=record.label[lang],
            text=record.text[lang], source=record.source.id, cite=record.cite[lang], theme=record.theme,
            theme_name=record.theme_name[lang], measures=measures, periods=record.periods(lang),
            headline=measures[0].value, sort_value=record.measures[0].sort_value,
            sort_deadline=min(m.deadline for m in record.measures), search=record.search_text(lang),
        )


class LanguageView:
    """Everything a template needs for one language, read from the model."""

    def __init__(self, data: SiteData, lang: str, document: Document | None = None):
        self.data = data
        self.lang = lang
        self.t = dict(data.i18n[lang])
        self.meta = data.side["meta"]
        self.units = data.side["units"]["units"]
        self.themes = {t["id"]: t[lang] for t in data.side["themes"]["themes"]}
        self.format = Formatter(lang, self.t, self.units)
        self.document = document or build_model(data)
        self.nodes = self.document.nodes
        self.marker = GlossaryMarker(data.side["glossary"]["terms"], lang)

    # -- shortcuts used by templates
    def text(self, node) -> str:
        return node.text[self.lang]

    def marked_text(self, node, page: str) -> Markup:
        """The node's text, escaped, with glossary terms linked to the glossary page."""
        return self.marker.mark(node.text[self.lang], relative_link(page, "glossary"))

    def cite(self, node) -> str:
        return node.cite[self.lang]

    def number(self, value) -> str:
        return number(value, self.lang)

    def date(self, iso: str) -> str:
        return date(iso, self.lang)

    def cited_title(self) -> str:
        return cited_title(self.meta, self.t, self.lang)

    def edition_line(self) -> str:
        edition = self.meta["edition"]
        return self.t["edition_line"].format(number=edition["number"], date=self.date(edition["date"]))

    def groups(self):
        return list(self.document.groups)

    def used_themes(self):
        used = {r.theme for r in self.document.targets + self.document.commitments}
        return [{"id": key, "name": name} for key, name in self.themes.items() if key in used]

    def glossary(self):
        return sorted(self.data.side["glossary"]["terms"], key=lambda term: fold(term["term"][self.lang]))

    def home_intro(self) -> str:
        congress = self.meta["congress"]
        return self.t["home_intro"].format(
            congress=congress["name"][self.lang], opened=self.date(congress["opened"]),
            closed=self.date(congress["closed"]), venue=congress["venue"][self.lang],
            delegates=self.number(congress["delegates"]),
            targets=self.number(len(self.document.targets)),
            end=congress["term"]["to"],
        )

    def target_records(self, group) -> list[RecordView]:
        return [RecordView.of(record, self.lang) for record in self.document.targets_of(group)]

    def commitment_records(self) -> list[RecordView]:
        return [RecordView.of(record, self.lang) for record in self.document.commitments]


def page_contexts(data: SiteData, lang: str, document: Document | None = None,
                  pdfs: dict[str, bytes] | None = None) -> dict[str, dict]:
    """Each page's template context; the PDF editions are listed only when `pdfs` holds them."""
    view = LanguageView(data, lang, document)
    common = {
        "lang": lang,
        "other": next(other for other in LANGUAGES if other != lang),
        "t": view.t,
        "v": view,
        "meta": view.meta,
        "root": view.document.root,
        "link": relative_link,
        "theme_name": view.themes,
        "revisions": corrections.marker_map(data),
        "corrections": corrections.entries_newest_first(data, lang),
        "pdf_downloads": pdf_edition.downloads_for(lang, pdfs or {}),
    }
    contexts = {page: dict(common, page=page) for page in PAGES}
    contexts["targets"]["chart_svg"] = Markup(chart.grdp_chart_svg(data, lang, view))
    contexts["targets"]["chart_rows"] = chart.grdp_chart_rows(data, lang, view)
    return contexts


def render_pages(data: SiteData, reuse_pdfs_from: Path | None = None, editions: bool = True,
                 before_drawing: Callable[[], None] | None = None) -> dict[str, str | bytes]:
    """Every generated file as {path relative to docs/: content}; the PDF editions first (bytes),
    so that the pages list them with their real sizes (`reuse_pdfs_from`, `before_drawing`: see
    build_editions). `editions=False` leaves the PDFs out, and the pages then do not list them."""
    env = make_environment()
    document = build_model(data)
    pdfs = pdf_edition.build_editions(data, document, reuse_from=reuse_pdfs_from,
                                      before_drawing=before_drawing) if editions else {}
    out: dict[str, str | bytes] = {pdf_edition.download_path(e): pdfs[e.name]
                                   for e in pdf_edition.EDITIONS if e.name in pdfs}
    for lang in LANGUAGES:
        for page, context in page_contexts(data, lang, document, pdfs).items():
            out[f"{lang}/{page}.md"] = env.get_template(f"{page}.md.j2").render(context)
        for name, content in opendata.downloads(data, lang).items():
            out[f"{lang}/downloads/{name}"] = content
    return out


def render_page(data: SiteData, lang: str, page: str) -> str:
    """One generated page (e.g. `render_page(data, "en", "text")`), as `render_pages` writes it
    but without the list of PDF editions (drawing them is left to `render_pages`)."""
    context = page_contexts(data, lang)[page]
    return make_environment().get_template(f"{page}.md.j2").render(context)


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
    """Write generated files whose content changed; return those paths (`build_tables.py build`;
    the MkDocs hook renders and writes in two steps, see mkdocs_hooks._load_data)."""
    return write_files(render_pages(data), docs_dir)


def write_files(files: dict[str, str | bytes], docs_dir: Path) -> list[Path]:
    """Write the rendered files (render_pages) whose content changed; return those paths."""
    changed = []
    for relative, content in files.items():
        path = docs_dir / relative
        encoded = content if isinstance(content, bytes) else content.encode("utf-8")
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
        encoded = content if isinstance(content, bytes) else content.encode("utf-8")
        if not path.exists() or path.read_bytes() != encoded:
            stale.append(path)
    return stale
