"""The checks that run on a second core give the same verdict, and nothing is built on a bad one.

In: data/ and copies of it with one defect, the hooks' loading step
(scripts/mkdocs_hooks.py `_load_data`) with rendering stubbed. Out: pass/fail:
the forked checks return exactly what `validate` returns in the process, for
good and broken data; `require_valid` raises with every problem; the build's
loading step reports broken data as its problems even when rendering the
broken data failed first, draws no PDF for it, and renders nothing to write.
"""
from __future__ import annotations

import pytest

import mkdocs_hooks
from helpers import edit
from sitegen.document import load_site_data
from sitegen.parallel_validation import InvalidData, PendingValidation
from sitegen.validate import validate


def _broken(data_copy):
    edit(data_copy / "resolution" / "v.yaml", "kind: part\n", "kind: part\ncolour: red\n")
    edit(data_copy / "resolution" / "iii-3.yaml", "value: 32900", "value: 32000")
    return load_site_data(data_copy)


def test_the_forked_checks_equal_the_checks_in_process(site_data, data_copy):
    assert PendingValidation(site_data, []).problems() == validate(site_data, []) == []
    data, load_problems = _broken(data_copy)
    forked = PendingValidation(data, load_problems)
    expected = validate(data, load_problems)
    assert len(expected) >= 2
    assert forked.problems() == expected
    assert forked.problems() == expected  # asked twice: the same verdict, no second child
    assert PendingValidation(data, load_problems, fork=False).problems() == expected


def test_require_valid_raises_with_every_problem(data_copy):
    data, load_problems = _broken(data_copy)
    with pytest.raises(InvalidData) as raised:
        PendingValidation(data, load_problems).require_valid()
    assert raised.value.problems == validate(data, load_problems)
    assert "unknown key 'colour'" in str(raised.value) and "32900" in str(raised.value)


@pytest.fixture
def hooks_on(monkeypatch, tmp_path):
    """The hooks' loading step on a given data folder, with a fresh state and a stub renderer."""
    def use(data_dir, render):
        monkeypatch.setattr(mkdocs_hooks, "DATA_DIR", data_dir)
        monkeypatch.setattr(mkdocs_hooks, "_state", {"docs_dir": str(tmp_path / "docs")})
        monkeypatch.setattr(mkdocs_hooks, "render_pages", render)
        monkeypatch.setenv("HP_MKDOCS_COMMAND", "build")
    return use


def test_a_rendering_that_fails_on_broken_data_reports_the_problems(hooks_on, data_copy):
    def render(data, reuse, before_drawing):
        raise KeyError("what broken data does to a template")
    hooks_on(data_copy, render)
    _broken(data_copy)
    with pytest.raises(InvalidData) as raised:
        mkdocs_hooks._load_data()
    assert "unknown key 'colour'" in str(raised.value)
    assert "rendered" not in mkdocs_hooks._state


def test_no_pdf_is_drawn_for_broken_data(hooks_on, data_copy):
    drawn = []

    def render(data, reuse, before_drawing):
        before_drawing()  # a cache miss: the renderer is about to draw
        drawn.append("pdf")
        return {}
    hooks_on(data_copy, render)
    _broken(data_copy)
    with pytest.raises(InvalidData):
        mkdocs_hooks._load_data()
    assert drawn == []


def test_a_rendering_bug_on_good_data_is_not_hidden(hooks_on, data_copy):
    def render(data, reuse, before_drawing):
        raise KeyError("a bug in a template")
    hooks_on(data_copy, render)
    with pytest.raises(KeyError, match="a bug in a template"):
        mkdocs_hooks._load_data()


def test_good_data_is_rendered_once_for_writing(hooks_on, data_copy):
    hooks_on(data_copy, lambda data, reuse, before_drawing: before_drawing() or {"vi/text.md": "text"})
    data = mkdocs_hooks._load_data()
    assert data.root is not None and mkdocs_hooks._state["rendered"] == {"vi/text.md": "text"}
