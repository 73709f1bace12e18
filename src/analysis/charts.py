"""The regional charts, for screen and print: one colour per region, the same in every chart,
with a marker and line style of its own, so that a region is told apart in greyscale too."""

from __future__ import annotations

import io
import textwrap
from functools import partial
from pathlib import Path

import matplotlib as mpl
import matplotlib.style
import pandas as pd
from matplotlib.figure import Figure

from .provenance import write_bytes
from .regions import TOTAL, Regions
from .schema import AT_LEAST_ONE, CHART_TITLES

# Figures are made without pyplot: no global state, nothing shown twice in a notebook.
FONT_FAMILY = "DejaVu Sans"
# Fixed settings so that a chart is the same bytes on every run (see README, Reproducibility).
STYLE = {
    "svg.hashsalt": "unfpa-migration",
    # Text stays text in the SVG: editable and searchable (the font is named, not embedded).
    "svg.fonttype": "none",
    # The pages' family too (report.html.j2 names it first): one type family for text and
    # charts. matplotlib ships it, so every machine draws the same bytes.
    "font.family": FONT_FAMILY,
    "figure.dpi": 100,
    "savefig.dpi": 300,  # print resolution
    "axes.spines.top": False,
    "axes.spines.right": False,
}
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}
FORMATS = ("png", "svg")
HEATMAP_COLOURS = "cividis"  # perceptually uniform and readable with colour-blindness

# WCAG 2's least contrast against a white page: 3 to 1 for lines, markers, bars and large
# text (WCAG 1.4.11 and 1.4.3), 4.5 to 1 for text of ordinary size.
MIN_CONTRAST = 3.0
MIN_TEXT_CONTRAST = 4.5
TEXT_COLOUR = "#1a1a1a"
BLACK, WHITE = "#000000", "#ffffff"

# Each region's marker and line style, by its row in the region list: in greyscale, or to a
# reader who does not tell the colours apart, regions differ by these. The total has its own.
MARKERS = ("o", "^", "s", "D", "v", "P", "X", "h")
LINE_STYLES = (
    "solid",
    (0, (5, 2)),
    (0, (1, 1.2)),
    (0, (6, 1.5, 1, 1.5)),
    (0, (3, 1.5)),
    (0, (8, 2, 1, 2, 1, 2)),
    (0, (2, 2)),
    (0, (6, 1, 1, 1)),
)
TOTAL_MARKER = "*"


def style():
    """The settings every chart is drawn and saved under: matplotlib's defaults plus STYLE,
    whatever a session set before (`sns.set_theme()` in a notebook, a kernel that ran
    other notebooks first), so the same tables give the same bytes."""
    return mpl.style.context(["default", STYLE])


def chart_titles(year: int) -> dict[str, str]:
    """Each chart of a year's title, by file stem: what the chart shows, as the report's
    figure captions name it."""
    return {
        "table1_capacity_building": f"Per cent of {CHART_TITLES['training_capacity_building']}"
        f", by region, {year}",
        "table2_activities_heatmap": "Per cent of Country Offices reporting each data and "
        f"research activity, and at least one of them, by region, {year}",
        "table2_at_least_one": f"Per cent of {CHART_TITLES[AT_LEAST_ONE]}, by region, {year}",
    }


def _region_order(table: pd.DataFrame) -> list[str]:
    return [r for r in dict.fromkeys(table["region"]) if r != TOTAL]


def _luminance(colour) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_with_white(colour) -> float:
    """WCAG 2 contrast ratio of a colour against white."""
    return contrast(colour, WHITE)


def readable_on_white(colour, minimum: float = MIN_CONTRAST) -> str | tuple[float, float, float]:
    """The colour as given where it has `minimum` contrast on white; else the same hue darkened
    until it does (the shipped yellow of West and Central Africa, #F0E442, is 1.3 to 1)."""
    if contrast_with_white(colour) >= minimum:
        return colour
    rgb = _rgb(colour)
    steps = (tuple(c * (1 - step / 100) for c in rgb) for step in range(1, 100))
    return next((c for c in steps if contrast_with_white(c) >= minimum), (0.0, 0.0, 0.0))


def text_on(cell_colour) -> str:
    """Black or white, whichever reads better on a cell of this colour (on cividis, at least
    4.6 to 1 on every shade)."""
    return max((BLACK, WHITE), key=lambda text: contrast(text, cell_colour))


def _rgb(colour) -> tuple[float, float, float]:
    return mpl.colors.to_rgb(colour)


def region_colour(regions: Regions, region: str, fallback: str | None = None):
    """A region's colour as the charts draw its lines and bars: the region list's, darkened
    where needed to 3 to 1 on white. `fallback` for a region the list does not know."""
    colour = fallback if fallback is not None else regions.colour(region)
    return readable_on_white(colour, MIN_CONTRAST)


def region_style(regions: Regions, region: str) -> dict:
    """A region's marker and line style, the same in every chart: by its row in the region
    list (a region the list does not know takes the styles after the list's)."""
    if region == TOTAL:
        return {"marker": TOTAL_MARKER, "linestyle": "solid"}
    known = list(regions.canonical)
    place = known.index(region) if region in known else len(known)
    return {
        "marker": MARKERS[place % len(MARKERS)],
        "linestyle": LINE_STYLES[place % len(LINE_STYLES)],
    }


def _words(language: str):
    """The charts' words in `language` (English's are the strings these charts always drew)."""
    from .languages import label, numbers

    def per_cent(p: int) -> str:
        return f"{p}%" if language == "en" else numbers.percent_figure(p, language)

    of = {"en": "of", "fr": "sur", "es": "de"}[language]

    def name(regions: Regions, region: str) -> str:
        from .languages.generated import region_name

        return region if language == "en" else region_name(language, regions, region)

    return partial(label, language), per_cent, of, name


def percent_by_region(
    table: pd.DataFrame, activity: str, regions: Regions, title: str, language: str = "en"
):
    """Horizontal bars of the per cent of offices by region, values written on the bars;
    the all-region per cent is the dashed line; words and names in `language`."""
    t, per_cent, of_word, name = _words(language)
    rows = table[table["activity"] == activity].set_index("region")
    order = _region_order(table)
    with style():
        fig = Figure(figsize=(7.5, 0.55 * len(order) + 1.9))
        ax = fig.subplots()
        values = rows.loc[order, "percent"]
        names = [name(regions, r) for r in order]
        bars = ax.barh(names, values, color=[region_colour(regions, r) for r in order])
        ax.invert_yaxis()
        ax.tick_params(labelsize=10.5)
        for bar, region in zip(bars, order, strict=True):
            n, of = rows.loc[region, "offices_reporting"], rows.loc[region, "country_offices"]
            ax.annotate(
                f"{per_cent(rows.loc[region, 'percent'])}  ({n} {of_word} {of})",
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=10,
                color=TEXT_COLOUR,
                # Above the dashed all-regions line where the two cross, not struck through.
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                zorder=3,
            )
        total = rows.loc[TOTAL, "percent"]
        total_colour = readable_on_white(regions.colour(TOTAL), MIN_TEXT_CONTRAST)
        ax.axvline(total, color=total_colour, linestyle="--", linewidth=1.2)
        ax.annotate(
            t("chart.all_regions", percent=per_cent(total)),
            (total, 0.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, 3),
            textcoords="offset points",
            fontsize=9.5,
            color=total_colour,
        )
        ax.set_xlim(0, 100)
        ax.set_xlabel(t("chart.axis"), fontsize=10.5)
        fig.set_label(title)  # the caption says it (charts said once): kept as the file's Title
        fig.tight_layout()
    return fig


def activity_heatmap(table: pd.DataFrame, regions: Regions, title: str, language: str = "en"):
    """Region x activity, the per cent written in each cell in black or white, whichever reads
    better on it; region names in their colours, darkened to read as text; in `language`."""
    import seaborn as sns  # only this chart uses it

    t, per_cent, _, name = _words(language)
    frame = table.pivot(index="region", columns="activity", values="percent")
    activities = list(dict.fromkeys(table["activity"]))
    order = [*_region_order(table), TOTAL]
    frame = frame.loc[order, activities]
    # Broken between words only ("Sensibilización" whole); no English label has a longer word.
    frame.columns = [
        textwrap.fill(t(f"activity.{a}"), 11, break_long_words=False) for a in activities
    ]
    canonical = {name(regions, r): r for r in order}  # the name shown -> the region
    frame.index = [name(regions, r) for r in order]
    with style():
        fig = Figure(figsize=(9.5, 0.55 * len(order) + 2.4))
        ax = fig.subplots()
        sns.heatmap(
            frame,
            annot=False,
            cmap=HEATMAP_COLOURS,
            vmin=0,
            vmax=100,
            linewidths=0.5,
            cbar_kws={"label": t("chart.axis")},
            ax=ax,
        )
        cmap = mpl.colormaps[HEATMAP_COLOURS]
        for row, region in enumerate(frame.index):
            for column, value in enumerate(frame.loc[region]):
                ax.text(
                    column + 0.5,
                    row + 0.5,
                    per_cent(value),
                    ha="center",
                    va="center",
                    fontsize=10,
                    color=text_on(cmap(value / 100)),
                )
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="x", labelrotation=0, labelsize=9.5)
        ax.tick_params(axis="y", labelsize=10.5)
        for label in ax.get_yticklabels():
            shown = canonical.get(label.get_text(), label.get_text())
            known = shown == TOTAL or shown in regions.colours
            colour = regions.colour(shown) if known else BLACK
            label.set_color(readable_on_white(colour, MIN_TEXT_CONTRAST))
            label.set_fontweight("bold")
        fig.set_label(title)
        fig.tight_layout()
    return fig


def figures_for_year(
    table1: pd.DataFrame, table2: pd.DataFrame, regions: Regions, year: int, language: str = "en"
) -> dict[str, Figure]:
    """Every chart of a year, by file stem, in `language`."""
    from .languages import label

    titles = (
        chart_titles(year)
        if language == "en"
        else {
            stem: label(language, f"chart.title.{stem}", year=year) for stem in chart_titles(year)
        }
    )
    return {
        "table1_capacity_building": percent_by_region(
            table1,
            "training_capacity_building",
            regions,
            titles["table1_capacity_building"],
            language,
        ),
        "table2_activities_heatmap": activity_heatmap(
            table2, regions, titles["table2_activities_heatmap"], language
        ),
        "table2_at_least_one": percent_by_region(
            table2, AT_LEAST_ONE, regions, titles["table2_at_least_one"], language
        ),
    }


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The chart as PNG or SVG, its title (not drawn: the caption shows it) in the file's
    metadata, so that a figure copied on its own still says what it is."""
    buffer = io.BytesIO()
    metadata = {**(PNG_METADATA if fmt == "png" else SVG_METADATA)}
    if fig.get_label():
        metadata["Title"] = fig.get_label()
    with style():
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def save(figures: dict[str, Figure], folder: Path) -> list[Path]:
    """Each figure as PNG and SVG, written whole; returns the paths written."""
    written = []
    for stem, fig in figures.items():
        for fmt in FORMATS:
            path = folder / f"{stem}.{fmt}"
            write_bytes(path, figure_bytes(fig, fmt))
            written.append(path)
    return written
