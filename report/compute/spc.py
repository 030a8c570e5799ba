"""Statistical process control: XmR charts read the NHS "Making Data Count" way.

A status against a self-set target cannot tell a real change from noise; an XmR chart
can. For each measure: the mean, the moving ranges between neighbouring points, their
average (screened once for outlying ranges), process limits at mean ± 2.66 × that
average (3 sigma) and 2-sigma lines at two thirds of that distance. Points are then
tested, in this order of precedence:

1. outside the process limits;
2. part of a run of 7 points each higher (or each lower) than the one before — a point
   equal to the one before breaks the run;
3. two of three points in a row beyond the 2-sigma line on the same side of the mean;
4. part of a run of 7 points on the same side of the mean — a point on the mean breaks it.

A special cause is an improvement or a concern by the measure's polarity (neutral for
`polarity: none`). The variation icon comes from the latest point; the assurance icon
from where the target lies against the latest period's limits.

The default rule set, ``nhsr-0.2.2``, reproduces the R package NHSRplotthedots 0.2.2
(``ptd_spc``): each function below names the package function it follows, and its quirks
are kept (a point beyond the limits does not count towards two-of-three; a point at the
top of a rise followed by a fall is coloured by the fall). ``mdc-2023`` follows the 2023
"Making Data Count" change, where points beyond the process limits count towards
two-of-three, and lets a council shorten both runs to 6 points.

Limits are worked out afresh after each rebase (a period a council names with a reason,
such as a change of definition), and from the first `fix_after_n_points` points of each
period of limits when a baseline is fixed. A period of limits with fewer than
`minimum_points` points still gets its (trial) limits, but the latest one must have that
many for the pack to show icons.

Where the pack goes beyond the package: limits describe the process only while it stays
as it was. A run on one side of the mean (or a trend) that continues to the latest point
is a sustained shift: the pack suggests recalculating the limits from its first point
(Making Data Count's advice at a sustained, explained shift), never does so itself, and
gives no assurance verdict from limits the process has left. Nor does it give one that
the latest point itself contradicts (a point beyond the limits that meets a target the
limits put out of reach).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from report.periods import Period, span_label

LIMIT = 2.66  # 3 / d2 (d2 = 1.128 for ranges of two points): 3 sigma in moving ranges
TWO_SIGMA = 2 * (LIMIT / 3)  # as the package writes it, so the float is the same
SCREEN = 3.267  # D4: a moving range at or above 3.267 × the average is left out, once
DEFAULT_RULE_SET = "nhsr-0.2.2"
RUN_LENGTH = 7
MINIMUM_POINTS = 13  # as the package's warning threshold: fewer points, trial limits only

VARIATION = {  # icon: (words, letter on the icon)
    "common_cause": ("Common cause variation", ""),
    "improvement_high": ("Special cause improvement: higher", "H"),
    "improvement_low": ("Special cause improvement: lower", "L"),
    "concern_high": ("Special cause concern: higher", "H"),
    "concern_low": ("Special cause concern: lower", "L"),
    "neutral_high": ("Special cause variation: higher", "H"),
    "neutral_low": ("Special cause variation: lower", "L"),
}
ASSURANCE = {
    "pass": ("Consistently passes the target", "P"),
    "fail": ("Consistently fails the target", "F"),
    "hit_and_miss": ("Hit and miss: the target may or may not be met", "?"),
}
# The icon's word where space is short (a table cell): its letter says high or low.
ICON_WORDS = {"common_cause": "Common cause", "improvement_high": "Improvement",
              "improvement_low": "Improvement", "concern_high": "Concern",
              "concern_low": "Concern", "neutral_high": "Neutral", "neutral_low": "Neutral",
              "pass": "Passes", "fail": "Fails", "hit_and_miss": "Hit and miss"}
_NOUNS = {"monthly": ("month", "months"), "quarterly": ("quarter", "quarters"),
          "annual": ("year", "years")}


@dataclass(frozen=True)
class Rebase:
    period: str  # input form, the first period of the new limits
    reason: str


@dataclass(frozen=True)
class Event:
    period: str  # input form: what the service changed, and when
    label: str


@dataclass(frozen=True)
class SpcSettings:
    """How one measure's chart is worked out: the pack's `spc:` with the measure's over it."""

    rule_set: str = DEFAULT_RULE_SET
    run_length: int = RUN_LENGTH
    minimum_points: int = MINIMUM_POINTS
    screen_outliers: bool = True
    fix_after_n_points: int | None = None
    rebases: tuple[Rebase, ...] = ()
    events: tuple[Event, ...] = ()  # a shift starting at one is suggested as a rebase there


@dataclass(frozen=True)
class SpcPoint:
    period: str
    label: str  # axis form: Feb 19
    value: float
    group: int  # which period of limits (0 before any rebase)
    # common_cause, special_cause_improvement / _concern / _neutral_high / _neutral_low
    point_type: str
    rule: str | None  # outside_limits, trend, two_of_three, shift
    side: str | None  # above, below (the mean); increasing, decreasing (a trend)
    reason: str | None  # "7 points in a row above the mean (May–Nov 2018)"


@dataclass(frozen=True)
class SpcGroup:
    """One period of limits: the whole series, or from one rebase to the next."""

    start: str
    end: str
    label: str  # "Apr 2017–Mar 2019"
    points: int
    baseline: int  # points the mean and limits come from (fix_after_n_points)
    mean: float
    moving_range: float | None  # average moving range after screening; None: undefined
    screened: int  # moving ranges left out by the screening
    lower_limit: float | None
    upper_limit: float | None
    lower_two_sigma: float | None
    upper_two_sigma: float | None
    rebase_reason: str | None  # why the limits were restarted here; None for the first

    @property
    def rebase_note(self) -> str | None:
        """What the page says beside the chart: "limits restarted in May 2018: why"."""
        if self.rebase_reason is None:
            return None
        return f"limits restarted in {Period.parse(self.start).long}: {self.rebase_reason}"


@dataclass(frozen=True)
class Shift:
    """A sustained special cause that runs to the latest point: the process has moved away
    from the limits, which are due to be recalculated from `start`."""

    rule: str  # shift (a run on one side of the mean) or trend
    side: str  # above, below; increasing, decreasing
    start: str  # input form of its first period
    start_label: str  # "April 2018"
    points: int  # from its first point to the latest
    noun: str  # "months", "quarters", "years"
    met: int | None  # how many of its points meet their period's target; None: no target
    judged: int  # how many of its points have a target to meet
    latest_met: bool | None
    event: Event | None = None  # the event it starts at, where the limits would restart

    @property
    def way(self) -> str:
        return "up" if self.side in ("above", "increasing") else "down"

    @property
    def run_words(self) -> str:
        """"11 months below the mean", "8 quarters in a row rising"."""
        if self.rule == "shift":
            return f"{self.points} {self.noun} {self.side} the mean"
        word = "rising" if self.side == "increasing" else "falling"
        return f"{self.points} {self.noun} in a row {word}"

    @property
    def brief(self) -> str:
        """The measure page's line beside the icons, in place of an assurance verdict:
        "moved up since May 2018 (11 months above the mean); 1 of 11 since meets the
        target; limits due to be recalculated"."""
        text = f"moved {self.way} since {self.start_label} ({self.run_words})"
        if self.met is not None and self.judged:
            if self.met == 0:
                text += f"; none of the {self.judged} since meets the target"
            elif self.met == self.judged:
                text += f"; all {self.judged} since meet the target"
            else:
                verb = "meets" if self.met == 1 else "meet"
                text += f"; {self.met} of {self.judged} since {verb} the target"
        return text + "; limits due to be recalculated"

    @property
    def suggestion(self) -> str:
        """What `status`, `validate` and the build suggest: never applied by the pack."""
        if self.event is not None and self.event.period == self.start:
            return (f"{self.run_words} since the event \u201c{self.event.label}\u201d in "
                    f"{self.start_label}: consider recalculating the limits from "
                    f"{self.start} (add rebase: true and its reason to that event)")
        if self.event is not None:
            when = Period.parse(self.event.period).long
            return (f"{self.run_words} since {self.start_label}, which the event "
                    f"\u201c{self.event.label}\u201d ({when}) may explain: consider "
                    f"recalculating the limits from {self.event.period} (add rebase: true "
                    f"and its reason to that event)")
        return (f"{self.run_words} since {self.start_label}: consider recalculating the "
                f"limits from {self.start} (add a rebase with its reason)")


@dataclass(frozen=True)
class Spc:
    settings: SpcSettings
    groups: tuple[SpcGroup, ...]
    points: tuple[SpcPoint, ...]
    signals: tuple[str, ...]  # every special cause's reason, once, in period order
    variation: str | None = None  # a VARIATION key; None when there are too few points
    variation_text: str | None = None
    variation_letter: str | None = None
    variation_reason: str | None = None  # the latest point's reason, if a special cause
    assurance: str | None = None  # pass, fail, hit_and_miss; None: no target, neutral, too few
    assurance_text: str | None = None
    assurance_letter: str | None = None
    assurance_reason: str | None = None  # "the 85.0% target is inside the process limits (…)"
    icons_reason: str | None = None  # why there are no icons
    shift: Shift | None = None  # a sustained shift to the latest point, against the limits
    assurance_withheld: str | None = None  # why there is no assurance verdict, when it has
    # limits and a target: "the process has moved down since April 2018 (…); …"
    alt: str = ""  # what a screen reader hears for the chart (report/compute/alt.py)


# -- the XmR limits (ptd_spc_standard) -----------------------------------------------------
@dataclass(frozen=True)
class Limits:
    mean: float
    moving_range: float | None
    screened: int
    lower: float | None
    upper: float | None
    lower_two_sigma: float | None
    upper_two_sigma: float | None


def _mean(values: Sequence[float]) -> float:
    """Summed without rounding error, as R's mean() sums in extended precision, so a
    point that is on the mean here is on it there."""
    return math.fsum(values) / len(values)


def xmr_limits(values: Sequence[float], fix_after_n_points: int | None = None,
               screen_outliers: bool = True) -> Limits:
    """Mean, average moving range and limits of one period of limits (ptd_spc_standard).

    With every moving range zero the screening leaves none, so the average and the limits
    are undefined, as in the package (where they are NaN)."""
    fixed = list(values[:fix_after_n_points] if fix_after_n_points else values)
    mean = _mean(fixed)
    ranges = [abs(b - a) for a, b in zip(fixed, fixed[1:])]
    average = _mean(ranges) if ranges else None
    screened = 0
    if screen_outliers and average is not None:
        kept = [r for r in ranges if r < SCREEN * average]
        screened = len(ranges) - len(kept)
        average = _mean(kept) if kept else None
    if average is None:
        return Limits(mean, None, screened, None, None, None, None)
    return Limits(mean, average, screened, mean - LIMIT * average, mean + LIMIT * average,
                  mean - TWO_SIGMA * average, mean + TWO_SIGMA * average)


# -- the rules (ptd_calculate_point_type) --------------------------------------------------
def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _runs(signs: Sequence[int]) -> list[int]:
    """How many of the same non-zero sign end at each place (0 where the sign is 0)."""
    counts, count, previous = [], 0, 0
    for sign in signs:
        count = count + 1 if sign != 0 and sign == previous else int(sign != 0)
        previous = sign
        counts.append(count)
    return counts


def trend_flags(y: Sequence[float], run: int = RUN_LENGTH) -> list[int]:
    """1 (or -1) where the `run` points ending here each rise (or fall) from the one
    before; a tie breaks the run (ptd_seven_point_trend)."""
    steps = [0] * min(len(y), 1) + [(b > a) - (b < a) for a, b in zip(y, y[1:])]
    return [step if count >= run - 1 else 0 for step, count in zip(steps, _runs(steps))]


def shift_flags(relative: Sequence[int], run: int = RUN_LENGTH) -> list[int]:
    """1 where the `run` points ending here are all on the same side of the mean; a
    point on the mean (0) breaks it (ptd_seven_point_one_side_mean)."""
    return [int(count >= run) for count in _runs(relative)]


def part_of_run(flags: Sequence[int], run: int = RUN_LENGTH) -> list[int]:
    """1 for every point of a flagged run: the flag here or on one of the next `run` − 1
    points (ptd_part_of_seven_trend)."""
    part, next_flag = [0] * len(flags), None
    for i in range(len(flags) - 1, -1, -1):
        if flags[i]:
            next_flag = i
        part[i] = int(next_flag is not None and next_flag - i < run)
    return part


def two_in_three(beyond: Sequence[int], relative: Sequence[int]) -> list[int]:
    """1 where some run of three points containing this one has at least two beyond the
    2-sigma line and all three on the same side of the mean (ptd_two_in_three)."""
    n = len(beyond)
    makes = [0, 0] + [int(beyond[k] + beyond[k + 1] + beyond[k + 2] >= 2
                          and abs(relative[k] + relative[k + 1] + relative[k + 2]) == 3)
                      for k in range(n - 2)] + [0, 0]  # makes[k + 2]: the three from k
    return [makes[i] | makes[i + 1] | makes[i + 2] for i in range(n)]


def part_of_two_in_three(windows: Sequence[int], beyond: Sequence[int]) -> list[int]:
    """Only the points beyond the 2-sigma line are marked, not the third one of the three
    (ptd_part_of_two_in_three)."""
    return [int(w == 1 and abs(b) == 1) for w, b in zip(windows, beyond)]


def _marks(y: Sequence[float], limits: Limits, rule_set: str
           ) -> tuple[list[int], list[int], list[int]]:
    """Each point's side of the mean (1, 0, -1), whether it is outside the limits, and
    whether it counts towards two-of-three (beyond the 2-sigma line: for the package,
    only inside the limits, its close_to_limits)."""
    mean = limits.mean
    relative = [(v > mean) - (v < mean) for v in y]
    if limits.upper is None:  # undefined limits: nothing is outside or near them
        return relative, [0] * len(y), [0] * len(y)
    upper, lower, upper_two, lower_two = (limits.upper, limits.lower, limits.upper_two_sigma,
                                          limits.lower_two_sigma)
    outside = [int(v > upper or v < lower) for v in y]
    beyond = [int(v > upper_two or v < lower_two) for v in y]
    if rule_set == "nhsr-0.2.2":
        beyond = [b & (1 - o) for b, o in zip(beyond, outside)]
    return relative, outside, beyond


def special_causes(y: Sequence[float], limits: Limits, rule_set: str = DEFAULT_RULE_SET,
                   run: int = RUN_LENGTH) -> list[tuple[str, str] | None]:
    """Each point's (rule, side), or None for common cause, by the rules' precedence
    (ptd_special_cause_type)."""
    n = len(y)
    relative, outside, beyond = _marks(y, limits, rule_set)
    in_trend = part_of_run(trend_flags(y, run), run)
    in_two = part_of_two_in_three(two_in_three(beyond, relative), beyond)
    in_shift = part_of_run(shift_flags(relative, run), run)

    def direction(i: int) -> int:
        """A point in a trend either side takes the step after it, else the one before."""
        if in_trend[i] and i + 1 < n and in_trend[i + 1]:
            return _sign(y[i + 1] - y[i])
        return _sign(y[i] - y[i - 1]) if i > 0 else 0

    causes: list[tuple[str, str] | None] = []
    for i in range(n):
        above = "above" if relative[i] > 0 else "below"
        if outside[i]:
            causes.append(("outside_limits", "above" if relative[i] == 1 else "below"))
        elif in_trend[i]:
            causes.append(("trend", "increasing" if direction(i) == 1 else "decreasing"))
        elif in_two[i]:
            causes.append(("two_of_three", above))
        elif in_shift[i]:
            causes.append(("shift", above))
        else:
            causes.append(None)
    return causes


def point_type(cause: tuple[str, str] | None, polarity: str) -> str:
    """Improvement, concern or neutral, by the measure's polarity (ptd_point_type)."""
    if cause is None:
        return "common_cause"
    high = cause[1] in ("above", "increasing")
    if polarity == "none":
        return "special_cause_neutral_high" if high else "special_cause_neutral_low"
    good = high == (polarity == "higher")
    return "special_cause_improvement" if good else "special_cause_concern"


def variation_icon(point_type_: str, polarity: str) -> str:
    """The icon of the latest point (ptd_get_icons)."""
    if point_type_ == "common_cause":
        return "common_cause"
    if point_type_.startswith("special_cause_neutral_"):
        return "neutral_" + point_type_.rsplit("_", 1)[1]
    kind = point_type_.rsplit("_", 1)[1]  # improvement / concern
    higher_is_better = polarity == "higher"
    high = higher_is_better if kind == "improvement" else not higher_is_better
    return f"{kind}_{'high' if high else 'low'}"


def assurance(target: float | None, limits: Limits, polarity: str) -> str | None:
    """Whether the process as it runs will meet the target (ptd_calculate_assurance_type).
    Undefined limits compare as the package's NaN does: hit and miss."""
    if target is None or polarity == "none":
        return None
    if limits.upper is not None and target > limits.upper:
        return "fail" if polarity == "higher" else "pass"
    if limits.lower is not None and target < limits.lower:
        return "pass" if polarity == "higher" else "fail"
    return "hit_and_miss"


# -- a measure's chart, in words -----------------------------------------------------------
def measure_spc(points: Sequence[tuple[Period, float]], polarity: str, target: float | None,
                settings: SpcSettings, text: Callable[[float], str],
                targets: Mapping[Period, float | None] | None = None) -> Spc:
    """The SPC figures of one measure. `points`: every period with a value, in order;
    `target`: the latest period's; `text`: how a value prints ("85.0%"); `targets`: each
    period's target (the latest one for every period when not given)."""
    frequency = points[0][0].frequency
    rebases = {Period.parse_as(r.period, frequency): r.reason for r in settings.rebases}
    runs: list[list[tuple[Period, float]]] = []
    reasons: list[str | None] = []
    for period, value in points:
        if not runs or (period in rebases and runs[-1]):
            runs.append([])
            reasons.append(rebases.get(period))
        runs[-1].append((period, value))

    groups, spc_points, last_limits = [], [], None
    for index, (run, reason) in enumerate(zip(runs, reasons)):
        periods, values = [p for p, _ in run], [v for _, v in run]
        limits = xmr_limits(values, settings.fix_after_n_points, settings.screen_outliers)
        causes = special_causes(values, limits, settings.rule_set, settings.run_length)
        groups.append(SpcGroup(
            periods[0].code, periods[-1].code, span_label(periods[0], periods[-1]), len(run),
            min(len(run), settings.fix_after_n_points or len(run)), limits.mean,
            limits.moving_range, limits.screened, limits.lower, limits.upper,
            limits.lower_two_sigma, limits.upper_two_sigma, reason))
        words = _reasons(causes, periods, values, limits, settings)
        for period, value, cause, reason_text in zip(periods, values, causes, words):
            spc_points.append(SpcPoint(
                period.code, period.axis, value, index, point_type(cause, polarity),
                cause[0] if cause else None, cause[1] if cause else None, reason_text))
        last_limits = limits

    signals = _signals(spc_points, [period for period, _ in points])
    latest_group = groups[-1]
    meets = _meets(targets if targets is not None else {p: target for p, _ in points}
                   if target is not None else {}, polarity)
    shift = sustained_shift(runs[-1], last_limits.mean, settings, meets)
    if latest_group.points < settings.minimum_points:
        return Spc(settings, tuple(groups), tuple(spc_points), signals=signals,
                   icons_reason=_too_few(latest_group, len(groups) > 1, frequency,
                                         settings.minimum_points), shift=shift)
    latest = spc_points[-1]
    icon = variation_icon(latest.point_type, polarity)
    sure = assurance(target, last_limits, polarity)
    withheld = None
    if sure and shift is not None:
        sure, withheld = None, _moved(shift, meets is not None and target is not None)
    elif sure and target is not None and _contradicts(sure, points[-1][1], target, polarity):
        sure, withheld = None, _beyond(points[-1][1], target, last_limits, polarity, text)
    words, letter = ASSURANCE[sure] if sure else (None, None)
    return Spc(settings, tuple(groups), tuple(spc_points), signals=signals,
               variation=icon, variation_text=VARIATION[icon][0],
               variation_letter=VARIATION[icon][1], variation_reason=latest.reason,
               assurance=sure, assurance_text=words, assurance_letter=letter,
               assurance_reason=_assurance_reason(target, last_limits, text) if sure else None,
               shift=shift, assurance_withheld=withheld)


# -- limits that no longer fit -------------------------------------------------------------
def _meets(targets: Mapping[Period, float | None], polarity: str
           ) -> Callable[[Period, float], bool | None] | None:
    """Whether a period's value meets that period's target (None where it has none), as
    the status reads it: at the target or beyond it on the good side."""
    if polarity == "none" or not targets:
        return None

    def meets(period: Period, value: float) -> bool | None:
        aim = targets.get(period)
        if aim is None:
            return None
        return value >= aim if polarity == "higher" else value <= aim
    return meets


def _trailing(signs: Sequence[int]) -> int:
    """How many of the same non-zero sign end the sequence."""
    count = 0
    for sign in reversed(signs):
        if sign == 0 or (count and sign != signs[-1]):
            break
        count += 1
    return count


def sustained_shift(run: Sequence[tuple[Period, float]], mean: float, settings: SpcSettings,
                    meets: Callable[[Period, float], bool | None] | None = None
                    ) -> Shift | None:
    """A run on one side of the mean, or else a trend, of at least the rule set's length
    that continues to the latest point of the latest period of limits. One that takes in
    the period's first point is not a move away from its limits (a trend through every
    point), so it is not a shift to rebase at."""
    values = [v for _, v in run]
    sides = [(v > mean) - (v < mean) for v in values]
    steps = [(b > a) - (b < a) for a, b in zip(values, values[1:])]
    on_one_side, rising = _trailing(sides), _trailing(steps) + 1 if steps else 0
    if on_one_side >= settings.run_length and on_one_side < len(run):
        rule, count = "shift", on_one_side
        side = "above" if sides[-1] > 0 else "below"
    elif rising >= settings.run_length and rising < len(run):
        rule, count = "trend", rising
        side = "increasing" if steps[-1] > 0 else "decreasing"
    else:
        return None
    tail = run[-count:]
    first = tail[0][0]
    marks = [meets(p, v) for p, v in tail] if meets is not None else []
    known = [m for m in marks if m is not None]
    one, many = _NOUNS[first.frequency]
    event = _event_at(first, settings.events)
    if event is not None:  # in the input's form, as a rebase names it
        event = Event(Period.parse_as(event.period, first.frequency).code, event.label)
    return Shift(rule, side, first.code, first.long, count, one if count == 1 else many,
                 sum(known) if known else None, len(known), marks[-1] if marks else None,
                 event)


EVENT_REACH = 2  # an event this many periods either side of a shift's start explains it


def _event_at(first: Period, events: Sequence[Event]) -> Event | None:
    """The event nearest the shift's first point, within EVENT_REACH periods: a change
    shows in the figures a period or two after it is made, and a run can start a point
    early by chance."""
    near = []
    for event in events:
        period = Period.parse_as(event.period, first.frequency)
        distance = abs(first.months_before(period)) // first.months_before(first.shift(1))
        if distance <= EVENT_REACH:
            near.append((distance, period, event))
    return min(near, key=lambda d: (d[0], d[1]))[2] if near else None


def _moved(shift: Shift, with_target: bool) -> str:
    """In place of the assurance: which way the process has moved, since when, whether
    its values since then meet the target, and that the limits are due to be recalculated."""
    text = f"the process has moved {shift.way} since {shift.start_label} ({shift.run_words})"
    if with_target and shift.met is not None:
        text += f"; {_met_words(shift)}"
    return text + "; the limits are due to be recalculated, so no assurance is read from them"


def _met_words(shift: Shift) -> str:
    count, met = shift.judged, shift.met
    them = f"{shift.noun} since then" if count == shift.points else \
        f"{shift.noun} since then with a target"
    if met == count:
        return f"all {count} {them} meet the target"
    if met == 0:
        return f"none of the {count} {them} meets the target"
    latest = "the latest included" if shift.latest_met else "but not the latest"
    return f"{met} of the {count} {them} {'meets' if met == 1 else 'meet'} the target, {latest}"


def _contradicts(sure: str, value: float, target: float, polarity: str) -> bool:
    """A verdict the latest point goes against: it meets a target the limits say the
    process fails, or misses one they say it passes."""
    met = value >= target if polarity == "higher" else value <= target
    return (sure == "fail" and met) or (sure == "pass" and not met)


def _beyond(value: float, target: float, limits: Limits, polarity: str,
            text: Callable[[float], str]) -> str:
    met = value >= target if polarity == "higher" else value <= target
    return (f"the latest point, {text(value)}, is beyond the process limits "
            f"({text(limits.lower)} to {text(limits.upper)}) and "
            f"{'meets' if met else 'misses'} the {text(target)} target they put "
            f"{'out of reach' if met else 'within reach'}: too soon to say whether the "
            "process has moved")


def _signals(points: Sequence[SpcPoint], periods: Sequence[Period]) -> tuple[str, ...]:
    """Each special cause once, in period order; neighbouring points outside the same
    limit are named together ("6 points above the upper process limit (Apr–Sep 2017)")."""
    signals: list[str] = []
    i = 0
    while i < len(points):
        point = points[i]
        j = i + 1
        if point.rule == "outside_limits":
            while (j < len(points) and points[j].rule == point.rule
                   and points[j].side == point.side and points[j].group == point.group):
                j += 1
        if point.reason and j - i > 1:
            which = "upper" if point.side == "above" else "lower"
            span = span_label(periods[i], periods[j - 1])
            signals.append(f"{j - i} points {point.side} the {which} process limit ({span})")
        elif point.reason and point.reason not in signals:
            signals.append(point.reason)
        i = j
    return tuple(signals)


def _reasons(causes: Sequence[tuple[str, str] | None], periods: list[Period],
             values: list[float], limits: Limits, settings: SpcSettings) -> list[str | None]:
    """Each special cause's reason in words, naming the run or the three points it is
    part of; the points of one run share one reason."""
    relative, _, beyond = _marks(values, limits, settings.rule_set)
    spans: dict[tuple[int, int], str] = {}

    def span(first: int, last: int) -> str:
        if (first, last) not in spans:
            spans[first, last] = span_label(periods[first], periods[last])
        return spans[first, last]

    words: list[str | None] = []
    for i, cause in enumerate(causes):
        if cause is None:
            words.append(None)
            continue
        rule, side = cause
        which = "upper" if side == "above" else "lower"
        if rule == "outside_limits":
            words.append(f"{side} the {which} process limit ({span(i, i)})")
        elif rule == "shift":
            first, last = _stretch(i, lambda k, i=i: relative[k] == relative[i], len(values))
            words.append(f"{last - first + 1} points in a row {side} the mean "
                         f"({span(first, last)})")
        elif rule == "trend":
            first, last = _trend_run(i, values, 1 if side == "increasing" else -1,
                                     settings.run_length)
            word = "rising" if side == "increasing" else "falling"
            words.append(f"{last - first + 1} points in a row {word} ({span(first, last)})")
        else:
            start = next(k for k in range(max(i - 2, 0), min(i, len(values) - 3) + 1)
                         if beyond[k] + beyond[k + 1] + beyond[k + 2] >= 2
                         and abs(relative[k] + relative[k + 1] + relative[k + 2]) == 3)
            count = beyond[start] + beyond[start + 1] + beyond[start + 2]
            words.append(f"{count} of 3 points beyond the {which} 2-sigma line "
                         f"({span(start, start + 2)})")
    return words


def _stretch(i: int, same: Callable[[int], bool], n: int) -> tuple[int, int]:
    """The first and last index of the longest stretch around `i` where `same` holds."""
    first, last = i, i
    while first > 0 and same(first - 1):
        first -= 1
    while last + 1 < n and same(last + 1):
        last += 1
    return first, last


def _trend_run(i: int, values: list[float], step: int, run: int) -> tuple[int, int]:
    """The rise (or fall) of at least `run` points through point `i`. The package colours
    the top of a rise that is followed by a fall by the fall (and a level step after a
    trend as a fall); such a point is described by the run it does lie in."""
    for direction in (step, -step):
        first, last = i, i
        while first > 0 and _sign(values[first] - values[first - 1]) == direction:
            first -= 1
        while last + 1 < len(values) and _sign(values[last + 1] - values[last]) == direction:
            last += 1
        if last - first + 1 >= run:
            return first, last
    raise AssertionError("a trend point outside any run")


def _too_few(group: SpcGroup, rebased: bool, frequency: str, minimum: int) -> str:
    """Counts the points the rule counts, and names them, so the count reads true beside
    a chart that shows fewer."""
    one, many = _NOUNS[frequency]
    noun = one if group.points == 1 else many
    if rebased:
        start = Period.parse(group.start)
        return (f"only {group.points} {noun} since the rebase in {span_label(start, start)}; "
                f"the icons need at least {minimum}")
    return (f"only {group.points} {noun} of data, {group.label}; the icons need at least "
            f"{minimum}")


def _assurance_reason(target: float, limits: Limits, text: Callable[[float], str]) -> str:
    if limits.upper is None:
        return ("the process limits are undefined (every point is the same), so the "
                f"{text(target)} target may or may not be met")
    if target > limits.upper:
        return f"the {text(target)} target is above the upper process limit of {text(limits.upper)}"
    if target < limits.lower:
        return f"the {text(target)} target is below the lower process limit of {text(limits.lower)}"
    return (f"the {text(target)} target is inside the process limits "
            f"({text(limits.lower)} to {text(limits.upper)})")
