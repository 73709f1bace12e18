"""One run at a time per result folder: a lock file beside it, held with `fcntl.flock`.

Two runs of one year into the same folders would otherwise both say "done", and one's
swap could undo the other's. The operating system releases a `flock` when its process dies,
however it dies (`kill -9` too): a dead run's lock is free, with no staleness to judge. The
file says who holds it (host, pid, since when), for the message another run shows.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError
from ..paths import display_path

# Locks this process holds, by lock file: a second `flock` of the same file from the same
# process, on another descriptor, would wait for itself.
_held: dict[Path, tuple[int, int]] = {}  # lock file -> (descriptor, times taken)


def lock_file(folder: Path) -> Path:
    """The lock file of a result folder: `.2010.lock` beside `2010/`."""
    return folder.parent / f".{folder.name}.lock"


class Busy(InputError):
    """Another live run holds a folder's lock."""

    def __init__(self, folder: Path, holder: str, can_wait: bool = True):
        self.folder = folder
        then = ", or add --wait to wait for it" if can_wait else ""
        super().__init__(
            f"{display_path(folder)} is in use by another run ({holder}); "
            f"try again when it has ended{then}"
        )


def _holder(path: Path) -> str:
    """Who holds a lock, as its file says: "pid 123 on host, since 06:01:02 UTC"."""
    try:
        said = json.loads(path.read_text(encoding="utf-8"))
        since = datetime.fromisoformat(said["since"]).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"pid {said['pid']} on {said['host']}, since {since}"
    except (OSError, ValueError, KeyError, TypeError):  # written or removed this moment
        return "one starting or ending just now"


def _open_locked(path: Path, wait: bool) -> int | None:
    """A descriptor of `path` with its lock taken, or None if another process holds it
    (and not `wait`). A file its last holder removed on release (see `_release`) is not the
    one at `path` any more: the lock is taken again on the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:  # Ctrl-C while waiting
            os.close(fd)
            raise
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _write_holder(fd: int) -> None:
    said = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with contextlib.suppress(OSError):  # a full disk: the lock holds all the same
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(said).encode("utf-8"), 0)


def _take(path: Path, wait: bool, waiting: Callable[[str], None] | None) -> bool:
    if path in _held:
        fd, times = _held[path]
        _held[path] = (fd, times + 1)
        return True
    fd = _open_locked(path, wait=False)
    if fd is None and wait:
        if waiting is not None:
            waiting(f"waiting for another run ({_holder(path)}) to end ...")
        fd = _open_locked(path, wait=True)
    if fd is None:
        return False
    _write_holder(fd)
    _held[path] = (fd, 1)
    return True


def _release(path: Path) -> None:
    fd, times = _held[path]
    if times > 1:
        _held[path] = (fd, times - 1)
        return
    del _held[path]
    # Removed while still held, so that no run leaves litter behind; a run that opened it
    # meanwhile finds it gone once it has the lock, and takes a new one (`_open_locked`).
    with contextlib.suppress(OSError):
        os.unlink(path)
    os.close(fd)


@contextlib.contextmanager
def hold(
    folders: list[Path],
    wait: bool = False,
    waiting: Callable[[str], None] | None = None,
    can_wait: bool = True,
) -> Iterator[None]:
    """Hold the locks of `folders` until the block ends, taken in a fixed order (two runs
    each waiting for a folder the other holds would wait forever). Raises Busy, holding
    none, where another run holds one and not `wait` (saying --wait would wait, if
    `can_wait`); `waiting` is told when a wait begins."""
    taken: list[Path] = []
    try:
        for folder in sorted(set(folders), key=lock_file):
            path = lock_file(folder)
            if path in taken:
                continue
            if not _take(path, wait, waiting):
                raise Busy(folder, _holder(path), can_wait)
            taken.append(path)
        yield
    finally:
        for path in reversed(taken):
            _release(path)


@contextlib.contextmanager
def hold_if_free(folders: list[Path]) -> Iterator[bool]:
    """Hold the locks of `folders` if no other run holds one (True), else hold none (False)."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(hold(folders))
        except Busy:
            yield False
            return
        yield True
