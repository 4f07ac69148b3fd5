"""Word-for-word comparison of data/ with the source extract.

In: the loaded data and data/source/*.txt (the PDF extract, kept in the repository). Out: None
when the Vietnamese of data/, in document order, equals the cleaned source
after NFC, whitespace and tone-placement normalisation; otherwise a message
naming the first words that differ. `fidelity_problems` gives the same
finding as a validation `Problem` at the nearest node's data/FILE:LINE, so a
lost, duplicated, reordered or moved paragraph fails validation and the build.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

from .document import ROOT, Node, SiteData
from .yamlload import Problem

SOURCE_NAME = "nghi-quyet-dai-hoi-dang-bo-hai-phong-lan-thu-i.txt"
SOURCE = ROOT / "data" / "source" / SOURCE_NAME
RUNNING_HEADER = "Văn phòng Thành ủy"
FOOTER_START = "Tài liệu này thuộc sở hữu của các cơ quan Đảng"
TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style tone placement (hoá, thuỷ, khoẻ) moved to the first vowel.
OLD_TONE = re.compile(rf"([oOuU])([aAeEyY])([{TONES}])(?![^\W\d_])")

GLUED_HYPHEN = re.compile(r"\S-$")


def join_lines(lines: list[str], glued: re.Pattern = GLUED_HYPHEN) -> str:
    """Lines joined by a space, except after a line that ends in `glued` (by default a hyphen
    glued to a word, "2026-", which the next line continues)."""
    pieces: list[str] = []
    for line in lines:
        # Only the text's last two characters decide: searching all of it is quadratic.
        tail = "".join(pieces[-2:])[-2:]
        pieces.append(line if glued.search(tail) else (" " + line if pieces else line))
    return "".join(pieces)


def clean_source(text: str) -> str:
    """Drop page furniture and join the extract's broken lines."""
    kept = []
    for raw in text.split("\n"):
        line = unicodedata.normalize("NFC", raw).strip()
        if not line or line == RUNNING_HEADER or line.startswith(FOOTER_START) or line.isdigit():
            continue
        kept.append(line)
    return join_lines(kept)


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


def node_words(data: SiteData) -> tuple[list[str], list[Node]]:
    """The normalised Vietnamese words of data/ in document order, each with its node."""
    words: list[str] = []
    owners: list[Node] = []
    for node in data.nodes():
        text = node.raw.get("vi")
        if not isinstance(text, str):
            continue
        node_text = f"{node.number} {text}" if node.number else text
        for word in normalise(node_text):
            words.append(word)
            owners.append(node)
    return words, owners


def _excerpt(words: list[str], start: int, end: int, limit: int = 12) -> str:
    shown = words[start:min(end, start + limit)]
    return " ".join(shown) + (" …" if end - start > limit else "")


def fidelity_problems(data: SiteData, source: Path | None = None) -> list[Problem]:
    """One Problem at the first place where data/ differs from the source, or none."""
    source = source or data.data_dir / "source" / SOURCE_NAME
    if data.root is None:
        return []
    label = f"data/source/{source.name}"
    try:
        theirs = normalise(clean_source(source.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(label, 1, "-", f"cannot read the source text: {error}")]
    ours, owners = node_words(data)
    if not owners:
        return []
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        node = owners[min(i1, len(owners) - 1)]
        if tag == "insert" and i1 > 0:
            node = owners[i1 - 1]  # words missing after the end of this node
        missing = _excerpt(theirs, j1, j2)
        extra = _excerpt(ours, i1, i2)
        if tag == "delete":
            message = f"words not in the source: «{extra}» ({i2 - i1} word(s))"
        elif tag == "insert":
            message = f"words of the source missing here: «{missing}» ({j2 - j1} word(s))"
        else:
            message = f"words differ from the source: «{extra}» where the source has «{missing}»"
        return [Problem(node.file, node.raw.line_of("vi"), node.id, "fidelity: " + message)]
    return []
