"""Bad input and failures: a clear message, a non-zero exit, and the last good outputs intact."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_fixture_years, run_cli, tree_bytes

from analysis.paths import NOTEBOOKS_DIR, YearPaths
from analysis.run.schedule import run_years


@pytest.fixture(scope="module")
def good_run(tmp_path_factory) -> dict:
    """Fixture year 2012 run once: the 'last good outputs' every failure must leave alone."""
    root = tmp_path_factory.mktemp("good")
    raw = copy_fixture_years(root / "raw")
    dirs = ["--raw-dir", str(raw), "--processed-dir", str(root / "p"), "--out-dir", str(root / "o")]
    result = run_cli("run", "--year", "2012", *dirs)
    assert result.returncode == 0, result.stderr
    return {"root": root, "raw": raw, "dirs": dirs}


def notebooks_with_a_last_cell(folder: Path, notebook: str, source: str) -> Path:
    """A copy of the notebooks in `folder`, with one cell added at the end of `notebook`."""
    shutil.copytree(NOTEBOOKS_DIR, folder)
    path = folder / notebook
    book = json.loads(path.read_text())
    book["cells"].append(
        {"cell_type": "code", "id": "added", "metadata": {}, "outputs": [],
         "execution_count": None, "source": source}
    )  # fmt: skip
    path.write_text(json.dumps(book))
    return folder


def _snapshot(root: Path) -> dict[str, bytes]:
    return {**tree_bytes(root / "p"), **{f"o/{k}": v for k, v in tree_bytes(root / "o").items()}}


def _break_2012(raw: Path) -> None:
    """Three faults in one file: an unknown flag, an unreadable date, an unknown office."""
    path = raw / "2012" / "activities.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Ghana,AFRO,2012,2013-01-20,yes", "Ghana,AFRO,2012,2013-01-20,maybe")
    text = text.replace("2013-01-10", "10th Jan")
    text = text.replace("Peru,LAC", "Atlantis,LAC")
    path.write_text(text, encoding="utf-8")


def test_bad_input_names_every_fault_and_keeps_outputs(good_run):
    root, raw = good_run["root"], good_run["raw"]
    before = _snapshot(root)
    original = (raw / "2012" / "activities.csv").read_bytes()
    _break_2012(raw)
    try:
        broken = (raw / "2012" / "activities.csv").read_bytes()
        result = run_cli("run", "--year", "2012", "--force", *good_run["dirs"])
        assert (raw / "2012" / "activities.csv").read_bytes() == broken  # never written
    finally:
        (raw / "2012" / "activities.csv").write_bytes(original)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    err = result.stderr
    assert "2012: FAILED" in err
    assert "activities.csv, row 2, column 'training_capacity_building', value 'maybe'" in err
    assert "yes, y, true, 1 or x" in err
    assert "activities.csv, row 6, column 'submitted', value '10th Jan'" in err
    assert "activities.csv, row 7, column 'country_office', value 'Atlantis'" in err
    assert _snapshot(root) == before


def test_one_bad_year_fails_alone(good_run, tmp_path):
    raw = copy_fixture_years(tmp_path / "raw")
    (raw / "2014" / "country_offices.csv").write_text(
        "country_office,region\nKenya,Atlantis Region\n", encoding="utf-8"
    )
    result = run_cli(
        "run", "--all", "--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"),
        "--out-dir", str(tmp_path / "o"),
    )  # fmt: skip
    assert result.returncode == 1
    assert "2012: done." in result.stdout
    assert "2014: FAILED" in result.stderr
    assert "country_offices.csv, row 2, column 'region', value 'Atlantis Region'" in result.stderr
    assert "Africa, Arab States" in result.stderr  # what would be accepted
    assert (tmp_path / "o" / "2012" / "report.html").is_file()
    assert not (tmp_path / "o" / "2014").exists()


def test_a_failing_late_step_leaves_earlier_outputs_byte_identical(good_run, tmp_path):
    root = good_run["root"]
    before = _snapshot(root)
    notebooks = notebooks_with_a_last_cell(
        tmp_path / "notebooks", "4_report.ipynb", "raise RuntimeError('simulated failure')"
    )
    final = YearPaths(2012, good_run["raw"], root / "p", root / "o")
    (result,) = run_years([final], force=True, notebooks_dir=notebooks)
    assert not result.ok
    assert result.steps["clean"] == "done" and result.steps["report"] == "failed"
    assert "step report failed: RuntimeError: simulated failure" in result.message
    kept = root / "o" / "failed-runs" / "2012" / "4_report.ipynb"
    assert str(kept.relative_to(root)) in result.message or str(kept) in result.message
    assert "simulated failure" in kept.read_text()
    after = _snapshot(root)
    after = {k: v for k, v in after.items() if not k.startswith("o/failed-runs/")}
    assert after == before
    assert not [p for p in (root / "o").iterdir() if p.name.startswith(".")]


def test_a_kernel_that_dies_fails_its_year_alone_and_is_replaced(tmp_path):
    # Kernels are reused from step to step: one that dies (here: 2012's tables step ends
    # its process) must fail that year only, and the other year's steps get a live kernel.
    raw = copy_fixture_years(tmp_path / "raw")
    notebooks = notebooks_with_a_last_cell(
        tmp_path / "notebooks", "2_tables.ipynb", "import os\nif year == 2012:\n    os._exit(1)"
    )
    # In a process of its own, as the command runs it, to see what reaches the terminal.
    script = (
        "import json, sys; from pathlib import Path\n"
        "from analysis.paths import YearPaths; from analysis.run.schedule import run_years\n"
        "raw, p, o, notebooks = map(Path, sys.argv[1:])\n"
        "finals = [YearPaths(y, raw, p, o) for y in (2012, 2014)]\n"
        "results = run_years(finals, jobs=2, notebooks_dir=notebooks)\n"
        "print(json.dumps([[r.ok, r.steps, r.message] for r in results]))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, raw, tmp_path / "p", tmp_path / "o", notebooks],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    # nbclient logs "Kernel died while waiting for execute reply."; the message below says
    # it once, and a logged line would break into the live progress lines.
    assert "Kernel died" not in ran.stderr
    (died_ok, died_steps, died_message), (survived_ok, _, survived_message) = json.loads(ran.stdout)
    assert not died_ok and died_steps["tables"] == "failed"
    assert died_message.startswith("step tables failed: ")
    assert "Traceback" not in died_message
    assert survived_ok, survived_message
    assert (tmp_path / "o" / "2014" / "report.html").is_file()
    assert not (tmp_path / "o" / "2012").exists()


def test_running_years_in_threads_never_moves_the_process(tmp_path, monkeypatch):
    # The working directory belongs to the whole process: a step that changed it from its
    # thread would move every other thread, and the command's cwd-relative checks after it.
    # (papermill's file reader "changes" to the directory the process is in: harmless.)
    here = Path.cwd()
    moves = []
    chdir = os.chdir
    monkeypatch.setattr(os, "chdir", lambda path: (moves.append(Path(path)), chdir(path)))
    raw = copy_fixture_years(tmp_path / "raw")
    finals = [YearPaths(y, raw, tmp_path / "p", tmp_path / "o") for y in (2012, 2014)]
    results = run_years(finals, jobs=2, force=True)
    assert all(r.ok for r in results), [r.message for r in results]
    assert set(moves) <= {here}
    assert Path.cwd() == here


def test_a_notebook_parameter_papermill_does_not_know_is_an_error(good_run, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    clean = notebooks / "1_clean.ipynb"
    clean.write_text(clean.read_text().replace('encoding = \\"\\"', 'text_encoding = \\"\\"'))
    final = YearPaths(2012, good_run["raw"], tmp_path / "p", tmp_path / "o")
    (result,) = run_years([final], notebooks_dir=notebooks)
    assert not result.ok
    assert "1_clean.ipynb has no parameter named encoding" in result.message


def test_an_interrupted_run_changes_nothing(good_run):
    root = good_run["root"]
    before = _snapshot(root)
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "run", "--year", "2012", "--force", *good_run["dirs"]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell running the tests in the background ignores SIGINT, and children inherit
        # that; give the child the default, as on a terminal where a user presses Ctrl-C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Interrupt once the tables are staged: mid-run, with the report still to come.
    deadline = time.monotonic() + 60
    staged_table = ".2012-staging-*/2012/table1_capacity_building.csv"
    while not list((root / "o").glob(staged_table)) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert _snapshot(root) == before
    assert not [p for p in (root / "o").iterdir() if p.name.startswith(".")]
    assert not [p for p in (root / "p").iterdir() if p.name.startswith(".")]


def test_a_cp1252_export_needs_its_encoding_named(tmp_path):
    raw = copy_fixture_years(tmp_path / "raw")
    roster = raw / "2012" / "country_offices.csv"
    roster.write_bytes(roster.read_text().replace("Senegal", "Sénégal").encode("cp1252"))
    dirs = ["--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"),
            "--out-dir", str(tmp_path / "o")]  # fmt: skip
    refused = run_cli("run", "--year", "2012", *dirs)
    assert refused.returncode == 1
    assert "country_offices.csv: cannot be read as UTF-8" in refused.stderr
    assert "--encoding" in refused.stderr and "Traceback" not in refused.stderr
    accepted = run_cli("run", "--year", "2012", "--encoding", "cp1252", *dirs)
    assert accepted.returncode == 0, accepted.stderr
    offices = (tmp_path / "p" / "2012" / "offices.csv").read_text(encoding="utf-8")
    assert "Sénégal" in offices


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--year", "20x0"], "year '20x0' is not a four-digit year"),
        (["run", "--year", "0999"], "year '0999' is out of range: a year folder is named by"),
        (["run", "--year", "12345"], "year '12345' is out of range: a year folder is named by"),
        (["run", "--year", "1999"], "no folder for 1999"),
        (["run", "--year", "2010", "--raw-dir", "/nonexistent/raw"], "does not exist"),
        (["run", "--yaer", "2010"], "No such option '--yaer'. Did you mean '--year'?"),
        (["verify", "--year", "2010", "--jobs", "2"], "No such option '--jobs'"),
        (["run"], "say which years: --year Y (repeatable) or --all"),
        (["run", "--year", "2010", "--jobs", "0"], "--jobs must be at least 1"),
        (["verify", "--year", "2099"], "/2099, and no data/raw/2099 to make them from"),
    ],
)
def test_bad_parameters_get_one_clear_line(args, message, tmp_path):
    result = run_cli(*args, "--out-dir", str(tmp_path / "o"), "--processed-dir", str(tmp_path))
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_raw_file_edited_during_the_run_reads_as_changed_on_the_next(tmp_path):
    # The manifest records the raw files as the run found them, not as they are at its end:
    # an export saved again while the year ran must make the next run redo the year.
    from analysis.provenance import sha256
    from analysis.run.plan import plan_year

    raw = copy_fixture_years(tmp_path / "raw")
    export = raw / "2012" / "activities.csv"
    as_found = sha256(export)
    notebooks = notebooks_with_a_last_cell(
        tmp_path / "notebooks",
        "2_tables.ipynb",
        f"with open({str(export)!r}, 'a') as f:\n    f.write('\\n')",
    )
    final = YearPaths(2012, raw, tmp_path / "p", tmp_path / "o")
    (result,) = run_years([final], force=True, notebooks_dir=notebooks)
    assert result.ok, result.message
    assert sha256(export) != as_found
    manifest = json.loads((tmp_path / "o" / "2012" / "manifest.json").read_text())
    recorded = {r["path"]: r["sha256"] for r in manifest["inputs"]}
    assert recorded["2012/activities.csv"] == as_found
    assert "clean" in plan_year(final, None, force=False, notebooks_dir=notebooks).to_run


def test_an_output_folder_that_cannot_be_written_is_named(tmp_path, monkeypatch, capsys):
    # A read-only disk: said before any year starts, with no staging folder left behind.
    from analysis.run import cli

    raw = copy_fixture_years(tmp_path / "raw")
    locked = tmp_path / "locked"
    locked.mkdir()
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and access(p, mode))
    folders = ["--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"),
               "--out-dir", str(locked / "o")]  # fmt: skip
    status = cli.main(["run", "--year", "2012", *folders])
    assert status == 2
    assert f"--out-dir {locked / 'o'}: {locked} cannot be written to" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def _name_of_a_process(kind: str, stay: bool = False) -> tuple[str, subprocess.Popen | None]:
    """`owned_name(kind)` as another process on this machine makes it: one that has ended,
    or (stay) one still at work, until the test kills it."""
    code = (
        "import sys, time; from analysis.run.manifest import owned_name; "
        f"print(owned_name({kind!r}), flush=True); time.sleep(600 if {stay} else 0)"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    name = process.stdout.readline().strip() + "abc"
    if not stay:
        process.wait()
        return name, None
    return name, process


def test_a_killed_runs_leftovers_are_removed_and_a_live_runs_kept(tmp_path):
    import tempfile

    raw = copy_fixture_years(tmp_path / "raw")
    out = tmp_path / "o"
    killed = out / _name_of_a_process(".2012-staging")[0]
    sockets = Path(tempfile.gettempdir()) / _name_of_a_process("analysis-kernel")[0]
    # The same dead pid, but another machine's (a shared folder): not ours to judge.
    dead = _name_of_a_process(".2012-staging")[0].removeprefix(".2012-staging-")
    elsewhere = out / f".2012-staging-another_machine-{dead.split('-', 1)[1]}"
    name, working = _name_of_a_process(".2012-staging", stay=True)
    live = out / name
    try:
        for folder in (killed, sockets, elsewhere, live):
            folder.mkdir(parents=True)
        (result,) = run_years([YearPaths(2012, raw, tmp_path / "p", out)])
        assert result.ok, result.message
        assert not killed.exists() and not sockets.exists()
        assert live.is_dir() and elsewhere.is_dir()
    finally:
        working.kill()
        working.wait()


def test_a_run_killed_between_its_renames_gets_its_outputs_back(good_run, tmp_path):
    # Killed after moving the last good outputs aside and before moving the new ones in,
    # with no journal to complete: only the `previous` folder holds them, under their own
    # name, and the next run must not throw it away.
    root = good_run["root"]
    before = tree_bytes(root / "o" / "2012")
    aside = root / "o" / _name_of_a_process(".2012-previous")[0]
    aside.mkdir()
    os.rename(root / "o" / "2012", aside / "2012")
    notebooks = notebooks_with_a_last_cell(
        tmp_path / "notebooks", "4_report.ipynb", "raise RuntimeError('simulated failure')"
    )
    (result,) = run_years(
        [YearPaths(2012, good_run["raw"], root / "p", root / "o")], notebooks_dir=notebooks
    )
    assert not result.ok  # and so the outputs are the last good ones, put back
    assert tree_bytes(root / "o" / "2012") == before
    assert not aside.exists()


def test_a_success_clears_its_own_last_failure(tmp_path):
    raw = copy_fixture_years(tmp_path / "raw")
    out = tmp_path / "o"
    notebooks = notebooks_with_a_last_cell(
        tmp_path / "notebooks", "4_report.ipynb", "raise RuntimeError('simulated failure')"
    )
    final = YearPaths(2012, raw, tmp_path / "p", out)
    (failed,) = run_years([final], notebooks_dir=notebooks)
    assert not failed.ok and (out / "failed-runs" / "2012" / "4_report.ipynb").is_file()
    (fixed,) = run_years([final])
    assert fixed.ok, fixed.message
    assert not (out / "failed-runs").exists()


def test_a_year_folder_that_is_a_symlink_is_replaced_and_its_target_kept(tmp_path):
    raw = copy_fixture_years(tmp_path / "raw")
    final = YearPaths(2012, raw, tmp_path / "p", tmp_path / "o")
    (first,) = run_years([final])
    assert first.ok, first.message
    elsewhere = tmp_path / "kept-elsewhere"
    os.rename(final.out_year, elsewhere)
    final.out_year.symlink_to(elsewhere, target_is_directory=True)
    (again,) = run_years([final], force=True)
    assert again.ok, again.message
    # The summary said it removed the link's files, which stayed where they were.
    assert again.removed == []
    assert again.links == [
        f"{final.out_year} was a link to {elsewhere}: it is now a folder of its own, and the "
        "folder the link pointed to is left as it was"
    ]
    assert final.out_year.is_dir() and not final.out_year.is_symlink()
    assert (elsewhere / "report.html").is_file()  # what the link pointed to is not deleted
    assert [p.name for p in final.out.iterdir() if p.name.startswith(".")] == []
