"""A year that fails keeps its earlier outputs: the trends step must not use them as current."""

from __future__ import annotations

import shutil

import pytest
from conftest import copy_fixture_years, run_cli, tree_bytes

HELD = "trends: not updated, because 2012 failed. {out}/trends/ still shows the last good run."


@pytest.fixture(scope="module")
def both_years_once(tmp_path_factory) -> dict:
    """Both fixture years run once, with their trends, and a copy of the folders as they
    were then: the run is the slow part, and every test here starts from it."""
    root = tmp_path_factory.mktemp("both-years")
    raw = copy_fixture_years(root / "raw")
    dirs = ["--raw-dir", str(raw), "--processed-dir", str(root / "p"),
            "--out-dir", str(root / "o")]  # fmt: skip
    good = run_cli("run", "--all", *dirs)
    assert good.returncode == 0, good.stderr
    assert "trends (2012, 2014): done." in good.stdout
    saved = tmp_path_factory.mktemp("both-years-saved")
    for name in ("raw", "p", "o"):
        shutil.copytree(root / name, saved / name, symlinks=True)
    return {"root": root, "saved": saved, "raw": raw, "dirs": dirs, "out": root / "o"}


@pytest.fixture
def both_years(both_years_once) -> dict:
    """The folders put back as the run left them, at the same paths (the manifests name
    the raw folder by its path), whatever the test before did to them."""
    root, saved = both_years_once["root"], both_years_once["saved"]
    for name in ("raw", "p", "o"):
        shutil.rmtree(root / name, ignore_errors=True)
        shutil.copytree(saved / name, root / name, symlinks=True)
    return both_years_once


@pytest.fixture
def good_then_broken(both_years) -> dict:
    """Then 2012's export given a bad flag."""
    activities = both_years["raw"] / "2012" / "activities.csv"
    text = activities.read_text(encoding="utf-8")
    bad = text.replace("Ghana,AFRO,2012,2013-01-20,yes", "Ghana,AFRO,2012,2013-01-20,maybe")
    assert bad != text
    activities.write_text(bad, encoding="utf-8")
    return {"dirs": both_years["dirs"], "trends": both_years["out"] / "trends"}


# --force too: the trends would otherwise be rebuilt, from 2012's stale tables.
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["rerun", "force"])
def test_trends_are_not_updated_when_a_year_fails(good_then_broken, force):
    before = tree_bytes(good_then_broken["trends"])
    result = run_cli("run", "--all", *force, *good_then_broken["dirs"])
    assert result.returncode == 1
    assert "2012: FAILED" in result.stderr
    assert "value 'maybe'" in result.stderr
    assert "2014: " in result.stdout
    out = good_then_broken["dirs"][-1]
    assert HELD.format(out=out) in result.stderr
    assert "trends (" not in result.stdout + result.stderr  # no "unchanged", no "done"
    assert tree_bytes(good_then_broken["trends"]) == before


def test_no_trends_says_nothing_of_them(good_then_broken):
    result = run_cli("run", "--all", "--no-trends", *good_then_broken["dirs"])
    assert result.returncode == 1
    assert "2012: FAILED" in result.stderr
    assert "trends:" not in result.stdout + result.stderr
    assert "trends (" not in result.stdout + result.stderr


def test_a_later_run_of_another_year_does_not_rebuild_them(good_then_broken):
    """The hold comes from the files, not from one command: 2012's export changed since its
    tables were made, so a run of 2014 alone, even forced, leaves the trends as they were."""
    before = tree_bytes(good_then_broken["trends"])
    result = run_cli("run", "--year", "2014", "--force", *good_then_broken["dirs"])
    out = good_then_broken["dirs"][-1]
    assert (
        "trends: not updated, because the raw files of 2012 changed since its tables were made "
        f"(run it). {out}/trends/ still shows the last good run."
    ) in result.stderr
    assert tree_bytes(good_then_broken["trends"]) == before


def test_a_failed_year_without_tables_does_not_hold_them(tmp_path):
    """A year that has never had tables is not in the trends: its failure leaves them be."""
    raw = copy_fixture_years(tmp_path / "raw")
    (raw / "2016").mkdir()
    result = run_cli("run", "--all", "--raw-dir", str(raw), "--processed-dir",
                     str(tmp_path / "p"), "--out-dir", str(tmp_path / "o"))  # fmt: skip
    assert result.returncode == 1
    assert "2016: FAILED" in result.stderr
    assert "trends (2012, 2014): done." in result.stdout


def test_a_new_region_list_holds_them_until_every_year_is_remade_with_it(both_years):
    # 2014 remade with a region renamed, 2012's tables still with the old name: trends of the
    # two would show a region vanishing that did not.
    from analysis.paths import DEFAULT_REGIONS_FILE

    text = DEFAULT_REGIONS_FILE.read_text(encoding="utf-8")
    renamed = text.replace("Arab States,AS;", "Arab States and Maghreb,Arab States; AS;", 1)
    assert renamed != text
    (both_years["raw"] / "regions.csv").write_text(renamed, encoding="utf-8")
    before = tree_bytes(both_years["out"] / "trends")
    result = run_cli("run", "--year", "2014", *both_years["dirs"])
    assert result.returncode == 0, result.stderr
    assert (
        "trends: not updated, because the tables of 2012 were made with another region list, "
        "code or notebook (run it)"
    ) in result.stderr
    assert tree_bytes(both_years["out"] / "trends") == before
    remade = run_cli("run", "--all", *both_years["dirs"])
    assert "trends (2012, 2014): done." in remade.stdout, remade.stderr
    assert "Arab States and Maghreb" in (both_years["out"] / "trends" / "trends.csv").read_text()


def test_marking_the_raw_folder_synthetic_remakes_the_pages_that_say_so(both_years):
    from analysis.status import STATUS_FILE

    for year in ("2012", "2014"):
        (both_years["raw"] / year / STATUS_FILE).write_text("status: synthetic\n", encoding="utf-8")
    result = run_cli("run", "--all", *both_years["dirs"])
    assert result.returncode == 0, result.stderr
    assert "unchanged" not in result.stdout
    for page in ("2012/report.html", "2014/report.html", "trends/trends.html"):
        assert "Data status: Synthetic data" in (both_years["out"] / page).read_text(), page


def test_tables_changed_by_hand_hold_them(both_years):
    table = both_years["out"] / "2012" / "table1_capacity_building.csv"
    table.write_text(table.read_text() + "\n")
    result = run_cli("run", "--year", "2014", *both_years["dirs"])
    assert "because the tables of 2012 changed since its last run (run it)" in result.stderr
    (both_years["out"] / "2012" / "manifest.json").unlink()  # as notebooks run by hand leave it
    result = run_cli("run", "--year", "2014", *both_years["dirs"])
    assert "because the tables of 2012 have no manifest.json: no run made them (run it)" in (
        result.stderr
    )


def test_an_archived_year_is_checked_against_what_its_run_recorded(both_years, tmp_path):
    # 2012's raw folder moved away after its run: "run it" cannot work, and its tables are
    # still checked, from its manifest's records, against today's code and notebooks.
    archived = tmp_path / "archive-2012"
    (both_years["raw"] / "2012").rename(archived)
    result = run_cli("run", "--year", "2014", *both_years["dirs"])
    assert "trends (2012, 2014): unchanged" in result.stdout, result.stderr  # still current
    table = both_years["out"] / "2012" / "table1_capacity_building.csv"
    table.write_text(table.read_text() + "\n")
    result = run_cli("run", "--year", "2014", *both_years["dirs"])
    assert (
        "because the tables of 2012 changed since its last run (restore its raw folder and "
        "run it, or remove its outputs)"
    ) in result.stderr


def test_a_synthetic_year_beside_real_ones_marks_their_trends_synthetic(both_years, tmp_path):
    synthetic = tmp_path / "synthetic-raw"
    made = run_cli("synth", "--years", "2016", "--offices", "30", "--out", str(synthetic))
    assert made.returncode == 0, made.stderr
    result = run_cli("run", "--year", "2016", "--raw-dir", str(synthetic), *both_years["dirs"][2:])
    assert "trends (2012, 2014, 2016): done" in result.stdout, result.stderr
    # Then a real year, from the real raw folder: the trends still hold synthetic 2016.
    result = run_cli("run", "--year", "2012", "--force", *both_years["dirs"])
    assert "trends (2012, 2014, 2016): done" in result.stdout, result.stderr
    page = (both_years["out"] / "trends" / "trends.html").read_text(encoding="utf-8")
    assert 'class="status synthetic"' in page


def test_a_held_trends_folder_changed_by_hand_is_not_called_the_last_good_run(good_then_broken):
    trends_csv = good_then_broken["trends"] / "trends.csv"
    trends_csv.write_text(trends_csv.read_text() + "\n")  # as 5_trends run by hand would
    result = run_cli("run", "--all", *good_then_broken["dirs"])
    out = good_then_broken["dirs"][-1]
    assert f"because 2012 failed. {out}/trends/ was changed since its last run." in result.stderr


def test_years_held_for_the_same_reason_are_named_together(both_years):
    # The whole message, for two years at once and a year with its raw folder moved away.
    from analysis.run.schedule import run_trends

    raw, out = both_years["raw"], both_years["out"]
    for year in (2012, 2014):
        export = next((raw / str(year)).glob("activities.*"))
        export.write_bytes(export.read_bytes() + b"\n" if export.suffix == ".csv" else b"x")
    held = run_trends(raw, both_years["root"] / "p", out)
    assert held.state == "held" and held.kept == "last good"
    assert held.message == (
        "because the raw files of 2012 and 2014 changed since their tables were made (run them)"
    )
    (raw / "2014").rename(raw.parent / "archived-2014")
    (out / "2014" / "manifest.json").unlink()
    held = run_trends(raw, both_years["root"] / "p", out)
    assert held.message == (
        "because the raw files of 2012 changed since its tables were made (run it); "
        "the tables of 2014 have no manifest.json: no run made them (restore its raw folder "
        "and run it, or remove its outputs)"
    )
