"""Citable PDF editions of the resolution, drawn with WeasyPrint at build time.

In: validated data (`SiteData`) and its model (`model.Document`, the same one
the pages are made from), the template scripts/templates/pdf/edition.html.j2
and the stylesheet edition.css, the Be Vietnam Pro files of the pinned PyPI
package `fontpkg-be-vietnam-pro`, and two environment variables: SITE_URL
(absolute links when set, links relative to the PDF's place in the site when
not) and SOURCE_DATE_EPOCH (the PDF's modification date when set).
Out: three PDFs as {file name: bytes}: the Vietnamese text, the English
translation and the bilingual edition (side by side). render.py writes each
into docs/<lang>/downloads/ of its language (the bilingual one with the
Vietnamese) and lists them, with their sizes, on the pages.

Each PDF has a cover, a contents page with page numbers, the text with every
node's citation (`Node.cite`, from formatting.cite_reference) in the margin,
linked to its place on the site, the targets table, running headers naming
the Part, "page X of Y", bookmarks, and is tagged (PDF/UA-1) with title,
language, author and subject. Fonts are embedded and subset.

Deterministic: the same inputs give the same bytes (no clock: dates come
from data/meta.yaml and SOURCE_DATE_EPOCH; the PDF identifier is a hash of
the inputs). A PDF is therefore cached in .cache/pdf/ under that hash
(cache.py), so a second build or `make serve` reuses it; `cache=False` always
draws anew.
"""
from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .cache import cached, digest, file_digest
from .document import SiteData
from .formatting import date, number
from .model import Document, build_model, language_prefix, url

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates" / "pdf"
DOWNLOADS = "downloads/"             # below a language root, where the PDFs are served
FONT_WEIGHTS = {400: "Regular", 600: "SemiBold", 700: "Bold"}
RUNNING_WORDS = 9                    # words of a Part's title in the running header
BOOKMARK_WORDS = 10                  # words of a breakthrough's text in its bookmark


@dataclass(frozen=True)
class Edition:
    """One PDF: its file name, its languages (the first one leads) and its folder's language."""

    name: str
    langs: tuple[str, ...]

    @property
    def lang(self) -> str:
        return self.langs[0]

    @property
    def key(self) -> str:
        """The i18n suffix: 'vi', 'en' or 'vi_en'."""
        return "_".join(self.langs)

    @property
    def paired(self) -> bool:
        return len(self.langs) > 1

    @property
    def page(self) -> str:
        """The site page its links lead to: the side-by-side page for the bilingual edition."""
        return "compare" if self.paired else "text"


EDITIONS = (
    Edition("resolution-vi.pdf", ("vi",)),
    Edition("resolution-en.pdf", ("en",)),
    Edition("resolution-vi-en.pdf", ("vi", "en")),
)


# -- inputs -------------------------------------------------------------------

def site_address() -> str | None:
    """SITE_URL, or None when unset (the PDFs then link relatively)."""
    return os.environ.get("SITE_URL") or None


def modified_date() -> str | None:
    """SOURCE_DATE_EPOCH as a W3C date-time (UTC), or None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def font_files() -> dict[int, Path]:
    """{CSS weight: Be Vietnam Pro TTF} from the installed font package."""
    from .social_image import font_path
    return {weight: font_path(style) for weight, style in FONT_WEIGHTS.items()}


def font_faces() -> str:
    """@font-face rules for the stylesheet (local files: no network)."""
    return "\n".join(
        f'@font-face {{ font-family: "Be Vietnam Pro"; font-weight: {weight}; font-style: normal; '
        f'src: url("{path.as_uri()}"); }}'
        for weight, path in font_files().items()
    )


def stylesheet() -> str:
    return (TEMPLATE_DIR / "edition.css").read_text(encoding="utf-8")


def site_link(edition: Edition, page: str, anchor: str, site_url: str | None) -> str:
    """A place on the site: absolute with SITE_URL, else relative to the PDF's folder (model.url)."""
    address = url(edition.lang, page, anchor, site_url)
    return address if site_url else "../" * DOWNLOADS.count("/") + address


def node_link(edition: Edition, node_id: str, site_url: str | None) -> str:
    """Where a node's label leads: its paragraph on the full text (or side-by-side) page."""
    return site_link(edition, edition.page, node_id, site_url)


def shortened(text: str, words: int) -> str:
    """The first `words` words, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def page_of_parts(template: str) -> tuple[str, str, str]:
    """'trang {page}/{pages}' -> ('trang ', '/', ''): the words around the two counters."""
    before, rest = template.split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    return before, middle, after


# -- the page model -------------------------------------------------------------

class EditionView:
    """What the template needs for one edition, read from the model."""

    def __init__(self, data: SiteData, document: Document, edition: Edition, site_url: str | None):
        self.edition = edition
        self.langs = edition.langs
        self.lang = edition.lang
        self.strings = {lang: dict(data.i18n[lang]) for lang in edition.langs}
        self.t = self.strings[self.lang]
        self.meta = data.side["meta"]
        self.document = document
        self.site_url = site_url
        self.labels = {record.source.id: record.label for record in document.targets}

    def say(self, key: str, **values) -> list[tuple[str, str]]:
        """An interface string in each language of the edition: [(lang, text)]."""
        return [(lang, self.strings[lang][key].format(**values)) for lang in self.langs]

    def joined(self, key: str, **values) -> str:
        return " / ".join(text for _, text in self.say(key, **values))

    def link(self, node) -> str:
        return node_link(self.edition, node.id, self.site_url)

    def record_link(self, record) -> str:
        return site_link(self.edition, "targets", record.id, self.site_url)

    def heading(self, node, lang: str | None = None) -> str:
        """A section's number and title as printed, e.g. 'III. NHẤT TRÍ …'."""
        text = node.text[lang or self.lang]
        return f"{node.number} {text}" if node.number else text

    def running(self, node) -> str:
        if node.kind == "preamble":
            return self.t["preamble_heading"]
        return shortened(self.heading(node), RUNNING_WORDS)

    def bookmark(self, node) -> str:
        """The outline entry of a node: its title; a target's label; a breakthrough's first words."""
        if node.kind == "preamble":
            return self.t["preamble_heading"]
        if node.kind == "target":
            return f"{node.number} {self.labels[node.id][self.lang]}"
        if node.kind == "breakthrough":
            return shortened(self.heading(node), BOOKMARK_WORDS)
        return self.heading(node)

    def edition_line(self, lang: str) -> str:
        edition = self.meta["edition"]
        return self.strings[lang]["edition_line"].format(number=edition["number"], date=date(edition["date"], lang))

    def cover_facts(self, lang: str) -> list[str]:
        """The congress, its term, its dates and its place, in `lang`."""
        congress, t = self.meta["congress"], self.strings[lang]
        term = congress["term"]
        return [
            congress["name"][lang],
            t["pdf_term"].format(start=term["from"], end=term["to"]),
            t["pdf_held"].format(opened=date(congress["opened"], lang), closed=date(congress["closed"], lang),
                                 venue=congress["venue"][lang], delegates=number(congress["delegates"], lang)),
        ]

    def site_line(self, lang: str) -> str:
        t = self.strings[lang]
        return t["pdf_site"] if self.site_url else t["pdf_site_relative"]

    def site_home(self) -> str:
        return self.site_url.rstrip("/") + "/" + language_prefix(self.lang) if self.site_url else ""

    def page_of(self) -> tuple[str, str, str]:
        return page_of_parts(self.t["pdf_page"])

    def targets(self, group) -> list:
        return self.document.targets_of(group)


@lru_cache(maxsize=None)  # compiled templates are kept; auto_reload still sees edits
def make_environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), undefined=StrictUndefined,
                       autoescape=True, trim_blocks=True, lstrip_blocks=True)


def edition_html(data: SiteData, document: Document, edition: Edition, site_url: str | None,
                 modified: str | None) -> str:
    """The edition as one HTML document (the input of WeasyPrint)."""
    view = EditionView(data, document, edition, site_url)
    meta = data.side["meta"]
    context = {
        "v": view, "e": edition, "lang": edition.lang, "t": view.t, "meta": meta, "root": document.root,
        "title": " / ".join(meta["title"][lang] for lang in edition.langs),
        "author": meta["congress"]["name"][edition.lang],
        "subject": f'{view.t["pdf_label_" + edition.key]}, {view.edition_line(edition.lang)}',
        "created": meta["edition"]["date"], "modified": modified,
    }
    return make_environment().get_template("edition.html.j2").render(context)


# -- drawing and caching -------------------------------------------------------------

def engine_versions() -> str:
    """Versions that change the bytes for the same HTML: WeasyPrint, pydyf, fontTools, Pango.

    Read without importing WeasyPrint (half a second): a build whose PDFs are
    cached then never loads it.
    """
    from importlib.metadata import version
    return (f"weasyprint {version('weasyprint')}; pydyf {version('pydyf')}; "
            f"fonttools {version('fonttools')}; pango {pango_version()}")


def pango_version() -> str:
    import ctypes
    import ctypes.util
    try:
        pango = ctypes.CDLL(ctypes.util.find_library("pango-1.0") or "libpango-1.0.so.0")
        pango.pango_version_string.restype = ctypes.c_char_p
        return pango.pango_version_string().decode("ascii")
    except (OSError, AttributeError):  # not found this way: ask WeasyPrint's own binding
        from weasyprint.text.ffi import pango as bound
        return str(bound.pango_version())


def input_hash(html: str) -> str:
    """SHA-256 of everything the PDF is made from: HTML, stylesheet, font files, engine versions."""
    fonts = [f"{weight}:".encode("utf-8") + file_digest(path) for weight, path in sorted(font_files().items())]
    return digest(html, stylesheet(), engine_versions(), *fonts)


def draw_pdf(html: str, identifier: str) -> bytes:
    """WeasyPrint's tagged PDF of `html` with a fixed identifier."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [CSS(string=font_faces(), font_config=fonts), CSS(string=stylesheet(), font_config=fonts)]
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1",
        pdf_identifier=identifier[:32].encode("ascii"),
    )


def cached_pdf(html: str, cache: bool, before_drawing: Callable[[], None] | None = None) -> bytes:
    """The PDF of `html`, from the cache when it holds the same inputs' hash;
    `before_drawing` is called (and may raise) before a PDF is drawn anew."""
    key = input_hash(html)

    def make() -> bytes:
        if before_drawing is not None:
            before_drawing()
        return draw_pdf(html, key)
    return cached("pdf", key, ".pdf", make, use=cache)


def build_editions(data: SiteData, document: Document | None = None, cache: bool = True,
                   reuse_from: Path | None = None,
                   before_drawing: Callable[[], None] | None = None) -> dict[str, bytes]:
    """{file name: PDF bytes} for the three editions.

    With `reuse_from` (docs/ under `mkdocs serve`), an edition already written
    there is reused as it is rather than drawn again after every edit (a few
    seconds each); only a missing one is drawn, so no link points at a missing
    file. `make build` never passes it: its PDFs always match the data.
    `before_drawing`: see cached_pdf (the build checks that the data is valid there).
    """
    document = document or build_model(data)
    site_url, modified = site_address(), modified_date()
    editions = {}
    for edition in EDITIONS:
        written = reuse_from / download_path(edition) if reuse_from else None
        if written is not None and written.is_file():
            editions[edition.name] = written.read_bytes()
        else:
            editions[edition.name] = cached_pdf(edition_html(data, document, edition, site_url, modified), cache,
                                                 before_drawing)
    return editions


# -- what the pages show -----------------------------------------------------------

def download_path(edition: Edition) -> str:
    """Where the edition is written below docs/ ('vi/downloads/resolution-vi-en.pdf')."""
    return f"{edition.lang}/{DOWNLOADS}{edition.name}"


def size_text(size: int, lang: str) -> str:
    """'412 KB', '1,2 MB' (vi) / '1.2 MB' (en)."""
    if size < 1024 * 1024:
        return f"{number(max(1, round(size / 1024)), lang)} KB"
    return f"{number(round(size / 1024 / 1024, 1), lang)} MB"


def downloads_for(lang: str, pdfs: dict[str, bytes]) -> list[dict]:
    """The editions as a page in `lang` lists them: i18n key, href below the page's language root, size."""
    entries = []
    for edition in EDITIONS:
        if edition.name not in pdfs:
            continue  # never link to a file that was not written
        root = "" if edition.lang == lang else "../" * language_prefix(lang).count("/") + language_prefix(edition.lang)
        entries.append({"key": f"pdf_label_{edition.key}", "href": f"{root}{DOWNLOADS}{edition.name}",
                        "hreflang": "" if edition.paired else edition.lang,
                        "size": size_text(len(pdfs[edition.name]), lang)})
    return entries
