"""The resolution as a tree of bilingual nodes, loaded from data/.

In: data/resolution/document.yaml and the files its `include:` entries name,
plus the side files (meta, themes, units, glossary, commitments, corrections,
search-terms, i18n).
Out: a `SiteData` with the node tree in document order, or the problems that
stopped a file from loading. No validation beyond parsing happens here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .yamlload import LineDict, LineList, Problem, load_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
LANGUAGES = ("vi", "en")
SIDE_FILES = ("meta", "themes", "units", "glossary", "commitments", "corrections", "search-terms")


@dataclass
class Node:
    """One node of the resolution: a section (title) or a text (paragraph)."""

    raw: LineDict
    parent: "Node | None"
    children: list["Node"] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.raw["id"]

    @property
    def kind(self) -> str:
        return self.raw["kind"]

    @property
    def number(self) -> str | None:
        return self.raw.get("number")

    def text(self, lang: str) -> str:
        return self.raw.get(lang, "")

    @property
    def file(self) -> str:
        return self.raw.file

    @property
    def line(self) -> int:
        return self.raw.line

    def walk(self):
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass
class SiteData:
    """Everything under data/, loaded but not yet validated."""

    root: Node | None
    side: dict[str, LineDict]
    i18n: dict[str, LineDict]
    raw_files: dict[str, object]
    data_dir: Path

    def nodes(self):
        return list(self.root.walk()) if self.root else []

    def by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes() if isinstance(node.raw.get("id"), str)}


def relative_label(path: Path, data_dir: Path) -> str:
    """`data/FILE` style label for messages, whatever the data folder is."""
    return f"data/{path.relative_to(data_dir).as_posix()}"


def _build_tree(raw, parent, data_dir, raw_files, problems, seen_files) -> Node | None:
    node = Node(raw=raw, parent=parent)
    for entry in raw.get("children", []) if isinstance(raw.get("children"), list) else []:
        if isinstance(entry, dict) and "include" in entry:
            child_raw = _load_include(entry, data_dir, raw_files, problems, seen_files)
            if child_raw is None:
                continue
        else:
            child_raw = entry
        if isinstance(child_raw, dict):
            child = _build_tree(child_raw, node, data_dir, raw_files, problems, seen_files)
            node.children.append(child)
    return node


def _load_include(entry: LineDict, data_dir, raw_files, problems, seen_files):
    name = entry["include"]
    if not isinstance(name, str):
        problems.append(Problem(entry.file, entry.line, "-", "include must name a file"))
        return None
    path = data_dir / "resolution" / name
    label = relative_label(path, data_dir)
    if label in seen_files:
        problems.append(Problem(entry.file, entry.line, "-", f"{name} is included twice"))
        return None
    seen_files.add(label)
    if not path.is_file():
        problems.append(Problem(entry.file, entry.line, "-", f"included file {name} does not exist"))
        return None
    data, file_problems = load_yaml(path, label)
    problems.extend(file_problems)
    raw_files[label] = data
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(label, 1, "-", "a resolution file must hold one node (a mapping)"))
        return None
    return data


def load_site_data(data_dir: Path = DATA_DIR) -> tuple[SiteData, list[Problem]]:
    """Load every data file; return the data and the loading problems."""
    problems: list[Problem] = []
    raw_files: dict[str, object] = {}
    root_path = data_dir / "resolution" / "document.yaml"
    root_label = relative_label(root_path, data_dir)
    root_raw, root_problems = load_yaml(root_path, root_label)
    problems.extend(root_problems)
    raw_files[root_label] = root_raw
    seen = {root_label}
    root = None
    if isinstance(root_raw, dict):
        root = _build_tree(root_raw, None, data_dir, raw_files, problems, seen)
    # Without the root, every file would look "not included": report the root only.
    for orphan in sorted((data_dir / "resolution").glob("*.yaml")) if root is not None else []:
        label = relative_label(orphan, data_dir)
        if label not in seen:
            problems.append(Problem(label, 1, "-", "file is not included from document.yaml"))
    side = _load_flat_files({name: data_dir / f"{name}.yaml" for name in SIDE_FILES}, data_dir, raw_files, problems)
    i18n = _load_flat_files({lang: data_dir / "i18n" / f"{lang}.yaml" for lang in LANGUAGES}, data_dir, raw_files, problems)
    return SiteData(root, side, i18n, raw_files, data_dir), problems


def _load_flat_files(paths: dict[str, Path], data_dir, raw_files, problems) -> dict[str, LineDict]:
    """Load each named file; keep the ones that parsed."""
    loaded: dict[str, LineDict] = {}
    for name, path in paths.items():
        label = relative_label(path, data_dir)
        data, file_problems = load_yaml(path, label)
        problems.extend(file_problems)
        raw_files[label] = data
        if data is not None:
            loaded[name] = data
    return loaded


__all__ = ["Node", "SiteData", "load_site_data", "LineDict", "LineList", "LANGUAGES", "ROOT", "DATA_DIR"]
