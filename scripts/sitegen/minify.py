"""Make the built site's stylesheets and scripts as light as they can be.

In: the built site folder and the palette colours the site uses (mkdocs.yml
theme.palette). Out, in place:
- every CSS and JS file of ours (those in docs/assets/; Material ships its
  own minified) minified with rcssmin / rjsmin, so a phone downloads no
  comments or indentation; the readable sources stay in docs/assets/;
- Material's palette stylesheet (needed for dark mode) without the rules of
  the twenty colours the site never uses: tinycss2 parses it, and a rule is
  dropped only when its selector names a `data-md-color-primary` or
  `data-md-color-accent` other than the site's.
- our stylesheets as one file: the build appends search.css, print.css and
  dark.css (in that cascade order) to site.css, the only one mkdocs.yml
  links, so a phone makes one request for them instead of four before the
  first paint.
Names are kept, so the links MkDocs wrote and the ES module imports resolve.
The same input gives the same bytes.
"""
from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin
import tinycss2

OUR_ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets"
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# site.css first: the one mkdocs.yml links; the others follow in cascade order.
STYLE_BUNDLE = ("site.css", "search.css", "print.css", "dark.css")
COLOUR_SELECTOR = re.compile(r"data-md-color-(?:primary|accent)=[\"']?([\w-]+)")


def asset_folders(site_dir: Path) -> list[Path]:
    """assets/ of the site root and of each language root (mkdocs-static-i18n copies them)."""
    return [folder for folder in (site_dir / "assets", *sorted(site_dir.glob("*/assets"))) if folder.is_dir()]


def minify_our_assets(site_dir: Path) -> None:
    ours = sorted(path.name for path in OUR_ASSETS.iterdir() if path.suffix in MINIFIERS)
    for folder in asset_folders(site_dir):
        for name in ours:
            path = folder / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                path.write_text(MINIFIERS[path.suffix](text).strip() + "\n", encoding="utf-8")


def _keep(rule, colours: set[str]) -> bool:
    if rule.type != "qualified-rule":
        return True
    named = COLOUR_SELECTOR.findall(tinycss2.serialize(rule.prelude))
    return all(colour in colours for colour in named)


def _trim(rules, colours: set[str]) -> str:
    """The rules, serialised, without other colours' rules (recursing into @media)."""
    out = []
    for rule in rules:
        if rule.type == "at-rule" and rule.content is not None:
            inner = _trim(tinycss2.parse_blocks_contents(rule.content), colours)
            if inner.strip():
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type not in ("whitespace", "comment") and _keep(rule, colours):
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def trim_palette(css: str, colours: set[str]) -> str:
    return _trim(tinycss2.parse_stylesheet(css), colours)


def trim_palettes(site_dir: Path, colours: set[str]) -> None:
    for folder in asset_folders(site_dir):
        for path in sorted(folder.glob("stylesheets/palette.*.min.css")):
            trimmed = trim_palette(path.read_text(encoding="utf-8"), colours)
            path.write_text(rcssmin.cssmin(trimmed), encoding="utf-8")


def palette_colours(palette) -> set[str]:
    """The primary and accent colours named in mkdocs.yml's theme.palette (one entry or a list)."""
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    return {str(entry[key]).replace(" ", "-").lower() for entry in entries for key in ("primary", "accent") if key in entry}


def bundle_styles(site_dir: Path) -> None:
    for folder in asset_folders(site_dir):
        parts = [folder / name for name in STYLE_BUNDLE]
        if all(part.is_file() for part in parts):
            parts[0].write_text("".join(part.read_text(encoding="utf-8") for part in parts), encoding="utf-8")


def minify_assets(site_dir: Path, colours: set[str]) -> None:
    minify_our_assets(site_dir)
    bundle_styles(site_dir)
    if colours:
        trim_palettes(site_dir, colours)
