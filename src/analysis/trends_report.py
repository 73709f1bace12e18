"""The trends page: trends.csv, the charts and trends.html, from the trends table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import charts, report, trends_charts, trends_narrative
from .paths import FIGURES_DIR, TABLE1_FILE, TABLE2_FILE, TRENDS_FILE, TRENDS_HTML_FILE
from .provenance import package_versions, write_text
from .regions import Regions
from .trends import ABSENT, COLUMNS, MEASURES, region_year_table, totals_table, years_of
from .words import join_names


def context(
    trends: pd.DataFrame, regions: Regions, figures_dir: Path, synthetic: bool = False
) -> dict:
    """Everything trends.html shows; the PNGs are read from `figures_dir`."""
    years = years_of(trends)
    span = f"{years[0]}\u2013{years[-1]}"
    tables = {stem: region_year_table(trends, m.activity, regions) for stem, m in MEASURES.items()}
    measures = [
        {
            "heading": m.heading,
            "caption": f"Per cent of Country Offices {m.phrase}, by region and year",
            "table": tables[stem],
            "some_absent": bool((tables[stem] == ABSENT).to_numpy().any()),
            "combined_notes": trends_narrative.combined_notes(trends, m.activity, regions),
            "figure": report.figure(
                figures_dir / f"{stem}.png",
                f"Per cent of Country Offices {m.phrase}, by region, {span}; "
                "a dotted line marks each change of regions",
            ),
        }
        for stem, m in MEASURES.items()
    ]
    return {
        "title": f"UNFPA Country Office activities on international migration, {span}",
        "years": join_names([str(y) for y in years]),
        "overview": trends_narrative.overview_paragraphs(trends, regions),
        "scheme": trends_narrative.scheme_paragraphs(trends, regions),
        "totals_caption": "All regions, by year: Country Offices reporting (per cent)",
        "totals": totals_table(trends),
        "measures": measures,
        "absent": ABSENT,
        "table_files": (TABLE1_FILE, TABLE2_FILE),
        "trends_file": TRENDS_FILE,
        "versions": package_versions(),
        "synthetic": synthetic,
    }


def render_body(page: dict) -> str:
    """The page's content, as a notebook shows it and as the page wraps it."""
    return report.render("trends.html.j2", page)


def write(
    trends: pd.DataFrame, regions: Regions, folder: Path, synthetic: bool = False
) -> tuple[list[Path], dict]:
    """trends.csv, the charts (PNG and SVG, in figures/) and trends.html, into `folder`;
    the same trends give the same bytes. Returns the paths written, and what the page shows
    (`context`), for a notebook to show the same."""
    csv_path = folder / TRENDS_FILE
    write_text(csv_path, trends[list(COLUMNS)].to_csv(index=False, lineterminator="\n"))
    figures_dir = folder / FIGURES_DIR
    written = [csv_path, *charts.save(trends_charts.figures(trends, regions), figures_dir)]
    page = context(trends, regions, figures_dir, synthetic)
    html_path = folder / TRENDS_HTML_FILE
    write_text(html_path, report.wrap_page(page["title"], render_body(page)))
    return [*written, html_path], page
