"""Reading a raw year's files into frames of text, with every cell as the user typed it."""

from __future__ import annotations

import codecs
from pathlib import Path

import pandas as pd

from . import normalise
from .errors import InputError, Problem
from .paths import display_path

# Rows are numbered as a spreadsheet numbers them: the header is row 1.
FIRST_DATA_ROW = 2


def _codec(path: Path, encoding: str | None) -> str:
    # utf-8-sig reads UTF-8 with or without a byte-order mark.
    codec = encoding or "utf-8-sig"
    try:
        codecs.lookup(codec)
    except LookupError:
        raise InputError(
            Problem(display_path(path), f"unknown encoding {codec!r}; try utf-8 or cp1252")
        ) from None
    return codec


def _decode_problem(path: Path, codec: str, err: UnicodeDecodeError) -> Problem:
    """Where in the file decoding failed; pandas reports a position in a buffer, so look again."""
    data = path.read_bytes()
    try:
        data.decode(codec)
        at = err.start
    except UnicodeDecodeError as whole:
        at = whole.start
    line = data.count(b"\n", 0, at) + 1
    return Problem(
        display_path(path),
        f"cannot be read as {codec} (byte 0x{data[at]:02x} on line {line}); "
        "save it as UTF-8, or name its encoding with --encoding (e.g. cp1252)",
    )


def _read_csv(path: Path, codec: str) -> pd.DataFrame:
    """Every cell as text. pyarrow's reader first (as fast as a plain `read_csv`, even with
    every column kept as text); pandas' own for what it refuses, since that one reads a
    trailing comma on every row and names the line of a malformed one."""
    name = display_path(path)
    # Blank lines are kept so that row numbers match the spreadsheet's.
    options = {"encoding": codec, "dtype": str, "keep_default_na": False, "skip_blank_lines": False}
    try:
        try:
            return pd.read_csv(path, engine="pyarrow", **options)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
            if isinstance(err, UnicodeDecodeError):
                raise
            return pd.read_csv(path, index_col=False, **options)
    except UnicodeDecodeError as err:
        raise InputError(_decode_problem(path, codec, err)) from None
    except pd.errors.EmptyDataError:
        raise InputError(
            Problem(name, "the file is empty; it needs a header and data rows")
        ) from None
    except pd.errors.ParserError as err:
        raise InputError(Problem(name, f"is not a well-formed CSV file ({err})")) from None


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


def read_table(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A raw CSV or the first sheet of an XLSX, all cells as text, headers normalised."""
    name = display_path(path)
    if path.suffix.lower() == ".xlsx":
        try:
            frame = pd.read_excel(path, sheet_name=0, dtype=str, keep_default_na=False)
        except Exception as err:  # openpyxl raises many types for a damaged workbook
            raise InputError(
                Problem(name, f"cannot be read as an Excel workbook ({err})")
            ) from None
    else:
        codec = _codec(path, encoding)
        if path.stat().st_size == 0:
            raise InputError(Problem(name, "the file is empty; it needs a header and data rows"))
        frame = _read_csv(path, codec)
    if frame.columns.size == 0 or all(str(c).startswith("Unnamed:") for c in frame.columns):
        raise InputError(Problem(name, "the file is empty; it needs a header and data rows"))
    frame = frame.reset_index(drop=True)
    frame.index = frame.index + FIRST_DATA_ROW
    frame.index.name = "row"
    frame = frame.loc[~(frame == "").all(axis=1)]  # blank lines, blank formatted Excel rows
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
