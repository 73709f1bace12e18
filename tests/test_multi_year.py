"""Several synthetic years across UNFPA's 2013 change of regions, run together with two jobs."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_cli

from analysis.paths import TABLE1_FILE, TABLE2_FILE
from analysis.synth import AFRICA_SPLIT_YEAR

YEARS = (2011, 2012, 2013, 2014)


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("series")
    made = run_cli(
        "synth", "--years", ",".join(map(str, YEARS)), "--offices", "60", "--out", str(root / "raw")
    )
    assert made.returncode == 0, made.stderr
    result = run_cli(
        "run", "--all", "--jobs", "2", "--raw-dir", str(root / "raw"),
        "--processed-dir", str(root / "p"), "--out-dir", str(root / "o"),
    )  # fmt: skip
    return {"root": root, "result": result}


def test_all_years_and_the_trends_succeed(series):
    result = series["result"]
    assert result.returncode == 0, result.stderr
    for year in YEARS:
        assert f"{year}: done." in result.stdout
    assert "trends (2011, 2012, 2013, 2014): done." in result.stdout


def test_trend_table_is_exactly_the_per_year_tables(series):
    out = series["root"] / "o"
    trends = pd.read_csv(out / "trends" / "trends.csv")
    assert list(trends.columns) == [
        "year", "region", "activity", "country_offices", "offices_reporting", "percent"
    ]  # fmt: skip
    per_year = pd.concat(
        [
            pd.read_csv(out / str(year) / name).assign(year=year)
            for year in YEARS
            for name in (TABLE1_FILE, TABLE2_FILE)
        ]
    )
    key = ["year", "region", "activity"]
    merged = trends.merge(per_year, on=key, how="outer", suffixes=("", "_year"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    for column in ("country_offices", "offices_reporting", "percent"):
        assert (merged[column] == merged[f"{column}_year"]).all(), column
    assert not trends.duplicated(key).any()


def test_regions_on_either_side_of_the_split_are_kept_as_they_were(series):
    trends = pd.read_csv(series["root"] / "o" / "trends" / "trends.csv")
    africa_years = set(trends.loc[trends["region"] == "Africa", "year"])
    split_years = set(trends.loc[trends["region"] == "East and Southern Africa", "year"])
    assert africa_years == {y for y in YEARS if y < AFRICA_SPLIT_YEAR}
    assert split_years == {y for y in YEARS if y >= AFRICA_SPLIT_YEAR}


def test_pages_made_from_synthetic_years_say_so(series):
    for page in ("trends/trends.html", "2013/report.html"):
        html = (series["root"] / "o" / page).read_text(encoding="utf-8")
        assert '<p class="status synthetic"><strong>Data status: Synthetic data' in html, page


def test_the_trends_page_explains_the_split(series):
    html = (series["root"] / "o" / "trends" / "trends.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "2013" in html and "Africa" in html
    assert "East and Southern Africa" in html and "West and Central Africa" in html
    for stem in ("trends_capacity_building", "trends_at_least_one"):
        for fmt in ("png", "svg"):
            assert (series["root"] / "o" / "trends" / "figures" / f"{stem}.{fmt}").is_file()


def test_one_year_only_skips_the_trends_with_a_note(tmp_path):
    made = run_cli("synth", "--years", "2012", "--offices", "20", "--out", str(tmp_path / "raw"))
    assert made.returncode == 0, made.stderr
    result = run_cli(
        "run", "--all", "--raw-dir", str(tmp_path / "raw"),
        "--processed-dir", str(tmp_path / "p"), "--out-dir", str(tmp_path / "o"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "trends: skipped, they need two years" in result.stdout
    assert not (tmp_path / "o" / "trends").exists()
