"""Checksums, versions and atomic writes: what makes a step's files traceable and whole."""

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
    "python-docx",  # report.docx: its default styles
    "pypandoc-binary",  # report.docx: pandoc, which writes it
    "markdown-it-py",  # the authored text
    "pyyaml",  # its front matter
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
    from . import __version__

    versions = {}
    for name in REPORTED_PACKAGES:
        if name == "analysis":  # from its one place: install metadata goes stale on a bump
            versions[name] = __version__
            continue
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return tuple(versions.items())


def package_versions() -> dict[str, str]:
    """The locked versions of the packages that make the results. Python's own is not among
    them: under one lock, 3.11 to 3.13 make the same bytes (see `python_version`)."""
    return dict(_installed_versions())


def python_version() -> str:
    """For the manifest: which Python made a run."""
    return platform.python_version()


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
