"""The parts the report's sentences are made of: a table's rows, the claims read off them, and
numbers, shares and lists of regions as UN style says them (narrative.py says what they are
for). A `Sentence` carries the cells its numbers state, in the order they appear, and its
claims, so that a test can check both against the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from .regions import TOTAL, Regions
from .schema import TABLE1_ACTIVITIES
from .tables import percent
from .words import (
    capitalise,
    join_names,
    join_phrases,
    number,
    numbers,
    per_cent,
)

Cell = tuple[str, str, str]  # (region, activity, column) of a table
CAPACITY = TABLE1_ACTIVITIES[0]
CAPACITY_WORDS = "training/capacity-building activities"  # UN usage: "capacity-building"

# Shares a reader grasps at a glance, said of all UNFPA Country Offices when the share is one
# exactly, or just over one with the per cent rounding to it ("over one quarter", 25 per cent:
# the words say what the rounding hides). Never "almost half" beside a table that says 50%.
FRACTIONS = (
    (Fraction(1, 4), "one quarter"),
    (Fraction(1, 3), "one third"),
    (Fraction(1, 2), "half"),
    (Fraction(2, 3), "two thirds"),
    (Fraction(3, 4), "three quarters"),
)
# A runner-up is named beside the highest only when close: at least two thirds of its value,
# and itself clear of the rest (2010: 30 per cent beside 42; not 2 offices beside 12).
RUNNER_UP_WITHIN = Fraction(2, 3)


@dataclass(frozen=True)
class Row:
    """One row of Table 1 or Table 2."""

    region: str
    activity: str
    country_offices: int
    offices_reporting: int
    percent: int

    def cell(self, column: str) -> Cell:
        return (self.region, self.activity, column)

    @property
    def is_all(self) -> bool:
        return self.offices_reporting == self.country_offices

    @property
    def is_none(self) -> bool:
        return self.offices_reporting == 0


@dataclass(frozen=True)
class Claim:
    """What a sentence asserts of the table. `kind`: "highest" (the cells share the top value
    of `column` among them and `among`, which hold less), "runner_up" (cells: the highest and
    the second; `among`: the rest, all below the second), "same" (the cells hold one value),
    "all" / "none" / "some" (of each row's offices, all / none / at least one report),
    "more_than" / "as_many_as" (the one cell against each of `among`)."""

    kind: str
    cells: tuple[Cell, ...]
    among: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Said:
    """A piece of a sentence and the cells whose numbers it states, in order."""

    text: str
    cites: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Sentence:
    text: str
    cites: tuple[Cell, ...] = ()
    claims: tuple[Claim, ...] = ()


def say(*parts: str | Said, claims: tuple[Claim, ...] | list[Claim] = ()) -> Sentence:
    """A sentence from text and numbers; its cites are its numbers' cells, in order."""
    text = "".join(p if isinstance(p, str) else p.text for p in parts)
    cites = tuple(c for p in parts if isinstance(p, Said) for c in p.cites)
    return Sentence(capitalise(text), cites, tuple(claims))


# ---------------------------------------------------------------------------------------------
# The table as rows, and the claims read off it.


def rows_by_activity(table: pd.DataFrame) -> dict[str, list[Row]]:
    """Each activity's rows in the table's order (regions, then Total)."""
    columns = ["region", "activity", "country_offices", "offices_reporting", "percent"]
    by_activity: dict[str, list[Row]] = {}
    # Plain lists: a tenth of itertuples' time, which the property test repeats thousands of times.
    for region, activity, offices, reporting, p in zip(
        *(table[c].tolist() for c in columns), strict=True
    ):
        by_activity.setdefault(activity, []).append(
            Row(region, activity, int(offices), int(reporting), int(p))
        )
    return by_activity


def split_total(rows: list[Row]) -> tuple[list[Row], Row]:
    return [r for r in rows if r.region != TOTAL], next(r for r in rows if r.region == TOTAL)


def highest(rows: list[Row], column: str) -> list[Row]:
    """The rows holding the top value of `column` (more than one: a tie); none when it is 0.
    Shares are ranked on the table's whole per cents, as a reader of the table sees them:
    33 per cent beside 33 per cent is a tie, whatever the decimals."""
    top = max((getattr(r, column) for r in rows), default=0)
    return [r for r in rows if getattr(r, column) == top] if top > 0 else []


def close_runner_up(rows: list[Row], column: str) -> Row | None:
    """The second, named beside a single highest only when it is alone in second place,
    clear of the rest, and within RUNNER_UP_WITHIN of the highest."""
    values = sorted({getattr(r, column) for r in rows}, reverse=True)
    top = highest(rows, column)
    if len(top) != 1 or len(values) < 2 or values[1] == 0:
        return None
    second = [r for r in rows if getattr(r, column) == values[1]]
    if len(second) != 1 or Fraction(values[1], values[0]) < RUNNER_UP_WITHIN:
        return None
    return second[0]


def cells(rows: list[Row], column: str) -> tuple[Cell, ...]:
    return tuple(r.cell(column) for r in rows)


def highest_claim(top: list[Row], rows: list[Row], column: str) -> Claim:
    others = [r for r in rows if r not in top]
    return Claim("highest", cells(top, column), cells(others, column))


def runner_up_claim(first: Row, second: Row, rows: list[Row], column: str) -> Claim:
    others = [r for r in rows if r not in (first, second)]
    return Claim("runner_up", cells([first, second], column), cells(others, column))


def reporting_claim(kind: str, rows: list[Row]) -> Claim:
    return Claim(kind, cells(rows, "offices_reporting"))


@dataclass(frozen=True)
class Leaders:
    """Where the regions' highest share is, as both sections' sentences walk it: `rung` is
    "same" (every region the same), "two" (a close runner-up, `second`), "all" (the highest
    are every office of their regions) or "highest"; `claims` are what the rung claims."""

    rung: str
    top: list[Row]
    second: Row | None
    claims: list[Claim]


def leaders(by_region: list[Row]) -> Leaders | None:
    """The ladder of the highest share by region: a tie named as one, a close runner-up
    beside it; none when no region's per cent is above 0."""
    top = highest(by_region, "percent")
    if not top:
        return None
    if len(top) == len(by_region):
        return Leaders("same", top, None, [Claim("same", cells(top, "percent"))])
    claims = [highest_claim(top, by_region, "percent")]
    if all(r.is_all for r in top):
        claims.append(reporting_claim("all", top))
    second = close_runner_up(by_region, "percent")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, by_region, "percent"))
        return Leaders("two", top, second, claims)
    return Leaders("all" if all(r.is_all for r in top) else "highest", top, None, claims)


# ---------------------------------------------------------------------------------------------
# Numbers and shares, as UN style says them.


def count(row: Row, column: str = "offices_reporting", opening: bool = False) -> Said:
    return Said(number(getattr(row, column), opening), (row.cell(column),))


def count_series(rows: list[Row], column: str) -> Said:
    """Counts said together ("40 and 35", "three and two"): one style for the series."""
    words = numbers([getattr(r, column) for r in rows])
    return Said(join_names(words), cells(rows, column))


def counts_of(row: Row) -> Said:
    """ "(32 of 127)": offices reporting of all offices, one style for both."""
    n, of = numbers([row.offices_reporting, row.country_offices])
    return Said(f"({n} of {of})", (row.cell("offices_reporting"), row.cell("country_offices")))


def region_share(row: Row, opening: bool = False) -> Said:
    """A region's per cent: never 0 or 100 when some but not all report."""
    if row.percent == 0 and not row.is_none:
        text = "less than 1 per cent"
    elif row.percent == 100 and not row.is_all:
        text = "more than 99 per cent"
    else:
        text = per_cent(row.percent, opening)
    return Said(capitalise(text) if opening else text, (row.cell("percent"),))


def fraction_words(reporting: int, offices: int) -> str | None:
    """ "one quarter" for 1 of 4, "over one quarter" for 32 of 127 (25 per cent); None when
    the share is no simple fraction or the per cent does not round to it."""
    share = Fraction(reporting, offices)
    for fraction, name in FRACTIONS:
        if share == fraction:
            return name
        rounded = percent(fraction.numerator, fraction.denominator)
        if share > fraction and percent(reporting, offices) == rounded:
            return f"over {name}"
    return None


def total_share(row: Row, opening: bool = False) -> Said:
    """The share of all UNFPA Country Offices, worded the same wherever it is said."""
    words = fraction_words(row.offices_reporting, row.country_offices)
    if words is None:
        return region_share(row, opening)
    return Said(capitalise(words) if opening else words, (row.cell("percent"),))


def share_each(rows: list[Row], regions: Regions) -> tuple[Said, list[Claim]]:
    """The one share of tied rows: "30 per cent each". Rows that round alike but differ
    (5 of 5 and 199 of 200) are said one by one: "all in A and more than 99 per cent in B"."""
    said = [region_share(r) for r in rows]
    if len({s.text for s in said}) == 1:
        return Said(f"{said[0].text} each", said[0].cites), []
    items, cites = [], []
    for row, share in zip(rows, said, strict=True):
        items.append(f"{'all' if row.is_all else share.text} in {regions.text_name(row.region)}")
        cites += [] if row.is_all else share.cites
    everyone = [r for r in rows if r.is_all]
    return Said(join_phrases(items), tuple(cites)), [reporting_claim("all", everyone)]


# ---------------------------------------------------------------------------------------------
# Lists of regions.


def all_in(rows: list[Row], regions: Regions) -> Said:
    """ "all Country Offices in A and in B"; of a region with one or two offices, "the one
    Country Office in A", "both Country Offices in A" (`say` capitalises an opening)."""
    where = in_regions(rows, regions)
    if len(rows) == 1 and rows[0].country_offices == 1:
        return Said(f"the one Country Office {where}", (rows[0].cell("country_offices"),))
    if len(rows) == 1 and rows[0].country_offices == 2:
        return Said(f"both Country Offices {where}")
    return Said(f"all Country Offices {where}")


def names(rows: list[Row], regions: Regions) -> list[str]:
    return [regions.text_name(r.region) for r in rows]


def in_regions(rows: list[Row], regions: Regions, conjunction: str = "and") -> str:
    """ "in Africa", "in Latin America and the Caribbean, and in Africa"."""
    return join_phrases(names(rows, regions), conjunction, before_each="in")


def by_share(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.percent, r.region))


def shares_listed(rows: list[Row], regions: Regions, opening: bool) -> Said:
    """ "Sixteen per cent of Country Offices in Asia and the Pacific, and 13 per cent in the
    Arab States region"; regions with one share named together."""
    groups: list[list[Row]] = []
    for row in by_share(rows):
        if groups and groups[-1][0].percent == row.percent:
            groups[-1].append(row)
        else:
            groups.append([row])
    items, cites = [], []
    for i, group in enumerate(groups):
        share = region_share(group[0], opening=opening and i == 0)
        of = " of Country Offices" if i == 0 else ""
        items.append(f"{share.text}{of} {in_regions(group, regions)}")
        cites += share.cites
    return Said(join_phrases(items), tuple(cites))


def all_offices(row: Row) -> Said:
    """ "all 127 UNFPA Country Offices", "both ...", "the one UNFPA Country Office"."""
    if row.country_offices == 1:
        return Said("the one UNFPA Country Office", (row.cell("country_offices"),))
    if row.country_offices == 2:
        return Said("both UNFPA Country Offices")
    return Said(
        f"all {number(row.country_offices)} UNFPA Country Offices", (row.cell("country_offices"),)
    )


def none_sentence(rows: list[Row], regions: Regions, what: str) -> Sentence:
    return say(
        f"No Country Office {in_regions(rows, regions, 'or')} reported {what}.",
        claims=[reporting_claim("none", rows)],
    )


def with_table_reference(sentences: list[Sentence], number_: int) -> list[Sentence]:
    """The paragraph points to its table at its end, as the paper's do, unless it names it."""
    last = sentences[-1]
    if any(f"Table {number_}" in s.text for s in sentences):
        return sentences
    text = f"{last.text[:-1]} (Table {number_})."
    return [*sentences[:-1], Sentence(text, last.cites, last.claims)]


def one_region_sentence(row: Row, regions: Regions, year: int) -> Sentence:
    """A year with one region names it: the totals are that region's."""
    if row.country_offices == 1:
        return say(
            f"The {year} roster has ",
            count(row, "country_offices"),
            f" Country Office, in {regions.text_name(row.region)}.",
        )
    return say(f"The {year} roster has Country Offices in {regions.text_name(row.region)} only.")


NO_REPORT = "no_report"  # the cells a no-report sentence states: (Total, NO_REPORT, column)


NoReport = int | dict[str, int]  # offices that sent no report: in all, or by region


def _missing(no_report: NoReport) -> tuple[int, dict[str, int]]:
    if isinstance(no_report, int):
        return no_report, {}
    return sum(no_report.values()), dict(no_report)


def _silent(rows: list[Row], regions: Regions) -> Said:
    """The regions none of whose offices sent a report: "every Country Office in Africa",
    "the one Country Office in the Arab States region", "both ..."."""
    items, cites = [], []
    for row in rows:
        where = in_regions([row], regions)
        if row.country_offices == 1:
            items.append(f"the one Country Office {where}")
            cites.append(row.cell("country_offices"))
        elif row.country_offices == 2:
            items.append(f"both Country Offices {where}")
        else:
            items.append(f"every Country Office {where}")
    return Said(join_phrases(items), tuple(cites))


def no_report_sentence(
    no_report: NoReport, by_region: list[Row], total: Row, year: int, what: str, regions: Regions
) -> Sentence | None:
    """How many offices sent no report, of how many, and the regions where none did: each
    per cent counts them as reporting nothing, which a reader must know to read it (a
    region's 0 per cent is then no report at all). None when every office reported."""
    missing, missing_by_region = _missing(no_report)
    if missing == 0:
        return None
    offices = total.country_offices
    reported = Row(TOTAL, NO_REPORT, offices, missing, percent(missing, offices))
    counted = f"{'is' if missing == 1 else 'are'} counted as reporting {what}"
    if offices == 1:
        return say(
            "The ", count(reported, "country_offices"), f" Country Office sent no report for "
            f"{year} and {counted}."
        )  # fmt: skip
    if missing == offices:
        return say(
            "None of the ",
            count(reported, "country_offices"),
            f" Country Offices sent a report for {year}; each is counted as reporting {what}.",
        )
    silent = [r for r in by_region if missing_by_region.get(r.region, 0) == r.country_offices]
    among: tuple[str | Said, ...] = ()
    if silent:
        lead = "among them " if missing > sum(r.country_offices for r in silent) else ""
        among = (f" ({lead}", _silent(silent, regions), ")")
    return say(
        "Of the ",
        count(reported, "country_offices"),
        " Country Offices, ",
        count(reported),
        f" sent no report for {year}",
        *among,
        f" and {counted}.",
    )


def claimed(sentence: Sentence) -> set[Cell]:
    return {cell for claim in sentence.claims for cell in claim.cells}
