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

from report.compute.format import value
from report.compute.rules import direction_of_travel
from report.compute.spc import ICON_WORDS
from report.content import plain_text
from report.periods import LENGTH, MONTH_NAMES, Period

_ASSURANCE = {"pass": "passes the target", "fail": "fails the target",
              "hit_and_miss": "hit and miss on the target"}

# Commentary words and what they claim: (direction, colour) of the change they say
CLAIMS = {"improved": (None, "Green"), "worsened": (None, "Red"),
          "increased": ("Up", None), "decreased": ("Down", None)}
_CLAIM = re.compile(r"\b(" + "|".join(CLAIMS) + r")\b", re.IGNORECASE)
# A sentence: up to its full stop (or the line's end). Each is read once for a claim word;
# one pattern that found sentences holding a claim would try every place in a long
# sentence that has none.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?]?")  # "9.49" is no sentence's end


@dataclass(frozen=True)
class Flag:
    kind: str  # green_concern, red_improving, green_failing, top_quartile_red, commentary
    text: str  # the disagreement in words, as the pack prints it

    @property
    def brief(self) -> str:
        """As the measure page says it, beside the SPC icons' row that gives the reason:
        "RED, but the process is improving" (the points to note give it whole)."""
        if self.kind in ("green_concern", "red_improving", "green_failing"):
            return self.text.split(": ", 1)[0]
        return self.text


@dataclass(frozen=True)
class Reading:
    line: str  # "RED against the 7.95 target; Up (Red) 1.6%; SPC improvement, lower; …"
    flags: tuple[Flag, ...] = ()


def reading(m) -> Reading:
    spc = m.spc
    parts = [_status(m)]
    if m.change.text:
        parts.append(m.change.text)
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
    if m.benchmarks.quartiles is not None:
        parts.append(f"{m.benchmarks.quartiles.current} national quartile")
    return Reading("; ".join(parts), tuple(_flags(m)))


def _status(m) -> str:
    if m.status.word is None:
        return "No status" if m.status.basis != "context" else "A context measure"
    if m.status.basis == "target":
        return f"{m.status.word} against the {m.target.short} target"
    return f"{m.status.word} ({m.status.basis})"


def _flags(m) -> list[Flag]:
    spc = m.spc
    variation = spc.variation if spc is not None else None
    sort = variation.split("_", 1)[0] if variation else None  # improvement, concern, …
    flags = []
    if m.status.word == "GREEN" and sort == "concern":
        flags.append(Flag("green_concern", f"GREEN, but the latest point is a special cause "
                                           f"concern: {spc.variation_reason}"))
    if m.status.word == "RED" and sort == "improvement":
        flags.append(Flag("red_improving", f"RED, but the process is improving"
                                           f": {spc.variation_reason}"))
    if m.status.word == "GREEN" and spc is not None and spc.assurance == "fail":
        flags.append(Flag("green_failing", f"GREEN this period, but the process as it runs "
                                           f"will not meet the target: {spc.assurance_reason}"))
    quartiles = m.benchmarks.quartiles
    if m.status.word == "RED" and quartiles is not None and quartiles.current == "1st":
        flags.append(Flag("top_quartile_red", "RED against the local target, yet in the top "
                                              "national quartile"))
    flags += _commentary(m, sort)
    flags += _target_claims(m)
    return flags


def _commentary(m, sort: str | None) -> list[Flag]:
    """A word in the commentary that goes against the direction of travel or SPC, in a
    sentence about the measure itself: "referrals increased" says nothing about an
    employment rate that fell."""
    terms = measure_terms(m)
    flags = []
    for sentence in _sentences(m):
        claim = next((c for c in _CLAIM.finditer(sentence.group())
                      if about_measure(sentence.group(), c, terms)), None)
        if claim is None:
            continue
        direction, colour = CLAIMS[claim.group(1).lower()]
        basis = compared_with(sentence.group(), m)
        if basis is None:  # a span the pack has no one figure for ("this year"): unread
            continue
        against = []
        if basis is LAST_PERIOD:
            change, said = m.change, f"the direction of travel is {m.change.heading}"
            if colour == "Green" and sort == "concern" or (colour == "Red"
                                                            and sort == "improvement"):
                against.append(f"SPC shows {m.spc.variation_text.lower()}")
        else:
            change, said = basis
        if (direction and change.direction and change.direction != direction
                or colour and change.colour and change.colour != colour):
            against.insert(0, said)
        if against:
            flags.append(_said(sentence.group(), " and ".join(against)))
    return flags


def _sentences(m):
    """The measure's commentary, every section, sentence by sentence (matches)."""
    return _SENTENCE.finditer("\n".join(plain_text(blocks) for blocks in m.commentary.values()))


def _said(sentence: str, but: str) -> Flag:
    """A sentence of the commentary that the figures go against, quoted, and why."""
    quoted = " ".join(sentence.split())
    return Flag("commentary", f"the commentary says \u201c{quoted}\u201d, but {but}")


# -- what the commentary says of the target -------------------------------------------------
# "meeting our target", "this meets the 85% target"; "missed the target", "short of the 7%
# target", "we have not met the target": said of the latest figure's target. A year-end
# target is another figure, and "to meet" or "will meet" is a plan, not a claim.
_TARGET_WORDS = r"(?:\s+[\w%.,-]+){0,4}?\s+target\b"
_MET = re.compile(r"\b(met|meets|meeting|achieved|achieves|achieving|exceeded|exceeds|"
                  r"exceeding)" + _TARGET_WORDS, re.IGNORECASE)
_MISSED = re.compile(r"\b(?:missed|misses|missing|short\s+of|fell\s+short\s+of|"
                     r"falls\s+short\s+of)" + _TARGET_WORDS, re.IGNORECASE)
_NOT = re.compile(r"\b(?:not|never|yet\s+to|failed\s+to|fails\s+to|unable\s+to)\b|n't\b",
                  re.IGNORECASE)
_PLAN = re.compile(r"\b(?:to|will|would|could|should|may|might|expect|expects|aim|aims|plan|"
                   r"plans|hope|hopes|likely|track)\s*$", re.IGNORECASE)
_YEAR_END = re.compile(r"year[\s-]+end|end[\s-]+of[\s-]+(?:the\s+)?year|\beoy\b", re.IGNORECASE)


def _target_claims(m) -> list[Flag]:
    """A sentence saying the target is met where the status says it is missed, or the
    other way round."""
    if m.status.basis != "target" or m.status.word is None:
        return []
    flags = []
    for sentence in _sentences(m):
        said = sentence.group()
        claims = []
        for found in _MET.finditer(said):
            before = _CLAUSE.split(said[:found.start()])[-1]
            if _YEAR_END.search(found.group()) or _PLAN.search(before):
                continue
            claims.append(not _NOT.search(" ".join(before.split()[-3:])))
        for found in _MISSED.finditer(said):
            if not _YEAR_END.search(found.group()):
                claims.append(False)
        if not claims or len(set(claims)) > 1:  # none, or both: nothing clear to check
            continue
        met = claims[0]
        if met != (m.status.word == "GREEN"):
            flags.append(_said(said, f"the status is {m.status.word} ({m.latest.text} "
                                     f"against the {m.target.short} target)"))
    return flags


# -- what a sentence's change is measured from ----------------------------------------------
LAST_PERIOD = "last period"  # the direction of travel's: the period before the latest
# "much improved on last year": against the same period a year earlier
_YEAR_AGO = re.compile(r"\b(?:(?:last|previous|prior)\s+year|the\s+year\s+before|"
                       r"a\s+year\s+(?:ago|earlier|before)|year[\s-]+on[\s-]+year|"
                       r"(?:twelve|12)\s+months\s+(?:ago|earlier|before))\b", re.IGNORECASE)
# "increased since June 2018": against that month
_SINCE_MONTH = re.compile(r"\b(?:since|from)\s+(" + "|".join(MONTH_NAMES) + r")\s+(\d{4})\b",
                          re.IGNORECASE)
# any other span of time: over the year, since April, in 2017/18, over the last three months
# (a month or quarter is the latest one: "during the quarter" is the direction of travel's)
_OTHER_SPAN = re.compile(r"\b(?:since|(?:over|during|across|through)\s+the\s+"
                         r"(?!(?:latest\s+|last\s+)?(?:month|quarter)\b)|"
                         r"this\s+(?:financial\s+)?year|(?:last|past)\s+(?:few|two|three|four|"
                         r"five|six|\d+)\s+\w+|(?:19|20)\d\d/\d\d)\b", re.IGNORECASE)


def compared_with(sentence: str, m):
    """What the change a sentence claims is measured from: `LAST_PERIOD` where it names no
    other span (the direction of travel's), else (the change against the period it
    names, what to say of it), or None for a span the pack holds no single figure for
    ("over the year", "since April"), which is not read against any figure."""
    year = _YEAR_AGO.search(sentence)
    since = _SINCE_MONTH.search(sentence)
    if year is None and since is None:
        return None if _OTHER_SPAN.search(sentence) else LAST_PERIOD
    latest = Period.parse(m.latest.period)
    if year is not None:
        then = latest.shift(-(12 // LENGTH[latest.frequency]))
    elif latest.frequency == "monthly":
        then = Period.month(int(since.group(2)), MONTH_NAMES.index(since.group(1).title()) + 1)
    else:
        return None
    values = {p.period: p.value for p in m.spc.points} if m.spc is not None else {}
    values |= {p.period: p.reported if p.reported is not None else p.value
               for p in m.trend.points if p.value is not None}
    before = values.get(then.code)
    if before is None or then.code == m.latest.period:
        return None
    change = direction_of_travel(m.latest.value, before, m.polarity, m.unit == "percent",
                                 m.decimals)
    if change.direction == "Static":
        heading = "unchanged"
    else:
        heading = change.direction + (f" ({change.colour})" if change.colour else "")
    shown = [f"{value(v, m.unit, m.decimals)} in {label}"
             for v, label in ((m.latest.value, m.latest.label), (before, then.long))]
    return change, f"against {then.long} the figure is {heading}: {shown[0]}, {shown[1]}"


# -- what a sentence's change word is about ------------------------------------------------
# Where a clause starts: the change word's subject is in the same clause, before it.
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\b(?:and|but|while|whilst|whereas|although|though|"
                     r"because|so|which|that|when|after|before|since|as)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9+%]+(?:'[a-z]+)?")
# Between a subject and its verb ("the position is much improved"), or before a noun.
_LINKING = frozenset("is are was were be been being has have had much greatly slightly "
                     "significantly further also now again not steadily sharply".split())
_DETERMINERS = frozenset("the a an our its this these those their".split())
_PREPOSITIONS = frozenset("of from in on at for to with by among across within into "
                          "through per over under between during".split())
# Words that stand for the measure itself ("it", "the figure", "performance"); with an
# "of …" after them the words after say what they are ("the number of referrals").
GENERIC = frozenset("it this figure figures measure performance rate proportion percentage "
                    "number total position level outturn value result indicator score "
                    "trend share".split())
# Title words that name no particular thing: not enough, alone, to tie a sentence to it.
_COMMON = frozenset("of the a an and or in on at for to with by per who which from as all "
                    "their people adults adult aged population month end year day daily "
                    "average new more less".split()) | GENERIC


def _stem(word: str) -> str:
    word = word.lower().split("'")[0]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


def measure_terms(m) -> frozenset[str]:
    """The words that name the measure: from its title, short name and unit."""
    words = _WORD.findall(" ".join((m.title, m.short_name, m.unit_text or "")))
    return frozenset(_stem(w) for w in words
                     if w.lower() not in _COMMON and not w[0].isdigit() and len(w) > 1)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def about_measure(sentence: str, claim: re.Match, terms: frozenset[str]) -> bool:
    """Whether the change word at `claim` is said of the measure: its subject (the words
    before it in its clause, or the noun after it: "increased demand") is a word that
    stands for the measure, or names it (its title, short name or unit)."""
    before = _CLAUSE.split(sentence[:claim.start()])[-1]
    words = _words(before)
    while words and words[-1] in _LINKING:
        words.pop()
    while words and words[0] in _DETERMINERS | _LINKING:
        words.pop(0)
    if not words:  # used before a noun: "increased demand from hospitals"
        words = _words(_CLAUSE.split(sentence[claim.end():])[0])
        while words and words[0] in _DETERMINERS | _LINKING:
            words.pop(0)
    cut = next((i for i, w in enumerate(words) if w in _PREPOSITIONS), len(words))
    head, rest = words[:cut], words[cut + 1:]
    rest = rest[:next((i for i, w in enumerate(rest) if w in _PREPOSITIONS), len(rest))]
    if not head:
        return False
    if head[-1] in GENERIC:  # "it", "the employment rate", "the number of contacts"
        named = head[:-1] + rest
        return not named or any(_stem(w) in terms for w in named)
    return any(_stem(w) in terms for w in head)
