"""What makes `mkdocs serve` rebuild fast, without changing what a build writes.

In: the hooks (scripts/mkdocs_hooks.py) with a stub configuration, and
sitegen.search_index on a one-page folder. Out: pass/fail: the pages are
generated once per build, not once per language, and again when data/
changed; under serve the search index is written on a thread, waited for
before the next build, and a failure is reported rather than lost.
"""
from __future__ import annotations

import pytest

import mkdocs_hooks
from sitegen.search_index import BackgroundIndex

PAGE = '<!doctype html><html lang="en"><head><title>t</title></head><body data-pagefind-body><p>harbour</p></body></html>'


def test_pages_are_generated_once_per_build_and_again_when_the_data_changes(monkeypatch, site_data, tmp_path):
    written = []
    monkeypatch.setattr(mkdocs_hooks, "write_files", lambda files, docs: written.append((files, docs)) or [])
    monkeypatch.setattr(mkdocs_hooks, "_state", {"data": site_data, "data_fingerprint": ("a",), "rendered": {"a": 1}})
    config = type("Config", (), {"docs_dir": str(tmp_path)})()
    mkdocs_hooks.on_pre_build(config)
    mkdocs_hooks.on_pre_build(config)  # mkdocs-static-i18n's build of the other language
    assert written == [({"a": 1}, tmp_path)]
    mkdocs_hooks._state.update(data_fingerprint=("b",), rendered={"b": 2})  # data/ edited: on_config rendered it again
    mkdocs_hooks.on_pre_build(config)
    assert written == [({"a": 1}, tmp_path), ({"b": 2}, tmp_path)]


def test_the_background_index_is_written_and_waited_for(tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    index = BackgroundIndex()
    index.start(tmp_path)
    assert index.wait() is None
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
    assert index.wait() is None  # waiting twice is harmless


def test_a_failed_background_index_is_reported(tmp_path):
    index = BackgroundIndex()
    index.start(tmp_path)  # no page to index
    error = index.wait()
    assert isinstance(error, RuntimeError) and "indexed no page" in str(error)
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    index.start(tmp_path)
    assert index.wait() is None  # the next build starts clean


@pytest.mark.parametrize("command, serving", [("serve", True), ("build", False), ("gh-deploy", False)])
def test_only_serve_writes_the_index_on_a_thread(monkeypatch, command, serving):
    monkeypatch.setenv("HP_MKDOCS_COMMAND", "")
    mkdocs_hooks.on_startup(command, dirty=False)
    assert mkdocs_hooks._serving() is serving
