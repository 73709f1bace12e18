"""Telling the user what runs: a live line per year on a terminal, plain lines otherwise."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import TextIO

from .steps import STEP_NAMES

SYMBOLS = {"waiting": "·", "running": "…", "done": "✓", "skipped": "=", "failed": "✗"}


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
    def for_terminal(cls, quiet: bool = False, verbose: bool = False) -> Progress:
        stream = sys.stdout
        if not quiet and not verbose and stream.isatty():
            return LiveProgress(stream)
        # --verbose: a line as each step starts and ends, which a live line cannot show.
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


class LiveProgress(Progress):
    """On a terminal: one line per year, redrawn in place, with each step's elapsed time."""

    def __init__(self, stream: TextIO):
        super().__init__(stream)
        self._rows: dict[int, dict[str, list]] = {}  # year -> step -> [state, start, seconds]
        self._drawn = 0
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._ticker.start()

    def _row(self, year: int | str) -> dict[str, list]:
        steps = STEP_NAMES if isinstance(year, int) else ()  # "trends" has one step
        return self._rows.setdefault(year, {s: ["waiting", 0.0, 0.0] for s in steps})

    def step_started(self, year: int | str, step: str) -> None:
        with self._lock:
            self._row(year)[step] = ["running", time.perf_counter(), 0.0]

    def step_finished(self, year: int | str, step: str, state: str, seconds: float) -> None:
        with self._lock:
            self._row(year)[step] = [state, 0.0, seconds]
        self._draw()

    def year_done(self, year: int | str, seconds: float) -> None:
        self._draw()

    def _line(self, year: int | str, steps: dict[str, list]) -> str:
        parts = []
        now = time.perf_counter()
        for step, (state, start, seconds) in steps.items():
            elapsed = now - start if state == "running" else seconds
            timing = f" {elapsed:4.1f}s" if state in ("running", "done", "failed") else ""
            parts.append(f"{SYMBOLS[state]} {step}{timing}")
        return f"{year}  " + "   ".join(parts)

    def _draw(self, last: bool = False) -> None:
        with self._lock:
            rows = sorted(self._rows.items(), key=lambda item: str(item[0]))
            # The block is redrawn by moving up as many lines as it has, which only works
            # while it fits the screen: one line per year, cut to the width (a wrapped line
            # takes two), and no more years than there are lines, but for the last drawing:
            # the latest (years start in order; the trends come last), the earlier mostly done.
            size = shutil.get_terminal_size()
            lines = [self._line(y, s)[: max(size.columns - 1, 1)] for y, s in rows]
            if not last:
                lines = lines[-max(size.lines - 1, 1) :]
            up = f"\x1b[{self._drawn}F" if self._drawn else ""
            self.stream.write(up + "".join(f"\x1b[2K{line}\n" for line in lines))
            self.stream.flush()
            self._drawn = len(lines)

    def _tick(self) -> None:
        while not self._stop.wait(0.2):
            with self._lock:  # steps start in other threads, adding years as they go
                running = any(v[0] == "running" for s in self._rows.values() for v in s.values())
            if running:
                self._draw()

    def close(self) -> None:
        self._stop.set()
        self._draw(last=True)
