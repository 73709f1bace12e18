"""Contract section 4: every invalid input stops the year with a message naming file, row,
column and value, and what would be accepted. Also the inputs near them that are valid."""

from __future__ import annotations

import csv
import hashlib
import shutil

import pandas as pd
import pytest
from tiny_year import (
    ACTIVITIES_HEADER,
    REPORTED,
    YEAR,
    activity_rows,
    clean,
    col,
    csv_bytes,
    input_error,
    roster_rows,
    write_year,
)

from analysis.errors import MAX_PROBLEMS_SHOWN, InputError, Problem
from analysis.schema import ACTIVITY_FLAGS

ROSTER = "country_offices.csv"
ACTIVITIES = "activities.csv"


def only_problem(err: InputError) -> Problem:
    assert len(err.problems) == 1, str(err)
    return err.problems[0]


def assert_names(
    err: InputError,
    file: str,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    hint: str | None = None,
) -> None:
    """The one problem names the file (and row, column, value, hint); so does the message."""
    problem = only_problem(err)
    text = str(err)
    assert problem.file.endswith(file), problem
    assert file in text
    if row is not None:
        assert problem.row == row
        assert f"row {row}" in text
    if column is not None:
        assert problem.column == column
        assert repr(column) in text
    if value is not None:
        assert problem.value == value
        assert repr(value) in text
    if hint is not None:
        assert hint in text, text
    assert "Traceback" not in text


def sha256_tree(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- the valid tiny year ---------------------------------------------------------------------


def test_tiny_year_is_valid(tmp_path):
    result = clean(write_year(tmp_path))
    offices = result.offices.set_index("country_office")
    assert list(result.offices["country_office"]) == [
        "Angola",
        "Benin",
        "Egypt",
        "Jordan",
        "Nepal",
        "Viet Nam",
    ]
    assert (
        list(result.offices["region"])
        == ["Africa"] * 2 + ["Arab States"] * 2 + ["Asia and the Pacific"] * 2
    )
    for name, reported in REPORTED.items():
        for flag in ACTIVITY_FLAGS:
            assert offices.loc[name, flag] == (flag in reported), (name, flag)
    assert not offices.loc["Viet Nam", "has_report"]
    assert offices.loc["Nepal", "notes"] == "a, quoted"
    assert (result.log["event"] == "no_report").sum() == 1


# --- missing and surplus files ---------------------------------------------------------------


def test_missing_year_folder(tmp_path):
    raw = write_year(tmp_path)
    err = input_error(raw, year=2011)
    assert_names(err, "2011", hint="no folder for 2011")


def test_missing_raw_folder(tmp_path):
    err = input_error(tmp_path / "nowhere")
    assert_names(err, f"nowhere/{YEAR}", hint=f"no folder for {YEAR}")


def test_missing_roster(tmp_path):
    raw = write_year(tmp_path)
    (raw / str(YEAR) / ROSTER).unlink()
    assert_names(input_error(raw), ROSTER, hint="roster of country offices is missing")


def test_missing_activities(tmp_path):
    raw = write_year(tmp_path)
    (raw / str(YEAR) / ACTIVITIES).unlink()
    err = input_error(raw)
    assert_names(err, str(YEAR), hint="expected activities.csv or activities.xlsx")


def test_both_activities_csv_and_xlsx(tmp_path):
    raw = write_year(tmp_path)
    write_year(tmp_path, xlsx=True)
    err = input_error(raw)
    assert_names(err, str(YEAR), hint="keep exactly one")
    assert "activities.csv" in str(err) and "activities.xlsx" in str(err)


# --- empty files -----------------------------------------------------------------------------


@pytest.mark.parametrize("file", [ROSTER, ACTIVITIES])
@pytest.mark.parametrize("content", [b"", b"\n", b"\n\n  \n"])
def test_empty_file(tmp_path, file, content):
    raw = write_year(tmp_path)
    (raw / str(YEAR) / file).write_bytes(content)
    assert_names(input_error(raw), file, hint="empty")


@pytest.mark.parametrize("file", [ROSTER, ACTIVITIES])
def test_header_only(tmp_path, file):
    raw = write_year(tmp_path)
    rows = roster_rows() if file == ROSTER else activity_rows()
    (raw / str(YEAR) / file).write_bytes(csv_bytes(rows[:1]))
    assert_names(input_error(raw), file, hint="no data rows")


def test_header_and_blank_rows_only(tmp_path):
    raw = write_year(tmp_path)
    header = activity_rows()[0]
    (raw / str(YEAR) / ACTIVITIES).write_bytes(csv_bytes([header, [""] * len(header), []]))
    assert_names(input_error(raw), ACTIVITIES, hint="no data rows")


def test_empty_xlsx(tmp_path):
    raw = write_year(tmp_path, xlsx=True)
    pd.DataFrame(columns=activity_rows()[0]).to_excel(
        raw / str(YEAR) / "activities.xlsx", index=False
    )
    assert_names(input_error(raw), "activities.xlsx", hint="no data rows")


def test_xlsx_with_its_header_below_a_blank_row_1(tmp_path):
    raw = write_year(tmp_path, xlsx=True)
    rows = [[""] * len(ACTIVITIES_HEADER), *activity_rows()]  # the header on row 2
    pd.DataFrame(rows).to_excel(raw / str(YEAR) / "activities.xlsx", index=False, header=False)
    assert_names(input_error(raw), "activities.xlsx", row=1, hint="header must be on row 1")


def test_an_empty_xlsx_file_is_said_to_be_empty(tmp_path):
    raw = write_year(tmp_path, xlsx=True)
    (raw / str(YEAR) / "activities.xlsx").write_bytes(b"")
    assert_names(input_error(raw), "activities.xlsx", hint="the file is empty")


def test_a_file_named_xlsx_that_is_not_a_workbook(tmp_path):
    raw = write_year(tmp_path, xlsx=True)
    (raw / str(YEAR) / "activities.xlsx").write_bytes(csv_bytes(activity_rows()))
    err = input_error(raw)
    assert_names(err, "activities.xlsx", hint="is not an Excel workbook (.xlsx)")
    assert "engine" not in str(err)


# --- required columns ------------------------------------------------------------------------


@pytest.mark.parametrize("column", ["country_office", "region"])
def test_roster_required_column_missing(tmp_path, column):
    rows = roster_rows()
    i = col(rows, column)
    rows = [r[:i] + r[i + 1 :] for r in rows]
    err = input_error(write_year(tmp_path, roster=rows))
    assert_names(err, ROSTER, row=1, column=column, hint="required column")


def test_roster_iso3_is_optional(tmp_path):
    rows = [r[:2] for r in roster_rows()]
    result = clean(write_year(tmp_path, roster=rows))
    assert len(result.offices) == 6


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Country Office", "country_office"),
        ("Submitted", "submitted"),
        ("Training/Capacity building", "training_capacity_building"),
        ("Data collection and research", "data_collection_and_research"),
    ],
)
def test_activities_required_column_missing(tmp_path, header, column):
    rows = activity_rows()
    i = col(rows, header)
    rows = [r[:i] + r[i + 1 :] for r in rows]
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=1, column=column, hint="required column")


def test_activities_optional_columns(tmp_path):
    rows = activity_rows()
    keep = [i for i, h in enumerate(rows[0]) if h not in ("Region", "Year", "Notes")]
    result = clean(write_year(tmp_path, activities=[[r[i] for i in keep] for r in rows]))
    assert len(result.offices) == 6
    assert set(result.offices["notes"]) == {""}


def test_several_missing_columns_reported_together(tmp_path):
    rows = activity_rows()
    drop = {col(rows, "Advocacy"), col(rows, "Policy dialogue")}
    rows = [[c for i, c in enumerate(r) if i not in drop] for r in rows]
    err = input_error(write_year(tmp_path, activities=rows))
    assert {p.column for p in err.problems} == {"advocacy", "policy_dialogue"}


# --- bad cells -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["maybe", "2", "yes please", "1.0"])
def test_flag_value_outside_contract(tmp_path, value):
    rows = activity_rows()
    rows[3][col(rows, "Advocacy")] = value  # Egypt, spreadsheet row 4
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=4, column="advocacy", value=value, hint="accepted: yes, y")


def test_roster_region_outside_section_3(tmp_path):
    rows = roster_rows()
    rows[5][1] = "Middle Earth"  # Nepal, row 6
    err = input_error(write_year(tmp_path, roster=rows))
    assert_names(err, ROSTER, row=6, column="region", value="Middle Earth", hint="accepted: Africa")


def test_roster_empty_region(tmp_path):
    rows = roster_rows()
    rows[2][1] = "  "  # Benin, row 3
    err = input_error(write_year(tmp_path, roster=rows))
    assert_names(err, ROSTER, row=3, column="region", hint="accepted: Africa")


def test_activities_region_outside_section_3(tmp_path):
    rows = activity_rows()
    rows[2][col(rows, "Region")] = "Europe"  # Benin, row 3
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=3, column="region", value="Europe", hint="accepted: Africa")


def test_report_for_office_not_in_roster(tmp_path):
    rows = activity_rows()
    rows.append(["Atlantis", "", "2010", "2011-01-20", *[""] * 7, ""])  # row 7
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=7, column="country_office", value="Atlantis", hint="roster")
    assert ROSTER in str(err)


def test_extra_columns_are_carried_and_roster_columns_win(tmp_path):
    """Other columns are carried along; an export's own `iso3` must not break the merge."""
    rows = activity_rows()
    rows[0] += ["ISO3", "Reviewer"]
    for i, r in enumerate(rows[1:]):
        r += ["XXX", f"reviewer {i}"]
    result = clean(write_year(tmp_path, activities=rows))
    offices = result.offices.set_index("country_office")
    assert offices.loc["Angola", "iso3"] == "AGO"
    assert offices.loc["Angola", "reviewer"] == "reviewer 0"
    assert offices.loc["Viet Nam", "iso3"] == "VNM"


def test_report_names_roster_office_in_another_spelling(tmp_path):
    rows = activity_rows()
    rows[5][0] = "  NEPAL. "
    result = clean(write_year(tmp_path, activities=rows))
    assert "Nepal" in set(result.offices["country_office"])
    assert "name_matched" in set(result.log["event"])


def test_roster_repeated_office_after_normalisation(tmp_path):
    rows = roster_rows()
    rows.append(["Côte d'Ivoire", "Africa", "CIV"])  # row 8
    rows.append(["Cote d'Ivoire", "AFRO", ""])  # row 9
    err = input_error(write_year(tmp_path, roster=rows))
    assert_names(
        err, ROSTER, row=9, column="country_office", value="Cote d'Ivoire", hint="list each office"
    )
    assert "row 8" in str(err)


def test_roster_empty_office_name(tmp_path):
    rows = roster_rows()
    rows[4][0] = " "  # Jordan's row, row 5
    err = input_error(write_year(tmp_path, roster=rows))
    roster_problems = [p for p in err.problems if p.file.endswith(ROSTER)]
    assert [(p.row, p.column) for p in roster_problems] == [(5, "country_office")]
    assert "empty office name" in str(err)
    # Jordan's report now names an office the roster lacks: that is reported too.
    assert [(p.row, p.value) for p in err.problems if p.file.endswith(ACTIVITIES)] == [
        (5, "Jordan")
    ]


def test_report_region_disagrees_with_roster(tmp_path):
    rows = activity_rows()
    rows[4][col(rows, "Region")] = "LAC"  # Jordan (Arab States in the roster), row 5
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=5, column="region", value="LAC", hint="Arab States")


def test_report_region_alias_agrees_with_roster(tmp_path):
    rows = activity_rows()
    rows[4][col(rows, "Region")] = "the arab states region"
    assert len(clean(write_year(tmp_path, activities=rows)).offices) == 6


def test_year_differs_from_folder(tmp_path):
    rows = activity_rows()
    rows[1][col(rows, "Year")] = "2009"  # Angola, row 2
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=2, column="year", value="2009", hint="expected 2010")


@pytest.mark.parametrize("value", ["31/01/2011", "yesterday", "2011-13-01", ""])
def test_unreadable_submitted(tmp_path, value):
    rows = activity_rows()
    rows[4][col(rows, "Submitted")] = value  # Jordan, row 5
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=5, column="submitted", value=value, hint="ISO 8601")


@pytest.mark.parametrize("value", ["2011-01-31", "2011-01-31T14:05", " 2011-01-31 14:05:59 "])
def test_readable_submitted(tmp_path, value):
    rows = activity_rows()
    rows[4][col(rows, "Submitted")] = value
    assert len(clean(write_year(tmp_path, activities=rows)).offices) == 6


def test_problems_of_different_kinds_are_listed_by_row(tmp_path):
    rows = roster_rows()
    rows.append(list(rows[1]))  # row 8 repeats Angola (row 2)
    rows[2][col(rows, "region")] = "Mars"  # row 3
    rows[5][col(rows, "region")] = ""  # row 6
    rows[4][col(rows, "country_office")] = ""  # row 5
    err = input_error(write_year(tmp_path, roster=rows))
    assert [p.row for p in err.problems if p.file.endswith(ROSTER)] == [3, 5, 6, 8]


def test_a_roster_in_both_region_schemes_is_refused(tmp_path):
    # Africa beside East and Southern Africa, which was carved out of it: the tables would
    # show Africa as a sliver of itself.
    roster = roster_rows()
    roster[2][col(roster, "region")] = "ESA"  # Benin, row 3; Angola (row 2) is in Africa
    activities = activity_rows()
    activities[2][col(activities, "Region")] = ""  # Benin's report says no region
    err = input_error(write_year(tmp_path, roster=roster, activities=activities))
    assert_names(err, ROSTER, row=2, column="region", value="Africa", hint="uses one scheme")
    assert "1 office in 'Africa' beside 1 office in 'East and Southern Africa'" in str(err)


# --- duplicates ------------------------------------------------------------------------------


def test_conflicting_duplicates(tmp_path):
    rows = activity_rows()
    again = list(rows[1])  # Angola, row 2, submitted 2011-01-10
    again[col(rows, "Policy dialogue")] = "yes"
    rows.append(again)  # row 7
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=7, column="submitted", hint="keep one of them")
    assert "rows 2, 7" in str(err)
    assert "Angola" in str(err)


def test_identical_duplicates_are_not_a_conflict(tmp_path):
    rows = activity_rows()
    rows.append(list(rows[1]))
    result = clean(write_year(tmp_path, activities=rows))
    assert (result.log["event"] == "duplicate_set_aside").sum() == 1


def test_non_conflicting_duplicates_keep_the_latest(tmp_path):
    rows = activity_rows()
    later = list(rows[1])  # Angola reported again, later, with different flags
    later[0] = "ANGOLA"
    later[col(rows, "Submitted")] = "2011-02-01T08:00"
    later[col(rows, "Advocacy")] = "no"
    later[col(rows, "Policy formulation")] = "yes"
    rows.insert(1, later)  # the later report comes first in the file: row 2; the earlier: row 3
    result = clean(write_year(tmp_path, activities=rows))
    angola = result.offices.set_index("country_office").loc["Angola"]
    assert angola["source_row"] == 2
    assert angola["submitted"] == "2011-02-01T08:00:00"
    assert not angola["advocacy"] and angola["policy_formulation"]
    set_aside = result.log[result.log["event"] == "duplicate_set_aside"]
    assert len(set_aside) == 1
    entry = set_aside.iloc[0]
    assert entry["country_office"] == "Angola"
    assert int(entry["row"]) == 3
    assert "superseded by row 2" in entry["detail"]


def test_times_with_utc_offsets_are_compared_as_instants_and_stored_in_utc(tmp_path):
    # Every time has an offset: the latest report is the latest instant, and offices.csv says
    # its times are UTC (it stored them without a word).
    rows = activity_rows()
    submitted = col(rows, "Submitted")
    for row in rows[1:]:
        row[submitted] += "T12:00Z" if "T" not in row[submitted] else "Z"
    later = list(rows[1])  # Angola again, 04:30 UTC on the 11th: later than 02:00 UTC
    later[submitted] = "2011-01-10T23:30-05:00"
    later[col(rows, "Advocacy")] = "no"
    earlier = list(rows[1])
    earlier[submitted] = "2011-01-11T02:00+00:00"
    rows[1:2] = [earlier, later]  # rows 2 and 3
    result = clean(write_year(tmp_path, activities=rows))
    angola = result.offices.set_index("country_office").loc["Angola"]
    assert (angola["source_row"], angola["submitted"]) == (3, "2011-01-11T04:30:00Z")
    assert result.offices.set_index("country_office").at["Benin", "submitted"] == (
        "2011-01-11T09:30:00Z"
    )


def test_times_without_offsets_are_local_times_compared_as_written(tmp_path):
    rows = activity_rows()
    later = list(rows[1])
    later[col(rows, "Submitted")] = "2011-01-10T23:30"
    rows.append(later)  # row 7: the latest, as written (no zone to convert from)
    offices = clean(write_year(tmp_path, activities=rows)).offices.set_index("country_office")
    assert offices.at["Angola", "submitted"] == "2011-01-10T23:30:00"
    assert offices.at["Angola", "source_row"] == 7


def test_times_with_and_without_offsets_are_refused(tmp_path):
    # An offset beside none was compared as if the local time were UTC.
    rows = activity_rows()
    submitted = col(rows, "Submitted")
    for row in rows[1:]:
        row[submitted] += "T12:00+01:00" if "T" not in row[submitted] else "+01:00"
    rows[4][submitted] = "2011-01-13"  # Jordan, row 5: no offset
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(
        err, ACTIVITIES, row=5, column="submitted", value="2011-01-13",
        hint="has no UTC offset, while row 2 ('2011-01-10T12:00+01:00') and 3 other rows have "
        "one: times with and without an offset cannot be put in order",
    )  # fmt: skip


@pytest.mark.parametrize("typed", ["2301-01-31", "0211-01-31"])
def test_a_date_far_from_today_is_read_as_typed(tmp_path, typed):
    # Years a typing slip gives (2301 or 0211 for 2011) lie outside what nanoseconds can
    # hold: they must still be read as typed, not wrapped round to some other date.
    rows = activity_rows()
    rows[1][col(rows, "Submitted")] = typed  # Angola's one report
    result = clean(write_year(tmp_path, activities=rows))
    assert result.offices.set_index("country_office").loc["Angola", "submitted"] == (
        f"{typed}T00:00:00"
    )


def test_a_duplicate_dated_far_ahead_is_the_latest(tmp_path):
    rows = activity_rows()
    later = list(rows[1])  # Angola again (row 7), with a year typed 2301 instead of 2011
    later[col(rows, "Submitted")] = "2301-01-31"
    later[col(rows, "Advocacy")] = "no"
    rows.append(later)
    result = clean(write_year(tmp_path, activities=rows))
    angola = result.offices.set_index("country_office").loc["Angola"]
    assert angola["source_row"] == 7 and not angola["advocacy"]


# --- encodings -------------------------------------------------------------------------------


def _roster_with_cote() -> list[list[str]]:
    rows = roster_rows()
    rows.append(["Côte d'Ivoire", "Africa", "CIV"])  # row 8
    return rows


def test_undecodable_file_mentions_encoding(tmp_path):
    raw = write_year(tmp_path)
    (raw / str(YEAR) / ROSTER).write_bytes(csv_bytes(_roster_with_cote(), "cp1252"))
    err = input_error(raw)
    assert_names(err, ROSTER, hint="--encoding")
    assert "line 8" in str(err)


def test_cp1252_reads_with_encoding_named(tmp_path):
    raw = write_year(tmp_path)
    (raw / str(YEAR) / ROSTER).write_bytes(csv_bytes(_roster_with_cote(), "cp1252"))
    result = clean(raw, encoding="cp1252")
    assert "Côte d'Ivoire" in set(result.offices["country_office"])


def test_unknown_encoding_name(tmp_path):
    err = input_error(write_year(tmp_path), encoding="no-such-codec")
    assert "no-such-codec" in str(err)
    assert ROSTER in str(err)


def test_utf8_with_bom_reads(tmp_path):
    raw = write_year(tmp_path)
    folder = raw / str(YEAR)
    (folder / ROSTER).write_bytes(csv_bytes(_roster_with_cote(), "utf-8-sig"))
    (folder / ACTIVITIES).write_bytes(csv_bytes(activity_rows(), "utf-8-sig"))
    assert (folder / ROSTER).read_bytes().startswith(b"\xef\xbb\xbf")
    result = clean(raw)
    assert "Côte d'Ivoire" in set(result.offices["country_office"])
    assert len(result.offices) == 7
    assert int(result.offices["has_report"].sum()) == 5


# --- all problems at once, and the cap -------------------------------------------------------


def test_several_faults_reported_together(tmp_path):
    rows = activity_rows()
    rows[1][col(rows, "Advocacy")] = "maybe"  # row 2
    rows[3][col(rows, "Policy dialogue")] = "2"  # row 4
    rows[5][col(rows, "Technical assistance")] = "yes please"  # row 6
    rows[2][col(rows, "Submitted")] = "Jan 11"  # row 3
    rows.append(["Atlantis", "", "", "2011-01-20", *[""] * 7, ""])  # row 7
    err = input_error(write_year(tmp_path, activities=rows))
    found = {(p.row, p.column, p.value) for p in err.problems}
    assert found == {
        (2, "advocacy", "maybe"),
        (4, "policy_dialogue", "2"),
        (6, "technical_assistance", "yes please"),
        (3, "submitted", "Jan 11"),
        (7, "country_office", "Atlantis"),
    }
    assert len(err.problems) == 5
    assert all(p.file.endswith(ACTIVITIES) for p in err.problems)
    assert len(str(err).splitlines()) == 5


def test_faults_in_both_files_reported_together(tmp_path):
    roster = roster_rows()
    roster[1][1] = "Nowhere"
    activities = activity_rows()
    activities[1][col(activities, "Advocacy")] = "maybe"
    err = input_error(write_year(tmp_path, roster=roster, activities=activities))
    assert {p.file.rsplit("/", 1)[-1] for p in err.problems} == {ROSTER, ACTIVITIES}


def test_a_missing_column_in_each_file_reported_together(tmp_path):
    # The two files are read and checked at the same time; neither problem hides the other.
    roster = [row[:1] + row[2:] for row in roster_rows()]  # no region
    activities = activity_rows()
    i = col(activities, "Submitted")
    activities = [row[:i] + row[i + 1 :] for row in activities]
    err = input_error(write_year(tmp_path, roster=roster, activities=activities))
    assert [(p.file.rsplit("/", 1)[-1], p.column) for p in err.problems] == [
        (ROSTER, "region"),
        (ACTIVITIES, "submitted"),
    ]


def test_more_than_fifty_problems_are_capped(tmp_path):
    rows = activity_rows()
    rows += [[f"Atlantis {i}", "", "", "2011-01-20", *[""] * 7, ""] for i in range(62)]
    err = input_error(write_year(tmp_path, activities=rows))
    assert len(err.problems) == 62
    lines = str(err).splitlines()
    assert MAX_PROBLEMS_SHOWN == 50
    assert len(lines) == 51
    assert lines[-1] == "... and 12 more problems not shown"
    assert "row 7," in lines[0]  # the first problems come first
    assert "Atlantis 49'" in lines[49]


# --- xlsx and raw files untouched ------------------------------------------------------------


def test_xlsx_gives_the_same_offices_as_csv(tmp_path):
    from_csv = clean(write_year(tmp_path / "csv")).offices
    from_xlsx = clean(write_year(tmp_path / "xlsx", xlsx=True)).offices
    pd.testing.assert_frame_equal(from_csv, from_xlsx)


def test_xlsx_with_typed_cells(tmp_path):
    """An export whose cells are numbers, booleans and dates, not text."""
    rows = activity_rows()
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame["Year"] = 2010
    frame["Submitted"] = pd.to_datetime(frame["Submitted"], format="ISO8601")
    for name in rows[0][4:11]:
        frame[name] = frame[name].map(lambda v: {"1": 1, "0": 0, "TRUE": True}.get(v, v))
    raw = write_year(tmp_path / "typed")
    (raw / str(YEAR) / ACTIVITIES).unlink()
    frame.to_excel(raw / str(YEAR) / "activities.xlsx", index=False, engine="openpyxl")
    expected = clean(write_year(tmp_path / "csv")).offices
    pd.testing.assert_frame_equal(clean(raw).offices, expected)


def test_xlsx_bad_cell_names_row(tmp_path):
    rows = activity_rows()
    rows[2][col(rows, "Advocacy")] = "maybe"
    err = input_error(write_year(tmp_path, activities=rows, xlsx=True))
    assert_names(err, "activities.xlsx", row=3, column="advocacy", value="maybe")


def test_damaged_xlsx(tmp_path):
    raw = write_year(tmp_path, xlsx=True)
    (raw / str(YEAR) / "activities.xlsx").write_bytes(b"not a workbook")
    assert_names(input_error(raw), "activities.xlsx", hint="Excel")


def test_raw_files_unchanged_after_clean(tmp_path):
    raw = write_year(tmp_path)
    before = sha256_tree(raw)
    clean(raw)
    assert sha256_tree(raw) == before


def test_raw_files_unchanged_after_error(tmp_path):
    rows = activity_rows()
    rows[1][col(rows, "Advocacy")] = "maybe"
    raw = write_year(tmp_path, activities=rows, xlsx=True)
    before = sha256_tree(raw)
    input_error(raw)
    assert sha256_tree(raw) == before


def test_real_2010_raw_files_unchanged(tmp_path):
    from analysis.paths import RAW_DIR

    before = sha256_tree(RAW_DIR / "2010")
    copy = tmp_path / "raw"
    shutil.copytree(RAW_DIR / "2010", copy / "2010")
    clean(RAW_DIR)
    assert sha256_tree(RAW_DIR / "2010") == before
    assert sha256_tree(copy / "2010") == before


# --- CSV layouts the fast reader hands over to pandas' own, or must read as it would ---------


def test_line_break_inside_a_quoted_note_is_one_row(tmp_path):
    rows = activity_rows()
    rows[2][col(rows, "Notes")] = "first line\nsecond line, with a comma"
    rows[4][col(rows, "Advocacy")] = "maybe"  # row 5: numbered as the spreadsheet does
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=5, column="advocacy", value="maybe")
    rows[4][col(rows, "Advocacy")] = ""
    offices = clean(write_year(tmp_path, activities=rows)).offices.set_index("country_office")
    assert offices.at["Benin", "notes"] == "first line\nsecond line, with a comma"


def test_blank_line_keeps_the_spreadsheet_row_numbers(tmp_path):
    rows = activity_rows()
    rows[4][col(rows, "Advocacy")] = "maybe"  # row 5, then row 6 once a blank line is above
    rows.insert(2, [])
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=6, column="advocacy", value="maybe")


def test_trailing_comma_on_every_data_row(tmp_path):
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(line + "," for line in lines[1:])]) + "\n")
    assert len(clean(raw).offices) == len(roster_rows()) - 1


def test_trailing_comma_on_some_rows_only(tmp_path):
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ","  # row 4, Egypt, only
    path.write_text("\n".join(lines) + "\n")
    offices = clean(raw).offices.set_index("country_office")
    assert offices.loc["Egypt", "training_capacity_building"]
    assert offices["has_report"].sum() == len(activity_rows()) - 1


def test_a_header_named_twice_is_refused(tmp_path):
    rows = activity_rows()
    rows[0].append("Notes")
    for row in rows[1:]:
        row.append("")
    err = input_error(write_year(tmp_path, activities=rows))
    assert "'Notes'" in str(err) and "keep one" in str(err)


def test_a_short_row_is_refused_not_read_as_not_reported(tmp_path):
    rows = activity_rows()
    rows[3] = rows[3][: col(rows, "Submitted") + 1]  # row 4 ends after its submission date
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=4, column="Training/Capacity building", hint="are missing")
    assert "has 4 cells where the header has 12 columns" in str(err)


def test_a_long_row_is_refused_by_row_not_line(tmp_path):
    rows = activity_rows()
    rows[2][col(rows, "Notes")] = "a note\nover two lines"  # so line and row numbers differ
    rows[4] += ["spilled", "over"]  # row 5, on lines 6 and 7 of the file
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=5, value="spilled", hint="quote a value")
    assert "C error" not in str(err)


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_file_not_separated_by_commas_says_so(tmp_path, separator):
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ROSTER
    path.write_text(path.read_text(encoding="utf-8").replace(",", separator), encoding="utf-8")
    err = input_error(raw)
    assert_names(err, ROSTER, row=1, hint="commas between the cells")


def test_encoding_named_is_only_for_the_file_that_is_not_utf8(tmp_path):
    """An export saved by Excel in cp1252 beside a UTF-8 roster: each file is read right."""
    raw = write_year(tmp_path, roster=_roster_with_cote())
    rows = activity_rows()
    rows.append(["Côte d'Ivoire", "", "", "2011-01-20", *[""] * 7, "Noté"])
    (raw / str(YEAR) / ACTIVITIES).write_bytes(csv_bytes(rows, "cp1252"))
    assert_names(input_error(raw), ACTIVITIES, hint="--encoding")
    offices = clean(raw, encoding="cp1252").offices.set_index("country_office")
    assert offices.at["Côte d'Ivoire", "has_report"]
    assert offices.at["Côte d'Ivoire", "notes"] == "Noté"


def test_a_header_named_twice_is_refused_beside_an_empty_name(tmp_path):
    rows = activity_rows()
    rows[0] += ["Notes", ""]
    for row in rows[1:]:
        row += ["", ""]
    err = input_error(write_year(tmp_path, activities=rows))
    assert "'Notes'" in str(err) and "keep one" in str(err)


def test_a_blank_first_row_is_named(tmp_path):
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ROSTER
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert_names(input_error(raw), ROSTER, row=1, hint="the header must be on row 1")


def test_a_note_longer_than_the_csv_module_allows_reads(tmp_path):
    rows = activity_rows()
    rows[2][col(rows, "Notes")] = "long " * 40_000  # 200,000 characters
    raw = write_year(tmp_path, activities=rows)
    path = raw / str(YEAR) / ACTIVITIES  # a trailing comma on every row: the slower reader
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(line + "," for line in lines[1:])]) + "\n")
    offices = clean(raw).offices.set_index("country_office")
    assert offices.at["Benin", "notes"] == "long " * 40_000


# --- messages that used to mislead -----------------------------------------------------------


def test_a_row_of_spaces_is_a_blank_row(tmp_path):
    # It used to be read as a report for the office `''`, "not in the roster".
    rows = activity_rows()
    rows.insert(3, ["   "] * len(rows[0]))
    offices = clean(write_year(tmp_path, activities=rows)).offices
    assert offices["has_report"].sum() == len(activity_rows()) - 1


def test_a_report_without_an_office_name_says_so(tmp_path):
    rows = activity_rows()
    rows[2][col(rows, "Country Office")] = " "  # Benin's row 3, its flags still there
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, row=3, column="country_office", hint="empty office name")


def test_a_stray_opening_quote_is_named_by_its_row(tmp_path):
    # It used to be diagnosed as a `;` separator (the rest of the file read as one cell).
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = '"' + lines[3]  # row 4
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = input_error(raw)
    assert_names(err, ACTIVITIES, row=4, hint="never closed")
    assert "separator" not in str(err) and "';'" not in str(err)


def test_a_stray_quote_in_the_header_is_named_too(tmp_path):
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ROSTER
    path.write_text('"' + path.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    assert_names(input_error(raw), ROSTER, row=1, hint="never closed")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_export_is_named_as_such(tmp_path, encoding):
    # It used to be told "(e.g. cp1252)".
    raw = write_year(tmp_path)
    (raw / str(YEAR) / ACTIVITIES).write_bytes(csv_bytes(activity_rows(), encoding))
    err = input_error(raw)
    assert_names(err, ACTIVITIES, hint="is saved as UTF-16")
    assert "cp1252" not in str(err)
    assert_names(input_error(raw, encoding="cp1252"), ACTIVITIES, hint="is saved as UTF-16")
    assert clean(raw, encoding=encoding).offices.equals(clean(write_year(tmp_path / "u")).offices)


def test_too_many_rows_are_refused_with_the_limit(tmp_path, monkeypatch):
    from analysis import raw_rows

    monkeypatch.setattr(raw_rows, "MAX_DATA_ROWS", 7)  # the region list has 7 rows, the roster 6
    rows = activity_rows()
    rows += [list(rows[1])] * 3  # 8 data rows: Angola's report, four times over
    err = input_error(write_year(tmp_path, activities=rows))
    assert_names(err, ACTIVITIES, hint="holds more than 7 data rows")


def test_excels_empty_trailing_lines_are_not_data_rows(tmp_path, monkeypatch):
    # 118 rows and Excel's `,,,,` lines below them were "more than 200,000 data rows".
    from analysis import raw_rows

    monkeypatch.setattr(raw_rows, "MAX_DATA_ROWS", 7)  # the region list has 7 rows, the roster 6
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    path.write_bytes(path.read_bytes() + b",,,,,,,,,,,\n" * 50 + b"  ,,\r\n" * 50)
    assert clean(raw).offices.equals(clean(write_year(tmp_path / "plain")).offices)


def test_a_stray_nul_byte_is_named_with_its_line_and_column(tmp_path):
    # A UTF-8 file with one zero byte was said to be "saved as UTF-16".
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"AFR", b"AF\x00R")  # Benin's row, the file's line 3
    path.write_bytes(b"\n".join(lines))
    at = lines[2].index(b"\x00") + 1
    err = input_error(raw)
    assert_names(err, ACTIVITIES, hint="holds 1 NUL byte (a zero byte, which no text holds)")
    assert f"on line 3, column {at}" in str(err)
    assert "UTF-16" not in str(err)
    # named with an encoding too (cp1252 decodes a zero byte as well)
    assert_names(input_error(raw, encoding="cp1252"), ACTIVITIES, hint="on line 3")


def test_excels_comma_separator_line_is_skipped_and_noted(tmp_path):
    # `sep=,` on line 1 gave a "N cells where the header has 2 columns" error per row.
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    path.write_bytes(b"sep=,\r\n" + path.read_bytes())
    year = clean(raw)
    plain = clean(write_year(tmp_path / "plain")).offices
    # rows are numbered as the file's lines: each report one row further down
    assert year.offices.equals(plain.assign(source_row=plain["source_row"] + 1))
    [note] = year.log[year.log["event"].eq("separator_line_skipped")]["detail"]
    assert "row 1, 'sep=,', is Excel's note that commas separate the cells" in note


@pytest.mark.parametrize("separator, said", [(";", "semicolons"), ("\t", "tabs")])
def test_excels_separator_line_naming_another_separator_is_refused_on_row_1(
    tmp_path, separator, said
):
    raw = write_year(tmp_path)
    path = raw / str(YEAR) / ACTIVITIES
    text = path.read_text(encoding="utf-8").replace(",", separator)
    path.write_text(f"sep={separator}\n{text}", encoding="utf-8")
    err = input_error(raw)
    assert_names(err, ACTIVITIES, row=1, value=f"sep={separator}", hint=f"{said} separate")


def test_no_message_line_is_longer_than_a_few_screen_lines(tmp_path):
    # A header of thousands of names, and a value of thousands of characters: one line
    # used to list them all (141,336 characters).
    wide = activity_rows()
    submitted = col(wide, "Submitted")
    wide = [[*row[:submitted], *row[submitted + 1 :], *[""] * 5000] for row in wide]
    wide[0][-5000:] = [f"extra {i}" for i in range(5000)]
    long_value = activity_rows()
    long_value[2][col(long_value, "Advocacy")] = "maybe " * 5000
    for name, rows, shown in [
        ("wide", wide, "and 5,001 more"),
        ("long", long_value, "... (30,000 characters)"),
    ]:
        [line] = str(input_error(write_year(tmp_path / name, activities=rows))).splitlines()
        assert len(line) < 600 and shown in line, line


def test_formula_like_values_are_kept_as_text_and_logged(tmp_path):
    rows = activity_rows()
    typed = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(A1)"]
    for row, value in zip(rows[1:], typed, strict=False):
        row[col(rows, "Notes")] = value
    year = clean(write_year(tmp_path, activities=rows))
    notes = year.offices.set_index("country_office")["notes"]
    assert notes[["Angola", "Benin", "Egypt"]].tolist() == typed
    logged = year.log[year.log["event"].eq("formula_like_value")]
    assert logged[["row", "column", "value"]].values.tolist() == [
        [2, "notes", typed[0]],
        [3, "notes", typed[1]],
        [4, "notes", typed[2]],
    ]


def test_a_carriage_return_in_a_note_is_written_and_read_back_in_its_row(tmp_path):
    # Python's csv writer leaves `x\ry` unquoted when lines end in `\n`: every reader then
    # ends the row there.
    from analysis import clean as clean_module

    rows = activity_rows()
    rows[1][col(rows, "Notes")] = "x\ry"
    rows[2][col(rows, "Notes")] = "line\r\nbreak"
    raw = write_year(tmp_path)
    with (raw / str(YEAR) / ACTIVITIES).open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    year = clean(raw)
    clean_module.write(year, tmp_path / "processed")
    back = clean_module.read_offices(tmp_path / "processed")
    assert back["notes"].tolist() == year.offices["notes"].tolist()
    assert back.set_index("country_office").at["Angola", "notes"] == "x\ry"
