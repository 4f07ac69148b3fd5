"""Numbers as written in Vietnamese and English prose.

In: a text and its language ("vi" or "en"). Out: the multiset of numeric
values it states, with dates and Roman-numeral congress/term numbers turned
into comparable values, so the two languages of a node can be compared
(11.247 == 11,247; 2,4 == 2.4; 14/4/2025 == 14 April 2025; XIV == 14th).
Parsing goes through Babel's locale data, never hand-written separators.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
EN_MONTHS = (
    "January February March April May June July August September October November December"
).split()

VI_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
EN_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(EN_MONTHS) + r") (\d{4})\b")
# Roman numerals count only where the text uses them as ordinals of a
# congress, a term or a time ("Đại hội XIV", "khóa XVI", "lần thứ I").
VI_ROMAN = re.compile(r"(?i:lần thứ|đại hội|khóa|khoá)\s+([IVXLC]+)\b")
# A number: digits with optional grouped/decimal separators. A number glued
# to a preceding letter (m2, QH15) is part of a code, not a quantity.
NUMBER = re.compile(r"(?<![^\W_])\d+(?:[.,]\d+)*")
# English spells out a count that stands beside another numeral ("two
# 100-year goals" for "2 mục tiêu 100 năm"); the spelled word is a number.
EN_SPELLED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
EN_SPELLED_BESIDE_NUMERAL = re.compile(r"\b(" + "|".join(EN_SPELLED) + r") (?=\d)", re.IGNORECASE)


def roman_to_int(roman: str) -> int:
    total = 0
    for index, char in enumerate(roman):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[roman[index + 1]] if index + 1 < len(roman) else 0
        total += -value if value < following else value
    return total


def parse_number(token: str, lang: str) -> Decimal:
    """Parse one numeric token with the language's separators (Babel)."""
    try:
        value = parse_decimal(token, locale=lang)
    except NumberFormatError:
        value = Decimal(re.sub(r"\D", "", token) or "0")
    return canonical(value)


def canonical(value) -> Decimal:
    """One spelling per value: 7 == 07 == 7.0, and no exponent notation."""
    value = Decimal(str(value)).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def numbers_in(text: str, lang: str) -> Counter:
    """Return the multiset of values stated in `text` (dates as ISO strings)."""
    found: Counter = Counter()
    if lang == "vi":
        def take_date(match: re.Match) -> str:
            day, month, year = (int(g) for g in match.groups())
            found[f"{year:04d}-{month:02d}-{day:02d}"] += 1
            return " "
        text = VI_DATE.sub(take_date, text)

        def take_roman(match: re.Match) -> str:
            found[canonical(roman_to_int(match.group(1)))] += 1
            return " "
        text = VI_ROMAN.sub(take_roman, text)
    else:
        def take_date(match: re.Match) -> str:
            day, month, year = int(match.group(1)), EN_MONTHS.index(match.group(2)) + 1, int(match.group(3))
            found[f"{year:04d}-{month:02d}-{day:02d}"] += 1
            return " "
        text = EN_DATE.sub(take_date, text)

        def take_spelled(match: re.Match) -> str:
            found[canonical(EN_SPELLED[match.group(1).lower()])] += 1
            return " "
        text = EN_SPELLED_BESIDE_NUMERAL.sub(take_spelled, text)
    for match in NUMBER.finditer(text):
        found[parse_number(match.group(0), lang)] += 1
    return found


def show(value) -> str:
    return value if isinstance(value, str) else format(value, "f")


def compare_numbers(vi_text: str, en_text: str) -> list[str]:
    """Describe how the numbers of a Vietnamese text and its translation differ."""
    vi_numbers, en_numbers = numbers_in(vi_text, "vi"), numbers_in(en_text, "en")
    messages = []
    missing = vi_numbers - en_numbers
    extra = en_numbers - vi_numbers
    if missing:
        messages.append("numbers in vi missing from en: " + ", ".join(show(v) for v in sorted(missing, key=str)))
    if extra:
        messages.append("numbers in en not in vi: " + ", ".join(show(v) for v in sorted(extra, key=str)))
    return messages
