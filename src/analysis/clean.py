"""From a raw year's roster and report export to one validated row per country office."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import normalise, read
from . import regions as regions_mod
from .errors import InputError, Problem, listed, quoted, raise_if_any
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
from .schema import ACTIVITIES_REQUIRED, ACTIVITY_FLAGS, ROSTER_REQUIRED
from .status import UNDECLARED, DataStatus, as_record, data_status
from .words import counted

LOG_COLUMNS = ["event", "country_office", "row", "column", "value", "detail"]
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
DATE_HINT = "use an ISO 8601 date or date-time, e.g. 2011-01-31 or 2011-01-31T14:05"


@dataclass
class CleanYear:
    """A year's cleaned data: one row per roster office, and what cleaning did to get there."""

    year: int
    offices: pd.DataFrame
    log: pd.DataFrame
    input_files: list[Path]
    raw_dir: Path
    status: DataStatus = UNDECLARED  # as the raw year declares it, recorded in inputs.json


def _log(event: str, office="", row="", column="", value="", detail="") -> dict:
    return dict(zip(LOG_COLUMNS, [event, office, row, column, value, detail], strict=True))


def _log_frame(event: str, **cells) -> pd.DataFrame:
    """Log rows for an event that can concern many offices: each of `cells` (named as in
    LOG_COLUMNS) holds a value per row, or one for every row."""
    columns = {c: v if isinstance(v, str) else list(v) for c, v in cells.items()}
    rows = next(len(v) for v in columns.values() if isinstance(v, list))
    return pd.DataFrame(
        {"event": event, **{c: columns.get(c, "") for c in LOG_COLUMNS[1:]}},
        columns=LOG_COLUMNS,
        index=range(rows),
    )


def _log_table(*pieces: list[dict] | pd.DataFrame) -> pd.DataFrame:
    frames = [
        p if isinstance(p, pd.DataFrame) else pd.DataFrame(p, columns=LOG_COLUMNS) for p in pieces
    ]
    return pd.concat(frames, ignore_index=True)


def _read_notes(table: read.Table) -> list[dict]:
    """What reading a file chose (e.g. the sheet of a workbook), as log rows."""
    return [_log(event, detail=detail) for event, detail in table.notes]


def _formula_values(file: str, frame: pd.DataFrame) -> list[dict]:
    """Cells a spreadsheet would run as a formula if the file were opened in one: kept as
    text (contract 1.2), and listed so that a reviewer sees them before opening an output."""
    log = []
    for column in frame.columns:
        typed = frame[column]
        for row, value in typed[typed.str.startswith(normalise.FORMULA_STARTS)].items():
            log.append(
                _log(
                    "formula_like_value",
                    row=row,
                    column=column,
                    value=value,
                    detail=f"{file}: kept as text; a spreadsheet would run it as a formula",
                )
            )
    return log


def _region_column(
    file: str, values: pd.Series, regions: regions_mod.Regions
) -> tuple[pd.Series, list[Problem], list[dict]]:
    """Each row's canonical region (None where empty or unknown), the unknown values, and
    the aliases read."""
    typed = values.str.strip()
    by_typed = {v: regions.lookup(v) if v else None for v in typed.unique().tolist()}
    region = typed.map(by_typed)
    unknown = typed.ne("") & region.isna()
    problems = [
        Problem(file, f"not a known region; accepted: {regions.accepted()}", row, "region", raw)
        for row, raw in typed[unknown].items()
    ]
    aliases = pd.DataFrame({"raw": typed, "name": region})[region.notna() & typed.ne(region)]
    log = [
        _log("region_read", value=raw, detail=f"{file}: read as {name!r} ({counted(n, 'row')})")
        for (raw, name), n in sorted(aliases.value_counts().items())
    ]
    return region, problems, log


def _both_schemes(
    file: str, typed: pd.Series, region: pd.Series, regions: regions_mod.Regions
) -> list[Problem]:
    """A roster with offices in a region and in one carved out of it (Africa beside East and
    Southern Africa): a year's roster uses one scheme or the other (contract, section 3);
    with both, the tables would show the old region as a sliver of the new ones."""
    problems = []
    for child, parent in regions.split_from.items():
        in_child, in_parent = region.eq(child), region.eq(parent)
        if in_child.any() and in_parent.any():
            row = in_parent.idxmax()  # the first row in the old region
            problems.append(
                Problem(
                    file,
                    f"{counted(int(in_parent.sum()), 'office')} in {parent!r} beside "
                    f"{counted(int(in_child.sum()), 'office')} in {child!r}, which was carved "
                    f"out of it; a year's roster uses one scheme: {parent!r} or the regions "
                    "carved out of it",
                    row,
                    "region",
                    typed[row].strip(),
                )
            )
    return problems


def clean_roster(
    path: Path, frame: pd.DataFrame, regions: regions_mod.Regions
) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
    """The roster, one row per office (a repeated office is a problem, and its repeats are
    left out), in the offices table's order: by region, then name. A report names its
    office by its position here (from 0)."""
    file = display_path(path)
    problems = read.require_columns(path, frame, list(ROSTER_REQUIRED))
    raise_if_any(problems)
    names = frame["country_office"].str.strip()
    problems += [
        Problem(file, "empty office name; every roster row needs one", row, "country_office", "")
        for row in names[names.eq("")].index
    ]
    region, region_problems, log = _region_column(file, frame["region"], regions)
    problems += region_problems
    problems += [
        Problem(file, f"empty region; accepted: {regions.accepted()}", row, "region", "")
        for row in frame.index[frame["region"].str.strip().eq("")]
    ]
    problems += _both_schemes(file, frame["region"], region, regions)
    keys = normalise.office_keys(names)
    repeated = keys.duplicated()
    first_row = dict(zip(keys[~repeated], keys[~repeated].index, strict=True))
    problems += [
        Problem(
            file,
            f"office repeated (already on row {first_row[key]}); list each office once",
            row,
            "country_office",
            names[row],
        )
        for row, key in keys[repeated & names.ne("")].items()
    ]
    iso3 = frame["iso3"].str.strip().str.upper() if "iso3" in frame else ""
    roster = pd.DataFrame(
        {"country_office": names, "region": region, "iso3": iso3, "office_key": keys}
    )[~repeated]
    # Names sort by code point, as Python's `sorted` does; an unknown region (None, already
    # a problem) sorts last.
    roster = roster.sort_values(["region", "country_office"], kind="stable")
    roster = roster.reset_index(drop=True).astype({"region": "str"})
    return roster, problems, log


def _flag_columns(file: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem], list]:
    """Each activity flag as a boolean per row, the values outside the contract, and what
    each value was read as."""
    flags = {}
    problems = []
    read_as_counts: dict[tuple[str, bool], int] = {}
    for column in ACTIVITY_FLAGS:
        typed = frame[column]
        by_typed = {v: normalise.flag(v) for v in typed.unique().tolist()}
        reported = typed.map(by_typed).astype(object)
        outside = reported.isna()
        problems += [
            Problem(
                file,
                f"not an activity flag; accepted: {normalise.ACCEPTED_FLAGS}",
                row,
                column,
                value,
            )
            for row, value in typed[outside].items()
        ]
        read = pd.DataFrame({"raw": typed.str.strip(), "reported": reported})[~outside]
        for (raw, as_reported), n in read.value_counts().items():
            key = (raw, bool(as_reported))
            read_as_counts[key] = read_as_counts.get(key, 0) + int(n)
        flags[column] = reported.eq(True)
    log = [
        _log(
            "flag_read",
            value=raw,
            detail=f"{file}: read as {'reported' if reported else 'not reported'} "
            f"({counted(n, 'cell')})",
        )
        for (raw, reported), n in sorted(read_as_counts.items())
    ]
    return pd.DataFrame(flags), problems, log


# A date-time ending in a UTC offset: `Z`, `+01:00`, `-0500`, `+01`.
_UTC_OFFSET = r"[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)"


def _submission_times(typed: pd.Series) -> pd.Series:
    """Each row's `submitted` as a time; NaT where it is not an ISO 8601 date or date-time.
    Times without a UTC offset are local times, compared as written; with offsets, every
    time has one (`_mixed_offsets`), and they are compared as instants, in UTC."""
    text = typed.str.strip()
    with_offset = text.str.fullmatch(rf"\d{{4}}-?\d{{2}}-?\d{{2}}{_UTC_OFFSET}")
    utc = bool(with_offset.any())
    times = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=utc)
    # Microseconds, as pandas parses them: nanoseconds only reach 1677-2262, and a date
    # outside them (a typed 2301 or 0211) must not wrap round to another.
    return times.astype("datetime64[us, UTC]" if utc else "datetime64[us]")


def _mixed_offsets(file: str, typed: pd.Series, times: pd.Series) -> list[Problem]:
    """Times with a UTC offset beside times without one: which report of an office is the
    latest cannot be told (a local time's zone is not known), so the export gives every
    `submitted` an offset or none (contract 1.5)."""
    if times.dt.tz is None:
        return []
    text = typed.str.strip()
    with_offset = text.str.fullmatch(rf"\d{{4}}-?\d{{2}}-?\d{{2}}{_UTC_OFFSET}")
    without = text[times.notna() & ~with_offset]
    if without.empty:
        return []
    first_with = text[with_offset].index[0]
    return [
        Problem(
            file,
            f"has no UTC offset, while row {first_with} ({text[first_with]!r}) and "
            f"{counted(int(with_offset.sum()) - 1, 'other row')} have one: times with and without "
            "an offset cannot be put in order; give every `submitted` its offset (e.g. "
            "2011-01-31T14:05+01:00 or ...Z) or none",
            row,
            "submitted",
            value,
        )
        for row, value in without.items()
    ]


@dataclass
class Export:
    """What the report export says on its own: checked without the roster."""

    path: Path
    frame: pd.DataFrame  # as read, rows numbered as the spreadsheet numbers them
    names: pd.Series  # each row's office as typed, trimmed
    region: pd.Series | None  # each row's region (`_region_column`), if the export has one
    submitted: pd.Series  # each row's submission time (`_submission_times`)
    flags: pd.DataFrame  # each row's activity flags, as booleans
    region_problems: list[Problem]
    other_problems: list[Problem]  # year, submitted and flags, in that order
    log: list[dict]  # regions and flags read


def check_export(
    path: Path, frame: pd.DataFrame, regions: regions_mod.Regions, year: int
) -> Export:
    """Every check of the export that does not need the roster."""
    file = display_path(path)
    raise_if_any(read.require_columns(path, frame, list(ACTIVITIES_REQUIRED)))
    region, region_problems, log = None, [], []
    if "region" in frame:
        region, region_problems, log = _region_column(file, frame["region"], regions)

    problems = []
    if "year" in frame:
        given = frame["year"].str.strip()
        wrong = given.ne("") & given.ne(str(year))
        problems += [
            Problem(file, f"year differs from the folder's; expected {year}", row, "year", v)
            for row, v in given[wrong].items()
        ]

    submitted = _submission_times(frame["submitted"])
    problems += [
        Problem(file, f"not a date; {DATE_HINT}", row, "submitted", typed)
        for row, typed in frame["submitted"][submitted.isna()].items()
    ]
    problems += _mixed_offsets(file, frame["submitted"], submitted)

    flags, flag_problems, flag_log = _flag_columns(file, frame)
    return Export(
        path,
        frame,
        frame["country_office"].str.strip(),
        region,
        submitted,
        flags,
        region_problems,
        problems + flag_problems,
        log + flag_log,
    )


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
    name_matched = _log_frame(
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
        return None, problems, _log_table(name_matched, export.log)

    latest, duplicate_problems, duplicate_log = _latest_report_per_office(
        file, office, export, roster
    )
    return latest, duplicate_problems, _log_table(name_matched, export.log, duplicate_log)


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
    log = _log_frame(
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
    no_report = _log_frame(
        "no_report",
        country_office=offices.loc[~offices["has_report"], "country_office"],
        detail="no report: counted as reporting none of the activities",
    )
    log = _log_table(
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
