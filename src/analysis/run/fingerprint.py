"""What a step's result depends on, as one hash: the basis for skipping unchanged steps.

Standard library only, so a no-change rerun decides in milliseconds without loading pandas,
nbformat or papermill.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ..paths import LOCK_FILE, PACKAGE_DIR


def _hash_files(digest, files: list[Path], base: Path) -> None:
    for path in files:
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")


@functools.cache  # once per process: the code does not change while a command runs
def code_fingerprint() -> str:
    """The package's code and templates, and the locked environment."""
    digest = hashlib.sha256()
    files = sorted(
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".j2"}
    )
    _hash_files(digest, files, PACKAGE_DIR)
    if LOCK_FILE.is_file():
        digest.update(LOCK_FILE.read_bytes())
    return digest.hexdigest()


def step_key(
    notebook: Path,
    parameters: dict,
    inputs: list[dict],
    upstream_keys: list[str],
    code: str,
) -> str:
    """One step's fingerprint: its notebook, parameters, inputs (records of their path and
    SHA-256, as the manifest keeps them), the steps before it, the code."""
    digest = hashlib.sha256()
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    digest.update(code.encode())
    for key in upstream_keys:
        digest.update(key.encode())
    _hash_files(digest, [notebook], notebook.parent)
    for record in inputs:
        digest.update(f"{record['path']}\0{record['sha256']}\0".encode())
    return digest.hexdigest()
