"""The narrative report: one self-contained HTML file, every text from the data escaped."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
import pandas as pd

from . import narrative, tables
from .paths import INPUTS_FILE, PACKAGE_DIR
from .provenance import package_versions, write_text
from .regions import Regions
from .schema import table_title

TABLE1_FIGURES = {
    "table1_capacity_building": "Per cent of Country Offices supporting "
    "training/capacity building, by region"
}
TABLE2_FIGURES = {
    "table2_activities_heatmap": "Per cent of Country Offices reporting each activity, by region",
    "table2_at_least_one": "Per cent of Country Offices reporting at least one of the six "
    "activities, by region",
}

# Autoescape: office names, notes and every other text from the data reach the page as text.
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Figure:
    png_base64: str
    alt: str


def figure(png: Path, alt: str) -> Figure:
    """A chart as a page shows it: the PNG inline, so that the page needs no other file."""
    return Figure(base64.b64encode(png.read_bytes()).decode("ascii"), alt)


def _figures(folder: Path, captions: dict[str, str]) -> list[Figure]:
    return [figure(folder / f"{stem}.png", alt) for stem, alt in captions.items()]


def report_context(
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    regions: Regions,
    figures_dir: Path,
    synthetic: bool = False,
) -> dict:
    """Everything the report shows, computed from the year's tables and cleaned data."""
    with_notes = offices[offices["notes"].str.strip().ne("")]
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
        "table1_figures": _figures(figures_dir, TABLE1_FIGURES),
        "table2_figures": _figures(figures_dir, TABLE2_FIGURES),
        "notes": with_notes[["country_office", "region", "notes"]].to_dict("records"),
        "inputs": inputs,
        "versions": package_versions(),
        "synthetic": synthetic,
    }


def render(template: str, context: dict) -> str:
    """A page's content from its template (autoescaped), as a notebook shows it."""
    return _ENVIRONMENT.get_template(template).render(context)


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
