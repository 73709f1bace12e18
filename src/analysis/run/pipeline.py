"""Running years: the notebooks in order, in a staging folder, swapped into place on success.

A failed or interrupted run never touches the last good outputs: every step writes under a
temporary folder beside the final one, and only when all steps of a year have succeeded are
`<processed_dir>/<year>/` and `<out_dir>/<year>/` replaced, by renames written down first,
which the next run completes if this one is killed among them. One run at a time holds a
year's folders, and the trends folder (see lock.py).

A step whose inputs, notebook, code, lock file and parameters are unchanged since its last
successful run is skipped (see fingerprint.py); a year with nothing to do loads neither
pandas nor papermill. Steps that don't depend on each other, and different years, run at the
same time, each in a kernel of its own at the time (kernels are reset and reused from step
to step, see kernels.py), all driven from this one process.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError, Problem
from ..paths import (
    AUTHORED_DIR,
    EXECUTED_NOTEBOOKS_DIR,
    MANIFEST_FILE,
    NOTEBOOKS_DIR,
    STATUS_FILE,
    SYNTHETIC,
    TABLE1_FILE,
    TABLE2_FILE,
    TRENDS_DIR,
    YEAR_PATTERN,
    YearPaths,
    authored_file,
    available_years,
    data_status,
    display_path,
    input_files,
    regions_file,
    resolve,
)
from ..provenance import made_synthetic, read_manifest
from ..words import join_names
from . import fingerprint
from .progress import Progress
from .steps import PRIORITY, STEP_NAMES, STEPS, TRENDS_STEP, Step

CELL_TIMEOUT_SECONDS = 1800
FAILED_RUNS_DIR = "failed-runs"


@dataclass
class YearResult:
    year: int
    ok: bool = False
    message: str = ""
    steps: dict[str, str] = field(default_factory=dict)  # step -> "done", "skipped", "failed"
    seconds: float = 0.0
    # Files found in the year's folders that a run does not make (put there by hand): the
    # new folders replace them, and the summary names them.
    removed: list[str] = field(default_factory=list)
    # The year's folders that were symbolic links, each replaced by a folder (`replaced_links`).
    links: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return self.ok and all(state == "skipped" for state in self.steps.values())


class StepFailed(Exception):
    """A notebook failed for a reason that is not bad input: a bug, or the machine."""


# ---------------------------------------------------------------------------------------------
# Planning: what each year needs, decided with the standard library only.


@dataclass
class YearPlan:
    final: YearPaths
    encoding: str | None
    keys: dict[str, str]
    to_run: list[str]
    # The raw files and region list as hashed when the run was planned: what the manifest
    # records, so that a file edited during the run reads as changed on the next.
    inputs: list[dict]
    notebooks_dir: Path = NOTEBOOKS_DIR
    strict: bool = False  # `run --strict`: a warning on the authored text fails the year
    languages: tuple[str, ...] = ()  # the document's languages besides English (--language)


def _records_intact(folder: Path, records: list[dict]) -> bool:
    """The result files a manifest recorded are there with the same content, and no others (a
    file left by hand would survive a skipped run, where a fresh run would not make it)."""
    from ..provenance import sha256
    from .manifest import result_files

    present = {p.relative_to(folder).as_posix() for p in result_files(folder)}
    return present == {r["path"] for r in records} and all(
        sha256(folder / r["path"]) == r["sha256"] for r in records
    )


def _outputs_intact(manifest: dict, final: YearPaths) -> bool:
    outputs = manifest.get("outputs", [])
    return (
        bool(outputs)
        and _records_intact(final.out_year, outputs)
        and _records_intact(final.processed_year, manifest.get("processed", []))
    )


def _input_records(final: YearPaths) -> list[dict]:
    """The year's raw files and its region list, each hashed once."""
    # The same files, and the same messages when one is missing, as the clean step's.
    files = [*input_files(final.raw, final.year), final.regions_file]
    return [_input_record(path, final.raw) for path in files]


def _year_encoding(
    final: YearPaths, given: str | None, last: dict | None, inputs: list[dict]
) -> str | None:
    """The encoding a year's CSV files are read with where one is not UTF-8: the one given,
    else the one its last run used, but only for the very files it read (a cp1252 export is
    not to be named on every run; one exported again may be in another encoding, and is read
    as UTF-8 until --encoding names it). None where every file is UTF-8: --encoding then
    changes nothing, and reruns no step. A given encoding that cannot read a file is refused
    here, before any step, in one line."""
    if given:
        _check_codec_name(given)
    remembered = (last or {}).get("parameters", {}).get("encoding") or None
    if not (given or remembered):  # nothing to decide: the files need not be read again
        return None
    csv_files = [p for p in input_files(final.raw, final.year) if p.suffix.lower() == ".csv"]
    not_utf8 = [path for path in csv_files if not _is_utf8(path)]
    if not not_utf8:
        return None
    if given:
        for path in not_utf8:
            _check_decodes(path, given)
        return given
    recorded = {r["path"]: r["sha256"] for r in (last or {}).get("inputs", [])}
    now = {r["path"]: r["sha256"] for r in inputs}
    relative = [path.relative_to(final.raw).as_posix() for path in not_utf8]
    return remembered if all(recorded.get(r) == now.get(r) for r in relative) else None


def remembered_encoding(final: YearPaths, made: dict | None) -> str | None:
    """The encoding a year's run recorded in `made`, where its files are still those it read
    (see `_year_encoding`); None otherwise, or where they cannot be read (the run that
    follows says why)."""
    try:
        return _year_encoding(final, None, made, _input_records(final))
    except InputError:
        return None


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_codec_name(name: str) -> None:
    """An encoding Python knows, and one of text (not rot13 or base64)."""
    try:
        "".encode(name)
    except LookupError:
        known = "not a text encoding" if _is_codec(name) else "an unknown encoding"
        raise InputError(f"--encoding {name!r} is {known}; try cp1252 or latin-1") from None


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _check_decodes(path: Path, name: str) -> None:
    """`path` reads as `name` throughout, and as text with separators (UTF-16 read from bytes
    of another encoding can decode, as lines of CJK characters)."""
    data = path.read_bytes()
    try:
        text = str(data, name)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problem = f"cannot be read as {name} (byte 0x{data[err.start]:02x} on line {line})"
    else:
        if data.strip() and "\n" not in text and not any(sep in text for sep in ",;\t"):
            problem = f"cannot be read as {name} (so read, it has no line breaks or commas)"
        else:
            return
    raise InputError(
        Problem(
            display_path(path),
            f"{problem}; save it as UTF-8, or name its encoding with --encoding (e.g. cp1252)",
        )
    )


def _step_keys(
    final: YearPaths,
    encoding: str | None,
    inputs: list[dict],
    notebooks_dir: Path,
    languages: tuple[str, ...] = (),
) -> dict[str, str]:
    code = fingerprint.code_fingerprint()
    keys: dict[str, str] = {}
    for step in STEPS:
        parameters = {"year": final.year}
        if step.takes_encoding:
            parameters["encoding"] = encoding or ""
        if step.name == "report":  # its page states the year's data status
            parameters["data_status"] = _status_text(final.raw_year)
            if languages:  # none: the English document's key, as before languages
                parameters["languages"] = ",".join(languages)
        keys[step.name] = fingerprint.step_key(
            notebooks_dir / step.notebook,
            parameters,
            # The raw files, once: the other steps' keys take them in through clean's. The
            # authored text only the report reads (the notebook's default `authored_dir`).
            inputs if step.name == "clean" else _authored(final) if step.name == "report" else [],
            [keys[n] for n in step.needs],
            code,
        )
    return keys


def _authored(final: YearPaths) -> list[dict]:
    from ..provenance import sha256

    path = authored_file(resolve(AUTHORED_DIR), final.year)
    # The authored text in each language too (authored/<year>.fr.md), where there is one.
    paths = [path, *sorted(path.parent.glob(f"{path.stem}.*{path.suffix}"))]
    return [
        {"path": display_path(p), "sha256": sha256(p) if p.is_file() else "none"}
        for p in paths
        if p == path or p.is_file()
    ]


def _status_text(year_dir: Path) -> str:
    """A raw year's status file as text ("" without one): a step key changes with it, and a
    file the report cannot read fails the report step with its message, not the planning."""
    try:
        return (year_dir / STATUS_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def plan_year(
    final: YearPaths,
    encoding: str | None,
    force: bool,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    languages: tuple[str, ...] = (),
) -> YearPlan:
    """Which steps must run: all after --force or a damaged output, else the changed ones."""
    inputs = _input_records(final)
    last = read_manifest(final.out_year)
    encoding = _year_encoding(final, encoding, last, inputs)
    keys = _step_keys(final, encoding, inputs, notebooks_dir, languages)
    previous = None if force else last
    if previous is None or not _outputs_intact(previous, final):
        steps = list(STEP_NAMES)
        return YearPlan(final, encoding, keys, steps, inputs, notebooks_dir, languages=languages)
    old_keys = previous.get("steps", {})
    to_run = [name for name in STEP_NAMES if old_keys.get(name) != keys[name]]
    return YearPlan(final, encoding, keys, to_run, inputs, notebooks_dir, languages=languages)


# ---------------------------------------------------------------------------------------------
# Executing one notebook.


@functools.cache  # once per process: one handler, below
def _papermill():
    import papermill

    # What papermill and nbclient log (through the "papermill" logger) also comes back to us as
    # an exception, which the summary reports once; unhandled, Python would print the record on
    # stderr, through the live progress lines: "Kernel died while waiting for execute reply."
    # when Ctrl-C shuts the kernels down. A handler here keeps it off the terminal, and an
    # application that configures logging still gets every record.
    logging.getLogger("papermill").addHandler(logging.NullHandler())
    return papermill


def year_parameters(
    step: Step, stage: YearPaths, encoding: str | None, languages: tuple[str, ...] = ()
) -> dict:
    """A year step's notebook parameters (see each notebook's `parameters` cell)."""
    parameters = {
        "year": stage.year,
        "raw_dir": str(stage.raw),
        "processed_dir": str(stage.processed),
        "out_dir": str(stage.out),
    }
    if step.takes_encoding:
        parameters["encoding"] = encoding or ""
    if step.name == "report" and languages:
        parameters["languages"] = ",".join(languages)
    return parameters


@functools.cache  # per notebook file and version: years run the same notebooks
def _notebook_parameters(notebook: str, _mtime_ns: int) -> frozenset[str]:
    return frozenset(_papermill().inspect_notebook(notebook))


def _mtime_ns(path: Path) -> int:
    return path.stat().st_mtime_ns


def execute_notebook(step: Step, parameters: dict, output: Path, km, notebooks_dir: Path) -> None:
    """Run one notebook; bad input comes back as InputError, other failures as StepFailed."""
    papermill = _papermill()
    notebook = notebooks_dir / step.notebook
    unknown = sorted(set(parameters) - _notebook_parameters(str(notebook), _mtime_ns(notebook)))
    if unknown:  # papermill only warns about these; a typo here must not pass silently
        raise StepFailed(f"{step.notebook} has no parameter named {', '.join(unknown)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
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
    except papermill.PapermillExecutionError as err:
        if err.ename == "InputError":
            raise InputError(err.evalue) from None
        raise StepFailed(f"{err.ename}: {err.evalue}") from None
    except Exception as err:  # a dead kernel, a timeout: the machine, not the data
        raise StepFailed(f"{type(err).__name__}: {err}") from None
    finally:
        from .kernels import close_thread_loop

        close_thread_loop()


# ---------------------------------------------------------------------------------------------
# Staging and swapping.


# Folders beside the final ones while a run works: `.2010-staging-<host>-<pid>-…` (being
# built) and `.2010-previous-<host>-<pid>-…` (the outputs being replaced, for a moment).
LEFTOVER = rf"\.(?P<name>{YEAR_PATTERN}|{TRENDS_DIR})-(?P<kind>staging|previous)"


def _stage_dir(final_parent: Path, name: int | str) -> Path:
    from .manifest import owned_name

    final_parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=owned_name(f".{name}-staging"), dir=final_parent))


# Beside the staged folder, in each staging folder: the renames a swap is about to make,
# written before the first. A run killed among them leaves it for the next run, which makes
# the rest: forward, so that new processed data never stays beside the outputs it replaced.
JOURNAL_FILE = "swap.json"


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _clear_leftovers(parents: Sequence[Path]) -> None:
    """Remove what killed runs left beside the final folders, each under the lock of the
    folder it was for (one a live run holds is that run's to mend). A swap begun is
    completed first (see JOURNAL_FILE); and a run of an earlier version, killed between its
    two renames, left the last good outputs only in its `previous` folder: they go back."""
    from . import lock
    from .manifest import dead_leftovers

    found = [(path, made) for parent in dict.fromkeys(parents) for path, made in
             dead_leftovers(parent, LEFTOVER)]  # fmt: skip
    kept: set[Path] = set()  # the folders of a swap that could not be completed now
    for path, made in found:
        if made["kind"] == "staging" and (path / JOURNAL_FILE).is_file():
            kept |= _complete_swap(path / JOURNAL_FILE)
    for path, made in found:
        if path in kept or not _exists(path):
            continue
        final = path.parent / made["name"]
        with lock.hold_if_free([final]) as free:
            if not free:
                continue
            if made["kind"] == "previous" and not _exists(final):
                kept_aside = path / made["name"]
                if not _exists(kept_aside) and (path / MANIFEST_FILE).is_file():
                    kept_aside = path  # an earlier version kept the files in the folder itself
                with contextlib.suppress(OSError):
                    os.rename(kept_aside, final)
            shutil.rmtree(path, ignore_errors=True)


def _complete_swap(journal: Path) -> set[Path]:
    """Make the renames of a killed run's swap that it had not made, then remove its
    folders; if that cannot be done now, the folders to keep for a later run."""
    from . import lock

    try:
        moves = [
            (Path(m["staged"]), Path(m["final"]), Path(m["backup"]))
            for m in json.loads(journal.read_text(encoding="utf-8"))["moves"]
        ]
    except (OSError, ValueError, KeyError, TypeError):  # written whole or not at all: gone
        return set()
    folders = {f.parent for staged, _, backup in moves for f in (staged, backup)}
    with lock.hold_if_free([final for _, final, _ in moves]) as free:
        if not free:
            return folders
        try:
            for staged, final, backup in moves:
                _move_forward(staged, final, backup)
        except OSError:
            return folders
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    return set()


def _move_forward(staged: Path, final: Path, backup: Path) -> None:
    """One rename pair of a swap, whichever part of it is already made."""
    if not _exists(staged):
        return  # in place already
    if _exists(final):
        if _exists(backup):
            raise OSError(f"{final} and its backup {backup} both exist")
        os.rename(final, backup)
    os.rename(staged, final)


@contextmanager
def _no_interrupts():
    """Hold Ctrl-C while staged folders are renamed into place: all or nothing."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap_into_place(pairs: list[tuple[Path, Path]]) -> None:
    """Replace each final folder by its staged one, all or none. Each old one waits, under
    its own name, in a `previous` folder of its own (unique, and so never in the way of a
    rename, whatever the final folder is: a symlink, say), until every new one is in place.
    The renames are first written down (JOURNAL_FILE): after a kill, the next run makes
    the rest. After an error, what was moved goes back where it came from: the final
    folders are then those found, and no folder is removed that this swap did not make."""
    from ..provenance import write_text
    from .manifest import owned_name

    moves = []
    for staged, final in pairs:
        aside = tempfile.mkdtemp(prefix=owned_name(f".{final.name}-previous"), dir=final.parent)
        moves.append((staged, final, Path(aside) / final.name))
    try:
        journal = {"moves": [{"staged": str(s), "final": str(f), "backup": str(b)}
                             for s, f, b in moves]}  # fmt: skip
        for staged, _ in pairs:
            write_text(staged.parent / JOURNAL_FILE, json.dumps(journal, indent=2) + "\n")
        for staged, final, backup in moves:
            _move_forward(staged, final, backup)
    except BaseException:
        for staged, final, backup in reversed(moves):
            if not _exists(staged) and _exists(final):  # the one this swap put there
                os.rename(final, staged)
            if _exists(backup):
                os.rename(backup, final)
        for staged, _ in pairs:
            (staged.parent / JOURNAL_FILE).unlink(missing_ok=True)
        raise
    finally:
        for _, _, backup in moves:
            if not _exists(backup):  # else it holds the last good outputs, not put back
                shutil.rmtree(backup.parent, ignore_errors=True)
    for staged, _ in pairs:
        (staged.parent / JOURNAL_FILE).unlink(missing_ok=True)
    for _, _, backup in moves:
        shutil.rmtree(backup.parent, ignore_errors=True)


def _manifest(plan: YearPlan, stage: YearPaths, started: datetime) -> dict:
    from ..provenance import package_versions, python_version
    from .manifest import tree_records

    return {
        "year": plan.final.year,
        "parameters": {
            "year": plan.final.year,
            "raw_dir": display_path(plan.final.raw),
            "processed_dir": display_path(plan.final.processed),
            "out_dir": display_path(plan.final.out),
            "encoding": plan.encoding or "",
            "synthetic": data_status(plan.final.raw_year).status == SYNTHETIC,
            **({"languages": list(plan.languages)} if plan.languages else {}),
        },
        "inputs": plan.inputs,
        "outputs": tree_records(stage.out_year),
        "processed": tree_records(stage.processed_year),
        "steps": plan.keys,
        "packages": {"python": python_version(), **package_versions()},
        # The analysis code and package versions, as one hash (see fingerprint.py); not a git
        # commit, which a committed manifest can never name, nor the tree's state.
        "code": fingerprint.code_fingerprint(),
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _input_record(path: Path, raw: Path) -> dict:
    """A raw file relative to the raw folder; the project's region list, used beside another
    raw folder, as messages name it (`data/raw/regions.csv`), never as a bare `regions.csv`
    that reads as that folder's own."""
    from ..provenance import file_record

    if path.is_relative_to(raw):
        return file_record(path, raw)
    return {**file_record(path, path.parent), "path": display_path(path)}


# ---------------------------------------------------------------------------------------------
# Running many years.


@dataclass
class _YearRun:
    plan: YearPlan
    result: YearResult
    stage: YearPaths | None = None
    pending: list[Step] = field(default_factory=list)
    running: int = 0
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    clock: float = field(default_factory=time.perf_counter)


def _open_stage(run: _YearRun) -> None:
    final = run.plan.final
    processed = _stage_dir(final.processed, final.year)
    try:
        out = _stage_dir(final.out, final.year)
    except OSError:
        shutil.rmtree(processed, ignore_errors=True)
        raise
    run.stage = YearPaths(final.year, final.raw, processed, out)
    # Skipped steps keep their outputs: the stage starts with the last good run's result, the
    # files its manifest recorded (anything else in the folder would pass for this run's).
    if len(run.plan.to_run) < len(STEPS):
        made = read_manifest(final.out_year) or {}
        _copy_recorded(final.processed_year, processed / str(final.year), made.get("processed"))
        _copy_recorded(final.out_year, out / str(final.year), made.get("outputs"))
        executed = final.out_year / EXECUTED_NOTEBOOKS_DIR  # the skipped steps' notebooks
        if executed.is_dir():
            shutil.copytree(executed, out / str(final.year) / EXECUTED_NOTEBOOKS_DIR)


def _copy_recorded(folder: Path, into: Path, records: list[dict] | None) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for record in records or []:
        (into / record["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / record["path"], into / record["path"])


def _close_stage(run: _YearRun) -> None:
    if run.stage is not None:
        shutil.rmtree(run.stage.processed, ignore_errors=True)
        shutil.rmtree(run.stage.out, ignore_errors=True)
        run.stage = None


def _forget_failure(out: Path, label: str | int) -> None:
    """Once a year (or the trends) succeeds, the notebook kept from its last failure is
    history, and would mislead: remove it, and the failed-runs folder once empty."""
    shutil.rmtree(out / FAILED_RUNS_DIR / str(label), ignore_errors=True)
    with contextlib.suppress(OSError):  # not empty, or not there
        (out / FAILED_RUNS_DIR).rmdir()


def _keep_failed_notebook(executed: Path, out: Path, label: str | int) -> str:
    """Copy an executed notebook that failed to <out>/failed-runs/<label>/, for the user;
    what the failure message then adds ("" when the notebook was never written). A copy
    that fails (a full disk) leaves no part of itself, and the failure it was to show
    stays the message."""
    from ..provenance import write_bytes

    if not executed.exists():
        return ""
    kept = out / FAILED_RUNS_DIR / str(label) / executed.name
    try:
        write_bytes(kept, executed.read_bytes())  # whole or not at all
    except OSError as err:
        for folder in (kept.parent, kept.parent.parent):
            with contextlib.suppress(OSError):  # not empty: an earlier failure's
                folder.rmdir()
        return f"; its executed notebook could not be kept in {display_path(kept.parent)}: {err}"
    return f"; the executed notebook, with the error marked, is {display_path(kept)}"


def _ready_steps(run: _YearRun) -> list[Step]:
    state = run.result.steps
    return [
        s
        for s in run.pending
        if s.name not in state and all(state.get(n) in ("done", "skipped") for n in s.needs)
    ]


def _strict_refusal(run: _YearRun) -> str:
    """Under --strict, why the year fails: the warnings its report step wrote ("" if none)."""
    from .progress import authored_warnings

    if not run.plan.strict:
        return ""
    processed = run.stage.processed_year if run.stage is not None else run.plan.final.processed_year
    warnings = authored_warnings(processed) or []
    if not warnings:
        return ""
    kept = "its outputs are not written (the last good ones stay)"
    lines = [f"--strict: the authored text has {len(warnings)} warning(s); {kept}:", *warnings]
    return "\n".join(lines)


def _finish_year(run: _YearRun) -> None:
    plan, result = run.plan, run.result
    refusal = _strict_refusal(run)
    if refusal:
        result.message = refusal
        return
    if run.stage is not None:
        from ..provenance import write_text

        manifest = _manifest(plan, run.stage, run.started)
        write_text(run.stage.out_year / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n")
        result.removed = [
            *_not_in(plan.final.processed_year, run.stage.processed_year),
            *_not_in(plan.final.out_year, run.stage.out_year),
        ]
        result.links = replaced_links([plan.final.processed_year, plan.final.out_year])
        with _no_interrupts():
            _swap_into_place(
                [
                    (run.stage.processed_year, plan.final.processed_year),
                    (run.stage.out_year, plan.final.out_year),
                ]
            )
    _forget_failure(plan.final.out, plan.final.year)
    result.ok = True
    result.seconds = time.perf_counter() - run.clock


def replaced_links(finals: list[Path]) -> list[str]:
    """What the summary says of a year folder that is a symbolic link: the swap replaces the
    link itself by the new folder, and leaves the folder it pointed to as it was."""
    return [
        f"{display_path(final)} was a link to {os.readlink(final)}: it is now a folder of its "
        "own, and the folder the link pointed to is left as it was"
        for final in finals
        if final.is_symlink()
    ]


def _not_in(final: Path, staged: Path) -> list[str]:
    """The files of `final` that `staged` has not (executed notebooks aside), as messages name
    them. Through a symbolic link, none: the swap replaces the link, not the files."""
    if final.is_symlink() or not final.is_dir():
        return []
    return [
        display_path(path)
        for path in sorted(final.rglob("*"))
        if (path.is_file() or path.is_symlink())
        and path.relative_to(final).parts[0] != EXECUTED_NOTEBOOKS_DIR
        and not (staged / path.relative_to(final)).exists()
    ]


class Kernels:
    """One command's kernels. The pool is made when a step first needs one, so a run with
    nothing to do imports no Jupyter machinery; the kernels that ran the years go on to run
    the trends step, which then pays for no kernel start of its own."""

    def __init__(self, notebooks_dir: Path = NOTEBOOKS_DIR):
        self._notebooks_dir = notebooks_dir
        self._pool = None

    def pool(self, warm_ups: list[frozenset[str]]):
        """The pool; made now, starting kernels with these imports, if it is not yet."""
        if self._pool is None:
            from .kernels import KernelPool

            self._pool = KernelPool(warm_ups, self._notebooks_dir)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> Kernels:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


@contextmanager
def _kernels_for_run(kernels: Kernels | None, notebooks_dir: Path) -> Iterator[Kernels]:
    """`kernels`, or a set of the run's own. On an error or Ctrl-C every kernel is shut
    down; otherwise only the run's own, and shared ones stay open for what runs next."""
    own = kernels is None
    kernels = kernels or Kernels(notebooks_dir)
    try:
        yield kernels
    except BaseException:
        kernels.close()
        raise
    finally:
        if own:
            kernels.close()


def run_years(
    finals: list[YearPaths],
    encoding: str | None = None,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    kernels: Kernels | None = None,
    wait: bool = False,
    strict: bool = False,
    languages: tuple[str, ...] = (),
) -> list[YearResult]:
    """Run every year; a bad year fails alone and the others complete. Kernels come from
    `kernels`, left open for what runs next, or from a pool of the run's own. The years'
    folders are locked from before planning to the end: where another run holds one, this
    one raises lock.Busy before doing anything, or with `wait`, waits for it."""
    from . import lock

    folders = [f for final in finals for f in (final.processed_year, final.out_year)]
    with lock.hold(folders, wait, waiting=_say_waiting):
        return _run_years(
            finals, encoding, jobs, force, progress, notebooks_dir, kernels, strict, languages
        )


def _say_waiting(text: str) -> None:
    """A wait for another run's lock, said on the terminal before any progress line."""
    print(text, file=sys.stderr, flush=True)


def _run_years(
    finals: list[YearPaths],
    encoding: str | None,
    jobs: int,
    force: bool,
    progress: Progress | None,
    notebooks_dir: Path,
    kernels: Kernels | None,
    strict: bool = False,
    languages: tuple[str, ...] = (),
) -> list[YearResult]:
    progress = progress or Progress.silent()
    # Before planning: a killed run may have left a year's last good outputs aside.
    _clear_leftovers([f for final in finals for f in (final.processed, final.out)])
    runs: list[_YearRun] = []
    for final in finals:
        result = YearResult(final.year)
        try:
            plan = plan_year(final, encoding, force, notebooks_dir, languages)
        except InputError as err:
            result.message = str(err)
            progress.year_failed(final.year, result.message)
            runs.append(_YearRun(YearPlan(final, encoding, {}, [], []), result))
            continue
        plan.strict = strict
        run = _YearRun(plan, result)
        for step in STEPS:
            if step.name not in plan.to_run:
                result.steps[step.name] = "skipped"
                progress.step_finished(final.year, step.name, "skipped", 0.0)
        run.pending = [s for s in STEPS if s.name in plan.to_run]
        if not run.pending:
            _finish_year(run)
        runs.append(run)

    active = [r for r in runs if r.pending and not r.result.message]
    if not active:
        return [r.result for r in runs]

    futures: dict[Future, tuple[_YearRun, Step, float]] = {}
    try:
        with (
            _kernels_for_run(kernels, notebooks_dir) as kernels,
            ThreadPoolExecutor(max_workers=jobs) as executor,
        ):
            pool = kernels.pool(_warm_ups([s for run in active for s in run.pending], jobs))

            def submit_ready() -> None:
                ready = [(r, s) for r in active if not r.result.message for s in _ready_steps(r)]
                if jobs > 1:  # one at a time, years finish in turn, as the user reads them
                    ready.sort(key=lambda pair: -PRIORITY[pair[1].name])  # stable: years in order
                for run, step in ready:
                    if len(futures) >= jobs:
                        return
                    if run.result.message:  # its stage could not be made, just now
                        continue
                    if run.stage is None:
                        try:
                            _open_stage(run)
                        except OSError as err:  # a full disk
                            why = f"its staging folder could not be made: {err}"
                            _fail_year(run, why, progress)
                            continue
                    run.pending.remove(step)
                    run.result.steps[step.name] = "running"
                    progress.step_started(run.plan.final.year, step.name)
                    future = executor.submit(_run_step, pool, step, run)
                    futures[future] = (run, step, time.perf_counter())

            submit_ready()
            try:
                _drive(futures, progress, submit_ready)
            except BaseException:
                # Kill the kernels first: their notebooks stop now, and the executor's exit,
                # which waits for its threads, returns at once.
                kernels.close()
                raise
    finally:
        for run in runs:
            _close_stage(run)
    return [r.result for r in runs]


def _drive(futures: dict, progress: Progress, submit_ready) -> None:
    """Wait for steps to finish, record each, finish years, start what has become ready."""
    while futures:
        finished, _ = wait(list(futures), return_when=FIRST_COMPLETED)
        for future in finished:
            run, step, began = futures.pop(future)
            seconds = time.perf_counter() - began
            error = future.exception()
            year = run.plan.final.year
            if error is None:
                run.result.steps[step.name] = "done"
                progress.step_finished(year, step.name, "done", seconds)
                if not run.pending and all(
                    run.result.steps.get(n) in ("done", "skipped") for n in STEP_NAMES
                ):
                    try:
                        _finish_year(run)
                    except OSError as err:  # a full disk: the last good outputs stay
                        _fail_year(run, f"its outputs could not be put in place: {err}", progress)
                    else:
                        if run.result.ok:  # not refused by --strict
                            progress.year_done(year, run.result.seconds)
                    _close_stage(run)
                continue
            run.result.steps[step.name] = "failed"
            progress.step_finished(year, step.name, "failed", seconds)
            if not run.result.message:
                run.result.message = _failure_message(error, step, run)
                progress.year_failed(year, run.result.message)
            run.pending = []
            if not any(r is run for r, _, _ in futures.values()):
                _close_stage(run)
        submit_ready()


def _fail_year(run: _YearRun, message: str, progress: Progress) -> None:
    run.result.message = message
    run.pending = []
    _close_stage(run)
    progress.year_failed(run.plan.final.year, message)


def _run_step(pool, step: Step, run: _YearRun) -> None:
    executed = run.stage.out_year / EXECUTED_NOTEBOOKS_DIR / step.notebook
    parameters = year_parameters(step, run.stage, run.plan.encoding, run.plan.languages)
    _execute_on_pool(pool, step, parameters, executed, run.plan.notebooks_dir)


def _execute_on_pool(pool, step: Step, parameters: dict, output: Path, notebooks_dir: Path) -> None:
    """`execute_notebook` on a kernel from the pool, handed back for reuse only if the
    notebook ran to its end."""
    kernel = pool.take(step.imports)
    ran = None
    try:
        execute_notebook(step, parameters, output, kernel.km, notebooks_dir)
        ran = step.imports
    finally:
        pool.give_back(kernel, ran)


def _warm_ups(pending: list[Step], jobs: int) -> list[frozenset[str]]:
    """The imports of each kernel a run starts: no more kernels than steps can run at once.
    The first runs the first step, so it imports only what that one needs and is ready
    sooner; the others import everything, as they will run whatever comes."""
    everything = frozenset().union(*(s.imports for s in pending))
    return [pending[0].imports] + [everything] * (min(jobs, len(pending)) - 1)


def _failure_message(error: BaseException, step: Step, run: _YearRun) -> str:
    if isinstance(error, InputError):
        return str(error)
    executed = run.stage.out_year / EXECUTED_NOTEBOOKS_DIR / step.notebook
    where = _keep_failed_notebook(executed, run.plan.final.out, run.plan.final.year)
    return f"step {step.name} failed: {error}{where}"


# ---------------------------------------------------------------------------------------------
# Trends across years.


@dataclass
class TrendsResult:
    # "done", "unchanged", "skipped" (fewer than two years), "failed", or "held": not run,
    # because a year's tables are out of date (`message` says why).
    state: str
    years: list[int]
    message: str = ""
    # When held: what <out>/trends/ holds: "last good" (as its last run made it), "changed"
    # (since, by hand or by the notebook run on its own), "not made by a run", or "none".
    kept: str = ""


def trends_parameters(raw: Path, out: Path, years: list[int], trends_dir: Path) -> dict:
    """The trends notebook's parameters (see its `parameters` cell)."""
    return {
        "raw_dir": str(raw),
        "out_dir": str(out),
        "years": ",".join(map(str, years)),
        "trends_dir": str(trends_dir),
    }


def _trends_key(out: Path, raw: Path, years: list[int], notebooks_dir: Path) -> str:
    from ..provenance import file_record

    tables = [file_record(out / str(y) / t, out) for y in years for t in (TABLE1_FILE, TABLE2_FILE)]
    return fingerprint.step_key(
        notebooks_dir / TRENDS_STEP.notebook,
        # The page states each year's data status: declared in its raw folder, or synthetic
        # where its tables were made from synthetic data (provenance.year_statuses).
        {
            "years": years,
            "synthetic": [made_synthetic(out, year) for year in years],
            "data_status": [_status_text(raw / str(year)) for year in years],
        },
        [*tables, _input_record(regions_file(raw), raw)],
        [],
        fingerprint.code_fingerprint(),
    )


# Why trends are held, by kind: the years of each kind are named together.
HELD_BECAUSE = {
    "failed": "{years} failed",
    "no_manifest": f"the tables of {{years}} have no {MANIFEST_FILE}: no run made them",
    "edited": "the tables of {years} changed since {its} last run",
    "raw_changed": "the raw files of {years} changed since {its} tables were made",
    "other_raw": "the tables of {years} were made from another raw folder",
    "stale": "the tables of {years} were made with another region list, code or notebook",
}


def _why_out_of_date(out: Path, raw: Path, year: int, notebooks_dir: Path) -> str | None:
    """Why a year's tables in `out` are not what a run of it from `raw` would make now (a key
    of HELD_BECAUSE), or None. A year whose raw folder is not here (archived) is checked
    against the raw files its manifest records, with today's region list, code and notebooks."""
    from ..provenance import sha256

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
            inputs = _input_records(final)
        except InputError:  # a raw file removed, or a second export put beside the first
            inputs = None
        if inputs is None or year_files(inputs) != made_from:
            elsewhere = made.get("parameters", {}).get("raw_dir") != display_path(raw)
            return "other_raw" if elsewhere else "raw_changed"
    else:
        inputs = [*made_from, _input_record(final.regions_file, raw)]
    encoding = made.get("parameters", {}).get("encoding") or None
    languages = tuple(made.get("parameters", {}).get("languages") or ())
    keys = _step_keys(final, encoding, inputs, notebooks_dir, languages)
    return "stale" if made.get("steps", {}).get("tables") != keys["tables"] else None


def _why_held(
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


def run_trends(
    raw: Path,
    out: Path,
    force: bool = False,
    progress: Progress | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    kernels: Kernels | None = None,
    failed: Sequence[int] = (),
    current: Sequence[int] = (),
    wait: bool = False,
) -> TrendsResult:
    """The trends step over every year with tables in `out`, staged and swapped like a year;
    not run at all while one of those years' tables is out of date (with its raw files, the
    region list, the code or notebooks), or the year `failed` in this run: its earlier tables
    would pass for current. The years `current` (run to their end in this command) are not
    checked again. The trends folder is locked as a year's are (see run_years), and so are
    the output folders of the years they read (a run swapping one in meanwhile would mix
    its tables): where another run holds one, the trends fail, saying so, unless `wait`."""
    from . import lock

    try:
        with lock.hold([out / TRENDS_DIR], wait, waiting=_say_waiting):
            _clear_leftovers([out])  # before the years are listed: see run_years
            years = available_years(out)
            if len(years) < 2:  # no trends: the years' folders are not read
                return TrendsResult("skipped", years)
            with lock.hold([out / str(y) for y in years], wait, waiting=_say_waiting):
                return _run_trends(
                    raw, out, years, force, progress, notebooks_dir, kernels, failed, current
                )
    except lock.Busy as err:
        return TrendsResult("failed", [], str(err))


def _run_trends(
    raw: Path,
    out: Path,
    years: list[int],
    force: bool,
    progress: Progress | None,
    notebooks_dir: Path,
    kernels: Kernels | None,
    failed: Sequence[int],
    current: Sequence[int],
) -> TrendsResult:
    progress = progress or Progress.silent()
    held = _why_held(out, raw, [y for y in years if y not in current], failed, notebooks_dir)
    if held:
        last = read_manifest(out / TRENDS_DIR)
        if not (out / TRENDS_DIR).is_dir():
            kept = "none"
        elif last is None:
            kept = "not made by a run"
        else:
            intact = _records_intact(out / TRENDS_DIR, last.get("outputs", []))
            kept = "last good" if intact else "changed"
        return TrendsResult("held", years, held, kept)
    final = out / TRENDS_DIR
    key = _trends_key(out, raw, years, notebooks_dir)
    previous = None if force else read_manifest(final)
    same = previous and previous.get("key") == key  # first: it costs no hashing of charts
    if same and previous.get("outputs") and _records_intact(final, previous["outputs"]):
        progress.step_finished("trends", "trends", "skipped", 0.0)
        return TrendsResult("unchanged", years)

    try:
        stage = _stage_dir(out, "trends")
    except OSError as err:  # a full disk
        return TrendsResult("failed", years, f"their staging folder could not be made: {err}")
    progress.step_started("trends", "trends")
    began = time.perf_counter()
    executed = stage / TRENDS_DIR / EXECUTED_NOTEBOOKS_DIR / TRENDS_STEP.notebook
    try:
        parameters = trends_parameters(raw, out, years, stage / TRENDS_DIR)
        with _kernels_for_run(kernels, notebooks_dir) as kernels:
            pool = kernels.pool([TRENDS_STEP.imports])
            _execute_on_pool(pool, TRENDS_STEP, parameters, executed, notebooks_dir)
        _write_trends_manifest(stage / TRENDS_DIR, key, years)
        with _no_interrupts():
            _swap_into_place([(stage / TRENDS_DIR, final)])
        _forget_failure(out, "trends")
        progress.step_finished("trends", "trends", "done", time.perf_counter() - began)
        return TrendsResult("done", years)
    except (StepFailed, InputError) as err:
        progress.step_finished("trends", "trends", "failed", time.perf_counter() - began)
        where = _keep_failed_notebook(executed, out, "trends")
        return TrendsResult("failed", years, f"step trends failed: {err}{where}")
    except OSError as err:  # a full disk: the last good trends stay
        progress.step_finished("trends", "trends", "failed", time.perf_counter() - began)
        return TrendsResult("failed", years, f"the trends could not be put in place: {err}")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _write_trends_manifest(folder: Path, key: str, years: list[int]) -> None:
    from ..provenance import package_versions, python_version, write_text
    from .manifest import tree_records

    manifest = {
        "years": years,
        "key": key,
        "outputs": tree_records(folder),
        "packages": {"python": python_version(), **package_versions()},
        # The analysis code and package versions, as one hash (see fingerprint.py); not a git
        # commit, which a committed manifest can never name, nor the tree's state.
        "code": fingerprint.code_fingerprint(),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_text(folder / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n")
