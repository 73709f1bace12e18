"""Checksums, versions and atomic writes: what makes a run traceable and its files whole."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import re
import socket
import tempfile
from importlib import metadata
from pathlib import Path

from .paths import EXECUTED_NOTEBOOKS_DIR, MANIFEST_FILE, is_synthetic

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


def read_manifest(folder: Path) -> dict | None:
    """The `manifest.json` a run left in `folder`, or None (no run made it, or it is damaged)."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def made_from_synthetic(raw_dir: Path, out_dir: Path, years: list[int]) -> bool:
    """Whether trends of these years show synthetic data: the raw folder is synthetic, or a
    year's tables were made from one that was (its run's manifest says so)."""

    def said(year: int) -> bool:
        parameters = (read_manifest(out_dir / str(year)) or {}).get("parameters")
        return isinstance(parameters, dict) and parameters.get("synthetic") is True

    return is_synthetic(raw_dir) or any(said(year) for year in years)


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


# In a result folder but not part of the result: executed notebooks carry run times and
# kernel ids (kept, for reading), and the manifest records the rest.
NOT_RESULTS = frozenset({EXECUTED_NOTEBOOKS_DIR, MANIFEST_FILE})


def result_files(folder: Path) -> list[Path]:
    """The files that make a result folder's result, in a stable order: neither NOT_RESULTS
    nor hidden files (a file browser's own, such as .DS_Store)."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if (
            path.is_file()
            and parts[0] not in NOT_RESULTS
            and not any(part.startswith(".") for part in parts)
        ):
            found.append(path)
    return found


def tree_records(folder: Path) -> list[dict]:
    """A record for each of a folder's `result_files`."""
    return [file_record(p, folder) for p in result_files(folder)]


def owned_name(kind: str) -> str:
    """A temporary name that says which process of which machine made it
    (`<kind>-<host>-<pid>-`), so that a later run can tell a dead run's leftovers from a
    live run's work, also in a folder that other machines share."""
    return f"{kind}-{_host()}-{os.getpid()}-"


def dead_leftovers(folder: Path, kind_pattern: str) -> list[tuple[Path, re.Match]]:
    """What processes of this machine that are gone left in `folder` under `owned_name`
    names (a run killed with `kill -9` cleans nothing up itself), each with its name's match
    of `kind_pattern`. Another machine's, or a live process's, are not ours to judge."""
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        made = re.fullmatch(rf"(?:{kind_pattern})-(?P<host>\w+)-(?P<pid>\d+)-.*", entry.name)
        if made and made["host"] == _host() and not _alive(int(made["pid"])):
            found.append((entry, made))
    return found


def _host() -> str:
    return re.sub(r"\W", "_", socket.gethostname()) or "host"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
