"""The report export checked on its own, without the roster: year, regions, submission
times and activity flags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import normalise, read
from . import regions as regions_mod
from .cleaning_log import log_entry
from .errors import Problem, raise_if_any
from .paths import (
    display_path,
)
from .roster import region_column
from .schema import ACTIVITIES_REQUIRED, ACTIVITY_FLAGS
from .words import counted

DATE_HINT = "use an ISO 8601 date or date-time, e.g. 2011-01-31 or 2011-01-31T14:05"


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
        log_entry(
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
    region: pd.Series | None  # each row's region (`region_column`), if the export has one
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
        region, region_problems, log = region_column(file, frame["region"], regions)

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
