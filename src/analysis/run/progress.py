"""Telling the user what runs (a tqdm bar on a terminal, plain lines otherwise) and, at the
end, what came of it: one line for each year and for the trends."""

from __future__ import annotations

import csv
import sys
import threading
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from ..paths import TRENDS_DIR, TRENDS_HTML_FILE, display_path
from .steps import STEP_NAMES


class Progress:
    """Plain reporter: one line per finished step (for pipes and CI)."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False, verbose: bool = False):
        self.stream = stream or sys.stdout
        self.quiet = quiet
        self.verbose = verbose
        self._lock = threading.Lock()

    @classmethod
    def silent(cls) -> Progress:
        return cls(quiet=True)

    @classmethod
    def for_terminal(cls, years: int = 1, quiet: bool = False, verbose: bool = False) -> Progress:
        stream = sys.stdout
        if not quiet and not verbose and stream.isatty():
            return BarProgress(stream, years)
        # --verbose: a line as each step starts and ends, which a bar does not show.
        return cls(stream, quiet=quiet, verbose=verbose)

    def _say(self, text: str) -> None:
        with self._lock:
            print(text, file=self.stream, flush=True)

    def step_started(self, year: int | str, step: str) -> None:
        if self.verbose:
            self._say(f"[{year}] {step} started")

    def step_finished(self, year: int | str, step: str, state: str, seconds: float) -> None:
        if self.quiet or (state == "skipped" and not self.verbose):
            return
        timing = "" if state == "skipped" else f" ({seconds:.1f} s)"
        self._say(f"[{year}] {step} {state}{timing}")

    def job_done(self, year: int | str, seconds: float) -> None:
        if self.verbose:
            self._say(f"[{year}] all steps done ({seconds:.1f} s)")

    def close(self) -> None:
        pass


class BarProgress(Progress):
    """On a terminal: a bar over every step of the run, the steps running now beside it, and
    a line above it for each step that ran."""

    def __init__(self, stream: TextIO, years: int):
        super().__init__(stream)
        self._running: list[str] = []
        self._bar = tqdm(
            total=years * len(STEP_NAMES),
            file=stream,
            unit="step",
            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} steps {postfix}",
            dynamic_ncols=True,
            leave=False,
        )

    def step_started(self, year: int | str, step: str) -> None:
        with self._lock:
            if year == "trends":  # after the years: one step more than the bar began with
                self._bar.total += 1
            self._running.append(f"{year} {step}")
            self._bar.set_postfix_str(", ".join(self._running))

    def step_finished(self, year: int | str, step: str, state: str, seconds: float) -> None:
        with self._lock:
            if f"{year} {step}" in self._running:
                self._running.remove(f"{year} {step}")
            if state != "skipped":
                self._bar.write(f"[{year}] {step} {state} ({seconds:.1f} s)", file=self.stream)
            if year != "trends" or state != "skipped":
                self._bar.update(1)
            self._bar.set_postfix_str(", ".join(self._running))

    def close(self) -> None:
        self._bar.close()


def _say(text: str = "", error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


def authored_warnings(processed_year: Path) -> list[str] | None:
    """The warnings the report step wrote for a year (paths.WARNINGS_FILE, one a row, each
    naming file, line, what was typed and the cell), or None where it wrote none."""
    from ..paths import WARNINGS_FILE

    try:
        with (processed_year / WARNINGS_FILE).open(encoding="utf-8", newline="") as f:
            return [row["warning"] for row in csv.DictReader(f)]
    except (OSError, KeyError):
        return None


def warnings_lines(warnings: list[str] | None, indent: str = "  ") -> list[str]:
    """What the summary says of a year's authored text: how many warnings, then each."""
    if warnings is None:
        return []
    if not warnings:
        return [f"{indent}authored text: no warnings"]
    count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    return [f"{indent}authored text: {count}", *(f"{indent}  {w}" for w in warnings)]


def summary(results: list, trends, raw: Path, out: Path, processed: Path) -> None:
    """What each year of a run came to, and the trends (None: not asked for)."""
    from ..paths import AUTHORED_DIR, authored_file, resolve

    _say()
    for result in results:
        where = display_path(out / str(result.year))
        if result.unchanged:
            _say(f"{result.year}: unchanged since the last run. Outputs in {where}/")
        elif result.ok:
            _say(f"{result.year}: done. Outputs in {where}/ (report: {where}/report.html)")
            if result.removed:
                _say(f"  removed, as a run does not make them: {', '.join(result.removed)}")
            for link in result.links:
                _say(f"  {link}")
        if result.ok:
            warnings = authored_warnings(processed / str(result.year))
            if warnings or authored_file(resolve(AUTHORED_DIR), result.year).is_file():
                for line in warnings_lines(warnings):
                    _say(line)
        else:
            _say(f"{result.year}: FAILED\n{result.message}", error=True)
    _say_undeclared([r.year for r in results if r.ok], raw)
    if trends is not None:
        _say_trends(trends, out)


def _say_undeclared(years: list[int], raw: Path) -> None:
    """Each year run without a data status (its pages say "not declared"), with the line to
    add: the report cannot say whether its files are the export as received."""
    from ..status import STATUS_FILE, STATUSES

    for year in years:
        status = raw / str(year) / STATUS_FILE
        if not status.is_file():
            _say(
                f"{year}: no data status; add {display_path(status)} with the line "
                f"`status: {STATUSES[0]}` for the export as received (or "
                f"{' or '.join(STATUSES[1:])}; see data/raw/README.md)"
            )


def _say_trends(trends, out: Path) -> None:
    where = display_path(out / TRENDS_DIR)
    years = ", ".join(map(str, trends.years)) or "none"
    if trends.state == "done":
        _say(f"trends ({years}): done. Outputs in {where}/ (page: {where}/{TRENDS_HTML_FILE})")
    elif trends.state == "unchanged":
        _say(f"trends ({years}): unchanged since the last run. Outputs in {where}/")
    elif trends.state == "skipped":
        _say(
            f"trends: skipped, they need two years with tables in {display_path(out)}/ "
            f"(found: {years})"
        )
    elif trends.state == "held":
        kept = {
            "last good": f"{where}/ still shows the last good run",
            "changed": f"{where}/ was changed since its last run",
            "not made by a run": f"{where}/ was not made by a run",
            "none": "None are written yet",
        }[trends.kept]
        _say(f"trends: not updated, {trends.message}. {kept}.", error=True)
    else:
        _say(f"trends: FAILED\n{trends.message}", error=True)


def verify_summary(year: int, result, differences: list, folders: str, note: str) -> int:
    """What `verify` found, and its exit status."""
    if not result.ok:
        _say(f"{year}: the fresh run FAILED\n{result.message}", error=True)
        return 1
    if note:
        _say(note)
    if differences:
        _say(f"{year}: {len(differences)} file(s) differ from a fresh run:")
        for difference in differences:
            _say(f"  {difference}")
        return 1
    _say(f"{year}: every file in {folders} matches a fresh run.")
    return 0
