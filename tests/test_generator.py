"""The generator: golden outputs, reproducibility, strictness, escaping.

In: data/ (and small in-memory changes to it). Out: pass/fail. Golden files
live in tests/golden/; regenerate them deliberately with
`UPDATE_GOLDEN=1 pytest tests/test_generator.py` and review the diff.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path

import jinja2
import pytest

from sitegen.render import PAGES, heading_text, render_fragment, render_pages, stale_files, write_site

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = [("vi", "iii-4"), ("en", "iii-4"), ("vi", "iii-3-a"), ("en", "iii-3-a")]


@pytest.mark.parametrize("lang, node_id", CASES)
def test_golden_fragments(site_data, lang, node_id):
    rendered = render_fragment(site_data, lang, node_id)
    path = GOLDEN / f"{node_id}.{lang}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_every_page_in_both_languages_and_marked_generated(site_data):
    pages = render_pages(site_data, editions=False)  # the PDFs have their own tests
    for lang in ("vi", "en"):
        for page in PAGES:
            content = pages[f"{lang}/{page}.md"]
            assert content.splitlines()[0].startswith("<!--") and "scripts/build_tables.py" in content.splitlines()[0]


def test_output_is_reproducible_and_written_only_when_changed(site_data, tmp_path):
    assert render_pages(site_data) == render_pages(copy.deepcopy(site_data))
    first = write_site(site_data, tmp_path)
    assert first and write_site(site_data, tmp_path) == []
    assert stale_files(site_data, tmp_path) == []
    (tmp_path / "en" / "text.md").write_text("edited by hand", encoding="utf-8")
    assert stale_files(site_data, tmp_path) == [tmp_path / "en" / "text.md"]


def test_missing_value_fails_the_render(site_data):
    data = copy.deepcopy(site_data)
    for strings in data.i18n.values():
        del strings["title_text"]
    with pytest.raises(jinja2.UndefinedError):
        render_pages(data, editions=False)


def test_text_is_escaped_not_interpreted(site_data):
    data = copy.deepcopy(site_data)
    node = data.by_id()["iv-p1"]
    node.raw["en"] = "<script>alert(1)</script> *x* [x](javascript:alert(1)) &amp; {#id}"
    page = render_pages(data, editions=False)["en/text.md"]  # the PDFs have their own tests
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *x* [x](javascript:alert(1)) &amp;amp; {#id}" in page
    assert "<script>" not in page
    assert str(heading_text("# *a* [b](c)")) == "\\# \\*a\\* \\[b\\]\\(c\\)"


def test_numbers_and_dates_follow_each_locale(site_data):
    pages = render_pages(site_data, editions=False)  # the PDFs have their own tests
    assert "11.247 USD/người" in pages["vi/targets.md"] and "USD 11,247 per person" in pages["en/targets.md"]
    assert "2,4 triệu tỷ đồng" in pages["vi/targets.md"] and "VND 2.4 million billion" in pages["en/targets.md"]
    assert "26 tháng 9, 2025" in pages["vi/index.md"] and "26 September 2025" in pages["en/index.md"]


def test_serve_watches_the_data_and_the_generator_but_not_the_pages_it_writes():
    """`mkdocs serve` rebuilds (and reloads the page) when data/, the generator or the site's
    own assets change; not when the hook writes docs/vi and docs/en (one rebuild per edit)."""
    import mkdocs_hooks
    from sitegen.document import DATA_DIR, ROOT

    docs = ROOT / "docs"

    class RecordingServer:
        def __init__(self):
            self.watched = {docs}  # MkDocs watches docs_dir before on_serve

        def watch(self, path):
            self.watched.add(Path(path))

        def unwatch(self, path):
            self.watched.remove(Path(path))

    config = type("Config", (), {"docs_dir": str(docs)})()
    server = mkdocs_hooks.on_serve(RecordingServer(), config=config, builder=None)
    assert DATA_DIR in server.watched and docs / "assets" in server.watched
    assert any(path.name == "templates" for path in server.watched)
    assert not [path for path in server.watched if path in (docs, docs / "vi", docs / "en")]
