"""Telling the user what runs: a tqdm bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import csv
import sys
import threading
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

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

    def year_done(self, year: int | str, seconds: float) -> None:
        if self.verbose:
            self._say(f"[{year}] all steps done ({seconds:.1f} s)")

    def year_failed(self, year: int | str, message: str) -> None:
        pass  # the summary at the end says why, once

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
