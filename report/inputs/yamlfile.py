"""Safe YAML loading that remembers the line of every key, for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from report.inputs.text import read_text
from report.problems import Collector

Loc = tuple[str | int, ...]
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_TAG_MESSAGE = "tags such as !!python/object are not allowed; write plain values"
MAX_DEPTH = 100  # lists and mappings inside each other; a pack's files need five
MAX_ALIASED = 100_000  # values that aliases stand for, all told
_DEPTH_MESSAGE = (f"lists and mappings are nested more than {MAX_DEPTH} deep here; a pack "
                  "file needs only a few levels (is a bracket or the indentation wrong?)")
_ALIAS_MESSAGE = (f"aliases (*name) here stand for more than {MAX_ALIASED:,} values all told; "
                  "write the values out instead")


class PackLoader(yaml.SafeLoader):
    """SafeLoader: no Python objects, no file includes, just data."""


class FastPackLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, with libyaml's parser where PyYAML has it (its wheels do): about ten times
    faster. A file it cannot parse is parsed again by `PackLoader`, whose messages
    `_syntax` words for people, so they are the same on every machine."""


# Numbers as people write them, as YAML 1.2 reads them: decimal digits. YAML 1.1, which
# PyYAML follows, also reads `010` as octal 8, `0x55` as 85, `1:25` as 85 (base 60) and
# `1_000` as 1000: a target typed `010` became 8 without a word. Those are text here, and
# the schema refuses text where a number belongs; `010` is 10. Likewise only true and false
# are true and false: `yes`, `no`, `on`, `off` are words (a yes/no field still reads them,
# and a figure typed `yes` is refused as the word it is).
_DECIMAL_INT = re.compile(r"^[-+]?[0-9]+$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|"
                            r"^[-+]?[0-9]+[eE][-+]?[0-9]+$|^[-+]?\.(?:inf|Inf|INF)$|"
                            r"^\.(?:nan|NaN|NAN)$")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TRUE_FALSE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _decimal_int(loader, node) -> int:
    return int(loader.construct_scalar(node), 10)


for _loader in (PackLoader, FastPackLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in _NUMBER_TAGS and tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    _loader.add_implicit_resolver(_BOOL_TAG, _TRUE_FALSE, list("tTfF"))
    _loader.add_implicit_resolver(_NUMBER_TAGS[0], _DECIMAL_INT, list("-+0123456789"))
    _loader.add_implicit_resolver(_NUMBER_TAGS[1], _DECIMAL_FLOAT, list("-+0123456789."))
    _loader.add_constructor(_NUMBER_TAGS[0], _decimal_int)


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Loc, int]
    path: Path
    unreadable: frozenset[Loc] = frozenset()  # values already reported (read as None)

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
    merged: dict[int, int] = field(default_factory=dict)  # id(mapping node): merged pairs
    unreadable: set[Loc] = field(default_factory=set)


def load_yaml(path: Path, collector: Collector) -> YamlDocument | None:
    """Load one YAML file; problems go to the collector and None comes back."""
    text = read_text(path, collector)
    if text is None or _hidden_breaks(path, text, collector):
        return None
    for loader_class in (FastPackLoader, PackLoader):
        bounds = _beyond_bounds(text, loader_class)
        if bounds:
            collector.add(path, bounds[0], "", bounds[1])
            return None
        try:
            return _load(path, text, loader_class, collector)
        except yaml.YAMLError:
            continue  # FastPackLoader only: PackLoader says what is wrong
    return None


def _beyond_bounds(text: str, loader_class) -> tuple[int, str] | None:
    """The line and problem of a file nested deeper than `MAX_DEPTH` or whose aliases
    (`*name`, `<<: *name`) stand for more than `MAX_ALIASED` values, found from the
    parser's events before anything is built from them, so such a file costs a few
    milliseconds instead of the stack or the memory. Syntax errors are left to `_load`."""
    try:
        loader = loader_class(text)
    except yaml.YAMLError:
        return None
    sizes: dict[str, tuple[int, int]] = {}  # anchor: (values, depth) of what it stands for
    open_nodes: list[list] = [[None, 0, 0]]  # per open collection: anchor, values, depth below
    aliased = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_nodes.append([event.anchor, 1, 0])
                if len(open_nodes) - 1 > MAX_DEPTH:
                    return event.start_mark.line + 1, _DEPTH_MESSAGE
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, values, below = open_nodes.pop()
                size = (values, below + 1)
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, (1, 0)
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, sizes.get(event.anchor, (1, 0))
                aliased += size[0]
                if aliased > MAX_ALIASED:
                    return event.start_mark.line + 1, _ALIAS_MESSAGE
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            parent = open_nodes[-1]
            parent[1] += size[0]
            parent[2] = max(parent[2], size[1])
            if len(open_nodes) - 1 + size[1] > MAX_DEPTH:
                return event.start_mark.line + 1, _DEPTH_MESSAGE
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


# Line breaks to YAML, yet shown within a line by editors (NEL is what a Windows "…" becomes
# when read as Latin-1): YAML would read the rest of the line as a new one and blame it.
# Refused before parsing, so YAML's line numbers are always the editor's.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")


def _hidden_breaks(path: Path, text: str, collector: Collector) -> bool:
    """Each line break that editors do not show, said at its line and column (the first
    twenty); True if there was one."""
    hidden = list(_HIDDEN_BREAKS.finditer(text))
    for match in hidden[:20]:
        line, column = _line_and_column(text, match.start())
        collector.add(path, line, "", f"column {column} holds a line break editors do not "
                      f"show ({_shown(match.group())}), which YAML would read as the end of "
                      "the line; replace it with a space (or '...' if it was one)")
    return bool(hidden)


def _load(path: Path, text: str, loader_class, collector: Collector) -> YamlDocument | None:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        line, column = _line_and_column(text, exc.position)
        collector.add(path, line, "", f"column {column} holds a character YAML files may not "
                      f"contain ({_shown(exc.character)}); delete it")
        return None
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
    except RecursionError:  # only if the parsers disagree on where a deep file goes wrong
        collector.add(path, None, "", _DEPTH_MESSAGE)
        return None
    finally:
        loader.dispose()
    from report.inputs.messages import field_path

    for loc, line, message in state.problems:
        collector.add(path, line, field_path(loc, data), message)
    if any(message == _TAG_MESSAGE for _, _, message in state.problems):
        return None  # a file that tries tags is not read further
    return YamlDocument(data, state.lines, path, frozenset(state.unreadable))


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """The editor's line and column of the character at `position`."""
    ends = [m.end() for m in re.finditer(r"\r\n|[\r\n]", text[:position])]
    return len(ends) + 1, position - (ends[-1] if ends else 0) + 1


def _shown(character) -> str:
    if isinstance(character, int):
        character = chr(character)
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


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
    if isinstance(node, yaml.MappingNode):
        merged = _flatten(state, node)
        result: dict[Any, Any] = {}
        own: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = _scalar(state, key_node, loc)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)):
                state.problems.append((loc, key_line, "keys must be plain words or numbers"))
                continue
            key = str(key)
            here = loc + (key,)
            if index >= merged:  # a merged key is there to be set again; its own, once
                if key in own:
                    state.problems.append((here, key_line, "is given twice (keep one)"))
                own.add(key)
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
    return _scalar(state, node, loc)


def _scalar(state: _Build, node: yaml.Node, loc: Loc) -> Any:
    """The node's value; one that cannot be made (an unquoted 2019-02-30, a number of
    thousands of digits) is a problem at its line, not a crash."""
    try:
        return state.loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        if node.tag.endswith(("int", "float")) and isinstance(exc, OverflowError) or (
                isinstance(node.value, str) and len(node.value) > 4300):
            why = "is a number too long to read"
        elif node.tag.endswith(("int", "float")):
            why = f"is marked as a number ({node.tag.rsplit(':', 1)[-1]}) but is not one"
        elif node.tag.endswith("timestamp"):
            why = f"is not a real date ({exc})"
        else:
            why = f"cannot be read ({exc})"
        value = node.value if isinstance(node.value, str) else ""
        state.problems.append((loc, node.start_mark.line + 1,
                               f"'{value}' {why}; put it in quotes if it is text"))
        state.unreadable.add(loc)
        return None


def _flatten(state: _Build, node: yaml.MappingNode) -> int:
    """Put the pairs a merge key (`<<: *base`) brings in before the mapping's own, as
    YAML 1.1 says, and return how many there are: the mapping's own keys override them.
    An aliased mapping is visited again already flattened, so the count is kept."""
    if id(node) not in state.merged:
        own = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
        state.loader.flatten_mapping(node)
        state.merged[id(node)] = len(node.value) - own
    return state.merged[id(node)]
