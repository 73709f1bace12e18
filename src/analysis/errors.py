"""The one exception type for problems a user can cause, and how it reads."""

from __future__ import annotations

from dataclasses import dataclass

# Enough to fix a file in one pass without burying the first problems.
MAX_PROBLEMS_SHOWN = 50
# What one message line lists or quotes, so that a line stays within a screen's few lines.
MAX_LISTED = 10
MAX_VALUE_CHARS = 80


def listed(items: list[str], limit: int = MAX_LISTED) -> str:
    """`a, b, c`; past `limit` items, the first ones and how many more."""
    shown = ", ".join(str(item) for item in items[:limit])
    hidden = len(items) - limit
    return f"{shown} and {hidden:,} more" if hidden > 0 else shown


def quoted(value: str, limit: int = MAX_VALUE_CHARS) -> str:
    """A value quoted in a message; when it is long, its start and how long it is."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}... ({len(value):,} characters)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what would be accepted."""

    file: str
    message: str
    row: int | None = None  # as a spreadsheet numbers it: the header is row 1
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.value is not None:
            where.append(f"value {quoted(self.value)}")
        return f"{', '.join(where)}: {self.message}"


@dataclass(frozen=True)
class LineProblem(Problem):
    """A problem in a text file, which an editor numbers by line (`row` holds the line)."""

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, line {self.row}"
        shown = "" if self.value is None else f", {self.value!r}"
        return f"{where}{shown}: {self.message}"


class InputError(Exception):
    """Bad input or bad parameters: shown to the user as a plain message, never a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str | Problem):
            problems = [problems]
        self.problems = _in_reading_order(list(problems))
        super().__init__(format_problems(self.problems))


def _in_reading_order(problems: list[Problem | str]) -> list[Problem | str]:
    """Each file's problems by row, as the user fixes them from the top; the files in the
    order their first problem came (checks find problems kind by kind, not row by row)."""
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(getattr(problem, "file", ""), len(files))

    def place(problem: Problem | str) -> tuple[int, int]:
        row = getattr(problem, "row", None)
        return files[getattr(problem, "file", "")], -1 if row is None else row

    return sorted(problems, key=place)  # stable: one row's problems keep their order


def format_problems(problems: list[Problem | str]) -> str:
    shown = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
    hidden = len(problems) - len(shown)
    if hidden > 0:
        shown.append(f"... and {hidden} more problem{'s' if hidden != 1 else ''} not shown")
    return "\n".join(shown)


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)
