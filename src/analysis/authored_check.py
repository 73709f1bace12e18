"""Figures typed in authored text, checked against the year's tables.

Every figure a sentence states is read: a per cent ("23 per cent", "23%", "twenty-three per
cent"), a count of Country Offices ("Ten UNFPA Country Offices", "the 127 Country Offices"),
"x of y" ("32 of 127"), a verbal share ("over one quarter of", "half of", "all Country
Offices", "no Country Office"), and a year before the document's own (the surest sign of a
paragraph pasted from last year's text). Each is about one cell of the tables: the region the
sentence names nearest to it (or in order, where it says "respectively"), else the Total row;
the activity it names nearest to it, else the activity of its section. A figure that cell does
not hold is a warning naming the file, the line, what was typed and that one cell. Figures
written by the inline vocabulary (inline.py) are the tables' own and are never read here.

The run goes on: the text is the researcher's to correct (`run --strict` fails the year).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from .regions import TOTAL, Regions
from .schema import ACTIVITY_LABELS, ACTIVITY_PHRASES, AT_LEAST_ONE
from .typed_figures import ABOUT, ABOVE, BELOW, SHARES, Typed, figure_patterns, figures_in, years_in

# How a sentence may name each activity, besides the tables' labels and the report's phrases.
_MORE_NAMES = {
    "training_capacity_building": ("capacity building", "training"),
    "awareness_raising": ("awareness",),
    "data_collection_and_research": ("data collection", "research"),
    AT_LEAST_ONE: ("at least one",),
}
# The section a placeholder stands in is about its table's activity.
SECTION_ACTIVITY_OF_PLACEHOLDER = {
    "capacity_building_paragraph": "training_capacity_building",
    "table1": "training_capacity_building",
    "table1_figures": "training_capacity_building",
    "data_research_paragraph": AT_LEAST_ONE,
    "table2": AT_LEAST_ONE,
    "table2_figures": AT_LEAST_ONE,
}
ABOUT_POINTS = 3  # "about a third" holds within three points of 33 per cent
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


@dataclass(frozen=True)
class FigureWarning:
    """A typed figure that its cell does not hold."""

    file: str
    line: int
    typed: str  # exactly as typed: "over one quarter", "32 of 127", "80%", "2010"
    cell: str  # the one cell it is about: "Table 1, Total, training/capacity building"
    holds: str  # what that cell holds: "37 per cent (43 of 116)"
    sentence: str  # the sentence, exactly as the paragraph's text holds it

    @property
    def about(self) -> str:
        """The warning without its place: what an editor reads in a comment."""
        if not self.cell:
            return f'"{self.typed}": {self.holds}'
        return f'"{self.typed}" ({self.cell}): the tables give {self.holds}'

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.about}"


def _spaced(name: str) -> str:
    """A name's pattern: its words apart by spaces or hyphens ("capacity-building")."""
    return r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", name)))


@functools.cache
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"\b{_spaced(name)}\b", re.IGNORECASE)


def _region_names(regions: Regions, shown: list[str]) -> list[tuple[str, str]]:
    """(how a sentence may name a region, the region), longest first so that `East and
    Southern Africa` is not read as `Africa`."""
    names = []
    for region in shown:
        for name in {region, regions.text_name(region)}:
            bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            bare = re.sub(r"\s+region$", "", bare, flags=re.IGNORECASE)
            names.append((bare, region))
    return sorted(set(names), key=lambda n: len(n[0]), reverse=True)


@functools.cache
def _activity_names() -> tuple[tuple[str, str], ...]:
    names = {(label.lower(), a) for a, label in ACTIVITY_LABELS.items()}
    names |= {(phrase.lower(), a) for a, phrase in ACTIVITY_PHRASES.items()}
    names |= {(n, a) for a, more in _MORE_NAMES.items() for n in more}
    names.discard(("at least one of these", AT_LEAST_ONE))
    return tuple(sorted(names, key=lambda n: len(n[0]), reverse=True))


def _mentions(sentence: str, names) -> list[tuple[int, int, str]]:
    """(start, end, what is named) for each name in the sentence, longest names first, none
    inside another's span."""
    taken: list[tuple[int, int]] = []
    found = []
    for name, meaning in names:
        for match in _name_pattern(name).finditer(sentence):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append((*span, meaning))
    return sorted(found)


# After a figure, what binds it to the region named next: "16 per cent of Country Offices in
# Asia", "13 per cent in the Arab States".
_IN_NEXT = re.compile(
    r"\s*(?:of\s+(?:all\s+)?(?:UNFPA\s+)?Country\s+Offices\s+)?in\s+(?:the\s+)?", re.I
)


def _nearest(sentence: str, figure: Typed, named: list[tuple[int, int, str]]) -> str:
    """The name a figure is about: the one it leads into ("16 per cent in Asia"), else the
    one nearest to it, edge to edge ("in Africa (51 per cent)")."""
    binding = _IN_NEXT.match(sentence, figure.end)
    if binding is not None:
        for start, _, meaning in named:
            if start == binding.end():
                return meaning

    def gap(mention: tuple[int, int, str]) -> int:
        start, end, _ = mention
        return max(start - figure.end, figure.start - end, 0)

    return min(named, key=gap)[2]


def _assigned(sentence: str, figures: list[Typed], named: list[tuple[int, int, str]], default):
    """What each figure is about (a region, an activity): in order where the sentence says
    "respectively" and names as many as it has figures of a kind, else the nearest named,
    else `default`."""
    if not named:
        return [default] * len(figures)
    respectively = "respectively" in sentence.lower()
    out = []
    for figure in figures:
        same = [f for f in figures if f.kind == figure.kind]
        if respectively and len(same) == len(named) > 1:
            out.append(named[same.index(figure)][2])
        else:
            out.append(_nearest(sentence, figure, named))
    return out


@dataclass(frozen=True)
class _Cell:
    table: int
    region: str
    activity: str
    country_offices: int
    offices_reporting: int
    percent: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.offices_reporting, self.country_offices)

    def named(self, regions: Regions) -> str:
        where = "all Country Offices (Total)" if self.region == TOTAL else self.region
        return f"Table {self.table}, {where}, {ACTIVITY_PHRASES[self.activity]}"

    @property
    def of(self) -> str:
        return f"{self.offices_reporting} of {self.country_offices}"


def _share_holds(typed: Typed, cell: _Cell) -> bool:
    """Whether a verbal share is true of the cell: "one third" where it rounds to 33 per
    cent; "over one quarter" between one quarter and the next share up (one third), as a
    reader takes it; "almost half" between the share below and half; "about a third"
    within ABOUT_POINTS points."""
    qualifiers = "|".join(map(re.escape, ABOVE + BELOW + ABOUT))
    word = re.sub(rf"^(?:{qualifiers})\s+", "", typed.typed.lower())
    word = re.sub(r"\s+", " ", word)
    fraction = SHARES[word]
    ladder = sorted(set(SHARES.values()))
    share = cell.share
    from .tables import percent

    if typed.qualifier in ABOVE:
        above = [f for f in ladder if f > fraction]
        return fraction < share and (not above or share < above[0])
    if typed.qualifier in BELOW:
        below = [f for f in ladder if f < fraction]
        return share < fraction and (not below or share > below[-1])
    exact = percent(fraction.numerator, fraction.denominator)
    if typed.qualifier in ABOUT:
        return abs(cell.percent - exact) <= ABOUT_POINTS
    return share == fraction or cell.percent == exact


def _per_cent_holds(typed: Typed, cell: _Cell) -> bool:
    exact = cell.share * 100
    if typed.qualifier in ABOVE:
        return exact > typed.value
    if typed.qualifier in BELOW:
        return exact < typed.value
    if typed.qualifier in ABOUT:
        return abs(exact - Fraction(typed.value)) <= ABOUT_POINTS
    if typed.decimals:  # "36.8 per cent": to the decimals typed
        return round(float(exact), typed.decimals) == typed.value
    return cell.percent == typed.value


def _disagreement(typed: Typed, cell: _Cell | None, roster: int) -> str | None:
    """What the one cell holds, where the typed figure is not that; None where it is (or
    where the sentence names no activity and its section none: no one cell to check)."""
    if typed.kind == "count" and (typed.roster or cell is None):
        if typed.value == roster or (cell is not None and typed.value == cell.offices_reporting):
            return None
        return f"{roster} Country Offices in the roster"
    if cell is None:
        return None
    with_counts = f"{cell.percent} per cent ({cell.of})"
    if typed.kind == "count":
        if typed.value in (cell.offices_reporting, cell.country_offices):
            return None
        return f"{cell.of} Country Offices reporting it ({cell.percent} per cent)"
    if typed.kind == "fraction":
        if (typed.value, typed.of) == (cell.offices_reporting, cell.country_offices):
            return None
        return cell.of
    if typed.kind == "per cent":
        return None if _per_cent_holds(typed, cell) else with_counts
    if typed.kind == "share":
        return None if _share_holds(typed, cell) else with_counts
    if typed.kind == "all":
        return None if cell.offices_reporting == cell.country_offices else with_counts
    if typed.kind == "none":
        return None if cell.offices_reporting == 0 else with_counts
    return None


def _sentences(text: str):
    """(start, sentence) of each sentence of a paragraph."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


class Checker:
    """The tables a year's authored text is checked against, read once."""

    def __init__(
        self,
        table1: pd.DataFrame,
        table2: pd.DataFrame,
        regions: Regions,
        year: int,
        file: str,
    ):
        self.year, self.file, self.regions = year, file, regions
        self.cells: dict[tuple[str, str], _Cell] = {}
        for number, table in ((1, table1), (2, table2)):
            for row in table.itertuples(index=False):
                self.cells[(row.region, row.activity)] = _Cell(
                    number,
                    row.region,
                    row.activity,
                    int(row.country_offices),
                    int(row.offices_reporting),
                    int(row.percent),
                )
        shown = [r for r in dict.fromkeys(table1["region"]) if r != TOTAL]
        self.region_names = _region_names(regions, shown)
        self.roster = {r: c.country_offices for (r, a), c in self.cells.items()}
        self.warnings: list[FigureWarning] = []

    def paragraph(
        self,
        text: str,
        first_line: int,
        breaks: list[int] | tuple[int, ...] = (),
        inline_spans: list[tuple[int, int]] | tuple = (),
        section_activity: str | None = None,
    ) -> list[FigureWarning]:
        """The warnings of one paragraph, as its text stands (inline figures written out):
        `breaks` are where its source lines break, `inline_spans` where inline figures are
        (never read), `section_activity` what its section is about."""
        blanked = list(text)
        for start, end in inline_spans:
            blanked[start:end] = "\u2007" * (end - start)  # a figure space: no word, no digit
        read = "".join(blanked)
        found = []
        for start, shown in _sentences(text):  # as written out: a figure may open one
            sentence = read[start : start + len(shown)]
            typed = figures_in(sentence)
            regions = _assigned(sentence, typed, _mentions(sentence, self.region_names), TOTAL)
            activities = _assigned(
                sentence, typed, _mentions(sentence, _activity_names()), section_activity
            )
            for figure, region, activity in zip(typed, regions, activities, strict=True):
                if figure_patterns()["of all"].match(sentence[figure.end :]):
                    region = TOTAL
                cell = self._cell(figure, region, activity)
                held = _disagreement(figure, cell, self.roster.get(region, 0))
                if held is None:
                    continue
                shown_cell = (
                    cell.named(self.regions)
                    if cell is not None and not (figure.kind == "count" and figure.roster)
                    else f"the roster, {'all Country Offices' if region == TOTAL else region}"
                )
                found.append(self._warning(figure, start, shown, shown_cell, held, first_line,
                                           breaks))  # fmt: skip
            for figure in years_in(sentence, self.year):
                held = f"the document is of {self.year}"
                found.append(self._warning(figure, start, shown, "", held, first_line, breaks))
        found.sort(key=lambda w: w.line)
        self.warnings.extend(found)
        return found

    def _cell(self, figure: Typed, region: str, activity: str | None) -> _Cell | None:
        """The one cell a figure is about. A sentence that names no activity, in a section
        about none, may mean any: the cell that holds the figure, else the one nearest it."""
        if activity is not None:
            return self.cells.get((region, activity))
        cells = [c for (r, _), c in self.cells.items() if r == region]
        roster = self.roster.get(region, 0)
        holding = [c for c in cells if _disagreement(figure, c, roster) is None]
        if holding or not cells:
            return holding[0] if holding else None
        value = figure.value
        if figure.kind == "share":
            value = 100 * SHARES[re.sub(r"\s+", " ", figure.typed.lower()).split(" ", 1)[-1]
                                 if figure.qualifier else figure.typed.lower()]  # fmt: skip
        if figure.kind in ("per cent", "share"):
            return min(cells, key=lambda c: abs(c.percent - value))
        return min(cells, key=lambda c: abs(c.offices_reporting - value))

    def _warning(self, figure, start, sentence, cell, holds, first_line, breaks):
        at = start + figure.start
        line = first_line + bisect.bisect_right(breaks, at)  # breaks are in order
        return FigureWarning(self.file, line, figure.typed, cell, holds, sentence)


def section_activities(tokens) -> dict[int, str | None]:
    """For each inline token, by index, the activity its section is about: the one its
    heading names, else that of the table its section places; None for a section about
    neither table."""
    sections: list[tuple[int, str | None]] = []  # (first token, activity)
    placeholder_of = {}
    from .authored import placeholder_name

    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            named = _mentions(tokens[i + 1].content, _activity_names())
            sections.append((i, named[0][2] if named else None))
        elif token.type == "inline" and i and (name := placeholder_name(tokens[i - 1], token)):
            placeholder_of[i] = SECTION_ACTIVITY_OF_PLACEHOLDER.get(name)
    if not sections or sections[0][0] > 0:
        sections.insert(0, (0, None))
    bounds = [s for s, _ in sections[1:]] + [len(tokens)]
    out: dict[int, str | None] = {}
    for (first, activity), end in zip(sections, bounds, strict=True):
        placed = [placeholder_of[i] for i in range(first, end) if placeholder_of.get(i)]
        chosen = activity or (placed[0] if placed else None)
        for i in range(first, end):
            out[i] = chosen
    return out
