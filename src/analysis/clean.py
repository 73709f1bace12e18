"""From a raw year's roster and report export to one validated row per country office."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import normalise, read
from . import regions as regions_mod
from .cleaning_log import log_entry, log_frame, log_table
from .errors import InputError, Problem, listed, quoted, raise_if_any
from .export_check import Export, check_export
from .paths import (
    CLEANING_LOG_FILE,
    INPUTS_FILE,
    OFFICES_FILE,
    ROSTER_FILE,
    display_path,
    input_files,
    regions_file,
)
from .provenance import file_record, write_text
from .roster import clean_roster
from .schema import ACTIVITIES_REQUIRED, ACTIVITY_FLAGS, ROSTER_REQUIRED
from .status import UNDECLARED, DataStatus, as_record, data_status

# A report's office, as its position in the roster table (from 0).
OFFICE = "_office"
OFFICE_COLUMNS = [
    "country_office",
    "region",
    "iso3",
    "has_report",
    "submitted",
    "source_row",
    *ACTIVITY_FLAGS,
    "notes",
]


@dataclass
class CleanYear:
    """A year's cleaned data: one row per roster office, and what cleaning did to get there."""

    year: int
    offices: pd.DataFrame
    log: pd.DataFrame
    input_files: list[Path]
    raw_dir: Path
    status: DataStatus = UNDECLARED  # as the raw year declares it, recorded in inputs.json


def _read_notes(table: read.Table) -> list[dict]:
    """What reading a file chose (e.g. the sheet of a workbook), as log rows."""
    return [log_entry(event, detail=detail) for event, detail in table.notes]


def _formula_values(file: str, frame: pd.DataFrame) -> list[dict]:
    """Cells a spreadsheet would run as a formula if the file were opened in one: kept as
    text (contract 1.2), and listed so that a reviewer sees them before opening an output."""
    log = []
    for column in frame.columns:
        typed = frame[column]
        for row, value in typed[typed.str.startswith(normalise.FORMULA_STARTS)].items():
            log.append(
                log_entry(
                    "formula_like_value",
                    row=row,
                    column=column,
                    value=value,
                    detail=f"{file}: kept as text; a spreadsheet would run it as a formula",
                )
            )
    return log


def clean_activities(
    export: Export, roster: pd.DataFrame, year: int
) -> tuple[pd.DataFrame | None, list[Problem], pd.DataFrame]:
    """Validated reports, one per office (the latest), as the export's rows with their
    office (column OFFICE), with the rows set aside logged."""
    file = display_path(export.path)
    frame, names = export.frame, export.names
    position_of_key = dict(zip(roster["office_key"], roster.index, strict=True))
    office = normalise.office_keys(names).map(position_of_key).fillna(-1).astype(int)
    roster_file = display_path(export.path.with_name(ROSTER_FILE))
    problems = [
        Problem(file, "empty office name; every report needs one", row, "country_office", "")
        for row in names[names.eq("")].index
    ]
    problems += [
        Problem(
            file,
            f"office not in the {year} roster ({roster_file}); "
            "check the spelling or add the office to the roster",
            row,
            "country_office",
            typed,
        )
        for row, typed in names[office.lt(0) & names.ne("")].items()
    ]
    # Names matched by office key, not as the roster spells them: logged once per spelling.
    matched_by_key = office.ge(0) & ~names.isin(roster["country_office"])
    matched = pd.DataFrame(
        {
            "row": names.index[matched_by_key],
            "raw": names[matched_by_key].to_numpy(),
            "official": roster["country_office"].to_numpy()[office[matched_by_key]],
        }
    )
    first = matched.drop_duplicates(["raw", "official"]).sort_values(["raw", "official"])
    name_matched = log_frame(
        "name_matched",
        country_office=first["official"],
        row=first["row"],
        column="country_office",
        value=first["raw"],
        detail="matched to roster",
    )

    problems += export.region_problems
    if export.region is not None:
        roster_region = roster["region"].reindex(office.to_numpy()).set_axis(office.index)
        known = export.region.notna() & roster_region.notna()
        clash = known & export.region.ne(roster_region)
        for row in clash[clash].index:
            at = office[row]
            problems.append(
                Problem(
                    file,
                    "region disagrees with the roster, which puts "
                    f"{quoted(roster.at[at, 'country_office'])} in "
                    f"{quoted(roster.at[at, 'region'])}",
                    row,
                    "region",
                    frame.at[row, "region"],
                )
            )
    problems += export.other_problems
    if problems:
        return None, problems, log_table(name_matched, export.log)

    latest, duplicate_problems, duplicate_log = _latest_report_per_office(
        file, office, export, roster
    )
    return latest, duplicate_problems, log_table(name_matched, export.log, duplicate_log)


def _latest_report_per_office(
    file: str, office: pd.Series, export: Export, roster: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem], pd.DataFrame | list]:
    """Each office's latest report, by its row in the export (contract 1.5); two latest
    reports that disagree are an error."""
    reports = pd.DataFrame(
        {
            OFFICE: office,
            "submitted": export.submitted,
            "submitted_as_typed": export.frame["submitted"].str.strip(),
            "source_row": office.index,
        }
    ).join(export.flags)
    ordered = reports.sort_values([OFFICE, "submitted", "source_row"], kind="stable")
    latest_time = ordered.groupby(OFFICE)["submitted"].transform("max")
    at_latest = ordered[ordered["submitted"].eq(latest_time)]
    problems = []
    tied = at_latest[at_latest[OFFICE].duplicated(keep=False)]
    for at, group in tied.groupby(OFFICE):
        if len(group[list(ACTIVITY_FLAGS)].drop_duplicates()) > 1:
            problems.append(
                Problem(
                    file,
                    f"rows {listed([str(r) for r in group['source_row']])} report "
                    f"{quoted(roster.at[at, 'country_office'])} with the same latest submission "
                    "time but different activities; keep one of them or correct the time",
                    int(group["source_row"].iloc[-1]),
                    "submitted",
                    group["submitted_as_typed"].iloc[-1],
                )
            )
    kept = at_latest.drop_duplicates(OFFICE, keep="last")
    set_aside = ordered.drop(index=kept.index)
    if set_aside.empty:
        return kept.sort_index(), problems, []
    # Listed by office key, then time (the log reads the same whatever the roster's order).
    set_aside = set_aside.assign(
        _key=roster["office_key"].to_numpy()[set_aside[OFFICE]],
        _name=roster["country_office"].to_numpy()[set_aside[OFFICE]],
    ).sort_values(["_key", "submitted", "source_row"], kind="stable")
    kept_row = pd.Series(kept["source_row"].to_numpy(), index=kept[OFFICE])
    log = log_frame(
        "duplicate_set_aside",
        country_office=set_aside["_name"],
        row=set_aside["source_row"],
        column="submitted",
        value=set_aside["submitted_as_typed"],
        detail="superseded by row " + kept_row.reindex(set_aside[OFFICE]).astype(str),
    )
    return kept.sort_index(), problems, log


def build_offices(roster: pd.DataFrame, export: Export, kept: pd.DataFrame) -> pd.DataFrame:
    """One row per roster office, in the roster's order (by region, then name); an office
    with no report has every flag 'not reported'. `kept` is each office's report."""
    row_of_office = pd.Series(kept.index, index=kept[OFFICE]).reindex(roster.index)
    has_report = row_of_office.notna()
    source_row = row_of_office.astype("Int64")

    def from_export(values: pd.Series) -> pd.Series:
        """Each office's value in its report; NA for an office with no report."""
        return values.reindex(source_row.fillna(-1).to_numpy()).set_axis(roster.index)

    # As compared: a local time as written, or, where the export gave offsets, the time in
    # UTC, marked `Z` (contract 5).
    in_utc = export.submitted.dt.tz is not None
    submitted = from_export(export.submitted).dt.strftime(
        "%Y-%m-%dT%H:%M:%SZ" if in_utc else "%Y-%m-%dT%H:%M:%S"
    )
    offices = {
        **{column: roster[column] for column in ["country_office", "region", "iso3"]},
        "has_report": has_report,
        "submitted": submitted.fillna("").astype("str"),
        "source_row": source_row,
        **{
            column: from_export(export.flags[column]).fillna(False).astype(bool)
            for column in ACTIVITY_FLAGS
        },  # fmt: skip
        "notes": from_export(export.frame["notes"]).fillna("") if "notes" in export.frame else "",
    }
    # Other export columns are carried along untouched; not those the offices table takes
    # from the roster or makes itself (e.g. an `iso3` in the export): they would clash.
    for column in export.frame.columns:
        if column not in OFFICE_COLUMNS and column != "year":
            offices[column] = from_export(export.frame[column])
    return pd.DataFrame(offices)


def _attempt(function, *args):
    """`function(*args)` and None, or None and the InputError it raised."""
    try:
        return function(*args), None
    except InputError as err:
        return None, err


def clean_year(raw_dir: Path, year: int, encoding: str | None = None) -> CleanYear:
    """Read and validate a raw year; every problem in its files is raised together."""
    roster_path, activities_path = input_files(raw_dir, year)
    regions = regions_mod.load(regions_file(raw_dir))

    # Load: each file is read and checked on its own, so that faults in both are told at once.
    roster_table, roster_error = _attempt(
        read.read_table, roster_path, encoding, list(ROSTER_REQUIRED)
    )
    export_table, export_error = _attempt(
        read.read_table, activities_path, encoding, list(ACTIVITIES_REQUIRED)
    )
    if not roster_error:
        roster_clean, roster_error = _attempt(
            clean_roster, roster_path, roster_table.frame, regions
        )
    if not export_error:
        export, export_error = _attempt(
            check_export, activities_path, export_table.frame, regions, year
        )
    fatal = [e for e in (roster_error, export_error) if e]
    if fatal:
        raise InputError([problem for error in fatal for problem in error.problems])
    roster, problems, roster_log = roster_clean

    # Process: each report to its office, the latest per office, every office a row.
    kept, report_problems, report_log = clean_activities(export, roster, year)
    raise_if_any(problems + report_problems)
    offices = build_offices(roster, export, kept)
    no_report = log_frame(
        "no_report",
        country_office=offices.loc[~offices["has_report"], "country_office"],
        detail="no report: counted as reporting none of the activities",
    )
    log = log_table(
        _read_notes(roster_table) + _read_notes(export_table),
        _formula_values(display_path(roster_path), roster_table.frame)
        + _formula_values(display_path(activities_path), export_table.frame),
        roster_log,
        report_log,
        no_report,
    )
    status = data_status(raw_dir / str(year))
    return CleanYear(year, offices, log, [roster_path, activities_path], raw_dir, status)


def as_csv(frame: pd.DataFrame) -> str:
    """The frame as CSV, lines ending in `\\n`. Python's csv writer (pandas') leaves a value
    holding a carriage return unquoted when lines end in `\\n`, and every reader then ends
    the row there: a frame with one is written with every value quoted."""
    text = frame.select_dtypes(include=["str", "object"]).astype(str)
    has_carriage_return = any(text[c].str.contains("\r", regex=False).any() for c in text)
    quoting = csv.QUOTE_ALL if has_carriage_return else csv.QUOTE_MINIMAL
    return frame.to_csv(index=False, lineterminator="\n", quoting=quoting)


def write(clean: CleanYear, folder: Path) -> None:
    """Write the cleaned offices, the cleaning log and the inputs to processed/<year>/: the
    raw files read, and their data status (which the later steps and the trends state)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_text(folder / OFFICES_FILE, as_csv(clean.offices))
    write_text(folder / CLEANING_LOG_FILE, as_csv(clean.log))
    inputs = {
        "files": [file_record(p, clean.raw_dir) for p in clean.input_files],
        "data_status": as_record(clean.status),
    }
    write_text(folder / INPUTS_FILE, json.dumps(inputs, indent=2) + "\n")


def read_offices(folder: Path) -> pd.DataFrame:
    offices = read.written_table(folder / OFFICES_FILE)
    for column in [*ACTIVITY_FLAGS, "has_report"]:
        offices[column] = offices[column].eq("True")
    return offices


def read_log(folder: Path) -> pd.DataFrame:
    return read.written_table(folder / CLEANING_LOG_FILE)


def summary(clean: CleanYear) -> str:
    """What cleaning did, in a few plain lines (deterministic: a notebook's checked output)."""
    offices = clean.offices
    events = clean.log["event"].value_counts()
    lines = [
        f"Year {clean.year}: {len(offices)} country offices in the roster, "
        f"{offices['region'].nunique()} regions",
        f"Reports counted: {int(offices['has_report'].sum())}",
        f"Earlier reports set aside as duplicates: {int(events.get('duplicate_set_aside', 0))}",
        f"Offices with no report: {int(events.get('no_report', 0))}",
        f"Office names matched to the roster's spelling: {int(events.get('name_matched', 0))}",
    ]
    for region, count in offices["region"].value_counts().sort_index().items():
        lines.append(f"  {region}: {count} offices")
    return "\n".join(lines)
