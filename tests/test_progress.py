"""What a run prints while it works: live lines on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys

from analysis.progress import LiveProgress, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_live_lines_fit_a_narrow_terminal(monkeypatch):
    # A wrapped line takes two screen lines, and redrawing "up by the number of lines" then
    # stops short of the top: every redraw would scroll a copy of the block.
    monkeypatch.setattr(shutil, "get_terminal_size", lambda: os.terminal_size((30, 24)))
    screen = Terminal()
    progress = LiveProgress(screen)
    progress.step_finished(2011, "clean", "done", 0.4)
    progress.step_finished(2012, "clean", "done", 0.5)
    progress.close()
    drawn = re.sub(r"\x1b\[\d*[FK]", "\n", screen.getvalue()).splitlines()
    assert max(len(line) for line in drawn) <= 29
    assert any(line.startswith("2012  ✓ clean") for line in drawn)


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
