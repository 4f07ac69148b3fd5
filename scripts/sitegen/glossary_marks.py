"""Mark glossary terms where they occur in a paragraph.

In: the plain text of one paragraph, a language ("vi" or "en"), the glossary
entries (data/glossary.yaml `terms`) and the URL of the glossary page as seen
from the page being rendered. Out: escaped `Markup` whose text content, with
tags stripped and entities decoded, equals the input text exactly; each
glossary term's first occurrence in the paragraph becomes a link to its
glossary entry, `<a class="hp-term" href="…#id" title="explanation">term</a>`
(the explanation of an abbreviation is its expansion, of a term its definition).
The title is shown by assets/site.js as a tooltip on hover and on keyboard
focus (links are focusable), and is the link's accessible description.

Matching rules: the `match.<lang>` forms, case-sensitive, as written (NFC);
at each position the longest form of any entry wins; a form matches only at
word boundaries (Unicode-aware, so "AI" is not found in "GIAI"); an entry is
marked once per paragraph, and a later occurrence of an entry already marked
is left as plain text without marking a shorter term inside it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

DEFAULT_GLOSSARY_HREF = "../glossary/"


@dataclass(frozen=True)
class TermForm:
    """One surface form of a glossary entry, in one language."""

    text: str
    term_id: str
    explanation: str


def explanation(term: dict, lang: str) -> str:
    """The tooltip text: an abbreviation's expansion, or a term's definition.

    Abbreviations get only their expansion (the full definition is one click
    away, on the glossary page): the titles are repeated in every paragraph
    where a term occurs, and the full text has a page-weight budget.
    """
    if term.get("abbreviation"):
        return " ".join(term["expansion"][lang].split())
    return " ".join(term["definition"][lang].split())


def term_forms(glossary: list[dict], lang: str) -> list[TermForm]:
    """Every match form of every entry, longest first (ties keep glossary order)."""
    forms = []
    for term in glossary:
        for form in term.get("match", {}).get(lang, []):
            forms.append(TermForm(unicodedata.normalize("NFC", form), term["id"], explanation(term, lang)))
    return sorted(forms, key=lambda form: -len(form.text))


def compile_pattern(forms: list[TermForm]) -> re.Pattern | None:
    """One alternation, longest form first, anchored on word boundaries."""
    if not forms:
        return None
    alternatives = "|".join(re.escape(form.text) for form in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class GlossaryMarker:
    """Marks terms of one language; build once, call for every paragraph."""

    def __init__(self, glossary: list[dict], lang: str):
        self.lang = lang
        forms = term_forms(glossary, lang)
        self.by_text = {}
        for form in forms:
            self.by_text.setdefault(form.text, form)
        self.pattern = compile_pattern(forms)

    def link(self, form: TermForm, surface: str, glossary_href: str) -> Markup:
        return Markup('<a class="hp-term" href="{href}" title="{title}">{text}</a>').format(
            href=f"{glossary_href}#{form.term_id}", title=form.explanation, text=surface,
        )

    def mark(self, text: str, glossary_href: str = DEFAULT_GLOSSARY_HREF) -> Markup:
        if self.pattern is None:
            return escape(text)
        pieces: list[Markup] = []
        marked: set[str] = set()
        position = 0
        for match in self.pattern.finditer(text):
            form = self.by_text[match.group(0)]
            if form.term_id in marked:
                continue
            marked.add(form.term_id)
            pieces.append(escape(text[position:match.start()]))
            pieces.append(self.link(form, match.group(0), glossary_href))
            position = match.end()
        pieces.append(escape(text[position:]))
        return Markup("").join(pieces)


def mark_terms(text: str, lang: str, glossary: list[dict], glossary_href: str = DEFAULT_GLOSSARY_HREF) -> Markup:
    """Escaped `text` with the first occurrence of each glossary term linked."""
    return GlossaryMarker(glossary, lang).mark(text, glossary_href)
