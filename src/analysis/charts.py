"""The regional charts: one colour per region, the same in every chart, colour-blind-safe."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.style
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from .provenance import write_bytes
from .regions import TOTAL, Regions
from .schema import ACTIVITY_LABELS, AT_LEAST_ONE, CHART_TITLES

# Figures are made without pyplot: no global state, nothing shown twice in a notebook.
# Fixed settings so that a chart is the same bytes on every run (see README, Reproducibility).
STYLE = {
    "svg.hashsalt": "unfpa-migration",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}
FORMATS = ("png", "svg")
PRINT_DPI = 300  # the Word file's figures: print resolution at the text's width
HEATMAP_COLOURS = "cividis"  # perceptually uniform and readable with colour-blindness


def style():
    """The settings every chart is drawn and saved under: matplotlib's defaults plus STYLE,
    whatever a session set before (`sns.set_theme()` in a notebook, a kernel that ran
    other notebooks first), so the same tables give the same bytes."""
    return mpl.style.context(["default", STYLE])


def _region_order(table: pd.DataFrame) -> list[str]:
    return [r for r in dict.fromkeys(table["region"]) if r != TOTAL]


# WCAG's least contrast for large or bold text, against a white page: 3 to 1.
MIN_CONTRAST = 3.0


def contrast_with_white(colour) -> float:
    """WCAG 2 contrast ratio of a colour against white."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def readable_on_white(colour: str) -> str | tuple[float, float, float]:
    """The colour as given where text in it reads on white; else the same hue darkened until
    it does (the shipped yellow of West and Central Africa, #F0E442, is 1.3 to 1)."""
    if contrast_with_white(colour) >= MIN_CONTRAST:
        return colour
    rgb = _rgb(colour)
    steps = (tuple(c * (1 - step / 50) for c in rgb) for step in range(1, 50))
    return next((c for c in steps if contrast_with_white(c) >= MIN_CONTRAST), (0.0, 0.0, 0.0))


def _rgb(colour) -> tuple[float, float, float]:
    return mpl.colors.to_rgb(colour)


def percent_by_region(table: pd.DataFrame, activity: str, regions: Regions, title: str):
    """Horizontal bars of the per cent of offices by region, values written on the bars;
    the all-region per cent is the dashed line."""
    rows = table[table["activity"] == activity].set_index("region")
    order = _region_order(table)
    with style():
        fig = Figure(figsize=(8, 0.55 * len(order) + 1.6))
        ax = fig.subplots()
        values = rows.loc[order, "percent"]
        bars = ax.barh(order, values, color=[regions.colour(r) for r in order])
        ax.invert_yaxis()
        for bar, region in zip(bars, order, strict=True):
            n, of = rows.loc[region, "offices_reporting"], rows.loc[region, "country_offices"]
            ax.annotate(
                f"{rows.loc[region, 'percent']}%  ({n} of {of})",
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                # Above the dashed all-regions line where the two cross, not struck through.
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                zorder=3,
            )
        total = rows.loc[TOTAL, "percent"]
        ax.axvline(total, color=regions.colour(TOTAL), linestyle="--", linewidth=1)
        ax.annotate(
            f"All regions {total}%",
            (total, 0.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, 3),
            textcoords="offset points",
            fontsize=8,
            color=regions.colour(TOTAL),
        )
        ax.set_xlim(0, 100)
        ax.set_xlabel("Per cent of Country Offices")
        ax.set_title(textwrap.fill(title, 60), loc="left", fontsize=11)
        fig.tight_layout()
    return fig


def activity_heatmap(table: pd.DataFrame, regions: Regions, title: str):
    """Region x activity, the per cent written in each cell; region names in their colours."""
    frame = table.pivot(index="region", columns="activity", values="percent")
    activities = list(dict.fromkeys(table["activity"]))
    order = [*_region_order(table), TOTAL]
    frame = frame.loc[order, activities]
    frame.columns = [textwrap.fill(ACTIVITY_LABELS[a], 13) for a in activities]
    with style():
        fig = Figure(figsize=(10, 0.5 * len(order) + 2.2))
        ax = fig.subplots()
        sns.heatmap(
            frame,
            annot=frame.map(lambda p: f"{p}%"),
            fmt="",
            cmap=HEATMAP_COLOURS,
            vmin=0,
            vmax=100,
            linewidths=0.5,
            cbar_kws={"label": "Per cent of Country Offices"},
            ax=ax,
        )
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="x", labelrotation=0, labelsize=8)
        for label in ax.get_yticklabels():
            label.set_color(readable_on_white(regions.colour(label.get_text())))
            label.set_fontweight("bold")
        ax.set_title(textwrap.fill(title, 80), loc="left", fontsize=11)
        fig.tight_layout()
    return fig


def figures_for_year(
    table1: pd.DataFrame, table2: pd.DataFrame, regions: Regions, year: int
) -> dict[str, Figure]:
    """Every chart of a year, by file stem."""
    return {
        "table1_capacity_building": percent_by_region(
            table1,
            "training_capacity_building",
            regions,
            f"{CHART_TITLES['training_capacity_building']}, {year}",
        ),
        "table2_activities_heatmap": activity_heatmap(
            table2, regions, f"Country Office activities related to data and research, {year}"
        ),
        "table2_at_least_one": percent_by_region(
            table2, AT_LEAST_ONE, regions, f"{CHART_TITLES[AT_LEAST_ONE]}, {year}"
        ),
    }


def figure_bytes(fig: Figure, fmt: str, dpi: float | None = None) -> bytes:
    buffer = io.BytesIO()
    metadata = PNG_METADATA if fmt == "png" else SVG_METADATA
    resolution = {} if dpi is None else {"dpi": dpi}
    with style():
        fig.savefig(buffer, format=fmt, metadata=metadata, **resolution)
    return buffer.getvalue()


def print_pngs(
    table1: pd.DataFrame, table2: pd.DataFrame, regions: Regions, year: int
) -> dict[str, bytes]:
    """Every chart of a year as a PNG at print resolution, by file stem: what the Word file
    embeds (the figures folder's PNGs are for screens)."""
    figures = figures_for_year(table1, table2, regions, year)
    return {stem: figure_bytes(fig, "png", PRINT_DPI) for stem, fig in figures.items()}


def save(figures: dict[str, Figure], folder: Path) -> list[Path]:
    """Each figure as PNG and SVG, written whole; returns the paths written."""
    written = []
    for stem, fig in figures.items():
        for fmt in FORMATS:
            path = folder / f"{stem}.{fmt}"
            write_bytes(path, figure_bytes(fig, fmt))
            written.append(path)
    return written
