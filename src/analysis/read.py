"""Reading a raw year's files into frames of text: a CSV's cells as the user typed them, a
workbook's as Excel shows them. Both become a grid of rows, and one set of header rules
(`_table_from_grid`) makes a table of it, whatever the file type."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import normalise
from .encoding import UTF16_SAVED, codec_for, decode_problem, looks_utf16
from .errors import InputError, Problem, listed, quoted, raise_if_any
from .paths import display_path
from .words import counted

# One message for every way a file can hold nothing: no bytes, no header, a sheet of blanks.
EMPTY_FILE = "the file is empty; it needs a header and data rows"
# Rows are numbered as a spreadsheet numbers them: the header is row 1.
FIRST_DATA_ROW = 2
# Real exports hold a few hundred rows (UNFPA has about 130 country offices); a file far
# larger is a sheet filled to Excel's last row, or the wrong file, and a workbook that size
# takes minutes to load. README says so too.
MAX_DATA_ROWS = 200_000
# A note can be longer than the csv module's default limit on a cell (128 KiB).
csv.field_size_limit(2**31 - 1)


Grid = list[list[str]]  # a file's rows of cells as text, the header first


@dataclass
class Table:
    """A raw file read: its data rows by spreadsheet row number, headers normalised; and
    what reading it chose (e.g. which sheet), for the cleaning log as (event, detail)."""

    frame: pd.DataFrame
    notes: list[tuple[str, str]] = field(default_factory=list)


def read_table(path: Path, encoding: str | None = None) -> Table:
    """A raw CSV, or the one visible data sheet of an XLSX: every cell as text."""
    name = display_path(path)
    if path.stat().st_size == 0:
        raise InputError(Problem(name, EMPTY_FILE))
    if path.suffix.lower() == ".xlsx":
        grid, notes = _xlsx_grid(path)
    else:
        grid, notes = _csv_grid(path, codec_for(path, encoding)), []
    return Table(_table_from_grid(name, grid), notes)


# --- CSV -------------------------------------------------------------------------------------


def _csv_grid(path: Path, codec: str) -> Grid:
    """Every row of the file as its cells, a blank line as no cells.

    Python's csv module parses: it alone tells a short row from one with empty cells (pandas'
    reader pads a short row with empty cells, which read as 'not reported') and a quote left
    open from a row (pandas' Python engine drops the rest of the file without a word)."""
    name = display_path(path)
    if looks_utf16(path.read_bytes()) and not codecs.lookup(codec).name.startswith("utf-16"):
        raise InputError(Problem(name, UTF16_SAVED))
    rows: Grid = []
    last_line = 0  # the file's line that ends the last row read
    try:
        with path.open(encoding=codec, newline="") as file:
            # strict: a quote left open is an error, not a cell that swallows the file's end.
            reader = csv.reader(file, strict=True)
            for cells in reader:
                rows.append(cells)
                last_line = reader.line_num
                if len(rows) > MAX_DATA_ROWS + 1:
                    raise InputError(_too_many_rows(name))
    except UnicodeDecodeError as err:
        raise InputError(decode_problem(path, codec, err.start)) from None
    except csv.Error as err:
        spans_lines = reader.line_num > last_line + 1
        raise InputError(_csv_problem(name, len(rows) + 1, str(err), spans_lines)) from None
    return rows


def _csv_problem(name: str, row: int, reason: str, spans_lines: bool) -> Problem:
    """A row the csv module cannot read, in words a spreadsheet user can act on. A quoted
    cell that runs over line ends to a bad quote (or to the end of the file) began at a
    stray quote."""
    if reason == "unexpected end of data" or spans_lines:
        return Problem(
            name,
            'a quote (") opens a cell on this row that is never closed, so the cell runs on '
            "over the rows below; remove the stray quote, or close the quoted cell",
            row=row,
        )
    return Problem(
        name,
        f"is not a well-formed CSV file ({reason}); a quoted cell must end with its "
        "closing quote, followed by a comma or the end of the row (write a quote inside a "
        'cell as "")',
        row=row,
    )


def _too_many_rows(name: str) -> Problem:
    return Problem(
        name,
        f"holds more than {MAX_DATA_ROWS:,} data rows, more than any real export (a few "
        "hundred); check it is the right file, and delete the empty rows below the data",
    )


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_grid(path: Path) -> tuple[Grid, list[tuple[str, str]]]:
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
    _refuse_oversized_sheets(path)
    book = _load_workbook(path, data_only=False)
    hidden = [
        ("sheet_skipped", f"{name}: sheet {sheet.title!r} is hidden; skipped")
        for sheet in book.worksheets
        if sheet.sheet_state != "visible"
    ]
    grids = {
        sheet.title: _sheet_rows(sheet)
        for sheet in book.worksheets
        if sheet.sheet_state == "visible"
    }
    title, notes = _choose_sheet(name, grids)
    sheet = book[title]
    _refuse_merged_cells(name, sheet)
    grid = grids[title]
    formulas = _formula_cells(sheet)
    if formulas:
        grid = _with_cached_values(path, name, title, grid, formulas)
    return grid, hidden + notes


def _choose_sheet(name: str, grids: dict[str, Grid]) -> tuple[str, list[tuple[str, str]]]:
    """The visible sheet that holds the export (a header and a row: a title or a note alone
    is not an export), and notes on the others skipped. Several such sheets are an error:
    which one is the export is the user's to say."""
    filled_rows = {title: sum(map(_is_filled, rows)) for title, rows in grids.items()}
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
        raise InputError(
            Problem(
                display_path(path),
                "cannot be read as an Excel workbook (.xlsx); open it in Excel and save it "
                f"again, or save it as CSV ({type(err).__name__}: {err})",
            )
        ) from None


def _refuse_oversized_sheets(path: Path) -> None:
    """Before loading every cell: a sheet's size as its file declares it (cheap to read)."""
    book = _load_workbook(path, read_only=True)
    try:
        if any((sheet.max_row or 0) > MAX_DATA_ROWS + 1 for sheet in book.worksheets):
            raise InputError(_too_many_rows(display_path(path)))
    finally:
        book.close()


def _sheet_rows(sheet) -> Grid:
    """A sheet's cells as text, up to its last column with a value: a column that is only
    formatted (a width, a fill) is not a column of the export."""
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell), default=0)
    return [row[:width] for row in rows]


def _cell_text(value) -> str:
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


def _refuse_merged_cells(name: str, sheet) -> None:
    """Excel shows a merged cell's value once, in its first cell: the other rows under it
    would read as empty, i.e. 'not reported'."""
    merged = sorted(str(cells) for cells in sheet.merged_cells.ranges)
    if merged:
        raise InputError(
            Problem(
                name,
                f"merged cells {listed(merged)} on sheet {sheet.title!r}; unmerge them and "
                "type the value in every cell",
            )
        )


def _formula_cells(sheet) -> list[str]:
    """The cells that hold a formula (openpyxl's data type 'f'), as A1 references."""
    return [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def _with_cached_values(path: Path, name: str, title: str, grid: Grid, formulas: list[str]):
    """The grid with each formula replaced by the value Excel saved for it. A workbook
    written by a script (openpyxl, pandas) saves formulas without values: Excel would show
    them computed, this reading would see an empty cell, so they are refused."""
    cached = _load_workbook(path, data_only=True)[title]
    missing = [ref for ref in formulas if cached[ref].value is None]
    if missing:
        raise InputError(
            Problem(
                name,
                f"{counted(len(missing), 'formula')} without a saved value on sheet {title!r} "
                f"(cells {listed(missing)}); open the workbook in Excel and save it, so that "
                "Excel stores each formula's value, or type the values instead",
            )
        )
    for ref in formulas:
        cell = cached[ref]
        grid[cell.row - 1][cell.column - 1] = _cell_text(cell.value)
    return grid


# --- one set of header rules -----------------------------------------------------------------


def _is_filled(cells: list[str]) -> bool:
    """A row with any cell that is not blank (spaces alone are blank)."""
    return any(cell.strip() for cell in cells)


def _table_from_grid(name: str, grid: Grid) -> pd.DataFrame:
    """The data rows under the header, by spreadsheet row number, blank rows dropped, headers
    normalised; a header or row that cannot be read as one table is an error."""
    if not any(map(_is_filled, grid)):
        raise InputError(Problem(name, EMPTY_FILE))
    header, rows = grid[0], grid[1:]
    if not _is_filled(header):
        raise InputError(Problem(name, "row 1 is blank; the header must be on row 1", row=1))
    if len(rows) > MAX_DATA_ROWS:
        raise InputError(_too_many_rows(name))
    raise_if_any(_other_separator(name, header))
    raise_if_any(_rows_not_matching_header(name, header, rows))
    width = len(header)
    frame = pd.DataFrame(
        [(cells + [""] * width)[:width] for cells in rows],
        columns=range(width),
        index=pd.RangeIndex(FIRST_DATA_ROW, FIRST_DATA_ROW + len(rows), name="row"),
        dtype="str",
    )
    frame = frame.loc[[_is_filled(cells) for cells in rows]]  # blank lines, blank Excel rows
    if frame.empty:
        raise InputError(Problem(name, "has a header but no data rows"))
    frame.columns = _normalised_header(name, header)
    return frame


def _other_separator(name: str, header: list[str]) -> list[Problem]:
    """A header read as one column that holds `;` or a tab: the file was saved with those
    between its cells (as Excel does in some locales), not commas."""
    separator = next((c for c in ";\t|" if len(header) == 1 and c in header[0]), None)
    if separator is None:
        return []
    return [
        Problem(
            name,
            f"the header is one column holding {separator!r}: save the file with commas "
            "between the cells (CSV, comma-delimited)",
            row=1,
            value=header[0],
        )
    ]


def _rows_not_matching_header(name: str, header: list[str], rows: Grid) -> list[Problem]:
    """Rows with fewer or more cells than the header has columns. Padding a short row with
    empty cells would read them as 'not reported'. A blank row, and a trailing comma (one
    more, empty, cell), are fine. (A workbook's rows are all as wide as its sheet.)"""
    width = len(header)
    problems = []
    for number, cells in enumerate(rows, start=FIRST_DATA_ROW):
        if not _is_filled(cells):
            continue
        # A header may end in empty names (trailing commas) that rows leave out.
        missing = [column for column in header[len(cells) :] if column]
        if missing:
            problems.append(
                Problem(
                    name,
                    f"{_row_against_header(len(cells), width)}; the cells of "
                    f"{listed([repr(m) for m in missing])} are missing (add commas for "
                    "empty cells)",
                    row=number,
                    column=missing[0],
                )
            )
        elif len(cells) > width and cells[width:] != [""]:
            extra = next((c for c in cells[width:] if c), "")
            problems.append(
                Problem(
                    name,
                    f"{_row_against_header(len(cells), width)}; remove the extra cells "
                    "or quote a value that holds a comma",
                    row=number,
                    value=extra,
                )
            )
    return problems


def _row_against_header(cells: int, columns: int) -> str:
    return f"the row has {counted(cells, 'cell')} where the header has {counted(columns, 'column')}"


def _normalised_header(name: str, header: list[str]) -> list[str]:
    """The header's names normalised (contract 1.4); two that read as one are an error, in a
    workbook as in a CSV. An empty name (a column with no header) reads as `unnamed_<i>`."""
    typed = [cell or f"Unnamed: {i}" for i, cell in enumerate(header)]
    normalised = [normalise.header(cell) for cell in typed]
    first: dict[str, str] = {}
    problems = []
    for original, column in zip(typed, normalised, strict=True):
        if column in first:
            problems.append(
                Problem(
                    name,
                    f"columns {quoted(first[column])} and {quoted(original)} both read as "
                    f"{quoted(column)}; keep one",
                    row=1,
                    column=original,
                )
            )
        first.setdefault(column, original)
    raise_if_any(problems)
    return normalised


def written_table(path: Path) -> pd.DataFrame:
    """A CSV this package wrote (e.g. the cleaned offices), every cell as text, as written:
    never through pandas' missing-value words (a region named `NA` stays `NA`)."""
    return pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")


def require_columns(path: Path, frame: pd.DataFrame, required: list[str]) -> list[Problem]:
    missing = [c for c in required if c not in frame.columns]
    return [
        Problem(
            display_path(path),
            f"required column {c!r} is missing (found: {listed([quoted(c) for c in frame])})",
            row=1,
            column=c,
        )
        for c in missing
    ]
