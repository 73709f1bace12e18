"""What a step's result depends on, as one hash: the basis for skipping unchanged steps.

A step reruns when its inputs, its parameters, its notebook's source, the analysis code or the
versions of the packages that compute and draw change; not for a change in the runner (this
folder), tests, docs, dev tools, nor for a notebook saved in JupyterLab with new outputs,
execution counts or metadata. Standard library only, so a no-change rerun decides in
milliseconds without loading pandas, nbformat or papermill.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ..paths import PACKAGE_DIR
from ..provenance import package_versions

RUNNER_DIR = Path(__file__).resolve().parent


def analysis_files() -> list[Path]:
    """The analysis code and templates a step's result can depend on: the package less the
    runner."""
    return sorted(
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".j2", ".css", ".csv"}
        and "__pycache__" not in path.parts
        and not path.is_relative_to(RUNNER_DIR)
    )


@functools.cache  # once per process: the code does not change while a command runs
def code_fingerprint() -> str:
    """The analysis code and templates, and the versions of the packages that make results."""
    digest = hashlib.sha256()
    for path in analysis_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    digest.update(json.dumps(package_versions(), sort_keys=True).encode())
    return digest.hexdigest()


def notebook_source(notebook: Path) -> bytes:
    """What a notebook does: each cell's kind, tags and source, without outputs, execution
    counts or metadata (which JupyterLab rewrites on every save)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    kept = [
        [cell["cell_type"], sorted(cell.get("metadata", {}).get("tags", [])), _text(cell["source"])]
        for cell in cells
    ]
    return json.dumps(kept, sort_keys=True).encode()


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def step_key(
    notebook: Path,
    parameters: dict,
    inputs: list[dict],
    upstream_keys: list[str],
    code: str,
) -> str:
    """One step's fingerprint: its notebook's source, parameters, inputs (records of their path
    and SHA-256, as the manifest keeps them), the steps before it, the code."""
    digest = hashlib.sha256()
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    digest.update(code.encode())
    for key in upstream_keys:
        digest.update(key.encode())
    digest.update(notebook_source(notebook))
    for record in inputs:
        digest.update(f"{record['path']}\0{record['sha256']}\0".encode())
    return digest.hexdigest()
