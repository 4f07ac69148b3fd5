"""Theme overrides that still replace a whole Material partial.

In: overrides/partials/{header,content}.html and the installed mkdocs-material.
Out: pass/fail. Each copy names, in its first lines, why it replaces the
partial; the original it was copied from is pinned by SHA-256, so a Material
upgrade that changes the original fails here until the copy is redone; and the
copy differs from the original only by its note and the lines it adds.
"""
from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_PARTIALS = Path(material.__file__).resolve().parent / "templates" / "partials"
# sha256 of Material 9.8.2's originals (requirements.txt pins mkdocs-material==9.8.2).
ORIGINALS = {
    "header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "content.html": "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
}
# What each copy adds to the original, besides its explanatory note.
ADDED = {
    "header.html": ['{% include "partials/hp-search.html" %}'],
    "content.html": [
        '{%- if page.meta and page.meta.hp_page in ("text", "glossary", "about") %}',
        '<div class="hp-search-body" data-pagefind-body data-pagefind-meta="hp_page:{{ page.meta.hp_page }}">',
        "</div>", "{%- else %}", "{{ page.content }}", "{%- endif %}",
    ],
}


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_original_partial_is_the_one_the_copy_was_made_from(name):
    digest = hashlib.sha256((MATERIAL_PARTIALS / name).read_bytes()).hexdigest()
    assert digest == ORIGINALS[name], (
        f"Material's partials/{name} changed: redo overrides/partials/{name} from the new original, "
        "then update its hash here")


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_copy_says_why_and_adds_only_its_lines(name):
    copy = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8").splitlines()
    original = (MATERIAL_PARTIALS / name).read_text(encoding="utf-8").splitlines()
    assert "Theme override of Material's partials/" + name in "\n".join(copy[:3])
    diff = [line for line in difflib.ndiff(original, copy) if line[:2] in ("- ", "+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:].strip() for line in diff if line.startswith("+ ")]
    assert [line.strip() for line in removed] == ["This file was automatically generated - do not edit"]
    note_end = next(i for i, line in enumerate(copy) if line.strip() == "-#}")
    note = {line.strip() for line in copy[1:note_end]}
    assert [line for line in added if line not in note] == ADDED[name]
