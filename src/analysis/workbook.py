"""Table 1 and Table 2 as an Excel workbook (`tables.xlsx`), for the annex: counts and per
cents as numbers (a per cent as a fraction shown with Excel's per cent format), the Total row,
and a sheet saying where they come from."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from . import ooxml
from .languages import label
from .normalise import FORMULA_STARTS
from .paths import TABLE1_FILE, TABLE2_FILE
from .provenance import package_versions, write_bytes
from .regions import TOTAL

PER_CENT_FORMAT = "0%"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=12)
RULE = Border(top=Side(style="thin"), bottom=Side(style="thin"))
SHEET_NAMES = {1: "Table 1", 2: "Table 2"}
HEADER_ROW = 3  # under the title and a blank row


def _put(sheet, row: int, column: int, value):
    """A value in a cell; a text a spreadsheet would run as a formula stays text."""
    if isinstance(value, str):
        value = ooxml.xml_text(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    return cell


def table_columns(table: pd.DataFrame, language: str = "en") -> list[tuple[str, str, str]]:
    """(header, activity, field) of each column after Region: one activity gives offices,
    offices reporting and per cent; several give offices, then each activity's count and
    per cent side by side; headers in `language`."""
    activities = list(dict.fromkeys(table["activity"]))
    columns = [(label(language, "column.country_offices"), activities[0], "country_offices")]
    if len(activities) == 1:
        return [
            *columns,
            (label(language, "column.offices_reporting"), activities[0], "offices_reporting"),
            (label(language, "column.percent"), activities[0], "percent"),
        ]
    for activity in activities:
        name = label(language, f"activity.{activity}")
        offices = label(language, "workbook.activity_offices", label=name)
        columns.append((offices, activity, "offices_reporting"))
        per_cent = label(language, "workbook.activity_percent", label=name)
        columns.append((per_cent, activity, "percent"))
    return columns


def _table_sheet(
    book: Workbook,
    number: int,
    year: int,
    table: pd.DataFrame,
    source: str,
    language: str = "en",
    name=lambda region: region,
) -> None:
    sheet = book.create_sheet(label(language, f"sheet.{number}"))
    _put(
        sheet, 1, 1, label(language, f"table.title.{number}", number=number, year=year)
    ).font = TITLE
    columns = table_columns(table, language)
    headers = [label(language, "column.region"), *(c[0] for c in columns)]
    for index, header in enumerate(headers, start=1):
        cell = _put(sheet, HEADER_ROW, index, header)
        cell.font = BOLD
        cell.border = RULE
        cell.alignment = Alignment(wrap_text=True, horizontal="left" if index == 1 else "right")
    cells = table.set_index(["region", "activity"])
    regions = list(dict.fromkeys(table["region"]))
    for offset, region in enumerate(regions, start=1):
        row = HEADER_ROW + offset
        _put(sheet, row, 1, name(region))
        for index, (_, activity, field) in enumerate(columns, start=2):
            value = int(cells.at[(region, activity), field])
            cell = _put(sheet, row, index, value / 100 if field == "percent" else value)
            if field == "percent":
                cell.number_format = PER_CENT_FORMAT
        if region == TOTAL:
            for index in range(1, len(columns) + 2):
                sheet.cell(row=row, column=index).font = BOLD
                sheet.cell(row=row, column=index).border = RULE
    _put(sheet, HEADER_ROW + len(regions) + 2, 1, source).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.row_dimensions[HEADER_ROW].height = 45 if number == 2 else 30
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)


def _source_sheet(
    book: Workbook,
    year: int,
    inputs: list[dict],
    method: list[str],
    source: str,
    language: str = "en",
) -> None:
    sheet = book.create_sheet(label(language, "sheet.source"))
    beside = label(language, "workbook.csv_beside", table1=TABLE1_FILE, table2=TABLE2_FILE)
    lines = [
        (label(language, "workbook.source_title", year=year), TITLE),
        (source, None),
        (beside, None),
        ("", None),
        (label(language, "heading.method"), BOLD),
        *((paragraph, None) for paragraph in method),
        ("", None),
        (label(language, "workbook.files_heading"), BOLD),
    ]
    row = 1
    for text, font in lines:
        cell = _put(sheet, row, 1, text or None)
        if font is not None:
            cell.font = font
        row += 1
    files = ("files.column.file", "files.column.bytes", "files.column.sha256")
    for column, key in enumerate(files, start=1):
        header = label(language, key)
        _put(sheet, row, column, header).font = BOLD
    for record in inputs:
        row += 1
        _put(sheet, row, 1, record["path"])
        _put(sheet, row, 2, int(record["bytes"]))
        _put(sheet, row, 3, record["sha256"])
    row += 2
    versions = ", ".join(f"{name} {version}" for name, version in package_versions().items())
    _put(sheet, row, 1, label(language, "software", versions=versions))
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["C"].width = 66


def xlsx_bytes(
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    inputs: list[dict],
    method: list[str],
    source: str,
    language: str = "en",
    name=lambda region: region,
) -> bytes:
    """The workbook, the same bytes from run to run; `source` is the tables' Source: line;
    its words in `language`, its regions as `name` gives them."""
    book = Workbook()
    book.remove(book.active)
    _table_sheet(book, 1, year, table1, source, language, name)
    _table_sheet(book, 2, year, table2, source, language, name)
    _source_sheet(book, year, inputs, method, source, language)
    when = ooxml.fixed_time(year)
    book.properties.creator = "UNFPA"
    book.properties.created = book.properties.modified = when
    book.properties.title = label(language, "workbook.title", year=year)
    if language != "en":  # English's workbook as it always was
        book.properties.language = label(language, "page.language_tag")
    buffer = io.BytesIO()
    book.save(buffer)
    return ooxml.deterministic(buffer.getvalue(), when)


def write(
    path: Path,
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    inputs: list[dict],
    method: list[str],
    source: str,
    language: str = "en",
    name=lambda region: region,
) -> None:
    write_bytes(path, xlsx_bytes(year, table1, table2, inputs, method, source, language, name))
