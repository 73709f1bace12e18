"""Trend charts: one line per region over the years it is in the tables, the change of regions
marked where it happens."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure

from . import charts
from .regions import FALLBACK_COLOURS, TOTAL, Regions
from .schema import CHART_TITLES
from .trends import MEASURES, runs, scheme_changes, years_of
from .trends import span as years_present
from .trends_narrative import change_label

LABEL_LINE_POINTS = 10.5  # one line of a change's label on a chart (8.5-point type)


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
                label = f"{region} ({years_present(present, years)})"
            # Each region a little to the side of the year, the total on it.
            shift = 0.0 if total else (place - (len(order) - 1) / 2) * DODGE
            pieces = [piece for run in runs(present, years) for piece in _unbroken(run)]
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
        fig.set_label(title)  # the caption says it (charts said once): the file's Title
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
