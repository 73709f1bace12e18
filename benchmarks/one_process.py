"""The baseline: one year's notebooks, their code cells run in one plain Python process, no
kernels, no papermill.

Reads the same notebooks the pipeline runs and executes their code with the same parameters,
so the difference from `python -m analysis run` is what the notebook machinery costs, and
this baseline never drifts from what the notebooks do.
Usage: python benchmarks/one_process.py RAW_DIR YEAR OUT_DIR
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

from analysis.paths import AUTHORED_DIR, NOTEBOOKS_DIR
from analysis.run.steps import STEPS


def code_cells(notebook: Path) -> list[str]:
    """The notebook's code, its `parameters` cell left out (the caller sets them)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [
        "".join(cell["source"])
        for cell in cells
        if cell["cell_type"] == "code" and "parameters" not in cell["metadata"].get("tags", [])
    ]


def run(raw: Path, year: int, out: Path) -> None:
    parameters = {
        "year": year,
        "raw_dir": str(raw),
        "processed_dir": str(out / "processed"),
        "out_dir": str(out / "outputs"),
        "encoding": "",
        "authored_dir": AUTHORED_DIR,  # the report's default: the project's authored text
        "earlier_dir": str(out / "processed"),
    }
    for step in STEPS:
        namespace = dict(parameters)
        with contextlib.redirect_stdout(io.StringIO()):  # what the notebooks print
            for code in code_cells(NOTEBOOKS_DIR / step.notebook):
                exec(compile(code, step.notebook, "exec"), namespace)  # noqa: S102


if __name__ == "__main__":
    run(Path(sys.argv[1]).resolve(), int(sys.argv[2]), Path(sys.argv[3]).resolve())
