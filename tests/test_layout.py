"""The analysis and the runner live apart: the analysis never imports the runner, and no
module imports itself back through others."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from analysis.paths import NOTEBOOKS_DIR, PACKAGE_DIR

RUNNER = "analysis.run"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """The package modules `path` imports, anywhere in it (at the top or in a function)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("analysis")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.startswith("analysis"):
                found.add(target)
                # `from . import clean`: the names may be modules themselves
                found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts}


def is_runner(name: str) -> bool:
    return name == RUNNER or name.startswith(RUNNER + ".")


def test_the_analysis_never_imports_the_runner():
    offenders = {
        name: sorted(m for m in imported_modules(path) if is_runner(m))
        for name, path in package_modules().items()
        if not is_runner(name) and name != "analysis.__main__"
    }
    assert {name: runner for name, runner in offenders.items() if runner} == {}


def test_the_notebooks_never_import_the_runner():
    for notebook in NOTEBOOKS_DIR.glob("*.ipynb"):
        assert RUNNER not in notebook.read_text(encoding="utf-8"), notebook.name


MANIFEST_WORDS = ("manifest.json", "MANIFEST_FILE")


def test_the_analysis_never_reads_the_runners_manifest():
    # The runner's record of a run is the runner's: what the analysis needs of a year (its data
    # status, say) it reads from what the analysis itself wrote (the clean step's inputs.json).
    readers = [
        name
        for name, path in package_modules().items()
        if not is_runner(name)
        and any(
            word in path.read_text(encoding="utf-8") for word in ("manifest.json", "MANIFEST_FILE")
        )
    ]
    readers += [
        notebook.name
        for notebook in NOTEBOOKS_DIR.glob("*.ipynb")
        if "manifest" in notebook.read_text(encoding="utf-8")
    ]
    assert readers == []


def test_no_import_cycles():
    modules = package_modules()
    graph = {
        name: {m for m in imported_modules(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # A package's __init__ is imported with any of its modules: not an edge of its own.
    graph = {n: {m for m in deps if modules[m].name != "__init__.py"} for n, deps in graph.items()}

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    return path + [start]
                if nxt not in path:
                    stack.append((nxt, path + [nxt]))
        return None

    cycles = [c for c in (cycle_from(name) for name in graph) if c]
    assert cycles == []


def private_attributes(path: Path) -> list[str]:
    """`thing._name` in a module, where `thing` is not `self` or `cls`: another object's
    private attribute (python-docx's `paragraph._p`, jupyter_client's `_handle_...`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
    return found


def test_no_private_attributes_of_other_objects_and_no_sys_modules_tricks():
    for name, path in package_modules().items():
        text = path.read_text(encoding="utf-8")
        assert "sys.modules" not in text, name
        assert private_attributes(path) == [], name


# --- nothing of one year is hard-coded in the code -----------------------------------------

# A year or a meeting named in a literal, other than in a docstring: the text of one year's
# document belongs to its data and authored/<year>.md, never to the code.
YEAR_OR_MEETING = re.compile(r"Ninth|Tenth|\b(19|20)[0-9]{2}\b")
# Literals that are examples in a message or a help text, not content of a document.
EXAMPLE = re.compile(r"e\.g\.|such as|python -m analysis|list them as")
# The contract's and the formats' constants, each documented where it is defined.
CONSTANTS = {
    ("synth.py", 2010),  # BASE_YEAR: the year synthetic shares drift from
    ("synth.py", 2013),  # AFRICA_SPLIT_YEAR: UNFPA's split of Africa (data/raw/regions.csv)
    ("synth.py", 1980),  # the earliest date a zip entry holds (the synthetic workbook's)
    ("synth.py", "1980-01-01T00:00:00Z"),
    ("ooxml.py", 1980),  # ZIP_EARLIEST
}


def year_literals(path: Path) -> list[tuple[int, object]]:
    """(line, value) of each literal in a module naming a year or a meeting, docstrings aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bodies = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, bodies)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and id(node) not in docstrings
        and isinstance(node.value, (str, int))
        and not isinstance(node.value, bool)
        and YEAR_OR_MEETING.search(str(node.value))
        and not EXAMPLE.search(str(node.value))
        and (path.name, node.value) not in CONSTANTS
    ]


def test_no_year_or_meeting_is_written_into_the_code():
    found = [
        f"{path.relative_to(PACKAGE_DIR)}:{line}: {value!r}"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        for line, value in year_literals(path)
    ]
    for template in sorted((PACKAGE_DIR / "templates").glob("*.j2")):
        for line, text in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if YEAR_OR_MEETING.search(text):
                found.append(f"templates/{template.name}:{line}: {text.strip()!r}")
    assert found == []


def test_the_year_check_sees_a_hard_coded_line(tmp_path):
    module = tmp_path / "report.py"
    module.write_text(
        '"""A docstring may say 2010."""\n'
        'LINE = "following the input to the Ninth Coordination Meeting (2011)"\n'
        'HINT = "a year such as 2010"\n',
        encoding="utf-8",
    )
    assert year_literals(module) == [
        (2, "following the input to the Ninth Coordination Meeting (2011)")
    ]
