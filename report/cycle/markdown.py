"""Commentary text as lines (paragraphs and list items), and those lines as the Markdown of a
commentary file.

The request documents are written from lines and read back into lines, so a section an
owner left alone comes back as the very Markdown it was filled with. What the owner typed
is content, never markup: every character the commentary reader would take as Markdown
(`#` or `-` or `1.` or `<` at the start of a line, `*`, `_`, `\\`) is written escaped, and
each paragraph is read back before it is kept; one whose bold or italic would not survive
is kept as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from report.content import Block, Para, Run
from report.cycle.wordtags import HEADINGS


@dataclass(frozen=True)
class Line:
    """A paragraph (level None) or a list item at a depth (0 the outermost)."""

    runs: tuple[Run, ...]
    level: int | None = None
    ordered: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Runs as the commentary reader gives them back: line breaks and tabs as spaces, the
    ends trimmed, blank runs unstyled, neighbours of one style joined."""
    cleaned = [Run(re.sub(r"[\t\n\r\v\f]", " ", r.text), r.bold, r.italic) for r in runs]
    cleaned = [r for r in cleaned if r.text]
    if cleaned:
        cleaned[0] = Run(cleaned[0].text.lstrip(), cleaned[0].bold, cleaned[0].italic)
        cleaned[-1] = Run(cleaned[-1].text.rstrip(), cleaned[-1].bold, cleaned[-1].italic)
    merged: list[Run] = []
    for run in cleaned:
        if not run.text:
            continue
        if not run.text.strip():
            run = Run(run.text)
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def lines_of(blocks: tuple[Block, ...], level: int | None = None) -> list[Line]:
    """A section's blocks (as the commentary reader parsed them) as lines."""
    out: list[Line] = []
    for block in blocks:
        if isinstance(block, Para):
            runs = tidy(list(block.runs))
            if runs:
                out.append(Line(runs, level))
            continue
        inner = 0 if level is None else level + 1
        for item in block.items:
            for part in item:
                if isinstance(part, Para):
                    runs = tidy(list(part.runs))
                    if runs:
                        out.append(Line(runs, inner, block.start is not None))
                else:
                    out += lines_of((part,), inner)
    return out


# --- writing ---------------------------------------------------------------------------
_LINE_START = re.compile(r"^(#|-|\+|<|\d{1,9}(?=[.)]))")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def _inline(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        text = _escape(run.text)
        marker = "*" * (2 * run.bold + run.italic)
        core = text.strip()
        if not marker or not core:
            parts.append(text)
            continue
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        parts.append(f"{lead}{marker}{core}{marker}{trail}")
    written = "".join(parts)
    match = _LINE_START.match(written)
    if match:
        end = match.end()
        if match[1][0].isdigit():
            written = written[:end] + "\\" + written[end:]
        else:
            written = "\\" + written
    return written


def paragraph_markdown(runs: tuple[Run, ...]) -> str:
    """One paragraph's Markdown, read back to be sure: bold or italic that the reader would
    not give back as written (a mark beside punctuation) is dropped, the words kept."""
    from report.inputs.commentary import parse_inline

    written = _inline(runs)
    if parse_inline(written).runs == runs:
        return written
    return _inline(tuple(tidy([Run(r.text) for r in runs])))


def section_markdown(lines: list[Line]) -> str:
    """A section's lines as Markdown: paragraphs apart, list items together, nested ones
    indented under their parent's text."""
    chunks: list[str] = []
    items: list[str] = []
    indents: list[int] = []  # the text column of the open item at each depth
    numbers: list[int] = []
    kinds: list[bool] = []
    for line in lines:
        if not line.runs:
            continue
        if line.level is None:
            if items:
                chunks.append("\n".join(items))
                items, indents, numbers, kinds = [], [], [], []
            chunks.append(paragraph_markdown(line.runs))
            continue
        level = min(line.level, len(indents))  # a list cannot skip a depth
        if level < len(kinds) and kinds[level] != line.ordered:
            numbers[level] = 0  # another kind of list at this depth starts afresh
        del indents[level + 1:], numbers[level + 1:], kinds[level + 1:]
        if level == len(indents):
            indents.append(0)
            numbers.append(0)
            kinds.append(line.ordered)
        kinds[level] = line.ordered
        numbers[level] += 1
        start = indents[level - 1] if level else 0
        marker = f"{numbers[level]}. " if line.ordered else "- "
        indents[level] = start + len(marker)
        items.append(" " * start + marker + paragraph_markdown(line.runs))
    if items:
        chunks.append("\n".join(items))
    return "\n\n".join(chunks)


def file_markdown(sections: dict[str, list[Line]]) -> str:
    """A whole commentary file: each section that has text under its heading, in the
    pack's order."""
    parts = []
    for heading in HEADINGS:
        text = section_markdown(sections.get(heading, []))
        if text:
            parts.append(f"## {heading}\n\n{text}\n")
    return "\n".join(parts)
