"""Locale formatting of numbers, dates, measures and citations.

In: values from data/ and a language. Out: display strings. Numbers and dates
go through Babel (vi: 11.247 and 2,4; en: 11,247 and 2.4); wording comes from
the interface strings in data/i18n/.
"""
from __future__ import annotations

import datetime

from babel.dates import format_date
from babel.numbers import format_decimal


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
        """Comparator, quantity and stretch aim, e.g. 'at least 13% a year (aiming for 14%)'."""
        comparator = measure["comparator"]
        quantity = self.quantity(measure)
        if comparator in ("between", "exactly", "milestone"):
            text = quantity
        else:
            text = self.t[f"comparator_{comparator.replace('-', '_')}"].format(value=quantity)
        if "stretch" in measure:
            stretch = dict(measure, value=measure["stretch"])
            stretch.pop("out_of", None)
            text += " " + self.t["stretch"].format(value=self.quantity(stretch) if comparator != "top" else self.t["comparator_top"].format(value=self.quantity(stretch)))
        return text

    def period(self, period: dict) -> str:
        kind = period["kind"]
        template = self.t[f"period_{kind.replace('-', '_')}"]
        if kind == "annual-average" and "from" not in period:
            template = self.t["period_annual_average_open"]
        return template.format(year=period.get("year", ""), start=period.get("from", ""), end=period.get("to", ""))


def section_reference(node_id: str) -> str:
    """'iii-5-2' -> 'III.5.2'; 'preamble' stays a word for the caller to translate."""
    head, *rest = node_id.split("-")
    return ".".join([head.upper(), *rest])


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
