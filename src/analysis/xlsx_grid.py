"""A workbook's one visible data sheet as a grid, every cell as Excel shows it."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from . import raw_rows
from .errors import InputError, Problem, listed
from .paths import display_path
from .raw_rows import EMPTY_FILE, Grid, is_filled, too_many_rows
from .words import counted


def xlsx_grid(path: Path) -> tuple[Grid, list[tuple[str, str]]]:
    """The one visible sheet with data, every cell as Excel shows it; and notes on the
    sheets read and skipped."""
    name = display_path(path)
    if not zipfile.is_zipfile(path):  # an .xlsx is a zip archive
        raise InputError(
            Problem(
                name,
                "is not an Excel workbook (.xlsx): save it from Excel as 'Excel Workbook "
                "(.xlsx)', or as CSV (activities.csv)",
            )
        )
    # Read-only (streamed) sheets read the rows the file holds; a whole workbook loaded, and
    # its rows asked for, would be a million empty rows where one cell far down is formatted.
    book = _load_workbook(path, read_only=True)
    try:
        hidden = [
            ("sheet_skipped", f"{name}: sheet {sheet.title!r} is hidden; skipped")
            for sheet in book.worksheets
            if sheet.sheet_state != "visible"
        ]
        sheets = {
            sheet.title: _sheet_rows(path, sheet)
            for sheet in book.worksheets
            if sheet.sheet_state == "visible"
        }
    finally:
        book.close()
    title, notes = _choose_sheet(name, {title: grid for title, (grid, _) in sheets.items()})
    grid, formulas = sheets[title]
    _refuse_merged_cells(path, name, title)
    if formulas:
        grid = _with_cached_values(path, name, title, grid, formulas)
    return _trimmed(grid), hidden + notes


def _sheet_rows(path: Path, sheet) -> tuple[Grid, dict[tuple[int, int], str]]:
    """A streamed sheet's rows that hold a value (formulas as typed), and where each formula
    is: (row, column) -> its A1 reference. A row that is only formatted holds none."""
    name = display_path(path)
    rows: Grid = []
    formulas: dict[tuple[int, int], str] = {}
    for number, cells in _streamed_rows(path, sheet):
        values = [getattr(cell, "value", None) for cell in cells]
        if all(value is None for value in values):
            continue
        for column, cell in enumerate(cells):
            if cell.data_type == "f":
                formulas[number, column] = cell.coordinate
        rows.append((number, [cell_text(value) for value in values]))
        if len(rows) > raw_rows.MAX_DATA_ROWS + 1:
            raise InputError(too_many_rows(name))
    return rows, formulas


def _trimmed(grid: Grid) -> Grid:
    """The rows with a value, each as wide as the last column with a value: a column that
    is only formatted (a width, a fill) is not a column of the export."""
    rows = [(number, cells) for number, cells in grid if is_filled(cells)]
    width = max((i + 1 for _, cells in rows for i, cell in enumerate(cells) if cell), default=0)
    # A streamed row ends at its last cell the file holds; Excel shows every row as wide.
    return [(number, (cells + [""] * width)[:width]) for number, cells in rows]


def _choose_sheet(name: str, grids: dict[str, Grid]) -> tuple[str, list[tuple[str, str]]]:
    """The visible sheet that holds the export (a header and a row: a title or a note alone
    is not an export), and notes on the others skipped. Several such sheets are an error:
    which one is the export is the user's to say."""
    filled_rows = {
        title: sum(is_filled(cells) for _, cells in rows) for title, rows in grids.items()
    }
    with_data = [title for title, count in filled_rows.items() if count >= 2]
    if len(with_data) > 1:
        raise InputError(
            Problem(
                name,
                f"{len(with_data)} visible sheets hold data "
                f"({listed([repr(title) for title in with_data])}); keep the export on one "
                "sheet, and delete or hide the others",
            )
        )
    # A sheet with a header alone is read, to be told it has no data rows.
    chosen = with_data or [title for title, count in filled_rows.items() if count == 1]
    if not chosen:
        raise InputError(Problem(name, EMPTY_FILE))
    title = chosen[0]
    notes = [
        ("sheet_skipped", f"{name}: sheet {other!r} holds no table; skipped")
        for other, count in filled_rows.items()
        if other != title and count
    ]
    return title, [*notes, ("sheet_read", f"{name}: read sheet {title!r}")]


def _load_workbook(path: Path, **options):
    # Only a workbook needs openpyxl (a sixth of a second to import): not every CSV year.
    import openpyxl

    try:
        return openpyxl.load_workbook(path, **options)
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise InputError(_damaged_workbook(path, err)) from None


def _damaged_workbook(path: Path, err: Exception) -> Problem:
    return Problem(
        display_path(path),
        "cannot be read as an Excel workbook (.xlsx); open it in Excel and save it "
        f"again, or save it as CSV ({type(err).__name__}: {err})",
    )


def _streamed_rows(path: Path, sheet):
    """A read-only sheet's rows, numbered from 1: its XML is parsed as the rows are read,
    so a damaged sheet is found here, not when the workbook opens."""
    sheet.reset_dimensions()  # the used range the file declares may be stale: not trusted
    try:
        # A row the file does not hold is yielded as no cells, at no cost.
        yield from enumerate(sheet.iter_rows(), start=1)
    except InputError:
        raise
    except Exception as err:  # as in _load_workbook: many types
        raise InputError(_damaged_workbook(path, err)) from None


def cell_text(value) -> str:
    """A cell's value as text as Excel shows it by default: 1 not 1.0, TRUE, dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _refuse_merged_cells(path: Path, name: str, title: str) -> None:
    """Excel shows a merged cell's value once, in its first cell: the other rows under it
    would read as empty, i.e. 'not reported'. (Only a loaded sheet knows its merged cells;
    loading costs what the cells the file holds cost.)"""
    sheet = _load_workbook(path)[title]
    merged = sorted(str(cells) for cells in sheet.merged_cells.ranges)
    if merged:
        raise InputError(
            Problem(
                name,
                f"merged cells {listed(merged)} on sheet {sheet.title!r}; unmerge them and "
                "type the value in every cell",
            )
        )


def _with_cached_values(
    path: Path, name: str, title: str, grid: Grid, formulas: dict[tuple[int, int], str]
) -> Grid:
    """The grid with each formula replaced by the value Excel saved for it. A saved empty
    string (`=IF(...,"x","")`, stored as a text result with an empty value) is a value: an
    empty cell. A workbook written by a script (openpyxl, pandas) saves formulas without
    values: Excel would show them computed, this reading would see an empty cell, so they
    are refused."""
    book = _load_workbook(path, read_only=True, data_only=True)
    try:
        cached = {}
        for number, cells in _streamed_rows(path, book[title]):
            for column, cell in enumerate(cells):
                if (number, column) in formulas:
                    # openpyxl keeps a text result's type, "str", where its value is empty.
                    saved_text = cell.data_type == "str"
                    cached[number, column] = "" if saved_text else cell.value
    finally:
        book.close()
    missing = [ref for at, ref in formulas.items() if cached.get(at) is None]
    if missing:
        raise InputError(
            Problem(
                name,
                f"{counted(len(missing), 'formula')} without a saved value on sheet {title!r} "
                f"(cells {listed(missing)}); open the workbook in Excel and save it, so that "
                "Excel stores each formula's value, or type the values instead",
            )
        )
    values = {at: cell_text(value) for at, value in cached.items()}
    return [
        (number, [values.get((number, column), cell) for column, cell in enumerate(cells)])
        for number, cells in grid
    ]
