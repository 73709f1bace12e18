"""Trends: every year's Table 1 and Table 2 side by side, each year shown as it was reported.

The tables are read as each year's run wrote them; nothing is recomputed. When the regions
change between two years (UNFPA split Africa in 2013), the years on either side keep their own
regions: the change is found in the data, marked on the charts and explained in the text, and
no region is merged, renamed or dropped. Which region was carved out of which comes from the
region list's `split_from` column, so a new region or alias needs no change here.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from . import charts, report, tables
from .errors import InputError, Problem
from .narrative import capitalise, per_cent
from .paths import (
    FIGURES_DIR,
    SYNTHETIC,
    TABLE1_FILE,
    TABLE2_FILE,
    TRENDS_FILE,
    TRENDS_HTML_FILE,
    UNDECLARED,
    DataStatus,
    available_years,
    check_year,
    display_path,
)
from .provenance import package_versions, write_text
from .regions import FALLBACK_COLOURS, TOTAL, Regions
from .schema import (
    ACTIVITY_LABELS,
    AT_LEAST_ONE,
    CHART_TITLES,
    TABLE1_ACTIVITIES,
    TABLE2_ACTIVITIES,
    TABLE_COLUMNS,
)
from .words import join_names

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
        "supporting training/capacity building",
        "Training/capacity building",
        "Training/capacity building (Table 1), by region",
    ),
    "trends_at_least_one": Measure(
        AT_LEAST_ONE,
        "reporting at least one data and research activity",
        "At least one data and research activity",
        "At least one data and research activity (Table 2), by region",
    ),
}
_MEASURE_OF = {measure.activity: measure for measure in MEASURES.values()}
LABEL_LINE_POINTS = 10.5  # one line of a change's label on a chart (8.5-point type)
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


def _regions_by_year(trends: pd.DataFrame) -> dict[int, set[str]]:
    """Each year's regions (not Total)."""
    return {int(year): set(rows["region"]) - {TOTAL} for year, rows in trends.groupby("year")}


def years_of(trends: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in trends["year"].unique())


# ---------------------------------------------------------------------------------------------
# Changes of region scheme, found in the data.


def scheme_changes(trends: pd.DataFrame) -> list[SchemeChange]:
    """Each pair of consecutive years whose regions differ: which ended, which began."""
    by_year = _regions_by_year(trends)
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


def _classify(change: SchemeChange, regions: Regions):
    splits = _splits(change, regions)
    done = {r for parent, children in splits for r in (parent, *children)}
    merges = _merges(change, regions, done)
    done |= {r for parts, whole in merges for r in (*parts, whole)}
    ended = [r for r in change.ended if r not in done]
    began = [r for r in change.began if r not in done]
    return splits, merges, ended, began


def change_label(change: SchemeChange, regions: Regions) -> str:
    """What a chart writes by the change: "2013: Africa split into A and B", or, where
    years between have no tables, "2011–2014: …" (when in between is not known)."""
    splits, merges, ended, began = _classify(change, regions)
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
    splits, merges, ended, began = _classify(change, regions)
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
            "not merged, the charts mark the change with a dotted line, and the regions before "
            "and after it are not compared with each other. The totals cover all Country Offices "
            "in every year, whichever regions they were in."
        )
    if ended or began:
        sentences.append(
            "A region is in a year's tables only when that year's roster has a Country Office "
            "in it. Nothing is filled in for a year without it: its line on the charts stops "
            "there, and the change is marked with a dotted line."
        )
    return " ".join(sentences)


# ---------------------------------------------------------------------------------------------
# The narrative: the largest changes, every number read from the trends table.


def _rows(trends: pd.DataFrame, activity: str, year: int) -> pd.DataFrame:
    rows = trends[(trends["activity"] == activity) & (trends["year"] == year)]
    return rows.set_index("region")


def _phrase(activity: str) -> str:
    return _MEASURE_OF[activity].phrase


def total_sentence(
    trends: pd.DataFrame, activity: str, first: int, last: int, lead: str | None = None
) -> str:
    """The all-region per cent of a measure in the first and the last year; `lead` opens the
    sentence instead of "Between <first> and <last>"."""
    lead = lead or f"Between {first} and {last}"
    a, b = _rows(trends, activity, first).loc[TOTAL], _rows(trends, activity, last).loc[TOTAL]
    p, q = int(a["percent"]), int(b["percent"])
    counts = (
        f"{int(a['offices_reporting'])} of {int(a['country_offices'])} Country Offices in {first}, "
        f"{int(b['offices_reporting'])} of {int(b['country_offices'])} in {last}"
    )
    subject = f"the share of Country Offices {_phrase(activity)}"
    if p == q:
        return f"{lead}, {subject} was {per_cent(p)} in both years ({counts})."
    verb = "rose" if q > p else "fell"
    return f"{lead}, {subject} {verb} from {per_cent(p)} to {per_cent(q)} ({counts})."


def regional_sentences(
    trends: pd.DataFrame, activity: str, regions: Regions, first: int, last: int
) -> list[str]:
    """The largest rise and fall, in percentage points, among regions in both the first and the
    last year's tables (ties named together); the regions that cannot be compared, named."""
    before = _rows(trends, activity, first).drop(index=TOTAL)["percent"]
    after = _rows(trends, activity, last).drop(index=TOTAL)["percent"]
    common = sorted(set(before.index) & set(after.index))
    rows = trends[trends["activity"] == activity]
    years = years_of(rows)
    others = sorted(set(rows["region"]) - {TOTAL} - set(common))
    subject = f"the share of Country Offices {_phrase(activity)}"
    if not common:
        return [
            f"No region is in both the {first} and the {last} tables, so no region's share of "
            f"Country Offices {_phrase(activity)} is compared."
        ]
    change = {r: int(after[r]) - int(before[r]) for r in common}

    def clause(verb: str, best: int) -> str:
        names = [r for r in common if change[r] == best]
        # "rose most" only where another region rose too (by less): else it simply rose.
        same_way = [r for r in common if change[r] * best > 0]
        most = " most" if len(same_way) > len(names) else ""
        tie = ", by the same margin," if len(names) > 1 else ""
        where = join_names(
            [
                f"{regions.text_name(r)} (from {per_cent(int(before[r]))} to "
                f"{per_cent(int(after[r]))})"
                for r in names
            ]
        )
        return f"{verb}{most}{tie} in {where}"

    up, down = max(change.values()), min(change.values())
    if up == 0 and down == 0:
        every = "every region" if len(common) > 1 else regions.text_name(common[0])
        sentences = [
            f"From {first} to {last}, {subject} was the same in {every} in both years' tables."
        ]
    else:
        rose = clause("rose", up) if up > 0 else "rose in no region"
        fell = clause("fell", down) if down < 0 else "fell in no region"
        sentences = [f"From {first} to {last}, {subject} {rose}, and {fell}."]
    if others:
        present = {r: sorted(int(y) for y in rows.loc[rows["region"] == r, "year"]) for r in others}
        named = [f"{regions.text_name(r)} ({_span(present[r], years)})" for r in others]
        sentences.append(
            f"Regions not in both the {first} and the {last} tables are not compared: "
            f"{join_names(named)}."
        )
    return sentences


def overview_paragraphs(trends: pd.DataFrame, regions: Regions) -> list[str]:
    """The years compared and the totals; then, per measure, the regions' largest changes."""
    years = years_of(trends)
    first, last = years[0], years[-1]
    lead = "Over the same years"
    paragraphs = [
        " ".join(
            [
                f"This comparison uses the tables of {join_names([str(y) for y in years])}.",
                *(
                    total_sentence(trends, activity, first, last, None if i == 0 else lead)
                    for i, activity in enumerate(_MEASURE_OF)
                ),
            ]
        )
    ]
    for activity in _MEASURE_OF:
        paragraphs.append(" ".join(regional_sentences(trends, activity, regions, first, last)))
    return paragraphs


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


# ---------------------------------------------------------------------------------------------
# Charts.


def _colour(regions: Regions, region: str, unknown: list[str]):
    """The region list's colour, darkened where needed to 3 to 1 on white; a region the list
    doesn't know gets a fixed fallback."""
    if region == TOTAL or region in regions.colours:
        return charts.region_colour(regions, region)
    fallback = FALLBACK_COLOURS[unknown.index(region) % len(FALLBACK_COLOURS)]
    return charts.region_colour(regions, region, fallback)


def _unbroken(run: list[int]) -> list[list[int]]:
    """A run of years cut wherever a calendar year is missing between two (a year without
    tables): a line drawn straight across it would show figures nobody reported."""
    pieces: list[list[int]] = []
    for year in run:
        if pieces and year == pieces[-1][-1] + 1:
            pieces[-1].append(year)
        else:
            pieces.append([year])
    return pieces


# How far apart, in years, the regions' points are drawn at the same year: regions with the
# same per cent would otherwise hide one another's markers.
DODGE = 0.05


def _runs(present: list[int], years: list[int]) -> list[list[int]]:
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


def _span(present: list[int], years: list[int]) -> str:
    runs = _runs(present, years)
    return ", ".join(f"{r[0]}\u2013{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def percent_over_years(trends: pd.DataFrame, activity: str, regions: Regions, title: str) -> Figure:
    """One line per region over the years it is in the tables, markers at each year; the
    all-region per cent dashed grey, and written under each year; a dotted vertical line,
    labelled, at each change of regions. Lines never join regions on either side of a
    change."""
    rows = trends[trends["activity"] == activity]
    years = years_of(rows)
    order = sorted(set(rows["region"]) - {TOTAL})
    unknown = [r for r in order if r not in regions.colours]
    with charts.style():
        fig = Figure(figsize=(9, 6.8))
        ax = fig.subplots()
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for place, region in enumerate([*order, TOTAL]):
            series = rows[rows["region"] == region].set_index("year")["percent"]
            present = sorted(int(y) for y in series.index)
            total = region == TOTAL
            if total:
                label = "All regions (Total)"
            elif present == years:
                label = region
            else:
                label = f"{region} ({_span(present, years)})"
            # Each region a little to the side of the year, the total on it.
            shift = 0.0 if total else (place - (len(order) - 1) / 2) * DODGE
            pieces = [piece for run in _runs(present, years) for piece in _unbroken(run)]
            for i, piece in enumerate(pieces):
                ax.plot(
                    [year + shift for year in piece],
                    [int(series[y]) for y in piece],
                    color=_colour(regions, region, unknown),
                    **charts.region_style(regions, region),
                    linewidth=3.0 if total else 1.8,
                    markersize=12 if total else 7,
                    # A white edge keeps a marker drawn over another's visible.
                    markeredgecolor="white",
                    markeredgewidth=0.8,
                    label=label if i == 0 else "_nolegend_",
                    zorder=1.5 if total else 2,  # regions drawn over the total: none hidden
                    clip_on=False,  # a marker at 0 or 100 per cent is drawn whole
                )
        # Each change: a dotted line between its two years, and its label in a band above the
        # plot, one row per change, so that a label never hides a line or another label.
        middle = (years[0] + years[-1]) / 2 if years else 0
        band = 4.0  # points above the axes
        for change in scheme_changes(rows):
            x = (change.previous_year + change.year) / 2
            ax.axvline(x, color="#333333", linestyle=":", linewidth=1.4, zorder=1)
            label = textwrap.fill(change_label(change, regions), 60)
            left = x <= middle
            ax.annotate(
                label,
                (x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(-3 if left else 3, band),
                textcoords="offset points",
                ha="left" if left else "right",
                va="bottom",
                fontsize=8.5,
                color="#333333",
            )
            band += LABEL_LINE_POINTS * (label.count("\n") + 1) + 4
        if years:
            # The all-region per cent under each year, not beside its marker, where the
            # regions' lines and markers would cover it.
            totals = rows[rows["region"] == TOTAL].set_index("year")["percent"]
            # A calendar year between two without tables is named so, with no figure for it.
            every = list(range(years[0], years[-1] + 1))
            ax.set_xticks(
                every,
                [
                    f"{y}\n{int(totals[y])}%"
                    if y in totals.index
                    else (str(y) if y in years else f"{y}\nno tables")
                    for y in every
                ],
            )
            if not totals.empty:  # named level with the per cents, the tick labels' 2nd line
                ax.annotate(
                    "All regions",
                    (0, 0),
                    xycoords="axes fraction",
                    xytext=(-8, -21.5),
                    textcoords="offset points",
                    ha="right",
                    va="top",
                    fontsize=10,
                    color=charts.readable_on_white(regions.colour(TOTAL), charts.MIN_TEXT_CONTRAST),
                )
            ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
        ax.set_ylim(0, 100)
        ax.set_ylabel("Per cent of Country Offices", fontsize=10.5)
        ax.tick_params(labelsize=10)
        ax.set_title(textwrap.fill(title, 70), loc="left", fontsize=12, pad=band + 4)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=2,
            frameon=False,
            fontsize=10,
            handlelength=3.5,  # long enough to show each line's dashes
        )
        fig.tight_layout()
    return fig


def chart_titles(trends: pd.DataFrame) -> dict[str, str]:
    """The trend charts' titles, by file stem, as the page's figure captions name them."""
    years = years_of(trends)
    span = f"{years[0]}\u2013{years[-1]}" if len(years) > 1 else "".join(map(str, years))
    return {
        stem: f"Per cent of {CHART_TITLES[m.activity]}, by region, {span}"
        for stem, m in MEASURES.items()
    }


def figures(trends: pd.DataFrame, regions: Regions) -> dict[str, Figure]:
    """The trend charts, by file stem."""
    titles = chart_titles(trends)
    return {
        stem: percent_over_years(trends, m.activity, regions, titles[stem])
        for stem, m in MEASURES.items()
    }


# ---------------------------------------------------------------------------------------------
# The page and the files.


def totals_table(trends: pd.DataFrame) -> pd.DataFrame:
    """Years as rows: Country Offices, and for each measure "reporting (per cent)", all regions."""
    totals = trends[(trends["region"] == TOTAL) & trends["activity"].isin(_MEASURE_OF)]
    by_year = tables.readable(totals.assign(region=totals["year"].astype(str)))
    labels = {ACTIVITY_LABELS[a]: m.label for a, m in _MEASURE_OF.items()}
    return by_year.rename(columns=labels).rename_axis("Year")


def region_year_table(trends: pd.DataFrame, activity: str) -> pd.DataFrame:
    """Regions as rows (Total last), years as columns, the per cent; a dash where a region is
    not in a year's tables."""
    rows = trends[trends["activity"] == activity]
    order = [*sorted(set(rows["region"]) - {TOTAL}), TOTAL]
    cells = rows.set_index(["region", "year"])["percent"]
    frame = pd.DataFrame(index=pd.Index(order, name="Region"))
    for year in years_of(rows):
        frame[str(year)] = [
            f"{int(cells[(r, year)])}%" if (r, year) in cells.index else ABSENT for r in order
        ]
    return frame


def status_lines(statuses: dict[int, DataStatus]) -> list[dict]:
    """The page's data status, one line per status in the years' order: its label with the
    years that have it, and their notes (or what the status means, where no year has one)."""
    by_status: dict[str, list[int]] = {}
    for year in sorted(statuses):
        by_status.setdefault(statuses[year].status, []).append(year)
    lines = []
    for status, years in by_status.items():
        named = join_names([str(y) for y in years])
        notes = list(dict.fromkeys(statuses[y].note for y in years if statuses[y].note))
        text = " ".join(notes) or report.status_text(DataStatus(status), named)
        label = f"{report.STATUS_LABELS[status]} ({named})"
        lines.append({"label": label, "text": text, "synthetic": status == SYNTHETIC})
    return lines


def context(
    trends: pd.DataFrame,
    regions: Regions,
    figures_dir: Path,
    statuses: dict[int, DataStatus] | None = None,
) -> dict:
    """Everything trends.html shows; the PNGs are read from `figures_dir`; `statuses`, each
    year's data status (provenance.year_statuses), not declared where missing."""
    years = years_of(trends)
    statuses = {year: (statuses or {}).get(year, UNDECLARED) for year in years}
    span = f"{years[0]}\u2013{years[-1]}"
    titles = chart_titles(trends)
    tables = {stem: region_year_table(trends, m.activity) for stem, m in MEASURES.items()}
    listed = join_names([str(y) for y in years])
    source = (
        f"Source: the tables of {listed} ({TABLE1_FILE} and {TABLE2_FILE}), as each year's run "
        "wrote them from that year's data (see Data status)."
    )
    measures = [
        {
            "heading": m.heading,
            "caption": f"Table {n + 1}. Per cent of Country Offices {m.phrase}, by region and year",
            "table": tables[stem],
            "some_absent": bool((tables[stem] == ABSENT).to_numpy().any()),
            "figure": report.figure(
                figures_dir / f"{stem}.png",
                f"Line chart: the per cent of Country Offices {m.phrase} in each region, "
                f"{span}, one line per region, the all-region per cent written under each year; "
                f"a dotted line marks each change of regions. The figures are those of Table "
                f"{n + 1}.",
                f"Figure {n}. {titles[stem]}",
                f"Source: Table {n + 1}.",
            ),
        }
        for n, (stem, m) in enumerate(MEASURES.items(), start=1)
    ]
    return {
        "title": f"UNFPA Country Office activities on international migration, {span}",
        "years": listed,
        "statuses": status_lines(statuses),
        "overview": overview_paragraphs(trends, regions),
        "scheme": scheme_paragraphs(trends, regions),
        "totals_caption": "Table 1. All regions, by year: Country Offices reporting (per cent)",
        "totals": totals_table(trends),
        "source": source,
        "measures": measures,
        "absent": ABSENT,
        "table_files": (TABLE1_FILE, TABLE2_FILE),
        "trends_file": TRENDS_FILE,
        "versions": package_versions(),
        "synthetic": any(status.status == SYNTHETIC for status in statuses.values()),
    }


def render_body(page: dict) -> str:
    """The page's content, as a notebook shows it and as the page wraps it."""
    return report.render("trends.html.j2", page)


def write(
    trends: pd.DataFrame,
    regions: Regions,
    folder: Path,
    statuses: dict[int, DataStatus] | None = None,
) -> tuple[list[Path], dict]:
    """trends.csv, the charts (PNG and SVG, in figures/) and trends.html, into `folder`;
    the same trends give the same bytes. Returns the paths written, and what the page shows
    (`context`), for a notebook to show the same."""
    csv_path = folder / TRENDS_FILE
    write_text(csv_path, trends[list(COLUMNS)].to_csv(index=False, lineterminator="\n"))
    figures_dir = folder / FIGURES_DIR
    written = [csv_path, *charts.save(figures(trends, regions), figures_dir)]
    page = context(trends, regions, figures_dir, statuses)
    html_path = folder / TRENDS_HTML_FILE
    write_text(html_path, report.wrap_page(page["title"], render_body(page)))
    return [*written, html_path], page
