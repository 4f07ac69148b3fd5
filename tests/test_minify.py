"""The built site's own CSS/JS are minified and Material's palette keeps only our colours.

In: small CSS fixtures, mkdocs.yml's palette, and the built site. Out:
pass/fail: a rule is dropped only when it names another colour; @media
blocks and the slate scheme survive; our assets in site/ are smaller than
their sources and free of comments, while docs/assets/ stays readable.
"""
from __future__ import annotations

from pathlib import Path

from sitegen.minify import OUR_ASSETS, STYLE_BUNDLE, palette_colours, trim_palette

FIXTURE = (
    "@media screen{[data-md-color-scheme=slate]{--md-hue:232}"
    "[data-md-color-scheme=slate][data-md-color-primary=indigo]{--md-typeset-a-color:#5488e8}"
    "[data-md-color-scheme=slate][data-md-color-primary=red]{--md-typeset-a-color:red}}"
    "[data-md-color-primary=red]{--md-primary-fg-color:#ef5552}"
    "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}"
    "[data-md-color-accent=pink],[data-md-color-primary=indigo]{--x:1}"
    "@media screen and (max-width:76.2344em){[data-md-color-primary=red] .md-nav--primary{background:red}}"
)


def test_only_other_colours_rules_are_dropped():
    trimmed = trim_palette(FIXTURE, {"indigo"})
    assert "[data-md-color-scheme=slate]{--md-hue:232}" in trimmed
    assert "[data-md-color-primary=indigo]{--md-typeset-a-color:#5488e8}" in trimmed
    assert "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}" in trimmed
    assert "red" not in trimmed and "pink" not in trimmed
    assert "max-width" not in trimmed  # an @media left empty goes too
    assert trimmed.count("@media screen{") == 1


def test_palette_colours_come_from_the_palette_entries():
    palette = [{"media": "(prefers-color-scheme)"}, {"scheme": "default", "primary": "indigo", "accent": "Deep Purple"}]
    assert palette_colours(palette) == {"indigo", "deep-purple"}
    assert palette_colours(False) == set()


def test_built_assets_are_minified_and_sources_stay_readable(built_site: Path):
    for source in sorted(OUR_ASSETS.glob("*.js")) + sorted(OUR_ASSETS.glob("*.css")):
        text = source.read_text(encoding="utf-8")
        assert "/*" in text or "//" in text, f"{source.name}: the source keeps its comments"
        copies = [root / "assets" / source.name for root in (built_site, built_site / "en")]
        copies = [path for path in copies if path.is_file()]
        assert copies, f"{source.name} is published"
        sources = [OUR_ASSETS / name for name in STYLE_BUNDLE] if source.name == STYLE_BUNDLE[0] else [source]
        for path in copies:
            built = path.read_text(encoding="utf-8")
            assert len(built) < sum(len(s.read_text(encoding="utf-8")) for s in sources), source.name
            assert "/* " not in built, source.name
    palettes = sorted(built_site.glob("assets/stylesheets/palette.*.min.css"))
    assert palettes and "data-md-color-primary=red" not in palettes[0].read_text(encoding="utf-8")
    assert "data-md-color-scheme=slate" in palettes[0].read_text(encoding="utf-8")


def test_our_stylesheets_reach_the_page_as_one_file_in_cascade_order(built_site: Path):
    html = (built_site / "text" / "index.html").read_text(encoding="utf-8")
    for name in STYLE_BUNDLE[1:]:
        assert f"assets/{name}" not in html, f"{name} is bundled, not linked"
    assert "assets/site.css" in html
    bundle = (built_site / "assets" / "site.css").read_text(encoding="utf-8")
    markers = [".hp-compare__row{", ".hp-search__bar", "@page", "--hp-del-bg:"]  # one from each file, in order
    positions = [bundle.find(marker) for marker in markers]
    assert -1 not in positions and positions == sorted(positions), dict(zip(markers, positions))
