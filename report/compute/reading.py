"""One reading of each measure: status, direction of travel, SPC and quartile together,
and where they disagree.

Each reading on its own can mislead: a GREEN status can sit on a process that is getting
worse, a RED one on a process that is improving and will soon meet the target. The pack
says all of them in one line and flags each disagreement, so the summary can open with
the points a councillor should note. The commentary is read for the words it uses about
the change (improved, worsened, increased, decreased) and flagged when they go against
the computed direction of travel or SPC; the sentence is quoted, so a reader can judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from report.compute.spc import ICON_WORDS
from report.content import plain_text

_ASSURANCE = {"pass": "passes the target", "fail": "fails the target",
              "hit_and_miss": "hit and miss on the target"}

# Commentary words and what they claim: (direction, colour) of the change they say
CLAIMS = {"improved": (None, "Green"), "worsened": (None, "Red"),
          "increased": ("Up", None), "decreased": ("Down", None)}
_CLAIM = re.compile(r"\b(" + "|".join(CLAIMS) + r")\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]*\b(?:" + "|".join(CLAIMS) + r")\b[^.!?\n]*[.!?]?",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    kind: str  # green_concern, red_improving, green_failing, top_quartile_red, commentary
    text: str  # the disagreement in words, as the pack prints it


@dataclass(frozen=True)
class Reading:
    line: str  # "RED against the 7.95 target; Up (Red) 1.6%; SPC improvement, lower; …"
    flags: tuple[Flag, ...] = ()


def reading(m) -> Reading:
    spc = m.spc
    parts = [_status(m)]
    if m.change_text:
        parts.append(m.change_text)
    if spc is not None and spc.variation:
        side = {"H": ", higher", "L": ", lower"}.get(spc.variation_letter, "")
        parts.append(f"SPC {ICON_WORDS[spc.variation].lower()}{side}")
        if spc.assurance:
            parts.append(_ASSURANCE[spc.assurance])
        elif spc.shift is not None and spc.assurance_withheld:
            parts.append(f"moved {spc.shift.way} since {spc.shift.start_label}, limits due "
                         "to be recalculated")
        elif spc.assurance_withheld:
            parts.append("latest point beyond the limits, too soon for an assurance")
    elif spc is not None and spc.icons_reason:
        parts.append(f"no SPC icons ({spc.icons_reason})")
    if m.quartiles is not None:
        parts.append(f"{m.quartiles.current} national quartile")
    return Reading("; ".join(parts), tuple(_flags(m)))


def _status(m) -> str:
    if m.status is None:
        return "No status" if m.status_basis != "context" else "A context measure"
    if m.status_basis == "target":
        return f"{m.status} against the {m.target_short} target"
    return f"{m.status} ({m.status_basis})"


def _flags(m) -> list[Flag]:
    spc = m.spc
    variation = spc.variation if spc is not None else None
    sort = variation.split("_", 1)[0] if variation else None  # improvement, concern, …
    flags = []
    if m.status == "GREEN" and sort == "concern":
        flags.append(Flag("green_concern", f"GREEN, but the latest point is a special cause "
                                           f"concern: {spc.variation_reason}"))
    if m.status == "RED" and sort == "improvement":
        flags.append(Flag("red_improving", f"RED, but the process is improving"
                                           f": {spc.variation_reason}"))
    if m.status == "GREEN" and spc is not None and spc.assurance == "fail":
        flags.append(Flag("green_failing", f"GREEN this period, but the process as it runs "
                                           f"will not meet the target: {spc.assurance_reason}"))
    if m.status == "RED" and m.quartiles is not None and m.quartiles.current == "1st":
        flags.append(Flag("top_quartile_red", "RED against the local target, yet in the top "
                                              "national quartile"))
    flags += _commentary(m, sort)
    return flags


def _commentary(m, sort: str | None) -> list[Flag]:
    """A word in the commentary that goes against the direction of travel or SPC."""
    text = "\n".join(plain_text(blocks) for blocks in m.commentary.values())
    flags = []
    for sentence in _SENTENCE.finditer(text):
        word = _CLAIM.search(sentence.group()).group(1).lower()
        direction, colour = CLAIMS[word]
        against = []
        if direction and m.direction and m.direction != direction:
            against.append(f"the direction of travel is {m.change_heading}")
        if colour and m.direction_colour and m.direction_colour != colour:
            against.append(f"the direction of travel is {m.change_heading}")
        if colour == "Green" and sort == "concern" or colour == "Red" and sort == "improvement":
            against.append(f"SPC shows {m.spc.variation_text.lower()}")
        if against:
            quoted = " ".join(sentence.group().split())
            flags.append(Flag("commentary", f"the commentary says \u201c{quoted}\u201d, but "
                                            + " and ".join(against)))
    return flags
