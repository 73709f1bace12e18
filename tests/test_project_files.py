"""The files a user of the Jupyter ecosystem relies on: the version, Binder's configuration
in step with the lock, the project's Lab settings, and notebooks whose saves leave git clean."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from conftest import run_cli
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from traitlets.utils.importstring import import_item

import analysis
from analysis.paths import NOTEBOOKS_DIR, PROJ_ROOT
from analysis.provenance import package_versions
from analysis.run.notebook_outputs import CHECKED, committed_text

LOCK = PROJ_ROOT / "requirements.lock"
BINDER = PROJ_ROOT / "binder"
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^ ;\\]+)(?: ; (?P<marker>[^\\]+?))?\s*\\?$"
)


def test_version_is_printed_installed_and_recorded_from_one_place():
    done = run_cli("--version")
    assert (done.returncode, done.stdout) == (0, f"analysis {analysis.__version__}\n")
    assert metadata.version("analysis") == analysis.__version__  # pyproject reads it there
    assert package_versions()["analysis"] == analysis.__version__  # what manifests record


def pins(path: Path) -> dict[str, set[tuple[str, str]]]:
    """Each package a requirements file pins, with its versions and their markers."""
    found: dict[str, set[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if pin := PIN.match(line):
            name = canonicalize_name(pin["name"])
            found.setdefault(name, set()).add((pin["version"], (pin["marker"] or "").strip()))
    return found


def via(path: Path) -> dict[str, set[str]]:
    """What pulled each package of a uv-compiled file in (its `# via` annotations)."""
    found: dict[str, set[str]] = {}
    name = None
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if pin := PIN.match(line):
            name = canonicalize_name(pin["name"])
        elif name and line.strip().startswith("# via"):
            rest = [line.split("# via", 1)[1]]
            for more in lines[i + 1 :]:
                if not more.startswith("    #   "):
                    break
                rest.append(more)
            words = " ".join(r.replace("#", " ") for r in rest).split()
            found[name] = {canonicalize_name(w) for w in words if not w.startswith("-")}
            name = None
    return found


def test_binder_pins_the_locked_versions():
    """`make binder` writes binder/requirements.txt from the lock: every package in both has
    the lock's version and marker, every dependency of the package is there, and the only
    others are what the lock leaves out on purpose (pyproject's exclude-dependencies, which
    pip, unlike uv, cannot skip) and what those alone pull in."""
    binder, lock = pins(BINDER / "requirements.txt"), pins(LOCK)
    differing = {name: (binder[name], lock[name]) for name in binder if name in lock}
    assert {n: d for n, d in differing.items() if d[0] != d[1]} == {}
    project = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {canonicalize_name(Requirement(r).name) for r in project["project"]["dependencies"]}
    assert needed - binder.keys() == set()
    excluded = {canonicalize_name(n) for n in project["tool"]["uv"]["exclude-dependencies"]}
    pulled_in = via(BINDER / "requirements.txt")
    extra = binder.keys() - lock.keys()
    allowed = set(excluded)
    for _ in range(len(extra)):
        allowed |= {name for name in extra if pulled_in.get(name, set()) <= allowed}
    assert extra - allowed == set()


def test_binder_runs_the_python_the_lock_was_compiled_for():
    compiled_for = re.search(r"--python-version (\S+)", LOCK.read_text(encoding="utf-8"))[1]
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8")
    assert runtime == f"python-{compiled_for}\n"


def test_binder_installs_the_package_and_the_lab_settings():
    post_build = BINDER / "postBuild"
    assert post_build.stat().st_mode & 0o111, "repo2docker runs postBuild only if executable"
    steps = post_build.read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in steps
    for config in (".jupyter/lab/settings/overrides.json", ".jupyter/jupyter_server_config.json"):
        assert f"cp {config} " in steps
        assert (PROJ_ROOT / config).is_file()


def test_lab_settings_turn_the_news_question_off():
    """The project's Lab settings (make lab, Binder) set a value Lab's own schema accepts."""
    overrides = json.loads((PROJ_ROOT / ".jupyter/lab/settings/overrides.json").read_text())
    plugin = "@jupyterlab/apputils-extension:notification"
    package, name = plugin.split(":")
    schema_file = Path(sys.prefix) / "share/jupyter/lab/schemas" / package / f"{name}.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))["properties"]["fetchNews"]
    never = next(choice["const"] for choice in schema["oneOf"] if choice["title"] == "Never")
    assert overrides[plugin] == {"fetchNews": never}


def as_lab_saves(notebook) -> None:
    """What a run-all (after a rerun or two) and save in JupyterLab changes in a notebook."""
    for count, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        cell.execution_count = 40 + count
        cell.metadata["execution"] = {"iopub.status.idle": "2026-12-08T04:00:00.000Z"}
        if CHECKED not in cell.metadata.get("tags", []):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="not compared\n")]
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = 40 + count
    notebook.metadata["language_info"] = {
        "name": "python",
        "version": "3.11.7",
        "mimetype": "text/x-python",
        "codemirror_mode": {"name": "ipython", "version": 3},
    }


@pytest.mark.parametrize("path", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_are_in_their_committed_form(path: Path):
    text = path.read_text(encoding="utf-8")
    assert committed_text(text) == text


def test_a_lab_save_comes_back_to_the_committed_form():
    """Counts, timings, language_info and outputs of unchecked cells go; the outputs nbval
    compares stay, with the counts of a top-to-bottom run."""
    path = NOTEBOOKS_DIR / "2_tables.ipynb"
    committed = path.read_text(encoding="utf-8")
    saved = nbformat.reads(committed, as_version=4)
    as_lab_saves(saved)
    assert nbformat.writes(saved) + "\n" != committed
    assert committed_text(nbformat.writes(saved)) == committed


def test_lab_saves_a_notebook_in_its_committed_form(tmp_path: Path):
    """The project's server configuration (make lab, Binder) names the save hook, and the
    hook gives a notebook of notebooks/ its committed form, and no other notebook."""
    server_config = json.loads((PROJ_ROOT / ".jupyter/jupyter_server_config.json").read_text())
    hook = import_item(server_config["ContentsManager"]["pre_save_hook"])
    committed = (NOTEBOOKS_DIR / "2_tables.ipynb").read_text(encoding="utf-8")
    saved = nbformat.reads(committed, as_version=4)
    as_lab_saves(saved)
    for root, path, kept in (
        (PROJ_ROOT, "notebooks/2_tables.ipynb", False),
        (tmp_path, "x.ipynb", True),
    ):
        model = {"type": "notebook", "content": json.loads(nbformat.writes(saved))}
        hook(model=model, path=path, contents_manager=SimpleNamespace(root_dir=str(root)))
        on_disk = nbformat.writes(nbformat.from_dict(model["content"])) + "\n"
        assert (on_disk == committed) is not kept


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_commits_a_notebook_saved_elsewhere_in_its_committed_form(tmp_path: Path):
    """The clean filter as the Makefile sets it up, with .gitattributes: a notebook saved by
    a tool without the save hook is committed in its committed form. (`git status` still
    lists it until it is added, as git compares sizes before contents.)"""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    (tmp_path / "notebooks").mkdir()
    shutil.copy(PROJ_ROOT / ".gitattributes", tmp_path)
    notebook = tmp_path / "notebooks" / "2_tables.ipynb"
    shutil.copy(NOTEBOOKS_DIR / notebook.name, notebook)
    git("init", "--quiet")
    git(
        "config",
        "filter.notebooks.clean",
        f"{sys.executable} -m analysis.run.notebook_outputs --clean",
    )
    git("add", ".")
    committer = [
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    git(*committer, "commit", "--quiet", "-m", "notebook")
    saved = nbformat.read(notebook, as_version=4)
    as_lab_saves(saved)
    nbformat.write(saved, notebook)
    assert git("diff", "--stat") == ""
    committed = git("rev-parse", "HEAD:notebooks/2_tables.ipynb")
    assert git("hash-object", "notebooks/2_tables.ipynb") == committed
    assert git("hash-object", "--no-filters", "notebooks/2_tables.ipynb") != committed


def test_readme_binder_badge_opens_the_first_notebook_in_lab():
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    link = re.search(
        r"\(https://mybinder\.org/v2/gh/[^/\s]+/[^/\s]+/HEAD\?urlpath=([^)\s]+)\)", readme
    )
    assert link, "no Binder badge in the README"
    assert link[1].startswith("lab/tree/")
    assert (PROJ_ROOT / link[1].removeprefix("lab/tree/")).is_file()
