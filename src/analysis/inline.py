"""Figures inline in the researchers' own sentences: `{{ table1.percent("Africa") }}` in
`authored/<year>.md` becomes "23 per cent", read off the year's tables, written as UN style
writes it there (a per cent in figures with "per cent", a count of one to ten in words, a
figure that opens a sentence in words).

The vocabulary is small and fixed (VOCABULARY). What a researcher types is parsed, never
run: a name, a method and quoted arguments, each checked against the lists below; anything
else is an InputError naming the file, the line and the accepted names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .errors import InputError, LineProblem, Problem
from .regions import TOTAL, Regions
from .schema import ACTIVITY_LABELS, ACTIVITY_PHRASES, AT_LEAST_ONE, TABLE2_ACTIVITIES
from .words import capitalise, number, number_words, numbers, per_cent

# name.method -> (what it gives, takes an activity first). Every method takes a region last,
# which may be left out for all Country Offices (the Total row).
VOCABULARY = {
    "table1.percent": ("the per cent of Table 1 (training/capacity building)", False),
    "table1.count": ("the Country Offices reporting it, of Table 1", False),
    "table1.of": ('"x of y": offices reporting it, of the offices in the roster', False),
    "table2.percent": ("the per cent of an activity of Table 2", True),
    "table2.count": ("the Country Offices reporting an activity of Table 2", True),
    "table2.of": ('"x of y" for an activity of Table 2', True),
    "roster.count": ("the Country Offices in the roster", False),
    "roster.reporting": ("the Country Offices that sent a report", False),
    "roster.not_reporting": ("the Country Offices that sent no report", False),
    "roster.reporting_of": ('"x of y": offices that sent a report, of the roster', False),
    "roster.not_reporting_of": ('"x of y": offices that sent no report, of the roster', False),
}
# Table 2's columns: the six activities and "at least one of these".
TABLE2_COLUMNS = (*TABLE2_ACTIVITIES, AT_LEAST_ONE)

_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)", re.DOTALL)
_ARGUMENT = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)')\s*(?:,|$)""")
# Before a figure that opens a sentence: nothing, or the end of the previous sentence, and
# perhaps an opening quote or bracket.
_OPENS = re.compile(r"""(?:^|[.!?]["'”’)]?)\s*["'“‘(]*$""")


def looks_inline(inner: str) -> bool:
    """`{{ name.method(...) }}`: a figure in a sentence, not a generated part."""
    return _CALL.fullmatch(inner.strip()) is not None


@dataclass(frozen=True)
class InlineFigure:
    """One figure as typed: `table2.count("advocacy", "Africa")`."""

    name: str  # "table2.count"
    arguments: tuple[str, ...]
    typed: str  # as written between the braces, for messages
    line: int = 0

    @property
    def needs_activity(self) -> bool:
        return VOCABULARY[self.name][1]


def _accepted_names() -> str:
    return ", ".join(f"{name}(...)" for name in VOCABULARY)


def parse(inner: str, line: int) -> InlineFigure | str:
    """The figure typed between `{{` and `}}`, or what is wrong with it."""
    typed = inner.strip()
    if "\n" in typed:
        return "a figure is typed on one line, from `{{` to `}}`"
    call = _CALL.fullmatch(typed)
    if call is None:
        return f"not a figure; the figures are {_accepted_names()}"
    name = f"{call.group(1)}.{call.group(2)}"
    if name not in VOCABULARY:
        return f"unknown figure {name}; the figures are {_accepted_names()}"
    arguments, rest = [], call.group(3).strip()
    while rest:
        match = _ARGUMENT.match(rest)
        if match is None:
            return 'each argument is a name in quotes, e.g. ("advocacy", "Africa")'
        arguments.append(match.group(1) if match.group(1) is not None else match.group(2))
        rest = rest[match.end() :].strip()
    needs_activity = VOCABULARY[name][1]
    wanted = ("an activity", "a region (or none: all Country Offices)")
    if needs_activity and not 1 <= len(arguments) <= 2:
        return f"{name} takes {wanted[0]} and {wanted[1]}, in quotes"
    if not needs_activity and len(arguments) > 1:
        return f"{name} takes {wanted[1]}, in quotes"
    return InlineFigure(name, tuple(arguments), typed, line)


def _key(name: str) -> str:
    return re.sub(r"[\s_/-]+", " ", name.strip().lower())


def _activity_keys() -> dict[str, str]:
    """Each way to name a column of Table 2: its key, its label, its phrase."""
    keys = {}
    for activity in TABLE2_COLUMNS:
        for name in (activity, ACTIVITY_LABELS[activity], ACTIVITY_PHRASES[activity]):
            keys[_key(name)] = activity
    keys[_key("at least one")] = AT_LEAST_ONE
    return keys


@dataclass(frozen=True)
class YearFigures:
    """What inline figures are read from: the year's tables, roster and region list."""

    table1: pd.DataFrame
    table2: pd.DataFrame
    offices: pd.DataFrame
    regions: Regions

    def shown_regions(self) -> list[str]:
        return [r for r in dict.fromkeys(self.table1["region"]) if r != TOTAL]

    def region(self, name: str) -> str | None:
        """The canonical region a name or alias means, among those of the year's tables, or
        Total ("Total", "all")."""
        if _key(name) in ("total", "all"):
            return TOTAL
        region = self.regions.lookup(name)
        return region if region in self.shown_regions() else None

    def cell(self, table: str, activity: str, region: str) -> pd.Series:
        frame = self.table1 if table == "table1" else self.table2
        rows = frame[(frame["region"] == region) & (frame["activity"] == activity)]
        return rows.iloc[0]

    def roster(self, region: str) -> tuple[int, int]:
        """(offices in the roster, offices that sent a report) of a region or the Total."""
        rows = self.offices if region == TOTAL else self.offices[self.offices["region"] == region]
        return len(rows), int(rows["has_report"].astype(bool).sum())


def _problem(file: str, figure: InlineFigure, message: str) -> Problem:
    return LineProblem(file, message, figure.line, None, f"{{{{ {figure.typed} }}}}")


def resolve(figure: InlineFigure, figures: YearFigures, file: str) -> tuple | Problem:
    """(kind, values) for a figure: ("percent", p), ("count", n) or ("of", n, of); or the
    problem, naming the accepted activities or regions."""
    table, method = figure.name.split(".")
    arguments = list(figure.arguments)
    activity = "training_capacity_building"
    if figure.needs_activity:
        typed_activity = arguments.pop(0)
        activity = _activity_keys().get(_key(typed_activity))
        if activity is None:
            accepted = ", ".join(f'"{a}"' for a in TABLE2_COLUMNS)
            return _problem(
                file, figure, f"unknown activity {typed_activity!r}; the activities are {accepted}"
            )
    region = figures.region(arguments[0]) if arguments else TOTAL
    if region is None:
        shown = ", ".join(f'"{r}"' for r in figures.shown_regions())
        return _problem(
            file,
            figure,
            f"no region {arguments[0]!r} in the year's tables; the regions are {shown} (or an "
            'alias the region list gives), and "Total" for all Country Offices',
        )
    if table == "roster":
        offices, reporting = figures.roster(region)
        n = {"count": offices, "reporting": reporting}.get(method.removesuffix("_of"))
        n = offices - reporting if n is None else n
        return ("of", n, offices) if method.endswith("_of") else ("count", n)
    cell = figures.cell(table, activity, region)
    if method == "percent":
        return ("percent", int(cell["percent"]))
    if method == "count":
        return ("count", int(cell["offices_reporting"]))
    return ("of", int(cell["offices_reporting"]), int(cell["country_offices"]))


def opens_sentence(before: str) -> bool:
    """Whether a figure after `before` (the paragraph's text so far) opens a sentence."""
    return _OPENS.search(before) is not None


def written(value: tuple, opening: bool) -> str:
    """A resolved figure as UN style writes it in prose."""
    if value[0] == "percent":
        return per_cent(value[1], opening=opening)
    if value[0] == "count":
        return number(value[1], opening=opening)
    n, of = numbers([value[1], value[2]])
    if opening:
        n = capitalise(number_words(value[1]))
    return f"{n} of {of}"


_FIGURE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def fill(
    text: str, before: str, figures: YearFigures, file: str
) -> tuple[str, list[tuple[int, int]]]:
    """A run of a sentence with each inline figure written out, and where in it each is;
    `before` is the paragraph's text up to the run (a figure that opens a sentence is
    written in words)."""
    out: list[str] = []
    at: list[tuple[int, int]] = []
    last = 0
    for match in _FIGURE.finditer(text):
        figure = parse(match.group(1), 0)
        if isinstance(figure, str):  # authored.parse has refused it already
            continue
        value = resolve(figure, figures, file)
        if isinstance(value, Problem):  # check_all has refused it already
            raise InputError(value)
        out.append(text[last : match.start()])
        shown = written(value, opens_sentence(before + "".join(out)))
        start = len("".join(out))
        at.append((start, start + len(shown)))
        out.append(shown)
        last = match.end()
    return "".join(out) + text[last:], at


def check_all(found: list[InlineFigure], figures: YearFigures, file: str) -> None:
    """Every inline figure of a text resolves, or an InputError lists each that does not."""
    problems = [p for f in found if isinstance(p := resolve(f, figures, file), Problem)]
    if problems:
        raise InputError(problems)
