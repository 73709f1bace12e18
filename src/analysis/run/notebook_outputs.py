"""The notebooks as committed: what nbval compares, and nothing a save changes besides.

`make notebooks` (`refresh`) runs each notebook in notebooks/ with its defaults (the 2010
data) and keeps the outputs of the cells tagged `nbval-check-output` only, so the notebooks
stay small and their diffs show exactly the numbers that changed.

`normalise` is the one definition of that committed form, so that a run-all and save in
JupyterLab, which changes execution counts, outputs nobody compares and `language_info`,
leaves `git status` clean. It is applied
- by JupyterLab as it saves a notebook of notebooks/ (`pre_save_hook`: make lab and Binder
  configure it), so the file on disk is in that form: git compares a file's size before its
  content, and shows any file whose size changed as modified, even one a clean filter makes
  the same as the committed;
- by git's clean filter for notebooks/*.ipynb (`--clean`: a notebook on stdin, its committed
  form on stdout; the Makefile sets it up with .venv), so that a notebook saved by another
  tool is committed in that form all the same;
- by the pre-commit hook (`--check FILE...`).
nbstripout cannot do this: it keeps every output or none, and it drops the counts nbval
needs on the cells it compares.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..paths import NOTEBOOKS_DIR

CHECKED = "nbval-check-output"
# Cell metadata a front end writes for its own view or timing, never part of the analysis.
VIEW_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


def normalise(notebook) -> None:
    """`notebook` (an nbformat node) in its committed form, in place: outputs and counts on
    the cells nbval compares only, with each such count the one a top-to-bottom run gives
    (nbval compares a cell only if it has run); no front-end metadata; `language_info` the
    language alone (its patch version churns)."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for count, cell in enumerate(code_cells, start=1):
        for key in VIEW_METADATA:
            cell.metadata.pop(key, None)
        if CHECKED in cell.metadata.get("tags", []):
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output.execution_count = count
        else:
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}


def committed_text(text: str) -> str:
    """A notebook's JSON text, in its committed form (as nbformat writes it)."""
    import nbformat

    notebook = nbformat.reads(text, as_version=4)
    normalise(notebook)
    return nbformat.writes(notebook) + "\n"


def pre_save_hook(model: dict, path: str, contents_manager, **kwargs) -> None:
    """Jupyter's `ContentsManager.pre_save_hook`: a notebook of notebooks/ is saved in its
    committed form (what the front end shows stays as it is until the notebook is reopened)."""
    if model.get("type") != "notebook":
        return
    saved_to = (Path(contents_manager.root_dir) / path).resolve()
    if saved_to.parent != NOTEBOOKS_DIR.resolve():
        return
    import nbformat

    notebook = nbformat.from_dict(model["content"])
    normalise(notebook)
    model["content"] = notebook


def refresh(notebook_names: list[str] | None = None) -> None:
    import nbformat
    from nbclient import NotebookClient

    from .kernels import IPCKernelManager

    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    for path in paths:
        if notebook_names and path.name not in notebook_names:
            continue
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(
            notebook,
            timeout=1800,
            kernel_manager_class=IPCKernelManager,
            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        ).execute()
        normalise(notebook)
        nbformat.write(notebook, path)
        print(f"refreshed {path.name}")


def check(paths: list[Path]) -> int:
    """The pre-commit hook: rewrite each notebook not in its committed form; 1 if any was."""
    changed = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        committed = committed_text(text)
        if committed != text:
            path.write_text(committed, encoding="utf-8")
            print(f"normalised {path}")
            changed = 1
    return changed


def main(args: list[str]) -> int:
    if args[:1] == ["--clean"]:
        # Bytes: a notebook is UTF-8 whatever the locale git runs the filter in.
        text = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(committed_text(text).encode("utf-8"))
        return 0
    if args[:1] == ["--check"]:
        return check([Path(a) for a in args[1:]])
    refresh(args or None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
