"""Where things live. Every default folder is relative to the project root, never the cwd."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem

PROJ_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJ_ROOT / "data" / "raw"
PROCESSED_DIR = PROJ_ROOT / "data" / "processed"
OUTPUTS_DIR = PROJ_ROOT / "outputs"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
PACKAGE_DIR = Path(__file__).resolve().parent
# The shipped region list. A raw folder with its own regions.csv uses that file instead: it
# replaces this list (copy this one and edit it), it does not add to it.
DEFAULT_REGIONS_FILE = RAW_DIR / "regions.csv"

ROSTER_FILE = "country_offices.csv"
ACTIVITIES_CSV = "activities.csv"
ACTIVITIES_XLSX = "activities.xlsx"
REGIONS_FILE = "regions.csv"

# Names of the files each step writes, relative to processed/<year>/ or outputs/<year>/.
OFFICES_FILE = "offices.csv"
CLEANING_LOG_FILE = "cleaning_log.csv"
INPUTS_FILE = "inputs.json"
# The authored text's warnings (the report step's, in processed/<year>/: data for the runner's
# summary and `run --strict`, not a file handed in).
WARNINGS_FILE = "authored_warnings.csv"
TABLE1_FILE = "table1_capacity_building.csv"
TABLE2_FILE = "table2_data_research.csv"
FIGURES_DIR = "figures"
REPORT_FILE = "report.html"
DOCX_FILE = "report.docx"
XLSX_FILE = "tables.xlsx"
# The researchers' own text of each year, `<AUTHORED_DIR>/<year>.md`, beside data/ (not in
# data/raw/<year>/, which holds the exports as received); relative to the project root.
AUTHORED_DIR = "authored"
# The trends step's, relative to <out_dir>.
TRENDS_DIR = "trends"
TRENDS_FILE = "trends.csv"
TRENDS_HTML_FILE = "trends.html"
EXECUTED_NOTEBOOKS_DIR = "notebooks"


def work_root() -> Path:
    """The folder that notebook parameters' relative folders (`data/raw`, `outputs`) are in,
    and messages name paths from: the project folder, or ANALYSIS_ROOT where set. `make test`
    sets it to a scratch copy of data/raw, so that checking the notebooks, which run with
    their defaults, never writes the project's outputs."""
    # A relative value is taken from the project folder, the same in every process: the
    # kernel's working folder is notebooks/, not the shell's.
    return (PROJ_ROOT / os.environ.get("ANALYSIS_ROOT", "")).resolve()


def resolve(folder: str | Path) -> Path:
    """A folder as given by a user or a notebook parameter: relative ones are under the root."""
    folder = Path(folder).expanduser()
    return folder if folder.is_absolute() else work_root() / folder


def regions_file(raw_dir: Path) -> Path:
    """The region list for a raw folder: its own regions.csv if it has one, else the project's."""
    own = raw_dir / REGIONS_FILE
    return own if own.is_file() else DEFAULT_REGIONS_FILE


def display_path(path: Path) -> str:
    """A path as a message shows it: relative to the project root (`work_root`) when inside."""
    try:
        return str(path.resolve().relative_to(work_root()))
    except ValueError:
        return str(path)


YEAR_PATTERN = r"[1-9][0-9]{3}"  # four digits, as a year folder is named
# The years the contract accepts: four digits, the first not 0 (a folder `0999` would be
# the year 999, which names no four-digit folder).
FIRST_YEAR, LAST_YEAR = 1000, 9999
YEAR_RULE = f"a year folder is named by the year alone, {FIRST_YEAR} to {LAST_YEAR} (e.g. 2010)"


def year_name_problem(name: str) -> str | None:
    """Why a folder or `--year` name is not a year, in words (None where it is one)."""
    if re.fullmatch(YEAR_PATTERN, name):
        return None
    if name.strip() != name and re.fullmatch(YEAR_PATTERN, name.strip()):
        return f"its name has a space before or after {name.strip()}; rename it {name.strip()}"
    if re.fullmatch(r"[0-9]+", name):
        return f"{name} is out of range: {YEAR_RULE}"
    return f"not a year: {YEAR_RULE}"


def skipped_folders(folder: Path) -> list[tuple[str, str]]:
    """The subfolders `year_folders` leaves out, each with why (hidden ones not: `.git` and
    editors' folders are no one's year), in name order."""
    if not folder.is_dir():
        return []
    names = sorted(sub.name for sub in folder.iterdir() if sub.is_dir())
    return [
        (name, problem)
        for name in names
        if not name.startswith(".") and (problem := year_name_problem(name))
    ]


def year_folders(folder: Path) -> list[int]:
    """The years of `folder`'s four-digit subfolders, in order (none if it does not exist)."""
    if not folder.is_dir():
        return []
    names = [sub.name for sub in folder.iterdir() if sub.is_dir()]
    return sorted(int(name) for name in names if re.fullmatch(YEAR_PATTERN, name))


def available_years(out_dir: Path) -> list[int]:
    """The years of `out_dir` with both table CSVs, in order: the years the trends can compare."""
    return [
        year
        for year in year_folders(out_dir)
        if all((out_dir / str(year) / name).is_file() for name in (TABLE1_FILE, TABLE2_FILE))
    ]


def authored_file(authored_dir: Path, year: int) -> Path:
    """A year's authored text: `<authored_dir>/<year>.md` (there may be none)."""
    return authored_dir / f"{year}.md"


def year_folder(raw_dir: Path, year: int) -> Path:
    folder = raw_dir / str(year)
    if folder.exists() and not folder.is_dir():
        raise InputError(
            Problem(
                display_path(folder),
                f"is a file, not a folder; put {year}'s files in a folder of that name",
            )
        )
    if not folder.is_dir():
        near = [name for name, _ in skipped_folders(raw_dir) if name.strip() == str(year)]
        there = ", ".join(map(str, year_folders(raw_dir))) or "none"
        hint = f"there is {near[0]!r}: rename it {year}" if near else f"years there: {there}"
        raise InputError(
            Problem(
                display_path(folder),
                f"no folder for {year} ({hint}); put the year's files in it",
            )
        )
    return folder


def activities_file(folder: Path) -> Path:
    """The year's report export: exactly one of activities.csv and activities.xlsx."""
    found = [folder / n for n in (ACTIVITIES_CSV, ACTIVITIES_XLSX) if (folder / n).is_file()]
    if len(found) == 2:
        raise InputError(
            Problem(
                display_path(folder),
                f"both {ACTIVITIES_CSV} and {ACTIVITIES_XLSX} are present; keep exactly one",
            )
        )
    if not found:
        raise InputError(
            Problem(
                display_path(folder),
                f"no report export: expected {ACTIVITIES_CSV} or {ACTIVITIES_XLSX}",
            )
        )
    return found[0]


def roster_file(folder: Path) -> Path:
    path = folder / ROSTER_FILE
    if not path.is_file():
        raise InputError(Problem(display_path(path), "the roster of country offices is missing"))
    return path


def input_files(raw_dir: Path, year: int) -> list[Path]:
    """The raw files year `year` reads, in a fixed order; raises if any is missing."""
    folder = year_folder(raw_dir, year)
    return [roster_file(folder), activities_file(folder)]


def check_year(year: object) -> int:
    """A reporting year is four digits, 1000 to 9999; anything else is a user's mistake, said
    in one line with the rule."""
    text = str(year).strip()
    if isinstance(year, bool) or not re.fullmatch(YEAR_PATTERN, text):
        if re.fullmatch(r"[0-9]+", text):
            raise InputError(f"year {year!r} is out of range: {YEAR_RULE}")
        raise InputError(f"year {year!r} is not a four-digit year: {YEAR_RULE}")
    return int(text)


@dataclass(frozen=True)
class YearPaths:
    """Every file and folder of one year's run, from the notebook parameters."""

    year: int
    raw: Path
    processed: Path
    out: Path

    @classmethod
    def from_parameters(
        cls, year: object, raw_dir: str | Path, processed_dir: str | Path, out_dir: str | Path
    ) -> YearPaths:
        return cls(check_year(year), resolve(raw_dir), resolve(processed_dir), resolve(out_dir))

    @property
    def raw_year(self) -> Path:
        return self.raw / str(self.year)

    @property
    def processed_year(self) -> Path:
        return self.processed / str(self.year)

    @property
    def out_year(self) -> Path:
        return self.out / str(self.year)

    @property
    def figures(self) -> Path:
        return self.out_year / FIGURES_DIR

    @property
    def report(self) -> Path:
        return self.out_year / REPORT_FILE

    @property
    def regions_file(self) -> Path:
        return regions_file(self.raw)
