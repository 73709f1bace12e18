"""A year's data status: whether its raw files are the original export, a reconstruction
or synthetic, as declared beside them (status.yaml) and as the clean step recorded it with
the data it made (inputs.json), and what the pages say of it. The trends read each year's
recorded status, so that a year's tables made from synthetic data stay labelled so whatever
its raw folder holds now."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem
from .paths import INPUTS_FILE, YearPaths, display_path, year_folders

# A raw year's data status: whether its files are the original export, a reconstruction or
# synthetic, declared in a small YAML file beside them (see data/raw/README.md). `synth`
# writes `synthetic`; a later `synth` may overwrite only a folder whose years all say so.
STATUS_FILE = "status.yaml"
ORIGINAL, RECONSTRUCTION, SYNTHETIC = "original", "reconstruction", "synthetic"
STATUSES = (ORIGINAL, RECONSTRUCTION, SYNTHETIC)
# A year without the file: its pages say its status was not declared rather than guess
# "original" (a reconstruction copied in without the file would otherwise pass as real).
NOT_DECLARED = "not declared"
# The README a synthetic folder gets for people to read; the marker is each year's file.
README = "README.md"


@dataclass(frozen=True)
class DataStatus:
    """What a raw year's files are (one of STATUSES, or NOT_DECLARED), with its note."""

    status: str
    note: str = ""


UNDECLARED = DataStatus(NOT_DECLARED)


def data_status(year_dir: Path) -> DataStatus:
    """A raw year folder's declared status, read from its `status.yaml`:
    `status: original | reconstruction | synthetic` and an optional one-paragraph `note`."""
    path = year_dir / STATUS_FILE
    if not path.is_file():
        return UNDECLARED
    import yaml  # only a year with the file needs it

    name = display_path(path)
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        problem = " ".join(str(err).split())
        raise InputError(Problem(name, f"cannot read the data status ({problem})")) from None
    if not isinstance(content, dict):
        raise InputError(Problem(name, f"expected `status: {' | '.join(STATUSES)}`"))
    status = content.get("status")
    if status not in STATUSES:
        raise InputError(
            Problem(
                name,
                f"not a data status; expected one of {', '.join(STATUSES)}",
                column="status",
                value=str(status),
            )
        )
    note = content.get("note") or ""
    if not isinstance(note, str):
        raise InputError(
            Problem(name, "the note is one paragraph of text", column="note", value=str(note))
        )
    unknown = sorted(set(map(str, content)) - {"status", "note"})
    if unknown:
        raise InputError(
            Problem(
                name, "not a field of the data status; expected status and note", column=unknown[0]
            )
        )
    return DataStatus(status, " ".join(note.split()))


def is_synthetic(raw_dir: Path) -> bool:
    """Whether any year of a raw folder declares synthetic data (a folder `synth` wrote)."""
    return any(
        data_status(raw_dir / str(year)).status == SYNTHETIC for year in year_folders(raw_dir)
    )


def only_synthetic(raw_dir: Path) -> bool:
    """Whether a folder holds synthetic years and nothing but them and their README (hidden
    files aside, such as .DS_Store): one a later `synth` may overwrite. A folder with any
    other year or file may be real data."""
    years = year_folders(raw_dir)
    expected = {README, *(str(year) for year in years)}
    found = {entry.name for entry in raw_dir.iterdir() if not entry.name.startswith(".")}
    return (
        bool(years)
        and found <= expected
        and all(data_status(raw_dir / str(year)).status == SYNTHETIC for year in years)
    )


# What a page says of its data, by status: a label shown first,
# and the data each table's and figure's "Source:" line names.
STATUS_LABELS = {
    ORIGINAL: "Original export",
    RECONSTRUCTION: "Reconstruction, not the original export",
    SYNTHETIC: "Synthetic data, not UNFPA data",
    NOT_DECLARED: "Not declared",
}

# The line under a report's title, by data status.
SUBTITLES = {
    ORIGINAL: "Figures computed from the {year} Country Office Annual Report export",
    RECONSTRUCTION: "Figures computed from a reconstruction of the {year} Country Office Annual "
    "Report export",
    SYNTHETIC: "Figures computed from synthetic files shaped like a Country Office Annual Report "
    "export",
    NOT_DECLARED: "Figures computed from the {year} Country Office Annual Report export (data "
    "status not declared)",
}


def status_text(status: DataStatus, year: int | str) -> str:
    """What the page says under its title about where its figures come from; `year` may
    name several ("2011 and 2012")."""
    if status.note:
        return status.note
    return {
        ORIGINAL: f"The figures are computed from the {year} Country Office Annual Report "
        "export as received.",
        RECONSTRUCTION: f"The {year} files are a reconstruction, not the original export.",
        SYNTHETIC: "Every figure below comes from raw files made by python -m analysis synth, "
        "not from UNFPA's reports.",
        NOT_DECLARED: f"The raw files of {year} come with no {STATUS_FILE} saying whether they "
        "are the original export, a reconstruction or synthetic data.",
    }[status.status]


def data_source(status: DataStatus, year: int) -> str:
    """The data a year's tables and figures come from, as their "Source:" lines name it."""
    return {
        ORIGINAL: f"UNFPA Country Office Annual Reports, {year} (the report export and roster)",
        RECONSTRUCTION: f"a reconstruction of the UNFPA Country Office Annual Report export and "
        f"roster, {year} (see Data status)",
        SYNTHETIC: f"synthetic data for {year} (python -m analysis synth), not UNFPA data",
        NOT_DECLARED: f"the {year} report export and roster (data status not declared)",
    }[status.status]


def recorded(processed_year: Path) -> DataStatus | None:
    """The status the clean step recorded in `processed_year` (None: no clean step wrote it)."""
    try:
        made = json.loads((processed_year / INPUTS_FILE).read_text(encoding="utf-8"))
        said = made["data_status"]
        return DataStatus(str(said["status"]), str(said.get("note", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def as_record(status: DataStatus) -> dict:
    """How inputs.json records a status."""
    return {"status": status.status, "note": status.note}


def of_year(paths: YearPaths) -> DataStatus:
    """A year's status as its clean step recorded it (else as its raw folder declares it)."""
    return recorded(paths.processed_year) or data_status(paths.raw_year)


def year_statuses(raw_dir: Path, processed_dir: Path, years: list[int]) -> dict[int, DataStatus]:
    """Each year's data status, as the trends page states it: as its clean step recorded it,
    else as its raw folder declares it, else not declared."""
    statuses = {}
    for year in years:
        folder = raw_dir / str(year)
        declared = data_status(folder) if folder.is_dir() else UNDECLARED
        statuses[year] = recorded(processed_dir / str(year)) or declared
    return statuses
