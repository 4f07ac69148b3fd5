"""Finish the site MkDocs wrote: 404 pages, unused theme files, social images, search index.

In: the built site folder, the data and the 404 pages captured per language
during the build. Out: /404.html in Vietnamese and /en/404.html in English;
the theme files this site never loads (source maps, lunr, the search worker;
palette CSS is kept: dark mode needs it) removed, so nothing unused is published; the link-preview images
(social_image.py) drawn or taken from the cache; our own CSS and JS minified
and Material's palette trimmed to our colours (minify.py); a
Content-Security-Policy on every page and in _headers (csp.py); then the
Pagefind search index of the finished pages (search_index.py), on a thread
under `mkdocs serve`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .csp import write_policies
from .minify import minify_assets
from .search_index import background_index, build_search_index
from .social_image import write_social_images

UNUSED_ASSETS = (
    "assets/javascripts/lunr",
    "assets/javascripts/workers",
    "search",
)
UNUSED_GLOBS = ("assets/**/*.map",)


def remove_unused_assets(site_dir: Path) -> None:
    for root in [site_dir, *[p for p in site_dir.iterdir() if p.is_dir() and (p / "assets").is_dir()]]:
        for relative in UNUSED_ASSETS:
            target = root / relative
            if target.is_dir():
                shutil.rmtree(target)
        for pattern in UNUSED_GLOBS:
            for path in root.glob(pattern):
                path.unlink()


def write_not_found_pages(site_dir: Path, pages: dict[str, str], default_lang: str = "vi") -> None:
    for lang, html in pages.items():
        path = site_dir / ("404.html" if lang == default_lang else f"{lang}/404.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def finish_site(site_dir: Path, data, not_found_pages: dict[str, str], palette_colours: set[str],
                serving: bool = False) -> None:
    """Run once, after the last language has been built. `serving` (mkdocs serve): the
    search index is written on a thread while the pages are already served."""
    write_not_found_pages(site_dir, not_found_pages)
    remove_unused_assets(site_dir)
    write_social_images(site_dir, data.side["meta"])
    minify_assets(site_dir, palette_colours)
    write_policies(site_dir)  # hashes the scripts of the finished pages
    if serving:
        background_index.start(site_dir)  # reads the finished pages; writes only pagefind/
    else:
        build_search_index(site_dir)
