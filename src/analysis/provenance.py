"""Checksums, versions and atomic writes: what makes a run traceable and its files whole."""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import tempfile
from importlib import metadata
from pathlib import Path

# The packages whose versions can change a figure, a table or the report.
REPORTED_PACKAGES = (
    "analysis",
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "openpyxl",
    "pyarrow",
    "jinja2",
    "papermill",
    "nbformat",
)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_record(path: Path, base: Path) -> dict:
    """Name (relative to `base`, so records don't depend on where the project sits), size, hash."""
    return {
        "path": path.relative_to(base).as_posix(),
        "bytes": path.stat().st_size,
        "sha256": sha256(path),
    }


@functools.cache  # installed versions do not change while the process runs
def _installed_versions() -> tuple[tuple[str, str], ...]:
    versions = {"python": ".".join(platform.python_version_tuple()[:2])}
    for name in REPORTED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return tuple(versions.items())


def package_versions() -> dict[str, str]:
    return dict(_installed_versions())


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a crash mid-write never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def git_state(root: Path) -> dict:
    """The commit the code came from and whether the tree had uncommitted changes."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}


def tree_records(folder: Path, skip: set[str] = frozenset()) -> list[dict]:
    """A record for every file below `folder`, in a stable order; `skip` names top-level parts."""
    return [
        file_record(p, folder)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in skip
    ]


def owned_name(kind: str) -> str:
    """A temporary name that says which process made it (`<kind>-<pid>-`), so that a later
    run can tell a dead run's leftovers from a live run's work."""
    return f"{kind}-{os.getpid()}-"


def remove_leftovers(folder: Path, kind_pattern: str) -> None:
    """Delete what a process that is gone left in `folder` under `owned_name` names (a run
    killed with `kill -9`, or by a power cut, cleans nothing up itself)."""
    import re
    import shutil

    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        made = re.fullmatch(rf"(?:{kind_pattern})-(?P<pid>\d+)-.*", entry.name)
        if made and not _alive(int(made.group("pid"))):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
