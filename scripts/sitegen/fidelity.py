"""Word-for-word comparison of data/ with the source extract.

In: the loaded data and data/source/*.txt (the PDF extract, kept in the repository). Out: None
when the Vietnamese of data/, in document order, equals the cleaned source
after NFC, whitespace and tone-placement normalisation; otherwise a message
naming the first words that differ.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .document import ROOT, SiteData

SOURCE = ROOT / "data" / "source" / "nghi-quyet-dai-hoi-dang-bo-hai-phong-lan-thu-i.txt"
RUNNING_HEADER = "Văn phòng Thành ủy"
FOOTER_START = "Tài liệu này thuộc sở hữu của các cơ quan Đảng"
TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style tone placement (hoá, thuỷ, khoẻ) moved to the first vowel.
OLD_TONE = re.compile(rf"([oOuU])([aAeEyY])([{TONES}])(?![^\W\d_])")


def clean_source(text: str) -> str:
    """Drop page furniture and join the extract's broken lines."""
    kept = []
    for raw in text.split("\n"):
        line = unicodedata.normalize("NFC", raw).strip()
        if not line or line == RUNNING_HEADER or line.startswith(FOOTER_START) or line.isdigit():
            continue
        kept.append(line)
    joined = ""
    for line in kept:
        # A line ending in a hyphen glued to a word ("2026-") continues that word.
        joined += line if re.search(r"\S-$", joined) else (" " + line if joined else line)
    return joined


def normalise(text: str) -> list[str]:
    """NFC, one tone placement, single spaces; returned as words."""
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", decomposed).split()


def document_text(data: SiteData) -> str:
    """The Vietnamese of every node in document order, numbers included."""
    parts = []
    for node in data.nodes():
        text = node.raw.get("vi")
        if not isinstance(text, str):
            continue
        parts.append(f"{node.number} {text}" if node.number else text)
    return " ".join(parts)


def first_difference(ours: list[str], theirs: list[str], context: int = 6) -> str | None:
    for index, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            break
    else:
        if len(ours) == len(theirs):
            return None
        index = min(len(ours), len(theirs))
    start = max(0, index - context)
    return (
        f"first difference at word {index + 1}:\n"
        f"  data/:  … {' '.join(ours[start:index + context])} …\n"
        f"  source: … {' '.join(theirs[start:index + context])} …"
    )


def compare_with_source(data: SiteData, source: Path = SOURCE) -> str | None:
    theirs = normalise(clean_source(source.read_text(encoding="utf-8")))
    ours = normalise(document_text(data))
    return first_difference(ours, theirs)
