"""How a request document marks what `collect` reads back: Word content controls.

Each measure's reference, each commentary section and the sign-off are content controls
(`w:sdt`) with a tag. The reference controls are locked (their words cannot be changed or
deleted in Word), the sections are locked against deletion only, so an owner writes freely
inside a section but cannot remove it, or the measure it belongs to, by accident. Headings
are only for the owner to read: collect never goes by a heading's words.
"""

from __future__ import annotations

import hashlib

from report.content import COMMENTARY_HEADING, SUMMARY_HEADINGS

PREFIX = "cabinet-pack"
HEADINGS = SUMMARY_HEADINGS + (COMMENTARY_HEADING,)
# A short key per heading, for the tags: Word keeps tags short.
SECTION_KEYS = dict(zip(HEADINGS, ("happened", "challenges", "went-well", "doing",
                                   "commentary")))
HEADING_OF = {key: heading for heading, key in SECTION_KEYS.items()}


def request_tag(data_period: str) -> str:
    """The whole document's: the data period (`2019-03`) it was made for."""
    return f"{PREFIX}:request:{data_period}"


def measure_tag(measure_id: str, headings: list[str]) -> str:
    """A measure's reference: its id and the sections it was asked for, so collect knows
    a section box that was deleted."""
    return f"{PREFIX}:measure:{measure_id}:{','.join(SECTION_KEYS[h] for h in headings)}"


def section_tag(measure_id: str, heading: str, markdown: str) -> str:
    """A section's: its measure, its heading and a digest of the text it was filled with,
    so collect can tell a section the owner left as it was."""
    return f"{PREFIX}:section:{measure_id}:{SECTION_KEYS[heading]}:{digest(markdown)}"


SIGNED_BY = f"{PREFIX}:signed-by"
SIGNED_ON = f"{PREFIX}:signed-on"


def digest(markdown: str) -> str:
    return hashlib.sha256(markdown.strip().encode("utf-8")).hexdigest()[:12]


def parse(tag: str) -> tuple[str, list[str]] | None:
    """("request", ["2019-03"]), ("measure", [id, keys]), ("section", [id, key, digest]),
    ("signed-by", []); None for a tag that is not the pack's."""
    parts = tag.split(":")
    if len(parts) < 2 or parts[0] != PREFIX:
        return None
    return parts[1], parts[2:]


# Bookmarks say the same again, for word processors that keep bookmarks but not content
# controls' tags when they save a .docx (LibreOffice 7.4 does so). A bookmark's name has
# at most 40 letters, digits and underscores.
BOOKMARK_LIMIT = 40


def request_mark(data_period: str) -> str:
    return f"cp_request_{data_period.replace('-', '_')}"


def measure_mark(number: int, measure_id: str, headings: list[str]) -> str:
    """`cp_m3_1f_dtoc`: the measure's place in the document, the sections asked (one bit
    each, in the pack's order) and its id, or a digest of a long id."""
    mask = sum(1 << HEADINGS.index(h) for h in headings)
    name = f"cp_m{number}_{mask:02x}_{measure_id}"
    if len(name) > BOOKMARK_LIMIT:
        name = f"cp_m{number}_{mask:02x}_h{id_digest(measure_id)}"
    return name


def id_digest(measure_id: str) -> str:
    return hashlib.sha256(measure_id.encode("utf-8")).hexdigest()[:16]


def section_mark(number: int, heading: str, markdown: str) -> str:
    return f"cp_s{number}_{HEADINGS.index(heading)}_{digest(markdown)}"
