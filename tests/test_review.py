"""The review page: what changed since the previous year. Its counts add up, for every cell
of Table 1 and Table 2, to the change in the count of offices reporting."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import copy_fixture_years, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import clean, review, tables
from analysis.paths import YearPaths
from analysis.regions import TOTAL
from analysis.schema import ACTIVITY_FLAGS

REGIONS = ("Africa", "Arab States", "Asia and the Pacific")


def both_tables(offices: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([tables.table1(offices), tables.table2(offices)], ignore_index=True)


def assert_identity(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    changes = review.rows(previous, current)
    summary = review.cells(both_tables(previous), both_tables(current), changes)
    for cell in summary.itertuples():
        explained = cell.before + cell.started - cell.stopped + cell.arrived - cell.departed
        assert cell.now == explained, cell
    # Every cell of both years' tables is there, and each Total's changes are its offices'.
    keys = {
        (r.region, r.activity) for t in (previous, current) for r in both_tables(t).itertuples()
    }
    assert set(zip(summary["region"], summary["activity"], strict=True)) == keys
    return summary


def offices_frame(drawn: dict[str, tuple[int, bool, tuple[bool, ...]]]) -> pd.DataFrame:
    rows = [
        {"country_office": name, "region": REGIONS[r], "has_report": sent,
         **{a: sent and f for a, f in zip(ACTIVITY_FLAGS, flags, strict=True)}}
        for name, (r, sent, flags) in sorted(drawn.items())
    ]  # fmt: skip
    return pd.DataFrame(rows)


OFFICE = st.tuples(
    st.integers(0, len(REGIONS) - 1),
    st.booleans(),
    st.tuples(*[st.booleans()] * len(ACTIVITY_FLAGS)),
)
YEAR = st.dictionaries(st.sampled_from([f"Office {i}" for i in range(12)]), OFFICE, min_size=1)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(YEAR, YEAR)
def test_the_changes_add_up_to_every_cells_change(before, after):
    # Offices joining, leaving, moving between regions, stopping to report; regions coming and
    # going: before + started - stopped + arrived - departed is the count now, in every cell.
    previous, current = offices_frame(before), offices_frame(after)
    summary = assert_identity(previous, current)
    changes = review.rows(previous, current)
    roster = changes[changes["section"] == "roster"]
    assert set(roster.loc[roster["change"] == review.JOINED, "country_office"]) == (
        set(after) - set(before)
    )
    assert set(roster.loc[roster["change"] == review.LEFT, "country_office"]) == (
        set(before) - set(after)
    )
    moved = {o for o in set(before) & set(after) if before[o][0] != after[o][0]}
    assert set(roster.loc[roster["change"] == review.MOVED, "country_office"]) == moved
    total = summary[summary["region"] == TOTAL]
    # In the Total row nobody arrives but by joining the roster, nor departs but by leaving it.
    joined, left = set(after) - set(before), set(before) - set(after)
    assert (total["arrived"] <= len(joined)).all() and (total["departed"] <= len(left)).all()


def test_the_fixture_years_across_the_split_of_africa(tmp_path):
    # 2012 has Africa; 2014 East and Southern, and West and Central Africa: every office of
    # Africa departs it, and arrives in one of its parts.
    raw = copy_fixture_years(tmp_path / "raw")
    processed = tmp_path / "processed"
    for year in (2012, 2014):
        clean.write(clean.clean_year(raw, year), processed / str(year))
    previous = clean.read_offices(processed / "2012")
    current = clean.read_offices(processed / "2014")
    summary = assert_identity(previous, current)
    africa = summary[summary["region"] == "Africa"]
    assert (africa["now"] == 0).all() and (africa["departed"] == africa["before"]).all()
    assert (africa["before"] > 0).any()
    paths = YearPaths(2014, raw, processed, tmp_path / "out")
    written = review.write_for_year(paths)
    assert written == tmp_path / "out" / "2014" / "review" / "review.html"
    page = written.read_text(encoding="utf-8")
    assert "For the researcher, not for handing in." in page
    assert "between 2012 and 2014" in page
    lines = (written.parent / "review.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "previous_year,year,section,region,activity,change,country_office,detail"
    assert len(lines) == len(review.rows(previous, current)) + 1
    # No earlier year: nothing is written.
    first = YearPaths(2012, raw, processed, tmp_path / "out")
    assert review.write_for_year(first) is None
    assert not (tmp_path / "out" / "2012").exists()


def test_office_names_reach_the_page_as_text(tmp_path):
    previous = offices_frame({"<script>alert(1)</script>": (0, True, (True,) * 7)})
    current = offices_frame({"<script>alert(1)</script>": (1, False, (False,) * 7)})
    changes = review.rows(previous, current)
    summary = review.cells(both_tables(previous), both_tables(current), changes)
    page = review.page(2011, 2010, changes, summary)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "from Africa to Arab States" in page


@pytest.mark.slow  # runs the years through kernels
def test_a_run_reviews_each_year_and_remakes_it_when_the_previous_year_changes(tmp_path):
    raw = copy_fixture_years(tmp_path / "raw")
    shutil.rmtree(raw / "2014")
    export = (raw / "2012" / "activities.csv").read_text(encoding="utf-8")
    ghana = "Ghana,AFRO,2012,2013-01-20,yes,"
    assert ghana in export
    (raw / "2013").mkdir()
    shutil.copy2(raw / "2012" / "country_offices.csv", raw / "2013")
    (raw / "2013" / "activities.csv").write_text(export.replace(",2012,", ",2013,"), "utf-8")
    folders = ["--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p")]
    folders += ["--out-dir", str(tmp_path / "o"), "--no-trends", "--jobs", "2"]
    first = run_cli("run", "--all", *folders)
    assert first.returncode == 0, first.stderr
    review_csv = tmp_path / "o" / "2013" / "review" / "review.csv"
    assert len(review_csv.read_text(encoding="utf-8").splitlines()) == 1  # the same offices
    assert not (tmp_path / "o" / "2012" / "review").exists()  # no earlier year
    # Ghana stops training in 2012's export: 2013's review is remade, in the same run.
    (raw / "2012" / "activities.csv").write_text(
        export.replace(ghana, ghana.replace(",yes,", ",no,")), encoding="utf-8"
    )
    second = run_cli("run", "--all", *folders)
    assert second.returncode == 0, second.stderr
    assert "[2013] report done" in second.stdout
    assert "2012,2013,activity,Africa,training_capacity_building,started,Ghana," in (
        review_csv.read_text(encoding="utf-8")
    )
    again = run_cli("run", "--all", *folders)
    assert "2013: unchanged since the last run" in again.stdout
