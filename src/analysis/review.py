"""What changed since the previous year, for the researcher to read before writing about it:
offices that joined or left the roster or changed region, and for each activity of Table 1
and Table 2 the offices that started and those that stopped reporting it, by region.

The page (`<out>/<year>/review/review.html`, with its rows as `review.csv`) is kept apart
from the files handed in (report, tables, workbook) and says so. Its counts add up, for every
cell of both tables, to the change in the count of offices reporting:

    now - before = started - stopped + arrived - departed

where `started` and `stopped` are offices in the region (the roster, for Total) both years,
`arrived` offices in it this year only that report the activity (joined the roster, or moved
in from another region), and `departed` offices in it last year only that had reported it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .paths import OFFICES_FILE, YearPaths, display_path, year_folders
from .regions import TOTAL
from .schema import ACTIVITY_LABELS, AT_LEAST_ONE, TABLE1_ACTIVITIES, TABLE2_ACTIVITIES

REVIEW_DIR = "review"
REVIEW_HTML = "review.html"
REVIEW_CSV = "review.csv"
ACTIVITIES = (*TABLE1_ACTIVITIES, *TABLE2_ACTIVITIES, AT_LEAST_ONE)

STARTED, STOPPED, ARRIVED, DEPARTED = "started", "stopped", "arrived", "departed"
CHANGES = (STARTED, STOPPED, ARRIVED, DEPARTED)
JOINED, LEFT, MOVED = "joined the roster", "left the roster", "changed region"
COLUMNS = ("section", "region", "activity", "change", "country_office", "detail")
CELL_COLUMNS = (
    "region", "activity", "offices_before", "before", "percent_before", *CHANGES,
    "offices_now", "now", "percent_now",
)  # fmt: skip


def previous_year(processed_dir: Path, year: int) -> int | None:
    """The latest year before `year` with cleaned data (`<processed>/<y>/offices.csv`)."""
    earlier = [
        y
        for y in year_folders(processed_dir)
        if y < year and (processed_dir / str(y) / OFFICES_FILE).is_file()
    ]
    return earlier[-1] if earlier else None


def previous_offices_file(processed_dir: Path, year: int) -> Path | None:
    """The previous year's cleaned offices, which the review reads (the runner's fingerprint
    of the report step takes it in, so that a change there remakes this year's review)."""
    before = previous_year(processed_dir, year)
    return None if before is None else processed_dir / str(before) / OFFICES_FILE


def _flags(offices: pd.DataFrame) -> pd.DataFrame:
    """One row per office: its region and every activity of both tables, at least one too."""
    frame = offices.set_index("country_office")
    flags = frame[list(TABLE1_ACTIVITIES + TABLE2_ACTIVITIES)].astype(bool)
    flags[AT_LEAST_ONE] = flags[list(TABLE2_ACTIVITIES)].any(axis=1)
    flags.insert(0, "region", frame["region"])
    flags["has_report"] = frame["has_report"].astype(bool)
    return flags


def rows(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Every change, one row each (COLUMNS): the roster's, then each activity's by region and
    for the Total row."""
    before, now = _flags(previous), _flags(current)
    found = []
    for office in sorted(set(before.index) | set(now.index)):
        was = before.loc[office] if office in before.index else None
        is_ = now.loc[office] if office in now.index else None
        if was is None:
            found.append(("roster", is_["region"], "", JOINED, office, ""))
        elif is_ is None:
            found.append(("roster", was["region"], "", LEFT, office, ""))
        elif was["region"] != is_["region"]:
            detail = f"from {was['region']} to {is_['region']}"
            found.append(("roster", is_["region"], "", MOVED, office, detail))
        no_report = "" if is_ is None or is_["has_report"] else "sent no report"
        for activity in ACTIVITIES:
            had = was is not None and bool(was[activity])
            has = is_ is not None and bool(is_[activity])
            for region in {TOTAL, *(r["region"] for r in (was, is_) if r is not None)}:
                in_before = was is not None and region in (TOTAL, was["region"])
                in_now = is_ is not None and region in (TOTAL, is_["region"])
                change = _change(in_before, had, in_now, has)
                if change:
                    detail = no_report if change == STOPPED else ""
                    found.append(("activity", region, activity, change, office, detail))
    frame = pd.DataFrame(found, columns=list(COLUMNS))
    order = {a: i for i, a in enumerate(ACTIVITIES)}
    return frame.sort_values(
        ["section", "activity", "region", "change", "country_office"],
        key=lambda s: s.map(order) if s.name == "activity" else s,
        kind="stable",
        ignore_index=True,
    )


def _change(in_before: bool, had: bool, in_now: bool, has: bool) -> str:
    """How one office moves one cell's count: "" where it does not."""
    if in_before and in_now:
        return STARTED if has and not had else STOPPED if had and not has else ""
    if in_now and has:
        return ARRIVED
    if in_before and had:
        return DEPARTED
    return ""


def cells(previous_tables: pd.DataFrame, current_tables: pd.DataFrame, changes: pd.DataFrame):
    """For every cell of both years' tables (region, activity): the count before, each kind of
    change, the count now (a region absent from a year counts 0 there)."""
    empty = {"offices": 0, "reporting": 0, "percent": 0}  # a region absent from a year
    counts: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    for name, table in (("before", previous_tables), ("now", current_tables)):
        for row in table.itertuples():
            cell = counts.setdefault((row.region, row.activity), {"before": empty, "now": empty})
            cell[name] = {
                "offices": int(row.country_offices),
                "reporting": int(row.offices_reporting),
                "percent": int(row.percent),
            }
    activity = changes[changes["section"] == "activity"]
    tally = activity.groupby(["region", "activity", "change"]).size()
    found = []
    for (region, activity_name), cell in counts.items():
        made = [int(tally.get((region, activity_name, c), 0)) for c in CHANGES]
        was, now = cell["before"], cell["now"]
        found.append(
            (region, activity_name, was["offices"], was["reporting"], was["percent"], *made,
             now["offices"], now["reporting"], now["percent"])
        )  # fmt: skip
    order = {a: i for i, a in enumerate(ACTIVITIES)}
    frame = pd.DataFrame(found, columns=list(CELL_COLUMNS))
    frame["_total"] = frame["region"].eq(TOTAL)
    frame["_activity"] = frame["activity"].map(order)
    return frame.sort_values(["_activity", "_total", "region"], ignore_index=True).drop(
        columns=["_total", "_activity"]
    )


def csv_text(changes: pd.DataFrame, year: int, before: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["previous_year", "year", *COLUMNS])
    for row in changes.itertuples(index=False):
        writer.writerow([before, year, *row])
    return out.getvalue()


def page(year: int, before: int, changes: pd.DataFrame, summary: pd.DataFrame) -> str:
    """The review page: one self-contained HTML file, every data text escaped."""
    from .report import render, wrap_page

    roster = changes[changes["section"] == "roster"]
    activity = changes[changes["section"] == "activity"]
    by_cell = {
        key: {c: list(g.loc[g["change"] == c, "country_office"]) for c in CHANGES}
        for key, g in activity[activity["region"] != TOTAL].groupby(["activity", "region"])
    }
    moved = {
        row.country_office: row.detail for row in roster[roster["change"] == MOVED].itertuples()
    }
    body = render(
        "review.html.j2",
        {
            "year": year,
            "before": before,
            "roster": {
                kind: roster[roster["change"] == kind][["region", "country_office"]].values.tolist()
                for kind in (JOINED, LEFT)
            },
            "moved": sorted(moved.items()),
            "summary": summary[
                summary[list(CHANGES)].sum(axis=1).gt(0)
                | summary["percent_before"].ne(summary["percent_now"])
            ],
            "labels": ACTIVITY_LABELS,
            "by_cell": by_cell,
            "total": TOTAL,
            "no_report": set(activity.loc[activity["detail"] != "", "country_office"]),
        },
    )
    return wrap_page(f"Review: {before} to {year}", body)


def write_for_year(paths: YearPaths, earlier_dir: Path | None = None) -> Path | None:
    """The review of `paths.year` against the previous year with cleaned data in `earlier_dir`
    (by default `paths.processed`; a run stages the year apart from the others), written to
    `<out>/<year>/review/`; None (and nothing written) where there is no previous year."""
    from . import clean, tables
    from .provenance import write_text

    earlier_dir = paths.processed if earlier_dir is None else earlier_dir
    before = previous_year(earlier_dir, paths.year)
    if before is None:
        return None
    previous = clean.read_offices(earlier_dir / str(before))
    current = clean.read_offices(paths.processed_year)
    changes = rows(previous, current)

    def both_tables(offices: pd.DataFrame) -> pd.DataFrame:
        return pd.concat([tables.table1(offices), tables.table2(offices)], ignore_index=True)

    summary = cells(both_tables(previous), both_tables(current), changes)
    folder = paths.out_year / REVIEW_DIR
    write_text(folder / REVIEW_CSV, csv_text(changes, paths.year, before))
    write_text(folder / REVIEW_HTML, page(paths.year, before, changes, summary))
    return folder / REVIEW_HTML


def note(paths: YearPaths, written: Path | None) -> str:
    """What the notebook prints of the review."""
    if written is None:
        return f"No year before {paths.year} has cleaned data: no review page."
    return f"What changed since the previous year (not for handing in): {display_path(written)}"
