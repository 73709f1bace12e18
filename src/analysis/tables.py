"""Table 1 and Table 2: offices in the roster, offices reporting, and the per cent, by region."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError, Problem
from .paths import TABLE1_FILE, TABLE2_FILE, display_path
from .provenance import write_text
from .regions import TOTAL
from .schema import (
    ACTIVITY_LABELS,
    AT_LEAST_ONE,
    TABLE1_ACTIVITIES,
    TABLE2_ACTIVITIES,
    TABLE_COLUMNS,
)


def percent(reporting: int, offices: int) -> int:
    """100 x reporting / offices, to a whole number, halves up (12.5 -> 13), in exact integers."""
    return (200 * reporting + offices) // (2 * offices)


def with_at_least_one(offices: pd.DataFrame) -> pd.DataFrame:
    return offices.assign(**{AT_LEAST_ONE: offices[list(TABLE2_ACTIVITIES)].any(axis=1)})


def activity_table(offices: pd.DataFrame, activities: tuple[str, ...]) -> pd.DataFrame:
    """Tidy table: one row per (activity, region), regions alphabetical, then Total."""
    by_region = offices.groupby("region", sort=True)
    count = by_region.size()
    reporting = by_region[list(activities)].sum()
    rows = []
    for activity in activities:
        for region in [*count.index, TOTAL]:
            if region == TOTAL:
                n_offices, n_reporting = len(offices), int(offices[activity].sum())
            else:
                n_offices, n_reporting = int(count[region]), int(reporting.at[region, activity])
            rows.append((region, activity, n_offices, n_reporting, percent(n_reporting, n_offices)))
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def table1(offices: pd.DataFrame) -> pd.DataFrame:
    return activity_table(offices, TABLE1_ACTIVITIES)


def table2(offices: pd.DataFrame) -> pd.DataFrame:
    return activity_table(with_at_least_one(offices), (*TABLE2_ACTIVITIES, AT_LEAST_ONE))


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """Regions as rows, Total last. One activity: counts and per cent in columns of their own;
    several: one column per activity holding "offices reporting (per cent)"."""
    order = list(dict.fromkeys(table["region"]))
    activities = list(dict.fromkeys(table["activity"]))
    by_region = table.set_index(["region", "activity"])
    frame = pd.DataFrame(index=pd.Index(order, name="Region"))
    frame["Country Offices"] = table.drop_duplicates("region").set_index("region")[
        "country_offices"
    ]
    if len(activities) == 1:
        rows = by_region.xs(activities[0], level="activity")
        frame["Offices reporting"] = rows["offices_reporting"]
        frame["Per cent"] = rows["percent"]
        return frame
    for activity in activities:
        rows = by_region.xs(activity, level="activity")
        frame[ACTIVITY_LABELS[activity]] = [
            f"{n} ({p}%)" for n, p in zip(rows["offices_reporting"], rows["percent"], strict=True)
        ]
    return frame


def as_text(table: pd.DataFrame) -> str:
    """A readable table as plain text: what a notebook prints and nbval compares."""
    return readable(table).to_string()


def write(table: pd.DataFrame, path: Path) -> None:
    write_text(path, table.to_csv(index=False, lineterminator="\n"))


def read(path: Path) -> pd.DataFrame:
    """A table this package wrote, its names as written (never through pandas' missing-value
    words: a region named `NA` or `None` stays one) and its counts as integers."""
    table = pd.read_csv(path, dtype="str", keep_default_na=False)
    counts = [c for c in TABLE_COLUMNS if c not in ("region", "activity") and c in table]
    for column in counts:
        not_whole = ~table[column].str.fullmatch(r"\d+")
        if not_whole.any():
            row = not_whole.idxmax()
            raise InputError(
                Problem(
                    display_path(path),
                    "not a whole number; the table was changed after a run made it: run the "
                    "year again",
                    row=row + 2,  # the header is row 1
                    column=column,
                    value=table.at[row, column],
                )
            )
    return table.astype(dict.fromkeys(counts, "int64"))


def build_and_write(offices: pd.DataFrame, folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    first, second = table1(offices), table2(offices)
    write(first, folder / TABLE1_FILE)
    write(second, folder / TABLE2_FILE)
    return first, second
