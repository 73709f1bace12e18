"""What reading any raw file makes of it: a grid of the rows that hold a value, and the limits
and problems every file type shares (read.py makes a table of the grid)."""

from __future__ import annotations

from .errors import Problem

# One message for every way a file can hold nothing: no bytes, no header, a sheet of blanks.
EMPTY_FILE = "the file is empty; it needs a header and data rows"
# Real exports hold a few hundred rows (UNFPA has about 130 country offices); a file far
# larger is a sheet filled to Excel's last row, or the wrong file, and a workbook that size
# takes minutes to load. README says so too.
MAX_DATA_ROWS = 200_000

# A file's rows that hold a value, each as (its row number as a spreadsheet numbers it, its
# cells as text), the header first: a row of empty cells is no row of the table, however many
# a sheet's used range or a CSV's trailing `,,,,` lines hold.
Grid = list[tuple[int, list[str]]]


def is_filled(cells: list[str]) -> bool:
    """A row with any cell that is not blank (spaces alone are blank)."""
    return any(cell.strip() for cell in cells)


def too_many_rows(name: str) -> Problem:
    return Problem(
        name,
        f"holds more than {MAX_DATA_ROWS:,} data rows (rows with a value), more than any real "
        "export (a few hundred); check it is the right file, and that no formula or value was "
        "filled down below the data",
    )
