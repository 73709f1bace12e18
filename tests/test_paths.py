"""Where a notebook's folders point, and how messages name them."""

from __future__ import annotations

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
