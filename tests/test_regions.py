"""The region list (data/raw/regions.csv, or a raw folder's own): what it accepts and refuses."""

from __future__ import annotations

import csv

import pytest
from conftest import run_cli
from tiny_year import input_error, write_year

from analysis import regions
from analysis.errors import InputError
from analysis.paths import DEFAULT_REGIONS_FILE

HEADER = "region,aliases,in_text,colour,split_from\n"


def write_regions(tmp_path, *rows: str):
    path = tmp_path / "regions.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_shipped_colours_are_accepted_as_written():
    with DEFAULT_REGIONS_FILE.open(encoding="utf-8-sig", newline="") as f:
        written = {row["region"]: row["colour"] for row in csv.DictReader(f)}
    assert all(written.values())
    assert regions.load(DEFAULT_REGIONS_FILE).colours == written


@pytest.mark.parametrize("colour", ["#E69F00", "#e69f00", "#E90", "steelblue", "SteelBlue"])
def test_hex_and_named_colours_are_accepted(tmp_path, colour):
    path = write_regions(tmp_path, f"Africa,AFR,Africa,{colour},")
    assert regions.load(path).colour("Africa") == colour


def test_an_empty_colour_takes_the_palette(tmp_path):
    path = write_regions(tmp_path, "Africa,,Africa,,", "Arab States,,Arab States,,")
    assert regions.load(path).colours == {
        "Africa": regions.FALLBACK_COLOURS[0],
        "Arab States": regions.FALLBACK_COLOURS[1],
    }


@pytest.mark.parametrize("colour", ["blu", "#E69F0", "E69F00", "#GGGGGG", "none", "1.5"])
def test_a_bad_colour_is_refused_with_row_column_and_value(tmp_path, colour):
    path = write_regions(tmp_path, "Africa,AFR,Africa,#E69F00,", f"Arab States,AS,,{colour},")
    with pytest.raises(InputError) as caught:
        regions.load(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "colour", colour)
    text = str(caught.value)
    assert f"regions.csv, row 3, column 'colour', value {colour!r}: not a colour" in text
    assert "accepted: a hex colour such as #E69F00" in text


def test_every_bad_colour_is_listed_at_once(tmp_path):
    path = write_regions(tmp_path, "Africa,,,red-ish,", "Arab States,,,#12345,")
    with pytest.raises(InputError) as caught:
        regions.load(path)
    assert [(p.row, p.value) for p in caught.value.problems] == [(2, "red-ish"), (3, "#12345")]


def test_a_raw_folders_own_list_is_checked_before_anything_is_read(tmp_path):
    raw = write_year(tmp_path)
    text = DEFAULT_REGIONS_FILE.read_text(encoding="utf-8").replace("#56B4E9", "sky")
    (raw / "regions.csv").write_text(text, encoding="utf-8")
    [problem] = input_error(raw).problems
    assert problem.file.endswith("regions.csv")
    assert (problem.row, problem.column, problem.value) == (3, "colour", "sky")


@pytest.mark.slow
def test_a_run_with_a_bad_colour_stops_at_clean_without_a_traceback(tmp_path):
    raw = write_year(tmp_path)
    text = DEFAULT_REGIONS_FILE.read_text(encoding="utf-8").replace("#56B4E9", "sky")
    (raw / "regions.csv").write_text(text, encoding="utf-8")
    out, processed = tmp_path / "outputs", tmp_path / "processed"
    result = run_cli(
        "run", "--year", "2010", "--raw-dir", str(raw), "--processed-dir", str(processed),
        "--out-dir", str(out), "--jobs", "1",
    )  # fmt: skip
    assert result.returncode != 0
    assert "row 3, column 'colour', value 'sky': not a colour" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (out / "2010").exists()


def test_split_from_names_a_region_of_the_list_by_any_of_its_names(tmp_path):
    path = write_regions(
        tmp_path,
        "East and Southern Africa,ESA,,,AFR",  # an alias of Africa, defined below it
        "Africa,AFR,,,",
    )
    assert regions.load(path).split_from == {"East and Southern Africa": "Africa"}


def test_split_from_naming_no_region_is_refused(tmp_path):
    path = write_regions(tmp_path, "Africa,AFR,,,", "East and Southern Africa,ESA,,,Mars")
    with pytest.raises(InputError) as caught:
        regions.load(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "split_from", "Mars")
    assert "names no region of this list" in str(caught.value)


def test_a_region_list_with_a_header_only_says_it_has_no_regions(tmp_path):
    with pytest.raises(InputError, match="the region list has no regions"):
        regions.load(write_regions(tmp_path))
