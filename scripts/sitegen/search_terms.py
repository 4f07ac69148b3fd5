"""The search's concept map and filler words (data/search-terms.yaml): checks and browser form.

In: the loaded data (SiteData) with its side file `search-terms`. Out:
  * search_terms_problems(): `data/search-terms.yaml:LINE: id: message` for
    each concept whose words of the text do not occur in the resolution's
    text of that language (as a run of words, diacritics folded), whose
    everyday phrase does occur there (an exact match must never be remapped:
    with its diacritics when it has some, else folded, English words as
    stems; a word in capitals with the capitals, as the browser then only
    matches it typed so), or whose everyday phrase another concept also claims;
  * browser_terms(): the part the browser needs for one language, written
    into assets/search-data.<lang>.json by browser_data.py and read by
    docs/assets/query.js.
The words and stems are those of docs/assets/words.js (TOKEN, fold, stem),
mirrored here and checked on the shared table tests/fold_number_cases.json.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .document import LANGUAGES, SiteData
from .formatting import fold
from .yamlload import Problem

FILE = "data/search-terms.yaml"
TOKEN = re.compile(r"[^\W_]+(?:[.,]\d+)*")
ABBREVIATION = re.compile(r"^[A-Z]{2,}$")

PLURALS = [(r"ies$", "y"), (r"(ss|sh|ch|x)es$", r"\1"), (r"([^siu])s$", r"\1")]
SPELLINGS = [(r"isation$", "ization"), (r"is(e|ed|ing)$", r"iz\1"), (r"yse$", "yze"), (r"tre$", "ter"), (r"our$", "or")]
SUFFIXES = [(r"ization$", "iz"), (r"iz(e|ed|ing)$", "iz"), (r"ments?$", ""), (r"at(ion|ive|e)$", "at"),
            (r"([bdfgmnprt])\1(ing|ed)$", r"\1"), (r"(ing|ed|er)$", ""), (r"(st|at)or$", r"\1"), (r"(\w{4})ist$", r"\1ism")]


def _first_rule(word: str, rules) -> str:
    for pattern, replacement in rules:
        changed = re.sub(pattern, replacement, word, count=1)
        if changed != word:
            return changed if len(changed) >= 4 else word
    return word


@lru_cache(maxsize=None)  # a pure function of a word: the text repeats its words often
def stem(folded: str, lang: str) -> str:
    """English word forms as words.js stem() makes them; other languages unchanged."""
    if lang != "en" or len(folded) <= 3 or re.search(r"\d", folded):
        return folded
    word = _first_rule(folded, PLURALS)
    word = _first_rule(word, SPELLINGS)
    word = _first_rule(word, SUFFIXES)
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def keys(text: str, lang: str) -> list[str]:
    """The words of a text as the search compares them: folded, and stemmed in English."""
    return [stem(fold(token), lang) for token in TOKEN.findall(text)]


TONES = re.compile("[\u0300\u0301\u0303\u0309\u0323]")


def exact_key(word: str) -> str:
    """words.js exactKey(): the word with its diacritics, the tone mark moved to the end ("hoá" = "hóa")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", TONES.sub("", decomposed)) + "|" + "".join(TONES.findall(decomposed))


def exact_keys(text: str) -> list[str]:
    return [exact_key(token) for token in TOKEN.findall(text)]


class PhraseIndex:
    """Every run of n consecutive words of the texts, built once per n: `needle in index`."""

    def __init__(self, token_lists: list[list[str]]):
        self.token_lists = token_lists
        self.by_length: dict[int, set[tuple[str, ...]]] = {}

    def __contains__(self, needle) -> bool:
        size = len(needle)
        if size == 0:
            return False
        if size not in self.by_length:
            self.by_length[size] = {tuple(words[i:i + size]) for words in self.token_lists
                                    for i in range(len(words) - size + 1)}
        return tuple(needle) in self.by_length[size]


def _texts(data: SiteData, lang: str) -> list[str]:
    return [n.raw[lang] for n in data.nodes() if isinstance(n.raw.get(lang), str)]


def search_terms_problems(data: SiteData) -> list[Problem]:
    side = data.side.get("search-terms")
    if not isinstance(side, dict) or not data.root:
        return []
    problems = []
    for lang in LANGUAGES:
        texts = _texts(data, lang)
        folded = PhraseIndex([[fold(t) for t in TOKEN.findall(text)] for text in texts])
        compared = PhraseIndex([keys(text, lang) for text in texts])
        exact = PhraseIndex([exact_keys(text) for text in texts])
        raw = PhraseIndex([TOKEN.findall(text) for text in texts])
        claimed: dict[tuple, str] = {}
        for concept in side.get("concepts") or []:
            entry = concept.get(lang) if isinstance(concept, dict) else None
            if not isinstance(entry, dict):
                continue
            cid = concept.get("id", "-")
            for phrase in entry.get("text") or []:
                needle = [fold(t) for t in TOKEN.findall(phrase)]
                if needle not in folded:
                    problems.append(Problem(FILE, entry.line_of("text"), cid,
                                            f"text phrase {phrase!r} does not occur in the {lang} text"))
            for phrase in entry.get("everyday") or []:
                tokens = TOKEN.findall(phrase)
                if len(tokens) == 1 and ABBREVIATION.match(tokens[0]):  # "IT" only matches "IT" when "it" is a word
                    shadowed = [tokens[0]] in raw
                    key = (fold(tokens[0]),)
                elif fold(phrase) != phrase.lower():  # typed with diacritics: "học nghề" is not "học nghệ"
                    shadowed = exact_keys(phrase) in exact
                    key = tuple(keys(phrase, lang))
                else:
                    needle = keys(phrase, lang)
                    shadowed = needle in compared
                    key = tuple(needle)
                if shadowed:
                    problems.append(Problem(FILE, entry.line_of("everyday"), cid,
                                            f"everyday phrase {phrase!r} occurs in the {lang} text: "
                                            "an exact match must not be remapped"))
                if key in claimed and claimed[key] != cid:
                    problems.append(Problem(FILE, entry.line_of("everyday"), cid,
                                            f"everyday phrase {phrase!r} is also in concept {claimed[key]!r}"))
                claimed.setdefault(key, cid)
        for group in side.get("synonyms") or []:
            phrases = group.get(lang) if isinstance(group, dict) else None
            for phrase in phrases or []:
                needle = [fold(t) for t in TOKEN.findall(phrase)]
                if needle not in folded:
                    problems.append(Problem(FILE, group.line_of(lang), group.get("id", "-"),
                                            f"synonym {phrase!r} does not occur in the {lang} text"))
    for section in ("concepts", "synonyms"):
        seen: set = set()
        for entry in side.get(section) or []:
            if isinstance(entry, dict) and entry.get("id") in seen:
                problems.append(Problem(FILE, entry.line, entry["id"], f"duplicate id in {section}"))
            seen.add(entry.get("id") if isinstance(entry, dict) else None)
    return problems


def browser_terms(data: SiteData, lang: str) -> dict:
    """{filler, fillerEnd, concepts: [[everyday phrases], [phrases of the text]], synonyms: [[phrases]]}
    for one language."""
    side = data.side.get("search-terms") or {}
    concepts = [[list(c[lang]["everyday"]), list(c[lang]["text"])]
                for c in side.get("concepts") or [] if isinstance(c.get(lang), dict)]
    return {"filler": list((side.get("filler") or {}).get(lang) or []),
            "fillerEnd": list((side.get("filler_end") or {}).get(lang) or []),
            "concepts": concepts,
            "synonyms": [list(group[lang]) for group in side.get("synonyms") or [] if group.get(lang)]}
