"""The trends step: every year's tables side by side, region schemes shown as they were.

Per-year tables are built here from synthetic years (2011-2012 with Africa, 2013-2014 with East
and Southern Africa and West and Central Africa) without running the notebooks.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import tree_bytes
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex

from analysis import (
    charts,
    clean,
    regions,
    synth,
    tables,
    trends,
    trends_charts,
    trends_narrative,
    trends_report,
    words,
)
from analysis.errors import InputError
from analysis.paths import (
    DEFAULT_REGIONS_FILE,
    NOTEBOOKS_DIR,
    TABLE1_FILE,
    TABLE2_FILE,
    TRENDS_DIR,
    TRENDS_FILE,
    TRENDS_HTML_FILE,
)
from analysis.schema import AT_LEAST_ONE
from analysis.status import year_statuses

REGIONS = regions.load(DEFAULT_REGIONS_FILE)
YEARS = [2011, 2012, 2013, 2014]
AFRICA = "Africa"
ESA, WCA = "East and Southern Africa", "West and Central Africa"
CAPACITY = "training_capacity_building"
NOTEBOOK = NOTEBOOKS_DIR / "5_trends.ipynb"

WORDS = {words.number_words(n): n for n in range(0, 1000)}
NUMBER = re.compile(
    r"\b(\d+|(?:" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True)) + r"))\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[int]:
    """Every number a text states, in digits or in words; "at least one" names a measure."""
    text = re.sub(r"\bat least one\b", "", text, flags=re.IGNORECASE)
    return [int(t) if t.isdigit() else WORDS[t.lower()] for t in NUMBER.findall(text)]


def write_year_tables(raw: Path, out: Path, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    offices = clean.clean_year(raw, year).offices
    first, second = tables.table1(offices), tables.table2(offices)
    tables.write(first, out / str(year) / TABLE1_FILE)
    tables.write(second, out / str(year) / TABLE2_FILE)
    return first, second


@pytest.fixture(scope="module")
def years_out(tmp_path_factory) -> tuple[Path, dict[int, tuple[pd.DataFrame, pd.DataFrame]]]:
    """<tmp>/out/<year>/ with both tables for 2011-2014, and the tables themselves."""
    root = tmp_path_factory.mktemp("trends")
    synth.write_years(YEARS, offices=60, out=root / "raw")
    out = root / "out"
    return out, {year: write_year_tables(root / "raw", out, year) for year in YEARS}


@pytest.fixture(scope="module")
def table(years_out) -> pd.DataFrame:
    out, _ = years_out
    return trends.collect(out, trends.available_years(out))


def drawn(region: str) -> str:
    """A region's colour as the charts draw it (darkened to read on white where needed)."""
    return to_hex(charts.region_colour(REGIONS, region))


def hand_made(percents: dict[int, dict[str, int]]) -> pd.DataFrame:
    """A trends table from {year: {region: per cent}}, 10 offices a region, both measures."""
    rows = []
    for year, by_region in percents.items():
        for activity in (CAPACITY, AT_LEAST_ONE):
            for region, p in [*sorted(by_region.items()), ("Total", 50)]:
                offices = 10 * len(by_region) if region == "Total" else 10
                rows.append((year, region, activity, offices, offices * p // 100, p))
    return pd.DataFrame(rows, columns=list(trends.COLUMNS))


# --- which years, and the table ------------------------------------------------------------


def test_available_years_are_the_four_digit_folders_with_both_tables(years_out, tmp_path):
    out, _ = years_out
    assert trends.available_years(out) == YEARS
    (tmp_path / "2015").mkdir()
    (tmp_path / "2015" / TABLE1_FILE).write_text("")  # Table 2 missing: not a year
    for name in ("trends", "2016-old", ".2017-staging-x"):
        (tmp_path / name).mkdir()
        (tmp_path / name / TABLE1_FILE).write_text("")
        (tmp_path / name / TABLE2_FILE).write_text("")
    (tmp_path / "2018").mkdir()
    (tmp_path / "2018" / TABLE1_FILE).write_text("")
    (tmp_path / "2018" / TABLE2_FILE).write_text("")
    assert trends.available_years(tmp_path) == [2018]
    assert trends.available_years(tmp_path / "missing") == []


def test_years_parameter(years_out):
    out, _ = years_out
    assert trends.select_years(out, "") == YEARS
    assert trends.select_years(out, "2013, 2011") == [2011, 2013]
    assert trends.select_years(out, 2012) == [2012]
    with pytest.raises(InputError, match=r"2019/table1_capacity_building.csv: no table for 2019"):
        trends.select_years(out, "2011,2019")
    with pytest.raises(InputError, match="four-digit year"):
        trends.select_years(out, "2011,20x2")


def test_the_trends_table_is_every_row_of_every_year_once(years_out, table):
    _, per_year = years_out
    assert list(table.columns) == list(trends.COLUMNS)
    for column in ("year", "country_offices", "offices_reporting", "percent"):
        assert pd.api.types.is_integer_dtype(table[column]), column
    assert not table.duplicated(["year", "region", "activity"]).any()
    expected = pd.concat([t.assign(year=y) for y in YEARS for t in per_year[y]], ignore_index=True)[
        list(trends.COLUMNS)
    ]
    assert len(table) == len(expected)
    assert sorted(table.itertuples(index=False, name=None)) == sorted(
        expected.itertuples(index=False, name=None)
    )
    # Within a year: the year's Table 1 then Table 2, in their own order (Total last).
    for year in YEARS:
        rows = table[table["year"] == year].drop(columns="year").reset_index(drop=True)
        same = pd.concat(per_year[year], ignore_index=True)
        pd.testing.assert_frame_equal(rows, same, check_dtype=False)
    assert list(table["year"]) == sorted(table["year"])


def test_no_region_is_merged_renamed_or_dropped(table):
    years_of = {r: sorted(set(g["year"])) for r, g in table.groupby("region")}
    assert years_of[AFRICA] == [2011, 2012]
    assert years_of[ESA] == years_of[WCA] == [2013, 2014]
    assert years_of["Total"] == YEARS
    for (_, _), rows in table.groupby(["year", "activity"]):
        regional = rows[rows["region"] != "Total"]
        total = rows[rows["region"] == "Total"].iloc[0]
        assert regional["country_offices"].sum() == total["country_offices"]
        assert regional["offices_reporting"].sum() == total["offices_reporting"]


def test_trends_csv_is_the_table(years_out, table, tmp_path):
    trends_report.write(table, REGIONS, tmp_path)
    data = (tmp_path / TRENDS_FILE).read_bytes()
    assert b"\r" not in data
    assert data.splitlines()[0] == b"year,region,activity,country_offices,offices_reporting,percent"
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / TRENDS_FILE), table, check_dtype=False)


# --- changes of region scheme --------------------------------------------------------------


def test_the_2013_split_is_found_in_the_data(table):
    change = trends.SchemeChange(2013, 2012, [AFRICA], [ESA, WCA])
    assert trends.scheme_changes(table) == [change]
    assert trends_narrative.change_label(change, REGIONS) == (
        "2013: Africa split into East and Southern Africa and West and Central Africa"
    )


def test_same_regions_every_year_means_no_change(table):
    assert trends.scheme_changes(table[table["year"] >= 2013]) == []


def test_a_split_the_region_list_does_not_know_is_still_reported():
    unknown = dataclasses.replace(REGIONS, split_from={})
    frame = hand_made({2012: {AFRICA: 40, "Arab States": 20}, 2013: {ESA: 30, WCA: 50,
                       "Arab States": 20}})  # fmt: skip
    [change] = trends.scheme_changes(frame)
    label = trends_narrative.change_label(change, unknown)
    assert "Africa no longer in the tables" in label
    assert "East and Southern Africa in the tables" in label
    text = trends_narrative.change_paragraph(change, unknown)
    assert "Africa is in the 2012 tables but not in those of 2013." in text
    assert "West and Central Africa is in the 2013 tables but not in those of 2012." in text


def test_a_region_that_disappears_or_merges_is_said(tmp_path):
    frame = hand_made({2014: {ESA: 30, WCA: 50, "Arab States": 20}, 2015: {AFRICA: 40}})
    [change] = trends.scheme_changes(frame)
    text = trends_narrative.change_paragraph(change, REGIONS)
    assert (
        "In 2015, East and Southern Africa and West and Central Africa were merged into Africa"
        in text
    )
    assert "The Arab States region is in the 2014 tables but not in those of 2015." in text


def test_a_new_split_is_a_change_to_the_region_file_only(tmp_path):
    path = tmp_path / "regions.csv"
    text = DEFAULT_REGIONS_FILE.read_text(encoding="utf-8")
    path.write_text(
        text.rstrip("\n") + "\nSahel,SAH,the Sahel region,#000000,West and Central Africa,"
        "Sahel,le Sahel,au Sahel,Sahel,el Sahel,en el Sahel\n"
        "Gulf of Guinea,,Gulf of Guinea,,West and Central Africa,Golfe de Guinée,le golfe de "
        "Guinée,dans le golfe de Guinée,Golfo de Guinea,el golfo de Guinea,en el golfo de "
        "Guinea\n",
        encoding="utf-8",
    )
    extended = regions.load(path)
    frame = hand_made({2015: {WCA: 40, ESA: 30}, 2016: {"Sahel": 20, "Gulf of Guinea": 60,
                       ESA: 30}})  # fmt: skip
    [change] = trends.scheme_changes(frame)
    assert trends_narrative.change_label(change, extended) == (
        "2016: West and Central Africa split into Gulf of Guinea and Sahel"
    )
    assert "West and Central Africa was split into Gulf of Guinea and the Sahel region" in (
        trends_narrative.change_paragraph(change, extended)
    )
    trends_charts.figures(frame, extended)  # colours from the file, or a fallback: no error


def test_years_apart_are_said_as_between():
    frame = hand_made({2011: {AFRICA: 40}, 2013: {ESA: 30, WCA: 50}})
    [change] = trends.scheme_changes(frame)
    assert trends_narrative.change_paragraph(change, REGIONS).startswith(
        "Between 2011 and 2013, Africa"
    )


# --- the narrative -------------------------------------------------------------------------


def narrative_text(table: pd.DataFrame) -> str:
    """The page's paragraphs of text, as one string."""
    return " ".join(
        trends_narrative.overview_paragraphs(table, REGIONS)
        + trends_narrative.scheme_paragraphs(table, REGIONS)
    )


def test_the_narrative_explains_the_split_and_keeps_each_side(table):
    text = narrative_text(table)
    assert (
        "In 2013, Africa was split into East and Southern Africa and West and Central Africa"
        in (text)
    )
    assert "shown as each year reported them" in text and "merged" in text
    assert "Across all regions, the share of Country Offices supporting training/capacity" in text
    assert "the tables also show \u201cAfrica, combined\u201d" in text
    assert "data and research activity" not in text


def test_every_number_in_the_narrative_is_read_from_the_table(table):
    """Counts, per cents and years are the table's (a combined Africa adds its parts); the
    changes are differences of per cents, or of offices reporting (a caution's count)."""
    text = narrative_text(table)
    values = {int(v) for v in table[["year", "country_offices", "offices_reporting", "percent"]]
              .to_numpy().ravel()}  # fmt: skip
    for activity in (CAPACITY, AT_LEAST_ONE):
        for series in trends.combined_series(table, activity, REGIONS):
            values |= {v for p in series.points for v in (p.offices_reporting,
                       p.country_offices, p.percent)}  # fmt: skip
        for change in trends.regional_changes(table, activity, REGIONS):
            values |= {abs(change.points), abs(change.offices_change)}
        rows = table[(table["region"] == "Total") & (table["activity"] == activity)]
        values.add(abs(int(rows["percent"].iloc[-1]) - int(rows["percent"].iloc[0])))
    stated = numbers_in(text.replace("six activities of Table 2", ""))
    assert stated, text
    assert set(stated) <= values | {trends.FEW_OFFICES}, set(stated) - values
    assert "per cent" in text and "%" not in text


def made(counts: dict[int, dict[str, tuple[int, int]]]) -> pd.DataFrame:
    """A trends table from {year: {region: (offices, reporting)}}, both measures alike, with
    its totals."""
    rows = []
    for year, by_region in counts.items():
        for activity in (CAPACITY, AT_LEAST_ONE):
            for region, (offices, reporting) in sorted(by_region.items()):
                rows.append((year, region, activity, offices, reporting,
                             tables.percent(reporting, offices)))  # fmt: skip
            offices = sum(n for n, _ in by_region.values())
            reporting = sum(k for _, k in by_region.values())
            rows.append((year, "Total", activity, offices, reporting,
                         tables.percent(reporting, offices)))  # fmt: skip
    return pd.DataFrame(rows, columns=list(trends.COLUMNS))


def test_the_totals_in_percentage_points_with_counts_and_a_peak_between():
    frame = made({2011: {AFRICA: (40, 10)}, 2012: {AFRICA: (40, 30)}, 2013: {AFRICA: (40, 12)}})
    sentence = trends_narrative.total_sentence(frame, CAPACITY)
    assert sentence == (
        "Across all regions, the share of Country Offices supporting training/capacity-building "
        "rose by 5 percentage points, from 10 of 40 Country Offices (25 per cent) in 2011 to 12 "
        "of 40 (30 per cent) in 2013; it was highest in 2012, at 30 of 40 (75 per cent)."
    )
    plateau = made({2011: {AFRICA: (40, 4)}, 2012: {AFRICA: (40, 2)}, 2013: {AFRICA: (41, 2)},
                    2014: {AFRICA: (40, 8)}})  # fmt: skip
    assert trends_narrative.total_sentence(plateau, CAPACITY).endswith(
        "; it was lowest in 2012 and 2013, at 5 per cent (2 of 40 and 2 of 41)."
    )


def test_every_pair_of_consecutive_years_is_compared_not_only_the_ends():
    # First to last, Latin America rose most; from one year to the next, Arab States did.
    frame = made(
        {
            2011: {"Arab States": (20, 4), "Latin America and the Caribbean": (30, 3)},
            2012: {"Arab States": (20, 16), "Latin America and the Caribbean": (30, 9)},
            2013: {"Arab States": (20, 5), "Latin America and the Caribbean": (30, 15)},
        }
    )
    text = " ".join(trends_narrative.regional_sentences(frame, CAPACITY, REGIONS))
    assert (
        "rose most from one year to the next in the Arab States region, by 60 percentage "
        "points: from 4 of 20 Country Offices (20 per cent) in 2011 to 16 of 20 (80 per cent) "
        "in 2012."
    ) in text
    assert "fell only from one year to the next in the Arab States region, by 55 percentage" in (
        text
    )


def test_a_change_of_one_or_two_offices_is_not_called_the_largest():
    frame = made(
        {
            2011: {"Arab States": (17, 2), "Asia and the Pacific": (100, 20)},
            2012: {"Arab States": (17, 3), "Asia and the Pacific": (100, 25)},
        }
    )
    text = " ".join(trends_narrative.regional_sentences(frame, CAPACITY, REGIONS))
    assert "Counting only changes of more than two Country Offices reporting, the share" in text
    assert "rose only from one year to the next in Asia and the Pacific, by 5 percentage" in text
    assert (
        "A larger rise in the Arab States region, of 6 percentage points from 2 of 17 Country "
        "Offices (12 per cent) in 2011 to 3 of 17 (18 per cent) in 2012, rests on one more "
        "Country Office reporting: too few to read as a trend."
    ) in text
    alone = made({2011: {"Arab States": (17, 2)}, 2012: {"Arab States": (17, 3)}})
    text = " ".join(trends_narrative.regional_sentences(alone, CAPACITY, REGIONS))
    assert "It rests on one more Country Office reporting: too few to read as a trend." in text


def test_a_change_of_few_offices_is_never_said_to_be_left_aside_and_then_named():
    # The page: a solid rise beside a smaller one of few offices, and a fall of two
    # fewer offices only. It said "Leaving aside changes of two Country Offices or fewer",
    # then named that fall.
    frame = made(
        {
            2011: {"Arab States": (17, 5), "Asia and the Pacific": (100, 20)},
            2012: {"Arab States": (17, 3), "Asia and the Pacific": (100, 25)},
        }
    )
    sentences = trends_narrative.regional_sentences(frame, CAPACITY, REGIONS)
    text = " ".join(sentences)
    assert "aside" not in text
    assert sentences[1].startswith(
        "The share of Country Offices supporting training/capacity-building fell only from one "
        "year to the next in the Arab States region"
    )
    assert (
        sentences[2]
        == "It rests on two fewer Country Offices reporting: too few to read as a trend."
    )


def test_years_apart_are_said_between_them_not_from_one_year_to_the_next():
    frame = made(
        {
            2011: {"Arab States": (20, 4), "Asia and the Pacific": (30, 3)},
            2014: {"Arab States": (20, 16), "Asia and the Pacific": (30, 9)},
        }
    )
    text = " ".join(trends_narrative.regional_sentences(frame, CAPACITY, REGIONS))
    assert "one year to the next" not in text
    assert (
        "rose most between 2011 and 2014 in the Arab States region, by 60 percentage points: "
        "from 4 of 20 Country Offices (20 per cent) in 2011 to 16 of 20 (80 per cent) in 2014."
    ) in text
    assert "fell in no region between 2011 and 2014." in text
    same = made({2011: {"Arab States": (10, 2)}, 2014: {"Arab States": (10, 2)}})
    assert trends_narrative.regional_sentences(same, CAPACITY, REGIONS) == [
        "Between 2011 and 2014, the share of Country Offices supporting "
        "training/capacity-building did not change in any region."
    ]
    # Some pairs consecutive, some not: neither phrase would be true of all.
    mixed = made({2011: {"Arab States": (10, 2)}, 2012: {"Arab States": (10, 3)},
                  2014: {"Arab States": (10, 5)}})  # fmt: skip
    text = " ".join(trends_narrative.regional_sentences(mixed, CAPACITY, REGIONS))
    assert "from one year with tables to the next" in text


def test_ties_are_named_together_and_no_change_is_said_plainly():
    frame = made(
        {
            2011: {"Arab States": (10, 1), "Latin America and the Caribbean": (10, 2)},
            2012: {"Arab States": (10, 5), "Latin America and the Caribbean": (10, 6)},
        }
    )
    text = " ".join(trends_narrative.regional_sentences(frame, CAPACITY, REGIONS))
    assert "rose in two cases only from one year to the next, by 40 percentage points each: in" in (
        text
    )
    assert "fell in no region from one year to the next." in text
    same = made({2011: {"Arab States": (10, 2)}, 2012: {"Arab States": (10, 2)}})
    assert trends_narrative.regional_sentences(same, CAPACITY, REGIONS) == [
        "From one year to the next, the share of Country Offices supporting "
        "training/capacity-building did not change in any region."
    ]
    apart = made({2011: {"Arab States": (10, 2)}, 2014: {"Asia and the Pacific": (5, 1)}})
    assert "No region is in the tables of two successive years with tables" in " ".join(
        trends_narrative.regional_sentences(apart, CAPACITY, REGIONS)
    )


def test_africa_is_followed_across_the_split_as_its_parts_added_together():
    frame = made(
        {
            2012: {AFRICA: (40, 10), "Arab States": (20, 4)},
            2013: {ESA: (22, 9), WCA: (19, 10), "Arab States": (20, 4)},
        }
    )
    [combined] = trends.combined_series(frame, CAPACITY, REGIONS)
    assert combined.parts == (ESA, WCA)
    assert [(p.year, p.offices_reporting, p.country_offices, p.percent) for p in combined.points
            ] == [(2012, 10, 40, 25), (2013, 19, 41, 46)]  # fmt: skip
    table = trends.region_year_table(frame, CAPACITY, REGIONS)
    assert list(table.loc["Africa, combined"]) == ["25%", "46%"]
    assert list(table.index)[-2:] == ["Africa, combined", "Total"]
    text = " ".join(trends_narrative.regional_sentences(frame, CAPACITY, REGIONS))
    assert (
        "rose only from one year to the next in Africa (East and Southern Africa and West and "
        "Central Africa added together in 2013), by 21 percentage points: from 10 of 40 Country "
        "Offices (25 per cent) in 2012 to 19 of 41 (46 per cent) in 2013."
    ) in text
    [note] = trends_narrative.combined_notes(frame, CAPACITY, REGIONS)
    assert note.startswith("Africa, combined: Africa as reported in 2012; East and Southern")


# --- charts and files ----------------------------------------------------------------------


def test_lines_never_join_regions_across_the_change(table):
    fig = trends_charts.percent_over_years(table, CAPACITY, REGIONS, "Title")
    ax = fig.axes[0]
    by_colour: dict[str, set[float]] = {}
    for line in ax.get_lines():
        xs = {float(x) for x in line.get_xdata()}
        by_colour.setdefault(to_hex(line.get_color()), set()).update(xs)
    # Each region's points a little beside its year (none hides another's), on the right side.
    assert {round(x) for x in by_colour[drawn(AFRICA)]} == {2011, 2012}
    assert {round(x) for x in by_colour[drawn(ESA)]} == {2013, 2014}
    assert {round(x) for x in by_colour[drawn(WCA)]} == {2013, 2014}
    assert 2012.5 in by_colour["#333333"]  # the dotted line between 2012 and 2013
    texts = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert "2013: Africa split into East and Southern Africa and West and Central Africa" in texts
    assert [int(t) for t in ax.get_xticks()] == YEARS
    # Each year's all-region per cent under it, where no region's marker can cover it.
    totals = table[(table["region"] == "Total") & (table["activity"] == CAPACITY)]
    expected = [f"{y}\n{int(p)}%" for y, p in zip(totals["year"], totals["percent"], strict=True)]
    assert [t.get_text() for t in ax.get_xticklabels()] == expected


def test_a_year_without_the_region_breaks_its_line():
    frame = hand_made({2011: {"Arab States": 10, AFRICA: 5}, 2012: {AFRICA: 6},
                       2013: {"Arab States": 30, AFRICA: 7}})  # fmt: skip
    ax = trends_charts.percent_over_years(frame, CAPACITY, REGIONS, "Title").axes[0]
    colour = drawn("Arab States")
    runs = [
        [round(x) for x in line.get_xdata()]
        for line in ax.get_lines()
        if to_hex(line.get_color()) == colour
    ]
    assert runs == [[2011], [2013]]


def test_files_are_written_and_byte_identical(table, tmp_path):
    written, _ = trends_report.write(table, REGIONS, tmp_path / "a")
    trends_report.write(table, REGIONS, tmp_path / "b")
    first, second = tree_bytes(tmp_path / "a"), tree_bytes(tmp_path / "b")
    assert first == second
    names = {f"figures/{stem}.{fmt}" for stem in trends.MEASURES for fmt in ("png", "svg")}
    assert set(first) == {"trends.csv", "trends.html", *names}
    assert {p.relative_to(tmp_path / "a").as_posix() for p in written} == set(first)
    for stem in trends.MEASURES:
        assert first[f"figures/{stem}.png"].startswith(b"\x89PNG")
        assert b"<svg" in first[f"figures/{stem}.svg"]


def test_the_page_is_self_contained_and_escapes_region_names(table, tmp_path):
    odd = "Arab <States> & Co"
    renamed = table.assign(region=table["region"].replace("Arab States", odd))
    trends_report.write(renamed, REGIONS, tmp_path)
    html = (tmp_path / TRENDS_HTML_FILE).read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "Arab &lt;States&gt; &amp; Co" in html
    assert odd not in html
    assert html.count("data:image/png;base64,") == 2
    assert "2013, Africa was split into East and Southern Africa and West and Central Africa" in (
        html
    )
    for year in YEARS:
        assert f"<td>{year}</td>" in html  # the totals table, a row a year


def test_the_dash_is_explained_only_where_a_table_shows_one(tmp_path):
    same = hand_made({2011: {"Arab States": 10, AFRICA: 20}, 2012: {"Arab States": 30,
                      AFRICA: 20}})  # fmt: skip
    split = hand_made({2012: {AFRICA: 20}, 2013: {ESA: 30, WCA: 40}})
    note = "the region is not in that year's tables"
    for frame, shown in ((same, False), (split, True)):
        trends_report.write(frame, REGIONS, tmp_path)
        assert (note in (tmp_path / TRENDS_HTML_FILE).read_text(encoding="utf-8")) == shown


# --- one year only -------------------------------------------------------------------------


def run_notebook_cells(**parameters) -> str:
    """The notebook's code cells in this process, parameters set as papermill would; stdout."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            exec("".join(cell["source"]), namespace)  # our own notebook
            if "parameters" in cell["metadata"].get("tags", []):
                namespace.update(parameters)
    return printed.getvalue()


def test_the_notebook_has_the_parameters_it_is_called_with():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    [parameters] = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    names = {line.split("=")[0].strip() for line in parameters["source"]}
    from analysis.run.execute import trends_parameters

    assert names == set(trends_parameters(Path(), Path(), Path(), [], Path()))
    assert all(c["cell_type"] != "code" or not c["outputs"] for c in cells)


def test_one_year_only_is_skipped_with_a_note(years_out, tmp_path):
    out, _ = years_out
    single = tmp_path / "out"
    (single / "2011").mkdir(parents=True)
    for name in (TABLE1_FILE, TABLE2_FILE):
        (single / "2011" / name).write_bytes((out / "2011" / name).read_bytes())
    assert trends.available_years(single) == [2011]
    note = trends_narrative.skip_note([2011], single)
    assert "Only 2011 has tables" in note and "skipped" in note
    assert "No year has tables" in trends_narrative.skip_note([])
    assert "Only 2011 was asked for" in trends_narrative.skip_note([2011], named=True)
    printed = run_notebook_cells(
        raw_dir=str(out.parent / "raw"),
        processed_dir=str(out.parent / "processed"),
        out_dir=str(single),
    )
    assert "Only 2011 has tables" in printed and "nothing is written" in printed
    assert sorted(p.relative_to(single).as_posix() for p in single.rglob("*")) == [
        "2011",
        f"2011/{TABLE1_FILE}",
        f"2011/{TABLE2_FILE}",
    ]


def test_the_notebook_writes_what_write_writes(years_out, tmp_path):
    out, _ = years_out
    copy = tmp_path / "out"
    for year in YEARS:
        (copy / str(year)).mkdir(parents=True)
        for name in (TABLE1_FILE, TABLE2_FILE):
            (copy / str(year) / name).write_bytes((out / str(year) / name).read_bytes())
    # The raw folder of these years, not the project's: the page states each year's status.
    raw = out.parent / "raw"
    processed = out.parent / "processed"  # none: each status as its raw folder declares it
    printed = run_notebook_cells(
        raw_dir=str(raw),
        processed_dir=str(processed),
        out_dir=str(copy),
        years="2011,2012,2013,2014",
    )
    assert "In 2013, Africa was split" in printed.replace("\n", " ")
    statuses = year_statuses(raw, processed, YEARS)
    trends_report.write(trends.collect(out, YEARS), REGIONS, tmp_path / "direct", statuses)
    assert tree_bytes(copy / TRENDS_DIR) == tree_bytes(tmp_path / "direct")


def test_a_change_across_years_without_tables_is_labelled_with_both_years():
    # 2012 and 2013 have no tables: the split happened somewhere between 2011 and 2014.
    frame = hand_made({2011: {AFRICA: 20}, 2014: {ESA: 30, WCA: 40}})
    (change,) = trends.scheme_changes(frame[frame["activity"] == CAPACITY])
    assert trends_narrative.change_label(change, REGIONS).startswith(
        "2011\u20132014: Africa split into"
    )
    (next_year,) = trends.scheme_changes(hand_made({2012: {AFRICA: 20}, 2013: {ESA: 30, WCA: 40}}))
    assert trends_narrative.change_label(next_year, REGIONS).startswith("2013: Africa split into")


def test_the_page_states_each_years_data_status_and_numbers_its_tables(table, tmp_path):
    from analysis.status import DataStatus

    statuses = {2011: DataStatus("reconstruction", "Rebuilt from the paper."),
                2012: DataStatus("original")}  # fmt: skip
    trends_report.write(table, REGIONS, tmp_path, statuses)
    html = (tmp_path / TRENDS_HTML_FILE).read_text(encoding="utf-8")
    head = html[html.index("<h1>") : html.index("<h2>")]
    assert (
        "<strong>Data status: Reconstruction, not the original export (2011).</strong> "
        "Rebuilt from the paper." in head
    )
    assert "Data status: Original export (2012).</strong> The figures are computed" in head
    assert "Data status: Not declared (2013 and 2014).</strong>" in head
    assert re.findall(r"<caption>Table (\d)\.", html) == ["1", "2", "3"]
    assert re.findall(r'<span class="figure-title">Figure (\d)\.', html) == ["1", "2"]
    assert html.count('<p class="source">Source: the tables of 2011, 2012, 2013 and 2014') == 3
    assert html.count('<p class="source">Source: Table ') == 2  # under each figure


# --- any run of years ----------------------------------------------------------------------

YEAR_COUNTS = st.lists(
    st.dictionaries(
        st.sampled_from([AFRICA, ESA, WCA, "Arab States", "Latin America and the Caribbean"]),
        st.tuples(st.integers(1, 30), st.integers(0, 30)),
        min_size=1,
        max_size=4,
    ),
    min_size=2,
    max_size=5,
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(YEAR_COUNTS, st.lists(st.integers(1, 3), min_size=5, max_size=5))
def test_the_trends_text_holds_for_any_run_of_years(drawn, gaps):
    """Ties, zeros, everyone, regions coming and going, years apart: the text says only true
    rises and falls, never a share of some as 0 or 100 per cent, never that it leaves a change
    aside, and "from one year to the next" only of consecutive years."""
    counts = {}
    year = 2010
    for by_region, gap in zip(drawn, gaps, strict=False):
        year += gap
        if AFRICA in by_region and (ESA in by_region or WCA in by_region):
            del by_region[AFRICA]  # refused by clean: never both in one year
        counts[year] = {r: (n, min(k, n)) for r, (n, k) in by_region.items()}
    years = sorted(counts)
    successive = set(zip(years, years[1:], strict=False))
    frame = made(counts)
    text = " ".join(
        trends_narrative.overview_paragraphs(frame, REGIONS)
        + trends_narrative.scheme_paragraphs(frame, REGIONS)
    )
    assert not re.search(r"\b(0|100) per cent\b", text), text
    assert "aside" not in text, text
    if all(after > before + 1 for before, after in successive):
        assert "one year to the next" not in text, text
    for before, after in re.findall(r"\bbetween (\d{4}) and (\d{4})\b", text, re.IGNORECASE):
        assert (int(before), int(after)) in successive and int(after) > int(before) + 1, text
    for activity in (CAPACITY, AT_LEAST_ONE):
        changes = trends.regional_changes(frame, activity, REGIONS)
        for direction, verb in ((1, "rose"), (-1, "fell")):
            moves = [c for c in changes if c.points * direction > 0]
            solid = [c for c in moves if not c.rests_on_few]
            if not moves:
                continue
            best = max(abs(c.points) for c in solid or moves)
            assert f"{verb}" in text and trends_narrative.percentage_points(best) in text, text
            if not solid:
                assert "too few to read as a trend" in text, text
