"""The trends page: trends.csv, the charts and trends.html, from the trends table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import charts, report, trends_charts, trends_narrative
from .paths import FIGURES_DIR, TABLE1_FILE, TABLE2_FILE, TRENDS_FILE, TRENDS_HTML_FILE
from .provenance import package_versions, write_text
from .regions import Regions
from .status import STATUS_LABELS, SYNTHETIC, UNDECLARED, DataStatus, status_text
from .trends import ABSENT, COLUMNS, MEASURES, region_year_table, totals_table, years_of
from .words import join_names


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
        text = " ".join(notes) or status_text(DataStatus(status), named)
        label = f"{STATUS_LABELS[status]} ({named})"
        lines.append({"label": label, "text": text, "synthetic": status == SYNTHETIC})
    return lines


def context(
    trends: pd.DataFrame,
    regions: Regions,
    figures_dir: Path,
    statuses: dict[int, DataStatus] | None = None,
) -> dict:
    """Everything trends.html shows; the PNGs are read from `figures_dir`; `statuses`, each
    year's data status (status.year_statuses), not declared where missing."""
    years = years_of(trends)
    statuses = {year: (statuses or {}).get(year, UNDECLARED) for year in years}
    span = f"{years[0]}\u2013{years[-1]}"
    titles = trends_charts.chart_titles(trends)
    tables = {stem: region_year_table(trends, m.activity, regions) for stem, m in MEASURES.items()}
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
            "combined_notes": trends_narrative.combined_notes(trends, m.activity, regions),
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
        "overview": trends_narrative.overview_paragraphs(trends, regions),
        "scheme": trends_narrative.scheme_paragraphs(trends, regions),
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
    written = [csv_path, *charts.save(trends_charts.figures(trends, regions), figures_dir)]
    page = context(trends, regions, figures_dir, statuses)
    html_path = folder / TRENDS_HTML_FILE
    write_text(html_path, report.wrap_page(page["title"], render_body(page)))
    return [*written, html_path], page
