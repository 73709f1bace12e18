"""Running a year: the notebooks in order, in a staging folder, swapped into place on success.

A failed or interrupted run never touches the last good outputs: every step writes under a
temporary folder beside the final one, and only when all steps have succeeded are
`<processed_dir>/<year>/` and `<out_dir>/<year>/` replaced, by renames.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem
from .paths import EXECUTED_NOTEBOOKS_DIR, NOTEBOOKS_DIR, YearPaths, display_path

KERNEL_NAME = "python3"
CELL_TIMEOUT_SECONDS = 1800
FAILED_RUNS_DIR = "failed-runs"


@dataclass(frozen=True)
class Step:
    name: str
    notebook: str
    needs: tuple[str, ...] = ()
    takes_encoding: bool = False


STEPS = (
    Step("clean", "1_clean.ipynb", takes_encoding=True),
    Step("tables", "2_tables.ipynb", needs=("clean",)),
    Step("charts", "3_charts.ipynb", needs=("clean",)),
    Step("report", "4_report.ipynb", needs=("tables", "charts")),
)


@dataclass
class YearResult:
    year: int
    ok: bool
    message: str = ""
    steps: dict[str, float] = field(default_factory=dict)  # step -> seconds it took


class StepFailed(Exception):
    """A notebook failed for a reason that is not bad input: a bug, or the machine."""


Progress = Callable[[int, str, str, float], None]  # year, step, state, seconds


def _no_progress(year: int, step: str, state: str, seconds: float) -> None:
    pass


def execute_step(step: Step, stage: YearPaths, encoding: str | None, output: Path) -> None:
    """Run one notebook with papermill; bad input comes back as InputError, other failures
    as StepFailed naming the executed notebook that shows the error."""
    import papermill

    parameters = {
        "year": stage.year,
        "raw_dir": str(stage.raw),
        "processed_dir": str(stage.processed),
        "out_dir": str(stage.out),
    }
    if step.takes_encoding:
        parameters["encoding"] = encoding or ""
    notebook = NOTEBOOKS_DIR / step.notebook
    known = set(papermill.inspect_notebook(str(notebook)))
    unknown = sorted(set(parameters) - known)
    if unknown:  # papermill only warns about these; a typo here must not pass silently
        raise StepFailed(f"{step.notebook} has no parameter named {', '.join(unknown)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            cwd=str(NOTEBOOKS_DIR),
            progress_bar=False,
            log_output=False,
            execution_timeout=CELL_TIMEOUT_SECONDS,
        )
    except papermill.PapermillExecutionError as err:
        if err.ename == "InputError":
            raise InputError(err.evalue) from None
        raise StepFailed(f"{err.ename}: {err.evalue}") from None


def _stage_dir(final_parent: Path, year: int) -> Path:
    final_parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{year}-staging-", dir=final_parent))


@contextmanager
def _no_interrupts():
    """Hold Ctrl-C while the staged folders are renamed into place: all or nothing."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap_into_place(pairs: list[tuple[Path, Path]]) -> None:
    """Replace each final folder by its staged one; on any failure put the old ones back."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for staged, final in pairs:
            backup = None
            if final.exists():
                backup = final.with_name(f".{final.name}-previous-{os.getpid()}")
                os.rename(final, backup)
            done.append((final, backup))
            os.rename(staged, final)
    except BaseException:
        for final, backup in reversed(done):
            if backup is not None:
                if final.exists():
                    shutil.rmtree(final)
                os.rename(backup, final)
        raise
    for _, backup in done:
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)


def _keep_failed_notebook(executed: Path, final: YearPaths) -> Path:
    kept = final.out / FAILED_RUNS_DIR / str(final.year) / executed.name
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(executed, kept)
    return kept


def run_year(
    final: YearPaths, encoding: str | None = None, progress: Progress = _no_progress
) -> YearResult:
    """All steps of one year; the result says what happened, in words a user can act on."""
    result = YearResult(final.year, ok=False)
    if not final.raw_year.is_dir():
        result.message = str(Problem(display_path(final.raw_year), f"no folder for {final.year}"))
        return result
    stage = YearPaths(
        final.year,
        final.raw,
        _stage_dir(final.processed, final.year),
        _stage_dir(final.out, final.year),
    )
    try:
        for step in STEPS:
            progress(final.year, step.name, "running", 0.0)
            started = time.perf_counter()
            executed = stage.out_year / EXECUTED_NOTEBOOKS_DIR / step.notebook
            try:
                execute_step(step, stage, encoding, executed)
            except StepFailed as err:
                kept = _keep_failed_notebook(executed, final) if executed.exists() else None
                where = f"; the executed notebook is {display_path(kept)}" if kept else ""
                result.message = f"step {step.name} failed: {err}{where}"
                progress(final.year, step.name, "failed", time.perf_counter() - started)
                return result
            except InputError as err:
                result.message = str(err)
                progress(final.year, step.name, "failed", time.perf_counter() - started)
                return result
            result.steps[step.name] = time.perf_counter() - started
            progress(final.year, step.name, "done", result.steps[step.name])
        with _no_interrupts():
            _swap_into_place(
                [
                    (stage.processed_year, final.processed_year),
                    (stage.out_year, final.out_year),
                ]
            )
        result.ok = True
        return result
    finally:
        shutil.rmtree(stage.processed, ignore_errors=True)
        shutil.rmtree(stage.out, ignore_errors=True)
