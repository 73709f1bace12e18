"""Where a notebook's folders point, and how messages name them."""

from __future__ import annotations

import pytest

from analysis import paths, status
from analysis.errors import InputError
from analysis.paths import PROJ_ROOT, display_path, resolve


def test_relative_folders_are_in_the_project_wherever_python_runs(monkeypatch, tmp_path):
    monkeypatch.delenv("ANALYSIS_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve("outputs") == PROJ_ROOT / "outputs"
    assert display_path(PROJ_ROOT / "outputs" / "2010") == "outputs/2010"
    assert display_path(tmp_path / "x") == str(tmp_path / "x")


def test_analysis_root_moves_them_into_a_scratch_copy(monkeypatch, tmp_path):
    # `make test` checks the notebooks this way: they must not write the project's outputs.
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    assert resolve("outputs") == tmp_path.resolve() / "outputs"
    assert resolve(tmp_path / "elsewhere") == tmp_path / "elsewhere"
    assert display_path(tmp_path / "outputs" / "2010") == "outputs/2010"


def test_the_command_line_ignores_analysis_root(monkeypatch, tmp_path):
    # Its manifests and cleaning logs name paths from the project folder, whatever the shell.
    from conftest import run_cli

    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    result = run_cli("run", "--year", "2099", cwd=PROJ_ROOT)
    assert result.returncode == 1
    assert "\ndata/raw/2099: no folder for 2099" in result.stderr  # from the project folder
    assert str(tmp_path) not in result.stderr


# --- a raw year's data status ----------------------------------------------------------------


def test_a_year_without_a_status_file_is_not_declared(tmp_path):
    (tmp_path / "2011").mkdir()
    assert status.data_status(tmp_path / "2011") == status.DataStatus(status.NOT_DECLARED)
    assert not status.is_synthetic(tmp_path)


def test_the_status_and_its_note_are_read(tmp_path):
    (tmp_path / status.STATUS_FILE).write_text(
        "# a comment\nstatus: reconstruction\nnote: >-\n  Rebuilt from\n  the paper.\n",
        encoding="utf-8",
    )
    assert status.data_status(tmp_path) == status.DataStatus(
        "reconstruction", "Rebuilt from the paper."
    )


def test_2010_declares_itself_a_reconstruction_of_the_papers_figures():
    declared = status.data_status(paths.RAW_DIR / "2010")
    assert declared.status == status.RECONSTRUCTION
    for part in ("activity flags", "sent no report", "notes", "reconstructed"):
        assert part in declared.note


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("status: real\n", "column 'status', value 'real': not a data status; expected one of "
         "original, reconstruction, synthetic"),
        ("- original\n", "expected `status: original | reconstruction | synthetic`"),
        ("status: original\nnote: [1, 2]\n", "column 'note'"),
        ("status: original\nsource: COAR\n", "column 'source': not a field of the data status"),
        ("status: [original\n", "cannot read the data status"),
    ],
)  # fmt: skip
def test_a_bad_status_file_is_named_with_its_problem(tmp_path, text, says):
    (tmp_path / status.STATUS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        status.data_status(tmp_path)
    message = str(err.value)
    assert status.STATUS_FILE in message and says in message
    assert "\n" not in message and "Traceback" not in message


def test_synthetic_years_mark_their_folder(tmp_path):
    from analysis.synth import write_years

    write_years([2011, 2012], 10, tmp_path / "s")
    assert status.data_status(tmp_path / "s" / "2011").status == status.SYNTHETIC
    assert status.is_synthetic(tmp_path / "s") and status.only_synthetic(tmp_path / "s")
    # A real year put beside them: the folder is still synthetic for the runner's checks, but
    # no longer one `synth` may overwrite.
    (tmp_path / "s" / "2013").mkdir()
    assert status.is_synthetic(tmp_path / "s") and not status.only_synthetic(tmp_path / "s")
