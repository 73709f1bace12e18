"""The synthetic-data generator: contract-valid, deterministic years, never into data/raw."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.clean import clean_year
from analysis.errors import InputError
from analysis.synth import AFRICA_SPLIT_YEAR, write_years

OFFICES = 150


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_years_pass_cleaning(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "synth"
    folders = write_years([2011, 2020], OFFICES, out, seed=3, fmt=fmt)
    assert folders == [out / "2011", out / "2020"]
    assert (out / "2020" / f"activities.{fmt}").is_file()
    for year in (2011, 2020):
        clean = clean_year(out, year)
        assert len(clean.offices) == OFFICES
        assert 0 < clean.offices["has_report"].sum() < OFFICES
        # The export quirks are there: superseded reports and names spelled another way.
        assert {"duplicate_set_aside", "name_matched", "region_read"} <= set(clean.log["event"])


def test_roster_size_and_regions(tmp_path: Path) -> None:
    write_years([AFRICA_SPLIT_YEAR - 1, AFRICA_SPLIT_YEAR], OFFICES, tmp_path / "s")
    before = clean_year(tmp_path / "s", AFRICA_SPLIT_YEAR - 1).offices
    after = clean_year(tmp_path / "s", AFRICA_SPLIT_YEAR).offices
    assert len(before) == len(after) == OFFICES
    assert "Africa" in set(before["region"])
    assert not {"East and Southern Africa", "West and Central Africa"} & set(before["region"])
    assert {"East and Southern Africa", "West and Central Africa"} <= set(after["region"])
    assert "Africa" not in set(after["region"])
    # The same offices in both years; only Africa's offices change region.
    merged = before.merge(after, on="country_office", suffixes=("_before", "_after"))
    assert len(merged) == OFFICES
    moved = merged[merged["region_before"] != merged["region_after"]]
    assert set(moved["region_before"]) == {"Africa"}


def test_one_office(tmp_path: Path) -> None:
    write_years([2015], 1, tmp_path / "s")
    assert len(clean_year(tmp_path / "s", 2015).offices) == 1


def test_deterministic(tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx"):
        write_years([2012, 2014], 60, tmp_path / f"a-{fmt}", seed=7, fmt=fmt)
        write_years([2012, 2014], 60, tmp_path / f"b-{fmt}", seed=7, fmt=fmt)
        assert _files(tmp_path / f"a-{fmt}") == _files(tmp_path / f"b-{fmt}")
    write_years([2012, 2014], 60, tmp_path / "c", seed=8)
    assert _files(tmp_path / "c") != _files(tmp_path / "a-csv")


def test_csv_is_utf8_with_lf(tmp_path: Path) -> None:
    write_years([2010], 80, tmp_path / "s")
    for name in ("country_offices.csv", "activities.csv"):
        data = (tmp_path / "s" / "2010" / name).read_bytes()
        data.decode("utf-8")
        assert b"\r" not in data
    header = pd.read_csv(tmp_path / "s" / "2010" / "activities.csv", nrows=0).columns
    assert list(header)[:4] == ["Country Office", "Region", "Year", "Submitted"]


def test_readme_says_synthetic(tmp_path: Path) -> None:
    write_years([2010], 10, tmp_path / "s", seed=5)
    readme = (tmp_path / "s" / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme
    assert "not UNFPA data" in readme
    assert "python -m analysis synth" in readme
    assert "seed: 5" in readme
    assert "data/raw" in readme


def test_rewrites_own_folder_in_other_format(tmp_path: Path) -> None:
    write_years([2010], 10, tmp_path / "s")
    write_years([2010], 10, tmp_path / "s", fmt="xlsx")
    assert not (tmp_path / "s" / "2010" / "activities.csv").exists()
    clean_year(tmp_path / "s", 2010)


@pytest.mark.parametrize(
    "out", [paths.RAW_DIR, paths.RAW_DIR / "2099", paths.RAW_DIR / "a" / ".." / "synthetic"]
)
def test_refuses_raw_dir(out: Path) -> None:
    with pytest.raises(InputError) as err:
        write_years([2099], 5, out)
    assert "\n" not in str(err.value)
    assert not (paths.RAW_DIR / "2099").exists()
    assert not (paths.RAW_DIR / "synthetic").exists()


def test_refuses_folder_that_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "country_offices.csv").write_text("country_office,region\n")
    with pytest.raises(InputError):
        write_years([2010], 5, tmp_path / "real")


@pytest.mark.parametrize(
    ("years", "offices", "seed", "fmt"),
    [
        ([2010], 0, 0, "csv"),
        ([2010], -3, 0, "csv"),
        ([10], 5, 0, "csv"),
        ([20100], 5, 0, "csv"),
        ([], 5, 0, "csv"),
        ([2010], 5, -1, "csv"),
        ([2010], 5, 0, "json"),
    ],
)
def test_refuses_bad_parameters(
    tmp_path: Path, years: list[int], offices: int, seed: int, fmt: str
) -> None:
    with pytest.raises(InputError):
        write_years(years, offices, tmp_path / "s", seed=seed, fmt=fmt)
    assert not (tmp_path / "s").exists()


def test_the_regions_come_from_the_region_list(tmp_path: Path) -> None:
    """A list of other regions, one of them carved out of another, with and without aliases:
    the years use exactly its regions, and its aliases where they use one."""
    out = tmp_path / "s"
    regions_file = tmp_path / paths.REGIONS_FILE
    regions_file.write_text(
        "region,aliases,in_text,colour,split_from\n"
        "North,N; NR,the North,#0072B2,\n"
        "South,,the South,#D55E00,\n"
        "Far South,FS,the Far South,#009E73,South\n",
        encoding="utf-8",
    )
    write_years([AFRICA_SPLIT_YEAR - 1, AFRICA_SPLIT_YEAR], 60, out, regions_file=regions_file)
    (out / paths.REGIONS_FILE).write_bytes(regions_file.read_bytes())  # the list its run reads
    before = clean_year(out, AFRICA_SPLIT_YEAR - 1).offices
    after = clean_year(out, AFRICA_SPLIT_YEAR).offices
    assert set(before["region"]) == {"North", "South"}
    assert set(after["region"]) == {"North", "Far South"}  # South, as carved up, is gone
    typed = pd.read_csv(out / str(AFRICA_SPLIT_YEAR) / paths.ROSTER_FILE, dtype=str)["region"]
    assert set(typed) <= {"North", "N", "NR", "Far South", "FS"}
