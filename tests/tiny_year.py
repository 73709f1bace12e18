"""A valid tiny raw year (6 offices in 3 regions) that each test copies and changes one thing in.

Rows are lists of cells, the header first, so `rows[i]` is spreadsheet row `i + 1`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from analysis.clean import CleanYear, clean_year
from analysis.errors import InputError
from analysis.schema import EXPORT_HEADER

YEAR = 2010

ROSTER_HEADER = ["country_office", "region", "iso3"]
ROSTER = [
    ["Angola", "Africa", "AGO"],
    ["Benin", "AFRO", "BEN"],
    ["Egypt", "Arab States", "EGY"],
    ["Jordan", "ASRO", "JOR"],
    ["Nepal", "Asia and the Pacific", "NPL"],
    ["Viet Nam", "AP", "VNM"],
]

# Headers as an export spells them: header normalisation (contract 1.4) makes them match.
ACTIVITIES_HEADER = list(EXPORT_HEADER)
# Viet Nam sends no report: it still counts in its region's denominator.
ACTIVITIES = [
    ["Angola", "Africa", "2010", "2011-01-10", "yes", "", "no", "1", "", "", "x", ""],
    ["Benin", "AFR", "2010", "2011-01-11T09:30", "", "", "", "", "", "", "", "nothing"],
    ["Egypt", "", "", "2011-01-12", "TRUE", "y", "", "", "Yes", "", "", ""],
    ["Jordan", "Arab States", "2010", "2011-01-13", "0", "n", "false", "No", "", "", "", ""],
    ["Nepal", "APRO", "2010", "2011-01-14T16:49", "1", "", "", "", "1", "1", "1", "a, quoted"],
]

# The activities each office reported in the tiny year (all others: not reported).
REPORTED = {
    "Angola": {"training_capacity_building", "advocacy", "data_collection_and_research"},
    "Benin": set(),
    "Egypt": {"training_capacity_building", "policy_dialogue", "awareness_raising"},
    "Jordan": set(),
    "Nepal": {
        "training_capacity_building",
        "awareness_raising",
        "technical_assistance",
        "data_collection_and_research",
    },
    "Viet Nam": set(),
}


def roster_rows() -> list[list[str]]:
    return [list(ROSTER_HEADER), *(list(r) for r in ROSTER)]


def activity_rows() -> list[list[str]]:
    return [list(ACTIVITIES_HEADER), *(list(r) for r in ACTIVITIES)]


def col(rows: list[list[str]], name: str) -> int:
    """Index of a column by its header as written in `rows`."""
    return rows[0].index(name)


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode(encoding)


def write_year(
    root: Path,
    roster: list[list[str]] | None = None,
    activities: list[list[str]] | None = None,
    *,
    year: int = YEAR,
    xlsx: bool = False,
) -> Path:
    """Write a raw folder `root/raw/<year>/` and return `root/raw` (what clean_year takes)."""
    raw = root / "raw"
    folder = raw / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "country_offices.csv").write_bytes(csv_bytes(roster or roster_rows()))
    rows = activities or activity_rows()
    if xlsx:
        frame = pd.DataFrame(rows[1:], columns=rows[0])
        frame.to_excel(folder / "activities.xlsx", index=False, engine="openpyxl")
    else:
        (folder / "activities.csv").write_bytes(csv_bytes(rows))
    return raw


def clean(raw: Path, encoding: str | None = None) -> CleanYear:
    return clean_year(raw, YEAR, encoding)


def input_error(raw: Path, year: int = YEAR, encoding: str | None = None) -> InputError:
    """The InputError clean_year raises; fails the test if it raises nothing."""
    try:
        clean_year(raw, year, encoding)
    except InputError as err:
        return err
    raise AssertionError("clean_year accepted input it should have refused")
