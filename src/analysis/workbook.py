"""Table 1 and Table 2 as an Excel workbook (`tables.xlsx`), for the annex: counts and per
cents as numbers (a per cent as a fraction shown with Excel's per cent format), the Total row,
and a sheet saying where they come from."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from . import labels as all_labels
from . import ooxml
from .languages import label
from .normalise import FORMULA_STARTS
from .paths import TABLE1_FILE, TABLE2_FILE
from .provenance import package_versions, write_bytes
from .regions import TOTAL
from .schema import ACTIVITY_LABELS

PER_CENT_FORMAT = "0%"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=12)
RULE = Border(top=Side(style="thin"), bottom=Side(style="thin"))
SHEET_NAMES = {1: "Table 1", 2: "Table 2"}
HEADER_ROW = 3  # under the title and a blank row
WRAP = Alignment(wrap_text=True, vertical="top")
REGION_WIDTH = 32  # characters: "Latin America and the Caribbean"
# A column of figures: wide enough for its header's longest word in a table of one activity;
# narrower for Table 2's many, whose headers wrap onto five lines, so that its landscape page
# one page wide keeps type that can be read.
NUMBER_WIDTH = {1: 14, 2: 12.5}
HEADER_HEIGHT = {1: 30, 2: 80}  # points: two lines, five
LINE_HEIGHT = 15  # points: one line of 11-point text
# A table sheet of more columns than a portrait A4 page holds at a readable size prints
# landscape; each prints one page wide.
PORTRAIT_COLUMNS = 5


def _put(sheet, row: int, column: int, value):
    """A value in a cell; a text a spreadsheet would run as a formula stays text."""
    if isinstance(value, str):
        value = ooxml.xml_text(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    return cell


def word(language: str, activity: str) -> str:
    """An activity's name in `language`, as the tables name it."""
    return label(language, f"activity.{activity}")


def table_columns(table: pd.DataFrame, language: str = "en") -> list[tuple[str, str, str]]:
    """(header, activity, field) of each column after Region: one activity gives offices,
    offices reporting and per cent; several give offices, then each activity's count and
    per cent side by side; headers in `language`."""
    labels = all_labels.in_language(language)
    activities = list(dict.fromkeys(table["activity"]))
    columns = [(labels.OFFICES, activities[0], "country_offices")]
    if len(activities) == 1:
        return [
            *columns,
            (labels.OFFICES_REPORTING, activities[0], "offices_reporting"),
            (labels.PER_CENT, activities[0], "percent"),
        ]
    for activity in activities:
        label = ACTIVITY_LABELS[activity] if language == "en" else word(language, activity)
        columns.append((labels.ACTIVITY_OFFICES.format(label=label), activity, "offices_reporting"))
        columns.append((labels.ACTIVITY_PER_CENT.format(label=label), activity, "percent"))
    return columns


def _wrapped_across(sheet, row: int, last_column: int, text: str, width: float) -> None:
    """A long line (a source, a method paragraph) wrapped across the columns `width` characters
    wide in all: merged, with the height its lines need (neither Excel nor LibreOffice sizes a
    merged row itself)."""
    cell = sheet.cell(row=row, column=1)
    cell.alignment = WRAP
    if last_column > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    lines = max(1, math.ceil(len(text) * 1.1 / width))
    sheet.row_dimensions[row].height = lines * LINE_HEIGHT


def _print_setup(
    sheet, title: str, landscape: bool, one_page: bool, title_rows: str = "", page_of: str = ""
) -> None:
    """As it prints: A4, one page wide (and one page tall where `one_page`), the title rows on
    every page, a header naming the table and a footer numbering the pages."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = 1
    setup.fitToHeight = 1 if one_page else 0  # 0: as many pages tall as it needs
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6  # inches
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.center.text = ooxml.xml_text(title).replace("&", "&&")
    sheet.oddFooter.center.text = page_of or all_labels.PAGE_OF


def _table_sheet(
    book: Workbook,
    number: int,
    year: int,
    table: pd.DataFrame,
    source: str,
    language: str = "en",
    name=str,
) -> None:
    """A table's sheet, its words in `language`, its regions as `name` gives them."""
    labels = all_labels.in_language(language)
    sheet = book.create_sheet(label(language, f"sheet.{number}"))
    heading = label(language, f"table.title.{number}", number=number, year=year)
    title = _put(sheet, 1, 1, heading)
    title.font = TITLE
    columns = table_columns(table, language)
    for index, header in enumerate([labels.REGION, *(c[0] for c in columns)], start=1):
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
    source_row = HEADER_ROW + len(regions) + 2
    _put(sheet, source_row, 1, source).font = Font(italic=True)
    last = len(columns) + 1
    width = REGION_WIDTH + NUMBER_WIDTH[number] * (last - 1)
    _wrapped_across(sheet, source_row, last, source, width)
    # The title too, 12-point bold: wrapped within the printed width, not cut at its edge.
    _wrapped_across(sheet, 1, last, str(title.value), width / 1.3)
    sheet.row_dimensions[1].height *= 1.25  # its lines of 12-point type
    sheet.column_dimensions["A"].width = REGION_WIDTH
    for index in range(2, last + 1):
        sheet.column_dimensions[get_column_letter(index)].width = NUMBER_WIDTH[number]
    sheet.row_dimensions[HEADER_ROW].height = HEADER_HEIGHT[number]
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    sheet.print_area = f"A1:{get_column_letter(last)}{source_row}"
    _print_setup(
        sheet,
        heading,
        landscape=last > PORTRAIT_COLUMNS,
        one_page=number == 1,
        title_rows=f"1:{HEADER_ROW}",
        page_of=labels.PAGE_OF,
    )


def _source_sheet(
    book: Workbook,
    year: int,
    inputs: list[dict],
    method: list[str],
    source: str,
    language: str = "en",
) -> None:
    labels = all_labels.in_language(language)
    sheet = book.create_sheet(labels.SOURCE_SHEET)
    widths = {"A": 60, "B": 10, "C": 66}
    text_width = sum(widths.values())
    lines = [
        (labels.SOURCE_SHEET_TITLE.format(year=year), TITLE),
        (source, None),
        (labels.CSV_BESIDE.format(table1=TABLE1_FILE, table2=TABLE2_FILE), None),
        ("", None),
        (labels.METHOD, BOLD),
        *((paragraph, None) for paragraph in method),
        ("", None),
        (labels.INPUT_FILES, BOLD),
    ]
    row = 1
    for text, font in lines:
        cell = _put(sheet, row, 1, text or None)
        if font is not None:
            cell.font = font
        if font is None and text:
            _wrapped_across(sheet, row, 3, text, text_width)
        row += 1
    # Bytes right-aligned, as numbers are; the checksum set off from them by an indent.
    aligned = (
        WRAP,
        Alignment(horizontal="right", vertical="top"),
        Alignment(indent=1, vertical="top"),
    )
    for column, header in enumerate(labels.FILE_COLUMNS, start=1):
        cell = _put(sheet, row, column, header)
        cell.font, cell.alignment = BOLD, aligned[column - 1]
    for record in inputs:
        row += 1
        values = (record["path"], int(record["bytes"]), record["sha256"])
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value).alignment = aligned[column - 1]
    row += 2
    versions = ", ".join(f"{name} {version}" for name, version in package_versions().items())
    software = labels.SOFTWARE.format(versions=versions)
    _put(sheet, row, 1, software)
    _wrapped_across(sheet, row, 3, software, text_width)
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.print_area = f"A1:C{row}"
    title = labels.SOURCE_SHEET_TITLE.format(year=year)
    _print_setup(sheet, title, True, False, page_of=labels.PAGE_OF)


def xlsx_bytes(
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    inputs: list[dict],
    method: list[str],
    source: str,
    language: str = "en",
    name=str,
) -> bytes:
    """The workbook, the same bytes from run to run; `source` is the tables' Source: line;
    its words in `language`, its regions as `name` gives them."""
    labels = all_labels.in_language(language)
    book = Workbook()
    book.remove(book.active)
    _table_sheet(book, 1, year, table1, source, language, name)
    _table_sheet(book, 2, year, table2, source, language, name)
    _source_sheet(book, year, inputs, method, source, language)
    when = ooxml.fixed_time(year)
    book.properties.creator = "UNFPA"
    book.properties.created = book.properties.modified = when
    book.properties.title = labels.WORKBOOK_TITLE.format(year=year)
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
    name=str,
) -> None:
    write_bytes(path, xlsx_bytes(year, table1, table2, inputs, method, source, language, name))
