"""The region list (data/raw/regions.csv, or a raw folder's own): what it accepts and refuses."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import run_cli
from tiny_year import activity_rows, input_error, write_year

from analysis import clean, regions, tables
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
    with pytest.raises(InputError, match="regions.csv: has a header but no data rows"):
        regions.load(write_regions(tmp_path))


def only_problem_of(path):
    with pytest.raises(InputError) as caught:
        regions.load(path)
    [problem] = caught.value.problems
    return problem, str(caught.value)


def test_a_region_on_two_rows_is_refused(tmp_path):
    # The second row's wording used to win: "Ten UNFPA Country Offices in Africa again".
    path = write_regions(
        tmp_path, "Africa,AFR,Africa,,", "Arab States,,,,", "africa,,Africa again,,"
    )
    problem, text = only_problem_of(path)
    assert (problem.row, problem.column, problem.value) == (4, "region", "africa")
    assert "region already defined on row 2" in text


def test_a_region_named_as_another_regions_alias_is_refused(tmp_path):
    path = write_regions(tmp_path, "Africa,AFR; Sub-Saharan Africa,,,", "Sub-Saharan Africa,SSA,,,")
    problem, text = only_problem_of(path)
    assert (problem.row, problem.column, problem.value) == (3, "region", "Sub-Saharan Africa")
    assert "also names 'Africa' (row 2)" in text


def test_an_alias_of_two_regions_is_refused(tmp_path):
    path = write_regions(tmp_path, "Africa,AF,,,", "Arab States,AS; af,,,")
    problem, text = only_problem_of(path)
    assert (problem.row, problem.column, problem.value) == (3, "aliases", "af")
    assert "also names 'Africa' (row 2)" in text


def test_a_split_from_loop_is_blamed_on_the_region_list_with_its_rows(tmp_path):
    # It was blamed on country_offices.csv ("a year's roster uses one scheme").
    path = write_regions(
        tmp_path,
        "Arab States,AS,,,",
        "Africa,AFR,,,WCA",
        "East and Southern Africa,ESA,,,AFR",
        "West and Central Africa,WCA,,,ESARO",
    )
    path.write_text(path.read_text().replace("ESA,,,AFR", "ESA; ESARO,,,AFR"))
    problem, text = only_problem_of(path)
    assert problem.file.endswith("regions.csv")
    assert (problem.row, problem.column, problem.value) == (3, "split_from", "WCA")
    assert "go round in a loop: 'Africa' (row 3) from 'West and Central Africa'" in text
    assert "'East and Southern Africa' (row 4) from 'Africa'" in text
    assert "'West and Central Africa' (row 5) from 'East and Southern Africa'" in text


def test_a_run_with_a_split_from_loop_names_only_the_region_list(tmp_path):
    raw = write_year(tmp_path)
    text = DEFAULT_REGIONS_FILE.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    africa = next(r for r in rows if r["region"] == "Africa")
    africa["split_from"] = next(r["region"] for r in rows if r["split_from"] == "Africa")
    with (raw / "regions.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    problems = input_error(raw).problems
    assert problems and all(p.file.endswith("regions.csv") for p in problems), problems
    assert "loop" in str(problems[0])


def test_split_from_itself_is_refused(tmp_path):
    path = write_regions(tmp_path, "Africa,AFR,,,", "East and Southern Africa,ESA,,,ESARO")
    path.write_text(path.read_text().replace("ESA,,,ESARO", "ESA; ESARO,,,ESARO"))
    problem, text = only_problem_of(path)
    assert (problem.row, problem.column, problem.value) == (3, "split_from", "ESARO")
    assert "cannot be carved out of itself" in text


@pytest.mark.parametrize("second", ["#e69f00", "#E69F00", "orange"])
def test_two_regions_of_one_colour_are_refused(tmp_path, second):
    first = "#FFA500" if second == "orange" else "#E69F00"
    path = write_regions(tmp_path, f"Africa,,,{first},", f"Arab States,,,{second},")
    problem, text = only_problem_of(path)
    assert (problem.row, problem.column, problem.value) == (3, "colour", second)
    assert "the colour of 'Africa' (row 2)" in text


def test_more_regions_than_the_palette_each_get_their_own_colour(tmp_path):
    rows = [f"Region {i},,,," for i in range(30)]
    rows[3] = f"Region 3,,,{regions.FALLBACK_COLOURS[0]},"  # a palette colour taken by hand
    colours = regions.load(write_regions(tmp_path, *rows)).colours
    assert len(set(colours.values())) == 30
    assert all(regions.is_colour(c) for c in colours.values())
    assert colours["Region 3"] == regions.FALLBACK_COLOURS[0]
    assert colours["Region 0"] == regions.FALLBACK_COLOURS[1]


def test_a_row_without_every_cell_is_refused_as_in_an_export(tmp_path):
    path = write_regions(tmp_path, "Africa,AFR,Africa,#E69F00,", "Arab States,AS")
    problem, text = only_problem_of(path)
    assert problem.row == 3 and "are missing" in text


@pytest.mark.slow
def test_regions_named_na_and_none_keep_their_names_in_every_output(tmp_path):
    """Words pandas reads as missing are names here: tables, processed data and the report
    read back every value as written (a region `NA` was shown as "nan", and two crashed)."""
    roster = [["country_office", "region"], ["Angola", "NA"], ["Benin", "None"], ["Chad", "NA"]]
    header = list(activity_rows()[0])
    reports = [
        ["Angola", "NA", "2010", "2011-01-10", "yes", *[""] * 6, ""],
        ["Benin", "None", "2010", "2011-01-11", "no", "yes", *[""] * 5, "NA"],
    ]
    raw = write_year(tmp_path, roster=roster, activities=[header, *reports])
    write_regions(raw, "NA,,,,", "None,,,,")
    processed, out = tmp_path / "processed", tmp_path / "outputs"
    result = run_cli(
        "run", "--year", "2010", "--raw-dir", str(raw), "--processed-dir", str(processed),
        "--out-dir", str(out), "--jobs", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    table1 = tables.read(out / "2010" / "table1_capacity_building.csv")
    assert table1["region"].tolist() == ["NA", "None", "Total"]
    assert table1["offices_reporting"].tolist() == [1, 0, 1]
    offices = clean.read_offices(processed / "2010")
    assert offices["region"].tolist() == ["NA", "NA", "None"]
    assert offices.set_index("country_office").at["Benin", "notes"] == "NA"
    report = (out / "2010" / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"data:[^\"')]*", "", report)  # the charts, inlined as base64
    assert not re.search(r"\bnan\b", text, re.IGNORECASE)
    assert re.search(r">\s*NA\s*<", text) and re.search(r">\s*None\s*<", text)
    assert "Country Offices in NA reported the highest share" in text
    assert "No Country Office in None reported" in text


# --- names in other languages (name_<code>, in_text_<code>, in_<code>) ----------------------

LANGUAGE_HEADER = "region,aliases,in_text,colour,split_from,name_fr,in_text_fr,in_fr\n"


def write_language_regions(tmp_path, header: str, *rows: str):
    path = tmp_path / "regions.csv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_shipped_list_names_every_region_in_french_and_spanish():
    shipped = regions.load(DEFAULT_REGIONS_FILE)
    assert set(shipped.languages()) >= {"fr", "es"}
    for language in ("fr", "es"):
        for region in shipped.canonical:
            for form in regions.LANGUAGE_FORMS:
                assert shipped.name_in(language, region, form), (language, region, form)
    # UN terminology, with the article and preposition each language's sentences need.
    assert shipped.name_in("fr", "Arab States", "in_text") == "la région des États arabes"
    assert shipped.name_in("fr", "West and Central Africa", "in_text") == (
        "l'Afrique de l'Ouest et du Centre"
    )
    assert shipped.name_in("es", "Arab States", "in_text") == "los Estados Árabes"
    assert shipped.name_in("es", "Latin America and the Caribbean") == "América Latina y el Caribe"


def test_a_new_region_with_its_names_needs_no_code(tmp_path):
    path = write_language_regions(
        tmp_path,
        LANGUAGE_HEADER,
        "Africa,,,,,Afrique,l'Afrique,en Afrique",
        "Pacific Islands,PI,the Pacific Islands,,,Îles du Pacifique,les îles du Pacifique,"
        "dans les îles du Pacifique",
    )
    loaded = regions.load(path)
    assert loaded.languages() == ("fr",)
    assert loaded.name_in("fr", "Pacific Islands", "in") == "dans les îles du Pacifique"
    assert loaded.name_in("es", "Pacific Islands") is None


def test_a_language_with_a_missing_column_is_refused(tmp_path):
    header = "region,aliases,in_text,colour,split_from,name_fr,in_fr\n"
    path = write_language_regions(tmp_path, header, "Africa,,,,,Afrique,en Afrique")
    with pytest.raises(InputError) as caught:
        regions.load(path)
    [problem] = caught.value.problems
    assert problem.row == 1 and "missing: in_text_fr" in problem.message


def test_a_region_without_its_name_in_a_language_is_refused_with_row_and_column(tmp_path):
    path = write_language_regions(
        tmp_path,
        LANGUAGE_HEADER,
        "Africa,,,,,Afrique,l'Afrique,en Afrique",
        "Arab States,,,,,États arabes,,dans la région des États arabes",
    )
    with pytest.raises(InputError) as caught:
        regions.load(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (3, "in_text_fr")
    assert "'Arab States' has no name in language 'fr'" in str(caught.value)


def test_two_regions_of_one_name_in_a_language_are_refused(tmp_path):
    path = write_language_regions(
        tmp_path,
        LANGUAGE_HEADER,
        "Africa,,,,,Afrique,l'Afrique,en Afrique",
        "West and Central Africa,,,,,afrique,l'Afrique,en Afrique",
    )
    with pytest.raises(InputError) as caught:
        regions.load(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "name_fr", "afrique")
    assert "row 2" in problem.message
