"""An activities.xlsx is read as Excel shows it (contract 1.2): formulas by their saved values,
only visible sheets, no merged cells, headers under the same rules as a CSV. Each workbook is
built here with openpyxl, as scripts and other tools write them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_bad_input import assert_names
from tiny_year import YEAR, activity_rows, clean, col, input_error, write_year

from analysis import raw_rows, xlsx_grid

XLSX = "activities.xlsx"


def workbook(rows: list[list], title: str = "Export") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.active.title = title
    add_rows(book.active, rows)
    return book


def add_rows(sheet, rows: list[list]) -> None:
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])


def raw_with(tmp_path: Path, book: openpyxl.Workbook) -> Path:
    """A tiny raw year whose export is `book`."""
    raw = write_year(tmp_path)
    (raw / str(YEAR) / "activities.csv").unlink()
    book.save(raw / str(YEAR) / XLSX)
    return raw


def expected_offices(tmp_path: Path):
    return clean(write_year(tmp_path / "as-csv")).offices


def test_formulas_without_saved_values_are_refused_naming_their_cells(tmp_path):
    # Read as empty, every flag set by formula was 'not reported': Table 1 = 0 of 127.
    rows = activity_rows()
    training = col(rows, "Training/Capacity building")
    for row in rows[1:]:
        row[training] = "=1+0" if row[training] else ""
    err = input_error(raw_with(tmp_path, workbook(rows)))
    assert_names(err, XLSX, hint="4 formulas without a saved value on sheet 'Export'")
    assert "cells E2, E4, E5, E6" in str(err)
    assert "save it" in str(err)


def test_a_formula_with_its_saved_value_reads_as_that_value(tmp_path):
    rows = activity_rows()
    training = col(rows, "Training/Capacity building")
    rows[1][training] = "=1+0"  # Angola: reported
    raw = raw_with(tmp_path, workbook(rows))
    path = raw / str(YEAR) / XLSX
    # Excel stores a formula's value beside it; openpyxl leaves it empty: put it in.
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<f>1+0</f><v></v>", b"<f>1+0</f><v>1</v>")
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    offices = clean(raw).offices
    assert offices.equals(expected_offices(tmp_path))


def test_a_hidden_first_sheet_is_skipped_and_the_sheet_read_is_logged(tmp_path):
    # An old draft, hidden, used to be read instead of the visible export: 0 of 127.
    draft = [row[:4] + ["no"] * 7 + [""] for row in activity_rows()]
    draft[0] = activity_rows()[0]
    book = workbook(draft, title="Draft")
    book.active.sheet_state = "hidden"
    add_rows(book.create_sheet("Export"), activity_rows())
    year = clean(raw_with(tmp_path, book))
    assert year.offices.equals(expected_offices(tmp_path))
    notes = year.log[year.log["event"].str.startswith("sheet_")]
    assert notes["event"].tolist() == ["sheet_skipped", "sheet_read"]
    assert "sheet 'Draft' is hidden; skipped" in notes["detail"].iloc[0]
    assert "read sheet 'Export'" in notes["detail"].iloc[1]


def test_two_visible_sheets_with_data_are_refused_naming_them(tmp_path):
    book = workbook(activity_rows(), title="2010 export")
    add_rows(book.create_sheet("Copy"), activity_rows())
    err = input_error(raw_with(tmp_path, book))
    assert_names(err, XLSX, hint="2 visible sheets hold data ('2010 export', 'Copy')")


def test_data_on_the_second_sheet_after_an_empty_first_is_read(tmp_path):
    # It used to read "the file is empty".
    book = workbook([], title="Sheet1")
    add_rows(book.create_sheet("Export"), activity_rows())
    assert clean(raw_with(tmp_path, book)).offices.equals(expected_offices(tmp_path))


def test_a_title_only_first_sheet_is_skipped_with_a_note(tmp_path):
    # It used to read "has a header but no data rows".
    book = workbook([["Country Office Annual Reports, 2010"]], title="Cover")
    add_rows(book.create_sheet("Export"), activity_rows())
    year = clean(raw_with(tmp_path, book))
    assert year.offices.equals(expected_offices(tmp_path))
    assert "sheet 'Cover' holds no table; skipped" in " ".join(year.log["detail"])


def test_a_workbook_with_only_a_header_says_so(tmp_path):
    book = workbook([activity_rows()[0]])
    assert_names(input_error(raw_with(tmp_path, book)), XLSX, hint="has a header but no data")


def test_merged_cells_are_refused_with_their_range(tmp_path):
    # Two rows under one merged flag cell: the second read 'not reported' (31 instead of 32).
    rows = activity_rows()
    book = workbook(rows)
    book.active.merge_cells("E2:E3")
    err = input_error(raw_with(tmp_path, book))
    assert_names(err, XLSX, hint="merged cells E2:E3 on sheet 'Export'")
    assert "unmerge them" in str(err)


def test_a_header_repeated_exactly_is_refused_as_in_a_csv(tmp_path):
    # The second column was dropped, and offices.csv gained an `advocacy_1` column.
    rows = activity_rows()
    rows[0].append("Advocacy")
    for row in rows[1:]:
        row.append("yes")
    err = input_error(raw_with(tmp_path, workbook(rows)))
    assert_names(err, XLSX, row=1, column="Advocacy", hint="both read as 'advocacy'; keep one")


def test_the_row_limit_counts_rows_with_data(tmp_path, monkeypatch):
    # A sheet filled to row 1,048,575 took 8.6 minutes to fail: rows with data are counted as
    # they are read, and reading stops at the first past the limit.
    monkeypatch.setattr(raw_rows, "MAX_DATA_ROWS", 7)  # the region list has 7 rows, the roster 6
    rows = activity_rows()
    err = input_error(raw_with(tmp_path, workbook([*rows, *rows[1:]])))  # 10 data rows
    assert_names(err, XLSX, hint="more than 7 data rows")
    assert all(len(line) < 400 for line in str(err).splitlines())


def patched_parts(path: Path, change) -> None:
    """Rewrite a saved workbook's sheet XML as `change(xml)` (as Excel, not openpyxl, saves)."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = change(parts[sheet])
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


def count_cells_read(monkeypatch) -> list[int]:
    """How many cells reading turns into text: the work reading a sheet does."""
    calls = [0]
    cell_text = xlsx_grid.cell_text

    def counted(value):
        calls[0] += 1
        return cell_text(value)

    monkeypatch.setattr(xlsx_grid, "cell_text", counted)
    return calls


def test_one_formatted_cell_at_excels_last_row_is_no_data_and_costs_nothing(tmp_path, monkeypatch):
    # Was "more than 200,000 data rows" for 5 rows, after about 60 s of reading empty rows.
    monkeypatch.setattr(raw_rows, "MAX_DATA_ROWS", 7)  # the region list has 7 rows, the roster 6
    book = workbook(activity_rows())
    book.active.cell(row=1_048_576, column=12).fill = openpyxl.styles.PatternFill(
        "solid", fgColor="FFFF00"
    )
    raw = raw_with(tmp_path, book)
    with zipfile.ZipFile(raw / str(YEAR) / XLSX) as saved:  # the used range Excel declares
        assert b'<dimension ref="A1:L1048576"/>' in saved.read("xl/worksheets/sheet1.xml")
    cells = count_cells_read(monkeypatch)
    assert clean(raw).offices.equals(expected_offices(tmp_path))
    assert cells[0] < 200  # the 6 rows of 12 cells, not a million rows


def test_a_stale_used_range_of_a_million_rows_is_not_data(tmp_path, monkeypatch):
    monkeypatch.setattr(raw_rows, "MAX_DATA_ROWS", 7)  # the region list has 7 rows, the roster 6
    raw = raw_with(tmp_path, workbook(activity_rows()))
    patched_parts(
        raw / str(YEAR) / XLSX,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
    )
    cells = count_cells_read(monkeypatch)
    assert clean(raw).offices.equals(expected_offices(tmp_path))
    assert cells[0] < 200


def test_an_empty_row_inside_the_data_does_not_end_it(tmp_path):
    rows = activity_rows()
    rows.insert(3, [""] * len(rows[0]))  # Egypt's and later reports under an empty row 4
    book = workbook(rows)
    book.active.cell(row=1_048_576, column=1).fill = openpyxl.styles.PatternFill(
        "solid", fgColor="FFFF00"
    )
    offices = clean(raw_with(tmp_path, book)).offices
    assert offices.equals(expected_offices(tmp_path).assign(source_row=offices["source_row"]))
    assert offices.set_index("country_office").at["Nepal", "source_row"] == 7


def test_a_formulas_saved_empty_string_is_an_empty_cell(tmp_path):
    # Excel saves =IF(...,"x","") that gives "" as <c t="str"><f>...</f><v/></c>: a saved value
    # (it was refused as "a formula without a saved value", which saving again cannot fix).
    rows = activity_rows()
    training = col(rows, "Training/Capacity building")
    letter = openpyxl.utils.get_column_letter(training + 1)
    rows[2][training] = '=IF(1=2,"yes","")'  # Benin: not reported, by formula
    rows[1][training] = '=IF(1=1,"yes","")'  # Angola: reported, by formula
    raw = raw_with(tmp_path, workbook(rows))

    def as_excel_saves(xml: bytes) -> bytes:
        for row, value in ((2, b"<v>yes</v>"), (3, b"<v/>")):
            cell = rb'<c r="%s%d"><f>([^<]*)</f><v></v></c>' % (letter.encode(), row)
            new = rb'<c r="%s%d" t="str"><f>\1</f>%s</c>' % (letter.encode(), row, value)
            xml, done = re.subn(cell, new, xml)
            assert done == 1, xml
        return xml

    patched_parts(raw / str(YEAR) / XLSX, as_excel_saves)
    assert clean(raw).offices.equals(expected_offices(tmp_path))


def test_a_damaged_sheet_is_named_without_a_traceback(tmp_path):
    # A streamed sheet's XML is parsed as its rows are read, after the workbook opened.
    raw = raw_with(tmp_path, workbook(activity_rows()))
    patched_parts(raw / str(YEAR) / XLSX, lambda xml: xml.replace(b"</row>", b"</rov>", 1))
    assert_names(input_error(raw), XLSX, hint="cannot be read as an Excel workbook (.xlsx)")


def test_a_title_block_above_the_header_is_skipped_and_logged(tmp_path):
    # Nine "required column missing" lines, none saying the header was lower down.
    rows = [["Country Office Annual Reports, 2010"], ["exported 2011-02-01"], [], *activity_rows()]
    year = clean(raw_with(tmp_path, workbook(rows)))
    offices = year.offices
    assert offices.drop(columns="source_row").equals(
        expected_offices(tmp_path).drop(columns="source_row")
    )
    assert offices.set_index("country_office").at["Angola", "source_row"] == 5
    [note] = year.log[year.log["event"].eq("title_rows_skipped")]["detail"]
    assert "the header is row 4; rows 1, 2 above it" in note
    assert "'Country Office Annual Reports, 2010'" in note


def test_a_title_above_a_header_that_lacks_a_column_is_named_as_the_likely_cause(tmp_path):
    rows = [["Country Office Annual Reports, 2010"], *activity_rows()]
    rows[1][col(rows[1:], "Advocacy")] = "Advocacy work"
    err = input_error(raw_with(tmp_path, workbook(rows)))
    text = str(err)
    title = "row 1, value 'Country Office Annual Reports, 2010'"
    assert f"{title}: the header row holds one cell, as a title does" in text
    assert "required column 'advocacy' is missing" in text


def test_a_text_cell_that_looks_like_a_formula_is_kept_as_text_and_logged(tmp_path):
    rows = activity_rows()
    book = workbook(rows)
    notes = book.active.cell(row=3, column=col(rows, "Notes") + 1)
    notes.value = '=HYPERLINK("http://example.org","x")'
    notes.data_type = "s"  # typed as text, as Excel stores '=... typed with a quote
    year = clean(raw_with(tmp_path, book))
    assert year.offices.set_index("country_office").at["Benin", "notes"] == notes.value
    [logged] = year.log[year.log["event"].eq("formula_like_value")].to_dict("records")
    assert (logged["row"], logged["column"], logged["value"]) == (3, "notes", notes.value)


def test_a_workbook_the_package_writes_stores_formula_like_text_as_text(tmp_path):
    from analysis import regions, synth
    from analysis.paths import DEFAULT_REGIONS_FILE

    region_list = regions.load(DEFAULT_REGIONS_FILE)
    frame = synth._year_frames(synth._roster(3, 0, region_list), YEAR, 0, region_list)[1]
    frame.loc[0, "Notes"] = "=1+1"
    path = tmp_path / "out.xlsx"
    synth._write_xlsx(frame, path)
    cell = openpyxl.load_workbook(path).active.cell(
        row=2, column=frame.columns.get_loc("Notes") + 1
    )
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    with zipfile.ZipFile(path) as book:
        assert not re.search(rb"<f>", book.read("xl/worksheets/sheet1.xml"))


@pytest.mark.parametrize("value", [True, 1, 1.0])
def test_typed_flag_cells_read_as_excel_shows_them(tmp_path, value):
    rows = activity_rows()
    rows[1][col(rows, "Training/Capacity building")] = value  # Angola: reported
    assert clean(raw_with(tmp_path, workbook(rows))).offices.equals(expected_offices(tmp_path))


def test_a_column_that_is_only_formatted_is_not_a_column(tmp_path):
    from openpyxl.styles import PatternFill

    book = workbook(activity_rows())
    book.active.cell(row=1, column=20).fill = PatternFill("solid", start_color="FFFF00")
    offices = clean(raw_with(tmp_path, book)).offices
    assert offices.equals(expected_offices(tmp_path))
