"""From a raw year's roster and report export to one validated row per country office."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import csv_text, normalise, read
from . import regions as regions_mod
from .errors import InputError, Problem, raise_if_any
from .paths import (
    CLEANING_LOG_FILE,
    INPUTS_FILE,
    OFFICES_FILE,
    ROSTER_FILE,
    display_path,
    input_files,
    regions_file,
)
from .provenance import file_record, write_bytes, write_text
from .schema import ACTIVITIES_REQUIRED, ACTIVITY_FLAGS, ROSTER_REQUIRED
from .words import counted

LOG_COLUMNS = ["event", "country_office", "row", "column", "value", "detail"]
# A report's office, as its row in the roster (numbered from 0).
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


def _log(event: str, office="", row="", column="", value="", detail="") -> dict:
    return dict(zip(LOG_COLUMNS, [event, office, row, column, value, detail], strict=True))


def _log_frame(event: str, **cells) -> pd.DataFrame:
    """Log rows for an event that can concern many offices, built column by column: each
    of `cells` (named as in LOG_COLUMNS) holds a value per row, or one for every row."""
    columns = {c: cells[c] if np.isscalar(cells[c]) else np.asarray(cells[c]) for c in cells}
    rows = next(len(v) for v in columns.values() if not np.isscalar(v))
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


def _region_column(
    file: str, values: pd.Series, regions: regions_mod.Regions
) -> tuple[np.ndarray, list[Problem], list[dict], np.ndarray]:
    """Each row's region as its position in `regions.canonical` (-1 where empty or unknown),
    the unknown values, the aliases read, and which rows are empty."""
    region = normalise.per_distinct(values, lambda v: regions.lookup(v) if v.strip() else None)
    position = {name: i for i, name in enumerate(regions.canonical)}
    code = np.array([position.get(r, -1) for r in region.results], dtype=np.int64)
    typed = [v.strip() for v in region.values]
    unknown = np.array([bool(v) and r is None for v, r in zip(typed, region.results, strict=True)])
    empty = np.array([not v for v in typed], dtype=bool)
    problems = [
        Problem(file, f"not a known region; accepted: {regions.accepted()}", row, "region", raw)
        for row, raw in values.iloc[region.rows_where(unknown)].str.strip().items()
    ]
    counts: dict[tuple[str, str], int] = {}
    for raw, name, n in zip(typed, region.results, region.counts, strict=True):
        if name is not None and raw != name:
            counts[(raw, name)] = counts.get((raw, name), 0) + int(n)
    log = [
        _log("region_read", value=raw, detail=f"{file}: read as {name!r} ({counted(n, 'row')})")
        for (raw, name), n in sorted(counts.items())
    ]
    return code[region.codes], problems, log, region.rows_where(empty)


def _both_schemes(
    file: str, typed: pd.Series, region: np.ndarray, regions: regions_mod.Regions
) -> list[Problem]:
    """A roster with offices in a region and in one carved out of it (Africa beside East and
    Southern Africa): a year's roster uses one scheme or the other (contract, section 3);
    with both, the tables would show the old region as a sliver of the new ones."""
    problems = []
    for child, parent in regions.split_from.items():
        in_child = region == regions.canonical.index(child)
        in_parent = region == regions.canonical.index(parent)
        if in_child.any() and in_parent.any():
            row = typed.index[np.flatnonzero(in_parent)[0]]
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
) -> tuple[pd.DataFrame, np.ndarray, list[Problem], list[dict]]:
    """The roster, one row per office key (a repeated office is a problem, and its repeats
    are left out), already in the offices table's order: by region, then name. A report
    names its office by its position here (from 0). Also each roster row's office, as that
    position (a repeat: its first row's)."""
    file = display_path(path)
    problems = read.require_columns(path, frame, list(ROSTER_REQUIRED))
    raise_if_any(problems)
    names = frame["country_office"].str.strip()
    problems += [
        Problem(file, "empty office name; every roster row needs one", row, "country_office", "")
        for row in names[names.eq("")].index
    ]
    region, region_problems, log, empty = _region_column(file, frame["region"], regions)
    problems += region_problems
    problems += [
        Problem(file, f"empty region; accepted: {regions.accepted()}", row, "region", "")
        for row in frame.index[empty]
    ]
    problems += _both_schemes(file, frame["region"], region, regions)
    keys = normalise.office_keys(names)
    # Codes in order of first appearance: each row's office, once the repeats are left out.
    code, distinct_keys = pd.factorize(keys)
    repeated = np.zeros(len(keys), dtype=bool)
    if len(distinct_keys) < len(keys):
        repeated = keys.duplicated().to_numpy()
        first_row = pd.Series(keys.index, index=keys).groupby(level=0).first()
        problems += [
            Problem(
                file,
                f"office repeated (already on row {first_row[key]}); list each office once",
                row,
                "country_office",
                names[row],
            )
            for row, key in keys[repeated & names.ne("").to_numpy()].items()
        ]
    # The offices in the table's order, as roster rows; and where each (first) row lands.
    kept = np.flatnonzero(~repeated)
    order = kept[_by_region_then_name(names.iloc[kept], region[kept], regions)]
    position = np.empty(len(keys), dtype=np.int64)
    position[order] = np.arange(len(order))
    iso3 = frame["iso3"].str.strip().str.upper() if "iso3" in frame else pd.Series("", frame.index)

    def in_order(column: pd.Series) -> pd.Series:
        return column.take(order).reset_index(drop=True)

    roster = pd.DataFrame(
        {
            "country_office": in_order(names),
            "region_code": region[order],
            "region": pd.Series(
                normalise.text_per_row(regions.canonical, region[order]), dtype="str"
            ),
            "iso3": in_order(iso3),
            "office_key": in_order(keys),
        }
    )
    return roster, position[kept][code], problems, log


def _by_region_then_name(
    names: pd.Series, region: np.ndarray, regions: regions_mod.Regions
) -> np.ndarray:
    """The positions of `names` in order of their region's canonical name, then their own."""
    by_name = np.asarray(pc.sort_indices(normalise.arrow_text(names)))
    # Each region's rank in alphabetical order; an unknown one (-1, already a problem) last.
    region_rank = np.append(np.argsort(np.argsort(regions.canonical)), len(regions.canonical))
    return by_name[np.argsort(region_rank[region[by_name]], kind="stable")]


def _flag_columns(
    file: str, frame: pd.DataFrame
) -> tuple[dict[str, np.ndarray], list[Problem], list]:
    """Each activity flag as booleans per row, the values outside the contract, and what
    each value was read as."""
    flags = {}
    problems = []
    counts: dict[tuple[str, bool], int] = {}
    for column in ACTIVITY_FLAGS:
        read_as = normalise.per_distinct(frame[column], normalise.flag)
        value = np.array([{True: 1, False: 0, None: -1}[r] for r in read_as.results], np.int8)
        problems += [
            Problem(
                file,
                f"not an activity flag; accepted: {normalise.ACCEPTED_FLAGS}",
                row,
                column,
                typed,
            )
            for row, typed in frame[column].iloc[read_as.rows_where(value < 0)].items()
        ]
        for raw, reported, n in zip(read_as.values, read_as.results, read_as.counts, strict=True):
            if reported is not None:
                key = (raw.strip(), reported)
                counts[key] = counts.get(key, 0) + int(n)
        flags[column] = (value > 0)[read_as.codes]
    log = [
        _log(
            "flag_read",
            value=raw,
            detail=f"{file}: read as {'reported' if reported else 'not reported'} "
            f"({counted(n, 'cell')})",
        )
        for (raw, reported), n in sorted(counts.items())
    ]
    return flags, problems, log


@dataclass
class Submitted:
    """The `submitted` column, read once per distinct value (an export holds a few dozen
    submission dates over many rows)."""

    typed: list[str]  # each distinct value, trimmed
    times: np.ndarray  # its time, UTC (NaT where it is not an ISO 8601 date or date-time)
    codes: np.ndarray  # each row's value, as its position in `typed`

    @classmethod
    def read(cls, column: pd.Series) -> Submitted:
        distinct = normalise.per_distinct(column, str.strip)
        times = pd.to_datetime(
            pd.Series(distinct.results, dtype=object), format="ISO8601", errors="coerce", utc=True
        )
        # Microseconds, as pandas parses them: nanoseconds only reach 1677-2262, and the cast
        # would wrap a date outside them (a typed 2301 or 0211) round to another silently.
        return cls(distinct.results, times.to_numpy(dtype="datetime64[us]"), distinct.codes)

    def as_text(self) -> list[str]:
        """Each distinct time as `YYYY-MM-DDTHH:MM:SS`."""
        return list(np.datetime_as_string(self.times, unit="s"))


@dataclass
class Reports:
    """A year's valid reports, one per office (the latest), as positions in the export."""

    frame: pd.DataFrame  # the export as read, rows numbered as the spreadsheet numbers them
    office: np.ndarray  # each kept report's office: its row in the roster
    row: np.ndarray  # each kept report's position in `frame`
    submitted: Submitted  # the column; `submitted.codes[row]` are the kept reports'
    flags: dict[str, np.ndarray]  # each kept report's activity flags


@dataclass
class Export:
    """What the report export says on its own: checked without the roster, so that it can
    be checked while the roster is."""

    path: Path
    frame: pd.DataFrame  # as read, rows numbered as the spreadsheet numbers them
    names: pd.Series  # each row's office as typed, trimmed
    region: np.ndarray | None  # each row's region (`_region_column`), if the export has one
    submitted: Submitted
    flags: dict[str, np.ndarray]  # each row's activity flags
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
        region, region_problems, log, _ = _region_column(file, frame["region"], regions)

    problems = []
    if "year" in frame:
        given = frame["year"].str.strip()
        wrong = given.ne("") & given.ne(str(year))
        problems += [
            Problem(file, f"year differs from the folder's; expected {year}", row, "year", v)
            for row, v in given[wrong].items()
        ]

    submitted = Submitted.read(frame["submitted"])
    problems += [
        Problem(file, f"not a date; {DATE_HINT}", row, "submitted", typed)
        for row, typed in frame["submitted"]
        .iloc[np.flatnonzero(np.isnat(submitted.times)[submitted.codes])]
        .items()
    ]

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
    export: Export,
    roster: pd.DataFrame,
    office_of_row: np.ndarray,
    roster_row: np.ndarray,
    year: int,
) -> tuple[Reports | None, list[Problem], pd.DataFrame]:
    """Validated reports, one per office (the latest), with the rows set aside logged.
    `office_of_row` is from `clean_roster`, `roster_row` from `_roster_rows_by_name`."""
    file = display_path(export.path)
    frame, names = export.frame, export.names
    office, matched_by_key = _roster_offices(names, roster_row, office_of_row, roster)
    roster_file = display_path(export.path.with_name(ROSTER_FILE))
    problems = [
        Problem(
            file,
            f"office not in the {year} roster ({roster_file}); "
            "check the spelling or add the office to the roster",
            row,
            "country_office",
            typed,
        )
        for row, typed in names.iloc[np.flatnonzero(office < 0)].items()
    ]
    matched = pd.DataFrame(
        {
            "raw": names[matched_by_key],
            "official": roster["country_office"].iloc[office[matched_by_key]].to_numpy(),
        }
    )
    first = matched.reset_index().drop_duplicates(["raw", "official"])
    first = first.sort_values(["raw", "official"])
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
        roster_region = np.where(office >= 0, roster["region_code"].to_numpy()[office], -1)
        clash = (export.region >= 0) & (roster_region >= 0) & (export.region != roster_region)
        for position in np.flatnonzero(clash):
            at = office[position]
            problems.append(
                Problem(
                    file,
                    "region disagrees with the roster, which puts "
                    f"{roster.at[at, 'country_office']!r} in "
                    f"{roster.at[at, 'region']!r}",
                    frame.index[position],
                    "region",
                    frame["region"].iloc[position],
                )
            )
    problems += export.other_problems
    if problems:
        return None, problems, _log_table(name_matched, export.log)

    latest, duplicate_problems, duplicate_log = _latest_report_per_office(
        file, frame.index, office, export.submitted, export.flags, roster
    )
    reports = Reports(
        frame,
        office[latest],
        latest,
        export.submitted,
        {column: values[latest] for column, values in export.flags.items()},
    )
    return reports, duplicate_problems, _log_table(name_matched, export.log, duplicate_log)


def _roster_rows_by_name(names: pd.Series, roster_names: pd.Series) -> np.ndarray:
    """Each report's row in the roster as read, found by its name as the roster spells it:
    one hash lookup per report, which finds nearly all of them; -1 for the others."""
    return _positions(
        pc.index_in(normalise.arrow_text(names), value_set=normalise.arrow_text(roster_names))
    )


def _roster_offices(
    names: pd.Series, roster_row: np.ndarray, office_of_row: np.ndarray, roster: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Each report's office: its row in the roster (-1 where none); and which reports were
    matched by office key rather than by the name as the roster spells it. `roster_row` is
    what `_roster_rows_by_name` found; only the other names get an office key computed
    (the costly part, at a million rows)."""
    office = np.where(roster_row >= 0, office_of_row[np.maximum(roster_row, 0)], -1)
    others = np.flatnonzero(office < 0)
    if len(others):
        keys = normalise.arrow_text(normalise.office_keys(names.iloc[others]))
        roster_keys = normalise.arrow_text(roster["office_key"])
        # Look among the roster rows whose key is one of these few: cheaper than hashing
        # every roster key.
        candidates = np.flatnonzero(np.asarray(pc.is_in(roster_keys, value_set=keys)))
        found = _positions(pc.index_in(keys, value_set=roster_keys.take(candidates)))
        office[others] = np.append(candidates, -1)[found]  # -1 (not found) takes the -1
    matched_by_key = np.zeros(len(names), dtype=bool)
    matched_by_key[others] = office[others] >= 0
    return office, matched_by_key


def _positions(found: pa.ChunkedArray) -> np.ndarray:
    """`index_in`'s answer as positions, -1 where not found."""
    return np.asarray(found.fill_null(-1), dtype=np.int64)


def _latest_report_per_office(
    file: str,
    rows: pd.Index,
    office: np.ndarray,
    submitted: Submitted,
    flags: dict[str, np.ndarray],
    roster: pd.DataFrame,
) -> tuple[np.ndarray, list[Problem], list[dict] | pd.DataFrame]:
    """Keep each office's latest report (as positions in the export); two latest reports
    that disagree are an error. Only the offices with more than one report are sorted."""
    reports_of_office = np.bincount(office, minlength=len(roster))[office]
    single = np.flatnonzero(reports_of_office == 1)
    repeated = np.flatnonzero(reports_of_office > 1)
    if not len(repeated):
        return single, [], []  # an empty log
    reports = pd.DataFrame(
        {
            OFFICE: office[repeated],
            "submitted": submitted.times[submitted.codes[repeated]],
            "submitted_as_typed": np.asarray(submitted.typed, object)[submitted.codes[repeated]],
            "source_row": rows[repeated],
            "position": repeated,
            **{column: values[repeated] for column, values in flags.items()},
        }
    )
    ordered = reports.sort_values([OFFICE, "submitted", "source_row"], kind="stable")
    latest = ordered.groupby(OFFICE)["submitted"].transform("max")
    at_latest = ordered[ordered["submitted"].eq(latest)]
    problems = []
    tied = at_latest[at_latest[OFFICE].duplicated(keep=False)]
    for at, group in tied.groupby(OFFICE):
        if len(group[list(ACTIVITY_FLAGS)].drop_duplicates()) > 1:
            listed = ", ".join(str(r) for r in group["source_row"])
            problems.append(
                Problem(
                    file,
                    f"rows {listed} report {roster.at[at, 'country_office']!r} with the same "
                    "latest submission time but different activities; keep one of them or "
                    "correct the time",
                    int(group["source_row"].iloc[-1]),
                    "submitted",
                    group["submitted_as_typed"].iloc[-1],
                )
            )
    kept = at_latest.drop_duplicates(OFFICE, keep="last")
    set_aside = ordered.drop(index=kept.index)
    # Listed by office key, then time (the log reads the same whatever the roster's order).
    set_aside = set_aside.assign(
        _key=roster["office_key"].iloc[set_aside[OFFICE]].to_numpy(),
        _name=roster["country_office"].iloc[set_aside[OFFICE]].to_numpy(),
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
    return np.sort(np.concatenate([single, kept["position"].to_numpy()])), problems, log


def build_offices(roster: pd.DataFrame, reports: Reports) -> pd.DataFrame:
    """One row per roster office, in the roster's order (by region, then name); an office
    with no report has every flag 'not reported'."""
    report = np.full(len(roster), -1, dtype=np.int64)  # each office's kept report, -1 for none
    report[reports.office] = np.arange(len(reports.office))
    has_report = report >= 0
    export_row = np.where(has_report, reports.row[np.maximum(report, 0)], -1)

    def from_reports(values: np.ndarray, missing) -> np.ndarray:
        out = np.full(len(roster), missing, dtype=values.dtype)
        out[has_report] = values[report[has_report]]
        return out

    def from_export(column: str) -> pd.Series:
        """The export's cell as typed; NA for an office with no report."""
        taken = pa.array(export_row, mask=~has_report)
        return pd.Series(normalise.arrow_text(reports.frame[column]).take(taken), dtype="str")

    submitted = reports.submitted
    typed_row = np.asarray(reports.frame.index)[np.maximum(export_row, 0)]
    offices = {
        **{column: roster[column] for column in ["country_office", "region", "iso3"]},
        "has_report": has_report,
        "submitted": pd.Series(
            normalise.text_per_row(
                submitted.as_text(), np.where(has_report, submitted.codes[export_row], -1)
            ),
            dtype="str",
        ).fillna(""),
        "source_row": pd.arrays.IntegerArray(typed_row.astype(np.int64), ~has_report),
        **{column: from_reports(values, False) for column, values in reports.flags.items()},
        "notes": from_export("notes").fillna("") if "notes" in reports.frame else "",
    }
    # Other export columns are carried along untouched; not those the offices table takes
    # from the roster or makes itself (e.g. an `iso3` in the export): they would clash.
    for column in reports.frame.columns:
        if column not in OFFICE_COLUMNS and column != "year":
            offices[column] = from_export(column)
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

    # The roster is read and checked in a second thread while this one reads and checks the
    # export, then finds each report's office by name: the work is mostly in Arrow and
    # numpy, which release Python's lock while they run.
    with ThreadPoolExecutor(max_workers=1) as pool:
        roster_read = pool.submit(read.read_table, roster_path, encoding)
        export_frame, export_error = _attempt(read.read_table, activities_path, encoding)
        roster_frame, roster_error = _attempt(roster_read.result)
        if not roster_error:
            roster_job = pool.submit(clean_roster, roster_path, roster_frame, regions)
        if not export_error:
            export, export_error = _attempt(
                check_export, activities_path, export_frame, regions, year
            )
        if not roster_error:
            if not export_error and "country_office" in roster_frame:
                roster_row = _roster_rows_by_name(
                    export.names, roster_frame["country_office"].str.strip()
                )
            roster_clean, roster_error = _attempt(roster_job.result)
    fatal = [e for e in (roster_error, export_error) if e]
    if fatal:
        raise InputError([problem for error in fatal for problem in error.problems])
    roster, office_of_row, problems, log = roster_clean

    reports, report_problems, report_log = clean_activities(
        export, roster, office_of_row, roster_row, year
    )
    raise_if_any(problems + report_problems)

    offices = build_offices(roster, reports)
    no_report = _log_frame(
        "no_report",
        country_office=offices.loc[~offices["has_report"], "country_office"],
        detail="no report: counted as reporting none of the activities",
    )
    log_frame = _log_table(log, report_log, no_report)
    return CleanYear(year, offices, log_frame, [roster_path, activities_path], raw_dir)


def write(clean: CleanYear, folder: Path) -> None:
    """Write the cleaned offices, the cleaning log and the list of inputs to processed/<year>/."""
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes(folder / OFFICES_FILE, csv_text.to_csv(clean.offices))
    write_bytes(folder / CLEANING_LOG_FILE, csv_text.to_csv(clean.log))
    inputs = [file_record(p, clean.raw_dir) for p in clean.input_files]
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
