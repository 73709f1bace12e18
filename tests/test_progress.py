"""What a run prints while it works: live lines on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys

from analysis.run.progress import LiveProgress, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_live_lines_fit_a_narrow_terminal(monkeypatch):
    # A wrapped line takes two screen lines, and redrawing "up by the number of lines" then
    # stops short of the top: every redraw would scroll a copy of the block.
    monkeypatch.setattr(shutil, "get_terminal_size", lambda: os.terminal_size((30, 4)))
    screen = Terminal()
    progress = LiveProgress(screen)
    for year in range(2011, 2016):  # more years than the screen's 4 lines
        progress.step_finished(year, "clean", "done", 0.4)
    progress.step_started("trends", "trends")
    progress._draw()  # as the ticker draws while a step runs
    assert "trends  … trends" in screen.getvalue()  # the latest rows show, the trends last
    progress.close()  # the last drawing shows every year
    moves_up = [int(n) for n in re.findall(r"\x1b\[(\d+)F", screen.getvalue())]
    assert moves_up and max(moves_up) <= 3  # never past the top of a 4-line screen
    lines = [
        line for line in re.sub(r"\x1b\[\d*[FK]", "\n", screen.getvalue()).splitlines() if line
    ]
    assert max(len(line) for line in lines) <= 29
    assert lines[-2].startswith("2015  ✓ clean") and lines[-1].startswith("trends  … trends")


def test_verbose_on_a_terminal_prints_each_start(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    live = Progress.for_terminal()
    assert isinstance(live, LiveProgress)
    live.close()
    screen.seek(0)
    screen.truncate()
    progress = Progress.for_terminal(verbose=True)
    assert not isinstance(progress, LiveProgress)
    progress.step_started(2011, "clean")
    progress.step_finished(2011, "clean", "done", 0.4)
    assert screen.getvalue() == "[2011] clean started\n[2011] clean done (0.4 s)\n"
