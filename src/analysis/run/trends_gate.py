"""Whether the trends may run: not while a year's tables are out of date (with its raw files,
the region list, the code or notebooks), nor after the year failed in this run, for its
earlier tables would pass for current; and their key, which says when they are unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import status
from ..errors import InputError
from ..paths import TABLE1_FILE, TABLE2_FILE, TRENDS_DIR, YearPaths, display_path
from ..paths import regions_file as project_regions
from ..provenance import file_record, sha256
from ..words import join_names
from . import fingerprint
from .manifest import MANIFEST_FILE, read_manifest
from .plan import input_record, input_records, records_intact, status_text, step_keys
from .steps import TRENDS_STEP

# Why trends are held, by kind: the years of each kind are named together.
HELD_BECAUSE = {
    "failed": "{years} failed",
    "no_manifest": f"the tables of {{years}} have no {MANIFEST_FILE}: no run made them",
    "edited": "the tables of {years} changed since {its} last run",
    "raw_changed": "the raw files of {years} changed since {its} tables were made",
    "other_raw": "the tables of {years} were made from another raw folder",
    "stale": "the tables of {years} were made with another region list, code or notebook",
}


def trends_key(raw: Path, processed: Path, out: Path, years: list[int], notebooks_dir: Path) -> str:
    tables = [file_record(out / str(y) / t, out) for y in years for t in (TABLE1_FILE, TABLE2_FILE)]
    recorded = [status.recorded(processed / str(year)) for year in years]
    return fingerprint.step_key(
        notebooks_dir / TRENDS_STEP.notebook,
        # The page states each year's data status: as its clean step recorded it, else as its
        # raw folder declares it (status.year_statuses).
        {
            "years": years,
            "recorded": [status.as_record(s) if s else None for s in recorded],
            "data_status": [status_text(raw / str(year)) for year in years],
        },
        [*tables, input_record(project_regions(raw), raw)],
        [],
        fingerprint.code_fingerprint(),
    )


def kept(out: Path) -> str:
    """What <out>/trends/ holds while trends are held: "last good" (as its last run made it),
    "changed" (since, by hand or by the notebook run on its own), "not made by a run", or
    "none"."""
    folder = out / TRENDS_DIR
    last = read_manifest(folder)
    if not folder.is_dir():
        return "none"
    if last is None:
        return "not made by a run"
    return "last good" if records_intact(folder, last.get("outputs", [])) else "changed"


def _why_out_of_date(out: Path, raw: Path, year: int, notebooks_dir: Path) -> str | None:
    """Why a year's tables in `out` are not what a run of it from `raw` would make now (a key
    of HELD_BECAUSE), or None. A year whose raw folder is not here (archived) is checked
    against the raw files its manifest records, with today's region list, code and notebooks."""
    made = read_manifest(out / str(year))
    if made is None:
        return "no_manifest"
    recorded = {r["path"]: r["sha256"] for r in made.get("outputs", [])}
    tables = [out / str(year) / name for name in (TABLE1_FILE, TABLE2_FILE)]
    if any(recorded.get(t.name) != (sha256(t) if t.is_file() else None) for t in tables):
        return "edited"

    def year_files(records: list[dict]) -> list[dict]:
        return [r for r in records if r["path"].startswith(f"{year}/")]

    final = YearPaths(year, raw, Path(), out)
    made_from = year_files(made.get("inputs", []))
    if final.raw_year.is_dir():
        try:
            inputs = input_records(final)
        except InputError:  # a raw file removed, or a second export put beside the first
            inputs = None
        if inputs is None or year_files(inputs) != made_from:
            elsewhere = made.get("parameters", {}).get("raw_dir") != display_path(raw)
            return "other_raw" if elsewhere else "raw_changed"
    else:
        inputs = [*made_from, input_record(final.regions_file, raw)]
    encoding = made.get("parameters", {}).get("encoding") or None
    keys = step_keys(final, encoding, inputs, notebooks_dir)
    return "stale" if made.get("steps", {}).get("tables") != keys["tables"] else None


def why_held(
    out: Path, raw: Path, years: list[int], failed: Sequence[int], notebooks_dir: Path
) -> str:
    """Why trends made now would show a year's tables as current when they are not: it failed
    in this run, or they are out of date; with what to do, which for a year whose raw folder
    is gone is not "run it". "" if none."""
    grouped: dict[tuple[str, bool], list[int]] = {}
    for year in years:
        why = "failed" if year in failed else _why_out_of_date(out, raw, year, notebooks_dir)
        if why:
            grouped.setdefault((why, (raw / str(year)).is_dir()), []).append(year)
    reasons = []
    for (why, here), held in grouped.items():
        one = len(held) == 1
        text = HELD_BECAUSE[why].format(
            years=join_names([str(y) for y in held]), its="its" if one else "their"
        )
        if why != "failed":
            them, its = ("it", "its") if one else ("them", "their")
            folders = "raw folder" if one else "raw folders"
            text += (
                f" (run {them})"
                if here
                else f" (restore {its} {folders} and run {them}, or remove {its} outputs)"
            )
        reasons.append(text)
    return f"because {'; '.join(reasons)}" if reasons else ""
