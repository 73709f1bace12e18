"""End to end: fixture years through the command line, as a researcher runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_fixture_years, run_cli, tree_bytes

YEARS = (2012, 2014)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> dict:
    """One run of both fixture years (2014 delivered as XLSX), two jobs at a time."""
    root = tmp_path_factory.mktemp("e2e")
    raw = copy_fixture_years(root / "raw")
    before = tree_bytes(raw)
    result = run_cli(
        "run", "--all", "--jobs", "2",
        "--raw-dir", str(raw), "--processed-dir", str(root / "processed"),
        "--out-dir", str(root / "out"),
    )  # fmt: skip
    return {"root": root, "raw": raw, "raw_before": before, "result": result}


def test_run_succeeds_and_says_where_outputs_are(first_run):
    result = first_run["result"]
    assert result.returncode == 0, result.stderr
    for year in YEARS:
        assert f"{year}: done. Outputs in" in result.stdout
        assert f"{year}/report.html" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_year_without_a_data_status_is_named_with_the_line_to_add(first_run, tmp_path):
    # The fixture years have no status.yaml: the summary names each, with the file and line.
    status = first_run["raw"] / "2012" / "status.yaml"
    said = (
        f"2012: no data status; add {status} with the line `status: original` for the export "
        "as received (or reconstruction or synthetic; see data/raw/README.md)"
    )
    assert said in first_run["result"].stdout.splitlines()
    raw = copy_fixture_years(tmp_path / "raw")
    (raw / "2012" / "status.yaml").write_text("status: original\n", encoding="utf-8")
    declared = run_cli(
        "run", "--year", "2012", "--no-trends", "--raw-dir", str(raw),
        "--processed-dir", str(tmp_path / "p"), "--out-dir", str(tmp_path / "o"),
    )  # fmt: skip
    assert declared.returncode == 0, declared.stderr
    assert "no data status" not in declared.stdout


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("table", ["table1_capacity_building.csv", "table2_data_research.csv"])
def test_tables_are_exactly_the_contracts(first_run, year, table):
    produced = first_run["root"] / "out" / str(year) / table
    assert produced.read_bytes() == (FIXTURES / "expected" / str(year) / table).read_bytes()


@pytest.mark.parametrize("year", YEARS)
def test_every_output_file_is_there(first_run, year):
    out = first_run["root"] / "out" / str(year)
    figures = sorted(p.name for p in (out / "figures").iterdir())
    assert figures, "no figures"
    stems = {Path(f).stem for f in figures}
    assert {f"{s}.png" for s in stems} | {f"{s}.svg" for s in stems} == set(figures)
    for name in ("report.html", "report.docx", "tables.xlsx"):  # no authored text: all three
        assert (out / name).is_file(), name
    assert (first_run["root"] / "processed" / str(year) / "offices.csv").is_file()
    for step in ("1_clean", "2_tables", "3_charts", "4_report"):
        assert (out / "notebooks" / f"{step}.ipynb").is_file()


@pytest.mark.parametrize("year", YEARS)
def test_each_executed_notebook_ran_in_a_fresh_session(first_run, year):
    # Kernels are reused from step to step and year to year, reset in between: every notebook
    # counts its cells from 1, as in a kernel of its own.
    for notebook in sorted((first_run["root"] / "out" / str(year) / "notebooks").iterdir()):
        cells = json.loads(notebook.read_text())["cells"]
        counts = [c["execution_count"] for c in cells if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), notebook.name


def test_raw_files_are_never_written(first_run):
    assert tree_bytes(first_run["raw"]) == first_run["raw_before"]


def test_report_is_self_contained_and_escapes_data(first_run):
    html = (first_run["root"] / "out" / "2012" / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html  # the note's <script> must arrive as text, and we add none
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; radio &amp; TV" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "loads from the network"
    assert "data:image/png;base64," in html
    assert 'synthetic"' not in html  # hand-made fixtures are not the generator's


def test_report_tells_the_six_region_scheme(first_run):
    html = (first_run["root"] / "out" / "2014" / "report.html").read_text(encoding="utf-8")
    assert "East and Southern Africa" in html and "West and Central Africa" in html
    # 3 of 8 offices is 37.5 per cent: the Total row of Table 1 shows it rounded half up.
    assert (
        '<tr class="total"><td>Total</td><td data-label="Country Offices">8</td>'
        '<td data-label="Offices reporting">3</td><td data-label="Per cent">38</td></tr>'
    ) in html
    # The text says the per cent the table shows ("over one third" would hide 38), one to ten
    # in words.
    assert "38 per cent of UNFPA Country Offices (three of eight)" in html


def test_manifest_records_inputs_outputs_and_versions(first_run):
    manifest = json.loads((first_run["root"] / "out" / "2014" / "manifest.json").read_text())
    # The fixture raw folder has no region list of its own: the project's is named as such.
    assert [r["path"] for r in manifest["inputs"]] == [
        "2014/country_offices.csv",
        "2014/activities.xlsx",
        "data/raw/regions.csv",
    ]
    outputs = {r["path"] for r in manifest["outputs"]}
    assert {"table1_capacity_building.csv", "table2_data_research.csv", "report.html"} <= outputs
    assert not any(p.startswith("notebooks/") for p in outputs)
    assert manifest["packages"]["pandas"]
    assert len(manifest["code"]) == 64  # a SHA-256 of the analysis code and versions


def test_unchanged_rerun_skips_everything(first_run):
    root = first_run["root"]
    before = tree_bytes(root / "out")
    result = run_cli(
        "run", "--all", "--raw-dir", str(first_run["raw"]),
        "--processed-dir", str(root / "processed"), "--out-dir", str(root / "out"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for year in YEARS:
        assert f"{year}: unchanged since the last run" in result.stdout
    assert "trends (2012, 2014): unchanged since the last run" in result.stdout
    assert tree_bytes(root / "out") == before


def test_unchanged_rerun_loads_no_notebook_machinery(first_run):
    # With nothing to do, the command decides with the standard library alone: it must not
    # pay for pandas, papermill or a kernel's client before it knows it has work.
    root = first_run["root"]
    args = ["run", "--all", "--raw-dir", str(first_run["raw"]),
            "--processed-dir", str(root / "processed"), "--out-dir", str(root / "out")]  # fmt: skip
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['analysis', *{args!r}]\n"
        "try:\n    runpy.run_module('analysis', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('pandas', 'papermill', 'nbformat', 'jupyter_client', 'matplotlib')\n"
        "print('loaded:', [m for m in heavy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert "unchanged since the last run" in result.stdout, result.stderr
    assert "loaded: []" in result.stdout


def test_run_from_another_folder_says_what_its_paths_are_relative_to(first_run, tmp_path):
    # Messages name files inside the project relative to the project folder (the cleaning
    # log must not depend on where the command ran); from elsewhere, the user needs the base.
    from analysis.paths import PROJ_ROOT

    # A year with no folder stops before anything is written; its message names the folder.
    elsewhere = run_cli("run", "--year", "2099", cwd=tmp_path)
    assert elsewhere.returncode == 1
    assert "data/raw/2099: no folder for 2099" in elsewhere.stderr
    assert f"relative to the project folder, {PROJ_ROOT})" in elsewhere.stderr
    at_root = run_cli("run", "--year", "2099", cwd=PROJ_ROOT)
    assert at_root.returncode == 1
    assert "relative to the project folder" not in at_root.stderr
    # Every folder a message names outside the project: all its paths are absolute.
    outside = ["--raw-dir", str(first_run["raw"]), "--out-dir", str(first_run["root"] / "out")]
    absolute = run_cli("run", "--year", "2099", *outside, cwd=tmp_path)
    assert f"{first_run['raw']}/2099: no folder for 2099" in absolute.stderr
    assert "relative to the project folder" not in absolute.stderr


def test_two_runs_in_different_folders_give_identical_bytes(first_run, tmp_path):
    raw = copy_fixture_years(tmp_path / "elsewhere" / "raw")
    result = run_cli(
        "run", "--year", "2012", "--raw-dir", str(raw),
        "--processed-dir", str(tmp_path / "p"), "--out-dir", str(tmp_path / "o"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    skip = ("notebooks/", "manifest.json")
    fresh = {k: v for k, v in tree_bytes(tmp_path / "o" / "2012").items() if not k.startswith(skip)}
    first = tree_bytes(first_run["root"] / "out" / "2012")
    first = {k: v for k, v in first.items() if not k.startswith(skip)}
    assert fresh == first


@pytest.mark.parametrize(
    ("option", "says"),
    [("--raw-dir", "raw data folder {} is a file"), ("--out-dir", "--out-dir {} is a file")],
)
def test_a_file_where_a_folder_belongs_is_named(first_run, tmp_path, option, says):
    afile = tmp_path / "not-a-folder"
    afile.write_text("")
    folders = {"--raw-dir": str(first_run["raw"]), "--out-dir": str(tmp_path / "o")}
    folders[option] = str(afile)
    result = run_cli("run", "--year", "2012", *(x for pair in folders.items() for x in pair))
    assert result.returncode == 2
    assert says.format(afile) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("processed", "out", "says"),
    [
        ("p", "raw", "--out-dir {raw}: the run would replace {raw}/2012"),
        ("raw", "o", "--processed-dir {raw}: the run would replace {raw}/2012"),
        ("same", "same", "overlap: the run would replace both"),
        ("o/trends", "o", "overlap: the run would replace both"),
    ],
)
def test_output_folders_that_would_replace_raw_or_each_other_are_refused(
    tmp_path, processed, out, says
):
    raw = copy_fixture_years(tmp_path / "raw")
    before = tree_bytes(raw)
    result = run_cli(
        "run", "--year", "2012", "--raw-dir", str(raw),
        "--processed-dir", str(tmp_path / processed), "--out-dir", str(tmp_path / out),
    )  # fmt: skip
    assert result.returncode == 2
    assert says.format(raw=raw) in result.stderr
    assert tree_bytes(raw) == before


def test_a_file_left_in_the_outputs_is_gone_after_the_next_run(first_run):
    # A skipped run must leave what a fresh run would: a stray copy of a chart is not kept,
    # nor recorded as an output; a file browser's hidden file is let be.
    root = first_run["root"]
    year = root / "out" / "2012"
    before = tree_bytes(year)
    (year / "figures" / "old_chart.png").write_bytes(b"stray")
    (year / ".DS_Store").write_bytes(b"finder")
    result = run_cli(
        "run", "--year", "2012", "--no-trends", "--raw-dir", str(first_run["raw"]),
        "--processed-dir", str(root / "processed"), "--out-dir", str(root / "out"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "unchanged" not in result.stdout
    assert not (year / "figures" / "old_chart.png").exists()
    named = f"as a run does not make them: {year}/.DS_Store, {year}/figures/old_chart.png"
    assert f"removed, {named}" in result.stdout  # not lost silently
    skip = ("notebooks/", "manifest.json")
    after = {k: v for k, v in tree_bytes(year).items() if not k.startswith(skip)}
    assert after == {k: v for k, v in before.items() if not k.startswith(skip)}
    manifest = json.loads((year / "manifest.json").read_text())
    assert "figures/old_chart.png" not in {r["path"] for r in manifest["outputs"]}
    (year / ".DS_Store").write_bytes(b"finder")
    again = run_cli(
        "run", "--year", "2012", "--no-trends", "--raw-dir", str(first_run["raw"]),
        "--processed-dir", str(root / "processed"), "--out-dir", str(root / "out"),
    )  # fmt: skip
    assert "2012: unchanged since the last run" in again.stdout


def test_synthetic_years_are_never_run_into_the_projects_folders(tmp_path):
    # Beside the real years there, a synthetic year's tables would enter their trends.
    from analysis.paths import OUTPUTS_DIR, PROCESSED_DIR

    def project_folders() -> dict[str, bytes]:  # whatever years a researcher has added
        return {**tree_bytes(PROCESSED_DIR), **tree_bytes(OUTPUTS_DIR)}

    raw = tmp_path / "raw"
    made = run_cli("synth", "--years", "2011", "--offices", "20", "--out", str(raw))
    assert made.returncode == 0, made.stderr
    before = project_folders()
    result = run_cli("run", "--year", "2011", "--raw-dir", str(raw))
    assert result.returncode == 2
    assert (
        "holds synthetic data (its years' status.yaml say so): give it a --processed-dir of "
        "its own, "
        "not the project's data/processed" in result.stderr
    )
    assert project_folders() == before


def test_a_year_exported_in_cp1252_is_read_so_until_its_export_changes(tmp_path):
    # --encoding is needed once: the year's manifest keeps it, later runs, --all and verify
    # use it; and it neither reruns nor rewrites a year whose files are UTF-8.
    raw = copy_fixture_years(tmp_path / "raw")
    export = raw / "2012" / "activities.csv"
    text = export.read_text(encoding="utf-8").replace("Census migration module", "Recensement é")
    export.write_bytes(text.encode("cp1252"))
    dirs = ["--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"),
            "--out-dir", str(tmp_path / "o")]  # fmt: skip
    assert "cannot be read as UTF-8" in run_cli("run", "--year", "2012", *dirs).stderr
    first = run_cli("run", "--all", "--encoding", "cp1252", *dirs)
    assert first.returncode == 0, first.stderr
    manifests = {y: json.loads((tmp_path / "o" / y / "manifest.json").read_text()) for y in
                 ("2012", "2014")}  # fmt: skip
    assert manifests["2012"]["parameters"]["encoding"] == "cp1252"
    assert manifests["2014"]["parameters"]["encoding"] == ""  # its files are UTF-8 (and xlsx)
    again = run_cli("run", "--all", *dirs)
    assert "2012: unchanged" in again.stdout and "2014: unchanged" in again.stdout, again.stderr
    verified = run_cli("verify", "--year", "2012", *dirs)
    assert verified.returncode == 0, verified.stdout + verified.stderr
