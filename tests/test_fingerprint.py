"""What makes a step rerun: its notebook's source and the analysis code, not the runner or a
notebook saved in JupyterLab."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from analysis.paths import NOTEBOOKS_DIR, PACKAGE_DIR
from analysis.run import fingerprint

NOTEBOOK = NOTEBOOKS_DIR / "2_tables.ipynb"


def key(notebook: Path) -> str:
    return fingerprint.step_key(notebook, {"year": 2010}, [], [], "code")


def saved_in_jupyterlab(notebook: Path, copy: Path) -> Path:
    """The notebook as JupyterLab saves it after a run: new outputs, execution counts, cell
    and notebook metadata, another indentation."""
    content = json.loads(notebook.read_text(encoding="utf-8"))
    for number, cell in enumerate(content["cells"], start=1):
        cell.setdefault("metadata", {})["execution"] = {"iopub.status.busy": "2026-12-02"}
        if cell["cell_type"] == "code":
            cell["execution_count"] = number
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hello\n"]}]
    content["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)"}
    copy.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return copy


def test_a_notebook_saved_in_jupyterlab_keeps_its_key(tmp_path):
    saved = saved_in_jupyterlab(NOTEBOOK, tmp_path / NOTEBOOK.name)
    assert key(saved) == key(NOTEBOOK)


def test_a_changed_cell_source_changes_the_key(tmp_path):
    content = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = next(c for c in content["cells"] if c["cell_type"] == "code")
    code["source"] = [*code["source"], "\nprint('changed')"]
    changed = tmp_path / NOTEBOOK.name
    changed.write_text(json.dumps(content), encoding="utf-8")
    assert key(changed) != key(NOTEBOOK)


def test_a_removed_parameters_tag_changes_the_key(tmp_path):
    content = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in content["cells"]:
        cell.get("metadata", {}).pop("tags", None)
    untagged = tmp_path / NOTEBOOK.name
    untagged.write_text(json.dumps(content), encoding="utf-8")
    assert key(untagged) != key(NOTEBOOK)


def test_the_runner_is_not_part_of_the_analysis_code():
    files = [p.relative_to(PACKAGE_DIR).as_posix() for p in fingerprint.analysis_files()]
    assert "tables.py" in files and "narrative.py" in files
    assert any(f.startswith("templates/") for f in files)
    assert not any(f.startswith("run/") for f in files)


def test_a_comment_in_the_runner_leaves_the_code_fingerprint(tmp_path, monkeypatch):
    """The fingerprint of a copy of the package, before and after a runner module changes."""
    package = tmp_path / "analysis"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE_DIR", package)
    monkeypatch.setattr(fingerprint, "RUNNER_DIR", package / "run")

    def fresh() -> str:
        fingerprint.code_fingerprint.cache_clear()
        return fingerprint.code_fingerprint()

    try:
        before = fresh()
        progress = package / "run" / "progress.py"
        progress.write_text(progress.read_text() + "\n# a comment\n")
        assert fresh() == before
        tables = package / "tables.py"
        tables.write_text(tables.read_text() + "\n# a comment\n")
        assert fresh() != before
    finally:
        fingerprint.code_fingerprint.cache_clear()
