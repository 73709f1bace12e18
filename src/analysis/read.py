"""Reading a raw year's files into frames of text, with every cell as the user typed it."""

from __future__ import annotations

import codecs
import csv
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from . import normalise
from .errors import InputError, Problem, raise_if_any
from .paths import display_path
from .words import counted

# One message for every way a file can hold nothing: no bytes, no header, a sheet of blanks.
EMPTY_FILE = "the file is empty; it needs a header and data rows"
# Rows are numbered as a spreadsheet numbers them: the header is row 1.
FIRST_DATA_ROW = 2
# A note can be longer than the csv module's default limit on a cell (128 KiB), which
# pyarrow and pandas do not have.
csv.field_size_limit(2**31 - 1)


# Reads UTF-8 with or without a byte-order mark.
UTF8 = "utf-8-sig"


def _codec(path: Path, encoding: str | None) -> str:
    """UTF-8, unless the user named another encoding and the file is not UTF-8: one file of
    a year can come from Excel in cp1252 while the other is UTF-8, and a file that decodes
    as UTF-8 is all but certainly UTF-8."""
    if not encoding:
        return UTF8
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            Problem(display_path(path), f"unknown encoding {encoding!r}; try utf-8 or cp1252")
        ) from None
    try:
        path.read_bytes().decode("utf-8")
        return UTF8
    except UnicodeDecodeError:
        return encoding


def _decode_problem(path: Path, codec: str, err: UnicodeDecodeError) -> Problem:
    """Where in the file decoding failed: the reader that failed counts from the start of its
    own buffer, so look again in the whole file."""
    data = path.read_bytes()
    try:
        data.decode(codec)
        at = err.start
    except UnicodeDecodeError as whole:
        at = whole.start
    line = data.count(b"\n", 0, at) + 1
    read_as = "UTF-8" if codec == UTF8 else codec
    return Problem(
        display_path(path),
        f"cannot be read as {read_as} (byte 0x{data[at]:02x} on line {line}); "
        "save it as UTF-8, or name its encoding with --encoding (e.g. cp1252)",
    )


def _header(path: Path, codec: str) -> list[str]:
    with path.open(encoding=codec, newline="") as file:
        return next(csv.reader(file), [])


def _read_csv_fast(path: Path, codec: str, header: list[str]) -> pd.DataFrame | None:
    """Every cell as text, with pyarrow's reader straight into pandas' Arrow-backed text
    columns (no copy). None where it cannot read the file as pandas would: a header with an
    empty or repeated name, a row of another length (e.g. a trailing comma), or a file it
    cannot decode."""
    if not header or "" in header or len(set(header)) < len(header):
        return None
    try:
        table = pacsv.read_csv(
            path,
            # pyarrow skips a UTF-8 byte-order mark itself.
            read_options=pacsv.ReadOptions(encoding="utf8" if codec == UTF8 else codec),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if table.column_names != header:
        return None
    return table.to_pandas()


def _read_csv(path: Path, codec: str) -> pd.DataFrame:
    """Every cell as text: pyarrow's reader where it can (fast), pandas' own for the rest (a
    trailing comma on every row, an empty or repeated name in the header), once the rows of
    another length than the header have been refused by row."""
    name = display_path(path)
    # Blank lines are kept so that row numbers match the spreadsheet's.
    options = {"encoding": codec, "dtype": str, "keep_default_na": False, "skip_blank_lines": False}
    try:
        header = _header(path, codec)
        raise_if_any(_other_separator(name, header))
        frame = _read_csv_fast(path, codec, header)
        if frame is None:
            problems, widest = _rows_not_matching_header(path, codec, header)
            raise_if_any(problems)
            # Names of our own for every cell a row has, the header's and any trailing empty
            # ones (a trailing comma on some rows or all), which are then dropped: pandas
            # otherwise refuses a row longer than the header, and renames a repeated name.
            places = [f"cell {i}" for i in range(max(widest, len(header)))]
            frame = pd.read_csv(path, header=None, skiprows=1, names=places, **options)
            frame = frame.iloc[:, : len(header)]
            # The names as typed, so that a repeat is refused as ambiguous; pandas' for empty ones.
            frame.columns = [typed or f"Unnamed: {i}" for i, typed in enumerate(header)]
        return frame
    except UnicodeDecodeError as err:
        raise InputError(_decode_problem(path, codec, err)) from None
    except pd.errors.EmptyDataError:
        raise InputError(Problem(name, EMPTY_FILE)) from None
    except pd.errors.ParserError as err:
        reason = str(err).strip().removeprefix("Error tokenizing data. C error: ")
        raise InputError(Problem(name, f"is not a well-formed CSV file ({reason})")) from None


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


def _rows_not_matching_header(
    path: Path, codec: str, header: list[str]
) -> tuple[list[Problem], int]:
    """Rows with fewer or more cells than the header has columns, and the most cells a row
    has. pandas would pad a short row with empty cells, which read as 'not reported', and
    name a long one by its line in the file, not its row. A blank line, and a trailing comma
    (one more, empty, cell), are fine."""
    name = display_path(path)
    width = len(header)
    problems = []
    widest = 0
    with path.open(encoding=codec, newline="") as file:
        rows = csv.reader(file)
        next(rows, None)  # the header
        if not header:
            blank = Problem(name, "row 1 is blank; the header must be on row 1", row=1)
            return ([blank] if any(rows) else []), 0  # no rows at all: an empty file
        for number, cells in enumerate(rows, start=FIRST_DATA_ROW):
            widest = max(widest, len(cells))
            # A header may end in empty names (trailing commas) that rows leave out.
            missing = [column for column in header[len(cells) :] if column]
            if missing and cells:
                problems.append(
                    Problem(
                        name,
                        f"{_row_against_header(len(cells), width)}; the cells of "
                        f"{', '.join(map(repr, missing))} are missing (add commas for empty "
                        "cells)",
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
    return problems, widest


def _row_against_header(cells: int, columns: int) -> str:
    return f"the row has {counted(cells, 'cell')} where the header has {counted(columns, 'column')}"


def written_table(path: Path) -> pd.DataFrame:
    """A CSV this package wrote (e.g. the cleaned offices), every cell as text."""
    return _read_csv(path, "utf-8")


def _normalise_headers(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    names = [normalise.header(c) for c in frame.columns]
    seen: dict[str, str] = {}
    problems = []
    for original, name in zip(frame.columns, names, strict=True):
        if name in seen:
            problems.append(
                Problem(
                    display_path(path),
                    f"columns {seen[name]!r} and {original!r} both read as {name!r}; keep one",
                    row=1,
                    column=str(original),
                )
            )
        seen[name] = str(original)
    if problems:
        raise InputError(problems)
    frame.columns = names
    return frame


def _read_xlsx(path: Path) -> pd.DataFrame:
    """The first sheet, every cell as text."""
    name = display_path(path)
    if path.stat().st_size == 0:
        raise InputError(Problem(name, EMPTY_FILE))
    if not zipfile.is_zipfile(path):  # an .xlsx is a zip archive; pandas would ask for an engine
        raise InputError(
            Problem(
                name,
                "is not an Excel workbook (.xlsx): save it from Excel as 'Excel Workbook "
                "(.xlsx)', or as CSV (activities.csv)",
            )
        )
    try:
        return pd.read_excel(path, sheet_name=0, dtype=str, keep_default_na=False)
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise InputError(
            Problem(
                name,
                "cannot be read as an Excel workbook (.xlsx); open it in Excel and save it "
                f"again, or save it as CSV ({type(err).__name__}: {err})",
            )
        ) from None


def read_table(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A raw CSV or the first sheet of an XLSX, all cells as text, headers normalised."""
    name = display_path(path)
    if path.suffix.lower() == ".xlsx":
        frame = _read_xlsx(path)
    else:
        codec = _codec(path, encoding)
        if path.stat().st_size == 0:
            raise InputError(Problem(name, EMPTY_FILE))
        frame = _read_csv(path, codec)
    if frame.columns.size == 0 or all(str(c).startswith("Unnamed:") for c in frame.columns):
        if (frame != "").to_numpy().any():  # rows below a blank first row
            raise InputError(Problem(name, "row 1 is blank; the header must be on row 1", row=1))
        raise InputError(Problem(name, EMPTY_FILE))
    frame.index = pd.RangeIndex(FIRST_DATA_ROW, FIRST_DATA_ROW + len(frame), name="row")
    blank = (frame == "").all(axis=1)  # blank lines, blank formatted Excel rows
    if blank.any():
        frame = frame.loc[~blank]
    if frame.empty:
        raise InputError(Problem(name, "has a header but no data rows"))
    return _normalise_headers(path, frame)


def require_columns(path: Path, frame: pd.DataFrame, required: list[str]) -> list[Problem]:
    missing = [c for c in required if c not in frame.columns]
    return [
        Problem(
            display_path(path),
            f"required column {c!r} is missing (found: {', '.join(frame.columns)})",
            row=1,
            column=c,
        )
        for c in missing
    ]
