"""Safe YAML loading that remembers the line of every key, for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from report.problems import Collector

Loc = tuple[str | int, ...]


class PackLoader(yaml.SafeLoader):
    """SafeLoader: no Python objects, no file includes, just data."""


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


def load_yaml(path: Path, collector: Collector) -> YamlDocument | None:
    """Load one YAML file; problems go to the collector and None comes back."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        collector.add(path, None, "", "file is missing (every pack folder needs it)")
        return None
    except UnicodeDecodeError as exc:
        collector.add(path, None, "", f"is not UTF-8 text (byte {exc.start}); save it as UTF-8")
        return None
    loader = PackLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            collector.add(path, 1, "", "file is empty")
            return None
        lines: dict[Loc, int] = {(): node.start_mark.line + 1}
        data = _build(loader, node, (), lines, path, collector)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "could not be read"
        if "could not determine a constructor" in problem:
            problem = "tags such as !!python/object are not allowed; write plain values"
        collector.add(path, line, "", f"is not valid YAML: {problem}")
        return None
    except yaml.YAMLError as exc:
        collector.add(path, None, "", f"is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    return YamlDocument(data, lines, path)


def _build(loader: PackLoader, node: yaml.Node, loc: Loc, lines: dict[Loc, int],
           path: Path, collector: Collector) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)):
                collector.add(path, key_node.start_mark.line + 1, _dotted(loc),
                              "keys must be plain words or numbers")
                continue
            key = str(key)
            here = loc + (key,)
            if key in result:
                collector.add(path, key_node.start_mark.line + 1, _dotted(here),
                              "is given twice (keep one)")
            lines[here] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, here, lines, path, collector)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            here = loc + (index,)
            lines[here] = item.start_mark.line + 1
            items.append(_build(loader, item, here, lines, path, collector))
        return items
    return loader.construct_object(node, deep=True)


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
