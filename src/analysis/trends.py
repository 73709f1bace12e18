"""Trends: every year's Table 1 and Table 2 side by side, each year shown as it was reported.

The tables are read as each year's run wrote them; nothing is recomputed. When the regions
change between two years (UNFPA split Africa in 2013), the years on either side keep their own
regions: the change is found in the data, marked on the charts and explained in the text, and
no region is merged, renamed or dropped. Which region was carved out of which comes from the
region list's `split_from` column, so a new region or alias needs no change here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import tables
from .errors import InputError, Problem
from .paths import TABLE1_FILE, TABLE2_FILE, available_years, check_year, display_path
from .regions import TOTAL, Regions
from .schema import (
    ACTIVITY_LABELS,
    AT_LEAST_ONE,
    TABLE1_ACTIVITIES,
    TABLE2_ACTIVITIES,
    TABLE_COLUMNS,
)

__all__ = ["available_years"]  # re-exported: the notebook and tests find years here

COLUMNS = ("year", *TABLE_COLUMNS)
INTEGER_COLUMNS = ("year", "country_offices", "offices_reporting", "percent")
# The contract's order: Table 1's activity, Table 2's six, then "at least one".
ACTIVITIES = (*TABLE1_ACTIVITIES, *TABLE2_ACTIVITIES, AT_LEAST_ONE)
CAPACITY = TABLE1_ACTIVITIES[0]


@dataclass(frozen=True)
class Measure:
    """One of the two measures followed over the years, and how the page names it."""

    activity: str
    phrase: str  # how a sentence names the offices it counts
    label: str  # its column in the table of all regions by year
    heading: str  # the page's section on it, by region


# The measures, by the file stem of their chart.
MEASURES = {
    "trends_capacity_building": Measure(
        CAPACITY,
        "supporting training/capacity-building",
        "Training/capacity-building",
        "Training/capacity-building (Table 1), by region",
    ),
    "trends_at_least_one": Measure(
        AT_LEAST_ONE,
        "reporting at least one of the six activities of Table 2",
        "At least one of the six activities",
        "At least one of the six activities (Table 2), by region",
    ),
}
MEASURE_OF = {measure.activity: measure for measure in MEASURES.values()}
ABSENT = "\u2013"  # en dash: the region is not in that year's tables


@dataclass(frozen=True)
class SchemeChange:
    """Between two consecutive years with tables, the regions that ended and those that began."""

    year: int  # the first year with the new regions
    previous_year: int  # the year before it with tables
    ended: list[str]  # in the previous year's tables, not in this year's
    began: list[str]  # in this year's tables, not in the previous year's


# ---------------------------------------------------------------------------------------------
# Which years, and the trends table.


def select_years(out_dir: Path, years: object = "") -> list[int]:
    """The notebook's `years` parameter: "" for every year with tables, else "2010,2011" (or
    one year). A year named but without both tables is the user's mistake."""
    names = [part for part in re.split(r"[,\s]+", str(years).strip()) if part]
    if not names:
        return available_years(out_dir)
    chosen = sorted({check_year(name) for name in names})
    missing = [
        Problem(
            display_path(out_dir / str(year) / name),
            f"no table for {year}; run the year first (python -m analysis run --year {year})",
        )
        for year in chosen
        for name in (TABLE1_FILE, TABLE2_FILE)
        if not (out_dir / str(year) / name).is_file()
    ]
    if missing:
        raise InputError(missing)
    return chosen


def _read_table(path: Path, year: int) -> pd.DataFrame:
    table = tables.read(path)
    if tuple(table.columns) != TABLE_COLUMNS:
        raise InputError(
            Problem(
                display_path(path),
                f"columns are {', '.join(table.columns)}; expected {', '.join(TABLE_COLUMNS)}",
            )
        )
    unknown = sorted(set(table["activity"]) - set(ACTIVITIES))
    if unknown:
        raise InputError(
            Problem(
                display_path(path),
                f"not an activity of the contract; expected one of {', '.join(ACTIVITIES)}",
                column="activity",
                value=unknown[0],
            )
        )
    return table.assign(year=year)


def collect(out_dir: Path, years: list[int]) -> pd.DataFrame:
    """Every row of every year's Table 1 and Table 2, with its year: by year, then activity in
    the contract's order, then region as the year's tables order them (alphabetical, Total last).
    """
    frames = [
        _read_table(out_dir / str(year) / name, year)
        for year in years
        for name in (TABLE1_FILE, TABLE2_FILE)
    ]
    if not frames:
        return pd.DataFrame(
            {c: pd.Series(dtype=int if c in INTEGER_COLUMNS else str) for c in COLUMNS}
        )
    trends = pd.concat(frames, ignore_index=True)[list(COLUMNS)]
    trends = trends.astype({c: int for c in INTEGER_COLUMNS})
    rank = {activity: i for i, activity in enumerate(ACTIVITIES)}
    ordered = trends.assign(
        _activity=trends["activity"].map(rank), _total=trends["region"].eq(TOTAL)
    ).sort_values(["year", "_activity", "_total", "region"], kind="stable")
    repeated = ordered.duplicated(["year", "activity", "region"])
    if repeated.any():
        first = ordered[repeated].iloc[0]
        raise InputError(
            f"the {first['year']} tables hold the row of {first['region']!r} and "
            f"{first['activity']!r} more than once"
        )
    return ordered.drop(columns=["_activity", "_total"]).reset_index(drop=True)


def regions_by_year(trends: pd.DataFrame) -> dict[int, set[str]]:
    """Each year's regions (not Total)."""
    return {int(year): set(rows["region"]) - {TOTAL} for year, rows in trends.groupby("year")}


def years_of(trends: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in trends["year"].unique())


# ---------------------------------------------------------------------------------------------
# Changes of region scheme, found in the data.


def scheme_changes(trends: pd.DataFrame) -> list[SchemeChange]:
    """Each pair of consecutive years whose regions differ: which ended, which began."""
    by_year = regions_by_year(trends)
    years = sorted(by_year)
    changes = []
    for previous, year in zip(years, years[1:], strict=False):
        before, after = by_year[previous], by_year[year]
        if before != after:
            changes.append(
                SchemeChange(year, previous, sorted(before - after), sorted(after - before))
            )
    return changes


def _splits(change: SchemeChange, regions: Regions) -> list[tuple[str, list[str]]]:
    """(region that ended, the regions that began carved out of it), from the region list."""
    found = []
    for parent in change.ended:
        children = [r for r in change.began if regions.split_from.get(r) == parent]
        if children:
            found.append((parent, children))
    return found


def _merges(change: SchemeChange, regions: Regions, done: set[str]) -> list[tuple[list[str], str]]:
    """(regions that ended, the region that began which they had been carved out of)."""
    found = []
    for whole in change.began:
        parts = [r for r in change.ended if r not in done and regions.split_from.get(r) == whole]
        if parts and whole not in done:
            found.append((parts, whole))
    return found


def classify(change: SchemeChange, regions: Regions):
    """(splits, merges, regions that only ended, regions that only began)."""
    splits = _splits(change, regions)
    done = {r for parent, children in splits for r in (parent, *children)}
    merges = _merges(change, regions, done)
    done |= {r for parts, whole in merges for r in (*parts, whole)}
    ended = [r for r in change.ended if r not in done]
    began = [r for r in change.began if r not in done]
    return splits, merges, ended, began


def runs(present: list[int], years: list[int]) -> list[list[int]]:
    """The years a region is in, cut wherever a year with tables lacks it: lines never bridge
    a year the region was not reported in."""
    runs: list[list[int]] = []
    for year in years:
        if year in present:
            if runs and years.index(year) - years.index(runs[-1][-1]) == 1:
                runs[-1].append(year)
            else:
                runs.append([year])
    return runs


def span(present: list[int], years: list[int]) -> str:
    found = runs(present, years)
    return ", ".join(f"{r[0]}\u2013{r[-1]}" if len(r) > 1 else str(r[0]) for r in found)


# ---------------------------------------------------------------------------------------------
# Tables of the page.


def totals_table(trends: pd.DataFrame) -> pd.DataFrame:
    """Years as rows: Country Offices, and for each measure "reporting (per cent)", all regions."""
    totals = trends[(trends["region"] == TOTAL) & trends["activity"].isin(MEASURE_OF)]
    by_year = tables.readable(totals.assign(region=totals["year"].astype(str)))
    labels = {ACTIVITY_LABELS[a]: m.label for a, m in MEASURE_OF.items()}
    return by_year.rename(columns=labels).rename_axis("Year")


def combined_label(series: Series) -> str:
    """A combined series' row in the page's tables: "Africa, combined"."""
    return f"{series.region}, combined"


def region_year_table(
    trends: pd.DataFrame, activity: str, regions: Regions | None = None
) -> pd.DataFrame:
    """Regions as rows (Total last), years as columns, the per cent; a dash where a region is
    not in a year's tables. With the region list, a region split within these years is also
    followed across the split, on a row of its own before Total (`combined_series`)."""
    rows = trends[trends["activity"] == activity]
    order = [*sorted(set(rows["region"]) - {TOTAL}), TOTAL]
    columns = zip(rows["region"], rows["year"], rows["percent"], strict=True)
    cells = {(r, int(y)): f"{int(p)}%" for r, y, p in columns}
    combined = combined_series(trends, activity, regions) if regions is not None else []
    for series in combined:
        cells |= {(combined_label(series), p.year): f"{p.percent}%" for p in series.points}
    order[-1:-1] = [combined_label(s) for s in combined]
    frame = pd.DataFrame(index=pd.Index(order, name="Region"))
    for year in years_of(rows):
        frame[str(year)] = [cells.get((r, year), ABSENT) for r in order]
    return frame


# ---------------------------------------------------------------------------------------------
# Series and their changes from one year to the next.

# A change resting on this many Country Offices reporting, or fewer, is too few to read as a
# trend: the page says so beside it.
FEW_OFFICES = 2


@dataclass(frozen=True)
class Point:
    """A series in one year: offices reporting, of all offices, and the per cent."""

    year: int
    offices_reporting: int
    country_offices: int
    percent: int


@dataclass(frozen=True)
class Series:
    """One region's (or all regions') per cent of a measure over the years it is in. A
    combined series (`parts` not empty) is a region that was split, followed across the
    split: as reported where it is, its parts added together where they are."""

    region: str
    activity: str
    points: tuple[Point, ...]
    parts: tuple[str, ...] = ()

    def at(self, year: int) -> Point | None:
        return next((p for p in self.points if p.year == year), None)


@dataclass(frozen=True)
class Change:
    """A series from one year with tables to the next."""

    series: Series
    before: Point
    after: Point

    @property
    def points(self) -> int:
        """In percentage points."""
        return self.after.percent - self.before.percent

    @property
    def offices_change(self) -> int:
        """How many more Country Offices reported (fewer when negative)."""
        return self.after.offices_reporting - self.before.offices_reporting

    @property
    def rests_on_few(self) -> bool:
        return abs(self.offices_change) <= FEW_OFFICES


def _point(year: int, row) -> Point:
    return Point(
        year, int(row["offices_reporting"]), int(row["country_offices"]), int(row["percent"])
    )


def reported_series(trends: pd.DataFrame, activity: str) -> list[Series]:
    """Each region as reported, alphabetical, then Total."""
    rows = trends[trends["activity"] == activity]
    names = [*sorted(set(rows["region"]) - {TOTAL}), TOTAL]
    return [
        Series(
            name,
            activity,
            tuple(_point(int(r["year"]), r) for _, r in rows[rows["region"] == name].iterrows()),
        )
        for name in names
        if name in set(rows["region"])
    ]


def combined_series(trends: pd.DataFrame, activity: str, regions: Regions) -> list[Series]:
    """Each region split within these years (Africa into East and Southern Africa and West and
    Central Africa), followed across the split: as reported in the years it is in the tables,
    its parts added together in the others. The parts add up exactly, as every Country Office
    is in one region: counts are summed and the per cent is computed from the sums."""
    rows = trends[trends["activity"] == activity]
    present = set(rows["region"])
    found = []
    for parent in sorted(set(regions.split_from.values()) & present):
        parts = tuple(
            sorted(r for r, p in regions.split_from.items() if p == parent and r in present)
        )
        if not parts:
            continue
        points = []
        for year in years_of(rows):
            in_year = rows[rows["year"] == year].set_index("region")
            if parent in in_year.index:
                points.append(_point(year, in_year.loc[parent]))
                continue
            here = [r for r in parts if r in in_year.index]
            if here:
                reporting = int(in_year.loc[here, "offices_reporting"].sum())
                offices = int(in_year.loc[here, "country_offices"].sum())
                points.append(Point(year, reporting, offices, tables.percent(reporting, offices)))
        found.append(Series(parent, activity, tuple(points), parts))
    return found


def year_on_year(series: Series, years: list[int]) -> list[Change]:
    """The series' changes between consecutive years with tables, where it is in both."""
    changes = []
    for before_year, after_year in zip(years, years[1:], strict=False):
        before, after = series.at(before_year), series.at(after_year)
        if before is not None and after is not None:
            changes.append(Change(series, before, after))
    return changes


def regional_changes(trends: pd.DataFrame, activity: str, regions: Regions) -> list[Change]:
    """Every region's change from each year with tables to the next; across a split, the
    combined series' change, where the regions as reported cannot be compared."""
    years = years_of(trends)
    reported = [s for s in reported_series(trends, activity) if s.region != TOTAL]
    changes = [c for s in reported for c in year_on_year(s, years)]
    by_region = {s.region: s for s in reported}
    for combined in combined_series(trends, activity, regions):
        for change in year_on_year(combined, years):
            pair = (change.before.year, change.after.year)
            covered = [
                r
                for r in (combined.region, *combined.parts)
                if r in by_region and all(by_region[r].at(y) is not None for y in pair)
            ]
            if not covered:
                changes.append(change)
    return changes
