"""What a hostile or careless user can do to a run (issue 16): two runs of one folder, a kill
between the folder swaps, an export replaced after a run with --encoding, a full disk, bad
encoding names, Ctrl-C at once. None may end with wrong outputs and exit status 0, and the
last good outputs stay byte-identical through every failure."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import run_cli, tree_bytes
from tiny_year import ROSTER_HEADER, YEAR, csv_bytes, roster_rows, write_year

from analysis.errors import InputError
from analysis.paths import PACKAGE_DIR, YearPaths
from analysis.run import lock
from analysis.run.plan import plan_year
from analysis.run.schedule import run_trends, run_years
from analysis.run.stage import JOURNAL_FILE


def _dirs(root: Path, raw: Path) -> list[str]:
    return ["--raw-dir", str(raw), "--processed-dir", str(root / "p"), "--out-dir", str(root / "o")]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {**tree_bytes(root / "p"), **{f"o/{k}": v for k, v in tree_bytes(root / "o").items()}}


def _dot_files(*folders: Path) -> list[str]:
    """What a run leaves beside the result folders (staging, previous, locks)."""
    return [p.name for f in folders if f.is_dir() for p in f.iterdir() if p.name.startswith(".")]


@contextmanager
def held_by_another_run(folders: list[Path]):
    """The locks of `folders` held by another process, as a run holds them, until the
    block ends (the process is then killed, as with kill -9)."""
    code = (
        "import sys, time; from pathlib import Path; from analysis.run import lock\n"
        "with lock.hold([Path(p) for p in sys.argv[1:]]):\n"
        "    print('held', flush=True); time.sleep(600)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, *map(str, folders)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def tiny_run_once(tmp_path_factory) -> dict:
    """The tiny fixture year run once (the last good outputs), and a copy of its folders."""
    root = tmp_path_factory.mktemp("tiny-run")
    raw = write_year(root)
    final = YearPaths(YEAR, raw, root / "p", root / "o")
    (result,) = run_years([final])
    assert result.ok, result.message
    saved = tmp_path_factory.mktemp("tiny-run-saved")
    shutil.copytree(root, saved / "root", symlinks=True)
    return {"root": root, "saved": saved / "root", "raw": raw, "final": final}


@pytest.fixture
def tiny_run(tiny_run_once) -> dict:
    """The last good outputs, put back at the same paths for each test."""
    root = tiny_run_once["root"]
    shutil.rmtree(root)
    shutil.copytree(tiny_run_once["saved"], root, symlinks=True)
    return tiny_run_once


# --- two runs of one folder -----------------------------------------------------------------


def test_a_second_run_of_a_held_year_refuses_naming_the_holder(tmp_path):
    raw = write_year(tmp_path)
    final = YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o")
    with held_by_another_run([final.out_year]) as other:
        result = run_cli("run", "--year", str(YEAR), *_dirs(tmp_path, raw))
    assert result.returncode == 2
    assert "done" not in result.stdout
    message = result.stderr.strip()
    assert f"{final.out_year} is in use by another run (pid {other.pid} on " in message
    assert ", since 20" in message and "--wait" in message
    assert len(message.splitlines()) <= 3 and "Traceback" not in message
    assert not final.out_year.exists() and not final.processed_year.exists()


def test_the_trends_held_by_another_run_fail_saying_so(tmp_path):
    out = tmp_path / "o"
    with held_by_another_run([out / "trends"]):
        trends = run_trends(tmp_path / "raw", tmp_path / "p", out)
    assert trends.state == "failed"
    assert "trends is in use by another run" in trends.message


def test_the_trends_do_not_read_a_year_another_run_is_writing(tmp_path):
    out = tmp_path / "o"
    for year in (2010, 2012):
        for table in ("table1_capacity_building.csv", "table2_data_research.csv"):
            (out / str(year)).mkdir(parents=True, exist_ok=True)
            (out / str(year) / table).write_text("")
    with held_by_another_run([out / "2012"]):
        trends = run_trends(tmp_path / "raw", tmp_path / "p", out)
    assert trends.state == "failed"
    assert f"{out / '2012'} is in use by another run" in trends.message
    assert not (out / "trends").exists()


def test_verify_refuses_a_year_another_run_is_writing(tmp_path):
    raw = write_year(tmp_path)
    final = YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o")
    final.out_year.mkdir(parents=True)
    with held_by_another_run([final.out_year]):
        result = run_cli("verify", "--year", str(YEAR), *_dirs(tmp_path, raw))
    assert result.returncode == 2
    assert f"{final.out_year} is in use by another run" in result.stderr
    assert "try again when it has ended" in result.stderr and "--wait" not in result.stderr
    assert "matches" not in result.stdout


def test_with_wait_a_run_waits_for_the_other_and_a_killed_holder_frees_it(tmp_path):
    raw = write_year(tmp_path)
    final = YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o")
    with held_by_another_run([final.processed_year]) as other:
        waiting = subprocess.Popen(
            [sys.executable, "-m", "analysis", "run", "--year", str(YEAR), "--wait",
             "--no-trends", *_dirs(tmp_path, raw)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        said = waiting.stderr.readline()
        assert said.startswith(f"waiting for another run (pid {other.pid} on "), said
        time.sleep(1)
        assert waiting.poll() is None  # still waiting
        assert not final.out_year.exists()
        other.kill()  # kill -9: the OS releases its lock
        out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert f"{YEAR}: done." in out
    assert _dot_files(tmp_path / "p", tmp_path / "o") == []  # no lock file left either


def test_two_runs_racing_on_one_year_never_both_claim_it(tmp_path):
    raw = write_year(tmp_path)
    command = [sys.executable, "-m", "analysis", "run", "--year", str(YEAR), "--force",
               *_dirs(tmp_path, raw)]  # fmt: skip
    first, second = (
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    )
    results = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
    done = [r for r in results if r[0] == 0 and f"{YEAR}: done." in r[1]]
    refused = [r for r in results if r[0] == 2 and "in use by another run" in r[2]]
    assert len(done) >= 1 and len(done) + len(refused) == 2, results
    assert all("done" not in out for _, out, _ in refused)
    # What is in place is one whole run: the next plan finds it intact and current.
    plan = plan_year(YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o"), None, force=False)
    assert plan.to_run == []
    assert _dot_files(tmp_path / "p", tmp_path / "o") == []


def test_a_lock_file_left_by_a_killed_run_is_taken_over_and_removed(tmp_path):
    folder = tmp_path / "o" / "2010"
    with held_by_another_run([folder]):
        with pytest.raises(lock.Busy):
            with lock.hold([folder]):
                pass
    assert lock.lock_file(folder).exists()  # kill -9 cleans nothing up
    with lock.hold([folder]):
        said = json.loads(lock.lock_file(folder).read_text())
        assert said["pid"] == os.getpid()
    assert not lock.lock_file(folder).exists()


# --- the swap of a year's two folders ------------------------------------------------------


def test_a_failed_swap_puts_back_what_it_moved_and_removes_nothing(tmp_path, monkeypatch):
    from analysis.run import stage

    pairs = []
    for name in ("p", "o"):
        final = tmp_path / name / "2010"
        final.mkdir(parents=True)
        (final / "file").write_text(f"old {name}")
        staged = tmp_path / name / ".2010-staging-x" / "2010"
        staged.mkdir(parents=True)
        (staged / "file").write_text(f"new {name}")
        pairs.append((staged, final))
    rename = os.rename

    def failing_rename(source, target):
        if Path(source) == pairs[1][0]:  # the outputs' staged folder: a full disk, say
            raise OSError(errno.ENOSPC, "No space left on device")
        rename(source, target)

    monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(OSError):
        stage.swap_into_place(pairs)
    for staged, final in pairs:
        assert (final / "file").read_text().startswith("old ")
        assert (staged / "file").read_text().startswith("new ")
        assert not (staged.parent / JOURNAL_FILE).exists()
    assert sorted(_dot_files(tmp_path / "p", tmp_path / "o")) == [".2010-staging-x"] * 2


def test_a_run_killed_between_the_two_swaps_is_completed_forward(tiny_run):
    root, raw, final = tiny_run["root"], tiny_run["raw"], tiny_run["final"]
    # A change that shows in the processed data, so that old and new cannot pass for each
    # other: one more office.
    roster = [*roster_rows(), ["Fiji", "Asia and the Pacific", "FJI"]]
    (raw / str(YEAR) / "country_offices.csv").write_bytes(csv_bytes(roster))
    # A run killed (SIGKILL, no clean-up) just as it is to move the old outputs aside, its
    # processed data already in place.
    script = (
        "import os, signal, sys; from pathlib import Path\n"
        "from analysis.paths import YearPaths; from analysis.run.schedule import run_years\n"
        "raw, root = map(Path, sys.argv[1:])\n"
        "rename, moves = os.rename, []\n"
        "def rename_then_die(source, target):\n"
        "    if Path(source) == root / 'o' / '2010':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    rename(source, target)\n"
        "os.rename = rename_then_die\n"
        "run_years([YearPaths(2010, raw, root / 'p', root / 'o')])\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, raw, root], timeout=300)
    assert killed.returncode == -signal.SIGKILL
    made = json.loads((final.out_year / "manifest.json").read_text())
    offices = next(r for r in made["processed"] if r["path"] == "offices.csv")
    from analysis.provenance import sha256

    assert sha256(final.processed_year / "offices.csv") != offices["sha256"]  # a mixed pair
    (result,) = run_years([final])  # the next run
    assert result.ok and result.unchanged, (result.message, result.steps)
    assert "Fiji" in (final.processed_year / "offices.csv").read_text()
    assert "Fiji" in (final.out_year / "report.html").read_text()
    assert _dot_files(root / "p", root / "o") == []


# --- a remembered encoding -------------------------------------------------------------------


def _cp1252_year(root: Path) -> Path:
    raw = write_year(root)
    rows = [ROSTER_HEADER, ["Sénégal", "Africa", "SEN"], *roster_rows()[1:]]
    (raw / str(YEAR) / "country_offices.csv").write_bytes(csv_bytes(rows, "cp1252"))
    return raw


def test_a_replaced_export_is_not_read_with_the_encoding_of_the_one_before(tmp_path):
    raw = _cp1252_year(tmp_path)
    dirs = _dirs(tmp_path, raw)
    first = run_cli("run", "--year", str(YEAR), "--encoding", "cp1252", *dirs)
    assert first.returncode == 0, first.stderr
    final = YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o")
    assert plan_year(final, None, force=False).encoding == "cp1252"  # the same file: kept
    before = _snapshot(tmp_path)
    # Exported again, from a DOS tool: read as cp1252, "Sénégal" would be "S‚n‚gal".
    rows = [ROSTER_HEADER, ["Sénégal", "Africa", "SEN"], *roster_rows()[1:]]
    (raw / str(YEAR) / "country_offices.csv").write_bytes(csv_bytes(rows, "cp850"))
    assert plan_year(final, None, force=False).encoding is None
    again = run_cli("run", "--year", str(YEAR), *dirs)
    assert again.returncode == 1
    assert f"{YEAR}: FAILED" in again.stderr and "done" not in again.stdout
    assert "country_offices.csv: cannot be read as UTF-8" in again.stderr
    assert "--encoding" in again.stderr
    assert _snapshot(tmp_path) == before
    named = run_cli("run", "--year", str(YEAR), "--encoding", "cp850", *dirs)
    assert named.returncode == 0, named.stderr
    assert "Sénégal" in (final.processed_year / "offices.csv").read_text(encoding="utf-8")


def test_verify_applies_a_remembered_encoding_only_to_the_same_file(tmp_path):
    from analysis.run.plan import remembered_encoding

    raw = _cp1252_year(tmp_path)
    final = YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o")
    (result,) = run_years([final], "cp1252")
    assert result.ok, result.message
    made = json.loads((final.out_year / "manifest.json").read_text())
    assert remembered_encoding(final, made) == "cp1252"
    roster = raw / str(YEAR) / "country_offices.csv"
    roster.write_bytes(roster.read_bytes() + b"Togo,Africa,TGO\n")
    assert remembered_encoding(final, made) is None


# --- messages: one plain line, nothing kept, nothing changed ---------------------------------


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("utf-16", "country_offices.csv: cannot be read as utf-16"),
        ("utf-32", "country_offices.csv: cannot be read as utf-32"),
        ("rot13", "--encoding 'rot13' is not a text encoding"),
        ("no-such-codec", "--encoding 'no-such-codec' is an unknown encoding"),
    ],
)
def test_an_encoding_that_cannot_read_the_file_is_refused_before_any_step(
    tmp_path, encoding, message
):
    raw = _cp1252_year(tmp_path)
    result = run_cli("run", "--year", str(YEAR), "--encoding", encoding, *_dirs(tmp_path, raw))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "step clean failed" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert not (tmp_path / "o" / "failed-runs").exists()
    assert not (tmp_path / "o" / str(YEAR)).exists()


def test_utf16_that_decodes_as_nonsense_is_refused(tmp_path):
    from analysis.encoding import check_decodes as _check_decodes

    path = tmp_path / "country_offices.csv"
    data = b"country_office,region\nBenin,Africa\n"
    path.write_bytes(data + b"\n" * (len(data) % 2))  # even: it decodes, as nonsense
    with pytest.raises(InputError, match="cannot be read as utf-16 .so read, it has no line"):
        _check_decodes(path, "utf-16")


def test_a_year_folder_that_is_a_file_is_named_so(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / str(YEAR)).write_text("not a folder")
    result = run_cli("run", "--year", str(YEAR), *_dirs(tmp_path, raw))
    assert result.returncode == 1
    assert f"{YEAR}: is a file, not a folder" in result.stderr
    assert "no folder" not in result.stderr


def test_a_failed_notebook_that_cannot_be_kept_leaves_the_real_error(tmp_path, monkeypatch):
    from analysis.run import stage

    executed = tmp_path / "stage" / "4_report.ipynb"
    executed.parent.mkdir()
    executed.write_text('{"cells": []}')
    out = tmp_path / "o"
    replace = os.replace

    def disk_full(source, target):
        if Path(target).parent.parent == out / "failed-runs":
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full)
    where = stage.keep_failed_notebook(executed, out, 2010)
    assert "its executed notebook could not be kept" in where
    assert "No space left on device" in where
    assert not (out / "failed-runs").exists()  # no 0-byte notebook, no empty folder


def test_a_full_disk_at_the_end_of_a_year_fails_it_and_keeps_the_last_good(tiny_run, monkeypatch):
    from analysis import provenance

    root, final = tiny_run["root"], tiny_run["final"]
    before = _snapshot(root)
    write_text = provenance.write_text

    def disk_full(path, text):
        if path.name == "manifest.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        write_text(path, text)

    monkeypatch.setattr(provenance, "write_text", disk_full)
    (result,) = run_years([final], force=True)
    assert not result.ok
    assert result.message.startswith("its outputs could not be put in place: ")
    assert "No space left on device" in result.message
    assert _snapshot(root) == before
    assert _dot_files(root / "p", root / "o") == []


def test_a_failing_step_on_a_full_disk_reports_its_own_error(tiny_run, tmp_path, monkeypatch):
    from test_failures import notebooks_with_a_last_cell

    root, final = tiny_run["root"], tiny_run["final"]
    before = _snapshot(root)
    notebooks = notebooks_with_a_last_cell(
        tmp_path / "notebooks", "4_report.ipynb", "raise RuntimeError('simulated failure')"
    )
    replace = os.replace

    def disk_full(source, target):
        if "failed-runs" in Path(target).parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full)
    (result,) = run_years([final], force=True, notebooks_dir=notebooks)
    assert not result.ok
    assert result.message.startswith("step report failed: RuntimeError: simulated failure; ")
    assert "its executed notebook could not be kept" in result.message
    assert _snapshot(root) == before  # and no failed-runs folder, empty or with 0 bytes
    assert _dot_files(root / "p", root / "o") == []


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.2])
def test_ctrl_c_as_the_command_starts_prints_no_traceback(tmp_path, delay):
    raw = write_year(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "run", "--year", str(YEAR), *_dirs(tmp_path, raw)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    # Before the first line of the project runs (Python starting, some 30 ms), Python prints
    # its own traceback, which no code of ours can catch; from then on, none: a traceback
    # that went through our code would show one of its frames.
    assert f'File "{PACKAGE_DIR}' not in err, err
    assert process.returncode in (0, 1, 130, -signal.SIGINT), err


def test_kernel_connection_files_live_with_its_sockets():
    # A run killed with kill -9 cleans nothing up; the next run removes a dead run's socket
    # folders, and with them its connection files, which were otherwise left in /tmp.
    import shutil

    from analysis.run.kernels import IPCKernelManager

    km = IPCKernelManager(kernel_name="python3")
    try:
        assert Path(km.connection_file).parent == km.socket_dir
    finally:
        shutil.rmtree(km.socket_dir)


def test_verify_removes_a_killed_verifys_temporary_folder(tiny_run):
    from test_failures import _name_of_a_process

    from analysis.run.verify import rerun_and_compare

    left = Path(tempfile.gettempdir()) / _name_of_a_process("analysis-verify")[0]
    left.mkdir()
    result, differences = rerun_and_compare(tiny_run["final"])
    assert result.ok and differences == []
    assert not left.exists()
