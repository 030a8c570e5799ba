"""What a measure's numbers count, in the words a chart's axis prints: "%", "people",
"beds per 100,000 18+ population".

A chart on paper must say what its numbers are. The words come from the measure itself:
`unit_text` in measures.yaml when the information team gives it, else they are read off
the measure's kind and title by one general rule:

- a percentage is "%";
- a count is the thing counted, the head noun of the title's "number of …" phrase
  ("Number of new contacts received by …" → "contacts");
- a rate is the thing counted and its base, both from the title ("Long-term admissions
  to residential and nursing care per 100,000 population aged 65+" → "admissions per
  100,000 population aged 65+"), or from `rate_per` when the title names no base;
- days and scores are "days" and "score".
"""

from __future__ import annotations

import re

# Words that end a noun phrase: what follows them describes the thing, it is not the thing.
_PHRASE_ENDS = frozenset(
    "who whom whose which that where when whilst while with without within in into on at "
    "by for from to during per under over since after before between among against as "
    "and or than".split())

_RATE_BASE = re.compile(r"\bper\s+(\d[\d,]*(?:\.\d+)?)(?:\s+([^(),;:]*))?", re.IGNORECASE)
LONGEST = 60  # characters: as long as a given unit_text may be
_NUMBER_OF = re.compile(r"\bnumber of\s+(.+)", re.IGNORECASE)


def unit_text(unit: str, title: str, given: str | None = None,
              rate_per: int | None = None) -> str:
    """The unit's words for a chart axis and its alt text (see the module's docstring)."""
    if given:
        return given
    if unit == "percent":
        return "%"
    if unit == "count":
        counted = _NUMBER_OF.search(title)
        return _head_noun(counted.group(1)) if counted else "number"
    if unit == "rate":
        return _rate_words(title, rate_per)
    return {"days": "days", "score": "score"}.get(unit, unit)


def _head_noun(phrase: str) -> str:
    """The last word before the phrase ends: at a relative word or preposition, or at a
    participle after a plural ("new contacts received by …" → "contacts", "people who
    have …" → "people", "delayed beds per day" → "beds"); "of" joins a name's words
    ("Deprivation of Liberty Safeguards applications completed …" → "applications")."""
    words = re.findall(r"[\w'+-]+", phrase)
    head: list[str] = []
    for word in words:
        lower = word.lower()
        participle = re.search(r"\w(ed|ing)$", lower) and head and _plural(head[-1])
        if head and (lower in _PHRASE_ENDS or participle):
            break
        head.append(word)
    while len(head) > 1 and re.search(r"\w(ed|ing)$", head[-1].lower()):
        head.pop()  # "care delivered per …": what was done to it is not the thing
    noun = head[-1] if head else "number"
    return noun if sum(c.isupper() for c in noun) > 1 else noun.lower()


def _plural(word: str) -> bool:
    lower = word.lower()
    return (lower.endswith("s") and not lower.endswith("ss")) or lower in _PLURALS


_PLURALS = frozenset({"people", "children", "men", "women", "staff"})


def _rate_words(title: str, rate_per: int | None) -> str:
    """"beds per 100,000 18+ population": the title's counted thing and its last
    "per <number> …" base, up to any bracket."""
    bases = list(_RATE_BASE.finditer(title))
    before = title[:bases[0].start()] if bases else ""
    counted = _head_noun(before) if before.strip() else ""
    if bases:
        base = bases[-1]
        words = " ".join(part for part in (base.group(1), (base.group(2) or "").strip()) if part)
        per = f"per {words}"
    elif rate_per:
        per = f"per {rate_per:,}"
    else:
        return "rate"
    whole = f"{counted} {per}" if counted and counted != "number" else per
    if len(whole) <= LONGEST:
        return whole
    return per if len(per) <= LONGEST else f"per {base.group(1)}"
