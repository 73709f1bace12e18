"""Reading a raw year's files into frames of text: a CSV's cells as the user typed them, a
workbook's as Excel shows them. Both become a grid of rows, and one set of header rules
(`_table_from_grid`) makes a table of it, whatever the file type."""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import normalise, raw_rows
from .encoding import UTF16_SAVED, codec_for, decode_problem, looks_utf16
from .errors import InputError, Problem, listed, quoted, raise_if_any
from .paths import display_path
from .raw_rows import EMPTY_FILE, Grid, is_filled, too_many_rows
from .words import counted
from .xlsx_grid import xlsx_grid

# A note can be longer than the csv module's default limit on a cell (128 KiB).
csv.field_size_limit(2**31 - 1)


# Where to look for a header below a title block, in rows with a value.
HEADER_SEARCH_ROWS = 20
# Excel's delimiter hint, a first line `sep=,` (Excel hides it when opening the file).
_EXCEL_SEP = re.compile(r"sep=(.?)\r?\n?")
SEPARATOR_LINE_SKIPPED = "separator_line_skipped"  # the cleaning log's event for it


@dataclass
class Table:
    """A raw file read: its data rows by spreadsheet row number, headers normalised; and
    what reading it chose (e.g. which sheet), for the cleaning log as (event, detail)."""

    frame: pd.DataFrame
    notes: list[tuple[str, str]] = field(default_factory=list)


def read_table(path: Path, encoding: str | None = None, required: list[str] | None = None) -> Table:
    """A raw CSV, or the one visible data sheet of an XLSX: every cell as text. With the
    `required` columns (normalised), a title block above the header is skipped (and noted),
    and a missing one is an error."""
    name = display_path(path)
    if path.stat().st_size == 0:
        raise InputError(Problem(name, EMPTY_FILE))
    if path.suffix.lower() == ".xlsx":
        grid, notes = xlsx_grid(path)
    else:
        grid, notes = _csv_grid(path, codec_for(path, encoding))
    # The header's row: 1, or 2 below Excel's `sep=,` line.
    first_row = 1 + sum(event == SEPARATOR_LINE_SKIPPED for event, _ in notes)
    frame, header_notes = _table_from_grid(name, grid, required or [], first_row)
    return Table(frame, notes + header_notes)


# --- CSV -------------------------------------------------------------------------------------


def _nul_problem(name: str, data: bytes) -> Problem | None:
    """A zero (NUL) byte in a text file: no spreadsheet or editor types one; a damaged copy
    or a binary file pasted in does. Named where it is, as an editor counts line and column."""
    at = data.find(b"\x00")
    if at < 0:
        return None
    line_start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, at) + 1
    column = len(data[line_start:at].decode("utf-8", errors="replace")) + 1
    count = data.count(0)
    return Problem(
        name,
        f"holds {counted(count, 'NUL byte')} (a zero byte, which no text holds), the first "
        f"on line {line}, column {column}; the file is damaged or not a CSV: export it "
        "again, or delete the character there",
    )


def _csv_grid(path: Path, codec: str) -> Grid:
    """Every row of the file as its cells, a blank line as no cells.

    Python's csv module parses: it alone tells a short row from one with empty cells (pandas'
    reader pads a short row with empty cells, which read as 'not reported') and a quote left
    open from a row (pandas' Python engine drops the rest of the file without a word)."""
    name = display_path(path)
    data = path.read_bytes()
    utf16 = codecs.lookup(codec).name.startswith("utf-16")
    if looks_utf16(data) and not utf16:
        raise InputError(Problem(name, UTF16_SAVED))
    nul = None if utf16 else _nul_problem(name, data)
    if nul:
        raise InputError(nul)
    rows: Grid = []
    notes: list[tuple[str, str]] = []
    number = 0  # the row read last, as a spreadsheet numbers the file's rows
    last_line = 0  # the file's line that ends the last row read
    try:
        with path.open(encoding=codec, newline="") as file:
            first = file.readline()
            hint = _EXCEL_SEP.fullmatch(first.lstrip("\ufeff"))
            if hint:
                notes.append(_separator_hint(name, hint.group(1)))
                number = last_line = 1
            else:
                file.seek(0)
            # strict: a quote left open is an error, not a cell that swallows the file's end.
            reader = csv.reader(file, strict=True)
            for cells in reader:
                number += 1
                last_line = reader.line_num + (1 if hint else 0)
                if is_filled(cells):
                    rows.append((number, cells))
                    if len(rows) > raw_rows.MAX_DATA_ROWS + 1:
                        raise InputError(too_many_rows(name))
    except UnicodeDecodeError as err:
        raise InputError(decode_problem(path, codec, err.start)) from None
    except csv.Error as err:
        spans_lines = reader.line_num + (1 if hint else 0) > last_line + 1
        raise InputError(_csv_problem(name, number + 1, str(err), spans_lines)) from None
    return rows, notes


def _separator_hint(name: str, separator: str) -> tuple[str, str]:
    """Excel's first line `sep=,` says which character separates the cells, and Excel hides
    it: with a comma it is skipped, and noted; with another character the file is not the
    comma-separated file the contract reads, said naming line 1."""
    if separator == ",":
        return (
            SEPARATOR_LINE_SKIPPED,
            f"{name}: row 1, 'sep=,', is Excel's note that commas separate the cells; "
            "skipped, the header is read from row 2",
        )
    shown = {"\t": "tabs", ";": "semicolons"}.get(separator, repr(separator))
    raise InputError(
        Problem(
            name,
            f"row 1 is Excel's note that {shown} separate the cells, not commas; save the "
            "file as 'CSV UTF-8 (Comma delimited)'",
            row=1,
            value=f"sep={separator}",
        )
    )


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


# --- one set of header rules -----------------------------------------------------------------


def _table_from_grid(
    name: str, grid: Grid, required: list[str], first_row: int = 1
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The data rows under the header, by spreadsheet row number, headers normalised; and a
    note where a title block above the header was skipped. A header or row that cannot be
    read as one table is an error."""
    grid = [(number, cells) for number, cells in grid if is_filled(cells)]
    if not grid:
        raise InputError(Problem(name, EMPTY_FILE))
    at, notes = _header_position(name, grid, required)
    (header_row, header), rows = grid[at], grid[at + 1 :]
    if at == 0 and header_row != first_row:
        raise InputError(
            Problem(
                name,
                f"row {first_row} is blank; the header must be on row {first_row}",
                row=first_row,
            )
        )
    if len(rows) > raw_rows.MAX_DATA_ROWS:
        raise InputError(too_many_rows(name))
    raise_if_any(_other_separator(name, header, header_row))
    raise_if_any(_rows_not_matching_header(name, header, rows))
    if not rows:
        raise InputError(Problem(name, "has a header but no data rows"))
    width = len(header)
    frame = pd.DataFrame(
        [(cells + [""] * width)[:width] for _, cells in rows],
        columns=range(width),
        index=pd.Index([number for number, _ in rows], name="row"),
        dtype="str",
    )
    frame.columns = _normalised_header(name, header, header_row)
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise InputError(
            [
                *_missing_columns(name, frame, required, header_row),
                *_title_hint(name, header_row, header),
            ]
        )
    return frame, notes


def _header_position(
    name: str, grid: Grid, required: list[str]
) -> tuple[int, list[tuple[str, str]]]:
    """Which row of the grid is the header: the first, unless it lacks a required column
    and a row a little below holds them all (a title block above the header, as a report
    exported with its heading has)."""

    def holds_all(cells: list[str]) -> bool:
        return set(required) <= {normalise.header(cell) for cell in cells}

    if not required or holds_all(grid[0][1]):
        return 0, []
    for at, (number, cells) in enumerate(grid[1:HEADER_SEARCH_ROWS], start=1):
        if holds_all(cells):
            above = [row for row, _ in grid[:at]]
            rows = "row" if len(above) == 1 else "rows"
            return at, [
                (
                    "title_rows_skipped",
                    f"{name}: the header is row {number}; {rows} "
                    f"{listed([str(row) for row in above])} above it "
                    f"({listed([repr(' '.join(filter(None, grid[i][1]))) for i in range(at)])})"
                    " read as a title and skipped",
                )
            ]
    return 0, []


def _title_hint(name: str, header_row: int, header: list[str]) -> list[Problem]:
    """A header of one cell is, all but certainly, a title above the real header."""
    filled = [cell for cell in header if cell.strip()]
    if len(filled) != 1:
        return []
    return [
        Problem(
            name,
            "the header row holds one cell, as a title does: the header (the column names) "
            "must be the first row with a value, or a row below a title that holds every "
            "required column",
            row=header_row,
            value=filled[0],
        )
    ]


def _other_separator(name: str, header: list[str], header_row: int) -> list[Problem]:
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
            row=header_row,
            value=header[0],
        )
    ]


def _rows_not_matching_header(name: str, header: list[str], rows: Grid) -> list[Problem]:
    """Rows with fewer or more cells than the header has columns. Padding a short row with
    empty cells would read them as 'not reported'. A blank row, and a trailing comma (one
    more, empty, cell), are fine. (A workbook's rows are all as wide as its sheet.)"""
    width = len(header)
    problems = []
    for number, cells in rows:
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


def _normalised_header(name: str, header: list[str], header_row: int = 1) -> list[str]:
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
                    row=header_row,
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
    return _missing_columns(display_path(path), frame, required)


def _missing_columns(
    name: str, frame: pd.DataFrame, required: list[str], header_row: int = 1
) -> list[Problem]:
    missing = [c for c in required if c not in frame.columns]
    return [
        Problem(
            name,
            f"required column {c!r} is missing (found: {listed([quoted(c) for c in frame])})",
            row=header_row,
            column=c,
        )
        for c in missing
    ]
