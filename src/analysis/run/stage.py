"""Staging and the journaled swap: a run builds its results in temporary folders beside the
final ones, and replaces those only when every step has succeeded, by renames it writes down
first, which the next run completes if this one is killed among them. A failed run never
touches the last good outputs: it leaves its failed notebook in `<out>/failed-runs/`."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..paths import EXECUTED_NOTEBOOKS_DIR, TRENDS_DIR, YEAR_PATTERN, display_path
from ..provenance import write_bytes, write_text
from . import lock
from .manifest import dead_leftovers, owned_name

FAILED_RUNS_DIR = "failed-runs"
# Folders beside the final ones while a run works: `.2010-staging-<host>-<pid>-…` (being
# built) and `.2010-previous-<host>-<pid>-…` (the outputs being replaced, for a moment).
LEFTOVER = rf"\.(?P<name>{YEAR_PATTERN}|{TRENDS_DIR})-(?P<kind>staging|previous)"
# Beside the staged folder, in each staging folder: the renames a swap is about to make,
# written before the first. A run killed among them leaves it for the next run, which makes
# the rest: forward, so that new processed data never stays beside the outputs it replaced.
JOURNAL_FILE = "swap.json"


def staged_folder(final: Path) -> Path:
    """A new staging folder beside `final`, and in it the folder that is to replace `final`."""
    final.parent.mkdir(parents=True, exist_ok=True)
    stage = tempfile.mkdtemp(prefix=owned_name(f".{final.name}-staging"), dir=final.parent)
    return Path(stage) / final.name


def remove_staged(staged: Sequence[Path]) -> None:
    for folder in staged:
        shutil.rmtree(folder.parent, ignore_errors=True)


def copy_recorded(folder: Path, into: Path, records: list[dict] | None) -> None:
    """The files of `folder` a manifest recorded, copied into `into` (for the steps skipped)."""
    into.mkdir(parents=True, exist_ok=True)
    for record in records or []:
        (into / record["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / record["path"], into / record["path"])
    executed = folder / EXECUTED_NOTEBOOKS_DIR  # the skipped steps' notebooks
    if executed.is_dir() and not (into / EXECUTED_NOTEBOOKS_DIR).exists():
        shutil.copytree(executed, into / EXECUTED_NOTEBOOKS_DIR)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def clear_leftovers(parents: Sequence[Path]) -> None:
    """Remove what killed runs left beside the final folders, each under the lock of the
    folder it was for (one a live run holds is that run's to mend); a swap begun is
    completed first (see JOURNAL_FILE)."""
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
            # Killed between its two renames, with no journal to complete (one run lost it,
            # or wrote none): the last good outputs are only here, and go back.
            if made["kind"] == "previous" and not _exists(final):
                with contextlib.suppress(OSError):
                    os.rename(path / made["name"], final)
            shutil.rmtree(path, ignore_errors=True)


def _complete_swap(journal: Path) -> set[Path]:
    """Make the renames of a killed run's swap that it had not made, then remove its
    folders; if that cannot be done now, the folders to keep for a later run."""
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
def no_interrupts() -> Iterator[None]:
    """Hold Ctrl-C while staged folders are renamed into place: all or nothing."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def swap_into_place(pairs: list[tuple[Path, Path]]) -> None:
    """Replace each final folder by its staged one, all or none. Each old one waits, under
    its own name, in a `previous` folder of its own (unique, and so never in the way of a
    rename, whatever the final folder is: a symlink, say), until every new one is in place.
    The renames are first written down (JOURNAL_FILE): after a kill, the next run makes
    the rest. After an error, what was moved goes back where it came from: the final
    folders are then those found, and no folder is removed that this swap did not make."""
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


def replaced_links(finals: list[Path]) -> list[str]:
    """What the summary says of a year folder that is a symbolic link: the swap replaces the
    link itself by the new folder, and leaves the folder it pointed to as it was."""
    return [
        f"{display_path(final)} was a link to {os.readlink(final)}: it is now a folder of its "
        "own, and the folder the link pointed to is left as it was"
        for final in finals
        if final.is_symlink()
    ]


def not_in(final: Path, staged: Path) -> list[str]:
    """The files of `final` that `staged` has not (executed notebooks aside), as messages name
    them: files put there by hand, which the swap removes. Through a symbolic link, none: the
    swap replaces the link, not the files."""
    if final.is_symlink() or not final.is_dir():
        return []
    return [
        display_path(path)
        for path in sorted(final.rglob("*"))
        if (path.is_file() or path.is_symlink())
        and path.relative_to(final).parts[0] != EXECUTED_NOTEBOOKS_DIR
        and not (staged / path.relative_to(final)).exists()
    ]


def forget_failure(out: Path, label: str | int) -> None:
    """Once a year (or the trends) succeeds, the notebook kept from its last failure is
    history, and would mislead: remove it, and the failed-runs folder once empty."""
    shutil.rmtree(out / FAILED_RUNS_DIR / str(label), ignore_errors=True)
    with contextlib.suppress(OSError):  # not empty, or not there
        (out / FAILED_RUNS_DIR).rmdir()


def keep_failed_notebook(executed: Path, out: Path, label: str | int) -> str:
    """Copy an executed notebook that failed to <out>/failed-runs/<label>/, for the user;
    what the failure message then adds ("" when the notebook was never written). A copy
    that fails (a full disk) leaves no part of itself, and the failure it was to show
    stays the message."""
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
