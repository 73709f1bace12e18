"""The report's sentences, generated from the tables in the paper's voice (UN style).

Each sentence is built from claims read off a table by small pure functions (which regions
hold the highest share, whether all or none report, ...), and says only what they and the
table's cells say: the paper's sentence where it is true of the data, else the nearest true
one. A `Sentence` carries the cells its numbers state, in the order they appear, and its
claims, so that a test can check both against the table. Nothing here is typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from .regions import TOTAL, Regions
from .schema import ACTIVITY_PHRASES, AT_LEAST_ONE, TABLE1_ACTIVITIES, TABLE2_ACTIVITIES
from .tables import percent
from .words import (
    LAST_IN_WORDS,
    capitalise,
    join_names,
    join_phrases,
    noun,
    number,
    number_words,
    numbers,
    per_cent,
)

__all__ = ["capitalise", "number_words", "per_cent"]  # re-exported: trends and tests use them

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

# What a Country Office does, per activity: the paper's "UNFPA Country Offices continue to
# engage in policy dialogue, facilitate policy formulation, ...".
ACTIVITY_VERBS = {
    "policy_dialogue": "engage in policy dialogue",
    "policy_formulation": "facilitate policy formulation",
    "advocacy": "undertake advocacy activities",
    "awareness_raising": "undertake awareness raising",
    "technical_assistance": "provide technical assistance",
    "data_collection_and_research": "support data collection and research",
}
_BOTH_UNDERTAKEN = "undertake advocacy activities and awareness raising"


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


def _cells(rows: list[Row], column: str) -> tuple[Cell, ...]:
    return tuple(r.cell(column) for r in rows)


def highest_claim(top: list[Row], rows: list[Row], column: str) -> Claim:
    others = [r for r in rows if r not in top]
    return Claim("highest", _cells(top, column), _cells(others, column))


def runner_up_claim(first: Row, second: Row, rows: list[Row], column: str) -> Claim:
    others = [r for r in rows if r not in (first, second)]
    return Claim("runner_up", _cells([first, second], column), _cells(others, column))


def reporting_claim(kind: str, rows: list[Row]) -> Claim:
    return Claim(kind, _cells(rows, "offices_reporting"))


# ---------------------------------------------------------------------------------------------
# Numbers and shares, as UN style says them.


def count(row: Row, column: str = "offices_reporting", opening: bool = False) -> Said:
    return Said(number(getattr(row, column), opening), (row.cell(column),))


def count_series(rows: list[Row], column: str) -> Said:
    """Counts said together ("40 and 35", "three and two"): one style for the series."""
    words = numbers([getattr(r, column) for r in rows])
    return Said(join_names(words), _cells(rows, column))


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


def _names(rows: list[Row], regions: Regions) -> list[str]:
    return [regions.text_name(r.region) for r in rows]


def in_regions(rows: list[Row], regions: Regions, conjunction: str = "and") -> str:
    """ "in Africa", "in Latin America and the Caribbean, and in Africa"."""
    return join_phrases(_names(rows, regions), conjunction, before_each="in")


def _by_share(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.percent, r.region))


def shares_listed(rows: list[Row], regions: Regions, opening: bool) -> Said:
    """ "Sixteen per cent of Country Offices in Asia and the Pacific, and 13 per cent in the
    Arab States region"; regions with one share named together."""
    groups: list[list[Row]] = []
    for row in _by_share(rows):
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


# ---------------------------------------------------------------------------------------------
# Section B: training/capacity building, from Table 1.


def _all_offices(row: Row) -> Said:
    """ "all 127 UNFPA Country Offices", "both ...", "the one UNFPA Country Office"."""
    if row.country_offices == 1:
        return Said("the one UNFPA Country Office", (row.cell("country_offices"),))
    if row.country_offices == 2:
        return Said("both UNFPA Country Offices")
    return Said(
        f"all {number(row.country_offices)} UNFPA Country Offices", (row.cell("country_offices"),)
    )


def capacity_total_sentence(total: Row, year: int) -> Sentence:
    doing = f"supporting {CAPACITY_WORDS} in {year}"
    if total.is_none and total.country_offices == 1:
        return say(
            "At country level, ",
            _all_offices(total),
            f" did not report {doing}.",
            claims=[reporting_claim("none", [total])],
        )
    if total.is_none:
        return say(
            f"At country level, no UNFPA Country Office reported {doing}.",
            claims=[reporting_claim("none", [total])],
        )
    if total.is_all:
        return say(
            "At country level, ",
            _all_offices(total),
            f" reported {doing}.",
            claims=[reporting_claim("all", [total])],
        )
    return say(
        "At country level, ",
        total_share(total),
        " of UNFPA Country Offices ",
        counts_of(total),
        f" reported {doing}.",
    )


def capacity_leaders_sentence(by_region: list[Row], regions: Regions) -> Sentence | None:
    """The highest share: a tie named as one, a close runner-up beside it."""
    top = highest(by_region, "percent")
    if not top:
        return None
    if len(top) == len(by_region):
        each, more = share_each(top, regions)
        return say(
            "Country Offices in every region reported the same share in this area, ",
            each,
            ".",
            claims=[Claim("same", _cells(top, "percent")), *more],
        )
    claims = [highest_claim(top, by_region, "percent")]
    if all(r.is_all for r in top):
        claims.append(reporting_claim("all", top))
    second = close_runner_up(by_region, "percent")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, by_region, "percent"))
        if top[0].is_all:
            return say(
                all_in(top, regions),
                f" reported {CAPACITY_WORDS}, the highest share, followed by ",
                region_share(second),
                f" {in_regions([second], regions)}.",
                claims=claims,
            )
        return say(
            f"Country Offices {in_regions([top[0], second], regions)} reported the two highest "
            "shares in this area, ",
            region_share(top[0]),
            " and ",
            region_share(second),
            ", respectively.",
            claims=claims,
        )
    if all(r.is_all for r in top):
        return say(
            all_in(top, regions),
            f" reported {CAPACITY_WORDS}, the highest share of any region.",
            claims=claims,
        )
    if len(top) == 1:
        return say(
            f"Country Offices {in_regions(top, regions)} reported the highest share in this area, ",
            region_share(top[0]),
            ".",
            claims=claims,
        )
    each, more = share_each(top, regions)
    return say(
        f"Country Offices {in_regions(top, regions)} reported the highest share in this area, ",
        each,
        ".",
        claims=[*claims, *more],
    )


def by_count_region(named: list[Row], rest: list[Row]) -> tuple[Row, Claim] | None:
    """The region the paper names by its count ("Ten UNFPA Country Offices in Africa ...
    also"): of those not yet named, the one with the most offices reporting, alone, when it
    has at least as many as a region named for its share; and how it compares with them."""
    doing = [r for r in rest if not r.is_none]
    top = highest(doing, "offices_reporting")
    if len(top) != 1 or not named:
        return None
    row, n = top[0], top[0].offices_reporting
    if n > max(r.offices_reporting for r in named):
        return row, Claim(
            "more_than", (row.cell("offices_reporting"),), _cells(named, "offices_reporting")
        )
    equal = [r for r in named if r.offices_reporting == n]
    if equal:
        return row, Claim(
            "as_many_as", (row.cell("offices_reporting"),), _cells(equal, "offices_reporting")
        )
    return None


def capacity_by_count_sentence(row: Row, claim: Claim, regions: Regions) -> Sentence:
    """The paper's "Ten UNFPA Country Offices in Africa, or 23 per cent of all Country Offices
    in the region, also ..."; a count above ten is not spelled out to open the sentence: the
    region opens it instead."""
    n = row.offices_reporting
    names = join_phrases([regions.text_name(c[0]) for c in claim.among], before_each="in")
    relation = "more than" if claim.kind == "more_than" else "as many as"
    offices = f" UNFPA Country {noun(n, 'Office')}"
    where = in_regions([row], regions)
    opening: tuple[str | Said, ...] = (
        (count(row, opening=True), f"{offices} {where}")
        if n <= LAST_IN_WORDS
        else (f"{where}, ", count(row), offices)
    )
    return say(
        *opening,
        ", or ",
        region_share(row),
        " of all Country Offices in the region, also reported supporting "
        f"{CAPACITY_WORDS}, {relation} {names}.",
        claims=[claim],
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


def capacity_building_sentences(
    table1: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[Sentence]:
    """Section B's paragraph on training/capacity building, from Table 1; `no_report`: the
    offices that sent no report."""
    by_region, total = split_total(rows_by_activity(table1)[CAPACITY])
    sentences = [capacity_total_sentence(total, year)]
    missing = no_report_sentence(no_report, by_region, total, year, f"no {CAPACITY_WORDS}", regions)
    if missing is not None:
        sentences.append(missing)
    if len(by_region) == 1:
        sentences.append(one_region_sentence(by_region[0], regions, year))
    elif not total.is_none and not total.is_all:
        leaders = capacity_leaders_sentence(by_region, regions)
        named = []  # no leader when every region's per cent rounds to 0: they are only listed
        if leaders is not None:
            sentences.append(leaders)
            named = [r for r in by_region if r.cell("percent") in _claimed(leaders)]
        rest = [r for r in by_region if r not in named]
        by_count = by_count_region(named, rest)
        if by_count is not None:
            sentences.append(capacity_by_count_sentence(*by_count, regions))
            rest.remove(by_count[0])
        doing = [r for r in rest if not r.is_none]
        if doing:
            sentences.append(
                say(
                    shares_listed(doing, regions, opening=True),
                    f" {'also ' if named else ''}supported {CAPACITY_WORDS}.",
                    claims=[reporting_claim("some", doing)],
                )
            )
        none = [r for r in by_region if r.is_none]
        if none:
            sentences.append(none_sentence(none, regions, CAPACITY_WORDS))
    return with_table_reference(sentences, 1)


def _claimed(sentence: Sentence) -> set[Cell]:
    return {cell for claim in sentence.claims for cell in claim.cells}


# ---------------------------------------------------------------------------------------------
# Section C: the six activities, from Table 2.


def engage_sentence(totals: list[Row]) -> Sentence:
    """The paper's opening, of the activities some Country Office reported; of a year's one
    Country Office, in the singular ("The one UNFPA Country Office engages in ...")."""
    verbs = [ACTIVITY_VERBS[r.activity] for r in totals if not r.is_none]
    if ACTIVITY_VERBS["advocacy"] in verbs and ACTIVITY_VERBS["awareness_raising"] in verbs:
        at = verbs.index(ACTIVITY_VERBS["advocacy"])
        verbs[at] = _BOTH_UNDERTAKEN
        verbs.remove(ACTIVITY_VERBS["awareness_raising"])
    subject: Said = Said("UNFPA Country Offices")
    if totals[0].country_offices == 1:
        subject = _all_offices(totals[0])
        verbs = [" ".join([v.split(" ", 1)[0] + "s", *v.split(" ", 1)[1:]]) for v in verbs]
    return say(
        subject,
        f" {join_phrases(verbs)} in the area of international migration.",
        claims=[reporting_claim("some", [r for r in totals if not r.is_none])],
    )


def _activities(rows: list[Row]) -> str:
    return join_phrases([ACTIVITY_PHRASES[r.activity] for r in rows])


def activities_sentence(totals: list[Row]) -> Sentence | None:
    """The most frequently reported activities, by count: a tie as a tie, a close second."""
    top = highest(totals, "offices_reporting")
    at_country = "at country level"
    if not top:
        return None
    if totals[0].country_offices == 1 and len(top) < len(totals):
        return None  # one office: what it did is said already; nothing to rank
    reported = [r for r in totals if not r.is_none]
    if len(reported) == 1:  # the only activity reported is no "most frequently reported"
        n = top[0].offices_reporting
        return say(
            _activities(top),
            f" was the only activity reported {at_country} (",
            count(top[0]),
            f" Country {noun(n, 'Office')}).",
            claims=[reporting_claim("some", top),
                    reporting_claim("none", [r for r in totals if r.is_none])],
        )  # fmt: skip
    if len(top) == len(totals):
        if top[0].is_all:
            # "All of them" needs two offices at least: the one office "reported each".
            subject = "All of them" if top[0].country_offices > 1 else "It"
            return say(
                f"{subject} reported each of these activities.",
                claims=[reporting_claim("all", top)],
            )
        return say(
            "Each of these activities was reported by the same number of Country Offices, ",
            count(top[0]),
            ".",
            claims=[Claim("same", _cells(top, "offices_reporting"))],
        )
    claims = [highest_claim(top, totals, "offices_reporting")]
    second = close_runner_up(totals, "offices_reporting")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, totals, "offices_reporting"))
        return say(
            _activities([top[0], second]),
            f" were the two most frequently reported activities {at_country} (",
            count_series([top[0], second], "offices_reporting"),
            " Country Offices, respectively).",
            claims=claims,
        )
    n = top[0].offices_reporting
    offices = f" Country {noun(n, 'Office')}"
    if len(top) == 1:
        return say(
            _activities(top),
            f" was the most frequently reported activity {at_country} (",
            count(top[0]),
            f"{offices}).",
            claims=claims,
        )
    return say(
        _activities(top),
        f" were the most frequently reported activities {at_country} (",
        count(top[0]),
        f"{offices} each).",
        claims=claims,
    )


def data_total_sentence(total: Row, totals: list[Row], year: int) -> Sentence:
    if total.is_none and total.country_offices == 1:
        listed = join_phrases([ACTIVITY_PHRASES[r.activity] for r in totals], "or")
        return say(
            _all_offices(total),
            f" did not report {listed} related to migration in {year}.",
            claims=[reporting_claim("none", [total, *totals])],
        )
    if total.is_none:
        listed = join_phrases([ACTIVITY_PHRASES[r.activity] for r in totals], "or")
        return say(
            f"No UNFPA Country Office reported {listed} related to migration in {year}.",
            claims=[reporting_claim("none", [total, *totals])],
        )
    areas = "activities in at least one of these areas related to migration"
    if total.is_all:
        return say(
            _all_offices(total), f" reported {areas}.", claims=[reporting_claim("all", [total])]
        )
    return say(
        total_share(total, opening=True),
        " of all UNFPA Country Offices ",
        counts_of(total),
        f" reported {areas}.",
    )


def data_regions_sentence(by_region: list[Row], regions: Regions) -> Sentence | None:
    """Where the share reporting at least one of the six was highest (the paper's "Table 2
    shows that such activities were most frequently undertaken in ...")."""
    top = highest(by_region, "percent")
    subject = "the share of Country Offices reporting at least one of these activities"
    if not top:
        return None
    if len(top) == len(by_region):
        each, more = share_each(top, regions)
        return say(
            f"Table 2 shows that {subject} was the same in every region, ",
            each,
            ".",
            claims=[Claim("same", _cells(top, "percent")), *more],
        )
    claims = [highest_claim(top, by_region, "percent")]
    second = close_runner_up(by_region, "percent")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, by_region, "percent"))
        if top[0].is_all:
            return say(
                "Table 2 shows that ",
                all_in(top, regions),
                " reported at least one of these activities, the highest share of any region, "
                "followed by ",
                region_share(second),
                f" {in_regions([second], regions)}.",
                claims=[*claims, reporting_claim("all", top)],
            )
        first_share, second_share = region_share(top[0]), region_share(second)
        items = [
            f"in {regions.text_name(top[0].region)} ({first_share.text})",
            f"in {regions.text_name(second.region)} ({second_share.text})",
        ]
        return say(
            "Table 2 shows that the two highest shares of Country Offices reporting at least one "
            "of these activities were ",
            Said(join_phrases(items), first_share.cites + second_share.cites),
            ".",
            claims=claims,
        )
    if all(r.is_all for r in top):
        claims.append(reporting_claim("all", top))
        return say(
            "Table 2 shows that ",
            all_in(top, regions),
            " reported at least one of these activities, the highest share of any region.",
            claims=claims,
        )
    if len(top) == 1:
        return say(
            f"Table 2 shows that {subject} was highest {in_regions(top, regions)} (",
            region_share(top[0]),
            ").",
            claims=claims,
        )
    each, more = share_each(top, regions)
    return say(
        f"Table 2 shows that {subject} was highest {in_regions(top, regions)}, ",
        each,
        ".",
        claims=[*claims, *more],
    )


def data_research_sentences(
    table2: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[Sentence]:
    """Section C's paragraph on the six activities, from Table 2; `no_report`: the offices
    that sent no report."""
    by_activity = rows_by_activity(table2)
    totals = [split_total(by_activity[a])[1] for a in TABLE2_ACTIVITIES]
    by_region, total = split_total(by_activity[AT_LEAST_ONE])
    missing = no_report_sentence(
        no_report, by_region, total, year, "none of these activities", regions
    )
    if total.is_none:
        first = [data_total_sentence(total, totals, year)]
        return with_table_reference([*first, *([missing] if missing else [])], 2)
    sentences = [engage_sentence(totals), data_total_sentence(total, totals, year)]
    if missing is not None:
        sentences.append(missing)
    most = activities_sentence(totals)
    if most is not None:
        sentences.append(most)
    if len(by_region) == 1:
        sentences.append(one_region_sentence(by_region[0], regions, year))
    elif not total.is_all:
        where = data_regions_sentence(by_region, regions)
        if where is not None:
            sentences.append(where)
        none = [r for r in by_region if r.is_none]
        if none:
            sentences.append(none_sentence(none, regions, "any of these activities"))
    return with_table_reference(sentences, 2)


def capacity_building_paragraph(
    table1: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[str]:
    return [s.text for s in capacity_building_sentences(table1, regions, year, no_report)]


def data_research_paragraph(
    table2: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[str]:
    return [s.text for s in data_research_sentences(table2, regions, year, no_report)]


# ---------------------------------------------------------------------------------------------
# Method.


def method_paragraphs(
    table1: pd.DataFrame,
    log: pd.DataFrame,
    offices: pd.DataFrame,
    year: int,
    listed_below: bool = False,
) -> list[str]:
    """How the figures were made: denominators, rounding, missing reports, duplicates. With
    `listed_below`, the offices without a report are left to a table after the paragraphs
    (the document's annex), not named in a sentence (the workbook's Source sheet)."""
    by_region, total = split_total(rows_by_activity(table1)[CAPACITY])
    n_offices, n_regions = total.country_offices, len(by_region)
    paragraphs = [
        "Each per cent is the number of Country Offices reporting an activity, divided by all "
        f"Country Offices of the region in the {year} roster "
        f"({number(n_offices)} Country {noun(n_offices, 'Office')} in {number(n_regions)} "
        f"{noun(n_regions, 'region')}), rounded to a whole number with halves rounded up. "
        "Counts are exact."
    ]
    missing = log.loc[log["event"] == "no_report", "country_office"].tolist()
    if missing:
        one = len(missing) == 1
        who = (
            f"the table below lists {'it' if one else 'them'} by region"
            if listed_below
            else join_names(missing)
        )
        paragraphs.append(
            f"{number(len(missing), opening=True)} Country {noun(len(missing), 'Office')} sent "
            f"no report for {year} and {'is' if one else 'are'} counted as reporting none of the "
            f"activities: {who}."
        )
    elif n_offices == 1:
        paragraphs.append(f"The one Country Office in the roster sent a report for {year}.")
    else:
        paragraphs.append(f"Every Country Office in the roster sent a report for {year}.")
    set_aside = log[log["event"] == "duplicate_set_aside"]
    if set_aside.empty:
        paragraphs.append("No Country Office submitted more than one report.")
    else:
        offices_named = join_names(sorted(set(set_aside["country_office"])))
        n_set_aside = len(set_aside)
        reports = "report was" if n_set_aside == 1 else "reports were"
        paragraphs.append(
            "Where a Country Office submitted more than one report, only its latest counts: "
            f"{number(n_set_aside)} other {reports} set aside ({offices_named})."
        )
    return paragraphs


def no_report_by_region(offices: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(region, how many, their names) of the offices that sent no report, regions in the
    tables' order (alphabetical), names as the roster spells them."""
    missing = offices[~offices["has_report"].astype(bool)]
    return [
        (str(region), len(group), join_names(sorted(group["country_office"].astype(str))))
        for region, group in missing.groupby("region", sort=True)
    ]
