"""English lint: patterns the independent review found, so they cannot return.

In: a loaded `SiteData`. Out: `Problem`s (`data/FILE:LINE: id: message`) for
every English text that
- opens a Part heading after "The Congress resolves" with a participle
  ("Unanimously agreeing …", "Approving …") instead of a decision ("To …");
- says "in all fields" where the Vietnamese has no "tất cả";
- says "political mettle" where the Vietnamese has no "bản lĩnh chính trị";
- says "by <year>" where the Vietnamese says "vào năm <year>" and never "đến năm <year>";
- sets two numerals side by side ("2 100-year"), which reads as one number.
"""
from __future__ import annotations

import re

from .document import SiteData
from .yamlload import Problem

PARTICIPLE_HEADING = re.compile(r"^(?:\w+ly\s+)?\w+ing\b")
BY_YEAR = re.compile(r"\bby (\d{4})\b")
NUMERALS_SIDE_BY_SIDE = re.compile(r"(?<![\d.,])\d+ \d+(?![.,]\d)")


def _heading_problem(node) -> str | None:
    if node.kind == "part" and PARTICIPLE_HEADING.match(node.raw["en"]):
        return "a Part heading after “The Congress resolves” is a decision (“To …”), not a participle"
    return None


def text_problems(vi: str, en: str) -> list[str]:
    """The lint messages for one Vietnamese text and its English."""
    messages = []
    vi_lower = vi.lower()
    if "in all fields" in en and "tất cả" not in vi_lower:
        messages.append("“in all fields” but the Vietnamese has no “tất cả”: say “across fields”")
    if "political mettle" in en and "bản lĩnh chính trị" not in vi_lower:
        messages.append("“political mettle” but the Vietnamese has no “bản lĩnh chính trị”: say “mettle”")
    for year in sorted(set(BY_YEAR.findall(en))):
        # Each "by" needs its own "đến năm": count, since one text may say both.
        if f"vào năm {year}" in vi_lower and en.count(f"by {year}") > vi_lower.count(f"đến năm {year}"):
            messages.append(f"“by {year}” but the Vietnamese says “vào năm {year}”: say “in {year}”")
    for match in NUMERALS_SIDE_BY_SIDE.finditer(en):
        messages.append(f"two numerals side by side ({match.group(0)!r}): spell out the count")
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
