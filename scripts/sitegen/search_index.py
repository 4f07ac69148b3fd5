"""Build the site's search index with Pagefind, after MkDocs wrote every language.

In: the built site folder (both languages, `<html lang>` set per page; the
pages to index carry `data-pagefind-body`, see overrides/partials/content.html).
Out: `<site>/pagefind/`, one index per language (vi, en) with its fragments
and the Pagefind runtime (pagefind.js, one language-neutral WebAssembly).
Nothing else of the site is touched; the parts of the bundle the site does not
use (Pagefind's UIs, its highlight script, its web worker, its English
stemmer) are removed, and the entry file lists the languages in a fixed order
so that builds are byte-identical.

Why Pagefind, with the ranking done in the browser (assets/ranking.js)
------------------------------------------------------------------------------
Measured on this site's text (issues 5 and 16; tests/test_search*.py and
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
  does not find "động"). Issue 5 looked each query word up on its own; since
  issue 16 the browser takes every page of the language at once
  (search(null): three pages, whose fragments the first search fetched anyway)
  and matches the words itself, so that typos, Telex leftovers and everyday
  words the index cannot know still find the text, and "nothing found" can
  show the closest passages. Pagefind's own stemming is then never used: every
  language loads the language-neutral WebAssembly (use_neutral_wasm).
* The ranking (assets/query.js, repair.js, ranking.js; README's search
  section): question and filler words dropped, the concept map of
  data/search-terms.yaml, Telex/VNI and one-letter typos repaired; each term
  weighs by its rarity among the elements (inverse document frequency), more
  when found with the query's own diacritics; each pair of neighbouring terms
  found side by side adds its own rarity (phrases beat scattered syllables);
  numbers match by value ("32.900" = "32,900" = "32900"); the score is
  weighed by the share of the query an element answers; the text comes before
  the glossary. Issue 5's suite (tests/search_queries.yaml, 162 queries):
  hit@1 and hit@3 100 % everywhere. Issue 16's harder suite, written blind
  (253 queries): hit@1 96 % / 100 % (vi, with / without diacritics), 97 %
  (en), hit@3 100 %; it was 68 % / 81 % (vi) and 67 % / 77 % (en) with issue
  5's ranking. The figures asserted are tests/search_bars.yaml.
* Cost (scripts/bench_search.py, Chromium, localhost): a first search
  transfers about 148.6 KB gzipped in Vietnamese, 147.4 KB in English (bar
  150 KB: Pagefind's WebAssembly 68 KB, word index 25-27 KB, the full text's
  fragment 23 KB, pagefind.js 13 KB, glossary and about fragments 8 KB, our
  modules 10 KB, the browser data with the concept map 3 KB; repair.js, 2 KB,
  only once a query needs it); a query then takes a median of 3-5 ms typed
  into the box. Every page carries only the button, the closed dialog and a
  1 KB script.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import threading
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT_SUBDIR = "pagefind"

# Inside data-pagefind-body, but not text a reader searches for: the ¶ permalinks,
# the per-section "read side by side" links, the "see in the targets table"
# links, the table of contents (it repeats every heading), the translation note,
# the PDF download links, and code (link ids and paths in the about page's examples).
EXCLUDED_SELECTORS = (
    ".headerlink",
    ".hp-pdfs",
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


def use_neutral_wasm(bundle_dir: Path) -> None:
    """Every language loads the language-neutral WebAssembly (wasm.unknown):
    the browser only lists a language's pages with Pagefind (search(null)) and
    matches the words itself, so the English stemmer of wasm.en.pagefind (4 KB
    more on the first search) would never run."""
    entry_path = bundle_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    stemmers = {info.get("wasm") for info in entry["languages"].values()} - {None, "unknown"}
    for info in entry["languages"].values():
        info["wasm"] = None
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for name in stemmers:
        (bundle_dir / f"wasm.{name}.pagefind").unlink(missing_ok=True)


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
    use_neutral_wasm(bundle_dir)
    remove_unused_bundle_files(bundle_dir)


class BackgroundIndex:
    """`build_search_index` on a thread, for `mkdocs serve`: the changed page is served
    at once and its search index follows about 0.4 s later (Pagefind is its own
    process, so it runs on another core). `wait` before the site folder is rebuilt."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self.error: Exception | None = None

    def start(self, site_dir: Path) -> None:
        self.wait()
        self.error = None
        self._thread = threading.Thread(target=self._run, args=(Path(site_dir),), daemon=True)
        self._thread.start()

    def _run(self, site_dir: Path) -> None:
        try:
            build_search_index(site_dir)
        except Exception as error:  # reported by wait(); the served pages are unaffected
            self.error = error

    def wait(self) -> Exception | None:
        """Block until the index is written; return what went wrong, if anything."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        return self.error


# One per process: `mkdocs serve` reloads the hooks module, not this one.
background_index = BackgroundIndex()
