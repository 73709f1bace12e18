"""From a raw year's roster and report export to one validated row per country office."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import normalise, read
from . import regions as regions_mod
from .errors import Problem, raise_if_any
from .paths import (
    CLEANING_LOG_FILE,
    INPUTS_FILE,
    OFFICES_FILE,
    display_path,
    input_files,
    regions_file,
)
from .provenance import file_record, write_text
from .schema import ACTIVITIES_REQUIRED, ACTIVITY_FLAGS, ROSTER_REQUIRED

LOG_COLUMNS = ["event", "country_office", "row", "column", "value", "detail"]
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


def _log(event: str, office="", row="", column="", value="", detail="") -> dict:
    return dict(zip(LOG_COLUMNS, [event, office, row, column, value, detail], strict=True))


def _region_column(
    file: str, values: pd.Series, regions: regions_mod.Regions
) -> tuple[pd.Series, list[Problem], list[dict]]:
    """Canonical region per row (NA where empty), the unknown values, and the aliases read."""
    stripped = values.str.strip()
    lookup = {v: regions.lookup(v) for v in stripped.unique() if v}
    canonical = stripped.map(lookup)
    problems = [
        Problem(file, f"not a known region; accepted: {regions.accepted()}", row, "region", raw)
        for row, raw in stripped[stripped.ne("") & canonical.isna()].items()
    ]
    log = [
        _log(
            "region_read",
            value=raw,
            detail=f"{file}: read as {name!r} ({int((stripped == raw).sum())} rows)",
        )
        for raw, name in sorted(lookup.items())
        if name is not None and raw != name
    ]
    return canonical, problems, log


def clean_roster(
    path: Path, frame: pd.DataFrame, regions: regions_mod.Regions
) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
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
        for row in region[frame["region"].str.strip().eq("")].index
    ]
    keys = normalise.office_keys(names)
    first_row = keys.reset_index().drop_duplicates("country_office").set_index("country_office")
    for row, key in keys[keys.duplicated() & names.ne("")].items():
        problems.append(
            Problem(
                file,
                f"office repeated (already on row {first_row.loc[key, 'row']}); "
                "list each office once",
                row,
                "country_office",
                names[row],
            )
        )
    iso3 = frame["iso3"].str.strip().str.upper() if "iso3" in frame else ""
    roster = pd.DataFrame(
        {"country_office": names, "region": region, "iso3": iso3, "office_key": keys}
    )
    return roster, problems, log


def _flag_columns(file: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem], list]:
    flags = {}
    problems = []
    counts: dict[tuple[str, bool], int] = {}
    for column in ACTIVITY_FLAGS:
        value = normalise.map_unique(frame[column], normalise.flag)
        for row in value[value.isna()].index:
            problems.append(
                Problem(
                    file,
                    f"not an activity flag; accepted: {normalise.ACCEPTED_FLAGS}",
                    row,
                    column,
                    frame.at[row, column],
                )
            )
        for raw, n in frame[column].str.strip().value_counts().items():
            reported = normalise.flag(raw)
            if reported is not None:
                counts[(raw, reported)] = counts.get((raw, reported), 0) + int(n)
        flags[column] = value.fillna(False).astype(bool)
    log = [
        _log(
            "flag_read",
            value=raw,
            detail=f"{file}: read as {'reported' if reported else 'not reported'} ({n} cells)",
        )
        for (raw, reported), n in sorted(counts.items())
    ]
    return pd.DataFrame(flags, index=frame.index), problems, log


def _parse_dates(typed: pd.Series) -> pd.Series:
    """ISO 8601 dates and date-times; NaT where a cell is not one. Parsed once per distinct
    value: an export holds a few dozen submission dates over many rows."""
    uniques = typed.unique()
    parsed = pd.to_datetime(pd.Series(uniques), format="ISO8601", errors="coerce", utc=True)
    return typed.map(pd.Series(parsed.to_numpy(), index=uniques))


def clean_activities(
    path: Path,
    frame: pd.DataFrame,
    roster: pd.DataFrame,
    regions: regions_mod.Regions,
    year: int,
) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
    """Validated reports, one per office (the latest), with the rows set aside logged."""
    file = display_path(path)
    problems = read.require_columns(path, frame, list(ACTIVITIES_REQUIRED))
    raise_if_any(problems)
    log: list[dict] = []

    names = frame["country_office"].str.strip()
    keys = normalise.office_keys(names)
    roster_by_key = roster.drop_duplicates("office_key").set_index("office_key")
    roster_name = keys.map(roster_by_key["country_office"])
    known = roster_name.notna()
    roster_file = display_path(path.with_name("country_offices.csv"))
    problems += [
        Problem(
            file,
            f"office not in the {year} roster ({roster_file}); "
            "check the spelling or add the office to the roster",
            row,
            "country_office",
            names[row],
        )
        for row in known[~known].index
    ]
    roster_region = keys.map(roster_by_key["region"])
    for (raw, official), rows in (
        pd.DataFrame({"raw": names, "official": roster_name})[known & names.ne(roster_name)]
        .groupby(["raw", "official"])
        .groups.items()
    ):
        log.append(
            _log("name_matched", official, rows[0], "country_office", raw, "matched to roster")
        )

    if "region" in frame:
        region, region_problems, region_log = _region_column(file, frame["region"], regions)
        problems += region_problems
        log += region_log
        clash = region.notna() & roster_region.notna() & region.ne(roster_region)
        problems += [
            Problem(
                file,
                f"region disagrees with the roster, which puts {roster_name[row]!r} "
                f"in {roster_region[row]!r}",
                row,
                "region",
                frame.at[row, "region"],
            )
            for row in clash[clash].index
        ]

    if "year" in frame:
        given = frame["year"].str.strip()
        wrong = given.ne("") & given.ne(str(year))
        problems += [
            Problem(file, f"year differs from the folder's; expected {year}", row, "year", v)
            for row, v in given[wrong].items()
        ]

    submitted = _parse_dates(frame["submitted"].str.strip())
    problems += [
        Problem(file, f"not a date; {DATE_HINT}", row, "submitted", frame.at[row, "submitted"])
        for row in submitted[submitted.isna()].index
    ]

    flags, flag_problems, flag_log = _flag_columns(file, frame)
    problems += flag_problems
    log += flag_log
    if problems:
        return pd.DataFrame(), problems, log

    reports = pd.concat(
        [
            pd.DataFrame(
                {
                    "office_key": keys,
                    "submitted": submitted,
                    "submitted_as_typed": frame["submitted"].str.strip(),
                    "source_row": frame.index,
                },
                index=frame.index,
            ),
            flags,
            # Columns the offices table takes from the roster or makes itself (e.g. an `iso3`
            # in the export) are not carried: they would clash with those when merged.
            frame.drop(
                columns=["year", "office_key", *(c for c in OFFICE_COLUMNS if c != "notes")],
                errors="ignore",
            ),
        ],
        axis=1,
    )
    kept, duplicate_problems, duplicate_log = _latest_report_per_office(file, reports, roster_name)
    return kept, duplicate_problems, log + duplicate_log


def _latest_report_per_office(
    file: str, reports: pd.DataFrame, roster_name: pd.Series
) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
    """Keep each office's latest report; two latest reports that disagree are an error."""
    ordered = reports.sort_values(["office_key", "submitted", "source_row"], kind="stable")
    latest = ordered.groupby("office_key")["submitted"].transform("max")
    at_latest = ordered[ordered["submitted"].eq(latest)]
    problems = []
    tied = at_latest[at_latest["office_key"].duplicated(keep=False)]
    for _, group in tied.groupby("office_key"):
        if len(group[list(ACTIVITY_FLAGS)].drop_duplicates()) > 1:
            rows = ", ".join(str(r) for r in group["source_row"])
            first = group.index[0]
            problems.append(
                Problem(
                    file,
                    f"rows {rows} report {roster_name[first]!r} with the same latest submission "
                    "time but different activities; keep one of them or correct the time",
                    int(group["source_row"].iloc[-1]),
                    "submitted",
                    group["submitted_as_typed"].iloc[-1],
                )
            )
    kept = at_latest.drop_duplicates("office_key", keep="last")
    set_aside = ordered.drop(index=kept.index)
    kept_row = pd.Series(kept.index, index=kept["office_key"])
    log = [
        _log(
            "duplicate_set_aside",
            roster_name[row],
            row,
            "submitted",
            typed,
            f"superseded by row {kept_row[key]}",
        )
        for row, key, typed in zip(
            set_aside.index, set_aside["office_key"], set_aside["submitted_as_typed"], strict=True
        )
    ]
    return kept.drop(columns="submitted_as_typed"), problems, log


def build_offices(roster: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per roster office; an office with no report has every flag 'not reported'."""
    merged = roster.merge(reports, on="office_key", how="left", validate="one_to_one")
    merged["has_report"] = merged["source_row"].notna()
    for column in ACTIVITY_FLAGS:
        merged[column] = merged[column].fillna(False).astype(bool)
    merged["submitted"] = merged["submitted"].dt.strftime("%Y-%m-%dT%H:%M:%S").fillna("")
    merged["source_row"] = merged["source_row"].astype("Int64")
    if "notes" not in merged:
        merged["notes"] = ""
    merged["notes"] = merged["notes"].fillna("")
    extra = [c for c in merged.columns if c not in OFFICE_COLUMNS and c != "office_key"]
    return (
        merged[OFFICE_COLUMNS + extra]
        .sort_values(["region", "country_office"], kind="stable")
        .reset_index(drop=True)
    )


def clean_year(raw_dir: Path, year: int, encoding: str | None = None) -> CleanYear:
    """Read and validate a raw year; every problem in its files is raised together."""
    roster_path, activities_path = input_files(raw_dir, year)
    regions = regions_mod.load(regions_file(raw_dir))
    roster_frame = read.read_table(roster_path, encoding)
    activities_frame = read.read_table(activities_path, encoding)

    roster, problems, log = clean_roster(roster_path, roster_frame, regions)
    reports, report_problems, report_log = clean_activities(
        activities_path, activities_frame, roster, regions, year
    )
    raise_if_any(problems + report_problems)

    offices = build_offices(roster, reports)
    log += report_log
    log += [
        _log("no_report", name, detail="no report: counted as reporting none of the activities")
        for name in offices.loc[~offices["has_report"], "country_office"]
    ]
    log_frame = pd.DataFrame(log, columns=LOG_COLUMNS)
    return CleanYear(year, offices, log_frame, [roster_path, activities_path], raw_dir)


def write(clean: CleanYear, folder: Path) -> None:
    """Write the cleaned offices, the cleaning log and the list of inputs to processed/<year>/."""
    folder.mkdir(parents=True, exist_ok=True)
    write_text(folder / OFFICES_FILE, clean.offices.to_csv(index=False, lineterminator="\n"))
    write_text(folder / CLEANING_LOG_FILE, clean.log.to_csv(index=False, lineterminator="\n"))
    inputs = [file_record(p, clean.raw_dir) for p in clean.input_files]
    write_text(folder / INPUTS_FILE, json.dumps(inputs, indent=2) + "\n")


def read_offices(folder: Path) -> pd.DataFrame:
    offices = pd.read_csv(folder / OFFICES_FILE, dtype=str, keep_default_na=False)
    for column in [*ACTIVITY_FLAGS, "has_report"]:
        offices[column] = offices[column].eq("True")
    return offices


def read_log(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / CLEANING_LOG_FILE, dtype=str, keep_default_na=False)


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
