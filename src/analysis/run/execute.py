"""Running one notebook with papermill on a kernel of the pool, and its parameters."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from ..errors import InputError
from ..paths import YearPaths
from .steps import Step

CELL_TIMEOUT_SECONDS = 1800


class StepFailed(Exception):
    """A notebook failed for a reason that is not bad input: a bug, or the machine."""


@functools.cache  # once per process: one handler, below
def papermill():
    import papermill

    # What papermill and nbclient log (through the "papermill" logger) also comes back to us as
    # an exception, which the summary reports once; unhandled, Python would print the record on
    # stderr, through the live progress lines: "Kernel died while waiting for execute reply."
    # when Ctrl-C shuts the kernels down. A handler here keeps it off the terminal, and an
    # application that configures logging still gets every record.
    logging.getLogger("papermill").addHandler(logging.NullHandler())
    return papermill


def year_parameters(
    step: Step, stage: YearPaths, encoding: str | None, earlier: Path | None = None
) -> dict:
    """A year step's notebook parameters (see each notebook's `parameters` cell); `earlier`,
    the final processed folder, where the report's review finds the previous year."""
    parameters = {
        "year": stage.year,
        "raw_dir": str(stage.raw),
        "processed_dir": str(stage.processed),
        "out_dir": str(stage.out),
    }
    if step.takes_encoding:
        parameters["encoding"] = encoding or ""
    if step.name == "report" and earlier is not None:
        parameters["earlier_dir"] = str(earlier)
    return parameters


def trends_parameters(
    raw: Path, processed: Path, out: Path, years: list[int], trends_dir: Path
) -> dict:
    """The trends notebook's parameters (see its `parameters` cell)."""
    return {
        "raw_dir": str(raw),
        "processed_dir": str(processed),
        "out_dir": str(out),
        "years": ",".join(map(str, years)),
        "trends_dir": str(trends_dir),
    }


@functools.cache  # per notebook file and version: years run the same notebooks
def _notebook_parameters(notebook: str, _mtime_ns: int) -> frozenset[str]:
    return frozenset(papermill().inspect_notebook(notebook))


def run_notebook(pool, notebook: Path, parameters: dict, output: Path) -> None:
    """Run one notebook on a kernel from `pool`, handed back for reuse only if the notebook
    ran to its end; bad input comes back as InputError, other failures as StepFailed."""
    known = _notebook_parameters(str(notebook), notebook.stat().st_mtime_ns)
    unknown = sorted(set(parameters) - known)
    if unknown:  # papermill only warns about these; a typo here must not pass silently
        raise StepFailed(f"{notebook.name} has no parameter named {', '.join(unknown)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    km = pool.take()
    ran = False
    try:
        _execute(notebook, parameters, output, km)
        ran = True
    finally:
        pool.give_back(km, ran)


def _execute(notebook: Path, parameters: dict, output: Path, km) -> None:
    from .kernels import close_thread_loop

    pm = papermill()
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=km.kernel_name,
            km=km,
            # No `cwd`: papermill would chdir this whole process around each notebook, from
            # every thread at once, and could leave it elsewhere. The kernel already runs in
            # the notebooks' folder: the pool starts it there and puts it back after a reset.
            progress_bar=False,
            log_output=False,
            # Written once at the end (or, with the error marked, when a cell fails), not
            # after every cell: our steps take seconds, and each save re-encodes the whole
            # notebook, charts and all, in this process, where every step's saves queue up.
            request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT_SECONDS,
        )
    except pm.PapermillExecutionError as err:
        if err.ename == "InputError":
            raise InputError(err.evalue) from None
        raise StepFailed(f"{err.ename}: {err.evalue}") from None
    except Exception as err:  # a dead kernel, a timeout: the machine, not the data
        raise StepFailed(f"{type(err).__name__}: {err}") from None
    finally:
        close_thread_loop()
