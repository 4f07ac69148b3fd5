"""English lint: patterns the independent review found, so they cannot return.

In: a loaded `SiteData`. Out: `Problem`s (`data/FILE:LINE: id: message`) for
every English text that
- opens a Part heading after "The Congress resolves" with a participle
  ("Unanimously agreeing …", "Approving …") instead of a decision ("To …");
- says "in all fields" (or "all fields" at all) where the Vietnamese has no "tất cả";
- says "political mettle" where the Vietnamese has no "bản lĩnh chính trị", or
  "mettle" at all where it has no "bản lĩnh" (the word is kept for that term);
- says "by <year>" where the Vietnamese says "vào năm <year>" and never "đến năm <year>",
  or "in <year>" where it says only "đến năm <year>" (= by);
- sets two numerals side by side ("2 100-year"), which reads as one number;
- says "per 1 ha" (a unit is "per hectare", not "per 1 …");
- says both "per capita" and "per person" (the same thing twice);
- coins "smartisation"-style words ("thông minh hóa, xanh hóa" is "smart
  transformation, greening").
"""
from __future__ import annotations

import re

from .document import SiteData
from .yamlload import Problem

PARTICIPLE_HEADING = re.compile(r"^(?:\w+ly\s+)?\w+ing\b")
BY_YEAR = re.compile(r"\bby (\d{4})\b")
# "in 2030", but not the start of a range ("in 2026–2030").
IN_YEAR = re.compile(r"\bin (\d{4})\b(?![–-]\d)")
NUMERALS_SIDE_BY_SIDE = re.compile(r"(?<![\d.,])\d+ \d+(?![.,]\d)")
ALL_FIELDS = re.compile(r"\b(?:(?:in|across|on) )?all fields\b", re.IGNORECASE)
METTLE = re.compile(r"\bmettle\b", re.IGNORECASE)
# "per 1 ha", "per 1 person"; "per 1,000" (a rate) is fine.
PER_ONE = re.compile(r"\bper 1 (?=[^\W\d])")
COINAGE = re.compile(r"\b(?:smart|green)-?i[sz]ation\b", re.IGNORECASE)


def part_heading_problem(en: str) -> str | None:
    """The message for a Part heading that opens with a participle, else None."""
    if PARTICIPLE_HEADING.match(en):
        return "a Part heading after “The Congress resolves” is a decision (“To …”), not a participle"
    return None


def _heading_problem(node) -> str | None:
    return part_heading_problem(node.raw["en"]) if node.kind == "part" else None


def _year_problems(vi_lower: str, en: str) -> list[str]:
    messages = []
    for year in sorted(set(BY_YEAR.findall(en))):
        # Each "by" needs its own "đến năm": count, since one text may say both.
        if f"vào năm {year}" in vi_lower and en.count(f"by {year}") > vi_lower.count(f"đến năm {year}"):
            messages.append(f"“by {year}” but the Vietnamese says “vào năm {year}”: say “in {year}”")
    for year in sorted(set(IN_YEAR.findall(en))):
        # Each "in" needs a "năm <year>" that is not "đến năm <year>" (vào năm, trong năm, năm).
        by = len(re.findall(rf"đến (?:hết )?năm {year}\b", vi_lower))
        other = len(re.findall(rf"\bnăm {year}\b", vi_lower)) - by
        if by and IN_YEAR.findall(en).count(year) > other:
            messages.append(f"“in {year}” but the Vietnamese says “đến năm {year}”: say “by {year}”")
    return messages


def text_problems(vi: str, en: str) -> list[str]:
    """The lint messages for one Vietnamese text and its English."""
    messages = []
    vi_lower = vi.lower()
    if "tất cả" not in vi_lower:
        for phrase in sorted({m.group(0) for m in ALL_FIELDS.finditer(en)}):
            messages.append(f"“{phrase}” but the Vietnamese has no “tất cả”: say “across fields”")
    if "political mettle" in en and "bản lĩnh chính trị" not in vi_lower:
        messages.append("“political mettle” but the Vietnamese has no “bản lĩnh chính trị”: say “mettle”")
    if METTLE.search(en) and "bản lĩnh" not in vi_lower:
        messages.append("“mettle” but the Vietnamese has no “bản lĩnh”: the word is kept for that term")
    messages += _year_problems(vi_lower, en)
    for match in NUMERALS_SIDE_BY_SIDE.finditer(en):
        messages.append(f"two numerals side by side ({match.group(0)!r}): spell out the count")
    for _ in PER_ONE.finditer(en):
        messages.append("“per 1 …”: say “per hectare” or name the unit without the 1")
    if "per capita" in en and "per person" in en:
        messages.append("“per capita” and “per person” in one text: say it once")
    for match in COINAGE.finditer(en):
        messages.append(f"coinage {match.group(0)!r}: say “smart transformation”, “greening”")
    return messages


def english_lint_problems(data: SiteData) -> list[Problem]:
    problems = []
    for node in data.nodes():
        vi, en = node.raw.get("vi"), node.raw.get("en")
        if not isinstance(vi, str) or not isinstance(en, str):
            continue
        line = node.raw.line_of("en")
        heading = _heading_problem(node)
        for message in ([heading] if heading else []) + text_problems(vi, en):
            problems.append(Problem(node.file, line, node.id, f"English lint: {message}"))
    return problems
