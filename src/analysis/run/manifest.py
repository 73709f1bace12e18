"""What a run records beside its results (the manifest: files, code, versions) and how it
names its temporary folders, so that a later run can tell a dead run's leftovers from a live
one's."""

from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path

from ..paths import EXECUTED_NOTEBOOKS_DIR
from ..provenance import file_record

# What a run records beside a year's (or the trends') results; the runner's alone: the
# analysis never reads it (tests/test_layout.py).
MANIFEST_FILE = "manifest.json"
# In a result folder but not part of the result: executed notebooks carry run times and
# kernel ids (kept, for reading), and the manifest records the rest.
NOT_RESULTS = frozenset({EXECUTED_NOTEBOOKS_DIR, MANIFEST_FILE})


def read_manifest(folder: Path) -> dict | None:
    """The `manifest.json` a run left in `folder`, or None (no run made it, or it is damaged)."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


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


def stamp(started: str | None = None) -> dict:
    """What every manifest ends with: the versions and code that made the results, and when."""
    from datetime import UTC, datetime

    from ..provenance import package_versions, python_version
    from .fingerprint import code_fingerprint

    return {
        "packages": {"python": python_version(), **package_versions()},
        # The analysis code and package versions, as one hash (see fingerprint.py); not a git
        # commit, which a committed manifest can never name, nor the tree's state.
        "code": code_fingerprint(),
        **({"started": started} if started else {}),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }
