"""What a run prints while it works: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import sys

from analysis.run.progress import BarProgress, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_each_step_that_ran_gets_a_line_and_the_bar_counts_every_step():
    screen = Terminal()
    progress = BarProgress(screen, years=2)
    for year in (2011, 2012):
        progress.step_finished(year, "clean", "skipped", 0.0)  # counted, not printed
        for step in ("tables", "charts", "report"):
            progress.step_started(year, step)
            progress.step_finished(year, step, "done", 0.4)
    progress.step_started("trends", "trends")
    progress.step_finished("trends", "trends", "done", 0.2)
    assert progress._bar.n == progress._bar.total == 9
    progress.close()
    shown = screen.getvalue()
    assert "[2011] tables done (0.4 s)" in shown and "[trends] trends done (0.2 s)" in shown
    assert "clean skipped" not in shown


def test_verbose_on_a_terminal_prints_each_start(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    bar = Progress.for_terminal()
    assert isinstance(bar, BarProgress)
    bar.close()
    screen.seek(0)
    screen.truncate()
    progress = Progress.for_terminal(verbose=True)
    assert not isinstance(progress, BarProgress)
    progress.step_started(2011, "clean")
    progress.step_finished(2011, "clean", "done", 0.4)
    assert screen.getvalue() == "[2011] clean started\n[2011] clean done (0.4 s)\n"


def test_in_a_pipe_only_steps_that_ran_are_printed():
    pipe = io.StringIO()
    progress = Progress.for_terminal()
    progress.stream = pipe
    progress.step_finished(2011, "clean", "skipped", 0.0)
    progress.step_finished(2011, "tables", "failed", 1.25)
    assert pipe.getvalue() == "[2011] tables failed (1.2 s)\n"
