"""Turn pydantic's validation errors into sentences a member of the information team reads."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

_TYPE_WORDS = {"list": "a list", "dict": "a set of name: value pairs",
               "model": "a set of name: value pairs", "string": "text", "float": "a number",
               "int": "a whole number", "bool": "true or false"}
_PATTERN_HELP = {
    r"^[a-z][a-z0-9_]*$": ("use lower-case letters, digits and _, starting with a letter, e.g. "
                           "direct_payments"),
    r"^\d{4}-(0[1-9]|1[0-2])$": "write a month as YYYY-MM, e.g. 2019-10",
}


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and (part in {"float", "int", "str", "bool", "none", "dict"} or
                                      "[" in part or part.startswith(("function-", "constrained-")))


def clean_loc(loc: tuple) -> tuple:
    return tuple(p for p in loc if not _is_union_tag(p))


def describe(error: dict, model: type[BaseModel] | None = None) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    quotable = isinstance(value, (str, int, float)) and not isinstance(value, bool)
    shown = f"'{value}'" if quotable else f"'{str(value).lower()}'" \
        if isinstance(value, bool) else ""
    if kind == "missing":
        return "is missing (this field is required)"
    if value is None and kind.endswith(("_type", "_parsing")):
        return "is empty (write a value)"
    if value == "" and kind in ("float_parsing", "float_type", "int_parsing"):
        return "is blank (every row needs a number here)"
    if kind == "extra_forbidden":
        return "is not a field this file knows" + _did_you_mean(error, model)
    if kind == "literal_error":
        return f"{shown or 'this value'} is not allowed (expected {ctx.get('expected')})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        help_text = _PATTERN_HELP.get(pattern, "see docs/inputs.md for the format")
        return f"{shown} is not valid ({help_text})"
    if kind == "finite_number":
        return f"{shown} must be a real number (not NaN or infinity)"
    if kind in ("float_parsing", "float_type"):
        return f"{shown or 'this'} is not a number (write digits, e.g. 9.49)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{shown or 'this'} is not a whole number"
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown or 'this'} is not true or false"
    if kind == "string_unicode":
        return "holds an escape that is no character (such as \\ud800); delete it"
    if kind == "string_too_short":
        return "is empty (write some text)"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return "needs at least one entry"
    if kind == "too_long":
        return (f"has more than {ctx.get('max_length'):,} entries, more than a printed pack "
                "can carry (is it the right file?)")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"{shown} must be {words} {bound}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind.endswith("_type"):
        wanted = _TYPE_WORDS.get(kind[:-5], kind[:-5])
        return f"should be {wanted}"
    return error["msg"]


def _did_you_mean(error: dict, model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    fields = _fields_at(model, clean_loc(error["loc"])[:-1])
    name = str(error["loc"][-1])
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known fields: {', '.join(sorted(fields))})" if fields else ""


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model reached by walking `loc` from `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            continue  # a dict key such as status_overrides.<measure>: same model
        current = _inner_model(info.annotation) or current
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def field_path(loc: tuple, data: Any) -> str:
    """`measures[dtoc].polarity`: list items are named by their id where they have one."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            name = item.get("id") if isinstance(item, dict) else None
            out += f"[{name}]" if isinstance(name, str) and name else f"[{part + 1}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def errors_of(exc: ValidationError) -> list[dict]:
    """Errors with union member names taken out of the location, one per location."""
    seen: dict[tuple, dict] = {}
    for error in exc.errors(include_url=False):
        loc = clean_loc(error["loc"])
        error = {**error, "loc": loc}
        if loc not in seen:
            seen[loc] = error
    # A union (number, or a profile of numbers) fails on every branch; the deepest
    # location says what is really wrong, so drop the errors it lies under.
    return [e for loc, e in seen.items()
            if not any(other[:len(loc)] == loc and other != loc for other in seen)]
