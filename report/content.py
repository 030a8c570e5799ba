"""Commentary content as plain data: paragraphs of styled runs and (nested) bullet lists.

Inputs produce it, layout turns it into flowables; neither side sees the other's types.
"""

from __future__ import annotations

from dataclasses import dataclass

# The commentary files' sections: the summary's headed lists, then the measure page's text.
SUMMARY_HEADINGS = ("What happened", "What were the challenges", "What went well",
                    "What we are doing")
COMMENTARY_HEADING = "Commentary"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Bullets:
    """A list: bulleted, or numbered from `start` ("1." …), as the commentary wrote it."""

    items: tuple[tuple[Block, ...], ...]
    start: int | None = None  # the first item's number, for a numbered list


Block = Para | Bullets


def plain_text(blocks: tuple[Block, ...]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        else:
            parts.extend(plain_text(item) for item in block.items)
    return "\n".join(parts)
