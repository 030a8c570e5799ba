"""Month and quarter names in text that disagree with the data period: words left from
last month's pack.

Text rolled on from last month names last month ("at the end of March" beside the April
figure, "Q3" in a Q4 pack). Text written this month may name last month too, to compare
("up from 9.34 in March"), but then it names this month as well. So a passage is flagged
when it names the period before one it should be about and none it should be about. A
month with its year ("by March 2020") is taken as meant unless that year makes it last
month. A sentence that names last month to compare or correct ("up from", "since",
"was recalculated") is taken as meant too, and so is a month or quarter given with its
year in a sentence of history: after a word that says something happened then ("started
in March 2019", "was launched on 4 March 2019", "opened in Q3 2018/19"). Each passage is
checked alone: a commentary section, a YAML text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from report.periods import MONTH_NAMES, Period

_NAMES = "|".join(MONTH_NAMES + [n[:3] for n in MONTH_NAMES if n != "May"] + ["Sept"])
_MONTH = re.compile(rf"\b(?P<name>{_NAMES})\b(?:[ -](?P<year>\d{{4}}))?(?!\d)")
_QUARTER = re.compile(r"\b(?:(?P<before>\d{4}/\d{2}) )?Q(?P<n>[1-4])\b(?: (?P<after>\d{4}/\d{2}))?")


_BEFORE = re.compile(r"\b(from|since|compared with|against)\s+(the\s+)?(end\s+of\s+)?$",
                     re.IGNORECASE)
_AFTER = re.compile(r"^(\s+\S+){0,3}?\s+(was|were|has been|have been|is)\s+"
                    r"(recalculated|revised|corrected)\b", re.IGNORECASE)


# Words that date an event: with the period's year after them, the passage is history
# ("started in March 2019"), not last month's report ("at the end of March 2019").
_HISTORY = re.compile(r"\b(started|starts|began|begun|opened|launched|introduced|ended|closed|"
                      r"finished|went live|came into (force|effect)|took effect|set up|"
                      r"established|created|agreed|approved|published|appointed|commissioned|"
                      r"signed|registered|inspected|merged|moved)\b(\s+[\w,]+){0,3}?\s+$",
                      re.IGNORECASE)


def _history(text: str, start: int) -> bool:
    """Whether a period given with its year follows, in its own sentence, a word dating an
    event: "the service started in", "was launched on 4"."""
    before = text[max(0, start - 60):start]
    sentence = re.split(r"[.!?;:]\s", before)[-1]
    return bool(_HISTORY.search(sentence))


def _compares(text: str, start: int, end: int) -> bool:
    """Whether the words around a mention compare with it or correct it: "up from March",
    "since Q3", "the March figure was revised"."""
    return bool(_BEFORE.search(text[max(0, start - 40):start])
                or _AFTER.match(text[end:end + 60]))


@dataclass(frozen=True)
class Mention:
    word: str   # as written: "March", "Q3 2018/19"
    offset: int  # in the passage
    end: int


def _month_mentions(text: str):
    for m in _MONTH.finditer(text):
        number = next(i for i, n in enumerate(MONTH_NAMES, 1) if n.startswith(m["name"][:3]))
        yield Mention(m[0], m.start(), m.end()), number, int(m["year"]) if m["year"] else None


def _quarter_mentions(text: str):
    for m in _QUARTER.finditer(text):
        year = m["before"] or m["after"]
        yield Mention(m[0], m.start(), m.end()), int(m["n"]), year


def stale_words(text: str, current: set[Period], quarters: set[Period]) -> list[Mention]:
    """The words of `text` naming the month before one of `current` (months) or the quarter
    before one of `quarters`, when `text` names none of them: at most one per kind."""
    found = []
    before = {p.shift(-1) for p in current} - current
    months = list(_month_mentions(text))

    def month_is(period: Period, number: int, year: int | None) -> bool:
        return period.month_number == number and year in (None, period.year)

    if not any(month_is(p, n, y) for p in current for _, n, y in months):
        stale = [m for m, n, y in months if any(month_is(p, n, y) for p in before)
                 and not _compares(text, m.offset, m.end)
                 and not (y is not None and _history(text, m.offset))]
        found += stale[:1]
    earlier = {q.shift(-1) for q in quarters} - quarters
    named = list(_quarter_mentions(text))

    def quarter_is(period: Period, number: int, year: str | None) -> bool:
        return period.quarter == number and year in (None, period.fy_label)

    if not any(quarter_is(q, n, y) for q in quarters for _, n, y in named):
        stale = [m for m, n, y in named if any(quarter_is(q, n, y) for q in earlier)
                 and not _compares(text, m.offset, m.end)
                 and not (y is not None and _history(text, m.offset))]
        found += stale[:1]
    return sorted(found, key=lambda m: m.offset)


def pack_periods(data_period: Period) -> tuple[set[Period], set[Period]]:
    """The months and quarters text about the pack as a whole should name: the data month;
    its quarter and the latest complete one (Q4 in an April pack)."""
    return {data_period}, {data_period.latest_complete("quarterly"),
                           _quarter_of(data_period)}


def measure_periods(data_period: Period, latest: Period | None) -> tuple[set[Period], set[Period]]:
    """What a measure's commentary may be about: the pack's periods and the measure's own
    latest period (February data in a March pack, for a measure a month behind)."""
    months, quarters = pack_periods(data_period)
    if latest is not None:
        months.add(Period(latest.end, "monthly"))
        if latest.frequency == "quarterly":
            quarters.add(latest)
    return months, quarters


def _quarter_of(month: Period) -> Period:
    """The quarter a month falls in (its end may be after the month)."""
    return Period(month.end + (3 - month.month_of_quarter), "quarterly")
