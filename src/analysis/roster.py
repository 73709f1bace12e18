"""The roster cleaned: one row per country office, its region read from the region list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import normalise, read
from . import regions as regions_mod
from .cleaning_log import log_entry
from .errors import Problem, raise_if_any
from .paths import (
    display_path,
)
from .schema import ROSTER_REQUIRED
from .words import counted


def region_column(
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
        log_entry(
            "region_read", value=raw, detail=f"{file}: read as {name!r} ({counted(n, 'row')})"
        )
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
    region, region_problems, log = region_column(file, frame["region"], regions)
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
