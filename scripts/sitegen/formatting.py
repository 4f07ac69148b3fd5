"""Locale formatting of numbers, dates, measures and citations.

In: values from data/ and a language. Out: display strings. Numbers and dates
go through Babel (vi: 11.247 and 2,4; en: 11,247 and 2.4); wording comes from
the interface strings in data/i18n/.
"""
from __future__ import annotations

import datetime
import unicodedata

from babel.dates import format_date
from babel.numbers import format_decimal


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d, for diacritic-free matching."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def number(value, lang: str) -> str:
    return format_decimal(value, locale=lang, decimal_quantization=False)


def date(iso: str, lang: str) -> str:
    return format_date(datetime.date.fromisoformat(iso), format="long" if lang == "vi" else "d MMMM y", locale=lang)


class Formatter:
    """Formats measures and references for one language."""

    def __init__(self, lang: str, strings: dict, units: dict):
        self.lang = lang
        self.t = strings
        self.units = units

    def number(self, value) -> str:
        return number(value, self.lang)

    def quantity(self, measure: dict) -> str:
        """The value with its unit, e.g. 'VND 245,500 billion' or '15,5–16,5%/năm'."""
        comparator = measure["comparator"]
        if comparator == "milestone":
            return self.t["comparator_milestone"]
        affixes = self.units[measure["unit"]][self.lang]
        if comparator == "between":
            core = f"{self.number(measure['min'])}–{self.number(measure['max'])}"
        else:
            core = self.number(measure["value"])
        if "out_of" in measure:
            core += f"/{self.number(measure['out_of'])}"
        return f"{affixes.get('before', '')}{core}{affixes.get('after', '')}"

    def value(self, measure: dict) -> str:
        """Comparator, quantity, stretch aim and flags, e.g. 'at least 13% a year (aiming for 14%)',
        'khoảng 4–5 tỷ USD/năm', 'strive for: USD 75 billion' ('phấn đấu' governs the measure)."""
        comparator = measure["comparator"]
        if comparator == "zero":
            text = self.t["comparator_zero"]
        else:
            quantity = self.quantity(measure)
            if comparator in ("reach", "milestone"):
                text = quantity
            elif comparator == "between":
                text = self.t["comparator_about"].format(value=quantity) if measure.get("approximate") else quantity
            else:
                text = self.t[f"comparator_{comparator.replace('-', '_')}"].format(value=quantity)
        if "stretch" in measure:
            stretch = dict(measure, value=measure["stretch"])
            stretch.pop("out_of", None)
            aim = self.quantity(stretch)
            text += " " + self.t["stretch"].format(value=self.t["comparator_top"].format(value=aim) if comparator == "top" else aim)
        if measure.get("aspirational"):
            text = self.t["aspirational"].format(value=text)
        return text

    def period(self, period: dict, kind: str | None = None) -> str:
        """The period as the text puts it. `kind` is the measure's kind: a span
        ('during') reads as a total only for a cumulative measure, as the
        period a level is reached in otherwise. Inferred periods are marked."""
        period_kind = period["kind"]
        key = f"period_{period_kind.replace('-', '_')}"
        if period_kind == "annual-average" and "from" not in period:
            key = "period_annual_average_open"
        elif period_kind == "during" and kind == "cumulative":
            key = "period_during_total"
        text = self.t[key].format(year=period.get("year", ""), start=period.get("from", ""), end=period.get("to", ""))
        if "inferred" in period:
            text = self.t["period_inferred"].format(period=text)
        return text


def section_reference(node_id: str) -> str:
    """'iii-5-2' -> 'III.5.2'; 'preamble' stays a word for the caller to translate."""
    head, *rest = node_id.split("-")
    return ".".join([head.upper(), *rest])


def cited_title(meta, t: dict, lang: str) -> str:
    """The work as every citation names it: title and edition ('…, bản 1.1' / '…, edition 1.1')."""
    return f'{meta["title"][lang]}, {t["edition_word"]} {meta["edition"]["number"]}'


def cite_reference(node, t: dict) -> str:
    """The citation of a node after the resolution's title, e.g. 'mục III.5.2, đoạn 3'."""
    kind, node_id = node.kind, node.id
    if kind in ("paragraph", "item"):
        parent = node.parent
        index = node_id.rsplit("-p", 1)[1]
        where = t["cite_preamble"] if parent.kind == "preamble" else t["cite_section"].format(ref=section_reference(parent.id))
        return f"{where}, {t['cite_paragraph'].format(n=index)}"
    if kind == "target":
        return f"{t['cite_section'].format(ref=section_reference(node.parent.id))}, {t['cite_target'].format(n=node_id.rsplit('-', 1)[1])}"
    if kind == "breakthrough":
        return f"{t['cite_section'].format(ref=section_reference(node.parent.id))}, {t['cite_breakthrough'].format(n=node_id.rsplit('-', 1)[1])}"
    if kind == "preamble":
        return t["cite_preamble"]
    if kind == "heading":
        return t["cite_resolves"]
    return t["cite_section"].format(ref=section_reference(node_id))
