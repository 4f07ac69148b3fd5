"""Build the site's search index with Pagefind, after MkDocs wrote every language.

In: the built site folder (both languages, `<html lang>` set per page; the
pages to index carry `data-pagefind-body`, see overrides/partials/content.html).
Out: `<site>/pagefind/`, one index per language (vi, en) with its fragments
and the Pagefind runtime (pagefind.js, its WebAssembly). Nothing else of the
site is touched; the parts of the bundle the site does not use (Pagefind's
UIs, its highlight script and its web worker) are removed, and the entry file
lists the languages in a fixed order so that builds are byte-identical.

Why Pagefind, with the ranking done in the browser (assets/search-dialog.js)
------------------------------------------------------------------------------
Measured on this site's text (issue 5; tests/test_search.py and
scripts/bench_search.py here):

* Material's built-in search (lunr) writes one index for both languages with
  mkdocs-static-i18n, so English hits appear on Vietnamese pages; its index
  and worker (about 27 KB gzipped) are fetched on every page load, before
  anyone searches; any one query word matches, as a prefix, and headings weigh
  so much that a task heading holding one query word beats the target itself;
  without diacritics it finds nothing for 5 of 18 citizen queries (issue 5:
  hit@1 9/18 with diacritics, 1/18 without).
* Pagefind keeps one index per `<html lang>` (results only in the reader's
  language), loads nothing until the first search, and hands the browser each
  page's text with every element that has an id and where it starts. In its
  own order it returns a page's sections in document order (issue 5: hit@1
  2/18), and two of its habits hurt Vietnamese: a search must find every one of
  its words on a page, and it folds tone marks but not "đ" into "d" ("dong"
  does not find "động"). So the browser looks each query word up on its own
  (and a leading "d" also as "đ"), then ranks every target, breakthrough,
  task, paragraph and glossary entry itself.
* The ranking: each query word found in an element weighs by its rarity among
  the elements (inverse document frequency), more when found with the query's
  own diacritics; each pair of neighbouring query words found side by side
  adds its own rarity (phrases beat scattered syllables); numbers match by
  value ("32.900" = "32,900" = "32900"). On the 162-query suite of
  tests/search_queries.yaml: hit@1 100 % (vi, with and without diacritics),
  98 % / 100 % (en, without / with), hit@3 100 % everywhere. The order
  sketched in issue 5 (count of exact words, then folded, then prefixes, then
  the longest run), with the same lookups, on the 113 queries written before
  the ranking was chosen: hit@1 30/33 and hit@3 32/33 (vi, with diacritics),
  32/34 and 34/34 (vi, without), 9/11 and 11/11 (English pages typed with
  Vietnamese names); the 49 queries written afterwards score the same or better.
* Cost (scripts/bench_search.py, Chromium, localhost): a first Vietnamese
  search transfers about 141 KB gzipped (Pagefind's WebAssembly 68 KB, word
  index 26 KB, the full text's fragment 23 KB, pagefind.js 13 KB, the search
  module 8 KB, glossary and about fragments 7 KB); a query then takes a median
  of 4 ms typed into the box (14 ms on a busy machine) and 2 ms for the
  ranking alone. Every
  page carries only the button, the closed dialog and a 1 KB script.
"""
from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT_SUBDIR = "pagefind"

# Inside data-pagefind-body, but not text a reader searches for: the ¶ permalinks,
# the per-section "read side by side" links, the "see in the targets table"
# links, the table of contents (it repeats every heading), the translation note,
# and code (link ids and paths in the about page's examples).
EXCLUDED_SELECTORS = (
    ".headerlink",
    ".hp-section-tools",
    ".hp-xref",
    ".hp-contents",
    ".hp-authority",
    ".visually-hidden",
    "code",
)

# Pagefind's prebuilt UIs (the site has its own, assets/search*.js), its
# highlight script (assets/search-dialog.js marks the words itself) and its web
# worker (the site runs Pagefind with noWorker: its index is small, and the
# worker would add 12 KB to the first search).
UNUSED_BUNDLE_FILES = (
    "pagefind-highlight.js",
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
)


def index_config(bundle_dir: Path) -> IndexConfig:
    return IndexConfig(exclude_selectors=list(EXCLUDED_SELECTORS), output_path=str(bundle_dir))


async def _write_index(site_dir: Path, bundle_dir: Path) -> int:
    """Index every HTML page of the site; the bundle is written when the context closes.

    Returns the number of pages Pagefind indexed."""
    async with PagefindIndex(config=index_config(bundle_dir)) as index:
        added = await index.add_directory(path=str(site_dir))
    return int(added.get("page_count", 0))


def sort_entry_languages(bundle_dir: Path) -> None:
    """Pagefind lists the languages in pagefind-entry.json in no fixed order;
    sort them, so that two builds of one commit are byte-identical."""
    entry_path = bundle_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def remove_unused_bundle_files(bundle_dir: Path) -> None:
    for name in UNUSED_BUNDLE_FILES:
        (bundle_dir / name).unlink(missing_ok=True)


def build_search_index(site_dir: Path) -> None:
    """Write `<site_dir>/pagefind/` from the built pages; fails loudly if nothing was indexed."""
    site_dir = Path(site_dir)
    bundle_dir = site_dir / OUTPUT_SUBDIR
    if bundle_dir.exists():
        shutil.rmtree(bundle_dir)
    page_count = asyncio.run(_write_index(site_dir, bundle_dir))
    if page_count == 0:
        raise RuntimeError(f"Pagefind indexed no page in {site_dir}")
    sort_entry_languages(bundle_dir)
    remove_unused_bundle_files(bundle_dir)
