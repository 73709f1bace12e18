"""The trends page's sentences: how each measure changed, year by year, and the changes of
regions, every number read from the trends table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import display_path
from .regions import TOTAL, Regions
from .trends import (
    FEW_OFFICES,
    MEASURE_OF,
    Change,
    Point,
    SchemeChange,
    classify,
    combined_label,
    combined_series,
    regional_changes,
    reported_series,
    scheme_changes,
    years_of,
)
from .words import (
    capitalise,
    join_names,
    noun,
    number,
    number_words,
    numbers,
    per_cent,
)


def change_label(change: SchemeChange, regions: Regions) -> str:
    """What a chart writes by the change: "2013: Africa split into A and B", or, where
    years between have no tables, "2011–2014: …" (when in between is not known)."""
    splits, merges, ended, began = classify(change, regions)
    phrases = [f"{parent} split into {join_names(children)}" for parent, children in splits]
    phrases += [f"{join_names(parts)} merged into {whole}" for parts, whole in merges]
    phrases += [f"{region} no longer in the tables" for region in ended]
    phrases += [f"{region} in the tables" for region in began]
    previous, year = change.previous_year, change.year
    when = str(year) if year == previous + 1 else f"{previous}\u2013{year}"
    return f"{when}: " + "; ".join(phrases)


def change_paragraph(change: SchemeChange, regions: Regions) -> str:
    """A change of regions explained, and how the figures on either side of it are shown."""
    name = regions.text_name
    previous, year = change.previous_year, change.year
    when = f"In {year}" if year == previous + 1 else f"Between {previous} and {year}"
    splits, merges, ended, began = classify(change, regions)
    sentences = []
    for parent, children in splits:
        new = join_names([name(r) for r in children])
        sentences.append(
            f"{when}, {name(parent)} was split into {new}: the {previous} tables show "
            f"{name(parent)}, and those of {year} show {new} instead."
        )
    for parts, whole in merges:
        old = join_names([name(r) for r in parts])
        verb = "were" if len(parts) > 1 else "was"
        sentences.append(
            f"{when}, {old} {verb} merged into {name(whole)}: the {previous} tables show {old}, "
            f"and those of {year} show {name(whole)} instead."
        )
    for region in ended:
        sentences.append(
            f"{capitalise(name(region))} is in the {previous} tables but not in those of {year}."
        )
    for region in began:
        parent = regions.split_from.get(region)
        carved = f", carved out of {name(parent)} according to the region list," if parent else ""
        sentences.append(
            f"{capitalise(name(region))}{carved} is in the {year} tables but not in those of "
            f"{previous}."
        )
    if splits or merges:
        sentences.append(
            "Figures on either side of the change are shown as each year reported them: they are "
            "not merged, and the charts mark the change with a dotted line. The totals cover all "
            "Country Offices in every year, whichever regions they were in."
        )
    for parent, children in splits:
        parts = join_names([name(r) for r in children])
        sentences.append(
            f"To compare {name(parent)} across the change, the tables also show "
            f"\u201c{parent}, combined\u201d: {name(parent)} as reported up to {previous}, and "
            f"from {year} {parts} added together. Every Country Office is in one region, so the "
            "parts add up exactly: their Country Offices and those reporting are summed, and the "
            "per cent is computed from the sums."
        )
    if ended or began:
        sentences.append(
            "A region is in a year's tables only when that year's roster has a Country Office "
            "in it. Nothing is filled in for a year without it: its line on the charts stops "
            "there, and the change is marked with a dotted line."
        )
    return " ".join(sentences)


# ---------------------------------------------------------------------------------------------
# How each measure changed: all regions over every year, and each region from year to year.


def percentage_points(n: int) -> str:
    return f"{abs(n)} percentage {'point' if abs(n) == 1 else 'points'}"


def counts(point: Point, noun_first: bool = True) -> str:
    """ "5 of 11 Country Offices (45 per cent)"; "none of seven ...", "all 12 ..."; the noun
    only the first time in a sentence ("to 8 of 11 (73 per cent)")."""
    n, of = point.offices_reporting, point.country_offices
    offices = f" Country {noun(of, 'Office')}" if noun_first else ""
    if n == 0:
        return f"none of {number(of)}{offices}"
    if n == of:
        return f"all {number(of)}{offices}"
    shown = per_cent(point.percent)
    if point.percent == 0:
        shown = "less than 1 per cent"
    elif point.percent == 100:
        shown = "more than 99 per cent"
    words = numbers([n, of])
    return f"{words[0]} of {words[1]}{offices} ({shown})"


def tied_share(points: list[Point]) -> str:
    """The one per cent of several years, as `counts` says a share: "all" or "none" where
    every year's count is, never 100 or 0 per cent of some."""
    value = points[0].percent
    if all(p.offices_reporting == p.country_offices for p in points):
        return "all Country Offices"
    if all(p.offices_reporting == 0 for p in points):
        return "none"
    if value == 100:
        return "more than 99 per cent"
    if value == 0:
        return "less than 1 per cent"
    return per_cent(value)


def from_to(before: Point, after: Point) -> str:
    return (
        f"from {counts(before)} in {before.year} to {counts(after, noun_first=False)} in "
        f"{after.year}"
    )


def _subject(activity: str) -> str:
    return f"the share of Country Offices {MEASURE_OF[activity].phrase}"


def total_sentence(trends: pd.DataFrame, activity: str, lead: str = "Across all regions") -> str:
    """All regions: the first year against the last, in percentage points with the counts
    behind them, and a year between that was higher or lower than both."""
    [total] = [s for s in reported_series(trends, activity) if s.region == TOTAL]
    first, last = total.points[0], total.points[-1]
    if first.percent == last.percent:
        said = (
            f"{lead}, {_subject(activity)} was the same in {first.year} and {last.year}: "
            f"{counts(first)} and {counts(last, noun_first=False)}"
        )
    else:
        verb = "rose" if last.percent > first.percent else "fell"
        said = (
            f"{lead}, {_subject(activity)} {verb} by "
            f"{percentage_points(last.percent - first.percent)}, {from_to(first, last)}"
        )
    between = total.points[1:-1]
    ends = (first.percent, last.percent)
    for word, extreme in (("highest", max), ("lowest", min)):
        value = extreme((p.percent for p in between), default=None)
        if value is not None and value not in ends and extreme(value, *ends) == value:
            years = [p for p in between if p.percent == value]
            if len(years) == 1:
                said += f"; it was {word} in {years[0].year}, at {counts(years[0], False)}"
            else:  # one per cent, maybe of different counts: "(30 of 40 and 31 of 41)"
                of = join_names([" of ".join(numbers([p.offices_reporting, p.country_offices]))
                                 for p in years])  # fmt: skip
                said += (
                    f"; it was {word} in {join_names([str(p.year) for p in years])}, at "
                    f"{tied_share(years)} ({of})"
                )
    return f"{said}."


def series_name(change: Change, regions: Regions, trends: pd.DataFrame) -> str:
    """A region as the text names it; a combined series says which years add up its parts."""
    series = change.series
    name = regions.text_name(series.region)
    if not series.parts:
        return name
    reported = set(trends.loc[trends["region"] == series.region, "year"].astype(int))
    summed = [p.year for p in (change.before, change.after) if p.year not in reported]
    parts = join_names([regions.text_name(r) for r in series.parts])
    return f"{name} ({parts} added together in {join_names([str(y) for y in summed])})"


def change_clause(change: Change, regions: Regions, trends: pd.DataFrame) -> str:
    return f"in {series_name(change, regions, trends)}, {from_to(change.before, change.after)}"


def few_offices(change: Change) -> str:
    """What a change rests on, when that is too few Country Offices to read as a trend."""
    k = change.offices_change
    if k == 0:
        return (
            "as many Country Offices reporting in both years (the number of Country Offices "
            "changed)"
        )
    more = "more" if k > 0 else "fewer"
    return f"{number(abs(k))} {more} Country {'Office' if abs(k) == 1 else 'Offices'} reporting"


def interval(changes: list[Change]) -> str:
    """When the changes happened, as a sentence says it: "from one year to the next" where
    each is between consecutive years, "between 2011 and 2014" where all are between the same
    two years that are not, else "from one year with tables to the next"."""
    spans = {(c.before.year, c.after.year) for c in changes}
    if all(after == before + 1 for before, after in spans):
        return "from one year to the next"
    if len(spans) == 1:
        [(before, after)] = spans
        return f"between {before} and {after}"
    return "from one year with tables to the next"


def movement_sentences(
    changes: list[Change], direction: int, activity: str, regions: Regions, trends: pd.DataFrame
) -> list[str]:
    """The largest rise (direction 1) or fall (-1) from one year to the next, ties named
    together. A change resting on FEW_OFFICES or fewer is not called the largest while another
    is not: it is named as larger, with a caution. Nothing is said to be left aside, since
    a change of few offices may still be named (with its caution) here or in the other
    direction's sentences."""
    word, verb = ("rise", "rose") if direction > 0 else ("fall", "fell")
    moves = [c for c in changes if c.points * direction > 0]
    subject = capitalise(_subject(activity))
    if not moves:
        return [f"{subject} {verb} in no region {interval(changes)}."]
    solid = [c for c in moves if not c.rests_on_few]
    pool = solid or moves
    if solid and len(solid) < len(moves):
        subject = (
            f"Counting only changes of more than {number_words(FEW_OFFICES)} Country Offices "
            f"reporting, {_subject(activity)}"
        )
    best = max(abs(c.points) for c in pool)
    top = [c for c in pool if abs(c.points) == best]
    how = " only" if len(pool) == 1 else ("" if len(top) == len(pool) else " most")
    if len(top) == 1:
        change = top[0]
        sentences = [
            f"{subject} {verb}{how} {interval(top)} in "
            f"{series_name(change, regions, trends)}, by {percentage_points(best)}: "
            f"{from_to(change.before, change.after)}."
        ]
    else:
        clauses = "; and ".join(change_clause(c, regions, trends) for c in top)
        where = f" in {number_words(len(top))} cases only" if not how else how  # all alike
        sentences = [
            f"{subject} {verb}{where} {interval(top)}, by {percentage_points(best)} "
            f"each: {clauses}."
        ]
    if not solid:
        rests = "It rests" if len(top) == 1 else "Each rests"
        sentences.append(
            f"{rests} on {join_names([few_offices(c) for c in top])}: too few to read as a trend."
        )
    else:
        larger = [c for c in moves if c.rests_on_few and abs(c.points) > best]
        if larger:
            most_of = max(larger, key=lambda c: abs(c.points))
            sentences.append(
                f"A larger {word} in {series_name(most_of, regions, trends)}, of "
                f"{percentage_points(most_of.points)} {from_to(most_of.before, most_of.after)}, "
                f"rests on {few_offices(most_of)}: too few to read as a trend."
            )
    return sentences


def regional_sentences(trends: pd.DataFrame, activity: str, regions: Regions) -> list[str]:
    """Each region from every year with tables to the next: the largest rise and fall."""
    changes = regional_changes(trends, activity, regions)
    if not changes:
        return [
            "No region is in the tables of two successive years with tables, so no region's "
            f"share of Country Offices {MEASURE_OF[activity].phrase} is compared from year to "
            "year."
        ]
    if all(c.points == 0 for c in changes):
        return [
            f"{capitalise(interval(changes))}, {_subject(activity)} did not change in any region."
        ]
    return [
        *movement_sentences(changes, 1, activity, regions, trends),
        *movement_sentences(changes, -1, activity, regions, trends),
    ]


def overview_paragraphs(trends: pd.DataFrame, regions: Regions) -> list[str]:
    """The years compared and the totals; then, per measure, the regions' largest changes."""
    years = years_of(trends)
    measures = list(MEASURE_OF)
    first = [
        f"This comparison uses the tables of {join_names([str(y) for y in years])}.",
        total_sentence(trends, measures[0]),
        *(total_sentence(trends, a, "Over the same years") for a in measures[1:]),
    ]
    return [" ".join(first), *(" ".join(regional_sentences(trends, a, regions)) for a in measures)]


def combined_notes(trends: pd.DataFrame, activity: str, regions: Regions) -> list[str]:
    """Under a table with a combined row: what it adds up, and in which years."""
    notes = []
    for series in combined_series(trends, activity, regions):
        reported = sorted(set(trends.loc[trends["region"] == series.region, "year"].astype(int)))
        summed = [p.year for p in series.points if p.year not in reported]
        notes.append(
            f"{combined_label(series)}: {series.region} as reported in "
            f"{join_names([str(y) for y in reported])}; "
            f"{join_names(list(series.parts))} added together in "
            f"{join_names([str(y) for y in summed])} (Country Offices and those reporting "
            "summed, the per cent computed from the sums)."
        )
    return notes


def scheme_paragraphs(trends: pd.DataFrame, regions: Regions) -> list[str]:
    return [change_paragraph(change, regions) for change in scheme_changes(trends)]


def skip_note(years: list[int], out_dir: Path | None = None, named: bool = False) -> str:
    """Why there is nothing to draw: fewer than two years. `years`: the years found with tables
    in `out_dir`, or (`named`) the years the user asked for."""
    where = f" in {display_path(out_dir)}" if out_dir is not None else ""
    listed = join_names([str(y) for y in years])
    if named:
        found = f"Only {listed} was asked for"
        advice = "Name two or more years, or leave `years` empty to take every year with tables."
    else:
        found = f"Only {listed} has tables{where}" if years else f"No year has tables{where} yet"
        advice = "Run another year first (python -m analysis run --year YEAR)."
    return (
        f"{found}, and trends need at least two years: the trends step is skipped and nothing "
        f"is written. {advice}"
    )
