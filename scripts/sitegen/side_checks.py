"""Checks of the glossary and the meta file against the resolution's text.

In: the loaded data (SiteData). Out: `Problem`s (`data/FILE:LINE: id:
message`): glossary ids that repeat and tooltip match forms that do not occur
in the text of their language; congress facts in data/meta.yaml (dates,
delegates, venue) that the preamble does not state. Called by validate.py.
"""
from __future__ import annotations

from .document import LANGUAGES, SiteData
from .numbers import canonical, numbers_in
from .yamlload import Problem


def glossary_problems(data: SiteData) -> list[Problem]:
    side = data.side.get("glossary")
    if not isinstance(side, dict) or not data.root:
        return []
    corpus = {lang: "\n".join(n.raw.get(lang, "") for n in data.nodes() if isinstance(n.raw.get(lang), str)) for lang in LANGUAGES}
    problems, seen = [], set()
    for term in side.get("terms") or []:
        if not isinstance(term, dict):
            continue
        tid = term.get("id", "-")
        if tid in seen:
            problems.append(Problem(term.file, term.line, tid, "duplicate glossary id"))
        seen.add(tid)
        for lang in LANGUAGES:
            for form in (term.get("match") or {}).get(lang) or []:
                if isinstance(form, str) and form not in corpus[lang]:
                    problems.append(Problem(term.file, term.get("match").line_of(lang), tid,
                                            f"match form {form!r} does not occur in the {lang} text"))
    return problems


def meta_problems(data: SiteData) -> list[Problem]:
    meta = data.side.get("meta")
    preamble = data.by_id().get("preamble-p1")
    if not isinstance(meta, dict) or preamble is None or not isinstance(meta.get("congress"), dict):
        return []
    congress = meta["congress"]
    problems = []
    for lang in LANGUAGES:
        stated = numbers_in(preamble.raw.get(lang, ""), lang)
        for key in ("opened", "closed"):
            if isinstance(congress.get(key), str) and congress[key] not in stated:
                problems.append(Problem(meta.file, congress.line_of(key), "meta", f"congress.{key} {congress[key]} is not a date the {lang} preamble states"))
        if canonical(congress.get("delegates", 0)) not in stated:
            problems.append(Problem(meta.file, congress.line_of("delegates"), "meta", f"congress.delegates is not stated in the {lang} preamble"))
        venue = (congress.get("venue") or {}).get(lang)
        if isinstance(venue, str) and venue not in preamble.raw.get(lang, ""):
            problems.append(Problem(meta.file, congress.line_of("venue"), "meta", f"congress.venue.{lang} does not occur in the {lang} preamble"))
    return problems
