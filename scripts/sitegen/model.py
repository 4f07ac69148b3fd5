"""The document's meaning, worked out once: nodes, targets, commitments, measures.

In: a validated `SiteData` (raw mappings from data/). Out: a `Document` of typed
records, each with its id, kind, printed number, order, text, citation, URL and
display strings per language. Built once after validation by `build_model`;
templates, the chart, the hooks and the social images read it, so none of them
reaches into raw YAML or recomputes an id, a citation or a URL.

The single definitions kept here: `page_url`/`url` (every page and anchor URL
Python writes), `target_order` (the sort key of a target row). The citation wording stays in
`formatting.cite_reference`, which this module calls and nothing else does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .document import LANGUAGES, SiteData
from .formatting import Formatter, cite_reference, fold

DEFAULT_LANG = "vi"
TARGET_GROUPS = ("iii-3-a", "iii-3-b")
PAGE_OF_RECORDS = "targets"
PAGE_OF_NODES = "text"


# -- URLs: the one definition used by Python --------------------------------

def page_url(page: str) -> str:
    """Directory URL of a page relative to its language root ('' for the home page)."""
    return "" if page == "index" else f"{page}/"


def language_prefix(lang: str) -> str:
    """Path of a language's root below the site root: '' for vi, 'en/' for en."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def url(lang: str, page: str, anchor: str = "", site_url: str | None = None) -> str:
    """URL of a page (and anchor): relative to the language root, or absolute with `site_url`.

    url("en", "text", "iii-5-2") -> "text/#iii-5-2";
    url("en", "text", "iii-5-2", "https://x.org/hp/") -> "https://x.org/hp/en/text/#iii-5-2".
    """
    path = page_url(page) + (f"#{anchor}" if anchor else "")
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + language_prefix(lang) + path


# -- derived meanings ---------------------------------------------------------

def target_order(group_index: int, position: int) -> int:
    """Sort key of a target row: 1, 2, … in group a; 101, 102, … in group b (document order)."""
    return group_index * 100 + position


def _per_language(function) -> Mapping[str, str]:
    return MappingProxyType({lang: function(lang) for lang in LANGUAGES})


# -- records ------------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    """One measured aim of a target or commitment."""

    id: str
    owner_id: str
    raw: Mapping
    label: Mapping[str, str]          # '' where the measure has no label
    value: Mapping[str, str]          # display value, Formatter.value
    period: Mapping[str, str]         # display period, Formatter.period
    sort_value: float
    deadline: int
    approximate: bool = False
    aspirational: bool = False
    kind: str | None = None
    direction: str | None = None
    equivalent_to: str | None = None
    part_of: str | None = None
    period_inferred: Mapping[str, str] | None = None
    unit_name: Mapping[str, str] = field(default_factory=dict)  # data/units.yaml `name`, per language

    @property
    def upper(self):
        """The stated value, or the top of a range (None for a milestone)."""
        return self.raw.get("value", self.raw.get("max"))


@dataclass(eq=False)
class Node:
    """One node of the resolution as the site shows it."""

    id: str
    kind: str
    number: str | None
    order: int                        # position in document order, from 0
    text: Mapping[str, str]           # '' in both languages for a node without text
    has_text: bool
    cite: Mapping[str, str]
    parent: "Node | None" = field(default=None, repr=False)
    children: list["Node"] = field(default_factory=list, repr=False)

    def url(self, lang: str, site_url: str | None = None) -> str:
        return url(lang, PAGE_OF_NODES, self.id, site_url)

    def walk(self):
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Record:
    """A target (from the text) or a commitment (from data/commitments.yaml): one table row."""

    id: str
    kind: str                         # "target" or "commitment"
    number: str
    order: int
    label: Mapping[str, str]
    text: Mapping[str, str]
    source: Node
    cite: Mapping[str, str]
    theme: str
    theme_name: Mapping[str, str]
    measures: tuple[Measure, ...]

    def url(self, lang: str, site_url: str | None = None) -> str:
        return url(lang, PAGE_OF_RECORDS, self.id, site_url)

    def periods(self, lang: str) -> list[str]:
        return list(dict.fromkeys(m.period[lang] for m in self.measures))

    def search_text(self, lang: str) -> str:
        """Folded words the targets filter matches: number, label, text, theme, measure labels,
        values, unit names ("percent", "phần trăm": a symbol such as % cannot be typed as a word),
        periods. Numbers stay as the language writes them; the filter reads them in any notation."""
        words = [self.number or "", self.label[lang], self.text[lang], self.theme_name[lang]]
        words += [m.label[lang] for m in self.measures if m.label[lang]]
        words += [m.value[lang] for m in self.measures]
        words += list(dict.fromkeys(m.unit_name[lang] for m in self.measures if m.unit_name.get(lang)))
        words += self.periods(lang)
        return fold(" ".join(words))


@dataclass(frozen=True)
class Document:
    """The whole resolution, its targets and its commitments."""

    root: Node
    nodes: Mapping[str, Node]
    groups: tuple[Node, ...]
    targets: tuple[Record, ...]
    commitments: tuple[Record, ...]

    def targets_of(self, group: Node) -> list[Record]:
        return [record for record in self.targets if record.source.parent is group]


# -- building -----------------------------------------------------------------

def build_model(data: SiteData) -> Document:
    """The typed model of validated data (call only after `validate` found no problem)."""
    strings = {lang: dict(data.i18n[lang]) for lang in LANGUAGES}
    units = data.side["units"]["units"]
    formatters = {lang: Formatter(lang, strings[lang], units) for lang in LANGUAGES}
    themes = {t["id"]: MappingProxyType({lang: t[lang] for lang in LANGUAGES}) for t in data.side["themes"]["themes"]}
    counter = iter(range(1_000_000))
    root = _build_node(data.root, None, strings, counter)
    nodes = MappingProxyType({node.id: node for node in root.walk()})
    groups = tuple(nodes[group_id] for group_id in TARGET_GROUPS)
    raw_nodes = data.by_id()
    targets = tuple(
        _record(raw_nodes[node.id].raw, "target", node.number, target_order(g_index, position), node, themes, formatters)
        for g_index, group in enumerate(groups)
        for position, node in enumerate(group.children, start=1)
    )
    commitments = tuple(
        _record(item, "commitment", nodes[item["source"]].parent.number.rstrip("."), order,
                nodes[item["source"]], themes, formatters)
        for order, item in enumerate(data.side["commitments"]["commitments"], start=1)
    )
    return Document(root, nodes, groups, targets, commitments)


def _build_node(source, parent: Node | None, strings, counter) -> Node:
    node = Node(
        id=source.id, kind=source.kind, number=source.number, order=next(counter),
        text=_per_language(source.text), has_text=DEFAULT_LANG in source.raw,
        cite=_per_language(lambda lang: cite_reference(source, strings[lang])), parent=parent,
    )
    node.children = [_build_node(child, node, strings, counter) for child in source.children]
    return node


def _record(raw, kind, number, order, source: Node, themes, formatters) -> Record:
    """A table row; its text and citation are those of the text node it comes from."""
    owner_id = raw["id"]
    return Record(
        id=owner_id, kind=kind, number=number, order=order,
        label=_per_language(lambda lang: raw["label"][lang]), text=source.text, source=source,
        cite=source.cite, theme=raw["theme"], theme_name=themes[raw["theme"]],
        measures=tuple(_measure(owner_id, m, formatters) for m in raw["measures"]),
    )


def _measure(owner_id: str, raw: Mapping, formatters) -> Measure:
    # Every measure stores its id (`<owner id>-m<N>`; schema and measure_checks.py).
    period = raw["period"]
    inferred = period.get("inferred")
    unit = formatters[DEFAULT_LANG].units.get(raw.get("unit"), {})
    return Measure(
        id=raw["id"], owner_id=owner_id, raw=raw,
        label=_per_language(lambda lang: raw["label"][lang] if "label" in raw else ""),
        value=_per_language(lambda lang: formatters[lang].value(raw)),
        period=_per_language(lambda lang: formatters[lang].period(period, raw.get("kind"))),
        sort_value=raw.get("value", raw.get("min", 0)),
        deadline=period.get("year", period.get("to", 9999)),
        approximate=bool(raw.get("approximate", False)),
        aspirational=bool(raw.get("aspirational", False)),
        kind=raw.get("kind"), direction=raw.get("direction"),
        equivalent_to=raw.get("equivalent_to"), part_of=raw.get("part_of"),
        period_inferred=MappingProxyType(dict(inferred)) if isinstance(inferred, Mapping) else None,
        unit_name=MappingProxyType({lang: unit["name"][lang] for lang in LANGUAGES} if "name" in unit else {}),
    )
