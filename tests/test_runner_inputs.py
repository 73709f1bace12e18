"""The runner's word on what it is given: folders that are almost a year, a year folder that is
a symbolic link, and any number of Ctrl-C presses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli, tree_bytes
from tiny_year import YEAR, write_year

from analysis.paths import skipped_folders
from analysis.run.cli import skipped_lines
from analysis.run.stage import not_in as _not_in
from analysis.run.stage import replaced_links


def almost_years(raw: Path) -> Path:
    for name in ("2011 ", "0999", "notes", ".ipynb_checkpoints"):
        (raw / name).mkdir()
    return raw


def test_every_folder_all_skips_is_named_with_why(tmp_path):
    # `run --all` skipped `2011 ` and `0999` with exit 0 and no word.
    raw = almost_years(write_year(tmp_path))
    lines = skipped_lines(raw)
    assert lines == [
        f"skipped {str(raw / '0999')!r}: 0999 is out of range: a year folder is named by the "
        "year alone, 1000 to 9999 (e.g. 2010)",
        f"skipped {str(raw / '2011 ')!r}: its name has a space before or after 2011; "
        "rename it 2011",
        f"skipped {str(raw / 'notes')!r}: not a year: a year folder is named by the year alone, "
        "1000 to 9999 (e.g. 2010)",
    ]  # a hidden folder is no one's year
    assert [name for name, _ in skipped_folders(raw)] == ["0999", "2011 ", "notes"]


def test_all_with_only_almost_years_names_them_and_fails(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    almost_years(raw)
    result = run_cli("run", "--all", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "no year folders" in result.stderr
    assert "/2011 ': its name has a space before or after 2011; rename it 2011" in result.stderr
    assert "0999 is out of range" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_year_whose_folder_has_a_trailing_space_is_told_the_rule(tmp_path):
    raw = tmp_path / "raw"
    (raw / "2011 ").mkdir(parents=True)
    dirs = ["--raw-dir", str(raw), "--out-dir", str(tmp_path / "o")]
    result = run_cli("run", "--year", "2011", *dirs, "--processed-dir", str(tmp_path / "p"))
    assert result.returncode == 1
    assert "no folder for 2011 (there is '2011 ': rename it 2011)" in result.stderr
    out_of_range = run_cli("run", "--year", "0999", *dirs)
    assert out_of_range.returncode == 2
    assert "year '0999' is out of range: a year folder is named by" in out_of_range.stderr


def test_a_year_folder_that_is_a_link_is_reported_truthfully(tmp_path):
    # The summary said it removed the files behind the link, which stayed where they were.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("kept")
    link = tmp_path / "o" / str(YEAR)
    link.parent.mkdir()
    link.symlink_to(elsewhere, target_is_directory=True)
    staged = tmp_path / "staged"
    staged.mkdir()
    assert _not_in(link, staged) == []
    assert replaced_links([link, tmp_path / "o"]) == [
        f"{link} was a link to {elsewhere}: it is now a folder of its own, and the folder the "
        "link pointed to is left as it was"
    ]
    assert _not_in(elsewhere, staged) == [str(elsewhere / "mine.txt")]


def _interrupt_repeatedly(root: Path, raw: Path, wait: float) -> tuple[int, str]:
    """A run given four Ctrl-C presses 0.1 s apart, `wait` seconds after it starts, as a
    terminal sends them: to the whole process group (the kernels too)."""
    dirs = ["--raw-dir", str(raw), "--processed-dir", str(root / "p"), "--out-dir", str(root / "o")]
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "run", "--year", str(YEAR), "--force", *dirs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's job
        # A shell running the tests in the background ignores SIGINT, and children inherit
        # that; give the child the default, as on a terminal where a user presses Ctrl-C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(wait)
    for _ in range(4):
        try:
            os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:  # already ended
            break
        time.sleep(0.1)
    _, err = process.communicate(timeout=180)
    return process.returncode, err


@pytest.mark.slow
def test_any_number_of_ctrl_c_presses_end_with_the_one_message(tmp_path):
    # About one try in three printed Python's "Exception ignored in ... threading._shutdown
    # ... KeyboardInterrupt" after the package's message.
    raw = write_year(tmp_path)
    dirs = ["--processed-dir", str(tmp_path / "p"), "--out-dir", str(tmp_path / "o")]
    good = run_cli("run", "--year", str(YEAR), "--raw-dir", str(raw), *dirs)
    assert good.returncode == 0, good.stderr
    before = {**tree_bytes(tmp_path / "p"), **tree_bytes(tmp_path / "o")}
    interrupted = 0
    for wait in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0):
        status, err = _interrupt_repeatedly(tmp_path, raw, wait)
        if status == 0:  # the run ended before the presses: nothing to show
            continue
        interrupted += 1
        assert status == 130, err
        assert err.count("interrupted") == 1, err
        assert "Exception ignored" not in err and "Traceback" not in err, err
        assert {**tree_bytes(tmp_path / "p"), **tree_bytes(tmp_path / "o")} == before
    assert interrupted >= 4  # most presses came while the run was at work
