"""Planning a run, with the standard library only: the folders it may write, and which steps
of each year need running (those whose key, see fingerprint.py, has changed)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..encoding import csv_encoding
from ..errors import InputError
from ..paths import (
    AUTHORED_DIR,
    NOTEBOOKS_DIR,
    OUTPUTS_DIR,
    PROCESSED_DIR,
    TRENDS_DIR,
    YearPaths,
    authored_file,
    display_path,
    input_files,
    resolve,
    year_folders,
)
from ..provenance import file_record, sha256
from ..status import STATUS_FILE, is_synthetic
from . import fingerprint
from .manifest import read_manifest, result_files
from .steps import STEP_NAMES, STEPS


@dataclass
class YearPlan:
    final: YearPaths
    encoding: str | None
    keys: dict[str, str]
    to_run: list[str]
    # The raw files and region list as hashed when the run was planned: what the manifest
    # records, so that a file edited during the run reads as changed on the next.
    inputs: list[dict]
    notebooks_dir: Path = NOTEBOOKS_DIR


def plan_year(
    final: YearPaths, encoding: str | None, force: bool, notebooks_dir: Path = NOTEBOOKS_DIR
) -> YearPlan:
    """Which steps must run: all after --force or a damaged output, else the changed ones."""
    inputs = input_records(final)
    last = read_manifest(final.out_year)
    encoding = year_encoding(final, encoding, last, inputs)
    keys = step_keys(final, encoding, inputs, notebooks_dir)
    previous = None if force else last
    if previous is None or not outputs_intact(previous, final):
        return YearPlan(final, encoding, keys, list(STEP_NAMES), inputs, notebooks_dir)
    old_keys = previous.get("steps", {})
    to_run = [name for name in STEP_NAMES if old_keys.get(name) != keys[name]]
    return YearPlan(final, encoding, keys, to_run, inputs, notebooks_dir)


def records_intact(folder: Path, records: list[dict]) -> bool:
    """The result files a manifest recorded are there with the same content, and no others (a
    file left by hand would survive a skipped run, where a fresh run would not make it)."""
    present = {p.relative_to(folder).as_posix() for p in result_files(folder)}
    return present == {r["path"] for r in records} and all(
        sha256(folder / r["path"]) == r["sha256"] for r in records
    )


def outputs_intact(manifest: dict, final: YearPaths) -> bool:
    outputs = manifest.get("outputs", [])
    return (
        bool(outputs)
        and records_intact(final.out_year, outputs)
        and records_intact(final.processed_year, manifest.get("processed", []))
    )


def input_records(final: YearPaths) -> list[dict]:
    """The year's raw files, its status file (which the clean step records) and its region
    list, each hashed once."""
    # The same files, and the same messages when one is missing, as the clean step's.
    status_file = final.raw_year / STATUS_FILE
    declared = [status_file] if status_file.is_file() else []
    files = [*input_files(final.raw, final.year), *declared, final.regions_file]
    return [input_record(path, final.raw) for path in files]


def input_record(path: Path, raw: Path) -> dict:
    """A raw file relative to the raw folder; the project's region list, used beside another
    raw folder, as messages name it (`data/raw/regions.csv`), never as a bare `regions.csv`
    that reads as that folder's own."""
    if path.is_relative_to(raw):
        return file_record(path, raw)
    return {**file_record(path, path.parent), "path": display_path(path)}


def year_encoding(
    final: YearPaths, given: str | None, last: dict | None, inputs: list[dict]
) -> str | None:
    """The encoding of the year's CSV files that are not UTF-8 (encoding.csv_encoding): the one
    given, else the one its last run (`last`, its manifest) used for the very same files."""
    remembered = (last or {}).get("parameters", {}).get("encoding") or None
    recorded = {r["path"]: r["sha256"] for r in (last or {}).get("inputs", [])}
    now = {r["path"]: r["sha256"] for r in inputs}

    def unchanged(path: Path) -> bool:
        relative = path.relative_to(final.raw).as_posix()
        return recorded.get(relative) == now.get(relative)

    return csv_encoding(input_files(final.raw, final.year), given, remembered, unchanged)


def remembered_encoding(final: YearPaths, made: dict | None) -> str | None:
    """The encoding a year's run recorded in `made`, where its files are still those it read;
    None otherwise, or where they cannot be read (the run that follows says why)."""
    try:
        return year_encoding(final, None, made, input_records(final))
    except InputError:
        return None


def step_keys(
    final: YearPaths, encoding: str | None, inputs: list[dict], notebooks_dir: Path
) -> dict[str, str]:
    code = fingerprint.code_fingerprint()
    keys: dict[str, str] = {}
    for step in STEPS:
        parameters = {"year": final.year}
        if step.takes_encoding:
            parameters["encoding"] = encoding or ""
        keys[step.name] = fingerprint.step_key(
            notebooks_dir / step.notebook,
            parameters,
            # The raw files and status, once: the other steps' keys take them in through
            # clean's. The authored text only the report reads (its default `authored_dir`).
            inputs
            if step.name == "clean"
            else report_inputs(final)
            if step.name == "report"
            else [],
            [keys[n] for n in step.needs],
            code,
        )
    return keys


def report_inputs(final: YearPaths) -> list[dict]:
    """What the report reads beyond the year's own steps: its authored text, and for the
    review the previous year's data (a change there remakes this year's review)."""
    # The previous raw year's files stand for its cleaned data: known before anything runs,
    # and the same on a rerun (its offices.csv may be remade by this very run).
    earlier = [y for y in year_folders(final.raw) if y < final.year]
    if not earlier:
        return _authored(final)
    previous = YearPaths(earlier[-1], final.raw, final.processed, final.out)
    try:
        records = input_records(previous)
    except InputError:  # its files are missing: the review finds no cleaned data for it
        records = [{"path": display_path(previous.raw_year), "sha256": "none"}]
    return [*_authored(final), *records]


def _authored(final: YearPaths) -> list[dict]:
    path = authored_file(resolve(AUTHORED_DIR), final.year)
    return [{"path": display_path(path), "sha256": sha256(path) if path.is_file() else "none"}]


def status_text(year_dir: Path) -> str:
    """A raw year's status file as text ("" without one), for the trends' key: a file that
    cannot be read fails the trends step with its message, not the planning."""
    try:
        return (year_dir / STATUS_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


# --- The folders a run is given -------------------------------------------------------------


def check_folders(raw: Path, processed: Path, out: Path) -> None:
    """The raw folder exists; those the run writes in may not exist yet, but none is a file,
    and each can be written to."""
    if raw.is_file():
        raise InputError(f"raw data folder {raw} is a file; give the folder that holds the years")
    if not raw.is_dir():
        raise InputError(f"raw data folder {raw} does not exist")
    for option, folder in (("--processed-dir", processed), ("--out-dir", out)):
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{option} {folder} is a file; give a folder")
        there = next(p for p in (folder, *folder.parents) if p.exists())
        if not os.access(there, os.W_OK):
            raise InputError(f"{option} {folder}: {there} cannot be written to")


def check_apart(raw: Path, processed: Path, out: Path, years: list[int]) -> None:
    """A run replaces each year's processed and output folders, and the trends folder, whole:
    none of them may be, hold or sit in a raw year folder (its export would be deleted), nor
    in one another (the later swap would delete the earlier's files)."""

    def overlap(a: Path, b: Path) -> bool:
        return a == b or a.is_relative_to(b) or b.is_relative_to(a)

    replaced = [("--out-dir", out / TRENDS_DIR)]
    for year in years:
        replaced += [("--processed-dir", processed / str(year)), ("--out-dir", out / str(year))]
    for option, folder in replaced:
        raw_year = next((raw / str(y) for y in years if overlap(folder, raw / str(y))), None)
        if raw_year is not None:
            raise InputError(
                f"{option} {folder.parent}: the run would replace {folder}, which would "
                f"delete the raw files in {raw_year}; give a folder apart from the raw data"
            )
    for i, (_, folder) in enumerate(replaced):
        for _, other in replaced[i + 1 :]:
            if overlap(folder, other):
                raise InputError(
                    f"--processed-dir {processed} and --out-dir {out} overlap: the run would "
                    f"replace both {folder} and {other}; give each its own folder"
                )
    _check_synthetic_apart(raw, processed, out)


def _check_synthetic_apart(raw: Path, processed: Path, out: Path) -> None:
    """Synthetic years are never run into the project's own folders: beside real years
    there, their tables would enter the real years' trends."""
    if not is_synthetic(raw):
        return
    for option, folder, own in (
        ("--processed-dir", processed, PROCESSED_DIR),
        ("--out-dir", out, OUTPUTS_DIR),
    ):
        if folder.is_relative_to(own):
            raise InputError(
                f"{raw} holds synthetic data (its years' {STATUS_FILE} say so): give it a "
                f"{option} of its own, not the project's {display_path(own)}"
            )
