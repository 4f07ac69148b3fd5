"""The PDF editions (issue 15): faithful text, labels, links, fonts, bookmarks, metadata, bytes.

In: the three PDFs of the session's build without SITE_URL (conftest's
`default_site`, dated by the last commit), read with pypdf, and drawn once
more without the cache in a fresh process; and the deploy build (conftest's
`built_site`). Out: pass/fail.
The text body is told apart by position: the page margins of
scripts/templates/pdf/edition.css (left 40 mm, top 22 mm, bottom 20 mm)
hold the citation labels, the running headers and the page numbers; the
body runs from the `preamble` destination to the targets table (`pdf-targets`).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from sitegen import pdf_edition
from sitegen.fidelity import SOURCE, clean_source, join_lines, normalise
from sitegen.model import build_model, language_prefix

from helpers import CHECKOUT_BUILDS, commit_epoch

ROOT = Path(__file__).resolve().parents[1]
# One worker runs every test that builds this checkout (see conftest.CHECKOUT_BUILDS).
pytestmark = pytest.mark.xdist_group(CHECKOUT_BUILDS)
MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 40 * MM, 16 * MM, 22 * MM, 20 * MM   # edition.css @page margins
BY_LANG = {edition.key: edition for edition in pdf_edition.EDITIONS}
SUBSET_FONT = re.compile(r"^/?[A-Z]{6}\+Be-Vietnam-Pro")


def _environment() -> dict[str, str]:
    """A build without SITE_URL, dated by the last commit (as conftest's default build)."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    return dict(env, SOURCE_DATE_EPOCH=commit_epoch())


@pytest.fixture(scope="session")
def document(site_data):
    return build_model(site_data)


@pytest.fixture(scope="session")
def pdfs(default_site) -> dict[str, bytes]:
    """The three editions as the build without SITE_URL published them."""
    return {edition.name: (default_site / published_path(edition)).read_bytes() for edition in pdf_edition.EDITIONS}


def published_path(edition) -> str:
    """Where the site serves an edition: below its language's root."""
    return language_prefix(edition.lang) + pdf_edition.DOWNLOADS + edition.name


@pytest.fixture(scope="session")
def readers(pdfs) -> dict[str, PdfReader]:
    return {key: PdfReader(io.BytesIO(pdfs[edition.name])) for key, edition in BY_LANG.items()}


# -- reading a PDF by regions ------------------------------------------------------

def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


_PIECES: dict[int, tuple[object, list[tuple[str, str, str]]]] = {}   # id -> (page, pieces)


def _pieces(page) -> list[tuple[str, str, str]]:
    """The page's text as (region, column, text) pieces, read once per page."""
    key = id(page)
    if key not in _PIECES:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        middle = (LEFT + width - RIGHT) / 2
        pieces: list[tuple[str, str, str]] = []

        def visit(text, cm, tm, font, size):
            x, y = _multiply(tm, cm)[4:6]
            where = ("top" if y >= height - TOP else "bottom" if y <= BOTTOM
                     else "margin" if x < LEFT - 2 else "body")
            pieces.append((where, "vi" if x < middle else "en", text))
        page.extract_text(visitor_text=visit)
        _PIECES[key] = (page, pieces)  # the page is kept, so its id is never reused
    return _PIECES[key][1]


def region_text(page, region: str) -> str:
    """The text of one region of a page: 'body', 'margin' (left), 'top' or 'bottom';
    or 'vi' / 'en', the left and right half of the body (the bilingual edition's columns)."""
    return "".join(text for where, column, text in _pieces(page)
                   if region in (where, column if where == "body" else None) or not text.strip())


def destination_page(reader: PdfReader, name: str) -> int:
    return reader.get_destination_page_number(reader.named_destinations[name])


def text_pages(reader: PdfReader) -> list:
    """The pages of the text: from the preamble to the page before the targets table."""
    return reader.pages[destination_page(reader, "preamble"):destination_page(reader, "pdf-targets")]


# A PDF line that ends in a hyphen or a dash glued to a word continues on the next line.
GLUED_DASH = re.compile(r"\S[-–]$")


def joined(text: str) -> str:
    """The non-empty lines of `text`, stripped and joined as clean_source joins the source's."""
    return join_lines([line for line in (raw.strip() for raw in text.split("\n")) if line], GLUED_DASH)


def body(reader: PdfReader, region: str = "body") -> str:
    return joined("\n".join(region_text(page, region) for page in text_pages(reader)))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed(node, lang: str) -> str:
    return f"{node.number} {node.text[lang]}" if node.number else node.text[lang]


def text_nodes(document):
    return [node for node in document.root.walk() if node.has_text]


# -- the text ------------------------------------------------------------------------

def test_vietnamese_text_equals_the_source_word_for_word(readers):
    ours = normalise(body(readers["vi"]))
    theirs = normalise(clean_source(SOURCE.read_text(encoding="utf-8")))
    first = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    assert ours == theirs, f"word {first + 1}: PDF «{' '.join(ours[first:first + 8])}» source «{' '.join(theirs[first:first + 8])}»"


def test_every_english_paragraph_is_in_the_english_pdf(readers, document):
    text = squeezed(body(readers["en"]))
    missing = [node.id for node in text_nodes(document) if squeezed(printed(node, "en")) not in text]
    assert missing == []


def test_the_bilingual_edition_holds_both_languages(readers, document):
    # A row split over two pages interleaves the columns, so each column is read on its own;
    # pypdf joins two one-line cells on one baseline (a heading row) into the left column.
    whole = squeezed(body(readers["vi_en"]))
    for lang in ("vi", "en"):
        column = squeezed(body(readers["vi_en"], lang))
        missing = [n.id for n in text_nodes(document)
                   if squeezed(printed(n, lang)) not in column and squeezed(printed(n, lang)) not in whole]
        assert missing == [], lang


@pytest.mark.parametrize("key", sorted(BY_LANG))
def test_every_label_is_in_the_margin_in_order(readers, document, key):
    lang = BY_LANG[key].lang
    margin = squeezed("".join(region_text(page, "margin") for page in text_pages(readers[key])))
    assert margin == squeezed("".join(node.cite[lang] for node in text_nodes(document)))


@pytest.mark.parametrize("key, page", [("vi", "text"), ("en", "text"), ("vi_en", "compare")])
def test_every_label_links_to_its_place_relative_to_the_downloads_folder(readers, document, key, page):
    uris = {annotation.get_object()["/A"]["/URI"]
            for p in readers[key].pages for annotation in p.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})}
    expected = {f"../{page}/#{node.id}" for node in text_nodes(document)}
    assert expected <= uris, sorted(expected - uris)[:5]
    assert not any(uri.startswith(("http:", "https:", "file:")) for uri in uris), uris


def test_links_are_absolute_with_site_url():
    edition = BY_LANG["en"]
    assert pdf_edition.node_link(edition, "iii-5-2-p3", "https://x.org/hp/") == "https://x.org/hp/en/text/#iii-5-2-p3"
    assert pdf_edition.node_link(BY_LANG["vi_en"], "ii-p1", None) == "../compare/#ii-p1"


def test_targets_table_lists_every_target_with_its_measures(readers, document):
    reader = readers["en"]
    table = squeezed("".join(region_text(p, "body") for p in reader.pages[destination_page(reader, "pdf-targets"):]))
    for record in document.targets:
        for measure in record.measures:
            assert squeezed(measure.value["en"]) in table and squeezed(measure.period["en"]) in table, measure.id
        assert squeezed(record.label["en"]) in table, record.id


# -- furniture, fonts, outline, metadata ----------------------------------------------

def test_running_header_names_the_part_and_pages_are_counted(readers):
    for key, word in (("vi", "trang {}/{}"), ("en", "page {} of {}")):
        reader = readers[key]
        index = destination_page(reader, "iii")
        assert region_text(reader.pages[index], "top").strip().startswith("III.")
        footer = " ".join(region_text(reader.pages[index], "bottom").split())
        assert word.format(index + 1, len(reader.pages)) in footer, footer


@pytest.mark.parametrize("key", sorted(BY_LANG))
def test_fonts_are_be_vietnam_pro_embedded_and_subset(readers, key):
    fonts = {}
    for page in readers[key].pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert all(SUBSET_FONT.match(name) for name in fonts), fonts


def _outline(reader, items=None, depth=0) -> list[tuple[int, str]]:
    entries = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            entries += _outline(reader, item, depth + 1)
        else:
            entries.append((depth, item.title))
    return entries


@pytest.mark.parametrize("key", sorted(BY_LANG))
def test_bookmarks_follow_parts_points_targets_breakthroughs_and_tasks(readers, site_data, document, key):
    edition = BY_LANG[key]
    view = pdf_edition.EditionView(site_data, document, edition, None)
    outline = _outline(readers[key])
    titles = [title for _, title in outline]
    for kind, depth in (("part", 0), ("point", 1), ("task", 2), ("target", 3), ("breakthrough", 2)):
        nodes = [node for node in document.root.walk() if node.kind == kind]
        assert [(depth, view.bookmark(node)) for node in nodes if (depth, view.bookmark(node)) in outline] == \
            [(depth, view.bookmark(node)) for node in nodes], kind
    assert view.joined("title_targets") in titles
    parts = [title for depth, title in outline if depth == 0 and title[:1] in "IV"]
    assert [title.split(".")[0] for title in parts] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@pytest.mark.parametrize("key", sorted(BY_LANG))
def test_metadata_title_language_author_subject_and_tags(readers, site_data, key):
    edition, reader = BY_LANG[key], readers[key]
    meta = site_data.side["meta"]
    assert reader.metadata.title == " / ".join(meta["title"][lang] for lang in edition.langs)
    assert reader.metadata.author == meta["congress"]["name"][edition.lang]
    assert meta["edition"]["number"] in reader.metadata.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == edition.lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert reader.metadata["/CreationDate"].startswith("D:" + meta["edition"]["date"].replace("-", ""))
    day = datetime.fromtimestamp(int(commit_epoch()), timezone.utc).strftime("%Y%m%d")
    assert reader.metadata["/ModDate"].startswith("D:" + day)  # from SOURCE_DATE_EPOCH


def test_cover_says_edition_and_that_the_address_is_relative(readers, site_data):
    cover = readers["en"].pages[0].extract_text()
    assert f'Edition {site_data.side["meta"]["edition"]["number"]}' in cover
    assert site_data.i18n["en"]["pdf_site_relative"].split(";")[0] in " ".join(cover.split())
    contents = readers["en"].pages[1].extract_text()
    assert re.search(r"VIII\. .*\d+\s*$", contents, re.M), contents


# -- bytes ---------------------------------------------------------------------------

def test_two_builds_give_identical_bytes(pdfs, tmp_path):
    """Drawn anew, without the cache, in a fresh process: the same bytes (no clock, fixed identifier)."""
    script = ("import sys; sys.path.insert(0, 'scripts')\n"
              "from pathlib import Path\n"
              "from sitegen.document import load_site_data\n"
              "from sitegen.pdf_edition import build_editions\n"
              "for name, content in build_editions(load_site_data()[0], cache=False).items():\n"
              f"    (Path({str(tmp_path)!r}) / name).write_bytes(content)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_environment(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    differing = [name for name, content in pdfs.items() if (tmp_path / name).read_bytes() != content]
    assert differing == []


def test_the_built_site_links_every_edition_with_its_real_size(built_site):
    for page in ("text", "compare", "about", "targets"):
        for prefix in ("", "en/"):
            html = (built_site / prefix / page / "index.html").read_text(encoding="utf-8")
            links = re.findall(r'<a href="([^"]+\.pdf)"[^>]*>([^<]+)</a>', html)
            assert len(links) == len(pdf_edition.EDITIONS), (prefix, page)
            for href, label in links:
                target = (built_site / prefix / page / href).resolve()
                assert target.is_file(), href
                lang = "en" if prefix else "vi"
                assert pdf_edition.size_text(target.stat().st_size, lang) in label, (href, label)
