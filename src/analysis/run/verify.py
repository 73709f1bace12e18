"""Rerun a year in a temporary folder and compare it, file by file, with its outputs."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..paths import YearPaths, display_path


@dataclass(frozen=True)
class Difference:
    path: str  # as messages show it (see `display_path`)
    kind: str  # "differs", "missing" (from the outputs), "stale" (a fresh run doesn't make it)
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.kind}" + (f"\n{self.detail}" if self.detail else "")


def _files(folder: Path) -> dict[str, Path]:
    """The result files (as a run records them: not the manifest, nor executed notebooks)."""
    from .manifest import result_files

    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in result_files(folder)}


def _table_rows_diff(expected: bytes, fresh: bytes) -> str:
    """For a CSV table: the rows that differ, as `- old` / `+ new` lines."""
    try:  # a byte-order mark (Excel's "CSV UTF-8") is not part of the first row
        old = list(csv.reader(io.StringIO(expected.decode("utf-8-sig"))))
        new = list(csv.reader(io.StringIO(fresh.decode("utf-8-sig"))))
    except UnicodeDecodeError:  # saved again by hand in another encoding
        return "    (not UTF-8: saved in another encoding)"
    lines = []
    for i in range(max(len(old), len(new))):
        a = old[i] if i < len(old) else None
        b = new[i] if i < len(new) else None
        if a != b:
            if a is not None:
                lines.append(f"    - row {i + 1}: {','.join(a)}")
            if b is not None:
                lines.append(f"    + row {i + 1}: {','.join(b)}")
    same_rows = "    (the same rows: a byte-order mark, line endings or quoting differ)"
    return "\n".join(lines) or same_rows


def compare(expected_dir: Path, fresh_dir: Path) -> list[Difference]:
    """Every file that is not byte-identical in the two folders, with table rows that differ;
    named as in `expected_dir`."""
    expected, fresh = _files(expected_dir), _files(fresh_dir)
    differences = []
    for relative in sorted(expected.keys() | fresh.keys()):
        name = f"{display_path(expected_dir)}/{relative}"
        if relative not in fresh:
            differences.append(Difference(name, "stale", "    a fresh run does not make it"))
        elif relative not in expected:
            differences.append(Difference(name, "missing", "    a fresh run makes it"))
        else:
            old, new = expected[relative].read_bytes(), fresh[relative].read_bytes()
            if old != new:
                detail = _table_rows_diff(old, new) if name.endswith(".csv") else ""
                differences.append(Difference(name, "differs", detail))
    return differences


def _with_previous_year(final: YearPaths, fresh: YearPaths) -> None:
    """The previous year's cleaned offices beside the fresh run's, as the review page of the
    year's report reads them (review.previous_year); read, never rerun."""
    from ..paths import OFFICES_FILE
    from ..review import previous_offices_file

    earlier = previous_offices_file(final.processed, final.year)
    if earlier is not None:
        copy = fresh.processed / earlier.parent.name / OFFICES_FILE
        copy.parent.mkdir(parents=True)
        shutil.copyfile(earlier, copy)


def rerun_and_compare(final: YearPaths, encoding: str | None = None, progress=None):
    """Run `final.year` afresh into a temporary folder; compare with `final.out_year` and,
    where it exists, `final.processed_year`."""
    from . import lock
    from .manifest import dead_leftovers, owned_name, read_manifest
    from .plan import remembered_encoding
    from .schedule import run_years

    for leftover, _ in dead_leftovers(Path(tempfile.gettempdir()), "analysis-verify"):
        shutil.rmtree(leftover, ignore_errors=True)  # a killed verify's
    # Held while the fresh run is made and compared: a run swapping the year's folders in
    # the meantime would make files differ that do not. (A folder with no parent has no
    # run to wait for, and gets none made for its lock.)
    folders = [f for f in (final.processed_year, final.out_year) if f.parent.is_dir()]
    with (
        lock.hold(folders, can_wait=False),  # verify has no --wait
        tempfile.TemporaryDirectory(prefix=owned_name("analysis-verify")) as tmp,
    ):
        # Read as the year was, with the encoding its run used where it needed one (for
        # the very files it read).
        encoding = encoding or remembered_encoding(final, read_manifest(final.out_year))
        fresh = YearPaths(final.year, final.raw, Path(tmp) / "processed", Path(tmp) / "outputs")
        _with_previous_year(final, fresh)
        (result,) = run_years([fresh], encoding, jobs=2, force=True, progress=progress)
        if not result.ok:
            return result, []
        differences = compare(final.out_year, fresh.out_year)
        # Outputs kept without their processed data (another --processed-dir, or none kept):
        # only what is there can be compared.
        if final.processed_year.is_dir():
            differences += compare(final.processed_year, fresh.processed_year)
        return result, differences
