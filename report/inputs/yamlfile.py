"""Safe YAML loading that remembers the line of every key, for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from report.inputs.text import decode
from report.problems import Collector

Loc = tuple[str | int, ...]
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_TAG_MESSAGE = "tags such as !!python/object are not allowed; write plain values"


class PackLoader(yaml.SafeLoader):
    """SafeLoader: no Python objects, no file includes, just data."""


class FastPackLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, with libyaml's parser where PyYAML has it (its wheels do): about ten times
    faster. A file it cannot parse is parsed again by `PackLoader`, whose messages
    `_syntax` words for people, so they are the same on every machine."""


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Loc, int]
    path: Path

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest known key on the path ``loc``."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


@dataclass
class _Build:
    loader: yaml.SafeLoader | FastPackLoader
    path: Path
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[tuple[Loc, int, str]] = field(default_factory=list)


def load_yaml(path: Path, collector: Collector) -> YamlDocument | None:
    """Load one YAML file; problems go to the collector and None comes back."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        collector.add(path, None, "", "file is missing (every pack folder needs it)")
        return None
    text = decode(path, raw, collector)
    if text is None:
        return None
    try:
        return _load(path, text, FastPackLoader, collector)
    except yaml.YAMLError:
        return _load(path, text, PackLoader, collector)


def _load(path: Path, text: str, loader_class, collector: Collector) -> YamlDocument | None:
    loader = loader_class(text)
    state = _Build(loader, path)
    try:
        node = loader.get_single_node()
        if node is None:
            collector.add(path, 1, "", "file is empty")
            return None
        state.lines[()] = node.start_mark.line + 1
        data = _build(state, node, ())
    except yaml.MarkedYAMLError as exc:
        if loader_class is not PackLoader:
            raise
        line, message = _syntax(exc, text)
        collector.add(path, line, _key_on(text, line), message)
        return None
    except yaml.YAMLError as exc:
        if loader_class is not PackLoader:
            raise
        collector.add(path, None, "", f"is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    from report.inputs.messages import field_path

    for loc, line, message in state.problems:
        collector.add(path, line, field_path(loc, data), message)
    if any(message == _TAG_MESSAGE for _, _, message in state.problems):
        return None  # a file that tries tags is not read further
    return YamlDocument(data, state.lines, path)


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """The YAML library's complaint in the words of someone editing the file."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    if "quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark.line + 1, "a quote is opened here but never closed"
    lines = text.splitlines()
    for candidate in (line - 1, line) if line else ():
        if 1 <= candidate <= len(lines):
            body = lines[candidate - 1].split(" #")[0]
            if body.count('"') % 2 or (body.count("'") % 2 and ": '" in body):
                return candidate, "a quote is opened on this line but never closed"
    if "\\t" in problem or "\t" in problem:
        return line, "a tab is used for indenting; indent with spaces instead"
    if "mapping values are not allowed" in problem:
        return line, ("this value contains ': '; put the whole value in quotes, "
                      'e.g. short_name: "DToC: Total"')
    if "could not determine a constructor" in problem:
        return line, _TAG_MESSAGE
    if "found character" in problem and "cannot start any token" in problem:
        return line, f"is not valid YAML: {problem} (put the value in quotes)"
    return line, (f"is not valid YAML here ({problem or context}); check the indentation, "
                  "quotes and colons on this line and the one before")


def _key_on(text: str, line: int | None) -> str:
    if not line:
        return ""
    lines = text.splitlines()
    if line > len(lines):
        return ""
    match = re.match(r"\s*(?:-\s*)?([A-Za-z_][\w-]*)\s*:", lines[line - 1])
    return match[1] if match else ""


def _build(state: _Build, node: yaml.Node, loc: Loc) -> Any:
    line = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        state.problems.append((loc, line, _TAG_MESSAGE))
        return None
    loader = state.loader
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)):
                state.problems.append((loc, key_line, "keys must be plain words or numbers"))
                continue
            key = str(key)
            here = loc + (key,)
            if key in result:
                state.problems.append((here, key_line, "is given twice (keep one)"))
            state.lines[here] = key_line
            result[key] = _build(state, value_node, here)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            here = loc + (index,)
            state.lines[here] = item.start_mark.line + 1
            items.append(_build(state, item, here))
        return items
    return loader.construct_object(node, deep=True)
