"""Reporting periods: months, financial-year quarters and financial years.

A period is stored by the month it ends in (a month ordinal), so periods of every
frequency compare and subtract alike. The financial year runs April to March and
Q1 is April to June.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Frequency = Literal["monthly", "quarterly", "annual"]

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_RE = re.compile(r"^(\d{4})/(\d{2}) Q([1-4])$")
_YEAR_RE = re.compile(r"^(\d{4})/(\d{2})$")
LENGTH = {"monthly": 1, "quarterly": 3, "annual": 12}
EXAMPLE = {"monthly": "2019-10", "quarterly": "2019/20 Q2", "annual": "2018/19"}


def month_ordinal(year: int, month: int) -> int:
    return year * 12 + (month - 1)


@dataclass(frozen=True, order=True)
class Period:
    end: int  # month ordinal of the period's last month
    frequency: Frequency

    # -- construction -----------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(month_ordinal(year, month), "monthly")

    @classmethod
    def parse(cls, text: str, dates: str | None = None) -> Period:
        """Parse `2019-10`, `2019/20 Q2` or `2018/19`; ValueError says what is expected.
        `dates`: how the column's other rows write a date, where a date is found instead
        (`date_order`)."""
        text = str(text).strip()
        if m := _MONTH_RE.match(text):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise ValueError(f"'{text}' has no month {month} (months run 01 to 12)")
            return cls(month_ordinal(year, month), "monthly")
        if m := _QUARTER_RE.match(text):
            start = _fy_start(text, int(m[1]), int(m[2]))
            quarter = int(m[3])
            return cls(month_ordinal(start, 4) + 3 * quarter - 1, "quarterly")
        if m := _YEAR_RE.match(text):
            start = _fy_start(text, int(m[1]), int(m[2]))
            return cls(month_ordinal(start + 1, 3), "annual")
        if _US_DATE.fullmatch(text) and _month_first(text, dates):
            month = _excel_date(text, "month-first")
            raise ValueError(f"'{text}' looks like a US-style date (month/day/year): write the "
                             f"period as {month} (format the period column as Text, so Excel "
                             "keeps it as typed)")
        if month := _excel_date(text):
            raise ValueError(f"'{text}' looks like the month {month} that Excel turned into a "
                             f"date (format the period column as Text and type {month}, or "
                             "save from Excel as 'CSV UTF-8' once the periods are text)")
        raise ValueError(f"'{text}' is not a period (write a month as 2019-10, a quarter as "
                         f"2019/20 Q2, a financial year as 2018/19)")

    @classmethod
    def parse_as(cls, text: str, frequency: Frequency, dates: str | None = None) -> Period:
        text = str(text).strip()
        hyphen = re.fullmatch(r"(\d{4})-(\d{2})( Q[1-4])?", text)
        if frequency != "monthly" and hyphen and (int(hyphen[1]) + 1) % 100 == int(hyphen[2]):
            raise ValueError(f"'{text}' is not a {_noun(frequency)} (write it with a slash, "
                             f"like {text[:4]}/{text[5:]})")
        # otherwise the general rules below say what the text is
        period = cls.parse(text, dates)
        if period.frequency != frequency:
            raise ValueError(f"'{text}' is a {_noun(period.frequency)}, but this measure is "
                             f"{frequency} (write it like {EXAMPLE[frequency]})")
        return period

    # -- arithmetic ----------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.end // 12

    @property
    def month_number(self) -> int:
        return self.end % 12 + 1

    @property
    def fy_start(self) -> int:
        """The calendar year in which this period's financial year starts."""
        return self.year if self.month_number >= 4 else self.year - 1

    @property
    def quarter(self) -> int:
        return (self.end - month_ordinal(self.fy_start, 4)) // 3 + 1

    @property
    def month_of_quarter(self) -> int:
        return (self.end - month_ordinal(self.fy_start, 4)) % 3 + 1

    def shift(self, steps: int) -> Period:
        return Period(self.end + steps * LENGTH[self.frequency], self.frequency)

    def previous(self) -> Period:
        return self.shift(-1)

    def fy_end(self) -> Period:
        """The last period of the same frequency in this period's financial year."""
        return Period(month_ordinal(self.fy_start + 1, 3), self.frequency)

    def latest_complete(self, frequency: Frequency) -> Period:
        """The latest period of `frequency` that has ended by the end of this month."""
        length = LENGTH[frequency]
        offset = (self.end - month_ordinal(self.fy_start, 4) + 1) % length
        return Period(self.end - offset, frequency)

    def months_before(self, other: Period) -> int:
        return other.end - self.end

    # -- labels --------------------------------------------------------------------
    @property
    def code(self) -> str:
        """The form used in the input files: "2019-02", "2018/19 Q4", "2018/19"."""
        if self.frequency == "monthly":
            return f"{self.year:04d}-{self.month_number:02d}"
        fy = f"{self.fy_start}/{(self.fy_start + 1) % 100:02d}"
        return f"{fy} Q{self.quarter}" if self.frequency == "quarterly" else fy

    @property
    def fy_label(self) -> str:
        return f"{self.fy_start}/{(self.fy_start + 1) % 100:02d}"

    @property
    def month_name(self) -> str:
        return MONTH_NAMES[self.month_number - 1]

    @property
    def long(self) -> str:
        """`October 2019`, `Q2 2019/20`, `2018/19`."""
        if self.frequency == "monthly":
            return f"{self.month_name} {self.year}"
        if self.frequency == "quarterly":
            return f"Q{self.quarter} {self.fy_label}"
        return self.fy_label

    @property
    def short(self) -> str:
        """The label printed beside an older value: `Sep`, `Q1`, `2018/19`."""
        if self.frequency == "monthly":
            return self.month_name[:3]
        if self.frequency == "quarterly":
            return f"Q{self.quarter}"
        return self.fy_label

    @property
    def axis(self) -> str:
        """Chart tick label: `Oct 19`, `Q2 19/20`, `2018/19`."""
        if self.frequency == "monthly":
            return f"{self.month_name[:3]} {self.year % 100:02d}"
        if self.frequency == "quarterly":
            return f"Q{self.quarter} {self.fy_start % 100:02d}/{(self.fy_start + 1) % 100:02d}"
        return self.fy_label

    @property
    def lag_name(self) -> str:
        """How the lag note names it: `February`, `Q1`, `2018/19`."""
        return self.month_name if self.frequency == "monthly" else self.short


_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _orders(text: str) -> set[str]:
    """The orders in which a slash date reads as the first of a month, as Excel saves a
    month typed as a period: `01/04/2017` day first, `04/01/2017` month first, `01/01/2017`
    either."""
    m = _US_DATE.fullmatch(text)
    if not m:
        return set()
    first, second = int(m[1]), int(m[2])
    orders = set()
    if first == 1 and 1 <= second <= 12:
        orders.add("day-first")
    if second == 1 and 1 <= first <= 12:
        orders.add("month-first")
    return orders


def date_order(texts) -> str | None:
    """How a column's slash dates are written, judged by the rows that read as the first of
    a month one way only: "month-first" (saved with US settings), "day-first", or None
    when no row tells or rows disagree."""
    told = set()
    for text in texts:
        orders = _orders(str(text).strip())
        if len(orders) == 1:
            told |= orders
    return told.pop() if len(told) == 1 else None


def _month_first(text: str, dates: str | None) -> bool:
    """Whether a slash date is month/day/year: as the column's other rows are written, or,
    where they do not tell, when only that order makes it the first of a month."""
    if dates is not None:
        return dates == "month-first"
    return _orders(text) == {"month-first"}


def _excel_date(text: str, dates: str | None = None) -> str | None:
    """The month behind a period Excel displays as a date: `Apr-19`, `01/04/2019` (or
    `04/01/2019` month first), `2019-04-01 00:00:00`; None for anything else."""
    short = [name[:3].lower() for name in MONTH_NAMES]
    if m := re.fullmatch(r"([A-Za-z]{3})[- ](\d{2}|\d{4})", text):
        if m[1].lower() in short:
            year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
            return f"{year:04d}-{short.index(m[1].lower()) + 1:02d}"
    if m := _US_DATE.fullmatch(text):
        month = int(m[1]) if dates == "month-first" else int(m[2])
        if 1 <= month <= 12:
            return f"{m[3]}-{month:02d}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-\d{2}( 00:00(:00)?)?", text):
        return f"{m[1]}-{m[2]}"
    return None


def _fy_start(text: str, start: int, end_short: int) -> int:
    if (start + 1) % 100 != end_short:
        raise ValueError(f"'{text}' is not a financial year (the second year follows the "
                         f"first, as in {start}/{(start + 1) % 100:02d})")
    return start


def _noun(frequency: Frequency) -> str:
    return {"monthly": "month", "quarterly": "quarter", "annual": "financial year"}[frequency]


def summary_label(data_period: Period, style: str) -> str:
    """The summary's "<label> performance" word, derived from the data period.

    `quarter`: "Q4" in a quarter-end pack, and "M1" or "M2" in the months between, so a
    pack rolled on month by month never needs the style switched. `month-of-quarter`:
    "M2" for the second month of a quarter ("M3" at its end). `month`: the month's name.
    """
    if style == "quarter":
        if data_period.month_of_quarter == 3:
            return f"Q{data_period.quarter}"
        return f"M{data_period.month_of_quarter}"
    if style == "month-of-quarter":
        return f"M{data_period.month_of_quarter}"
    return data_period.month_name


def measure_summary_label(pack_label: str, latest: Period) -> str:
    """A measure's "<label> performance" in the summary: the pack's label for a monthly
    measure; a quarterly or annual measure names its own period ("Q4", "2017/18"), never
    the pack month's "M1", which would put a quarter's figure in a month."""
    return pack_label if latest.frequency == "monthly" else latest.short


def span_label(first: Period, last: Period) -> str:
    """A run of periods as a reason names it: `Feb 2019`, `May–Nov 2018`,
    `Nov 2018–May 2019`, `Q1–Q3 2018/19`, `2015/16–2018/19`."""
    def one(period: Period) -> str:
        if period.frequency == "monthly":
            return f"{period.short} {period.year}"
        return period.long

    if first == last:
        return one(first)
    if first.frequency == "monthly" and first.year == last.year:
        return f"{first.short}\u2013{one(last)}"
    if first.frequency == "quarterly" and first.fy_start == last.fy_start:
        return f"{first.short}\u2013{last.long}"
    return f"{one(first)}\u2013{one(last)}"


def oldest_allowed_period(data_period: Period, measure) -> Period:
    """The oldest latest-period a measure may have: its release lag counts back from the
    pack's data period, then to the last complete period of the measure's frequency."""
    shifted = Period(data_period.end - measure.release_lag, "monthly")
    return shifted.latest_complete(measure.frequency)
