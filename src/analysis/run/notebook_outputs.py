"""Refresh the reference outputs that nbval compares: `make notebooks`.

Runs each notebook in notebooks/ with its defaults (the 2010 data) and keeps the outputs of
the cells tagged `nbval-check-output` only, so the notebooks stay small and their diffs show
exactly the numbers that changed.
"""

from __future__ import annotations

import sys

from ..paths import NOTEBOOKS_DIR

CHECKED = "nbval-check-output"


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
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            cell.metadata.pop("execution", None)
            # nbval compares a cell only if it has run: checked cells keep their count
            # (deterministic, since the notebook runs top to bottom).
            if CHECKED not in cell.metadata.get("tags", []):
                cell.outputs = []
                cell.execution_count = None
        notebook.metadata.pop("widgets", None)
        notebook.metadata["language_info"] = {"name": "python"}  # no patch version churn
        nbformat.write(notebook, path)
        print(f"refreshed {path.name}")


if __name__ == "__main__":
    refresh(sys.argv[1:] or None)
