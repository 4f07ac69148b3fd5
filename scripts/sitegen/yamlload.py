"""YAML loading that remembers where things came from.

In: a YAML file path. Out: plain dicts/lists (subclasses) that carry the
1-based line of every mapping and of each of its keys, so that validation
can report `data/FILE:LINE: id: message`. Syntax errors and duplicate keys
become `Problem`s instead of tracebacks.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, order=True)
class Problem:
    """One validation finding, printed as `file:line: id: message`."""

    file: str
    line: int
    node_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.node_id}: {self.message}"


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    file: str = "?"
    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict = {}

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    file: str = "?"
    line: int = 0


# libyaml's parser when PyYAML has it (several times faster: every build and every
# `mkdocs serve` rebuild parses data/), the pure-Python one otherwise; both keep marks.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """SafeLoader that builds LineDict/LineList and records duplicate keys."""

    def __init__(self, stream, file_label: str):
        super().__init__(stream)
        self.file_label = file_label
        self.duplicates: list[tuple[int, object]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.file = loader.file_label
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            loader.duplicates.append((key_node.start_mark.line + 1, key))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    seq = LineList(loader.construct_object(child, deep=True) for child in node.value)
    seq.file = loader.file_label
    seq.line = node.start_mark.line + 1
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, label: str) -> tuple[object | None, list[Problem]]:
    """Parse one YAML file; return (data or None, problems)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(label, 1, "-", f"cannot read file: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(label, line, "-", f"not UTF-8 (byte 0x{raw[error.start]:02x} at line {line})")]
    loader = _LineLoader(text, label)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(label, line, "-", f"YAML syntax error: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(label, 1, "-", f"YAML syntax error: {error}")]
    finally:
        loader.dispose()
    problems = [
        Problem(label, line, "-", f"duplicate key {key!r} (the later value silently wins)")
        for line, key in loader.duplicates
    ]
    return data, problems
