"""The narrative report: one self-contained HTML file, every text from the data escaped."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
import pandas as pd

from . import charts, narrative, normalise, tables
from .paths import (
    INPUTS_FILE,
    NOT_DECLARED,
    ORIGINAL,
    PACKAGE_DIR,
    RECONSTRUCTION,
    STATUS_FILE,
    SYNTHETIC,
    UNDECLARED,
    DataStatus,
)
from .provenance import package_versions, write_text
from .regions import Regions
from .schema import table_title

# The year's charts, by file stem, in the order the report numbers them (Figure 1, 2, 3),
# each with the table it draws; their titles are the charts' own (charts.chart_titles).
TABLE1_FIGURES = ("table1_capacity_building",)
TABLE2_FIGURES = ("table2_activities_heatmap", "table2_at_least_one")
FIGURE_ALT = {
    "table1_capacity_building": "Bar chart: the per cent of Country Offices supporting "
    "training/capacity building in each region, with the number of offices; a dashed line marks "
    "all regions. The figures are those of Table 1.",
    "table2_activities_heatmap": "Grid of shaded cells: the per cent of each region's Country "
    "Offices reporting each of the six activities and at least one of them, written in each "
    "cell. The figures are those of Table 2.",
    "table2_at_least_one": "Bar chart: the per cent of Country Offices reporting at least one of "
    "the six activities in each region, with the number of offices; a dashed line marks all "
    "regions. The figures are those of Table 2.",
}

# What a page says of its data, by declared status (paths.data_status): a label shown first,
# and the data each table's and figure's "Source:" line names.
STATUS_LABELS = {
    ORIGINAL: "Original export",
    RECONSTRUCTION: "Reconstruction, not the original export",
    SYNTHETIC: "Synthetic data, not UNFPA data",
    NOT_DECLARED: "Not declared",
}

# The line under a report's title, by data status.
SUBTITLES = {
    ORIGINAL: "Figures computed from the {year} Country Office Annual Report export",
    RECONSTRUCTION: "Figures computed from a reconstruction of the {year} Country Office Annual "
    "Report export",
    SYNTHETIC: "Figures computed from synthetic files shaped like a Country Office Annual Report "
    "export",
    NOT_DECLARED: "Figures computed from the {year} Country Office Annual Report export (data "
    "status not declared)",
}


def status_text(status: DataStatus, year: int | str) -> str:
    """What the page says under its title about where its figures come from; `year` may
    name several ("2011 and 2012")."""
    if status.note:
        return status.note
    return {
        ORIGINAL: f"The figures are computed from the {year} Country Office Annual Report "
        "export as received.",
        RECONSTRUCTION: f"The {year} files are a reconstruction, not the original export.",
        SYNTHETIC: "Every figure below comes from raw files made by python -m analysis synth, "
        "not from UNFPA's reports.",
        NOT_DECLARED: f"The raw files of {year} come with no {STATUS_FILE} saying whether they "
        "are the original export, a reconstruction or synthetic data.",
    }[status.status]


def data_source(status: DataStatus, year: int) -> str:
    """The data a year's tables and figures come from, as their "Source:" lines name it."""
    return {
        ORIGINAL: f"UNFPA Country Office Annual Reports, {year} (the report export and roster)",
        RECONSTRUCTION: f"a reconstruction of the UNFPA Country Office Annual Report export and "
        f"roster, {year} (see Data status)",
        SYNTHETIC: f"synthetic data for {year} (python -m analysis synth), not UNFPA data",
        NOT_DECLARED: f"the {year} report export and roster (data status not declared)",
    }[status.status]


def _shown_as_typed(value):
    """Every text a template puts on a page, with its bidirectional control characters shown
    (`<U+202E>`): a name or note that holds one would otherwise reorder what follows it.
    Markup (HTML the package made) is left as it is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return normalise.visible_controls(value)
    return value


# Autoescape: office names, notes and every other text from the data reach the page as text.
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    finalize=_shown_as_typed,
)

# One table as the pages show it, for a notebook to display (table_html).
_TABLE = _ENVIRONMENT.from_string(
    '{% from "macros.html.j2" import data_table %}{{ data_table(caption, frame, source) }}'
)


@dataclass(frozen=True)
class Figure:
    png_base64: str
    alt: str  # what the chart shows, for a reader who cannot see it
    caption: str  # "Figure 2. <the chart's title>"
    source: str  # the Source: line's text


def figure(png: Path, alt: str, caption: str, source: str) -> Figure:
    """A chart as a page shows it: the PNG inline, so that the page needs no other file."""
    return Figure(base64.b64encode(png.read_bytes()).decode("ascii"), alt, caption, source)


def _figures(folder: Path, stems: tuple[str, ...], first: int, source: str, year: int):
    titles = charts.chart_titles(year)
    return [
        figure(folder / f"{stem}.png", FIGURE_ALT[stem], f"Figure {n}. {titles[stem]}", source)
        for n, stem in enumerate(stems, start=first)
    ]


def report_context(
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    regions: Regions,
    figures_dir: Path,
    status: DataStatus = UNDECLARED,
) -> dict:
    """Everything the report shows, computed from the year's tables and cleaned data;
    `status` is the raw year's declared data status (paths.data_status)."""
    with_notes = offices[offices["notes"].str.strip().ne("")]
    source = data_source(status, year)
    files = " and ".join(record["path"] for record in inputs)
    return {
        "title": f"UNFPA Country Office activities on international migration, {year}",
        "year": year,
        "capacity_building": narrative.capacity_building_paragraph(table1, regions, year),
        "data_research": narrative.data_research_paragraph(table2, regions, year),
        "method": narrative.method_paragraphs(table1, log, offices, year),
        "table1_title": table_title(1, year),
        "table2_title": table_title(2, year),
        "table1": tables.readable(table1),
        "table2": tables.readable(table2),
        "table_source": f"{source}; files {files}, as listed under Provenance.",
        "table1_figures": _figures(figures_dir, TABLE1_FIGURES, 1, "Source: Table 1.", year),
        "table2_figures": _figures(
            figures_dir, TABLE2_FIGURES, 1 + len(TABLE1_FIGURES), "Source: Table 2.", year
        ),
        "notes_source": f"{source}; the Notes column of the report export.",
        "notes": with_notes[["country_office", "region", "notes"]].to_dict("records"),
        "inputs": inputs,
        "versions": package_versions(),
        "status_label": STATUS_LABELS[status.status],
        "status_text": status_text(status, year),
        "synthetic": status.status == SYNTHETIC,
        "subtitle": SUBTITLES[status.status].format(year=year),
    }


def render(template: str, context: dict) -> str:
    """A page's content from its template (autoescaped), as a notebook shows it."""
    return _ENVIRONMENT.get_template(template).render(context)


def table_html(caption: str, frame: pd.DataFrame, source: str) -> str:
    """One table as the pages show it, its caption and Source: line: what a notebook displays
    (an HTML table, as wide as JupyterLab's cell allows, where text would wrap row by row)."""
    return _TABLE.render(caption=caption, frame=frame, source=source)


def wrap_page(title: str, body: str) -> str:
    """Content as one self-contained HTML page: inline styles, no scripts, nothing fetched."""
    body = markupsafe.Markup(body)  # escaped by its own template already
    return _ENVIRONMENT.get_template("report.html.j2").render(title=title, body=body)


def render_body(context: dict) -> str:
    return render("report_body.html.j2", context)


def render_page(context: dict) -> str:
    return wrap_page(context["title"], render_body(context))


def read_inputs(processed_year_dir: Path) -> list[dict]:
    return json.loads((processed_year_dir / INPUTS_FILE).read_text(encoding="utf-8"))


def write(context: dict, path: Path) -> None:
    write_text(path, render_page(context))
