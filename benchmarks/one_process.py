"""The baseline: one year's work in one plain Python process, no notebooks, no papermill.

Calls the same package functions the notebooks call, in the same order, so the difference
from `python -m analysis run` is what the notebook machinery costs.
Usage: python benchmarks/one_process.py RAW_DIR YEAR OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis import charts, clean, regions, report, tables
from analysis.paths import AUTHORED_DIR, YearPaths, authored_file, resolve


def run(raw: Path, year: int, out: Path) -> None:
    paths = YearPaths(year, raw, out / "processed", out / "outputs")
    cleaned = clean.clean_year(paths.raw, year)
    clean.write(cleaned, paths.processed_year)
    table1, table2 = tables.build_and_write(cleaned.offices, paths.out_year)
    region_list = regions.load(paths.regions_file)
    charts.save(charts.figures_for_year(table1, table2, region_list, year), paths.figures)
    inputs = report.read_inputs(paths.processed_year)
    document = report.year_document(
        year=year,
        table1=table1,
        table2=table2,
        offices=cleaned.offices,
        log=cleaned.log,
        inputs=inputs,
        regions=region_list,
        figures_dir=paths.figures,
        authored_path=authored_file(resolve(AUTHORED_DIR), year),
    )
    report.write(document, paths.out_year, table1, table2, cleaned.offices, cleaned.log, inputs)


if __name__ == "__main__":
    run(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
