"""Shared fixtures: the hand-made fixture years, copied where a test may write."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FLAG_COLUMNS = range(4, 11)  # zero-based columns of the seven activity flags


def _excel_cell(column: int, value: str):
    """A cell as Excel stores it: dates as dates, 1/0 as numbers, TRUE/FALSE as booleans."""
    if value == "":
        return None
    if column == 3:
        return datetime.fromisoformat(value)
    if column == 2:
        return int(value)
    if column in FLAG_COLUMNS and value in ("TRUE", "FALSE"):
        return value == "TRUE"
    if column in FLAG_COLUMNS and value in ("0", "1"):
        return int(value)
    return value


def write_xlsx(rows_csv: Path, xlsx: Path) -> None:
    from openpyxl import Workbook

    with rows_csv.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    book = Workbook()
    sheet = book.active
    sheet.title = "COAR export"
    sheet.append(header)
    for row in rows:
        sheet.append([_excel_cell(i, v) for i, v in enumerate(row)])
    book.create_sheet("Read me").append(["Exported from the COAR system"])
    book.save(xlsx)


def copy_fixture_years(target: Path) -> Path:
    """tests/fixtures/raw copied to `target`, the 2014 report turned into activities.xlsx."""
    shutil.copytree(FIXTURES / "raw", target)
    rows = target / "2014" / "activities.rows.csv"
    write_xlsx(rows, target / "2014" / "activities.xlsx")
    rows.unlink()
    return target


@pytest.fixture
def raw_years(tmp_path: Path) -> Path:
    return copy_fixture_years(tmp_path / "raw")


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """`python -m analysis ...` as a user runs it, output captured."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` and its content: to prove a folder did not change."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# Test modules that run notebooks through kernels, as a user's command does: `make check`
# leaves them out (`-m "not slow"`); `make test` runs them. A slow test elsewhere says so
# with its own `@pytest.mark.slow`.
SLOW_MODULES = {
    "test_committed_outputs",
    "test_end_to_end",
    "test_failures",
    "test_kernels",
    "test_multi_year",
    "test_runner_safety",
    "test_trends_after_failure",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
