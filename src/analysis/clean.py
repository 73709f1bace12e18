"""From a raw year's roster and report export to one validated row per country office."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import normalise, read
from . import regions as regions_mod
from .errors import Problem, raise_if_any
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

LOG_COLUMNS = ["event", "country_office", "row", "column", "value", "detail"]
# A report's office, as its row in the roster. No export header can read as this name:
# header normalisation drops leading underscores.
OFFICE = "_office"
INTERNAL_COLUMNS = (OFFICE, "office_key")
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
    region = normalise.per_distinct(stripped, lambda v: regions.lookup(v) if v else None)
    canonical = region.per_row
    problems = [
        Problem(file, f"not a known region; accepted: {regions.accepted()}", row, "region", raw)
        for row, raw in stripped[stripped.ne("") & canonical.isna()].items()
    ]
    log = [
        _log("region_read", value=raw, detail=f"{file}: read as {name!r} ({n} rows)")
        for raw, name, n in sorted(zip(region.values, region.results, region.counts, strict=True))
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
    repeated = keys[keys.duplicated() & names.ne("")]
    if not repeated.empty:
        first_row = pd.Series(keys.index, index=keys).groupby(level=0).first()
        problems += [
            Problem(
                file,
                f"office repeated (already on row {first_row[key]}); list each office once",
                row,
                "country_office",
                names[row],
            )
            for row, key in repeated.items()
        ]
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
        read_as = normalise.per_distinct(frame[column].str.strip(), normalise.flag)
        value = read_as.per_row
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
        for raw, reported, n in zip(read_as.values, read_as.results, read_as.counts, strict=True):
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
    codes, uniques = pd.factorize(typed)
    parsed = pd.to_datetime(pd.Series(uniques), format="ISO8601", errors="coerce", utc=True)
    return parsed.take(codes).set_axis(typed.index)


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
    roster_by_key = roster.drop_duplicates("office_key").reset_index(drop=True)
    office = _roster_offices(names, roster_by_key)
    known = pd.Series(office >= 0, index=frame.index)
    roster_name = _take(roster_by_key["country_office"], office, frame.index)
    roster_region = _take(roster_by_key["region"], office, frame.index)
    roster_file = display_path(path.with_name(ROSTER_FILE))
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
                    OFFICE: office,
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
                columns=["year", *(c for c in OFFICE_COLUMNS if c != "notes")],
                errors="ignore",
            ),
        ],
        axis=1,
    )
    kept, duplicate_problems, duplicate_log = _latest_report_per_office(
        file, reports, roster_by_key
    )
    return kept, duplicate_problems, log + duplicate_log


def _roster_offices(names: pd.Series, roster_by_key: pd.DataFrame) -> np.ndarray:
    """Each report's office: its row in `roster_by_key` (one row per office key), -1 where
    none. A name typed as in the roster is looked up as it is; only the others get the
    office key computed (the costly part, at a million rows)."""
    office_of_key = pd.Index(roster_by_key["office_key"])
    # Names are unique here: one name has one key, and there is one row per key.
    office = pd.Index(roster_by_key["country_office"]).get_indexer(names).astype(np.int64)
    others = office < 0
    if others.any():
        office[others] = office_of_key.get_indexer(normalise.office_keys(names[others]))
    return office


def _take(column: pd.Series, office: np.ndarray, index: pd.Index) -> pd.Series:
    """`column`'s value for each report's office; NA where it has none."""
    return column.iloc[np.maximum(office, 0)].set_axis(index).where(office >= 0)


def _latest_report_per_office(
    file: str, reports: pd.DataFrame, roster_by_key: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
    """Keep each office's latest report; two latest reports that disagree are an error."""
    ordered = reports.sort_values([OFFICE, "submitted", "source_row"], kind="stable")
    latest = ordered.groupby(OFFICE)["submitted"].transform("max")
    at_latest = ordered[ordered["submitted"].eq(latest)]
    official = roster_by_key["country_office"]
    problems = []
    tied = at_latest[at_latest[OFFICE].duplicated(keep=False)]
    for office, group in tied.groupby(OFFICE):
        if len(group[list(ACTIVITY_FLAGS)].drop_duplicates()) > 1:
            rows = ", ".join(str(r) for r in group["source_row"])
            problems.append(
                Problem(
                    file,
                    f"rows {rows} report {official[office]!r} with the same latest submission "
                    "time but different activities; keep one of them or correct the time",
                    int(group["source_row"].iloc[-1]),
                    "submitted",
                    group["submitted_as_typed"].iloc[-1],
                )
            )
    kept = at_latest.drop_duplicates(OFFICE, keep="last")
    set_aside = ordered.drop(index=kept.index)
    # Listed by office key, then time (the log reads the same whatever the roster's order).
    set_aside = set_aside.assign(
        _key=roster_by_key["office_key"].to_numpy()[set_aside[OFFICE].to_numpy()]
    ).sort_values(["_key", "submitted", "source_row"], kind="stable")
    kept_row = pd.Series(kept.index, index=kept[OFFICE])
    log = [
        _log(
            "duplicate_set_aside",
            name,
            row,
            "submitted",
            typed,
            f"superseded by row {by}",
        )
        for row, name, typed, by in zip(
            set_aside.index,
            official.to_numpy()[set_aside[OFFICE].to_numpy()],
            set_aside["submitted_as_typed"],
            kept_row.reindex(set_aside[OFFICE]).to_numpy(),
            strict=True,
        )
    ]
    return kept.drop(columns="submitted_as_typed"), problems, log


def build_offices(roster: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per roster office; an office with no report has every flag 'not reported'.
    `reports` name their office by its row in the roster (which, once valid, has one row
    per office key)."""
    roster = roster.reset_index(drop=True).rename_axis(OFFICE).reset_index()
    merged = roster.merge(reports, on=OFFICE, how="left", validate="one_to_one")
    merged["has_report"] = merged["source_row"].notna()
    for column in ACTIVITY_FLAGS:
        merged[column] = merged[column].fillna(False).astype(bool)
    merged["submitted"] = normalise.per_distinct(
        merged["submitted"], lambda t: t.strftime("%Y-%m-%dT%H:%M:%S")
    ).per_row.fillna("")
    merged["source_row"] = merged["source_row"].astype("Int64")
    if "notes" not in merged:
        merged["notes"] = ""
    merged["notes"] = merged["notes"].fillna("")
    extra = [c for c in merged.columns if c not in OFFICE_COLUMNS and c not in INTERNAL_COLUMNS]
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
