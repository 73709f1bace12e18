"""The report's paragraphs, generated from the tables in the paper's voice (UN style).

Each sentence is built from claims read off a table by small pure functions (which regions
hold the highest share, whether all or none report, ...), and says only what they and the
table's cells say: the paper's sentence where it is true of the data, else the nearest true
one. A `Sentence` carries the cells its numbers state, in the order they appear, and its
claims, so that a test can check both against the table. Nothing here is typed in by hand.
"""

from __future__ import annotations

import pandas as pd

from .capacity_sentences import capacity_building_sentences
from .data_sentences import data_research_sentences
from .regions import Regions
from .sentence_parts import (
    CAPACITY,
    NoReport,
    rows_by_activity,
    split_total,
)
from .words import (
    join_names,
    noun,
    number,
)


def capacity_building_paragraph(
    table1: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[str]:
    return [s.text for s in capacity_building_sentences(table1, regions, year, no_report)]


def data_research_paragraph(
    table2: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[str]:
    return [s.text for s in data_research_sentences(table2, regions, year, no_report)]


# ---------------------------------------------------------------------------------------------
# Method.


def method_paragraphs(
    table1: pd.DataFrame,
    log: pd.DataFrame,
    offices: pd.DataFrame,
    year: int,
    listed_below: bool = False,
) -> list[str]:
    """How the figures were made: denominators, rounding, missing reports, duplicates. With
    `listed_below`, the offices without a report are left to a table after the paragraphs
    (the document's annex), not named in a sentence (the workbook's Source sheet)."""
    by_region, total = split_total(rows_by_activity(table1)[CAPACITY])
    n_offices, n_regions = total.country_offices, len(by_region)
    paragraphs = [
        "Each per cent is the number of Country Offices reporting an activity, divided by all "
        f"Country Offices of the region in the {year} roster "
        f"({number(n_offices)} Country {noun(n_offices, 'Office')} in {number(n_regions)} "
        f"{noun(n_regions, 'region')}), rounded to a whole number with halves rounded up. "
        "Counts are exact."
    ]
    missing = log.loc[log["event"] == "no_report", "country_office"].tolist()
    if missing:
        one = len(missing) == 1
        who = (
            f"the table below lists {'it' if one else 'them'} by region"
            if listed_below
            else join_names(missing)
        )
        paragraphs.append(
            f"{number(len(missing), opening=True)} Country {noun(len(missing), 'Office')} sent "
            f"no report for {year} and {'is' if one else 'are'} counted as reporting none of the "
            f"activities: {who}."
        )
    elif n_offices == 1:
        paragraphs.append(f"The one Country Office in the roster sent a report for {year}.")
    else:
        paragraphs.append(f"Every Country Office in the roster sent a report for {year}.")
    set_aside = log[log["event"] == "duplicate_set_aside"]
    if set_aside.empty:
        paragraphs.append("No Country Office submitted more than one report.")
    else:
        offices_named = join_names(sorted(set(set_aside["country_office"])))
        n_set_aside = len(set_aside)
        reports = "report was" if n_set_aside == 1 else "reports were"
        paragraphs.append(
            "Where a Country Office submitted more than one report, only its latest counts: "
            f"{number(n_set_aside)} other {reports} set aside ({offices_named})."
        )
    return paragraphs


def no_report_by_region(offices: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(region, how many, their names) of the offices that sent no report, regions in the
    tables' order (alphabetical), names as the roster spells them."""
    missing = offices[~offices["has_report"].astype(bool)]
    return [
        (str(region), len(group), join_names(sorted(group["country_office"].astype(str))))
        for region, group in missing.groupby("region", sort=True)
    ]
